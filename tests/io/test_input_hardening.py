"""Readers against inputs built to hurt: many repeated ids, many bad lines, line separators
inside JSON strings, unreadable folders, byte-order marks."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from quotes.io import read_inputs
from quotes.model import Skipped

QUOTE = '"We will win the vote next week," Jane Roe said.'


def cpu_seconds(work, repeats: int = 3) -> float:
    """Processor seconds of ``work()``, best of ``repeats`` (processor time: a busy machine
    does not inflate it)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def _same_ids(tmp_path: Path, count: int) -> Path:
    path = tmp_path / f"same-{count}.jsonl"
    path.write_text("".join(json.dumps({"id": "same", "text": "T."}) + "\n" for _ in range(count)), encoding="utf-8")
    return path


def test_many_records_of_one_id_cost_linear_time(tmp_path):
    """20,000 records of one id took 31.7 s (10,000: 8.4 s): each looked for its suffix from
    -2 up. Four times the records may cost at most eight times as long."""
    small, large = _same_ids(tmp_path, 2000), _same_ids(tmp_path, 8000)
    ids = [d.doc_id for d in read_inputs([str(large)])]
    assert ids[:3] == ["same", "same-2", "same-3"] and ids[-1] == "same-8000" and len(set(ids)) == 8000
    first = cpu_seconds(lambda: list(read_inputs([str(small)])))
    second = cpu_seconds(lambda: list(read_inputs([str(large)])))
    assert second <= 8 * max(first, 0.02)


# --- Lines end at "\n" only ------------------------------------------------------------------
# U+2028, U+2029 and U+0085 are valid raw inside a JSON string (and a TSV cell); Python's
# splitlines cuts at them, which lost the record and moved every later line number.
JSON_SEPARATORS = ["\u2028", "\u2029", "\x85"]  # the others must be escaped inside a JSON string
SEPARATORS = JSON_SEPARATORS + ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e"]


@pytest.mark.parametrize("separator", JSON_SEPARATORS)
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-32"])
def test_a_line_separator_inside_a_jsonl_string_is_text(tmp_path, separator, encoding):
    text = f"Jane Roe said that{separator}it rained."
    path = tmp_path / "c.jsonl"
    body = json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n" + json.dumps({"id": "b", "text": "T."}) + "\n"
    path.write_bytes(body.encode(encoding))  # Python writes the byte-order mark of UTF-16 and UTF-32
    items = list(read_inputs([str(path)]))
    assert [(d.doc_id, d.text, d.source) for d in items] == [("a", text, f"{path}:1"), ("b", "T.", f"{path}:2")]


@pytest.mark.parametrize("separator", JSON_SEPARATORS)
def test_a_line_separator_inside_gold_jsonl_is_text(tmp_path, separator):
    from quotes.evaluate import read_gold

    text = f"Jane Roe said that{separator}it rained."
    path = tmp_path / "gold.jsonl"
    records = [{"id": "a", "text": text, "quotes": [{"start": 19, "end": len(text) - 1}]},
               {"id": "b", "text": "T.", "quotes": [{"start": 0, "end": 5}]}]
    path.write_text("\r\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\r\n", encoding="utf-8")
    from quotes.evaluate import GoldFormatError

    with pytest.raises(GoldFormatError, match=r"gold.jsonl:2 quotes\[0\]: span 0-5 lies outside"):
        read_gold(path)  # the second record's line number, not the third's
    path.write_text(json.dumps(records[0], ensure_ascii=False) + "\n", encoding="utf-8")
    corpus = read_gold(path)
    assert [d.text for d in corpus.documents] == [text] and corpus.documents[0].quotes[0].text == text[19:-1]


@pytest.mark.parametrize("separator", SEPARATORS)
def test_aliases_and_lexicon_lines_are_counted_at_newlines(tmp_path, separator):
    from quotes.enrich import AliasError, load_aliases
    from quotes.lexicon import LexiconError, use_lexicon_dir

    aliases = tmp_path / "aliases.tsv"
    aliases.write_text(f"# a note{separator}with a separator\nJane Roe\n", encoding="utf-8")
    with pytest.raises(AliasError, match=r"aliases.tsv:2: expected alias, .* got 'Jane Roe'"):
        load_aliases(aliases)
    folder = tmp_path / "lexicons"
    folder.mkdir()
    (folder / "cue_verbs.tsv").write_text(f"# a note{separator}with a separator\ngrumble\tshouting\tno\n", encoding="utf-8")
    try:
        with pytest.raises(LexiconError, match=r"cue_verbs.tsv:2: unknown act 'shouting'"):
            use_lexicon_dir(folder)
    finally:
        use_lexicon_dir(None)


# --- Folders that cannot be read ----------------------------------------------------------------


@pytest.fixture()
def locked_folder(tmp_path, monkeypatch):
    """``in/`` with an article and ``in/locked/``, which cannot be listed: really (mode 000) for
    a user, and by an ``os.scandir`` that refuses it for root, who may read any folder."""
    import os

    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(QUOTE, encoding="utf-8")
    (root / "locked" / "b.txt").write_text(QUOTE, encoding="utf-8")
    locked = root / "locked"
    if os.geteuid() != 0:
        locked.chmod(0)
        yield root
        locked.chmod(0o755)
        return
    real = os.scandir

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    yield root


