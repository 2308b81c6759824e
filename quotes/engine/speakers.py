"""Speakers: a document's people, gathered once, and the source mentions read off the parse.

``PersonIndex`` holds a parsed piece's people (names and their parts, titles, appositive and
compound roles, gender with its evidence, every mention); ``mention_tokens``, ``orphan_source``
and ``appositive_role`` read a source's words. ``sieve`` resolves each mention against the index.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from ..enrich import name_evidence, name_gender
from ..lexicon import Lexicons
from ..model import printable
from ..text import fold
from .entities import Entity, EntityMention, credit_ranges, inside

ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}


def _visible(word: str) -> str:
    """A word without format characters: a zero-width space pasted after a name is no part of it."""
    return "".join(ch for ch in word if unicodedata.category(ch) != "Cf")


# Evidence from the words around a name, which outweighs a first name and pronouns.
TEXT_EVIDENCE = ("honorific", "noun")


@dataclass
class Person:
    """One person of a document: every name form seen, the fullest chosen as canonical."""

    name: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)  # title words and role categories
    positions: list[int] = field(default_factory=list)  # character offsets of mentions
    gender_evidence: str | None = None  # "honorific", "noun" or "pronoun"
    # (start, end, kind) of every mention tied to the person, in the parsed piece's characters
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    named: str | None = None  # the first name's gender ("m", "f"), from the first-name table

    @property
    def sex(self) -> str | None:
        """The gender a pronoun must agree with: an honorific's, else a first name of one sex
        (a "she" the text seemed to tie to "John Doe" is more often a wrong tie than a woman
        named John), else the pronouns'."""
        if self.gender_evidence in TEXT_EVIDENCE or self.named is None:
            return self.gender
        return self.named

    def rename(self, name: str) -> None:
        """The person's fullest name so far, and its first name's gender."""
        self.name = name
        self.named = name_gender(name)

    def freeze(self, text: str, offset: int) -> Entity:
        """The person as a frozen record, offsets moved from the piece's ``text`` into the document's."""
        seen = sorted(set(self.mentions))
        sex = self.sex
        evidence = self.gender_evidence if sex is not None and sex == self.gender else "name" if sex else None
        return Entity(self.name, "person", sex, evidence, tuple(sorted(self.roles)),
                      tuple(EntityMention(offset + s, offset + e, text[s:e], k) for s, e, k in seen))


@dataclass(frozen=True)
class Resolution:
    speaker: str | None
    speaker_type: str
    role: str | None = None


# How far back (tokens) a person of the pronoun's gender is preferred to a nearer one of unknown gender.
GENDER_REACH = 60


# Suffixes after a surname that tell a generation apart ("Jr.", "Sr.", "III").
GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


