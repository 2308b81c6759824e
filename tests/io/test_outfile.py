"""The output file: the temporary files of runs killed outright are removed by the next run to
the same output; nobody else's file is."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from quotes.io import atomic_output, output_problem
from quotes.io import outfile


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_next_run_removes_the_parts_of_dead_runs_only(tmp_path):
    target = tmp_path / "q.jsonl"
    target.write_text("old\n", encoding="utf-8")
    host, dead = outfile._host_tag(), _dead_pid()
    other_host = "0" * 8 if host != "0" * 8 else "1" * 8
    stale = tmp_path / f".q.jsonl.{dead}.{host}.abc_1234.part"
    kept = [
        tmp_path / f".q.jsonl.{os.getppid()}.{host}.abc_1234.part",      # a run still going
        tmp_path / f".q.jsonl.{dead}.{other_host}.abc_1234.part",      # another machine's run
        tmp_path / f".r.jsonl.{dead}.{host}.abc_1234.part",            # another output's
        tmp_path / f".q.jsonl.{dead}.{host}.abc_1234.part.keep",       # not a part file
        tmp_path / ".q.jsonl.notes.part",                              # not ours by its name
    ]
    for path in [stale, *kept]:
        path.write_text("half\n", encoding="utf-8")
    with atomic_output(str(target), None) as stream:
        stream.write("new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert not stale.exists() and all(path.exists() for path in kept)


def test_a_stale_part_that_is_a_link_is_left_alone(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep\n", encoding="utf-8")
    link = tmp_path / f".q.jsonl.{_dead_pid()}.{outfile._host_tag()}.abc_1234.part"
    link.symlink_to(elsewhere)
    with atomic_output(str(tmp_path / "q.jsonl"), None) as stream:
        stream.write("new\n")
    assert link.is_symlink() and elsewhere.read_text(encoding="utf-8") == "keep\n"


def test_the_part_file_names_its_process_and_host(tmp_path):
    with atomic_output(str(tmp_path / "q.jsonl"), None) as stream:
        stream.write("new\n")
        (part,) = [p for p in os.listdir(tmp_path) if p.endswith(".part")]
    assert part.startswith(f".q.jsonl.{os.getpid()}.{outfile._host_tag()}.")
    assert outfile.stale_parts(tmp_path / "q.jsonl") == []


@pytest.mark.parametrize("name, problem", [
    ("folder", "it is a directory"),
    ("missing/q.jsonl", "no such folder"),
    ("ok.jsonl", None),
])
def test_output_problem(tmp_path, name, problem):
    (tmp_path / "folder").mkdir()
    found = output_problem(str(tmp_path / name))
    assert found == problem if problem is None else problem in found
