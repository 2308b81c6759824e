"""Article readers: seed format, plain text, JSONL corpora, directories and standard input.

Every reader yields ``Document`` or ``Skipped``; a broken input is reported, never raised, so
one bad file cannot cost the rest of a run.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import itertools
import json
import os
import re
import stat
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from ..model import Document, Skipped
from .transcripts import TRANSCRIPT_SUFFIXES, as_transcript, transcript_document

Warn = Callable[[str], None]
TEXT_SUFFIXES = (".txt", ".text")
JSONL_SUFFIXES = (".jsonl",)
# Keys of quotegraph's own records: a JSONL file of them is output, not articles.
OUTPUT_KEYS = {"quote_id", "claim_id"}

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


# Byte-order marks and what they say; UTF-32 first, as its little-endian mark starts like UTF-16's.
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names, or ``None``."""
    return next((name for bom, name in BOMS if head.startswith(bom)), None)


def decode(data: bytes, source: str) -> str | Skipped:
    """Text from bytes, or the reason it is not text (empty, binary, not UTF-8).

    UTF-8 is read with or without a byte-order mark; UTF-16 and UTF-32 only with one (the mark
    says which). A NUL byte anywhere in anything else means binary.
    """
    encoding = bom_encoding(data[:4]) or "utf-8"
    if encoding in ("utf-16", "utf-32"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as err:
            return Skipped(source, f"not {encoding.upper()} text despite its byte-order mark ({err.reason} at byte {err.start})")
        if not text.strip():
            return Skipped(source, "empty file")
        if "\x00" in text:
            return Skipped(source, "binary file (NUL characters)")
        return text
    if not data.strip():
        return Skipped(source, "empty file")
    nul = data.find(b"\x00")
    if nul >= 0:
        return Skipped(source, f"binary file (NUL byte at offset {nul})")
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


def _bad_string(record: dict) -> str | None:
    """The first field of a record holding a lone surrogate (``"\\ud800"``): valid JSON, but no
    text can be written with it."""
    for key in ("id", "text", "title", "url", "date"):
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as err:
                return f"'{key}' holds an invalid code point (U+{ord(value[err.start]):04X}, a lone surrogate)"
    return None


def parse_json_line(raw: bytes) -> dict | str:
    """A JSONL line as a dict, or why it is not one. Python's own limits (integers over 4,300
    digits, nesting deeper than the recursion limit) are reasons like any other."""
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as err:
        return f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})"
    except json.JSONDecodeError as err:
        return f"not JSON ({err.msg})"
    except ValueError as err:  # "Exceeds the limit (4300 digits) for integer string conversion"
        return f"not readable JSON ({str(err).split(';')[0]})"
    except RecursionError:
        return "not readable JSON (nested too deeply)"
    if not isinstance(record, dict):
        return "not a JSON object"
    return _bad_string(record) or record


def read_jsonl(stream: Iterable[bytes], source: str, warn: Warn = _ignore) -> Iterator[Document | Skipped]:
    """One article a line: ``id``, ``text`` and optional ``title``, ``date``, ``url``.

    Every line that is no article is skipped with its line number; nothing a line holds can
    stop the others from being read.
    """
    for number, raw in enumerate(stream, 1):
        where = f"{source}:{number}"
        if not raw.strip():
            continue
        record = parse_json_line(raw)
        if isinstance(record, str):
            yield Skipped(where, record)
            continue
        if number == 1 and OUTPUT_KEYS & record.keys() and "text" in record and "id" not in record:
            yield Skipped(source, "quotegraph output (quote or claim records), not articles")
            return
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


def _jsonl_lines(path: Path, source: str) -> Iterator[bytes] | Skipped:
    """The lines of a JSONL file as UTF-8 bytes; a UTF-16 or UTF-32 file (it has a byte-order
    mark) is decoded whole first."""
    with path.open("rb") as stream:
        encoding = bom_encoding(stream.read(4))
    if encoding not in ("utf-16", "utf-32"):
        return _lines(path)
    text = decode(path.read_bytes(), source)
    if isinstance(text, Skipped):
        return text
    return _utf8_lines(text)


