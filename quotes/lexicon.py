"""Load and validate the lexicon files shipped in ``quotes/lexicons`` (once per process)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .model import ACTS


class LexiconError(ValueError):
    """A lexicon file holds an entry that cannot be used; the message names file and line."""


@dataclass(frozen=True)
class CueVerb:
    lemma: str
    act: str
    object_is_content: bool


@dataclass(frozen=True)
class Title:
    word: str
    gender: str | None  # "m", "f" or None
    category: str | None


@dataclass(frozen=True)
class Lexicons:
    cue_verbs: dict[str, CueVerb]
    cue_nouns: dict[str, str]
    cue_phrases: dict[tuple[str, ...], str]
    titles: dict[str, Title]
    organizations: frozenset[str]
    cue_prepositions: dict[str, frozenset[str]]
    source_nouns: dict[str, str]
    labels: frozenset[str]  # "Update:", "Q:": a colon after these names no speaker
    evidential_verbs: frozenset[str]  # "seems", "appears": how things look


def _rows(name: str, columns: int) -> list[tuple[int, list[str]]]:
    """The data rows of a lexicon file: comments and blank lines dropped, columns checked."""
    text = resources.files(__package__).joinpath("lexicons", name).read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) != columns or not all(cells):
            raise LexiconError(f"{name}:{number}: expected {columns} tab-separated fields, got {line!r}")
        rows.append((number, cells))
    return rows


def _check_act(name: str, number: int, act: str) -> str:
    if act not in ACTS:
        raise LexiconError(f"{name}:{number}: unknown act {act!r} (one of {', '.join(ACTS)})")
    return act


def _unique(name: str, number: int, key: object, seen: set) -> None:
    if key in seen:
        raise LexiconError(f"{name}:{number}: duplicate entry {key!r}")
    seen.add(key)


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    """Read every lexicon file once; raise ``LexiconError`` naming the first bad entry."""
    verbs: dict[str, CueVerb] = {}
    for number, (lemma, act, obj) in _rows("cue_verbs.tsv", 3):
        _unique("cue_verbs.tsv", number, lemma, set(verbs))
        if obj not in ("yes", "no"):
            raise LexiconError(f"cue_verbs.tsv:{number}: object_is_content must be yes or no, got {obj!r}")
        verbs[lemma] = CueVerb(lemma, _check_act("cue_verbs.tsv", number, act), obj == "yes")

    nouns: dict[str, str] = {}
    for number, (lemma, act) in _rows("cue_nouns.tsv", 2):
        _unique("cue_nouns.tsv", number, lemma, set(nouns))
        nouns[lemma] = _check_act("cue_nouns.tsv", number, act)

    phrases: dict[tuple[str, ...], str] = {}
    for number, (phrase, act) in _rows("cue_phrases.tsv", 2):
        key = tuple(phrase.lower().split())
        if len(key) < 2:
            raise LexiconError(f"cue_phrases.tsv:{number}: a phrase needs two or more words, got {phrase!r}")
        _unique("cue_phrases.tsv", number, key, set(phrases))
        phrases[key] = _check_act("cue_phrases.tsv", number, act)

    titles: dict[str, Title] = {}
    for number, (word, gender, category) in _rows("titles.tsv", 3):
        _unique("titles.tsv", number, word, set(titles))
        if gender not in ("m", "f", "-"):
            raise LexiconError(f"titles.tsv:{number}: gender must be m, f or -, got {gender!r}")
        titles[word.lower()] = Title(word.lower(), None if gender == "-" else gender,
                                     None if category == "-" else category)

    orgs = frozenset(line.lower() for _, (line,) in _rows("organizations.txt", 1))
    preps: dict[str, frozenset[str]] = {}
    for number, (lemma, words) in _rows("cue_prepositions.tsv", 2):
        _unique("cue_prepositions.tsv", number, lemma, set(preps))
        if lemma not in verbs:
            raise LexiconError(f"cue_prepositions.tsv:{number}: {lemma!r} is not in cue_verbs.tsv")
        preps[lemma] = frozenset(w.strip().lower() for w in words.split(",") if w.strip())
    sources: dict[str, str] = {}
    for number, (lemma, act) in _rows("source_nouns.tsv", 2):
        _unique("source_nouns.tsv", number, lemma, set(sources))
        sources[lemma] = _check_act("source_nouns.tsv", number, act)
    labels = frozenset(line.lower() for _, (line,) in _rows("labels.txt", 1))
    evidential = frozenset(line.lower() for _, (line,) in _rows("evidential_verbs.txt", 1))
    overlap = evidential & set(verbs)
    if overlap:
        raise LexiconError(f"evidential_verbs.txt: {sorted(overlap)} are cue verbs already")
    return Lexicons(verbs, nouns, phrases, titles, orgs, preps, sources, labels, evidential)
