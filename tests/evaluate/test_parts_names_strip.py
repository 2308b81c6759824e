"""Scoring quotes in parts, speakers by canonical name, and the stripped condition, on made-up gold."""

from __future__ import annotations

import json

import pytest

from quotes.evaluate import (
    SETTINGS_BY_NAME,
    GoldCorpus,
    GoldDocument,
    evaluate_corpus,
    gold_quote,
    match_quotes,
    read_gold_jsonl,
    same_speaker,
    split_parts,
    strip_corpus,
)
from quotes.model import Document, Quote, Span

COVER = SETTINGS_BY_NAME["cover0.3"]

# '"We are ready," Jane Roe said. "We will win."' as a journalist annotates it: two quotes,
# the second carrying the first on, both Jane Roe's
SPLIT = '“We are ready,” Jane Roe said. “We will win.”'
#        0         1         2         3         4
#        0123456789012345678901234567890123456789012345


def quote(start, end, text, parts=(), mention=None, speaker=None):
    return Quote(doc_id="d", quote_id="d:q1", kind="direct", text=text[start:end], start=start, end=end,
                 speaker=speaker, speaker_mention=mention, cue=None, confidence=0.9, parts=tuple(parts))


@pytest.mark.parametrize("gold_name, predicted, same", [
    ("Jane Roe", "Jane Roe", True),
    ("Jane Roe", "jane  roe", True),
    ("Jane Roe", "Roe", True),  # a surname for the full name
    ("Roe", "Jane Roe", True),
    ("the union", "Union", True),
    ("José Pérez", "Jose Perez", True),
    ("Jane Roe", "John Roe", False),
    ("Jane Roe", "Jane Smith", False),
    ("Jane Roe", None, False),
    ("", "Jane Roe", False),
])
def test_same_speaker(gold_name, predicted, same):
    assert same_speaker(gold_name, predicted) is same


def test_parts_are_scored_on_their_own():
    gold = [gold_quote("d", SPLIT, [(0, 15)], [(16, 24)]), gold_quote("d", SPLIT, [(31, 45)], [])]
    mention = Span("Jane Roe", 16, 24)
    predicted = [quote(1, 44, SPLIT, parts=[(1, 13), (32, 44)], mention=mention, speaker="Jane Roe")]
    # as one record: it covers the first gold quote, the second is missed
    whole = match_quotes(gold, predicted, COVER)
    assert (len(whole.matches), len(whole.missed)) == (1, 1)
    # in parts: both matched
    parts = split_parts(predicted)
    assert [(p.start, p.end) for p in parts] == [(1, 13), (32, 44)]
    result = match_quotes(gold, parts, COVER)
    assert (len(result.matches), len(result.missed), len(result.spurious)) == (2, 0, 0)
    # the first by its mention; the second has no gold mention and a predicted one, so it is
    # wrong unless the gold names the speaker
    assert [m.speaker_ok for m in result.matches] == [True, False]


def test_speaker_name_makes_a_carried_on_quote_right():
    gold = [gold_quote("d", SPLIT, [(31, 45)], [], speaker_name="Jane Roe")]
    right = [quote(32, 44, SPLIT, mention=Span("Jane Roe", 16, 24), speaker="Roe")]
    wrong = [quote(32, 44, SPLIT, mention=Span("Jane Roe", 16, 24), speaker="John Smith")]
    assert match_quotes(gold, right, COVER).matches[0].speaker_ok
    assert not match_quotes(gold, wrong, COVER).matches[0].speaker_ok


def test_strip_moves_the_gold():
    text = '“We’re ready (for now),” Roe said — and left.'
    corpus = GoldCorpus("jsonl", (GoldDocument("d", text, (
        gold_quote("d", text, [(0, 24)], [(25, 28)], speaker_name="Jane O’Roe"),
        gold_quote("d", text, [(0, 1)]),  # nothing but a mark: dropped
    )),))
    stripped = strip_corpus(corpus)
    doc = stripped.documents[0]
    assert doc.text == "Were ready for now, Roe said  and left."
    (q,) = doc.quotes
    assert doc.text[q.start : q.end] == "Were ready for now,"
    assert [doc.text[s:e] for s, e in q.source] == ["Roe"]
    assert (q.kind, q.speaker_name, q.text) == ("direct", "Jane ORoe", "Were ready for now,")


def test_read_speaker_name(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "d", "text": SPLIT, "quotes": [
        {"start": 0, "end": 15, "speaker_start": 16, "speaker_end": 24, "speaker_name": "Jane Roe"},
        {"start": 31, "end": 45}]}) + "\n", encoding="utf-8")
    quotes = read_gold_jsonl(path).documents[0].quotes
    assert [q.speaker_name for q in quotes] == ["Jane Roe", ""]


@pytest.fixture
def pipeline(monkeypatch):
    """An extractor that finds, in whatever text it is given, the quote of Jane Roe in two parts."""
    seen = {}

    def extract_documents(documents, nlp, acts=("speech",), on_error=None):
        for doc in documents:
            seen[doc.doc_id] = doc.text
            first = doc.text.index("We are")
            second = doc.text.index("We will")
            mention = doc.text.index("Jane Roe")
            yield doc, [quote(first, second + 11, doc.text, parts=[(first, first + 12), (second, second + 11)],
                              mention=Span("Jane Roe", mention, mention + 8), speaker="Jane Roe")]

    import quotes.run

    monkeypatch.setattr(quotes.run, "extract_documents", extract_documents)
    return seen


def _corpus():
    return GoldCorpus("jsonl", (GoldDocument("d", SPLIT, (
        gold_quote("d", SPLIT, [(0, 15)], [(16, 24)], speaker_name="Jane Roe"),
        gold_quote("d", SPLIT, [(31, 45)], [], speaker_name="Jane Roe"),
    )),))


@pytest.mark.parametrize("strip", [False, True])
def test_evaluate_in_parts_by_name_plain_and_stripped(pipeline, strip):
    result = evaluate_corpus(_corpus(), nlp=None, strip=strip).as_dict()["cover0.3"]
    assert (result["P"], result["R"], result["attributed_F1"]) == (1.0, 1.0, 1.0)
    assert ("“" in pipeline["d"]) is not strip


def test_discontinuous_gold_scores_records_whole(pipeline):
    # PolNeAR-style gold: one quote in two fragments; the prediction is scored as one record
    corpus = GoldCorpus("brat", (GoldDocument("d", SPLIT, (
        gold_quote("d", SPLIT, [(1, 13), (32, 44)], [(16, 24)]),)),))
    totals = evaluate_corpus(corpus, nlp=None).totals()["cover0.3"]
    assert (totals["predicted"], totals["tp"], totals["tp_attributed"]) == (1, 1, 1)


def test_parts_keep_a_document_unsplit():
    doc = Document("d", SPLIT)
    assert split_parts([quote(1, 13, doc.text)])[0].start == 1