def _utf8_lines(text: str) -> Iterator[bytes]:
    """Decoded JSONL text as lines of UTF-8 bytes, cut at ``\n`` only."""
    return (line.encode("utf-8", "surrogatepass") for line in text.split("\n"))


def _lines(path: Path) -> Iterator[bytes]:
    with path.open("rb") as stream:
        yield from stream


def read_file(path: Path, warn: Warn = _ignore, doc_id: str | None = None,
              transcript: bool | None = None) -> Iterator[Document | Skipped]:
    """One regular file: JSONL by its suffix, a ``.vtt`` or ``.tsv`` transcript (unless
    ``transcript`` is ``False``), anything else as an article (``doc_id``, or the file's stem)."""
    source = str(path)
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            lines = _jsonl_lines(path, source)
            if isinstance(lines, Skipped):
                yield lines
            else:
                yield from read_jsonl(lines, source, warn)
            return
        data = path.read_bytes()
    except OSError as err:
        yield Skipped(source, f"cannot read ({err.strerror or err})")
        return
    text = decode(data, source)
    if isinstance(text, Skipped):
        yield text
    elif path.suffix.lower() in TRANSCRIPT_SUFFIXES and transcript is not False:
        yield transcript_document(text, path.suffix.lower(), doc_id or path.stem, source)
    else:
        yield parse_article(text, doc_id or path.stem, source, warn)


def read_stdin(stream: BinaryIO, warn: Warn = _ignore) -> Iterator[Document | Skipped]:
    """Standard input: JSONL, read line by line, when it starts with ``{``; else one article.

    A byte-order mark is read as in a file: UTF-8's is dropped, UTF-16's and UTF-32's say how
    to decode the whole input (which is then JSONL if it starts with ``{``).
    """
    head = [stream.readline()]
    if bom_encoding(head[0][:4]) in ("utf-16", "utf-32"):
        text = decode(head[0] + stream.read(), "<stdin>")
        if isinstance(text, Skipped) or not text.lstrip().startswith("{"):
            yield text if isinstance(text, Skipped) else parse_article(text, "stdin", "<stdin>", warn)
        else:
            yield from read_jsonl(_utf8_lines(text), "<stdin>", warn)
        return
    head[0] = head[0].removeprefix(codecs.BOM_UTF8)  # not part of the text, nor of the first line
    while head[-1] and not head[-1].strip():
        head.append(stream.readline())
    if head[-1].lstrip().startswith(b"{"):
        yield from read_jsonl(itertools.chain(head, stream), "<stdin>", warn)
        return
    text = decode(b"".join(head) + stream.read(), "<stdin>")
    yield text if isinstance(text, Skipped) else parse_article(text, "stdin", "<stdin>", warn)


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"))


