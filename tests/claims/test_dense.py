"""A claim's pooled token vectors (``quotes.claims.dense``) and how the models read them."""

from __future__ import annotations

import json

import pytest

from quotes.claims import LinearModel, read_models
from quotes.claims.dense import span_vector
from quotes.io.transcripts import as_transcript
from quotes.lexicon import LexiconError
from quotes.model import Document
from quotes.run.pipeline import claims_batch


@pytest.mark.parametrize("text", [
    "Unemployment rose by 4 percent in 2030.",
    "Good evening, everyone.",
    "We added 30,000 jobs this spring and cut taxes for 2 million families.",
])
def test_a_span_gives_a_mean_and_a_maximum_per_dimension(nlp, text):
    doc = nlp(text)
    vector = span_vector(doc[:])
    width = doc.tensor.shape[1]
    assert sorted(vector) == sorted([f"v:m{k}" for k in range(width)] + [f"v:x{k}" for k in range(width)])
    for k in range(width):
        assert vector[f"v:m{k}"] <= vector[f"v:x{k}"]
        assert vector[f"v:x{k}"] == round(float(doc.tensor[:, k].max()), 3)


@pytest.mark.parametrize("text, neighbour", [
    ("Unemployment rose by 4 percent in 2030.", "Good evening, everyone."),
    ("Our schools lost $400 million under his budget.", "Thank you both."),
])
def test_the_same_span_gives_the_same_vector_in_any_batch(nlp, text, neighbour):
    alone = span_vector(nlp(text)[:])
    in_batch = span_vector(list(nlp.pipe([neighbour, text, neighbour * 20]))[1][:])
    assert alone == in_batch == span_vector(nlp(text)[:])


@pytest.mark.parametrize("text", ["Prices rose 8 percent.", "Why?"])
def test_a_parse_without_its_vectors_gives_none(nlp, text):
    doc = nlp(text)
    doc.tensor = doc.tensor[:0].copy()
    assert span_vector(doc[:]) == {}


@pytest.mark.parametrize("weights, lower, higher", [
    ({"v:m0": 1.0}, {"v:m0": -0.5}, {"v:m0": 0.5}),
    ({"v:x3": -2.0, "w:rose": 1.0}, {"v:x3": 1.0}, {"v:x3": 0.0}),
])
def test_vector_features_move_the_score_by_their_values(weights, lower, higher):
    model = LinearModel("m", 0.0, weights)
    assert model.probability(["w:rose"], lower) < model.probability(["w:rose"], higher)
    assert model.probability(["w:rose"], higher) == model.probability(["w:rose"], dict(reversed(higher.items())))


@pytest.mark.parametrize("weights, message", [
    ({"v:m0": "heavy"}, "feature 'v:m0' has weight 'heavy'"),
    ({"v:": 1.0}, "feature 'v:' of no known kind"),
    ({"v:x1": float("inf")}, "feature 'v:x1' has weight inf"),
])
def test_bad_vector_weights_are_named(weights, message):
    data = {"source": {"script": "s.py", "data": "d"}, "threshold": 0.5,
            "checkworthy": {"bias": -1.0, "weights": {"v:m0": 0.25}},
            "score": {"bias": -2.0, "weights": {"f:money": 0.5}}}
    assert read_models("w.json", json.dumps(data)).checkworthy.weights == {"v:m0": 0.25}
    data["checkworthy"]["weights"] = weights
    with pytest.raises(LexiconError, match=message):
        read_models("w.json", json.dumps(data))


@pytest.mark.parametrize("statistic, small_talk", [
    ("Unemployment rose by 4 percent in 2030.", "Good evening, everyone."),
    ("Our schools lost $400 million under his budget.", "Thank you both."),
    ("The state added 30,000 jobs this spring.", "It is great to be here tonight."),
])
def test_scores_are_deterministic_and_a_statistic_outranks_small_talk(nlp, statistic, small_talk):
    text = f"REYES: Governor, your record?\nMOSS: {small_talk} {statistic}\n"
    scores = []
    for _ in range(2):
        [(_, claims)] = claims_batch([as_transcript(Document("d", text), True)], nlp, 0.5, keep_all=True)
        scores.append({c.text: (c.score, c.checkworthiness) for c in claims})
    assert scores[0] == scores[1]
    assert scores[0][statistic] > scores[0][small_talk]


def test_the_shipped_checkworthy_model_reads_the_vectors():
    from quotes.claims import load_claim_models

    weights = load_claim_models().checkworthy.weights
    assert sum(f.startswith("v:m") for f in weights) == sum(f.startswith("v:x") for f in weights) > 0


@pytest.mark.parametrize("text", [
    "Our schools lost $400 million under his budget.\n",
    "Unemployment rose by 4 percent in 2030 because two mills closed.\n",
])
def test_the_claims_path_keeps_the_vectors_until_the_claims_are_scored(nlp, text):
    from quotes.claims import find_claims

    [(_, claims)] = claims_batch([Document("d", text)], nlp, 0.5, keep_all=True)
    with_vectors = find_claims(Document("d", text), nlp(text), 0, [])
    without = nlp(text)
    without.tensor = without.tensor[:0].copy()
    words_alone = find_claims(Document("d", text), without, 0, [])
    assert claims[-1].checkworthiness == with_vectors[-1].checkworthiness != words_alone[-1].checkworthiness
