"""Writers: JSONL, CSV, JSON and a terminal table, to a file written atomically or a stream."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@contextlib.contextmanager
def atomic_output(path: str | None, stdout: IO[str]) -> Iterator[IO[str]]:
    """A text stream for ``path``: written to a temporary file and renamed when complete.

    An interrupted run leaves whatever was at ``path`` before untouched. ``None`` or ``-``
    means standard output.
    """
    if path in (None, "-"):
        yield stdout
        stdout.flush()
        return
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())  # on disk before it takes the old file's name
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested objects as ``parent_child`` columns; lists as JSON text."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}_"))
        elif value is None and key in ("speaker_mention", "cue", "addressee"):
            for part in ("text", "start", "end"):
                flat[f"{name}_{part}"] = None
        elif isinstance(value, (list, tuple)):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def spreadsheet_safe(value: Any) -> Any:
    """A cell a spreadsheet will not run as a formula: ``=1+1`` is written ``'=1+1``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


class JsonlWriter:
    """One JSON object a line."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, record: Mapping[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        pass


class CsvWriter:
    """Flattened records; the header comes from the first record."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.writer: csv.DictWriter | None = None

    def write(self, record: Mapping[str, Any]) -> None:
        flat = flatten(record)
        if self.writer is None:
            self.writer = csv.DictWriter(self.stream, fieldnames=list(flat), extrasaction="ignore")
            self.writer.writeheader()
        self.writer.writerow({k: spreadsheet_safe(v) for k, v in flat.items()})

    def close(self) -> None:
        pass


class JsonWriter:
    """One JSON array, written as records arrive."""

    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream
        self.count = 0

    def write(self, record: Mapping[str, Any]) -> None:
        self.stream.write(("[\n" if self.count == 0 else ",\n") + json.dumps(record, ensure_ascii=False, indent=2))
        self.count += 1

    def close(self) -> None:
        self.stream.write("[]\n" if self.count == 0 else "\n]\n")


class TableWriter:
    """A rich table for the terminal, printed at the end."""

    def __init__(self, stream: IO[str], columns: tuple[str, ...]) -> None:
        self.stream = stream
        self.columns = columns
        self.rows: list[list[str]] = []

    def write(self, record: Mapping[str, Any]) -> None:
        flat = flatten(record)
        self.rows.append(["" if flat.get(c) is None else str(flat.get(c)) for c in self.columns])

    def close(self) -> None:
        from rich.console import Console
        from rich.table import Table

        table = Table(*self.columns, show_lines=True)
        for row in self.rows:
            table.add_row(*row)
        Console(file=self.stream, width=160).print(table)


QUOTE_COLUMNS = ("quote_id", "kind", "speaker", "cue_text", "text", "confidence")
FORMATS = ("jsonl", "csv", "json", "table")


def make_writer(fmt: str, stream: IO[str], columns: tuple[str, ...] = QUOTE_COLUMNS):
    """The writer for a format name."""
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "csv":
        return CsvWriter(stream)
    if fmt == "json":
        return JsonWriter(stream)
    if fmt == "table":
        return TableWriter(stream, columns)
    raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def to_text(records: list[Mapping[str, Any]], fmt: str) -> str:
    """Records rendered in a format, as a string (for tests and small outputs)."""
    buffer = io.StringIO()
    writer = make_writer(fmt, buffer)
    for record in records:
        writer.write(record)
    writer.close()
    return buffer.getvalue()
