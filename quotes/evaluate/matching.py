"""Matching predictions to gold quotes, and the counts and scores made from the matches.

Matching follows the GenderGapTracker's evaluation so that figures compare with theirs: gold
quotes are taken in document order, and each matches the unused prediction that covers the
largest share of its characters, if that share is above the threshold; one to one. The
symmetric setting uses Jaccard overlap (>= 0.5) instead, so that over-long predictions cannot
pass; there the gaps inside a discontinuous gold quote count neither for nor against. A
matched quote's speaker is right when the predicted ``speaker_mention`` overlaps the gold Source
by at least one character, or when gold has no Source and nothing is predicted, or when the
predicted canonical ``speaker`` matches the gold ``speaker_name``. Gold that keeps the parts of a
split quote apart (no discontinuous gold quote) is scored against each part of a prediction.

Pure: offsets in, numbers out.
"""


from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from ..enrich import abbreviates
from ..model import KINDS, Skipped, Span
from ..text import fold

if TYPE_CHECKING:
    pass
from .gold import Fragments, GoldQuote


class PredictedQuote(Protocol):
    """What the scorer reads from a prediction (``quotes.model.Quote`` has all of it)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def speaker_mention(self) -> Span | None: ...

    @property
    def confidence(self) -> float: ...


@dataclass(frozen=True)
class Setting:
    """A matching rule: ``cover`` is the share of gold characters a prediction covers,
    ``jaccard`` is overlap over union; a pair matches when the measure passes ``threshold``."""

    name: str
    measure: str
    threshold: float
    inclusive: bool = False  # >= rather than >

    def passes(self, value: float) -> bool:
        return value >= self.threshold if self.inclusive else value > self.threshold


# GenderGapTracker's thresholds are strict ("score > 0.3"); the issue asks for Jaccard >= 0.5.
SETTINGS: tuple[Setting, ...] = (
    Setting("cover0.3", "cover", 0.3),
    Setting("cover0.8", "cover", 0.8),
    Setting("jaccard0.5", "jaccard", 0.5, inclusive=True),
)
SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}

# Confidence bands for precision: [low, high); the last band includes 1.0.
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0))


@dataclass(frozen=True)
class Match:
    """Gold quote ``gold`` matched prediction ``predicted`` (indices into the inputs)."""

    gold: int
    predicted: int
    score: float
    speaker_ok: bool


@dataclass(frozen=True)
class DocumentMatch:
    """The outcome of matching one document's quotes."""

    matches: tuple[Match, ...]
    missed: tuple[int, ...]
    spurious: tuple[int, ...]


def _overlap(fragments: Fragments, start: int, end: int) -> int:
    """Characters of ``[start, end)`` that fall inside ``fragments``."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in fragments)


def overlap_measure(gold: GoldQuote, start: int, end: int, measure: str) -> float:
    length = gold.length
    pred = max(0, end - start)
    if length == 0 or pred == 0:
        return 0.0
    inter = _overlap(gold.content, start, end)
    if measure == "cover":
        return inter / length
    if measure == "jaccard":
        # Characters in the gaps of a discontinuous gold quote (the interrupting ", he said, ")
        # count neither way, so a contiguous prediction of the whole quote scores 1.0.
        in_hull = _overlap(((gold.start, gold.end),), start, end)
        return inter / (length + pred - in_hull)
    raise ValueError(f"unknown measure {measure!r}: expected 'cover' or 'jaccard'")


_NAME_BREAKS = re.compile(r"[.\-‐‑–—_/,;:]")
_NAME_DROPS = re.compile(r"[^\w\s]")


def _name_words(name: str) -> list[str]:
    """A name's words for comparing: folded, dots, dashes and commas as spaces, other
    punctuation dropped ("O'Neil" and "ONeil" alike), without a leading "the"."""
    words = _NAME_DROPS.sub("", _NAME_BREAKS.sub(" ", fold(name))).split()
    return words[1:] if words[:1] == ["the"] else words


def same_speaker(gold_name: str, predicted_name: str | None) -> bool:
    """Whether a predicted canonical name names the gold speaker: the same words once case,
    accents, punctuation and a leading "the" are set aside, or one name inside the other ending
    the same ("McCallum" for "Doug McCallum"; a first name alone, "Doug", is not enough), or an
    acronym in capitals and the name it spells ("RCMP", "Royal Canadian Mounted Police")."""
    if not gold_name or not predicted_name:
        return False
    gold_words, predicted_words = _name_words(gold_name), _name_words(predicted_name)
    if not gold_words or not predicted_words:
        return False
    if gold_words == predicted_words:
        return True
    if _spells(gold_name, predicted_words) or _spells(predicted_name, gold_words):
        return True
    short, long = sorted((gold_words, predicted_words), key=len)
    return short[-1] == long[-1] and set(short) <= set(long)


def _spells(name: str, words: list[str]) -> bool:
    """Whether ``name`` is an acronym in capitals ("The RCMP") of a name of several ``words``
    ("royal canadian mounted police"): an article's acronym and the name it spells out."""
    own = name.split()
    own = own[1:] if len(own) == 2 and fold(own[0]) == "the" else own
    return len(own) == 1 and own[0].isupper() and len(words) > 1 and abbreviates(own[0], words)


