"""Continuations: sentences and quoted spans that carry a quote on take its speaker, and a quote
carried on in its paragraph becomes one quote in several parts."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from ..lexicon import Lexicons, load_engine_words
from ..text import doc_length
from .attribution import SUBJECT_DEPS, Attribution, char_range, trim
from .marks import paragraphs


# Rules whose content, in text without marks, is a quote that may run on.
# A news paragraph has up to six or seven sentences; a longer one is a text whose paragraph
# breaks were lost, where a sentence after a quote is no more likely to carry it on than any other.
NEWS_PARAGRAPH = 7
RUNS_ON = frozenset({"trailing", "continuation", "colon", "parenthetical", "reported", "according_to"})


def _own_voice(tokens) -> bool:
    own = load_engine_words()["own_voice"]  # I, me, we, you, ... (engine_words.tsv)
    return any(t.lower_ in own and t.pos_ == "PRON" or t.lower_ in ("my", "our", "your") for t in tokens)


def _narrates(tokens) -> bool:
    """Sentences that speak of a person by name (or have a name for subject) or as he/she: a
    reporter's, not the speaker's."""
    third = load_engine_words()["third_person"]
    return any(t.ent_type_ == "PERSON" or t.lower_ in third or t.pos_ == "PROPN" and t.dep_ in SUBJECT_DEPS
               for t in tokens)


def _inner_view(att: Attribution) -> bool:
    """"Just really excited to see how we can help him": a view or perception nobody outside
    the sentence holds (no source, the speaker's own I/we/you, an impersonal "it felt"), and a
    wish or view with no clause of its own ("people want to believe"), are part of a speaker's
    words, not a new attribution that ends the quote."""
    if att.act == "speech" or att.marked:
        return False
    words = load_engine_words()
    if att.rule in ("pending", "infinitive", "object", "predicate"):
        # "Whether people want to believe that or not, thats for them to decide", "a chance to
        # vote for him": no clause of its own
        return True
    return not att.source or len(att.source) == 1 and att.source[0].lower_ in words["own_voice"] | words["impersonal"]


def unmarked_continuations(doc: Doc, offset: int, found: list[Attribution], lex: Lexicons) -> list[Attribution]:
    """In text without quotation marks, what carries a quote on: the sentences of its paragraph
    before a trailing attribution, the sentences after it, and the paragraphs after it.

    News writes a quote of several sentences as one paragraph closed by its attribution ("We
    checked every bolt. The bridge is safe, she said."), and carries it on in the sentences and
    paragraphs that follow ("We will reopen it Monday."). Without marks, a sentence carries the
    quote on when it has no cue of its own and, unless it follows a trailing attribution in its
    paragraph, speaks in the first or second person: narration does not.
    """
    extra: list[Attribution] = []
    sents = [sent for sent in doc.sents if trim(doc, sent.start, sent.end - 1) is not None]
    if not sents:
        return extra
    doc_text = doc.text
    paras = paragraphs(doc_text)
    para_starts = [lo for lo, _ in paras]
    starts = [sent.start_char for sent in sents]

    def sentence_of(char: int) -> int:
        return bisect.bisect_right(starts, char - offset) - 1

    para_of = [bisect.bisect_right(para_starts, sent.start_char) - 1 for sent in sents]
    para_size: dict[int, int] = {}
    for para in para_of:
        para_size[para] = para_size.get(para, 0) + 1
    by_sentence: dict[int, list[Attribution]] = {}
    busy: set[int] = set()  # sentences holding a cue or content
    cues: dict[int, list[Attribution]] = {}  # the attributions whose cue each sentence holds
    for att in found:
        if att.start < 0 and att.cue is None:
            continue
        if _inner_view(att):
            continue
        if att.start >= 0:
            first, last = sentence_of(att.start), sentence_of(att.end - 1)
            busy.update(range(first, last + 1))
            by_sentence.setdefault(first, []).append(att)
        if att.cue is not None:
            busy.add(sentence_of(att.cue.start))
            cues.setdefault(sentence_of(att.cue.start), []).append(att)

    def span_of(lo: int, hi: int) -> tuple[int, int] | None:
        trimmed = trim(doc, sents[lo].start, sents[hi].end - 1)
        return None if trimmed is None else char_range(doc, *trimmed, offset)

    # 1. "We checked every bolt. The bridge is safe, she said.": the paragraph before a
    # trailing attribution is its quote
    for att in found:
        if att.rule != "trailing" or att.marked or att.start < 0 or att.act != "speech":
            continue
        index = sentence_of(att.start)
        if att.start - offset > sents[index].start_char + 2:
            continue  # the content does not open its sentence
        lo = index
        while lo > 0 and para_of[lo - 1] == para_of[index] and lo - 1 not in busy:
            lo -= 1
        before = [t for s in sents[lo:index] for t in s]
        content = [t for t in sents[index] if att.start - offset <= t.idx < att.end - offset]
        if lo < index and (_own_voice(before) or _own_voice(content) and not _narrates(before)):
            span = span_of(lo, lo)
            if span is not None:
                att.start = span[0]
                if att.parts:
                    att.parts[0] = (att.start, att.parts[0][1])
                busy.update(range(lo, index))

    # 2. and 3. the sentences after a quote in its paragraph, and the paragraphs after it
    last: Attribution | None = None
    last_para = -1
    for index, sent in enumerate(sents):
        here = by_sentence.get(index)
        if here:
            # the quote of the sentence, not an object beside it ("..., X said, rejecting a plea")
            quotes = [a for a in here if a.rule in RUNS_ON] or here
            # of two over the same words, the wider: the one the other is dropped for
            last, last_para = max(quotes, key=lambda a: (a.end, a.end - a.start)), para_of[index]
            continue
        if index in busy:
            if (last is not None and (last.end - offset) < sent.start_char
                    and any(a is not last for a in cues.get(index, ()))):
                last = None  # a cue with content elsewhere: a new speaker
            # "Are there prizes? X asked before going off.": the quote's own attribution
            continue
        if last is None or last.marked or last.rule not in RUNS_ON or last.act != "speech":
            continue
        same = para_of[index] == last_para
        if not same and para_of[index] != last_para + 1:
            last = None
            continue
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.ent_type_ == "PERSON":
            last = None
            continue
        if not same and (index == 0 or para_of[index - 1] == para_of[index]):
            continue  # a new paragraph is taken from its first sentence only
        hi = index
        if not same:  # the whole paragraph, as one quote
            while hi + 1 < len(sents) and para_of[hi + 1] == para_of[index] and hi + 1 not in busy:
                hi += 1
        if same and last.rule in ("trailing", "continuation") and para_size[para_of[index]] <= NEWS_PARAGRAPH:
            pass  # "We have an army, X said. If a war starts, ...": carried on
        elif not _own_voice([t for k in range(index, hi + 1) for t in sents[k]]):
            if not same:
                last = None
            continue
        span = span_of(index, hi)
        if span is None:
            continue
        att = Attribution(span[0], span[1], None, None, last.act, "continuation", continuation_of=last)
        extra.append(att)
        for k in range(index, hi + 1):
            by_sentence[k] = [att]
        last, last_para = att, para_of[index]
    return extra


# What may follow a cue in a sentence that is only an attribution: "he says.", "Roe said on
# Monday.", "she told reporters after the meeting."
_ATTRIBUTION_TAIL = {"dative", "npadvmod", "advmod", "prep", "punct", "agent", "prt", "aux", "neg", "dobj"}


def bare_attributions(doc: Doc, offset: int, pending: list[Attribution], found: list[Attribution]) -> list[Attribution]:
    """In text without quotation marks, a sentence that is only an attribution ("Where do you
    draw the line? he says.") takes the sentence before it in its paragraph as its content."""
    taken = [(a.start, a.end) for a in found if a.start >= 0]
    doc_text = doc.text
    out = []
    for att in pending:
        if att.cue is None or att.source is None:
            continue
        cue = doc.char_span(att.cue.start - offset, att.cue.end - offset, alignment_mode="expand")
        if cue is None or not len(cue):
            continue
        verb = cue[0]
        sent = verb.sent
        subject = att.source
        inside = {t.i for t in subject} | {verb.i} | {t.i for t in cue}
        before = [t for t in doc[sent.start : verb.i] if t.i not in inside and not t.is_punct and not t.is_space]
        if before:
            continue  # "On Monday, he said ..." with something else before the cue
        if any(c.dep_ not in _ATTRIBUTION_TAIL for c in verb.rights if c.i not in inside):
            continue
        if any(c.dep_ == "dobj" for c in verb.rights) and verb.lemma_.lower() not in load_engine_words()["bare_tell_verbs"]:
            continue
        if sent.start == 0:
            continue
        previous = doc[sent.start - 1].sent
        if "\n" in doc_text[previous.start_char : sent.start_char].rstrip():
            continue  # the sentence before is in another paragraph
        trimmed = trim(doc, previous.start, previous.end - 1)
        if trimmed is None or trimmed[1] - trimmed[0] < 2:
            continue
        start, end = char_range(doc, *trimmed, offset)
        if any(s < end and start < e for s, e in taken):
            continue
        att.start, att.end, att.rule = start, end, "trailing"
        out.append(att)
    return out


def carry_speakers(found: list[Attribution], text: str, doc: Doc, offset: int) -> None:
    """Continuations and split quotes take the speaker of the quote before them."""
    paras = paragraphs(text, offset, offset + doc_length(doc))

    def para_of(char: int) -> int:
        for i, (lo, hi) in enumerate(paras):
            if lo <= char < hi:
                return i
        return -1

    kept = {id(att) for att in found}
    starts = [att.start for att in found]  # in text order, as _dedupe leaves them
    previous: Attribution | None = None
    for att in found:
        att.paragraph = para_of(att.start)
        if att.rule == "continuation":
            source = att.continuation_of
            if source is not None and id(source) not in kept:
                # what it carried on lost to a wider candidate over the same words ("I was
                # asked how ..., X says": the trailing quote, not the "asked" inside it)
                source = _kept_over(found, starts, source)
            source = source or previous
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
            parts = head.parts or [(head.start, head.end)]
            if att.cue is None and not any(ch.isalnum() for ch in text[parts[-1][1] : att.start]):
                # "... We checked every bolt. We will reopen it": sentences that follow each
                # other with no attribution between are one part
                parts = parts[:-1] + [(parts[-1][0], att.end)]
            else:
                parts = parts + [(att.start, att.end)]
            head.parts = parts
            head.end = att.end
            continue
        kept.append(att)
    return kept


# How many attributions that start before a dropped one ends are looked at for one covering it
# (a bound, so that a text of thousands of quotes stays linear).
COVER_REACH = 32


def _kept_over(found: list[Attribution], starts: list[int], lost: Attribution) -> Attribution | None:
    """The kept attribution that covers most of a dropped one's content, if any (``found`` in
    text order, ``starts`` their starts)."""
    best, most = None, 0
    stop = bisect.bisect_left(starts, lost.end)
    for att in found[max(0, stop - COVER_REACH) : stop]:
        if att.rule == "continuation" and att.continuation_of is lost:
            continue
        overlap = min(att.end, lost.end) - max(att.start, lost.start)
        if overlap > most:
            best, most = att, overlap
    return best


def _adjacent(text: str, before: Attribution, after: Attribution) -> bool:
    """A split quote: only the attribution lies between the two quoted parts."""
    gap = text[before.end : after.start]
    return len(gap) < 80 and "\n" not in gap
