"""-o onto a symbolic link, a FIFO, a character device or a block device, for every command that
writes a file: a link is followed and its target replaced (the link stays), a FIFO or a
character device is written through (never replaced by a regular file), a block device or a
socket is refused before any work. Once `-o /dev/null` run as root replaced the device."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
ARTICLE = '"We will win the vote," Jane Roe said. The mayor said that the bridge would open in 2026.\n'
# command, output name, extra options, a piece of what the command writes
COMMANDS = [
    ("extract", "out.jsonl", [], "We will win the vote"),
    ("claims", "out.jsonl", ["--all"], "claim_id"),
    ("show", "page.html", [], "Jane Roe"),
    ("graph", "g.graphml", [], "graphml"),
]
ROOT_ONLY = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                               reason="making device nodes needs root")


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _run(command: str, article: Path, output: Path, extra: list[str]):
    return runner.invoke(app, [command, str(article), "-o", str(output), "--jobs", "1", "--quiet", *extra])


def _device(path: Path, minor: int, kind: int = stat.S_IFCHR) -> Path:
    """A device node of the memory driver (major 1: 3 is null, 7 is full)."""
    try:
        os.mknod(path, kind | 0o666, os.makedev(1, minor))
    except OSError as err:  # a container without the capability
        pytest.skip(f"cannot make a device node here: {err}")
    return path


@pytest.mark.parametrize("command, name, extra, written", COMMANDS)
def test_symlink_is_followed_and_its_target_replaced(tmp_path, article, command, name, extra, written):
    (tmp_path / "real").mkdir()
    (tmp_path / "out").mkdir()
    target = tmp_path / "real" / name
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "out" / name
    link.symlink_to(Path("..") / "real" / name)
    result = _run(command, article, link, extra)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / name)
    assert written in target.read_text(encoding="utf-8")
    assert os.listdir(tmp_path / "real") == [name] and os.listdir(tmp_path / "out") == [name]  # no .part


@pytest.mark.parametrize("command, name, extra, written", COMMANDS)
def test_dangling_symlink_creates_its_target(tmp_path, article, command, name, extra, written):
    link = tmp_path / f"link-{name}"
    link.symlink_to(tmp_path / name)
    result = _run(command, article, link, extra)
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and written in (tmp_path / name).read_text(encoding="utf-8")


@pytest.mark.parametrize("command, name, extra, written", COMMANDS)
def test_fifo_is_written_through(tmp_path, article, command, name, extra, written):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as stream:  # waits for the writer, then reads to its end
            received.append(stream.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    result = _run(command, article, fifo, extra)
    reader.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert received and written in received[0].decode("utf-8")
    assert sorted(os.listdir(tmp_path)) == sorted(["a.txt", name])


@ROOT_ONLY
@pytest.mark.parametrize("command, name, extra, written", COMMANDS)
def test_character_device_is_written_through(tmp_path, article, command, name, extra, written):
    null = _device(tmp_path / name, 3)
    result = _run(command, article, null, extra)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode) and os.lstat(null).st_rdev == os.makedev(1, 3)
    assert sorted(os.listdir(tmp_path)) == sorted(["a.txt", name])


@ROOT_ONLY
@pytest.mark.parametrize("command, name, extra, written", COMMANDS)
def test_full_device_is_one_error_line_and_stays_a_device(tmp_path, article, command, name, extra, written):
    full = _device(tmp_path / name, 7)
    result = _run(command, article, full, extra)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == f"error: cannot write {full}: No space left on device"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


@ROOT_ONLY
def test_block_device_is_refused_before_any_work(tmp_path, article):
    block = _device(tmp_path / "out.jsonl", 0, stat.S_IFBLK)
    result = _run("extract", article, block, [])
    assert result.exit_code == 2 and "it is a block device" in result.stderr
    assert stat.S_ISBLK(os.lstat(block).st_mode)


def test_symlink_loop_is_a_usage_error(tmp_path, article):
    (tmp_path / "x.jsonl").symlink_to(tmp_path / "y.jsonl")
    (tmp_path / "y.jsonl").symlink_to(tmp_path / "x.jsonl")
    result = _run("extract", article, tmp_path / "x.jsonl", [])
    assert result.exit_code == 2 and "symbolic links" in result.stderr
    assert (tmp_path / "x.jsonl").is_symlink() and (tmp_path / "y.jsonl").is_symlink()


@pytest.mark.skipif(not Path("/dev/fd").is_dir(), reason="needs /dev/fd")
def test_a_descriptor_name_is_written_through(tmp_path, article):
    """``-o /dev/stdout`` (here ``/dev/fd/N`` on a pipe of this process) writes to what the
    descriptor is open on; nothing is created in /dev or /proc, and nothing refused."""
    from quotes.run import run_extract

    read_end, write_end = os.pipe()
    with os.fdopen(read_end, "rb") as reader:
        try:
            summary = run_extract([str(article)], f"/dev/fd/{write_end}", "jsonl")
        finally:
            os.close(write_end)
        received = reader.read().decode("utf-8")
    assert summary.processed == 1 and "We will win the vote" in received
