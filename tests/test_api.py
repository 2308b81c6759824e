"""The Python API and the spaCy component's span groups, on the real pipeline."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotes import Document, Quote, extract_documents, extract_text
from quotes.cli import app

TEXT = ('"We are ready," Jane Roe said. The minister, John Doe, said that the plan would fail.\n'
        'Jane Roe told reporters that Ruritania would wait.\n')


def test_extract_text_gives_the_cli_records(tmp_path):
    quotes = extract_text(TEXT, doc_id="t1")
    assert all(isinstance(q, Quote) for q in quotes)
    assert [(q.kind, q.speaker, q.speaker_id, q.cue.text) for q in quotes] == [
        ("direct", "Jane Roe", "jane-roe", "said"),
        ("indirect", "John Doe", "john-doe", "said"),
        ("indirect", "Jane Roe", "jane-roe", "told"),
    ]
    source = tmp_path / "t1.txt"
    source.write_text(TEXT, encoding="utf-8")
    done = CliRunner().invoke(app, ["extract", str(source), "--format", "jsonl", "--jobs", "1"])
    assert done.exit_code == 0, done.output
    assert [json.loads(line) for line in done.stdout.splitlines()] == [q.to_dict() for q in quotes]


def test_extract_documents_ids_across_documents(tmp_path):
    aliases = tmp_path / "aliases.tsv"
    aliases.write_text("John Doe\tJonathan Doe\n", encoding="utf-8")
    quotes = extract_documents(['Jane Roe said that the plan would fail.',
                                Document("second", "Ms. Roe said that the bill was dead. John Doe said that it was not.")],
                               aliases=aliases)
    assert [(q.doc_id, q.speaker, q.speaker_id) for q in quotes] == [
        ("doc1", "Jane Roe", "jane-roe"), ("second", "Roe", "jane-roe"), ("second", "Jonathan Doe", "jonathan-doe")]


def test_extract_documents_rejects_other_types():
    with pytest.raises(TypeError, match="expected a Document or a str"):
        extract_documents([b"bytes"])


def test_component_span_groups():
    import spacy
    from spacy import displacy

    import quotes.component  # noqa: F401  (registers the factory)
    from quotes.run.nlp import default_model

    nlp = spacy.load(default_model())
    nlp.add_pipe("quotegraph")
    doc = nlp(TEXT)
    group = doc.spans["quotes"]
    labels = [(span.label_, span.text) for span in group]
    assert labels == [("DIRECT", "We are ready"), ("SPEAKER", "Jane Roe"), ("CUE", "said"),
                      ("SPEAKER", "The minister"), ("CUE", "said"), ("INDIRECT", "that the plan would fail"),
                      ("SPEAKER", "Jane Roe"), ("CUE", "told"), ("INDIRECT", "that Ruritania would wait")]
    assert [span.id_ for span in group] == [q.quote_id for q in doc._.quotes for _ in range(3)]
    for span in group:
        assert span.text == doc.text[span.start_char:span.end_char]
    html = displacy.render(doc, style="span", options={"spans_key": "quotes"})
    assert "SPEAKER" in html and "INDIRECT" in html and "Ruritania" in html
