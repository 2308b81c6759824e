"""The quote engine: from a parsed document to ``Quote`` records.

Stages, each in a module of its own:
1. ``reported`` and ``cue_phrases``: cues (verbs, nouns, phrases from the lexicons, and any verb
   reporting a clause from a human subject), each with its content and source, read off the parse;
2. ``quoted``: quoted spans (``marks``) joined to the cue beside them;
3. ``continuations``: sentences and quoted spans that carry a quote on, split quotes joined;
4. ``speakers`` and ``sieve``: the document's people gathered, sources resolved to canonical names;
   ``counted``: for the default output, what a journalist would not count, and why;
5. here: overlapping candidates settled, kinds and confidence decided, records made and
   enriched with countries, topics and persons (``enrich``).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc

from ..enrich import annotate_quote, assign_genders, spelled_out
from ..lexicon import Lexicons, lexicon_cache, load_lexicons
from ..model import Document, Quote, Topic, printable, quote_id, quote_text
from ..text import doc_length
from .attribution import Attribution, forget_lookups, has_words, token_span
from .counted import NOT_WORDS, Lines, not_counted
from .continuations import bare_attributions, carry_speakers, join_split, unmarked_continuations
from .marks import find_marked, has_quotation_marks
from .quoted import attach_marked
from .cue_phrases import (
    find_adjective_attributions,
    find_evidential_attributions,
    find_headline_attributions,
    find_noun_attributions,
    find_phrase_attributions,
    find_source_phrase_attributions,
)
from .reported import find_verb_attributions
from .sieve import resolve
from .speakers import PersonIndex, Resolution, appositive_role, orphan_source
from .turns import with_turns

# The reliability of each rule: its precision on held-apart PolNeAR train articles (every fourth,
# coverage 0.3), rounded; an unresolved speaker costs UNRESOLVED_PENALTY more.
CONFIDENCE = {
    "marked": 0.95,
    "reported": 0.9,
    "according_to": 0.85,
    "parenthetical": 0.85,
    "colon": 0.75,
    "noun": 0.8,
    "infinitive": 0.75,
    "trailing": 0.75,
    "general": 0.7,
    "object": 0.65,
    "predicate": 0.65,
    "continuation": 0.6,
    "evidential": 0.65,
}


UNRESOLVED_PENALTY = 0.15

# Rules that count attributions a journalist would not call quotes: an object ("Acme reported
# higher sales", "what she calls the plan"), a clause under a verb outside the lexicon ("He
# writes about ..."), an infinitive ("urged Congress to act"). PolNeAR counts them; they are kept only when more than speech is asked for.
BROAD_RULES = frozenset({"object", "general", "infinitive"})


def _asks(att: Attribution, text: str, lex: Lexicons) -> bool:
    """Content that is a question or a free relative rather than a statement: "asked whether
    the plan works", "rejected what she calls the plan" (the ``question_words`` of
    engine_words.tsv). Reported, but not a statement a journalist would quote."""
    if att.marked or att.rule not in ("reported", "general", "predicate"):
        return False
    questions = lex.engine_words["question_words"]
    if att.rule == "predicate":
        # "what they call workplace harassment": the words named, not a statement
        before = text[max(0, att.start - 40) : att.cue.start if att.cue else att.start].lower()
        words = re.findall(r"\w+", before)  # "what" and one or two words: "what she (later) calls"
        return any(w in lex.engine_words["free_relative"] for w in words[-3:-1])
    first = re.match(r"\s*([^\W\d_]+)", text[att.start : att.end])
    return first is not None and first.group(1).lower() in questions


_QUOTED_SENTENCES = re.compile(r"[^\n]*[.!?…]\s*$")
_PARAGRAPH_END = re.compile(r"[\"'“”‘’»]*[^\S\n]*(?:\n|$)")


def _spoken_sentences(att: Attribution, text: str) -> bool:
    """'"If you want superheroes, you can go to another shop."' closing a paragraph, with no
    attribution: whole sentences in quotation marks, of four words or more, are somebody's
    quote; journalists count it though the text does not say whose."""
    return (att.marked and text[att.start].isupper()
            and _QUOTED_SENTENCES.match(text, att.start, att.end) is not None
            and _PARAGRAPH_END.match(text, att.end) is not None and has_words(text, att.start, att.end, 4))


def journalistic(acts: Collection[str]) -> bool:
    """Whether the acts asked for are speech alone: quotes as journalists count them."""
    return "all" not in acts and set(acts) <= {"speech"}


def _within_turn(inner: Attribution, outer: Attribution) -> bool:
    """``BENENSON: This is a man who said he would never ...``: a quote inside a speaker's
    turn, cue and all, is a quote of its own."""
    return (outer.rule == "colon" and inner.cue is not None
            and outer.start <= inner.cue.start and inner.end <= outer.end)


def _voiced_source(att: Attribution, lex: Lexicons) -> bool:
    """"I think", "we believe", "our engineers say": a source in the first or second person."""
    if not att.source:
        return False
    if len(att.source) == 1:
        return att.source[0].lower_ in lex.engine_words["voiced_source"]
    return any(t.lower_ in lex.engine_words["voiced_possessive"] and t.dep_ == "poss" for t in att.source)


# How many quotes that start before a cue are looked at for one holding it: quotes inside quotes
# are a few deep; the bound keeps a text of a thousand "Jane said" linear.
NESTING_REACH = 32


def _dedupe(atts: list[Attribution], text: str) -> list[Attribution]:
    """One attribution per content: overlapping candidates keep the most reliable rule.

    A content of a single word ("..., or so the campaign says") is not a quote.
    """
    atts = [a for a in atts if a.rule in ("object", "predicate") or has_words(text, a.start, a.end, 2)
            or a.rule == "continuation" and a.marked and text[a.end - 1 : a.end] in ("!", ".", "?")]
    # "We know there is a lot of it, Scheer said", "Our department says it is unsafe, X said": a
    # cue inside another candidate's content (a belief, or a saying inside a trailing quote) is
    # the quoted speaker's word; the quote around it goes first
    outer = sorted((a for a in atts if a.act == "speech"), key=lambda a: a.start)
    starts = [a.start for a in outer]
    reach: list[int] = []  # the furthest end among outer[0..k], to stop the walk back early
    for a in outer:
        reach.append(max(a.end, reach[-1]) if reach else a.end)

    def nested(att: Attribution) -> bool:
        if att.cue is None:
            return False
        point = att.cue.start
        k = bisect.bisect_right(starts, point) - 1
        stop = max(-1, k - NESTING_REACH)
        while k > stop and reach[k] > point:
            o = outer[k]
            if (o is not att and point < o.end and (att.act != "speech" or o.rule == "trailing")
                    and (o.cue is None or not att.start <= o.cue.start < att.end)):
                return True
            k -= 1
        return False

    order = sorted(atts, key=lambda a: (nested(a), -CONFIDENCE.get(a.rule, 0.5) - (0.2 if a.marked else 0), a.start))
    kept: list[Attribution] = []
    for att in order:
        clash = False
        for other in kept:
            if _within_turn(att, other) or _within_turn(other, att):
                continue
            overlap = min(att.end, other.end) - max(att.start, other.start)
            if overlap > 0 and overlap >= 0.5 * min(att.end - att.start, other.end - other.start):
                clash = True
                break
        if not clash:
            kept.append(att)
    return sorted(kept, key=lambda a: (a.start, a.end))


@lexicon_cache
def _own_voice() -> re.Pattern[str]:
    """Any ``own_voice`` word of engine_words.tsv, as a whole word."""
    words = sorted(load_lexicons().engine_words["voice_or_tense"], key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.I)


def _kind(att: Attribution, text: str, stripped: bool) -> str:
    if att.marked:
        return "direct"
    content = text[att.start : att.end]
    if any(ch in "\"“”«»„" for ch in content):
        return "mixed"
    if stripped and att.rule in ("trailing", "parenthetical", "colon", "continuation"):
        # marks stripped: words in the speaker's own voice or tense tell a direct quote
        # ("We have a single army, X said") from reported speech ("It would close, X said")
        if att.rule == "continuation" or _own_voice().search(content):
            return "direct"
    return "indirect"


def extract_from_parsed(document: Document, parsed: Sequence[tuple[int, Doc]],
                        acts: Collection[str] = ("speech",), enrich: bool = True,
                        journalists: bool | None = None) -> list[Quote]:
    """Every quote of a document from its parsed pieces ``(offset, doc)``, in text order.

    With ``enrich``, each quote also carries the countries, blocs, topics and persons it names,
    and its speaker's gender.
    ``journalists`` keeps only the quotes a journalist counts (the default when the acts are
    speech alone); ``False`` keeps every attribution of the acts, objects and all, as PolNeAR
    annotates them (what claim detection reads).
    """
    lex = load_lexicons()
    text = document.parse_text  # a transcript's labels, timestamps and asides blanked
    stripped = not has_quotation_marks(document.body)
    narrow = journalistic(acts) if journalists is None else journalists
    lines = Lines(text) if narrow else None
    atts: list[Attribution] = []
    for offset, doc in parsed:
        index = PersonIndex(doc, lex)
        found = find_verb_attributions(doc, offset, lex)
        found += find_phrase_attributions(doc, offset, lex)
        found += find_noun_attributions(doc, offset, lex)
        found += find_adjective_attributions(doc, offset, lex)
        found += find_headline_attributions(doc, offset, lex)
        found += find_evidential_attributions(doc, offset, lex)
        found += find_source_phrase_attributions(doc, offset, lex)
        marked = find_marked(text, offset, offset + doc_length(doc))
        pending = [a for a in found if a.rule == "pending"]
        found = attach_marked(text, marked, found, doc, offset)
        if stripped:
            # "I think he is causing this", "we believe": without marks, a cue in the first or
            # second person is the quoted speaker's own word; in marked text the marks hide it
            found = [a for a in found if not _voiced_source(a, lex)]
            found += bare_attributions(doc, offset, [a for a in pending if a.rule == "pending"], found)
            found += unmarked_continuations(doc, offset, found, lex)
        found = _dedupe([a for a in found if a.end > a.start], text)
        for att in found:  # in text order, so pronouns see the people before them
            if att.source is None and att.cue is not None and att.act == "speech" and att.rule != "evidential":
                cue = doc.char_span(att.cue.start - offset, att.cue.end - offset, alignment_mode="expand")
                if cue is not None and len(cue) == 1 and cue[0].pos_ in ("VERB", "AUX"):
                    att.source = orphan_source(cue[0])
            if att.source:
                att.mention = token_span(att.source, offset)
                att.resolution = resolve(att.source, index)
                head = next((t for t in att.source if t.head not in att.source or t.head.i == t.i), att.source[-1])
                att.role = appositive_role(head)
            if lines is not None:
                att.uncounted = not_counted(att, doc, offset, lines, lex, stripped)
        # a title or a subheading in quotation marks is nobody's words: it carries no quote on
        # and joins none as a part
        found = [a for a in found if a.uncounted not in NOT_WORDS]
        carry_speakers(found, text, doc, offset)
        joined = join_split(found, text)
        atts.extend(joined)
        forget_lookups(doc)
    quotes = _records(document, atts, acts, stripped, narrow, lex)
    if document.utterances and ("all" in acts or "speech" in acts):
        quotes = with_turns(document, quotes)
    quotes = spelled_out(quotes, document.text)  # "CUPE said" after "... Employees (CUPE)"
    # the speakers' genders read off the whole document, once its quotes are known
    return assign_genders([_enrich(q, parsed) for q in quotes], parsed) if enrich else quotes


def _enrich(quote: Quote, parsed: Sequence[tuple[int, Doc]]) -> Quote:
    """Countries, blocs, topics and persons of a quote, from the piece that holds it."""
    for offset, doc in parsed:
        if offset <= quote.start < offset + doc_length(doc):
            if len(quote.parts) < 2:
                return annotate_quote(quote, doc, offset)
            # a quote in parts: what it names is in the parts, not in the attribution between
            found = [annotate_quote(replace(quote, start=s, end=e), doc, offset) for s, e in quote.parts]
            return replace(quote,
                           countries=tuple(m for f in found for m in f.countries),
                           blocs=tuple(m for f in found for m in f.blocs),
                           topics=_merge_topics(t for f in found for t in f.topics),
                           persons=tuple(dict.fromkeys(p for f in found for p in f.persons)))
    return quote


def _merge_topics(topics: Iterable[Topic]) -> tuple[Topic, ...]:
    merged: dict[str, Topic] = {}
    for topic in topics:
        seen = merged.get(topic.id)
        evidence = tuple(dict.fromkeys((seen.evidence if seen else ()) + topic.evidence))
        merged[topic.id] = replace(topic, evidence=evidence)
    return tuple(merged.values())


def _records(document: Document, atts: list[Attribution], acts: Collection[str], stripped: bool,
             narrow: bool, lex: Lexicons) -> list[Quote]:
    quotes = []
    keep_all = "all" in acts
    for att in atts:
        if narrow and (att.rule in BROAD_RULES or _asks(att, document.text, lex) or att.uncounted
                       or att.continuation_of is not None and att.continuation_of.uncounted):
            continue
        if att.rule == "continuation" and att.continuation_of is None and not (
                narrow and _spoken_sentences(att, document.text)):
            continue  # a quoted span nobody is said to have said
        if not keep_all and att.act not in acts:
            continue
        res = att.resolution or Resolution(None, "unknown")
        if res.speaker is not None and not any(ch.isalnum() for ch in res.speaker):
            res = Resolution(None, "unknown")  # a mark the parser took for a subject ("One! says ...")
        mention = att.mention if att.mention is None or any(ch.isalnum() for ch in att.mention.text) else None
        confidence = CONFIDENCE.get(att.rule, 0.5)
        if res.speaker is None:
            confidence -= UNRESOLVED_PENALTY
        quotes.append(Quote(
            doc_id=document.doc_id, quote_id="", kind=_kind(att, document.text, stripped),
            text=quote_text(document.text, tuple(att.parts or [(att.start, att.end)])), start=att.start, end=att.end,
            speaker=printable(res.speaker) or None if res.speaker else None, speaker_mention=mention, cue=att.cue,
            confidence=max(0.05, min(1.0, confidence)), title=document.title, date=document.date,
            url=document.url, parts=tuple(att.parts or [(att.start, att.end)]), act=att.act, speaker_type=res.speaker_type,
            speaker_role=att.role, addressee=att.addressee, rule=att.rule))
    quotes.sort(key=lambda q: (q.start, q.end))
    starts = Counter(q.start for q in quotes)
    return [replace(q, quote_id=quote_id(document.doc_id, q.start, q.end, starts[q.start] > 1)) for q in quotes]
