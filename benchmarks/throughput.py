"""Throughput: ``quotegraph extract`` against the same texts through the spaCy pipeline alone.

Both sides are fresh Python processes that read the same JSONL file, so both pay interpreter
start, imports and model loading:

* extract: ``python cli.py extract CORPUS.jsonl --format jsonl --jobs 1`` (output to
  /dev/null; one process, as spaCy alone is; ``--jobs`` changes that);
* spaCy alone: ``quotes.nlp.load_pipeline`` (same model, same disabled components) and
  ``quotes.pipeline.parse_documents`` (same pieces, same ``nlp.pipe`` batch size), nothing after.

The ratio of the two wall times is the cost of the rules and the writers; the target is at
most 1.25. Runs alternate between the two sides; the median of ``--repeat`` runs is reported.

    /tmp/venv/bin/python benchmarks/throughput.py ../shared/data/polnear/dev/text
    /tmp/venv/bin/python benchmarks/throughput.py ../shared/data/polnear/train/text --limit 300
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "cli.py"

# The spaCy side, run with ``python -c``: argv = [jsonl, model or ""].
SPACY_ALONE = """
import json, sys
sys.path.insert(0, {root!r})
from quotes.model import Document
from quotes.nlp import load_pipeline
from quotes.pipeline import parse_documents
from quotes.readers import read_inputs
nlp = load_pipeline(sys.argv[2] or None)
documents = (d for d in read_inputs([sys.argv[1]]) if isinstance(d, Document))
n = tokens = 0
for document, pieces in parse_documents(documents, nlp):
    n += 1
    tokens += sum(len(doc) for _, doc in pieces)
print(json.dumps({{"documents": n, "tokens": tokens}}))
"""


def corpus_texts(paths: Sequence[str]) -> list[tuple[str, str]]:
    """``(id, text)`` of every article the project's readers find under ``paths``, in order."""
    sys.path.insert(0, str(ROOT))
    from quotes.model import Document
    from quotes.readers import read_inputs

    found = [(d.doc_id, d.text) for d in read_inputs(paths) if isinstance(d, Document)]
    if not found:
        raise SystemExit(f"error: no readable articles under {', '.join(paths)}")
    return found


def write_jsonl(texts: Sequence[tuple[str, str]], count: int, path: Path) -> Path:
    """Write ``count`` articles as JSONL, cycling through ``texts`` (ids kept unique)."""
    with open(path, "w", encoding="utf-8") as out:
        for k in range(count):
            doc_id, text = texts[k % len(texts)]
            rounds = k // len(texts)
            out.write(json.dumps({"id": f"{doc_id}#{rounds}" if rounds else doc_id, "text": text},
                                 ensure_ascii=False) + "\n")
    return path


def supports_jobs() -> bool:
    """Whether ``cli.py extract --help`` lists a ``--jobs`` option."""
    env = {**os.environ, "COLUMNS": "200", "TERM": "dumb", "NO_COLOR": "1"}  # no wrapping
    proc = subprocess.run([sys.executable, str(CLI), "extract", "--help"], capture_output=True,
                          text=True, cwd=ROOT, env=env)
    return "--jobs" in proc.stdout


def extract_command(inputs: Sequence[str], acts: str, model: str | None, *extra: str,
                    jobs: int | None = None) -> list[str]:
    """``python cli.py extract INPUTS --format jsonl`` with the given acts, model and options.

    ``jobs`` adds ``--jobs N`` when the CLI has that option; asking for more than one worker
    from a CLI without it is an error.
    """
    cmd = [sys.executable, str(CLI), "extract", *inputs, "--format", "jsonl", "--acts", acts, *extra]
    if jobs is not None:
        if supports_jobs():
            cmd += ["--jobs", str(jobs)]
        elif jobs != 1:
            raise SystemExit("error: cli.py extract has no --jobs option yet")
    return cmd + (["--model", model] if model else [])


