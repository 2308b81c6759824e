"""Learn the claim weights shipped in ``quotes/lexicons/claims_weights.json``, reproducibly.

Two logistic regressions over ``quotes.claims.scoring.model_features`` (words, word pairs, the
rule families, entity labels, tags, a length band), fitted with numpy (full-batch Adam, fixed
step count, zero start: the same data give the same weights):

- ``checkworthy`` on ClaimBuster's training split (``{"sentence_id", "label", "text"}``, label 1 =
  a check-worthy factual sentence), each sentence one span. Its default threshold is the
  best-F1 threshold of out-of-fold probabilities (5 folds inside the training data); the bias is
  then moved so that this threshold reads 0.5.
- ``score`` on the shared CLEF CheckThat! debates read as transcripts (``clef_transcripts``: the
  2020 training debates and the 2019 ones that are not repeats, deduplicated by sentence), over
  each claim's features and its context (``quotes/claims/context.py``: the checkworthiness of
  the claim and of its neighbours, the speaker's role, share and questions, the turn, the
  position), each claim labelled as the CLEF sentence it starts in: a ranking, no threshold.

The weights file keeps the features seen in at least ``MIN_DF`` training spans whose weight is
at least ``PRUNE`` (a vocabulary of words and word pairs; no sentence of either corpus), rounded
to 3 decimals, and every context weight.

    python benchmarks/train_claims.py --claimbuster ../shared/data/claimbuster/train.jsonl \
        --clef2020 ../shared/data/clef2020-checkworthy/training \
        --clef2019 ../shared/data/clef2019-checkworthy/training    # from the repo root; writes the shipped file
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language

from common import DATA, ROOT  # noqa: F401  (puts the repository on sys.path)

from quotes.claims.detect import load_claim_lexicons, sentence_features  # noqa: E402
from quotes.claims.dense import span_vector  # noqa: E402
from quotes.claims.scoring import WEIGHTS_FILE, model_features  # noqa: E402
from quotes.run import load_pipeline  # noqa: E402

CLAIMBUSTER = DATA / "claimbuster" / "train.jsonl"
CLEF = DATA / "clef2019-checkworthy" / "training"
OUTPUT = ROOT / "quotes" / "lexicons" / WEIGHTS_FILE
L2 = 1e-4  # the sentence-only ranking model's; 1e-3 gave MAP 0.215 against 0.230 in a first leave-one-out study
SCORE_L2 = 3e-5  # the transcript ranking model's: of 1e-3, 1e-4, 3e-5 and 1e-5 the best held out (docs/claims-ranking.md)
SCORE_FEATURES = "all"  # "all": words and context; "context": the c: features alone (docs/claims-ranking.md)
CHECKWORTHY_L2 = 1e-5  # with the vectors at 0.3: of 1e-5, 3e-5 and 1e-4 the best 5-fold F1 (docs/claims-ranking.md)
VECTOR_SCALE = 0.3  # the token vectors' features times this while fitting; of 0.1, 0.3, 1 the best 5-fold F1
SCORE_VECTOR_SCALE = 0.0  # the same for the ranking model: 0.1 and 0.3 ranked worse held out (docs/claims-ranking.md)
STEPS = 300
RATE = 0.1
MIN_DF = 3
PRUNE = 0.05  # smaller weights move a logit by less than 0.01 and are left out of the file
FOLDS = 5
SEED = 13


@dataclass
class Example:
    """One labelled sentence: ``group`` is ``claimbuster`` or the CLEF debate's name."""

    group: str
    key: str
    text: str
    label: bool
    features: tuple[str, ...] = ()
    context: dict[str, float] = field(default_factory=dict)  # the ``c:`` and ``v:`` features with their values
    vector: tuple[float, ...] = ()  # ``dense.span_vector``'s values in ``vector_names`` order


