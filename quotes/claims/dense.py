"""A claim's words as the parser saw them: its tokens' vectors, pooled, as real-valued features.

The spaCy pipeline's ``tok2vec`` layer gives every token a vector of what the token and its
neighbours look like (96 numbers for ``en_core_web_sm``), learned for tagging and parsing. The
mean and the maximum of a claim's token vectors, dimension by dimension, are ``v:`` features
with their values (``v:m0`` ... the means, ``v:x0`` ... the maxima) that ``LinearModel`` adds
to its sum as it adds the ``c:`` context features. They carry what the word lists cannot: a
word never seen in training still lands near the words that behave like it.

Values are rounded to 3 decimals so that one span gives the same features everywhere. A parse
without its vectors (a pipeline that sets no ``doc.tensor``, or a caller that freed it) gives
none, and the model then reads the words alone.
"""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan

_DECIMALS = 3


def span_vector(span: SpacySpan) -> dict[str, float]:
    """The ``v:`` features of a span: mean and maximum of its non-space tokens' vectors."""
    tensor = span.doc.tensor
    rows = [t.i for t in span if not t.is_space]
    if not rows or tensor is None or len(tensor.shape) != 2 or tensor.shape[0] != len(span.doc):
        return {}
    vectors = tensor[rows]
    found: dict[str, float] = {}
    for k, value in enumerate(vectors.mean(axis=0)):
        found[f"v:m{k}"] = round(float(value), _DECIMALS)
    for k, value in enumerate(vectors.max(axis=0)):
        found[f"v:x{k}"] = round(float(value), _DECIMALS)
    return found
