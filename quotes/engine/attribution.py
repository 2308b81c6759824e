"""What every attribution rule produces: content offsets tied to a cue and a source, before
speakers are resolved; and the small token helpers the rules share."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import HEAD, POS
from spacy.parts_of_speech import IDS as POS_IDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span as SpacySpan, Token

from ..model import Span
from ..text import doc_length  # noqa: F401  (rules read it from here too)
from .speakers import Resolution

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")


QUOTE_CHARS = set("\"“”«»„‘’'")


@dataclass
class Attribution:
    """A content span tied to its cue and source, before speakers are resolved."""

    start: int  # document offsets of the content
    end: int
    cue: Span | None
    source: list[Token] | None
    act: str
    rule: str
    addressee: Span | None = None
    marked: bool = False  # content is exactly a quoted span
    continuation_of: "Attribution | None" = None
    resolution: Resolution | None = None
    role: str | None = None
    paragraph: int = -1
    mention: Span | None = None
    parts: list[tuple[int, int]] | None = None  # content pieces when a quote is split
    uncounted: str | None = None  # why a journalist would not count it as a quote (counted.py)


def token_span(tokens: Sequence[Token], offset: int) -> Span:
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    return Span(tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text, start, end)


def trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range ``[lo, hi]`` without punctuation and conjunctions at either edge."""
    while lo <= hi and (doc[lo].is_punct and doc[lo].text not in QUOTE_CHARS or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct and doc[hi].text not in QUOTE_CHARS or doc[hi].dep_ == "cc" or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return lo, hi


def char_range(doc: Doc, lo: int, hi: int, offset: int) -> tuple[int, int]:
    return offset + doc[lo].idx, offset + doc[hi].idx + len(doc[hi].text)


def word_count(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


_CHUNK = re.compile(r"\S+")


def has_words(text: str, start: int, end: int, count: int = 2) -> bool:
    """Whether ``text[start:end]`` holds ``count`` words (as :func:`word_count` counts them),
    read only as far as needed: a check per candidate over its whole content was quadratic
    when a thousand candidates shared one long sentence."""
    found = 0
    for chunk in _CHUNK.finditer(text, start, end):
        if any(ch.isalnum() for ch in chunk.group()):
            found += 1
            if found >= count:
                return True
    return False


_SENTENCES_KEY = "quotegraph.rules.sentences"


def sentence_of(tok: Token) -> SpacySpan:
    """``tok.sent`` from sentence bounds found once per parse: ``Token.sent`` walks the sentence
    on every call, which a rule asking once per cue makes quadratic in the sentence's length."""
    doc = tok.doc
    bounds = doc.user_data.get(_SENTENCES_KEY)
    if bounds is None:
        sents = list(doc.sents)
        bounds = doc.user_data[_SENTENCES_KEY] = ([s.start for s in sents], [s.end for s in sents])
    k = bisect_right(bounds[0], tok.i) - 1
    return doc[bounds[0][k] : bounds[1][k]]


_CHILDREN_KEY = "quotegraph.rules.children"


def children(tok: Token) -> list[Token]:
    """``tok.children`` from a table built once per parse: spaCy's ``Token.children`` walks the
    whole span of the token's subtree on every call, which a rule asking once per cue makes
    quadratic in a long sentence (1,000 repeated "told" took seconds per call)."""
    doc = tok.doc
    table = doc.user_data.get(_CHILDREN_KEY)
    if table is None:  # indices, not tokens: a token kept on its Doc would make a cycle
        table = [[] for _ in range(len(doc))]
        heads = (numpy.arange(len(doc)) + doc.to_array(HEAD).view("int64")).tolist()  # HEAD is relative
        for i, head in enumerate(heads):
            if head != i:
                table[head].append(i)
        doc.user_data[_CHILDREN_KEY] = table
    return [doc[i] for i in table[tok.i]]


def rights(tok: Token) -> list[Token]:
    """``tok.rights`` from the same table as :func:`children`."""
    return [child for child in children(tok) if child.i > tok.i]


_COLUMNS_KEY = "quotegraph.rules.columns"


def where(doc: Doc, attr: int, values: Sequence[str]) -> numpy.ndarray:
    """Which tokens have one of ``values`` (strings: a part of speech for ``POS``, else a tag,
    label or form) as ``attr``, a mask over the Doc: a rule looking for a few words or parts of
    speech reads a column once per parse instead of making every token and its strings."""
    columns = doc.user_data.setdefault(_COLUMNS_KEY, {})
    column = columns.get(attr)
    if column is None:
        column = columns[attr] = doc.to_array(attr)
    ids = [POS_IDS[value] if attr == POS else get_string_id(value) for value in values]
    return numpy.isin(column, numpy.array(ids, dtype=column.dtype))


def tokens_where(doc: Doc, mask: numpy.ndarray) -> list[Token]:
    """The tokens of a mask from :func:`where`, in order."""
    return [doc[i] for i in numpy.flatnonzero(mask).tolist()]


LOOKUP_PREFIX = "quotegraph.rules."


def forget_lookups(doc: Doc) -> None:
    """Drop the per-parse tables the rules kept in ``doc.user_data`` (sentences, children,
    subjects): done with a Doc, it should carry nothing of ours into a caller's hands."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith(LOOKUP_PREFIX)]:
        del doc.user_data[key]
