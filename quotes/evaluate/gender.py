"""Gender of the people quoted, scored per article as the GenderGapTracker scores it.

The gold lists the women and the men quoted in each article (``sources_female`` and
``sources_male``); the prediction is the set of speakers whose records say ``female`` or
``male``. Names are matched leniently: case, diacritics, punctuation and middle initials do not
count ("Donald J. Trump" is "donald trump"), and a name of one word (a surname, or a first name
alone) matches the one name of the other side that ends (or starts) with it. Precision, recall
and F1 are micro-averaged over the corpus, one figure for women and one for men.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..enrich import base_key
from .gold import GoldDocument

SIDES = (("female", "sources_female"), ("male", "sources_male"))


@dataclass
class GenderCounts:
    """True positives, false positives and false negatives of one gender over a corpus."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def metrics(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else None
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else None
        f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        return {"P": _round(p), "R": _round(r), "F1": _round(f1), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _distinct(names: Iterable[str]) -> list[str]:
    """Keys of the names, a surname alone merged into the one fuller name that ends with it."""
    keys = list(dict.fromkeys(k for k in (base_key(n) for n in names) if k))
    kept = []
    for key in keys:
        if " " not in key and len(_fuller(key, [k for k in keys if k != key])) == 1:
            continue
        kept.append(key)
    return kept


def _fuller(word: str, keys: Sequence[str]) -> list[str]:
    """The names of several words that end with ``word`` (a surname), else that start with it."""
    ends = [k for k in keys if " " in k and k.split()[-1] == word]
    return ends or [k for k in keys if " " in k and k.split()[0] == word]


def match_names(gold: Sequence[str], predicted: Sequence[str]) -> int:
    """How many gold names find a predicted name (each name used once): equal keys first, then
    a one-word name against the one name of the other side that carries it."""
    gold_keys, pred_keys = _distinct(gold), _distinct(predicted)
    left_gold, left_pred = [], list(pred_keys)
    matched = 0
    for key in gold_keys:
        if key in left_pred:
            left_pred.remove(key)
            matched += 1
        else:
            left_gold.append(key)
    for key in left_gold:
        candidates = [k for k in left_pred if " " not in key and k in _fuller(key, left_pred)]
        if not candidates and " " in key:
            candidates = [k for k in left_pred if " " not in k and key in _fuller(k, [key])
                          and len(_fuller(k, left_gold)) == 1]
        if len(candidates) == 1:
            left_pred.remove(candidates[0])
            matched += 1
    return matched


def predicted_people(quotes: Iterable[Any]) -> dict[str, list[str]]:
    """``{"female": [names], "male": [names]}`` of one article's quote records (a speaker of
    both, from two of its quotes, goes by the gender most of its quotes give)."""
    votes: dict[str, dict[str, int]] = {}
    for quote in quotes:
        gender = getattr(quote, "speaker_gender", None)
        if gender in ("female", "male") and quote.speaker and getattr(quote, "speaker_type", "") != "organization":
            tally = votes.setdefault(quote.speaker, {"female": 0, "male": 0})
            tally[gender] += 1
    out: dict[str, list[str]] = {"female": [], "male": []}
    for name, tally in votes.items():
        if tally["female"] != tally["male"]:
            out["female" if tally["female"] > tally["male"] else "male"].append(name)
    return out


def score_genders(pairs: Iterable[tuple[GoldDocument, Sequence[Any]]]) -> dict[str, dict[str, Any]] | None:
    """``{"female": {"P", "R", "F1", "tp", "fp", "fn"}, "male": {...}, "documents": n}`` over the
    articles whose gold lists the people quoted by gender; None when no article does."""
    counts = {gender: GenderCounts() for gender, _ in SIDES}
    documents = 0
    for gold, quotes in pairs:
        if gold.sources_female is None and gold.sources_male is None:
            continue
        documents += 1
        predicted = predicted_people(quotes)
        for gender, field in SIDES:
            names = getattr(gold, field) or ()
            found = match_names(names, predicted[gender])
            counts[gender].tp += found
            counts[gender].fn += len(_distinct(names)) - found
            counts[gender].fp += len(_distinct(predicted[gender])) - found
    if not documents:
        return None
    return {**{gender: c.metrics() for gender, c in counts.items()}, "documents": documents}


def render_genders(scores: dict[str, dict[str, Any]], title: str | None = "Gender of the people quoted"):
    """The output of :func:`score_genders` as a rich table, in percent."""
    from rich.table import Table

    table = Table(title=title, caption="per article, micro-averaged; names matched leniently")
    table.add_column("gender", no_wrap=True)
    for name in ("P", "R", "F1", "TP", "FP", "FN"):
        table.add_column(name, justify="right")
    for gender, _ in SIDES:
        m = scores[gender]
        table.add_row(gender, *("–" if m[k] is None else f"{100 * m[k]:.1f}" for k in ("P", "R", "F1")),
                      str(m["tp"]), str(m["fp"]), str(m["fn"]))
    return table
