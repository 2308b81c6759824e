"""Load and validate the lexicon files shipped in ``quotes/lexicons`` (once per process).

A folder of the user's own files (same names and formats) can extend them without editing the
installed package: ``use_lexicon_dir(path)`` (``--lexicon-dir`` on the command line). Its entries
are added after the built-in ones; in the word lists read here an entry for a key the package
already has (a cue verb, a title) replaces it (the gazetteer and the topics say in their own
modules what theirs may change). The choice is explicit and per process: worker processes are
given it when they start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TypeVar

from .model import ACTS
from .text import lines


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
    hearsay_sources: dict[str, str]  # "reports say": lemma -> "bare" or "unowned"
    engine_words: dict[str, frozenset[str]]  # list -> words (engine_words.tsv, load_engine_words)

# A lexicon folder may hold any built-in file (the word lists, the gazetteer's files, the topic
# taxonomy and its idioms) but the claim scorer's learned weights, which are a model, not a list.
NOT_EXTENSIBLE = ("claims_weights.json",)

_extension: dict[str, Path | None] = {"dir": None}
_caches: list[Callable[[], None]] = []
_loaders: list[Callable[[], object]] = []
F = TypeVar("F", bound=Callable)


def lexicon_cache(function: F | None = None, *, maxsize: int = 1):
    """``lru_cache`` for anything built from lexicon files, cleared when the lexicon folder changes
    (``@lexicon_cache`` or ``@lexicon_cache(maxsize=8)``)."""

    def wrap(inner: F) -> F:
        cached = lru_cache(maxsize=maxsize)(inner)
        _caches.append(cached.cache_clear)
        return cached  # type: ignore[return-value]

    return wrap(function) if function is not None else wrap


def lexicon_dir() -> str | None:
    """The folder extending the built-in lexicons in this process, or None."""
    folder = _extension["dir"]
    return None if folder is None else str(folder)


def extensible_files() -> tuple[str, ...]:
    """The names of the built-in lexicon files a lexicon folder may extend."""
    folder = resources.files("quotes").joinpath("lexicons")
    return tuple(sorted(entry.name for entry in folder.iterdir()
                        if entry.name.endswith((".txt", ".tsv", ".json")) and entry.name not in NOT_EXTENSIBLE))


def use_lexicon_dir(path: str | Path | None) -> None:
    """Extend the built-in lexicons with the files of ``path`` from now on (None: built-in only).

    Every lexicon is loaded again at once, so a bad entry fails here, not halfway through a run.

    Raises:
        LexiconError: ``path`` is not a folder, holds a file that is not an extensible lexicon
            (a misspelt name would otherwise be ignored), or a file has a bad entry (the
            message names the file and line).
    """
    folder = None if path is None else Path(path)
    if folder is not None:
        if not folder.is_dir():
            raise LexiconError(f"{folder}: not a folder of lexicon files")
        known = extensible_files()
        for entry in sorted(folder.iterdir()):
            if entry.name.startswith("."):
                continue
            if entry.name in known and not entry.is_file():  # a FIFO would block, /dev/zero never end
                raise LexiconError(f"{entry}: not a regular file")
            if not entry.is_file() or entry.name not in known:
                raise LexiconError(f"{entry}: not a lexicon file this version can extend "
                                   f"(one of {', '.join(known)})")
    _extension["dir"] = folder
    for clear in _caches:
        clear()
    if folder is not None:
        try:
            for load in _loaders:
                load()
        except LexiconError:
            use_lexicon_dir(None)
            raise


def validated_on_change(load: F) -> F:
    """Register a loader that ``use_lexicon_dir`` runs at once, so that bad files fail early."""
    _loaders.append(load)
    return load


def lexicon_texts(name: str) -> list[tuple[str, str]]:
    """``(label, text)`` of a lexicon file: the built-in one, then the extension folder's.

    The label is what error messages name: the bare file name for the built-in file, the
    path for the user's.
    """
    builtin = resources.files("quotes").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [(name, builtin), *extension_texts(name)]


def extension_texts(name: str) -> list[tuple[str, str]]:
    """``[(path, text)]`` of the lexicon folder's file ``name``, or ``[]`` when there is none."""
    folder = _extension["dir"]
    if folder is None or not (folder / name).is_file():
        return []
    path = folder / name
    try:
        return [(str(path), path.read_bytes().decode("utf-8-sig"))]
    except (OSError, UnicodeDecodeError) as err:
        raise LexiconError(f"{path}: cannot read ({err})") from None


