"""Speakers: map a source mention to a person or organisation and its canonical name.

The document's people are gathered once (names, titles, appositive roles, genders), then each
mention is resolved: a name to its fullest form, a pronoun to the nearest earlier person of
matching gender, a description (``the president``) to the person introduced with that role.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicons
from ..model import printable
from ..text import fold
from .entities import Entity, EntityMention

ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}


def _visible(word: str) -> str:
    """A word without format characters: a zero-width space pasted after a name is no part of it."""
    return "".join(ch for ch in word if unicodedata.category(ch) != "Cf")


@dataclass
class Person:
    """One person of a document: every name form seen, the fullest chosen as canonical."""

    name: str
    gender: str | None = None
    roles: set[str] = field(default_factory=set)  # title words and role categories
    positions: list[int] = field(default_factory=list)  # character offsets of mentions
    gender_evidence: str | None = None  # "honorific" or "pronoun"
    # (start, end, kind) of every mention tied to the person, in the parsed piece's characters
    mentions: list[tuple[int, int, str]] = field(default_factory=list)

    def freeze(self, text: str, offset: int) -> Entity:
        """The person as a frozen record, offsets moved from the piece's ``text`` into the document's."""
        seen = sorted(set(self.mentions))
        return Entity(self.name, "person", self.gender, self.gender_evidence if self.gender else None,
                      tuple(sorted(self.roles)),
                      tuple(EntityMention(offset + s, offset + e, text[s:e], k) for s, e, k in seen))


@dataclass(frozen=True)
class Resolution:
    speaker: str | None
    speaker_type: str
    role: str | None = None


# How far back (tokens) a person of the pronoun's gender is preferred to a nearer one of unknown gender.
GENDER_REACH = 60


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
        ents = [e for e in doc.ents if e.label_ == "PERSON"]
        for ent in ents:
            words = self.name_words(ent)
            if not words:
                continue
            self._add(words, ent)
        self._mentions.sort(key=lambda m: m[0])
        self._learn_genders(doc)

    # -- building -------------------------------------------------------------------------
    def name_words(self, span: Span) -> list[str]:
        """The words of a name, titles and possessive endings removed."""
        words = []
        for tok in span:
            low = tok.lower_
            if tok.is_punct or low in ("'s", "’s", "'", "’") or tok.tag_ == "POS":
                continue
            if not words and low in self.lex.titles:
                continue
            words.append(_visible(printable(tok.text)))  # "Smith\x07", "Smith\u200b" are Smith
        return [w for w in words if w]

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
        surname = fold(words[-1])
        person = self._by_key.get(fold(full)) or self._by_key.get(surname)
        if person is None and len(words) == 1:
            person = self._first_named(words[0])
        if person is None:
            person = Person(full)
            self.people.append(person)
        elif len(words) > len(person.name.split()):
            person.name = full
        self._by_key[fold(full)] = person
        if len(words) > 1 or surname not in self._by_key:
            self._by_key[surname] = person
        for title in self._title_before(ent):
            info = self.lex.titles[title]
            person.roles.add(title)
            if info.category:
                person.roles.add(info.category)
            if info.gender and person.gender is None:
                person.gender, person.gender_evidence = info.gender, "honorific"
        for child in ent.root.children:
            if child.dep_ == "appos":
                self._add_role(person, child)
            elif child.dep_ == "compound" and child.pos_ == "NOUN" and child.i < ent.start:
                person.roles.add(child.lemma_.lower())  # "coach Jane Roe", "candidate Doug McCallum"
        if ent.root.dep_ == "appos":
            self._add_role(person, ent.root.head)
        person.positions.append(ent.start_char)
        person.mentions.append((ent.start_char, ent.end_char, "name"))
        self._mentions.append((ent.start, person))

    def add_name(self, span: Span) -> None:
        """A person named by ``span`` though not tagged as one (see ``_untagged_name``)."""
        words = self.name_words(span)
        if words and self.lookup(words) is None:
            self._add(words, span)
            self._mentions.sort(key=lambda m: m[0])

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
        """A he/she that follows a person with no other person between ties the gender."""
        last: Person | None = None
        recent: dict[str, tuple[int, Person]] = {}  # the last person of each known gender
        mentions = iter(self._mentions)
        nxt = next(mentions, None)
        for tok in doc:
            while nxt is not None and nxt[0] <= tok.i:
                last = nxt[1]
                if last.gender:
                    recent[last.gender] = nxt
                nxt = next(mentions, None)
            gender = self.gender_of(tok.lower_)
            if gender is None or tok.pos_ != "PRON":
                continue
            known = recent.get(gender)
            if last is not None and last.gender is None and known is not None and tok.i - known[0] <= GENDER_REACH:
                # "Ms. Jane Roe met John Smith. She ...": she is the woman named, not the last name
                last = known[1]
            if gender and last is not None and last.gender is None and tok.pos_ == "PRON":
                last.gender, last.gender_evidence = gender, "pronoun"
            if gender and last is not None and last.gender == gender and tok.pos_ == "PRON":
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
            if gender is None or person.gender in (None, gender):
                best = person
                if " " in person.name:
                    best_full = person
                if (gender is not None and person.gender == gender and " " in person.name
                        and token_index - index <= GENDER_REACH):
                    known = (index, person)
        if known is not None and (best_full or best) is not known[1] and (best_full or best).gender is None:
            # "Ms. Jane Roe met John Smith. She said": a person the text gave her gender goes
            # before a nearer one it said nothing of
            return known[1]
        return best_full or best

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

    def entity_of(self, resolution: Resolution | None) -> Person | None:
        """The person a resolution named, if it named one of this index's people."""
        if resolution is None or resolution.speaker is None or resolution.speaker_type != "person":
            return None
        person = self.lookup(resolution.speaker.split())
        return person if person is not None and person.name == resolution.speaker else None

    def entities(self, offset: int = 0) -> tuple[Entity, ...]:
        """Every person of the piece as a frozen :class:`Entity`, offsets into the document."""
        text = self._doc.text
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


