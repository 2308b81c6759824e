"""Check-worthiness against the CLEF 2019 CheckThat! Task 1 training debates.

Each sentence of a transcript (``line<TAB>speaker<TAB>sentence<TAB>label``) is fed to
``find_claims`` as a document of its own. A sentence's score is the highest score of its claims
(the parser may cut it in two) and it is check-worthy when any of them is. Reported: precision,
recall and F1 of ``checkworthy`` over all sentences, and mean average precision (the average
precision of the ranking by score within each debate, then the mean over debates; tied scores
count against: negatives first).

The debates are split in two halves by sorted name (even / odd positions); the weights in
``quotes/claims.py`` were tuned on the even half, so the odd half is the honest figure.
``--tune`` refits the weights on one half (logistic regression over the feature families),
picks the threshold with the best F1 there, and reports both halves with them.
``--leave-one-out`` asks whether learned weights would do better than the rules' on unseen
debates: it refits weights and threshold on 18 debates and scores the 19th, for each debate.

    python benchmarks/claims_clef.py ../shared/data/clef2019-checkworthy/training  # from the repo root
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from common import DATA, add_common

from quotes.claims import (
    CORE_FAMILIES,
    CORE_MARGIN,
    DEFAULT_THRESHOLD,
    FAMILIES_AGAINST,
    FAMILIES_FOR,
    FEATURE_WEIGHTS,
    find_claims,
    load_claim_lexicons,
    score_families,
    sentence_features,
    sentence_segments,
)
from quotes.model import Document
from quotes.run import load_pipeline

DEFAULT_DATA = DATA / "clef2019-checkworthy" / "training"


@dataclass
class Sentence:
    """One labelled transcript sentence and what the rules made of it."""

    debate: str
    line: str
    text: str
    label: bool
    score: float = 0.0
    checkworthy: bool = False
    segments: tuple[frozenset[str], ...] = ()  # feature families of each claim candidate


def read_debates(folder: Path) -> list[Sentence]:
    """Every labelled sentence of every ``*.tsv`` transcript in the folder."""
    sentences = []
    for path in sorted(folder.glob("*.tsv")):
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            cells = row.split("\t")
            if len(cells) != 4 or cells[3].strip() not in ("0", "1"):
                print(f"{path.name}:{number}: skipped, not line/speaker/sentence/label", file=sys.stderr)
                continue
            sentences.append(Sentence(path.stem, cells[0], cells[2], cells[3].strip() == "1"))
    return sentences


def run_claims(sentences: Sequence[Sentence], model: str | None, threshold: float, batch: int) -> None:
    """Score every sentence with ``find_claims`` and keep each candidate's feature families."""
    nlp = load_pipeline(model)
    lexicons = load_claim_lexicons()
    texts = (s.text for s in sentences)
    for sentence, sdoc in zip(sentences, nlp.pipe(texts, batch_size=batch)):
        document = Document(f"{sentence.debate}:{sentence.line}", sentence.text)
        claims = find_claims(document, sdoc, 0, [], threshold)
        sentence.score = max((c.score for c in claims), default=0.0)
        sentence.checkworthy = any(c.checkworthy for c in claims)
        sentence.segments = tuple(
            frozenset(f for f, _ in sentence_features(seg, lexicons)) for seg in sentence_segments(sdoc)
        )


