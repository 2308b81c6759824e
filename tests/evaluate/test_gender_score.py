"""Gender F1 of the people quoted per article: lenient name matching, micro-averaged."""

from __future__ import annotations

import json

import pytest

from quotes.evaluate import GoldFormatError, read_gold_jsonl
from quotes.evaluate.gender import match_names, predicted_people, score_genders
from quotes.evaluate.gold import GoldDocument
from quotes.model import Quote


@pytest.mark.parametrize("gold, predicted, matched", [
    (["Jane Roe"], ["jane roe"], 1),                      # case
    (["José Núñez"], ["Jose Nunez"], 1),                  # diacritics
    (["Donald Trump"], ["Donald J. Trump"], 1),           # a middle initial
    (["Na'moks"], ["Namoks"], 1),                         # an apostrophe stripped from the text: one name
    (["Na Moks"], ["Namoks"], 0),
    (["Jane Roe"], ["Roe"], 1),                           # a surname against the one full name
    (["Roe"], ["Jane Roe"], 1),
    (["Darrin"], ["Darrin Hall"], 1),                     # a first name alone, when unique
    (["Jane Roe", "John Roe"], ["Roe"], 0),               # two Roes: the surname matches neither
    (["Jane Roe"], ["John Doe"], 0),
    (["Jane Roe", "John Doe"], ["John Doe", "Jane Roe", "Jim Poe"], 2),
])
def test_match_names(gold, predicted, matched):
    assert match_names(gold, predicted) == matched


def _quote(speaker, gender, speaker_type="person"):
    return Quote(doc_id="d", quote_id="q", kind="direct", text="x", start=0, end=1, speaker=speaker,
                 speaker_mention=None, cue=None, confidence=0.9, speaker_type=speaker_type,
                 speaker_gender=gender, speaker_gender_evidence="pronoun" if gender else None)


def test_predicted_people_by_majority_and_without_organisations():
    quotes = [_quote("Jane Roe", "female"), _quote("Jane Roe", "female"), _quote("Jane Roe", "male"),
              _quote("Sam Poe", "male"), _quote("Sam Poe", "female"),   # a tie: neither
              _quote("Acme", "female", "organization"), _quote("Jo Doe", None)]
    assert predicted_people(quotes) == {"female": ["Jane Roe"], "male": []}


def test_score_genders_micro_over_articles():
    one = GoldDocument("a", "", (), sources_female=("Jane Roe",), sources_male=("John Doe", "Jim Poe"))
    two = GoldDocument("b", "", (), sources_female=(), sources_male=("Sam Lee",))
    three = GoldDocument("c", "", ())  # no gender lists: not scored
    scores = score_genders([
        (one, [_quote("Roe", "female"), _quote("John Doe", "male"), _quote("Jim Poe", "female")]),
        (two, [_quote("Sam Lee", "male")]),
        (three, [_quote("Al Ray", "male")]),
    ])
    assert scores["documents"] == 2
    assert scores["female"] == {"P": 0.5, "R": 1.0, "F1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert scores["male"] == {"P": 1.0, "R": 0.6667, "F1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    assert score_genders([(three, [])]) is None


def test_gold_jsonl_reads_the_gender_lists(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "Jane said so.", "quotes": [],
                                "sources_female": ["Jane Roe"], "sources_male": []}) + "\n"
                    + json.dumps({"id": "b", "text": "x", "quotes": []}) + "\n", encoding="utf-8")
    docs = read_gold_jsonl(path).documents
    assert (docs[0].sources_female, docs[0].sources_male) == (("Jane Roe",), ())
    assert (docs[1].sources_female, docs[1].sources_male) == (None, None)


def test_gold_gender_list_must_hold_names(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": "x", "quotes": [], "sources_male": "John"}) + "\n",
                    encoding="utf-8")
    with pytest.raises(GoldFormatError, match="'sources_male' must be a list of names"):
        read_gold_jsonl(path)


def test_evaluate_reports_gender(tmp_path, nlp):
    from quotes.evaluate import evaluate_corpus

    text = "\"We will appeal,\" said Ms. Robin Vale. \"It is over,\" Mr. Kim Osei said."
    path = tmp_path / "gold.jsonl"
    gold = [{"start": 1, "end": 15}]
    path.write_text(json.dumps({"id": "a", "text": text, "quotes": gold,
                                "sources_female": ["Robin Vale"], "sources_male": ["Kim Osei"]}) + "\n",
                    encoding="utf-8")
    result = evaluate_corpus(path, nlp)
    assert result.genders["female"]["F1"] == 1.0 and result.genders["male"]["F1"] == 1.0
    assert evaluate_corpus(path, nlp, gender="off").genders["female"]["tp"] == 0


def test_evaluate_command_prints_gender(tmp_path, nlp):
    import io

    from quotes.evaluate import run_evaluate

    text = "\"We will appeal,\" said Ms. Robin Vale."
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "text": text, "quotes": [{"start": 1, "end": 15}],
                                "sources_female": ["Robin Vale"], "sources_male": []}) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_evaluate(path, fmt="json", stdout=out, report=lambda m: None, gender="text") == 0
    assert json.loads(out.getvalue())["gender"]["female"]["tp"] == 1
    table = io.StringIO()
    run_evaluate(path, fmt="table", stdout=table, report=lambda m: None)
    assert "Gender of the people quoted" in table.getvalue()
