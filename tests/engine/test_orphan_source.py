"""The source of a cue the parser left without a subject (speakers.orphan_source), on parses
built by hand."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from quotes.engine.speakers import orphan_source

VOCAB = spacy.blank("en").vocab


def parse(words, heads, deps, pos):
    return Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos)


def test_participle_takes_the_subject_of_its_verb():
    # "Jane Roe spoke , adding that it rained ."
    doc = parse(["Jane", "Roe", "spoke", ",", "adding", "that", "it", "rained", "."],
                [1, 2, 2, 2, 2, 7, 7, 4, 2],
                ["compound", "nsubj", "ROOT", "punct", "advcl", "mark", "nsubj", "ccomp", "punct"],
                ["PROPN", "PROPN", "VERB", "PUNCT", "VERB", "SCONJ", "PRON", "VERB", "PUNCT"])
    assert [t.text for t in orphan_source(doc[4])] == ["Jane", "Roe"]


def test_a_misread_name_before_the_cue_is_the_source():
    # '" We won , " Roe said .' with "Roe" read as an auxiliary
    doc = parse(['"', "We", "won", ",", '"', "Roe", "said", "."],
                [6, 2, 6, 6, 6, 6, 6, 6],
                ["punct", "nsubj", "ccomp", "punct", "punct", "aux", "ROOT", "punct"],
                ["PUNCT", "PRON", "VERB", "PUNCT", "PUNCT", "PROPN", "VERB", "PUNCT"])
    assert [t.text for t in orphan_source(doc[6])] == ["Roe"]


def test_no_source_is_made_up():
    # "It is already being cited ." : nobody cites it in the sentence
    doc = parse(["It", "is", "already", "being", "cited", "."],
                [4, 4, 4, 4, 4, 4],
                ["nsubjpass", "aux", "advmod", "auxpass", "ROOT", "punct"],
                ["PRON", "AUX", "ADV", "AUX", "VERB", "PUNCT"])
    assert orphan_source(doc[4]) is None
    # "Asked , the mayor Roe said ..." : a name inside a clause is no source of a cue after it
    doc = parse(["the", "mayor", "Roe", "said", "."], [2, 2, 3, 3, 3],
                ["det", "compound", "dep", "ROOT", "punct"], ["DET", "NOUN", "PROPN", "VERB", "PUNCT"])
    assert orphan_source(doc[3]) is None
