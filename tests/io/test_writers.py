"""Writers: the format a run writes, the terminal table and the files' mode."""

from __future__ import annotations

import io
import os
import stat

import pytest

from quotes.io import FormatError, atomic_output, choose_format, make_writer
from quotes.io.writers import TableWriter
from quotes.run import Summary

EXTRACT = ("jsonl", "csv", "json", "table")
CLAIMS = ("jsonl", "csv", "json", "table", "claimreview")


@pytest.mark.parametrize(
    ("output", "fmt", "offered", "terminal", "expected"),
    [
        (None, None, EXTRACT, True, "table"),  # a terminal gets the table
        (None, None, EXTRACT, False, "jsonl"),  # a pipe gets JSONL
        ("-", None, EXTRACT, True, "table"),
        ("q.csv", None, EXTRACT, True, "csv"),  # the suffix picks the format
        ("q.CSV", None, EXTRACT, False, "csv"),
        ("q.json", None, EXTRACT, False, "json"),
        ("out/q.jsonl", None, EXTRACT, False, "jsonl"),
        ("/dev/null", None, EXTRACT, True, "jsonl"),  # a device's name says nothing of a format
        ("q.txt", "table", EXTRACT, False, "table"),  # --format wins over a suffix that says nothing
        ("q.csv", "csv", EXTRACT, False, "csv"),
        ("c.jsonld", None, CLAIMS, False, "claimreview"),
        ("c.json", "claimreview", CLAIMS, False, "claimreview"),  # JSON-LD is JSON
        ("c.json", None, CLAIMS, False, "json"),
        (None, "claimreview", CLAIMS, True, "claimreview"),
    ],
)
def test_choose_format(output, fmt, offered, terminal, expected):
    assert choose_format(output, fmt, offered, terminal) == expected


@pytest.mark.parametrize(
    ("output", "fmt", "offered", "message"),
    [
        ("q.csv", "jsonl", EXTRACT, r"q.csv ends in .csv \(csv\) but --format is jsonl"),
        ("q.jsonl", "csv", EXTRACT, r"ends in .jsonl \(jsonl\) but --format is csv"),
        ("q.json", "table", EXTRACT, r"but --format is table"),
        ("c.jsonld", "jsonl", CLAIMS, r"ends in .jsonld \(claimreview\) but --format is jsonl"),
        ("q.jsonld", None, EXTRACT, r"q.jsonld ends in .jsonld \(claimreview\), which this command does not write"),
        ("q.html", None, EXTRACT, r"\(html\), which this command does not write \(it writes jsonl, csv, json or table\)"),
        (None, "claimreview", EXTRACT, r"--format claimreview, which this command does not write"),
        # a suffix that names no format is refused, not guessed, with the suffixes that work
        ("q.xyz", None, EXTRACT, r"q.xyz ends in .xyz, which names no format: end it in .jsonl, .csv or .json, or give --format"),
        ("q.txt", None, EXTRACT + ("html",), r"end it in .jsonl, .csv, .json or .html, or give --format"),
        ("q", None, EXTRACT, r"q has no suffix: end it in .jsonl"),
        ("c.xyz", None, CLAIMS, r"end it in .jsonl, .csv, .json or .jsonld, or give --format"),
    ],
)
def test_choose_format_refuses(output, fmt, offered, message):
    with pytest.raises(FormatError, match=message):
        choose_format(output, fmt, offered, False)


def _quote(n: int, text: str, start: int, parts, doc_id: str = "d1", speaker: str | None = "Jane Roe") -> dict:
    return {"doc_id": doc_id, "quote_id": f"{doc_id}:q{n}", "kind": "direct", "text": text, "start": start,
            "end": start + len(text), "speaker": speaker, "speaker_mention": None,
            "cue": {"text": "said", "start": 0, "end": 4}, "confidence": 0.95, "title": "A title",
            "date": "2021-10-01", "parts": parts}


SPLIT = 'We are ready, \u2026 The vote is on Monday.'  # parts [10, 23] and [36, 58] of '"We are ready," she said. ...'


