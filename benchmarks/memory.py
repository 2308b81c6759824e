"""Peak memory of ``quotegraph extract`` on one JSONL stream of 500 and of 5,000 articles.

The articles are the corpus texts (PolNeAR train by default), repeated as needed, written to
one JSONL file and fed to ``python cli.py extract - --jobs 1`` on standard input (``--via file``
passes the file's path instead). Each size is measured in its own helper process, which runs
the CLI and reads ``resource.getrusage(RUSAGE_CHILDREN).ru_maxrss``: the peak resident set of
the CLI alone, not mixed with an earlier run. Streaming means the two peaks stay close; the
target is 5,000 within 10% of 500.

    /tmp/venv/bin/python benchmarks/memory.py ../shared/data/polnear/train/text
    /tmp/venv/bin/python benchmarks/memory.py ../shared/data/polnear/train/text --sizes 50 500

``--long CHARS`` measures one article instead: the corpus texts joined by blank lines and cut to
CHARS characters (1,200,000 for the issue-16 target: at most 1,200 MB with ``--jobs 1``), passed
as a ``.txt`` file.

    /tmp/venv/bin/python benchmarks/memory.py ../shared/data/polnear/train/text --long 1200000

    /tmp/venv/bin/python benchmarks/memory.py ../shared/data/polnear/train/text --dask-workers 2

``--dask-workers N`` starts a Dask ``LocalCluster`` of N worker processes in this script and runs
``extract --dask ADDRESS`` against it: the peak is then the Dask client's alone (the process that
reads, sends partitions out and writes), the workers being no children of it.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import (
    DATA,
    ROOT,
    add_common,
    add_corpus,
    corpus_texts,
    extract_command,
    machine,
    write_jsonl,
)

DEFAULT_CORPUS = DATA / "polnear" / "train" / "text"


def peak_rss_mb(maxrss: int) -> float:
    """``ru_maxrss`` in MB: kilobytes on Linux, bytes on macOS."""
    return maxrss / (1024 * 1024) if sys.platform == "darwin" else maxrss / 1024


def measure_child(stdin_path: str, cmd: list[str]) -> int:
    """Helper-process side: run ``cmd`` once, print its peak RSS, seconds and exit code."""
    started = time.perf_counter()
    with open(stdin_path, "rb") if stdin_path else open("/dev/null", "rb") as source:
        proc = subprocess.run(cmd, stdin=source, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT)
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"peak_rss_mb": round(peak_rss_mb(usage.ru_maxrss), 1),
                      "seconds": round(seconds, 1), "returncode": proc.returncode,
                      "summary": (proc.stderr.strip().splitlines() or [""])[-1]}))
    return 0


def measure(size: int, corpus: Path, via: str, acts: str, model: str | None, jobs: int,
            dask: str | None = None) -> dict:
    """Peak RSS of one CLI run over ``corpus``, measured in a fresh helper process."""
    inputs = ["-"] if via == "stdin" else [str(corpus)]
    cmd = extract_command(inputs, acts, model, *(["--dask", dask] if dask else []),
                          jobs=None if dask else jobs)
    helper = [sys.executable, __file__, "--child", str(corpus) if via == "stdin" else "", "--", *cmd]
    proc = subprocess.run(helper, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"error: measuring {size} documents failed:\n{proc.stderr[-2000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    if result["returncode"] not in (0, 1):
        raise SystemExit(f"error: cli.py extract exited {result['returncode']}: {result['summary']}")
    return {"documents": size, **result}


LONG_TARGET_MB = 1200.0


def measure_long(texts: list[tuple[str, str]], chars: int, acts: str, model: str | None, jobs: int,
                 as_json: bool) -> int:
    """Peak RSS of ``extract`` on one article of ``chars`` characters made of the corpus texts."""
    parts, total = [], 0
    while total < chars:
        for _, text in texts:
            parts.append(text)
            total += len(text) + 2
            if total >= chars:
                break
    article = "\n\n".join(parts)[:chars]
    with tempfile.TemporaryDirectory(prefix="qg-memory-") as tmp:
        path = Path(tmp) / "long-article.txt"
        path.write_text(article, encoding="utf-8")
        cmd = extract_command([str(path)], acts, model, jobs=jobs)
        helper = [sys.executable, __file__, "--child", "", "--", *cmd]
        proc = subprocess.run(helper, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"error: measuring the long article failed:\n{proc.stderr[-2000:]}")
    row = json.loads(proc.stdout.strip().splitlines()[-1])
    result = {"characters": len(article), "jobs": jobs, **row, "target_mb": LONG_TARGET_MB, "machine": machine()}
    if as_json:
        print(json.dumps(result, indent=2))
        return 0
    verdict = "within" if row["peak_rss_mb"] <= LONG_TARGET_MB else "ABOVE"
    print(f"one article of {len(article):,} characters, --jobs {jobs}: peak RSS {row['peak_rss_mb']} MB "
          f"({verdict} the {LONG_TARGET_MB:.0f} MB target), {row['seconds']} s ({row['summary']})")
    print(f"machine: {result['machine']}")
    return 0


@contextmanager
def _cluster(workers: int) -> Iterator[str | None]:
    """The scheduler address of a LocalCluster of ``workers`` processes (none for 0)."""
    if not workers:
        yield None
        return
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, measure each size, print the peaks and their ratio."""
    if argv is None and len(sys.argv) > 2 and sys.argv[1] == "--child":
        return measure_child(sys.argv[2], sys.argv[sys.argv.index("--") + 1:])
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser, DEFAULT_CORPUS, limit=False)
    add_common(parser)
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000],
                        help="numbers of documents (default: 500 5000)")
    parser.add_argument("--via", choices=("stdin", "file"), default="stdin",
                        help="feed the JSONL on stdin (default) or pass its path")
    parser.add_argument("--jobs", type=int, default=1,
                        help="extract's --jobs (default: 1; the peak is that of the largest "
                             "single process, not the sum over workers)")
    parser.add_argument("--long", type=int, default=None, metavar="CHARS",
                        help="measure one article of CHARS characters instead (target: 1,200 MB)")
    parser.add_argument("--dask-workers", type=int, default=0, metavar="N",
                        help="run extract --dask against a LocalCluster of N workers started here "
                             "(the peak is then the Dask client's)")
    args = parser.parse_args(argv)

    texts = corpus_texts(args.corpus)
    if args.long:
        return measure_long(texts, args.long, args.acts, args.model, args.jobs, args.json)
    rows = []
    with tempfile.TemporaryDirectory(prefix="qg-memory-") as tmp, _cluster(args.dask_workers) as dask:
        for size in args.sizes:
            corpus = write_jsonl(texts, size, Path(tmp) / f"corpus_{size}.jsonl")
            row = measure(size, corpus, args.via, args.acts, args.model, args.jobs, dask)
            row["input_mb"] = round(corpus.stat().st_size / 1e6, 1)
            rows.append(row)
            print(f"  {size} documents: {row['peak_rss_mb']} MB peak, {row['seconds']} s  "
                  f"({row['summary']})", file=sys.stderr)
            corpus.unlink()
    ratio = rows[-1]["peak_rss_mb"] / rows[0]["peak_rss_mb"] if len(rows) > 1 else None
    result = {"via": args.via, "jobs": None if args.dask_workers else args.jobs,
              "dask_workers": args.dask_workers or None, "distinct_texts": len(texts), "runs": rows,
              "ratio_last_to_first": round(ratio, 3) if ratio else None, "target_ratio": 1.10,
              "machine": machine()}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    who = f"the Dask client ({args.dask_workers} workers)" if args.dask_workers else "cli.py extract"
    print(f"peak RSS of {who}, one JSONL stream on {args.via} "
          f"({len(texts)} distinct texts, repeated)")
    print(f"{'documents':>10}{'input MB':>10}{'peak MB':>10}{'seconds':>10}")
    for r in rows:
        print(f"{r['documents']:>10}{r['input_mb']:>10}{r['peak_rss_mb']:>10}{r['seconds']:>10}")
    if ratio is not None:
        verdict = "within" if ratio <= 1.10 else "ABOVE"
        print(f"ratio {rows[-1]['documents']} / {rows[0]['documents']}: {ratio:.3f} "
              f"({verdict} the 1.10 target)")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
