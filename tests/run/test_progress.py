"""The progress bar's rate: shown once it means something, not for the first burst of results."""

from __future__ import annotations

import pytest

from quotes.run.progress import rate_text


@pytest.mark.parametrize(
    ("done", "elapsed", "total", "expected"),
    [
        (32, 0.03, 100, ""),  # a first batch arriving at once is not "1,066 docs/s"
        (32, 1.0, 100, ""),
        (4, 10.0, 100, ""),  # too few documents to say
        (10, 4.9, None, ""),
        (0, None, 100, ""),
        (10, 5.0, None, "2.0 docs/s"),  # standard input: no total, no time left
        (50, 10.0, 100, "5.0 docs/s, 0:00:10 left"),
        (100, 20.0, 10_000, "5.0 docs/s, 0:33:00 left"),
        (50, 10.0, 50, "5.0 docs/s"),  # done: nothing left
        (12_000, 6.0, None, "2,000.0 docs/s"),
    ],
)
def test_rate_text(done, elapsed, total, expected):
    assert rate_text(done, elapsed, total) == expected
