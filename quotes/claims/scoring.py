"""Two learned scores for a claim, read from the shipped weights file ``claims_weights.json``.

- ``checkworthy``: does the statement make a factual claim that evidence could settle?
  ClaimBuster's "check-worthy factual sentence" (about a quarter of debate sentences). Its
  probability is ``checkworthiness``; the default threshold (0.5) was chosen for this meaning.
- ``score``: how much would a fact-checker want to check it? CLEF CheckThat!'s "was it picked
  for checking" (3% of debate sentences), for ranking the claims of a corpus.

Both are logistic regressions over the same features of a claim's span: its words and word
pairs (digits read as 0), the rule families of ``detect.sentence_features`` ("money",
"question", ...), entity labels, part-of-speech tags and a length band. Each feature counts once
and every feature of a span weighs ``1 / sqrt(n)`` for ``n`` features, so long sentences do not
score up by length alone. Valued features are added with their values: the span's pooled token
vectors (``v:``, ``dense.py``) and, for ``score``, its context (``c:``, ``context.py``). The weights were learned by ``benchmarks/train_claims.py``; the file
says from which data and with which settings. Scoring sums in sorted order: the same span gives
the same float in every process, offline, without numpy.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Span as SpacySpan

from ..lexicon import LexiconError

WEIGHTS_FILE = "claims_weights.json"
MODEL_NAMES = ("checkworthy", "score")
_FEATURE = re.compile(r"^[wbfetncv]:\S.*$")
_DIGIT = re.compile(r"\d")
_KEPT_PUNCT = frozenset({"?", "!"})  # a question is a signal; commas are not
_LENGTH_BAND = 5  # words per band: 0-4, 5-9, ... up to 40 and more


def model_features(span: SpacySpan, families: Iterable[str]) -> list[str]:
    """The features of a span that the weights read, sorted, each once.

    ``w:`` words (lowercase, digits as 0: "35,000" -> "00,000"), ``b:`` adjacent word pairs,
    ``f:`` rule families, ``e:`` entity labels, ``t:`` fine part-of-speech tags, ``n:`` the length band.
    """
    tokens = [t for t in span if not t.is_space]
    words = [_DIGIT.sub("0", t.lower_) for t in tokens if not t.is_punct or t.text in _KEPT_PUNCT]
    found = {f"w:{w}" for w in words}
    found.update(f"b:{a} {b}" for a, b in zip(words, words[1:]))
    found.update(f"f:{f}" for f in families)
    found.update(f"e:{t.ent_type_}" for t in tokens if t.ent_type_)
    found.update(f"t:{t.tag_}" for t in tokens if t.tag_)
    found.add(f"n:{min(len(words) // _LENGTH_BAND, 8)}")
    return sorted(found)


@dataclass(frozen=True)
class LinearModel:
    """A logistic regression over ``model_features`` and named values (the ``v:`` vector and
    ``c:`` context features): ``sigmoid(bias + sum(w) / sqrt(n) + sum(w_c * value_c))``."""

    name: str
    bias: float
    weights: Mapping[str, float]

    def probability(self, features: Sequence[str], context: Mapping[str, float] | None = None) -> float:
        """The model's probability for a span's features (``model_features``' sorted list) and
        its named values (``dense.span_vector``, ``context.context_features``)."""
        z = self.bias
        if features:
            total = 0.0
            for feature in sorted(set(features)):
                total += self.weights.get(feature, 0.0)
            z += total / math.sqrt(len(set(features)))
        for name in sorted(context or ()):
            z += self.weights.get(name, 0.0) * context[name]
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True)
class ClaimModels:
    """The two shipped models and where they came from."""

    checkworthy: LinearModel
    score: LinearModel
    threshold: float  # the default threshold of ``checkworthy``
    source: Mapping[str, object]


def read_models(name: str, text: str) -> ClaimModels:
    """Parse and validate a weights file; ``LexiconError`` names what is wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LexiconError(f"{name}: not JSON: {err}") from err
    if not isinstance(data, dict):
        raise LexiconError(f"{name}: expected an object with 'source', 'threshold' and {MODEL_NAMES}")
    source = data.get("source")
    if not isinstance(source, dict) or not source.get("script") or not source.get("data"):
        raise LexiconError(f"{name}: 'source' must name the script and the data the weights came from")
    threshold = data.get("threshold")
    if not isinstance(threshold, (int, float)) or not 0.0 < threshold < 1.0:
        raise LexiconError(f"{name}: 'threshold' must be a number between 0 and 1, got {threshold!r}")
    models = {}
    for model in MODEL_NAMES:
        block = data.get(model)
        if not isinstance(block, dict) or not isinstance(block.get("bias"), (int, float)):
            raise LexiconError(f"{name}: '{model}' must be an object with a numeric 'bias' and 'weights'")
        weights = block.get("weights")
        if not isinstance(weights, dict) or not weights:
            raise LexiconError(f"{name}: '{model}.weights' must be a non-empty object")
        for feature, weight in weights.items():
            if not _FEATURE.match(feature):
                raise LexiconError(f"{name}: '{model}' has a feature {feature!r} of no known kind (w:, b:, f:, e:, t:, n:, c:, v:)")
            if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not math.isfinite(weight):
                raise LexiconError(f"{name}: '{model}' feature {feature!r} has weight {weight!r}, not a number")
        models[model] = LinearModel(model, float(block["bias"]), {k: float(v) for k, v in weights.items()})
    return ClaimModels(models["checkworthy"], models["score"], float(threshold), source)


@lru_cache(maxsize=1)
def load_claim_models() -> ClaimModels:
    """Read and validate the shipped weights once per process."""
    path = resources.files("quotes.lexicons").joinpath(WEIGHTS_FILE)
    return read_models(WEIGHTS_FILE, path.read_text(encoding="utf-8"))
