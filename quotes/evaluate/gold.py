"""Score extracted quotes against gold annotations.

Gold comes in three layouts, all read by :func:`read_gold`:

* PolNeAR: ``text/<doc>.txt`` with ``attributions/<doc>_<annotator>.ann`` (brat standoff). When
  a document has several annotators' files, the first in sorted order is used.
* flat brat: ``<doc>.txt`` beside ``<doc>.ann`` in one folder.
* JSONL: one ``{"id", "text", "quotes": [{"start", "end", "speaker_start", "speaker_end"}]}``
  per line.

In brat, every event (``E`` line) with a ``Content`` role is one gold quote; ``Content2`` and
discontinuous spans (``Content 10 20;25 40``) add fragments to it, and ``Source`` is the speaker
mention, which may be absent.

Matching follows the GenderGapTracker's evaluation so that figures compare with theirs: gold
quotes are taken in document order, and each matches the unused prediction that covers the
largest share of its characters, if that share is above the threshold; one to one. The
symmetric setting uses Jaccard overlap (>= 0.5) instead, so that over-long predictions cannot
pass; there the gaps inside a discontinuous gold quote count neither for nor against. A
matched quote's speaker is right when the predicted ``speaker_mention`` overlaps the gold Source
by at least one character, or when gold has no Source and nothing is predicted.

The scorer (:func:`match_quotes`, :func:`score`, :func:`find_errors`) is pure: offsets in,
numbers out. :func:`evaluate` runs the extractor on the gold texts and scores it, and
:func:`run_evaluate` is the whole ``quotegraph evaluate`` command.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from quotes.model import ACTS, KINDS, Document, Skipped, Span

if TYPE_CHECKING:
    from rich.table import Table
    from spacy.language import Language

__all__ = [
    "BANDS",
    "SETTINGS",
    "SETTINGS_BY_NAME",
    "Counts",
    "DocumentMatch",
    "Evaluation",
    "GoldCorpus",
    "GoldDocument",
    "GoldFormatError",
    "GoldQuote",
    "Match",
    "Setting",
    "evaluate",
    "evaluate_corpus",
    "find_errors",
    "gold_kind",
    "gold_quote",
    "match_quotes",
    "parse_acts",
    "read_brat",
    "read_gold",
    "read_gold_jsonl",
    "render_bands",
    "render_table",
    "run_evaluate",
    "score",
]

Fragments = tuple[tuple[int, int], ...]

# Content that starts with one of these is direct speech.
OPENING_MARKS = "\"“‘«„'"
# Content that contains one of these (or an opening single mark, see gold_kind) is mixed.
DOUBLE_MARKS = "\"“”«»„"
SINGLE_MARKS = "‘'"


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


@dataclass(frozen=True)
class GoldCorpus:
    """What :func:`read_gold` found: documents, the inputs it skipped and the layout's name."""

    layout: str
    documents: tuple[GoldDocument, ...]
    skipped: tuple[Skipped, ...] = ()


class PredictedQuote(Protocol):
    """What the scorer reads from a prediction (``quotes.model.Quote`` has all of it)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...

    @property
    def speaker_mention(self) -> Span | None: ...

    @property
    def confidence(self) -> float: ...


@dataclass(frozen=True)
class Setting:
    """A matching rule: ``cover`` is the share of gold characters a prediction covers,
    ``jaccard`` is overlap over union; a pair matches when the measure passes ``threshold``."""

    name: str
    measure: str
    threshold: float
    inclusive: bool = False  # >= rather than >

    def passes(self, value: float) -> bool:
        return value >= self.threshold if self.inclusive else value > self.threshold


# GenderGapTracker's thresholds are strict ("score > 0.3"); the issue asks for Jaccard >= 0.5.
SETTINGS: tuple[Setting, ...] = (
    Setting("cover0.3", "cover", 0.3),
    Setting("cover0.8", "cover", 0.8),
    Setting("jaccard0.5", "jaccard", 0.5, inclusive=True),
)
SETTINGS_BY_NAME = {s.name: s for s in SETTINGS}

# Confidence bands for precision: [low, high); the last band includes 1.0.
BANDS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.0))


@dataclass(frozen=True)
class Match:
    """Gold quote ``gold`` matched prediction ``predicted`` (indices into the inputs)."""

    gold: int
    predicted: int
    score: float
    speaker_ok: bool


@dataclass(frozen=True)
class DocumentMatch:
    """The outcome of matching one document's quotes."""

    matches: tuple[Match, ...]
    missed: tuple[int, ...]
    spurious: tuple[int, ...]