def timed(cmd: Sequence[str], stdin: Path | None = None, stdout: int | None = subprocess.DEVNULL,
          ) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Wall seconds of one run of ``cmd``; exits with its stderr if it fails."""
    started = time.perf_counter()
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as source:
        proc = subprocess.run(cmd, stdin=source, stdout=stdout, stderr=subprocess.PIPE, text=True,
                              cwd=ROOT)
    seconds = time.perf_counter() - started
    if proc.returncode not in (0, 1):  # 1: some input skipped, reported on stderr
        raise SystemExit(f"error: {' '.join(cmd[:4])} ... exited {proc.returncode}:\n{proc.stderr[-2000:]}")
    return seconds, proc


def machine() -> str:
    """CPU model, cores and Python version, for the README."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time both sides, print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="+", help="article files or folders (.txt, .jsonl)")
    parser.add_argument("--limit", type=int, default=None, help="use the first N articles (default: all)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side (default: 3)")
    parser.add_argument("--acts", default="speech", help="--acts for extract (default: speech)")
    parser.add_argument("--model", default=None, help="spaCy pipeline for both sides")
    parser.add_argument("--jobs", type=int, default=1,
                        help="extract's --jobs (default: 1, like spaCy alone; ignored if the CLI "
                             "has no --jobs)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)

    texts = corpus_texts(args.corpus)
    count = min(args.limit or len(texts), len(texts))
    with tempfile.TemporaryDirectory(prefix="qg-throughput-") as tmp:
        corpus = write_jsonl(texts, count, Path(tmp) / "corpus.jsonl")
        spacy_cmd = [sys.executable, "-c", SPACY_ALONE.format(root=str(ROOT)), str(corpus), args.model or ""]
        extract_cmd = extract_command([str(corpus)], args.acts, args.model, jobs=args.jobs)
        spacy_times, extract_times = [], []
        counted: dict[str, int] = {}
        for _ in range(args.repeat):
            seconds, proc = timed(spacy_cmd, stdout=subprocess.PIPE)
            spacy_times.append(seconds)
            counted = json.loads(proc.stdout.strip().splitlines()[-1])
            seconds, proc = timed(extract_cmd)
            extract_times.append(seconds)
            summary = proc.stderr.strip().splitlines()[-1:] or [""]
            print(f"  spaCy {spacy_times[-1]:.2f} s, extract {seconds:.2f} s  ({summary[0]})",
                  file=sys.stderr)

    spacy_s, extract_s = statistics.median(spacy_times), statistics.median(extract_times)
    docs, tokens = counted["documents"], counted["tokens"]
    result = {
        "documents": docs,
        "tokens": tokens,
        "characters": sum(len(t) for _, t in (texts[k % len(texts)] for k in range(count))),
        "spacy_alone": {"seconds": round(spacy_s, 2), "docs_per_s": round(docs / spacy_s, 2),
                        "tokens_per_s": round(tokens / spacy_s)},
        "extract": {"seconds": round(extract_s, 2), "docs_per_s": round(docs / extract_s, 2),
                    "tokens_per_s": round(tokens / extract_s)},
        "ratio": round(extract_s / spacy_s, 3),
        "target_ratio": 1.25,
        "runs": {"spacy_alone": [round(s, 2) for s in spacy_times],
                 "extract": [round(s, 2) for s in extract_times]},
        "acts": args.acts,
        "jobs": args.jobs,
        "command": " ".join(extract_cmd[1:]).replace(str(corpus), "CORPUS.jsonl"),
        "machine": machine(),
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{docs} documents, {tokens} tokens; median of {args.repeat} runs, model loading included")
    print(f"extract: {result['command']}")
    print(f"{'':14}{'seconds':>10}{'docs/s':>10}{'tokens/s':>10}")
    for name, key in (("spaCy alone", "spacy_alone"), ("extract", "extract")):
        r = result[key]
        print(f"{name:14}{r['seconds']:>10.2f}{r['docs_per_s']:>10.2f}{r['tokens_per_s']:>10}")
    verdict = "within" if result["ratio"] <= 1.25 else "ABOVE"
    print(f"ratio extract / spaCy alone: {result['ratio']:.3f} ({verdict} the 1.25 target)")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
