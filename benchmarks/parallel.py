"""Parallel extraction: ``cli.py extract --jobs 1`` against ``--jobs 2`` or ``--dask`` on the same articles.

Every run reads one JSONL file of the corpus articles and writes JSONL; the wall times (model
loading included, and with ``--dask local:N`` the start of the cluster), the speed-up over the
first run, and whether all outputs are identical are reported. If
``extract`` has no ``--jobs`` option yet (it comes with the robustness issue), the script says
so and exits with status 2 without measuring anything.

    /tmp/venv/bin/python benchmarks/parallel.py ../shared/data/polnear/dev/text
    /tmp/venv/bin/python benchmarks/parallel.py ../shared/data/polnear/train/text --limit 200 --jobs 1 2 4
    /tmp/venv/bin/python benchmarks/parallel.py ../shared/data/polnear/train/text --limit 300 --jobs 1 --dask local:2
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
from pathlib import Path

from common import (
    add_common,
    add_corpus,
    corpus_texts,
    extract_command,
    machine,
    supports_jobs,
    timed,
    write_jsonl,
)


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time each --jobs value and --dask address, print times, speed-up and output check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser)
    add_common(parser)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2],
                        help="values to compare (default: 1 2)")
    parser.add_argument("--dask", nargs="+", default=[], metavar="ADDRESS",
                        help="also run extract --dask ADDRESS (local:N, or a running scheduler's address)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (default: 1)")
    args = parser.parse_args(argv)

    if not supports_jobs():
        print("parallel: `cli.py extract` has no --jobs option yet (the robustness issue adds it); "
              "nothing measured.", file=sys.stderr)
        return 2

    texts = corpus_texts(args.corpus)
    count = min(args.limit or len(texts), len(texts))
    rows = []
    with tempfile.TemporaryDirectory(prefix="qg-parallel-") as tmp:
        corpus = write_jsonl(texts, count, Path(tmp) / "corpus.jsonl")
        runs = [(f"--jobs {jobs}", jobs, ()) for jobs in args.jobs]
        runs += [(f"--dask {address}", None, ("--dask", address)) for address in args.dask]
        for number, (label, jobs, extra) in enumerate(runs):
            times, digest = [], ""
            for _ in range(args.repeat):
                out = Path(tmp) / f"out_{number}.jsonl"
                cmd = extract_command([str(corpus)], args.acts, args.model, "-o", str(out), *extra, jobs=jobs)
                seconds, proc = timed(cmd)
                times.append(seconds)
                digest = hashlib.sha256(out.read_bytes()).hexdigest()
                print(f"  {label}: {seconds:.2f} s  ({(proc.stderr.strip().splitlines() or [''])[-1]})",
                      file=sys.stderr)
            rows.append({"run": label, "seconds": round(statistics.median(times), 2),
                         "docs_per_s": round(count / statistics.median(times), 2), "output_sha256": digest})
    base = rows[0]["seconds"]
    for row in rows:
        row["speedup"] = round(base / row["seconds"], 3)
    identical = len({r["output_sha256"] for r in rows}) == 1
    result = {"documents": count, "runs": rows, "outputs_identical": identical, "machine": machine()}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{count} documents, model loading included, median of {args.repeat} run(s)")
    print(f"{'run':<24}{'seconds':>10}{'docs/s':>10}{'speed-up':>10}")
    for r in rows:
        print(f"{r['run']:<24}{r['seconds']:>10.2f}{r['docs_per_s']:>10.2f}{r['speedup']:>10.3f}")
    print(f"outputs identical across runs: {'yes' if identical else 'NO'}")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
