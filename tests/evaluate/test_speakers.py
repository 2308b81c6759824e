"""Speaker measures of matched quotes (name accuracy, mention accuracy, error classes) on made-up gold."""

from __future__ import annotations

import pytest

from quotes.evaluate import (
    SETTINGS_BY_NAME,
    GoldDocument,
    find_errors,
    gold_quote,
    mention_ok,
    name_ok,
    same_speaker,
    score_speakers,
    speaker_class,
)
from quotes.model import Quote, Span

COVER = SETTINGS_BY_NAME["cover0.3"]

# "Jane Roe said the bridge will close. She said it would reopen. The agency said nothing new."
TEXT = "Jane Roe said the bridge will close. She said it would reopen. The agency said nothing new."
BRIDGE, REOPEN, NOTHING = (14, 35), (45, 61), (80, 91)
JANE, SHE, AGENCY = (0, 8), (37, 40), (63, 73)


def pred(content, mention=None, speaker=None):
    span = Span(TEXT[mention[0]:mention[1]], *mention) if mention else None
    return Quote("d", "d:q", "indirect", TEXT[content[0]:content[1]], *content, speaker, span, None, 0.9)


def gold(content, source=None, name=""):
    return gold_quote("d", TEXT, [content], [source] if source else [], speaker_name=name)


@pytest.mark.parametrize("gold_name, predicted, same", [
    ("Jane Roe", "Jane Roe", True),
    ("Jane Roe", "JANE ROE", True),            # case aside
    ("Jane O'Roe", "Jane ORoe", True),         # an apostrophe stripped from the text
    ("Jane Roe-Smith", "Jane Roe Smith", True),  # a hyphen as a space
    ("Jane Roe", "Roe", True),                 # a surname alone names the person
    ("Jane Roe", "Ms. Jane Roe,", True),       # titles' dots and commas aside; a title before
    ("Jane Roe", "Jane", False),               # a first name alone does not
    ("Jane Roe", "Ontario", False),            # a place before the name is not the name
    ("Jane Roe", "John Roe", False),
    ("The RUPE", "Ruritanian Union of Public Employees", True),  # an acronym and the name it spells
    ("Ruritania Mounted Police", "RMP", True),
    ("Roe", "Royal Ontario Enterprises", False),  # only an acronym in capitals spells a name
    ("RUPE", "Ruritanian Union of Employees", False),
])
def test_name_matching(gold_name, predicted, same):
    assert same_speaker(gold_name, predicted) is same


@pytest.mark.parametrize("g, p, name, mention", [
    # right mention and name
    (gold(BRIDGE, JANE, "Jane Roe"), pred(BRIDGE, JANE, "Jane Roe"), True, True),
    # a pronoun resolved to the right person: both right
    (gold(REOPEN, SHE, "Jane Roe"), pred(REOPEN, SHE, "Jane Roe"), True, True),
    # the right mention resolved to nobody: mention right, name wrong
    (gold(REOPEN, SHE, "Jane Roe"), pred(REOPEN, SHE, None), False, True),
    # the wrong mention with the right name (a carried-on quote): name right, mention wrong
    (gold(REOPEN, SHE, "Jane Roe"), pred(REOPEN, JANE, "Jane Roe"), True, False),
    # gold with no speaker span is judged by its name
    (gold(REOPEN, None, "Jane Roe"), pred(REOPEN, JANE, "Jane Roe"), True, True),
    (gold(REOPEN, None, "Jane Roe"), pred(REOPEN, AGENCY, "agency"), False, False),
    # gold naming nobody and with no span: right when nothing is predicted
    (gold(REOPEN), pred(REOPEN), None, True),
    (gold(REOPEN), pred(REOPEN, AGENCY, "agency"), None, False),
])
def test_name_and_mention(g, p, name, mention):
    assert name_ok(g, p) is name
    assert mention_ok(g, p) is mention


@pytest.mark.parametrize("g, p, cls", [
    (gold(REOPEN, SHE, "Jane Roe"), pred(REOPEN), "none"),
    (gold(REOPEN, SHE, "Jane Roe"), pred(REOPEN, SHE, "Agency"), "pronoun"),
    (gold(BRIDGE, JANE, "Jane Roe"), pred(BRIDGE, JANE, None), "surname"),
    (gold(NOTHING, AGENCY, "Transport agency"), pred(NOTHING, AGENCY, None), "description"),
    # nothing predicted as mention but a name carried on: the class of the gold mention
    (gold(REOPEN, SHE, "Jane Roe"), pred(REOPEN, None, "Agency"), "pronoun"),
])
def test_speaker_class(g, p, cls):
    assert speaker_class(TEXT, g, p) == cls


def test_score_speakers_counts_matched_quotes_only():
    g = [gold(BRIDGE, JANE, "Jane Roe"), gold(REOPEN, SHE, "Jane Roe"), gold(NOTHING, AGENCY)]
    p = [pred(BRIDGE, JANE, "Jane Roe"), pred(REOPEN, SHE, None)]  # the third is missed
    counts = score_speakers([(g, p)])["cover0.3"]
    assert (counts.matched, counts.named, counts.name_right, counts.mention_right) == (2, 2, 1, 2)
    assert counts.metrics() == {"speaker_name_accuracy": 0.5, "speaker_mention_accuracy": 1.0}


def test_no_match_no_accuracy():
    assert score_speakers([([gold(BRIDGE, JANE, "Jane Roe")], [])])["cover0.3"].metrics() == {
        "speaker_name_accuracy": None, "speaker_mention_accuracy": None}


def test_error_rows_carry_the_class():
    g = (gold(BRIDGE, JANE, "Jane Roe"), gold(REOPEN, SHE, "Jane Roe"), gold(NOTHING, AGENCY, "Agency"))
    p = [pred(BRIDGE, JANE, "Jane Roe"),  # right
         pred(REOPEN, SHE, "Mary Major"),  # right mention, wrong person: a row
         pred(NOTHING)]                    # nobody: a row
    rows = list(find_errors([(GoldDocument("d", TEXT, g), p)], COVER))
    assert [(r["type"], r["speaker_class"], r["name_ok"], r["mention_ok"]) for r in rows] == [
        ("wrong_speaker", "pronoun", False, True), ("wrong_speaker", "none", False, False)]
    assert rows[0]["gold_speaker_name"] == "Jane Roe"


def test_table_shows_speaker_columns_only_when_measured():
    from rich.console import Console

    from quotes.evaluate import Evaluation, render_table, score

    g = [gold(BRIDGE, JANE, "Jane Roe"), gold(REOPEN, SHE, "Jane Roe")]
    p = [pred(BRIDGE, JANE, "Jane Roe"), pred(REOPEN, SHE, None)]
    plain = score([(g, p)])
    extra = {name: c.metrics() for name, c in score_speakers([(g, p)]).items()}
    measured = Evaluation(plain.counts, plain.bands, plain.documents, (), extra)
    assert measured.as_dict()["cover0.3"]["speaker_name_accuracy"] == 0.5

    def table(result):
        console = Console(record=True, width=160)
        console.print(render_table(result.as_dict()))
        return console.export_text()

    assert "mention" not in table(plain)
    out = table(measured)
    assert "name" in out and "mention" in out and "50.0" in out
