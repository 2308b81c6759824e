"""Accuracy of the extractor against gold: the three matching settings, counts and confidence.

Runs ``quotes.evaluate`` on a gold folder or JSONL file (default: the PolNeAR dev split) and
prints the report table, the raw counts, precision by confidence band and the wall time (model
loading included). ``--json`` prints the same as one JSON object instead.

    /tmp/venv/bin/python benchmarks/accuracy.py                       # ../shared/data/polnear/dev
    /tmp/venv/bin/python benchmarks/accuracy.py ../shared/data/polnear/dev --acts all
    /tmp/venv/bin/python benchmarks/accuracy.py GOLD --errors /tmp/errors.jsonl --json
    /tmp/venv/bin/python benchmarks/accuracy.py ../shared/data/ggt/dev.jsonl --strip
    /tmp/venv/bin/python benchmarks/accuracy.py ../shared/data/polnear/train --acts all --strip --every 4
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace

from common import DATA, add_common, machine

from quotes.evaluate import (
    GoldFormatError,
    evaluate_corpus,
    parse_acts,
    read_gold,
    render_bands,
    render_table,
)
from quotes.evaluate.gender import render_genders

DEFAULT_GOLD = DATA / "polnear" / "dev"


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, evaluate, print; 2 on a gold path that is not gold."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD),
                        help=f"gold folder (PolNeAR or flat brat) or JSONL (default: {DEFAULT_GOLD})")
    add_common(parser, json_flag=False)
    parser.add_argument("--errors", default=None, help="write misses, spurious and wrong speakers here")
    parser.add_argument("--errors-setting", default="cover0.3",
                        help="matching setting the errors file is written for (default: cover0.3)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--strip", action="store_true",
                        help="score on the texts stripped of quotation marks, apostrophes, parentheses and "
                             "dashes (the gold moves with them), as scraped corpora come")
    parser.add_argument("--gender", default="names", choices=("names", "text", "off"),
                        help="speakers' gender from the text and first names, the text alone, or off (default: names)")
    parser.add_argument("--every", type=int, default=1, metavar="N",
                        help="score every Nth gold document only (e.g. 4: a quarter of PolNeAR train)")
    args = parser.parse_args(argv)
    if args.every < 1:
        parser.error("--every must be at least 1")

    try:
        acts = parse_acts(args.acts)
    except ValueError as err:
        parser.error(str(err))

    from quotes.run import load_pipeline

    started = time.perf_counter()
    nlp = load_pipeline(args.model)
    loaded = time.perf_counter()
    try:
        corpus = read_gold(args.gold)
        corpus = replace(corpus, documents=corpus.documents[:: args.every])
        result = evaluate_corpus(corpus, nlp, acts, args.errors, args.errors_setting, strip=args.strip,
                                 gender=args.gender)
    except GoldFormatError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    finished = time.perf_counter()

    meta = {
        "gold": str(args.gold),
        "acts": list(acts),
        "strip": args.strip,
        "every": args.every,
        "model": f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        "documents": result.documents,
        "skipped": [{"source": s.source, "reason": s.reason} for s in result.skipped],
        "seconds_total": round(finished - started, 2),
        "seconds_model_load": round(loaded - started, 2),
        "machine": machine(),
    }
    if args.json:
        print(json.dumps({"scores": result.as_dict(), "counts": result.totals(), "gender": result.genders,
                          "confidence_bands": result.confidence_bands(), "run": meta}, indent=2))
        return 0

    from rich.console import Console

    console = Console()
    how = (f"acts: {', '.join(acts)}" + ("; stripped" if args.strip else "")
           + (f"; every {args.every}th document" if args.every > 1 else ""))
    console.print(render_table(result.as_dict(), title=f"{args.gold} ({how})"))
    console.print("counts:", json.dumps(result.totals()))
    console.print(render_bands(result.confidence_bands()))
    if result.genders:
        console.print(render_genders(result.genders, title=f"gender of the people quoted (--gender {args.gender})"))
    for s in result.skipped:
        console.print(f"skipped: {s.source}: {s.reason}", style="yellow")
    console.print(
        f"{result.documents} documents, {meta['seconds_total']} s wall "
        f"({meta['seconds_model_load']} s model load), model {meta['model']}; {meta['machine']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
