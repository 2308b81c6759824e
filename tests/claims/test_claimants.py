"""Whose claim it is inside a transcript turn: a quote of someone named by a name keeps its
speaker; a quote of a description ("people say ...") is the turn speaker's words."""

from __future__ import annotations

import pytest

from quotes.claims.claimants import Turns, is_name
from quotes.engine import TURN_RULE
from quotes.model import Quote


@pytest.mark.parametrize("speaker, expected", [
    ("Bernie Sanders", True),
    ("Meet the Press", True),
    ("Committee for a Responsible Federal Budget", True),
    ("Li", True),
    ("Ed Wu", True),
    ("people", False),
    ("A lot of people", False),
    ("the emir of Qatar", False),
    ("My father", False),
    ("a woman named Sabina Loving", False),
    ("", False),
    (None, False),
])
def test_a_name_is_not_a_description(speaker, expected):
    assert is_name(speaker) is expected


TEXT = "Intro said the plant closed.\nMOSS: Many people say taxes rose. Senator Park said jobs fell.\n"


def quote(start: int, end: int, speaker: str | None, rule: str = "reported") -> Quote:
    return Quote(doc_id="d", quote_id=f"d:q{start}", kind="indirect", text=TEXT[start:end], start=start, end=end,
                 speaker=speaker, speaker_mention=None, cue=None, confidence=0.9, parts=((start, end),), rule=rule)


@pytest.mark.parametrize("inner, kept", [
    (quote(TEXT.index("taxes"), TEXT.index("rose.") + 4, "Many people"), False),
    (quote(TEXT.index("taxes"), TEXT.index("rose.") + 4, "people"), False),
    (quote(TEXT.index("jobs"), TEXT.index("fell") + 4, "Kim Park"), True),
    (quote(TEXT.index("the plant"), TEXT.index("closed") + 6, "someone"), True),  # before the first label: prose
])
def test_inner_quotes_of_a_description_are_the_turn_speakers(inner, kept):
    turn = quote(TEXT.index("Many"), len(TEXT) - 1, "Tom Moss", TURN_RULE)
    turns = Turns([turn, inner])
    assert turns.inner([turn, inner]) == ([inner] if kept else [])
