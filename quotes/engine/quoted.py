"""Quotation marks joined to attributions: quoted spans claimed by the cue beside them, quotes
signed with a dash, and quoted spans no cue claims (kept as possible continuations)."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from ..lexicon import load_lexicons
from ..model import Span
from .attribution import Attribution, sentence_of
from .marks import Marked


def _doc_offsets_sentence(doc: Doc, offset: int, char: int) -> tuple[int, int] | None:
    tok = doc.char_span(char - offset, char - offset + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return None
    sent = sentence_of(tok[0])
    return offset + sent.start_char, offset + sent.end_char


def attach_marked(text: str, marked: list[Marked], found: list[Attribution], doc: Doc, offset: int) -> list[Attribution]:
    """Join quoted spans to the cues beside them; keep quoted spans that continue a quote."""
    used: set[int] = set()
    result: list[Attribution] = []
    # a cue inside quotation marks belongs to the quoted speaker's words ("I think ..."), not
    # to the attribution of the quote itself
    found = [a for a in found if a.cue is None or not any(m.open < a.cue.start < m.close for m in marked)]
    pending = [a for a in found if a.rule == "pending"]
    for att in found:
        if att.rule == "pending":
            continue
        inside = [i for i, m in enumerate(marked) if m.open < att.end and m.close >= att.start]
        if inside:
            lo = min(att.start, min(marked[i].open for i in inside))
            hi = max(att.end, max(marked[i].close + 1 for i in inside))
            outside = text[lo:hi]
            for i in inside:
                m = marked[i]
                outside = outside.replace(text[m.open : m.close + 1], "", 1)
            if not any(ch.isalnum() for ch in outside) and len(inside) == 1:
                m = marked[inside[0]]
                att.start, att.end, att.marked, att.rule = *_strip_content(text, *m.content), True, "marked"
                att.act = "speech" if att.act == "perception" else att.act  # words in marks are spoken
                att.parts = None
                # a trailing attribution and the quote: "...," X said.
            else:
                att.start, att.end = lo, hi
            att.parts = None
            used.update(inside)
        result.append(att)
    # cues with no content of their own take the quoted span beside them: first the quote
    # right before its attribution ('"...," said X.', '"...," X, the mayor, said'), the
    # commonest form, then the quote after a cue ('X said: "..."')
    claimed: dict[int, Attribution] = {}
    titles = {i for i, m in enumerate(marked) if is_title(text[m.open + 1 : m.close])}
    for att in pending:
        assert att.cue is not None
        before = [i for i, m in enumerate(marked) if i not in used and i not in claimed and i not in titles
                  and m.close < att.cue.start and _attribution_gap(text[m.close + 1 : att.cue.start])]
        if before:
            claimed[before[-1]] = att
    for att in pending:
        if att in claimed.values():
            continue
        sentence = _doc_offsets_sentence(doc, offset, att.cue.start)
        for i, m in enumerate(marked):
            if i in used or i in claimed or i in titles or m.open < att.cue.end:
                continue
            if len(text[att.cue.end : m.open]) <= 60 and (sentence is None or m.open <= sentence[1] + 2):
                claimed[i] = att
            break
    for i, att in sorted(claimed.items()):
        used.add(i)
        att.start, att.end = _strip_content(text, *marked[i].content)
        att.rule, att.marked = "marked", True
        att.act = "speech" if att.act == "perception" else att.act
        result.append(att)
    # quoted spans no cue claimed: split quotes and continuations of the quote before them
    for i, m in enumerate(marked):
        if i in used:
            continue
        start, end = _strip_content(text, *m.content)
        words = text[start:end].split()
        if len(words) < 4 and not short_sentence_after_quote(text, m.open, start, end):
            continue  # scare quotes and titles
        if i in titles and text.rfind("\n", 0, m.open) >= 0:
            continue  # "The Rachel Maddow Show"; a headline capitalises its quotes as well

        signed = _dash_signature(text, m, doc, offset) or _name_before_colon(text, m, doc, offset)
        if signed is not None:
            dash, name = signed
            result.append(Attribution(start, end, dash, name, "speech", "marked", marked=True))
            continue
        result.append(Attribution(start, end, None, None, "speech", "continuation", marked=True))
    return result


# '"We need change." ― Jane Roe, 42, of Ohio': a quote signed with a dash and a name
_SIGNATURE = re.compile(r"[^\S\n]*([―—–]|--)[^\S\n]*([^\n]{2,80})")


def _dash_signature(text: str, m: Marked, doc: Doc, offset: int) -> tuple[Span, list[Token]] | None:
    """The dash and the name that sign a quoted span, when the line ends with them."""
    match = _SIGNATURE.match(text, m.close + 1)
    if match is None:
        return None
    name = doc.char_span(match.start(2) - offset, match.end(2) - offset, alignment_mode="contract")
    if name is None or not len(name) or name[0].pos_ != "PROPN":
        return None
    # the name runs to the first comma or full stop ("Jane Roe, 42, of Ohio.")
    tokens = []
    for tok in name:
        if tok.is_punct:
            break
        tokens.append(tok)
    if not tokens or len(tokens) > 5 or not all(t.pos_ == "PROPN" or t.is_title for t in tokens):
        return None
    dash = Span(match.group(1), match.start(1), match.end(1))
    return dash, tokens


# '... - Jeffrey M. Jones: “Gallup's analysis ...”', 'More from Jones: “...”': a name set before
# a colon as a heading, then the quote
_HEADED = re.compile(r"(?:^|[-–—―]|\bfrom|\bby)[^\S\n]+((?:[A-Z][\w.'’-]*[^\S\n]+(?:and[^\S\n]+)?){0,4}"
                     r"[A-Z][\w'’-]*):[^\S\n]*$")


def _name_before_colon(text: str, m: Marked, doc: Doc, offset: int) -> tuple[Span, list[Token]] | None:
    """The colon and the name that head a quoted span: '- Jeffrey M. Jones: “...”'."""
    line_start = text.rfind("\n", 0, m.open) + 1
    match = _HEADED.search(text, max(line_start, m.open - 80), m.open)
    if match is None:
        return None
    name = doc.char_span(match.start(1) - offset, match.end(1) - offset, alignment_mode="contract")
    if name is None or not len(name) or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in name):
        return None
    colon = match.end(1)
    return Span(":", colon, colon + 1), list(name)


_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z“\"]|\n")


def _attribution_gap(gap: str) -> bool:
    """Whether the text between a quote and a cue is only its attribution: a comma, the
    speaker, an appositive ('," Jane Roe, the city's engineer, said'), no new sentence."""
    return len(gap) <= 160 and not _SENTENCE_END.search(gap)


def is_title(content: str) -> bool:
    """A title in quotation marks ("The Axe Files", "Face the Nation"): a few capitalised
    words and no sentence punctuation; not something said."""
    words = content.strip(" ,.").split()
    small = load_lexicons().engine_words["title_small"]  # "Face the Nation"
    return (0 < len(words) <= 6 and not any(ch in content for ch in "!?;")
            and all(w[0].isupper() or w.lower() in small for w in words)
            and words[0][0].isupper())


def _strip_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Content of a quoted span without edge spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# '"We will not back down," said Jane Doe. "Never."': a short quoted sentence opening right
# after a sentence that holds a closed quote, on the same line
_QUOTE_THEN_SENTENCE = re.compile(r"[\"”’»][^\n\"“”]{0,80}[.!?][^\S\n]*$")


def short_sentence_after_quote(text: str, opening: int, start: int, end: int) -> bool:
    """A whole short sentence in quotation marks that follows its speaker's attributed quote in
    the same paragraph (not a scare quote: those sit inside a sentence)."""
    content = text[start:end]
    if not content[:1].isupper() or content[-1:] not in ".!?":
        return False
    line_start = text.rfind("\n", 0, opening) + 1
    return _QUOTE_THEN_SENTENCE.search(text, line_start, opening) is not None
