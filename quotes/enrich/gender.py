"""The gender of quoted people, from what the article says of them, else from their first name.

Built once per document from its parse and its quote records: every PERSON the entity
recogniser found is tied to one person of the document (a surname or a first name alone to the
one full name that holds it), and each gathers evidence:

- ``honorific``: "Ms. Roe", "Mr Doe", "Sir John Doe" (``gender_words.tsv``);
- ``noun``: a gendered noun in an apposition or after a copula ("Jane Roe, a mother of three",
  "Doe is the company's chairman"), right before the name ("spokeswoman Jane Roe"), or as
  the speaker's own mention ("the 40-year-old father said");
- ``pronoun``: he or she standing for the person: a quote whose speaker was "she", or a
  pronoun with only that person named since the sentence before ("Roe said ... She added").
  A pronoun against the first name (a "she said" the engine tied to a man named before it)
  is taken for a wrong resolution and left out; an honorific or a noun is not.

Evidence is weighed (an honorific above a noun above a pronoun); a person with evidence both
ways keeps the gender that outweighs the other twice over, else none. Only where the text says
nothing does a first name decide (``first_names.tsv``, US baby names, names of one sex only):
``name``. Organisations and groups have no gender, nor a name that ends as an organisation's
("Acme GmbH", "CBC News"); nothing but the text and the name is read.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy
from spacy.strings import get_string_id

from ..lexicon import LexiconError, lexicon_cache, lexicon_texts, load_lexicons, validated_on_change
from ..model import GENDER_EVIDENCE, Quote
from .annotate import clean_person_name
from .identity import name_key, without_initials

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

GENDERS = {"f": "female", "m": "male"}
EVIDENCE = GENDER_EVIDENCE  # strongest first
# ``--gender``: "names" lets a first name decide where the text says nothing; "text" only the
# text; "off" no gender at all.
GENDER_MODES = ("names", "text", "off")
WEIGHTS = {"honorific": 3, "noun": 2, "pronoun": 1}
PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f", "herself": "f"}
POSSESSIVES = frozenset({"his", "her", "their", "its", "our", "my", "your", "'s", "\u2019s"})
# Words that end the head of an apposition or a predicate ("a lawyer for the mother").
_STOPS = frozenset({"of", "for", "at", "with", "from", "in", "on", "to", "by", "who", "whom", "whose", "which",
                    "that", "and", "or", "but", "said", "says", "told", "when", "where", "as"})
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "their", "its", "our", "one"})
_COPULAS = frozenset({"is", "was", "became", "becomes", "remains", "remained"})
APPOSITION_REACH = 5  # words from the determiner to the head noun: "the company's new chief spokeswoman"
_WORD = re.compile(r"[\w'\u2019.-]+")
_POSSESSIVE = re.compile(r"\w(?:['\u2019]s|s['\u2019])(?=\s+\S)")  # "Smith's staff", "the Joneses' lawyer"
_QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')


class GenderError(LexiconError):
    """A gender lexicon has a bad entry; the message names the file and line."""


@validated_on_change
@lexicon_cache
def gender_words() -> dict[str, tuple[str, str]]:
    """``gender_words.tsv``: word -> (``f`` or ``m``, ``honorific`` or ``noun``)."""
    table: dict[str, tuple[str, str]] = {}
    for label, text in lexicon_texts("gender_words.tsv"):
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = [c.strip() for c in line.split("\t")]
            if len(cells) != 3 or cells[1] not in GENDERS or cells[2] not in ("honorific", "noun") or not cells[0]:
                raise GenderError(f"{label}:{number}: expected word, f or m, and honorific or noun "
                                  f"separated by tabs, got {line!r}")
            table[cells[0].casefold()] = (cells[1], cells[2])
    return table


@validated_on_change
@lexicon_cache
def first_names() -> dict[str, str]:
    """``first_names.tsv``: folded first name -> ``f`` or ``m`` (names of one sex only)."""
    table: dict[str, str] = {}
    for label, text in lexicon_texts("first_names.tsv"):
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 2 or cells[1].strip() not in GENDERS or not cells[0].strip():
                raise GenderError(f"{label}:{number}: expected a first name and f or m separated by a tab, "
                                  f"got {line!r}")
            table[cells[0].strip().casefold()] = cells[1].strip()
    return table


@validated_on_change
@lexicon_cache
def organization_words() -> frozenset[str]:
    """Last words of an organisation's name (``organization_suffixes.txt``, ``organizations.txt``)."""
    words = {line.strip().casefold() for _, text in lexicon_texts("organization_suffixes.txt")
             for line in text.splitlines() if line.strip() and not line.startswith("#")}
    return frozenset(words | set(load_lexicons().organizations))


