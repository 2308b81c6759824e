"""``checkworthy`` against ClaimBuster's training split, 5-fold cross-validated.

For each fold, the ``checkworthy`` model is refitted by ``train_claims.train`` on the other four
folds exactly as the shipped one is (vocabulary, weights, and the threshold from out-of-fold
probabilities inside those four folds, moved to 0.5 by the bias), then the held-out fold is
judged at the default threshold 0.5. Precision, recall and F1 of the check-worthy class pooled
over the five held-out folds. The shipped weights on the whole split are printed too (they were
trained on it: a check of the wiring, not of accuracy).

    python benchmarks/claims_claimbuster.py ../shared/data/claimbuster/train.jsonl   # from the repo root
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from common import add_common
from train_claims import (CHECKWORTHY_L2, CLAIMBUSTER, FOLDS, VECTOR_SCALE, featurize, folds, probabilities,
                          read_claimbuster, train, vector_names, with_vectors)

from quotes.claims import DEFAULT_THRESHOLD, load_claim_models
from quotes.run import load_pipeline


def prf(predicted: np.ndarray, y: np.ndarray) -> dict[str, float]:
    tp = float((predicted & y).sum())
    p = tp / predicted.sum() if predicted.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, nargs="?", default=CLAIMBUSTER)
    parser.add_argument("--folds", type=int, default=FOLDS)
    parser.add_argument("--cache", type=Path, default=None,
                        help="features file to reuse between runs (keep it outside the repository)")
    parser.add_argument("--l2", type=float, default=CHECKWORTHY_L2)
    parser.add_argument("--vector-scale", type=float, default=VECTOR_SCALE,
                        help="the token vectors' features times this while fitting (0: words alone)")
    add_common(parser, acts=None)
    args = parser.parse_args(argv)
    if not args.data.is_file():
        parser.error(f"{args.data}: no such file")

    began = time.perf_counter()
    examples = read_claimbuster(args.data)
    featurize(examples, load_pipeline(args.model), cache=args.cache)
    y = np.array([e.label for e in examples])
    print(f"{len(examples)} sentences, {int(y.sum())} check-worthy factual ({time.perf_counter() - began:.0f}s)")

    models = load_claim_models()
    shipped = np.array([models.checkworthy.probability(e.features, dict(zip(vector_names(len(e.vector)), e.vector)))
                        >= DEFAULT_THRESHOLD for e in examples])
    with_vectors(examples, args.vector_scale)
    figures: dict[str, object] = {"sentences": len(examples), "shipped_on_train": prf(shipped, y)}
    s = figures["shipped_on_train"]
    print(f"shipped weights (trained on all of it): P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")

    predicted = np.zeros(len(examples), dtype=bool)
    thresholds = []
    for k, fold in enumerate(folds(len(examples), args.folds)):
        rest = np.setdiff1d(np.arange(len(examples)), fold)
        weights, bias, threshold = train([examples[i] for i in rest], l2=args.l2, threshold_folds=FOLDS)
        thresholds.append(threshold)
        predicted[fold] = probabilities([examples[i] for i in fold], weights, bias) >= DEFAULT_THRESHOLD
        part = prf(predicted[fold], y[fold])
        print(f"  fold {k + 1}: threshold {threshold} -> 0.5, F1 {part['f1']:.3f}", file=sys.stderr)
    cv = prf(predicted, y)
    figures.update({"cross_validated": cv, "fold_thresholds": thresholds})
    print(f"{args.folds}-fold cross-validation at the default threshold {DEFAULT_THRESHOLD}: "
          f"P {cv['precision']:.3f} R {cv['recall']:.3f} F1 {cv['f1']:.3f} "
          f"(thresholds chosen inside the training folds: {thresholds}; l2 {args.l2}, vector scale {args.vector_scale})")
    print(f"{time.perf_counter() - began:.0f}s in all")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
