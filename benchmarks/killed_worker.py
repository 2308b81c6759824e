"""A worker killed during ``quotegraph extract --jobs 2``: does the run end, and is every article
accounted for?

Writes ``--articles`` corpus articles (40 by default) as one JSONL file, starts
``python cli.py extract CORPUS.jsonl --jobs 2 -o OUT.jsonl``, waits until its worker processes
have run for ``--after`` seconds, kills one with SIGKILL, and waits for the run to end (at most
``--timeout`` seconds; a run still going then is stopped and reported as hung). Prints the
seconds from the kill to the end, the exit status, and how many articles are in the output,
reported as skipped, or missing. Target: the run ends within 60 s of the kill with none missing.

    /tmp/venv/bin/python benchmarks/killed_worker.py ../shared/data/polnear/dev/text
    /tmp/venv-base/bin/python benchmarks/killed_worker.py --cli /work/base/cli.py --timeout 120
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import CLI, DATA, corpus_texts, machine, write_jsonl

DEFAULT_CORPUS = DATA / "polnear" / "dev" / "text"


def children(pid: int) -> list[int]:
    """The process ids whose parent is ``pid`` (from /proc; Linux only)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after its closing bracket
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="*", default=[str(DEFAULT_CORPUS)])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--after", type=float, default=5.0,
                        help="seconds the workers run before one is killed (default 5)")
    parser.add_argument("--cli", type=Path, default=CLI, help="cli.py to run (default: this checkout's)")
    parser.add_argument("--timeout", type=float, default=180.0,
                        help="seconds after the kill before the run counts as hung (default 180)")
    args = parser.parse_args(argv)

    texts = corpus_texts(args.corpus)
    with tempfile.TemporaryDirectory(prefix="qg-kill-") as tmp:
        corpus = write_jsonl(texts, args.articles, Path(tmp) / "corpus.jsonl")
        out = Path(tmp) / "out.jsonl"
        cmd = [sys.executable, str(args.cli.resolve()), "extract", str(corpus), "--jobs", str(args.jobs),
               "-o", str(out), "--quiet"]
        started = time.perf_counter()
        run = subprocess.Popen(cmd, cwd=args.cli.resolve().parent, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, start_new_session=True)
        workers: list[int] = []
        while run.poll() is None and len(workers) < args.jobs:
            time.sleep(0.2)
            workers = children(run.pid)
        if run.poll() is not None:
            raise SystemExit(f"error: the run ended before its workers started: {run.stderr.read()[-2000:]}")
        time.sleep(args.after)
        victim = workers[0]
        os.kill(victim, signal.SIGKILL)
        killed = time.perf_counter()
        try:
            _, stderr = run.communicate(timeout=args.timeout)
            hung = False
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)  # the run's own session: it and its workers
            _, stderr = run.communicate()
            hung = True
        ended = time.perf_counter()
        written = set()
        if out.exists():
            written = {json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines() if line}
        summary = (stderr.strip().splitlines() or [""])[-1]
    counts = re.search(r"(\d+) documents read, (\d+) processed", summary)
    skipped = re.search(r", (\d+) skipped", summary)
    accounted = (int(counts[2]) + (int(skipped[1]) if skipped else 0)) if counts else 0
    result = {"cli": str(args.cli), "articles": args.articles, "jobs": args.jobs, "killed_after_s": round(killed - started, 1),
              "end_after_kill_s": round(ended - killed, 1), "hung": hung, "exit": run.returncode,
              "accounted_for": accounted, "all_accounted": accounted == args.articles,
              "documents_with_quotes_in_output": len(written), "summary": summary,
              "machine": machine()}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