def organization_name(name: str) -> bool:
    """Whether a speaker's name ends as an organisation's does: "Acme GmbH", "CBC News"."""
    words = name.split()
    return len(words) > 1 and words[-1].casefold() in organization_words()


def name_gender(name: str) -> str | None:
    """``f``, ``m`` or None from the first name of a full name: ``'Jane Roe'`` -> ``'f'``.

    A name of one word may be a surname and says nothing; initials are passed over
    ("J. Michael Roe"), and a double first name is read part by part ("Jean-Marie").
    """
    raw = name.split()
    if raw and raw[0].lower() in ("the", "a", "an") or any(ch.isdigit() for ch in name):
        return None  # "The Russell 2000 index", "a Toronto man": a description, not a person's name
    words = name_key(name).split()
    if len(words) < 2:
        return None
    table = first_names()
    for word in words[:-1]:
        if len(word.replace(".", "")) <= 1:
            continue  # an initial
        for part in (word, *word.split("-")):
            if part in table:
                return table[part]
        return None
    return None


@lexicon_cache(maxsize=8192)
def base_key(name: str) -> str:
    """A person's comparison key without middle initials: "Donald J. Trump" -> ``donald trump``."""
    return without_initials(name_key(name))


@dataclass(frozen=True)
class Evidence:
    """One clue to a person's gender and where in the text it was read."""

    gender: str  # "f" or "m"
    kind: str  # honorific, noun, pronoun
    position: int


class _People:
    """The people of one document by comparison key; a key of one word (a surname or a first
    name) joins the one fuller key that ends or starts with it."""

    def __init__(self, keys: Iterable[str]) -> None:
        # in the order the text names them; a name of marks alone has no key
        keys = [k for k in dict.fromkeys(" ".join(k.split()) for k in keys) if k]
        full = [k for k in keys if " " in k]
        by_last: dict[str, set[str]] = defaultdict(set)
        by_first: dict[str, set[str]] = defaultdict(set)
        for key in full:
            words = key.split()
            by_last[words[-1]].add(key)
            by_first[words[0]].add(key)
        self._target = {}
        for key in keys:
            if " " in key:
                self._target[key] = key
                continue
            fuller = by_last.get(key) or by_first.get(key) or set()
            self._target[key] = next(iter(fuller)) if len(fuller) == 1 else key

    def person(self, name: str) -> str:
        """The key of the person ``name`` stands for (its own key when it joins nobody)."""
        key = base_key(name)
        return self._target.get(key, key)

    def name_words(self) -> dict[str, str]:
        """Surnames (and first names) that stand for one person of the document, to find the
        mentions the entity recogniser left untagged ("Payne said" after "Marise Payne")."""
        words: dict[str, str] = {}
        for key, target in self._target.items():
            if " " not in key and " " in target:
                words[key] = target
        by_last: dict[str, list[str]] = defaultdict(list)
        for target in dict.fromkeys(self._target.values()):
            if " " in target.strip():  # not one word, nor none (a name of marks alone)
                by_last[target.split()[-1]].append(target)
        for last, targets in by_last.items():
            # a surname two people share ("Jane Scott", "John Scott") stands for the one named first
            if self._target.get(last, targets[0]) == targets[0]:
                words.setdefault(last, targets[0])
        return words


