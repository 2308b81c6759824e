"""Speakers of matched quotes: is the canonical name right, is the mention right, and what kind
of mention a wrong one was.

Two measures, each over the gold quotes a prediction matched:

* name accuracy: the predicted canonical ``speaker`` names the annotators' ``speaker_name``
  (:func:`~quotes.evaluate.matching.same_speaker`: case, accents and punctuation aside, a
  surname alone counts for the full name, a first name alone does not). Only gold quotes that
  carry a ``speaker_name`` count, so corpora without names (PolNeAR) have none.
* mention accuracy, the GenderGapTracker's "speaker match": the predicted ``speaker_mention``
  overlaps the annotated speaker span by a character; a gold quote with no speaker span (a
  quote carried on from an earlier paragraph) is judged by its name, and with no name either,
  it is right when nothing is predicted.

A wrong speaker gets a class for reading the errors: ``none`` (no speaker predicted),
``pronoun``, ``surname`` (a proper name or a part of one) or ``description`` (a common noun
phrase: "the minister", "a spokeswoman for X"), taken from the predicted mention, or from the
gold one when nothing was predicted.

Pure: gold and predictions in, numbers out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .gold import GoldQuote
from .matching import SETTINGS, PredictedQuote, Setting, match_quotes, same_speaker

SPEAKER_CLASSES = ("none", "pronoun", "surname", "description")

# Pronouns that stand for a speaker, as a mention's whole text (lower case).
_PRONOUNS = frozenset(
    "he she they it we i you him her them his hers its their theirs who which that".split()
)


def _overlaps(fragments: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(min(e, end) > max(s, start) for s, e in fragments)


def name_ok(gold: GoldQuote, predicted: PredictedQuote) -> bool | None:
    """Whether the predicted canonical name names the gold speaker; None when gold names nobody."""
    if not gold.speaker_name:
        return None
    return same_speaker(gold.speaker_name, getattr(predicted, "speaker", None))


def mention_ok(gold: GoldQuote, predicted: PredictedQuote) -> bool:
    """GGT's speaker match: the mention overlaps the gold speaker span; a gold quote with no
    span is judged by its name, and with neither, right when nothing is predicted."""
    mention = predicted.speaker_mention
    if gold.source:
        return mention is not None and _overlaps(gold.source, mention.start, mention.end)
    if gold.speaker_name:
        return bool(same_speaker(gold.speaker_name, getattr(predicted, "speaker", None)))
    return mention is None


def mention_class(text: str) -> str:
    """``pronoun``, ``surname`` or ``description`` for a mention's words (see the module doc)."""
    words = [w.strip(".,;:'\"“”‘’()") for w in text.split()]
    words = [w for w in words if w]
    if not words:
        return "none"
    if len(words) == 1 and words[0].lower() in _PRONOUNS:
        return "pronoun"
    first = words[0].lower()
    if first in ("the", "a", "an", "some", "several", "many", "two", "three", "other", "another"):
        return "description"
    if words[0][:1].isupper() or words[0][:1].isdigit():
        return "surname"
    return "description"


def speaker_class(text: str, gold: GoldQuote, predicted: PredictedQuote) -> str:
    """The class of a wrong speaker: ``none`` when nothing was predicted, else the class of the
    predicted mention, or of the gold mention when the prediction has none."""
    mention = predicted.speaker_mention
    if getattr(predicted, "speaker", None) is None and mention is None:
        return "none"
    if mention is not None:
        found = mention_class(mention.text)
        return "none" if found == "none" else found
    if gold.source:
        return mention_class(" ".join(text[s:e] for s, e in gold.source))
    return "none"


@dataclass(frozen=True)
class SpeakerCounts:
    """Matched quotes with a gold name, and with a right name; matched quotes with a right mention."""

    matched: int = 0
    named: int = 0
    name_right: int = 0
    mention_right: int = 0

    def metrics(self, digits: int = 4) -> dict[str, Any]:
        """``speaker_name_accuracy`` (None with no named gold) and ``speaker_mention_accuracy``."""
        return {
            "speaker_name_accuracy": round(self.name_right / self.named, digits) if self.named else None,
            "speaker_mention_accuracy": round(self.mention_right / self.matched, digits) if self.matched else None,
        }


def score_speakers(
    documents: Iterable[tuple[Sequence[GoldQuote], Sequence[PredictedQuote]]],
    settings: Sequence[Setting] = SETTINGS,
) -> dict[str, SpeakerCounts]:
    """Speaker counts per setting over (gold quotes, predictions) pairs, one pair a document."""
    totals = {s.name: [0, 0, 0, 0] for s in settings}
    for gold, predicted in documents:
        for s in settings:
            row = totals[s.name]
            for m in match_quotes(gold, predicted, s).matches:
                g, p = gold[m.gold], predicted[m.predicted]
                row[0] += 1
                named = name_ok(g, p)
                if named is not None:
                    row[1] += 1
                    row[2] += named
                row[3] += mention_ok(g, p)
    return {name: SpeakerCounts(*row) for name, row in totals.items()}


def speaker_error(text: str, gold: GoldQuote, predicted: PredictedQuote) -> dict[str, Any] | None:
    """The speaker fields of an error row for a matched pair, or None when both name and
    mention are right."""
    named, mentioned = name_ok(gold, predicted), mention_ok(gold, predicted)
    if mentioned and named is not False:
        return None
    return {
        "gold_speaker_name": gold.speaker_name or None,
        "name_ok": named,
        "mention_ok": mentioned,
        "speaker_class": speaker_class(text, gold, predicted),
    }
