"""Every output says the same of a quote: its ``text`` is its own words (its parts joined with
" … "), and its id is one id whatever the acts asked for and whichever command or API gave it.
End to end, on the real pipeline and made-up articles."""

from __future__ import annotations

import csv
import io
import json
import re

import networkx as nx
import pytest
from typer.testing import CliRunner

from quotes import Document, extract_documents, extract_text
from quotes.cli import app
from quotes.model import PART_SEPARATOR, quote_id, quote_text

runner = CliRunner()

# A quote split by its attribution, reported speech, a belief and a plain object (the last two
# only with --acts all), and claims inside the quotes.
ARTICLE = ('"The new bridge will cost $40 million and will open in May," Jane Roe, the city\'s chief '
           'engineer, told reporters on Monday. "Traffic from Canada on the old bridge fell by 30 percent last year."\n\n'
           'Mayor John Smith said that the council would vote on the budget next week. Smith believes that '
           'taxes will rise by 2 percent in Ruritania.\n\nThe council denied the report on Tuesday.\n')
SPLIT_WORDS = ("The new bridge will cost $40 million and will open in May \u2026 "
               "Traffic from Canada on the old bridge fell by 30 percent last year.")


@pytest.fixture(scope="module")
def article(tmp_path_factory):
    path = tmp_path_factory.mktemp("articles") / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _run(*args: str) -> str:
    result = runner.invoke(app, [*args, "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return result.stdout


def _jsonl(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    ("text", "parts", "expected"),
    [
        ("abcdef", ((1, 4),), "bcd"),  # one part: exactly text[start:end]
        ('"A," she said, "B."', ((1, 3), (16, 18)), "A, \u2026 B."),
        ("x one y two z three", ((2, 5), (8, 11), (14, 19)), "one \u2026 two \u2026 three"),
    ],
)
def test_quote_text_is_the_parts_joined(text, parts, expected):
    assert quote_text(text, parts) == expected


@pytest.mark.parametrize(
    ("start", "end", "shared", "expected"),
    [(964, 1422, False, "story:q964"), (964, 1422, True, "story:q964-1422"), (0, 5, False, "story:q0")],
)
def test_quote_id_is_made_from_the_start(start, end, shared, expected):
    assert quote_id("story", start, end, shared) == expected


def _check_text(record: dict, text: str = ARTICLE) -> None:
    parts = record["parts"]
    assert record["text"] == PART_SEPARATOR.join(text[s:e] for s, e in parts)
    assert (record["start"], record["end"]) == (parts[0][0], parts[-1][1])
    if len(parts) == 1:
        assert record["text"] == text[record["start"]:record["end"]]


def test_jsonl_json_and_csv_text_is_the_quote(article):
    records = _jsonl(_run("extract", str(article), "--format", "jsonl"))
    split = [r for r in records if len(r["parts"]) > 1]
    assert [r["text"] for r in split] == [SPLIT_WORDS]
    assert "told reporters" not in split[0]["text"]  # the attribution between the parts is left out
    for record in records:
        _check_text(record)
    assert json.loads(_run("extract", str(article), "--format", "json")) == records
    rows = list(csv.DictReader(io.StringIO(_run("extract", str(article), "--format", "csv"))))
    assert [row["text"] for row in rows] == [r["text"] for r in records]


def test_table_text_is_the_quote(article):
    table = " ".join(_run("extract", str(article), "--format", "table").split())
    assert "will open in May \u2026 Traffic from Canada on the old bridge" in table
    assert "told reporters on Monday. Traffic" not in table


def test_component_graph_and_page_text_is_the_quote(article, tmp_path, read_page):
    records = _jsonl(_run("extract", str(article), "--format", "jsonl"))
    nlp = _component_nlp()
    doc = nlp.make_doc(ARTICLE)
    doc.user_data["id"] = "bridge"
    doc = nlp(doc)
    assert [q.to_dict() for q in doc._.quotes] == records

    out = tmp_path / "g.graphml"
    _run("graph", str(article), "-o", str(out))
    examples = {data["example_quote"] for _, _, data in nx.read_graphml(out).edges(data=True)}
    assert SPLIT_WORDS in examples
    assert not any("told reporters" in example for example in examples)

    page = read_page(_run("show", str(article)))
    offset = page.offsets[0]
    body = page.texts[0]
    for number, record in enumerate(records, 1):
        pieces = page.highlights()[("quote", number)]
        assert PART_SEPARATOR.join(body[s:e] for s, e in pieces) == record["text"]
        assert [[s + offset, e + offset] for s, e in pieces] == record["parts"]


_NLP = []


def _component_nlp():
    """A pipeline with the component, loaded once for this module."""
    if not _NLP:
        import spacy

        import quotes.component  # noqa: F401  (registers the factory)
        from quotes.run.nlp import default_model

        nlp = spacy.load(default_model())
        nlp.add_pipe("quotegraph_paragraph_breaks", before="parser")
        nlp.add_pipe("quotegraph")
        _NLP.append(nlp)
    return _NLP[0]


def test_one_id_whatever_the_acts_and_the_command(article, tmp_path, read_page):
    speech = _jsonl(_run("extract", str(article), "--format", "jsonl"))
    every = _jsonl(_run("extract", str(article), "--format", "jsonl", "--acts", "all"))
    assert len(every) > len(speech)  # the belief and the object come with --acts all
    by_id = {r["quote_id"]: r for r in every}
    assert len(by_id) == len(every)
    for record in speech:  # each quote keeps its id when more acts are asked for
        assert by_id[record["quote_id"]] == record
    for record in every:
        assert record["quote_id"] == f"bridge:q{record['start']}"

    claims = _jsonl(_run("claims", str(article), "--format", "jsonl", "--all"))
    inside = [c for c in claims if c["quote_id"] is not None]
    assert {c["quote_id"] for c in inside} >= {r["quote_id"] for r in speech}
    for claim in inside:  # a claim inside a quote carries that quote's id
        quote = by_id[claim["quote_id"]]
        assert any(s <= claim["start"] and claim["end"] <= e for s, e in quote["parts"])
    for claim in claims:
        if claim["quote_id"] is None:
            assert not any(s <= claim["start"] < e for r in speech for s, e in r["parts"])

    out = tmp_path / "g.graphml"
    _run("graph", str(article), "-o", str(out))
    graph_ids = {i for _, _, d in nx.read_graphml(out).edges(data=True) for i in d["quote_ids"].split("|")}
    assert graph_ids == {r["quote_id"] for r in speech}

    html = _run("show", str(article))
    assert all(f"<dd>{r['quote_id']}</dd>" in html for r in speech)

    api = extract_documents([Document("bridge", ARTICLE)])
    assert [q.to_dict() for q in api] == speech
    assert [q.quote_id for q in extract_text(ARTICLE, doc_id="bridge", acts=["all"])] == [r["quote_id"] for r in every]


def test_component_ids_come_from_user_data_and_never_collide():
    nlp = _component_nlp()
    texts = ["Jane Roe said that the plan would fail.", "John Smith said that the bridge would open."]
    docs = list(nlp.pipe(texts))
    ids = [q.quote_id for doc in docs for q in doc._.quotes]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert all(re.fullmatch(r"doc-[0-9a-f]{12}:q\d+", i) for i in ids)
    assert [q.quote_id for q in nlp(texts[0])._.quotes] == ids[:1]  # the same text, the same id

    named = []
    for number, text in enumerate(texts, 1):
        doc = nlp.make_doc(text)
        doc.user_data["id"] = f"story{number}"
        named.append(doc)
    assert [q.quote_id for doc in nlp.pipe(named) for q in doc._.quotes] == ["story1:q14", "story2:q16"]
    spans = {span.id_ for doc in docs for span in doc.spans["quotes"]}
    assert spans == set(ids)
