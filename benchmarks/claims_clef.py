"""The ranking ``score`` against the CLEF 2019 CheckThat! Task 1 training debates.

Reported:

- **leave one debate out** (the honest figure): for each of the 19 debates, the ``score``
  model is refitted by ``train_claims.train`` on the other 18 (plus ClaimBuster's sentences, as
  shipped, less any ClaimBuster sentence that also appears in the held-out debate: ClaimBuster
  holds the 2016 presidential debates too), and ranks the held-out debate's sentences. Mean
  average precision over the debates (the average precision of the ranking by score within
  each debate; tied scores count against: negatives first).
- **shipped weights, end to end**: every sentence fed to ``find_claims`` as a document of its
  own with the shipped weights (a sentence's score is the highest of its claims): these debates
  were in their training data, so this checks the wiring, not the accuracy. Precision, recall
  and F1 of ``checkworthy`` are printed too, although ``checkworthy`` means ClaimBuster's "is
  there a factual claim?" and not CLEF's "was it picked" (3% of sentences).

    python benchmarks/claims_clef.py ../shared/data/clef2019-checkworthy/training   # from the repo root
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from common import DATA, add_common
from train_claims import CLAIMBUSTER, Example, featurize, probabilities, read_claimbuster, read_clef, train

from quotes.claims import find_claims
from quotes.model import Document
from quotes.run import load_pipeline

DEFAULT_DATA = DATA / "clef2019-checkworthy" / "training"


def average_precision(scores: Sequence[float], labels: Sequence[bool]) -> float:
    """Average precision of the ranking by score; within a tie the negatives come first."""
    order = sorted(range(len(scores)), key=lambda i: (-scores[i], labels[i]))
    hits, total = 0, 0.0
    for rank, i in enumerate(order, 1):
        if labels[i]:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def mean_average_precision(examples: Sequence[Example], scores: Sequence[float]) -> tuple[float, dict[str, float]]:
    """MAP over the debates, and each debate's average precision."""
    debates: dict[str, list[int]] = {}
    for i, e in enumerate(examples):
        debates.setdefault(e.group, []).append(i)
    each = {name: average_precision([scores[i] for i in rows], [examples[i].label for i in rows])
            for name, rows in sorted(debates.items())}
    return sum(each.values()) / len(each), each


def prf(predicted: Sequence[bool], labels: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and y for p, y in zip(predicted, labels))
    p = tp / sum(predicted) if sum(predicted) else 0.0
    r = tp / sum(labels) if sum(labels) else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def leave_one_debate_out(debates: Sequence[Example], extra: Sequence[Example]) -> list[float]:
    """Each debate's sentences scored by a ``score`` model fitted without that debate."""
    scores = [0.0] * len(debates)
    for name in sorted({e.group for e in debates}):
        held = [i for i, e in enumerate(debates) if e.group == name]
        seen = {_plain(debates[i].text) for i in held}
        rest = [e for e in debates if e.group != name] + [e for e in extra if _plain(e.text) not in seen]
        weights, bias, _ = train(rest)
        for i, p in zip(held, probabilities([debates[i] for i in held], weights, bias)):
            scores[i] = float(p)
        print(f"  held out {name}: {len(held)} sentences", file=sys.stderr)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--claimbuster", type=Path, default=CLAIMBUSTER,
                        help="ClaimBuster's train.jsonl, added to each refit as the shipped model is; "
                             "'none' for the debates alone")
    parser.add_argument("--no-refit", action="store_true", help="only the shipped weights, end to end")
    parser.add_argument("--cache", type=Path, default=None,
                        help="features file to reuse between runs (keep it outside the repository)")
    add_common(parser, acts=None)
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        parser.error(f"{args.data}: no such folder")

    began = time.perf_counter()
    debates = read_clef(args.data)
    nlp = load_pipeline(args.model)
    end_to_end, flags = [], []
    docs = nlp.pipe((e.text for e in debates), batch_size=256)
    for e, doc in zip(debates, docs):
        claims = find_claims(Document(f"{e.group}:{e.key}", e.text), doc, 0, [])
        end_to_end.append(max((c.score for c in claims), default=0.0))
        flags.append(any(c.checkworthy for c in claims))
    shipped_map, _ = mean_average_precision(debates, end_to_end)
    shipped = prf(flags, [e.label for e in debates])
    print(f"{len(debates)} sentences, {sum(e.label for e in debates)} check-worthy, "
          f"{len({e.group for e in debates})} debates ({time.perf_counter() - began:.0f}s)")
    print(f"shipped weights, end to end (trained on these debates): MAP {shipped_map:.3f}; checkworthy "
          f"P {shipped['precision']:.3f} R {shipped['recall']:.3f} F1 {shipped['f1']:.3f}")
    figures: dict[str, object] = {"sentences": len(debates), "shipped_map": shipped_map, "shipped_checkworthy": shipped}

    if not args.no_refit:
        extra = [] if str(args.claimbuster) == "none" else read_claimbuster(args.claimbuster)
        featurize(debates + extra, nlp, cache=args.cache)
        scores = leave_one_debate_out(debates, extra)
        held_map, each = mean_average_precision(debates, scores)
        print(f"leave one debate out, score refitted on the other 18"
              f"{' + ClaimBuster' if extra else ''}: MAP {held_map:.3f}")
        for name, ap in each.items():
            print(f"  {name:<28} AP {ap:.3f}")
        figures.update({"leave_one_out_map": held_map, "per_debate": each})
    print(f"{time.perf_counter() - began:.0f}s in all")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
