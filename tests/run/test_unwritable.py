"""Standard output that cannot be written (``> /dev/full``, a closed pipe) and a temporary folder
with no room for the speaker-id spool: one line naming what could not be written, exit status 2,
an old output kept. Once the first was a traceback with exit status 1 (which means "inputs
skipped"), and the second was reported as "cannot write OUT"."""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.run import OutputError, run_claims, run_extract, run_show, write_text

runner = CliRunner()
QUOTE = '"We will win the vote next week," Jane Roe said. John Smith said that it rained.\n'
FULL = "No space left on device"
HAS_DEV_FULL = pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(QUOTE, encoding="utf-8")
    return path


@HAS_DEV_FULL
@pytest.mark.parametrize("run", [
    lambda a, out: run_extract([a], None, "jsonl", stdout=out),
    lambda a, out: run_extract([a], None, "table", stdout=out),
    lambda a, out: run_claims([a], None, "jsonl", keep_all=True, stdout=out),
    lambda a, out: run_show([a], None, stdout=out),
    lambda a, out: write_text("Jane Roe: 1 quote", out),
], ids=["extract", "table", "claims", "show", "graph-summary"])
def test_full_standard_output_is_an_output_error(article, run):
    with open("/dev/full", "w", encoding="utf-8") as full:
        with pytest.raises(OutputError, match=f"^cannot write standard output: {FULL}$"):
            run(str(article), full)


@HAS_DEV_FULL
@pytest.mark.parametrize("command", [["extract"], ["graph", "-o", "g.graphml"]])
def test_full_standard_output_from_the_cli_is_one_line_and_exit_2(article, command, tmp_path):
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = subprocess.run([sys.executable, "-m", "quotes.cli", command[0], str(article), *command[1:],
                               "--jobs", "1", "--quiet"],
                              stdout=full, stderr=subprocess.PIPE, text=True, cwd=tmp_path, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [f"error: cannot write standard output: {FULL}"]


class _FullDisk(io.RawIOBase):
    """A file on a disk with no room left: every write fails."""

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def seek(self, offset: int, whence: int = 0) -> int:
        return 0

    def tell(self) -> int:
        return 0

    def write(self, data) -> int:
        raise OSError(errno.ENOSPC, FULL)


@pytest.mark.parametrize("command", ["extract", "show"])
def test_full_spool_names_the_temporary_folder(article, tmp_path, monkeypatch, command):
    output = tmp_path / ("out.jsonl" if command == "extract" else "page.html")
    output.write_text("old\n", encoding="utf-8")
    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: io.BufferedRandom(_FullDisk()))
    result = runner.invoke(app, [command, str(article), "-o", str(output), "--jobs", "1", "--quiet"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: cannot write the temporary file of speaker ids in {tempfile.gettempdir()} (TMPDIR): {FULL}")
    assert output.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["a.txt", output.name])


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0 or not shutil.which("unshare"),
                    reason="mounts a small tmpfs in a private mount namespace: needs root and unshare")
def test_a_really_full_tmpdir(tmp_path):
    """A 4 KB tmpfs as TMPDIR, mounted where only this run sees it (``unshare -m``)."""
    corpus = tmp_path / "in"
    corpus.mkdir()
    for k in range(30):
        (corpus / f"a{k}.txt").write_text(QUOTE, encoding="utf-8")
    tiny, output = tmp_path / "tiny", tmp_path / "out.jsonl"
    tiny.mkdir()
    output.write_text("old\n", encoding="utf-8")
    script = (f'mount -t tmpfs -o size=4k tmpfs "{tiny}" || exit 99; '
              f'TMPDIR="{tiny}" exec "{sys.executable}" -m quotes.cli extract "{corpus}" -o "{output}" --jobs 1 -q')
    done = subprocess.run(["unshare", "-m", "sh", "-c", script], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True, check=False)
    if done.returncode == 99:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: cannot write the temporary file of speaker ids in {tiny} (TMPDIR): {FULL}"]
    assert output.read_text(encoding="utf-8") == "old\n"


@HAS_DEV_FULL
@pytest.mark.parametrize("fmt", ["table", "json"])
def test_evaluate_to_a_full_standard_output_is_exit_2(tmp_path, fmt):
    import json

    from quotes.evaluate import run_evaluate

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "g", "text": QUOTE, "quotes": [{"start": 1, "end": 31}]}) + "\n",
                    encoding="utf-8")
    said: list[str] = []
    with open("/dev/full", "w", encoding="utf-8") as full:
        code = run_evaluate(str(gold), fmt, None, "speech", None, stdout=full, report=said.append)
    assert code == 2 and said == [f"error: cannot write standard output: {FULL}"]
