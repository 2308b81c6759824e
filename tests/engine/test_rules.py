"""The core rules on parses built by hand, so these tests do not move when the model does."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span as SpacySpan

from quotes.engine import extract_from_parsed
from quotes.model import Document

VOCAB = spacy.blank("en").vocab  # lexical attributes (lower, is_punct) without a model


def parse(words, heads, deps, pos, lemmas, tags=None, ents=(), spaces=None):
    """A Doc with a fixed parse: heads are absolute token indices; one sentence."""
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
              tags=tags or [""] * len(words), sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [SpacySpan(doc, s, e, label=label) for s, e, label in ents]
    return doc


def extract(doc, acts=("speech",)):
    return extract_from_parsed(Document("t", doc.text), [(0, doc)], acts, enrich=False)


# "Jane Roe said that the bridge would reopen."
REPORTED = dict(
    words=["Jane", "Roe", "said", "that", "the", "bridge", "would", "reopen", "."],
    heads=[1, 2, 2, 7, 5, 7, 7, 2, 2],
    deps=["compound", "nsubj", "ROOT", "mark", "det", "nsubj", "aux", "ccomp", "punct"],
    pos=["PROPN", "PROPN", "VERB", "SCONJ", "DET", "NOUN", "AUX", "VERB", "PUNCT"],
    lemmas=["Jane", "Roe", "say", "that", "the", "bridge", "would", "reopen", "."],
    ents=[(0, 2, "PERSON")],
)

# "The bridge will reopen, Jane Roe said."
TRAILING = dict(
    words=["The", "bridge", "will", "reopen", ",", "Jane", "Roe", "said", "."],
    heads=[1, 3, 3, 7, 7, 6, 7, 7, 7],
    deps=["det", "nsubj", "aux", "ccomp", "punct", "compound", "nsubj", "ROOT", "punct"],
    pos=["DET", "NOUN", "AUX", "VERB", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"],
    lemmas=["the", "bridge", "will", "reopen", ",", "Jane", "Roe", "say", "."],
    ents=[(5, 7, "PERSON")],
)

# "According to the ministry, the border will stay closed."
ACCORDING = dict(
    words=["According", "to", "the", "ministry", ",", "the", "border", "will", "stay", "closed", "."],
    heads=[8, 0, 3, 1, 8, 6, 8, 8, 8, 8, 8],
    deps=["prep", "prep", "det", "pobj", "punct", "det", "nsubj", "aux", "ROOT", "acomp", "punct"],
    pos=["VERB", "ADP", "DET", "NOUN", "PUNCT", "DET", "NOUN", "AUX", "VERB", "ADJ", "PUNCT"],
    lemmas=["accord", "to", "the", "ministry", ",", "the", "border", "will", "stay", "closed", "."],
)

# '"We are ready," Jane Roe said.'
MARKED = dict(
    words=['"', "We", "are", "ready", ",", '"', "Jane", "Roe", "said", "."],
    spaces=[False, True, True, False, False, True, True, True, False, False],
    heads=[8, 2, 8, 2, 8, 8, 7, 8, 8, 8],
    deps=["punct", "nsubj", "ccomp", "acomp", "punct", "punct", "compound", "nsubj", "ROOT", "punct"],
    pos=["PUNCT", "PRON", "AUX", "ADJ", "PUNCT", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"],
    lemmas=['"', "we", "be", "ready", ",", '"', "Jane", "Roe", "say", "."],
    ents=[(6, 8, "PERSON")],
)

# "The said property was sold." ("said" as an adjective)
ADJECTIVE = dict(
    words=["The", "said", "property", "was", "sold", "."],
    heads=[2, 2, 4, 4, 4, 4],
    deps=["det", "amod", "nsubjpass", "auxpass", "ROOT", "punct"],
    pos=["DET", "VERB", "NOUN", "AUX", "VERB", "PUNCT"],
    lemmas=["the", "say", "property", "be", "sell", "."],
)

# "John Smith believes that prices will fall." (a belief: kept only with acts all)
BELIEF = dict(
    words=["John", "Smith", "believes", "that", "prices", "will", "fall", "."],
    heads=[1, 2, 2, 6, 6, 6, 2, 2],
    deps=["compound", "nsubj", "ROOT", "mark", "nsubj", "aux", "ccomp", "punct"],
    pos=["PROPN", "PROPN", "VERB", "SCONJ", "NOUN", "AUX", "VERB", "PUNCT"],
    lemmas=["John", "Smith", "believe", "that", "price", "will", "fall", "."],
    ents=[(0, 2, "PERSON")],
)


@pytest.mark.parametrize("spec, kind, text, speaker, cue, rule", [
    (REPORTED, "indirect", "that the bridge would reopen", "Jane Roe", "said", "reported"),
    (TRAILING, "direct", "The bridge will reopen", "Jane Roe", "said", "trailing"),
    (ACCORDING, "indirect", "the border will stay closed", "ministry", "According to", "according_to"),
    (MARKED, "direct", "We are ready", "Jane Roe", "said", "marked"),
])
def test_rule(spec, kind, text, speaker, cue, rule):
    quote, = extract(parse(**spec))
    assert (quote.kind, quote.text, quote.speaker, quote.cue.text, quote.rule) == (kind, text, speaker, cue, rule)


def test_organisation_source_of_according_to():
    quote, = extract(parse(**ACCORDING))
    assert quote.speaker_type == "organization" and quote.speaker_mention.text == "the ministry"


@pytest.mark.parametrize("spec", [ADJECTIVE, BELIEF])
def test_not_speech(spec):
    assert extract(parse(**spec)) == []


def test_belief_with_acts_all():
    quote, = extract(parse(**BELIEF), acts=("all",))
    assert (quote.act, quote.speaker, quote.text) == ("belief", "John Smith", "that prices will fall")
