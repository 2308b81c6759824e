"""What a journalist counts as a quote: the attributions the default output (``--acts
speech``) leaves out though PolNeAR counts them, each with the reason.

Journalists (and the GenderGapTracker's annotators) count what a person or an organisation said.
They do not count a saying that did not happen ("has not said he would veto", "will argue
that"), hearsay and paperwork ("reports say", "city documents say", "common belief says"), a
comparison ("lower than the agency says they are"), a link to another story ("READ MORE: Jane
Roe says ..."), a quoted subheading standing alone in its paragraph, a title in quotation
marks, the writer's own words ("'No,' I said."), or, in text with its quotation marks, a
"trailing" quote whose attribution does not follow it after a comma or a dash.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from ..lexicon import Lexicons
from .attribution import Attribution
from .quoted import is_title, short_sentence_after_quote

# Marks that close a sentence inside a quoted span: a quoted line without one is a heading.
_SENTENCE_END = re.compile(r"[.!?…][\"'“”‘’»]*\s*$")

# What stands between a quote and its trailing attribution: "CONTENT, she said", "CONTENT -- X".
_TRAILING_GAP = ",:—–-―!?…"
_SENTENCE_GAP = re.compile(r"[.!?;]\s+\w")

# "READ MORE: ...", "Related: ...": a label and a colon open the paragraph
_LABEL = re.compile(r"\s*([^\n:]{2,40}?)\s*:")


# Reasons that say a quoted span is nobody's words at all, not only no journalist's quote.
NOT_WORDS = frozenset({"title", "subheading"})


def _cue_verb(att: Attribution, doc: Doc, offset: int) -> Token | None:
    """The token of the cue, when it is a verb."""
    if att.cue is None:
        return None
    span = doc.char_span(att.cue.start - offset, att.cue.end - offset, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].pos_ not in ("VERB", "AUX"):
        return None
    return span[0]


def _unreal_saying(verb: Token, lex: Lexicons) -> str | None:
    """"has not said", "never said", "will argue", "could say": no saying reported (the words
    are engine_words.tsv's negation, unreal_auxiliary, comparison and infinitive)."""
    words = lex.engine_words
    for child in verb.children:
        if child.dep_ == "neg" or child.dep_ == "advmod" and child.lower_ in words["negation"]:
            return "negated cue"
        if child.dep_ == "aux" and child.lower_ in words["unreal_auxiliary"]:
            return "cue not yet said"
        if child.dep_ == "mark" and child.lower_ in words["comparison"]:
            return "comparison"  # "costs are lower than the agency says they are"
    if (any(c.dep_ == "aux" and c.lower_ in words["infinitive"] for c in verb.children)
            and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
            and verb.head.lemma_.lower() not in words["saying_infinitive_head"]):
        # "went on to say", "took to the radio to say", "used to say": said all the same
        return "infinitive cue"  # "an odd thing to say: ...", "waited two days to confirm he ..."
    return None


def _hearsay(source: list[Token], lex: Lexicons) -> bool:
    """"reports say", "city documents say", "a common belief says": a source that is no speaker."""
    head = next((t for t in source if t.head.i == t.i or t.head not in source), source[-1])
    when = lex.hearsay_sources.get(head.lemma_.lower())
    if when is None or head.pos_ != "NOUN" or head.ent_type_:
        return False
    determiners = [c for c in head.children if c.dep_ in ("det", "poss")]
    if when == "bare":
        return not determiners
    return not any(c.dep_ == "poss" or c.lower_ in lex.engine_words["definite"] for c in determiners)


class Lines:
    """The line breaks of a text, found once, so that finding the paragraph of each of a
    thousand quotes costs a search, not a scan."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.breaks = [m.start() for m in re.finditer("\n", text)]

    def paragraph(self, position: int) -> tuple[int, int]:
        """``(start, end)`` of the line holding ``position``."""
        k = bisect.bisect_left(self.breaks, position)
        start = self.breaks[k - 1] + 1 if k > 0 else 0
        end = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return start, end


def _labelled(lines: Lines, position: int, lex: Lexicons) -> bool:
    """A paragraph opened by a label and a colon: "READ MORE: Jane Roe says the bridge ..."."""
    start, end = lines.paragraph(position)
    match = _LABEL.match(lines.text, start, end)
    return match is not None and match.group(1).lower().replace("\u2019", "'") in lex.labels


def _heading(att: Attribution, lines: Lines) -> bool:
    """A quoted span alone in its paragraph with no sentence end: a subheading ("'Just listen
    to us'" between two paragraphs of a story)."""
    text = lines.text
    start, end = lines.paragraph(att.start)
    line = text[start:end].strip()
    inner = line.strip("\"'“”‘’«»„ ")
    content = text[att.start : att.end].strip()
    return bool(inner) and inner == content.strip("\"'“”‘’«»„ ") and not _SENTENCE_END.search(inner)


def not_counted(att: Attribution, doc: Doc, offset: int, lines: Lines, lex: Lexicons, stripped: bool) -> str | None:
    """Why a journalist would not count ``att`` as a quote, or None when it is one.

    ``doc`` is the parsed piece that holds it, starting at ``offset`` in the document's text,
    whose ``lines`` are given.
    """
    text = lines.text
    if _labelled(lines, att.start, lex) or att.cue is not None and _labelled(lines, att.cue.start, lex):
        return "link to another story"
    if att.source and _hearsay(att.source, lex):
        return "hearsay or a document as source"
    writer = lex.engine_words["writer"]
    if att.source and len(att.source) == 1 and att.source[0].lower_ in writer and att.cue is not None:
        return "the writer's own words"
    if att.marked:
        para = lines.paragraph(att.start)
        alone = att.cue is None or not para[0] <= att.cue.start < para[1]
        if alone and _heading(att, lines):
            return "subheading"
        # 'said on CBS' "Face the Nation."': a title in quotation marks, unless its attribution
        # follows it ('"Not Guilty," she said') or a colon opens it ('She said: "Not Guilty."')
        claimed = att.cue is not None and (att.cue.start > att.start or ":" in text[att.cue.end : att.start])
        # '"...," said Jane Doe. "Never."': a sentence carrying a quote on is no title
        claimed = claimed or short_sentence_after_quote(text, att.start - 1, att.start, att.end)
        return "title" if not claimed and is_title(text[att.start : att.end]) else None
    if (not stripped and att.rule == "colon" and att.cue is not None and att.cue.text != ":"
            and ":" not in text[att.cue.end : att.start]):
        # 'X joked in his turn, It was ...' reads a quote whose marks were stripped; in text
        # that has its marks, a comma and a capital open no quote
        return "no quote after a comma in marked text"
    trailing = att.rule == "trailing" and att.cue is not None and att.end <= att.cue.start
    if trailing and ";" in text[att.end : att.cue.start]:
        return "no trailing attribution"  # "They believe they will win; they say their research shows ..."
    if not stripped and trailing:
        # "CONTENT, she said": a trailing attribution follows its content after a comma or a
        # dash; "Jane Roe told ..." (the subject) and "... to 7,078. The index added 10 points"
        # (another sentence) are no trailing quotes
        gap = text[att.end : att.cue.start]
        lead = len(gap) - len(gap.lstrip("\"'“”‘’»«.!? \t"))
        joint = text[max(0, att.end - 2) : att.end] + gap[: lead + 1]
        if _SENTENCE_GAP.search(gap) or not any(ch in _TRAILING_GAP for ch in joint):
            return "no trailing attribution"
        if not att.source:
            return "nobody named"  # "CONTENT, it is already being cited as a model"
    verb = _cue_verb(att, doc, offset)
    if verb is not None:
        return _unreal_saying(verb, lex)
    return None
