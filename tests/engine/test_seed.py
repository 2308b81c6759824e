"""End to end on the seed article (quotation marks and apostrophes stripped)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quotes.model import quote_text
from quotes.run import extract_documents
from quotes.io import read_inputs

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_9bd4bcee04c509db.txt"


@pytest.fixture(scope="module")
def seed(nlp):
    (document, quotes), = extract_documents(read_inputs([str(SEED)]), nlp)
    return document, quotes


def _find(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote holds {fragment!r}"
    return hits[0]


@pytest.mark.parametrize("fragment, speaker, kind", [
    ("we wont recognize any documents or treaties", "Sviatlana Tsikhanouskaya", "direct"),
    ("Any agreements with Russia that would deprive us", "Sviatlana Tsikhanouskaya", "direct"),
    ("We effectively have a single army", "Alexander Lukashenko", "direct"),
    ("If, God forbid, a war starts", "Alexander Lukashenko", "direct"),
    ("that he would discuss a package of agreements", "Alexander Lukashenko", "indirect"),
    ("that it would not erode Belarus independence", "Alexander Lukashenko", "indirect"),
    ("Russia also will shortly provide Belarus", "Alexander Lukashenko", "indirect"),
    # the speaker is given only as "The authoritarian leader of Belarus"
    ("the country will soon receive a large batch of Russian weapons", "Alexander Lukashenko", "indirect"),
])
def test_seed_statements(seed, fragment, speaker, kind):
    _, quotes = seed
    quote = _find(quotes, fragment)
    assert (quote.speaker, quote.kind) == (speaker, kind)


def test_seed_offsets_and_metadata(seed):
    document, quotes = seed
    assert document.date == "2021-10-01" and document.url.startswith("https://apnews.com/")
    for quote in quotes:
        assert quote_text(document.text, quote.parts) == quote.text  # its own words, part by part
        assert (quote.start, quote.end) == (quote.parts[0][0], quote.parts[-1][1])
        assert quote.start >= document.body_start  # the headline is not a quote
    assert len({q.quote_id for q in quotes}) == len(quotes)


def test_seed_role_and_addressee(seed):
    _, quotes = seed
    quote = _find(quotes, "we wont recognize")
    assert quote.speaker_role == "the main opposition challenger in the August 2020 election"
    assert quote.addressee.text == "The Associated Press" and quote.cue.text == "told"


def test_seed_objects_only_with_acts_all(nlp, seed):
    """'Moscow criticized Western restrictions': an object, which PolNeAR counts and a journalist
    does not; it comes out with ``--acts all`` only."""
    _, quotes = seed
    assert not [q for q in quotes if "Western restrictions" in q.text]
    (_, every), = extract_documents(read_inputs([str(SEED)]), nlp, ("all",))
    quote = _find(every, "Western restrictions")
    assert (quote.speaker, quote.speaker_type) == ("Moscow", "organization")
