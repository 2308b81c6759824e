"""The column look-ups the rules share: which tokens have a value, and each token's children,
read off hand-built parses (no statistical model)."""

import pytest
import spacy
from spacy.attrs import DEP, LOWER, POS, TAG
from spacy.tokens import Doc

from quotes.engine.attribution import children, tokens_where, where

WORDS = ["She", "said", "that", "he", "was", "in", "Paris", "."]
POSES = ["PRON", "VERB", "SCONJ", "PRON", "AUX", "ADP", "PROPN", "PUNCT"]
TAGS = ["PRP", "VBD", "IN", "PRP", "VBD", "IN", "NNP", "."]
HEADS = [1, 1, 4, 4, 1, 4, 5, 1]
DEPS = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "prep", "pobj", "punct"]


@pytest.fixture
def doc():
    return Doc(spacy.blank("en").vocab, words=WORDS, pos=POSES, tags=TAGS, heads=HEADS, deps=DEPS)


@pytest.mark.parametrize("attr, values, expected", [
    (POS, ("VERB", "AUX"), ["said", "was"]),
    (POS, ("NOUN",), []),
    (TAG, ("VBD",), ["said", "was"]),
    (DEP, ("prep",), ["in"]),
    (LOWER, ("she", "paris"), ["She", "Paris"]),
    (LOWER, ("according",), []),
])
def test_where_finds_the_tokens_with_a_value(doc, attr, values, expected):
    assert [t.text for t in tokens_where(doc, where(doc, attr, values))] == expected


def test_where_masks_combine(doc):
    mask = where(doc, LOWER, ("in", "that")) & where(doc, DEP, ("prep",))
    assert [t.text for t in tokens_where(doc, mask)] == ["in"]
    mask = where(doc, POS, ("PRON",)) | where(doc, TAG, ("NNP",))
    assert [t.text for t in tokens_where(doc, mask)] == ["She", "he", "Paris"]


@pytest.mark.parametrize("index", range(len(WORDS)))
def test_children_table_matches_spacy(doc, index):
    assert [t.i for t in children(doc[index])] == [t.i for t in doc[index].children]
