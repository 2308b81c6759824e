"""A surname the recogniser tagged as an organisation or a nationality, on parses built by hand."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from quotes.engine.antecedents import stripped_possessive, surname_tagged_organization
from quotes.engine.speakers import PersonIndex
from quotes.lexicon import load_lexicons

VOCAB = spacy.blank("en").vocab


def _doc(words: list[str], ents: list[tuple[int, int, str]]) -> Doc:
    doc = Doc(VOCAB, words=words, pos=["PUNCT" if w == "." else "PROPN" for w in words])
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


@pytest.mark.parametrize("words, ents, mention, found", [
    # "Peter DeBoer spoke. DeBoer said.": the surname alone tagged ORG is the person
    (["Peter", "DeBoer", "spoke", ".", "DeBoer", "said", "."], [(0, 2, "PERSON"), (4, 5, "ORG")], 4, "Peter DeBoer"),
    # tagged as a nationality
    (["Ollie", "Vanders", "spoke", ".", "Vanders", "said", "."], [(0, 2, "PERSON"), (4, 5, "NORP")], 4, "Ollie Vanders"),
    # a word of a longer organisation name stays the company ("Ford" beside "Ford Motor Co")
    (["Doug", "Ford", "met", "Ford", "Motor", "Co", ".", "Ford", "said", "."],
     [(0, 2, "PERSON"), (3, 6, "ORG"), (7, 8, "ORG")], 7, None),
    # an organisation that is nobody's surname
    (["Jane", "Roe", "joined", "Acme", ".", "Acme", "said", "."], [(0, 2, "PERSON"), (3, 4, "ORG"), (5, 6, "ORG")], 5, None),
    # an acronym in capitals is no surname
    (["Jane", "ROE", "spoke", ".", "ROE", "said", "."], [(0, 2, "PERSON"), (4, 5, "ORG")], 4, None),
    # a word tagged a place is left to the place rules
    (["Jane", "Roe", "spoke", ".", "Roe", "said", "."], [(0, 2, "PERSON"), (4, 5, "GPE")], 4, None),
])
def test_a_surname_tagged_as_an_organisation(words, ents, mention, found):
    doc = _doc(words, ents)
    index = PersonIndex(doc, load_lexicons())
    orgs = [(e.start, e.end) for e in doc.ents if e.label_ == "ORG"]
    person = surname_tagged_organization(doc[mention : mention + 1], index, orgs)
    assert (person.name if person else None) == found


@pytest.mark.parametrize("words, ents, entity, expected", [
    # "Canadas call" for "Canada's call" once apostrophes are stripped, beside "Canada"
    (["Canada", "spoke", ".", "Canadas", "call", "."], [(0, 1, "GPE"), (3, 4, "ORG")], 1, True),
    # an organisation whose name ends in "s" of its own, with no entity it extends
    (["Siemens", "spoke", ".", "Canada", "."], [(0, 1, "ORG"), (3, 4, "GPE")], 0, False),
    (["Acme", "Tools", "spoke", "."], [(0, 2, "ORG")], 0, False),
])
def test_a_stripped_possessive_is_no_organisation(words, ents, entity, expected):
    doc = _doc(words, ents)
    assert stripped_possessive(doc.ents[entity]) is expected
