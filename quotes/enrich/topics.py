"""Topics of a quote from lemma and phrase lexicons, with the words that triggered each topic.

The taxonomy (``quotes/lexicons/topics.json``) is rooted in the 17 top-level IPTC Media Topics,
with finer topics beneath (military, sanctions, election, sovereignty, diplomacy, protest,
energy, ...), each carrying its IPTC Media Topic qcode. Matching works on spaCy tokens (lemma,
lower-case form and part of speech) and never parses: phrases first, longest first, then single
lemmas on the tokens no phrase took. Several topics per quote are fine; none is fine. Set phrases
that hold a topic word without being about the topic ("God forbid", "thank God",
``topics_idioms.txt``) are matched like phrases and trigger nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from ..lexicon import LexiconError, extension_texts, lexicon_cache, validated_on_change
from ..model import Topic
from ..text import JsonError, lines, loads_json

if TYPE_CHECKING:
    from spacy.tokens import Token

_FILE = "topics.json"
_IDIOMS = "topics_idioms.txt"
_IPTC = re.compile(r"medtop:\d{8}")
_ID = re.compile(r"[a-z][a-z0-9_]*")
_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
TOP_LEVEL = 17  # the number of top-level IPTC Media Topics the taxonomy must hold


class TopicLexiconError(LexiconError):
    """``topics.json`` is unusable; the message names the topic and the entry."""


@dataclass(frozen=True)
class TopicEntry:
    """One node of the taxonomy."""

    id: str
    label: str
    iptc: str | None
    parent: str | None
    iptc_exact: bool = True


@dataclass(frozen=True)
class Taxonomy:
    """The topics and their triggers, validated and indexed once per process."""

    topics: dict[str, TopicEntry]
    lemmas: dict[str, tuple[tuple[str, str | None], ...]]  # lemma -> ((topic id, POS or None), ...)
    phrases: dict[str, str]  # "word word" -> topic id
    max_phrase: int
    idioms: frozenset[str] = frozenset()  # "god forbid": phrases whose words trigger no topic
    # every beginning of a phrase or idiom ("", "g", ..., "god f"): a window whose key is none
    # of them cannot grow into one
    beginnings: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = (*self.phrases, *self.idioms)
        object.__setattr__(self, "beginnings", frozenset(key[:n] for key in keys for n in range(len(key) + 1)))

    def ancestors(self, topic_id: str) -> list[str]:
        """The chain of parents of ``topic_id``, nearest first, root last."""
        chain, parent = [], self.topics[topic_id].parent
        while parent is not None:
            chain.append(parent)
            parent = self.topics[parent].parent
        return chain

    def root(self, topic_id: str) -> str:
        """The top-level IPTC topic ``topic_id`` sits under (itself when top-level)."""
        return ([topic_id] + self.ancestors(topic_id))[-1]


@dataclass(frozen=True)
class TopicHit:
    """One trigger found in the text: ``doc.text[start:end] == evidence``."""

    topic: str
    evidence: str
    start: int
    end: int


def _read(name: str) -> str:
    return resources.files("quotes.lexicons").joinpath(name).read_text(encoding="utf-8")


def _key(text: str) -> str:
    return " ".join(text.casefold().replace("\u2019", "'").split())


def _read_idioms() -> str:
    return resources.files("quotes.lexicons").joinpath(_IDIOMS).read_text(encoding="utf-8")


def _idioms(phrases: dict[str, str]) -> frozenset[str]:
    """The idioms of ``topics_idioms.txt``, checked: two or more words, no repeat, and none that
    is also a topic's phrase."""
    idioms: dict[str, str] = {}
    for label, text in [(_IDIOMS, _read_idioms()), *extension_texts(_IDIOMS)]:
        for number, line in enumerate(lines(text), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            key = _key(line)
            where = f"{label}:{number}"
            if len(key.split()) < 2:
                raise TopicLexiconError(f"{where}: an idiom needs two or more words, got {line.strip()!r}")
            if key in idioms:
                earlier = idioms[key]
                seen = f"line {earlier.rsplit(':', 1)[1]}" if earlier.rsplit(":", 1)[0] == label else earlier
                raise TopicLexiconError(f"{where}: {line.strip()!r} repeats {seen}")
            if key in phrases:
                raise TopicLexiconError(f"{where}: {line.strip()!r} is also a phrase of topic {phrases[key]!r}")
            idioms[key] = where
    return frozenset(idioms)


_EXTENDS = {"id", "lemmas", "phrases"}  # what a lexicon folder's topics.json may add to a topic


def _json(label: str, text: str) -> object:
    """A topics file's JSON; anything unreadable (bad syntax, deep nesting, a 5,000-digit
    number, a lone surrogate) is one error naming file and line."""
    try:
        return loads_json(text)
    except JsonError as err:
        raise TopicLexiconError(f"{label}:{err.line}: not valid JSON: {err.reason}") from None


def _topic_items(raw: list) -> list[tuple[str, object]]:
    """``(file, item)`` of the built-in topics, then of a lexicon folder's ``topics.json``."""
    items: list[tuple[str, object]] = [(_FILE, item) for item in raw]
    for label, text in extension_texts(_FILE):
        data = _json(label, text)
        more = data.get("topics") if isinstance(data, dict) else None
        if not isinstance(more, list):
            raise TopicLexiconError(f"{label}: expected an object with a 'topics' list")
        items += [(label, item) for item in more]
    return items


@validated_on_change
@lexicon_cache
def load_taxonomy() -> Taxonomy:
    """Read and validate ``topics.json`` (and a lexicon folder's, whose topics are added and
    whose ``{"id", "lemmas", "phrases"}`` entries add words to a built-in topic) once.

    Raises:
        TopicLexiconError: bad JSON, a missing field, an unknown parent, a cycle, a malformed
            IPTC code, a one-word phrase, a lemma or phrase claimed by two topics, or fewer than
            17 top-level topics; the message names the topic and the entry.
    """
    data = _json(_FILE, _read(_FILE))
    raw = data.get("topics") if isinstance(data, dict) else None
    if not isinstance(raw, list) or not raw:
        raise TopicLexiconError(f"{_FILE}: expected an object with a non-empty 'topics' list")

    topics: dict[str, TopicEntry] = {}
    triggers: list[tuple[str, dict, str]] = []
    sources: dict[str, str] = {}  # topic id -> the file that defines it
    for n, (source, item) in enumerate(_topic_items(raw)):
        where = f"{source}: topic #{n + 1}"
        if not isinstance(item, dict):
            raise TopicLexiconError(f"{where}: expected an object, got {item!r}")
        tid = item.get("id")
        if not isinstance(tid, str) or not _ID.fullmatch(tid):
            raise TopicLexiconError(f"{where}: id must be lower_snake_case, got {tid!r}")
        where = f"{source}: topic {tid!r}"
        if tid in topics and source != _FILE and set(item) <= _EXTENDS:
            triggers.append((tid, item, source))  # the user's words for a built-in topic
            continue
        if tid in topics:
            raise TopicLexiconError(f"{where}: duplicate id" + (
                "" if source == _FILE else " (to add words to it, give only id, lemmas and phrases)"))
        label, iptc, parent = item.get("label"), item.get("iptc"), item.get("parent")
        if not isinstance(label, str) or not label.strip():
            raise TopicLexiconError(f"{where}: label must be a non-empty string")
        if iptc is not None and not (isinstance(iptc, str) and _IPTC.fullmatch(iptc)):
            raise TopicLexiconError(f"{where}: iptc must look like 'medtop:11000000', got {iptc!r}")
        if parent is not None and not isinstance(parent, str):
            raise TopicLexiconError(f"{where}: parent must be a topic id or null, got {parent!r}")
        if parent is None and (iptc is None or not iptc.endswith("000000")):
            raise TopicLexiconError(f"{where}: a top-level topic needs a top-level IPTC code")
        topics[tid] = TopicEntry(tid, label.strip(), iptc, parent, bool(item.get("iptc_exact", True)))
        triggers.append((tid, item, source))
        sources[tid] = source

    for tid, entry in topics.items():
        if entry.parent is not None and entry.parent not in topics:
            raise TopicLexiconError(f"{sources[tid]}: topic {tid!r}: unknown parent {entry.parent!r}")
        seen, node = {tid}, entry.parent
        while node is not None:
            if node in seen:
                raise TopicLexiconError(f"{sources[tid]}: topic {tid!r}: parent chain loops at {node!r}")
            seen.add(node)
            node = topics[node].parent
    roots = [t for t in topics.values() if t.parent is None]
    if len(roots) != TOP_LEVEL:
        raise TopicLexiconError(f"{_FILE}: expected {TOP_LEVEL} top-level IPTC topics, got {len(roots)}")

    lemmas: dict[str, list[tuple[str, str | None]]] = {}
    phrases: dict[str, str] = {}
    owner: dict[str, str] = {}
    for tid, item, source in triggers:
        where = f"{source}: topic {tid!r}"
        for entry in item.get("lemmas", []):
            if not isinstance(entry, str) or not entry.strip() or " " in entry.strip():
                raise TopicLexiconError(f"{where}: lemma must be one word, got {entry!r}")
            word, _, pos = entry.strip().partition("/")
            if pos and pos not in _POS:
                raise TopicLexiconError(f"{where}: lemma {entry!r}: unknown part of speech {pos!r}")
            word = _key(word)
            if word in owner and owner[word] != tid:
                raise TopicLexiconError(f"{where}: lemma {entry!r} already belongs to {owner[word]!r}")
            owner[word] = tid
            if (tid, pos or None) not in lemmas.setdefault(word, []):
                lemmas[word].append((tid, pos or None))
        for entry in item.get("phrases", []):
            key = _key(entry) if isinstance(entry, str) else ""
            if len(key.split()) < 2:
                raise TopicLexiconError(f"{where}: a phrase needs two or more words, got {entry!r}")
            if key in phrases and phrases[key] != tid:
                raise TopicLexiconError(f"{where}: phrase {entry!r} already belongs to {phrases[key]!r}")
            phrases[key] = tid
    idioms = _idioms(phrases)
    # A generous bound: "one-party state" is two words but four spaCy tokens.
    max_phrase = max((len(re.findall(r"\w+|[^\w\s]", k)) for k in (*phrases, *idioms)), default=0)
    return Taxonomy(topics, {k: tuple(v) for k, v in lemmas.items()}, phrases, max_phrase, idioms)


_IDIOM = TopicHit("", "", 0, 0)  # marks a window an idiom took: its words trigger nothing


def _in_hyphenated_compound(tok: Token) -> bool:
    """Whether a word is inside a chain of three or more hyphenated words ("state-of-the-art"),
    which makes an idiom of its own; "anti-war" still counts as war."""
    doc = tok.doc

    def glued(i: int) -> bool:  # token i is a hyphen with words on both sides, no spaces
        return (0 < i < len(doc) - 1 and doc[i].text == "-" and not doc[i].whitespace_
                and not doc[i - 1].whitespace_)

    start = tok.i
    while glued(start - 1):
        start -= 2
    end = tok.i
    while glued(end + 1):
        end += 2
    return (end - start) // 2 + 1 >= 3


def match_topics(tokens: Sequence[Token], taxonomy: Taxonomy | None = None) -> list[TopicHit]:
    """Every trigger in ``tokens`` (a spaCy Span or a list of Tokens), left to right.

    A phrase may match on lemmas ("war game" in "war games"), on lower-case words, or on the
    text as written; the tokens it covers are not looked at again for single lemmas, so that
    "war games" counts as military and not as war. An idiom ("God forbid") matches the same way
    and covers its tokens without a hit.
    """
    tax = taxonomy or load_taxonomy()
    toks = [t for t in tokens if not t.is_space]
    # each token's strings read once (a spaCy Token is made anew on every access)
    lemmas = [t.lemma_.lower() for t in toks]
    lowers = [t.lower_ for t in toks]
    texts = [t.text for t in toks]
    spaced = [t.text_with_ws for t in toks]
    starts = [t.idx for t in toks]
    hits: list[TopicHit] = []
    i = 0
    while i < len(toks):
        found = None
        longest = min(tax.max_phrase, len(toks) - i)
        reach = _reach(tax.beginnings, longest, lemmas, lowers, spaced, texts, i)
        for length in range(min(longest, max(reach)), 1, -1):
            last = i + length - 1
            start, end = starts[i], starts[last] + len(texts[last])
            # Doc.text rebuilds the whole text on every call: join the window's tokens instead.
            surface = "".join(spaced[i:last]) + texts[last]
            for kind, key in enumerate((" ".join(lemmas[i:last + 1]), " ".join(lowers[i:last + 1]), _key(surface))):
                if length > reach[kind]:
                    continue
                if key in tax.phrases:
                    found = TopicHit(tax.phrases[key], surface, start, end)
                    break
                if key in tax.idioms:
                    found = _IDIOM
                    break
            if found:
                i += length
                break
        if found:
            if found is not _IDIOM:
                hits.append(found)
            continue
        tok = toks[i]
        hit = None
        for word in dict.fromkeys((lemmas[i], lowers[i])):
            for tid, pos in tax.lemmas.get(word, ()):
                if pos is None or tok.pos_ == pos:
                    hit = TopicHit(tid, texts[i], starts[i], starts[i] + len(texts[i]))
                    break
            if hit:
                break
        if hit and not _in_hyphenated_compound(tok):  # "state-of-the-art" is not about the arts
            hits.append(hit)
        i += 1
    return hits


def _reach(beginnings: frozenset[str], longest: int, lemmas: list[str], lowers: list[str], spaced: list[str],
           texts: list[str], i: int) -> tuple[int, int, int]:
    """For each kind of key ``match_topics`` tries at token ``i`` (lemmas, lower-case words, the
    text as written), the most tokens a window can hold and still begin a phrase or an idiom:
    each window's key begins the keys of the longer windows, so the first that begins none
    ends the search, and most words begin none."""
    reach = []
    for kind in range(3):
        length = 0
        while length < longest:
            last = i + length
            if kind == 0:
                key = " ".join(lemmas[i:last + 1])
            elif kind == 1:
                key = " ".join(lowers[i:last + 1])
            else:
                key = _key("".join(spaced[i:last]) + texts[last])
            if key not in beginnings:
                break
            length += 1
        reach.append(length)
    return reach[0], reach[1], reach[2]


def assign_topics(tokens: Sequence[Token], *, with_ancestors: bool = False,
                  taxonomy: Taxonomy | None = None) -> tuple[Topic, ...]:
    """The topics of ``tokens`` as :class:`quotes.model.Topic` records, in order of first trigger.

    Args:
        tokens: the quote's tokens.
        with_ancestors: also add every ancestor of a matched topic (its evidence is the
            union of its descendants'), so that counts roll up to the IPTC top level.
        taxonomy: a loaded taxonomy (default: the packaged one).
    """
    tax = taxonomy or load_taxonomy()
    evidence: dict[str, list[str]] = {}
    for hit in match_topics(tokens, tax):
        targets = [hit.topic] + (tax.ancestors(hit.topic) if with_ancestors else [])
        for tid in targets:
            words = evidence.setdefault(tid, [])
            if hit.evidence not in words:
                words.append(hit.evidence)
    return tuple(Topic(tid, tax.topics[tid].label, tax.topics[tid].iptc, tuple(words))
                 for tid, words in evidence.items())


def topic_ids(topics: Iterable[Topic]) -> list[str]:
    """The ids of ``topics``, for tests and summaries."""
    return [t.id for t in topics]
