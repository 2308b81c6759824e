"""Hostile input never crashes a run; outputs are atomic and the same for any --jobs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from quotes.cli import app
from quotes.run import nlp as nlp_module
from quotes.model import Document
from quotes.run import process
from quotes.run import extract_documents
from quotes.io import atomic_output, spreadsheet_safe

runner = CliRunner()
QUOTE = '"We will win the vote next week," Jane Roe said.'


def _records(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture()
def hostile(tmp_path: Path) -> Path:
    """A folder with one good article and every kind of bad input."""
    (tmp_path / "good.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "latin1.txt").write_bytes("Jos\xe9 said: no.".encode("latin-1"))
    (tmp_path / "unbalanced.txt").write_text('"This never closes, Jane Roe said.\n\nJohn Smith said that it rained.', encoding="utf-8")
    (tmp_path / "long-sentence.txt").write_text(" ".join(["word"] * 10_000) + ", Jane Roe said.", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(
        json.dumps({"id": "ok", "text": QUOTE}) + "\n{not json\n" + json.dumps({"id": "no-text"}) + "\n",
        encoding="utf-8")
    return tmp_path


def test_hostile_folder_is_processed_and_accounted(hostile):
    result = runner.invoke(app, ["extract", str(hostile), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 1
    summary = result.stderr.strip().splitlines()[-1]
    # 4 processed (good, unbalanced, long-sentence, corpus.jsonl:1) + 5 skipped = 9 read
    assert "9 documents read, 4 processed" in summary and "5 skipped" in summary
    for name in ("empty.txt", "binary.txt", "latin1.txt", "corpus.jsonl:2", "corpus.jsonl:3"):
        assert name in summary
    docs = {r["doc_id"] for r in _records(result.stdout)}
    assert {"good", "ok", "unbalanced"} <= docs


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    good = tmp_path / "good.txt"
    good.write_text(QUOTE, encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text(QUOTE, encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 1 and "locked.txt" in result.stderr and "Permission denied" in result.stderr
    assert {r["doc_id"] for r in _records(result.stdout)} == {"good"}


def test_document_longer_than_a_parser_piece_keeps_offsets(nlp, monkeypatch):
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 300)
    from quotes.run import pipeline

    monkeypatch.setattr(pipeline, "split_for_parser",
                        lambda text, start=0: nlp_module.split_for_parser(text, start, limit=300))
    paragraphs = [f"Paragraph {i} is about the weather in town number {i}." for i in range(30)]
    paragraphs[25] = QUOTE
    text = "\n".join(paragraphs)
    (document, quotes), = extract_documents([Document("long", text)], nlp)
    assert [q.text for q in quotes] == ["We will win the vote next week"]
    assert text[quotes[0].start : quotes[0].end] == quotes[0].text


@pytest.mark.parametrize("limit", [50, 120, 1000])
def test_split_for_parser_covers_text_exactly(limit):
    text = ("A sentence here. " * 40 + "\n") * 5 + "x" * 400
    pieces = list(nlp_module.split_for_parser(text, 7, limit))
    assert pieces[0][0] == 7 and "".join(p for _, p in pieces) == text[7:]
    for offset, piece in pieces:
        assert len(piece) <= limit and text[offset : offset + len(piece)] == piece


def _corpus(n: int) -> list[Document]:
    texts = [QUOTE, "John Smith said that the bridge would reopen in May.",
             "Nothing is quoted here at all.", "According to the ministry, prices rose 5 percent."]
    return [Document(f"d{i}", texts[i % len(texts)]) for i in range(n)]


def test_jobs_give_identical_results():
    serial = list(process(_corpus(12), None, ("speech",), jobs=1, batch_size=2))
    parallel = list(process(_corpus(12), None, ("speech",), jobs=2, batch_size=2))
    assert [d.doc_id for d, _ in parallel] == [f"d{i}" for i in range(12)]
    assert serial == parallel


def test_jobs_give_identical_bytes_from_cli(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": d.doc_id, "text": d.text}) + "\n" for d in _corpus(70)), encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.jsonl"
        result = runner.invoke(app, ["extract", str(corpus), "-o", str(out), "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") > 40


def test_interrupted_write_leaves_old_file(tmp_path):
    target = tmp_path / "quotes.jsonl"
    target.write_text("old content\n", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(str(target), None) as stream:
            stream.write("half of the new")
            raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["quotes.jsonl"]


def test_ctrl_c_during_extract_reports_and_keeps_old_file(tmp_path, monkeypatch):
    from quotes.run import commands as run

    target = tmp_path / "quotes.jsonl"
    target.write_text("old\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # pragma: no cover

    monkeypatch.setattr(run, "process", interrupted)
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(target), "--jobs", "1"])
    assert result.exit_code == 130 and "interrupted" in result.stderr
    assert target.read_text(encoding="utf-8") == "old\n"


@pytest.mark.parametrize("cell, safe", [("=1+1", "'=1+1"), ("+SUM(A1)", "'+SUM(A1)"), ("-2", "'-2"),
                                        ("@cmd", "'@cmd"), ("plain", "plain"), (3, 3), (None, None)])
def test_spreadsheet_safe(cell, safe):
    assert spreadsheet_safe(cell) == safe


TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300) | st.lists(
    st.sampled_from(['"', "“", "”", "'", "said", "told", "Jane Roe", ",", ".", "\n", "that", "he", ":",
                     "according to", "We", "will", "win", " "]), max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=TEXT)
def test_any_text_gives_valid_records(nlp, text):
    if not text.strip():
        return
    runs = [list(extract_documents([Document("p", text)], nlp, ("all",))) for _ in range(2)]
    (_, quotes), = runs[0]
    assert runs[0] == runs[1]
    assert len({q.quote_id for q in quotes}) == len(quotes)
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.cue, quote.speaker_mention, quote.addressee):
            assert span is None or text[span.start : span.end] == span.text
        for start, end in quote.parts:
            assert quote.start <= start <= end <= quote.end
