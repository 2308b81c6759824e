from __future__ import annotations

import io
import json

import pytest

from quotes.model import Document, Skipped
from quotes.io import normalise_date, read_inputs, read_stdin

SEED = "Headline here\n20211001\nhttps://example.org/a\nBody line one.\nBody two.\n"


def _one(path):
    items = list(read_inputs([str(path)]))
    assert len(items) == 1
    return items[0]


def test_seed_format(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(SEED, encoding="utf-8")
    doc = _one(path)
    assert isinstance(doc, Document)
    assert (doc.doc_id, doc.title, doc.date, doc.url) == ("article", "Headline here", "2021-10-01", "https://example.org/a")
    assert doc.text == SEED
    assert doc.body == "Body line one.\nBody two.\n"


@pytest.mark.parametrize("bad", ["2021-13-45", "20211399", "yesterday"])
def test_seed_format_with_bad_date_line_keeps_document(tmp_path, bad):
    path = tmp_path / "bad.txt"
    path.write_text(SEED.replace("20211001", bad), encoding="utf-8")
    warnings = []
    doc = list(read_inputs([str(path)], warn=warnings.append))[0]
    assert isinstance(doc, Document) and doc.date is None and doc.url == "https://example.org/a"
    assert warnings and "line 2" in warnings[0] and str(path) in warnings[0]


def test_plain_text_is_all_body(tmp_path):
    path = tmp_path / "plain.txt"
    path.write_text("Just a body.\nSecond line.", encoding="utf-8")
    doc = _one(path)
    assert doc.body_start == 0 and doc.title is None and doc.text == "Just a body.\nSecond line."


def test_jsonl_ids_dates_and_bad_lines(tmp_path):
    path = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "One.", "title": "T", "date": "20200102", "url": "http://x"}),
        "{not json",
        json.dumps({"id": "a3"}),
        json.dumps({"text": "No id.", "date": "2020-01-03T10:00:00"}),
        "",
        json.dumps(["a list"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(path)]))
    docs = [i for i in items if isinstance(i, Document)]
    skipped = [i for i in items if isinstance(i, Skipped)]
    assert [d.doc_id for d in docs] == ["a1", "4"]
    assert docs[0].date == "2020-01-02" and docs[1].date == "2020-01-03T10:00:00"
    assert [s.source for s in skipped] == [f"{path}:2", f"{path}:3", f"{path}:6"]
    assert "not JSON" in skipped[0].reason and "text" in skipped[1].reason


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 au lait", "not UTF-8"),
])
def test_bad_files_are_skipped_with_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    item = _one(path)
    assert isinstance(item, Skipped) and reason in item.reason and item.source == str(path)


def test_missing_path_and_empty_directory(tmp_path):
    items = list(read_inputs([str(tmp_path / "nope.txt"), str(tmp_path)]))
    assert all(isinstance(i, Skipped) for i in items) and len(items) == 2


def test_directory_walk_is_recursive_and_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Z.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "c.jsonl").write_text(json.dumps({"id": "c", "text": "C."}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("ignored", encoding="utf-8")
    assert [d.doc_id for d in read_inputs([str(tmp_path)])] == ["a", "z", "c"]


def test_stdin_text_and_jsonl():
    doc = list(read_stdin(io.BytesIO(b"Some text.")))[0]
    assert doc.doc_id == "stdin" and doc.text == "Some text."
    docs = list(read_stdin(io.BytesIO(b'{"id": "x", "text": "T."}\n{"text": "U."}\n')))
    assert [d.doc_id for d in docs] == ["x", "2"]


@pytest.mark.parametrize("raw, iso", [("20211001", "2021-10-01"), ("2021-10-01", "2021-10-01"),
                                      ("2021-10-01T12:30:00Z", "2021-10-01T12:30:00+00:00"),
                                      ("garbage", None), (None, None), ("", None)])
def test_normalise_date(raw, iso):
    assert normalise_date(raw) == iso


def test_crlf_offsets_are_kept(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Title\r\n20200101\r\nhttps://e.org/x\r\nBody.\r\n")
    doc = _one(path)
    assert doc.text.startswith("Title\r\n") and doc.body == "Body.\r\n" and doc.date == "2020-01-01"


def test_stdin_keeps_leading_blank_lines_and_line_numbers():
    doc = list(read_stdin(io.BytesIO(b"\n\nSome text.")))[0]
    assert doc.text == "\n\nSome text."
    items = list(read_stdin(io.BytesIO(b'\n{"text": "A."}\n{bad\n')))
    assert items[0].doc_id == "2" and items[1].source == "<stdin>:3"
