"""The rule components of a spaCy pipeline, memoised: the same annotations, token for token,
for a fraction of the time. ``selective`` runs them on the paragraphs it parses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import numpy
import spacy.attrs
from spacy.attrs import LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.strings import get_string_id
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# spaCy's attribute ruler runs its Matcher over every token with all of its patterns (179 in the
# small English pipeline) and its lemmatizer works token by token in Python: together about a
# fifth of the parse. Both are functions of a few token attributes, so their answers are kept
# per distinct key and written back as arrays; the result is the same, token for token.

# Token attributes a single-token pattern may test for it to be memoised, as the Matcher reads them.
_MEMO_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE", "POS")
_WRITTEN = (POS, TAG, MORPH, LEMMA)
# Rows of token values kept at most (about 30 MB): the canonical keys above stay few, the rows
# grow with the vocabulary of a long run.
_MAX_ROWS = 200_000


def _memoisable(pattern: list[dict]) -> bool:
    """A one-token pattern testing only ``_MEMO_KEYS`` by value, IN, NOT_IN or REGEX."""
    if len(pattern) != 1:
        return False
    for key, value in pattern[0].items():
        if key not in _MEMO_KEYS:
            return False
        if isinstance(value, dict) and not set(value) <= {"IN", "NOT_IN", "REGEX"}:
            return False
        if isinstance(value, dict) and "REGEX" in value and not isinstance(value["REGEX"], str):
            return False
    return True


def _anchor(pattern: list[dict]) -> tuple[int, numpy.ndarray] | None:
    """Where a pattern of fixed length names its word (``{"LOWER": "gon"}`` or ``{"LOWER":
    {"IN": [...]}}``) and the hashes of the words, or None."""
    if any("OP" in token for token in pattern):
        return None
    for place, token in enumerate(pattern):
        value = token.get("LOWER")
        words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None
        if words and all(isinstance(word, str) for word in words):
            return place, numpy.array([get_string_id(word) for word in words], dtype="uint64")
    return None


class MemoAttributeRuler:
    """The pipeline's attribute ruler with the answers of its one-token patterns kept per key
    (tag, dependency, space flag, part of speech, and the lower-case form where a pattern names
    it); patterns over several tokens, or testing anything else, still go through a Matcher.
    Rules are applied in the ruler's own order, so each token ends as the ruler leaves it."""

    def __init__(self, ruler) -> None:
        from spacy.matcher import Matcher

        self.ruler = ruler
        vocab = ruler.vocab
        self.single = Matcher(vocab, validate=False)
        self.multi = Matcher(vocab, validate=False)
        self.has_multi = False
        # patterns over several tokens with a word at a fixed place (["gon", "na"]): matched
        # only where that word is, (matcher, length, place, the word's hashes)
        self.anchored: list[tuple] = []
        named: dict[str, set[str]] = {key: set() for key in _MEMO_KEYS}
        regexes: dict[str, list[re.Pattern]] = {key: [] for key in _MEMO_KEYS}
        for attr_id, index in enumerate(ruler.indices):
            key = str(attr_id)
            _, patterns = ruler.matcher.get(vocab.strings[key])
            single = [p for p in patterns if _memoisable(p) and index in (0, -1)]
            multi = [p for p in patterns if not (_memoisable(p) and index in (0, -1))]
            if single:
                self.single.add(key, single)
                for token in (t for p in single for t in p):
                    for name, value in token.items():
                        if isinstance(value, dict):
                            named[name].update(str(v) for v in value.get("IN", []) + value.get("NOT_IN", []))
                            if "REGEX" in value:
                                regexes[name].append(re.compile(value["REGEX"]))
                        else:
                            named[name].add(str(value))
            for pattern in multi:
                anchor = _anchor(pattern)
                if anchor is None:
                    self.multi.add(key, [pattern])
                    self.has_multi = True
                else:
                    matcher = Matcher(vocab, validate=False)
                    matcher.add(key, [pattern])
                    self.anchored.append((matcher, len(pattern), *anchor))
        # Of each attribute, the values some pattern names and the regexes it is tested by:
        # a value named by no pattern is told apart from another only by the regexes.
        self.named = {name: frozenset(values) for name, values in named.items()}
        self.regexes = {name: tuple(found) for name, found in regexes.items()}
        self.names = list(_MEMO_KEYS)
        self.attrs = [getattr(spacy.attrs, name) for name in self.names]
        self.canonical: list[dict[int, object]] = [{} for _ in self.names]
        self.hits: dict[tuple, tuple[int, ...]] = {}
        self.rows: dict[tuple[int, ...], tuple[int, ...]] = {}
        self.settings: dict[tuple[int, ...], tuple] = {}

    def _canonical(self, column: int, value: int, strings) -> object:
        """What the memoised patterns can tell of an attribute's value (a hash, or a flag)."""
        found = self.canonical[column].get(value)
        if found is None:
            name = self.names[column]
            if name == "IS_SPACE":
                found = bool(value)
            else:
                text = strings[value] if value else ""
                found = text if text in self.named[name] else (None, tuple(bool(rx.search(text)) for rx in self.regexes[name]))
            self.canonical[column][value] = found
        return found

    def _hits(self, doc: Doc) -> list[tuple[int, ...]]:
        """For each token, the ruler's rules (ids) its one-token patterns match: kept per row of
        the token's values as well, so that a row seen before costs one look-up."""
        strings = doc.vocab.strings
        rows = self.rows
        found = []
        for i, row in enumerate(map(tuple, doc.to_array(self.attrs).tolist())):
            ids = rows.get(row)
            if ids is None:
                key = tuple(self._canonical(column, value, strings) for column, value in enumerate(row))
                ids = self.hits.get(key)
                if ids is None:
                    ids = () if not len(self.single) else tuple(sorted(
                        {int(strings[m]) for m, _, _ in self.single(doc[i : i + 1], allow_missing=True)}))
                    self.hits[key] = ids
                if len(rows) >= _MAX_ROWS:  # a long run meets new words for ever: start again
                    rows.clear()
                rows[row] = ids
            found.append(ids)
        return found

    def _plan(self, ids: tuple[int, ...]) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
        """What the rules ``ids`` set, in their order: ``(column of _WRITTEN, value)`` pairs, and
        ``(attribute, value)`` pairs for the attributes outside those columns."""
        found = self.settings.get(ids)
        if found is None:
            setting: dict[int, int] = {}
            for attr_id in ids:
                setting.update(self.ruler.attrs[attr_id])
            written = tuple((_WRITTEN.index(attr), value) for attr, value in setting.items() if attr in _WRITTEN)
            rest = tuple((attr, value) for attr, value in setting.items() if attr not in _WRITTEN)
            found = self.settings[ids] = (written, rest)
        return found

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        extra: dict[int, set[int]] = {}
        strings = doc.vocab.strings

        def note(match_id: int, start: int, end: int) -> None:
            attr_id = int(strings[match_id])
            index = self.ruler.indices[attr_id]
            target = doc[start:end][index].i  # an index out of the span raises, as in spaCy
            extra.setdefault(target, set()).add(attr_id)

        if self.has_multi:
            for match_id, start, end in self.multi(doc, allow_missing=True):
                note(match_id, start, end)
        if self.anchored:
            lowers = doc.to_array(LOWER)
            for matcher, length, place, words in self.anchored:
                for i in numpy.flatnonzero(numpy.isin(lowers, words)).tolist():
                    start = i - place
                    if 0 <= start and start + length <= len(doc):
                        for match_id, a, b in matcher(doc[start : start + length], allow_missing=True):
                            note(match_id, start + a, start + b)
        array = doc.to_array(list(_WRITTEN))
        # the values each column is given, with their tokens, written as one array per column
        given: list[tuple[list[int], list[int]]] = [([], []) for _ in _WRITTEN]
        others: list[tuple[int, dict]] = []
        for i, ids in enumerate(self._hits(doc)):
            if i in extra:
                ids = tuple(sorted(set(ids) | extra[i]))
            if not ids:
                continue
            written, rest = self._plan(ids)
            for column, value in written:
                given[column][0].append(i)
                given[column][1].append(value)
            others += [(i, {attr: value}) for attr, value in rest]
        for column, (tokens, values) in enumerate(given):
            if tokens:
                array[tokens, column] = numpy.array(values, dtype=array.dtype)
        doc.from_array(list(_WRITTEN), array)
        for i, setting in others:
            set_token_attrs(doc[i], setting)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class MemoLemmatizer:
    """The pipeline's rule or lookup lemmatizer with its lemma kept per (form, part of speech,
    morphology), on which its answer depends alone."""

    def __init__(self, lemmatizer) -> None:
        if not lemmatizer._validated:
            lemmatizer._validate_tables()
        self.lemmatizer = _with_index_sets(lemmatizer)
        self.lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        lemmatizer = self.lemmatizer
        array = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(array.tolist()):
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                found = strings.add(lemmatizer.lemmatize(doc[i])[0])
                self.lemmas[key] = found
            array[i, 3] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], array[:, 3:4].copy())
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _with_index_sets(lemmatizer):
    """A copy of ``lemmatizer`` whose index of known lemmas holds sets: spaCy's tables hold
    lists (57,000 nouns) that the rules test each candidate form against one by one."""
    import copy

    from spacy.lookups import Lookups

    if "lemma_index" not in lemmatizer.lookups.tables:
        return lemmatizer
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        table = lemmatizer.lookups.get_table(name)
        if name == "lemma_index":
            lookups.add_table(name, {key: frozenset(value) for key, value in table.items()})
        else:
            lookups.set_table(name, table)
    clone = copy.copy(lemmatizer)
    clone.lookups = lookups
    clone.cache = {}
    clone.lemmatize = getattr(clone, f"{clone.mode}_lemmatize")  # bound to the copy, not the original
    return clone


def memoised(name: str, component):
    """``component`` or its memoised stand-in (the attribute ruler, a rule or lookup lemmatizer
    of spaCy's own classes)."""
    from spacy.lang.en.lemmatizer import EnglishLemmatizer
    from spacy.pipeline import AttributeRuler, Lemmatizer

    if type(component) is AttributeRuler:
        return MemoAttributeRuler(component)
    if type(component) in (Lemmatizer, EnglishLemmatizer) and component.mode in ("rule", "lookup"):
        return MemoLemmatizer(component)
    return component