# --------------------------------------------------------------------------------------------
# Gold kinds and span arithmetic


def gold_kind(content: str) -> str:
    """Direct if the content starts with a quotation mark, mixed if it contains one.

    A single mark (' or ‘) inside a word is an apostrophe ("Clinton's"), not a quotation mark,
    so it only counts when it does not follow a letter or digit.
    """
    stripped = content.lstrip()
    if stripped[:1] and stripped[0] in OPENING_MARKS:
        return "direct"
    for i, ch in enumerate(stripped):
        if ch in DOUBLE_MARKS:
            return "mixed"
        if ch in SINGLE_MARKS and (i == 0 or not stripped[i - 1].isalnum()):
            return "mixed"
    return "indirect"


def _normalise(fragments: Iterable[tuple[int, int]]) -> Fragments:
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


def _overlap(fragments: Fragments, start: int, end: int) -> int:
    """Characters of ``[start, end)`` that fall inside ``fragments``."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in fragments)


def _measure(gold: GoldQuote, start: int, end: int, measure: str) -> float:
    length = gold.length
    pred = max(0, end - start)
    if length == 0 or pred == 0:
        return 0.0
    inter = _overlap(gold.content, start, end)
    if measure == "cover":
        return inter / length
    if measure == "jaccard":
        # Characters in the gaps of a discontinuous gold quote (the interrupting ", he said, ")
        # count neither way, so a contiguous prediction of the whole quote scores 1.0.
        in_hull = _overlap(((gold.start, gold.end),), start, end)
        return inter / (length + pred - in_hull)
    raise ValueError(f"unknown measure {measure!r}: expected 'cover' or 'jaccard'")


def _speaker_ok(gold: GoldQuote, mention: Span | None) -> bool:
    if not gold.source:
        return mention is None
    if mention is None:
        return False
    return _overlap(gold.source, mention.start, mention.end) > 0


# --------------------------------------------------------------------------------------------
# The scorer


def match_quotes(
    gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote], setting: Setting
) -> DocumentMatch:
    """Match one document's gold quotes to its predictions, one to one.

    Gold quotes are taken in document order; each takes the unused prediction that scores
    highest under ``setting`` (the earliest one on a tie) if that score passes.
    """
    gold_order = sorted(range(len(gold)), key=lambda i: (gold[i].start, gold[i].end, i))
    pred_order = sorted(range(len(predicted)), key=lambda j: (predicted[j].start, predicted[j].end, j))
    unused = dict.fromkeys(pred_order)  # insertion-ordered set
    matches: list[Match] = []
    missed: list[int] = []
    for i in gold_order:
        best, best_score = None, 0.0
        for j in unused:
            value = _measure(gold[i], predicted[j].start, predicted[j].end, setting.measure)
            if setting.passes(value) and (best is None or value > best_score):
                best, best_score = j, value
        if best is None:
            missed.append(i)
            continue
        del unused[best]
        ok = _speaker_ok(gold[i], predicted[best].speaker_mention)
        matches.append(Match(i, best, best_score, ok))
    return DocumentMatch(tuple(matches), tuple(missed), tuple(sorted(unused)))


def _band(confidence: float, bands: Sequence[tuple[float, float]]) -> int:
    """Index of the band holding ``confidence``; values outside the bands go to the nearest."""
    for k, (_low, high) in enumerate(bands[:-1]):
        if confidence < high:
            return k
    return len(bands) - 1


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Counts:
    """Totals for one setting over a corpus."""

    n_gold: int = 0
    n_predicted: int = 0
    tp: int = 0
    tp_attributed: int = 0
    gold_by_kind: tuple[tuple[str, int], ...] = ()
    tp_by_kind: tuple[tuple[str, int], ...] = ()
    predicted_by_band: tuple[int, ...] = ()
    tp_by_band: tuple[int, ...] = ()

    @property
    def fp(self) -> int:
        return self.n_predicted - self.tp

    @property
    def fn(self) -> int:
        return self.n_gold - self.tp

    def metrics(self, digits: int = 4) -> dict[str, Any]:
        """P, R, F1, attributed_F1 and recall_by_kind (None for a kind with no gold quote)."""
        p = _ratio(self.tp, self.n_predicted)
        r = _ratio(self.tp, self.n_gold)
        pa = _ratio(self.tp_attributed, self.n_predicted)
        ra = _ratio(self.tp_attributed, self.n_gold)
        gold_by_kind, tp_by_kind = dict(self.gold_by_kind), dict(self.tp_by_kind)
        by_kind = {
            k: (round(tp_by_kind.get(k, 0) / gold_by_kind[k], digits) if gold_by_kind.get(k) else None)
            for k in ("direct", "mixed", "indirect")
        }
        return {
            "P": round(p, digits),
            "R": round(r, digits),
            "F1": round(_f1(p, r), digits),
            "attributed_F1": round(_f1(pa, ra), digits),
            "recall_by_kind": by_kind,
        }


@dataclass(frozen=True)
class Evaluation:
    """Counts per setting, with the documents scored and what was skipped: gold inputs that
    could not be paired, and documents the extractor failed on (scored as finding nothing)."""

    counts: dict[str, Counts]
    bands: tuple[tuple[float, float], ...] = BANDS
    documents: int = 0
    skipped: tuple[Skipped, ...] = ()

    def as_dict(self) -> dict[str, dict[str, Any]]:
        """The report: ``{"cover0.3": {"P", "R", "F1", "attributed_F1", "recall_by_kind"}, ...}``."""
        return {name: c.metrics() for name, c in self.counts.items()}

    def confidence_bands(self) -> dict[str, list[dict[str, Any]]]:
        """Precision of the predictions in each confidence band, per setting."""
        out: dict[str, list[dict[str, Any]]] = {}
        for name, c in self.counts.items():
            rows = []
            for (low, high), n, tp in zip(self.bands, c.predicted_by_band, c.tp_by_band):
                rows.append(
                    {"band": f"[{low:g}, {high:g}{']' if high == self.bands[-1][1] else ')'}",
                     "predicted": n, "tp": tp, "P": round(tp / n, 4) if n else None}
                )
            out[name] = rows
        return out

    def totals(self) -> dict[str, dict[str, int]]:
        """Raw counts per setting: gold, predicted, TP, FP, FN, attributed TP."""
        return {
            name: {"gold": c.n_gold, "predicted": c.n_predicted, "tp": c.tp, "fp": c.fp,
                   "fn": c.fn, "tp_attributed": c.tp_attributed}
            for name, c in self.counts.items()
        }


def score(
    documents: Iterable[tuple[Sequence[GoldQuote], Sequence[PredictedQuote]]],
    settings: Sequence[Setting] = SETTINGS,
    bands: Sequence[tuple[float, float]] = BANDS,
) -> Evaluation:
    """Score (gold quotes, predicted quotes) pairs, one pair per document, under each setting."""
    bands = tuple(bands)
    n_gold = n_pred = n_docs = 0
    gold_by_kind: Counter[str] = Counter()
    pred_by_band = [0] * len(bands)
    tp = Counter[str]()
    tp_attr = Counter[str]()
    tp_by_kind: dict[str, Counter[str]] = {s.name: Counter() for s in settings}
    tp_by_band: dict[str, list[int]] = {s.name: [0] * len(bands) for s in settings}
    for gold, predicted in documents:
        n_docs += 1
        n_gold += len(gold)
        n_pred += len(predicted)
        gold_by_kind.update(q.kind for q in gold)
        for p in predicted:
            pred_by_band[_band(p.confidence, bands)] += 1
        for s in settings:
            result = match_quotes(gold, predicted, s)
            for m in result.matches:
                tp[s.name] += 1
                tp_attr[s.name] += m.speaker_ok
                tp_by_kind[s.name][gold[m.gold].kind] += 1
                tp_by_band[s.name][_band(predicted[m.predicted].confidence, bands)] += 1
    kinds = tuple((k, gold_by_kind[k]) for k in KINDS)
    counts = {
        s.name: Counts(
            n_gold=n_gold,
            n_predicted=n_pred,
            tp=tp[s.name],
            tp_attributed=tp_attr[s.name],
            gold_by_kind=kinds,
            tp_by_kind=tuple((k, tp_by_kind[s.name][k]) for k in KINDS),
            predicted_by_band=tuple(pred_by_band),
            tp_by_band=tuple(tp_by_band[s.name]),
        )
        for s in settings
    }
    return Evaluation(counts=counts, bands=bands, documents=n_docs)


def _span_dict(text: str, start: int, end: int) -> dict[str, Any]:
    return {"start": start, "end": end, "text": text[start:end]}


def _fragments_dict(text: str, fragments: Fragments) -> dict[str, Any] | None:
    if not fragments:
        return None
    return {
        "start": fragments[0][0],
        "end": fragments[-1][1],
        "fragments": [list(f) for f in fragments],
        "text": " ".join(text[s:e] for s, e in fragments),
    }


def find_errors(
    documents: Iterable[tuple[GoldDocument, Sequence[PredictedQuote]]],
    setting: Setting = SETTINGS[0],
) -> Iterator[dict[str, Any]]:
    """Yield each miss, spurious prediction and wrong speaker under ``setting``, for reading.

    A miss carries the nearest prediction (highest score, even below the threshold), which
    shows at a glance whether the extractor split, shifted or missed the quote outright.
    Records come document by document, in text order within each.
    """
    for doc, predicted in documents:
        records = list(_document_errors(doc, predicted, setting))
        yield from sorted(records, key=_position)


def _position(record: dict[str, Any]) -> tuple[int, int]:
    span = record.get("gold") or record["predicted"]
    return span["start"], span["end"]


def _document_errors(
    doc: GoldDocument, predicted: Sequence[PredictedQuote], setting: Setting
) -> Iterator[dict[str, Any]]:
    """One document's errors, grouped by type."""
    result = match_quotes(doc.quotes, predicted, setting)
    base = {"setting": setting.name, "doc_id": doc.doc_id, "source": doc.source}
    for i in result.missed:
        g = doc.quotes[i]
        nearest, nearest_score = None, 0.0
        for p in predicted:
            value = _measure(g, p.start, p.end, setting.measure)
            if value > nearest_score:
                nearest, nearest_score = p, value
        yield {
            **base,
            "type": "miss",
            "kind": g.kind,
            "gold": _fragments_dict(doc.text, g.content),
            "gold_speaker": _fragments_dict(doc.text, g.source),
            "nearest": None if nearest is None else {
                **_span_dict(doc.text, nearest.start, nearest.end),
                "score": round(nearest_score, 4),
            },
            "ref": g.ref,
        }
    for j in result.spurious:
        p = predicted[j]
        yield {
            **base,
            "type": "spurious",
            "predicted": _span_dict(doc.text, p.start, p.end),
            "predicted_speaker": _mention_dict(p.speaker_mention),
            "confidence": p.confidence,
            **_extra(p),
        }
    for m in result.matches:
        if m.speaker_ok:
            continue
        g, p = doc.quotes[m.gold], predicted[m.predicted]
        yield {
            **base,
            "type": "wrong_speaker",
            "kind": g.kind,
            "gold": _fragments_dict(doc.text, g.content),
            "predicted": _span_dict(doc.text, p.start, p.end),
            "score": round(m.score, 4),
            "gold_speaker": _fragments_dict(doc.text, g.source),
            "predicted_speaker": _mention_dict(p.speaker_mention),
            "confidence": p.confidence,
            **_extra(p),
            "ref": g.ref,
        }


