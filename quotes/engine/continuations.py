"""Continuations: sentences and quoted spans that carry a quote on take its speaker, and a quote
carried on in its paragraph becomes one quote in several parts."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from ..lexicon import Lexicons
from ..text import doc_length
from .attribution import SUBJECT_DEPS, Attribution, char_range, trim
from .marks import paragraphs


def unmarked_continuations(doc: Doc, offset: int, found: list[Attribution], lex: Lexicons) -> list[Attribution]:
    """In text without quotation marks, sentences after a trailing quote carry it on.

    "We have a single army, X said. If a war starts, we will fight together." The second
    sentence has no cue and no new subject of its own: it continues X's quote.
    """
    extra = []
    by_sentence: dict[int, list[Attribution]] = {}
    sents = list(doc.sents)
    starts = [sent.start_char for sent in sents]
    doc_text = doc.text
    for att in found:
        if att.start >= 0:
            by_sentence.setdefault(bisect.bisect_right(starts, att.start - offset) - 1, []).append(att)
    for index, sent in enumerate(sents):
        prev = by_sentence.get(index - 1)
        if index in by_sentence or not prev:
            continue
        last = max(prev, key=lambda a: a.end)
        if last.rule not in ("trailing", "continuation") or last.marked:
            continue
        if "\n" in doc_text[sents[index - 1].end_char - 1 : sent.start_char + 1] or "\n" in doc_text[sents[index - 1].start_char: sent.start_char].strip():
            continue
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.ent_type_ == "PERSON":
            continue
        trimmed = trim(doc, sent.start, sent.end - 1)
        if trimmed is None:
            continue
        start, end = char_range(doc, *trimmed, offset)
        att = Attribution(start, end, None, None, last.act, "continuation", continuation_of=last)
        extra.append(att)
        by_sentence[index] = [att]
    return extra


def carry_speakers(found: list[Attribution], text: str, doc: Doc, offset: int) -> None:
    """Continuations and split quotes take the speaker of the quote before them."""
    paras = paragraphs(text, offset, offset + doc_length(doc))

    def para_of(char: int) -> int:
        for i, (lo, hi) in enumerate(paras):
            if lo <= char < hi:
                return i
        return -1

    previous: Attribution | None = None
    for att in found:
        att.paragraph = para_of(att.start)
        if att.rule == "continuation":
            source = att.continuation_of or previous
            near = source is not None and 0 <= att.paragraph - source.paragraph <= 1
            if source is not None and near and (att.marked or att.continuation_of is not None):
                att.continuation_of = source.continuation_of or source
                att.cue = source.cue if att.paragraph == source.paragraph and att.marked and _adjacent(text, source, att) else None
                att.source, att.resolution, att.role = source.source, source.resolution, source.role
                att.mention = source.mention
                att.act = source.act
            else:
                att.continuation_of = None
        if att.rule != "continuation" or att.continuation_of is not None:
            previous = att


def join_split(found: list[Attribution], text: str) -> list[Attribution]:
    """A quote carried on in its own paragraph becomes one quote in several parts.

    '"A," X said. "B."' is one quote whose parts are A and B; ``start``/``end`` span both and
    the attribution between them.
    """
    kept: list[Attribution] = []
    for att in found:
        head = att.continuation_of
        if kept and att.cue is not None and kept[-1].cue == att.cue and kept[-1].marked and att.marked:
            head = kept[-1]  # '"A," X said, "B."': one cue, two quoted parts
        if (head is not None and kept and kept[-1] is head and head.paragraph == att.paragraph
                and "\n" not in text[head.end : att.start]):
            head.parts = (head.parts or [(head.start, head.end)]) + [(att.start, att.end)]
            head.end = att.end
            continue
        kept.append(att)
    return kept


def _adjacent(text: str, before: Attribution, after: Attribution) -> bool:
    """A split quote: only the attribution lies between the two quoted parts."""
    gap = text[before.end : after.start]
    return len(gap) < 80 and "\n" not in gap
