"""Small text helpers every room may use: comparing names, a Doc's length without its text, the
lines of a file, and text made safe to show on a terminal."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

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
