"""Who gets the credit: claimants of ``quotegraph claims`` against gold quotes in news.

Reads gold JSONL with speaker names (the GenderGapTracker layout of ``../shared/data/ggt``:
``{"id", "text", "quotes": [{"start", "end", "speaker_name", ...}]}``), runs the quote engine and
``find_claims`` on every article (every candidate claim, as ``--all``), and asks of each claim:

- inside a gold quote (more than half of the claim's characters in its content): is the
  claimant that quote's speaker (the same last word, or one name inside the other), or was it
  left to the publication?
- outside every gold quote: is it the publication's (no ``quote_id``)? GGT counts only the
  quotes a journalist would, so an engine quote it leaves out counts against this figure.

The speaker is the quote engine's (its attributed F1 bounds the first figure); what the claims
add is which claims go to which quote and how much of a sentence a claim takes.

    python benchmarks/claims_claimants.py ../shared/data/ggt/dev.jsonl   # from the repo root
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from common import DATA, add_common

from quotes.claims import Claim, find_claims
from quotes.engine import extract_from_parsed
from quotes.model import Document
from quotes.run import load_pipeline, parse_documents

DEFAULT_DATA = DATA / "ggt" / "dev.jsonl"
SITE = "https://news.example/article"  # every article gets a URL, so that narrative has a claimant


def same_person(name: str | None, gold: str | None) -> bool:
    """The same last word ("Doug McCallum", "McCallum"), or one name inside the other."""
    if not name or not gold:
        return False
    a, b = name.lower(), gold.lower()
    return a.split()[-1] == b.split()[-1] or a in b or b in a


def owner(claim: Claim, gold: Sequence[Mapping]) -> Mapping | None:
    """The gold quote holding more than half of the claim's characters."""
    for quote in gold:
        if (min(claim.end, quote["end"]) - max(claim.start, quote["start"])) * 2 > claim.end - claim.start:
            return quote
    return None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="?", default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="the first N articles (default: all)")
    add_common(parser, acts="speech")
    args = parser.parse_args(argv)
    if not args.gold.is_file():
        parser.error(f"{args.gold}: no such file")

    began = time.perf_counter()
    documents, golds = [], {}
    for line in args.gold.read_text(encoding="utf-8").splitlines()[: args.limit]:
        record = json.loads(line)
        documents.append(Document(str(record["id"]), record["text"], url=SITE))
        golds[str(record["id"])] = record["quotes"]
    acts = tuple(a.strip() for a in args.acts.split(","))
    inside = right = to_publication = outside = narrative = 0
    for document, parsed in parse_documents(documents, load_pipeline(args.model)):
        quotes = extract_from_parsed(document, parsed, acts, enrich=False)
        claims: list[Claim] = []
        for offset, sdoc in parsed:
            claims += find_claims(document, sdoc, offset, quotes, number_from=len(claims) + 1)
        for claim in claims:
            quote = owner(claim, golds[document.doc_id])
            if quote is None:
                outside += 1
                narrative += claim.quote_id is None
            else:
                inside += 1
                right += same_person(claim.claimant, quote.get("speaker_name"))
                to_publication += claim.quote_id is None
    figures = {
        "articles": len(documents), "claims_in_gold_quotes": inside,
        "credited_to_gold_speaker": right / inside if inside else 0.0,
        "left_to_publication": to_publication / inside if inside else 0.0,
        "claims_outside_gold_quotes": outside,
        "publications_outside": narrative / outside if outside else 0.0,
    }
    print(f"{len(documents)} articles ({time.perf_counter() - began:.0f}s)")
    print(f"claims inside gold quotes: {inside}; credited to the gold speaker "
          f"{figures['credited_to_gold_speaker']:.1%}, left to the publication {figures['left_to_publication']:.1%}")
    print(f"claims outside gold quotes: {outside}; the publication's {figures['publications_outside']:.1%}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