def read_claimbuster(path: Path) -> list[Example]:
    """ClaimBuster's JSONL; a bad line is named on standard error and skipped."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            record = json.loads(line)
            examples.append(Example("claimbuster", str(record["sentence_id"]), str(record["text"]),
                                    int(record["label"]) == 1))
        except (ValueError, KeyError, TypeError) as err:
            print(f"{path.name}:{number}: skipped ({err})", file=sys.stderr)
    return examples


def read_clef(folder: Path) -> list[Example]:
    """Every labelled sentence of every ``*.tsv`` debate in the folder."""
    examples = []
    for path in sorted(folder.glob("*.tsv")):
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            cells = row.split("\t")
            if len(cells) != 4 or cells[3].strip() not in ("0", "1"):
                print(f"{path.name}:{number}: skipped, not line/speaker/sentence/label", file=sys.stderr)
                continue
            examples.append(Example(path.stem, cells[0], cells[2], cells[3].strip() == "1"))
    return examples


def featurize(examples: Sequence[Example], nlp: Language, batch: int = 256, cache: Path | None = None) -> None:
    """Parse every sentence once and store its model features (the rules' families included)
    and its vector's values (``dense.span_vector``).

    With ``cache`` (a file outside the repository: it holds features of corpus sentences), the
    features of sentences found there are reused and the new ones added; delete it whenever the
    rules, the features or the pipeline change.
    """
    known: dict[str, dict] = {}
    if cache is not None and cache.exists():
        known = json.loads(cache.read_text(encoding="utf-8"))
    todo = [e for e in examples if not isinstance(known.get(_cache_key(e)), dict)]
    lexicons = load_claim_lexicons()
    for example, doc in zip(todo, nlp.pipe((e.text for e in todo), batch_size=batch)):
        span = doc[:]
        families = [family for family, _ in sentence_features(span, lexicons)]
        vector = span_vector(span)
        known[_cache_key(example)] = {"features": model_features(span, families),
                                      "vector": [vector[n] for n in vector_names(len(vector))]}
    for example in examples:
        example.features = tuple(known[_cache_key(example)]["features"])
        example.vector = tuple(known[_cache_key(example)]["vector"])
    if cache is not None and todo:
        cache.write_text(json.dumps(known), encoding="utf-8")


def vector_names(n: int) -> list[str]:
    """The names of ``dense.span_vector``'s features in their order: n/2 means, n/2 maxima."""
    return [f"v:m{k}" for k in range(n // 2)] + [f"v:x{k}" for k in range(n // 2)]


def with_vectors(examples: Sequence[Example], scale: float) -> None:
    """Put each example's vector among its valued features, times ``scale`` (0: leave them out).

    The scale sets how strongly L2 holds the vector's weights back against the words'; the
    weights learned are multiplied by it again (``unscaled``), so the shipped model reads the
    vector as ``span_vector`` gives it.
    """
    for e in examples:
        e.context = {k: v for k, v in e.context.items() if not k.startswith("v:")}
        if scale:
            e.context.update((n, x * scale) for n, x in zip(vector_names(len(e.vector)), e.vector))


def unscaled(weights: dict[str, float], scale: float) -> dict[str, float]:
    """Weights learned on vectors times ``scale``, for the vectors as they are."""
    return {f: round(w * scale, 4) if f.startswith("v:") else w for f, w in weights.items()}


def _cache_key(example: Example) -> str:
    return f"{example.group}\t{example.key}\t{example.text}"


# --- the learner ------------------------------------------------------------------------------


@dataclass
class Rows:
    """A sparse matrix as (row, column, value) triples with the two products a gradient needs,
    and optionally a dense block (every row's ``v:`` values) for the columns ``dense_cols``."""

    row: np.ndarray
    col: np.ndarray
    val: np.ndarray
    n_rows: int
    n_cols: int
    dense: np.ndarray | None = None
    dense_cols: np.ndarray | None = None

    def dot(self, w: np.ndarray) -> np.ndarray:
        out = np.bincount(self.row, weights=self.val * w[self.col], minlength=self.n_rows)
        if self.dense is not None:
            out += self.dense @ w[self.dense_cols]
        return out

    def t_dot(self, e: np.ndarray) -> np.ndarray:
        out = np.bincount(self.col, weights=self.val * e[self.row], minlength=self.n_cols)
        if self.dense is not None:
            out[self.dense_cols] += self.dense.T @ e
        return out


def vocabulary(feature_lists: Iterable[Sequence[str]], min_df: int = MIN_DF,
               contexts: Iterable[dict[str, float]] = ()) -> list[str]:
    """The features seen in at least ``min_df`` sentences, and every context feature, sorted."""
    df = Counter(f for features in feature_lists for f in set(features))
    for context in contexts:
        df.update({name: min_df for name in context})
    return sorted(f for f, n in df.items() if n >= min_df)


def matrix(feature_lists: Sequence[Sequence[str]], vocab: Sequence[str],
           contexts: Sequence[dict[str, float]] | None = None) -> Rows:
    """Rows of ``1 / sqrt(n)`` for the n features of a sentence (as ``LinearModel`` scores them),
    and the context features' own values; features outside the vocabulary count in n but get
    no column."""
    column = {f: k for k, f in enumerate(vocab)}
    dense_names = [f for f in vocab if f.startswith("v:")]
    dense = np.zeros((len(feature_lists), len(dense_names))) if dense_names else None
    dense_index = {f: k for k, f in enumerate(dense_names)}
    rows, cols, vals = [], [], []
    for r, features in enumerate(feature_lists):
        unique = sorted(set(features))
        value = 1.0 / math.sqrt(len(unique)) if unique else 0.0
        for f in unique:
            if f in column:
                rows.append(r)
                cols.append(column[f])
                vals.append(value)
        for name, x in sorted((contexts[r] if contexts else {}).items()):
            if name in dense_index:
                dense[r, dense_index[name]] = x
            elif name in column and x:
                rows.append(r)
                cols.append(column[name])
                vals.append(x)
    return Rows(np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), np.array(vals),
                len(feature_lists), len(vocab), dense,
                np.array([column[f] for f in dense_names], dtype=np.int64) if dense_names else None)


def fit(x: Rows, y: np.ndarray, l2: float = L2, steps: int = STEPS, rate: float = RATE,
        sample_weight: np.ndarray | None = None) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by full-batch Adam from zero: deterministic. With
    ``sample_weight`` (mean 1), each row's loss counts that much."""
    w = np.zeros(x.n_cols + 1)  # the last entry is the bias
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        p = 1.0 / (1.0 + np.exp(-(x.dot(w[:-1]) + w[-1])))
        err = p - y if sample_weight is None else (p - y) * sample_weight
        grad = np.concatenate([x.t_dot(err) / len(y) + l2 * w[:-1], [err.mean()]])
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    return w[:-1], float(w[-1])


def fit_pairwise(x: Rows, y: np.ndarray, groups: np.ndarray, l2: float = L2, steps: int = STEPS,
                 rate: float = RATE, pointwise: float = 0.0) -> tuple[np.ndarray, float]:
    """A ranking fit: within each group (a debate), every positive row against every negative
    one, ``log(1 + exp(-(z_pos - z_neg)))`` averaged over the pairs of all groups, by full-batch
    Adam from zero (deterministic). With ``pointwise`` > 0, that much of the logistic loss is
    added. The bias, which a pairwise loss never sees, is then set so that the mean probability
    is the share of positives."""
    members = []
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        pos, neg = rows[y[rows] == 1], rows[y[rows] == 0]
        if len(pos) and len(neg):
            members.append((pos, neg))
    pairs = sum(len(p) * len(n) for p, n in members) or 1
    w = np.zeros(x.n_cols + 1)
    m = np.zeros_like(w)
    v = np.zeros_like(w)
    for t in range(1, steps + 1):
        z = x.dot(w[:-1]) + w[-1]
        coef = np.zeros(len(y))
        for pos, neg in members:
            miss = 1.0 / (1.0 + np.exp(np.clip(z[pos][:, None] - z[neg][None, :], -50, 50)))
            coef[pos] -= miss.sum(axis=1) / pairs
            coef[neg] += miss.sum(axis=0) / pairs
        bias_grad = 0.0
        if pointwise:
            err = 1.0 / (1.0 + np.exp(-z)) - y
            coef += pointwise * err / len(y)
            bias_grad = pointwise * err.mean()
        grad = np.concatenate([x.t_dot(coef) + l2 * w[:-1], [bias_grad]])
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        w -= rate * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    z = x.dot(w[:-1])
    low, high = -50.0, 50.0
    for _ in range(60):  # the bias whose mean probability is the share of positives
        middle = (low + high) / 2
        if (1.0 / (1.0 + np.exp(-np.clip(z + middle, -50, 50)))).mean() < y.mean():
            low = middle
        else:
            high = middle
    return w[:-1], (low + high) / 2


def predict(x: Rows, w: np.ndarray, b: float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x.dot(w) + b)))


