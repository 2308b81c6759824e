"""PersonIndex lookups on parses built by hand."""

from __future__ import annotations

import pytest
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


@pytest.mark.parametrize("words, spaces, name", [
    # "Jody Wilson-Raybould": a hyphen with no space either side joins the words of a name
    (["Jody", "Wilson", "-", "Raybould"], [True, False, False, False], "Jody Wilson-Raybould"),
    # "Jane Roe - Smith": a dash with spaces around it sets words apart
    (["Jane", "Roe", "-", "Smith"], [True, True, True, False], "Jane Roe Smith"),
    (["Jean", "-", "Pierre", "Roe"], [False, False, True, False], "Jean-Pierre Roe"),
])
def test_a_hyphen_inside_a_name_is_kept(words, spaces, name):
    doc = Doc(VOCAB, words=words, spaces=spaces)
    doc.ents = [Span(doc, 0, len(words), label="PERSON")]
    assert " ".join(PersonIndex(doc, load_lexicons()).name_words(doc[:])) == name


@pytest.mark.parametrize("surname, found", [("Raybould", "Jody Wilson-Raybould"),
                                            ("Wilson-Raybould", "Jody Wilson-Raybould"),
                                            ("Jody", "Jody Wilson-Raybould"), ("Wilson", None)])
def test_a_hyphenated_surname_is_found_by_its_last_part(surname, found):
    doc = Doc(VOCAB, words=["Jody", "Wilson", "-", "Raybould", "spoke", "."],
              spaces=[True, False, False, True, False, False])
    doc.ents = [Span(doc, 0, 4, label="PERSON")]
    person = PersonIndex(doc, load_lexicons()).lookup([surname])
    assert (person.name if person else None) == found


@pytest.mark.parametrize("words, surname, found", [
    (["John", "Smith", "Sr."], "Smith", "John Smith Sr."),
    (["John", "Smith", "III"], "Smith", "John Smith III"),
    (["John", "Smith", "Sr."], "Sr.", None),
])
def test_a_surname_before_a_generation_suffix(words, surname, found):
    doc = Doc(VOCAB, words=words + ["spoke", "."])
    doc.ents = [Span(doc, 0, len(words), label="PERSON")]
    person = PersonIndex(doc, load_lexicons()).lookup([surname])
    assert (person.name if person else None) == found