def average_precision(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Average precision of the ranking by score; within a tie the negatives come first.

    Rule scores tie often, and a kinder order flatters: "has a digit" alone scores a MAP of
    0.19 with ties in transcript order but 0.07 with this one.
    """
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], labels[i]))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def report(sentences: Sequence[Sentence], name: str) -> dict[str, float]:
    """P/R/F1 of ``checkworthy`` and MAP of the score, printed on one line."""
    tp = sum(s.checkworthy and s.label for s in sentences)
    fp = sum(s.checkworthy and not s.label for s in sentences)
    fn = sum(s.label and not s.checkworthy for s in sentences)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    debates: dict[str, list[Sentence]] = {}
    for s in sentences:
        debates.setdefault(s.debate, []).append(s)
    aps = [average_precision([s.score for s in d], [s.label for s in d]) for d in debates.values()]
    mean_ap = sum(aps) / len(aps) if aps else 0.0
    positives = sum(s.label for s in sentences)
    print(f"{name:<12} debates {len(debates):>2}  sentences {len(sentences):>6}  positives {positives:>4}"
          f"  P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  MAP {mean_ap:.3f}")
    return {"precision": p, "recall": r, "f1": f1, "map": mean_ap}


def halves(sentences: Sequence[Sentence]) -> tuple[list[Sentence], list[Sentence]]:
    """The even-positioned and the odd-positioned debates, by sorted name."""
    names = sorted({s.debate for s in sentences})
    even = set(names[0::2])
    return [s for s in sentences if s.debate in even], [s for s in sentences if s.debate not in even]


def rescore(sentences: Iterable[Sentence], weights: Mapping[str, float], bias: float,
            threshold: float) -> None:
    """Score again from the stored feature families, as ``find_claims`` would with these weights."""
    for s in sentences:
        s.score = max((score_families(f, weights, bias) for f in s.segments), default=0.0)
        s.checkworthy = s.score >= threshold


def fit_weights(sentences: Sequence[Sentence], families: Sequence[str], l2: float = 1.0,
                steps: int = 6000, rate: float = 1.0) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression of the label on the union of a sentence's families.

    A family in ``FAMILIES_FOR`` keeps a weight >= 0 and one in ``FAMILIES_AGAINST`` <= 0 (the
    ``CORE_FAMILIES`` at least ``CORE_MARGIN`` away), so that the debates' quirks cannot turn
    a rule around. Weights are rounded to one decimal.
    """
    column = {f: k for k, f in enumerate(families)}
    x = np.zeros((len(sentences), len(families)))
    for row, s in enumerate(sentences):
        for f in frozenset().union(*s.segments):
            if f in column:
                x[row, column[f]] = 1.0
    y = np.array([1.0 if s.label else 0.0 for s in sentences])
    w = np.zeros(len(families))
    margin = [CORE_MARGIN if f in CORE_FAMILIES else 0.0 for f in families]
    low = np.array([m if f in FAMILIES_FOR else -np.inf for f, m in zip(families, margin)])
    high = np.array([-m if f in FAMILIES_AGAINST else np.inf for f, m in zip(families, margin)])
    b = math.log(y.mean() / (1 - y.mean()))
    for _ in range(steps):
        err = 1.0 / (1.0 + np.exp(-(x @ w + b))) - y
        w -= rate * (x.T @ err + l2 * w) / len(y)
        w = np.where(low > w, low, np.where(w > high, high, w))
        b -= rate * err.mean()
    return {f: round(float(w[k]), 1) + 0.0 for f, k in column.items()}, round(b, 1)


def best_threshold(sentences: Sequence[Sentence], weights: Mapping[str, float], bias: float) -> float:
    """The threshold with the best F1 on these sentences."""
    best, best_f1 = DEFAULT_THRESHOLD, -1.0
    for step in range(5, 96):
        t = step / 100
        rescore(sentences, weights, bias, t)
        tp = sum(s.checkworthy and s.label for s in sentences)
        predicted = sum(s.checkworthy for s in sentences)
        positives = sum(s.label for s in sentences)
        f1 = 2 * tp / (predicted + positives) if predicted + positives else 0.0
        if f1 > best_f1:
            best, best_f1 = t, f1
    return best


def leave_one_out(sentences: Sequence[Sentence]) -> dict[str, float]:
    """How far a learned weighting of the same features gets on debates it has not seen.

    For each debate, the weights (``fit_weights``) and the best-F1 threshold are fitted on the
    other debates; the held-out debate is scored with them. The figures pool every held-out
    sentence, so no label of a debate ever chooses its own weights or threshold.
    """
    families = sorted(set(FEATURE_WEIGHTS) | {f for s in sentences for seg in s.segments for f in seg})
    names = sorted({s.debate for s in sentences})
    held: list[Sentence] = []
    for name in names:
        train = [s for s in sentences if s.debate != name]
        test = [Sentence(s.debate, s.line, s.text, s.label, segments=s.segments)
                for s in sentences if s.debate == name]
        weights, bias = fit_weights(train, families)
        threshold = best_threshold(train, weights, bias)
        rescore(test, weights, bias, threshold)
        held += test
    print()
    return report(held, "held out, refit per debate")


_WORD = re.compile(r"[a-z0-9']+")


@dataclass
class SparseRows:
    """Rows of a sparse matrix (compressed rows) with the two products a gradient step needs."""

    indptr: np.ndarray
    indices: np.ndarray
    values: np.ndarray
    columns: int

    def dot(self, w: np.ndarray) -> np.ndarray:
        products = np.concatenate([self.values * w[self.indices], [0.0]])
        sums = np.add.reduceat(products, self.indptr[:-1])
        return np.where(np.diff(self.indptr) > 0, sums, 0.0)

    def t_dot(self, err: np.ndarray) -> np.ndarray:
        per_value = np.repeat(err, np.diff(self.indptr)) * self.values
        return np.bincount(self.indices, weights=per_value, minlength=self.columns)


def word_features(sentences: Sequence[Sentence], min_df: int = 2) -> SparseRows:
    """TF-IDF of word unigrams and bigrams (no labels used), rows scaled to unit length, plus one
    column per rule feature family a sentence fired."""
    grams, families = [], []
    for s in sentences:
        words = _WORD.findall(s.text.lower())
        grams.append(set(words) | {" ".join(p) for p in zip(words, words[1:])})
        families.append({f"family={f}" for seg in s.segments for f in seg})
    df = Counter(t for g in grams + families for t in g)
    vocab = {t: k for k, t in enumerate(sorted(t for t, n in df.items() if n >= min_df))}
    indptr, indices, values = [0], [], []
    for g, fams in zip(grams, families):
        tfidf = {vocab[t]: math.log(len(sentences) / df[t]) + 1.0 for t in g if t in vocab}
        norm = math.sqrt(sum(v * v for v in tfidf.values())) or 1.0
        row = sorted([(k, v / norm) for k, v in tfidf.items()] + [(vocab[f], 1.0) for f in fams if f in vocab])
        indices += [k for k, _ in row]
        values += [v for _, v in row]
        indptr.append(len(indices))
    return SparseRows(np.array(indptr), np.array(indices, dtype=np.int64), np.array(values), len(vocab))


def _subset(x: SparseRows, rows: Sequence[int]) -> SparseRows:
    indptr, indices, values = [0], [], []
    for r in rows:
        lo, hi = x.indptr[r], x.indptr[r + 1]
        indices.append(x.indices[lo:hi])
        values.append(x.values[lo:hi])
        indptr.append(indptr[-1] + hi - lo)
    return SparseRows(np.array(indptr), np.concatenate(indices), np.concatenate(values), x.columns)


def leave_one_out_words(sentences: Sequence[Sentence], l2: float = 1e-4, steps: int = 800,
                        rate: float = 4.0) -> dict[str, float]:
    """The same protocol as ``leave_one_out`` for a logistic regression on words and bigrams as
    well as the rule families: what a learned bag-of-words model would reach on unseen debates."""
    x = word_features(sentences)
    y_all = np.array([1.0 if s.label else 0.0 for s in sentences])
    names = sorted({s.debate for s in sentences})
    held: list[Sentence] = []
    for name in names:
        train_rows = [i for i, s in enumerate(sentences) if s.debate != name]
        test_rows = [i for i, s in enumerate(sentences) if s.debate == name]
        xt, y = _subset(x, train_rows), y_all[train_rows]
        w, b = np.zeros(x.columns), math.log(y.mean() / (1 - y.mean()))
        for _ in range(steps):
            err = 1.0 / (1.0 + np.exp(-(xt.dot(w) + b))) - y
            w -= rate * (xt.t_dot(err) / len(y) + l2 * w)
            b -= rate * err.mean()
        train_scores = 1.0 / (1.0 + np.exp(-(xt.dot(w) + b)))
        # the threshold with the best F1 on the training debates
        order = np.argsort(-train_scores)
        tp = np.cumsum(y[order])
        f1 = 2 * tp / (np.arange(1, len(y) + 1) + y.sum())
        threshold = train_scores[order][int(np.argmax(f1))]
        test_scores = 1.0 / (1.0 + np.exp(-(_subset(x, test_rows).dot(w) + b)))
        for i, score in zip(test_rows, test_scores):
            s = sentences[i]
            held.append(Sentence(s.debate, s.line, s.text, s.label, float(score), bool(score >= threshold)))
    print()
    return report(held, "held out, words + families")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    add_common(parser, acts=None, json_flag=False)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--batch", type=int, default=256, help="nlp.pipe batch size")
    parser.add_argument("--tune", choices=("even", "odd", "all"), default=None,
                        help="refit the weights and threshold on this half and print them")
    parser.add_argument("--leave-one-out", action="store_true",
                        help="refit weights and threshold on all debates but one, score that one; "
                             "pooled over the 19 held-out debates")
    parser.add_argument("--words", action="store_true",
                        help="with --leave-one-out: also a logistic regression on word unigrams and "
                             "bigrams plus the rule families")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object at the end")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data}: no such folder")

    sentences = read_debates(args.data)
    began = time.perf_counter()
    run_claims(sentences, args.model, args.threshold, args.batch)
    seconds = time.perf_counter() - began
    print(f"{len(sentences)} sentences in {seconds:.1f}s ({len(sentences) / seconds:.0f}/s), "
          f"threshold {args.threshold}")
    even, odd = halves(sentences)
    figures = {name.split()[0]: report(part, name)
               for name, part in (("all", sentences), ("even (tune)", even), ("odd (held)", odd))}

    if args.leave_one_out:
        figures["leave_one_out"] = leave_one_out(sentences)
        if args.words:
            figures["leave_one_out_words"] = leave_one_out_words(sentences)

    if args.tune:
        train = {"even": even, "odd": odd, "all": sentences}[args.tune]
        families = sorted(set(FEATURE_WEIGHTS) | {f for s in sentences for seg in s.segments for f in seg})
        weights, bias = fit_weights(train, families)
        threshold = best_threshold(train, weights, bias)
        # Move the bias so that the best threshold becomes the default of 0.5.
        bias = round(bias - math.log(threshold / (1 - threshold)), 1)
        threshold = DEFAULT_THRESHOLD
        print(f"\nrefit on {args.tune}: BIAS = {bias}, threshold {threshold}")
        for f in families:
            print(f"    {f!r}: {weights[f]},  # was {FEATURE_WEIGHTS.get(f)}")
        unknown = set(families) - FAMILIES_FOR - FAMILIES_AGAINST
        if unknown:
            print(f"families with no side: {sorted(unknown)}", file=sys.stderr)
        rescore(sentences, weights, bias, threshold)
        for name, part in (("all", sentences), ("even", even), ("odd", odd)):
            figures[f"refit_{args.tune}_{name}"] = report(part, name)
    if args.json:
        print(json.dumps({"sentences": len(sentences), "threshold": args.threshold, **figures}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
