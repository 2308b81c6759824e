"""The quote engine: from a parsed document to ``Quote`` records.

Stages, each a function of its own:
1. candidates: cue verbs, nouns and phrases from the lexicons, and reporting clauses (a verb
   with a clausal complement and a human subject);
2. attribution: each cue's content (its clause, the clause before a trailing attribution,
   what follows a colon, an object or an infinitive) and its source;
3. quotation marks: quoted spans joined to the cue beside them, split quotes, run-on paragraphs;
4. continuations: later sentences and quoted spans that carry a quote on;
5. speakers and records: names resolved, kinds and confidence decided, offsets into the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .enrich import annotate_quote
from .lexicon import Lexicons, load_lexicons
from .marks import Marked, find_marked, has_quotation_marks, paragraphs
from .model import Document, Quote, Span, Topic
from .speakers import PersonIndex, Resolution, appositive_role, mention_tokens, resolve

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
HUMAN_PRONOUNS = {"he", "she", "i", "we", "they", "you"}
# Verbs that take a clause without reporting anything ("he made sure that", "it seems that").
NOT_REPORTING = {"be", "have", "do", "make", "get", "go", "seem", "appear", "mean", "ensure",
                 "prove", "matter", "happen", "turn", "become", "let", "help", "take", "come",
                 "look", "sound", "depend", "put", "keep", "give", "set", "bet", "wait", "try",
                 "like", "love", "need", "use", "work", "start", "begin", "stop", "hear"}
# Verbs whose infinitive complement is the content ("vowed to fight", "urged Congress to act").
INFINITIVE_CONTENT = {"intention", "belief"}
INFINITIVE_SPEECH = {"urge", "ask", "call", "promise", "pledge", "vow", "threaten", "demand",
                     "warn", "tell", "agree", "decline", "refuse", "propose", "claim", "vote",
                     "encourage"}
# A clause these open is an adverbial misparsed as a complement: "announced X as Y prepare ..."
ADVERBIAL_MARKS = {"as", "because", "since", "while", "when", "after", "before", "although", "though",
                   "unless", "until", "once"}
QUOTE_CHARS = set("\"“”«»„‘’'")

CONFIDENCE = {
    "marked": 0.95,
    "reported": 0.85,
    "according_to": 0.85,
    "trailing": 0.8,
    "parenthetical": 0.8,
    "colon": 0.8,
    "noun": 0.65,
    "object": 0.6,
    "infinitive": 0.6,
    "general": 0.55,
    "continuation": 0.6,
}
UNRESOLVED_PENALTY = 0.15


@dataclass
class Attribution:
    """A content span tied to its cue and source, before speakers are resolved."""

    start: int  # document offsets of the content
    end: int
    cue: Span | None
    source: list[Token] | None
    act: str
    rule: str
    addressee: Span | None = None
    marked: bool = False  # content is exactly a quoted span
    continuation_of: "Attribution | None" = None
    resolution: Resolution | None = None
    role: str | None = None
    paragraph: int = -1
    mention: Span | None = None
    parts: list[tuple[int, int]] | None = None  # content pieces when a quote is split


# -- small helpers ------------------------------------------------------------------------

def _span(tokens: Sequence[Token], offset: int) -> Span:
    start = offset + tokens[0].idx
    end = offset + tokens[-1].idx + len(tokens[-1].text)
    return Span(tokens[0].doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)], start, end)


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range ``[lo, hi]`` without punctuation and conjunctions at either edge."""
    while lo <= hi and (doc[lo].is_punct and doc[lo].text not in QUOTE_CHARS or doc[lo].dep_ == "cc" or doc[lo].is_space):
        lo += 1
    while hi >= lo and (doc[hi].is_punct and doc[hi].text not in QUOTE_CHARS or doc[hi].dep_ == "cc" or doc[hi].is_space):
        hi -= 1
    if hi < lo:
        return None
    return lo, hi


def _chars(doc: Doc, lo: int, hi: int, offset: int) -> tuple[int, int]:
    return offset + doc[lo].idx, offset + doc[hi].idx + len(doc[hi].text)


