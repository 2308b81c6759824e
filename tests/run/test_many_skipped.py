"""Millions of bad inputs: memory and messages stay flat, and --skipped FILE lists them all."""

from __future__ import annotations

import io
import json
import tracemalloc

from typer.testing import CliRunner

from quotes.cli import app
from quotes.run import run_extract
from quotes.run.summary import NAMED

QUOTE = '"We will win the vote next week," Jane Roe said.'


def _corpus(path, bad: int):
    with path.open("w", encoding="utf-8") as stream:
        stream.write(json.dumps({"id": "good", "text": QUOTE}) + "\n")
        for number in range(bad):
            stream.write("{not json %d\n" % number)
    return path


def test_the_first_skips_are_named_the_rest_counted_and_listed(tmp_path):
    """Every skip was one line of stderr and all of them were named in the summary line: 2
    million bad lines gave 176 MB of stderr and an 81 MB summary line."""
    corpus = _corpus(tmp_path / "c.jsonl", 500)
    listing = tmp_path / "skipped.jsonl"
    result = CliRunner().invoke(app, ["extract", str(corpus), "--format", "jsonl", "--jobs", "1",
                                      "--skipped", str(listing)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    named = [line for line in lines if line.startswith("skipped: ")]
    assert len(named) == NAMED + 1 and named[0] == f"skipped: {corpus}:2: not JSON (Expecting property name enclosed in double quotes)"
    assert named[-1] == f"skipped: more than {NAMED} inputs; the rest are counted, not named (the --skipped file lists them all)"
    summary = lines[-1]
    assert summary.startswith("quotegraph: 501 documents read, 1 processed, 1 quote found, 500 skipped: ")
    assert summary.endswith("; and 480 more") and f"{corpus}:21 " in summary and f"{corpus}:22 " not in summary
    listed = [json.loads(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    assert [item["source"] for item in listed] == [f"{corpus}:{n}" for n in range(2, 502)]
    assert {item["reason"] for item in listed} == {"not JSON (Expecting property name enclosed in double quotes)"}
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["good"]


def test_without_the_list_stderr_says_how_to_get_it(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", NAMED + 1)
    result = CliRunner().invoke(app, ["extract", str(corpus), "--format", "jsonl", "--jobs", "1"])
    assert "the rest are counted, not named (--skipped FILE would list them all)" in result.stderr
    assert result.stderr.splitlines()[-1].endswith("; and 1 more")


def test_an_unwritable_list_is_a_usage_error_before_any_work(tmp_path):
    corpus = _corpus(tmp_path / "c.jsonl", 1)
    result = CliRunner().invoke(app, ["extract", str(corpus), "--format", "jsonl", "--jobs", "1",
                                      "--skipped", str(tmp_path / "missing" / "s.jsonl")])
    assert result.exit_code == 2 and result.stderr.startswith(f"error: cannot write {tmp_path}/missing/s.jsonl")
    assert result.stdout == ""


def _peak_bytes(corpus) -> int:
    """Peak memory the run allocates (the pipeline loaded beforehand)."""
    tracemalloc.start()
    try:
        run_extract([str(corpus)], None, "jsonl", stdout=io.StringIO(), report=lambda message: None, jobs=1)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_is_flat_however_many_lines_are_skipped(tmp_path, nlp):
    """Every skipped line was kept: 2 million bad lines peaked at 800 MB. Four times the bad
    lines may not cost half as much memory again (it grew with them: four times as much)."""
    small, large = _corpus(tmp_path / "small.jsonl", 5_000), _corpus(tmp_path / "large.jsonl", 20_000)
    _peak_bytes(small)  # warm: caches filled once
    assert _peak_bytes(large) <= 1.5 * _peak_bytes(small)