def _mention_dict(mention: Span | None) -> dict[str, Any] | None:
    return None if mention is None else {"start": mention.start, "end": mention.end, "text": mention.text}


def _extra(p: PredictedQuote) -> dict[str, Any]:
    """Fields a full ``Quote`` has that help reading an error (absent on bare predictions)."""
    return {k: getattr(p, k) for k in ("kind", "act", "rule", "speaker") if hasattr(p, k)}


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
    """The file's text exactly, line endings included, since gold offsets index into it."""
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
) -> GoldQuote:
    """Build a gold quote from offsets into ``text``, checking them; the kind comes from the text."""
    content_n, source_n = _normalise(content), _normalise(source)
    if not content_n:
        raise GoldFormatError(f"{ref}: the content span is empty")
    for s, e in (*content_n, *source_n):
        if not 0 <= s < e <= len(text):
            raise GoldFormatError(
                f"{ref}: span {s}-{e} lies outside the text ({len(text)} characters)"
            )
    joined = " ".join(text[s:e] for s, e in content_n)
    return GoldQuote(doc_id, content_n, source_n, joined, gold_kind(joined), ref)


def read_brat(ann_path: str | Path, text: str, doc_id: str) -> tuple[GoldQuote, ...]:
    """Read the gold quotes of one brat ``.ann`` file whose offsets index into ``text``.

    Lines other than ``T`` and ``E`` (notes, attributes, the wrapped tails of multi-line
    span texts) are ignored.
    """
    ann_path = Path(ann_path)
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[tuple[int, str, list[tuple[str, str]]]] = []
    for lineno, line in enumerate(_read_text(ann_path).splitlines(), 1):
        if m := _T_LINE.match(line):
            frags = [tuple(map(int, f.split())) for f in m.group(3).split(";")]
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


