"""What a speaker mention stands for when the sieve's earlier passes found nothing, read from
the sentences before it:

- an "it" that speaks when no organisation spoke: the organisation that is the subject just
  before it ("Acme Corp. announced layoffs on Monday. In a statement, it said ...");
- a bare quantifier ("Many said", "Some suggested"): the group of people that is the subject
  before it;
- a surname the recogniser tagged alone as an organisation or a nationality ("Cassidy said"
  after "Bruce Cassidy"); a place's possessive whose apostrophe was stripped ("Canadas"),
  which is no organisation.

The sieve resolves a subject found here as it resolves any mention.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..enrich import group_nouns
from .attribution import sentence_of
from .speakers import Person, PersonIndex

# Marks around a quotation, whose subjects are the speaker's, not the narration's.
QUOTE_MARKS = ('"', "“", "”")


def sentence_before(sent: Span) -> Span | None:
    """The sentence before one, passing over the paragraph breaks the parser makes sentences
    of their own ("\n\n"), or None at the start."""
    i = sent.start - 1
    while i >= 0:
        before = sentence_of(sent.doc[i])
        if not all(t.is_space for t in before):
            return before
        i = before.start - 1
    return None


def last_subject(part: Span, takes: Callable[[Token], bool]) -> Token | None:
    """The last subject of ``part`` outside quotation marks that ``takes`` accepts, or None."""
    found = None
    quoted = False
    for tok in part:
        if tok.text in QUOTE_MARKS:
            quoted = not quoted if tok.text == '"' else tok.text == "“"
        if not quoted and tok.dep_ in ("nsubj", "nsubjpass") and takes(tok):
            found = tok
    return found


def _organization(tok: Token, index: PersonIndex) -> bool:
    """A subject that names an organisation: a word of an ORG entity ("Acme Corp."), or a common
    noun of an organisation ("the company", ``organizations.txt``)."""
    if tok.ent_type_ == "ORG":
        return True
    return tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.lemma_.lower() in index.lex.organizations


def after_quotation(pronoun: Token) -> bool:
    """'"...," it said', '..., they said': a pronoun right after a comma or a closing mark, whose
    sentence before it is the quotation (its marks perhaps stripped), no narration to read its
    antecedent in."""
    i = pronoun.i
    return i > sentence_of(pronoun).start and pronoun.doc[i - 1].text in (",", *QUOTE_MARKS)


def organization_subject(pronoun: Token, index: PersonIndex) -> Token | None:
    """The head of the last subject outside quotation marks that names an organisation, before
    an "it" in its sentence (not after a comma: '..., it said' closes a quotation, its marks
    perhaps stripped), else in the sentence before; None when that sentence's last subject
    names none ("Acme hired Jane Roe. She ..."): no organisation further back."""
    sent = sentence_of(pronoun)
    doc = pronoun.doc
    parts = [] if after_quotation(pronoun) else [doc[sent.start : pronoun.i]]
    before = sentence_before(sent) if sent.start > 0 else None
    if before is not None:
        parts.append(before)
    for part in parts:
        found = last_subject(part, lambda tok: tok.pos_ != "PRON")
        if found is not None:
            return found if _organization(found, index) else None
    return None


# Quantifiers that speak for a group named before them: "Residents packed the meeting. Many
# said ..."
QUANTIFIERS = ("some", "many", "several", "most", "others", "few", "both")
# How many sentences back the group a quantifier speaks for may be named
_GROUP_SENTENCES = 3


def quantified_group(head: Token, index: PersonIndex) -> Token | None:
    """The head of the group a bare quantifier subject speaks for ("Many said", "Some
    suggested"): the last subject before it but "they" (the same group again), in its sentence
    or up to two sentences back, when that is people of a group noun (``groups.txt``) or a
    title's plural ("Program users report they prefer ... As well, they are concerned ... Some
    suggested"); None when it is anything else ("Prices rose. ... Many said"), or when the
    quantifier has words of its own ("some of the residents", "many voters")."""
    if head.lower_ not in QUANTIFIERS or any(c.dep_ not in ("punct",) for c in head.children):
        return None
    sent = sentence_of(head)
    part: Span | None = head.doc[sent.start : head.i]
    for _ in range(_GROUP_SENTENCES):
        if part is None:
            return None
        found = last_subject(part, lambda tok: tok.lower_ != "they")
        if found is not None:
            people = found.tag_ == "NNS" and found.pos_ == "NOUN" and not found.ent_type_ and (
                found.lower_ in group_nouns() or found.lemma_.lower() in index.lex.titles)
            return found if people else None
        part = sentence_before(sentence_of(part[0])) if len(part) else (
            sentence_before(sent) if sent.start > 0 else None)
    return None


def surname_tagged_organization(span: Span, index: PersonIndex, organizations: list[tuple[int, int]]) -> Person | None:
    """The person whose surname a one-word organisation or nationality tag is ("Cassidy said"
    after "Boston coach Bruce Cassidy", "DeBoer said" after "Peter DeBoer", the small model
    tagging the surname alone ORG or NORP): a capitalised word, not in capitals, that is
    the last word of a person named in full, and no word of a longer organisation name of the
    document ("Ford" beside "Ford Motor Co." stays the company). ``organizations``: the token
    ranges of the document's ORG entities."""
    words = [t for t in span if not t.is_punct and t.tag_ != "POS" and t.lower_ != "the"]
    if len(words) != 1 or not words[0].text[:1].isupper() or not words[0].is_alpha or words[0].is_upper:
        return None
    word = words[0]
    doc = span.doc
    alone = word.i + 1 == len(doc) or doc[word.i + 1].ent_iob_ != "I"
    if not (word.ent_type_ == "NORP" and word.ent_iob_ == "B" and alone
            or any(start == word.i and end == word.i + 1 for start, end in organizations)):
        return None
    if any(end - start > 1 and any(t.lower_ == word.lower_ for t in doc[start:end]) for start, end in organizations):
        return None
    person = index.lookup([word.text])
    if person is None or " " not in person.name or person.name.split()[-1].lower() != word.lower_:
        return None
    return person


def stripped_possessive(ent: Span, names: frozenset[str] | None = None) -> bool:
    """A one-word organisation tag that is another entity's name with an "s" run into it, the
    possessive of a text whose apostrophes were stripped ("Canadas call" for "Canada's call"
    beside "Canada"): no organisation of its own. ``names``: what :func:`entity_names` gives
    for the document, when the caller asks for many entities."""
    text = ent.text
    if len(ent) != 1 or len(text) < 3 or not text.endswith("s") or not text[:1].isupper():
        return False
    return text[:-1] in (entity_names(ent.doc) if names is None else names)


def entity_names(doc: Doc) -> frozenset[str]:
    """The texts of a document's places, nationalities, organisations and people."""
    return frozenset(e.text for e in doc.ents if e.label_ in ("GPE", "NORP", "LOC", "ORG", "PERSON"))
