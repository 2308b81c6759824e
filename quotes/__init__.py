"""quotegraph: who said what in news articles.

The quote engine and its records; ``graph`` builds the speaker graph from them.
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Collection, Iterable
from pathlib import Path

from .model import Document, Quote, Span  # noqa: E402


def extract_text(text: str, acts: Collection[str] = ("speech",), model: str | None = None, doc_id: str = "doc",
                 title: str | None = None, date: str | None = None, url: str | None = None,
                 aliases: str | Path | None = None, gender: str = "names") -> list[Quote]:
    """Every quote of one text, the same ``Quote`` records as ``quotegraph extract``.

    See :func:`quotes.run.api.extract_text`; the spaCy pipeline is loaded on first use.
    """
    from .run import extract_text as run

    return run(text, acts, model, doc_id, title, date, url, aliases, gender=gender)


def extract_documents(documents: Iterable[Document | str], acts: Collection[str] = ("speech",),
                      model: str | None = None, aliases: str | Path | None = None, jobs: int = 1,
                      gender: str = "names") -> list[Quote]:
    """Every quote of several documents (``Document`` records or strings), with a ``speaker_id``
    stable across them: the same ``Quote`` records as ``quotegraph extract``.

    See :func:`quotes.run.api.extract_documents`.
    """
    from .run import extract_corpus

    return extract_corpus(documents, acts, model, aliases, jobs, gender=gender)


__all__ = ["Document", "Quote", "Span", "__version__", "extract_documents", "extract_text"]
