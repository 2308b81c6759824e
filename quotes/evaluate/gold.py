"""Gold quotes: the annotated layouts ``evaluate`` reads, as ``GoldCorpus`` records.

Three layouts, all read by :func:`read_gold`:

* PolNeAR: ``text/<doc>.txt`` with ``attributions/<doc>_<annotator>.ann`` (brat standoff). When
  a document has several annotators' files, the first in sorted order is used.
* flat brat: ``<doc>.txt`` beside ``<doc>.ann`` in one folder.
* JSONL: one ``{"id", "text", "quotes": [{"start", "end", "speaker_start", "speaker_end"}]}``
  per line.

In brat, every event (``E`` line) with a ``Content`` role is one gold quote; ``Content2`` and
discontinuous spans (``Content 10 20;25 40``) add fragments to it, and ``Source`` is the speaker
mention, which may be absent.

Gold with no quote at all, or a JSONL record with no ``quotes`` key, is refused
(:class:`GoldFormatError`): scoring it would print zeros that look like a result.
"""


from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Skipped
from ..text import JsonError, lines, loads_json

if TYPE_CHECKING:
    pass

Fragments = tuple[tuple[int, int], ...]

# Content that starts with one of these, or sits right after one, is direct speech.
OPENING_MARKS = "\"“‘«„'"
# Content that ends with one of these, or sits right before one, is closed by a quotation mark.
CLOSING_MARKS = "\"”’'»“"
# Content that contains one of these (or an opening single mark, see gold_kind) is mixed.
DOUBLE_MARKS = "\"“”«»„"
SINGLE_MARKS = "‘'"
STRAIGHT_MARKS = "\"'"
# Punctuation that may stand between the end of a quote's content and its closing mark ('ready,"').
_BEFORE_CLOSING = ",.;:?!…"
CONTEXT = 3  # characters of context on each side that gold_kind reads


class GoldFormatError(ValueError):
    """The gold path or one of its files is not in a layout this module reads."""


# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class GoldQuote:
    """One annotated quote: content fragments and the speaker (Source) fragments, if any.

    ``content`` is sorted and merged; ``source`` is empty when the annotation has no Source.
    """

    doc_id: str
    content: Fragments
    source: Fragments = ()
    text: str = ""
    kind: str = "indirect"
    ref: str = ""  # where it came from: "file.ann:E3" or "file.jsonl:4 quotes[0]"
    speaker_name: str = ""  # the annotators' canonical name of the speaker, when given

    @property
    def start(self) -> int:
        return self.content[0][0]

    @property
    def end(self) -> int:
        return self.content[-1][1]

    @property
    def length(self) -> int:
        return sum(e - s for s, e in self.content)


@dataclass(frozen=True)
class GoldDocument:
    """A gold text and its quotes, in document order."""

    doc_id: str
    text: str
    quotes: tuple[GoldQuote, ...]
    source: str = ""
    # the people quoted, by gender as the annotators judged it (GenderGapTracker's
    # "sources_female"/"sources_male"); None when the gold does not say
    sources_female: tuple[str, ...] | None = None
    sources_male: tuple[str, ...] | None = None


@dataclass(frozen=True)
class GoldCorpus:
    """What :func:`read_gold` found: documents, the inputs it skipped and the layout's name."""

    layout: str
    documents: tuple[GoldDocument, ...]
    skipped: tuple[Skipped, ...] = ()


# --------------------------------------------------------------------------------------------
# Gold kinds and span arithmetic


def _opened_before(content: str, before: str) -> bool:
    """An opening quotation mark right before the content: ``said, “|We are ready``.

    A straight mark opens only after a space, a bracket or the start of the text (not after a
    letter: ``'|s``), and only when the content does not start with a space.
    """
    mark = before[-1:]
    if not mark or mark not in OPENING_MARKS or content[:1].isspace():
        return False
    if mark in STRAIGHT_MARKS:
        previous = before[-2:-1]
        return not previous or not previous.isalnum()
    return mark != "’"


def _closed_after(content: str, after: str) -> bool:
    """The content ends with a closing mark, a closing mark follows it (after a comma or a full
    stop left out: ``ready|,”``), or the paragraph ends there (a quote running on to the next
    paragraph has no closing mark)."""
    if content.rstrip()[-1:] in CLOSING_MARKS:
        return True
    rest = after
    while rest[:1] and rest[0] in _BEFORE_CLOSING:
        rest = rest[1:]
    if rest[:1] and rest[0] in CLOSING_MARKS and not (rest[0] in "'’" and rest[1:2].isalpha()):
        return True  # (an apostrophe before a letter is a possessive: "Jones’s")
    tail = after.lstrip(" \t\u00a0")
    return tail == "" or tail[0] in "\r\n"


