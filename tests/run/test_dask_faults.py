"""--dask when the cluster fails: nothing listening at the address, no worker at the start, every
worker lost mid-run. Each ends in one line naming the address and exit status 2 once
--dask-timeout has passed, with the old output kept. Once the first took 31 s and then blamed the
output (or printed a 270-line traceback), and the other two hung for ever.

The clusters here run their workers as threads of this process (``processes=False``): cheap to
start, and the scheduler loses them just as it loses remote ones.
"""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

distributed = pytest.importorskip("distributed")

from quotes.cli import app  # noqa: E402
from quotes.model import Document  # noqa: E402
from quotes.run import ClusterError, process_on_dask  # noqa: E402
from quotes.run import cluster as cluster_module  # noqa: E402

pytestmark = pytest.mark.dask
runner = CliRunner()
QUOTE = '"We will win the vote next week," Jane Roe said.'


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _within(call, seconds: float = 120.0):
    """``call()`` in a thread: its result (or what it raised), or a failure if it has not ended
    after ``seconds`` (a bound on a hang, not a measure of speed)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((call(), None))
        except BaseException as err:  # raised again below, in the test's own thread
            outcome.append((None, err))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s: it hangs"
    result, error = outcome[0]
    if error is not None:
        raise error
    return result


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "c.jsonl"
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": QUOTE}) + "\n" for i in range(12)), encoding="utf-8")
    return path


@pytest.fixture
def old_output(tmp_path: Path) -> Path:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")
    return path


def _invoke(corpus: Path, output: Path, address: str, timeout: str = "1"):
    return runner.invoke(app, ["extract", str(corpus), "-o", str(output), "--quiet", "--dask", address,
                               "--dask-timeout", timeout])


def _kept(output: Path) -> bool:
    return output.read_text(encoding="utf-8") == "old\n" and not list(output.parent.glob("*.part"))


def test_nothing_listening_is_one_line_naming_the_address(corpus, old_output):
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = _within(lambda: _invoke(corpus, old_output, address))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: cannot reach the Dask scheduler at {address}: no answer within 1 s "
        "(is it running? --dask-timeout sets how long to wait)"]
    assert _kept(old_output)


def test_a_cluster_without_workers_is_an_error(corpus, old_output):
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", dashboard_address=":0") as empty:
        result = _within(lambda: _invoke(corpus, old_output, empty.scheduler_address))
    assert result.exit_code == 2
    assert f"the Dask cluster at {empty.scheduler_address} has no worker" in result.stderr
    assert _kept(old_output)


def test_every_worker_lost_mid_run_is_an_error(corpus, old_output, monkeypatch):
    real = cluster_module.pipeline.extract_batch
    calls: list[int] = []

    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  protocol="tcp", dashboard_address=":0") as local:

        def losing(documents, *args, **kwargs):
            """The first partition done, the cluster loses its only worker, and none comes back."""
            calls.append(len(documents))
            if len(calls) == 1:
                threading.Thread(target=local.scale, args=(0,), daemon=True).start()
            return real(documents, *args, **kwargs)

        monkeypatch.setattr(cluster_module.pipeline, "extract_batch", losing)
        result = _within(lambda: _invoke(corpus, old_output, local.scheduler_address))
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: the Dask cluster at {local.scheduler_address} has had no worker for 1 s: stopped "
        "(--dask-timeout sets how long to wait)")
    assert calls and _kept(old_output)


def test_the_library_raises_cluster_error(monkeypatch):
    documents = [Document(f"d{i}", QUOTE) for i in range(3)]
    address = f"tcp://127.0.0.1:{_free_port()}"
    with pytest.raises(ClusterError, match=address):
        _within(lambda: list(process_on_dask(iter(documents), address, timeout=0.5)))


def test_the_scheduler_lost_mid_run_is_an_error(corpus, old_output, monkeypatch):
    real = cluster_module.pipeline.extract_batch
    calls: list[int] = []
    local = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                     dashboard_address=":0")
    address = local.scheduler_address

    def losing(documents, *args, **kwargs):
        """The first partition done, the whole cluster (scheduler and worker) goes away."""
        calls.append(len(documents))
        if len(calls) == 1:
            threading.Thread(target=local.close, daemon=True).start()
        return real(documents, *args, **kwargs)

    monkeypatch.setattr(cluster_module.pipeline, "extract_batch", losing)
    try:
        result = _within(lambda: _invoke(corpus, old_output, address))
    finally:
        local.close()
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines() == [f"error: lost the connection to the Dask scheduler at {address}"]
    assert calls and _kept(old_output)


def test_a_worker_process_killed_with_results_unfetched_is_an_error(tmp_path):
    """A real worker process (``dask worker --no-nanny``) killed with SIGKILL while finished
    partitions wait on it to be fetched: they are computed again, which no worker is left to do.
    Once the client waited for them for ever."""
    import os
    import signal
    import subprocess
    import sys
    import time

    documents = [Document(f"d{i}", QUOTE) for i in range(12)]
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=":0") as empty:
        address = empty.scheduler_address
        worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--no-nanny",
                                   "--nthreads", "1", "--no-dashboard", "--local-directory", str(tmp_path)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            with distributed.Client(address) as client:
                client.wait_for_workers(1, timeout=120)

            def consume() -> list:
                """In one thread: a generator that holds a client must end where it began."""
                stream = process_on_dask(iter(documents), address, size=1, timeout=1)
                first = next(stream)
                time.sleep(1)  # the next partitions finish on the worker and wait there
                os.kill(worker.pid, signal.SIGKILL)
                return [first, *stream]

            with pytest.raises(ClusterError, match=f"the Dask cluster at {address} has had no worker"):
                _within(consume)
        finally:
            if worker.poll() is None:
                worker.kill()
            worker.wait()
