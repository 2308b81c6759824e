"""Article readers: seed format, plain text, JSONL corpora, directories and standard input.

Every reader yields ``Document`` or ``Skipped``; a broken input is reported, never raised, so
one bad file cannot cost the rest of a run.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ..model import Document, Skipped

Warn = Callable[[str], None]
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl",)

_URL = re.compile(r"^https?://\S+$")
_DATE8 = re.compile(r"^\d{8}$")


def _ignore(_: str) -> None:
    pass


def normalise_date(value: object) -> str | None:
    """ISO 8601 from ``YYYYMMDD``, ``YYYY-MM-DD`` or an ISO datetime; ``None`` when unreadable."""
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        if _DATE8.match(text):
            return datetime.strptime(text, "%Y%m%d").date().isoformat()
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if len(text) == 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def decode(data: bytes, source: str) -> str | Skipped:
    """Text from bytes, or the reason it is not text (empty, binary, not UTF-8)."""
    if not data.strip():
        return Skipped(source, "empty file")
    if b"\x00" in data[:8192]:
        return Skipped(source, "binary file (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Skipped(source, f"not UTF-8 text (byte 0x{data[err.start]:02x} at offset {err.start})")


def parse_article(text: str, doc_id: str, source: str, warn: Warn = _ignore) -> Document:
    """A text file as a Document: the seed format when its header says so, else plain text.

    Seed format: line 1 headline, line 2 date ``YYYYMMDD``, line 3 URL, then the body. The
    header is recognised by the URL on line 3; a bad date line is reported and the date left out.
    """
    lines = text.split("\n", 3)
    if len(lines) >= 3 and _URL.match(lines[2].strip()):
        title, raw_date, url = (line.strip() for line in lines[:3])
        iso = normalise_date(raw_date) if _DATE8.match(raw_date) else None
        if iso is None:
            warn(f"{source}: line 2: not a date YYYYMMDD ({raw_date[:40]!r}); date left empty")
        body_start = sum(len(line) + 1 for line in lines[:3])
        return Document(doc_id, text, title or None, iso, url, min(body_start, len(text)), source)
    return Document(doc_id, text, source=source)


def read_jsonl(stream: Iterable[bytes], source: str, warn: Warn = _ignore) -> Iterator[Document | Skipped]:
    """One article a line: ``id``, ``text`` and optional ``title``, ``date``, ``url``."""
    for number, raw in enumerate(stream, 1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError:
            yield Skipped(where, "not UTF-8 text")
            continue
        except json.JSONDecodeError as err:
            yield Skipped(where, f"not JSON ({err.msg})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, "not a JSON object")
            continue
        text = record.get("text")
        if not isinstance(text, str):
            yield Skipped(where, "no 'text' string")
            continue
        if not text.strip():
            yield Skipped(where, "empty text")
            continue
        doc_id = str(record["id"]) if record.get("id") not in (None, "") else str(number)
        iso = normalise_date(record.get("date"))
        if record.get("date") not in (None, "") and iso is None:
            warn(f"{where}: date {str(record['date'])[:40]!r} is not ISO 8601; left empty")
        title, url = record.get("title"), record.get("url")
        yield Document(doc_id, text, str(title) if title else None, iso, str(url) if url else None, 0, where)


def read_file(path: Path, warn: Warn = _ignore) -> Iterator[Document | Skipped]:
    """One file: JSONL by its suffix, anything else as an article."""
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as stream:
                yield from read_jsonl(stream, source, warn)
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(source, f"cannot read ({err.strerror or err})")
        return
    text = decode(data, source)
    if isinstance(text, Skipped):
        yield text
    else:
        yield parse_article(text, path.stem, source, warn)


def read_stdin(stream: BinaryIO, warn: Warn = _ignore) -> Iterator[Document | Skipped]:
    """Standard input: JSONL, read line by line, when it starts with ``{``; else one article."""
    head = [stream.readline()]
    while head[-1] and not head[-1].strip():
        head.append(stream.readline())
    if head[-1].lstrip().startswith(b"{"):
        yield from read_jsonl(itertools.chain(head, stream), "<stdin>", warn)
        return
    text = decode(b"".join(head) + stream.read(), "<stdin>")
    yield text if isinstance(text, Skipped) else parse_article(text, "stdin", "<stdin>", warn)


def iter_paths(path: Path) -> Iterator[Path]:
    """A directory's article files, recursively, in sorted order (hidden files left out)."""
    for child in sorted(path.rglob("*")):
        if any(part.startswith(".") for part in child.relative_to(path).parts):
            continue
        if child.is_file() and child.suffix.lower() in TEXT_SUFFIXES + JSONL_SUFFIXES:
            yield child


def read_inputs(inputs: Iterable[str], warn: Warn = _ignore) -> Iterator[Document | Skipped]:
    """Every document of every input, in order: files, directories and ``-`` for stdin."""
    for name in inputs:
        if name == "-":
            yield from read_stdin(sys.stdin.buffer, warn)
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for child in iter_paths(path):
                found = True
                yield from read_file(child, warn)
            if not found:
                yield Skipped(name, "directory holds no .txt or .jsonl files")
        elif path.exists():
            yield from read_file(path, warn)
        else:
            yield Skipped(name, "no such file or directory")


__all__ = ["read_inputs", "read_file", "read_jsonl", "parse_article", "normalise_date", "decode"]
