"""Whose claim it is: a quote's speaker, a transcript turn's speaker, or the publication.

In a news article a claim outside every quote is the publication's (the site of its URL). In a
transcript every word is somebody's: a claim outside the quotes inside a turn is the turn's
speaker's, typed by the turn's role (``moderator``, ``host``, ``audience`` or ``person``); what
comes before the first label (an article's introduction) is read as the article's narrative.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from urllib.parse import urlsplit

from ..engine import TURN_RULE
from ..model import Quote

CLAIMANT_TYPES = ("person", "organization", "group", "publication", "moderator", "host", "audience", "unknown")
_LETTERS = re.compile(r"[^\W\d_]+")
_SHORT = 3  # words this short ("of", "the", "for") may be lowercase inside a name


def publication_site(url: str | None) -> str | None:
    """The site a URL belongs to, without ``www.``: ``https://www.example.com/a`` -> ``example.com``."""
    if not url or not url.strip():
        return None
    text = url.strip()
    try:
        host = urlsplit(text if "//" in text else f"//{text}").hostname
    except ValueError:  # "http://[bad" and other unreadable URLs
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def quote_claimant(quote: Quote, site: str | None) -> tuple[str | None, str]:
    """The speaker of the quote a claim sits in, typed as the quote says ("the minister said
    ...", unnamed, is still a person's claim)."""
    kind = quote.speaker_type if quote.speaker_type in CLAIMANT_TYPES else "unknown"
    return quote.speaker, kind


def narrative_claimant(site: str | None) -> tuple[str | None, str]:
    """The claimant of an article's own narrative: the publication, else nobody known."""
    if site is None:
        return None, "unknown"
    return site, "publication"


class Turns:
    """The turn quotes of a transcript, found by the character a claim starts at."""

    def __init__(self, quotes: Sequence[Quote]) -> None:
        self.turns = sorted((q for q in quotes if q.rule == TURN_RULE), key=lambda q: q.start)
        self.starts = [q.start for q in self.turns]
        self.first = min((q.speaker_mention.start if q.speaker_mention else q.start for q in self.turns), default=0)

    def __bool__(self) -> bool:
        return bool(self.turns)

    def unspoken(self, position: int) -> bool:
        """Whether a position after the first label lies outside every turn's words (a label, a
        stage direction): what is there is nobody's claim."""
        return bool(self.turns) and position >= self.first and self.at(position) is None

    def inner(self, quotes: Sequence[Quote]) -> list[Quote]:
        """The quotes a turn's speaker attributes to someone named by a name ("Senator Park
        said ...", "the Tax Foundation says ..."), and every quote outside the turns. A quote
        inside a turn whose speaker is a description ("people say ...", "my father used to say
        ...", "a lot of people tell me ...") is the turn speaker's words: its claims are theirs."""
        return [q for q in quotes if q.rule != TURN_RULE and (self.at(q.start) is None or is_name(q.speaker))]

    def at(self, position: int) -> Quote | None:
        """The turn whose words hold ``position``, or None (a label, a stage direction, a header)."""
        k = bisect.bisect_right(self.starts, position) - 1
        if k < 0:
            return None
        turn = self.turns[k]
        return turn if any(a <= position < b for a, b in turn.parts) else None


def is_name(speaker: str | None) -> bool:
    """Whether a speaker is a name ("Bernie Sanders", "Meet the Press", "Tax Foundation"), not
    a description ("people", "A lot of people", "the emir of Qatar"): every word longer than
    three letters starts with a capital (every word, in a name of short words: "Li", "Ed Wu")."""
    words = _LETTERS.findall(speaker or "")
    long = [w for w in words if len(w) > _SHORT]
    return bool(words) and all(w[0].isupper() for w in long or words)


def turn_claimant(turn: Quote) -> tuple[str | None, str]:
    """A turn's speaker, typed by the turn's role."""
    return turn.speaker, turn.speaker_role or "person"