def _subject(verb: Token) -> Token | None:
    """The source of a cue verb: its subject, the agent of a passive, or its head's subject."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # "The museum, Jane Roe said, would open": of two subjects, the one next to the verb
        child = min(subjects, key=lambda c: abs(verb.i - c.i))
        # a dateline parsed as the subject: "KYIV, Ukraine (AP) The leader of X said"
        if child.is_upper and len(child.text) > 1 and child.i == child.sent.start:
            described = [c for c in child.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
            if described:
                return described[-1]
        return child
    for child in verb.children:
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return None  # "it was reported that": no source given
    if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head  # "officials who said ...", "a tweet criticizing ..."
    # "He did this by telling X that ...", "X left, saying that ...": the subject of the verb
    # the cue hangs from
    head = verb
    for _ in range(3):
        if head.dep_ not in ("advcl", "conj", "xcomp", "acl", "pcomp", "prep") or head.head.i == head.i:
            return None
        head = head.head
        if head.pos_ in ("VERB", "AUX"):
            return _subject(head)
    return None


def _is_human(tok: Token, lex: Lexicons) -> bool:
    if tok.lower_ in HUMAN_PRONOUNS:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = tok.lemma_.lower()
    return low in lex.titles or low in lex.organizations or low in {
        "official", "spokesman", "spokeswoman", "source", "aide", "expert", "analyst", "critic",
        "people", "voter", "supporter", "leader", "member", "adviser", "advisor", "staffer",
        "reporter", "author", "researcher", "scientist", "economist", "lawyer", "attorney",
        "activist", "resident", "witness", "friend", "poll", "survey", "study", "report",
        "democrat", "republican", "observer", "historian", "strategist", "donor", "candidate",
        "statement", "letter", "memo", "filing", "document", "complaint", "lawsuit", "ad", "tweet",
        "post", "article", "story", "editorial", "website", "release", "message", "email", "video",
        "speech", "interview", "book", "column", "newspaper", "network", "paper", "magazine",
        "it", "this", "that", "who", "which", "everyone", "someone", "nobody", "anyone", "many",
        "some", "others", "one", "both", "all", "most", "few", "each", "those"}


# -- stage 1 and 2: cues and what they attribute --------------------------------------------

def _verb_cue(tok: Token, lex: Lexicons) -> tuple[str, str, bool] | None:
    """``(lemma, act, object_is_content)`` when a token is a cue verb in this use."""
    if tok.pos_ not in ("VERB", "AUX") and not (tok.tag_ == "VBN" and tok.dep_ in ("acomp", "ROOT")):
        return None
    lemma = tok.lemma_.lower()
    entry = lex.cue_verbs.get(lemma)
    if entry is None:
        return None
    if tok.dep_ == "amod":  # "the said property"
        return None
    children = list(tok.children)
    deps = {c.dep_ for c in children}
    if lemma == "say" and "nsubjpass" in deps and "xcomp" in deps:  # "is said to be"
        return None
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in children):
        return None
    # '"...," he continued.' is speech; "continued to rise" is not
    if lemma == "continue" and deps - {"nsubj", "punct", "advmod", "npadvmod", "cc", "ccomp"}:
        return None
    if lemma == "call" and not ({"ccomp", "xcomp", "oprd"} & deps or any(c.lower_ == "for" for c in children)
                                or any(c.dep_ == "dobj" and _names_something(c) for c in children)):
        return None  # "called a meeting" reports nothing; "called X a hoax" does
    return lemma, entry.act, entry.object_is_content


def _names_something(obj: Token) -> bool:
    """``called Mr. X an outstanding leader`` (an appositive in the object) or ``called them
    "rapists"`` (a quoted word): the object holds the name it is called by."""
    return any(t.dep_ in ("appos", "oprd") or t.text in QUOTE_CHARS for t in obj.subtree)


def _content_of_verb(verb: Token, lemma: str, act: str, object_is_content: bool,
                     lex: Lexicons) -> list[tuple[int, int, str]]:
    """Token ranges and rules of a cue verb's content (several for a split quote)."""
    doc = verb.doc
    sent = verb.sent
    children = list(verb.children)
    clauses = [c for c in children if (c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i < verb.i))
               and not any(g.dep_ == "mark" and g.lower_ in ADVERBIAL_MARKS for g in c.children)]
    if clauses:
        # "We have a single army, X said": the clause before a trailing attribution;
        # '"We are ready," X said, "and we will win."': one clause on each side
        return [(c.left_edge.i, c.right_edge.i, "reported" if c.i > verb.i else "trailing") for c in clauses]
    subject = _subject(verb)
    parenthetical = _parenthetical(verb, subject)
    if parenthetical:
        return parenthetical
    if subject is None and not {c.dep_ for c in children} & {"ccomp", "xcomp"}:
        named = _trailing_name(verb)
        if named is not None and named[1] - sent.start >= 3:
            return [(sent.start, named[1] - 1, "trailing")]
    # the cue hangs off the clause it attributes: "We have an army, X said." parsed with
    # "said" as a parataxis or ccomp of "have"
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i and subject is not None and subject.head.i == verb.i:
        head = verb.head
        lo = head.left_edge.i
        first = min(subject.left_edge.i, verb.i)
        if first - lo >= 3 and doc[first - 1].text in ",—–-:\"”'’":
            return [(lo, first - 1, "trailing")]
    # "..., X said." or "..., said X." with nothing else in the sentence
    if subject is not None and verb.dep_ == "ROOT" and _ends_attribution(verb, subject):
        first = min(subject.left_edge.i, verb.i)
        if first - sent.start >= 3 and doc[first - 1].text in (",", "—", "–", "-", ":"):
            return [(sent.start, first - 2, "trailing")]
    # "X said: CLAUSE"
    after = verb.i + 1
    while after < sent.end and doc[after].dep_ in ("dobj", "dative", "npadvmod", "advmod", "prep", "pobj", "det", "compound", "amod", "poss") and doc[after].text != ":":
        after += 1
    if after < sent.end - 1 and doc[after].text == ":":
        return [(after + 1, sent.end - 1, "colon")]
    for child in children:
        if child.dep_ == "xcomp" and (act in INFINITIVE_CONTENT or lemma in INFINITIVE_SPEECH) and child.i > verb.i:
            # "urged Republicans to vote their conscience": the object is part of what was urged
            objects = [c for c in children if c.dep_ in ("dobj", "nsubj") and verb.i < c.i < child.i]
            lo = objects[0].left_edge.i if objects and (object_is_content or lemma in ("urge", "ask")) else child.left_edge.i
            return [(min(lo, child.left_edge.i), child.right_edge.i, "infinitive")]
        if (child.dep_ == "prep" and child.i > verb.i and child.lower_ in lex.cue_prepositions.get(lemma, ())
                and not any(c.dep_ == "dobj" and verb.i < c.i < child.i for c in children)):
            # "spoke of her plans", "called for a recount"
            if any(g.dep_ in ("pobj", "pcomp") for g in child.children):
                return [(child.left_edge.i, child.right_edge.i, "object")]
    if lemma == "call":  # "called her “third-rate”", "called the idea a “ridiculous proposition”"
        named = [c for c in children if c.i > verb.i and c.dep_ in ("dobj", "oprd")]
        if any(c.dep_ == "oprd" or _names_something(c) for c in named):
            return [(verb.i + 1, max(c.right_edge.i for c in named), "object")]
    if object_is_content:
        for child in children:
            if child.dep_ == "dobj" and (child.pos_ != "PRON" or lemma == "call") and (child.right_edge.i > child.left_edge.i or lemma == "call"):
                hi = child.right_edge.i
                for other in children:  # "described the drills as part of ...", "called it a hoax"
                    if other.i > hi and (other.dep_ == "oprd" or other.dep_ in ("prep", "ccomp") and other.lower_ in ("as", "of", "for")):
                        hi = other.right_edge.i
                return [(child.left_edge.i, hi, "object")]
    return []


