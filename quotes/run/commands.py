"""Whole runs for the command line: read inputs, process, write, and count every input."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

from ..io import atomic_output, make_writer, read_inputs
from ..model import Document, Quote, Skipped
from .nlp import load_pipeline
from .parallel import process
from .progress import Progress

Report = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


@dataclass
class Summary:
    """What a run did with its inputs: processed + skipped = read."""

    processed: int = 0
    records: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    noun: str = "quotes"

    @property
    def read(self) -> int:
        return self.processed + len(self.skipped)

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped else 0

    def line(self) -> str:
        text = f"quotegraph: {self.read} documents read, {self.processed} processed, {self.records} {self.noun} found"
        if self.skipped:
            names = "; ".join(f"{s.source} ({s.reason})" for s in self.skipped)
            text += f", {len(self.skipped)} skipped: {names}"
        return text


def documents_of(inputs: Sequence[str], summary: Summary, report: Report = _stderr) -> Iterator[Document]:
    """The readable documents of the inputs; each unreadable one reported and counted."""
    for item in read_inputs(inputs, warn=lambda m: report(f"warning: {m}")):
        if isinstance(item, Skipped):
            report(f"skipped: {item.source}: {item.reason}")
            summary.skipped.append(item)
        else:
            yield item


def iter_quotes(inputs: Sequence[str], model: str | None, acts: Collection[str], summary: Summary,
                report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                task: tuple | None = None, dask: str | None = None) -> Iterator[tuple[Document, list]]:
    """Documents with their quotes (or claims, with ``task``), in input order, counted into
    ``summary`` as they go. With ``dask`` (a scheduler address or ``local:N``) the work runs on
    a Dask cluster instead of ``jobs`` local processes."""
    documents = documents_of(inputs, summary, report)
    if dask:
        from .cluster import process_on_dask

        results = process_on_dask(documents, dask, model, task or ("quotes", tuple(acts)))
    else:
        if jobs <= 1:
            load_pipeline(model)  # fail on a missing model before reading anything
        results = process(documents, model, acts, jobs, task=task)
    for document, result in results:
        if progress is not None:
            progress.advance()
        if isinstance(result, Skipped):
            report(f"skipped: {result.source}: {result.reason}")
            summary.skipped.append(result)
            continue
        summary.processed += 1
        summary.records += len(result)
        yield document, result


class Interrupted(Exception):
    """Ctrl-C: the run stopped; ``summary`` says how far it got. Nothing half-written remains."""

    def __init__(self, summary: Summary) -> None:
        super().__init__("interrupted")
        self.summary = summary


def run_extract(inputs: Sequence[str], output: str | None, fmt: str, model: str | None = None,
                acts: Collection[str] = ("speech",), stdout: IO[str] | None = None,
                report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                dask: str | None = None) -> Summary:
    """``quotegraph extract``: every quote of every input, written as one stream."""
    summary = Summary()
    try:
        with atomic_output(output, stdout or sys.stdout) as stream:
            writer = make_writer(fmt, stream)
            for _, quotes in iter_quotes(inputs, model, acts, summary, report, jobs, progress, dask=dask):
                for quote in quotes:
                    writer.write(quote.to_dict())
            writer.close()
    except KeyboardInterrupt:
        raise Interrupted(summary) from None
    return summary


def is_quote_records(path: str) -> bool:
    """Whether a file is the JSONL that ``extract`` wrote (its first record has a quote_id)."""
    if not path.endswith(".jsonl") or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as stream:
            for raw in stream:
                if raw.strip():
                    record = json.loads(raw)
                    return isinstance(record, dict) and "quote_id" in record and "doc_id" in record
    except (OSError, ValueError):
        return False
    return False


def read_quote_records(path: str, summary: Summary, report: Report = _stderr) -> Iterator[Quote]:
    """Quotes back from ``extract`` JSONL; a bad line is reported and skipped."""
    documents: set[str] = set()
    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            try:
                quote = Quote.from_dict(json.loads(raw))
            except (ValueError, KeyError, TypeError) as err:
                skip = Skipped(f"{path}:{number}", f"not a quote record ({type(err).__name__}: {err})")
                report(f"skipped: {skip.source}: {skip.reason}")
                summary.skipped.append(skip)
                continue
            if quote.doc_id not in documents:
                documents.add(quote.doc_id)
                summary.processed += 1
            summary.records += 1
            yield quote


def iter_graph_quotes(inputs: Sequence[str], model: str | None, acts: Collection[str], summary: Summary,
                      report: Report = _stderr, jobs: int = 1,
                      progress: Progress | None = None, dask: str | None = None) -> Iterator[Quote]:
    """Quotes for the graph: read back from ``extract`` JSONL, or extracted from articles."""
    articles = [name for name in inputs if not is_quote_records(name)]
    for name in inputs:
        if name not in articles:
            yield from read_quote_records(name, summary, report)
    if articles:
        for _, quotes in iter_quotes(articles, model, acts, summary, report, jobs, progress, dask=dask):
            yield from quotes


def run_graph(inputs: Sequence[str], output: str, model: str | None = None,
              acts: Collection[str] = ("speech",), report: Report = _stderr, jobs: int = 1,
              progress: Progress | None = None, dask: str | None = None) -> tuple[Summary, str]:
    """``quotegraph graph``: the speaker graph of every quote, written as GraphML or GEXF.

    Returns the summary of inputs and a text summary of the graph (top speakers).
    """
    from graph import build_graph, write_graph
    from graph import summary as graph_summary

    summary = Summary()
    try:
        graph = build_graph(iter_graph_quotes(inputs, model, acts, summary, report, jobs, progress, dask))
    except KeyboardInterrupt:
        raise Interrupted(summary) from None
    write_graph(graph, output)
    return summary, graph_summary(graph)


CLAIM_COLUMNS = ("claim_id", "score", "claim_type", "claimant", "text")


def run_claims(inputs: Sequence[str], output: str | None, fmt: str, model: str | None = None,
               threshold: float | None = None, keep_all: bool = False, stdout: IO[str] | None = None,
               report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
               dask: str | None = None) -> Summary:
    """``quotegraph claims``: check-worthy claims (or every candidate) with their claimants."""
    from ..claims import DEFAULT_THRESHOLD, claim_review

    summary = Summary(noun="claims")
    task = ("claims", DEFAULT_THRESHOLD if threshold is None else threshold, keep_all)
    try:
        with atomic_output(output, stdout or sys.stdout) as stream:
            writer = make_writer("json" if fmt == "claimreview" else fmt, stream, CLAIM_COLUMNS)
            for _, claims in iter_quotes(inputs, model, (), summary, report, jobs, progress, task, dask):
                for claim in claims:
                    writer.write(claim_review(claim) if fmt == "claimreview" else claim.to_dict())
            writer.close()
    except KeyboardInterrupt:
        raise Interrupted(summary) from None
    return summary
