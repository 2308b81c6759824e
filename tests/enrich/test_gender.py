"""Speakers' gender: evidence read from the text first, a first name only where the text is silent."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from quotes.enrich.gender import (
    Evidence,
    base_key,
    decide,
    mention_evidence,
    name_gender,
    with_gender_mode,
)
from quotes.model import Quote, overall_gender

CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "gender.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_gender_of_each_speaker(case, nlp):
    from quotes.run import extract_text

    quotes = [q for q in extract_text(case["text"]) if q.speaker == case["speaker"]]
    assert quotes, f"no quote of {case['speaker']!r}"
    assert {(q.speaker_gender, q.speaker_gender_evidence) for q in quotes} == {(case["gender"], case["evidence"])}


@pytest.mark.parametrize("name, expected", [
    ("Jane Roe", "f"), ("David Roe", "m"), ("President Mary Roe", "f"), ("J. Michael Roe", "m"),
    ("Jean-Pierre Roe", "m"),       # Jean says nothing (both sexes across languages), Pierre does
    ("Jordan Roe", None), ("Taylor Roe", None), ("Jean Roe", None),   # given to both sexes
    ("Roe", None),                  # one word may be a surname
    ("Zxqv Roe", None),             # a name the table does not know
])
def test_first_name_table(name, expected):
    assert name_gender(name) == expected


@pytest.mark.parametrize("mention, expected", [
    ("she", ("f", "pronoun")), ("He", ("m", "pronoun")),
    ("the spokeswoman", ("f", "noun")), ("a 40-year-old father", ("m", "noun")),
    ("the company's chairman", None),  # a possessor: the resolved speaker may be the company
    ("his wife", None), ("Roe's husband", None),
    ("the lawyer for the mother", None),  # the head is the lawyer
    ("they", None), ("the minister", None),
])
def test_mention_evidence(mention, expected):
    found = mention_evidence(mention)
    assert (None if found is None else (found.gender, found.kind)) == expected


@pytest.mark.parametrize("clues, expected", [
    ([("f", "pronoun")], ("female", "pronoun")),
    ([("m", "honorific"), ("f", "pronoun")], ("male", "honorific")),    # 3 against 1
    ([("m", "pronoun"), ("f", "pronoun")], (None, None)),               # a clash says nothing
    ([("m", "noun"), ("f", "pronoun"), ("f", "pronoun")], (None, None)),
    ([("f", "noun"), ("f", "pronoun"), ("m", "pronoun")], ("female", "noun")),
    ([], (None, None)),
])
def test_decide_weighs_the_evidence(clues, expected):
    assert decide(Evidence(g, k, 0) for g, k in clues) == expected


@pytest.mark.parametrize("name, key", [
    ("Donald J. Trump", "donald trump"), ("President José Núñez", "jose nunez"), ("Jane Roe's", "jane roe"),
    ("J. Roe", "j roe"),
])
def test_base_key_drops_middle_initials(name, key):
    assert base_key(name) == key


def _quote(gender=None, evidence=None, speaker="Jane Roe") -> Quote:
    return Quote(doc_id="d", quote_id="d:q1", kind="direct", text="x", start=0, end=1, speaker=speaker,
                 speaker_mention=None, cue=None, confidence=0.9, speaker_type="person",
                 speaker_gender=gender, speaker_gender_evidence=evidence)


@pytest.mark.parametrize("mode, evidence, kept", [
    ("names", "name", True), ("names", "pronoun", True),
    ("text", "name", False), ("text", "honorific", True),
    ("off", "noun", False),
])
def test_gender_mode(mode, evidence, kept):
    out = with_gender_mode(_quote("female", evidence), mode)
    assert (out.speaker_gender, out.speaker_gender_evidence) == (("female", evidence) if kept else (None, None))


@pytest.mark.parametrize("name, expected", [
    ("Robert Acme GmbH", True), ("Jane Roe CBC News", True), ("Roe & Doe LLP", True), ("Jane Roe", False),
    ("News", False),  # one word: a surname as well
])
def test_organisation_names(name, expected):
    from quotes.enrich.gender import organization_name

    assert organization_name(name) is expected


def test_unknown_gender_mode():
    with pytest.raises(ValueError, match="unknown gender mode 'all'"):
        with_gender_mode(_quote("female", "name"), "all")


@pytest.mark.parametrize("genders, expected", [
    ([("female", "name"), ("male", "pronoun")], "male"),    # the text outranks a first name
    ([("female", "pronoun"), ("male", "pronoun")], None),   # a tie says nothing
    ([("female", "name"), (None, None)], "female"),
    ([(None, None)], None),
])
def test_overall_gender(genders, expected):
    assert overall_gender(genders) == expected


def test_record_round_trip_keeps_gender():
    q = replace(_quote("male", "honorific"), parts=((0, 1),))
    assert Quote.from_dict(q.to_dict()) == q
    assert list(q.to_dict())[list(q.to_dict()).index("speaker_role") + 1:][:2] == ["speaker_gender",
                                                                                  "speaker_gender_evidence"]


def test_component_gender_config(nlp):
    from quotes.component import QuoteComponent

    doc = nlp("\"We are ready,\" Mr. Kim Osei said on Tuesday. Margaret Olinde said the vote was fair.")
    genders = {q.speaker: q.speaker_gender_evidence for q in QuoteComponent(["speech"], "text").find(doc)}
    assert genders == {"Kim Osei": "honorific", "Margaret Olinde": None}
    with pytest.raises(ValueError, match="gender: unknown gender mode .guess."):
        QuoteComponent(["speech"], "guess")


def test_lexicon_folder_extends_first_names(tmp_path):
    from quotes.run import use_lexicons

    (tmp_path / "first_names.tsv").write_text("zxqv\tf\n", encoding="utf-8")
    try:
        use_lexicons(str(tmp_path))
        assert name_gender("Zxqv Roe") == "f"
    finally:
        use_lexicons(None)
    assert name_gender("Zxqv Roe") is None


def test_bad_gender_lexicon_names_file_and_line(tmp_path):
    from quotes.lexicon import LexiconError
    from quotes.run import use_lexicons

    (tmp_path / "gender_words.tsv").write_text("# word\tgender\tevidence\nmatron\tx\tnoun\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"gender_words.tsv:2: expected word, f or m"):
        use_lexicons(str(tmp_path))
    use_lexicons(None)


def test_quote_replace_keeps_other_fields():
    q = replace(_quote(), speaker_gender="female", speaker_gender_evidence="noun")
    assert q.speaker == "Jane Roe" and q.speaker_gender == "female"


@pytest.mark.parametrize("keys", [["", "jane roe"], [" ", "roe"], ["!", "jane roe", "roe"]])
def test_a_name_of_marks_alone_joins_nobody(keys):
    """A speaker with no word in it (a mark the parser took for a subject) once ended the
    document's extraction with an IndexError; it stands for nobody."""
    from quotes.enrich.gender import _People

    words = _People(keys).name_words()
    assert all(word.strip() and target.strip() for word, target in words.items())


def test_a_surname_two_people_share_stands_for_the_one_named_first():
    from quotes.enrich.gender import _People

    words = _People(["jane scott", "john scott", "mary roe"]).name_words()
    assert words["scott"] == "jane scott"
    assert words["roe"] == "mary roe"
