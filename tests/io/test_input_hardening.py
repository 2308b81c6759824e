"""Readers against inputs built to hurt: many repeated ids, many bad lines, line separators
inside JSON strings, unreadable folders, byte-order marks."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from quotes.io import read_inputs
from quotes.model import Document, Skipped

QUOTE = '"We will win the vote next week," Jane Roe said.'


def cpu_seconds(work, repeats: int = 3) -> float:
    """Processor seconds of ``work()``, best of ``repeats`` (processor time: a busy machine
    does not inflate it)."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        work()
        best = min(best, time.process_time() - started)
    return best


def _same_ids(tmp_path: Path, count: int) -> Path:
    path = tmp_path / f"same-{count}.jsonl"
    path.write_text("".join(json.dumps({"id": "same", "text": "T."}) + "\n" for _ in range(count)), encoding="utf-8")
    return path


def test_many_records_of_one_id_cost_linear_time(tmp_path):
    """20,000 records of one id took 31.7 s (10,000: 8.4 s): each looked for its suffix from
    -2 up. Four times the records may cost at most eight times as long."""
    small, large = _same_ids(tmp_path, 2000), _same_ids(tmp_path, 8000)
    ids = [d.doc_id for d in read_inputs([str(large)])]
    assert ids[:3] == ["same", "same-2", "same-3"] and ids[-1] == "same-8000" and len(set(ids)) == 8000
    first = cpu_seconds(lambda: list(read_inputs([str(small)])))
    second = cpu_seconds(lambda: list(read_inputs([str(large)])))
    assert second <= 8 * max(first, 0.02)
