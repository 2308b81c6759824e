"""Where the claims of a sentence are and whose they are, from the quote engine's records.

A sentence gives one candidate claim per assertion:

- inside a quote's content (its ``parts`` that fall in the sentence): the speaker's claim,
  however little of the sentence the content takes ("Growth will slow," warned IMF chief
  Kristalina Georgieva.). The claim is the asserted content, without the reporting clause or a
  leading "that": "the country will soon receive jets", not "The leader said that ...".
- the rest, once the contents and their attributions (cue, speaker, "told reporters on
  Wednesday", "according to X") are taken out: the article's own narrative, the publication's
  claim, when what is left still holds a verb ("Moscow has granted Belarus a loan" in "Moscow
  has granted Belarus a loan and criticized Western restrictions").
- two clauses joined with their own subjects ("..., but his legitimacy is dubious and we will
  not recognize ...") are two claims; a shared subject ("is getting drawn in and is trading")
  keeps one.

Works on token indices of the parse; ``find_claims`` turns them into character offsets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ..model import Quote

# Children of a cue that belong to its attribution, not to a claim: the speaker and what
# qualifies the act of saying ("said on Wednesday", "told The Associated Press in an interview",
# "has repeatedly said", "after she said").
_ATTRIBUTION_DEPS = frozenset({
    "nsubj", "nsubjpass", "agent", "aux", "auxpass", "neg", "npadvmod", "advmod", "prep", "dative",
    "dobj", "iobj", "mark", "punct", "prt", "pobj", "poss", "det", "amod", "compound",
})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})
_CLAUSE_POS = frozenset({"VERB", "AUX"})
_EDGE_DEPS = frozenset({"cc", "mark", "preconj", "prep"})  # "and", "but", "that", "as" at a claim's edge
_END_MARKS = frozenset({".", "!", "?"})


@dataclass(frozen=True)
class Piece:
    """A claim's tokens ``doc[start:end]`` and the quote it comes from (None: the narrative)."""

    start: int
    end: int
    quote: Quote | None


def claim_pieces(segment: SpacySpan, offset: int, quotes: Sequence[Quote]) -> list[Piece]:
    """The candidate claims of one sentence, in text order.

    Args:
        segment: a sentence of the parse.
        offset: where the parse starts in the document's text (quotes' offsets are into that text).
        quotes: the document's quotes.
    """
    tokens = [t for t in segment if not t.is_space]
    if not tokens:
        return []
    begin, finish = offset + segment.start_char, offset + segment.end_char
    claimed: set[int] = set()
    contents: list[tuple[list[Token], Quote]] = []
    touching: list[Quote] = []
    for quote in quotes:
        pieces = quote.parts or ((quote.start, quote.end),)
        inside = False
        for start, end in pieces:
            a, b = max(start, begin), min(end, finish)
            if a >= b:
                continue
            inside = True
            covered = [t for t in tokens if offset + t.idx < b and offset + t.idx + len(t) > a and t.i not in claimed]
            if any(t.is_alpha for t in covered):
                contents.append((covered, quote))
                claimed.update(t.i for t in covered)
        cue_here = quote.cue is not None and begin <= quote.cue.start < finish
        if inside or cue_here:
            touching.append(quote)
    if not touching:
        return _split(tokens[0].i, tokens[-1].i + 1, None, segment)
    taken = claimed | _attributions(tokens, offset, touching, claimed)
    found: list[Piece] = []
    for covered, quote in contents:
        found += _split(covered[0].i, covered[-1].i + 1, quote, segment)
    for run in _runs(tokens, taken):
        found += _split(run[0].i, run[-1].i + 1, None, segment)
    return sorted(found, key=lambda p: (p.start, p.end))