def _words(span_text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(span_text.replace("\u2019", "'"))]


def _head_noun(words: Sequence[str], table: dict[str, tuple[str, str]]) -> str | None:
    """The gendered noun heading a description ("a mother of three", "the company's chief
    spokeswoman"): the first listed noun before a preposition or clause word, not a possessor
    ("the mother's lawyer" names no mother)."""
    for i, word in enumerate(words[:APPOSITION_REACH + 1]):
        if word in _STOPS or word in (",", ";", ":"):
            return None
        if word in table and table[word][1] == "noun":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if nxt in ("'s", "'"):
                continue
            return word
    return None


def _tokens_after(doc: Doc, index: int, count: int) -> list[str]:
    return [t.lower_.replace("\u2019", "'") for t in doc[index : index + count]]


def name_evidence(ent: Span, table: dict[str, tuple[str, str]] | None = None) -> list[Evidence]:
    """Honorifics and nouns around one mention of a person (``gender_words.tsv`` unless
    ``table`` is given); the speaker stage and the records read a person's gender from the
    text with this one function."""
    table = gender_words() if table is None else table
    doc, found = ent.doc, []
    start = ent.start
    first = ent[0].lower_
    before = doc[start - 1].lower_ if start > 0 else ""
    # "Ms. Roe", "Sir John Doe" (the recogniser sometimes takes the honorific in)
    for word in (first, before):
        if word in table and table[word][1] == "honorific":
            found.append(Evidence(table[word][0], "honorific", ent.start_char))
            break
    # "spokeswoman Jane Roe", "her son, John Doe, said"
    if before in table and table[before][1] == "noun":
        found.append(Evidence(table[before][0], "noun", ent.start_char))
    elif before == "," and start > 1 and doc[start - 2].lower_ in table and table[doc[start - 2].lower_][1] == "noun":
        after = doc[ent.end].text if ent.end < len(doc) else ""
        determiner = doc[start - 3].lower_ if start > 2 else ""
        if after in (",", ".") and (determiner in _DETERMINERS or determiner in ("'s", "\u2019s")):
            found.append(Evidence(table[doc[start - 2].lower_][0], "noun", ent.start_char))
    # "Jane Roe, 40, a mother of three", "John Doe, the company's chairman"; "Roe is a mother"
    after = _tokens_after(doc, ent.end, APPOSITION_REACH + 6)
    if after[:1] == [","]:
        rest = after[1:]
        if len(rest) >= 2 and rest[0].isdigit() and rest[1] == ",":
            rest = rest[2:]
        if rest[:2] in (["who", "is"], ["who", "was"]):
            rest = rest[2:]
        noun = _head_noun(rest, table)
        if noun is not None and (rest[0] in _DETERMINERS or rest[0] == noun or rest[1:2] == ["'s"]
                                 or doc[ent.end + 1].is_title):
            found.append(Evidence(table[noun][0], "noun", ent.start_char))
    elif after[:1] and after[0] in _COPULAS:
        noun = _head_noun(after[1:], table)
        if noun is not None and len(after) > 1 and after[1] in _DETERMINERS:
            found.append(Evidence(table[noun][0], "noun", ent.start_char))
    return found


def mention_evidence(mention: str) -> Evidence | None:
    """What a speaker's own mention says: "she" (pronoun), "the spokeswoman", "a 40-year-old
    father" (noun). A mention with a possessor ("his wife", "Roe's husband") says nothing of
    the person it was resolved to, which may be the possessor."""
    words = _words(mention)
    if len(words) == 1 and words[0] in PRONOUNS and words[0] in ("he", "she"):
        return Evidence(PRONOUNS[words[0]], "pronoun", 0)
    if any(w in POSSESSIVES or w.endswith("'s") for w in words):
        return None
    table = gender_words()
    noun = _head_noun([w for w in words if w not in _DETERMINERS], table)
    return Evidence(table[noun][0], "noun", 0) if noun is not None else None