def folds(n: int, k: int = FOLDS, seed: int = SEED) -> list[np.ndarray]:
    """k disjoint folds of range(n), shuffled with a fixed seed."""
    order = np.random.RandomState(seed).permutation(n)
    return [np.sort(order[i::k]) for i in range(k)]


def f1_score(predicted: np.ndarray, y: np.ndarray) -> float:
    tp = float((predicted & (y == 1)).sum())
    return 2 * tp / (predicted.sum() + y.sum()) if predicted.sum() + y.sum() else 0.0


def best_threshold(probabilities: np.ndarray, y: np.ndarray) -> float:
    """The threshold (0.05 to 0.95 by 0.01) with the best F1; the lowest of equals."""
    grid = [round(0.05 + k / 100, 2) for k in range(91)]
    scores = [f1_score(probabilities >= t, y) for t in grid]
    return grid[int(np.argmax(scores))]


def train(examples: Sequence[Example], min_df: int = MIN_DF, l2: float = L2, steps: int = STEPS,
          threshold_folds: int = 0, group_bias: bool = False) -> tuple[dict[str, float], float, float]:
    """Weights, bias and threshold fitted on these examples.

    With ``group_bias``, each group (a debate) gets a bias of its own while fitting, left out of
    the weights: it takes up how much more often one debate's sentences were picked than
    another's, which says nothing of which sentences of a debate to pick.

    With ``threshold_folds``, the best-F1 threshold of out-of-fold probabilities is found (the
    vocabulary and weights refitted without each fold) and the bias moved so that it reads 0.5.
    """
    lists = [e.features for e in examples]
    contexts = [{**e.context, f"d:{e.group}": 1.0} if group_bias else e.context for e in examples]
    y = np.array([1.0 if e.label else 0.0 for e in examples])
    vocab = vocabulary(lists, min_df, contexts)
    w, b = fit(matrix(lists, vocab, contexts), y, l2, steps)
    threshold = 0.5
    if threshold_folds:
        held = np.zeros(len(examples))
        for fold in folds(len(examples), threshold_folds, SEED + 1):
            rest = np.setdiff1d(np.arange(len(examples)), fold)
            inner_vocab = vocabulary([lists[i] for i in rest], min_df, [contexts[i] for i in rest])
            wi, bi = fit(matrix([lists[i] for i in rest], inner_vocab, [contexts[i] for i in rest]), y[rest], l2, steps)
            held[fold] = predict(matrix([lists[i] for i in fold], inner_vocab, [contexts[i] for i in fold]), wi, bi)
        threshold = best_threshold(held, y)
        b -= math.log(threshold / (1 - threshold))
    # a context weight multiplies a value that may reach 6 (a logit): none is left out
    weights = {f: round(float(x), 3) for f, x in zip(vocab, w)
               if not f.startswith("d:") and (abs(float(x)) >= PRUNE or f.startswith(("c:", "v:")))}
    return weights, round(b, 3), threshold


