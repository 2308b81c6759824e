"""Progress on standard error for long runs: documents done, documents/s, time left."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from ..io import JSONL_SUFFIXES, check_file, walk


def count_documents(inputs: Sequence[str]) -> int | None:
    """How many documents the inputs hold, counted cheaply (lines of JSONL, files); ``None``
    when it cannot be known in advance (standard input). Nothing but regular files is opened,
    so a FIFO among the inputs cannot block the count."""
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        if check_file(path) is not None:
            total += 1  # reported as skipped by the readers
            continue
        for file in (walk(path) if path.is_dir() else [path]):
            if isinstance(file, Path) and file.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with file.open("rb") as stream:
                        total += sum(1 for line in stream if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


# The rate is shown once it means something: the first results come in a burst (a batch parsed
# at once, or workers that all finish loading together), which over a second reads as hundreds
# of documents a second.
RATE_AFTER_SECONDS = 5.0
RATE_AFTER_DOCUMENTS = 5


def rate_text(done: float, elapsed: float | None, total: float | None = None) -> str:
    """Documents a second over the whole run so far, and the time left at that rate
    (``"4.2 docs/s, 0:01:10 left"``); empty until ``RATE_AFTER_SECONDS`` and
    ``RATE_AFTER_DOCUMENTS`` are reached."""
    if not elapsed or elapsed < RATE_AFTER_SECONDS or done < RATE_AFTER_DOCUMENTS:
        return ""
    rate = done / elapsed
    text = f"{rate:,.1f} docs/s"
    if total is not None and total > done:
        left = int((total - done) / rate + 0.5)
        text += f", {left // 3600}:{left // 60 % 60:02d}:{left % 60:02d} left"
    return text


class Progress:
    """A rich progress bar on stderr; shown only when stderr is a terminal."""

    def __init__(self, total: int | None, label: str = "documents") -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, ProgressColumn, TextColumn
        from rich.progress import Progress as Bar
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):
                return Text(rate_text(task.completed, task.elapsed, task.total))

        self._bar = Bar(TextColumn(label), BarColumn(), MofNCompleteColumn(), Rate(),
                        console=Console(file=sys.stderr), transient=True)
        self._task = self._bar.add_task(label, total=total)
        self._bar.start()

    def advance(self) -> None:
        self._bar.advance(self._task)

    def close(self) -> None:
        self._bar.stop()


def make_progress(inputs: Sequence[str], quiet: bool) -> Progress | None:
    """A progress bar when it is wanted: stderr is a terminal and ``--quiet`` was not given."""
    if quiet or not sys.stderr.isatty():
        return None
    return Progress(count_documents(inputs))