# How far back (tokens, about a paragraph) the last speaker stays the one a "he said" means.
LAST_SPEAKER_REACH = 150


_PERSONS_KEY = "quotegraph.rules.person_entities"


def _person_entities(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the Doc's PERSON entities, found once per parse (``Doc.ents`` builds
    every entity anew on each call, and each speaker asked for them)."""
    found = doc.user_data.get(_PERSONS_KEY)
    if found is None:
        found = doc.user_data[_PERSONS_KEY] = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    return found


def resolve(tokens: list[Token], index: PersonIndex) -> Resolution:
    """Canonical speaker of a mention (see :func:`_resolve`); the person found becomes the last
    speaker, whom a later "he said" or "she said" most likely means."""
    res = _resolve(tokens, index)
    if res.speaker is not None and res.speaker_type in ("organization", "group") and tokens:
        index.last_collective = (tokens[-1].i, res)
    if res.speaker is not None and res.speaker_type == "person" and tokens:
        person = index.lookup(res.speaker.split())
        if person is not None and person.name == res.speaker:
            index.last_speaker = (tokens[-1].i, person)
        elif person is None:  # a description standing for one person: "the minister"
            index.last_description = (tokens[-1].i, res)
    return res


def _resolve(tokens: list[Token], index: PersonIndex) -> Resolution:
    """Canonical speaker of a mention: person, organisation or unknown."""
    if not tokens:
        return Resolution(None, "unknown")
    inside = {t.i for t in tokens}
    head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[-1])
    low = head.lower_
    if head.tag_ in ("WP", "WDT") and head.head.dep_ in ("relcl", "acl") and head.head.head.i != head.i:
        # "officials who said ...": the mention is "who", the speaker its antecedent
        antecedent = head.head.head
        return resolve(mention_tokens(antecedent), index)
    if head.pos_ == "PRON" or low in index.lex.engine_words["subject_pronoun"]:
        gender = index.gender_of(low)
        if gender is not None and low in index.lex.engine_words["subject_pronoun"]:
            person = index.nearest_before(head.i, gender)
            last = index.last_speaker
            if (last is not None and person is not None and last[1] is not person
                    and head.i - last[0] <= LAST_SPEAKER_REACH and last[1].gender == gender):
                # '"...," said Jane Roe. The mayor, John Doe, objected. "...," she added.': a
                # pronoun that says something again is the speaker before it, not whoever was
                # named last
                person = last[1]
            if person is not None:
                if person.gender is None:
                    person.gender, person.gender_evidence = gender, "pronoun"
                index.note_mention(head.i, person)
                return Resolution(person.name, "person")
        described = index.last_description
        if (gender is not None and low in index.lex.engine_words["subject_pronoun"] and described is not None
                and head.i - described[0] <= LAST_SPEAKER_REACH):
            # "The leader said ..., but he emphasized ...": nobody named, the role that spoke
            return described[1]
        collective = index.last_collective
        if (low in ("they", "it") and collective is not None and head.i - collective[0] <= LAST_SPEAKER_REACH
                and (low == "they" or collective[1].speaker_type == "organization")):
            # "The union said ... It added", "Protesters said ... They said": the organisation
            # or group that spoke last
            return collective[1]
        speaks = gender is not None and low in index.lex.engine_words["subject_pronoun"]
        return Resolution(None, "person" if speaks or low in index.lex.engine_words["writer"] else "unknown")
    doc = head.doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    if span.end < len(doc) and doc[span.end].text == ":" and head.ent_type_ not in ("NORP", "GPE", "LOC", "ORG"):
        turn = _turn_speaker(span, index)
        if turn.speaker is not None:
            return turn
    owner = _possessor(head)
    persons = [Span(doc, start, end, label="PERSON") for start, end in _person_entities(doc)
               if start >= span.start and end <= span.end and not (owner and start in owner)]
    if persons:
        # "then-Surrey mayoral candidate Doug McCallum" with "Surrey" tagged too: the name that
        # holds the head, else the last one (a title or a place comes before the name)
        ent = next((e for e in persons if e.start <= head.i < e.end), persons[-1])
        person = index.lookup(index.name_words(ent))
        if person is not None:
            return Resolution(person.name, "person")
        return Resolution(" ".join(index.name_words(ent)) or ent.text, "person")
    if head.pos_ == "PROPN":
        words = [t.text for t in tokens if t.pos_ == "PROPN" and t.lower_ not in index.lex.titles]
        person = index.lookup(words)
        if person is not None:
            return Resolution(person.name, "person")
        name = _untagged_name(span, index)
        if name is not None:  # "Will Young, a locomotive mechanic, said": a name the tagger missed
            index.add_name(name)
            person = index.lookup(index.name_words(name))
            if person is not None:
                return Resolution(person.name, "person")
    named = _appositive_name(head)
    if named is not None:  # "the hospital's chief executive, Robert Chen"
        person = index.lookup(index.name_words(named))
        return Resolution(person.name if person is not None else " ".join(index.name_words(named)) or named.text,
                          "person")
    words = [t.lower_ for t in tokens]
    lemma = head.lemma_.lower()
    if head.pos_ == "NOUN" and lemma not in index.lex.titles and head.tag_ in ("NN", "NNS"):
        # "the coach", introduced before as "Jane Roe, the team's coach"
        person = index.by_role([lemma], head.i)
        if person is None and _describes_someone(head, index):
            # "the affable proprietor", "the rookie defenceman": a feature's way of naming again
            # the person it is about: the one named most often so far
            person = index.protagonist(head.i)
        if person is not None:
            index.note_mention(head.i, person)
            return Resolution(person.name, "person")
    if lemma in index.lex.titles:  # a description: "the authoritarian leader of X"
        person = index.by_role([lemma], head.i)
        if person is None and _describes_someone(head, index):
            person = index.protagonist(head.i)  # "the lanky, bespectacled professor"
        if person is not None:
            index.note_mention(head.i, person)
            return Resolution(person.name, "person")
        # "the minister told reporters", "a spokeswoman for the agency": with nobody introduced
        # so, the role itself is the speaker (never the organisation it speaks for)
        return Resolution(_description(span), "group" if head.tag_ in ("NNS", "NNPS") else "person")
    orgs = [e for e in doc.ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end]
    if not orgs and (lemma in index.lex.source_nouns or lemma in index.lex.hearsay_sources):
        # "A statement from the EU", "The RCMP statement": the organisation whose text it is
        orgs = [e for e in doc.ents if e.label_ in ORG_LABELS and span.start <= e.start and e.end <= span.end]
    if orgs:
        return Resolution(_without_article(orgs[0].text), "organization")
    if (lemma in index.lex.source_nouns or lemma in index.lex.hearsay_sources) and not owner \
            and not any(t.pos_ == "PROPN" for t in span):
        # "a document released by the railway ... The white paper says": a text nobody is said
        # to have written is the organisation's named last
        named = _last_organization(doc, head.i)
        if named is not None:
            return Resolution(named, "organization")
    if lemma in index.lex.organizations or " ".join(words[-2:]) in index.lex.organizations:
        named = _organization_before(span, head, index)
        if named is not None:  # "TransLink said ... The agency said": the organisation named last
            return Resolution(named, "organization")
        return Resolution(_without_article(span.text), "organization")
    if head.pos_ == "NOUN" and _human_noun(head, index):
        # "protesters", "several lawyers", "McCallum's staff": no name found, so the
        # description itself is the speaker, a group (plural) or one person, of its article
        return Resolution(_description(span), "group" if head.tag_ in ("NNS", "NNPS") else "person")
    return Resolution(None, "unknown")


# How far back (tokens) an organisation named stays the one "the agency" or "it" means.
ORGANIZATION_REACH = 400


def _organization_before(span: Span, head: Token, index: PersonIndex) -> str | None:
    """The organisation a definite description stands for ("the agency", "the company"): the
    one named last before it, when the description names none itself."""
    if not span or span[0].lower_ != "the" or any(t.pos_ == "PROPN" for t in span):
        return None
    return _last_organization(span.doc, head.i)


def _last_organization(doc: Doc, before: int) -> str | None:
    found = None
    for start, end in _organizations(doc):
        if start >= before:
            break
        if before - start <= ORGANIZATION_REACH:
            found = (start, end)
    return None if found is None else _without_article(printable(doc[found[0]:found[1]].text))


_ORGS_KEY = "quotegraph.rules.organization_entities"


def _organizations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the Doc's ORG entities, in text order, found once per parse."""
    found = doc.user_data.get(_ORGS_KEY)
    if found is None:
        found = doc.user_data[_ORGS_KEY] = [(e.start, e.end) for e in doc.ents if e.label_ == "ORG"]
    return found


