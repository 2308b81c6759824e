"""Canonical names across a corpus: the same person is one speaker_id and one graph node in
``extract``, ``graph`` and ``show`` alike; common nouns and groups stay inside their article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph import build_graph
from quotes.enrich.identity import canonical_name
from quotes.model import Quote
from quotes.run.corpus import identify_speakers

CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "names.json").read_text(encoding="utf-8"))


def _quotes(speakers) -> list[Quote]:
    return [Quote(doc_id=doc, quote_id=f"{doc}:q{n}", kind="direct", text="x y", start=0, end=3, speaker=name,
                  speaker_mention=None, cue=None, confidence=0.9, speaker_type=kind)
            for n, (name, kind, doc) in enumerate(speakers, 1)]


def _nodes(quotes: list[Quote]) -> list[str]:
    graph = build_graph(quotes)
    speakers = [n for n, d in graph.nodes(data=True) if d["type"] == "speaker"]
    return speakers


@pytest.mark.parametrize("case", CASES["same"], ids=[c["id"] for c in CASES["same"]])
def test_one_person_is_one_id_and_one_node(case):
    quotes = _quotes(case["speakers"])
    assert len({q.speaker_id for q in identify_speakers(quotes)}) == 1
    assert len(_nodes(quotes)) == 1


@pytest.mark.parametrize("case", CASES["apart"], ids=[c["id"] for c in CASES["apart"]])
def test_different_speakers_stay_apart(case):
    quotes = _quotes(case["speakers"])
    ids = [q.speaker_id for q in identify_speakers(quotes)]
    first, last = ids[0], ids[-1]
    assert first != last
    nodes = _nodes(quotes)
    assert len(nodes) >= 2


@pytest.mark.parametrize("name, clean", [
    ("Crooked Jane Roe", "Jane Roe"), ("RIP Jane Roe", "Jane Roe"), ("\u2013\u00a0Jane Roe", "Jane Roe"),
    ("\u201cJane Roe", "Jane Roe"), ("Little Richard", "Little Richard"), ("Jane Roe", "Jane Roe"),
    ("Lying Crooked Jane Roe", "Jane Roe"),
    ("Say Mexico", "Mexico"), ("Says Mexico", "Mexico"),   # a reporting verb run into a country
    ("Say Anything Band", "Say Anything Band"),           # not a country: a name
])
def test_canonical_name(name, clean):
    assert canonical_name(name) == clean


def test_records_show_the_canonical_name():
    out = list(identify_speakers(_quotes([["Crooked Jane Roe", "person", "a1"], ["\u2013\u00a0Jane Roe", "person", "a2"]])))
    assert [q.speaker for q in out] == ["Jane Roe", "Jane Roe"]
    assert [q.speaker_id for q in out] == ["jane-roe", "jane-roe"]


def test_scoped_speaker_keeps_its_label_in_the_graph():
    graph = build_graph(_quotes([["Protesters", "organization", "a1"], ["Protesters", "organization", "a2"]]))
    assert sorted(graph.nodes) == ["actor:a1:protesters", "actor:a2:protesters"]
    assert {d["label"] for _, d in graph.nodes(data=True)} == {"Protesters"}


def test_show_lists_scoped_speakers_apart():
    import io

    from quotes.io import HtmlPage
    from quotes.model import Document

    quotes = list(identify_speakers(_quotes([["agency", "organization", "a1"], ["agency", "organization", "a2"]])))
    page = HtmlPage()
    for q in quotes:
        page.add(Document(q.doc_id, "x y z"), [q])
    out = io.StringIO()
    page.write(out)
    assert out.getvalue().count("<span class=\"name\">agency</span>") == 2
