"""Reports of an evaluation: the errors (misses, spurious quotes, wrong speakers) as records to
read, and the score tables printed by ``quotegraph evaluate``.
"""


from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Span

if TYPE_CHECKING:
    from rich.table import Table
from .gold import Fragments, GoldDocument
from .matching import SETTINGS, PredictedQuote, Setting, match_quotes, overlap_measure
from .speakers import speaker_error


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
            value = overlap_measure(g, p.start, p.end, setting.measure)
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
        g, p = doc.quotes[m.gold], predicted[m.predicted]
        speaker = speaker_error(doc.text, g, p)
        if m.speaker_ok and (speaker is None or speaker["name_ok"] is not False):
            continue
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
            **(speaker or {}),
            "ref": g.ref,
        }


def _mention_dict(mention: Span | None) -> dict[str, Any] | None:
    return None if mention is None else {"start": mention.start, "end": mention.end, "text": mention.text}


def _extra(p: PredictedQuote) -> dict[str, Any]:
    """Fields a full ``Quote`` has that help reading an error (absent on bare predictions)."""
    return {k: getattr(p, k) for k in ("kind", "act", "rule", "speaker") if hasattr(p, k)}


# --------------------------------------------------------------------------------------------
# Rendering


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def render_table(scores: dict[str, dict[str, Any]], title: str | None = "Quote extraction") -> Table:
    """The report dict of :func:`evaluate` as a rich table, in percent."""
    from rich.table import Table

    speakers = any("speaker_mention_accuracy" in m for m in scores.values())
    table = Table(title=title, caption="percent; attr F1: matched with the right speaker too; "
                                       "R by kind of gold quote"
                                       + ("; name / mention: speakers of matched quotes" if speakers else ""))
    table.add_column("matching", no_wrap=True, min_width=10)
    columns = ["P", "R", "F1", "attr F1", "R direct", "R mixed", "R indirect"]
    for name in columns + (["name", "mention"] if speakers else []):
        table.add_column(name, justify="right", min_width=5)
    for name, m in scores.items():
        by_kind = m.get("recall_by_kind", {})
        table.add_row(
            name, _pct(m["P"]), _pct(m["R"]), _pct(m["F1"]), _pct(m["attributed_F1"]),
            *(_pct(by_kind.get(k)) for k in ("direct", "mixed", "indirect")),
            *((_pct(m.get("speaker_name_accuracy")), _pct(m.get("speaker_mention_accuracy"))) if speakers else ()),
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
