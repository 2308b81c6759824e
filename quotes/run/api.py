"""The Python API: text or documents in, the same ``Quote`` records as ``quotegraph extract``."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path

from ..enrich import Aliases, load_aliases
from ..model import ACTS, Document, Quote, Skipped, parse_acts
from .corpus import identify_speakers
from .parallel import process


def _document(item: Document | str, number: int) -> Document:
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return Document(doc_id=f"doc{number}", text=item, source=f"doc{number}")
    raise TypeError(f"documents: item {number} is a {type(item).__name__}: expected a Document or a str")


def _check(documents: object, acts: object, model: object, aliases: object, jobs: object) -> tuple[str, ...]:
    """The acts asked for, once every argument is checked: a wrong type is a ``TypeError``, a
    wrong value a ``ValueError``, each naming the argument, never a silently empty result."""
    if isinstance(documents, (str, bytes, Document)):
        raise TypeError(f"documents: expected an iterable of Document or str, got one {type(documents).__name__} "
                        "(for one text, use extract_text or pass [text])")
    if not hasattr(documents, "__iter__"):
        raise TypeError(f"documents: expected an iterable of Document or str, got {type(documents).__name__}")
    if model is not None and not isinstance(model, str):
        raise TypeError(f"model: expected the name of a spaCy pipeline or None, got {type(model).__name__}")
    if aliases is not None and not isinstance(aliases, (Aliases, str, Path)):
        raise TypeError(f"aliases: expected a file name, a Path or Aliases, got {type(aliases).__name__}")
    if isinstance(jobs, bool) or not isinstance(jobs, int):
        raise TypeError(f"jobs: expected an int, got {type(jobs).__name__}")
    if jobs < 1:
        raise ValueError(f"jobs: must be 1 or more, got {jobs}")
    wanted = parse_acts(acts, "acts")
    return ("all",) if set(wanted) == set(ACTS) else wanted  # as the command line's --acts all


def extract_documents(documents: Iterable[Document | str], acts: Collection[str] = ("speech",),
                      model: str | None = None, aliases: Aliases | str | Path | None = None,
                      jobs: int = 1, gender: str = "names") -> list[Quote]:
    """Every quote of every document, in input order, as ``quotegraph extract`` writes them.

    Args:
        documents: ``Document`` records (see ``quotes.io.readers.read_inputs`` for files), or
            plain strings, which become documents ``doc1``, ``doc2``, ...
        acts: attribution acts to keep: ``speech``, ``belief``, ``intention``,
            ``perception`` or ``all``, as a list or one string (``"speech,belief"``).
        model: the spaCy pipeline to load (default: an installed ``en_core_web_sm``).
        aliases: an aliases TSV file (or loaded ``Aliases``) mapping names to canonical names.
        jobs: worker processes.
        gender: ``names`` (the speakers' gender from the text, else from a first name),
            ``text`` (from the text alone) or ``off``.

    Returns:
        The quotes with ``speaker_id`` set across all the documents given.

    Raises:
        TypeError: an argument of the wrong type (a single string as ``documents``); the
            message names the argument.
        ValueError: an unknown act or none, ``jobs`` below 1, or the rules failed on a
            document (the message names it and says why).
    """
    wanted = _check(documents, acts, model, aliases, jobs)
    if not isinstance(aliases, Aliases):
        aliases = load_aliases(aliases)
    docs = (_document(item, number) for number, item in enumerate(documents, 1))

    def quotes() -> Iterable[Quote]:
        for _, result in process(docs, model, wanted, jobs):
            if isinstance(result, Skipped):  # the rules failed on this document
                raise ValueError(f"{result.source}: {result.reason}")  # noqa: TRY004 (a value, not a type, is wrong)
            yield from result

    return list(identify_speakers(quotes(), aliases, gender))


def extract_text(text: str, acts: Collection[str] = ("speech",), model: str | None = None,
                 doc_id: str = "doc", title: str | None = None, date: str | None = None,
                 url: str | None = None, aliases: Aliases | str | Path | None = None,
                 gender: str = "names") -> list[Quote]:
    """Every quote of one text, as ``quotegraph extract`` writes them (``doc_id`` names it).

    Raises:
        TypeError: ``text`` is not a string (the other arguments as in ``extract_documents``).
    """
    if not isinstance(text, str):
        raise TypeError(f"text: expected a str, got {type(text).__name__}")
    document = Document(doc_id=doc_id, text=text, title=title, date=date, url=url, source=doc_id)
    return extract_documents([document], acts, model, aliases, gender=gender)