def _possessor(head: Token) -> set[int]:
    """Token indices of the possessor of a common noun: "X's" in "X's lawyers", "X's office"
    (whose words are X's, not X's own)."""
    if head.pos_ != "NOUN":
        return set()
    return {t.i for child in head.children if child.dep_ == "poss" for t in child.subtree}


def _human_noun(head: Token, index: PersonIndex) -> bool:
    """A common noun that can speak: not a document ("the report"), a thing or a pronoun."""
    for word in (head.lemma_.lower(), head.lower_):  # "data" has the lemma "datum"
        if word in index.lex.source_nouns or word in index.lex.hearsay_sources:
            return False
    return head.tag_ in ("NN", "NNS") and not head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")


def _description(span: Span) -> str:
    """A description as a speaker's name: its words, without edge punctuation."""
    return printable(span.text).strip(" ,;:.\"“”‘’'")


def _untagged_name(span: Span, index: PersonIndex) -> Span | None:
    """A speaker's name the entity recogniser left untagged: two to four capitalised words,
    no title or organisation word among them, inside no organisation or place."""
    words = [t for t in span if not t.is_punct and t.tag_ != "POS"]
    if not 2 <= len(words) <= 4 or not all(t.is_title and t.is_alpha for t in words):
        return None
    if any(t.ent_type_ in ORG_LABELS or t.ent_type_ in ("LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
           or t.lower_ in index.lex.titles or t.lower_ in index.lex.organizations for t in words):
        return None
    return span.doc[words[0].i : words[-1].i + 1]


def _describes_someone(head: Token, index: PersonIndex) -> bool:
    """``the affable proprietor``: "the", a singular common noun that names no organisation
    and no entity, with words that describe it."""
    if head.tag_ != "NN" or head.ent_type_ or head.lemma_.lower() in index.lex.organizations:
        return False
    lefts = list(head.lefts)
    return (bool(lefts) and lefts[0].lower_ == "the" and len(lefts) >= 2
            and all(t.dep_ in ("det", "amod", "compound", "punct", "advmod", "nmod") for t in lefts)
            and not any(c.dep_ == "prep" for c in head.rights))


def _appositive_name(head: Token) -> Span | None:
    """The person's name set beside a description: "The chief executive, Robert Chen, said"."""
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        for ent in head.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= child.i < ent.end:
                return ent
    return None


def _turn_speaker(span: Span, index: PersonIndex) -> Resolution:
    """``JOEL BENENSON: ...``, ``Trump: ...``: the name that opens a transcript turn or a
    headline, which the small model seldom tags, matched against the article's people."""
    words = [t.text for t in span if t.is_alpha and t.lower_ not in index.lex.titles]
    if not words or not all(w.istitle() or w.isupper() for w in words):
        return Resolution(None, "unknown")
    person = index.lookup(words)
    if person is not None:
        return Resolution(person.name, "person")
    return Resolution(" ".join(w.title() if w.isupper() and len(w) > 1 else w for w in words), "person")


def _without_article(name: str) -> str:
    return name[4:] if name.lower().startswith("the ") else name
