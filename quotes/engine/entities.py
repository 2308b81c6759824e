"""The people of a document as the speaker stage found them: one frozen record per person, with
every mention that was tied to the person (names, the pronouns and descriptions resolved to
them) as character offsets into the document's text.

Later stages read these instead of the parse: gender from the pronouns that refer to a person,
or a count of the people quoted. ``speakers.PersonIndex.entities`` makes them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

# How a mention named the person: by a name or part of one, by a pronoun, by a description.
MENTION_KINDS = ("name", "pronoun", "description")


@dataclass(frozen=True)
class EntityMention:
    """One mention of a person: ``text == document.text[start:end]``; ``kind`` in MENTION_KINDS."""

    start: int
    end: int
    text: str
    kind: str


@dataclass(frozen=True)
class Entity:
    """A person of one document: canonical name, roles (title words and role categories), the
    gender pronouns were made to agree with ("f", "m" or None) with its evidence ("honorific"
    or "noun" from the words around a name, else "name" from the first name, else "pronoun",
    or None), and every mention, in text order."""

    name: str
    kind: str = "person"
    gender: str | None = None
    gender_evidence: str | None = None
    roles: tuple[str, ...] = ()
    mentions: tuple[EntityMention, ...] = ()

    @property
    def pronouns(self) -> tuple[EntityMention, ...]:
        """The pronoun mentions: "she", "his" ... that refer to the person."""
        return tuple(m for m in self.mentions if m.kind == "pronoun")


# A photo credit closing a caption: "(Jane Roe/The Canadian Press)", "(John Smith / CBC News)",
# and the same with its parentheses stripped: "... on Monday. Jane Roe / CBC News".
_CREDIT = re.compile(r"\(([^()\n]{2,80})\)[^\S\n]*(?=\n|$)")
_BARE_CREDIT = re.compile(r"(?:^|(?<=[.!?\"”’] ))([A-Z][\w'’.-]*(?:[^\S\n][A-Z][\w'’.-]*){0,3}[^\S\n]?/[^\S\n]?[A-Z][^\n/]{1,40}?)[^\S\n]*(?=\n|$)",
                          re.M)


def credit_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of a text that name who made a picture or wrote the piece, not who
    spoke: a parenthesis closing a line (a photo credit), and caption lines the page repeats
    word for word ("The Canadian Press A train is shown near Field on Monday."). Sorted."""
    ranges = [(m.start(1), m.end(1)) for m in _CREDIT.finditer(text)]
    ranges += [(m.start(1), m.end(1)) for m in _BARE_CREDIT.finditer(text)]
    lines: dict[str, list[tuple[int, int]]] = {}
    start = 0
    for line in text.split("\n"):
        if len(line.split()) >= 4:
            lines.setdefault(line.strip(), []).append((start, start + len(line)))
        start += len(line) + 1
    ranges += [r for found in lines.values() if len(found) > 1 for r in found]
    return sorted(ranges)


def inside(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside one of the sorted ``ranges``."""
    k = bisect_right(ranges, (start, float("inf"))) - 1
    return k >= 0 and ranges[k][0] <= start and end <= ranges[k][1]
