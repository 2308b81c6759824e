"""Parallel extraction: ``cli.py extract --jobs 1`` against ``--jobs 2`` on the same articles.

Both runs read one JSONL file of the corpus articles and write JSONL; the wall times (model
loading included), the speed-up, and whether the two outputs are identical are reported. If
``extract`` has no ``--jobs`` option yet (it comes with the robustness issue), the script says
so and exits with status 2 without measuring anything.

    /tmp/venv/bin/python benchmarks/parallel.py ../shared/data/polnear/dev/text
    /tmp/venv/bin/python benchmarks/parallel.py ../shared/data/polnear/train/text --limit 200 --jobs 1 2 4
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
    """Parse arguments, time each --jobs value, print times, speed-up and output check."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser)
    add_common(parser)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2],
                        help="values to compare (default: 1 2)")
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
        for jobs in args.jobs:
            times, digest = [], ""
            for _ in range(args.repeat):
                out = Path(tmp) / f"out_{jobs}.jsonl"
                cmd = extract_command([str(corpus)], args.acts, args.model, "-o", str(out), jobs=jobs)
                seconds, proc = timed(cmd)
                times.append(seconds)
                digest = hashlib.sha256(out.read_bytes()).hexdigest()
                print(f"  --jobs {jobs}: {seconds:.2f} s  ({(proc.stderr.strip().splitlines() or [''])[-1]})",
                      file=sys.stderr)
            rows.append({"jobs": jobs, "seconds": round(statistics.median(times), 2),
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
    print(f"{'--jobs':>8}{'seconds':>10}{'docs/s':>10}{'speed-up':>10}")
    for r in rows:
        print(f"{r['jobs']:>8}{r['seconds']:>10.2f}{r['docs_per_s']:>10.2f}{r['speedup']:>10.3f}")
    print(f"outputs identical across --jobs: {'yes' if identical else 'NO'}")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
