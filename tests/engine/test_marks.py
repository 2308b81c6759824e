"""Quotation marks paired into quoted spans."""

from __future__ import annotations

import pytest

from quotes.engine.marks import find_marked, has_quotation_marks


def contents(text):
    return [text[m.content[0] : m.content[1]] for m in find_marked(text)]


@pytest.mark.parametrize("text, expected", [
    ('He said "we will win," and left.', ["we will win,"]),
    ("“A b c,” she said, “d e.”", ["A b c,", "d e."]),
    ("He said: «Bonjour» and „Hallo“ twice.", ["Bonjour", "Hallo"]),
    ("It's the voters' ‘scare’ quote", ["scare"]),
    ("He said, ''We will win,'' and left. It's ok.", ["We will win,"]),
    ('"Open quote and no close\nnext paragraph.', []),  # unbalanced: costs only that quote
    ('"First paragraph\n"Second paragraph."', ["First paragraph", "Second paragraph."]),
    ("Don't stop. It's the Smiths' house.", []),
    ("”Fear is what I feel.” ― Jane Roe", ["Fear is what I feel."]),  # a closing mark set as opener
    ("“We won,” she said, ” and we will again.”", ["We won,"]),  # a stray closer before a space opens nothing
])
def test_pairs(text, expected):
    assert contents(text) == expected


def test_run_on_paragraph_is_marked():
    first, second = find_marked('"First paragraph\n"Second paragraph."')
    assert first.continues and second.continued


@pytest.mark.parametrize("text, marked", [("He said “yes”.", True), ("He said ''yes''.", True),
                                          ("He said yes. It's fine.", False)])
def test_has_quotation_marks(text, marked):
    assert has_quotation_marks(text) is marked
