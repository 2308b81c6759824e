"""Documents in, quotes out: spaCy batches over the readers' documents, one parse each."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from ..engine import extract_from_parsed
from ..model import Document, Quote, Skipped
from . import selective
from .nlp import CHUNK_CHARS, split_for_parser

T = TypeVar("T")
BATCH_SIZE = 32
# Characters parsed at once: spaCy's parser needs about 1 GB per 100,000 (see nlp.CHUNK_CHARS).
BATCH_CHARS = CHUNK_CHARS
_WORD = re.compile(r"[^\W_]")


def parse_documents(documents: Iterable[Document], nlp: Language, batch_size: int = BATCH_SIZE,
                    budget: int = BATCH_CHARS, acts: Collection[str] | None = None,
                    keep_tensor: bool = False) -> Iterator[tuple[Document, list[tuple[int, Doc]]]]:
    """Parse each document's body once, in pieces the parser can take, with ``nlp.pipe``.

    Pieces go to the parser in batches of at most ``batch_size`` pieces and ``budget``
    characters (a longer piece alone), so that the parser's peak memory is that of one budget
    whatever the size of the documents. Yields each document with its ``(offset, doc)``
    pieces; offsets are into ``document.text``. With ``acts``, only the paragraphs that can hold
    a quote of those acts are parsed in full (``selective``); the others get tokens and entities.
    ``QUOTEGRAPH_PARSE=full`` in the environment turns that off (for measuring). The tokens'
    vectors (``doc.tensor``) are freed unless ``keep_tensor`` (the claims' scores read them).
    """

    def pieces() -> Iterator[tuple[str, tuple[Document, int, int, int]]]:
        for document in documents:
            # a piece without a word (a cut-up run of punctuation) holds nothing to attribute
            parts = [(o, p) for o, p in split_for_parser(document.parse_text, document.body_start)
                     if _WORD.search(p)] or [(document.body_start, "")]
            for number, (offset, piece) in enumerate(parts):
                yield piece, (document, offset, number, len(parts))

    less = acts is not None and os.environ.get("QUOTEGRAPH_PARSE") != "full" and selective.applies(nlp)

    def parse(group: list[tuple[str, tuple]]) -> Iterator[tuple[Doc, tuple]]:
        if less:
            docs = selective.parse_less(nlp, (text for text, _ in group), acts, len(group))
            return zip(docs, (context for _, context in group))
        return nlp.pipe(group, as_tuples=True, batch_size=len(group))

    current: list[tuple[int, Doc]] = []
    for group in char_batches(pieces(), batch_size, budget, lambda piece: len(piece[0])):
        for doc, (document, offset, number, total) in parse(group):
            if not keep_tensor:
                doc.tensor = doc.tensor[:0].copy()  # the quote rules read the parse, not the vectors: free them
            current.append((offset, doc))
            if number == total - 1:
                yield document, current
                current = []


def char_batches(items: Iterable[T], size: int, budget: int, length: Callable[[T], int]) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size`` items and ``budget`` characters (``length`` of each;
    an item longer than the budget goes alone). Parser pieces, ``--jobs`` batches and Dask
    partitions are all cut by this."""
    group: list[T] = []
    chars = 0
    for item in items:
        size_of = length(item)
        if group and (len(group) >= size or chars + size_of > budget):
            yield group
            group, chars = [], 0
        group.append(item)
        chars += size_of
    if group:
        yield group


def _guarded(document: Document, work: Callable[[], list], what: str) -> list | Skipped:
    """The result of ``work`` for one document, or why it failed: one broken document must not
    cost the others."""
    try:
        return work()
    except Exception as err:
        return Skipped(document.source or document.doc_id, f"{what} failed: {type(err).__name__}: {err}")


def extract_documents(documents: Iterable[Document], nlp: Language,
                      acts: Collection[str] = ("speech",), batch_size: int = BATCH_SIZE,
                      on_error: Callable[[Skipped], None] | None = None,
                      ) -> Iterator[tuple[Document, list[Quote]]]:
    """Every document with its quotes, in input order, streaming batch by batch.

    With ``on_error``, a document the rules fail on is reported there and left out instead of
    ending the run.
    """
    for document, parsed in parse_documents(documents, nlp, batch_size, acts=acts):
        if on_error is None:
            yield document, extract_from_parsed(document, parsed, acts)
            continue
        result = _guarded(document, lambda: extract_from_parsed(document, parsed, acts), "extraction")
        if isinstance(result, Skipped):
            on_error(result)
        else:
            yield document, result


Result = tuple[Document, "list[Quote] | Skipped"]


def extract_batch(documents: Sequence[Document], nlp: Language, acts: Collection[str] = ("speech",),
                  batch_size: int = BATCH_SIZE) -> list[Result]:
    """Each document of a batch with its quotes, or with the reason the rules failed on it.

    Order is kept, so that serial and parallel runs write the same bytes.
    """
    return [(document, _guarded(document, lambda: extract_from_parsed(document, parsed, acts), "extraction"))
            for document, parsed in parse_documents(documents, nlp, batch_size, acts=acts)]


def claims_batch(documents: Sequence[Document], nlp: Language, threshold: float,
                 keep_all: bool = False, batch_size: int = BATCH_SIZE) -> list[tuple[Document, "list | Skipped"]]:
    """Each document of a batch with its claims (check-worthy ones, or every candidate)."""
    from ..claims import find_claims

    def claims_of(document: Document, parsed: list[tuple[int, Doc]]) -> list:
        quotes = extract_from_parsed(document, parsed, ("speech",), enrich=False, journalists=False)
        claims: list = []
        for offset, doc in parsed:
            claims += find_claims(document, doc, offset, quotes, threshold, number_from=len(claims) + 1)
        return claims if keep_all else [c for c in claims if c.checkworthy]

    return [(document, _guarded(document, lambda: claims_of(document, parsed), "claim detection"))
            for document, parsed in parse_documents(documents, nlp, batch_size, keep_tensor=True)]
