"""The work on a Dask distributed cluster: ``--dask ADDRESS`` or ``--dask local:N``.

Documents travel to the workers in partitions (no shared file system is needed); a bounded
number of partitions is in flight, so the client's memory does not grow with the corpus. Each
worker loads the spaCy pipeline once (a worker plugin warms the per-process cache that every
task reads). Results come back in input order, so the output is the same bytes as ``--jobs 1``.
A partition whose worker is lost is rescheduled by Dask; one that keeps killing workers is
reported, its documents skipped and counted. A document the rules fail on is skipped and
counted as in any other run.

Nothing waits forever: a scheduler that does not answer within ``timeout`` seconds
(``--dask-timeout``, default :data:`TIMEOUT`), or a cluster left without a single worker for
that long (all lost, none started), ends the run with a :class:`ClusterError` naming the
address; the output is not written, so an old one stays as it was.

Dask is optional: ``pip install 'quotegraph[dask]'``.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import itertools
import logging
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from urllib.parse import urlsplit

from ..lexicon import lexicon_dir
from ..model import Document, Skipped
from . import pipeline
from .nlp import default_model, load_pipeline, use_lexicons
from .parallel import batches, usable_cores

INSTALL_HINT = "--dask needs Dask: pip install 'quotegraph[dask]' (or pip install 'dask[distributed]')"
# A partition: at most this many documents and (past the first document) this many characters,
# a few seconds of work. Small partitions balance the workers at the end of a run (the last
# partitions finish close together); per-task overhead in Dask is milliseconds.
PARTITION_DOCS = 8
PARTITION_CHARS = 50_000
# Partitions in flight per worker thread: enough that a worker always has the next one queued
# while results are collected in input order behind a slower one, few enough that the
# client's memory stays flat (a few hundred kilobytes of text per thread).
IN_FLIGHT_PER_THREAD = 4
# Extra attempts for a partition whose task raised (a lost worker is rescheduled anyway).
RETRIES = 2
# Seconds to wait for the scheduler to answer, and for a worker while the cluster has none.
TIMEOUT = 5.0
# How often a run waiting on a partition asks the scheduler whether any worker is left.
POLL_SECONDS = 1.0
# Protocols a scheduler address may name (what distributed can connect to from another process).
SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
_ONE_AT_A_TIME = threading.Lock()


class DaskMissing(RuntimeError):
    """``--dask`` was asked for but Dask is not installed: the message says how to install it."""


class ClusterError(RuntimeError):
    """The cluster cannot do the work: its scheduler does not answer, or it has no worker left.
    The message names the address; nothing of the run's output has been written."""


def _distributed():
    try:
        import distributed
    except ImportError as err:
        raise DaskMissing(INSTALL_HINT) from err
    return distributed