@pytest.mark.parametrize("width", [60, 80, 100, 160])
def test_table_fits_the_terminal(width):
    long_text = "that the committee would meet again next week to discuss the budget, " * 4
    writer = TableWriter(io.StringIO(), ("quote_id", "kind", "speaker", "cue_text", "text", "confidence"))
    writer.write(_quote(1, SPLIT, 10, [[10, 23], [36, 58]]))
    writer.write(_quote(2, long_text.strip(), 100, [[100, 100 + len(long_text.strip())]],
                        speaker="Sviatlana Tsikhanouskaya"))
    writer.write(_quote(1, "It will rain", 0, [[0, 12]], doc_id="d2", speaker=None))
    from rich.console import Console

    out = io.StringIO()
    console = Console(file=out, width=width)
    tables = writer.tables(width)
    for table in tables:
        console.print(table)
    lines = out.getvalue().splitlines()
    assert len(tables) == 2  # one table per document, each titled with its id
    assert all(len(line) <= width for line in lines)
    rendered = out.getvalue()
    assert "d1 \u2014 A title \u2014 2021-10-01" in " ".join(rendered.split()) and "d2" in rendered
    assert "Tsikhanouskaya" in rendered  # a name is never cut inside a word
    assert " q1 " in rendered and " q2 " in rendered and "d1:q1" not in rendered
    words = " ".join(rendered.split())
    assert "\u2026" in words and "she said" not in words  # the parts, not the attribution between
    if width >= 100:
        assert "We are ready, \u2026 The vote is on Monday." in words
    assert "0.95" in words


def test_table_with_no_records_prints_nothing():
    out = io.StringIO()
    writer = make_writer("table", out)
    writer.close()
    assert out.getvalue() == ""


def test_table_of_claims():
    out = io.StringIO()
    writer = make_writer("table", out, ("claim_id", "score", "claim_type", "claimant", "text"))
    writer.write({"doc_id": "d", "claim_id": "d:c3", "score": 0.5123, "claim_type": "quantity",
                  "claimant": "apnews.com", "text": "Prices rose 40 percent."})
    writer.close()
    words = " ".join(out.getvalue().split())
    assert "c3 0.51 quantity apnews.com Prices rose 40 percent." in words


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_output_file_gets_the_mode_open_would_give(tmp_path, umask):
    old = os.umask(umask)
    try:
        with atomic_output(str(tmp_path / "q.jsonl"), io.StringIO()) as stream:
            stream.write("{}\n")
        with open(tmp_path / "plain.txt", "w") as stream:
            stream.write("x")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "q.jsonl").stat().st_mode)
    assert mode == 0o666 & ~umask == stat.S_IMODE((tmp_path / "plain.txt").stat().st_mode)


@pytest.mark.parametrize(
    ("summary", "line"),
    [
        (Summary(processed=1, records=1), "quotegraph: 1 document read, 1 processed, 1 quote found"),
        (Summary(processed=1, records=10), "quotegraph: 1 document read, 1 processed, 10 quotes found"),
        (Summary(processed=2, records=0), "quotegraph: 2 documents read, 2 processed, 0 quotes found"),
        (Summary(processed=3, records=1, noun="claims"), "quotegraph: 3 documents read, 3 processed, 1 claim found"),
    ],
)
def test_summary_line_counts_in_words(summary, line):
    assert summary.line() == line


@pytest.mark.parametrize("text", [
    "We will not [inaudible] accept [/b] this",  # a closing tag rich would refuse
    "a [bold]deal[/bold] and [red]more",
    "see :smile: and :thumbs_up:",
    "tabs\tand\u00a0spaces and emoji \U0001F600 and CJK \u5317\u4eac",
])
def test_table_shows_text_as_written(text, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")  # one line a row
    out = io.StringIO()
    writer = make_writer("table", out)
    writer.write(_quote(1, text, 0, [[0, len(text)]], speaker="[Jane] Roe"))
    writer.close()
    words = " ".join(out.getvalue().split())
    assert " ".join(text.split()) in words and "[Jane] Roe" in words
