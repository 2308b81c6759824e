"""Writers: JSONL, CSV, JSON and a terminal table, to a file written atomically or a stream.

:func:`choose_format` settles the format of a run from ``--format`` and the output's suffix
(``-o quotes.csv`` writes CSV), so that every command reads the two the same way.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO, Any

from .terminal import shown
from .outfile import atomic_output  # noqa: F401  (the writers' output file; lives in outfile)

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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


@dataclass(frozen=True)
class Column:
    """A column of the terminal table: its header, the (flattened) field it shows and how.

    ``style``: ``id`` (the record id without its document prefix: ``q4``), ``short`` (a word or
    two, wrapped only if it must), ``name`` (a person or organisation: wraps between words),
    ``text`` (takes the width that is left) or ``number`` (two decimals, right-aligned).
    """

    header: str
    field: str
    style: str = "short"


# How the table shows the fields it knows; any other field is a "short" column under its own name.
KNOWN_COLUMNS = {
    "quote_id": Column("#", "quote_id", "id"),
    "claim_id": Column("#", "claim_id", "id"),
    "kind": Column("kind", "kind"),
    "claim_type": Column("type", "claim_type"),
    "speaker": Column("speaker", "speaker", "name"),
    "claimant": Column("claimant", "claimant", "name"),
    "cue_text": Column("cue", "cue_text"),
    "text": Column("text", "text", "text"),
    "confidence": Column("conf", "confidence", "number"),
    "score": Column("score", "score", "number"),
}
def _cell(column: Column, record: Mapping[str, Any], flat: Mapping[str, Any]) -> str:
    value = flat.get(column.field)
    if value is None:
        return ""
    if column.style == "id":
        doc_id = record.get("doc_id")
        prefix = f"{doc_id}:"
        return str(value)[len(prefix):] if doc_id is not None and str(value).startswith(prefix) else str(value)
    if column.style == "number" and isinstance(value, (int, float)):
        return f"{value:.2f}"
    return str(value)


class TableWriter:
    """Rich tables for the terminal, one per document, printed at the end at the terminal's width.

    The text column takes the width the other columns leave; names wrap between words.
    """

    def __init__(self, stream: IO[str], columns: tuple[str | Column, ...]) -> None:
        self.stream = stream
        self.columns = tuple(c if isinstance(c, Column) else KNOWN_COLUMNS.get(c, Column(c, c))
                             for c in columns)
        self.documents: dict[str, tuple[str, list[list[str]]]] = {}

    def write(self, record: Mapping[str, Any]) -> None:
        flat = flatten(record)
        doc_id = str(record.get("doc_id") or "")
        title = shown(" \u2014 ".join(str(x) for x in (doc_id, record.get("title"), record.get("date")) if x))
        rows = self.documents.setdefault(doc_id, (title, []))[1]
        # an article's ESC [2J or a right-to-left override is shown, not obeyed by the terminal
        rows.append([shown(_cell(c, record, flat), keep="\n\t") for c in self.columns])

    def tables(self, width: int) -> list[Any]:
        """The rich tables for a console ``width`` columns wide (one per document)."""
        from rich import box
        from rich.table import Table
        from rich.text import Text

        tables = []
        for title, rows in self.documents.values():
            # No vertical rules and a blank line between rows: the text keeps the width.
            # Text, not str: a quote's "[inaudible]" or ":smile:" is shown as written, never
            # read as rich markup or an emoji code.
            table = Table(title=Text(title) if title else None, box=box.SIMPLE_HEAD, leading=1,
                          expand=True, pad_edge=False, title_justify="left")
            for i, column in enumerate(self.columns):
                cells = [row[i] for row in rows]
                longest_word = max((len(w) for cell in cells for w in cell.split()), default=1)
                longest_word = max(longest_word, len(column.header))
                if column.style == "text":
                    table.add_column(column.header, ratio=1)
                elif column.style == "name":
                    natural = max((len(cell) for cell in cells), default=1)
                    table.add_column(column.header, overflow="fold", min_width=min(longest_word, width // 4),
                                     max_width=max(min(natural, width // 5), min(longest_word, width // 4)))
                elif column.style == "number":
                    table.add_column(column.header, justify="right", no_wrap=True)
                elif column.style == "id":
                    table.add_column(column.header, no_wrap=True)
                else:
                    table.add_column(column.header, overflow="fold", min_width=min(longest_word, width // 6))
            for row in rows:
                table.add_row(*(Text(cell) for cell in row))
            tables.append(table)
        return tables

    def close(self) -> None:
        from rich.console import Console

        console = Console(file=self.stream)
        for table in self.tables(console.width):
            console.print(table)


QUOTE_COLUMNS = ("quote_id", "kind", "speaker", "cue_text", "text", "confidence")
# Format name -> writer class; every writer takes (stream, table columns).
WRITERS: dict[str, Any] = {
    "jsonl": lambda stream, columns: JsonlWriter(stream),
    "csv": lambda stream, columns: CsvWriter(stream),
    "json": lambda stream, columns: JsonWriter(stream),
    "table": TableWriter,
}
FORMATS = tuple(WRITERS)
# What an output's suffix says about its format. A command that does not write the format its
# suffix names refuses it (choose_format); "claimreview" is JSON-LD, which ".json" may hold too.
SUFFIX_FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".json": "json", ".html": "html",
                  ".jsonld": "claimreview"}
SUFFIX_ALSO = {".json": ("claimreview",)}


class FormatError(ValueError):
    """``--format`` and the output's suffix disagree, or the format is not one this command writes."""


