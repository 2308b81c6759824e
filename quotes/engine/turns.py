"""A transcript's turns as quotes: each utterance is its speaker's direct quote.

The speaker comes from the transcript's label, not from the text: "TRUMP: We are losing our
jobs." is Donald Trump's (under the transcript's canonical name) with the label as the speaker
mention and no cue. Quotes the engine finds inside a turn ("My opponent said taxes would fall")
stay as they are, with their own speaker.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..model import Document, Quote, Span, quote_id, quote_text

TURN_RULE = "transcript"
TURN_CONFIDENCE = 1.0  # the transcript says who speaks


def turn_quotes(document: Document) -> list[Quote]:
    """One direct quote per utterance of a transcript, in text order (ids left empty)."""
    quotes = []
    for turn in document.utterances:
        start, end = turn.start, turn.end
        quotes.append(Quote(
            doc_id=document.doc_id, quote_id="", kind="direct", text=quote_text(document.text, turn.parts),
            start=start, end=end, speaker=turn.speaker,
            speaker_mention=Span(turn.label, turn.label_start, turn.label_end), cue=None,
            confidence=TURN_CONFIDENCE, title=document.title, date=document.date, url=document.url,
            parts=turn.parts, act="speech", speaker_type="person",
            speaker_role=None if turn.role == "person" else turn.role, rule=TURN_RULE))
    return quotes


def _turn_at(document: Document, position: int) -> int | None:
    for number, turn in enumerate(document.utterances):
        if any(a <= position < b for a, b in turn.parts):
            return number
    return None


def _within_one_turn(document: Document, quote: Quote) -> bool:
    """A quote the engine found inside a turn and attributed to someone it could name, cue and
    content in the same turn: "The governor said the mills would stay open". A quote without a
    cue (a sentence carried on from the quote before) has no place in a transcript, where the
    next line is already somebody's; nor one of nobody named ("I believe ...", "you said ...",
    "they say ..."): its words are the turn speaker's."""
    if quote.cue is None or not quote.speaker:
        return False
    turn = _turn_at(document, quote.cue.start)
    return turn is not None and all(_turn_at(document, a) == turn and _turn_at(document, b - 1) == turn
                                    for a, b in quote.parts or ((quote.start, quote.end),))


def _canonical(name: str | None, speakers: Sequence[str]) -> str | None:
    """A speaker the engine named, under the transcript's name when exactly one of its speakers
    holds all its words ("Moss" -> "Tom Moss")."""
    if not name:
        return name
    words = set(name.lower().split())
    fits = {s for s in speakers if words <= set(s.lower().split())}
    return next(iter(fits)) if len(fits) == 1 else name


def with_turns(document: Document, quotes: Sequence[Quote]) -> list[Quote]:
    """The engine's quotes of a transcript kept where they sit inside one turn, one quote per
    turn added, in text order (a turn before the quotes inside it), each with the id made from
    where it starts, as every quote has (``model.quote_id``)."""
    speakers = sorted({turn.speaker for turn in document.utterances})
    first = min(turn.label_start for turn in document.utterances)
    prose = [q for q in quotes if q.end <= first]  # the introduction to a transcript quoted in an article
    inner = [replace(q, speaker=_canonical(q.speaker, speakers)) for q in quotes if _within_one_turn(document, q)]
    found = sorted([*turn_quotes(document), *prose, *inner], key=lambda q: (q.start, q.rule != TURN_RULE, q.end))
    starts = Counter(q.start for q in found)
    return [replace(q, quote_id=quote_id(document.doc_id, q.start, q.end, starts[q.start] > 1)) for q in found]