TRAILING_DEPS = {"dative", "npadvmod", "advmod", "prep", "punct", "agent", "nsubj", "prt", "aux", "neg"}
TELL_VERBS = {"tell", "inform", "assure", "warn", "remind", "advise", "write", "say"}


def _ends_attribution(verb: Token, subject: Token) -> bool:
    """Whether a cue closes its sentence as an attribution: ``..., X told Y in an interview.``"""
    for child in verb.rights:
        if child.dep_ == "dobj" and verb.lemma_.lower() in TELL_VERBS:
            continue
        if child.dep_ not in TRAILING_DEPS:
            return False
    return True


def _parenthetical(verb: Token, subject: Token | None) -> list[tuple[int, int, str]]:
    """``The museum, Mr. Roe said, would open in May``: the sentence around the attribution."""
    if subject is None or subject.head.i != verb.i or any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        return []
    doc, sent = verb.doc, verb.sent
    first = min(subject.left_edge.i, verb.i)
    last = verb.i
    for child in verb.rights:
        if child.dep_ == "punct":
            break
        if child.dep_ not in TRAILING_DEPS and not (child.dep_ == "dobj" and verb.lemma_.lower() in TELL_VERBS):
            return []
        last = child.right_edge.i
    if first - 2 <= sent.start or last + 2 >= sent.end - 1:
        return []
    if doc[first - 1].text != "," or doc[last + 1].text != ",":
        return []
    return [(sent.start, first - 2, "parenthetical"), (last + 2, sent.end - 1, "parenthetical")]


