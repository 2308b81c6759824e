"""The people of a document as the speaker stage found them: one frozen record per person, with
every mention that was tied to the person (names, the pronouns and descriptions resolved to
them) as character offsets into the document's text.

Later stages read these instead of the parse: gender from the pronouns that refer to a person,
or a count of the people quoted. ``speakers.PersonIndex.entities`` makes them.
"""

from __future__ import annotations

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
    gender the text gave ("f", "m" or None) with its evidence ("honorific", "pronoun" or
    None), and every mention, in text order."""

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
