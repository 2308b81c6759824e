"""Countries, blocs, topics and people named inside a quote's content.

Runs after the quote engine on the same spaCy Doc, without parsing again: it reads the tokens and
entities that fall inside the quote's character range and returns a new :class:`Quote` with
``countries``, ``blocs``, ``topics`` and ``persons`` filled in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import lexicon_cache, lexicon_texts, load_lexicons, validated_on_change
from ..model import Mention, Quote, printable
from ..text import doc_length, fold, lines
from .countries import PlaceMatch, find_places, place_mention, split_kinds
from .topics import assign_topics

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# Words that may precede a name without being part of it, besides the titles lexicon.
_NAME_PREFIXES = frozenset({"the", "former", "late", "acting", "deputy", "then", "ex", "incumbent"})
_POSSESSIVE = re.compile(r"(?:['\u2019]s|['\u2019])$")
_EDGE_PUNCT = re.compile(r"^[\W_]+|[\W_]+$")


@lexicon_cache
def _title_words() -> frozenset[str]:
    words = set(load_lexicons().titles)
    return frozenset(words | {w.rstrip(".") for w in words} | _NAME_PREFIXES)


def clean_person_name(name: str) -> str:
    """A person's name without titles, possessive or stray punctuation.

    ``"President Jane Roe's"`` -> ``"Jane Roe"``.
    """
    words = name.replace("\u2019", "'").split()
    titles = _title_words()
    while len(words) > 1 and words[0].casefold().rstrip(".") in titles:
        words.pop(0)
    if words:
        words[-1] = _POSSESSIVE.sub("", words[-1])
    words = [w for w in (_EDGE_PUNCT.sub("", w) if i in (0, len(words) - 1) else w
                         for i, w in enumerate(words)) if w]
    return " ".join(words)


_PEOPLE_KEY = "quotegraph.enrich.people"


def _document_people(doc: Doc) -> list[str]:
    """Every PERSON entity of the document, cleaned, longest first; kept in ``doc.user_data``.

    Computed once per Doc: ``annotate_quote`` runs once per quote on the same Doc.
    """
    cached = doc.user_data.get(_PEOPLE_KEY)
    if cached is None:
        names = {clean_person_name(ent.text) for ent in doc.ents if ent.label_ == "PERSON"}
        cached = sorted((n for n in names if n), key=lambda n: (-len(n.split()), n))
        doc.user_data[_PEOPLE_KEY] = cached
    return cached


def _person_entities(span: Span) -> list[Span]:
    """PERSON entities that lie inside ``span``, read from IOB tags (``Span.ents`` scans the Doc)."""
    doc, found = span.doc, []
    for tok in span:
        if tok.ent_iob_ == "B" and tok.ent_type_ == "PERSON":
            end = tok.i + 1
            while end < len(doc) and doc[end].ent_iob_ == "I":
                end += 1
            if end <= span.end:
                found.append(doc[tok.i:end])
    return found


def canonical_person(name: str, people: Sequence[str]) -> str:
    """The fullest form of ``name`` among ``people``: a surname becomes the full name.

    ``name`` matches a longer name that ends with the same words (``Roe`` ->
    ``Jane Roe``), also when a possessive lost its apostrophe (``Roes``).
    When two different fuller names fit (two Smiths), ``name`` is kept as it is.
    """
    words = fold(name).split()
    if not words:
        return name
    tails = [words]
    if words[-1].endswith("s") and len(words[-1]) > 3:
        tails.append(words[:-1] + [words[-1][:-1]])
    for tail in tails:
        fuller = [p for p in people
                  if len(p.split()) >= len(tail) and fold(p).split()[-len(tail):] == tail]
        if not fuller:
            continue
        top = max(len(p.split()) for p in fuller)
        longest = {fold(p): p for p in fuller if len(p.split()) == top}
        return next(iter(longest.values())) if len(longest) == 1 else name
    return name


def _content_span(sdoc: Doc, start: int, end: int) -> Span | None:
    if len(sdoc) == 0:
        return None
    length = doc_length(sdoc)
    start, end = max(0, start), min(length, end)
    if end <= start:
        return None
    return sdoc.char_span(start, end, alignment_mode="contract")


def _mentions(matches: Iterable[PlaceMatch], offset: int) -> tuple[Mention, ...]:
    return tuple(place_mention(m, offset) for m in matches if m.place is not None)


@validated_on_change
@lexicon_cache
def _not_persons() -> frozenset[str]:
    """Names that are never people here (``lexicons/not_persons.txt`` and a lexicon folder's)."""
    return frozenset(line.strip().casefold() for _, text in lexicon_texts("not_persons.txt")
                     for line in lines(text) if line.strip() and not line.startswith("#"))


def persons_in(span: Span, places: Sequence[PlaceMatch] = ()) -> tuple[str, ...]:
    """PERSON entities inside ``span``, canonicalised against the whole document, in order.

    An entity that is really a place ("Russias" tagged PERSON) is left out.
    """
    taken = [(m.start, m.end) for m in places]
    people = _document_people(span.doc)
    found: list[str] = []
    for ent in _person_entities(span):
        if any(s < ent.end_char and ent.start_char < e for s, e in taken):
            continue
        if ent.text.casefold() in _not_persons():  # "If, God forbid, ..."
            continue
        name = printable(canonical_person(clean_person_name(ent.text), people))
        if name and name not in found:
            found.append(name)
    return tuple(found)


def annotate_quote(quote: Quote, sdoc: Doc, offset: int = 0) -> Quote:
    """``quote`` with the countries, blocs, topics and persons named in its content.

    Args:
        quote: a record whose ``start``/``end`` are offsets into the document's text.
        sdoc: the spaCy Doc of the document text from character ``offset`` on, so that
            document position = ``offset + token.idx``.
        offset: where ``sdoc`` starts in the document's text.

    Returns:
        A new Quote (``dataclasses.replace``); the input is returned unchanged when its
        content lies outside ``sdoc``.
    """
    span = _content_span(sdoc, quote.start - offset, quote.end - offset)
    if span is None or len(span) == 0:
        return quote
    places = find_places(span)
    countries, blocs = split_kinds(places)
    return replace(quote,
                   countries=_mentions(countries, offset),
                   blocs=_mentions(blocs, offset),
                   topics=assign_topics(span),
                   persons=persons_in(span, places))