def _speaker_ok(gold: GoldQuote, predicted: PredictedQuote) -> bool:
    """Right speaker: the predicted mention overlaps the gold Source (or both are absent), or the
    predicted canonical name matches the gold ``speaker_name`` (a pronoun resolved to the right
    person, a continuation carrying its speaker on)."""
    mention = predicted.speaker_mention
    if gold.speaker_name and same_speaker(gold.speaker_name, getattr(predicted, "speaker", None)):
        return True
    if not gold.source:
        return mention is None
    if mention is None:
        return False
    return _overlap(gold.source, mention.start, mention.end) > 0


@dataclass(frozen=True)
class Part:
    """One part of a predicted quote in parts, scored on its own (see :func:`split_parts`)."""

    start: int
    end: int
    speaker_mention: Span | None
    confidence: float
    speaker: str | None = None
    kind: str = ""
    act: str = ""
    rule: str = ""


def split_parts(predicted: Sequence[PredictedQuote]) -> list[PredictedQuote]:
    """Each part of a quote in parts as a prediction of its own, for gold that keeps split and
    carried-on quotes apart ('"A," she said, "B."' as two quotes, as the GenderGapTracker
    annotates); a quote in one part stays as it is."""
    out: list[PredictedQuote] = []
    for p in predicted:
        parts = getattr(p, "parts", ()) or ()
        if len(parts) < 2:
            out.append(p)
            continue
        out.extend(Part(s, e, p.speaker_mention, p.confidence, getattr(p, "speaker", None),
                        getattr(p, "kind", ""), getattr(p, "act", ""), getattr(p, "rule", ""))
                   for s, e in parts)
    return out


# --------------------------------------------------------------------------------------------
# The scorer


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote], setting: Setting
) -> DocumentMatch:
    """Match one document's gold quotes to its predictions, one to one.

    Gold quotes are taken in document order; each takes the unused prediction that scores
    highest under ``setting`` (the earliest one on a tie) if that score passes.
    """
    gold_order = sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end, i))
    pred_order = sorted(range(len(predicted)), key=lambda j: (predicted[j].start, predicted[j].end, j))
    unused = dict.fromkeys(pred_order)  # insertion-ordered set
    matches: list[Match] = []
    missed: list[int] = []
    for i in gold_order:
        best, best_score = None, 0.0
        for j in unused:
            value = overlap_measure(gold[i], predicted[j].start, predicted[j].end, setting.measure)
            if setting.passes(value) and (best is None or value > best_score):
                best, best_score = j, value
        if best is None:
            missed.append(i)
            continue
        del unused[best]
        ok = _speaker_ok(gold[i], predicted[best])
        matches.append(Match(i, best, best_score, ok))
    return DocumentMatch(tuple(matches), tuple(missed), tuple(sorted(unused)))


def _band(confidence: float, bands: Sequence[tuple[float, float]]) -> int:
    """Index of the band holding ``confidence``; values outside the bands go to the nearest."""
    for k, (_low, high) in enumerate(bands[:-1]):
        if confidence < high:
            return k
    return len(bands) - 1


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Counts:
    """Totals for one setting over a corpus."""

    n_gold: int = 0
    n_predicted: int = 0
    tp: int = 0
    tp_attributed: int = 0
    gold_by_kind: tuple[tuple[str, int], ...] = ()
    tp_by_kind: tuple[tuple[str, int], ...] = ()
    predicted_by_band: tuple[int, ...] = ()
    tp_by_band: tuple[int, ...] = ()

    @property
    def fp(self) -> int:
        return self.n_predicted - self.tp

    @property
    def fn(self) -> int:
        return self.n_gold - self.tp

    def metrics(self, digits: int = 4) -> dict[str, Any]:
        """P, R, F1, attributed_F1 and recall_by_kind (None for a kind with no gold quote)."""
        p = _ratio(self.tp, self.n_predicted)
        r = _ratio(self.tp, self.n_gold)
        pa = _ratio(self.tp_attributed, self.n_predicted)
        ra = _ratio(self.tp_attributed, self.n_gold)
        gold_by_kind, tp_by_kind = dict(self.gold_by_kind), dict(self.tp_by_kind)
        by_kind = {
            k: (round(tp_by_kind.get(k, 0) / gold_by_kind[k], digits) if gold_by_kind.get(k) else None)
            for k in ("direct", "mixed", "indirect")
        }
        return {
            "P": round(p, digits),
            "R": round(r, digits),
            "F1": round(_f1(p, r), digits),
            "attributed_F1": round(_f1(pa, ra), digits),
            "recall_by_kind": by_kind,
        }


