"""Make every output sample and picture of the README from the current code.

Usage (from the repository root, in the environment quotegraph is installed in)::

    python docs/make_readme_samples.py             # rewrite the samples in README.md and both pictures
    python docs/make_readme_samples.py --no-pictures
    python docs/make_readme_samples.py --check     # exit 1 when a README sample differs from the code's

A sample sits in README.md between a ``<!-- sample NAME -->`` line and a ``<!-- /sample -->``
line, as one fenced block; this script writes what the command shown above it prints (tables at
100 columns). The pictures are ``docs/seed-graph.png`` (``quotegraph graph seeds/``, drawn by
``docs/draw_graph.py``, which needs matplotlib) and ``docs/show-seed.png`` (the page of
``quotegraph show seeds/`` in headless Chromium: ``apt-get install chromium`` on Debian).
``tests/test_readme.py`` runs :func:`render_samples` and fails when the README is out of date.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
WIDTH = 100  # the terminal the README's tables are shown at
BLOCK = re.compile(r"(<!-- sample (?P<name>[\w-]+) -->\n```(?P<lang>\w*)\n)(?P<body>.*?)(```\n<!-- /sample -->)", re.S)


def quotegraph(*args: str) -> tuple[str, str]:
    """Run a quotegraph command in this process, from the repository's root, at ``WIDTH``
    columns; its standard output and standard error."""
    from typer.testing import CliRunner

    from quotes.cli import app

    with contextlib.chdir(ROOT):
        done = CliRunner().invoke(app, list(args), env={"COLUMNS": str(WIDTH)}, catch_exceptions=False)
    if done.exit_code != 0:
        raise RuntimeError(f"quotegraph {' '.join(args)} exited {done.exit_code}: {done.stderr}")
    return done.stdout, done.stderr


def packed(record: dict, width: int = WIDTH) -> str:
    """A JSON object as the README shows it: still JSON, the short fields several to a line
    (up to ``width`` characters) and each long one on a line of its own."""
    items = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in record.items()]
    lines: list[str] = []
    for item in items:
        if lines and len(lines[-1]) + len(item) + 3 <= width:
            lines[-1] += ", " + item
        else:
            lines.append(" " + item)
    return "{" + ",\n".join(lines)[1:] + "}\n"


def _records(*args: str) -> list[dict]:
    out, _ = quotegraph(*args, "--format", "jsonl", "--jobs", "1")
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def split_record() -> dict:
    """The seed's first quote in several parts: the one the README shows in full."""
    return next(r for r in _records("extract", "seeds/") if len(r["parts"]) > 1)


def extract_table() -> str:
    out, err = quotegraph("extract", "seeds/", "--format", "table", "--jobs", "1")
    return out.rstrip() + "\n\n" + err


def extract_record() -> str:
    return packed(split_record())


# The claim fields the README shows (the rest are as in a quote record: countries, topics, title, ...)
CLAIM_FIELDS = ("claim_id", "text", "claimant", "claimant_type", "quote_id", "checkworthy",
                "checkworthiness", "score", "claim_type", "evidence")


def claim_record() -> str:
    quote = split_record()
    claim = next(c for c in _records("claims", "seeds/") if c["quote_id"] == quote["quote_id"])
    return packed({key: claim[key] for key in CLAIM_FIELDS})


def evaluate_table() -> str:
    out, err = quotegraph("evaluate", "examples/gold.jsonl")
    return out.rstrip() + "\n" + err


def transcript_text() -> str:
    return (ROOT / "examples" / "debate.txt").read_text(encoding="utf-8")


def transcript_claims() -> str:
    """Every claim of the made-up transcript, one per table row (the blank lines between rows
    left out: each fits on one line at this width)."""
    out, _ = quotegraph("claims", "examples/debate.txt", "--all", "--format", "table", "--jobs", "1")
    return "\n".join(line for line in out.splitlines() if line.strip())


SAMPLES: dict[str, Callable[[], str]] = {
    "extract-table": extract_table,
    "extract-record": extract_record,
    "claim-record": claim_record,
    "evaluate-table": evaluate_table,
    "transcript-text": transcript_text,
    "transcript-claims": transcript_claims,
}


def render_samples(names: Iterable[str] | None = None) -> dict[str, str]:
    """What each README sample should read, made now from the code."""
    text = {name: SAMPLES[name]() for name in (names or SAMPLES)}
    return {name: "\n".join(line.rstrip() for line in body.splitlines()).strip("\n") + "\n"
            for name, body in text.items()}


def readme_samples(readme: str) -> dict[str, str]:
    """The samples as the README has them."""
    return {m["name"]: m["body"] for m in BLOCK.finditer(readme)}


def with_samples(readme: str, samples: dict[str, str]) -> str:
    """The README with its samples replaced."""
    return BLOCK.sub(lambda m: m[1] + samples.get(m["name"], m["body"]) + m[5], readme)


def draw_graph(out: Path) -> None:
    """``docs/seed-graph.png``: the seed's speaker graph, drawn by docs/draw_graph.py."""
    sys.path.insert(0, str(ROOT / "docs"))
    import draw_graph

    with tempfile.TemporaryDirectory() as folder:
        graphml = Path(folder) / "seed.graphml"
        quotegraph("graph", "seeds/", "-o", str(graphml), "--jobs", "1")
        draw_graph.draw(draw_graph.read_graph(graphml), out, width=1200, height=560)


CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def screenshot_show(out: Path, width: int = 1200, height: int = 1500) -> None:
    """``docs/show-seed.png``: the page of ``quotegraph show seeds/`` in headless Chromium."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("no chromium on PATH: apt-get install -y chromium (or use --no-pictures)")
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        quotegraph("show", "seeds/", "-o", str(page), "--jobs", "1")
        profile = Path(folder) / "profile"
        profile.mkdir()
        subprocess.run([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}",
                        f"--window-size={width},{height}", f"--screenshot={out}", page.as_uri()],
                       check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only say whether README.md is up to date")
    parser.add_argument("--no-pictures", action="store_true", help="leave the PNGs alone")
    args = parser.parse_args(argv)
    readme = README.read_text(encoding="utf-8")
    have = readme_samples(readme)
    missing = set(SAMPLES) - set(have)
    if missing:
        raise SystemExit(f"README.md has no block for {', '.join(sorted(missing))}")
    samples = render_samples()
    stale = [name for name in SAMPLES if have[name] != samples[name]]
    if args.check:
        print("up to date" if not stale else "out of date: " + ", ".join(stale))
        return 1 if stale else 0
    README.write_text(with_samples(readme, samples), encoding="utf-8")
    print("README.md: " + (", ".join(stale) + " rewritten" if stale else "samples up to date"))
    if not args.no_pictures:
        draw_graph(ROOT / "docs" / "seed-graph.png")
        screenshot_show(ROOT / "docs" / "show-seed.png")
        print("docs/seed-graph.png, docs/show-seed.png drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
