"""What a journalist counts (quotes/engine/counted.py), on parses built by hand: each rule that
leaves an attribution out of the default output, and the same shape it keeps."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from quotes.engine.attribution import Attribution
from quotes.engine.counted import Lines, not_counted
from quotes.lexicon import load_lexicons
from quotes.model import Span

VOCAB = spacy.blank("en").vocab


def parse(words, heads, deps, pos, lemmas, tags=None, spaces=None):
    return Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
               tags=tags or [""] * len(words))


def attribution(doc, content, cue, source, rule, marked=False):
    """An attribution over token ranges: ``content`` (lo, hi) inclusive, ``cue`` a token index,
    ``source`` token indices."""
    lo, hi = content
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    tok = doc[cue]
    return Attribution(start, end, Span(tok.text, tok.idx, tok.idx + len(tok)), [doc[i] for i in source],
                       "speech", rule, marked=marked)


def why(doc, att, stripped=False):
    return not_counted(att, doc, 0, Lines(doc.text), load_lexicons(), stripped)


# "Prices rose to 7,078 . The index added 10 points ." (a number before: "added" is no saying)
OTHER_SENTENCE = dict(
    words=["Prices", "rose", "to", "7,078", ".", "The", "index", "added", "10", "points", "."],
    heads=[1, 1, 1, 2, 1, 6, 7, 7, 9, 7, 7],
    deps=["nsubj", "ROOT", "prep", "pobj", "punct", "det", "nsubj", "ROOT", "nummod", "dobj", "punct"],
    pos=["NOUN", "VERB", "ADP", "NUM", "PUNCT", "DET", "NOUN", "VERB", "NUM", "NOUN", "PUNCT"],
    lemmas=["price", "rise", "to", "7,078", ".", "the", "index", "add", "10", "point", "."],
)

# "Prices rose to 7,078 , the index said ."
SAME_SENTENCE = dict(
    words=["Prices", "rose", "to", "7,078", ",", "the", "index", "said", "."],
    heads=[1, 7, 1, 2, 7, 6, 7, 7, 7],
    deps=["nsubj", "ccomp", "prep", "pobj", "punct", "det", "nsubj", "ROOT", "punct"],
    pos=["NOUN", "VERB", "ADP", "NUM", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
    lemmas=["price", "rise", "to", "7,078", ",", "the", "index", "say", "."],
)

# "Councillor Jane Roe told reporters the law is unfair ." misread as a trailing quote of its subject
SUBJECT = dict(
    words=["Councillor", "Jane", "Roe", "told", "reporters", "the", "law", "is", "unfair", "."],
    heads=[2, 2, 3, 3, 3, 6, 7, 3, 7, 3],
    deps=["compound", "compound", "nsubj", "ROOT", "dative", "det", "nsubj", "ccomp", "acomp", "punct"],
    pos=["PROPN", "PROPN", "PROPN", "VERB", "NOUN", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
    lemmas=["councillor", "Jane", "Roe", "tell", "reporter", "the", "law", "be", "unfair", "."],
)


def test_trailing_content_in_another_sentence_is_not_counted_in_marked_text():
    doc = parse(**OTHER_SENTENCE)
    att = attribution(doc, (0, 3), 7, [5, 6], "trailing")
    assert why(doc, att) == "no trailing attribution"
    assert why(doc, att, stripped=True) is None  # without marks, "Why? he asked." is a quote


def test_trailing_content_after_a_comma_is_counted():
    doc = parse(**SAME_SENTENCE)
    assert why(doc, attribution(doc, (0, 3), 7, [5, 6], "trailing")) is None


def test_the_subject_of_a_cue_is_no_trailing_quote():
    doc = parse(**SUBJECT)
    assert why(doc, attribution(doc, (0, 2), 3, [2], "trailing")) == "no trailing attribution"
    assert why(doc, attribution(doc, (5, 8), 3, [0, 1, 2], "reported")) is None


def test_trailing_without_a_source_is_not_counted():
    doc = parse(**SAME_SENTENCE)
    att = attribution(doc, (0, 3), 7, [5, 6], "trailing")
    att.source = None
    assert why(doc, att) == "nobody named"


# "Jane Roe did not say the law is unfair ."
NEGATED = dict(
    words=["Jane", "Roe", "did", "not", "say", "the", "law", "is", "unfair", "."],
    heads=[1, 4, 4, 4, 4, 6, 7, 4, 7, 4],
    deps=["compound", "nsubj", "aux", "neg", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
    pos=["PROPN", "PROPN", "AUX", "PART", "VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
    lemmas=["Jane", "Roe", "do", "not", "say", "the", "law", "be", "unfair", "."],
)


@pytest.mark.parametrize("word, dep, reason", [
    ("not", "neg", "negated cue"),
    ("will", "aux", "cue not yet said"),
    ("than", "mark", "comparison"),
    ("to", "aux", "infinitive cue"),
    ("then", "advmod", None),  # "Jane Roe did then say ...": said
])
def test_sayings_that_did_not_happen(word, dep, reason):
    spec = {k: list(v) for k, v in NEGATED.items()}
    spec["words"][3], spec["deps"][3], spec["lemmas"][3] = word, dep, word
    if word == "to":  # "... waited to say the law is unfair": no subject of its own
        spec["deps"][1], spec["heads"][1] = "dep", 2
    doc = parse(**spec)
    assert why(doc, attribution(doc, (5, 8), 4, [0, 1], "reported")) == reason


@pytest.mark.parametrize("words, tags, counted", [
    (["Reports"], ["NNS"], False),
    (["City", "documents"], ["NN", "NNS"], False),
    (["The", "reports"], ["DT", "NNS"], True),
    (["A", "belief"], ["DT", "NN"], False),
    (["Their", "belief"], ["PRP$", "NN"], True),
])
def test_hearsay_sources(words, tags, counted):
    n = len(words)
    head = n - 1
    rest = ["say", "the", "law", "is", "unfair", "."]
    lemma = {"Reports": "report", "documents": "document", "reports": "report", "belief": "belief"}
    doc = parse(words=words + rest,
                heads=[head] * (n - 1) + [n] + [n, n + 2, n + 3, n, n + 3, n],
                deps=[("det" if t in ("DT", "PRP$") and w.lower() != "their" else "poss" if w == "Their" else "compound")
                      for w, t in zip(words[:-1], tags[:-1])] + ["nsubj", "ROOT", "det", "nsubj", "ccomp", "acomp", "punct"],
                pos=["DET" if t in ("DT", "PRP$") else "NOUN" for t in tags] + ["VERB", "DET", "NOUN", "AUX", "ADJ", "PUNCT"],
                lemmas=[lemma.get(w, w.lower()) for w in words] + ["say", "the", "law", "be", "unfair", "."],
                tags=tags + ["VBP", "DT", "NN", "VBZ", "JJ", "."])
    att = attribution(doc, (n + 1, n + 4), n, list(range(n)), "reported")
    assert (why(doc, att) is None) == counted


def test_hearsay_lexicon_is_validated(tmp_path):
    from quotes.lexicon import LexiconError, use_lexicon_dir
    (tmp_path / "hearsay_sources.tsv").write_text("rumour\tsometimes\n", encoding="utf-8")
    try:
        with pytest.raises(LexiconError, match=r"hearsay_sources.tsv:1: when must be bare or unowned"):
            use_lexicon_dir(tmp_path)
    finally:
        use_lexicon_dir(None)


@pytest.mark.parametrize("content, message", [
    ("unreal_auxiliaries\twould\n", r"engine_words.tsv:1: unknown list 'unreal_auxiliaries'"),
    ("# c\nunreal_auxiliary\tWould\n", r"engine_words.tsv:2: 'Would' is not one lowercase word"),
    ("negation\tnever\nnegation\tnever\n", r"engine_words.tsv:2: duplicate entry"),
])
def test_engine_words_are_validated(tmp_path, content, message):
    from quotes.lexicon import LexiconError, use_lexicon_dir
    (tmp_path / "engine_words.tsv").write_text(content, encoding="utf-8")
    try:
        with pytest.raises(LexiconError, match=message):
            use_lexicon_dir(tmp_path)
    finally:
        use_lexicon_dir(None)


def test_engine_words_extend(tmp_path):
    """A user's own words join a list: "wouldst" makes a saying unreal too; "won't" is one word."""
    from quotes.lexicon import use_lexicon_dir
    (tmp_path / "engine_words.tsv").write_text("unreal_auxiliary\twouldst\n", encoding="utf-8")
    try:
        use_lexicon_dir(tmp_path)
        words = load_lexicons().engine_words
        assert "wouldst" in words["unreal_auxiliary"] and "will" in words["unreal_auxiliary"]
        assert "won't" in words["voice_or_tense"]
    finally:
        use_lexicon_dir(None)