def parse_address(address: str, cores: int | None = None) -> int | str:
    """``local:N`` -> N worker processes on this machine (at most its ``cores``); anything else
    is a scheduler address, ``[PROTOCOL://]HOST:PORT`` with PROTOCOL one of :data:`SCHEMES`.

    Raises ``ValueError`` naming the problem: ``local:`` without a number from 1 to the cores,
    an unknown protocol, no host, no port or one that is not a number from 1 to 65535, a path.
    """
    if address.startswith("local:"):
        count, limit = address[len("local:"):], cores or usable_cores()
        if not (count.isascii() and count.isdigit()) or int(count) < 1:
            raise ValueError(f"--dask {address!r}: local:N takes a number of workers, e.g. local:2")
        if int(count) > limit:
            raise ValueError(f"--dask {address!r}: this machine has {limit} core(s); local:N takes at most "
                             f"local:{limit}")
        return int(count)
    text = address.strip()
    example = "a scheduler address is tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786), or local:N"
    if not text:
        raise ValueError(f"--dask needs an address: {example}")
    scheme, has_scheme, rest = text.partition("://")
    if not has_scheme:
        scheme, rest = "tcp", text
    if scheme.lower() not in SCHEMES:
        raise ValueError(f"--dask {address!r}: {scheme}:// is not a Dask protocol ({', '.join(SCHEMES)}); {example}")
    parts = urlsplit(f"{scheme}://{rest}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if not parts.hostname or parts.username is not None or parts.path or parts.query or parts.fragment:
        raise ValueError(f"--dask {address!r}: not HOST:PORT; {example}")
    if port is None or not 1 <= port <= 65535:
        raise ValueError(f"--dask {address!r}: the port must be a number from 1 to 65535; {example}")
    return text


def partitions(documents: Iterable[Document], size: int = PARTITION_DOCS,
               chars: int = PARTITION_CHARS) -> Iterator[list[Document]]:
    """The documents in lists of at most ``size`` documents and about ``chars`` characters
    (cut as ``--jobs`` cuts its batches, only larger)."""
    return batches(documents, size, chars)


def run_partition(partition: Sequence[Document], model: str, task: tuple, lexicons: str | None = None) -> list:
    """Worker side: the result of each document of a partition (quotes, claims, or Skipped).

    The documents themselves stay on the client; only their results travel back. ``lexicons``
    is the client's ``--lexicon-dir``, which must be readable at that path on the worker.
    """
    with _ONE_AT_A_TIME:  # a worker with several threads shares one pipeline between them
        if lexicon_dir() != lexicons:
            use_lexicons(lexicons)
        nlp = load_pipeline(model)
        if task[0] == "claims":
            done = pipeline.claims_batch(partition, nlp, task[1], task[2])
        else:
            done = pipeline.extract_batch(partition, nlp, task[1])
    return [result for _, result in done]


def _plugin_class():
    from distributed.diagnostics.plugin import WorkerPlugin

    class LoadPipeline(WorkerPlugin):
        """Loads the spaCy pipeline when a worker starts (or joins, or is restarted)."""

        name = "quotegraph-pipeline"

        def __init__(self, model: str) -> None:
            self.model = model

        def setup(self, worker) -> None:
            try:
                load_pipeline(self.model)
            except Exception:  # the first task raises it again, and the client reports it
                logging.getLogger(__name__).exception("quotegraph: cannot load %s", self.model)

    return LoadPipeline


@contextmanager
def connect(address: str, timeout: float = TIMEOUT):
    """A Dask client: to the scheduler at ``address``, or to a new ``LocalCluster`` for
    ``local:N`` (closed again on exit).

    Raises:
        ClusterError: the scheduler did not answer within ``timeout`` seconds.
    """
    distributed = _distributed()
    target = parse_address(address)
    if isinstance(target, int):
        import dask

        # the workers' statistical profiler samples every stack each 10 ms: pure-Python rules
        # pay for it, and nobody reads the profile of a local run
        with dask.config.set({"distributed.worker.profile.enabled": False}), \
                distributed.LocalCluster(n_workers=target, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR) as cluster:
            with distributed.Client(cluster) as client:
                yield client
        return
    try:
        client = distributed.Client(target, timeout=timeout)
    except (OSError, TimeoutError):
        raise ClusterError(f"cannot reach the Dask scheduler at {address}: no answer within {timeout:g} s "
                           "(is it running? --dask-timeout sets how long to wait)") from None
    with client:
        yield client


def _threads(client) -> int:
    """Worker threads the cluster has now (it may grow or shrink while a run goes on)."""
    workers = client.scheduler_info().get("workers", {})
    return max(1, sum(w.get("nthreads", 1) for w in workers.values()))


def _has_workers(client, address: str) -> bool:
    """Whether the scheduler has a worker now (asked, not read from the client's cache)."""
    try:
        return bool(client.nthreads())
    except (OSError, TimeoutError):
        raise ClusterError(f"lost the Dask scheduler at {address}") from None


def _result(future, client, address: str, timeout: float, poll: float = POLL_SECONDS):
    """The future's result; :class:`ClusterError` once the cluster has had no worker for
    ``timeout`` seconds (a lost worker's tasks wait for another one, for ever).

    The result is fetched in slices of ``poll`` seconds, never waited for in one piece: a task
    that finished on a worker lost before its result was fetched is computed again, and the
    fetch waits for that like any other task.
    """
    alone_since: float | None = None
    while True:
        try:
            return future.result(timeout=poll)
        except TimeoutError:
            if future.status == "error":  # the task itself raised it
                raise
        if _has_workers(client, address):
            alone_since = None
        elif alone_since is None:
            alone_since = time.monotonic()
        elif time.monotonic() - alone_since >= timeout:
            raise ClusterError(f"the Dask cluster at {address} has had no worker for {timeout:g} s: stopped "
                               "(--dask-timeout sets how long to wait)")


def process_on_dask(documents: Iterable[Document], address: str, model: str | None = None,
                    task: tuple = ("quotes", ("speech",)), size: int = PARTITION_DOCS,
                    chars: int = PARTITION_CHARS, timeout: float | None = None) -> Iterator[tuple[Document, object]]:
    """Every document with its result (quotes, claims, or why it failed), in input order,
    computed on the Dask cluster at ``address`` (or ``local:N``).

    Raises:
        ClusterError: the scheduler does not answer, or the cluster has had no worker, for
            ``timeout`` seconds (default :data:`TIMEOUT`); or the connection to the scheduler
            broke during the run.
    """
    _distributed()  # DaskMissing before any input is read
    timeout = TIMEOUT if timeout is None else timeout
    name = model or default_model()
    stream = partitions(documents, size, chars)
    first = next(stream, None)
    if first is None:  # nothing readable: no cluster to start
        return
    try:
        with _quiet_client():
            yield from _on_cluster(itertools.chain([first], stream), address, name, task, timeout)
    except (OSError, asyncio.CancelledError, concurrent.futures.CancelledError):
        # distributed's CommClosedError is an OSError; the futures are cancelled once it is gone
        raise ClusterError(f"lost the connection to the Dask scheduler at {address}") from None


@contextmanager
def _quiet_client():
    """The client's own log lines off while it runs (a lost scheduler is reported in one line by
    :class:`ClusterError`, not by a page of tracebacks)."""
    names = ["distributed"] + [n for n in logging.root.manager.loggerDict if n.startswith("distributed.")]
    loggers = [logging.getLogger(n) for n in names]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels):
            logger.setLevel(level)


