"""Attributions read off the parse around cue verbs: their clauses, objects and infinitives;
trailing and parenthetical attributions. The other cues (phrases, nouns, adjectives, headline
colons, evidential verbs) are in ``cue_phrases``."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import DEP, ORTH, POS, TAG
from spacy.tokens import Doc, Token

from ..lexicon import Lexicons, load_engine_words, load_lexicons
from ..model import Span
from .attribution import QUOTE_CHARS, Attribution, char_range, sentence_of, token_span, tokens_where, trim, where
from .attribution import children as _children, rights as _rights
from .speakers import doc_text, mention_tokens

# The word lists these rules name (human_pronouns, evidence_verbs, ...) are data:
# quotes/lexicons/engine_words.tsv, read by load_engine_words().

# Parse facts the rules look up per cue, computed once per parse and kept on the Doc: a walk
# per cue over a sentence or a subtree made 4,000 repeated "said" take minutes (cubic).
_INDEX_KEY = "quotegraph.rules.reported"
_SUBJECT_KEY = "quotegraph.rules.subjects"
# "X said to reporters on Monday: CLAUSE": the words that may stand between a cue and its colon
COLON_SKIP = {"dobj", "dative", "npadvmod", "advmod", "prep", "pobj", "det", "compound", "amod", "poss"}


def _parse_index(doc: Doc) -> dict:
    """Named entities by end, the "that" relative clauses, and where each run of words a cue's
    colon may follow ends."""
    index = doc.user_data.get(_INDEX_KEY)
    if index is None:
        ents = sorted((e.start, e.end, e.label_) for e in doc.ents)  # spans kept on the Doc would be a cycle
        # "told the audience ... that he had": relative clauses opened by "that", with a subject
        relcl = [t.i for t in tokens_where(doc, where(doc, DEP, ("relcl",)))
                 if any(c.dep_ == "mark" and c.lower_ == "that" for c in _children(t))
                 and any(c.dep_ in ("nsubj", "nsubjpass") for c in _children(t))]
        run_end = [len(doc)] * (len(doc) + 1)
        skips = (where(doc, DEP, sorted(COLON_SKIP)) & ~where(doc, ORTH, (":",))).tolist()
        for i in range(len(doc) - 1, -1, -1):
            run_end[i] = run_end[i + 1] if skips[i] else i
        index = {"ents": ents, "ent_ends": [e[1] for e in ents], "that_relcl": relcl, "run_end": run_end}
        doc.user_data[_INDEX_KEY] = index
    return index


# Verbs whose infinitive complement is the content ("vowed to fight", "urged Congress to act").
INFINITIVE_CONTENT = {"intention", "belief"}


def _inverted_subject(verb: Token) -> Token | None:
    """``It didnt take me long, quipped Green, who ...``: a name after a trailing cue that the
    parser took for its object. Only a cue hung after a comma on the clause it closes, and not
    one of telling, whose object is the hearer ("..., told Jane Roe" is not said)."""
    doc = verb.doc
    if (verb.i == 0 or doc[verb.i - 1].text != "," or verb.head.i >= verb.i
            or verb.dep_ not in ("dep", "parataxis", "ccomp", "conj", "advcl")
            or verb.lemma_.lower() in load_engine_words()["addressee_verbs"]
            or verb.lemma_.lower() not in load_lexicons().cue_verbs):
        return None
    objects = [c for c in _children(verb) if c.dep_ == "dobj" and c.i > verb.i]
    if len(objects) != 1:
        return None
    name = objects[0]
    if name.left_edge.i != verb.i + 1 or not (name.ent_type_ in ("PERSON", "ORG") or name.pos_ == "PROPN"):
        return None
    after = name.right_edge.i + 1
    if verb.tag_ not in ("VBD", "VBZ") or after < len(doc) and not doc[after].is_punct:
        return None  # "..., naming Bill Maher as his pleasure": an object
    return name


def _subject(verb: Token) -> Token | None:
    """The source of a cue verb: its subject, the agent of a passive, or its head's subject.

    Found once per token and parse: cues hanging from one verb ask for its subject each time.
    """
    found = verb.doc.user_data.setdefault(_SUBJECT_KEY, {})
    if verb.i not in found:
        subject = _find_subject(verb)
        found[verb.i] = -1 if subject is None else subject.i
    return None if found[verb.i] < 0 else verb.doc[found[verb.i]]


def _find_subject(verb: Token) -> Token | None:
    subjects = [c for c in _children(verb) if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # "The museum, Jane Roe said, would open": of two subjects, the one next to the verb
        child = min(subjects, key=lambda c: abs(verb.i - c.i))
        # a dateline parsed as the subject: "KYIV, Ukraine (AP) The leader of X said"
        if child.is_upper and len(child.text) > 1 and child.i == sentence_of(child).start:
            described = [c for c in _children(child) if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
            if described:
                return described[-1]
        return child
    for child in _children(verb):
        if child.dep_ == "agent":
            for grand in _children(child):
                if grand.dep_ == "pobj":
                    return grand
    for child in _children(verb):
        if child.dep_ == "nsubjpass":
            words = load_engine_words()
            if (verb.lemma_.lower() in words["passive_speaker_verbs"]
                    and child.lower_ not in words["not_people_pronouns"]):
                return child  # "..., he was quoted as saying": the one quoted spoke ("it is cited": nobody)
            return None  # "it was reported that": no source given
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
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


def _is_finite(clause: Token) -> bool:
    """Whether a clause has tense or opens with "that"/"whether": "she knew that ...", not the
    "allowing her to build ..." the parser sometimes calls a complement clause."""
    if clause.tag_ in ("VBD", "VBZ", "VBP", "MD"):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD")
               or c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") for c in _children(clause))


def _is_human(tok: Token, lex: Lexicons) -> bool:
    words = load_engine_words()
    if tok.lower_ in words["human_pronouns"]:
        return True
    if tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    low = tok.lemma_.lower()
    return low in lex.titles or low in lex.organizations or low in words["human_nouns"]


def _can_speak(source: Token, lemma: str, lex: Lexicons) -> bool:
    """Whether the subject of a speech verb speaks: a person or organisation by the parse and
    the entities, or any noun phrase when the verb is one of saying, not of showing ("the data
    suggest that": evidence_verbs). "The coach said ...", "The airline said ...": a source."""
    if _is_human(source, lex):
        return True
    if lemma in load_engine_words()["evidence_verbs"]:
        return False
    return source.pos_ in ("NOUN", "PROPN") and source.ent_type_ not in ("DATE", "TIME", "MONEY", "PERCENT",
                                                                     "QUANTITY", "CARDINAL", "ORDINAL")


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
    if tok.dep_ in ("csubj", "csubjpass") and tok.tag_ == "VBG":  # "Seeing him suffer led her to ..."
        return None
    children = list(_children(tok))
    deps = {c.dep_ for c in children}
    if lemma == "say" and "nsubjpass" in deps and "xcomp" in deps:  # "is said to be"
        return None
    if lemma == "point" and not any(c.dep_ == "prt" and c.lower_ == "out" for c in children):
        return None
    # '"...," he continued.' is speech; "continued to rise" is not
    if lemma == "continue" and (deps - {"nsubj", "punct", "advmod", "npadvmod", "cc", "ccomp"}
                                or any(c.lower_ in ("below", "reading", "overleaf") for c in children)):
        return None  # "Article continues below": a page's furniture
    if lemma == "call" and not ({"ccomp", "xcomp", "oprd"} & deps or any(c.lower_ == "for" for c in children)
                                or any(c.dep_ == "dobj" and _names_something(c) for c in children)):
        return None  # "called a meeting" reports nothing; "called X a hoax" does
    return lemma, entry.act, entry.object_is_content


def _names_something(obj: Token) -> bool:
    """``called Mr. X an outstanding leader`` (an appositive in the object) or ``called them
    "rapists"`` (a quoted word): the object holds the name it is called by."""
    return any(t.dep_ in ("appos", "oprd") or t.text in QUOTE_CHARS for t in obj.subtree)


_PLURAL_PRESENT, _SINGULAR_PRESENT = "VBP", "VBZ"


def _finite_xcomp(verb: Token, child: Token) -> bool:
    """``a decision which they say left a vacuum``: a clause whose subject moved away, parsed
    as an open complement though its verb is finite."""
    return (child.dep_ == "xcomp" and child.i > verb.i and child.tag_ in ("VBD", "VBZ", "VBP")
            and not any(g.dep_ in ("aux", "nsubj", "dobj") and g.i < child.i for g in _children(child)))


def _swallowed_object(clause: Token) -> tuple[Token, Token] | None:
    """The object and the adverbial conjunction of a misparsed complement, or ``None``.

    In "announced the acquisition as Russia and Belarus prepare ..." the small parser reads
    "the acquisition as Russia and Belarus" as the subject of "prepare". Two signs together
    tell the misparse: the subject holds an adverbial conjunction ("as", "while") taken for a
    preposition, and it does not agree with the verb ("the acquisition prepare").
    """
    subject = next((c for c in _children(clause) if c.dep_ == "nsubj" and c.i < clause.i), None)
    if subject is None or any(c.dep_ == "conj" for c in _children(subject)):
        return None
    conjunction = next((c for c in _children(subject) if c.dep_ == "prep" and c.i > subject.i
                        and c.lower_ in load_engine_words()["adverbial_marks"]), None)
    if conjunction is None:
        return None
    disagrees = (clause.tag_ == _PLURAL_PRESENT and subject.tag_ in ("NN", "NNP")
                 or clause.tag_ == _SINGULAR_PRESENT and subject.tag_ in ("NNS", "NNPS"))
    return (subject, conjunction) if disagrees else None


def _content_of_verb(verb: Token, lemma: str, act: str, object_is_content: bool,
                     lex: Lexicons) -> list[tuple[int, int, str]]:
    """Token ranges and rules of a cue verb's content (several for a split quote)."""
    doc = verb.doc
    sent = sentence_of(verb)
    children = list(_children(verb))
    clauses = [c for c in children if (c.dep_ == "ccomp" or (c.dep_ == "parataxis" and c.i < verb.i)
                                       or _finite_xcomp(verb, c))
               and not any(g.dep_ == "mark" and g.lower_ in load_engine_words()["adverbial_marks"] for g in _children(c))]
    if any(c.i > verb.i and (c.dep_ == "oprd" or c.dep_ == "dobj" and lemma not in load_engine_words()["tell_verbs"]) for c in children):
        # "She drew his ire - he called her weak": what the verb says follows it; the clause
        # before is no trailing quote
        clauses = [c for c in clauses if c.i > verb.i]
    swallowed = {c.i: pair for c in clauses if c.i > verb.i and (pair := _swallowed_object(c))}
    if swallowed:
        # "announced the acquisition as Russia and Belarus prepare ...": the parser made the
        # object the subject of the adverbial clause; only the object was announced
        clauses = [c for c in clauses if c.i not in swallowed]
        if not clauses:
            if not object_is_content:
                return []
            subject, conjunction = next(iter(swallowed.values()))
            return [(subject.left_edge.i, conjunction.i - 1, "object")]
    if clauses:
        # "We have a single army, X said": the clause before a trailing attribution;
        # '"We are ready," X said, "and we will win."': one clause on each side
        found = [(c.left_edge.i, c.right_edge.i, "reported" if c.i > verb.i else "trailing") for c in clauses]
        if verb.dep_ == "conj" and verb.head.i < verb.i and verb.head.dep_ == "ROOT":
            # "Then there is the fact that ..., but some things have changed, X said.": the
            # parser made the quote's first clause and the attribution conjuncts
            found = [(sent.start if rule == "trailing" and lo > sent.start and doc[lo - 1].dep_ == "cc"
                      and doc[lo - 1].head.i == verb.head.i else lo, hi, rule) for lo, hi, rule in found]
        return found
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
    if (verb.dep_ in ("parataxis", "ccomp", "advcl", "conj", "dep") and verb.head.i < verb.i and subject is not None
            and subject.head.i == verb.i and _ends_attribution(verb, subject)):
        head = verb.head
        lo = head.left_edge.i
        first = min(subject.left_edge.i, verb.i)
        if first - lo >= 3 and doc[first - 1].text in ",—–-:\"”'’":
            return [(lo, first - 1, "trailing")]
    # "..., X said." or "..., said X." with nothing else in the sentence
    if subject is not None and verb.dep_ == "ROOT" and _ends_attribution(verb, subject):
        first = min(subject.left_edge.i, verb.i)
        # "As she spoke, protesters shouted.": one adverbial clause before the cue; several
        # clauses ("If it rains, that is fine, but we will lose, X told reporters") are a quote
        # the parser hung on the cue as an adverbial
        subjects = sum(1 for t in doc[sent.start : first] if t.dep_ in ("nsubj", "nsubjpass", "expl"))
        adverbial = subjects <= 1 and any(c.dep_ == "advcl" and c.left_edge.i == sent.start
                                          and c.right_edge.i >= first - 2 for c in children)
        if first - sent.start >= 3 and doc[first - 1].text in (",", "—", "–", "-", ":") and not adverbial:
            return [(sent.start, first - 2, "trailing")]
    # "As Jane Roe noted, the bridge is old": the clause the "as" attribution hangs from
    as_clause = _as_attribution(verb, subject, lemma)
    if as_clause:
        return as_clause
    # "told the audience at his fundraiser for veterans that he had ...": the parser hung the
    # that-clause on a noun as a relative clause, though "that" is its conjunction
    relcl = _parse_index(doc)["that_relcl"]
    stray = next((doc[i] for i in relcl[bisect_right(relcl, verb.i) : bisect_right(relcl, min(verb.right_edge.i, sent.end - 1))]
                  if verb.is_ancestor(doc[i])), None)
    if stray is not None:
        mark = next(c for c in _children(stray) if c.dep_ == "mark")
        return [(mark.i, verb.right_edge.i, "reported")]
    # "X said: CLAUSE"
    after = min(_parse_index(doc)["run_end"][verb.i + 1], sent.end)
    if after < sent.end - 1 and doc[after].text == ":":
        return [(after + 1, sent.end - 1, "colon")]
    # "X joked in his turn, It was a twinkle in his eye.": marks stripped from 'X said, "It
    # was ..."'; a capital after the comma opens the quote
    if (subject is not None and after < sent.end - 3 and doc[after].text == ","
            and doc[after + 1].is_title and doc[after + 1].pos_ in ("PRON", "DET", "ADV", "SCONJ", "AUX", "INTJ")
            and any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in doc[after + 1 : sent.end])):
        return [(after + 1, sent.end - 1, "colon")]
    for child in children:
        if child.dep_ == "xcomp" and (act in INFINITIVE_CONTENT or lemma in load_engine_words()["infinitive_speech_verbs"]) and child.i > verb.i:
            # "urged Republicans to vote their conscience": the object is part of what was urged
            objects = [c for c in children if c.dep_ in ("dobj", "nsubj") and verb.i < c.i < child.i]
            lo = objects[0].left_edge.i if objects and (object_is_content or lemma in ("urge", "ask")) else child.left_edge.i
            return [(min(lo, child.left_edge.i), child.right_edge.i, "infinitive")]
        if (child.dep_ == "prep" and child.i > verb.i and child.lower_ in lex.cue_prepositions.get(lemma, ())
                and not any(c.dep_ == "dobj" and verb.i < c.i < child.i for c in children)):
            # "spoke of her plans", "called for a recount"
            if any(g.dep_ in ("pobj", "pcomp") for g in _children(child)):
                return [(child.left_edge.i, child.right_edge.i, "object")]
    if lemma == "call":  # "called her “third-rate”", "called the idea a “ridiculous proposition”"
        named = [c for c in children if c.i > verb.i and c.dep_ in ("dobj", "oprd")]
        if any(c.dep_ == "oprd" or _names_something(c) for c in named):
            said_to_be = any(c.dep_ == "oprd" for c in named)
            return [(verb.i + 1, max(c.right_edge.i for c in named), "predicate" if said_to_be else "object")]
    if object_is_content:
        for child in children:
            if child.dep_ == "xcomp" and child.tag_ == "VBG" and child.i > verb.i:
                # "suggests reducing regulations", "denied taking the money"
                return [(child.left_edge.i, child.right_edge.i, "object")]
            if child.dep_ != "dobj":
                continue
            # "described the drills as part of ...", "called it a hoax", "describe themselves as liberals"
            complement = [o for o in children if o.i > child.right_edge.i and (
                o.dep_ == "oprd" or o.dep_ in ("prep", "ccomp") and o.lower_ in ("as", "of", "for"))]
            if child.i < verb.i:
                # "the server, which he described as like an open orchid": the relative pronoun
                # stands before the verb; what follows says what it was called
                as_phrase = [o for o in complement if o.lower_ == "as"]
                if child.tag_ in ("WP", "WDT") and as_phrase:
                    return [(as_phrase[0].left_edge.i, as_phrase[0].right_edge.i, "object")]
                continue
            if child.pos_ == "PRON" and lemma != "call" and not any(o.lower_ == "as" for o in complement):
                continue
            if child.right_edge.i > child.left_edge.i or lemma == "call" or child.pos_ in ("PROPN", "PRON"):
                hi = max([child.right_edge.i] + [o.right_edge.i for o in complement])
                # "described the drills as part of ...", "called it a hoax": the object and what
                # it is said to be make a statement; a plain object ("denied the report") does not
                said_to_be = any(o.dep_ == "oprd" or o.lower_ == "as" for o in complement)
                return [(child.left_edge.i, hi, "predicate" if said_to_be else "object")]
    return []


