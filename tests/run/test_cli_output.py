"""What -o FILE writes: the format from the suffix, --format winning, contradictions refused, the
file's mode; and the progress bar leaving the terminal before the table prints."""

from __future__ import annotations

import csv
import io
import json
import os
import stat

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
ARTICLE = '"We will win the vote," Jane Roe said. The mayor said that the bridge would open in 2026.\n'


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return str(path)


def _read(path, fmt):
    text = path.read_text(encoding="utf-8")
    if fmt == "jsonl":
        return [json.loads(line) for line in text.splitlines()]
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return json.loads(text)


@pytest.mark.parametrize(
    ("command", "name", "options", "fmt"),
    [
        ("extract", "q.csv", [], "csv"),
        ("extract", "q.json", [], "json"),
        ("extract", "q.jsonl", [], "jsonl"),
        ("extract", "q.txt", ["--format", "csv"], "csv"),  # --format wins
        ("extract", "q.CSV", ["--format", "csv"], "csv"),
        ("claims", "c.csv", ["--all"], "csv"),
        ("claims", "c.json", ["--all"], "json"),
        ("claims", "c.jsonld", ["--all"], "claimreview"),
        ("claims", "c.json", ["--all", "--format", "claimreview"], "claimreview"),
    ],
)
def test_output_suffix_picks_the_format(tmp_path, article, command, name, options, fmt):
    out = tmp_path / name
    result = runner.invoke(app, [command, article, "-o", str(out), "--jobs", "1", *options])
    assert result.exit_code == 0, result.output
    records = _read(out, "json" if fmt == "claimreview" else fmt)
    assert records
    if fmt == "claimreview":
        assert all(r["@type"] == "ClaimReview" for r in records)
    elif command == "extract":
        assert {r["speaker"] for r in records} >= {"Jane Roe"}
    else:
        assert all("claim_id" in r for r in records)


@pytest.mark.parametrize(
    ("command", "name", "options", "message"),
    [
        ("extract", "q.csv", ["--format", "jsonl"], "ends in .csv (csv) but --format is jsonl"),
        ("extract", "q.json", ["--format", "csv"], "ends in .json (json) but --format is csv"),
        ("extract", "q.jsonld", [], "which this command does not write"),
        ("claims", "c.jsonld", ["--format", "csv"], "ends in .jsonld (claimreview) but --format is csv"),
        ("claims", "c.csv", ["--format", "claimreview"], "ends in .csv (csv) but --format is claimreview"),
        # a suffix that names no format: refused with the suffixes that work, not written as JSONL
        ("extract", "q.xyz", [], "q.xyz ends in .xyz, which names no format: end it in .jsonl, .csv, .json or .html, or give --format"),
        ("extract", "quotes", [], "has no suffix: end it in .jsonl, .csv, .json or .html"),
        ("claims", "c.txt", ["--all"], "end it in .jsonl, .csv, .json or .jsonld, or give --format"),
    ],
)
def test_contradicting_suffix_is_a_usage_error(tmp_path, article, command, name, options, message):
    out = tmp_path / name
    result = runner.invoke(app, [command, article, "-o", str(out), "--jobs", "1", *options])
    assert result.exit_code == 2
    assert message in " ".join(result.output.replace("│", " ").split())
    assert "Value error" not in result.output
    assert not out.exists() and not list(tmp_path.glob(".*.part"))


def test_html_suffix_goes_where_the_command_writes_html(tmp_path, article):
    """`-o page.html` writes HTML where the command offers it, and is a usage error elsewhere."""
    from quotes.run import EXTRACT_FORMATS

    out = tmp_path / "page.html"
    result = runner.invoke(app, ["extract", article, "-o", str(out), "--jobs", "1"])
    if "html" in EXTRACT_FORMATS:
        assert result.exit_code == 0 and "<html" in out.read_text(encoding="utf-8").lower()
    else:
        assert result.exit_code == 2 and not out.exists()


@pytest.mark.parametrize("command", ["extract", "claims"])
@pytest.mark.parametrize("umask", [0o022, 0o077])
def test_output_file_mode_follows_the_umask(tmp_path, article, command, umask):
    out = tmp_path / "out.jsonl"
    old = os.umask(umask)
    try:
        options = ["--all"] if command == "claims" else []
        result = runner.invoke(app, [command, article, "-o", str(out), "--jobs", "1", *options])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


class RecordingProgress:
    """A progress bar that notes how much of the output existed when it was taken down."""

    def __init__(self, stream):
        self.stream = stream
        self.closed_at: int | None = None

    def advance(self):
        pass

    def close(self):
        if self.closed_at is None:
            self.closed_at = len(self.stream.getvalue())


@pytest.mark.parametrize("run", ["extract", "claims"])
def test_progress_bar_is_gone_before_the_table_prints(article, run):
    from quotes.run import run_claims, run_extract

    out = io.StringIO()
    progress = RecordingProgress(out)
    if run == "extract":
        summary = run_extract([article], None, "table", stdout=out, progress=progress)
    else:
        summary = run_claims([article], None, "table", keep_all=True, stdout=out, progress=progress)
    assert summary.records and out.getvalue()  # the table printed ...
    assert progress.closed_at == 0  # ... after the bar was taken down