def probabilities(examples: Sequence[Example], weights: dict[str, float], bias: float) -> np.ndarray:
    """What ``LinearModel.probability`` gives, computed here in bulk."""
    out = []
    for e in examples:
        unique = sorted(set(e.features))
        total = sum(weights.get(f, 0.0) for f in unique)
        z = bias + (total / math.sqrt(len(unique)) if unique else 0.0)
        z += sum(weights.get(name, 0.0) * x for name, x in sorted(e.context.items()))
        z = max(-50.0, min(50.0, z))
        out.append(1.0 / (1.0 + math.exp(-z)))
    return np.array(out)


def transcript_examples(rows) -> list[Example]:
    """The claims of the shared CLEF debates as transcripts (``clef_transcripts.ClaimRow``), each
    labelled as the sentence it starts in; a sentence deduplicated away is left out."""
    return [Example(r.debate, f"{r.sentence}:{r.start}", "", r.label, tuple(r.features), dict(r.context),
                    tuple(r.vector)) for r in rows if r.scored]


def main(argv: Sequence[str] | None = None) -> int:
    from clef_transcripts import CLEF2019, CLEF2020, featurize as featurize_transcripts, shared_debates

    from quotes.claims import LinearModel

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claimbuster", type=Path, default=CLAIMBUSTER, help=f"default: {CLAIMBUSTER}")
    parser.add_argument("--clef2020", type=Path, default=CLEF2020, help=f"default: {CLEF2020}")
    parser.add_argument("--clef2019", type=Path, default=CLEF2019, help=f"default: {CLEF2019}")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT}")
    parser.add_argument("--model", default=None, help="spaCy pipeline (default: quotes.run's choice)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="ClaimBuster features file to reuse between runs (keep it outside the repository)")
    parser.add_argument("--transcripts-cache", type=Path, default=None,
                        help="the debates' parsed claims to reuse between runs (claims_transcripts.py's --cache)")
    args = parser.parse_args(argv)
    for path in (args.claimbuster, args.clef2020, args.clef2019):
        if not path.exists():
            parser.error(f"{path}: not found")

    began = time.perf_counter()
    claimbuster = read_claimbuster(args.claimbuster)
    nlp = load_pipeline(args.model)
    featurize(claimbuster, nlp, cache=args.cache)
    with_vectors(claimbuster, VECTOR_SCALE)
    cw_weights, cw_bias, cw_threshold = train(claimbuster, l2=CHECKWORTHY_L2, threshold_folds=FOLDS)
    cw_weights = unscaled(cw_weights, VECTOR_SCALE)
    debates = shared_debates(args.clef2020, args.clef2019)
    # the score model reads checkworthiness (its context): the new checkworthy model's
    rows = featurize_transcripts(debates, nlp, args.transcripts_cache,
                                 checkworthy=LinearModel("checkworthy", cw_bias, cw_weights))
    by_name = {d.name: d for d in debates}
    for row in rows:
        row.scored = by_name[row.debate].scored[row.sentence]
    score_examples = transcript_examples(rows)
    print(f"parsed {len(claimbuster)} sentences and {len(debates)} debates in {time.perf_counter() - began:.0f}s",
          file=sys.stderr)
    if SCORE_FEATURES == "context":
        score_examples = [replace(e, features=()) for e in score_examples]
    with_vectors(score_examples, SCORE_VECTOR_SCALE)
    sc_weights, sc_bias, _ = train(score_examples, l2=SCORE_L2, group_bias=True)
    sc_weights = unscaled(sc_weights, SCORE_VECTOR_SCALE)
    sentences = sum(sum(d.scored) for d in debates)
    picked = sum(lab for d in debates for (_, _, lab), kept in zip(d.rows, d.scored) if kept)
    data = {
        "source": {
            "script": "benchmarks/train_claims.py",
            "data": {
                "checkworthy": f"ClaimBuster train split (Arslan et al., ICWSM 2020): {len(claimbuster)} "
                               f"sentences, {sum(e.label for e in claimbuster)} check-worthy factual",
                "score": f"CLEF CheckThat! 2020 Task 5 training debates and the 2019 Task 1 training debates "
                         f"that are not repeats of them, deduplicated by sentence, read as transcripts: "
                         f"{len(debates)} debates, {sentences} sentences, {picked} picked for checking, "
                         f"{len(score_examples)} claims each labelled as its sentence",
            },
            "settings": {"l2": {"checkworthy": CHECKWORTHY_L2, "score": SCORE_L2}, "steps": STEPS, "rate": RATE,
                         "min_df": MIN_DF, "prune": PRUNE,
                         "threshold": f"best F1 of {FOLDS}-fold out-of-fold probabilities on ClaimBuster "
                                      f"({cw_threshold}), moved to 0.5 by the bias",
                         "context": "c: features of quotes/claims/context.py, weighted by their values",
                         "vector": f"v: features of quotes/claims/dense.py, scaled by {VECTOR_SCALE} (checkworthy) "
                                   f"and {SCORE_VECTOR_SCALE} (score) while fitting",
                         "score_features": SCORE_FEATURES, "debate_bias": "a bias per training debate while fitting, not kept"},
            "pipeline": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')} (spaCy {spacy.__version__})",
            "note": "weights only: a vocabulary of words and word pairs, no corpus sentence",
        },
        "threshold": 0.5,
        "checkworthy": {"bias": cw_bias, "weights": cw_weights},
        "score": {"bias": sc_bias, "weights": sc_weights},
    }
    args.output.write_text(json.dumps(data, indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.output}: checkworthy {len(cw_weights)} weights (threshold {cw_threshold} -> 0.5), "
          f"score {len(sc_weights)} weights, in {time.perf_counter() - began:.0f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
