"""What reaches a terminal: control characters from articles and file names are shown, never obeyed."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.io import for_terminal, shown, to_text

CLEAR, TITLE, CSI8, RLO = "\x1b[2J", "\x1b]0;pwned\x07", "\x9b2J", "\u202e"
QUOTE = '"We will win the vote next week," Jane Roe said.'


@pytest.mark.parametrize(("text", "keep", "expected"), [
    ("plain words, café, \u062e\u0628\u0631", "", "plain words, café, \u062e\u0628\u0631"),
    (CLEAR, "", "\\x1b[2J"),
    (TITLE, "", "\\x1b]0;pwned\\x07"),
    (CSI8, "", "\\u009b2J"),  # an 8-bit CSI: a C1 control
    ("a" + RLO + "txt.exe", "", "a\\u202etxt.exe"),  # a right-to-left override
    ("line\r\nnext\tcell\x7f", "", "line\\x0d\\x0anext\\x09cell\\u007f"),
    ("line\r\nnext\tcell", "\n\t", "line\\x0d\nnext\tcell"),
])
def test_shown_escapes_every_control_character(text, keep, expected):
    assert shown(text, keep) == expected


def _record(text: str, speaker: str = "Jane Roe") -> dict:
    return {"doc_id": "d" + CLEAR, "quote_id": "d:q1", "title": "T" + TITLE, "kind": "direct", "speaker": speaker,
            "cue_text": "said", "text": text, "start": 0, "end": len(text), "confidence": 0.9}


def test_the_table_shows_control_characters_escaped():
    """The table is the default on a terminal: an article's ESC [2J cleared the screen."""
    table = to_text([_record(f"We will{CLEAR} win{CSI8} it{RLO}", "Jane" + TITLE)], "table")
    for raw in ("\x1b", "\x07", "\x9b", RLO):
        assert raw not in table
    for escaped in ("\\x1b[2J", "\\x1b]0;pwned\\x07", "\\u009b2J", "\\u202e"):
        assert escaped in table


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json"])
def test_records_written_to_a_terminal_are_shown_and_stay_json(fmt):
    from quotes.io import make_writer

    screen = for_terminal(Terminal())
    writer = make_writer(fmt, screen)
    writer.write(_record(f"a{CLEAR}b{CSI8}c{RLO}d"))
    writer.close()
    out = screen.stream.getvalue()
    assert not any(ch in out for ch in "\x1b\x07\x9b" + RLO)
    if fmt == "jsonl":  # still JSON, and it says the same
        assert json.loads(out)["text"] == f"a{CLEAR}b{CSI8}c{RLO}d"
    pipe = io.StringIO()
    assert for_terminal(pipe) is pipe  # a pipe or a file gets the text exactly


def test_file_names_in_messages_are_shown_escaped(tmp_path):
    """A file name with ESC was printed raw on stderr (each skip and the summary line)."""
    (tmp_path / "good.txt").write_text(QUOTE, encoding="utf-8")
    (tmp_path / f"evil{CLEAR}{RLO}.txt").write_bytes(b"\x00binary")
    result = CliRunner().invoke(app, ["extract", str(tmp_path), "--format", "jsonl", "--jobs", "1"])
    assert result.exit_code == 1
    assert "\x1b" not in result.stderr and RLO not in result.stderr
    assert result.stderr.count("evil\\x1b[2J\\u202e.txt") == 2  # the skip, and the summary line


def test_a_usage_error_naming_a_file_is_shown_escaped(tmp_path):
    result = CliRunner().invoke(app, ["extract", str(tmp_path / f"gone{CLEAR}.txt")])
    assert result.exit_code == 2 and "\x1b" not in result.stderr and "gone\\x1b[2J.txt" in result.stderr
