"""Attributions read off the parse around cues other than verbs: stances (``is confident
that``), phrases (``according to``, ``in a statement``), noun cues (``his claim that``),
headline colons (``Name: ...``) and evidential verbs (``appears to``)."""

from __future__ import annotations

from spacy.attrs import DEP, LOWER, POS
from spacy.tokens import Doc, Span

from ..lexicon import Lexicons, load_engine_words
from .attribution import Attribution, char_range, sentence_of, token_span, tokens_where, trim, where
from .attribution import children as _children
from .reported import _is_human, _subject, _verb_cue
from .speakers import mention_tokens


def find_adjective_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``X is confident that CLAUSE``, ``X was adamant that ...``: a stance held by someone."""
    found = []
    for tok in tokens_where(doc, where(doc, POS, ("ADJ", "VERB")) & where(doc, DEP, ("acomp", "oprd"))):
        clause = next((c for c in _children(tok) if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            continue
        subject = _subject(tok.head)
        if subject is None or not _is_human(subject, lex):
            continue
        trimmed = trim(doc, clause.left_edge.i, clause.right_edge.i)
        if trimmed is None:
            continue
        start, end = char_range(doc, *trimmed, offset)
        found.append(Attribution(start, end, token_span([tok.head, tok], offset) if tok.head.i == tok.i - 1 else token_span([tok], offset),
                                 mention_tokens(subject), "belief", "general"))
    return found


def find_phrase_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``according to X, CLAUSE`` and ``CLAUSE, according to X``."""
    found = []
    for tok in tokens_where(doc, where(doc, LOWER, ("according",))):
        if tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in _children(to) if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in _children(tok) if c.dep_ == "pobj"), None)
        phrase_lo = tok.i
        phrase_hi = max(tok.right_edge.i, to.right_edge.i)
        sent = sentence_of(tok)
        before = trim(doc, sent.start, phrase_lo - 1) if phrase_lo > sent.start else None
        after = trim(doc, phrase_hi + 1, sent.end - 1) if phrase_hi + 1 < sent.end else None
        sides = [s for s in (before, after) if s is not None]
        if not sides:
            continue
        lo, hi = max(sides, key=lambda s: s[1] - s[0])
        if hi - lo < 2:
            continue
        start, end = char_range(doc, lo, hi, offset)
        act = lex.cue_phrases.get(("according", "to"), "speech")
        found.append(Attribution(start, end, token_span([tok, to], offset),
                                 mention_tokens(pobj) if pobj is not None else None, act, "according_to"))
    return found


def find_source_phrase_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``In a statement, the ministry denied ...``, ``support fell to 10 percent in the latest
    poll``: a clause attributed to the document or poll it appeared in."""
    found = []
    for tok in tokens_where(doc, where(doc, LOWER, ("in",)) & where(doc, DEP, ("prep",))):
        if tok.head.pos_ not in ("VERB", "AUX"):
            continue
        pobj = next((c for c in _children(tok) if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in lex.source_nouns:
            continue
        verb = tok.head
        if _verb_cue(verb, lex) is not None:
            continue  # "said in a statement": the verb is the cue already
        sent = sentence_of(verb)
        before = trim(doc, max(sent.start, verb.left_edge.i), tok.i - 1) if tok.i > sent.start else None
        after = trim(doc, tok.right_edge.i + 1, min(sent.end - 1, verb.right_edge.i))
        sides = [s for s in (before, after) if s is not None and s[0] <= verb.i <= s[1]]
        if not sides:
            continue
        lo, hi = sides[0]
        if hi - lo < 2:
            continue
        start, end = char_range(doc, lo, hi, offset)
        found.append(Attribution(start, end, token_span(list(doc[tok.i : pobj.i + 1]), offset),
                                 mention_tokens(pobj), lex.source_nouns[pobj.lemma_.lower()], "according_to"))
    return found


def _looks_like_name(name: Span, lex: Lexicons) -> bool:
    """``Sanders``, ``JOEL BENENSON``, ``Sen. Ted Cruz``: a short capitalised run that is no label."""
    words = [t for t in name if not t.is_punct]
    label = name.text.lower().replace("\u2019", "'")
    if not words or len(words) > 5 or label in lex.labels or words[0].lower_ in lex.labels:
        return False
    if not all(t.pos_ in ("PROPN", "DET", "PUNCT", "NOUN", "ADJ", "ADV", "PART") for t in name):
        return False
    if _names_a_work(name, lex):
        return False
    if any(e.label_ in ("PERSON", "ORG", "NORP", "GPE") for e in name.ents) or any(t.pos_ == "PROPN" for t in name):
        return True
    # the small model tags a lone "Trump" or a shouted "KATE BOULDUAN" as a noun or adjective
    return all(t.is_title or t.is_upper for t in words if t.is_alpha)


def _names_a_work(name: Span, lex: Lexicons) -> bool:
    """``Jane Roe's book Boys: What It Means ...``: a text's title runs up to the colon.

    A lower-case noun for a text followed by a capitalised word names the work; what follows
    the colon is its subtitle, not what someone said. ``The report: prices rose`` (the noun
    last) still speaks.
    """
    texts = lex.engine_words["document_nouns"]
    return any(t.is_lower and t.pos_ == "NOUN" and (t.lemma_ in lex.source_nouns or t.lemma_ in texts)
               and nxt.is_title for t, nxt in zip(name, name[1:]))


def find_headline_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``Sanders: Clinton needs to change course`` -- a name and a colon opening a paragraph.

    A transcript turn (``JOEL BENENSON: This is a man who ...``) runs to the paragraph's end.
    """
    found = []
    for sent in doc.sents:
        start = sent.start
        if start > 0 and "\n" not in doc[start - 1].whitespace_ + doc[start - 1].text:
            continue  # only at the start of a paragraph
        colon = next((t for t in sent[:7] if t.text == ":"), None)
        if colon is None or colon.i == start:
            continue
        # "Clinton to Planned Parenthood: ...": the speaker, then whom it is said to
        to = next((t.i for t in doc[start : colon.i] if t.lower_ == "to" and t.i > start), colon.i)
        if not _looks_like_name(doc[start:to], lex):
            continue
        last = next((t.i - 1 for t in doc[colon.i + 1 :] if "\n" in t.text), len(doc) - 1)
        trimmed = trim(doc, colon.i + 1, last)
        if trimmed is None or trimmed[1] - trimmed[0] < 2:
            continue
        s, e = char_range(doc, *trimmed, offset)
        addressee = token_span(list(doc[to + 1 : colon.i]), offset) if colon.i > to + 1 else None
        found.append(Attribution(s, e, token_span([colon], offset), list(doc[start:to]), "speech", "colon",
                                 addressee))
    # "ENERGY: U.S. crude oil slipped ...", "Relevant Reading: ...": a label heads a section
    # once; a speaker is named as one ("Sanders: ...") or takes turns ("BENENSON: ...")
    # or is a person the text names ("Jane Roe and John Doe debated. ... JOHN DOE: ...")
    turns: dict[str, int] = {}
    for att in found:
        key = " ".join(t.lower_ for t in att.source or ())
        turns[key] = turns.get(key, 0) + 1
    people = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" for t in ent}
    return [att for att in found if turns[" ".join(t.lower_ for t in att.source or ())] > 1
            or any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") for t in att.source or ())
            or all(t.lower_ in people for t in att.source or () if t.is_alpha)]