def _trailing_name(verb: Token) -> tuple[Token, int] | None:
    """A misparsed trailing attribution: ``CLAUSE, Jane Roe, the city's engineer, told Y.``

    The cue has no subject of its own; a name set off by commas stands right before it. Returns
    the name's head and the index of the comma that ends the clause.
    """
    doc = verb.doc
    sent = verb.sent
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG") or ent.end > verb.i or verb.i - ent.end > 20 or ent.start < sent.start + 3:
            continue
        if doc[ent.start - 1].text != ",":
            continue
        between = doc[ent.end : verb.i]
        if len(between) and not (between[0].text == "," and between[-1].text == ","):
            continue
        if any(t.pos_ in ("VERB", "AUX") for t in between):
            continue
        return ent.root, ent.start - 1
    return None


def _addressee(verb: Token, offset: int) -> Span | None:
    """``told The Associated Press`` -> "The Associated Press"."""
    for child in verb.children:
        if child.dep_ in ("dobj", "dative") and (child.pos_ in ("PROPN", "NOUN") or child.lower_ in ("him", "her", "them", "me", "us")):
            if child.dep_ == "dobj" and verb.lemma_ not in ("tell", "inform", "assure", "warn", "remind", "advise", "urge", "ask"):
                continue
            tokens = list(verb.doc[child.left_edge.i : child.right_edge.i + 1])
            tokens = [t for t in tokens if not t.is_punct] or tokens
            return _span(tokens, offset)
    return None


def _source_mention(source: Token | None) -> list[Token] | None:
    """The tokens of a source mention; a relative pronoun comes with the noun phrase it stands
    for ("Jane Roe, a teacher, who said ..." -> "Jane Roe, a teacher, who")."""
    if source is None:
        return None
    if source.tag_ in ("WP", "WDT") and source.head.dep_ in ("relcl", "acl") and source.head.head.i < source.i:
        first = mention_tokens(source.head.head)[0]
        return list(source.doc[first.i : source.i + 1])
    return mention_tokens(source)