def read_gold_jsonl(path: str | Path) -> GoldCorpus:
    """Read gold JSONL: ``{"id", "text", "quotes": [{"start", "end", "speaker_start", "speaker_end"}]}``.

    The speaker offsets may be absent or null (no speaker annotated).
    """
    path = Path(path)
    documents: list[GoldDocument] = []
    seen: set[str] = set()
    for lineno, line in enumerate(_read_text(path).splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            raise GoldFormatError(f"{where}: not JSON ({e.msg}); {LAYOUTS_HELP}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str) or "id" not in record:
            raise GoldFormatError(f'{where}: a gold record needs "id" and "text"; {LAYOUTS_HELP}')
        doc_id, text = str(record["id"]), record["text"]
        if doc_id in seen:
            raise GoldFormatError(f"{where}: document id {doc_id!r} appears twice")
        seen.add(doc_id)
        raw_quotes = record.get("quotes", [])
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
            quotes.append(gold_quote(doc_id, text, content, source, qwhere))
        quotes.sort(key=lambda q: (q.start, q.end))
        documents.append(GoldDocument(doc_id, text, tuple(quotes), where))
    return GoldCorpus("jsonl", tuple(documents))


def _looks_like_gold(path: Path) -> bool:
    return ((path / "text").is_dir() and (path / "attributions").is_dir()) or any(path.glob("*.ann"))


def read_gold(path: str | Path) -> GoldCorpus:
    """Read gold from a PolNeAR folder, a flat brat folder or a JSONL file (see module doc)."""
    path = Path(path)
    if not path.exists():
        raise GoldFormatError(f"{path}: no such file or folder; {LAYOUTS_HELP}")
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
    return corpus


# --------------------------------------------------------------------------------------------
# Running the extractor on gold


def parse_acts(value: str | Iterable[str]) -> tuple[str, ...]:
    """``"all"`` -> every act; ``"speech"`` or ``"speech,belief"`` -> those acts, checked."""
    items = [value] if isinstance(value, str) else list(value)
    acts: list[str] = []
    for item in items:
        for part in item.split(","):
            part = part.strip().lower()
            if part == "all":
                acts.extend(ACTS)
            elif part in ACTS:
                acts.append(part)
            elif part:
                raise ValueError(f"unknown act {part!r}: expected 'all' or one of {', '.join(ACTS)}")
    if not acts:
        raise ValueError(f"no act given: expected 'all' or one of {', '.join(ACTS)}")
    return tuple(dict.fromkeys(acts))


def evaluate_corpus(
    gold_path: str | Path | GoldCorpus,
    nlp: Language,
    acts: Collection[str] = ("speech",),
    errors_path: str | Path | None = None,
    errors_setting: str = "cover0.3",
) -> Evaluation:
    """Run the extractor on the gold texts and score it; optionally write the errors as JSONL.

    ``gold_path`` is a path for :func:`read_gold` or a corpus it returned. Each gold text
    becomes ``Document(doc_id, text)`` with the text exactly as read, so that predicted offsets
    index into the same string as the gold ones.
    """
    if errors_setting not in SETTINGS_BY_NAME:
        raise ValueError(f"unknown setting {errors_setting!r}: expected one of {', '.join(SETTINGS_BY_NAME)}")
    # read gold before importing the pipeline, so that a bad path fails fast
    corpus = gold_path if isinstance(gold_path, GoldCorpus) else read_gold(gold_path)
    from quotes.pipeline import extract_documents

    documents = [Document(doc_id=g.doc_id, text=g.text, source=g.source) for g in corpus.documents]
    failed: list[Skipped] = []  # a document the rules fail on scores as one with no quotes
    predicted: dict[str, list[Any]] = {}
    for doc, quotes in extract_documents(documents, nlp, acts=tuple(acts), on_error=failed.append):
        predicted[doc.doc_id] = list(quotes)
    pairs = [(g, predicted.get(g.doc_id, [])) for g in corpus.documents]
    result = score((g.quotes, p) for g, p in pairs)
    if errors_path is not None:
        with open(errors_path, "w", encoding="utf-8") as out:
            for record in find_errors(pairs, SETTINGS_BY_NAME[errors_setting]):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Evaluation(result.counts, result.bands, result.documents, (*corpus.skipped, *failed))


def evaluate(
    gold_path: str | Path,
    nlp: Language,
    acts: Collection[str] = ("speech",),
    errors_path: str | Path | None = None,
) -> dict[str, dict[str, Any]]:
    """Score the extractor on gold: ``{"cover0.3": {...}, "cover0.8": {...}, "jaccard0.5": {...}}``."""
    return evaluate_corpus(gold_path, nlp, acts, errors_path).as_dict()


def run_evaluate(
    gold: str | Path,
    fmt: str = "table",
    errors: str | Path | None = None,
    acts: str | Collection[str] = "speech",
    model: str | None = None,
    stdout: IO[str] | None = None,
    report: Callable[[str], None] | None = None,
) -> int:
    """``quotegraph evaluate``: read gold, load the model, score, print; returns the exit code.

    The report goes to ``stdout`` as a table or as JSON (exactly :meth:`Evaluation.as_dict`);
    messages go to ``report`` (stderr by default). Exit code 2 when GOLD is not gold, 1 when
    some gold input was skipped, else 0. A missing model raises ``quotes.nlp.ModelNotFound``.
    """
    out = stdout if stdout is not None else sys.stdout
    say = report or (lambda message: print(message, file=sys.stderr))
    if fmt not in ("table", "json"):
        raise ValueError(f"unknown format {fmt!r}: expected 'table' or 'json'")
    try:
        corpus = read_gold(gold)
    except GoldFormatError as err:
        say(f"error: {err}")
        return 2
    from quotes.nlp import load_pipeline

    chosen = parse_acts(acts)
    result = evaluate_corpus(corpus, load_pipeline(model), chosen, errors)
    scores = result.as_dict()
    if fmt == "json":
        out.write(json.dumps(scores, indent=2) + "\n")
    else:
        from rich.console import Console

        Console(file=out).print(render_table(scores, title=f"{gold} (acts: {', '.join(chosen)})"))
    for skipped in result.skipped:
        say(f"skipped: {skipped.source}: {skipped.reason}")
    totals = result.totals()["cover0.3"]
    say(
        f"quotegraph: {result.documents} gold documents, {totals['gold']} gold quotes, "
        f"{totals['predicted']} predicted"
        + (f", errors written to {errors}" if errors is not None else "")
        + (f", {len(result.skipped)} skipped" if result.skipped else "")
    )
    return 1 if result.skipped else 0


# --------------------------------------------------------------------------------------------
# Rendering


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def render_table(scores: dict[str, dict[str, Any]], title: str | None = "Quote extraction") -> Table:
    """The report dict of :func:`evaluate` as a rich table, in percent."""
    from rich.table import Table

    table = Table(title=title, caption="percent; attr F1: matched with the right speaker too; "
                                       "R by kind of gold quote")
    table.add_column("matching", no_wrap=True, min_width=10)
    for name in ("P", "R", "F1", "attr F1", "R direct", "R mixed", "R indirect"):
        table.add_column(name, justify="right", min_width=5)
    for name, m in scores.items():
        by_kind = m.get("recall_by_kind", {})
        table.add_row(
            name, _pct(m["P"]), _pct(m["R"]), _pct(m["F1"]), _pct(m["attributed_F1"]),
            *(_pct(by_kind.get(k)) for k in ("direct", "mixed", "indirect")),
        )
    return table


def render_bands(
    bands: dict[str, list[dict[str, Any]]], title: str | None = "Precision by confidence"
) -> Table:
    """The output of :meth:`Evaluation.confidence_bands` as a rich table."""
    from rich.table import Table

    table = Table(title=title)
    table.add_column("confidence", no_wrap=True, min_width=11)
    table.add_column("predicted", justify="right")
    names = list(bands)
    for name in names:
        table.add_column(f"P {name}", justify="right")
    rows = zip(*(bands[n] for n in names)) if names else iter(())
    for cells in rows:
        table.add_row(cells[0]["band"], str(cells[0]["predicted"]), *(_pct(c["P"]) for c in cells))
    return table
