"""Throughput: ``quotegraph extract`` against the same texts through the spaCy pipeline alone.

Both sides are fresh Python processes that read the same JSONL file, so both pay interpreter
start, imports and model loading:

* extract: ``python cli.py extract CORPUS.jsonl --format jsonl --jobs 1`` (output to
  /dev/null; one process, as spaCy alone is; ``--jobs`` changes that);
* spaCy alone: ``quotes.run.load_pipeline`` (same model, same disabled components) and
  ``quotes.run.parse_documents`` (same pieces, same ``nlp.pipe`` batch size; every paragraph
  parsed in full), nothing after.

``extract`` parses in full only the paragraphs that can hold a quote, runs the entity recognizer
only on the sentences that may name something, and memoises the attribute ruler and lemmatizer
(``quotes.run.selective``); ``--full-parse`` adds a third side, the same extract with
``QUOTEGRAPH_PARSE=full`` (spaCy's own pipeline over everything, as before), so that both ratios
come from the same minutes of the machine. The ratio of extract to spaCy alone was at most 1.25
with the full parse; with parsing less the target is at most 0.85. Runs alternate between the
sides; the median of ``--repeat`` runs is reported, in wall time and in processor time (user +
system of each child process), which moves much less when other jobs share the machine.
``--coverage`` also counts the tokens parsed in full and those the entity recognizer reads.

    /tmp/venv/bin/python benchmarks/throughput.py ../shared/data/polnear/dev/text
    /tmp/venv/bin/python benchmarks/throughput.py ../shared/data/polnear/train/text --limit 300
    /tmp/venv/bin/python benchmarks/throughput.py ../shared/data/polnear/dev/text --repeat 3 --full-parse --coverage
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from common import (
    ROOT,
    add_common,
    add_corpus,
    corpus_texts,
    extract_command,
    machine,
    timed,
    write_jsonl,
)

# The spaCy side, run with ``python -c``: argv = [jsonl, model or ""].
SPACY_ALONE = """
import json, sys
sys.path.insert(0, {root!r})
from quotes.model import Document
from quotes.run import load_pipeline
from quotes.run import parse_documents
from quotes.io import read_inputs
nlp = load_pipeline(sys.argv[2] or None)
documents = (d for d in read_inputs([sys.argv[1]]) if isinstance(d, Document))
n = tokens = 0
for document, pieces in parse_documents(documents, nlp):
    n += 1
    tokens += sum(len(doc) for _, doc in pieces)
