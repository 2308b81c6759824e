"""Batches of documents through the pipeline, in this process or in worker processes.

Each worker loads the spaCy pipeline once. Batches go out in a bounded window (so memory does
not grow with the corpus) and come back in input order, so the output is the same bytes for
any number of jobs.

A worker that dies (killed, out of memory, a crash inside a library) breaks its pool: the
documents that were out in the window are retried, each alone in a fresh one-worker pool (as
many pools side by side as jobs, so that a death names its document), and a document that
kills its worker again is reported as failed. A batch that raises is retried
document by document the same way, so one bad document costs only itself. The run always ends.
Workers end with their parent, even one killed outright (``lifeline``).
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import os
import signal
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..lexicon import lexicon_dir
from ..model import Document, Skipped
from .lifeline import die_with_parent
from .nlp import load_pipeline, use_lexicons
from .pipeline import (
    BATCH_CHARS,
    BATCH_SIZE,
    Result,
    char_batches,
    claims_batch,
    extract_batch,
)

Warn = Callable[[str], None]
_worker: dict = {}


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def _ignore(_: str) -> None:
    pass


def _start_worker(model: str | None, task: tuple, lexicons: str | None = None, parent: int | None = None) -> None:
    if parent is not None:  # a parent killed outright takes its workers with it (lifeline)
        die_with_parent(parent)
    use_lexicons(lexicons)  # the parent's --lexicon-dir, whatever the start method
    # Ctrl-C reaches the whole process group: the parent stops the workers, they do not stop
    # themselves halfway through a batch; SIGTERM or SIGHUP sent to a worker kills it (and is
    # noticed), rather than running the parent's handlers it inherited.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:  # nohup stays
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    _worker["nlp"] = _pipeline(model)
    _worker["task"] = task


def _pipeline(model: str | None):
    """The pipeline, loaded once per process. What loading made (the model's layers, tables and
    vocabulary) lives as long as the process, so the garbage collector is told to stop walking
    it (``gc.freeze``, once per process): its full collections went over all of it again and
    again."""
    nlp = load_pipeline(model)
    if not _worker.get("frozen"):
        gc.freeze()
        _worker["frozen"] = True
    return nlp


def run_task(batch: list[Document], nlp, task: tuple) -> list[Result]:
    """One batch of the task: ``("quotes", acts)`` or ``("claims", threshold, keep_all)``."""
    if task[0] == "claims":
        return claims_batch(batch, nlp, task[1], task[2])
    return extract_batch(batch, nlp, task[1])


def _run_batch(batch: list[Document]) -> list[Result]:
    return run_task(batch, _worker["nlp"], _worker["task"])


def batches(documents: Iterable[Document], size: int = BATCH_SIZE,
            budget: int = BATCH_CHARS) -> Iterator[list[Document]]:
    """The documents in lists of at most ``size`` documents and ``budget`` characters (a longer
    document alone)."""
    return char_batches(documents, size, budget, lambda document: len(document.text))


def _failed(document: Document, why: str) -> Result:
    return document, Skipped(document.source or document.doc_id, why)


def _serial(stream: Iterable[list[Document]], model: str | None, task: tuple) -> Iterator[Result]:
    nlp = _pipeline(model)
    for batch in stream:
        try:
            results = run_task(batch, nlp, task)
        except Exception:  # the parser failed on the batch: find the document, spare the others
            results = []
            for document in batch:
                try:
                    results += run_task([document], nlp, task)
                except Exception as err:
                    results.append(_failed(document, f"parsing failed: {type(err).__name__}: {err}"))
        yield from results


class _Workers:
    """A process pool that can be thrown away and started afresh when a worker dies."""

    def __init__(self, jobs: int, model: str | None, task: tuple) -> None:
        self.jobs, self.model, self.task = jobs, model, task
        self.executor: ProcessPoolExecutor | None = None

    def submit(self, batch: list[Document], workers: int | None = None) -> Future:
        """The batch's future; one that failed already when the pool broke before it went out."""
        if self.executor is None:
            self.executor = ProcessPoolExecutor(workers or self.jobs, initializer=_start_worker,
                                                initargs=(self.model, self.task, lexicon_dir(), os.getpid()))
        try:
            return self.executor.submit(_run_batch, batch)
        except BrokenProcessPool as err:  # a worker died since the last batch was sent
            failed: Future = Future()
            failed.set_exception(err)
            return failed

    def stop(self, wait: bool = True) -> None:
        """Shut the pool down; with ``wait=False`` (interrupted, or broken) end its workers now."""
        executor, self.executor = self.executor, None
        if executor is None:
            return
        if not wait:
            # the standard library has no public way to end busy workers; they hold nothing
            # that must be saved, so they are terminated
            for worker in list((getattr(executor, "_processes", None) or {}).values()):
                with contextlib.suppress(Exception):
                    worker.terminate()
        executor.shutdown(wait=wait, cancel_futures=True)


