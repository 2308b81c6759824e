"""Parse less: the tokenizer everywhere, the entity recognizer on every sentence that may name
someone, the rest of the pipeline only on the paragraphs where a quote can be read.

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

The entity recognizer reads the sentences with a capital (other than a stop word opening the
sentence), a digit or a number word, with four tokens of context either side; a sentence of
lower-case words ("he said the plan was dead.") has no person, place or organisation in it.
The attribute ruler and the lemmatizer give the same annotations as spaCy's, kept per distinct
token (see ``memo``).

A pipeline whose entity recognizer listens to a shared embedding (a transformer) gains nothing
from this and is parsed in full, as is any pipeline without an entity recognizer.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Iterable, Iterator
from functools import lru_cache

import numpy
from spacy.attrs import DEP, HEAD, IS_PUNCT, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, SENT_START, SPACY, TAG
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.lang.en.lex_attrs import like_num as _like_num
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..lexicon import Lexicons, lexicon_cache, load_lexicons
from ..model import ACTS
from .memo import memoised

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


_breaks: dict[int, bool] = {}


def _is_break(orth: int, strings) -> bool:
    """Whether the token of this form is white space holding a line break."""
    found = _breaks.get(orth)
    if found is None:
        text = strings[orth]
        found = _breaks[orth] = bool(text) and text.isspace() and "\n" in text
    return found


def paragraphs(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the paragraphs; a line break goes with the paragraph before it."""
    ranges = []
    start = 0
    strings = doc.vocab.strings
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if _is_break(orth, strings):
            ranges.append((start, i + 1))
            start = i + 1
    if start < len(doc):
        ranges.append((start, len(doc)))
    return ranges


def to_parse(doc: Doc, forms: frozenset[str], text: str | None = None) -> list[tuple[int, int]]:
    """Token ranges to parse in full: runs of paragraphs that can hold a quote. ``text``: the
    Doc's text when the caller has it (``Doc.text`` joins it anew from the tokens)."""
    runs: list[tuple[int, int]] = []
    if not len(doc):
        return runs
    text = doc.text if text is None else text
    cues = [0, *itertools.accumulate(map(_form_ids(forms).__contains__, doc.to_array(LOWER).tolist()))]
    for start, end in paragraphs(doc):
        last = doc[end - 1]
        if not (cues[end] > cues[start] or SIGNS.search(text, doc[start].idx, last.idx + len(last))):
            continue
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs


@lru_cache(maxsize=16)
def _form_ids(forms: frozenset[str]) -> frozenset[int]:
    """The hashes of the word forms (as spaCy stores a token's lower-case form) in a set made once
    per lexicon: a lookup costs the same for ten forms or a million (200,000 cue verbs cost 0.75 s a document)."""
    return frozenset(get_string_id(form) for form in forms)


def _pieces(docs: list[Doc], runs: list[tuple[int, int, int]]) -> list[Doc]:
    """A new Doc of the tokens ``docs[k][start:end]`` for each run ``(k, start, end)``, with
    the words, spaces and norms the models read and the sentence starts (the entity recognizer
    keeps entities inside sentences), nothing else: ``Span.as_doc`` copies the whole Doc to an
    array and averages word vectors for every piece."""
    pieces = []
    columns: dict[int, tuple[list[str], list[bool], numpy.ndarray]] = {}
    for k, start, end in runs:
        if k not in columns:
            doc = docs[k]
            array = doc.to_array([ORTH, SPACY, NORM, SENT_START])
            strings = doc.vocab.strings
            columns[k] = ([strings[o] for o in array[:, 0].tolist()], [bool(x) for x in array[:, 1].tolist()],
                          array[:, 2:4].copy())
        words, spaces, norms = columns[k]
        piece = Doc(docs[k].vocab, words=words[start:end], spaces=spaces[start:end])
        if end > start:
            values = norms[start:end].copy()
            if values[0, 1]:
                values[0, 1] = 1  # a piece starts a sentence
            piece.from_array([NORM, SENT_START], values)
        pieces.append(piece)
    return pieces


def _signed(value: int) -> int:
    """A 64-bit hash as the signed integer of the same bits."""
    return value - (1 << 64) if value >= 1 << 63 else value


def _flat_trees(doc: Doc, array: numpy.ndarray, parsed: numpy.ndarray, starts: list[bool]) -> None:
    """Heads and labels for the tokens left unparsed: each sentence (and each paragraph) a flat
    tree under its first token, spaces kept with the sentence before them; personal pronouns
    PRON."""
    dep, root, pron = (_signed(doc.vocab.strings.add(s)) for s in ("dep", "ROOT", "PRON"))
    head_column, dep_column, pos_column = ATTRS.index(HEAD), ATTRS.index(DEP), ATTRS.index(POS)
    strings = doc.vocab.strings
    pronouns = _pronoun_ids()
    first = None
    pending = False  # a sentence starts at the next word (after spaces, after a line break)
    rows = doc.to_array([ORTH, LOWER, IS_SPACE]).tolist()
    left = numpy.flatnonzero(~parsed).tolist()  # the tokens left unparsed
    heads, deps, pronoun_at = [], [], []
    before = -2
    for i in left:
        if i != before + 1:  # parsed tokens came between
            first = None
        before = i
        orth, lower, space = rows[i]
        if space and first is not None:  # spaces end the sentence before them
            pending = pending or starts[i] or _is_break(orth, strings)
        elif first is None or starts[i] or pending:
            first, pending = i, False
        heads.append(first - i)
        deps.append(root if i == first else dep)
        if lower in pronouns:
            pronoun_at.append(i)
    array[left, head_column] = heads
    array[left, dep_column] = deps
    array[pronoun_at, pos_column] = pron


