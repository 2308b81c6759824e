"""Whole runs for the command line: read inputs, process, write, and count every input."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import replace
from typing import IO

from ..enrich import NO_ALIASES, Aliases, with_gender_mode
from ..io import HtmlPage, atomic_output, make_writer, output_problem, parse_json_line, read_inputs, shown
from ..model import Document, Quote, Skipped
from .corpus import SpoolError, identify_speakers
from .nlp import load_pipeline
from .parallel import process
from .progress import Progress
from .summary import Summary

Report = Callable[[str], None]


def _stderr(message: str) -> None:
    print(shown(message), file=sys.stderr)  # a file name's ESC [2J is shown, not obeyed


class UsageError(Exception):
    """The command cannot run as asked (an input that does not exist, an output that cannot be
    written); found before any work, so nothing was read or written. Exit status 2."""


class OutputError(UsageError):
    """The output could not be written (a full disk, a folder gone, standard output full or
    closed, no room for the temporary spool); the old file is untouched."""


def check_paths(inputs: Sequence[str], output: str | None) -> None:
    """Raise :class:`UsageError` for an input that does not exist or an output that cannot be
    written, before any work and before an old output is touched."""
    for name in inputs:
        if name != "-" and not os.path.lexists(name):
            raise UsageError(f"no such file or directory: {name}")
    if output in (None, "-"):
        return
    problem = output_problem(output)
    if problem is not None:
        raise UsageError(f"cannot write {output}: {problem}")


def documents_of(inputs: Sequence[str], summary: Summary, report: Report = _stderr,
                 exclude: Sequence[str] = (), transcript: bool | None = None) -> Iterator[Document]:
    """The readable documents of the inputs; each unreadable one reported and counted.

    ``exclude``: this run's outputs, never read back as articles when they lie in an input folder.
    ``transcript``: read them all as transcripts (True), none (False), or those that look so (None).
    """
    for item in read_inputs(inputs, warn=lambda m: summary.warn(m, report), exclude=exclude, transcript=transcript):
        if isinstance(item, Skipped):
            summary.skip(item, report)
        else:
            yield item


def iter_quotes(inputs: Sequence[str], model: str | None, acts: Collection[str], summary: Summary,
                report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                task: tuple | None = None, exclude: Sequence[str] = (),
                dask: str | None = None, dask_timeout: float | None = None, transcript: bool | None = None) -> Iterator[tuple[Document, list]]:
    """Documents with their quotes (or claims, with ``task``), in input order, counted into
    ``summary`` as they go. With ``dask`` (a scheduler address or ``local:N``) the work runs on
    a Dask cluster instead of ``jobs`` local processes (``dask_timeout``: seconds to wait for its
    scheduler, or for a worker while it has none)."""
    documents = documents_of(inputs, summary, report, exclude, transcript)
    if dask:
        from .cluster import process_on_dask

        results = process_on_dask(documents, dask, model, task or ("quotes", tuple(acts)), timeout=dask_timeout)
    else:
        if jobs <= 1:
            load_pipeline(model)  # fail on a missing model before reading anything
        results = process(documents, model, acts, jobs, task=task, warn=lambda m: summary.warn(m, report))
    for document, result in results:
        if progress is not None:
            progress.advance()
        if isinstance(result, Skipped):
            summary.skip(result, report)
            continue
        summary.processed += 1
        summary.records += len(result)
        yield document, result


def _finish_progress(progress: Progress | None) -> None:
    """Take the progress bar off the terminal before a writer prints (the table comes at the end)."""
    if progress is not None:
        progress.close()


class Interrupted(Exception):
    """Ctrl-C, SIGTERM or SIGHUP: the run stopped; ``summary`` says how far it got, ``code`` is
    the exit status (128 + the signal's number). Nothing half-written remains."""

    def __init__(self, summary: Summary, signum: int = signal.SIGINT) -> None:
        super().__init__("interrupted")
        self.summary = summary
        self.code = 128 + int(signum)


class _Terminated(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised where the run is, so that it unwinds as for Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


# Signals that end a run as Ctrl-C does (SIGHUP: the terminal closed, or the session ended).
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextlib.contextmanager
def _stoppable(summary: Summary) -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP all end the run cleanly: temporary files removed, workers
    stopped, :class:`Interrupted` raised with the summary so far. A SIGHUP that is ignored
    (``nohup``) stays ignored."""

    def terminate(signum, frame):
        raise _Terminated(signum)

    previous = {}
    for signum in STOP_SIGNALS:
        if signum != signal.SIGTERM and signal.getsignal(signum) is signal.SIG_IGN:
            continue  # nohup: the user asked for the run to outlive the terminal
        with contextlib.suppress(ValueError):  # not the main thread: leave the signals alone
            previous[signum] = signal.signal(signum, terminate)
    try:
        yield
    except _Terminated as stop:
        raise Interrupted(summary, stop.signum) from None
    except KeyboardInterrupt:
        raise Interrupted(summary) from None
    finally:
        for signum, handler in previous.items():
            if handler is not None:  # None: a handler not set from Python, which cannot be put back
                signal.signal(signum, handler)


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
    except SpoolError as err:
        raise OutputError(str(err)) from None
    except OSError as err:
        if output in (None, "-"):
            drop_unwritten(stdout)
            raise OutputError(f"cannot write standard output: {err.strerror or err}") from None
        raise OutputError(f"cannot write {output}: {err.strerror or err}") from None


def _outputs(output: str | None, skipped: str | None = None) -> list[str]:
    """The files a run writes, never read back as articles: ``-o`` and ``--skipped``."""
    return [name for name in (output, skipped) if name not in (None, "-")]


@contextlib.contextmanager
def _skipped_list(summary: Summary, path: str | None, output: str | None = None) -> Iterator[None]:
    """``--skipped FILE``: every skipped input, one JSON object a line (``{"source", "reason"}``),
    written as the run goes. Opened before any work: a file that cannot be written is a usage
    error. It is a log, not an output: an interrupted run leaves the inputs skipped so far."""
    if path is not None and output not in (None, "-") and os.path.abspath(path) == os.path.abspath(output):
        raise UsageError(f"--skipped and -o both name {path}: give two files")
    try:
        # a file name that is not UTF-8 (its bytes kept as lone surrogates) is written escaped
        stream = None if path is None else open(path, "w", encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    except OSError as err:
        raise UsageError(f"cannot write {path}: {err.strerror or err}") from None
    summary.listing = stream
    try:
        yield
    finally:
        summary.listing = None
        if stream is not None:
            stream.close()


def write_text(text: str, stdout: IO[str] | None = None, end: str = "\n") -> None:
    """``text`` and ``end`` on standard output, flushed; a write that fails (``> /dev/full``,
    a closed pipe) is one :class:`OutputError`."""
    stream = stdout or sys.stdout
    try:
        stream.write(text + end)
        stream.flush()
    except OSError as err:
        drop_unwritten(stream)
        raise OutputError(f"cannot write standard output: {err.strerror or err}") from None


def drop_unwritten(stream: IO[str]) -> None:
    """Point a stream that failed (``> /dev/full``, a closed pipe) at the null device, so that
    Python's own flush on the way out fails no more: what it still buffers is dropped."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)


def run_extract(inputs: Sequence[str], output: str | None, fmt: str, model: str | None = None,
                acts: Collection[str] = ("speech",), stdout: IO[str] | None = None,
                report: Report = _stderr, jobs: int = 1, progress: Progress | None = None,
                dask: str | None = None, aliases: Aliases = NO_ALIASES, skipped: str | None = None,
                dask_timeout: float | None = None, gender: str = "names", transcript: bool | None = None) -> Summary:
    """``quotegraph extract``: every quote of every input, written as one stream, each with a
    ``speaker_id`` stable across the inputs (so records come out once all are read).

    ``fmt`` ``html`` writes the page of ``quotegraph show`` (it needs the articles' text).
    ``skipped``: a file to list every skipped input in (``--skipped``).
    """
    if fmt == "html":
        return run_show(inputs, output, model, acts, stdout, report, jobs, progress, aliases, dask=dask,
                        skipped=skipped, dask_timeout=dask_timeout, gender=gender, transcript=transcript)
    check_paths(inputs, output)
    summary = Summary()
    with (_stoppable(summary), _skipped_list(summary, skipped, output),
          _output(output, stdout or sys.stdout, summary, report) as stream):
        writer = make_writer(fmt, stream)
        found = (q for _, quotes in iter_quotes(inputs, model, acts, summary, report, jobs, progress,
                                                exclude=_outputs(output, skipped), dask=dask, dask_timeout=dask_timeout,
                                                transcript=transcript) for q in quotes)
        for quote in identify_speakers(found, aliases, gender):
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
    optional = [quote.speaker, quote.date, quote.speaker_role, quote.speaker_gender, quote.speaker_gender_evidence]
    optional += [t.iptc for t in quote.topics]
    if not all(isinstance(v, str) for v in strings) or not all(v is None or isinstance(v, str) for v in optional):
        return "a field holds the wrong type (names, labels and dates must be strings)"
    return None


def read_quote_records(path: str, summary: Summary, report: Report = _stderr) -> Iterator[Quote]:
    """Quotes back from ``extract`` JSONL; a bad line is reported and skipped."""
    documents: set[str] = set()

    def skip(number: int, reason: str) -> None:
        summary.skip(Skipped(f"{path}:{number}", reason), report)

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
                      dask_timeout: float | None = None, transcript: bool | None = None) -> Iterator[Quote]:
    """Quotes for the graph: read back from ``extract`` JSONL, or extracted from articles."""
    articles = [name for name in inputs if not is_quote_records(name)]
    for name in inputs:
        if name not in articles:
            yield from read_quote_records(name, summary, report)
    if articles:
        for _, quotes in iter_quotes(articles, model, acts, summary, report, jobs, progress, exclude=exclude, dask=dask,
                                     dask_timeout=dask_timeout, transcript=transcript):
            yield from quotes


def run_graph(inputs: Sequence[str], output: str, model: str | None = None,
              acts: Collection[str] = ("speech",), report: Report = _stderr, jobs: int = 1,
              progress: Progress | None = None, dask: str | None = None,
              aliases: Aliases = NO_ALIASES, skipped: str | None = None,
              dask_timeout: float | None = None, gender: str = "names", transcript: bool | None = None) -> tuple[Summary, str]:
    """``quotegraph graph``: the speaker graph of every quote, written as GraphML or GEXF.

    The graph is aggregated as quotes arrive (no quote is kept). Returns the summary of inputs
    and a text summary of the graph (top speakers).
    """
    from graph import build_graph, write_graph
    from graph import summary as graph_summary

    check_paths(inputs, output)
    summary = Summary()
    with _stoppable(summary), _skipped_list(summary, skipped, output):
        quotes = iter_graph_quotes(inputs, model, acts, summary, report, jobs, progress,
                                   exclude=_outputs(output, skipped), dask=dask, dask_timeout=dask_timeout,
                                   transcript=transcript)
        graph = build_graph((with_gender_mode(q, gender) for q in quotes), aliases)
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
               dask: str | None = None, aliases: Aliases = NO_ALIASES, skipped: str | None = None,
               dask_timeout: float | None = None, transcript: bool | None = None) -> Summary:
    """``quotegraph claims``: check-worthy claims (or every candidate) with their claimants
    (a speaker under its canonical name from ``aliases``)."""
    from ..claims import DEFAULT_THRESHOLD, claim_review

    check_paths(inputs, output)
    summary = Summary(noun="claims")
    task = ("claims", DEFAULT_THRESHOLD if threshold is None else threshold, keep_all)
    with (_stoppable(summary), _skipped_list(summary, skipped, output),
          _output(output, stdout or sys.stdout, summary, report) as stream):
        writer = make_writer("json" if fmt == "claimreview" else fmt, stream, CLAIM_COLUMNS)
        for _, claims in iter_quotes(inputs, model, (), summary, report, jobs, progress, task,
                                     exclude=_outputs(output, skipped), dask=dask, dask_timeout=dask_timeout, transcript=transcript):
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
             title: str | None = None, dask: str | None = None, skipped: str | None = None,
             dask_timeout: float | None = None, gender: str = "names", transcript: bool | None = None) -> Summary:
    """``quotegraph show``: one self-contained HTML page of the articles with their quotes.

    The page lists speakers across all inputs, so it is written once everything is read.
    """
    check_paths(inputs, output)
    for name in inputs:
        if is_quote_records(name):  # records carry the quotes, not the articles they highlight
            raise UsageError(f"{name} holds quote records (the JSONL of extract), not articles: show needs "
                             "the articles themselves (.txt files, or JSONL lines with a text field)")
    summary = Summary()
    counts: list[tuple[Document, int]] = []

    def found() -> Iterator[Quote]:
        for document, quotes in iter_quotes(inputs, model, acts, summary, report, jobs, progress,
                                            exclude=_outputs(output, skipped), dask=dask, dask_timeout=dask_timeout, transcript=transcript):
            counts.append((document, len(quotes)))
            yield from quotes

    with (_stoppable(summary), _skipped_list(summary, skipped, output),
          _output(output, stdout or sys.stdout, summary, report) as stream):
        quotes = list(identify_speakers(found(), aliases, gender))  # in input order, document by document
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
