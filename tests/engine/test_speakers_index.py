"""PersonIndex lookups on parses built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from quotes.engine.speakers import PersonIndex
from quotes.lexicon import load_lexicons

VOCAB = spacy.blank("en").vocab


def test_a_pronoun_prefers_a_person_named_in_full_over_a_one_word_tag():
    # "Jane Roe visited Surrey . she spoke ." with "Surrey" tagged as a person
    words = ["Jane", "Roe", "visited", "Surrey", ".", "She", "spoke", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 2, 2, 2, 2, 6, 6, 6],
              deps=["compound", "nsubj", "ROOT", "dobj", "punct", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PUNCT", "PRON", "VERB", "PUNCT"])
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 3, 4, label="PERSON")]
    index = PersonIndex(doc, load_lexicons())
    assert index.nearest_before(5, "f").name == "Jane Roe"


def test_a_one_word_person_is_found_when_nobody_else_is():
    words = ["Madonna", "sang", ".", "She", "spoke", "."]
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 4, 4, 4],
              deps=["nsubj", "ROOT", "punct", "nsubj", "ROOT", "punct"],
              pos=["PROPN", "VERB", "PUNCT", "PRON", "VERB", "PUNCT"])
    doc.ents = [Span(doc, 0, 1, label="PERSON")]
    assert PersonIndex(doc, load_lexicons()).nearest_before(3, "f").name == "Madonna"
