"""--dask without Dask installed, its address forms, and its partitions (no cluster started)."""

from __future__ import annotations

import sys

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.run.cluster import parse_address, partitions
from quotes.model import Document

runner = CliRunner()


@pytest.mark.parametrize("command", [["extract"], ["claims"], ["graph", "-o", "g.graphml"]])
def test_dask_missing_says_how_to_install(monkeypatch, tmp_path, command):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    article = tmp_path / "a.txt"
    article.write_text('"We will win," Jane Roe said.', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*command, str(article), "--dask", "local:2"])
    assert result.exit_code == 2
    assert "pip install 'quotegraph[dask]'" in result.stderr


@pytest.mark.parametrize("address, expected", [
    ("local:2", 2),
    ("local:16", 16),
    ("tcp://10.0.0.5:8786", "tcp://10.0.0.5:8786"),
    ("scheduler.example.org:8786", "scheduler.example.org:8786"),
    ("tls://scheduler.example.org:8786", "tls://scheduler.example.org:8786"),
    ("tcp://[::1]:8786", "tcp://[::1]:8786"),
])
def test_address_forms(address, expected):
    assert parse_address(address, cores=16) == expected


# Once each of these was a traceback, or (the last) a LocalCluster that took 14.6 GB in 30 s.
@pytest.mark.parametrize("address, problem", [
    ("local:", "takes a number"),
    ("local:0", "takes a number"),
    ("local:two", "takes a number"),
    ("local:-1", "takes a number"),
    ("local:\u0663", "takes a number"),  # an Arabic-Indic three: a digit, but not ours
    ("local:17", "at most local:16"),
    ("local:99999999999", "at most local:16"),
    (" ", "needs an address"),
    ("foo", "port must be a number"),
    ("tcp://h", "port must be a number"),
    ("tcp://h:abc", "port must be a number"),
    ("tcp://h:0", "port must be a number"),
    ("tcp://h:70000", "port must be a number"),
    ("http://example.org:8786", "not a Dask protocol"),
    ("inproc://x", "not a Dask protocol"),
    ("tcp://h:8786/path", "not HOST:PORT"),
    ("tcp://user@h:8786", "not HOST:PORT"),
    ("tcp://:8786", "not HOST:PORT"),
])
def test_bad_addresses_are_refused_naming_the_problem(address, problem):
    with pytest.raises(ValueError, match=problem):
        parse_address(address, cores=16)


@pytest.mark.parametrize("address", ["local:", "local:0", "local:two", "local:-1", " ", "foo", "tcp://h:abc",
                                     "http://example.org:8786", "local:99999999999"])
def test_bad_addresses_are_usage_errors(address, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path), "--dask", address])
    assert result.exit_code == 2 and "--dask" in result.stderr and "Traceback" not in result.output


def test_local_workers_are_capped_by_the_cores(monkeypatch):
    from quotes.run import cluster

    monkeypatch.setattr(cluster, "usable_cores", lambda: 3)
    assert parse_address("local:3") == 3
    with pytest.raises(ValueError, match="this machine has 3 core"):
        parse_address("local:4")


def test_dask_timeout_goes_with_dask(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path), "--dask-timeout", "5"])
    assert result.exit_code == 2 and "goes with --dask" in result.stderr


def test_jobs_and_dask_are_alternatives(tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path), "--jobs", "2", "--dask", "local:2"])
    assert result.exit_code == 2 and "alternatives" in result.stderr


def _docs(*sizes: int) -> list[Document]:
    return [Document(doc_id=f"d{k}", text="x" * size) for k, size in enumerate(sizes)]


@pytest.mark.parametrize("sizes, size, chars, expected", [
    ((10, 10, 10, 10, 10), 2, 1000, [2, 2, 1]),        # by count
    ((400, 400, 400, 10), 32, 1000, [2, 2]),           # by characters
    ((5000, 10, 10), 32, 1000, [1, 2]),                # a long document travels alone
    ((), 32, 1000, []),                                # nothing in, nothing out
])
def test_partitions_keep_order_and_bounds(sizes, size, chars, expected):
    documents = _docs(*sizes)
    parts = list(partitions(iter(documents), size, chars))
    assert [len(p) for p in parts] == expected
    assert [d for p in parts for d in p] == documents


def test_jobs_are_capped_by_the_cores(monkeypatch, tmp_path):
    """--jobs 100000 once started 100,000 workers of ~170 MB each."""
    from quotes.run import commands

    seen: list[int] = []

    def process(documents, model, acts, jobs, **kwargs):
        seen.append(jobs)
        return iter(())

    monkeypatch.setattr("quotes.run.usable_cores", lambda: 3)
    monkeypatch.setattr(commands, "process", process)
    (tmp_path / "a.txt").write_text('"We win," Jane Roe said.', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "a.txt"), "--jobs", "100000", "--format", "jsonl"])
    assert seen == [3] and "warning: --jobs 100000: this machine has 3 core(s); using 3" in result.stderr
