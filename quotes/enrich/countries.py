"""Countries and blocs named in a stretch of a parsed document.

Names, official names, demonyms and capitals come from two maintained datasets, ``pycountry``
(ISO 3166-1 codes and English short names) and ``countryinfo`` (demonyms, capitals, alternative
spellings). A country is labelled with the name news uses ("Russia", "South Korea",
``countries_names.tsv``; else its ISO short name), with the ISO code and ISO name beside it.
What no dataset carries is hand-written in ``quotes/lexicons/countries_*``: seats of
government (``the Kremlin``), blocs and regions (``the West``, ``NATO``), extra spellings
(``Kyiv``/``Kiev``), phrases that look like places but are not (``New Mexico``), and place names
with a second sense (``Georgia`` the US state, ``Jordan`` the player, ``turkey`` the bird).

Two stages, each testable alone: :func:`match_places` finds every longest gazetteer match in a
span (possessives with or without an apostrophe, hyphenated compounds split), and
:func:`keep_place` drops the false friends using capitalisation, spaCy's entity labels and the
sentence around the mention. :func:`find_places` runs both.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from ..lexicon import LexiconError, extension_texts, lexicon_cache, validated_on_change
from ..model import Mention
from ..text import lines

if TYPE_CHECKING:  # spaCy objects are only read, never built here
    from spacy.tokens import Doc, Span, Token

KINDS = ("country", "bloc")
VIAS = ("name", "demonym", "capital", "seat", "bloc")
_PACKAGE = "quotes.lexicons"
# Words that may start a place name without being capitalised ("the West", "the Kremlin").
_FUNCTION_WORDS = frozenset({"the", "of", "and", "de", "la", "du", "d'", "ex", "sub", "former"})
# Separators inside one token that still separate two names: "U.S.-Russia", "Russia/Belarus".
_INNER_SEPARATOR = re.compile(r"[-\u2010\u2011\u2013\u2014/]")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
# Heads of a demonym that make it the language: "speaks Russian", "translated from Russian".
_LANGUAGE_VERBS = frozenset({"speak", "learn", "teach", "translate", "write", "understand", "study"})
_LANGUAGE_PREPOSITIONS = frozenset({"in", "into", "from"})
_PERSON_NEIGHBOUR_POS = frozenset({"PROPN"})
# Entity labels under which an ambiguous name (a false friend) may still be a place.
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP", "ORG", "FAC"})


class CountryLexiconError(LexiconError):
    """A ``countries_*`` lexicon entry is unusable; the message names file, line and entry."""


@dataclass(frozen=True)
class Place:
    """A country (ISO 3166-1 alpha-3, the name news uses and the ISO short name) or a bloc
    (code and name from the lexicon, no ISO name)."""

    code: str
    name: str
    kind: str  # "country" or "bloc"
    via: str  # "name", "demonym", "capital", "seat" or "bloc": what kind of word named it
    iso_name: str = ""  # "Russian Federation" where name is "Russia"; "" for a bloc


@dataclass(frozen=True)
class FalseFriend:
    """A place name with another common sense and the words that signal that sense."""

    alias: str
    sense: str
    cues: frozenset[str]
    city_comma: bool


@dataclass(frozen=True)
class PlaceMatch:
    """One mention of a place: ``doc.text[start:end] == mention``."""

    place: Place | None  # None: a phrase that only looks like a place ("New Mexico")
    mention: str
    start: int
    end: int
    first_token: int
    last_token: int
    alias: str  # the normalised lexicon key that matched


@dataclass(frozen=True)
class Gazetteer:
    """Every alias, normalised, with the place it names; built once per process."""

    entries: dict[str, Place]
    blocked: frozenset[str]
    false_friends: dict[str, FalseFriend]
    first_words: frozenset[str]
    max_words: int
    by_code: dict[str, Place] = field(default_factory=dict)  # every country and bloc, by its code

    def lookup(self, text: str) -> Place | None:
        """The place a piece of text names exactly, or None."""
        return self.entries.get(normalise(text))


@lru_cache(maxsize=65536)  # the same words come back in every quote
def normalise(text: str) -> str:
    """Case, diacritics, apostrophes and spacing folded: ``'Élysée'`` -> ``'elysee'``."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


