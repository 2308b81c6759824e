from __future__ import annotations

import io
import json
from pathlib import Path

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


# --- hostile input (issue 16): every line and file accounted for, none stops the others ---

GOOD_LINE = json.dumps({"id": "good", "text": "Jane Roe said that it rained."})


@pytest.mark.parametrize("line, reason", [
    ('{"id": "s", "text": "\\ud800 said"}', "lone surrogate"),
    ('{"id": "s", "text": "fine", "title": "\\udfff"}', "'title' holds an invalid code point"),
    ('{"id": "\\ud83d", "text": "fine"}', "'id' holds an invalid code point"),
    ('{"id": ' + "9" * 5000 + ', "text": "x said"}', "4300 digits"),
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    ("\xff\xfe{", "not UTF-8"),
    ("{not json", "not JSON"),
    ('"just a string"', "not a JSON object"),
])
def test_hostile_jsonl_line_is_skipped_with_its_line_number(tmp_path, line, reason):
    path = tmp_path / "c.jsonl"
    raw = line.encode("latin-1") if line.startswith("\xff") else line.encode("utf-8")
    path.write_bytes(GOOD_LINE.encode() + b"\n" + raw + b"\n" + GOOD_LINE.replace("good", "after").encode() + b"\n")
    items = list(read_inputs([str(path)]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]
    assert items[1].source == f"{path}:2" and reason in items[1].reason
    assert [items[0].doc_id, items[2].doc_id] == ["good", "after"]


def test_a_nul_byte_anywhere_means_binary(tmp_path):
    path = tmp_path / "late-nul.txt"
    path.write_bytes(b"Jane Roe said that it rained. " * 400 + b"Sm\x00ith")  # NUL after 12 KB
    item = _one(path)
    assert isinstance(item, Skipped) and "binary" in item.reason and "offset 12002" in item.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, encoding):
    import codecs

    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE,
           "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}.get(encoding, b"")
    text = "Jos\u00e9 Roe said that it rained.\n"
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + text.encode(encoding))
    doc = _one(path)
    assert isinstance(doc, Document) and doc.text == text


def test_utf16_jsonl_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "wide.jsonl"
    path.write_bytes((GOOD_LINE + "\n" + json.dumps({"id": "b", "text": "Zo\u00eb said so."}) + "\n").encode("utf-16"))
    assert [d.doc_id for d in read_inputs([str(path)])] == ["good", "b"]


def test_utf16_without_a_byte_order_mark_is_not_guessed(tmp_path):
    path = tmp_path / "guess.txt"
    path.write_bytes("Jane Roe said so.".encode("utf-16-le"))
    assert "binary" in _one(path).reason


@pytest.fixture()
def odd_folder(tmp_path):
    """A folder with one article, a FIFO, a dangling link and a link loop, all named .txt."""
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("Jane Roe said that it rained.", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "dangling.txt").symlink_to(folder / "gone.txt")
    (folder / "loop-a.txt").symlink_to(folder / "loop-b.txt")
    (folder / "loop-b.txt").symlink_to(folder / "loop-a.txt")
    return folder


def test_fifo_and_broken_links_in_a_folder_are_skipped_by_name(odd_folder):
    items = list(read_inputs([str(odd_folder)]))
    assert [d.doc_id for d in items if isinstance(d, Document)] == ["good"]
    reasons = {Path(s.source).name: s.reason for s in items if isinstance(s, Skipped)}
    assert reasons == {"dangling.txt": "dangling symbolic link", "loop-a.txt": "symbolic link loop",
                       "loop-b.txt": "symbolic link loop", "pipe.txt": "not a regular file (a FIFO)"}


def test_fifo_named_on_the_command_line_is_refused_without_blocking(odd_folder):
    item = _one(odd_folder / "pipe.txt")  # reading it would block forever
    assert isinstance(item, Skipped) and "FIFO" in item.reason


def test_stems_that_collide_take_their_relative_paths(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(f"Story {folder}.", encoding="utf-8")
    (tmp_path / "other.txt").write_text("Other.", encoding="utf-8")
    assert [d.doc_id for d in read_inputs([str(tmp_path)])] == ["a/story", "b/story", "other"]
    named = [str(tmp_path / "a" / "story.txt"), str(tmp_path / "b" / "story.txt")]
    assert [d.doc_id for d in read_inputs(named)] == [str(Path(n).with_suffix("").as_posix()) for n in named]


def test_repeated_jsonl_id_gets_a_numbered_suffix_with_a_warning(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text("\n".join(json.dumps({"id": i, "text": "T."}) for i in ["x", "x", "x-2", "y", "x"]) + "\n",
                    encoding="utf-8")
    warnings: list[str] = []
    assert [d.doc_id for d in read_inputs([str(path)], warn=warnings.append)] == ["x", "x-2", "x-2-2", "y", "x-3"]
    assert len(warnings) == 3 and f"{path}:2" in warnings[0] and "'x'" in warnings[0]


def test_the_runs_own_output_inside_an_input_folder_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    (tmp_path / "out.jsonl").write_text(GOOD_LINE + "\n", encoding="utf-8")
    assert [d.doc_id for d in read_inputs([str(tmp_path)], exclude=[str(tmp_path / "out.jsonl")])] == ["a"]


def test_quote_records_in_an_input_folder_are_not_read_as_articles(tmp_path):
    (tmp_path / "a.txt").write_text("A.", encoding="utf-8")
    record = {"doc_id": "a", "quote_id": "a:q1", "text": "We will win", "start": 0, "end": 11}
    (tmp_path / "old-run.jsonl").write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped"]
    assert items[1].source.endswith("old-run.jsonl") and "quotegraph output" in items[1].reason


def test_the_runs_own_output_named_as_input_is_skipped_by_name(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_text(GOOD_LINE + "\n", encoding="utf-8")
    items = list(read_inputs([str(out)], exclude=[str(out)]))
    assert items == [Skipped(str(out), "the run's own output, not read as input")]