_NOT_PEOPLE_ENTITIES = ("ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
_OPENING_MARKS = frozenset("\u201c\u00ab\u201e")
_CLOSING_MARKS = frozenset("\u201d\u00bb")
# The token attributes read, as one array per Doc (a pass in Python over every token costs more
# than the rest of this module together).
_ATTRS = ("LOWER", "ORTH", "SENT_START", "ENT_IOB", "ENT_TYPE", "IS_TITLE", "IS_SPACE")
_LOWER, _ORTH, _SENT, _IOB, _TYPE, _TITLE, _SPACE = range(len(_ATTRS))


@lru_cache(maxsize=1)
def _ids() -> tuple:
    """String hashes: pronoun -> gender, quotation marks, PERSON and the other entity labels."""
    return ({get_string_id(w): g for w, g in PRONOUNS.items()},
            {get_string_id(m): m for m in _QUOTE_MARKS},
            get_string_id("PERSON"),
            numpy.array([get_string_id(label) for label in _NOT_PEOPLE_ENTITIES], dtype="uint64"))


def _person_spans(doc: Doc, array: numpy.ndarray) -> list[Span]:
    """The PERSON entities of a Doc, read from its IOB array (``Doc.ents`` builds every entity)."""
    person = _ids()[2]
    iob, types = array[:, _IOB], array[:, _TYPE]
    spans = []
    for start in numpy.flatnonzero((iob == 3) & (types == person)).tolist():
        end = start + 1
        while end < len(doc) and iob[end] == 1:
            end += 1
        spans.append(doc[start:end])
    return spans


def _untagged_mentions(doc: Doc, array: numpy.ndarray, words: dict[str, str],
                       tagged: set[int]) -> list[tuple[int, Span, str]]:
    """Capitalised words that name one of the document's people outside any tagged entity."""
    if not words:
        return []
    by_id = {get_string_id(word): person for word, person in words.items()}
    ids = numpy.fromiter(by_id, dtype="uint64", count=len(by_id))
    hits = numpy.flatnonzero(numpy.isin(array[:, _LOWER], ids) & (array[:, _TITLE] == 1)).tolist()
    other = numpy.isin(array[:, _TYPE], _ids()[3])
    iob = array[:, _IOB]
    found = []
    for i in hits:
        if i in tagged:
            continue
        if other[i] and not (iob[i] == 3 and (i + 1 == len(doc) or iob[i + 1] != 1)):
            continue  # "Payne Foundation"; but "Payne" alone, tagged ORG, is Payne
        found.append((i, doc[i : i + 1], by_id[int(array[i, _LOWER])]))
    return found


def _pronoun_evidence(doc: Doc, array: numpy.ndarray, mentions: list[tuple[int, str]],
                      skip: frozenset[int] = frozenset()) -> list[tuple[str, Evidence]]:
    """A he or she with only one person named since the start of the sentence before it: "Jane
    Roe said the plan works. She added ...". ``mentions`` are (token index, person key);
    ``skip``: tokens that are a quote's speaker mention, which the quote's speaker accounts for.

    A pronoun inside quotation marks (straight marks toggle, curly ones open and close, a
    paragraph ends them) is the quoted speaker's, about someone else, and says nothing.
    """
    if not mentions:
        return []
    pronouns, marks, _, _ = _ids()
    lowers = array[:, _LOWER]
    found_at = numpy.flatnonzero(numpy.isin(lowers, numpy.fromiter(pronouns, dtype="uint64", count=len(pronouns))))
    if not len(found_at):
        return []
    events = [(i, marks[int(array[i, _ORTH])]) for i in numpy.flatnonzero(
        numpy.isin(array[:, _ORTH], numpy.fromiter(marks, dtype="uint64", count=len(marks)))).tolist()]
    events += [(i, "\n") for i in numpy.flatnonzero(array[:, _SPACE] == 1).tolist() if "\n" in doc[i].text]
    events.sort()
    starts = [0, *numpy.flatnonzero(array[:, _SENT] == 1).tolist()]
    found: list[tuple[str, Evidence]] = []
    inside, e, pointer = False, 0, 0
    for i in found_at.tolist():
        while e < len(events) and events[e][0] < i:
            mark = events[e][1]
            inside = (True if mark in _OPENING_MARKS else False if mark in _CLOSING_MARKS or mark == "\n"
                      else not inside)
            e += 1
        if inside or i in skip:
            continue
        k = bisect.bisect_right(starts, i) - 1
        window_start = starts[k - 1] if k >= 1 else 0
        while pointer < len(mentions) and mentions[pointer][0] < i:
            pointer += 1
        people = {key for index, key in mentions[max(0, pointer - 8) : pointer] if index >= window_start}
        if len(people) == 1:
            found.append((next(iter(people)), Evidence(pronouns[int(lowers[i])], "pronoun", doc[i].idx)))
    return found


def decide(evidence: Iterable[Evidence]) -> tuple[str | None, str | None]:
    """``(gender, evidence kind)`` from a person's clues, or ``(None, None)`` when they are
    none or clash: the winner must outweigh the other side twice over."""
    score: Counter[str] = Counter()
    kinds: dict[str, set[str]] = defaultdict(set)
    for item in evidence:
        score[item.gender] += WEIGHTS[item.kind]
        kinds[item.gender].add(item.kind)
    if not score:
        return None, None
    (winner, top), *rest = score.most_common()
    if rest and top < 2 * rest[0][1]:
        return None, None
    kind = next(k for k in EVIDENCE if k in kinds[winner])
    return GENDERS[winner], kind


class DocumentGenders:
    """The people of one document with their gender evidence, built once from the parsed
    pieces ``(offset, Doc)`` and the document's quote records."""

    def __init__(self, parsed: Sequence[tuple[int, Doc]], quotes: Sequence[Quote]) -> None:
        table = gender_words()
        found: list[tuple[int, Span, str]] = []  # (piece, entity, own key)
        arrays = [doc.to_array(list(_ATTRS)) for _, doc in parsed]
        for number, (_, doc) in enumerate(parsed):
            for ent in _person_spans(doc, arrays[number]):
                key = base_key(clean_person_name(ent.text))
                if key:
                    found.append((number, ent, key))
        speakers = [q.speaker for q in quotes if q.speaker and q.speaker_type != "organization"]
        self.people = _People([key for _, _, key in found] + [base_key(s) for s in speakers])
        self.evidence: dict[str, list[Evidence]] = defaultdict(list)
        words = self.people.name_words()
        for number, (offset, doc) in enumerate(parsed):
            mentions: list[tuple[int, Span, str]] = [(ent.start, ent, self.people.person(key))
                                                     for piece, ent, key in found if piece == number]
            tagged = {i for _, ent, _ in mentions for i in range(ent.start, ent.end)}
            mentions += _untagged_mentions(doc, arrays[number], words, tagged)
            spoken = self._speaker_mentions(quotes, offset, doc, tagged)
            mentions += spoken
            mentions.sort(key=lambda m: m[0])
            skip = frozenset(i for _, span, _ in spoken for i in range(span.start, span.end))
            for _, span, person in mentions:
                self.evidence[person] += [replace(e, position=e.position + offset) for e in name_evidence(span, table)]
            for person, item in _pronoun_evidence(doc, arrays[number], [(index, person) for index, _, person in mentions],
                                                  skip):
                self.evidence[person].append(replace(item, position=item.position + offset))
        for quote in quotes:
            if quote.speaker and quote.speaker_type != "organization" and quote.speaker_mention is not None:
                item = mention_evidence(quote.speaker_mention.text)
                if item is not None:
                    self.evidence[self.people.person(quote.speaker)].append(
                        replace(item, position=quote.speaker_mention.start))
        self._decided: dict[str, tuple[str | None, str | None]] = {}
        self._texts = [doc.text for _, doc in parsed]

    def _speaker_mentions(self, quotes: Sequence[Quote], offset: int, doc: Doc,
                          tagged: set[int]) -> list[tuple[int, Span, str]]:
        """The speakers' own mentions in one piece ("she said", "the minister said"), as
        mentions of the person each was resolved to."""
        found = []
        end = offset + (doc[-1].idx + len(doc[-1].text) if len(doc) else 0)
        for quote in quotes:
            mention = quote.speaker_mention
            if (not quote.speaker or quote.speaker_type == "organization" or mention is None
                    or not offset <= mention.start < end):
                continue
            span = doc.char_span(mention.start - offset, mention.end - offset, alignment_mode="expand")
            if span is not None and len(span) and span.start not in tagged:
                tagged.update(range(span.start, span.end))
                found.append((span.start, span, self.people.person(quote.speaker)))
        return found

    def _name_gender(self, person: str) -> str | None:
        """The first name's gender; for a surname alone, that of the first names the text
        sets before it ("Alexei Malashenko" where the recogniser tagged only "Malashenko"),
        when they agree."""
        if " " in person:
            return name_gender(person)
        pattern = re.compile(r"\b([A-Z][\w'\u2019-]+)\s+" + re.escape(person) + r"\b", re.IGNORECASE)
        found = {name_gender(f"{m.group(1)} {person}") for text in self._texts for m in pattern.finditer(text)
                 if m.group(1)[:1].isupper()}
        found.discard(None)
        return next(iter(found)) if len(found) == 1 else None

    def of(self, quote: Quote) -> tuple[str | None, str | None]:
        """``(speaker_gender, speaker_gender_evidence)`` of a quote."""
        if (not quote.speaker or quote.speaker_type in ("organization", "group") or organization_name(quote.speaker)
                or _POSSESSIVE.search(quote.speaker)):
            # "Some voters" (a group), "John Smith's staff" (whose first name is not theirs)
            return None, None
        person = self.people.person(quote.speaker)
        if person not in self._decided:
            named = self._name_gender(person) if quote.speaker_type == "person" else None
            # '"...," she said' tied to a man named just before it, a "he" read about someone
            # else: pronouns go wrong more often than a first name of one sex does
            evidence = [e for e in self.evidence.get(person, ())
                        if not (e.kind == "pronoun" and named is not None and e.gender != named)]
            gender, kind = decide(evidence)
            if gender is None and not evidence and named is not None:
                gender, kind = GENDERS[named], "name"
            self._decided[person] = (gender, kind)
        return self._decided[person]


def assign_genders(quotes: Sequence[Quote], parsed: Sequence[tuple[int, Doc]]) -> list[Quote]:
    """The quotes of one document with ``speaker_gender`` and ``speaker_gender_evidence`` set."""
    if not quotes:
        return list(quotes)
    genders = DocumentGenders(parsed, quotes)
    out = []
    for quote in quotes:
        gender, kind = genders.of(quote)
        out.append(replace(quote, speaker_gender=gender, speaker_gender_evidence=kind)
                   if gender != quote.speaker_gender or kind != quote.speaker_gender_evidence else quote)
    return out


def with_gender_mode(quote: Quote, mode: str) -> Quote:
    """The quote as ``--gender`` asks: ``names`` keeps all, ``text`` drops what only a first
    name said, ``off`` drops every gender."""
    if mode not in GENDER_MODES:
        raise ValueError(f"unknown gender mode {mode!r}: expected one of {', '.join(GENDER_MODES)}")
    if quote.speaker_gender is None or mode == "names" or (mode == "text" and quote.speaker_gender_evidence != "name"):
        return quote
    return replace(quote, speaker_gender=None, speaker_gender_evidence=None)