class PersonIndex:
    """The people of one spaCy Doc, with their canonical names, genders and roles."""

    def __init__(self, doc: Doc, lex: Lexicons) -> None:
        self.lex = lex
        self._doc = doc
        self.people: list[Person] = []
        self._by_key: dict[str, Person] = {}
        self._mentions: list[tuple[int, Person]] = []  # (token index, person), text order
        self.last_speaker: tuple[int, Person] | None = None
        self.last_collective: tuple[int, Resolution] | None = None  # the organisation or group that spoke last
        self.last_description: tuple[int, Resolution] | None = None  # a role that spoke with no name
        self.described: dict[str, Resolution] = {}  # head lemma -> the description that introduced it
        credits = credits_of(doc)
        ents = [e for e in doc.ents if e.label_ == "PERSON" and not inside(credits, e.start_char, e.end_char)]
        for ent in ents:
            words = self.name_words(ent)
            if not words:
                continue
            self._add(words, ent)
        self._add_untagged(doc, [(e.start, e.end) for e in ents])
        self._mentions.sort(key=lambda m: m[0])
        self._learn_genders(doc)

    # -- building -------------------------------------------------------------------------
    def name_words(self, span: Span) -> list[str]:
        """The words of a name, titles and possessive endings removed."""
        words = []
        joined = False
        for tok in span:
            low = tok.lower_
            if tok.text == "-" and words and words[-1] and not tok.whitespace_ and tok.i > span.start \
                    and not span.doc[tok.i - 1].whitespace_:
                joined = True  # "Wilson-Raybould", "Jean-Pierre": one word of the name
                continue
            if tok.is_punct or low in ("'s", "’s", "'", "’") or tok.tag_ == "POS":
                joined = False
                continue
            if not words and low in self.lex.titles:
                continue
            word = _visible(printable(tok.text))  # "Smith\x07", "Smith\u200b" are Smith
            if joined and word:
                words[-1] = f"{words[-1]}-{word}"
            else:
                words.append(word)
            joined = False
        words = [w for w in words if w]
        while len(words) > 1 and self._headline_verb(words[-1]):
            words.pop()  # a headline's "Obama Says Museum Will ...": the recogniser took the verb in
        return words

    def _headline_verb(self, word: str) -> bool:
        """``Says``, ``Tells``, ``Pushes``, ``Denies``: a capitalised verb of saying after a name, in
        the present tense headlines use (a past form would take surnames such as "Sayed")."""
        low = word.lower()
        if not word[:1].isupper() or not low.endswith("s"):
            return False
        stems = [low[:-1]]  # says
        if low.endswith("es"):
            stems.append(low[:-2])  # pushes
        if low.endswith("ies"):
            stems.append(low[:-3] + "y")  # denies
        return any(stem in self.lex.cue_verbs for stem in stems if len(stem) > 2)

    def _title_before(self, span: Span) -> list[str]:
        """Title words right before a name (``President``, ``Prime Minister``, ``Mr.``)."""
        titles = []
        i = span.start - 1
        doc = span.doc
        while i >= 0 and doc[i].lower_ in self.lex.titles and span.start - i <= 3:
            titles.append(doc[i].lower_)
            i -= 1
        for tok in span:
            if tok.lower_ in self.lex.titles:
                titles.append(tok.lower_)
            else:
                break
        return titles

    def _first_named(self, word: str) -> Person | None:
        """The one person named in full whose first name is ``word`` ("Michael" after
        "Michael Surname"); None when none or several are."""
        key = fold(word)
        found = {id(p): p for p in self.people if " " in p.name and fold(p.name.split()[0]) == key}
        return next(iter(found.values())) if len(found) == 1 else None

    def _add(self, words: list[str], ent: Span) -> None:
        full = " ".join(words)
        # "Martin Luther King Jr.": the surname is the word before a generation's suffix
        surname = fold(words[-2] if len(words) > 2 and fold(words[-1]).rstrip(".") in GENERATIONS else words[-1])
        person = self._by_key.get(fold(full)) or self._by_key.get(surname)
        if person is None and surname.endswith("s") and len(surname) > 2:
            # "McCallums", "David Rowlands": a possessive with its apostrophe stripped
            stem = self._by_key.get(surname[:-1])
            if stem is not None and (len(words) == 1 or fold(stem.name.split()[0]) == fold(words[0])):
                person = stem
                words = words[:-1] + [words[-1][:-1]]
                full = " ".join(words)
        if person is None and len(words) == 1:
            person = self._first_named(words[0])
        if person is None:
            person = Person(full, named=name_gender(full))
            self.people.append(person)
        elif len(words) > len(person.name.split()):
            person.rename(full)
        self._by_key[fold(full)] = person
        if len(words) > 1 or surname not in self._by_key:
            self._by_key[surname] = person
        if "-" in full:
            # "Wilson-Raybould" is found as "Wilson Raybould" (a mention's words) and, for a
            # surname, by its last part ("Raybould")
            self._by_key.setdefault(fold(full.replace("-", " ")), person)
            if "-" in surname and len(words) > 1:
                self._by_key.setdefault(surname.rsplit("-", 1)[1], person)
        for title in self._title_before(ent):
            info = self.lex.titles[title]
            person.roles.add(title)
            if info.category:
                person.roles.add(info.category)
        for child in ent.root.children:
            if child.dep_ == "appos":
                self._add_role(person, child)
            elif child.dep_ == "compound" and child.pos_ == "NOUN" and child.i < ent.start:
                person.roles.add(child.lemma_.lower())  # "coach Jane Roe", "candidate Doug McCallum"
        if ent.root.dep_ == "appos":
            self._add_role(person, ent.root.head)
        if person.gender_evidence not in TEXT_EVIDENCE:
            # "Ms. Roe", "spokeswoman Jane Roe", "Jane Roe, a mother of three": what the records'
            # gender reads too (``enrich.gender``)
            found = name_evidence(ent)
            if found:
                person.gender, person.gender_evidence = found[0].gender, found[0].kind
        person.positions.append(ent.start_char)
        person.mentions.append((ent.start_char, ent.end_char, "name"))
        self._mentions.append((ent.start, person))

    def _add_untagged(self, doc: Doc, tagged: list[tuple[int, int]]) -> None:
        """Surnames of people named in full that the recogniser left untagged or tagged as an
        organisation ("Josh Matlow ... Matlow said", with "Matlow" tagged ORG) are mentions of
        them too, so that a later "he" finds them; a word inside a longer entity ("the Payne
        Foundation") or a credit is not."""
        surnames = {fold(p.name.split()[-1]): p for p in self.people if " " in p.name}
        surnames = {k: p for k, p in surnames.items() if self._by_key.get(k) is p}
        if not surnames:
            return
        inside_person = {i for start, end in tagged for i in range(start, end)}
        credits = credits_of(doc)
        # only the tokens that spell a surname, found over the Doc's array (a Python pass over
        # every token costs more than the rest of the index)
        ids = numpy.array([get_string_id(p.name.split()[-1].lower()) for p in surnames.values()], dtype="uint64")
        for i in numpy.flatnonzero(numpy.isin(doc.to_array([LOWER]), ids)).tolist():
            tok = doc[i]
            if not tok.is_title or tok.i in inside_person:
                continue
            person = surnames.get(fold(tok.text))
            if person is None:
                continue
            if tok.ent_type_ and not (tok.ent_iob_ == "B" and (tok.i + 1 == len(doc) or doc[tok.i + 1].ent_iob_ != "I")):
                continue  # "the Payne Foundation"; but "Payne" alone, tagged ORG, is Payne
            if inside(credits, tok.idx, tok.idx + len(tok.text)):
                continue
            person.positions.append(tok.idx)
            person.mentions.append((tok.idx, tok.idx + len(tok.text), "name"))
            self._mentions.append((tok.i, person))

    def add_name(self, span: Span) -> None:
        """A person named by ``span`` though not tagged as one (see ``_untagged_name``)."""
        words = self.name_words(span)
        if words and self.lookup(words) is None:
            self._add(words, span)
            self._mentions.sort(key=lambda m: m[0])
            person = self.lookup(words)
            if person is not None and person.gender is None:
                self._learn_after(span, person)

    def _learn_after(self, span: Span, person: Person) -> None:
        """A he/she in the sentence of a name found late (after a title: "Hereditary Chief
        Na'moks said he ..."), with no other person named between, gives that person its gender,
        as ``_learn_genders`` does for the names tagged at the start."""
        doc = span.doc
        named = {i for i, _ in self._mentions}
        for tok in doc[span.end : span.sent.end]:
            if tok.i in named:
                return
            gender = self.gender_of(tok.lower_)
            if gender is not None and tok.pos_ == "PRON":
                if person.sex in (None, gender):
                    person.gender, person.gender_evidence = gender, "pronoun"
                    person.mentions.append((tok.idx, tok.idx + len(tok.text), "pronoun"))
                return

    def _add_role(self, person: Person, head: Token) -> None:
        """Roles from an appositive ("Jane Roe, the team's coach"): its head noun, whatever it
        is, and the titles in it, so that "the coach" later finds her."""
        if head.pos_ == "NOUN":
            person.roles.add(head.lemma_.lower())
        for tok in head.subtree:
            low = tok.lemma_.lower()
            if low in self.lex.titles:
                person.roles.add(low)
                if self.lex.titles[low].category:
                    person.roles.add(self.lex.titles[low].category)

    def gender_of(self, word: str) -> str | None:
        """"m" for he/him/his, "f" for she/her/hers (engine_words.tsv), else None."""
        if word in self.lex.engine_words["pronoun_m"]:
            return "m"
        if word in self.lex.engine_words["pronoun_f"]:
            return "f"
        return None

    def _learn_genders(self, doc: Doc) -> None:
        """A he/she that follows a person with no other person between ties the gender, unless
        the person's honorific or first name says the other one."""
        last: Person | None = None
        recent: dict[str, tuple[int, Person]] = {}  # the last person of each known gender
        mentions = iter(self._mentions)
        nxt = next(mentions, None)
        for tok in doc:
            while nxt is not None and nxt[0] <= tok.i:
                last = nxt[1]
                if last.sex:
                    recent[last.sex] = nxt
                nxt = next(mentions, None)
            gender = self.gender_of(tok.lower_)
            if gender is None or tok.pos_ != "PRON":
                continue
            known = recent.get(gender)
            if last is not None and last.sex != gender and known is not None and tok.i - known[0] <= GENDER_REACH:
                # "Ms. Jane Roe met John Smith. She ...": she is the woman named, not the last name
                last = known[1]
            if last is None or last.sex not in (None, gender):
                continue
            if last.gender is None:
                last.gender, last.gender_evidence = gender, "pronoun"
            last.mentions.append((tok.idx, tok.idx + len(tok.text), "pronoun"))

    # -- lookup ---------------------------------------------------------------------------
    def lookup(self, words: list[str]) -> Person | None:
        """The person a name refers to: by full name, by surname, or by a stripped possessive."""
        if not words:
            return None
        words = [w for w in (_visible(printable(w)) for w in words) if w]
        if not words:
            return None
        key = fold(" ".join(words))
        if key in self._by_key:
            return self._by_key[key]
        last = fold(words[-1])
        if last in self._by_key:
            return self._by_key[last]
        # possessive with its apostrophe stripped: "Roes" for "Roe's"
        if last.endswith("s") and last[:-1] in self._by_key:
            return self._by_key[last[:-1]]
        if len(words) == 1:  # "Michael said", after "Michael Surname" was introduced
            return self._first_named(words[0])
        return None

    def nearest_before(self, token_index: int, gender: str | None) -> Person | None:
        """The nearest person mentioned before a token, of matching gender when known.

        A person named in full goes before one only ever named by one word: the entity
        recogniser tags many a place or a shop ("Surrey", "Stella's") as a person, while news
        introduces people by their full names."""
        best = best_full = known = None
        for index, person in self._mentions:
            if index >= token_index:
                break
            if gender is None or person.sex in (None, gender):
                best = person
                if " " in person.name:
                    best_full = person
                if (gender is not None and person.sex == gender and " " in person.name
                        and token_index - index <= GENDER_REACH):
                    known = (index, person)
        if known is not None and (best_full or best) is not known[1] and (best_full or best).sex is None:
            # "Ms. Jane Roe met John Smith. She said": a person the text gave her gender goes
            # before a nearer one it said nothing of
            return known[1]
        return best_full or best

    def recent_subject(self, token_index: int, reach: int) -> Person | None:
        """The person last named as a sentence's subject within ``reach`` tokens before a token
        ("Jones scored his first goal. ... said the rookie defenceman"), named in full or by a
        name of theirs that stands for one person named in full."""
        doc = self._doc
        found = None
        for index, person in self._mentions:
            if index >= token_index:
                break
            if token_index - index > reach or " " not in person.name:
                continue
            end = index
            while end + 1 < token_index and end - index < 3 and doc[end + 1].pos_ == "PROPN":
                end += 1
            if any(doc[i].dep_ in ("nsubj", "nsubjpass") for i in range(index, end + 1)):
                found = person
        return found

    def protagonist(self, token_index: int) -> Person | None:
        """The person named in full most often before a token (the most recent on a tie): whom
        a feature's "the affable proprietor" or "the 40-year-old nurse" names again."""
        counts: dict[int, list] = {}
        for index, person in self._mentions:
            if index >= token_index:
                break
            if " " in person.name:
                entry = counts.setdefault(id(person), [0, 0, person])
                entry[0] += 1
                entry[1] = index
        if not counts:
            return self.nearest_before(token_index, None)
        return max(counts.values(), key=lambda e: (e[0], e[1]))[2]

    def by_role(self, words: list[str], before: int) -> Person | None:
        """The person introduced with a role named in a description (``the president``)."""
        wanted = set()
        for word in words:
            wanted.add(word.lower())
            info = self.lex.titles.get(word.lower())
            if info is not None:
                wanted.add(word.lower())
                if info.category:
                    wanted.add(info.category)
        if not wanted:
            return None
        candidates = [p for p in self.people if p.roles & wanted]
        if len(candidates) == 1:
            return candidates[0]
        # several: the most recently mentioned of them
        recent = None
        for index, person in self._mentions:
            if index < before and person in candidates:
                recent = person
        return recent

    def note_mention(self, token_index: int, person: Person) -> None:
        """Record a resolved mention (a pronoun or description) so later pronouns can find it."""
        self._mentions.append((token_index, person))
        self._mentions.sort(key=lambda m: m[0])
        tok = self._doc[token_index]
        kind = "pronoun" if tok.pos_ == "PRON" or self.gender_of(tok.lower_) else "description"
        person.mentions.append((tok.idx, tok.idx + len(tok.text), kind))

    def entities(self, offset: int = 0) -> tuple[Entity, ...]:
        """Every person of the piece as a frozen :class:`Entity`, offsets into the document."""
        text = doc_text(self._doc)
        return tuple(p.freeze(text, offset) for p in self.people)