TRAILING_DEPS = {"dative", "npadvmod", "advmod", "prep", "punct", "agent", "nsubj", "prt", "aux", "neg"}


def _ends_attribution(verb: Token, subject: Token) -> bool:
    """Whether a cue closes its sentence as an attribution: ``..., X told Y in an interview.``"""
    for child in _rights(verb):
        if child.dep_ == "dobj" and (verb.lemma_.lower() in load_engine_words()["tell_verbs"] or child.i == subject.i):
            continue
        if child.dep_ not in TRAILING_DEPS:
            return False
    return True


def _as_attribution(verb: Token, subject: Token | None, lemma: str) -> list[tuple[int, int, str]]:
    """``As the paper noted, CLAUSE`` and ``CLAUSE, as X pointed out``: the clause is the content."""
    if (subject is None or subject.head.i != verb.i or verb.dep_ != "advcl" or lemma in load_engine_words()["speaking_activity_verbs"]
            or not any(c.dep_ == "mark" and c.lower_ == "as" and c.i < verb.i for c in _children(verb))
            or any(c.dep_ not in ("nsubj", "mark", "advmod", "npadvmod", "punct", "prt", "aux", "prep", "neg")
                   for c in _children(verb))):
        return []
    head = verb.head
    lo, hi = verb.left_edge.i, verb.right_edge.i
    ranges = []
    if head.left_edge.i < lo:
        ranges.append((head.left_edge.i, lo - 1))
    if hi < head.right_edge.i:
        ranges.append((hi + 1, head.right_edge.i))
    ranges = [(a, b) for a, b in ranges if b - a >= 2]
    if not ranges:
        return []
    if len(ranges) == 2:
        return [(a, b, "parenthetical") for a, b in ranges]
    return [(a, b, "trailing" if b < verb.i else "reported") for a, b in ranges]


