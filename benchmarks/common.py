"""What the benchmarks share: where the project and the corpora are, the common options,
reading a corpus with the project's own readers, and running ``cli.py extract`` timed.

Benchmarks are scripts, run as ``.venv/bin/python benchmarks/NAME.py ...`` from the repository;
importing this module puts the repository first on ``sys.path`` so that they measure the
checkout's code.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"  # the development corpora (never part of the project)
CLI = ROOT / "cli.py"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def add_common(parser: argparse.ArgumentParser, *, acts: str | None = "speech", model: bool = True,
               json_flag: bool = True) -> argparse.ArgumentParser:
    """The options every benchmark takes: ``--acts`` (when ``acts`` is a default), ``--model``, ``--json``."""
    if acts is not None:
        parser.add_argument("--acts", default=acts,
                            help=f"attribution acts: speech, belief, intention, perception (comma-separated) "
                                 f"or all (default: {acts})")
    if model:
        parser.add_argument("--model", default=None, help="spaCy pipeline (default: quotes.run's choice)")
    if json_flag:
        parser.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def add_corpus(parser: argparse.ArgumentParser, default: Path | None = None, limit: bool = True) -> None:
    """The positional corpus (files or folders of articles) and ``--limit``."""
    if default is None:
        parser.add_argument("corpus", nargs="+", help="article files or folders (.txt, .jsonl)")
    else:
        parser.add_argument("corpus", nargs="*", default=[str(default)],
                            help=f"article files or folders (default: {default})")
    if limit:
        parser.add_argument("--limit", type=int, default=None, help="use the first N articles (default: all)")


def corpus_texts(paths: Sequence[str]) -> list[tuple[str, str]]:
    """``(id, text)`` of every article the project's readers find under ``paths``, in order."""
    from quotes.io import read_inputs
    from quotes.model import Document

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
