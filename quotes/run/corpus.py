"""A corpus in two passes: quotes are spooled to a temporary file while their names are
gathered, then come back with aliases applied and a ``speaker_id`` stable across the corpus.

Memory holds only the distinct names, not the records, so it does not grow with the corpus.
"""

from __future__ import annotations

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


def identify_speakers(quotes: Iterable[Quote], aliases: Aliases = NO_ALIASES, gender: str = "names") -> Iterator[Quote]:
    """The quotes, in the same order, under canonical names and with ``speaker_id`` set; their
    genders as ``gender`` asks (``names``, ``text`` or ``off``: ``enrich.with_gender_mode``).

    Nothing comes out before the input is exhausted: the id of a surname alone ("Roe") depends
    on whether the corpus names one person of that surname or two.
    """
    names: Counter[str] = Counter()
    people: set[str] = set()
    with tempfile.TemporaryFile() as spool:
        for quote in quotes:
            quote = with_gender_mode(apply_aliases(quote, aliases), gender)
            names.update(corpus_names(quote))
            people.update(name_key(n) for n in person_names(quote))
            pickle.dump(quote, spool, protocol=pickle.HIGHEST_PROTOCOL)
        index = NameIndex(names.elements(), people=people)
        spool.seek(0)
        while True:
            try:
                quote = pickle.load(spool)  # our own file, written just above
            except EOFError:
                break
            yield with_speaker_ids([quote], index)[0]