def find_verb_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """Cue verbs (from the lexicon, or any verb reporting a clause from a human subject)."""
    found = []
    for tok in doc:
        cue = _verb_cue(tok, lex)
        general = False
        if cue is None:
            if tok.pos_ != "VERB" or tok.lemma_.lower() in NOT_REPORTING:
                continue
            if not any(c.dep_ == "ccomp" and c.i > tok.i for c in tok.children):
                continue
            subject = _subject(tok)
            if subject is None:
                continue
            if _is_human(subject, lex):
                cue, general = (tok.lemma_.lower(), "speech", False), True
            elif any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
                     for c in tok.children):
                # "the data suggest that ...": evidence rather than speech
                cue, general = (tok.lemma_.lower(), "perception", False), True
            else:
                continue
        lemma, act, object_is_content = cue
        content = _content_of_verb(tok, lemma, act, object_is_content, lex)
        source = _subject(tok)
        if act == "speech" and source is not None and not _is_human(source, lex):
            act = "perception"  # "the data suggest that ...": evidence, nobody speaks
        if source is None and content and content[0][2] == "trailing":
            named = _trailing_name(tok)
            source = named[0] if named else None
        cue_tokens = [tok]
        for child in tok.children:
            if child.dep_ == "prt" and child.i == tok.i + 1:
                cue_tokens.append(child)
        mention = _source_mention(source)
        if not content:
            found.append(Attribution(-1, -1, _span(cue_tokens, offset), mention, act, "pending",
                                     _addressee(tok, offset)))
            continue
        pieces = []
        for lo, hi, rule in content:
            trimmed = _trim(doc, lo, hi)
            if trimmed is not None:
                pieces.append((*_chars(doc, *trimmed, offset), rule))
        if pieces and pieces[0][2] == "object" and (source is None or not _is_human(source, lex)):
            act = "perception"  # "the announcement highlights Moscow's support": nobody speaks
        if pieces and pieces[0][2] == "parenthetical":  # one quote around its attribution
            pieces = [(pieces[0][0], pieces[-1][1], "parenthetical", [(a, b) for a, b, _ in pieces])]
        for start, end, rule, *parts in pieces:
            found.append(Attribution(start, end, _span(cue_tokens, offset), mention, act,
                                     "general" if general else rule, _addressee(tok, offset),
                                     parts=parts[0] if parts else None))
    return found


def find_adjective_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``X is confident that CLAUSE``, ``X was adamant that ...``: a stance held by someone."""
    found = []
    for tok in doc:
        if tok.pos_ not in ("ADJ", "VERB") or tok.dep_ not in ("acomp", "oprd"):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            continue
        subject = _subject(tok.head)
        if subject is None or not _is_human(subject, lex):
            continue
        trimmed = _trim(doc, clause.left_edge.i, clause.right_edge.i)
        if trimmed is None:
            continue
        start, end = _chars(doc, *trimmed, offset)
        found.append(Attribution(start, end, _span([tok.head, tok], offset) if tok.head.i == tok.i - 1 else _span([tok], offset),
                                 mention_tokens(subject), "belief", "general"))
    return found


def find_phrase_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``according to X, CLAUSE`` and ``CLAUSE, according to X``."""
    found = []
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        phrase_lo = tok.i
        phrase_hi = max(tok.right_edge.i, to.right_edge.i)
        sent = tok.sent
        before = _trim(doc, sent.start, phrase_lo - 1) if phrase_lo > sent.start else None
        after = _trim(doc, phrase_hi + 1, sent.end - 1) if phrase_hi + 1 < sent.end else None
        sides = [s for s in (before, after) if s is not None]
        if not sides:
            continue
        lo, hi = max(sides, key=lambda s: s[1] - s[0])
        if hi - lo < 2:
            continue
        start, end = _chars(doc, lo, hi, offset)
        act = lex.cue_phrases.get(("according", "to"), "speech")
        found.append(Attribution(start, end, _span([tok, to], offset),
                                 mention_tokens(pobj) if pobj is not None else None, act, "according_to"))
    return found