def _attributions(tokens: Sequence[Token], offset: int, quotes: Sequence[Quote], claimed: set[int]) -> set[int]:
    """The tokens of the reporting clauses: cues, speakers and what qualifies the saying."""
    inside = {t.i for t in tokens}
    taken: set[int] = set()
    for quote in quotes:
        if quote.cue is None:
            continue
        cue = _covering(tokens, offset, quote.cue.start, quote.cue.end)
        cue_ids = {t.i for t in cue}
        taken |= cue_ids
        for head in (t for t in cue if t.head.i == t.i or t.head.i not in cue_ids):
            reach = {t.i for t in head.subtree}
            # the speaker and the addressee, when they hang from this cue: "The bank granted a loan
            # and criticized the council" leaves "The bank" to the loan
            for mention in (quote.speaker_mention, quote.addressee):
                if mention is not None:
                    words = {t.i for t in _covering(tokens, offset, mention.start, mention.end)}
                    if words <= reach:
                        taken |= words
            for child in head.children:
                subtree = {t.i for t in child.subtree}
                if child.dep_ in _ATTRIBUTION_DEPS and subtree <= inside and not subtree & claimed:
                    taken |= subtree
    return taken - claimed


def _covering(tokens: Sequence[Token], offset: int, start: int, end: int) -> list[Token]:
    """The tokens that overlap the characters ``[start, end)`` of the document."""
    return [t for t in tokens if offset + t.idx < end and offset + t.idx + len(t) > start]


def _runs(tokens: Sequence[Token], taken: set[int]) -> list[list[Token]]:
    """Stretches of the sentence outside every content and attribution that still hold a clause."""
    runs: list[list[Token]] = []
    current: list[Token] = []
    for tok in [*tokens, None]:
        if tok is not None and tok.i not in taken:
            current.append(tok)
            continue
        run = _trim(current, tokens[-1])
        if _has_clause(run):
            runs.append(run)
        current = []
    return runs


def _has_clause(run: Sequence[Token]) -> bool:
    """A verb with its subject: "Moscow has granted a loan", not "abandon its independence"."""
    inside = {t.i for t in run}
    return any(t.dep_ in _SUBJECTS and t.head.i in inside and t.head.pos_ in _CLAUSE_POS for t in run)


def _trim(run: Sequence[Token], last: Token) -> list[Token]:
    """Without punctuation and joining words at the edges; a sentence's final mark is kept.

    A leading "that" or "as" goes when it ties the claim to a clause outside it ("said that X",
    "announced it as X"); "If" in "If a war starts, the army will fight" and "Despite" in
    "Despite the talks, prices rose" stay.
    """
    run = list(run)
    while run and (run[0].is_punct or run[0].is_space or run[0].dep_ in _EDGE_DEPS):
        first = run[0]
        if first.dep_ in ("mark", "prep") or first.pos_ in ("ADP", "SCONJ"):
            inside = {t.i for t in run}
            head = first.head
            if head.i in inside and head.head.i in inside:  # "If" in "If a war starts, the army will ..."
                break
        run.pop(0)
    end_mark = run[-1] if run and run[-1].i == last.i and run[-1].text in _END_MARKS else None
    if end_mark is not None:
        run.pop()
    while run and (run[-1].is_punct or run[-1].is_space or run[-1].dep_ in _EDGE_DEPS):
        run.pop()
    if run and end_mark is not None and end_mark.i == run[-1].i + 1:
        run.append(end_mark)
    return run


def _split(start: int, end: int, quote: Quote | None, segment: SpacySpan) -> list[Piece]:
    """One piece per clause with a subject of its own joined by a conjunction."""
    doc = segment.doc
    cuts = sorted({
        t.left_edge.i for t in doc[start:end]
        if t.dep_ == "conj" and t.pos_ in _CLAUSE_POS and t.head.pos_ in _CLAUSE_POS
        and start <= t.head.i < end and start < t.left_edge.i
        and any(c.dep_ in _SUBJECTS for c in t.children)
    })
    pieces = []
    last = doc[end - 1]
    for a, b in zip([start, *cuts], [*cuts, end]):
        run = _trim(doc[a:b], last)
        if any(t.is_alpha for t in run):
            pieces.append(Piece(run[0].i, run[-1].i + 1, quote))
    return pieces