def _parenthetical(verb: Token, subject: Token | None) -> list[tuple[int, int, str]]:
    """``The museum, Mr. Roe said, would open in May``: the sentence around the attribution."""
    if subject is None or subject.head.i != verb.i or any(c.dep_ in ("ccomp", "xcomp") for c in _children(verb)):
        return []
    doc, sent = verb.doc, sentence_of(verb)
    first = min(subject.left_edge.i, verb.i)
    if any(c.dep_ == "advcl" and c.i < first for c in _children(verb)):
        return []  # "When asked about the debt, X said, The debt is ...": the clause before tells when
    last = verb.i
    for child in _rights(verb):
        if child.dep_ == "punct":
            break
        if child.dep_ not in TRAILING_DEPS and not (child.dep_ == "dobj" and verb.lemma_.lower() in load_engine_words()["tell_verbs"]):
            return []
        if child.dep_ == "prep" and child.lower_ in ("about", "of", "against", "for"):
            return []  # "..., they were talking about the arenas, ...": what they spoke of, no frame
        last = child.right_edge.i
    if first - 1 <= sent.start or last + 2 >= sent.end - 1:  # "Survival, X says, depends on ..."
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
    sent = sentence_of(verb)
    index = _parse_index(doc)
    for start, end, label in index["ents"][bisect_left(index["ent_ends"], verb.i - 20) : bisect_right(index["ent_ends"], verb.i)]:
        ent = doc[start:end]
        if label not in ("PERSON", "ORG") or ent.end > verb.i or verb.i - ent.end > 20 or ent.start < sent.start + 3:
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
    for child in _children(verb):
        if child.dep_ in ("dobj", "dative") and (child.pos_ in ("PROPN", "NOUN") or child.lower_ in ("him", "her", "them", "me", "us")):
            if child.dep_ == "dobj" and verb.lemma_ not in load_engine_words()["addressee_verbs"]:
                continue
            tokens = list(verb.doc[child.left_edge.i : child.right_edge.i + 1])
            tokens = [t for t in tokens if not t.is_punct] or tokens
            return token_span(tokens, offset)
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