def test_an_unreadable_subfolder_is_named_as_skipped(locked_folder):
    """It was silently left out."""
    items = list(read_inputs([str(locked_folder)]))
    assert [(type(i).__name__, getattr(i, "doc_id", None) or i.source) for i in items] == [
        ("Document", "a"), ("Skipped", str(locked_folder / "locked"))]
    assert items[1].reason == "cannot read the folder (Permission denied)"


def test_an_unreadable_input_folder_says_why(locked_folder):
    """It was reported as "holds no .txt or .jsonl files"."""
    assert list(read_inputs([str(locked_folder / "locked")])) == [
        Skipped(str(locked_folder / "locked"), "cannot read the folder (Permission denied)")]


def test_an_unreadable_subfolder_is_counted_by_the_command(tmp_path):
    """The whole command, in a process that really may not read the folder: as root, one
    started without the capabilities that let root read any folder."""
    import os
    import shutil
    import subprocess
    import sys

    root = tmp_path / "in"
    (root / "locked").mkdir(parents=True)
    (root / "a.txt").write_text(QUOTE, encoding="utf-8")
    (root / "locked" / "b.txt").write_text(QUOTE, encoding="utf-8")
    (root / "locked").chmod(0)
    command = [sys.executable, "-m", "quotes.cli", "extract", str(root), "--format", "jsonl", "--jobs", "1"]
    if os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("root without setpriv: cannot take away root's right to read every folder")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300)
    finally:
        (root / "locked").chmod(0o755)
    if done.returncode != 1 and "Operation not permitted" in done.stderr:
        pytest.skip("setpriv may not change the capability bounding set here")
    assert done.returncode == 1, done.stderr
    assert f"skipped: {root / 'locked'}: cannot read the folder (Permission denied)" in done.stderr
    assert "2 documents read, 1 processed" in done.stderr.splitlines()[-1]
    assert [json.loads(line)["doc_id"] for line in done.stdout.splitlines()] == ["a"]


# --- Byte-order marks ------------------------------------------------------------------------
# A byte-order mark at the start of a file or of standard input says how to decode the bytes
# and is not part of the text: offsets count from the character after it.
BODY = 'Intro line.\n"We will win the vote next week," Jane Roe said.\n'


def _bom_input(tmp_path: Path, how: str) -> tuple[list[str], bytes | None]:
    """The command's inputs (and stdin) holding BODY, with a byte-order mark, ``how``."""
    record = (json.dumps({"id": "a", "text": BODY}, ensure_ascii=False) + "\n")
    data = {"txt utf-8": ("x.txt", BODY.encode("utf-8-sig")), "txt utf-16": ("x.txt", BODY.encode("utf-16")),
            "txt utf-32": ("x.txt", BODY.encode("utf-32")), "jsonl utf-8": ("x.jsonl", record.encode("utf-8-sig")),
            "jsonl utf-16": ("x.jsonl", record.encode("utf-16")), "stdin text": ("-", BODY.encode("utf-8-sig")),
            "stdin jsonl": ("-", record.encode("utf-8-sig")), "stdin jsonl utf-16": ("-", record.encode("utf-16"))}
    name, raw = data[how]
    if name == "-":
        return ["-"], raw
    (tmp_path / name).write_bytes(raw)
    return [str(tmp_path / name)], None


@pytest.mark.parametrize("how", ["txt utf-8", "txt utf-16", "txt utf-32", "jsonl utf-8", "jsonl utf-16",
                                 "stdin text", "stdin jsonl", "stdin jsonl utf-16"])
def test_offsets_count_from_after_the_byte_order_mark(tmp_path, how):
    """JSONL on standard input with a byte-order mark was read as one article."""
    from typer.testing import CliRunner

    from quotes.cli import app

    inputs, stdin = _bom_input(tmp_path, how)
    result = CliRunner().invoke(app, ["extract", *inputs, "--format", "jsonl", "--jobs", "1"], input=stdin)
    assert result.exit_code == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["start"] == BODY.index("We will") and BODY[record["start"]:record["end"]] == record["text"]
    assert BODY[record["speaker_mention"]["start"]:record["speaker_mention"]["end"]] == "Jane Roe"


def test_a_byte_order_mark_inside_the_text_is_a_character(tmp_path):
    path = tmp_path / "x.txt"
    path.write_bytes(("\ufeff" + "A.\ufeffB.").encode("utf-8"))
    [document] = read_inputs([str(path)])
    assert document.text == "A.\ufeffB."  # the first is the mark, the second text


def test_gold_jsonl_with_a_byte_order_mark_is_read(tmp_path):
    from quotes.evaluate import read_gold

    path = tmp_path / "gold.jsonl"
    path.write_bytes(json.dumps({"id": "a", "text": "Jane Roe said so.", "quotes": [{"start": 0, "end": 8}]}).encode("utf-8-sig"))
    assert read_gold(path).documents[0].quotes[0].text == "Jane Roe"
