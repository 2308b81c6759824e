"""Workers end with their parent, however it ends; SIGHUP ends a run as SIGTERM does; the hidden
temporary output of a run killed outright is removed by the next run to the same output.

Once a parent killed with SIGKILL during --jobs 2 left both workers alive for good (~170 MB
each) and a .part file beside the output, and SIGHUP ended a run with no clean-up at all.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.run import commands

runner = CliRunner()
QUOTE = '"We will win the vote next week," Jane Roe said.'
LINUX = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")


def _children(pid: int) -> set[int]:
    """The live (not zombie) processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.add(int(entry.name))
    return found


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z":
            alive.add(pid)
    return alive


def _wait_until(condition, seconds: float = 60.0) -> bool:
    """Poll ``condition`` until it holds (a bound on a hang, not a speed test)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


# A parent that starts a child which asks to die with it, then waits; the test kills the parent.
PARENT = textwrap.dedent("""
    import importlib.util, os, sys, time
    spec = importlib.util.spec_from_file_location("lifeline", sys.argv[2])  # not the whole package
    lifeline = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(lifeline)
    if sys.argv[1] == "watchdog-only":
        lifeline.parent_death_signal = lambda signum=None: False
    parent = os.getpid()
    child = os.fork()
    if child == 0:
        lifeline.die_with_parent(parent, interval=0.2)
        time.sleep(600)
        os._exit(0)
    print(child, flush=True)
    time.sleep(600)
""")


@LINUX
@pytest.mark.parametrize("mechanism", ["both", "watchdog-only"])
def test_a_child_dies_with_its_parent(mechanism):
    from quotes.run import lifeline

    parent = subprocess.Popen([sys.executable, "-c", PARENT, mechanism, lifeline.__file__], stdout=subprocess.PIPE,
                              text=True)
    child = int(parent.stdout.readline())
    try:
        assert _alive({child}) == {child}
        parent.kill()
        parent.wait()
        assert _wait_until(lambda: not _alive({child}), 30)
    finally:
        if _alive({child}):
            os.kill(child, signal.SIGKILL)


@LINUX
def test_workers_end_when_their_parent_is_killed_and_its_part_file_goes_next_run(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{i}", "text": QUOTE}) + "\n" for i in range(200)),
                      encoding="utf-8")
    output = tmp_path / "out.jsonl"
    output.write_text("old\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, "-m", "quotes.cli", "extract", str(corpus), "-o", str(output),
                               "--jobs", "2", "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        assert _wait_until(lambda: len(_children(parent.pid)) >= 2, 120), "the workers never started"
        workers = _children(parent.pid)
        parent.kill()
        parent.wait()
        assert _wait_until(lambda: not _alive(workers), 60), f"workers {_alive(workers)} outlived their parent"
    finally:
        for pid in _alive(workers):
            os.kill(pid, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
    assert output.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]  # what kill -9 leaves
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(output), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "c.jsonl", "out.jsonl"]


class _NotHandled(Exception):
    pass


def test_sighup_is_handled_like_sigterm(tmp_path, monkeypatch):
    output = tmp_path / "out.jsonl"
    output.write_text("old\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")

    def hung_up(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGHUP)
        yield  # pragma: no cover

    def not_handled(signum, frame):  # what the run must replace while it goes on
        raise _NotHandled()

    monkeypatch.setattr(commands, "process", hung_up)
    before = signal.signal(signal.SIGHUP, not_handled)
    try:
        result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(output), "--jobs", "1"])
        after = signal.getsignal(signal.SIGHUP)
    finally:
        signal.signal(signal.SIGHUP, before)
    assert result.exit_code == 129 and result.stderr.strip().endswith("(interrupted)")
    assert output.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl"]  # no .part left
    assert after is not_handled


def test_an_ignored_sighup_stays_ignored(tmp_path, monkeypatch):
    """Under ``nohup`` a hangup must not stop the run."""
    output = tmp_path / "out.jsonl"
    (tmp_path / "a.txt").write_text(QUOTE, encoding="utf-8")
    real = commands.process

    def hung_up(*args, **kwargs):
        os.kill(os.getpid(), signal.SIGHUP)
        yield from real(*args, **kwargs)

    monkeypatch.setattr(commands, "process", hung_up)
    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "-o", str(output), "--jobs", "1"])
        after = signal.getsignal(signal.SIGHUP)
    finally:
        signal.signal(signal.SIGHUP, before)
    assert result.exit_code == 0, result.output
    assert "We will win the vote next week" in output.read_text(encoding="utf-8")
    assert after is signal.SIG_IGN
