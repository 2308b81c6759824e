"""Claims: every assertion of a document, with its claimant, two learned scores and the rules' evidence.

A claim is a checkable assertion about the world: a quantity (a value, a change, a comparison, a
ranking), a cause, a law or rule, a prediction, or another fact that evidence can settle.
Questions, greetings, opinions, personal experience and procedure are not claims. Claims inside
a quote's content are the speaker's, cut to the asserted content; the article's own narrative
is the publication's (``assertions``).

Each rule is a *feature*: a family name ("money", "hedge", ...) and the words that fired it
(evidence ``"money:$4.2 billion"``, what a checker reads). The families, with the claim's words,
feed two learned logistic regressions (``scoring``): ``checkworthiness`` (is there a factual
claim that evidence could settle? ``checkworthy`` is ``checkworthiness >= threshold``) and
``score`` (would a fact-checker pick it? for ranking). The word lists are
``quotes/lexicons/claims_*.txt``, the weights ``quotes/lexicons/claims_weights.json``.

Limits: a claim is judged alone, without the sentences around it ("It has been very effective."
is a claim only in context); the weights were learned on debate transcripts, not news.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ..enrich import assign_topics, find_places, place_mention, split_kinds
from ..lexicon import LexiconError, lexicon_cache, lexicon_texts, load_lexicons, validated_on_change
from ..model import Document, Mention, Quote, Topic
from ..text import lines
from .assertions import claim_pieces
from .claimants import Turns, narrative_claimant, publication_site, quote_claimant, turn_claimant
from .context import context_features
from .dense import span_vector
from .scoring import load_claim_models, model_features

CLAIM_TYPES = ("quantity", "causal", "rule", "prediction", "other")

# The default threshold of ``checkworthiness``: the weights file moves its bias so that the best-F1
# threshold on ClaimBuster (out of fold) reads 0.5.
DEFAULT_THRESHOLD = 0.5

# Families that make a claim a quantity claim: values, then changes, comparisons and rankings.
_NUMBER_FAMILIES = frozenset({"number", "count", "percent", "money"})
_QUANTITY_FAMILIES = _NUMBER_FAMILIES | {"comparative", "superlative", "change"}
_NUMERIC_LABELS = {"CARDINAL": "number", "QUANTITY": "number", "PERCENT": "percent", "MONEY": "money"}
# Named entities by family: places and peoples, organisations and laws, people.
_NAMED_LABELS = {
    "GPE": "place", "LOC": "place", "NORP": "place", "FAC": "place",
    "ORG": "organization", "LAW": "organization", "EVENT": "organization", "PRODUCT": "organization",
    "PERSON": "person",
}
# Scale words make a number a large quantity even when spelled out: "millions of people".
_SCALE_WORDS = frozenset({"dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "million",
                          "millions", "billion", "billions", "trillion", "trillions"})
_SUBJECTS = ("nsubj", "nsubjpass", "expl")
_FIRST_PERSON = frozenset({"i", "we"})
_SHORT_WORDS = 5  # "Thank you so much." is short; so, alas, is "Murders are up."
_LONG_WORDS = 20
_ENTRY = re.compile(r"^[a-z0-9'][a-z0-9' .-]*$")
# Family -> lexicon file. Phrase lists match anywhere; word lists are read by the rules below.
_LEXICON_FILES = {
    "change": "claims_change_verbs.txt",
    "causal": "claims_causal.txt",
    "prediction": "claims_prediction.txt",
    "rule": "claims_legal.txt",
    "record": "claims_record_verbs.txt",
    "absolute": "claims_absolutes.txt",
    "hedge": "claims_hedges.txt",
    "normative": "claims_normative.txt",
    "greeting": "claims_greetings.txt",
    "procedure": "claims_procedure.txt",
    "evaluative": "claims_evaluative.txt",
    "experience": "claims_experience_verbs.txt",
    "measure": "claims_measures.txt",
}
_PHRASE_FAMILIES = ("change", "causal", "prediction", "rule", "record", "absolute", "hedge", "normative",
                    "greeting", "procedure")
_TEXT_ONLY_FAMILIES = ("greeting",)  # "welcome", not "welcomed the deal"
_VERB_FAMILIES = ("change", "record")  # "cut" and "vote" as verbs or nouns, never as adjectives


@dataclass(frozen=True)
class Claim:
    """One candidate claim: a sentence of a document with its claimant, score and evidence.

    ``start``/``end`` are offsets into the document's text: ``text == document.text[start:end]``.
    """

    claim_id: str
    doc_id: str
    text: str
    start: int
    end: int
    claimant: str | None
    claimant_type: str
    quote_id: str | None
    checkworthy: bool
    checkworthiness: float
    score: float
    claim_type: str
    evidence: tuple[str, ...] = ()
    countries: tuple[Mention, ...] = ()
    topics: tuple[Topic, ...] = ()
    title: str | None = None
    date: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSONL record: field order is the schema's order."""
        return {
            "claim_id": self.claim_id,
            "doc_id": self.doc_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "claimant": self.claimant,
            "claimant_type": self.claimant_type,
            "quote_id": self.quote_id,
            "checkworthy": self.checkworthy,
            "checkworthiness": round(self.checkworthiness, 3),
            "score": round(self.score, 3),
            "claim_type": self.claim_type,
            "evidence": list(self.evidence),
            "countries": [m.to_dict() for m in self.countries],
            "topics": [t.to_dict() for t in self.topics],
            "title": self.title,
            "date": self.date,
            "url": self.url,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> Claim:
        """Read a record back from the JSONL that ``to_dict`` wrote."""
        return cls(
            claim_id=str(d["claim_id"]),
            doc_id=str(d["doc_id"]),
            text=d["text"],
            start=int(d["start"]),
            end=int(d["end"]),
            claimant=d.get("claimant"),
            claimant_type=d.get("claimant_type", "unknown"),
            quote_id=d.get("quote_id"),
            checkworthy=bool(d.get("checkworthy", False)),
            checkworthiness=float(d.get("checkworthiness", 0.0)),
            score=float(d.get("score", 0.0)),
            claim_type=d.get("claim_type", "other"),
            evidence=tuple(d.get("evidence", ())),
            countries=tuple(Mention(**m) for m in d.get("countries", ())),
            topics=tuple(
                Topic(t["id"], t["label"], t.get("iptc"), tuple(t.get("evidence", ())))
                for t in d.get("topics", ())
            ),
            title=d.get("title"),
            date=d.get("date"),
            url=d.get("url"),
        )


# --- lexicons -----------------------------------------------------------------------------


@dataclass(frozen=True)
class PhraseList:
    """The entries of one lexicon file; a phrase is a tuple of lowercase words."""

    name: str
    phrases: frozenset[tuple[str, ...]]

    @cached_property
    def words(self) -> frozenset[str]:
        """The one-word entries."""
        return frozenset(p[0] for p in self.phrases if len(p) == 1)

    @cached_property
    def _by_first(self) -> dict[str, list[tuple[str, ...]]]:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(self.phrases, key=lambda p: (-len(p), p)):
            index.setdefault(phrase[0], []).append(phrase)
        return index

    def find(self, tokens: Sequence[Token], lemmas: bool = True) -> Iterator[tuple[int, int]]:
        """``(i, j)`` for each ``tokens[i:j]`` that matches an entry, the longest at each ``i``.

        A word matches a token's lowercased text or, with ``lemmas``, its lemma ("sanctions"
        matches ``sanction``); a person's name never matches ("Bill" is not a bill).
        """
        forms = [(_plain(t.lower_), _plain(t.lemma_.lower() if lemmas else t.lower_)) for t in tokens]
        people = [t.ent_type_ == "PERSON" for t in tokens]
        for i, (lower, lemma) in enumerate(forms):
            candidates = self._by_first.get(lower, [])
            if lemma != lower:
                candidates = sorted(candidates + self._by_first.get(lemma, []), key=len, reverse=True)
            for phrase in candidates:
                j = i + len(phrase)
                if j <= len(tokens) and not any(people[i:j]) and all(
                    word in forms[k] for k, word in zip(range(i + 1, j), phrase[1:])
                ):
                    yield i, j
                    break


@dataclass(frozen=True)
class ClaimLexicons:
    """Every ``claims_*.txt`` lexicon, keyed by the feature family it feeds."""

    lists: Mapping[str, PhraseList]

    def __getitem__(self, family: str) -> PhraseList:
        return self.lists[family]


def read_phrase_list(name: str, text: str) -> PhraseList:
    """Parse one lexicon file: an entry a line, ``#`` comments; ``LexiconError`` names a bad line."""
    phrases: set[tuple[str, ...]] = set()
    for number, line in enumerate(lines(text), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if not _ENTRY.match(entry):
            raise LexiconError(f"{name}:{number}: entries are lowercase words, got {line!r}")
        key = tuple(entry.split())
        if key in phrases:
            raise LexiconError(f"{name}:{number}: duplicate entry {entry!r}")
        phrases.add(key)
    if not phrases:
        raise LexiconError(f"{name}: no entries")
    return PhraseList(name, frozenset(phrases))


@validated_on_change
@lexicon_cache
def load_claim_lexicons() -> ClaimLexicons:
    """Read and validate the claim lexicons once per process (a lexicon folder's entries added)."""
    families = {}
    for family, name in _LEXICON_FILES.items():
        lists = [read_phrase_list(label, text) for label, text in lexicon_texts(name)]
        families[family] = PhraseList(name, frozenset().union(*(p.phrases for p in lists)))
    return ClaimLexicons(families)


@lexicon_cache
def _speech_verbs() -> frozenset[str]:
    """Cue verbs of speech from the quote engine's lexicon ("say", "call", "deny", ...)."""
    return frozenset(v.lemma for v in load_lexicons().cue_verbs.values() if v.act == "speech")


# --- sentences and features ---------------------------------------------------------------


def sentence_segments(sdoc: Doc | SpacySpan) -> Iterator[SpacySpan]:
    """The parser's sentences, also cut at line breaks, without surrounding whitespace.

    Scraped articles put one paragraph a line and the parser sometimes runs a sentence over the
    break; a segment with no word in it ("..") is dropped.
    """
    doc = sdoc if isinstance(sdoc, Doc) else sdoc.doc
    for sent in sdoc.sents:
        begin = sent.start
        for tok in sent:
            if tok.is_space and "\n" in tok.text:
                yield from _trimmed(doc, begin, tok.i)
                begin = tok.i + 1
        yield from _trimmed(doc, begin, sent.end)


def _trimmed(doc: Doc, begin: int, end: int) -> Iterator[SpacySpan]:
    while begin < end and doc[begin].is_space:
        begin += 1
    while end > begin and doc[end - 1].is_space:
        end -= 1
    if any(t.is_alpha for t in doc[begin:end]):
        yield doc[begin:end]


Feature = tuple[str, str]  # (family, words that fired it)


def sentence_features(span: SpacySpan, lexicons: ClaimLexicons | None = None) -> list[tuple[str, str]]:
    """``(family, evidence)`` for every rule that fires on a sentence, without repeats.

    Evidence reads ``family:words``, e.g. ``("money", "money:$4.2 billion")``.
    """
    lex = lexicons or load_claim_lexicons()
    tokens = [t for t in span if not t.is_space]
    found: list[tuple[str, str]] = []
    for rule in (_entities(span, tokens), _comparisons(tokens), _phrases(tokens, lex),
                 _voices(tokens, lex), _clause_forms(tokens)):
        for family, words in rule:
            item = (family, f"{family}:{words}")
            if item not in found:
                found.append(item)
    return found


def _entities(span: SpacySpan, tokens: Sequence[Token]) -> Iterator[Feature]:
    """Quantities, dates and names.

    "more than 12,000 people", "$4.2 billion", "4 percent", and digits the recogniser missed;
    "one of the ..." is not a quantity, nor "S-400" in "the S-400 system". A name with a precise
    date is a checkable event: "Portugal held an election in March 2024".
    """
    covered: set[int] = set()
    names: list[str] = []
    dates: list[str] = []
    quantities = 0
    for ent in span.ents:
        covered.update(range(ent.start, ent.end))
        if ent.label_ in _NUMERIC_LABELS and ent.text.lower() != "one":
            quantities += 1
            family = _NUMERIC_LABELS[ent.label_]
            if family == "number" and not any(_is_large(t) for t in ent):
                family = "count"  # "two people", "three times": a count, weaker than "12,000"
            yield family, ent.text
        elif ent.label_ == "DATE":
            yield "date", ent.text
            if any(t.like_num or t.pos_ == "PROPN" for t in ent):  # not "today", "years"
                dates.append(ent.text)
        elif ent.label_ in _NAMED_LABELS:
            yield _NAMED_LABELS[ent.label_], ent.text
            names.append(ent.text)
    for tok in tokens:
        if tok.i not in covered and _is_large(tok):
            quantities += 1
            yield "number", tok.text
    if quantities >= 2:  # "from 12 percent to 20 percent"
        yield "numbers", str(quantities)
    if names and dates:
        yield "dated_entity", f"{names[0]} / {dates[0]}"


def _is_large(tok: Token) -> bool:
    """Digits or a scale word: "12,000", "4.2", "millions"."""
    return any(c.isdigit() for c in tok.text) or tok.lower_ in _SCALE_WORDS


def _comparisons(tokens: Sequence[Token]) -> Iterator[Feature]:
    """Comparisons and rankings by their tags: "more nurses", "the worst deal ever"."""
    for tok in tokens:
        if tok.tag_ in ("JJR", "RBR"):
            yield "comparative", tok.lower_
        elif tok.tag_ in ("JJS", "RBS"):
            yield "superlative", tok.lower_


def _phrases(tokens: Sequence[Token], lex: ClaimLexicons) -> Iterator[Feature]:
    """The phrase lexicons; a forecast whose subject is "I" or "we" is a promise instead.

    "prices will rise" is a prediction; "we will cut taxes" is the speaker's promise.
    """
    for family in _PHRASE_FAMILIES:
        for i, j in lex[family].find(tokens, lemmas=family not in _TEXT_ONLY_FAMILIES):
            if family in _VERB_FAMILIES and tokens[i].pos_ not in ("VERB", "NOUN"):
                continue
            words = " ".join(_shown(t) for t in tokens[i:j])
            if family == "prediction" and _is_first_person(_subject(tokens[i])):
                yield "promise", words
            else:
                yield family, words
    evaluative = lex["evaluative"].words
    for tok in tokens:
        if tok.pos_ == "ADJ" and tok.lemma_.lower() in evaluative:  # "a wonderful plan"
            yield "evaluative", tok.lower_
    measures = lex["measure"].words
    for tok in tokens:  # "wages are rising": a quantity without a number
        if tok.pos_ == "NOUN" and (tok.lemma_.lower() in measures or _plain(tok.lower_) in measures):
            yield "measure", tok.lower_


def _voices(tokens: Sequence[Token], lex: ClaimLexicons) -> Iterator[Feature]:
    """Who the sentence is about and whose words it reports.

    "I love this country" is experience; "she called it the gold standard" attributes words to
    someone else; "the ministry closed the border" has a named subject.
    """
    speech = _speech_verbs()
    experience = lex["experience"].words
    for tok in tokens:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in speech:
            subject = _subject(tok)
            if subject is not None and not _is_first_person(subject):
                yield "attributed", f"{subject.lower_} {tok.lower_}"
        if tok.dep_ in _SUBJECTS and _is_first_person(tok):
            if tok.head.lemma_.lower() in experience:
                yield "experience", f"{tok.lower_} {tok.head.lower_}"
            if _is_root(tok.head, tokens):
                yield "first_person", tok.lower_
        elif tok.dep_ in _SUBJECTS and _is_root(tok.head, tokens) and tok.pos_ in ("PROPN", "NOUN"):
            yield "named_subject", tok.lower_


def _clause_forms(tokens: Sequence[Token]) -> Iterator[Feature]:
    """Tense, mood and length: past events, conditions, questions, commands, short and long."""
    # An event told in the past: "he approved NAFTA", "the court has ruled", "they were arrested".
    for tok in tokens:
        if tok.pos_ in ("VERB", "AUX") and (tok.dep_ in ("ccomp", "conj") or _is_root(tok, tokens)) and (
            tok.tag_ == "VBD" or (tok.tag_ == "VBN" and any(
                c.lemma_ == "have" or (c.dep_ == "auxpass" and c.tag_ == "VBD") for c in tok.children))
        ):
            yield "past", tok.lower_
            break
    for tok in tokens:
        if tok.dep_ == "mark" and tok.lower_ in ("if", "unless"):  # "if we can do this"
            yield "conditional", tok.lower_
    if _is_question(tokens):
        yield "question", "?"
    if _is_imperative(tokens):
        yield "imperative", tokens[0].lower_
    if not any(t.pos_ in ("VERB", "AUX") for t in tokens):  # "Good evening, everyone.", "Absolutely not."
        yield "verbless", "no verb"
    words = sum(1 for t in tokens if not t.is_punct)
    if words <= _SHORT_WORDS:
        yield "short", str(words)
    elif words >= _LONG_WORDS:
        yield "long", str(words)


def _plain(word: str) -> str:
    """Typographic apostrophes as ASCII ones, as the lexicons write them ("we’ll")."""
    return word.replace("\u2019", "'")


def _shown(tok: Token) -> str:
    """A token as evidence: lowercased, clitics by their lemma ("wo" -> "will")."""
    word = _plain(tok.lower_)
    return tok.lemma_.lower() if word in ("wo", "ca", "'ll", "sha") else word


def _subject(tok: Token) -> Token | None:
    """The subject of the clause a token belongs to, climbing from auxiliaries and over ``xcomp``.

    "will" in "we will cut" -> "we"; "rise" in "prices are expected to rise" -> "prices".
    """
    verb = tok.head if tok.dep_ in ("aux", "auxpass") else tok
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in _SUBJECTS:
                return child
        if verb.dep_ not in ("xcomp", "conj") or verb.head == verb:
            return None
        verb = verb.head
    return None


def _is_root(tok: Token, tokens: Sequence[Token]) -> bool:
    """The root of a sentence, or of a claim cut out of one: its head lies outside the span.

    In "The leader said that the country will receive jets", the claim "the country will
    receive jets" has "receive" as its root.
    """
    if not tokens:
        return False
    return tok.head.i == tok.i or not tokens[0].i <= tok.head.i <= tokens[-1].i


def _is_first_person(tok: Token | None) -> bool:
    return tok is not None and tok.lower_ in _FIRST_PERSON


def _is_question(tokens: Sequence[Token]) -> bool:
    """A question mark, or a sentence that opens with an inverted auxiliary ("Do you agree")."""
    if not tokens:
        return False
    if tokens[-1].text == "?":
        return True
    return (
        len(tokens) > 2
        and tokens[0].pos_ == "AUX"
        and tokens[1].dep_ in _SUBJECTS
        and tokens[0].head == tokens[1].head
    )


def _is_imperative(tokens: Sequence[Token]) -> bool:
    """A sentence that opens with a bare verb and has no subject ("Look at the numbers.")."""
    if not tokens or tokens[0].tag_ != "VB" or tokens[0].dep_ != "ROOT":
        return False
    return not any(c.dep_ in _SUBJECTS for c in tokens[0].children)


# --- scoring and records ------------------------------------------------------------------


def claim_type(families: Iterable[str]) -> str:
    """The kind of claim, from the families that fired, the most specific first.

    A forecast is a ``prediction`` even with a number in it ("the census will count 90,000
    people"); then a number makes a ``quantity``; then a cause, then a rule; a comparison or a
    change without a number is still a ``quantity`` ("prices are higher"); else ``other``.
    """
    present = set(families)
    if "prediction" in present:
        return "prediction"
    if present & _NUMBER_FAMILIES:
        return "quantity"
    if "causal" in present:
        return "causal"
    if "rule" in present:
        return "rule"
    if present & _QUANTITY_FAMILIES:
        return "quantity"
    return "other"


def _countries_and_topics(segment: SpacySpan, offset: int) -> tuple[tuple[Mention, ...], tuple[Topic, ...]]:
    """Countries and topics of the claim's sentence, by the same rules as for quotes."""
    countries, _ = split_kinds(find_places(segment))
    mentions = tuple(place_mention(m, offset) for m in countries if m.place is not None)
    return mentions, assign_topics(segment)


def find_claims(document: Document, sdoc: Doc, offset: int, quotes: Sequence[Quote],
                threshold: float = DEFAULT_THRESHOLD, *, number_from: int = 1) -> list[Claim]:
    """Every assertion of the document's body as a candidate claim, scored (the arguments are
    ``claim_candidates``'); ``score`` reads the claim's words, its vector and its context."""
    found = claim_candidates(document, sdoc, offset, quotes, threshold, number_from=number_from)
    claims = [claim for claim, _, _ in found]
    contexts = context_features(document, [c.start for c in claims], [c.checkworthiness for c in claims],
                                [c.claimant_type for c in claims])
    score = load_claim_models().score
    return [replace(claim, score=score.probability(features, {**vector, **context}))
            for (claim, features, vector), context in zip(found, contexts)]


def claim_candidates(document: Document, sdoc: Doc, offset: int, quotes: Sequence[Quote],
                     threshold: float = DEFAULT_THRESHOLD, *, number_from: int = 1,
                     ) -> list[tuple[Claim, list[str], dict[str, float]]]:
    """Every assertion of the document's body as a candidate claim with its ``model_features``
    and its vector's ``v:`` features (``dense.span_vector``, none if ``sdoc`` has no tensor);
    ``score`` is left at 0 for ``find_claims`` to set from the features and the context.

    Args:
        document: the article; claims carry its title, date and URL.
        sdoc: the parse of ``document.text`` from character ``offset`` on.
        offset: where ``sdoc`` starts in ``document.text``.
        quotes: the document's quotes; a claim inside a quote's content is its speaker's.
        threshold: ``checkworthy`` is ``checkworthiness >= threshold``.
        number_from: the first ``c<n>`` of the claim ids, for a document parsed in pieces.

    Returns:
        All candidates in text order; keep those with ``checkworthy`` for the default output.
    """
    if document.parse_text[offset : offset + len(sdoc.text)] != sdoc.text:
        raise ValueError(f"{document.doc_id}: the parse does not match the text at offset {offset}")
    site = publication_site(document.url)
    own_quotes = [q for q in quotes if q.doc_id == document.doc_id]
    turns = Turns(own_quotes)
    inner = turns.inner(own_quotes)
    lexicons = load_claim_lexicons()
    models = load_claim_models()
    claims: list[tuple[Claim, list[str], dict[str, float]]] = []
    for segment in sentence_segments(sdoc):
        if offset + segment.start_char < document.body_start:
            continue
        for piece in claim_pieces(segment, offset, inner):
            span = sdoc[piece.start : piece.end]
            start, end = offset + span.start_char, offset + span.end_char
            turn = turns.at(start) if turns else None
            if turns.unspoken(start):
                continue  # a label or a stage direction: nobody's words
            found = sentence_features(span, lexicons)
            families = [family for family, _ in found]
            features = model_features(span, families)
            vector = span_vector(span)
            checkworthiness = models.checkworthy.probability(features, vector)
            if piece.quote is not None:
                claimant, claimant_type = quote_claimant(piece.quote, site)
            elif turn is not None:
                claimant, claimant_type = turn_claimant(turn)
            else:
                claimant, claimant_type = narrative_claimant(site)
            quote = piece.quote or turn
            countries, topics = _countries_and_topics(span, offset)
            claims.append((Claim(
                claim_id=f"{document.doc_id}:c{number_from + len(claims)}",
                doc_id=document.doc_id,
                text=document.text[start:end],
                start=start,
                end=end,
                claimant=claimant,
                claimant_type=claimant_type,
                quote_id=quote.quote_id if quote else None,
                checkworthy=checkworthiness >= threshold,
                checkworthiness=checkworthiness,
                score=0.0,
                claim_type=claim_type(families),
                evidence=tuple(evidence for _, evidence in found),
                countries=countries,
                topics=topics,
                title=document.title,
                date=document.date,
                url=document.url,
            ), features, vector))
    return claims