def find_source_phrase_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``In a statement, the ministry denied ...``, ``support fell to 10 percent in the latest
    poll``: a clause attributed to the document or poll it appeared in."""
    found = []
    for tok in doc:
        if tok.lower_ != "in" or tok.dep_ != "prep" or tok.head.pos_ not in ("VERB", "AUX"):
            continue
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in lex.source_nouns:
            continue
        verb = tok.head
        if _verb_cue(verb, lex) is not None:
            continue  # "said in a statement": the verb is the cue already
        sent = verb.sent
        before = _trim(doc, max(sent.start, verb.left_edge.i), tok.i - 1) if tok.i > sent.start else None
        after = _trim(doc, tok.right_edge.i + 1, min(sent.end - 1, verb.right_edge.i))
        sides = [s for s in (before, after) if s is not None and s[0] <= verb.i <= s[1]]
        if not sides:
            continue
        lo, hi = sides[0]
        if hi - lo < 2:
            continue
        start, end = _chars(doc, lo, hi, offset)
        found.append(Attribution(start, end, _span(list(doc[tok.i : pobj.i + 1]), offset),
                                 mention_tokens(pobj), lex.source_nouns[pobj.lemma_.lower()], "according_to"))
    return found


def find_headline_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``Sanders: Clinton needs to change course`` -- a name and a colon opening a paragraph."""
    found = []
    for sent in doc.sents:
        start = sent.start
        if start > 0 and "\n" not in doc[start - 1].whitespace_ + doc[start - 1].text:
            continue  # only at the start of a paragraph
        colon = next((t for t in sent[:7] if t.text == ":"), None)
        if colon is None or colon.i == start or sent.end - colon.i < 5:
            continue
        name = doc[start : colon.i]
        if not all(t.pos_ in ("PROPN", "DET", "PUNCT", "NOUN", "ADJ") for t in name):
            continue
        if not any(e.label_ in ("PERSON", "ORG", "NORP", "GPE") for e in name.ents) and not any(t.pos_ == "PROPN" for t in name):
            continue
        last = next((t.i - 1 for t in doc[colon.i + 1 : sent.end] if "\n" in t.text), sent.end - 1)
        trimmed = _trim(doc, colon.i + 1, last)
        if trimmed is None:
            continue
        s, e = _chars(doc, *trimmed, offset)
        found.append(Attribution(s, e, _span([colon], offset), list(name), "speech", "colon"))
    return found


