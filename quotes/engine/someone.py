"""Descriptions that name again a person the article has introduced: a feature's way of
calling its subject "the affable proprietor", "the 34-year-old" or "the mother of two" instead of
repeating the name. Which person they mean is the sieve's to find (``sieve._person_described``);
this module only says whether a mention is such a description.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..enrich import gender_words
from .speakers import Person, PersonIndex

# "34-year-old", and "34yearold" or "34 year old" once the dashes are stripped
_AGE_WORD = re.compile(r"\d+(year|month)s?old", re.IGNORECASE)
# How a description's words may stand before its head: "the affable proprietor", "the rookie
# defenceman", "the 34-year-old mother of two"
_MODIFIERS = ("det", "amod", "compound", "punct", "advmod", "nmod", "nummod", "npadvmod")


def aged(span: Span, head: Token) -> bool:
    """``the 34-year-old``: "the" and an age standing for a person (the parse makes "old" the
    head, an adjective), or an age stripped of its dashes into one word ("the 34yearold")."""
    if not span or span[0].lower_ != "the":
        return False
    if _AGE_WORD.fullmatch(head.text):
        return True
    words = [t.lower_ for t in span[1:] if not t.is_punct]
    return (head.lower_ == "old" and head.i == span[-1].i and len(words) >= 3 and words[-1] == "old"
            and words[-2] in ("year", "years", "month", "months") and words[-3].isdigit())


def _gendered(word: str) -> bool:
    """A noun that says its person's gender (``gender_words.tsv``): "mother", "chairman"."""
    found = gender_words().get(word)
    return found is not None and found[1] == "noun"


def entity_type(tok: Token) -> str:
    """The entity label of a token, "" when none, or when its whole entity is in lower case:
    the small model tags "the rookie defenceman" ORG now and then, and no name is in it."""
    if not tok.ent_type_:
        return ""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return tok.ent_type_ if any(ch.isupper() or ch.isdigit() for ch in doc[start:end].text) else ""


def describes_someone(head: Token, index: PersonIndex, document: bool) -> bool:
    """``the affable proprietor``: "the", a singular common noun that is no entity and holds no
    organisation, with words that describe it (an age among them), and no phrase after it
    but "of" after a gendered noun ("the 34-year-old mother of two").
    ``document``: the noun is a text that speaks for its issuer ("the report"), never someone."""
    if head.tag_ != "NN" or entity_type(head) or head.lemma_.lower() in index.lex.organizations or document:
        return False
    lefts = list(head.lefts)
    if not lefts or lefts[0].lower_ != "the" or len(lefts) < 2 or not all(t.dep_ in _MODIFIERS for t in lefts):
        return False
    if any(entity_type(t) == "ORG" for t in head.subtree):
        return False  # "the Acme Systems security unit": a part of an organisation, not a person
    after = [c for c in head.rights if c.dep_ == "prep"]
    return not after or all(c.lower_ == "of" for c in after) and _gendered(head.lemma_.lower())


def stripped_owner(head: Token, index: PersonIndex) -> Person | None:
    """The person whose name, its possessive's apostrophe stripped, stands before a text:
    "according to Roes book" for "Roe's book", once ``Jane Roe`` was named. A word that is a
    name of its own ("Reynolds") is not taken for a possessive."""
    names = [t for t in head.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
    if not names or names[-1].i != head.i - 1:
        return None
    last = names[-1]
    text = last.text
    if not (text[:1].isupper() and text.endswith("s") and len(text) > 2) or last.ent_type_ in ("ORG", "GPE", "NORP"):
        return None
    stem = index.lookup([text[:-1]])
    return stem if stem is not None and index.lookup([text]) is stem else None
