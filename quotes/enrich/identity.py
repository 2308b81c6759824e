"""Who is who across a corpus: one ``speaker_id`` per person, from names and an aliases file.

Names are compared after titles, case, diacritics and possessives are folded; a surname alone
("Roe") joins the one full name of the corpus that ends with it ("Jane Roe"), and stays apart
when the corpus holds two people of that surname. An aliases file (TSV: alias, canonical name,
optional type) says the rest: "Joseph R. Biden Jr." and "President Biden" are "Joe Biden".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..io import check_file
from ..model import SPEAKER_TYPES, Quote, printable
from ..text import fold, lines
from .annotate import clean_person_name

_NON_NAME = re.compile(r"[^\w\s-]")


class AliasError(ValueError):
    """An aliases file cannot be used; the message names the file and line."""


def name_key(name: str) -> str:
    """The comparison form of a person's or organisation's name.

    ``'President José Núñez'`` and ``'jose nunez'`` share a key.
    """
    return " ".join(_NON_NAME.sub(" ", fold(clean_person_name(name))).split())


def speaker_id(key: str) -> str:
    """The id written in records for a merged name key: ``'jane roe'`` -> ``'jane-roe'``."""
    return "-".join(key.split())


@dataclass(frozen=True)
class Aliases:
    """Names mapped to canonical names (and optionally a speaker type), by folded name."""

    canonical: dict[str, str]
    types: dict[str, str]

    def resolve(self, name: str) -> tuple[str, str | None]:
        """The canonical name of ``name`` and its type from the file (None when not given)."""
        key = name_key(name)
        target = self.canonical.get(key)
        if target is None:
            return name, None
        return target, self.types.get(name_key(target))


NO_ALIASES = Aliases({}, {})


def parse_aliases(text: str, source: str) -> Aliases:
    """Read aliases TSV text: ``alias<TAB>canonical name[<TAB>type]`` a line, ``#`` comments.

    Raises:
        AliasError: a line without two or three fields, an empty field, an unknown type, an
            alias given two canonical names, or a canonical name that is itself an alias of
            another; the message says ``source:line``.
    """
    canonical: dict[str, str] = {}
    types: dict[str, str] = {}
    where: dict[str, str] = {}
    for number, line in enumerate(lines(text), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        here = f"{source}:{number}"
        if len(cells) not in (2, 3) or not all(cells):
            raise AliasError(f"{here}: expected alias, canonical name and an optional type separated by tabs, got {line!r}")
        alias, target = cells[0], cells[1]
        kind = cells[2] if len(cells) == 3 else None
        if kind is not None and kind not in SPEAKER_TYPES:
            raise AliasError(f"{here}: unknown type {kind!r} (one of {', '.join(SPEAKER_TYPES)})")
        a_key, t_key = name_key(alias), name_key(target)
        if not a_key or not t_key:
            raise AliasError(f"{here}: {alias if not a_key else target!r} has no letters or digits to match on")
        for key, name in ((a_key, target), (t_key, target)):
            if canonical.get(key, target) != target:
                raise AliasError(f"{here}: {alias if key == a_key else target!r} is already an alias of "
                                 f"{canonical[key]!r} ({where[key]})")
            canonical[key] = name
            where.setdefault(key, here)
        if kind is not None:
            if types.get(t_key, kind) != kind:
                raise AliasError(f"{here}: {target!r} was given type {types[t_key]!r} before")
            types[t_key] = kind
    return Aliases(canonical, types)


def load_aliases(path: str | Path | None) -> Aliases:
    """The aliases of a TSV file (UTF-8), or none for ``None``.

    Raises:
        AliasError: the file cannot be read, is no regular file (a FIFO would block the run,
            ``/dev/zero`` never ends), or a line is bad (the message names file and line).
    """
    if path is None:
        return NO_ALIASES
    if Path(path).exists():  # a missing file is the read's to report
        problem = "not a regular file (a folder)" if Path(path).is_dir() else check_file(Path(path))
        if problem is not None:
            raise AliasError(f"{path}: cannot read the aliases file: {problem}")
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise AliasError(f"{path}: cannot read the aliases file ({err.strerror or err})") from None
    except UnicodeDecodeError as err:
        line = Path(path).read_bytes()[: err.start].count(b"\n") + 1
        raise AliasError(f"{path}:{line}: not UTF-8 text") from None
    return parse_aliases(text, str(path))


class NameIndex:
    """Maps every name in a corpus to one key per person.

    Built from all names first, so that a surname alone ("Roe") can join the one full
    name that ends with it ("Jane Roe"); with two such full names it stays apart. A common noun
    alone ("campaign") joins nothing.
    """

    def __init__(self, names: Iterable[str] = (), forms: Mapping[str, Counter[str]] | None = None):
        if forms is None:  # else ``forms`` maps each name key to its spellings, counted
            forms = defaultdict(Counter)
            for name in names:
                key = name_key(name)
                if key:
                    forms[key][clean_person_name(printable(name))] += 1
        by_surname: dict[str, set[str]] = defaultdict(set)
        for key in forms:
            words = key.split()
            if len(words) > 1:
                by_surname[words[-1]].add(key)
        self._target: dict[str, str] = {}
        for key, spellings in forms.items():
            # only a name joins a fuller one: "Roe" -> "Jane Roe", but not "campaign" -> "Trump campaign"
            proper = any(form[:1].isupper() for form in spellings)
            fuller = by_surname.get(key) if " " not in key and proper else None
            self._target[key] = next(iter(fuller)) if fuller and len(fuller) == 1 else key
        self._labels: dict[str, str] = {}
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counter in forms.items():
            merged[self._target[key]].update(counter)
        for key, counter in merged.items():
            longest = max(len(f.split()) for f in counter)
            self._labels[key] = max((f for f in counter if len(f.split()) == longest),
                                    key=lambda f: (counter[f], f))

    def key(self, name: str) -> str:
        """The merged key of ``name`` (its own key when it was not indexed)."""
        own = name_key(name)
        return self._target.get(own, own)

    def merged(self, key: str) -> str:
        """The merged key of an own key (``name_key`` of a name)."""
        return self._target.get(key, key)

    def label(self, key: str) -> str:
        """The display form of a merged key: the fullest, most frequent spelling seen."""
        return self._labels.get(key, key)


def apply_aliases(quote: Quote, aliases: Aliases) -> Quote:
    """The quote with its speaker and the persons it names under their canonical names."""
    if aliases is NO_ALIASES or not aliases.canonical:
        return quote
    changes: dict = {}
    if quote.speaker:
        name, kind = aliases.resolve(quote.speaker)
        if name != quote.speaker:
            changes["speaker"] = name
        if kind is not None and kind != quote.speaker_type:
            changes["speaker_type"] = kind
    persons = tuple(dict.fromkeys(aliases.resolve(p)[0] for p in quote.persons))
    if persons != quote.persons:
        changes["persons"] = persons
    return replace(quote, **changes) if changes else quote


def corpus_names(quote: Quote) -> list[str]:
    """The names a quote adds to the corpus index: its speaker and the persons it names."""
    return ([quote.speaker] if quote.speaker else []) + list(quote.persons)


def quote_speaker_id(quote: Quote, index: NameIndex) -> str | None:
    """The corpus-wide id of a quote's speaker, or None without one.

    A name ("Jane Roe", "Moscow") is one id across the corpus. A speaker that is not a person
    and has no capital letter ("the commission", "the bank") is a common noun, which names
    something only inside its own article, so its id is scoped to the document:
    ``'d7:commission'``.
    """
    key = index.key(quote.speaker) if quote.speaker else ""
    if not key:
        return None
    if quote.speaker_type != "person" and not any(ch.isupper() for ch in quote.speaker):
        return f"{quote.doc_id}:{speaker_id(key)}"
    return speaker_id(key)


def with_speaker_ids(quotes: Sequence[Quote], index: NameIndex) -> list[Quote]:
    """The quotes with ``speaker_id`` set from the corpus index (None without a speaker)."""
    return [replace(q, speaker_id=quote_speaker_id(q, index)) for q in quotes]