def check_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a regular file (``None`` when it can): a FIFO would block
    the run forever, a dangling link or a link loop has nothing behind it."""
    try:
        mode = path.stat().st_mode
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        if path.is_symlink():
            return "dangling symbolic link"
        return f"cannot read ({err.strerror or err})"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file ({kind})"


def _tree(path: Path) -> Iterator[Path | Skipped]:
    """Every entry under ``path`` but hidden ones, without following links to folders, and
    each folder that cannot be listed (``path`` too) as :class:`Skipped` with the reason."""
    pending = [path]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            yield Skipped(str(folder), f"cannot read the folder ({err.strerror or err})")
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            child = folder / entry.name
            yield child
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    pending.append(child)


def walk(path: Path, exclude: Collection[Path] = ()) -> Iterator[Path | Skipped]:
    """A directory's article files, recursively, in sorted order, each entry with an article
    suffix that cannot be read as a file (FIFOs, sockets, devices, dangling links, link loops),
    and each folder that cannot be listed (a folder one may not read is named, not left out).

    Hidden files and other suffixes are left out, and so are the paths in ``exclude`` (this
    run's own outputs).
    """
    for child in sorted(_tree(path), key=lambda item: Path(item.source) if isinstance(item, Skipped) else item):
        if isinstance(child, Skipped):
            yield child
            continue
        if child.suffix.lower() not in TEXT_SUFFIXES + JSONL_SUFFIXES + (".vtt",) or _resolved(child) in exclude:
            continue
        problem = check_file(child)
        if problem is not None:
            yield Skipped(str(child), problem)
        elif not child.is_dir():
            yield child


def iter_paths(path: Path) -> Iterator[Path]:
    """A directory's readable article files, recursively, in sorted order (hidden files left out)."""
    return (p for p in walk(path) if isinstance(p, Path))


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _files(inputs: Iterable[str], exclude: Collection[Path]) -> list[tuple[str, Path | Skipped | None, str]]:
    """Every input expanded: ``(input, file or problem or None for stdin, its name relative to
    the input)``."""
    found: list[tuple[str, Path | Skipped | None, str]] = []
    for name in inputs:
        if name == "-":
            found.append((name, None, name))
            continue
        path = Path(name)
        problem = check_file(path) if os.path.lexists(path) else "no such file or directory"
        if problem is not None:
            found.append((name, Skipped(name, problem), name))
        elif path.is_dir():
            before = len(found)
            for child in walk(path, exclude):
                relative = child.source if isinstance(child, Skipped) else str(child.relative_to(path))
                found.append((name, child, relative))
            if len(found) == before:
                found.append((name, Skipped(name, "directory holds no .txt or .jsonl files"), name))
        elif _resolved(path) in exclude:
            found.append((name, Skipped(name, "the run's own output, not read as input"), name))
        else:
            found.append((name, path, name))
    return found


def _article_ids(files: list[tuple[str, Path | Skipped | None, str]]) -> dict[Path, str]:
    """Document ids of article files: the stem, or the path relative to its input (without the
    suffix) when two files share a stem (``a/story.txt`` and ``b/story.txt``)."""
    articles = [(path, relative) for _, path, relative in files
                if isinstance(path, Path) and path.suffix.lower() not in JSONL_SUFFIXES]
    stems = Counter(path.stem for path, _ in articles)
    return {path: path.stem if stems[path.stem] == 1 else str(Path(relative).with_suffix("").as_posix())
            for path, relative in articles}


def read_inputs(inputs: Iterable[str], warn: Warn = _ignore, exclude: Iterable[str] = (),
                transcript: bool | None = None) -> Iterator[Document | Skipped]:
    """Every document of every input, in order: files, directories and ``-`` for stdin.

    ``transcript``: read every document as a transcript (``True``), none (``False``), or those
    that look like one (``None``; ``transcripts.detect``).

    Document ids are unique within the call: a repeated one (a JSONL id seen before) gets a
    numbered suffix, with a warning. ``exclude`` names files never read (the run's outputs).
    """
    files = _files(inputs, {_resolved(Path(p)) for p in exclude})
    ids = _article_ids(files)
    seen: dict[str, int] = {}
    for _, path, _ in files:
        if isinstance(path, Skipped):
            yield path
            continue
        items = read_stdin(sys.stdin.buffer, warn) if path is None else read_file(path, warn, ids.get(path), transcript)
        for item in items:
            if isinstance(item, Document):
                item = _unique(as_transcript(item, transcript), seen, warn)
            yield item


def _unique(document: Document, seen: dict[str, int], warn: Warn) -> Document:
    """The document under an id not seen before in this call: a repeated id gets the next free
    ``-2``, ``-3``... suffix. ``seen`` maps each id taken to the next suffix to try for it, so
    20,000 records of one id cost 20,000 steps, not 200 million."""
    doc_id = document.doc_id
    if doc_id in seen:
        number = seen[doc_id]
        while f"{doc_id}-{number}" in seen:
            number += 1
        seen[doc_id] = number + 1
        doc_id = f"{doc_id}-{number}"
        warn(f"{document.source}: document id {document.doc_id!r} seen before; this one is {doc_id!r}")
        document = replace(document, doc_id=doc_id)
    seen[doc_id] = 2
    return document


__all__ = ["read_inputs", "read_file", "read_jsonl", "parse_article", "normalise_date", "decode",
           "walk", "iter_paths", "check_file"]
