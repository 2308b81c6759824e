"""Pathological text: how long ``quotegraph extract`` takes on one repeated cue word and on one
long run of quotation marks, and how the time grows with the length.

Each input is one made-up file (no corpus needed): ``said`` repeated 1,000 and 4,000 times (and
any ``--word``), and 50,000 quotation marks in a row. Each is run once as
``python cli.py extract FILE --format jsonl --jobs 1`` in a fresh process, model loading
included. Targets: 4,000 "said" under 10 s, 50,000 marks under 10 s, and 4,000 words at most
5 times as long as 1,000.

    /tmp/venv/bin/python benchmarks/pathological.py
    /tmp/venv/bin/python benchmarks/pathological.py --word told --word "according to"
    /tmp/venv-base/bin/python benchmarks/pathological.py --cli /work/base/cli.py --timeout 600
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CLI, add_common, machine

TARGET_SECONDS = 10.0
TARGET_GROWTH = 5.0


def run_once(cli: Path, path: Path, acts: str, model: str | None, timeout: float) -> dict:
    """Seconds of one ``extract`` run on ``path`` (``None`` when it ran past ``timeout``)."""
    cmd = [sys.executable, str(cli), "extract", str(path), "--format", "jsonl", "--jobs", "1",
           "--acts", acts] + (["--model", model] if model else [])
    started = time.perf_counter()
    try:
        proc = subprocess.run(cmd, cwd=cli.parent, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"seconds": None, "timed_out_after": timeout}
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"error: extract on {path.name} exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return {"seconds": round(seconds, 1), "quotes": proc.stdout.count("\n")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--word", action="append", default=None,
                        help='repeated word(s) to time (default: "said"; may be given again)')
    parser.add_argument("--sizes", type=int, nargs=2, default=[1000, 4000], help="repeats (default: 1000 4000)")
    parser.add_argument("--marks", type=int, default=50_000, help="quotation marks in a row (default: 50000)")
    parser.add_argument("--cli", type=Path, default=CLI, help="cli.py to run (default: this checkout's)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a run counts as hung")
    add_common(parser)
    args = parser.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory(prefix="qg-patho-") as tmp:
        inputs = []
        for word in args.word or ["said"]:
            for size in args.sizes:
                inputs.append((f"{size} x {word!r}", " ".join([word] * size)))
        inputs.append((f"{args.marks} quotation marks", '"' * args.marks))
        for number, (name, text) in enumerate(inputs):
            path = Path(tmp) / f"input{number}.txt"
            path.write_text(text, encoding="utf-8")
            row = {"input": name, "characters": len(text),
                   **run_once(args.cli.resolve(), path, args.acts, args.model, args.timeout)}
            rows.append(row)
            print(f"  {name}: {row.get('seconds')} s", file=sys.stderr)
    growth = {}
    for word in args.word or ["said"]:
        small, large = (r["seconds"] for r in rows if r["input"].endswith(f"x {word!r}"))
        growth[word] = round(large / small, 2) if small and large else None
    result = {"cli": str(args.cli), "runs": rows, "growth": growth, "target_seconds": TARGET_SECONDS,
              "target_growth": TARGET_GROWTH, "machine": machine()}
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"quotegraph extract --jobs 1 on pathological inputs ({args.cli})")
    for r in rows:
        shown = r["seconds"] if r["seconds"] is not None else f"> {r['timed_out_after']:.0f} (stopped)"
        print(f"  {r['input']:<28} {shown} s")
    for word, ratio in growth.items():
        print(f"  growth {args.sizes[1]} / {args.sizes[0]} x {word!r}: {ratio} (target <= {TARGET_GROWTH})")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