print(json.dumps({{"documents": n, "tokens": tokens}}))
"""


def _cpu_timed(cmd: list[str], **kwargs) -> tuple[float, float, object]:
    """Wall and CPU seconds (user + system, the child's alone) of one run of ``cmd``. CPU time
    hardly moves when other jobs share the machine; wall time does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds, proc = timed(cmd, **kwargs)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, cpu, proc


def coverage(corpus: Path, acts: str, model: str | None) -> dict[str, int]:
    """Tokens of the corpus, those parsed in full and those the entity recognizer reads (its
    margins included) when parsing less: the work ``extract`` leaves out."""
    from quotes.evaluate import parse_acts
    from quotes.io import read_inputs
    from quotes.model import Document
    from quotes.run import load_pipeline, parse_documents, selective

    nlp = load_pipeline(model)
    chosen = parse_acts(acts)
    forms = selective._forms(nlp, tuple(sorted(chosen)))
    documents = (d for d in read_inputs([str(corpus)]) if isinstance(d, Document))
    counts = {"tokens": 0, "parsed": 0, "recognised": 0}
    margin = selective.NER_MARGIN
    for _, pieces in parse_documents(documents, nlp, acts=chosen):
        for _, doc in pieces:
            counts["tokens"] += len(doc)
            counts["parsed"] += sum(b - a for a, b in selective.to_parse(doc, forms))
            counts["recognised"] += sum(min(len(doc), b + margin) - max(0, a - margin)
                                        for a, b in selective.to_recognise(doc, 2 * margin))
    return counts


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, time both sides, print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_corpus(parser)
    add_common(parser)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each side (default: 3)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="extract's --jobs (default: 1, like spaCy alone; ignored if the CLI "
                             "has no --jobs)")
    parser.add_argument("--full-parse", action="store_true",
                        help="also time extract with QUOTEGRAPH_PARSE=full (every paragraph parsed)")
    parser.add_argument("--coverage", action="store_true",
                        help="also count the tokens parsed in full and those the entity recognizer reads")
    args = parser.parse_args(argv)

    texts = corpus_texts(args.corpus)
    count = min(args.limit or len(texts), len(texts))
    with tempfile.TemporaryDirectory(prefix="qg-throughput-") as tmp:
        corpus = write_jsonl(texts, count, Path(tmp) / "corpus.jsonl")
        spacy_cmd = [sys.executable, "-c", SPACY_ALONE.format(root=str(ROOT)), str(corpus), args.model or ""]
        extract_cmd = extract_command([str(corpus)], args.acts, args.model, jobs=args.jobs)
        spacy_times, extract_times, full_times = [], [], []
        cpu: dict[str, list[float]] = {"spacy_alone": [], "extract": [], "extract_full_parse": []}
        counted: dict[str, int] = {}
        for _ in range(args.repeat):
            seconds, used, proc = _cpu_timed(spacy_cmd, stdout=subprocess.PIPE)
            spacy_times.append(seconds)
            cpu["spacy_alone"].append(used)
            counted = json.loads(proc.stdout.strip().splitlines()[-1])
            seconds, used, proc = _cpu_timed(extract_cmd)
            extract_times.append(seconds)
            cpu["extract"].append(used)
            summary = proc.stderr.strip().splitlines()[-1:] or [""]
            if args.full_parse:
                os.environ["QUOTEGRAPH_PARSE"] = "full"
                try:
                    full_seconds, used, _ = _cpu_timed(extract_cmd)
                    full_times.append(full_seconds)
                    cpu["extract_full_parse"].append(used)
                finally:
                    del os.environ["QUOTEGRAPH_PARSE"]
            full = f", extract (full parse) {full_times[-1]:.2f} s" if full_times else ""
            print(f"  spaCy {spacy_times[-1]:.2f} s, extract {seconds:.2f} s{full}  ({summary[0]})",
                  file=sys.stderr)

        covered = coverage(corpus, args.acts, args.model) if args.coverage else None

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
        "target_ratio": 0.85,
        "runs": {"spacy_alone": [round(s, 2) for s in spacy_times],
                 "extract": [round(s, 2) for s in extract_times]},
        "cpu_seconds": {side: round(statistics.median(values), 2) for side, values in cpu.items() if values},
        "cpu_ratio": round(statistics.median(cpu["extract"]) / statistics.median(cpu["spacy_alone"]), 3),
        **({"cpu_ratio_full_parse": round(statistics.median(cpu["extract_full_parse"])
                                          / statistics.median(cpu["spacy_alone"]), 3)} if full_times else {}),
        "acts": args.acts,
        **({"extract_full_parse": {"seconds": round(statistics.median(full_times), 2),
                                   "ratio": round(statistics.median(full_times) / spacy_s, 3),
                                   "runs": [round(s, 2) for s in full_times]}} if full_times else {}),
        **({"coverage": covered} if covered else {}),
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
    verdict = "within" if result["ratio"] <= 0.85 else "ABOVE"
    print(f"ratio extract / spaCy alone: {result['ratio']:.3f} ({verdict} the 0.85 target); "
          f"by CPU time {result['cpu_ratio']:.3f}")
    if full_times:
        full = result["extract_full_parse"]
        print(f"extract with the full parse: {full['seconds']:.2f} s, ratio {full['ratio']:.3f}; "
              f"by CPU time {result['cpu_ratio_full_parse']:.3f}")
    if covered:
        tokens = covered["tokens"] or 1
        print(f"parsing less ({args.acts}): {covered['parsed']} of {covered['tokens']} tokens parsed in full "
              f"({100 * covered['parsed'] / tokens:.1f}%), {covered['recognised']} read by the entity "
              f"recognizer ({100 * covered['recognised'] / tokens:.1f}%)")
    print(f"machine: {result['machine']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
