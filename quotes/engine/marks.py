"""Quotation marks: pair them into quoted spans, paragraph by paragraph.

Straight double quotes, curly ``“…”``, guillemets ``«…»`` and ``„…“``, and single quotes
``‘…’`` told apart from apostrophes. A paragraph that opens a quotation mark and leaves it open
continues in the next paragraph when that one opens with a mark too (news style). An unbalanced
mark costs only its own quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "«": "»", "„": "“", "‘": "’", "‹": "›"}
DOUBLE_MARKS = set('"“”«»„') | {"‹", "›"}  # two apostrophes ('') count as one, see find_marked
ALL_MARKS = DOUBLE_MARKS | {"‘", "’", "'"}
_PARAGRAPH = re.compile(r"\n\s*")


@dataclass(frozen=True)
class Marked:
    """A quoted span: ``open``/``close`` are the marks' positions, content lies between."""

    open: int
    close: int  # index of the closing mark; == paragraph end when the quote runs on
    continues: bool = False  # runs on into the next paragraph
    continued: bool = False  # carries on a quote left open in the previous paragraph

    @property
    def content(self) -> tuple[int, int]:
        return self.open + 1, self.close


def paragraphs(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-empty line of ``text[start:end]``."""
    end = len(text) if end is None else end
    spans, position = [], start
    for match in _PARAGRAPH.finditer(text, start, end):
        if text[position : match.start()].strip():
            spans.append((position, match.start()))
        position = match.end()
    if text[position:end].strip():
        spans.append((position, end))
    return spans


def _is_opening(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _is_closing(text: str, i: int, lo: int, hi: int) -> bool:
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def _pair(text: str, lo: int, hi: int, singles: bool) -> tuple[list[tuple[int, int]], int | None]:
    """Pair marks in ``text[lo:hi]``; also return the position of a mark left open."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    closer = ""
    for i in range(lo, hi):
        ch = text[i]
        if singles:
            if ch not in "‘’'":
                continue
        elif ch not in DOUBLE_MARKS:
            continue
        if opened is None:
            if ch in OPENERS and (ch != "‘" or _is_opening(text, i, lo, hi)):
                opened, closer = i, OPENERS[ch]
            elif ch in "\"'" and _is_opening(text, i, lo, hi):
                opened, closer = i, ch
            elif ch == "”" and _is_opening(text, i, lo, hi):
                opened, closer = i, "”"  # ”Fear is what I feel.” -- a closing mark set as opener
        else:
            if (ch == closer or (closer in "\"”" and ch in "\"”")) and _is_closing(text, i, lo, hi):
                if i - opened > 1:
                    pairs.append((opened, i))
                opened = None
            elif ch in OPENERS and ch != "‘" and not singles and _is_opening(text, i, lo, hi) and ch not in "“" :
                opened, closer = i, OPENERS[ch]  # a fresh opener: the earlier one was stray
    return pairs, opened


def find_marked(text: str, start: int = 0, end: int | None = None) -> list[Marked]:
    """Every quoted span in ``text[start:end]``, in text order, with run-on paragraphs."""
    result: list[Marked] = []
    carry = False
    paras = paragraphs(text, start, end)
    original = text
    if "''" in text:
        # two apostrophes stand for a double quotation mark in some newspapers' text:
        # pair them as one mark (the second becomes a placeholder that is no letter or space)
        text = text.replace("''", '"\u2060')
    for index, (lo, hi) in enumerate(paras):
        pairs, left_open = _pair(text, lo, hi, singles=False)
        if not pairs and left_open is None:
            pairs, left_open = _pair(text, lo, hi, singles=True)
            left_open = None  # an unpaired single mark is an apostrophe
        spans = [Marked(o, c) for o, c in pairs]
        if carry and spans and spans[0].open == lo:
            spans[0] = Marked(spans[0].open, spans[0].close, False, True)
        if left_open is not None:
            nxt = paras[index + 1] if index + 1 < len(paras) else None
            if nxt is not None and text[nxt[0]] in DOUBLE_MARKS and hi - left_open > 2:
                spans.append(Marked(left_open, hi, True, carry and left_open == lo))
                carry = True
                result.extend(spans)
                continue
        carry = False
        result.extend(spans)
    if original is not text:  # content starts after both apostrophes of an opening pair
        result = [Marked(m.open + 1, m.close, m.continues, m.continued)
                  if original.startswith("''", m.open) else m for m in result]
    return sorted(result, key=lambda m: m.open)


def has_quotation_marks(text: str) -> bool:
    """Whether the text uses double quotation marks at all (stripped corpora have none)."""
    return any(ch in DOUBLE_MARKS for ch in text) or "''" in text
