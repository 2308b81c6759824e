"""Who is who across a corpus: one ``speaker_id`` per person, from names and an aliases file.

A speaker's name loses what stands before it without being part of it: dashes, quotation marks
and no-break spaces ("– Jane Roe"), epithets (``epithets.txt``: "Crooked Jane Roe"), and a
reporting verb run into a country's name ("Say Mexico").
Names are compared after titles, case, diacritics and possessives are folded; a middle initial
does not count ("Jane Q. Roe" is "Jane Roe", unless the corpus holds two such initials, as
George H. W. and George W. Bush); a surname alone ("Roe") joins the one person's full name of
the corpus that ends with it ("Jane Roe"), and stays apart when the corpus holds two people of
that surname or the fuller name is no person's ("Mexico" never joins "Say Mexico"). A speaker
that is a common noun or a group ("the agency", "protesters", "Officials") names something only
inside its article and is scoped to it. An aliases file (TSV: alias, canonical name, optional
type) says the rest: "Joseph R. Biden Jr." and "President Biden" are "Joe Biden".
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..io import check_file
from ..lexicon import lexicon_cache, lexicon_texts, load_lexicons, validated_on_change
from ..model import SPEAKER_TYPES, Quote, printable
from ..text import fold, lines
from .annotate import clean_person_name
from .countries import speaker_place

_NON_NAME = re.compile(r"[^\w\s-]")
# inside a name an apostrophe joins ("O'Neil" and, stripped, "ONeil" are one name)
_APOSTROPHES = re.compile(r"(?<=\w)['\u2019\u02bc](?=\w)")
_LEADING = re.compile(r"^[\W_]+")  # "– Jane Roe", "“Jane Roe": marks and dashes before a name


def _word_list(name: str) -> frozenset[str]:
    return frozenset(line.strip().casefold() for _, text in lexicon_texts(name)
                     for line in text.splitlines() if line.strip() and not line.startswith("#"))


@validated_on_change
@lexicon_cache
def epithets() -> frozenset[str]:
    """Words set before a name that are not part of it (``epithets.txt``)."""
    return _word_list("epithets.txt")


@validated_on_change
@lexicon_cache
def group_nouns() -> frozenset[str]:
    """Plural nouns for people speaking as a group (``groups.txt``)."""
    return _word_list("groups.txt")


@validated_on_change
@lexicon_cache
def group_openers() -> frozenset[str]:
    """Words that open a description of a group (``group_openers.txt``: "Small groups of ...")."""
    return _word_list("group_openers.txt")


def canonical_name(name: str) -> str:
    """A speaker's name without the marks, dashes and epithets before it.

    ``'–\xa0Jane Roe'`` -> ``'Jane Roe'``; ``'Crooked Jane Roe'`` -> ``'Jane Roe'``; an epithet
    goes only when two words stay after it (``'Little Richard'`` stays).
    """
    words = _LEADING.sub("", printable(name).replace("\xa0", " ")).split()
    listed = epithets()
    while len(words) > 2 and words[0].casefold() in listed:
        words.pop(0)
    if len(words) > 1 and _cue_word(words[0]) and speaker_place(" ".join(words[1:])) is not None:
        words.pop(0)  # "Say Mexico": a reporting verb run into the country that spoke
    return " ".join(words) or printable(name).strip()


def _cue_word(word: str) -> bool:
    """A form of a cue verb of the lexicon: "say", "says", "said", "tells"."""
    low = word.casefold()
    verbs = load_lexicons().cue_verbs
    return low in verbs or low.endswith("s") and low[:-1] in verbs or low == "said" or (
        low.endswith("ed") and (low[:-2] in verbs or low[:-1] in verbs))


def without_initials(key: str) -> str:
    """A name key without its middle initials: ``'jane q roe'`` -> ``'jane roe'``. A
    generational suffix stays ("Jr." and "Sr." are father and son)."""
    words = key.split()
    if len(words) < 3 or len(words[0]) < 2 or len(words[-1]) < 2:
        return key
    return " ".join([words[0], *(w for w in words[1:-1] if len(w) > 1), words[-1]])


# Words that open a description rather than a name ("the minister", "a spokeswoman for X").
_DETERMINERS = frozenset({"a", "an", "the", "another", "one", "two", "three", "several", "some", "many", "most",
                          "other", "these", "those", "this", "that", "both", "all", "his", "her", "their", "its"})


def article_scoped(speaker: str, speaker_type: str) -> bool:
    """Whether a speaker names something only inside its own article: a description, of a person
    too ("The minister", "a spokeswoman for the Ministry"), or, when not a person, a common noun
    or a group ("the commission", "Small groups of protesters", "Officials") rather than a name
    ("Moscow", "Acme Corp", "Congress", "The Associated Press")."""
    name = canonical_name(speaker)
    words = name.split()
    if len(words) > 1 and fold(words[0]) in _DETERMINERS and words[1][:1].islower():
        # a description, of a person too: "The minister", "A spokeswoman for the Ministry"
        return True
    if speaker_type == "person":
        return False
    if not any(ch.isupper() for ch in name):
        return bool(name)
    if any(ch.isupper() for ch in name[1:]):
        return False
    # only its first letter is a capital: "Protesters", "Small groups of protesters", but not
    # "Trump campaign", whose first word is a name
    words = [fold(w) for w in name.split()]
    return (words[0] in group_openers() and len(words) > 1) or (len(words) == 1 and words[0] in group_nouns())


class AliasError(ValueError):
    """An aliases file cannot be used; the message names the file and line."""


def name_key(name: str) -> str:
    """The comparison form of a person's or organisation's name.

    ``'President José Núñez'`` and ``'jose nunez'`` share a key; so do ``"Na'moks"`` and the
    ``'Namoks'`` of a text whose apostrophes were stripped.
    """
    return " ".join(_NON_NAME.sub(" ", _APOSTROPHES.sub("", fold(clean_person_name(canonical_name(name))))).split())


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
    name of a person that ends with it ("Jane Roe"); with two such full names it stays apart.
    A common noun alone ("campaign") joins nothing. ``people``: the keys of names that may be a
    person's (a speaker not typed organization, a person named in a quote); None counts every name.
    """

    def __init__(self, names: Iterable[str] = (), forms: Mapping[str, Counter[str]] | None = None,
                 people: Iterable[str] | None = None):
        if forms is None:  # else ``forms`` maps each name key to its spellings, counted
            forms = defaultdict(Counter)
            for name in names:
                key = name_key(name)
                if key:
                    forms[key][clean_person_name(canonical_name(name))] += 1
        # "Jane Q. Roe" and "Jane Roe" are one, unless two initials share the name (George H. W.
        # and George W. Bush)
        by_base: dict[str, list[str]] = defaultdict(list)
        for key in forms:
            by_base[without_initials(key)].append(key)
        first: dict[str, str] = {}
        for base, keys in by_base.items():
            one = sum(1 for k in keys if k != base) <= 1
            for key in keys:
                first[key] = base if one else key
        joined: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counter in forms.items():
            joined[first[key]].update(counter)
        persons = None if people is None else {first.get(k, without_initials(k)) for k in people}
        by_surname: dict[str, set[str]] = defaultdict(set)
        for key in joined:
            words = key.split()
            if len(words) > 1 and (persons is None or key in persons):
                by_surname[words[-1]].add(key)
        second: dict[str, str] = {}
        for key, spellings in joined.items():
            # only a name joins a fuller one: "Roe" -> "Jane Roe", but not "campaign" -> "Trump campaign"
            proper = any(form[:1].isupper() for form in spellings)
            fuller = by_surname.get(key) if " " not in key and proper else None
            second[key] = next(iter(fuller)) if fuller and len(fuller) == 1 else key
        self._target: dict[str, str] = {key: second[first[key]] for key in forms}
        self._labels: dict[str, str] = {}
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counter in forms.items():
            merged[self._target[key]].update(counter)
        for key, counter in merged.items():
            # a full name before a surname, then the spelling seen most ("Jane Roe" over "Jane Q. Roe")
            self._labels[key] = max(counter, key=lambda f: (len(f.split()) > 1, counter[f], len(f), f))

    def key(self, name: str) -> str:
        """The merged key of ``name`` (its own key when it was not indexed)."""
        own = name_key(name)
        return self._target.get(own, own)

    def merged(self, key: str) -> str:
        """The merged key of an own key (``name_key`` of a name)."""
        return self._target.get(key, key)

    def label(self, key: str) -> str:
        """The display form of a merged key: the most frequent full spelling seen."""
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