def choose_format(output: str | None, fmt: str | None, offered: tuple[str, ...], terminal: bool) -> str:
    """The format of a run: ``--format`` when given, else what the output's suffix says, else
    (standard output, or a device or FIFO) ``table`` on a terminal and ``jsonl`` otherwise.

    Raises:
        FormatError: the suffix names another format than ``--format`` (``-o q.csv --format
            jsonl``), the output's suffix names no format and ``--format`` is not given
            (``-o quotes.xyz``), or the chosen format is not among ``offered``.
    """
    to_stdout = output in (None, "-")
    suffix = "" if to_stdout else PurePath(str(output)).suffix.lower()
    implied = SUFFIX_FORMATS.get(suffix)
    if fmt is not None:
        if implied is not None and fmt != implied and fmt not in SUFFIX_ALSO.get(suffix, ()):
            raise FormatError(f"{output} ends in {suffix} ({implied}) but --format is {fmt}: "
                              "change the suffix or leave --format out")
        chosen = fmt
    elif implied is not None:
        chosen = implied
    elif to_stdout or _special_file(str(output)):
        chosen = "table" if to_stdout and terminal else "jsonl"
    else:  # "-o quotes.xyz": refuse to guess rather than write JSONL under a misleading name
        known = [s for s, f in SUFFIX_FORMATS.items() if f in offered]
        named = f"ends in {suffix}, which names no format" if suffix else "has no suffix"
        raise FormatError(f"{output} {named}: end it in {', '.join(known[:-1])} or {known[-1]}, "
                          "or give --format")
    if chosen not in offered:
        choices = ", ".join(offered[:-1]) + f" or {offered[-1]}" if len(offered) > 1 else "".join(offered)
        what = f"{output} ends in {suffix} ({chosen})" if fmt is None else f"--format {chosen}"
        raise FormatError(f"{what}, which this command does not write (it writes {choices})")
    return chosen


def _special_file(path: str) -> bool:
    """An existing output that is not a regular file (``/dev/stdout``, a FIFO): its name says
    nothing of a format."""
    return os.path.exists(path) and not os.path.isfile(path)


def make_writer(fmt: str, stream: IO[str], columns: tuple[str | Column, ...] = QUOTE_COLUMNS):
    """The writer for a format name."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(WRITERS)})")
    return WRITERS[fmt](stream, columns)


def to_text(records: list[Mapping[str, Any]], fmt: str) -> str:
    """Records rendered in a format, as a string (for tests and small outputs)."""
    buffer = io.StringIO()
    writer = make_writer(fmt, buffer)
    for record in records:
        writer.write(record)
    writer.close()
    return buffer.getvalue()
