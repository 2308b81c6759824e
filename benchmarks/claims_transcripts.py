"""The CLEF CheckThat! debates fed as transcripts: who each claim is credited to, and how the
ranking ``score`` orders the sentences that fact-checkers picked.

Each shared debate (``clef_transcripts``: the CLEF 2020 training debates and the CLEF 2019 ones
that are not repeats, deduplicated by sentence) is one transcript, one ``SPEAKER: text`` line
per utterance, read as ``quotegraph claims --all --transcript`` reads it. Reported:

- **speakers**: of the claims on a line with a named speaker (not ``SYSTEM``), the share credited
  to that line's speaker under the transcript's canonical name (a quote of someone else inside
  the line counts against);
- **shipped weights**: mean average precision over the debates of the ranking of their sentences
  by the highest ``score`` of their claims (a sentence without a claim ranks last; ties count
  negatives first), with the shipped weights, which were trained on these debates;
- **leave one debate out** (the honest figure): the same, each debate scored by a ``score``
  model refitted by ``train_claims.train``'s learner on the other debates' claims (each claim
  labelled as its sentence), with the vocabulary of the other debates.

    python benchmarks/claims_transcripts.py --cache /tmp/clef-transcripts.json   # from the repo root
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from clef_transcripts import CLEF2019, CLEF2020, ClaimRow, Debate, featurize, shared_debates
from claims_clef import average_precision
from common import add_common
from train_claims import L2, MIN_DF, STEPS, fit, fit_pairwise

from quotes.claims import load_claim_models
from quotes.run import load_pipeline

NOT_NAMED = {"SYSTEM", "UNKNOWN", ""}


def speaker_credit(debates: Sequence[Debate], rows: Sequence[ClaimRow]) -> tuple[int, int]:
    """``(credited, claims)`` on the lines of named speakers."""
    by_name = {d.name: d for d in debates}
    named = [r for r in rows if by_name[r.debate].rows[r.sentence][0].upper() not in NOT_NAMED]
    credited = sum(1 for r in named if r.claimant == by_name[r.debate].speakers[r.sentence])
    return credited, len(named)


def sentence_map(debates: Sequence[Debate], rows: Sequence[ClaimRow], scores: Sequence[float]
                 ) -> tuple[float, dict[str, float]]:
    """MAP over the debates of the sentences (scored ones only) ranked by their best claim."""
    best: dict[tuple[str, int], float] = {}
    for row, score in zip(rows, scores):
        key = (row.debate, row.sentence)
        best[key] = max(best.get(key, 0.0), score)
    each = {}
    for debate in debates:
        kept = [k for k in range(len(debate.rows)) if debate.scored[k]]
        labels = [debate.rows[k][2] for k in kept]
        if not any(labels):
            continue
        each[debate.name] = average_precision([best.get((debate.name, k), -1.0) for k in kept], labels)
    return sum(each.values()) / len(each), each


class Design:
    """All claims as one sparse design matrix (sentence features at ``1/sqrt(n)``, context
    features at their values), from which each fold takes its rows and its vocabulary."""

    def __init__(self, rows: Sequence[ClaimRow], debate_bias: bool = True) -> None:  # noqa: C901
        # a bias of each debate's own, learned with the weights and never shipped, takes up how
        # much more often one debate's sentences were picked than another's (a speech against a
        # primary debate), which says nothing of which sentences of a debate to pick
        biases = [{f"d:{r.debate}": 1.0} if debate_bias else {} for r in rows]
        rows = [replace(r, context={**r.context, **bias}) for r, bias in zip(rows, biases)]
        names = sorted({f for r in rows for f in r.features} | {c for r in rows for c in r.context})
        self.column = {f: k for k, f in enumerate(names)}
        self.names = names
        dense_names = [n for n in names if n.startswith("v:")]
        dense_index = {n: k for k, n in enumerate(dense_names)}
        self.dense = np.zeros((len(rows), len(dense_names))) if dense_names else None
        self.dense_cols = np.array([self.column[n] for n in dense_names], dtype=np.int64) if dense_names else None
        r_, c_, v_ = [], [], []
        for i, row in enumerate(rows):
            unique = sorted(set(row.features))
            value = 1.0 / np.sqrt(len(unique)) if unique else 0.0
            for f in unique:
                r_.append(i)
                c_.append(self.column[f])
                v_.append(value)
            for name, x in row.context.items():
                if name in dense_index:
                    self.dense[i, dense_index[name]] = x
                elif x:
                    r_.append(i)
                    c_.append(self.column[name])
                    v_.append(x)
        self.row, self.col, self.val = np.array(r_), np.array(c_), np.array(v_)
        self.context = np.array([n.startswith(("c:", "d:", "v:")) for n in names])
        self.y = np.array([1.0 if r.label else 0.0 for r in rows])
        self.debate = np.array([r.debate for r in rows])

    def fold(self, train: np.ndarray, min_df: int = MIN_DF):
        """The Rows of the training rows over the features seen in ``min_df`` of them."""
        from train_claims import Rows

        in_train = train[self.row]
        df = np.bincount(self.col[in_train], minlength=len(self.names))
        keep_col = (df >= min_df) | self.context
        keep = in_train & keep_col[self.col]
        index = np.cumsum(train) - 1
        dense = self.dense[train] if self.dense is not None else None
        return Rows(index[self.row[keep]], self.col[keep], self.val[keep], int(train.sum()), len(self.names),
                    dense, self.dense_cols), keep_col

    def scores(self, rows: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
        keep = rows[self.row]
        z = np.bincount(self.row[keep], weights=self.val[keep] * w[self.col[keep]], minlength=len(rows))
        if self.dense is not None:
            z = z + np.where(rows, self.dense @ w[self.dense_cols], 0.0)
        return 1.0 / (1.0 + np.exp(-np.clip(z + b, -50, 50)))


def debate_weights(debates: np.ndarray) -> np.ndarray:
    """Row weights (mean 1) that give every debate the same total weight, as MAP gives every
    debate the same say."""
    names, index, counts = np.unique(debates, return_inverse=True, return_counts=True)
    weights = 1.0 / counts[index]
    return weights * len(weights) / weights.sum()


def leave_one_debate_out(design: Design, scored: np.ndarray, l2: float = L2, steps: int = STEPS,
                         groups: int = 0, loss: str = "pointwise", pointwise: float = 0.0, min_df: int = MIN_DF,
                         balance: bool = False) -> np.ndarray:
    """Each claim's score from a model fitted without its debate (on scored claims only); with
    ``groups``, without the group of debates it falls in (debates dealt round in name order: a
    quicker estimate for comparing settings)."""
    out = np.zeros(len(design.y))
    names = sorted(set(design.debate))
    folds = [[n] for n in names] if not groups else [names[k::groups] for k in range(groups)]
    for fold in folds:
        held = np.isin(design.debate, fold)
        x, keep_col = design.fold(~held & scored, min_df)
        if loss == "pairwise":
            w, b = fit_pairwise(x, design.y[~held & scored], design.debate[~held & scored], l2, steps,
                                pointwise=pointwise)
        else:
            w, b = fit(x, design.y[~held & scored], l2, steps,
                       sample_weight=debate_weights(design.debate[~held & scored]) if balance else None)
        w = np.where(keep_col, w, 0.0)
        out[held] = design.scores(held, w, b)[held]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clef2020", type=Path, default=CLEF2020)
    parser.add_argument("--clef2019", default=str(CLEF2019), help="the 2019 training debates, or 'none'")
    parser.add_argument("--cache", type=Path, default=None,
                        help="claims file to reuse between runs (keep it outside the repository; delete it "
                             "when the rules or the pipeline change)")
    parser.add_argument("--no-refit", action="store_true", help="only the speakers and the shipped weights")
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--no-context", action="store_true", help="leave the c: context features out of the refits")
    parser.add_argument("--keep", nargs="*", default=None, metavar="PREFIX",
                        help="only the context features whose names start so (c:cw c:asker ...)")
    parser.add_argument("--no-debate-bias", action="store_true", help="fit without a bias per training debate")
    parser.add_argument("--context-only", action="store_true",
                        help="refit on the c: context features alone (checkworthiness among them), not the words")
    parser.add_argument("--groups", type=int, default=0,
                        help="hold out debates in this many groups instead of one at a time (quicker, for settings)")
    parser.add_argument("--loss", choices=("pointwise", "pairwise"), default="pointwise",
                        help="logistic loss per claim, or per pair of a picked and an unpicked claim of one debate")
    parser.add_argument("--pointwise", type=float, default=0.0, help="with --loss pairwise: this much logistic loss added")
    parser.add_argument("--vector-scale", type=float, default=0.0,
                        help="add the token vectors' v: features, times this, to the refits (0: none)")
    parser.add_argument("--steps", type=int, default=STEPS)
    parser.add_argument("--min-df", type=int, default=MIN_DF, help="words and pairs seen in fewer training claims are left out")
    parser.add_argument("--balance", action="store_true", help="every training debate weighs the same in the fit")
    add_common(parser, acts=None)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    debates = shared_debates(args.clef2020, None if args.clef2019 == "none" else Path(args.clef2019))
    if not debates:
        parser.error(f"{args.clef2020}: no debates (*.tsv) there")
    rows = featurize(debates, load_pipeline(args.model), args.cache)
    credited, named = speaker_credit(debates, rows)
    sentences = sum(sum(d.scored) for d in debates)
    picked = sum(lab for d in debates for (_, _, lab), s in zip(d.rows, d.scored) if s)
    print(f"{len(debates)} debates, {sentences} scored sentences ({picked} picked), {len(rows)} claims "
          f"({time.perf_counter() - began:.0f}s)")
    print(f"claims on a named speaker's line credited to that speaker: {credited}/{named} = {credited / named:.3f}")
    score = load_claim_models().score
    shipped, _ = sentence_map(debates, rows, [score.probability(r.features, {**r.vector_features(), **r.context})
                                              for r in rows])
    print(f"shipped weights (trained on these debates): MAP {shipped:.3f}")
    figures: dict[str, object] = {"debates": len(debates), "sentences": sentences, "claims": len(rows),
                                  "speaker_credit": credited / named, "shipped_map": shipped}
    if not args.no_refit:
        if args.no_context:
            for r in rows:
                r.context = {}
        if args.context_only:
            for r in rows:
                r.features = []
        if args.keep:
            for r in rows:
                r.context = {k: v for k, v in r.context.items() if k.startswith(tuple(args.keep))}
        if args.vector_scale:
            for r in rows:
                r.context.update((k, v * args.vector_scale) for k, v in r.vector_features().items())
        design = Design(rows, not args.no_debate_bias)
        by_name = {d.name: d for d in debates}
        scored = np.array([by_name[r.debate].scored[r.sentence] for r in rows])
        held_map, each = sentence_map(debates, rows, list(leave_one_debate_out(
            design, scored, args.l2, args.steps, args.groups, args.loss, args.pointwise, args.min_df, args.balance)))
        print(f"{f'{args.groups} groups of debates held out' if args.groups else 'leave one debate out'}"
              f"{' without debate biases' if args.no_debate_bias else ''}{' without context' if args.no_context else ''}{' context only' if args.context_only else ''}, l2 {args.l2}, {args.loss} loss"
              f"{f' + {args.pointwise} pointwise' if args.pointwise else ''}, vector scale {args.vector_scale}, "
              f"{args.steps} steps, min_df {args.min_df}{', debates balanced' if args.balance else ''}: MAP {held_map:.3f}")
        for name, ap in each.items():
            print(f"  {name:<44} AP {ap:.3f}")
        figures.update({"leave_one_out_map": held_map, "per_debate": each})
    print(f"{time.perf_counter() - began:.0f}s in all")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