def _retry(documents: list[Document], workers: _Workers, warn: Warn) -> Iterator[Result]:
    """Each document once more, alone in a one-worker pool, so that a death names its document;
    ``workers.jobs`` such pools work side by side. A second death is final."""
    warn(f"a worker process died; retrying {len(documents)} document(s) one at a time in fresh workers")
    pools = [_Workers(1, workers.model, workers.task) for _ in range(max(1, workers.jobs))]
    free, waiting = deque(pools), deque(documents)
    out: deque[tuple[Document, _Workers, Future]] = deque()
    finished = False
    try:
        while waiting or out:
            while waiting and free:
                document, pool = waiting.popleft(), free.popleft()
                out.append((document, pool, _send_alone(pool, document)))
            document, pool, future = out.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                pool.stop(wait=False)
                results = [_failed(document, "its worker process died twice (killed, out of memory or crashed)")]
            except Exception as err:
                results = [_failed(document, f"processing failed: {type(err).__name__}: {err}")]
            free.append(pool)
            yield from results
        finished = True
    finally:
        for pool in pools:
            pool.stop(wait=finished)


def _send_alone(pool: _Workers, document: Document) -> Future:
    future = pool.submit([document])
    if future.done() and isinstance(future.exception(), BrokenProcessPool):
        pool.stop(wait=False)  # its worker died after the last document: not this one's doing
        future = pool.submit([document])
    return future


def _in_workers(stream: Iterable[list[Document]], model: str | None, task: tuple, jobs: int,
                warn: Warn) -> Iterator[Result]:
    workers = _Workers(jobs, model, task)
    window: deque[tuple[list[Document], Future]] = deque()
    finished = False
    try:
        stream = iter(stream)
        while True:
            while len(window) < 2 * jobs and (batch := next(stream, None)) is not None:
                window.append((batch, workers.submit(batch)))
            if not window:
                break
            batch, future = window.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # every batch still out went down with the pool: retry them all, in order
                suspects = batch + [d for b, _ in window for d in b]
                window.clear()
                workers.stop(wait=False)
                yield from _retry(suspects, workers, warn)
                continue
            except Exception as err:
                warn(f"a batch of {len(batch)} document(s) failed ({type(err).__name__}); retrying them one at a time")
                suspects = batch + [d for b, _ in window for d in b]
                window.clear()
                workers.stop(wait=False)
                yield from _retry(suspects, workers, _ignore)
                continue
            yield from results
        finished = True
    finally:
        workers.stop(wait=finished)


def process(documents: Iterable[Document], model: str | None, acts: Collection[str] = ("speech",),
            jobs: int = 1, batch_size: int = BATCH_SIZE, task: tuple | None = None,
            warn: Warn = _ignore) -> Iterator[Result]:
    """Every document with its quotes (or claims, with ``task``), or the reason it failed, in
    input order.

    With ``jobs`` > 1 the work goes to that many processes, unless the whole input fits in one
    batch (then starting workers would cost more than it saves). ``warn`` hears of dead workers.
    """
    task = task or ("quotes", tuple(acts))
    stream = batches(documents, batch_size)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    head = [first] if second is None else [first, second]
    if jobs <= 1 or second is None:
        yield from _serial(itertools.chain(head, stream), model, task)
        return
    yield from _in_workers(itertools.chain(head, stream), model, task, jobs, warn)