def gold_kind(content: str, before: str = "", after: str = "") -> str:
    """Direct if the content is in quotation marks, mixed if it holds some, else indirect.

    ``before`` and ``after`` are the few characters just outside the span (:data:`CONTEXT`), so
    that a span that leaves the marks out (``"|We are ready|," she said``) is still direct: it
    sits right after an opening mark and before a closing one (or the paragraph's end). A single
    mark (' or ‘) inside a word is an apostrophe ("Clinton's"), not a quotation mark, so it only
    counts when it does not follow a letter or digit.
    """
    stripped = content.lstrip()
    if stripped[:1] and stripped[0] in OPENING_MARKS:
        return "direct"
    if _opened_before(content, before) and _closed_after(content, after):
        return "direct"
    for i, ch in enumerate(stripped):
        if ch in DOUBLE_MARKS:
            return "mixed"
        if ch in SINGLE_MARKS and (i == 0 or not stripped[i - 1].isalnum()):
            return "mixed"
    return "indirect"


def normalise_fragments(fragments: Iterable[tuple[int, int]]) -> Fragments:
    """Sort fragments, drop empty ones and merge those that touch or overlap."""
    merged: list[list[int]] = []
    for s, e in sorted((int(s), int(e)) for s, e in fragments):
        if e <= s:
            continue
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return tuple((s, e) for s, e in merged)


# --------------------------------------------------------------------------------------------
# Gold readers

_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)(?:\t|$)")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
_CONTENT_ROLE = re.compile(r"^Content\d*$")
_SOURCE_ROLE = re.compile(r"^Source\d*$")
_ANNOTATOR = re.compile(r"^(.+)_([^_]+)$")

LAYOUTS_HELP = (
    "expected one of: a folder with text/<doc>.txt and attributions/<doc>_<annotator>.ann "
    "(PolNeAR); a folder of <doc>.txt beside <doc>.ann (brat standoff); or a JSONL file with "
    'one {"id", "text", "quotes": [{"start", "end", "speaker_start", "speaker_end"}]} a line'
)


