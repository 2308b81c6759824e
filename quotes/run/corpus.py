"""A corpus in two passes: quotes are spooled to a temporary file while their names are
gathered, then come back with aliases applied and a ``speaker_id`` stable across the corpus.

Memory holds only the distinct names, not the records, so it does not grow with the corpus.
The spool lives in the temporary folder (``TMPDIR``); a spool that cannot be written (a full
disk) is a :class:`SpoolError` naming that folder, never blamed on the output.
"""

from __future__ import annotations

import contextlib
import pickle
import tempfile
from collections import Counter
from collections.abc import Iterable, Iterator

from ..enrich import (
    NO_ALIASES,
    Aliases,
    NameIndex,
    apply_aliases,
    corpus_names,
    name_key,
    person_names,
    with_gender_mode,
    with_speaker_ids,
)
from ..model import Quote


class SpoolError(RuntimeError):
    """The spool of quotes could not be written or read back (a full or read-only ``TMPDIR``)."""

    def __init__(self, err: OSError) -> None:
        super().__init__(f"cannot write the temporary file of speaker ids in {tempfile.gettempdir()} "
                         f"(TMPDIR): {err.strerror or err}")


def identify_speakers(quotes: Iterable[Quote], aliases: Aliases = NO_ALIASES, gender: str = "names") -> Iterator[Quote]:
    """The quotes, in the same order, under canonical names and with ``speaker_id`` set; their
    genders as ``gender`` asks (``names``, ``text`` or ``off``: ``enrich.with_gender_mode``).

    Nothing comes out before the input is exhausted: the id of a surname alone ("Roe") depends
    on whether the corpus names one person of that surname or two.
    """
    names: Counter[str] = Counter()
    people: set[str] = set()
    try:
        spool = tempfile.TemporaryFile()
    except OSError as err:
        raise SpoolError(err) from None
    try:
        for quote in quotes:
            quote = with_gender_mode(apply_aliases(quote, aliases), gender)
            names.update(corpus_names(quote))
            people.update(name_key(n) for n in person_names(quote))
            try:
                pickle.dump(quote, spool, protocol=pickle.HIGHEST_PROTOCOL)
            except OSError as err:
                raise SpoolError(err) from None
        index = NameIndex(names.elements(), people=people)
        try:
            spool.seek(0)  # writes out what is still buffered
        except OSError as err:
            raise SpoolError(err) from None
        while True:
            try:
                quote = pickle.load(spool)  # our own file, written just above
            except EOFError:
                break
            except OSError as err:
                raise SpoolError(err) from None
            yield with_speaker_ids([quote], index)[0]
    finally:
        with contextlib.suppress(OSError):  # a full disk fails the flush again: reported above
            spool.close()