@dataclass(frozen=True)
class Evaluation:
    """Counts per setting, with the documents scored and what was skipped: gold inputs that
    could not be paired, and documents the extractor failed on (scored as finding nothing)."""

    counts: dict[str, Counts]
    bands: tuple[tuple[float, float], ...] = BANDS
    documents: int = 0
    skipped: tuple[Skipped, ...] = ()
    # more measures per setting, added to its report (speaker name and mention accuracy)
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)
    genders: dict[str, Any] | None = None  # women and men quoted per article (``evaluate.gender``)

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """The report: ``{"cover0.3": {"P", "R", "F1", "attributed_F1", "recall_by_kind"}, ...}``,
        with the ``extra`` measures of each setting after these."""
        return {name: {**c.metrics(), **self.extra.get(name, {})} for name, c in self.counts.items()}

    def confidence_bands(self) -> dict[str, list[dict[str, Any]]]:
        """Precision of the predictions in each confidence band, per setting."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name, c in self.counts.items():
            rows = []
            for (low, high), n, tp in zip(self.bands, c.predicted_by_band, c.tp_by_band):
                rows.append(
                    {"band": f"[{low:g}, {high:g}{']' if high == self.bands[-1][1] else ')'}",
                     "predicted": n, "tp": tp, "P": round(tp / n, 4) if n else None}
                )
            out[name] = rows
        return out

    def totals(self) -> dict[str, dict[str, int]]:
        """Raw counts per setting: gold, predicted, TP, FP, FN, attributed TP."""
        return {
            name: {"gold": c.n_gold, "predicted": c.n_predicted, "tp": c.tp, "fp": c.fp,
                   "fn": c.fn, "tp_attributed": c.tp_attributed}
            for name, c in self.counts.items()
        }


def score(
    documents: Iterable[tuple[Sequence[GoldQuote], Sequence[PredictedQuote]]],
    settings: Sequence[Setting] = SETTINGS,
    bands: Sequence[tuple[float, float]] = BANDS,
) -> Evaluation:
    """Score (gold quotes, predicted quotes) pairs, one pair per document, under each setting."""
    bands = tuple(bands)
    n_gold = n_pred = n_docs = 0
    gold_by_kind: Counter[str] = Counter()
    pred_by_band = [0] * len(bands)
    tp = Counter[str]()
    tp_attr = Counter[str]()
    tp_by_kind: dict[str, Counter[str]] = {s.name: Counter() for s in settings}
    tp_by_band: dict[str, list[int]] = {s.name: [0] * len(bands) for s in settings}
    for gold, predicted in documents:
        n_docs += 1
        n_gold += len(gold)
        n_pred += len(predicted)
        gold_by_kind.update(q.kind for q in gold)
        for p in predicted:
            pred_by_band[_band(p.confidence, bands)] += 1
        for s in settings:
            result = match_quotes(gold, predicted, s)
            for m in result.matches:
                tp[s.name] += 1
                tp_attr[s.name] += m.speaker_ok
                tp_by_kind[s.name][gold[m.gold].kind] += 1
                tp_by_band[s.name][_band(predicted[m.predicted].confidence, bands)] += 1
    kinds = tuple((k, gold_by_kind[k]) for k in KINDS)
    counts = {
        s.name: Counts(
            n_gold=n_gold,
            n_predicted=n_pred,
            tp=tp[s.name],
            tp_attributed=tp_attr[s.name],
            gold_by_kind=kinds,
            tp_by_kind=tuple((k, tp_by_kind[s.name][k]) for k in KINDS),
            predicted_by_band=tuple(pred_by_band),
            tp_by_band=tuple(tp_by_band[s.name]),
        )
        for s in settings
    }
    return Evaluation(counts=counts, bands=bands, documents=n_docs)