def _rows(name: str, columns: int) -> list[tuple[str, list[str]]]:
    """The data rows of a lexicon file and its extension, each with ``file:line`` for messages:
    comments and blank lines dropped, columns checked."""
    rows = []
    for label, text in lexicon_texts(name):
        for number, line in enumerate(lines(text), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if len(cells) != columns or not all(cells):
                raise LexiconError(f"{label}:{number}: expected {columns} tab-separated fields, got {line!r}")
            rows.append((f"{label}:{number}", cells))
    return rows


def _check_act(where: str, act: str) -> str:
    if act not in ACTS:
        raise LexiconError(f"{where}: unknown act {act!r} (one of {', '.join(ACTS)})")
    return act


def _unique(where: str, key: object, seen: dict[str, set]) -> None:
    """A key may appear once per file; a later file (the user's) may replace a built-in entry."""
    in_file = seen.setdefault(where.rsplit(":", 1)[0], set())
    if key in in_file:
        raise LexiconError(f"{where}: duplicate entry {key!r}")
    in_file.add(key)


@validated_on_change
@lexicon_cache
def load_lexicons() -> Lexicons:
    """Read every lexicon file once; raise ``LexiconError`` naming the first bad entry."""
    verbs: dict[str, CueVerb] = {}
    seen: dict[str, set] = {}
    for where, (lemma, act, obj) in _rows("cue_verbs.tsv", 3):
        _unique(where, lemma, seen)
        if obj not in ("yes", "no"):
            raise LexiconError(f"{where}: object_is_content must be yes or no, got {obj!r}")
        verbs[lemma] = CueVerb(lemma, _check_act(where, act), obj == "yes")

    nouns: dict[str, str] = {}
    for where, (lemma, act) in _rows("cue_nouns.tsv", 2):
        _unique(where, lemma, seen)
        nouns[lemma] = _check_act(where, act)

    phrases: dict[tuple[str, ...], str] = {}
    for where, (phrase, act) in _rows("cue_phrases.tsv", 2):
        key = tuple(phrase.lower().split())
        if len(key) < 2:
            raise LexiconError(f"{where}: a phrase needs two or more words, got {phrase!r}")
        _unique(where, key, seen)
        phrases[key] = _check_act(where, act)

    titles: dict[str, Title] = {}
    for where, (word, gender, category) in _rows("titles.tsv", 3):
        _unique(where, word, seen)
        if gender not in ("m", "f", "-"):
            raise LexiconError(f"{where}: gender must be m, f or -, got {gender!r}")
        titles[word.lower()] = Title(word.lower(), None if gender == "-" else gender,
                                     None if category == "-" else category)

    orgs = frozenset(line.lower() for _, (line,) in _rows("organizations.txt", 1))
    preps: dict[str, frozenset[str]] = {}
    for where, (lemma, words) in _rows("cue_prepositions.tsv", 2):
        _unique(where, lemma, seen)
        if lemma not in verbs:
            raise LexiconError(f"{where}: {lemma!r} is not in cue_verbs.tsv")
        preps[lemma] = frozenset(w.strip().lower() for w in words.split(",") if w.strip())
    sources: dict[str, str] = {}
    for where, (lemma, act) in _rows("source_nouns.tsv", 2):
        _unique(where, lemma, seen)
        sources[lemma] = _check_act(where, act)
    labels = frozenset(line.lower() for _, (line,) in _rows("labels.txt", 1))
    evidential = frozenset(line.lower() for _, (line,) in _rows("evidential_verbs.txt", 1))
    overlap = evidential & set(verbs)
    if overlap:
        raise LexiconError(f"evidential_verbs.txt: {sorted(overlap)} are cue verbs already")
    hearsay: dict[str, str] = {}
    for where, (lemma, when) in _rows("hearsay_sources.tsv", 2):
        _unique(where, lemma, seen)
        if when not in ("bare", "unowned"):
            raise LexiconError(f"{where}: when must be bare or unowned, got {when!r}")
        hearsay[lemma.lower()] = when
    return Lexicons(verbs, nouns, phrases, titles, orgs, preps, sources, labels, evidential, hearsay,
                    load_engine_words())



# The word lists the engine's rules name (engine_words.tsv); a file may not add another list.
ENGINE_WORD_LISTS = ("human_pronouns", "human_nouns", "not_people_pronouns", "not_reporting_verbs",
                     "infinitive_speech_verbs", "adverbial_marks", "evidence_verbs", "tell_verbs",
                     "addressee_verbs", "bare_tell_verbs", "speaking_activity_verbs", "claim_making_verbs",
                     "question_words", "own_voice", "third_person", "impersonal", "passive_speaker_verbs",
                     "free_relative", "voiced_source", "voiced_possessive", "voice_or_tense", "title_small",
                     "unreal_auxiliary", "negation", "comparison", "infinitive", "saying_infinitive_head",
                     "definite", "writer", "pronoun_m", "pronoun_f", "subject_pronoun", "document_nouns")


@validated_on_change
@lexicon_cache
def load_engine_words() -> dict[str, frozenset[str]]:
    """The engine's word lists by name, each a set of lowercase words.

    Raises:
        LexiconError: an unknown list, a word that is not one lowercase word, a word listed
            twice in one list of a file, or a list left empty (naming file and line).
    """
    words: dict[str, set[str]] = {name: set() for name in ENGINE_WORD_LISTS}
    seen: dict[str, set] = {}
    for where, (name, word) in _rows("engine_words.tsv", 2):
        if name not in words:
            raise LexiconError(f"{where}: unknown list {name!r} (one of {', '.join(ENGINE_WORD_LISTS)})")
        if word != word.lower() or not word.replace("-", "").replace("'", "").isalpha():
            raise LexiconError(f"{where}: {word!r} is not one lowercase word")
        _unique(where, (name, word), seen)
        words[name].add(word)
    empty = [name for name, entries in words.items() if not entries]
    if empty:
        raise LexiconError(f"engine_words.tsv: no words for {', '.join(empty)}")
    return {name: frozenset(entries) for name, entries in words.items()}
