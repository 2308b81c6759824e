"""What a run did with its inputs: every input counted, the first few skipped ones named on
standard error, and every one of them listed in a file when asked (``--skipped FILE``).

Memory and messages stay flat however many inputs are skipped: two million bad JSONL lines
give twenty named lines on stderr, a count, and (with ``--skipped``) a file of two million.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO

from ..model import Skipped

Report = Callable[[str], None]
# Skipped inputs (and warnings) named on standard error and in the summary line; the rest are
# counted. ``--skipped FILE`` lists every skipped input.
NAMED = 20


@dataclass
class Summary:
    """What a run did with its inputs: processed + skipped = read.

    ``skipped`` holds the first :data:`NAMED` skipped inputs, ``skipped_count`` counts them all.
    """

    processed: int = 0
    records: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    noun: str = "quotes"
    skipped_count: int = 0
    warnings: int = 0
    listing: IO[str] | None = field(default=None, repr=False)  # --skipped FILE, while open

    @property
    def read(self) -> int:
        return self.processed + self.skipped_count

    @property
    def exit_code(self) -> int:
        return 1 if self.skipped_count else 0

    def skip(self, item: Skipped, report: Report) -> None:
        """Count a skipped input; name it while fewer than :data:`NAMED` were, then say once
        that the rest are only counted; list it in the ``--skipped`` file if there is one."""
        self.skipped_count += 1
        if self.listing is not None:
            self.listing.write(json.dumps({"source": item.source, "reason": item.reason}, ensure_ascii=False) + "\n")
        if self.skipped_count <= NAMED:
            self.skipped.append(item)
            report(f"skipped: {item.source}: {item.reason}")
        elif self.skipped_count == NAMED + 1:
            where = "the --skipped file lists" if self.listing is not None else "--skipped FILE would list"
            report(f"skipped: more than {NAMED} inputs; the rest are counted, not named ({where} them all)")

    def warn(self, message: str, report: Report) -> None:
        """A warning, shown while fewer than :data:`NAMED` were, then counted."""
        self.warnings += 1
        if self.warnings <= NAMED:
            report(f"warning: {message}")
        elif self.warnings == NAMED + 1:
            report(f"warning: more than {NAMED} warnings; the rest are not shown")

    def line(self) -> str:
        documents = "document" if self.read == 1 else "documents"
        noun = self.noun[:-1] if self.records == 1 and self.noun.endswith("s") else self.noun
        text = (f"quotegraph: {self.read} {documents} read, {self.processed} processed, "
                f"{self.records} {noun} found")
        if self.skipped_count:
            names = "; ".join(f"{s.source} ({s.reason})" for s in self.skipped)
            more = self.skipped_count - len(self.skipped)
            text += f", {self.skipped_count} skipped: {names}" + (f"; and {more:,} more" if more > 0 else "")
        return text