def _on_cluster(stream: Iterable[list[Document]], address: str, name: str, task: tuple,
                timeout: float) -> Iterator[tuple[Document, object]]:
    """The work of :func:`process_on_dask` on a client: a bounded window of partitions in flight."""
    distributed = _distributed()
    with connect(address, timeout) as client:
        plugin = _plugin_class()(name)
        register = getattr(client, "register_plugin", None) or client.register_worker_plugin
        register(plugin)
        try:
            client.wait_for_workers(1, timeout=timeout)
        except TimeoutError:
            raise ClusterError(f"the Dask cluster at {address} has no worker (waited {timeout:g} s; "
                               "--dask-timeout sets how long to wait)") from None
        window: deque = deque()

        def settle(partition, future) -> Iterator[tuple[Document, object]]:
            try:
                results = _result(future, client, address, timeout)
            except distributed.KilledWorker:
                reason = "lost the Dask worker running it, again and again (KilledWorker)"
                results = [Skipped(d.source or d.doc_id, reason) for d in partition]
            future.release()
            yield from zip(partition, results)

        for partition in stream:
            window.append((partition, client.submit(run_partition, partition, name, task, lexicon_dir(),
                                                    pure=False, retries=RETRIES)))
            if len(window) >= IN_FLIGHT_PER_THREAD * _threads(client):
                yield from settle(*window.popleft())
        while window:
            yield from settle(*window.popleft())
