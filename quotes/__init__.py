"""quotegraph: who said what in news articles.

The quote engine and its records; ``graph`` builds the speaker graph from them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .model import Document, Quote, Span  # noqa: E402

__all__ = ["Document", "Quote", "Span", "__version__"]
