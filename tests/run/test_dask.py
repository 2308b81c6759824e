"""--dask: the work on a Dask cluster gives the bytes of --jobs 1, skips and counts a failing
document, and survives a killed worker.

One LocalCluster of two worker processes serves the whole module (each worker loads the spaCy
pipeline once). ``pytest -m "not dask"`` leaves these out; without Dask they are skipped.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed")
import cloudpickle  # noqa: E402  (comes with distributed)

from quotes.cli import app  # noqa: E402
from quotes.run.cluster import process_on_dask  # noqa: E402
from quotes.model import Document, Skipped  # noqa: E402
from quotes.run import process  # noqa: E402

pytestmark = pytest.mark.dask
runner = CliRunner()
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import this file

ARTICLES = [
    '"We will win the vote next week," Jane Roe said.\n\nShe added that the party was united.',
    "John Smith, the city's chief engineer, said that the bridge would close in March.",
    "The council met on Tuesday. Nothing was decided.",
    'Mary Major told reporters: "The budget is balanced."\n\nThe mayor said the plan was dead.',
    "According to the ministry, exports rose by 12 percent in May.",
    "Prices fell, the report said. Analysts warned that the fall could last.",
    "Pat Lee said he would resign. He said his family came first.",
    '"No comment," a spokesman said.',
]
FAIL_MARK = "Ferdinand Failure"


def _documents(count: int = len(ARTICLES)) -> list[Document]:
    return [Document(doc_id=f"d{k}", text=ARTICLES[k % len(ARTICLES)] + f"\n\nArticle {k}.")
            for k in range(count)]


def _dicts(results) -> list:
    return [(document.doc_id, [q.to_dict() for q in result]) for document, result in results]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0") as local:
        yield local


def test_same_results_as_jobs_1(cluster):
    documents = _documents(10)
    serial = _dicts(process(iter(documents), None, jobs=1))
    on_dask = _dicts(process_on_dask(iter(documents), cluster.scheduler_address, size=2))
    assert on_dask == serial
    assert sum(len(quotes) for _, quotes in serial) >= 8


@pytest.mark.parametrize("command", ["extract", "claims"])
def test_cli_writes_the_bytes_of_jobs_1(cluster, tmp_path, command):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": d.doc_id, "text": d.text}) + "\n" for d in _documents()),
                      encoding="utf-8")
    outputs = {}
    for name, option in (("jobs", ["--jobs", "1"]), ("dask", ["--dask", cluster.scheduler_address])):
        out = tmp_path / f"{command}-{name}.jsonl"
        result = runner.invoke(app, [command, str(corpus), "-o", str(out), "--format", "jsonl", "--all"
                                     if command == "claims" else "--quiet", *option])
        assert result.exit_code == 0, result.output
        outputs[name] = out.read_bytes()
    assert outputs["dask"] == outputs["jobs"] and outputs["jobs"]


def _break_rules_on_workers(mark: str) -> None:
    """Worker side: the rules raise on any document holding ``mark``."""
    from quotes.run import pipeline

    original = pipeline.extract_from_parsed

    def failing(document, parsed, *args, **kwargs):
        if mark in document.text:
            raise RuntimeError("rules broke on purpose")
        return original(document, parsed, *args, **kwargs)

    failing.original = original
    pipeline.extract_from_parsed = failing


def _mend_rules_on_workers() -> None:
    from quotes.run import pipeline

    pipeline.extract_from_parsed = getattr(pipeline.extract_from_parsed, "original",
                                           pipeline.extract_from_parsed)


def test_failing_document_is_skipped_and_counted(cluster, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    texts = [d.text for d in _documents(4)]
    texts[2] = f'"It cannot work," {FAIL_MARK} said.'
    corpus.write_text("".join(json.dumps({"id": f"d{k}", "text": t}) + "\n" for k, t in enumerate(texts)),
                      encoding="utf-8")
    with distributed.Client(cluster) as client:
        client.run(_break_rules_on_workers, FAIL_MARK)
        try:
            result = runner.invoke(app, ["extract", str(corpus), "--format", "jsonl",
                                         "--dask", cluster.scheduler_address])
        finally:
            client.run(_mend_rules_on_workers)
    assert result.exit_code == 1
    assert "4 documents read, 3 processed" in result.stderr
    assert "corpus.jsonl:3: extraction failed: RuntimeError: rules broke on purpose" in result.stderr
    ids = {json.loads(line)["doc_id"] for line in result.stdout.splitlines() if line.strip()}
    assert ids == {"d0", "d1", "d3"}


def _die_on_workers(mark: str) -> None:
    """Worker side: the process dies outright on a partition holding ``mark``."""
    from quotes.run import pipeline

    original = pipeline.extract_batch

    def dying(documents, *args, **kwargs):
        if any(mark in document.text for document in documents):
            os._exit(1)
        return original(documents, *args, **kwargs)

    dying.original = original
    pipeline.extract_batch = dying


def _mend_batch_on_workers() -> None:
    from quotes.run import pipeline

    pipeline.extract_batch = getattr(pipeline.extract_batch, "original", pipeline.extract_batch)


def _set_allowed_failures(dask_scheduler, count: int) -> int:
    before = dask_scheduler.allowed_failures
    dask_scheduler.allowed_failures = count
    return before


def test_partition_that_keeps_killing_workers_is_skipped_and_counted(cluster):
    documents = _documents(6)
    documents[3] = Document(doc_id="d3", text=f'"It will not last," {FAIL_MARK} said.')
    serial = dict(_dicts(process(iter(documents), None, jobs=1)))
    with distributed.Client(cluster) as client:
        client.run(_die_on_workers, FAIL_MARK)
        before = client.run_on_scheduler(_set_allowed_failures, count=0)  # the first death is one too many
        try:
            results = list(process_on_dask(iter(documents), cluster.scheduler_address, size=2))
        finally:
            client.run_on_scheduler(_set_allowed_failures, count=before)
            client.run(_mend_batch_on_workers)
            client.wait_for_workers(2)  # the nanny has started a fresh worker in place of the dead one
    skipped = {document.doc_id: result for document, result in results if isinstance(result, Skipped)}
    assert set(skipped) == {"d2", "d3"}  # the partition of d3, both its documents
    assert all("lost the Dask worker" in s.reason for s in skipped.values())
    kept = [(d.doc_id, [q.to_dict() for q in r]) for d, r in results if d.doc_id not in skipped]
    assert kept == [(doc_id, quotes) for doc_id, quotes in serial.items() if doc_id not in skipped]


def test_killed_worker_is_survived(cluster):
    documents = _documents(12)
    serial = _dicts(process(iter(documents), None, jobs=1))
    with distributed.Client(cluster) as client:
        pids = client.run(os.getpid)
        stream = process_on_dask(iter(documents), cluster.scheduler_address, size=1)
        results = [next(stream)]  # partitions are now in flight on both workers
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        results += list(stream)
        deadline = time.monotonic() + 60
        while victim in client.run(os.getpid).values() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert victim not in client.run(os.getpid).values()
    assert _dicts(results) == serial
