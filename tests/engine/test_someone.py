"""Descriptions of someone, on parses built by hand: ages, and entities with no name in them."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from quotes.engine.someone import aged, entity_type

VOCAB = spacy.blank("en").vocab


@pytest.mark.parametrize("words, ent, token, label", [
    (["said", "the", "rookie", "defenceman", "."], (1, 4, "ORG"), 3, ""),  # no capital: no name
    (["said", "the", "Halifax", "Hawks", "."], (2, 4, "ORG"), 3, "ORG"),
    (["said", "the", "3M", "unit", "."], (2, 3, "ORG"), 2, "ORG"),
    (["said", "the", "rookie", "."], None, 2, ""),
])
def test_entity_type_needs_a_name(words, ent, token, label):
    doc = Doc(VOCAB, words=words)
    if ent:
        doc.ents = [Span(doc, ent[0], ent[1], label=ent[2])]
    assert entity_type(doc[token]) == label


@pytest.mark.parametrize("words, head, expected", [
    (["the", "34", "-", "year", "-", "old"], 5, True),
    (["the", "34yearold"], 1, True),
    (["the", "34", "year", "old"], 3, True),
    (["a", "34", "-", "year", "-", "old"], 5, False),  # someone new, not the person named before
    (["the", "old"], 1, False),
    (["the", "34", "-", "year", "-", "old", "barn"], 6, False),
])
def test_an_age_stands_for_a_person(words, head, expected):
    doc = Doc(VOCAB, words=words)
    assert aged(doc[:], doc[head]) is expected