@lru_cache(maxsize=1)
def _pronoun_ids() -> frozenset[int]:
    return frozenset(get_string_id(word) for word in PERSONAL_PRONOUNS)


@lru_cache(maxsize=4)
def _parsers(nlp: Language) -> list:
    """The pipeline's components but the entity recognizer, its rule components memoised (kept
    per process, so that what they learn serves every later document)."""
    return [(name, memoised(name, component)) for name, component in nlp.pipeline if name != "ner"]


def parse_less(nlp: Language, texts: Iterable[str], acts: Collection[str],
               batch_size: int = 32) -> Iterator[Doc]:
    """A Doc for each text: entities everywhere, the full parse where a quote can be read."""
    forms = _forms(nlp, tuple(sorted(acts)))
    parsers = _parsers(nlp)
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
    runs = [(k, start, end) for k, (doc, text) in enumerate(zip(docs, texts)) for start, end in to_parse(doc, forms, text)]
    pieces = _pieces(docs, runs)
    # one minibatch for the whole group, as spaCy alone has for its documents: the pieces are
    # paragraphs and sentences, many more than the documents, and each minibatch costs the
    # models' layers a round of Python
    for _, component in parsers:
        pieces = list(component.pipe(pieces, batch_size=max(batch_size, len(pieces))))
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
    return recognise(ner, docs, batch_size)


# What a sentence needs for the entity recognizer to run on it: a word that names something.
NAMES_NOTHING, NAMES_IF_INSIDE, NAMES = 0, 1, 2
_names_cache: dict[str, int] = {}


def names(word: str) -> int:
    """Whether ``word`` may be (part of) a name or a number: a digit or a number word ("two",
    "first"), or a capital. A capitalised stop word ("The", "He", "US") counts only inside a
    sentence; the pronoun "I" not at all."""
    found = _names_cache.get(word)
    if found is None:
        if any(c.isdigit() for c in word) or _like_num(word):
            found = NAMES
        elif word == "I" or not word[:1].isupper():
            found = NAMES_NOTHING
        elif word.lower() in STOP_WORDS:
            found = NAMES_IF_INSIDE
        else:
            found = NAMES
        _names_cache[word] = found
    return found


def to_recognise(doc: Doc, margin: int = 0) -> list[tuple[int, int]]:
    """Token ranges for the entity recognizer: runs of sentences that may name something (a
    sentence of lower-case words, "he said the plan was dead.", has no entity the rules read),
    spaces left out at their ends; runs closer than ``margin`` tokens make one."""
    runs: list[tuple[int, int]] = []
    strings = doc.vocab.strings
    rows = doc.to_array([ORTH, SENT_START, IS_PUNCT, IS_SPACE]).tolist()
    starts = [i for i, row in enumerate(rows) if i == 0 or row[1] == 1] + [len(rows)]
    for start, end in zip(starts, starts[1:]):
        first = True
        for orth, _, punct, space in rows[start:end]:
            if punct or space:
                continue
            found = _names_orth(orth, strings)
            if found == NAMES or (found == NAMES_IF_INSIDE and not first):
                break
            first = False
        else:
            continue
        while end > start and rows[end - 1][3]:
            end -= 1
        while start < end and rows[start][3]:
            start += 1
        if runs and start - runs[-1][1] <= margin:
            runs[-1] = (runs[-1][0], end)
        elif start < end:
            runs.append((start, end))
    return runs


_names_of_orth: dict[int, int] = {}


def _names_orth(orth: int, strings) -> int:
    found = _names_of_orth.get(orth)
    if found is None:
        found = _names_of_orth[orth] = names(strings[orth])
    return found


# Tokens of context on each side of what the entity recognizer reads: its token vectors see
# four tokens either way (on PolNeAR dev two already give the whole Doc's people, places and
# organisations; none gives 20 of them other labels at the cuts).
NER_MARGIN = 4


def recognise(ner, docs: list[Doc], batch_size: int, margin: int = NER_MARGIN) -> list[Doc]:
    """The entity recognizer over each Doc's sentences that may name something, with ``margin``
    tokens of context either side; every other token is outside any entity."""
    runs = [(k, start, end) for k, doc in enumerate(docs) for start, end in to_recognise(doc, 2 * margin)]
    windows = [(max(0, start - margin), min(len(docs[k]), end + margin)) for k, start, end in runs]
    whole = {k for (k, _, _), (a, b) in zip(runs, windows) if a == 0 and b == len(docs[k])}
    cut = [(k, a, b) for (k, _, _), (a, b) in zip(runs, windows) if k not in whole]
    copies = iter(_pieces(docs, cut))
    pieces = [docs[k] if k in whole else next(copies) for k, _, _ in runs]
    found: dict[int, list] = {}
    for (k, start, end), (a, _), piece in zip(runs, windows, ner.pipe(pieces, batch_size=max(batch_size, len(pieces)))):
        if k in whole:
            continue
        kept = found.setdefault(k, [])
        for e in piece.ents:
            if start <= a + e.start < end and not (kept and kept[-1].end > a + e.start):
                kept.append(Span(docs[k], a + e.start, a + e.end, label=e.label))
    for k, doc in enumerate(docs):
        if k not in whole:
            doc.set_ents(found.get(k, []), default="outside")
    return docs
