"""The speaker sieve: each source mention resolved against the document's people
(``speakers.PersonIndex``) to a canonical name and a type, in passes from the most precise:

1. a transcript turn or headline name (``NAME: ...``);
2. a person's name inside the mention (the one holding its head; never a possessor, nor a
   name before a group noun); a text's possessor or issuer ("Foster's book", "a release
   from the union");
3. a proper name by full name, surname, stripped possessive or unique first name; an
   organisation by its fullest name in the document ("Suncor" for "Suncor Energy");
4. a pronoun: he/she to a person of that gender (the last speaker, the subject of the sentence
   before, a person the text gave that gender, the nearest), never to one whose honorific,
   gendered noun or first name says the other, or to the role that spoke; they to the plural
   subject before it; it/they to the organisation or group that spoke last;
5. a description: the nameless description it names again, the person introduced with the
   role (not for "a ..."), the person named as a subject just before or the one the article
   is about, an organisation inside it, one or a place whose name holds its noun ("the
   railway", "the city") or named just before ("the agency", "the report");
6. the description itself, a group (plural) or one person, scoped to its article.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..enrich import group_nouns, organization_words
from ..model import printable
from .antecedents import (
    after_quotation,
    entity_names,
    last_subject,
    organization_subject,
    quantified_group,
    sentence_before,
    stripped_possessive,
    surname_tagged_organization,
)
from .attribution import sentence_of
from .entities import inside
from .someone import aged, describes_someone, entity_type, stripped_owner
from .speakers import (
    ORG_LABELS,
    Person,
    PersonIndex,
    Resolution,
    credits_of,
    mention_tokens,
)

# How far back (tokens, about a paragraph) the last speaker stays the one a "he said" means.
LAST_SPEAKER_REACH = 150
# How far back (tokens) the person named as a subject is the one a description names again.
SUBJECT_REACH = 80


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
    group = quantified_group(head, index)
    if group is not None:  # "Residents packed the meeting. Many said ...": those residents
        found = _resolve(mention_tokens(group), index)
        if found.speaker_type == "group":
            return found
    if head.pos_ == "PRON" or low in index.lex.engine_words["subject_pronoun"]:
        gender = index.gender_of(low)
        if gender is not None and low in index.lex.engine_words["subject_pronoun"]:
            subject = _previous_subject(head, gender, index)
            person = subject or index.nearest_before(head.i, gender)
            last = index.last_speaker
            if (last is not None and person is not None and last[1] is not person
                    and not (subject is not None and subject.sex == gender)
                    and head.i - last[0] <= LAST_SPEAKER_REACH and last[1].sex == gender):
                # '"...," said Jane Roe. The mayor, John Doe, objected. "...," she added.': a
                # pronoun that says something again is the speaker before it, not whoever was
                # named last; but the subject of the sentence before, of the pronoun's gender,
                # is nearer ('"...," said Telford. In a release, McCallum expressed concern.
                # "...," he was quoted as saying')
                person = last[1]
            if person is not None:
                if person.gender is None and person.sex in (None, gender):
                    person.gender, person.gender_evidence = gender, "pronoun"
                index.note_mention(head.i, person)
                return Resolution(person.name, "person")
        described = index.last_description
        if (gender is not None and low in index.lex.engine_words["subject_pronoun"] and described is not None
                and head.i - described[0] <= LAST_SPEAKER_REACH):
            # "The leader said ..., but he emphasized ...": nobody named, the role that spoke
            return described[1]
        if low == "they":
            antecedent = _plural_subject(head, index)
            if antecedent is not None:
                # "Republican senators are eager to move on, and they say ...": the plural subject
                # of the pronoun's sentence, or of the sentence before, not the group that spoke last
                found = _resolve(mention_tokens(antecedent), index)
                if found.speaker is not None and found.speaker_type in ("group", "organization"):
                    return found
        collective = index.last_collective
        if (low in ("they", "it") and collective is not None and head.i - collective[0] <= LAST_SPEAKER_REACH
                and (low == "they" or collective[1].speaker_type == "organization")):
            # "The union said ... It added", "Protesters said ... They said": the organisation
            # or group that spoke last
            return collective[1]
        subject = organization_subject(head, index) if low == "it" else None
        if subject is not None:
            # "Acme Corp. announced layoffs. In a statement, it said": no organisation spoke
            # before, but one is the subject just before the pronoun
            found = _resolve(mention_tokens(subject), index)
            if found.speaker is not None and found.speaker_type == "organization":
                return found
        speaks = gender is not None and low in index.lex.engine_words["subject_pronoun"]
        return Resolution(None, "person" if speaks or low in index.lex.engine_words["writer"] else "unknown")
    doc = head.doc
    span = doc[tokens[0].i : tokens[-1].i + 1]
    if span.end < len(doc) and doc[span.end].text == ":" and head.ent_type_ not in ("NORP", "GPE", "LOC", "ORG"):
        turn = _turn_speaker(span, index)
        if turn.speaker is not None:
            return turn
    owner = _possessor(head)
    if owner and _document(head, index):
        # "according to Foster's book", "the union's Friday release": a text speaks for whoever
        # it belongs to (unlike "Smith's lawyers" or "Smith's office")
        possessor = next(c for c in head.children if c.dep_ == "poss")
        if possessor.pos_ != "PRON":
            found = _resolve(mention_tokens(possessor), index)
            if found.speaker is not None:
                return found
    author = stripped_owner(head, index) if not owner and _document(head, index) else None
    if author is not None:  # "according to Roes book": a possessive whose apostrophe was stripped
        return Resolution(author.name, "person")
    persons = [Span(doc, start, end, label="PERSON") for start, end in _person_entities(doc)
               if start >= span.start and end <= span.end and not (owner and start in owner)]
    if persons and head.pos_ == "NOUN" and _group_noun(head) and not any(e.start <= head.i < e.end for e in persons):
        persons = []  # "Surrey staff", "Smith supporters": the people of a name, not the name
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
    again = _named_again(span, head, index)
    if again is not None:
        # '"...," a justice official said. ... The justice official told reporters': the
        # description that spoke, not a person of that role or the one the article is about
        return again
    if aged(span, head):  # "said the 34-year-old": the person named as a subject just before
        person = _person_described(span, head, lemma, index)
        return Resolution(person.name, "person") if person is not None else _described(span, head, index)
    by_noun = _named_by_noun(span, head)
    if head.pos_ == "NOUN" and lemma not in index.lex.titles and head.tag_ in ("NN", "NNS") and by_noun is None:
        # "the coach", introduced before as "Jane Roe, the team's coach"; "the affable proprietor"
        person = _person_described(span, head, lemma, index)
        if person is not None:
            return Resolution(person.name, "person")
    if lemma in index.lex.titles:  # a description: "the authoritarian leader of X"
        person = _person_described(span, head, lemma, index)  # "the lanky, bespectacled professor"
        if person is not None:
            return Resolution(person.name, "person")
        # "the minister told reporters", "a spokeswoman for the agency": with nobody introduced
        # so, the role itself is the speaker (never the organisation it speaks for)
        return _described(span, head, index)
    person = surname_tagged_organization(span, index, _organizations(doc))
    if person is not None:  # "Cassidy said" after "Bruce Cassidy", the surname alone tagged ORG
        return Resolution(person.name, "person")
    orgs = [e for e in doc.ents if e.label_ in ORG_LABELS and e.start <= head.i < e.end and entity_type(head)]
    if not orgs and (lemma in index.lex.source_nouns or lemma in index.lex.hearsay_sources):
        # "A statement from the EU", "The RCMP statement": the organisation whose text it is
        orgs = [e for e in doc.ents if e.label_ in ORG_LABELS and span.start <= e.start and e.end <= span.end]
    if orgs:
        name = _without_article(orgs[0].text)
        return Resolution(_organization_name(doc, name) if orgs[0].label_ == "ORG" else name, "organization")
    issuer = _issuer(head) if _document(head, index) and not owner else None
    if issuer is not None:
        # "A release sent to media from the union late Friday said", "a statement released by
        # the Prime Minister's Office": whoever the text came from
        if issuer.label_ == "PERSON":
            person = index.lookup(index.name_words(issuer))
            return Resolution(person.name if person is not None else " ".join(index.name_words(issuer)), "person")
        name = _without_article(printable(issuer.text))
        return Resolution(_organization_name(doc, name) if issuer.label_ == "ORG" else name, "organization")
    if _document(head, index) and not owner and not any(t.pos_ == "PROPN" for t in span):
        # "a document released by the railway ... The white paper says": a text nobody is said
        # to have written is the organisation's named last
        named = _last_organization(doc, head.i)
        if named is not None:
            return Resolution(named, "organization")
    if lemma in index.lex.organizations or " ".join(words[-2:]) in index.lex.organizations or by_noun is not None:
        named = by_noun if by_noun is not None else _organization_before(span, head)
        if named is not None:  # "TransLink said ... The agency said": the organisation named last
            return Resolution(named, "organization")
        return Resolution(_without_article(span.text), "organization")
    if head.pos_ == "NOUN" and _human_noun(head, index):
        # "protesters", "several lawyers", "McCallum's staff": no name found, so the
        # description itself is the speaker, a group (plural) or one person, of its article
        return _described(span, head, index)
    return Resolution(None, "unknown")


# How far back (tokens) an organisation named stays the one "the agency" or "it" means.
ORGANIZATION_REACH = 400


def _person_described(span: Span, head: Token, lemma: str, index: PersonIndex) -> Person | None:
    """The person a description names again, noted as that person's mention: the one introduced
    with that role ("the coach" after "Jane Roe, the team's coach"; never for "a veteran
    engineer", which brings in someone new), else, for a feature's way of naming again the
    person it is about ("the affable proprietor", "the rookie defenceman"), the one named in
    full as a subject just before, else the one named most often so far."""
    person = None if span[0].lower_ in ("a", "an", "another") else index.by_role([lemma], head.i)
    if person is None and (describes_someone(head, index, _document(head, index)) or aged(span, head)):
        person = index.recent_subject(head.i, SUBJECT_REACH) or index.protagonist(head.i)
    if person is not None:
        index.note_mention(head.i, person)
    return person


def _organization_before(span: Span, head: Token) -> str | None:
    """The organisation a definite description stands for ("the agency", "the company") when
    no organisation named before holds its noun (``_named_by_noun``): the one named last before
    it, when the description names none itself (a place may stand in it: "the Calgary-based
    railway", "the B.C. utility")."""
    if not span or span[0].lower_ != "the" or any(t.pos_ == "PROPN" and t.ent_type_ not in PLACE_LABELS for t in span):
        return None
    named = _last_organization(span.doc, head.i)
    # "The Canadian government" after "the Australian Government": a description with a
    # capitalised word of its own names its own organisation
    return named if named is not None and _own_words(span, head) <= set(named.lower().split()) else None


def _own_words(span: Span, head: Token) -> set[str]:
    """Capitalised adjectives and names that modify a description's head ("Canadian" in "The
    Canadian government"; not "Calgary" in "The Calgary-based railway", nor "Calgarybased",
    a participle, once its dash is stripped), lower case."""
    return {t.lower_ for t in span[1:] if t.head.i == head.i and t.text[:1].isupper() and t.pos_ in ("ADJ", "PROPN")}


def _named_by_noun(span: Span, head: Token) -> str | None:
    """The organisation named before whose name holds a definite description's head noun:
    "the railway" or "The Calgary-based railway" after "Canadian Pacific Railway", "the board"
    after "the Transportation Safety Board" (the most recent such one, within reach)."""
    if not span or span[0].lower_ != "the" or head.tag_ != "NN" or head.pos_ != "NOUN":
        return None
    doc = span.doc
    # "The Canadian government" is not "the Australian Government": a capitalised word that
    # modifies the head must be in the name ("Calgary" in "The Calgary-based railway" does not)
    own = _own_words(span, head)
    found = None
    # an organisation's name, or a place's that holds such a noun ("the city" after "the City
    # of Surrey")
    for start, end in _named_entities(doc):
        if start >= head.i:
            break
        words = {t.lower_ for t in doc[start:end]}
        if head.i - start <= ORGANIZATION_REACH and own <= words and any(
                t.lower_ == head.lower_ and t.pos_ == "PROPN" for t in doc[start:end]):
            found = (start, end)
    return None if found is None else _organization_name(doc, _without_article(printable(doc[found[0]:found[1]].text)))


def _last_organization(doc: Doc, before: int) -> str | None:
    found = None
    for start, end in _organizations(doc):
        if start >= before:
            break
        if before - start <= ORGANIZATION_REACH:
            found = (start, end)
    return None if found is None else _organization_name(doc, _without_article(printable(doc[found[0]:found[1]].text)))


def _organization_name(doc: Doc, name: str) -> str:
    """An organisation's fullest name in the document: "Suncor" for "Suncor Energy" named
    before or after, "EDC" for "Export Development Canada"; the name as it is when no other,
    or several, fit, or when the longer one only adds a legal form ("Acme" for "Acme Corp.")."""
    words = name.split()
    if not words:
        return name
    acronym = len(words) == 1 and 2 <= len(name) <= 6 and name.isupper() and name.isalpha()
    names = [_without_article(printable(doc[start:end].text)).split() for start, end in _organizations(doc)]
    if len(words) > 1 and words[-1].endswith("s") and words[:-1] + [words[-1][:-1]] in names:
        # "Canadian Pacific Railways": a possessive whose apostrophe was stripped
        words = words[:-1] + [words[-1][:-1]]
        name = " ".join(words)
    fits = set()
    for other in names:
        if len(other) <= len(words):
            continue
        if other[: len(words)] == words and not all(w.lower() in organization_words() for w in other[len(words):]) \
                or acronym and "".join(w[0] for w in other if w[:1].isupper()) == name:
            fits.add(" ".join(other))
    if not fits:
        return name
    longest = max(fits, key=len)
    # "Suncor Energy" and "Suncor Energy Inc." are one organisation; "Rogers Media" and
    # "Rogers Communications" are two, and "Rogers" stays as it is
    return longest if all(longest.startswith(f) for f in fits) else name


_ORGS_KEY = "quotegraph.rules.organization_entities"
PLACE_LABELS = ("GPE", "LOC", "NORP")


def _organizations(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the Doc's ORG entities, in text order, found once per parse."""
    found = doc.user_data.get(_ORGS_KEY)
    if found is None:
        credits = credits_of(doc)
        names = entity_names(doc)
        found = doc.user_data[_ORGS_KEY] = [(e.start, e.end) for e in doc.ents if e.label_ == "ORG"
                                            and not inside(credits, e.start_char, e.end_char)
                                            and not stripped_possessive(e, names)]  # "Canadas" for "Canada's"
    return found




def _issuer(head: Token) -> Span | None:
    """The organisation or person a text came from, named after it by "from" or "by", on the
    text itself or on the participle after it ("a release sent to media from X", "a report by
    X"), or None."""
    links = [head] + [c for c in head.rights if c.dep_ == "acl"]
    for link in links:
        for prep in link.rights:
            if prep.dep_ != "prep" or prep.lower_ not in ("from", "by"):
                continue
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                for ent in head.doc.ents:
                    if ent.start <= obj.i < ent.end and (ent.label_ in ORG_LABELS or ent.label_ == "PERSON"):
                        after = head.doc[ent.end] if ent.end < len(head.doc) else None
                        if after is not None and after.like_num and ent.start <= after.head.i < ent.end:
                            # "Workers Union Local 832": the number is part of the name
                            return Span(head.doc, ent.start, ent.end + 1, label=ent.label_)
                        return ent
    return None


_NAMED_KEY = "quotegraph.rules.organization_and_place_entities"


def _named_entities(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the organisations and places (GPE) of a Doc, in text order, once per parse."""
    found = doc.user_data.get(_NAMED_KEY)
    if found is None:
        found = doc.user_data[_NAMED_KEY] = sorted(_organizations(doc) + [(e.start, e.end) for e in doc.ents
                                                                          if e.label_ == "GPE"])
    return found


def _document(head: Token, index: PersonIndex) -> bool:
    """A text that speaks for whoever issued it: "the report", "a white paper", "the findings"."""
    words = (head.lemma_.lower(), head.lower_)
    return any(w in index.lex.engine_words["document_nouns"] or w in index.lex.source_nouns
               or w in index.lex.hearsay_sources for w in words)


def _described(span: Span, head: Token, index: PersonIndex) -> Resolution:
    """The description itself as the speaker, or the one it names again: "the person" after
    "a person familiar with the talks" spoke."""
    lemma = head.lemma_.lower()
    plural = head.tag_ in ("NNS", "NNPS") or _group_noun(head)  # "staff", "police" are many
    key = f"{lemma}/{plural}"  # "the official" names again "a justice official", not "officials"
    if span[0].lower_ in index.lex.engine_words["definite"] and key in index.described:
        return index.described[key]
    res = Resolution(_description(span, head), "group" if plural else "person")
    if span[0].lower_ not in index.lex.engine_words["definite"]:
        index.described.setdefault(key, res)
    return res


def _named_again(span: Span, head: Token, index: PersonIndex) -> Resolution | None:
    """A definite description with the head and number of one that spoke before with no name
    ("the official" after "a justice official said"), or None."""
    if head.pos_ != "NOUN" or not span or span[0].lower_ not in index.lex.engine_words["definite"]:
        return None
    return index.described.get(f"{head.lemma_.lower()}/{head.tag_ in ('NNS', 'NNPS') or _group_noun(head)}")


def _possessor(head: Token) -> set[int]:
    """Token indices of the possessor of a common noun: "X's" in "X's lawyers", "X's office"
    (whose words are X's, not X's own)."""
    if head.pos_ != "NOUN":
        return set()
    return {t.i for child in head.children if child.dep_ == "poss" for t in child.subtree}


def _group_noun(head: Token) -> bool:
    """A noun for people speaking as a group (``groups.txt``): "staff", "residents"."""
    return head.lower_ in group_nouns() or head.lemma_.lower() in group_nouns()


def _human_noun(head: Token, index: PersonIndex) -> bool:
    """A common noun that can speak: not a document ("the report"), a thing or a pronoun."""
    for word in (head.lemma_.lower(), head.lower_):  # "data" has the lemma "datum"
        if word in index.lex.source_nouns or word in index.lex.hearsay_sources:
            return False
    return head.tag_ in ("NN", "NNS") and not head.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL")


# What a description's name keeps after its head: "a person familiar with the talks", "an
# expert cited in the report", "people arrested last week"; not a relative clause or an appositive.
DESCRIPTION_MODIFIERS = ("prep", "amod", "acl", "pobj", "npadvmod")


def _description(span: Span, head: Token | None = None) -> str:
    """A description as a speaker's name: its words with the modifiers after its head, without
    edge punctuation."""
    end = span.end
    if head is not None:
        for child in head.rights:
            if child.dep_ not in DESCRIPTION_MODIFIERS or child.i != end and child.i > end + 1:
                break
            end = max(end, child.right_edge.i + 1)
        cut = next((t.i for t in span.doc[span.end : end] if t.dep_ in ("cc", "conj") or t.is_punct), end)
        end = cut if end - span.start <= 12 else span.end  # longer: a clause, not a name
    return printable(span.doc[span.start : end].text).strip(" ,;:.\"“”‘’'")


def _untagged_name(span: Span, index: PersonIndex) -> Span | None:
    """A speaker's name the entity recogniser left untagged: two to four capitalised words,
    no title or organisation word among them, inside no organisation or place."""
    words = [t for t in span if not t.is_punct and t.tag_ != "POS"]
    titled = next((k for k in range(len(words) - 1, -1, -1) if words[k].lower_ in index.lex.titles), None)
    if titled is not None:
        # "Hereditary Chief Na'moks", "Coach Smith": the words after a title are a name
        words = words[titled + 1 :]
        if not 1 <= len(words) <= 3 or not all(_name_word(t) for t in words):
            return None
    elif not 2 <= len(words) <= 4 or not all(t.is_title and t.is_alpha for t in words):
        return None
    # after a title, a name the recogniser swallowed into an organisation with its people's name
    # ("Wet'suwet'en Hereditary Chief Na'moks" tagged ORG) is still a person's
    tagged = ("LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW") if titled is not None else \
        tuple(ORG_LABELS) + ("LOC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW")
    if any(t.ent_type_ in tagged or t.lower_ in index.lex.titles or t.lower_ in organization_words() for t in words):
        return None
    return span.doc[words[0].i : words[-1].i + 1]


def _previous_subject(pronoun: Token, gender: str, index: PersonIndex) -> Person | None:
    """The person named as the subject of the sentence before a pronoun's, when of a gender
    that agrees: 'Mulder didn't hesitate. "It's this," he said.' (subject position is salient)."""
    sent = sentence_of(pronoun)
    if sent.start == 0:
        return None
    before = sentence_before(sent)
    if before is None:
        return None
    if all(t.dep_ in ("dep", "ROOT", "") for t in before):
        # a paragraph left unparsed (no cue in it, see ``run.selective``): the name that opens a
        # clause and is followed by a lower-case word ("In a release, Doug McCallum expressed")
        doc = before.doc
        for start, end in _person_entities(doc):
            if not before.start <= start < before.end or end >= before.end:
                continue
            opens = start == before.start or doc[start - 1].is_punct
            if opens and doc[end].is_lower and doc[end].is_alpha:
                person = index.lookup(index.name_words(doc[start:end]))
                if person is not None and person.sex in (None, gender):
                    return person
        return None
    for tok in before:
        if tok.dep_ in ("nsubj", "nsubjpass") and tok.pos_ == "PROPN" and tok.ent_type_ not in ("ORG", "NORP"):
            # a person's name, even one the recogniser took for a place ("Mulder didn't hesitate")
            person = index.lookup(index.name_words(before.doc[tok.i : tok.i + 1]))
            if person is None or person.sex not in (None, gender):
                continue
            if tok.ent_type_ == "PERSON" or " " in person.name and all(w[:1].isupper() for w in person.name.split()):
                # untagged or tagged a place, the word must be the surname of someone named in
                # full ("Canada" is not the person "the Birth of Modern Canada")
                return person
    return None


def _plural_subject(pronoun: Token, index: PersonIndex) -> Token | None:
    """The head of the last plural subject that can speak before "they" in its sentence, else
    in the sentence before ("The Conservatives believe ...; they say"), or None: people of a
    group noun ("residents") or a title ("senators"), or a party ("Conservatives")."""
    sent = sentence_of(pronoun)
    spans = [] if after_quotation(pronoun) else [pronoun.doc[sent.start : pronoun.i]]
    if sent.start > 0:
        before = sentence_before(sent)
        if before is not None:
            spans.append(before)
    for part in spans:
        found = last_subject(part, lambda tok: tok.tag_ in ("NNS", "NNPS") or any(
            c.dep_ == "conj" for c in tok.children))
        if found is not None:
            # the nearest plural subject is the antecedent; when it is no group that speaks
            # ("owners Jane Roe and John Doe", "sales"), nobody further back is
            speaks = found.ent_type_ != "PERSON" and not any(c.dep_ == "conj" for c in found.children) and (
                found.tag_ == "NNPS" and found.pos_ == "PROPN" or found.tag_ == "NNS" and found.pos_ == "NOUN" and (
                    found.lower_ in group_nouns() or found.lemma_.lower() in index.lex.titles))
            return found if speaks else None
    return None


def _name_word(tok: Token) -> bool:
    """A word a name is made of: capitalised letters, with an apostrophe or hyphen inside ("Na'moks")."""
    letters = tok.text.replace("'", "").replace("’", "").replace("-", "")
    return tok.text[:1].isupper() and letters.isalpha() and tok.pos_ == "PROPN"


def _appositive_name(head: Token) -> Span | None:
    """The person's name set beside a description: "The chief executive, Robert Chen, said"."""
    for child in head.rights:
        if child.dep_ != "appos":
            continue
        for ent in head.doc.ents:
            if ent.label_ == "PERSON" and ent.start <= child.i < ent.end:
                return ent
        if (child.pos_ == "PROPN" and not child.ent_type_ and child.is_title and child.is_alpha
                and child.i + 1 < len(head.doc) and head.doc[child.i + 1].is_punct
                and not any(c.dep_ not in ("punct",) for c in child.children)):
            # "Smith's father, Joseph, says": a first name alone, set off by commas, that the
            # recogniser left untagged
            return head.doc[child.i : child.i + 1]
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
    """An organisation's name without "the" before it or a possessive after it ("the Railway's")."""
    name = name[4:] if name.lower().startswith("the ") else name
    for ending in ("'s", "’s", "'", "’"):
        if name.endswith(ending) and len(name) > len(ending) + 1:
            return name[: -len(ending)]
    return name