def mention_tokens(head: Token) -> list[Token]:
    """The noun phrase of a source, cut before appositives, relative clauses and commas."""
    tokens = [head]
    for child in head.lefts:
        if child.dep_ in ("punct", "cc", "preconj"):
            continue
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in ("appos", "relcl", "acl", "punct", "cc", "conj", "advcl", "parataxis"):
            break
        if child.dep_ in ("prep", "compound", "flat", "nummod", "case") or child.tag_ == "POS":
            tokens.extend(child.subtree)
        else:
            break
    tokens = sorted(set(tokens), key=lambda t: t.i)
    # keep it contiguous from the head's side
    start = tokens[0].i
    end = tokens[-1].i
    return list(head.doc[start : end + 1])


# Links by which a cue with no subject of its own hangs from a verb whose subject said it:
# "X said Monday, adding that ...", "he was quoted as saying ...", "X spoke and warned that ...".
ORPHAN_LINKS = ("xcomp", "pcomp", "prep", "advcl", "conj")


def orphan_source(verb: Token) -> list[Token] | None:
    """The source of a cue the parser left without a subject.

    The subject of the verb the cue hangs from (a participle, an "as saying", a second verb of
    the same subject), or else a name standing right before the cue, which the parser misread
    ('"...," DeBoer said' with "DeBoer" taken for an auxiliary).
    """
    tok = verb
    for _ in range(3):
        if tok.dep_ not in ORPHAN_LINKS or tok.head.i == tok.i:
            break
        tok = tok.head
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return mention_tokens(subject) if subject.pos_ != "PRON" or subject.tag_ not in ("WP", "WDT") else None
    doc = verb.doc
    name = []
    i = verb.i - 1
    while i >= 0 and len(name) < 4 and (doc[i].pos_ == "PROPN" or doc[i].ent_type_ in ("PERSON", "ORG")):
        name.insert(0, doc[i])
        i -= 1
    if name and (i < 0 or doc[i].is_punct):
        return name
    if name and name[0].ent_iob_ == "B" and all(t.ent_type_ == "PERSON" for t in name):
        # "... and tenants advocate Josh Matlow told HuffPost": a whole name the parser cut
        # from its cue
        return name
    return None


def appositive_role(head: Token) -> str | None:
    """``Jane Roe, the city's chief engineer, said`` -> "the city's chief engineer"."""
    for child in head.rights:
        if child.dep_ == "appos":
            span = head.doc[child.left_edge.i : child.right_edge.i + 1]
            text = span.text.strip(" ,")
            return text or None
    return None

_TEXT_KEY = "quotegraph.rules.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per parse (spaCy joins it anew on every call)."""
    found = doc.user_data.get(_TEXT_KEY)
    if found is None:
        found = doc.user_data[_TEXT_KEY] = doc.text
    return found


_CREDITS_KEY = "quotegraph.rules.credits"


def credits_of(doc: Doc) -> list[tuple[int, int]]:
    """Photo credits and repeated captions of a parsed piece (``entities.credit_ranges``), once per parse."""
    found = doc.user_data.get(_CREDITS_KEY)
    if found is None:
        found = doc.user_data[_CREDITS_KEY] = credit_ranges(doc_text(doc))
    return found
