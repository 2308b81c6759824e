"""The context features of a claim (``quotes.claims.context``) and how the score reads them."""

from __future__ import annotations

import math

import pytest

from quotes.claims import LinearModel, context_features, speaker_stats
from quotes.io.transcripts import as_transcript
from quotes.model import Document

TEXT = ("REYES: Good evening. Why did prices rise?\n"
        "MOSS: Prices rose by 4 percent. We cut taxes.\n"
        "REYES: Thank you. What about jobs?\n"
        "MOSS: We added 30,000 jobs.\n")


@pytest.fixture()
def document():
    return as_transcript(Document("d", TEXT), True)


def test_speaker_stats(document):
    stats = speaker_stats(document)
    assert stats["Reyes"].asking == 1.0 and stats["Moss"].asking == 0.0
    assert math.isclose(stats["Reyes"].share + stats["Moss"].share, 1.0)


@pytest.mark.parametrize("sentence, present, absent", [
    ("Good evening.", ["c:asker", "c:turn_first", "c:role:moderator"], ["c:answers"]),
    ("Prices rose by 4 percent.", ["c:answers", "c:turn_first", "c:role:person"], ["c:asker"]),
    ("We cut taxes.", ["c:answers", "c:role:person"], ["c:turn_first", "c:asker"]),
    ("We added 30,000 jobs.", ["c:answers", "c:turn_first", "c:pos:4"], ["c:asker"]),
])
def test_context_features(document, sentence, present, absent):
    sentences = ["Good evening.", "Why did prices rise?", "Prices rose by 4 percent.", "We cut taxes.",
                 "Thank you.", "What about jobs?", "We added 30,000 jobs."]
    starts = [TEXT.index(s) for s in sentences]
    checkworthiness = [0.1, 0.2, 0.9, 0.6, 0.05, 0.2, 0.8]
    roles = ["moderator", "moderator", "person", "person", "moderator", "moderator", "person"]
    found = context_features(document, starts, checkworthiness, roles)[sentences.index(sentence)]
    assert all(name in found for name in present), found
    assert not any(name in found for name in absent), found
    i = sentences.index(sentence)
    assert math.isclose(found["c:cw"], math.log(checkworthiness[i] / (1 - checkworthiness[i])))


def test_news_claims_get_only_the_sentence_context():
    news = Document("n", "Prices rose by 4 percent. The minister spoke.")
    found = context_features(news, [0, 26], [0.9, 0.1], ["publication", "publication"])
    assert set(found[0]) == {"c:cw", "c:cw_band:4", "c:prev_cw", "c:next_cw"}
    assert found[0]["c:next_cw"] == pytest.approx(math.log(0.1 / 0.9))


@pytest.mark.parametrize("context, expected", [
    (None, 1 / (1 + math.exp(-(-1.0 + 2.0 / math.sqrt(1))))),
    ({"c:cw": 2.0}, 1 / (1 + math.exp(-(-1.0 + 2.0 + 0.5 * 2.0)))),
    ({"c:unknown": 5.0}, 1 / (1 + math.exp(-(-1.0 + 2.0)))),
])
def test_score_adds_context_values_unnormalised(context, expected):
    model = LinearModel("score", -1.0, {"w:rose": 2.0, "c:cw": 0.5})
    assert model.probability(["w:rose"], context) == pytest.approx(expected)