def find_noun_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """``his claim that CLAUSE``, ``the report's finding that CLAUSE``."""
    found = []
    for tok in doc:
        if tok.pos_ != "NOUN":
            continue
        act = lex.cue_nouns.get(tok.lemma_.lower())
        if act is None:
            continue
        clause = next((c for c in tok.children if c.dep_ in ("acl", "ccomp", "appos") and c.i > tok.i
                       and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if clause is None:
            continue
        cue_token = tok
        if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and _verb_cue(tok.head.head, lex):
            # "the ministry said in a statement that ...": the verb is the cue
            cue_token = tok.head.head
            source = _subject(cue_token)
            act = lex.cue_verbs[cue_token.lemma_.lower()].act
        else:
            source = next((c for c in tok.children if c.dep_ == "poss"), None)
        if source is None and cue_token is tok:  # "concerns of the opposition that ..."
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            source = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if source is None and tok.head.pos_ == "VERB" and tok.dep_ == "dobj" and tok.head.lemma_ in (
                "make", "express", "voice", "issue", "repeat", "reiterate", "offer", "share"):
            source = _subject(tok.head)  # "she made the claim that ..."
        trimmed = _trim(doc, clause.left_edge.i, clause.right_edge.i)
        if trimmed is None:
            continue
        start, end = _chars(doc, *trimmed, offset)
        found.append(Attribution(start, end, _span([cue_token], offset),
                                 mention_tokens(source) if source is not None else None, act,
                                 "noun" if cue_token is tok else "reported"))
    return found


# -- stage 3: quotation marks ---------------------------------------------------------------

def _doc_offsets_sentence(doc: Doc, offset: int, char: int) -> tuple[int, int] | None:
    tok = doc.char_span(char - offset, char - offset + 1, alignment_mode="expand")
    if tok is None or not len(tok):
        return None
    sent = tok[0].sent
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
    for att in pending:
        assert att.cue is not None
        before = [i for i, m in enumerate(marked) if i not in used and i not in claimed
                  and m.close < att.cue.start and _attribution_gap(text[m.close + 1 : att.cue.start])]
        if before:
            claimed[before[-1]] = att
    for att in pending:
        if att in claimed.values():
            continue
        sentence = _doc_offsets_sentence(doc, offset, att.cue.start)
        for i, m in enumerate(marked):
            if i in used or i in claimed or m.open < att.cue.end:
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
        if len(words) < 4:  # scare quotes and titles
            continue
        signed = _dash_signature(text, m, doc, offset)
        if signed is not None:
            dash, name = signed
            result.append(Attribution(start, end, dash, name, "speech", "marked", marked=True))
            continue
        result.append(Attribution(start, end, None, None, "speech", "continuation", marked=True))
    return result


# '"We need change." ― Jane Roe, 42, of Ohio': a quote signed with a dash and a name
_SIGNATURE = re.compile(r"[ \t]*([―—–]|--)[ \t]*([^\n]{2,80})")


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


_SENTENCE_END = re.compile(r"[.!?]\s+[A-Z“\"]|\n")


def _attribution_gap(gap: str) -> bool:
    """Whether the text between a quote and a cue is only its attribution: a comma, the
    speaker, an appositive ('," Jane Roe, the city's engineer, said'), no new sentence."""
    return len(gap) <= 160 and not _SENTENCE_END.search(gap)


def _strip_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Content of a quoted span without edge spaces and a trailing comma."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# -- stage 4: continuations in stripped text -----------------------------------------------

def unmarked_continuations(doc: Doc, offset: int, found: list[Attribution], lex: Lexicons) -> list[Attribution]:
    """In text without quotation marks, sentences after a trailing quote carry it on.

    "We have a single army, X said. If a war starts, we will fight together." The second
    sentence has no cue and no new subject of its own: it continues X's quote.
    """
    extra = []
    by_sentence: dict[int, list[Attribution]] = {}
    sents = list(doc.sents)
    starts = [sent.start_char for sent in sents]
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
        if "\n" in doc.text[sents[index - 1].end_char - 1 : sent.start_char + 1] or "\n" in doc.text[sents[index - 1].start_char: sent.start_char].strip():
            continue
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is not None and subj.ent_type_ == "PERSON":
            continue
        trimmed = _trim(doc, sent.start, sent.end - 1)
        if trimmed is None:
            continue
        start, end = _chars(doc, *trimmed, offset)
        att = Attribution(start, end, None, None, last.act, "continuation", continuation_of=last)
        extra.append(att)
        by_sentence[index] = [att]
    return extra


# -- stage 5: records -----------------------------------------------------------------------

def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def _dedupe(atts: list[Attribution], text: str) -> list[Attribution]:
    """One attribution per content: overlapping candidates keep the most reliable rule.

    A content of a single word ("..., or so the campaign says") is not a quote.
    """
    atts = [a for a in atts if a.rule == "object" or _words(text[a.start : a.end]) >= 2]
    order = sorted(atts, key=lambda a: (-CONFIDENCE.get(a.rule, 0.5) - (0.2 if a.marked else 0), a.start))
    kept: list[Attribution] = []
    for att in order:
        clash = False
        for other in kept:
            overlap = min(att.end, other.end) - max(att.start, other.start)
            if overlap > 0 and overlap >= 0.5 * min(att.end - att.start, other.end - other.start):
                clash = True
                break
        if not clash:
            kept.append(att)
    return sorted(kept, key=lambda a: (a.start, a.end))


_OWN_VOICE = re.compile(r"\b(i|we|us|our|ours|my|me|you|your|am|is|are|will|wont|won't|can|cant|can't|has|have|do|does|dont|don't)\b", re.I)


def _kind(att: Attribution, text: str, stripped: bool) -> str:
    if att.marked:
        return "direct"
    content = text[att.start : att.end]
    if any(ch in "\"“”«»„" for ch in content):
        return "mixed"
    if stripped and att.rule in ("trailing", "parenthetical", "colon", "continuation"):
        # marks stripped: words in the speaker's own voice or tense tell a direct quote
        # ("We have a single army, X said") from reported speech ("It would close, X said")
        if att.rule == "continuation" or _OWN_VOICE.search(content):
            return "direct"
    return "indirect"


def extract_from_parsed(document: Document, parsed: Sequence[tuple[int, Doc]],
                        acts: Collection[str] = ("speech",), enrich: bool = True) -> list[Quote]:
    """Every quote of a document from its parsed pieces ``(offset, doc)``, in text order.

    With ``enrich``, each quote also carries the countries, blocs, topics and persons it names.
    """
    lex = load_lexicons()
    text = document.text
    stripped = not has_quotation_marks(document.body)
    atts: list[Attribution] = []
    for offset, doc in parsed:
        index = PersonIndex(doc, lex)
        found = find_verb_attributions(doc, offset, lex)
        found += find_phrase_attributions(doc, offset, lex)
        found += find_noun_attributions(doc, offset, lex)
        found += find_adjective_attributions(doc, offset, lex)
        found += find_headline_attributions(doc, offset, lex)
        found += find_source_phrase_attributions(doc, offset, lex)
        marked = find_marked(text, offset, offset + len(doc.text))
        found = attach_marked(text, marked, found, doc, offset)
        if stripped:
            found += unmarked_continuations(doc, offset, found, lex)
        found = _dedupe([a for a in found if a.end > a.start], text)
        for att in found:  # in text order, so pronouns see the people before them
            if att.source:
                att.mention = _span(att.source, offset)
                att.resolution = resolve(att.source, index)
                head = next((t for t in att.source if t.head not in att.source or t.head.i == t.i), att.source[-1])
                att.role = appositive_role(head)
        _carry_speakers(found, text, doc, offset)
        atts.extend(_join_split(found, text))
    quotes = _records(document, atts, acts, stripped)
    return [_enrich(q, parsed) for q in quotes] if enrich else quotes


def _enrich(quote: Quote, parsed: Sequence[tuple[int, Doc]]) -> Quote:
    """Countries, blocs, topics and persons of a quote, from the piece that holds it."""
    for offset, doc in parsed:
        if offset <= quote.start < offset + len(doc.text):
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


def _carry_speakers(found: list[Attribution], text: str, doc: Doc, offset: int) -> None:
    """Continuations and split quotes take the speaker of the quote before them."""
    paras = paragraphs(text, offset, offset + len(doc.text))

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


def _join_split(found: list[Attribution], text: str) -> list[Attribution]:
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


def _records(document: Document, atts: list[Attribution], acts: Collection[str], stripped: bool) -> list[Quote]:
    quotes = []
    keep_all = "all" in acts
    for att in atts:
        if att.rule == "continuation" and att.continuation_of is None:
            continue  # a quoted span nobody is said to have said
        if not keep_all and att.act not in acts:
            continue
        res = att.resolution or Resolution(None, "unknown")
        confidence = CONFIDENCE.get(att.rule, 0.5)
        if res.speaker is None:
            confidence -= UNRESOLVED_PENALTY
        quotes.append(Quote(
            doc_id=document.doc_id, quote_id="", kind=_kind(att, document.text, stripped),
            text=document.text[att.start : att.end], start=att.start, end=att.end,
            speaker=res.speaker, speaker_mention=att.mention, cue=att.cue,
            confidence=max(0.05, min(1.0, confidence)), title=document.title, date=document.date,
            url=document.url, parts=tuple(att.parts or [(att.start, att.end)]), act=att.act, speaker_type=res.speaker_type,
            speaker_role=att.role, addressee=att.addressee, rule=att.rule))
    quotes.sort(key=lambda q: (q.start, q.end))
    return [replace(q, quote_id=f"{document.doc_id}:q{n}") for n, q in enumerate(quotes, 1)]
