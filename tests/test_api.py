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


@pytest.mark.parametrize(("call", "error", "message"), [
    (lambda: extract_documents("Jane Roe said that it rained."), TypeError, "documents: .*one str"),
    (lambda: extract_documents(42), TypeError, "documents: .*int"),
    (lambda: extract_documents([b"Jane Roe said so."]), TypeError, "documents: item 1 is a bytes"),
    (lambda: extract_documents([TEXT], acts=("bogus",)), ValueError, "acts: unknown act 'bogus'"),
    (lambda: extract_documents([TEXT], acts="speech,gossip"), ValueError, "acts: unknown act 'gossip'"),
    (lambda: extract_documents([TEXT], acts=()), ValueError, "acts: no act given"),
    (lambda: extract_documents([TEXT], acts=5), TypeError, "acts: .*int"),
    (lambda: extract_documents([TEXT], acts=[None]), TypeError, "acts: each act must be a string"),
    (lambda: extract_documents([TEXT], jobs=0), ValueError, "jobs: must be 1 or more"),
    (lambda: extract_documents([TEXT], jobs="2"), TypeError, "jobs: expected an int"),
    (lambda: extract_documents([TEXT], model=3), TypeError, "model: "),
    (lambda: extract_documents([TEXT], aliases=3), TypeError, "aliases: "),
    (lambda: extract_text(b"Jane Roe said so."), TypeError, "text: expected a str, got bytes"),
    (lambda: extract_text(TEXT, acts="bogus"), ValueError, "acts: unknown act 'bogus'"),
])
def test_bad_arguments_are_refused_naming_the_argument(call, error, message):
    """A string as ``documents`` was read one character a document, ``acts="all"`` as the acts
    'a', 'l', 'l' and ``("bogus",)`` kept nothing: all silently 0 quotes."""
    with pytest.raises(error, match=message):
        call()


@pytest.mark.parametrize("acts", ["all", "speech", "speech,belief", ("speech",), ["all"]])
def test_acts_as_one_string_or_a_list(acts):
    quotes = extract_text(TEXT, acts=acts)
    assert [q.speaker for q in quotes][:3] == ["Jane Roe", "John Doe", "Jane Roe"]


def test_the_component_refuses_unknown_acts():
    """``config={"acts": ["bogus"]}`` kept no quote at all, silently."""
    import spacy

    import quotes.component  # noqa: F401 (registers the factory)

    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="acts: unknown act 'bogus'"):
        nlp.add_pipe("quotegraph", config={"acts": ["bogus"]})
    assert nlp.add_pipe("quotegraph", config={"acts": ["all"]}).acts == ("all",)


@pytest.mark.parametrize("gender, expected", [("names", ("male", "name")), ("text", (None, None)), ("off", (None, None))])
def test_the_top_level_api_takes_the_gender_mode(gender, expected):
    """``quotes.extract_text`` and ``quotes.extract_documents`` pass ``gender`` on (they once dropped it)."""
    import quotes

    text = '"The bridge will open in May," said Robert Okafor.'
    (one,) = quotes.extract_text(text, gender=gender)
    (other,) = quotes.extract_documents([text], gender=gender)
    assert (one.speaker_gender, one.speaker_gender_evidence) == expected
    assert (other.speaker_gender, other.speaker_gender_evidence) == expected
