"""Quote cases as data: text in, expected quotes out, on the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.model import Document
from quotes.run import extract_documents

CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "quotes.json").read_text(encoding="utf-8"))


def run(nlp, text, acts=("speech",)):
    (_, quotes), = extract_documents([Document("t", text)], nlp, acts)
    return quotes


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(nlp, case):
    # "acts": "all" asks for every attribution PolNeAR counts; the default is speech, the quotes
    # a journalist counts
    quotes = run(nlp, case["text"], (case.get("acts", "speech"),))
    assert len(quotes) == len(case["quotes"]), [q.text for q in quotes]
    for quote, want in zip(quotes, case["quotes"]):
        # the quote's own words: its parts joined with " … " (one part: exactly text[start:end])
        assert quote.text == " \u2026 ".join(case["text"][s:e] for s, e in quote.parts)
        assert (quote.start, quote.end) == (quote.parts[0][0], quote.parts[-1][1])
        assert quote.kind == want["kind"]
        if "text" in want:
            assert quote.text == want["text"]
        if "speaker" in want:
            assert quote.speaker == want["speaker"]
        if "cue" in want:
            assert (quote.cue.text.lower() if quote.cue else None) == want["cue"]
        for key in ("speaker_type", "speaker_role"):
            if key in want:
                assert getattr(quote, key) == want[key]
        if "speaker_mention" in want:
            assert quote.speaker_mention is not None and quote.speaker_mention.text == want["speaker_mention"]
        if "parts_text" in want:
            assert [case["text"][s:e] for s, e in quote.parts] == want["parts_text"]
        if "addressee" in want:
            assert quote.addressee is not None and quote.addressee.text == want["addressee"]


def test_belief_kept_with_acts_all(nlp):
    quotes = run(nlp, "John Smith believes that the economy will recover.", acts=("all",))
    assert [(q.act, q.speaker) for q in quotes] == [("belief", "John Smith")]


def test_quote_ids_are_the_starts_in_text_order(nlp):
    text = "\"One two three four,\" Jane Roe said. John Smith said that five six seven would happen."
    quotes = run(nlp, text)
    assert [q.quote_id for q in quotes] == ["t:q1", "t:q53"]
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)


def test_unbalanced_mark_costs_only_its_quote(nlp):
    text = "\"This never closes, she said.\n\nJohn Smith said that the vote would be close."
    quotes = run(nlp, text)
    assert any(q.speaker == "John Smith" for q in quotes)


def test_component_sets_doc_extension(nlp):
    from quotes import component  # noqa: F401  registers the factory

    nlp.add_pipe("quotegraph", config={"acts": ["speech"]})
    try:
        doc = nlp("Jane Roe said that the bridge would reopen.")
    finally:
        nlp.remove_pipe("quotegraph")
    assert [q.speaker for q in doc._.quotes] == ["Jane Roe"]


@pytest.mark.parametrize("text, act, speaker", [
    ("John Smith is confident that the bill will pass.", "belief", "John Smith"),
    ("The data suggest that the economy is slowing down.", "perception", None),
])
def test_stances_and_evidence_are_kept_with_acts_all_only(nlp, text, act, speaker):
    assert run(nlp, text) == []
    (quote,) = run(nlp, text, acts=("all",))
    assert (quote.act, quote.speaker) == (act, speaker)


def test_clause_attributed_to_a_poll(nlp):
    text = "Support for the mayor fell to 30 percent in the latest poll."
    assert run(nlp, text) == []  # a poll is evidence, not speech
    (quote,) = run(nlp, text, acts=("all",))
    assert quote.act == "perception" and quote.text == "Support for the mayor fell to 30 percent"
    assert quote.speaker_mention.text == "the latest poll" and quote.cue.text == "in the latest poll"


@pytest.mark.parametrize("text, parts", [
    ("Enthusiasm for the mayor appears to have plummeted since 2008.",
     ["Enthusiasm for the mayor", "to have plummeted since 2008"]),
    ("It seems that the council will meet on Saturday.", ["that the council will meet on Saturday"]),
    ("She appeared on television on Sunday.", None),  # appearing somewhere tells nothing
    ("It seems odd.", None),  # a view of nothing checkable
])
def test_evidential_verbs_are_the_writers_view(nlp, text, parts):
    assert run(nlp, text) == []
    quotes = run(nlp, text, acts=("all",))
    if parts is None:
        assert quotes == []
        return
    (quote,) = quotes
    assert [text[s:e] for s, e in quote.parts] == parts
    assert (quote.act, quote.speaker, quote.speaker_mention, quote.rule) == ("perception", None, None, "evidential")
