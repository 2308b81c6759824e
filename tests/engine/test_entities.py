"""The document's people as frozen records: names, the pronouns and descriptions resolved to
them, gender with its evidence; on the real pipeline."""

from __future__ import annotations

import pytest

from quotes.engine.entities import Entity
from quotes.engine.sieve import resolve
from quotes.engine.speakers import PersonIndex, mention_tokens
from quotes.lexicon import load_lexicons


def people(nlp, text, offset=0):
    doc = nlp(text)
    index = PersonIndex(doc, load_lexicons())
    for tok in doc:  # resolve every subject of "said", as the engine does
        if tok.dep_ == "nsubj" and tok.head.lemma_ == "say":
            resolve(mention_tokens(tok), index)
    return {e.name: e for e in index.entities(offset)}


def test_pronouns_resolved_to_a_person_are_its_mentions(nlp):
    text = "Ms. Jane Roe met John Smith on Monday. She said that the talks went well."
    found = people(nlp, text)
    roe = found["Jane Roe"]
    assert isinstance(roe, Entity)
    assert (roe.gender, roe.gender_evidence) == ("f", "honorific")
    assert [(m.text, m.kind) for m in roe.mentions] == [("Jane Roe", "name"), ("She", "pronoun")]
    assert [m.text for m in found["John Smith"].pronouns] == []  # must not take her pronoun


def test_gender_from_a_pronoun_when_the_text_has_no_title(nlp):
    found = people(nlp, "John Smith chairs the board. He said that the vote would be held in June.")
    smith = found["John Smith"]
    assert (smith.gender, smith.gender_evidence) == ("m", "pronoun")
    assert [m.text for m in smith.pronouns] == ["He"]


@pytest.mark.parametrize("offset", [0, 100])
def test_offsets_index_the_document(nlp, offset):
    text = "Jane Roe chairs the board. She said that the vote would be held in June."
    roe = people(nlp, text, offset)["Jane Roe"]
    assert [(m.start - offset, m.end - offset) for m in roe.mentions] == [(0, 8), (27, 30)]
    with pytest.raises(AttributeError):
        roe.name = "x"  # frozen


@pytest.mark.parametrize("text, credits", [
    ("A man sleeps on a vent. (Jane Roe/Daily Planet)\nMore text.", ["Jane Roe/Daily Planet"]),
    ("The tents will open. (John Smith / City News)", ["John Smith / City News"]),
    # a caption the page repeats word for word
    ("Daily Planet A train is shown near Field.\nText.\nDaily Planet A train is shown near Field.",
     ["Daily Planet A train is shown near Field.", "Daily Planet A train is shown near Field."]),
    # with its parentheses stripped, after the caption's last sentence
    ("Tents will open on the lot. Jane Roe / City News\nMore.", ["Jane Roe / City News"]),
    ("It could have happened. Jane Roe/CBC\nNext.", ["Jane Roe/CBC"]),
    # must not match: a parenthesis inside a sentence, a line said once, a slash in a sentence
    ("The union (Local 12) said no.\nJane Roe said yes.", []),
    ("It was the AC/DC show. Jane Roe said the odds were 50/50.\n", []),
])
def test_credit_ranges(text, credits):
    from quotes.engine.entities import credit_ranges

    assert [text[s:e] for s, e in credit_ranges(text)] == credits