def _read_text(path: Path) -> str:
    """The file's text exactly, line endings included, since gold offsets index into it; a
    byte-order mark too, which brat counts as a character of the text."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise GoldFormatError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None


def gold_quote(
    doc_id: str,
    text: str,
    content: Iterable[tuple[int, int]],
    source: Iterable[tuple[int, int]] = (),
    ref: str = "",
    speaker_name: str = "",
) -> GoldQuote:
    """Build a gold quote from offsets into ``text``, checking them; the kind comes from the text."""
    content_n, source_n = normalise_fragments(content), normalise_fragments(source)
    if not content_n:
        raise GoldFormatError(f"{ref}: the content span is empty")
    for s, e in (*content_n, *source_n):
        if not 0 <= s < e <= len(text):
            raise GoldFormatError(
                f"{ref}: span {s}-{e} lies outside the text ({len(text)} characters)"
            )
    joined = " ".join(text[s:e] for s, e in content_n)
    start, end = content_n[0][0], content_n[-1][1]
    kind = gold_kind(joined, text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])
    return GoldQuote(doc_id, content_n, source_n, joined, kind, ref, speaker_name)


def read_brat(ann_path: str | Path, text: str, doc_id: str) -> tuple[GoldQuote, ...]:
    """Read the gold quotes of one brat ``.ann`` file whose offsets index into ``text``.

    Lines other than ``T`` and ``E`` (notes, attributes, the wrapped tails of multi-line
    span texts) are ignored.
    """
    ann_path = Path(ann_path)
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    for lineno, line in enumerate(lines(_read_text(ann_path)), 1):
        if m := _T_LINE.match(line):
            try:
                frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
            except ValueError:  # an offset of 5,000 digits: more than Python converts
                raise GoldFormatError(f"{ann_path}:{lineno}: cannot read the offsets of {m.group(1)}") from None
            spans[m.group(1)] = (m.group(2), [(s, e) for s, e in frags])
        elif m := _E_LINE.match(line):
            roles = []
            for arg in m.group(2).split():
                role, sep, ref = arg.partition(":")
                if not sep or not ref:
                    raise GoldFormatError(f"{ann_path}:{lineno}: cannot read event argument {arg!r}")
                roles.append((role, ref))
            events.append((lineno, m.group(1), roles))
    quotes = []
    for lineno, event_id, roles in events:
        content: list[tuple[int, int]] = []
        source: list[tuple[int, int]] = []
        for role, ref in roles[1:]:  # the first is the trigger (Attribution, ...)
            if not (_CONTENT_ROLE.match(role) or _SOURCE_ROLE.match(role)):
                continue
            if ref not in spans:
                raise GoldFormatError(
                    f"{ann_path}:{lineno}: {event_id} refers to {ref}, which is not defined"
                )
            (content if _CONTENT_ROLE.match(role) else source).extend(spans[ref][1])
        if content:
            quotes.append(gold_quote(doc_id, text, content, source, f"{ann_path}:{lineno} {event_id}"))
    return tuple(sorted(quotes, key=lambda q: (q.start, q.end)))


def _read_polnear(root: Path) -> GoldCorpus:
    anns: dict[str, list[Path]] = {}
    skipped: list[Skipped] = []
    for ann in sorted((root / "attributions").glob("*.ann")):
        m = _ANNOTATOR.match(ann.stem)
        if not m:
            skipped.append(Skipped(str(ann), "no _<annotator> suffix in the file name"))
            continue
        anns.setdefault(m.group(1), []).append(ann)
    texts = {p.stem: p for p in sorted((root / "text").glob("*.txt"))}
    documents = []
    for doc_id, text_path in texts.items():
        if doc_id not in anns:
            skipped.append(Skipped(str(text_path), "no attributions/<doc>_<annotator>.ann for it"))
            continue
        ann = sorted(anns[doc_id])[0]
        text = _read_text(text_path)
        documents.append(GoldDocument(doc_id, text, read_brat(ann, text, doc_id), str(text_path)))
    for doc_id, files in anns.items():
        if doc_id not in texts:
            skipped.extend(Skipped(str(f), f"no text/{doc_id}.txt for it") for f in files)
    return GoldCorpus("polnear", tuple(documents), tuple(skipped))


def _read_flat(root: Path) -> GoldCorpus:
    documents, skipped = [], []
    for text_path in sorted(root.glob("*.txt")):
        ann = text_path.with_suffix(".ann")
        if not ann.is_file():
            skipped.append(Skipped(str(text_path), f"no {ann.name} beside it"))
            continue
        text = _read_text(text_path)
        quotes = read_brat(ann, text, text_path.stem)
        documents.append(GoldDocument(text_path.stem, text, quotes, str(text_path)))
    for ann in sorted(root.glob("*.ann")):
        if not ann.with_suffix(".txt").is_file():
            skipped.append(Skipped(str(ann), f"no {ann.stem}.txt beside it"))
    return GoldCorpus("brat", tuple(documents), tuple(skipped))


def _int_field(record: dict[str, Any], key: str, where: str) -> int:
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        raise GoldFormatError(f"{where}: {key!r} must be an integer, not {value!r}")
    return value


def _names_field(record: dict[str, Any], key: str, where: str) -> tuple[str, ...] | None:
    """A list of names (``sources_female``), or None when the record has none."""
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GoldFormatError(f"{where}: {key!r} must be a list of names")
    return tuple(v.strip() for v in value if v.strip())


def read_gold_jsonl(path: str | Path) -> GoldCorpus:
    """Read gold JSONL: ``{"id", "text", "quotes": [{"start", "end", "speaker_start", "speaker_end"}]}``.

    The speaker offsets may be absent or null (no speaker annotated). ``sources_female`` and
    ``sources_male``, when present, list the people quoted by gender.
    """
    path = Path(path)
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    # a byte-order mark stands before the first record, outside every text: it moves no offset
    for lineno, line in enumerate(lines(_read_text(path).removeprefix("\ufeff")), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = loads_json(line)
        except JsonError as e:
            raise GoldFormatError(f"{where}: not JSON ({e.reason}); {LAYOUTS_HELP}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or "id" not in record:
            raise GoldFormatError(f'{where}: a gold record needs "id" and "text"; {LAYOUTS_HELP}')
        doc_id, text = str(record["id"]), record["text"]
        if doc_id in seen:
            raise GoldFormatError(f"{where}: document id {doc_id!r} appears twice")
        seen.add(doc_id)
        if "quotes" not in record:
            raise GoldFormatError(f'{where}: a gold record needs a "quotes" list (empty when the '
                                  f"document has no quote); {LAYOUTS_HELP}")
        raw_quotes = record["quotes"]
        if not isinstance(raw_quotes, list):
            raise GoldFormatError(f'{where}: "quotes" must be a list')
        quotes = []
        for k, q in enumerate(raw_quotes):
            qwhere = f"{where} quotes[{k}]"
            if not isinstance(q, dict):
                raise GoldFormatError(f"{qwhere}: must be an object")
            content = [(_int_field(q, "start", qwhere), _int_field(q, "end", qwhere))]
            if q.get("speaker_start") is None and q.get("speaker_end") is None:
                source: list[tuple[int, int]] = []
            else:
                source = [(_int_field(q, "speaker_start", qwhere), _int_field(q, "speaker_end", qwhere))]
            if content[0][1] <= content[0][0]:
                raise GoldFormatError(f"{qwhere}: end must be greater than start")
            name = q.get("speaker_name")
            if name is not None and not isinstance(name, str):
                raise GoldFormatError(f"{qwhere}: 'speaker_name' must be a string, not {name!r}")
            quotes.append(gold_quote(doc_id, text, content, source, qwhere, (name or "").strip()))
        quotes.sort(key=lambda q: (q.start, q.end))
        documents.append(GoldDocument(doc_id, text, tuple(quotes), where,
                                      _names_field(record, "sources_female", where),
                                      _names_field(record, "sources_male", where)))
    return GoldCorpus("jsonl", tuple(documents))


def _looks_like_gold(path: Path) -> bool:
    return ((path / "text").is_dir() and (path / "attributions").is_dir()) or any(path.glob("*.ann"))


def read_gold(path: str | Path) -> GoldCorpus:
    """Read gold from a PolNeAR folder, a flat brat folder or a JSONL file (see module doc)."""
    path = Path(path)
    if not path.exists():
        raise GoldFormatError(f"{path}: no such file or folder; {LAYOUTS_HELP}")
    if not path.is_file() and not path.is_dir():  # a FIFO would block, /dev/zero never end
        raise GoldFormatError(f"{path}: not a regular file or a folder; {LAYOUTS_HELP}")
    if path.is_file():
        if path.suffix in (".ann", ".txt"):
            raise GoldFormatError(
                f"{path}: give the folder that holds the brat files, not one file; {LAYOUTS_HELP}"
            )
        corpus = read_gold_jsonl(path)
    elif (path / "text").is_dir() and (path / "attributions").is_dir():
        corpus = _read_polnear(path)
    elif any(path.glob("*.ann")):
        corpus = _read_flat(path)
    else:
        hint = sorted(p.name for p in path.iterdir() if p.is_dir() and _looks_like_gold(p))
        also = f" (its subfolders {', '.join(hint)} do: give one of them)" if hint else ""
        raise GoldFormatError(f"{path}: not a gold folder{also}; {LAYOUTS_HELP}")
    if not corpus.documents:
        reasons = "; ".join(f"{s.source}: {s.reason}" for s in corpus.skipped[:3])
        raise GoldFormatError(f"{path}: no gold documents found{': ' + reasons if reasons else ''}")
    if not any(doc.quotes for doc in corpus.documents):
        where = ("no E line with a Content role in any .ann file" if corpus.layout != "jsonl"
                 else 'every "quotes" list is empty')
        count = len(corpus.documents)
        raise GoldFormatError(f"{path}: {count} gold document{'' if count == 1 else 's'} but no gold "
                              f"quote ({where}): there is nothing to score against")
    return corpus


# --------------------------------------------------------------------------------------------
# The stripped condition

# What scraped corpora lose: quotation marks, apostrophes, parentheses and dashes.
STRIPPED_CHARACTERS = frozenset('"“”„«»\'‘’`()—–―')


def _strip_text(text: str) -> tuple[str, list[int]]:
    """``text`` without :data:`STRIPPED_CHARACTERS`, and where each old offset (0 to
    ``len(text)``) lands in it."""
    kept: list[str] = []
    moved = [0] * (len(text) + 1)
    for i, ch in enumerate(text):
        moved[i] = len(kept)
        if ch not in STRIPPED_CHARACTERS:
            kept.append(ch)
    moved[len(text)] = len(kept)
    return "".join(kept), moved


def _moved(fragments: Fragments, moved: list[int]) -> Fragments:
    return normalise_fragments((moved[s], moved[e]) for s, e in fragments)


def strip_corpus(corpus: GoldCorpus) -> GoldCorpus:
    """The same gold on texts stripped of quotation marks, apostrophes, parentheses and dashes.

    Offsets move with the deleted characters; each quote keeps the kind read from the marked
    text (a direct quote stays direct once its marks are gone), and its ``speaker_name`` loses
    the same characters ("Na'moks" as the stripped text spells it). A quote that was nothing but
    marks is dropped.
    """
    documents = []
    for doc in corpus.documents:
        text, moved = _strip_text(doc.text)
        quotes = []
        for q in doc.quotes:
            content = _moved(q.content, moved)
            if not content:
                continue
            joined = " ".join(text[s:e] for s, e in content)
            name = "".join(ch for ch in q.speaker_name if ch not in STRIPPED_CHARACTERS)
            quotes.append(replace(q, content=content, source=_moved(q.source, moved), text=joined,
                                  speaker_name=name))
        documents.append(replace(doc, text=text, quotes=tuple(quotes)))
    return replace(corpus, documents=tuple(documents))
