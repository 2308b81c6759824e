"""Small text helpers every room may use: comparing names, a Doc's length without its text, the
lines of a file, and text made safe to show on a terminal."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc


def fold(name: str) -> str:
    """Case and diacritics folded, spacing collapsed, for comparing names."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def doc_length(doc: Doc) -> int:
    """``len(doc.text)`` without building the text, which spaCy joins anew on every call."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


def lines(text: str) -> list[str]:
    """The lines of a file's text, split at ``\n`` only, a carriage return before it dropped.

    ``str.splitlines`` also splits at U+2028, U+2029, U+0085, form feeds and more, which a line
    of a JSONL or TSV file may hold inside a string: a record would be cut in two and every
    line number after it would be wrong.
    """
    return [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]


class JsonError(ValueError):
    """Text that is no usable JSON: ``reason`` says why and ``line`` (from 1) where."""

    def __init__(self, reason: str, line: int) -> None:
        super().__init__(f"line {line}: {reason}")
        self.reason = reason
        self.line = line


class _LongInteger(Exception):
    def __init__(self, digits: str) -> None:
        self.digits = digits


def _integer(digits: str) -> int:
    try:
        return int(digits)
    except ValueError:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise _LongInteger(digits) from None


def loads_json(text: str) -> Any:
    """``json.loads``, with every way it can fail on hostile text a :class:`JsonError` naming
    the line: bad syntax, nesting deeper than Python reads, an integer longer than Python
    converts (4,300 digits), and a lone surrogate (``"\\ud800"``: valid JSON, but no file can
    be written with it)."""
    try:
        data = json.loads(text, parse_int=_integer)
    except json.JSONDecodeError as err:
        raise JsonError(err.msg, err.lineno) from None
    except _LongInteger as err:
        return _fail(f"an integer of {len(err.digits):,} digits", text, text.find(err.digits))
    except RecursionError:
        return _fail("nested too deeply", text, _too_deep(text))
    bad = _lone_surrogate(data)
    if bad is not None:
        found = re.search(rf"\\u{ord(bad):04x}", text, re.IGNORECASE)
        return _fail(f"a lone surrogate (U+{ord(bad):04X})", text, found.start() if found else -1)
    return data


def _fail(reason: str, text: str, position: int) -> Any:
    raise JsonError(reason, text.count("\n", 0, max(position, 0)) + 1)


def _too_deep(text: str, limit: int = 500) -> int:
    """Where brackets outside strings first nest ``limit`` deep (-1 when they never do)."""
    depth, inside, escaped = 0, False, False
    for position, ch in enumerate(text):
        if inside:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                inside = False
        elif ch == '"':
            inside = True
        elif ch in "[{":
            depth += 1
            if depth >= limit:
                return position
        elif ch in "]}":
            depth -= 1
    return -1


def _lone_surrogate(data: Any) -> str | None:
    """The first lone surrogate in any string (key or value) of parsed JSON, or None."""
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as err:
                return item[err.start]
    return None
