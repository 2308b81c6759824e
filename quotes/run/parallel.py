"""Batches of documents through the pipeline, in this process or in worker processes.

Each worker loads the spaCy pipeline once. Batches go out in a bounded window (so memory does
not grow with the corpus) and come back in input order, so the output is the same bytes for
any number of jobs.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Collection, Iterable, Iterator

from ..model import Document
from .nlp import load_pipeline
from .pipeline import BATCH_SIZE, Result, claims_batch, extract_batch

_worker: dict = {}


def _start_worker(model: str | None, task: tuple) -> None:
    _worker["nlp"] = load_pipeline(model)
    _worker["task"] = task


def run_task(batch: list[Document], nlp, task: tuple) -> list[Result]:
    """One batch of the task: ``("quotes", acts)`` or ``("claims", threshold, keep_all)``."""
    if task[0] == "claims":
        return claims_batch(batch, nlp, task[1], task[2])
    return extract_batch(batch, nlp, task[1])


def _run_batch(batch: list[Document]) -> list[Result]:
    return run_task(batch, _worker["nlp"], _worker["task"])


def batches(documents: Iterable[Document], size: int = BATCH_SIZE) -> Iterator[list[Document]]:
    """The documents in lists of ``size``."""
    iterator = iter(documents)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def process(documents: Iterable[Document], model: str | None, acts: Collection[str] = ("speech",),
            jobs: int = 1, batch_size: int = BATCH_SIZE, task: tuple | None = None) -> Iterator[Result]:
    """Every document with its quotes (or claims, with ``task``), or the reason it failed, in
    input order.

    With ``jobs`` > 1 the work goes to that many processes, unless the whole input fits in one
    batch (then starting workers would cost more than it saves).
    """
    task = task or ("quotes", tuple(acts))
    stream = batches(documents, batch_size)
    first = next(stream, None)
    if first is None:
        return
    second = next(stream, None)
    if jobs <= 1 or second is None:
        nlp = load_pipeline(model)
        for batch in itertools.chain([first], [second] if second else [], stream):
            yield from run_task(batch, nlp, task)
        return
    with multiprocessing.get_context().Pool(jobs, initializer=_start_worker, initargs=(model, task)) as pool:
        window: deque = deque()
        for batch in itertools.chain([first, second], stream):
            window.append(pool.apply_async(_run_batch, (batch,)))
            if len(window) >= 2 * jobs:
                yield from window.popleft().get()
        while window:
            yield from window.popleft().get()
