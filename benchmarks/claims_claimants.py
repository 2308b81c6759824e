"""Who gets the credit: claimants of ``quotegraph claims`` against gold attributions in news.

Reads any gold that ``quotegraph evaluate`` reads (the PolNeAR layout, or gold JSONL such as
``../shared/data/ggt/dev.jsonl``), runs the quote engine and ``find_claims`` on every article
(every candidate claim, as ``--all``), and asks of each claim:

- inside a gold quote (more than half of the claim's characters in its content): was it
  credited to a quote whose speaker mention overlaps the gold speaker (Source), or left to the
  publication?
- outside every gold quote: is it the publication's (no ``quote_id``)? GGT counts only the
  quotes a journalist would, and PolNeAR beliefs and intentions as well as speech, so quotes
  one finds and the other does not count against these figures.

The speaker mention is the quote engine's (its attributed F1 bounds the first figure); what
the claims add is which claims go to which quote and how much of a sentence a claim takes.

    python benchmarks/claims_claimants.py ../shared/data/ggt/dev.jsonl   # from the repo root
    python benchmarks/claims_claimants.py ../shared/data/polnear/dev
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from common import DATA, add_common

from quotes.claims import Claim, find_claims
from quotes.engine import extract_from_parsed
from quotes.evaluate import GoldQuote, read_gold
from quotes.model import Document, Quote
from quotes.run import load_pipeline, parse_documents

DEFAULT_DATA = DATA / "ggt" / "dev.jsonl"
SITE = "https://news.example/article"  # every article gets a URL, so that narrative has a claimant


def owner(claim: Claim, gold: Sequence[GoldQuote]) -> GoldQuote | None:
    """The gold quote holding more than half of the claim's characters."""
    for quote in gold:
        inside = sum(max(0, min(claim.end, e) - max(claim.start, s)) for s, e in quote.content)
        if inside * 2 > claim.end - claim.start:
            return quote
    return None


def same_speaker(quote: Quote, gold: GoldQuote) -> bool:
    """The quote's speaker mention overlaps the gold Source."""
    mention = quote.speaker_mention
    return mention is not None and any(min(mention.end, e) > max(mention.start, s) for s, e in gold.source)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, nargs="?", default=DEFAULT_DATA,
                        help="gold as quotegraph evaluate reads it (PolNeAR folder, gold JSONL)")
    parser.add_argument("--limit", type=int, default=None, help="the first N articles (default: all)")
    add_common(parser, acts="speech")
    args = parser.parse_args(argv)
    if not args.gold.exists():
        parser.error(f"{args.gold}: not found")

    began = time.perf_counter()
    corpus = read_gold(args.gold)
    gold_documents = corpus.documents[: args.limit]
    golds = {d.doc_id: d.quotes for d in gold_documents}
    documents = [Document(d.doc_id, d.text, url=SITE) for d in gold_documents]
    acts = tuple(a.strip() for a in args.acts.split(","))
    inside = right = to_publication = outside = narrative = 0
    for document, parsed in parse_documents(documents, load_pipeline(args.model)):
        quotes = extract_from_parsed(document, parsed, acts, enrich=False)
        by_id = {q.quote_id: q for q in quotes}
        claims: list[Claim] = []
        for offset, sdoc in parsed:
            claims += find_claims(document, sdoc, offset, quotes, number_from=len(claims) + 1)
        for claim in claims:
            gold = owner(claim, golds[document.doc_id])
            if gold is None:
                outside += 1
                narrative += claim.quote_id is None
            else:
                inside += 1
                to_publication += claim.quote_id is None
                right += claim.quote_id is not None and same_speaker(by_id[claim.quote_id], gold)
    figures = {
        "articles": len(documents), "claims_in_gold_quotes": inside,
        "credited_to_gold_speaker": right / inside if inside else 0.0,
        "left_to_publication": to_publication / inside if inside else 0.0,
        "claims_outside_gold_quotes": outside,
        "publications_outside": narrative / outside if outside else 0.0,
    }
    print(f"{corpus.layout}: {len(documents)} articles ({time.perf_counter() - began:.0f}s)")
    print(f"claims inside gold quotes: {inside}; credited to a quote whose speaker mention is the gold one "
          f"{figures['credited_to_gold_speaker']:.1%}, left to the publication {figures['left_to_publication']:.1%}")
    print(f"claims outside gold quotes: {outside}; the publication's {figures['publications_outside']:.1%}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
