"""Opening an output file without breaking what the name points at.

- A regular file (or a new name) is written to a hidden temporary file beside it, flushed to
  disk and renamed over the old one: a reader never sees half an output, and a run that stops
  early leaves the old file as it was.
- A symbolic link is followed: its target is replaced that way, the link itself stays.
- A character device (``/dev/null``, a terminal) or a FIFO (a named pipe) is written through,
  as the shell's ``>`` would: no temporary file, no rename, so that ``-o /dev/null`` run as root
  never replaces the device with a regular file. So is a name for an open file descriptor
  (``/dev/stdout``, ``/dev/fd/3``, ``/proc/self/fd/1``), whatever it is open on.
- A block device or a socket is refused (:func:`output_problem`).

The temporary file is named ``.NAME.PID.HOST.XXXXXXXX.part``. A run killed outright (``kill -9``,
a power cut) cannot remove it; the next run to the same output removes every such file whose
process (same host, that pid) no longer exists.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import socket
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

PART_SUFFIX = ".part"
# Special files written through rather than replaced; any other kind is refused.
WRITTEN_THROUGH = {stat.S_IFCHR: "character device", stat.S_IFIFO: "FIFO"}
REFUSED = {stat.S_IFBLK: "block device", stat.S_IFSOCK: "socket"}


def output_target(path: str | os.PathLike[str]) -> Path:
    """The file an output name stands for: ``path`` with every symbolic link followed (a link
    to nowhere gives the name it points at, which the run creates).

    Raises:
        OSError: a loop of links (``ELOOP``).
    """
    resolved = Path(os.path.realpath(path))
    if resolved.is_symlink():  # realpath gives up on a loop and returns a link
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path))
    return resolved


def names_a_descriptor(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` or a link on the way to its file is in ``/proc`` or ``/dev/fd``: a name
    for an open file descriptor (``/dev/stdout``), to be written through, never replaced."""
    here = os.path.abspath(path)
    for _ in range(40):  # the kernel's own limit on links followed
        if here.startswith(("/proc/", "/dev/fd/")):
            return True
        if not os.path.islink(here):
            return False
        here = os.path.normpath(os.path.join(os.path.dirname(here), os.readlink(here)))
    return False


def _written_through(path: str | os.PathLike[str]) -> bool:
    return special_kind(path) in WRITTEN_THROUGH.values() or (os.path.exists(path) and names_a_descriptor(path))


def special_kind(path: str | os.PathLike[str]) -> str | None:
    """``"character device"``, ``"FIFO"``, ``"block device"`` or ``"socket"`` for a special
    file (links followed); None for a regular file, a folder or a name that does not exist."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    kind = stat.S_IFMT(mode)
    return WRITTEN_THROUGH.get(kind) or REFUSED.get(kind)


def output_problem(path: str) -> str | None:
    """Why ``path`` cannot be an output (``"it is a directory"``, ``"no such folder X"``, a
    block device, a link loop, a folder one may not write in), or None. Touches nothing that
    exists: the folder test creates and removes a probe file of its own."""
    if _written_through(path):
        return None if os.access(path, os.W_OK) else os.strerror(errno.EACCES)
    try:
        target = output_target(path)
    except OSError as err:
        return err.strerror or str(err)
    kind = special_kind(target)
    if kind is not None:
        return f"it is a {kind} (an output is a file, a character device or a FIFO)"
    if target.is_dir():
        return "it is a directory"
    folder = target.parent
    if not folder.is_dir():
        return f"no such folder {folder}"
    try:  # the only sure test of a read-only disk or a folder one may not write in
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".probe", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        return err.strerror or str(err)
    return None


def _host_tag() -> str:
    """Eight hex digits standing for this machine's name (folders may be shared by machines)."""
    return hashlib.sha1(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: it exists
        return True
    return True


def stale_parts(target: Path) -> list[Path]:
    """The temporary files of runs to ``target`` on this machine whose process has ended."""
    prefix, host = f".{target.name}.", _host_tag()
    found = []
    try:
        names = os.listdir(target.parent)
    except OSError:
        return []
    for name in names:
        if not (name.startswith(prefix) and name.endswith(PART_SUFFIX)):
            continue
        fields = name[len(prefix):-len(PART_SUFFIX)].split(".")
        if len(fields) != 3 or not fields[0].isdigit() or fields[1] != host:
            continue
        path = target.parent / name
        if int(fields[0]) != os.getpid() and not _alive(int(fields[0])) and path.is_file() and not path.is_symlink():
            found.append(path)
    return found


def remove_stale_parts(target: Path) -> list[Path]:
    """Remove what :func:`stale_parts` finds; the paths removed."""
    removed = []
    for path in stale_parts(target):
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


@contextlib.contextmanager
def replace_file(path: str | os.PathLike[str], binary: bool = False) -> Iterator[IO]:
    """A stream for the output ``path`` (text in UTF-8, or bytes with ``binary``), replaced
    atomically when the block ends without an error, or written through for a special file.

    On an error (or Ctrl-C) inside the block, the temporary file is removed and whatever was at
    ``path`` before stays as it was.
    """
    if _written_through(path):
        with open(path, "wb") if binary else open(path, "w", encoding="utf-8", newline="") as stream:
            yield stream
        return
    target = output_target(path)
    kind = special_kind(target)
    if kind is not None:
        raise OSError(errno.EINVAL, f"it is a {kind}", str(path))
    remove_stale_parts(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.{_host_tag()}.", suffix=PART_SUFFIX,
                               dir=target.parent)
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())  # on disk before it takes the old file's name
        # mkstemp makes the file 0600; the output gets the mode a plain open() would give it
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_output(path: str | None, stdout: IO[str] | None) -> Iterator[IO[str]]:
    """A text stream for ``path`` (see :func:`replace_file`); ``None`` or ``-`` means ``stdout``,
    flushed at the end so that a failed write shows here rather than when Python exits."""
    if path in (None, "-"):
        yield stdout
        stdout.flush()
        return
    with replace_file(path) as stream:
        yield stream


def _umask() -> int:
    """The process's umask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
