"""Small text helpers every room may use: comparing names, and a Doc's length without its text."""

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
