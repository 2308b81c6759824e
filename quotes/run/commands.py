"""Whole runs for the command line: read inputs, process, write, and count every input."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import tempfile
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO

from ..enrich import NO_ALIASES, Aliases
from ..io import HtmlPage, atomic_output, make_writer, parse_json_line, read_inputs
from ..model import Document, Quote, Skipped
from .corpus import identify_speakers
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
        documents = "document" if self.read == 1 else "documents"
        noun = self.noun[:-1] if self.records == 1 and self.noun.endswith("s") else self.noun
        text = (f"quotegraph: {self.read} {documents} read, {self.processed} processed, "
                f"{self.records} {noun} found")
        if self.skipped:
            names = "; ".join(f"{s.source} ({s.reason})" for s in self.skipped)
            text += f", {len(self.skipped)} skipped: {names}"
        return text


class UsageError(Exception):
    """The command cannot run as asked (an input that does not exist, an output that cannot be
    written); found before any work, so nothing was read or written. Exit status 2."""


class OutputError(UsageError):
    """The output could not be written (a full disk, a folder gone); the old file is untouched."""


def check_paths(inputs: Sequence[str], output: str | None) -> None:
    """Raise :class:`UsageError` for an input that does not exist or an output that cannot be
    written, before any work and before an old output is touched."""
    for name in inputs:
        if name != "-" and not os.path.lexists(name):
            raise UsageError(f"no such file or directory: {name}")
    if output in (None, "-"):
        return
    target = Path(output)
    folder = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise UsageError(f"cannot write {output}: it is a directory")
    if not folder.is_dir():
        raise UsageError(f"cannot write {output}: no such folder {folder}")
    try:  # the only sure test of a read-only disk or a folder one may not write in
        fd, probe = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".probe", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        raise UsageError(f"cannot write {output}: {err.strerror or err}") from None


def documents_of(inputs: Sequence[str], summary: Summary, report: Report = _stderr,
                 exclude: Sequence[str] = (), transcript: bool | None = None) -> Iterator[Document]:
    """The readable documents of the inputs; each unreadable one reported and counted.

    ``exclude``: this run's outputs, never read back as articles when they lie in an input folder.
    ``transcript``: read them all as transcripts (True), none (False), or those that look so (None).
    """
    for item in read_inputs(inputs, warn=lambda m: report(f"warning: {m}"), exclude=exclude, transcript=transcript):
        if isinstance(item, Skipped):
            report(f"skipped: {item.source}: {item.reason}")
            summary.skipped.append(item)
        else:
            yield item


def iter_quotes(inputs: Sequence[str], model: str | None, acts: Collection[str], summary: Summary,
                report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                task: tuple | None = None, exclude: Sequence[str] = (),
                dask: str | None = None, transcript: bool | None = None) -> Iterator[tuple[Document, list]]:
    """Documents with their quotes (or claims, with ``task``), in input order, counted into
    ``summary`` as they go. With ``dask`` (a scheduler address or ``local:N``) the work runs on
    a Dask cluster instead of ``jobs`` local processes."""
    documents = documents_of(inputs, summary, report, exclude, transcript)
    if dask:
        from .cluster import process_on_dask

        results = process_on_dask(documents, dask, model, task or ("quotes", tuple(acts)))
    else:
        if jobs <= 1:
            load_pipeline(model)  # fail on a missing model before reading anything
        results = process(documents, model, acts, jobs, task=task, warn=lambda m: report(f"warning: {m}"))
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


def _finish_progress(progress: Progress | None) -> None:
    """Take the progress bar off the terminal before a writer prints (the table comes at the end)."""
    if progress is not None:
        progress.close()


class Interrupted(Exception):
    """Ctrl-C or SIGTERM: the run stopped; ``summary`` says how far it got, ``code`` is the exit
    status (128 + the signal's number). Nothing half-written remains."""

    def __init__(self, summary: Summary, signum: int = signal.SIGINT) -> None:
        super().__init__("interrupted")
        self.summary = summary
        self.code = 128 + int(signum)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the run is, so that it unwinds as for Ctrl-C."""


@contextlib.contextmanager
def _stoppable(summary: Summary) -> Iterator[None]:
    """Ctrl-C and SIGTERM both end the run cleanly: temporary files removed, workers stopped,
    :class:`Interrupted` raised with the summary so far."""

    def terminate(signum, frame):
        raise _Terminated()

    previous = None
    with contextlib.suppress(ValueError):  # not the main thread: leave SIGTERM alone
        previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    except _Terminated:
        raise Interrupted(summary, signal.SIGTERM) from None
    except KeyboardInterrupt:
        raise Interrupted(summary) from None
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _NothingRead(Exception):
    """No document at all: the old output, if any, is left as it was."""


@contextlib.contextmanager
def _output(output: str | None, stdout: IO[str], summary: Summary, report: Report) -> Iterator[IO[str]]:
    """``atomic_output``, except that an existing file is left alone when no document was
    processed, and a write that fails is one :class:`OutputError`."""
    try:
        with atomic_output(output, stdout) as stream:
            yield stream
            if summary.processed == 0 and output not in (None, "-") and os.path.exists(output):
                raise _NothingRead()
    except _NothingRead:
        report(f"warning: no document was processed; {output} left as it was")
    except OSError as err:
        if output in (None, "-"):
            raise
        raise OutputError(f"cannot write {output}: {err.strerror or err}") from None


def _outputs(output: str | None) -> list[str]:
    return [] if output in (None, "-") else [output]


def run_extract(inputs: Sequence[str], output: str | None, fmt: str, model: str | None = None,
                acts: Collection[str] = ("speech",), stdout: IO[str] | None = None,
                report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                dask: str | None = None, aliases: Aliases = NO_ALIASES, transcript: bool | None = None) -> Summary:
    """``quotegraph extract``: every quote of every input, written as one stream, each with a
    ``speaker_id`` stable across the inputs (so records come out once all are read).

    ``fmt`` ``html`` writes the page of ``quotegraph show`` (it needs the articles' text).
    """
    if fmt == "html":
        return run_show(inputs, output, model, acts, stdout, report, jobs, progress, aliases, dask=dask,
                        transcript=transcript)
    check_paths(inputs, output)
    summary = Summary()
    with _stoppable(summary), _output(output, stdout or sys.stdout, summary, report) as stream:
        writer = make_writer(fmt, stream)
        found = (q for _, quotes in iter_quotes(inputs, model, acts, summary, report, jobs, progress,
                                                exclude=_outputs(output), dask=dask, transcript=transcript)
                 for q in quotes)
        for quote in identify_speakers(found, aliases):
            writer.write(quote.to_dict())
        _finish_progress(progress)
        writer.close()
    return summary


def is_quote_records(path: str) -> bool:
    """Whether a file is the JSONL that ``extract`` wrote (its first record has a quote_id)."""
    if not path.endswith(".jsonl") or not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as stream:
            for raw in stream:
                if raw.strip():
                    record = parse_json_line(raw)
                    return isinstance(record, dict) and "quote_id" in record and "doc_id" in record
    except OSError:
        return False
    return False


def _record_problem(quote: Quote) -> str | None:
    """Why a quote record read back cannot go into a graph (a field of the wrong type), or None."""
    strings = [quote.doc_id, quote.quote_id, quote.text, quote.speaker_type, *quote.persons]
    strings += [m.code for m in quote.countries + quote.blocs] + [m.name for m in quote.countries + quote.blocs]
    strings += [m.mention for m in quote.countries + quote.blocs]
    strings += [t.id for t in quote.topics] + [t.label for t in quote.topics] + [e for t in quote.topics for e in t.evidence]
    optional = [quote.speaker, quote.date, quote.speaker_role] + [t.iptc for t in quote.topics]
    if not all(isinstance(v, str) for v in strings) or not all(v is None or isinstance(v, str) for v in optional):
        return "a field holds the wrong type (names, labels and dates must be strings)"
    return None


def read_quote_records(path: str, summary: Summary, report: Report = _stderr) -> Iterator[Quote]:
    """Quotes back from ``extract`` JSONL; a bad line is reported and skipped."""
    documents: set[str] = set()

    def skip(number: int, reason: str) -> None:
        item = Skipped(f"{path}:{number}", reason)
        report(f"skipped: {item.source}: {item.reason}")
        summary.skipped.append(item)

    with open(path, "rb") as stream:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():
                continue
            record = parse_json_line(raw)
            if isinstance(record, str):
                skip(number, record)
                continue
            try:
                quote = Quote.from_dict(record)
            except Exception as err:  # any field missing or unreadable: this record only
                skip(number, f"not a quote record ({type(err).__name__}: {err})")
                continue
            problem = _record_problem(quote)
            if problem is not None:
                skip(number, f"not a quote record ({problem})")
                continue
            if quote.doc_id not in documents:
                documents.add(quote.doc_id)
                summary.processed += 1
            summary.records += 1
            yield quote


def iter_graph_quotes(inputs: Sequence[str], model: str | None, acts: Collection[str], summary: Summary,
                      report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                      exclude: Sequence[str] = (), dask: str | None = None,
                      transcript: bool | None = None) -> Iterator[Quote]:
    """Quotes for the graph: read back from ``extract`` JSONL, or extracted from articles."""
    articles = [name for name in inputs if not is_quote_records(name)]
    for name in inputs:
        if name not in articles:
            yield from read_quote_records(name, summary, report)
    if articles:
        for _, quotes in iter_quotes(articles, model, acts, summary, report, jobs, progress, exclude=exclude, dask=dask,
                                     transcript=transcript):
            yield from quotes


def run_graph(inputs: Sequence[str], output: str, model: str | None = None,
              acts: Collection[str] = ("speech",), report: Report = _stderr, jobs: int = 1,
              progress: Progress | None = None, dask: str | None = None,
              aliases: Aliases = NO_ALIASES, transcript: bool | None = None) -> tuple[Summary, str]:
    """``quotegraph graph``: the speaker graph of every quote, written as GraphML or GEXF.

    The graph is aggregated as quotes arrive (no quote is kept). Returns the summary of inputs
    and a text summary of the graph (top speakers).
    """
    from graph import build_graph, write_graph
    from graph import summary as graph_summary

    check_paths(inputs, output)
    summary = Summary()
    with _stoppable(summary):
        graph = build_graph(iter_graph_quotes(inputs, model, acts, summary, report, jobs, progress,
                                              exclude=[output], dask=dask, transcript=transcript), aliases)
        if summary.processed == 0 and os.path.exists(output):
            report(f"warning: no document was processed; {output} left as it was")
        else:
            try:
                write_graph(graph, output)
            except OSError as err:
                raise OutputError(f"cannot write {output}: {err.strerror or err}") from None
    return summary, graph_summary(graph)


CLAIM_COLUMNS = ("claim_id", "score", "claim_type", "claimant", "text")
# The formats each command writes; `-o FILE` picks one by FILE's suffix (quotes.io.SUFFIX_FORMATS
# maps ".html" to "html": list "html" here for a command whose runner writes it).
EXTRACT_FORMATS = ("jsonl", "csv", "json", "table", "html")
CLAIM_FORMATS = ("jsonl", "csv", "json", "table", "claimreview")


def run_claims(inputs: Sequence[str], output: str | None, fmt: str, model: str | None = None,
               threshold: float | None = None, keep_all: bool = False, stdout: IO[str] | None = None,
               report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
               dask: str | None = None, aliases: Aliases = NO_ALIASES, transcript: bool | None = None) -> Summary:
    """``quotegraph claims``: check-worthy claims (or every candidate) with their claimants
    (a speaker under its canonical name from ``aliases``)."""
    from ..claims import DEFAULT_THRESHOLD, claim_review

    check_paths(inputs, output)
    summary = Summary(noun="claims")
    task = ("claims", DEFAULT_THRESHOLD if threshold is None else threshold, keep_all)
    with _stoppable(summary), _output(output, stdout or sys.stdout, summary, report) as stream:
        writer = make_writer("json" if fmt == "claimreview" else fmt, stream, CLAIM_COLUMNS)
        for _, claims in iter_quotes(inputs, model, (), summary, report, jobs, progress, task,
                                     exclude=_outputs(output), dask=dask, transcript=transcript):
            for claim in claims:
                claim = _canonical_claimant(claim, aliases)
                writer.write(claim_review(claim) if fmt == "claimreview" else claim.to_dict())
        _finish_progress(progress)
        writer.close()
    return summary


def _canonical_claimant(claim, aliases: Aliases):
    """A claim whose claimant is a speaker, under the aliases file's canonical name and type."""
    if not claim.claimant or claim.claimant_type == "publication":
        return claim
    name, kind = aliases.resolve(claim.claimant)
    return replace(claim, claimant=name, claimant_type=kind or claim.claimant_type)


def run_show(inputs: Sequence[str], output: str | None, model: str | None = None,
             acts: Collection[str] = ("speech",), stdout: IO[str] | None = None, report: Report = _stderr,
             jobs: int = 1, progress: Progress | None = None, aliases: Aliases = NO_ALIASES,
             title: str | None = None, dask: str | None = None, transcript: bool | None = None) -> Summary:
    """``quotegraph show``: one self-contained HTML page of the articles with their quotes.

    The page lists speakers across all inputs, so it is written once everything is read.
    """
    check_paths(inputs, output)
    summary = Summary()
    counts: list[tuple[Document, int]] = []
    articles = []
    for name in inputs:
        if is_quote_records(name):  # records carry the quotes, not the articles they highlight
            skip = Skipped(name, "quote records, not articles: show needs the articles themselves")
            report(f"skipped: {skip.source}: {skip.reason}")
            summary.skipped.append(skip)
        else:
            articles.append(name)

    def found() -> Iterator[Quote]:
        if not articles:
            return
        for document, quotes in iter_quotes(articles, model, acts, summary, report, jobs, progress,
                                            exclude=_outputs(output), dask=dask, transcript=transcript):
            counts.append((document, len(quotes)))
            yield from quotes

    with _stoppable(summary), _output(output, stdout or sys.stdout, summary, report) as stream:
        quotes = list(identify_speakers(found(), aliases))  # in input order, document by document
        page = HtmlPage(title or _page_title(counts))
        position = 0
        for document, count in counts:
            page.add(document, quotes[position : position + count])
            position += count
        page.write(stream)
    return summary


def _page_title(documents: Sequence[tuple[Document, int]]) -> str:
    if len(documents) == 1:
        document = documents[0][0]
        return f"quotegraph: {document.title or document.doc_id}"
    return f"quotegraph: {len(documents)} articles"
