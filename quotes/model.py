"""Records that cross module boundaries: plain frozen dataclasses with character offsets.

Nothing of spaCy survives into these objects, so they can be pickled, compared, written and
read back without a pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

KINDS = ("direct", "indirect", "mixed")
# Who speaks a transcript's utterance: the one who asks the questions, someone from the floor, a participant.
UTTERANCE_ROLES = ("moderator", "host", "audience", "person")
ACTS = ("speech", "belief", "intention", "perception")
SPEAKER_TYPES = ("person", "organization", "group", "unknown")
# Between the parts of a quote whose attribution sits in the middle: '"A," she said, "B."' is "A, … B."
PART_SEPARATOR = " \u2026 "


def quote_text(text: str, parts: tuple[tuple[int, int], ...]) -> str:
    """A quote's own words: ``text[start:end]`` of each part, joined with " … ", so that the
    attribution between the parts of a split quote is left out. A one-part quote is exactly
    ``text[start:end]``."""
    return PART_SEPARATOR.join(text[start:end] for start, end in parts)


def quote_id(doc_id: str, start: int, end: int, shared_start: bool = False) -> str:
    """A quote's id, made from where it starts: ``<doc_id>:q<start>`` (``story:q964``).

    A quote starts where it starts whatever acts are asked for and whichever command runs, so
    ``extract``, ``claims``, ``graph``, ``show``, the spaCy component and the Python API give a
    quote the same id. Two records of one document that start at the same character
    (``shared_start``) both take their end too: ``story:q964-1422``.
    """
    return f"{doc_id}:q{start}-{end}" if shared_start else f"{doc_id}:q{start}"


def parse_acts(value: str | Iterable[str], name: str = "acts") -> tuple[str, ...]:
    """The acts a caller asked for, checked: ``"all"`` -> every act; ``"speech"``,
    ``"speech,belief"`` or ``("speech", "belief")`` -> those acts.

    Raises:
        TypeError: ``value`` is neither a string nor an iterable of strings (the message says
            ``name``, the argument's name).
        ValueError: an unknown act, or none at all: asking for nothing would silently find
            nothing.
    """
    if isinstance(value, str):
        items: list = [value]
    else:
        try:
            items = list(value)
        except TypeError:
            raise TypeError(f"{name}: expected 'all', a string of acts or a list of them, "
                            f"got {type(value).__name__}") from None
    acts: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{name}: each act must be a string, got {type(item).__name__} {item!r}")
        for part in item.split(","):
            part = part.strip().lower()
            if part == "all":
                acts.extend(ACTS)
            elif part in ACTS:
                acts.append(part)
            elif part:
                raise ValueError(f"{name}: unknown act {part!r}: expected 'all' or one of {', '.join(ACTS)}")
    if not acts:
        raise ValueError(f"{name}: no act given: expected 'all' or one of {', '.join(ACTS)}")
    return tuple(dict.fromkeys(acts))
SPEAKER_GENDERS = ("female", "male")
# What said a speaker's gender, strongest first: "Ms." or "Sir"; a noun such as "mother" or
# "spokesman" describing the person; a he or she standing for the person; the first name alone.
GENDER_EVIDENCE = ("honorific", "noun", "pronoun", "name")


def overall_gender(genders: Iterable[tuple[str | None, str | None]]) -> str | None:
    """One speaker's gender over its quotes' ``(speaker_gender, speaker_gender_evidence)``: the
    text's word outranks a first name's, and a tie says nothing (a graph node, a page's list)."""
    text: Counter[str] = Counter()
    named: Counter[str] = Counter()
    for gender, evidence in genders:
        if gender in SPEAKER_GENDERS:
            (named if evidence == "name" else text)[gender] += 1
    counts = text or named
    ranked = counts.most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


_SPACES = re.compile(" {2,}")
_NOT_LINE_BREAK = re.compile(r"[^\n]")
_LINE_CONTROLS = dict.fromkeys(map(ord, "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85"), " ")


def printable(text: str) -> str:
    """A name or label without control characters: line breaks and tabs become spaces, the rest
    (NUL, DEL, escapes) are dropped, and runs of spaces made so are collapsed. ``'Sm\\x00ith'`` -> ``'Smith'``.

    Only for names and labels: offsets index the text as read, which keeps every character.
    """
    if text.isprintable():
        return text
    cleaned = "".join(ch for ch in text.translate(_LINE_CONTROLS) if unicodedata.category(ch) != "Cc")
    return _SPACES.sub(" ", cleaned).strip(" ")


@dataclass(frozen=True)
class Utterance:
    """One turn of a transcript: who speaks (as labelled, and under the transcript's canonical
    name), the role, where the label is, and the stretches of the text that hold the words.

    ``parts`` leave out the label, timestamps and stage directions ("(APPLAUSE)"); every offset
    is into the document's text as read.
    """

    label: str  # as written: "MODERATOR (LESTER HOLT)", "CLINTON", "Q"
    speaker: str  # canonical across the transcript: "Hillary Clinton" for "CLINTON" too
    role: str  # one of UTTERANCE_ROLES
    label_start: int
    label_end: int
    parts: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        return self.parts[0][0] if self.parts else self.label_end

    @property
    def end(self) -> int:
        return self.parts[-1][1] if self.parts else self.label_end


@dataclass(frozen=True)
class Document:
    """One article as read: ``text`` is the input as decoded, every character kept (line
    endings, a U+FEFF inside the text), except a byte-order mark at the very start of a file or
    of standard input, which says how to decode the bytes and is not text: character offsets
    count from the first character after it. In JSONL, ``text`` is the record's string.

    ``body_start`` is where the article body begins inside ``text`` (after the header lines of
    the seed format); rules only look at ``text[body_start:]`` but every offset is into ``text``.
    """

    doc_id: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    body_start: int = 0
    source: str = ""  # the file (and line) it came from, for messages
    utterances: tuple[Utterance, ...] = ()  # a transcript's turns, in text order; () for an article

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def parse_text(self) -> str:
        """What the parser reads: the text, or for a transcript its utterances' words, with every
        other character from the first label on (labels, timestamps, stage directions) blanked to
        a space and line breaks kept, so that offsets into it are offsets into ``text``. What
        comes before the first label (an article's introduction to a transcript) is read as prose."""
        if not self.utterances:
            return self.text
        at = min(u.label_start for u in self.utterances)
        pieces: list[str] = [self.text[:at]]
        for start, end in sorted(part for utterance in self.utterances for part in utterance.parts):
            if start < at:
                continue
            pieces += [_NOT_LINE_BREAK.sub(" ", self.text[at:start]), self.text[start:end]]
            at = end
        pieces.append(_NOT_LINE_BREAK.sub(" ", self.text[at:]))
        return "".join(pieces)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be read, with the reason, so the summary can name it."""

    source: str
    reason: str


@dataclass(frozen=True)
class Span:
    """A stretch of a document: ``text == document.text[start:end]``."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Mention:
    """A country or bloc named inside a quote: its code, the name news uses ("Russia"), the
    words that named it and where; a country also carries its ISO 3166-1 short name."""

    code: str
    name: str
    mention: str
    start: int
    end: int
    iso_name: str | None = None  # "Russian Federation"; None for a bloc

    def to_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {"code": self.code, "name": self.name}
        if self.iso_name is not None:
            record["iso_name"] = self.iso_name
        record.update(mention=self.mention, start=self.start, end=self.end)
        return record


@dataclass(frozen=True)
class Topic:
    """A topic assigned to a quote, with the words that triggered it."""

    id: str
    label: str
    iptc: str | None
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "iptc": self.iptc, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class Quote:
    """One attributed quote or claim.

    ``parts`` are the pieces of the content (what was said) in the document's text;
    ``start``/``end`` span them all, and ``text`` is their words joined with " … "
    (:func:`quote_text`). ``quote_id`` is made from ``start`` (:func:`quote_id`).
    """

    doc_id: str
    quote_id: str
    kind: str
    text: str
    start: int
    end: int
    speaker: str | None
    speaker_mention: Span | None
    cue: Span | None
    confidence: float
    title: str | None = None
    date: str | None = None
    url: str | None = None
    parts: tuple[tuple[int, int], ...] = ()  # content pieces; a split quote has several
    act: str = "speech"
    speaker_type: str = "unknown"
    speaker_role: str | None = None
    addressee: Span | None = None
    rule: str = ""
    countries: tuple[Mention, ...] = ()
    blocs: tuple[Mention, ...] = ()
    topics: tuple[Topic, ...] = ()
    persons: tuple[str, ...] = ()
    speaker_id: str | None = None  # one id per person across the corpus (``enrich.identity``)
    speaker_gender: str | None = None  # "female", "male" or None (``enrich.gender``)
    speaker_gender_evidence: str | None = None  # one of GENDER_EVIDENCE when the gender is known

    def to_dict(self) -> dict[str, Any]:
        """The JSONL record: field order is the schema's order."""
        return {
            "doc_id": self.doc_id,
            "quote_id": self.quote_id,
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
            "speaker_id": self.speaker_id,
            "speaker_mention": self.speaker_mention.to_dict() if self.speaker_mention else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "confidence": round(self.confidence, 3),
            "title": self.title,
            "date": self.date,
            "url": self.url,
            "parts": [list(p) for p in (self.parts or ((self.start, self.end),))],
            "act": self.act,
            "speaker_type": self.speaker_type,
            "speaker_role": self.speaker_role,
            "speaker_gender": self.speaker_gender,
            "speaker_gender_evidence": self.speaker_gender_evidence,
            "addressee": self.addressee.to_dict() if self.addressee else None,
            "countries": [m.to_dict() for m in self.countries],
            "blocs": [m.to_dict() for m in self.blocs],
            "topics": [t.to_dict() for t in self.topics],
            "persons": list(self.persons),
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        """Read a record back from the JSONL that ``extract`` wrote."""

        def span(x: Any) -> Span | None:
            return Span(x["text"], int(x["start"]), int(x["end"])) if x else None

        return cls(
            doc_id=str(d["doc_id"]),
            quote_id=str(d["quote_id"]),
            kind=d["kind"],
            text=d["text"],
            start=int(d["start"]),
            end=int(d["end"]),
            speaker=d.get("speaker"),
            speaker_id=d.get("speaker_id"),
            speaker_mention=span(d.get("speaker_mention")),
            cue=span(d.get("cue")),
            confidence=float(d.get("confidence", 0.0)),
            title=d.get("title"),
            date=d.get("date"),
            url=d.get("url"),
            parts=tuple(tuple(p) for p in d.get("parts", ())),
            act=d.get("act", "speech"),
            speaker_type=d.get("speaker_type", "unknown"),
            speaker_role=d.get("speaker_role"),
            speaker_gender=d.get("speaker_gender"),
            speaker_gender_evidence=d.get("speaker_gender_evidence"),
            addressee=span(d.get("addressee")),
            countries=tuple(Mention(**m) for m in d.get("countries", ())),
            blocs=tuple(Mention(**m) for m in d.get("blocs", ())),
            topics=tuple(
                Topic(t["id"], t["label"], t.get("iptc"), tuple(t.get("evidence", ())))
                for t in d.get("topics", ())
            ),
            persons=tuple(d.get("persons", ())),
            rule=str(d.get("rule", "")),
        )
