"""Parse less: the tokenizer and NER on every paragraph, the rest of the pipeline only on the
paragraphs where a quote can be read.

spaCy's small English pipeline runs its entity recognizer on token vectors of its own; the
tagger, parser, attribute ruler and lemmatizer are needed only where a cue can be read. A
paragraph gets them when it holds a quotation mark, a colon, a dash, the word "that" (which
opens a reported clause under words no lexicon lists), or a word form of a cue from the
lexicons (cue verbs, cue nouns, cue phrases and source nouns of the acts asked for, and the
evidential verbs with ``perception``). Neighbouring such paragraphs are parsed together,
as one text, so that a quote running over several of them is parsed as in the whole document.

Every other paragraph keeps its tokens and entities (speakers are introduced anywhere), gets
one flat tree per sentence (sentences as spaCy's rule-based sentencizer cuts them) and ``PRON``
on personal pronouns, so that the people and pronouns read there stay as they are; it has no
tags and no lemmas, and no rule finds a cue in it.

A pipeline whose entity recognizer listens to a shared embedding (a transformer) gains nothing
from this and is parsed in full, as is any pipeline without an entity recognizer.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator

import numpy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from ..lexicon import Lexicons, lexicon_cache, load_lexicons
from ..model import ACTS

# What a paragraph needs besides a cue word to be parsed: quotation marks (straight, curly,
# guillemets, low-9), a colon (``X: ...``, transcript turns, headlines), a dash (``- Jane Roe:``).
SIGNS = re.compile(r"[\"\u201c\u201d\u201e\u00ab\u00bb:\u2013\u2014]| - ")
# ... or the word that opens a reported clause under a word no lexicon lists ("X is confident
# that ...", "X quipped that ...").
CLAUSE_WORDS = frozenset({"that"})
# Personal pronouns are PRON whatever the sentence: the tagger would say so too.
PERSONAL_PRONOUNS = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours", "you", "your", "yours",
                               "he", "him", "his", "she", "her", "hers", "it", "its", "they", "them",
                               "their", "theirs"})
ATTRS = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
_VOWELS = frozenset("aeiou")


def inflections(lemma: str) -> set[str]:
    """The regular inflected forms of an English verb or noun (``say`` -> ``says``, ``saying``,
    ``sayed``): a superset is harmless, a form left out costs a parse that was needed."""
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and len(lemma) > 1 and lemma[-2] not in _VOWELS:
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "es", lemma + "ed", lemma + "ing"}
        if (len(lemma) >= 3 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS
                and lemma[-3] not in _VOWELS):  # admit -> admitted, admitting
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


def cue_forms(lex: Lexicons, acts: Collection[str], irregular: dict[str, list[str]] | None = None) -> frozenset[str]:
    """Lower-case word forms that may be a cue of one of ``acts`` (names from ``model.ACTS``).

    ``irregular`` maps irregular forms to their lemmas (``said`` -> ``say``), as the pipeline's
    lemmatizer tables do.
    """
    lemmas = {lemma for lemma, cue in lex.cue_verbs.items() if cue.act in acts}
    lemmas |= {lemma for lemma, act in lex.cue_nouns.items() if act in acts}
    lemmas |= {lemma for lemma, act in lex.source_nouns.items() if act in acts}
    if "perception" in acts:
        lemmas |= set(lex.evidential_verbs)
    forms: set[str] = set()
    for lemma in lemmas:
        for word in lemma.split():
            forms |= inflections(word)
    # the content words of cue phrases ("according to", "in a statement")
    forms |= {word for phrase, act in lex.cue_phrases.items() if act in acts for word in phrase if len(word) > 3}
    forms |= CLAUSE_WORDS
    for form, its_lemmas in (irregular or {}).items():
        if lemmas.intersection(its_lemmas):
            forms.add(form)
    return frozenset(forms)


def _irregular(nlp: Language) -> dict[str, list[str]]:
    """Irregular verb and noun forms from the pipeline's rule lemmatizer, if it has tables."""
    found: dict[str, list[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return found
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")
    except (AttributeError, KeyError):
        return found
    for pos in ("verb", "noun"):
        if pos in table:
            for form, lemmas in table[pos].items():
                found.setdefault(form, []).extend(lemmas)
    return found


@lexicon_cache(maxsize=8)
def _forms(nlp: Language, acts: tuple[str, ...]) -> frozenset[str]:
    return cue_forms(load_lexicons(), ACTS if "all" in acts else acts, _irregular(nlp))


def applies(nlp: Language) -> bool:
    """Whether parsing less saves anything: the pipeline has an entity recognizer that needs
    no other component."""
    if "ner" not in nlp.pipe_names:
        return False
    return not any("ner" in getattr(component, "listening_components", ()) for _, component in nlp.pipeline)


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs; a line break goes with the paragraph before it."""
    ranges = []
    start = 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            ranges.append((start, token.i + 1))
            start = token.i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


def to_parse(doc: Doc, forms: frozenset[str]) -> list[tuple[int, int]]:
    """Token ranges to parse in full: runs of paragraphs that can hold a quote."""
    runs: list[tuple[int, int]] = []
    text = doc.text
    for start, end in paragraphs(doc):
        span = doc[start:end]
        if not (SIGNS.search(text, span.start_char, span.end_char) or any(t.lower_ in forms for t in span)):
            continue
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


def _signed(value: int) -> int:
    """A 64-bit hash as the signed integer of the same bits."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _flat_trees(doc: Doc, array: numpy.ndarray, parsed: numpy.ndarray, starts: list[bool]) -> None:
    """Heads and labels for the tokens left unparsed: each sentence (and each paragraph) a flat
    tree under its first token, spaces kept with the sentence before them; personal pronouns
    PRON."""
    dep, root, pron = (_signed(doc.vocab.strings.add(s)) for s in ("dep", "ROOT", "PRON"))
    head_column, dep_column, pos_column = ATTRS.index(HEAD), ATTRS.index(DEP), ATTRS.index(POS)
    first = None
    pending = False  # a sentence starts at the next word (after spaces, after a line break)
    for token in doc:
        i = token.i
        if parsed[i]:
            first = None
            continue
        if token.is_space and first is not None:  # spaces end the sentence before them
            pending = pending or starts[i] or "\n" in token.text
        elif first is None or starts[i] or pending:
            first, pending = i, False
        array[i, head_column] = first - i
        array[i, dep_column] = root if i == first else dep
        if token.lower_ in PERSONAL_PRONOUNS:
            array[i, pos_column] = pron


def parse_less(nlp: Language, texts: Iterable[str], acts: Collection[str],
               batch_size: int = 32) -> Iterator[Doc]:
    """A Doc for each text: entities everywhere, the full parse where a quote can be read."""
    forms = _forms(nlp, tuple(sorted(acts)))
    parsers = [(name, component) for name, component in nlp.pipeline if name != "ner"]
    ner = nlp.get_pipe("ner")
    sentencizer = Sentencizer()
    batch: list[str] = []
    for text in texts:
        batch.append(text)
        if len(batch) >= batch_size:
            yield from _batch(nlp, batch, forms, parsers, ner, sentencizer, batch_size)
            batch = []
    if batch:
        yield from _batch(nlp, batch, forms, parsers, ner, sentencizer, batch_size)


def _batch(nlp: Language, texts: list[str], forms: frozenset[str], parsers: list, ner, sentencizer: Sentencizer,
           batch_size: int) -> list[Doc]:
    docs = [nlp.make_doc(text) for text in texts]
    runs = [(k, start, end) for k, doc in enumerate(docs) for start, end in to_parse(doc, forms)]
    pieces = [docs[k][start:end].as_doc() for k, start, end in runs]
    for _, component in parsers:
        pieces = list(component.pipe(pieces, batch_size=batch_size))
    arrays = [numpy.zeros((len(doc), len(ATTRS)), dtype="int64") for doc in docs]
    parsed = [numpy.zeros(len(doc), dtype=bool) for doc in docs]
    for (k, start, end), piece in zip(runs, pieces):
        arrays[k][start:end] = piece.to_array(ATTRS).view("int64")
        parsed[k][start:end] = True
    rest = [k for k, doc in enumerate(docs) if not parsed[k].all()]
    starts = sentencizer.predict([docs[k] for k in rest])
    for k, sentence_starts in zip(rest, starts):
        _flat_trees(docs[k], arrays[k], parsed[k], sentence_starts)
    for doc, array in zip(docs, arrays):
        if len(doc):
            doc.from_array(ATTRS, array.view("uint64"))
    return list(ner.pipe(docs, batch_size=batch_size))
