"""The Python API: text or documents in, the same ``Quote`` records as ``quotegraph extract``."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from ..enrich import Aliases, load_aliases
from ..model import Document, Quote, Skipped
from .corpus import identify_speakers
from .parallel import process


def _document(item: Document | str, number: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(doc_id=f"doc{number}", text=item, source=f"doc{number}")
    raise TypeError(f"expected a Document or a str, got {type(item).__name__}")


def extract_documents(documents: Iterable[Document | str], acts: Collection[str] = ("speech",),
                      model: str | None = None, aliases: Aliases | str | Path | None = None,
                      jobs: int = 1, gender: str = "names") -> list[Quote]:
    """Every quote of every document, in input order, as ``quotegraph extract`` writes them.

    Args:
        documents: ``Document`` records (see ``quotes.io.readers.read_inputs`` for files), or
            plain strings, which become documents ``doc1``, ``doc2``, ...
        acts: attribution acts to keep: ``speech``, ``belief``, ``intention``,
            ``perception`` or ``all``.
        model: the spaCy pipeline to load (default: an installed ``en_core_web_sm``).
        aliases: an aliases TSV file (or loaded ``Aliases``) mapping names to canonical names.
        jobs: worker processes.
        gender: ``names`` (the speakers' gender from the text, else from a first name),
            ``text`` (from the text alone) or ``off``.

    Returns:
        The quotes with ``speaker_id`` set across all the documents given.

    Raises:
        ValueError: the rules failed on a document (the message names it and says why).
    """
    if not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    docs = (_document(item, number) for number, item in enumerate(documents, 1))

    def quotes() -> Iterable[Quote]:
        for _, result in process(docs, model, tuple(acts), jobs):
            if isinstance(result, Skipped):  # the rules failed on this document
                raise ValueError(f"{result.source}: {result.reason}")  # noqa: TRY004 (a value, not a type, is wrong)
            yield from result

    return list(identify_speakers(quotes(), aliases, gender))


def extract_text(text: str, acts: Collection[str] = ("speech",), model: str | None = None,
                 doc_id: str = "doc", title: str | None = None, date: str | None = None,
                 url: str | None = None, aliases: Aliases | str | Path | None = None,
                 gender: str = "names") -> list[Quote]:
    """Every quote of one text, as ``quotegraph extract`` writes them (``doc_id`` names it)."""
    document = Document(doc_id=doc_id, text=text, title=title, date=date, url=url, source=doc_id)
    return extract_documents([document], acts, model, aliases, gender=gender)