def _unreal(verb: Token) -> bool:
    """A saying that did not happen: "if you say you hate it" (a condition), "Note that the
    index is inverted" (an order to the reader, no subject at the start of its sentence)."""
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in verb.children):
        return True
    return (verb.tag_ == "VB" and verb.i == verb.sent.start and verb.dep_ == "ROOT"
            and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children))


def find_verb_attributions(doc: Doc, offset: int, lex: Lexicons) -> list[Attribution]:
    """Cue verbs (from the lexicon, or any verb reporting a clause from a human subject)."""
    found = []
    # no cue, no reporting verb elsewhere
    for tok in tokens_where(doc, where(doc, POS, ("VERB", "AUX")) | where(doc, TAG, ("VBN",))):
        if _unreal(tok):
            continue
        cue = _verb_cue(tok, lex)
        general = False
        if cue is None:
            if tok.pos_ != "VERB" or not tok.is_alpha or tok.lemma_.lower() in load_engine_words()["not_reporting_verbs"]:
                continue
            if not any(c.dep_ == "ccomp" and c.i > tok.i and _is_finite(c) for c in _children(tok)):
                continue
            subject = _subject(tok)
            if subject is None:
                continue
            if _is_human(subject, lex) and subject.lower_ not in load_engine_words()["not_people_pronouns"]:
                cue, general = (tok.lemma_.lower(), "speech", False), True
            elif any(c.dep_ == "ccomp" and c.i > tok.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in _children(c))
                     for c in _children(tok)):
                # "the data suggest that ...": evidence rather than speech
                cue, general = (tok.lemma_.lower(), "perception", False), True
            else:
                continue
        lemma, act, object_is_content = cue
        content = _content_of_verb(tok, lemma, act, object_is_content, lex)
        source = _subject(tok)
        if act == "speech" and source is not None and not _can_speak(source, lemma, lex):
            act = "perception"  # "the data suggest that ...": evidence, nobody speaks
        if source is None and content and content[0][2] == "trailing":
            named = _trailing_name(tok)
            source = named[0] if named else None
        cue_tokens = [tok]
        for child in _children(tok):
            if child.dep_ == "prt" and child.i == tok.i + 1:
                cue_tokens.append(child)
        mention = _source_mention(source)
        if not content:
            found.append(Attribution(-1, -1, token_span(cue_tokens, offset), mention, act, "pending",
                                     _addressee(tok, offset)))
            continue
        pieces = []
        for lo, hi, rule in content:
            trimmed = trim(doc, lo, hi)
            if trimmed is not None:
                pieces.append((*char_range(doc, *trimmed, offset), rule))
        if pieces and pieces[0][2] in ("object", "predicate") and (source is None or not _is_human(source, lex)):
            act = "perception"  # "the announcement highlights Moscow's support": nobody speaks
        if pieces and pieces[0][2] == "parenthetical":  # one quote around its attribution
            pieces = [(pieces[0][0], pieces[-1][1], "parenthetical", [(a, b) for a, b, _ in pieces])]
        # "READ MORE: Jane Roe says ...": a page's label before the attribution, not its quote
        pieces = [p for p in pieces if p[2] != "trailing" or doc_text(doc)[p[0] - offset : p[1] - offset].lower() not in lex.labels]
        for start, end, rule, *parts in pieces:
            found.append(Attribution(start, end, token_span(cue_tokens, offset), mention, act,
                                     "general" if general else rule, _addressee(tok, offset),
                                     parts=parts[0] if parts else None))
    return found