def find_evidential_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``[The race] appears [closer in Ohio]``, ``it seems [that ...]``: the writer's view.

    The content is the subject and the complement around the verb, or the clause alone after
    an empty ``it``; nobody is its source.
    """
    found = []
    for tok in tokens_where(doc, where(doc, POS, ("VERB", "AUX"))):
        if tok.lemma_.lower() not in lex.evidential_verbs:
            continue
        complement = next((c for c in _children(tok) if c.i > tok.i and (
            c.dep_ in ("xcomp", "acomp", "attr", "oprd") or c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX"))), None)
        if complement is None:
            continue  # "she appeared on Fox News"
        subject = next((c for c in _children(tok) if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i < tok.i), None)
        pieces = []
        if subject is not None and subject.lower_ != "it" and subject.dep_ != "expl":
            pieces.append(trim(doc, subject.left_edge.i, subject.right_edge.i))
        elif complement.dep_ != "ccomp":
            continue  # "it seems odd": no claim about anything
        pieces.append(trim(doc, complement.left_edge.i, complement.right_edge.i))
        pieces = [p for p in pieces if p is not None]
        if not pieces:
            continue
        ranges = [char_range(doc, *p, offset) for p in pieces]
        found.append(Attribution(ranges[0][0], ranges[-1][1], token_span([tok], offset), None, "perception",
                                 "evidential", parts=ranges if len(ranges) > 1 else None))
    return found


def find_noun_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``his claim that CLAUSE``, ``the report's finding that CLAUSE``."""
    found = []
    for tok in tokens_where(doc, where(doc, POS, ("NOUN",))):
        act = lex.cue_nouns.get(tok.lemma_.lower())
        if act is None:
            continue
        clause = next((c for c in _children(tok) if c.dep_ in ("acl", "ccomp", "appos") and c.i > tok.i
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in _children(c))), None)
        if clause is None:
            continue
        cue_token = tok
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and _verb_cue(tok.head.head, lex):
            # "the ministry said in a statement that ...": the verb is the cue
            cue_token = tok.head.head
            source = _subject(cue_token)
            act = lex.cue_verbs[cue_token.lemma_.lower()].act
        else:
            source = next((c for c in _children(tok) if c.dep_ == "poss"), None)
        if source is None and cue_token is tok:  # "concerns of the opposition that ..."
            of = next((c for c in _children(tok) if c.dep_ == "prep" and c.lower_ == "of"), None)
            source = next((c for c in _children(of) if c.dep_ == "pobj"), None) if of is not None else None
        if source is None and tok.head.pos_ == "VERB" and tok.dep_ == "dobj" and tok.head.lemma_ in load_engine_words()["claim_making_verbs"]:
            source = _subject(tok.head)  # "she made the claim that ..."
        trimmed = trim(doc, clause.left_edge.i, clause.right_edge.i)
        if trimmed is None:
            continue
        start, end = char_range(doc, *trimmed, offset)
        found.append(Attribution(start, end, token_span([cue_token], offset),
                                 mention_tokens(source) if source is not None else None, act,
                                 "noun" if cue_token is tok else "reported"))
    return found