def _words(text: str) -> list[str]:
    """A generous word split, used only to bound the matching window."""
    return re.findall(r"\w+|[^\w\s]", normalise(text))


# --------------------------------------------------------------------------- lexicon loading


def _read(name: str) -> str:
    return resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _texts(name: str) -> list[tuple[str, str]]:
    """The built-in file, then the lexicon folder's file of that name (``--lexicon-dir``)."""
    return [(name, _read(name)), *extension_texts(name)]


def _tsv(name: str, columns: int) -> Iterator[tuple[str, list[str]]]:
    """Data rows of a lexicon TSV and of a lexicon folder's file of that name (``--lexicon-dir``),
    each with ``file:line`` for messages: comments and blank lines dropped, the column count checked."""
    for label, text in _texts(name):
        for number, line in enumerate(lines(text), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = [cell.strip() for cell in line.split("\t")]
            if len(cells) != columns or not all(cells):
                raise CountryLexiconError(
                    f"{label}:{number}: expected {columns} non-empty tab-separated fields, got {line!r}")
            yield f"{label}:{number}", cells


def _lines(name: str) -> Iterator[tuple[str, str]]:
    for label, text in _texts(name):
        for number, line in enumerate(lines(text), 1):
            if line.strip() and not line.lstrip().startswith("#"):
                yield f"{label}:{number}", line.strip()


def _iso_countries() -> dict[str, Place]:
    """ISO 3166-1 alpha-3 -> Place named as news names it (``countries_names.tsv``, else the
    ISO common name, else the ISO short name), with the ISO short name kept as ``iso_name``.

    Raises:
        CountryLexiconError: a ``countries_names.tsv`` line names an unknown code, a code or a
            name twice, or gives a code the name another country has (``RUS<TAB>France``).
    """
    import pycountry

    news_names: dict[str, str] = {}
    seen: dict[str, str] = {}
    named_in: dict[str, set[str]] = {}  # file -> codes it names: a lexicon folder may rename
    given_at: dict[str, str] = {}  # code -> the file:line naming it
    for where, (code, name) in _tsv("countries_names.tsv", 2):
        if pycountry.countries.get(alpha_3=code) is None:
            raise CountryLexiconError(
                f"{where}: unknown ISO 3166-1 alpha-3 code {code!r} for {name!r}")
        here = named_in.setdefault(where.rsplit(":", 1)[0], set())
        if code in here:
            raise CountryLexiconError(f"{where}: {code} is named twice")
        if seen.get(normalise(name), code) != code:
            raise CountryLexiconError(
                f"{where}: {name!r} already names {seen[normalise(name)]}")
        if code in news_names:  # renamed by the user's file: the old name names nothing now
            seen.pop(normalise(news_names[code]), None)
        here.add(code)
        news_names[code] = name
        given_at[code] = where
        seen[normalise(name)] = code
    places = {}
    named: dict[str, str] = {}  # folded name -> the code it names
    for country in pycountry.countries:
        code = country.alpha_3
        name = news_names.get(code) or getattr(country, "common_name", None) or country.name
        other = named.setdefault(normalise(name), code)
        if other != code:  # "RUS<TAB>France": France would name two countries
            first, second = sorted((other, code), key=lambda c: c not in given_at)
            where = given_at.get(first, "countries_names.tsv")
            raise CountryLexiconError(f"{where}: {news_names.get(first, name)!r} for {first} is the name of "
                                      f"{second} already: one name cannot be claimed by both {first} and {second}")
        places[code] = Place(code, name, "country", "name", country.name)
    return places


def _country(iso: dict[str, Place], code: str, via: str) -> Place:
    """The country ``code`` as named through ``via`` (a demonym, a capital, ...)."""
    country = iso[code]
    return Place(code, country.name, "country", via, country.iso_name)


def _dataset_aliases(iso: dict[str, Place]) -> Iterator[tuple[str, str, str]]:
    """(alias, code, via) from pycountry and countryinfo, larger countries first.

    Larger first so that a demonym or capital two entries share goes to the larger country
    ("Chinese" to China, not Hong Kong; "Dominican" to the Dominican Republic).
    """
    import pycountry
    from countryinfo import CountryInfo

    for place in iso.values():
        yield place.name, place.code, "name"  # the name news uses ("Ivory Coast", "Turkey")
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                yield value, country.alpha_3, "name"

    records = [r for r in CountryInfo.all().values()
               if (r.get("ISO") or {}).get("alpha3") in iso]
    records.sort(key=lambda r: -(r.get("population") or 0))
    for record in records:
        code = record["ISO"]["alpha3"]
        yield record["name"], code, "name"
        for alt in record.get("altSpellings") or ():
            if _usable_spelling(alt):
                yield alt, code, "name"
    for record in records:
        code = record["ISO"]["alpha3"]
        capitals = record.get("capital") or ()
        for capital in [capitals] if isinstance(capitals, str) else capitals:
            for part in capital.split("/"):
                if part.strip():
                    yield part.strip(), code, "capital"
    for record in records:
        code = record["ISO"]["alpha3"]
        for demonym in re.split(r"[,/]", record.get("demonym") or ""):
            if demonym.strip():
                yield demonym.strip(), code, "demonym"


def _usable_spelling(alt: str) -> bool:
    """Latin-script spellings only, and no bare two- or three-letter codes ("BY", "BLR")."""
    alt = alt.strip()
    folded = normalise(alt)
    return bool(alt) and folded.isascii() and not (len(alt) <= 3 and alt.isupper())


@validated_on_change
@lexicon_cache
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once: hand-written lexicons first (each built-in file, then a lexicon
    folder's file of that name, ``--lexicon-dir``), then the datasets.

    Raises:
        CountryLexiconError: a lexicon line is malformed, names an unknown code, repeats an
            alias, or contradicts another file; the message names the file, line and entry.
    """
    iso = _iso_countries()
    entries: dict[str, Place] = {}
    hand_written: dict[str, str] = {}  # normalised alias -> "file:line", to catch contradictions

    def claim(where: str, alias: str, place: Place) -> None:
        key = normalise(alias)
        if key in hand_written and entries[key] != place:
            raise CountryLexiconError(
                f"{where}: alias {alias!r} already names {entries[key].code} "
                f"({hand_written[key]})")
        if key in hand_written:
            raise CountryLexiconError(f"{where}: duplicate alias {alias!r} "
                                      f"({hand_written[key]})")
        entries[key] = place
        hand_written[key] = where

    blocs: dict[str, Place] = {}
    for where, (code, name, aliases) in _tsv("countries_blocs.tsv", 3):
        if not re.fullmatch(r"[A-Z][A-Z0-9]{1,9}", code) or code in blocs or code in iso:
            raise CountryLexiconError(
                f"{where}: bloc code {code!r} must be new, upper case and "
                "not an ISO country code")
        blocs[code] = Place(code, name, "bloc", "bloc")
        for alias in aliases.split("|"):
            claim(where, alias.strip(), blocs[code])

    for where, (alias, code) in _tsv("countries_seats.tsv", 2):
        if code in iso:
            place = _country(iso, code, "seat")
        elif code in blocs:
            place = Place(code, blocs[code].name, "bloc", "seat")
        else:
            raise CountryLexiconError(
                f"{where}: unknown code {code!r} for seat {alias!r}")
        claim(where, alias, place)

    for where, (alias, code, via) in _tsv("countries_aliases.tsv", 3):
        if code not in iso:
            raise CountryLexiconError(
                f"{where}: unknown ISO 3166-1 alpha-3 code {code!r} "
                f"for {alias!r}")
        if via not in ("name", "demonym", "capital"):
            raise CountryLexiconError(
                f"{where}: kind must be name, demonym or capital, "
                f"got {via!r} for {alias!r}")
        claim(where, alias, _country(iso, code, via))

    blocked: set[str] = set()
    for where, phrase in _lines("countries_not_places.txt"):
        key = normalise(phrase)
        if key in hand_written:
            raise CountryLexiconError(
                f"{where}: {phrase!r} is also a place in "
                f"{hand_written[key]}")
        blocked.add(key)

    for alias, code, via in _dataset_aliases(iso):
        key = normalise(alias)
        if key and key not in entries and key not in blocked:
            entries[key] = _country(iso, code, via)

    false_friends: dict[str, FalseFriend] = {}
    for where, (alias, sense, cues, comma) in _tsv("countries_false_friends.tsv", 4):
        key = normalise(alias)
        if key not in entries:
            raise CountryLexiconError(
                f"{where}: {alias!r} is not a place in the gazetteer")
        if comma not in ("yes", "no"):
            raise CountryLexiconError(
                f"{where}: city comma must be yes or no, got "
                f"{comma!r} for {alias!r}")
        if key in false_friends:
            raise CountryLexiconError(f"{where}: duplicate {alias!r}")
        cue_set = frozenset() if cues == "-" else frozenset(
            normalise(c) for c in cues.split("|") if c.strip())
        false_friends[key] = FalseFriend(key, sense, cue_set, comma == "yes")

    keys = set(entries) | blocked
    first_words = frozenset(_words(k)[0] for k in keys if _words(k))
    max_words = max(len(_words(k)) for k in keys)
    by_code = {**iso, **blocs}
    return Gazetteer(entries, frozenset(blocked), false_friends, first_words, max_words, by_code)


# --------------------------------------------------------------------------- matching


class _Piece(NamedTuple):
    """A token, or part of one split at an inner hyphen or slash ("U.S.-Russia"); a tuple, made
    for every token of every quote."""

    start: int
    end: int
    token: int
    separator: bool


def _pieces(tokens: Iterable[Token]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for tok in tokens:
        if tok.is_space:
            continue
        text, base = tok.text, tok.idx
        inner = [m for m in _INNER_SEPARATOR.finditer(text) if 0 < m.start() and m.end() < len(text)]
        if not inner:
            pieces.append(_Piece(base, base + len(text), tok.i, tok.is_punct))
            continue
        position = 0
        for m in inner:
            if m.start() > position:
                pieces.append(_Piece(base + position, base + m.start(), tok.i, False))
            pieces.append(_Piece(base + m.start(), base + m.end(), tok.i, True))
            position = m.end()
        pieces.append(_Piece(base + position, base + len(text), tok.i, False))
    return pieces


@lru_cache(maxsize=65536)  # the same words come back in every quote
def _head(text: str) -> str:
    """The first word of ``text`` as ``_words`` splits it, or ""."""
    return (_words(text) or [""])[0]


def _possessive_stem(text: str) -> str | None:
    """``Russias`` -> ``Russia``: a possessive whose apostrophe was stripped, or a plural."""
    if len(text) > 3 and text.endswith("s") and not text.endswith(("ss", "'s")):
        return text[:-1]
    return None


def match_places(span: Span | Doc, gazetteer: Gazetteer | None = None) -> list[PlaceMatch]:
    """Every longest gazetteer match in ``span``, left to right, before any false-friend check.

    Phrases from ``countries_not_places.txt`` come back with ``place=None`` so that a caller
    can see why ``New Mexico`` named nothing.
    """
    gaz = gazetteer or load_gazetteer()
    pieces = _pieces(span)
    if not pieces:
        return []
    # Slices of the span's own text: Doc.text rebuilds the whole document on every call.
    own, base = span.text, span[0].idx
    matches: list[PlaceMatch] = []
    i = 0
    while i < len(pieces):
        first = pieces[i]
        head = _head(own[first.start - base:first.end - base])
        if first.separator or (head not in gaz.first_words
                               and _possessive_stem(head) not in gaz.first_words):
            i += 1
            continue
        found = None
        for j in range(min(len(pieces), i + gaz.max_words) - 1, i - 1, -1):
            if pieces[j].separator:
                continue
            surface = own[first.start - base:pieces[j].end - base]
            key = normalise(surface)
            stem = None
            if key not in gaz.entries and key not in gaz.blocked:
                stem = _possessive_stem(key)
                if stem is None or (stem not in gaz.entries):
                    continue
                key = stem
            found = PlaceMatch(None if key in gaz.blocked else gaz.entries[key], surface,
                               first.start, pieces[j].end, first.token, pieces[j].token, key)
            i = j + 1
            break
        if found is None:
            i += 1
        else:
            matches.append(found)
    return matches


# --------------------------------------------------------------------------- filtering


def _capitalised(mention: str) -> bool:
    """The first word that is not a function word starts with a capital ("the West")."""
    for word in re.findall(r"[^\W\d_][\w.']*", mention):
        if word.casefold() in _FUNCTION_WORDS:
            continue
        return word[0].isupper()
    return False


def _entity(doc: Doc, token: int) -> Span | None:
    """The entity that holds ``doc[token]``, found from the token's IOB tags (Doc.ents is slow)."""
    tok = doc[token]
    if not tok.ent_type_:
        return None
    start = token
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc.char_span(doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text),
                         label=tok.ent_type_)


def _is_place_token(tok: Token, gaz: Gazetteer) -> bool:
    return normalise(tok.text) in gaz.entries


def _looks_like_language(match: PlaceMatch, doc: Doc) -> bool:
    """``said in Russian``, ``speaks French``: a demonym naming a language, not a country."""
    tok = doc[match.last_token]
    ent = _entity(doc, match.first_token)
    if ent is not None and ent.label_ == "LANGUAGE":
        return True
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    followed_by_noun = nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ")
    prev = doc[match.first_token - 1] if match.first_token > 0 else None
    if prev is not None and prev.lower_ in _LANGUAGE_PREPOSITIONS and not followed_by_noun:
        return True
    return tok.dep_ == "dobj" and tok.head.lemma_.lower() in _LANGUAGE_VERBS and not followed_by_noun


def _part_of_person_name(match: PlaceMatch, doc: Doc, gaz: Gazetteer) -> bool:
    """``Michael Jordan``, ``Chad Smith``: a capitalised name next to the place, no place itself."""
    before = doc[match.first_token - 1] if match.first_token > 0 else None
    after = doc[match.last_token + 1] if match.last_token + 1 < len(doc) else None
    for tok in (before, after):
        if (tok is not None and tok.pos_ in _PERSON_NEIGHBOUR_POS and tok.text[:1].isupper()
                and not tok.is_sent_start and not _is_place_token(tok, gaz)):
            return True
    return False


def _city_comma(match: PlaceMatch, doc: Doc, gaz: Gazetteer) -> bool:
    """``Atlanta, Georgia``: a town, a comma, then the name of a US state."""
    if match.first_token < 2:
        return False
    comma, town = doc[match.first_token - 1], doc[match.first_token - 2]
    if comma.text != "," or not town.text[:1].isupper():
        return False
    place = gaz.entries.get(normalise(town.text))
    return place is None or place.via not in ("capital", "name")


def _sentence_words(match: PlaceMatch, doc: Doc) -> tuple[set[str], str]:
    tok = doc[match.first_token]
    sent = tok.sent if doc.has_annotation("SENT_START") or doc.has_annotation("DEP") else doc[:]
    words = {normalise(t.text) for t in sent} | {t.lemma_.lower() for t in sent if t.lemma_}
    return words, " " + normalise(sent.text) + " "


def keep_place(match: PlaceMatch, doc: Doc, gazetteer: Gazetteer | None = None) -> bool:
    """Whether a match names its place, judged from case, entity labels and the sentence.

    Rules, each with the sentence it exists for:
    - lower case is not a name: "we ate turkey";
    - a place inside a longer PERSON entity is part of a name: "Chad Smith played";
    - a demonym can be the language: "he said in Russian";
    - a false friend must be tagged as a place-like entity (GPE, LOC, NORP, ORG, FAC): "Sofia
      said she was tired"; must not stand next to a first name or surname ("Michael Jordan"),
      follow a town and a comma ("Atlanta, Georgia"), or share its sentence with a cue of its
      other sense ("Jordan scored 30 points").
    """
    gaz = gazetteer or load_gazetteer()
    if match.place is None or not _capitalised(match.mention):
        return False
    ent = _entity(doc, match.first_token)
    if ent is not None and ent.label_ == "PERSON":
        inside = range(match.first_token, match.last_token + 1)
        others = [t for t in ent if t.i not in inside and not t.is_punct]
        if any(not _is_place_token(t, gaz) for t in others):
            return False
    if match.place.via == "demonym" and _looks_like_language(match, doc):
        return False
    friend = gaz.false_friends.get(match.alias)
    if friend is None:
        return True
    # An ambiguous name needs the tagger's support: "Sofia said she was tired" has no entity.
    if ent is None or ent.label_ not in _PLACE_LABELS:
        return False
    if _part_of_person_name(match, doc, gaz):
        return False
    if friend.city_comma and _city_comma(match, doc, gaz):
        return False
    words, sentence = _sentence_words(match, doc)
    for cue in friend.cues:
        if (" " in cue and f" {cue} " in sentence) or cue in words:
            return False
    return True


def find_places(span: Span | Doc, gazetteer: Gazetteer | None = None) -> list[PlaceMatch]:
    """Countries and blocs named in ``span``: :func:`match_places` then :func:`keep_place`."""
    gaz = gazetteer or load_gazetteer()
    doc = span.doc if hasattr(span, "doc") else span
    return [m for m in match_places(span, gaz) if keep_place(m, doc, gaz)]


def place_mention(match: PlaceMatch, offset: int = 0) -> Mention:
    """The record of a kept match, its offsets moved by ``offset`` (into the whole document)."""
    place = match.place
    if place is None:
        raise ValueError(f"{match.mention!r} names no place")
    return Mention(place.code, place.name, match.mention, match.start + offset, match.end + offset,
                   place.iso_name or None)


def place_by_code(code: str, gazetteer: Gazetteer | None = None) -> Place | None:
    """The country (ISO 3166-1 alpha-3) or bloc with this code, named as news names it."""
    return (gazetteer or load_gazetteer()).by_code.get(code)


# Speakers that stand for a country: a capital or a seat of government ("Moscow criticized",
# "the Kremlin said", "Downing Street denied"), or the country's own name ("Iran said").
_SPEAKER_VIAS = frozenset({"name", "capital", "seat"})


def speaker_place(name: str, gazetteer: Gazetteer | None = None) -> Place | None:
    """The country or bloc a speaker's name stands for, or None.

    Only the whole name counts ("Moscow", "the Kremlin", "Iran"; not "Moscow State University"),
    never a demonym ("the Russians") and never a name with a second sense ("Jordan", "Georgia"),
    which the speaker's name alone cannot settle.
    """
    gaz = gazetteer or load_gazetteer()
    key = normalise(name)
    if key.startswith("the ") and key not in gaz.entries:
        key = key[4:]
    place = gaz.entries.get(key)
    if place is None or place.via not in _SPEAKER_VIAS or key in gaz.false_friends:
        return None
    return place


def split_kinds(matches: Sequence[PlaceMatch]) -> tuple[list[PlaceMatch], list[PlaceMatch]]:
    """(countries, blocs) from a list of kept matches, order kept."""
    countries = [m for m in matches if m.place is not None and m.place.kind == "country"]
    blocs = [m for m in matches if m.place is not None and m.place.kind == "bloc"]
    return countries, blocs