def person_names(quote: Quote) -> list[str]:
    """The names of a quote that may be a person's: a speaker not typed organization, the
    persons it names."""
    return ([quote.speaker] if quote.speaker and quote.speaker_type != "organization" else []) + list(quote.persons)


def quote_speaker_id(quote: Quote, index: NameIndex) -> str | None:
    """The corpus-wide id of a quote's speaker, or None without one.

    A name ("Jane Roe", "Moscow") is one id across the corpus. A speaker that is a common noun
    or a group ("the commission", "protesters": ``article_scoped``) names something only inside
    its own article, so its id is scoped to the document: ``'d7:commission'``.
    """
    if not quote.speaker:
        return None
    if article_scoped(quote.speaker, quote.speaker_type):
        key = name_key(quote.speaker)
        return f"{quote.doc_id}:{speaker_id(key)}" if key else None
    key = index.key(quote.speaker)
    return speaker_id(key) if key else None


def with_speaker_ids(quotes: Sequence[Quote], index: NameIndex) -> list[Quote]:
    """The quotes with ``speaker_id`` set from the corpus index (None without a speaker), and
    their speakers' names without the marks and epithets before them (``canonical_name``)."""
    return [replace(q, speaker=canonical_name(q.speaker) if q.speaker else q.speaker,
                    speaker_id=quote_speaker_id(q, index)) for q in quotes]
