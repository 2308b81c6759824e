"""Speakers across a corpus: aliases files and the speaker_id that merges names."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from quotes.enrich.identity import (
    AliasError,
    NameIndex,
    apply_aliases,
    load_aliases,
    parse_aliases,
    speaker_id,
)
from quotes.model import Quote
from quotes.run.corpus import identify_speakers

ALIASES = ("# alias\tcanonical\ttype\n"
           "Joseph R. Biden Jr.\tJoe Biden\tperson\n"
           "President Biden\tJoe Biden\n"
           "\n"
           "the Kremlin\tRussian government\torganization\n")


def quote(n: int, speaker: str | None, doc: str = "d1", persons: tuple[str, ...] = (),
          speaker_type: str = "person") -> Quote:
    return Quote(doc_id=doc, quote_id=f"{doc}:q{n}", kind="direct", text="x y", start=0, end=3,
                 speaker=speaker, speaker_mention=None, cue=None, confidence=0.9,
                 speaker_type=speaker_type, persons=persons)


def ids(quotes: list[Quote], aliases_text: str = "") -> list[str | None]:
    aliases = parse_aliases(aliases_text, "aliases.tsv")
    return [q.speaker_id for q in identify_speakers(quotes, aliases)]


@pytest.mark.parametrize("names, expected", [
    # a surname alone joins the one full name of the corpus that ends with it
    (["Jane Roe", "Roe", "President Jane Roe"], ["jane-roe", "jane-roe", "jane-roe"]),
    # two people of one surname: the surname alone stays apart, the two never merge
    (["Jane Roe", "John Roe", "Roe"], ["jane-roe", "john-roe", "roe"]),
    # case, diacritics and possessives fold
    (["José Núñez", "jose nunez", "Núñez's"], ["jose-nunez", "jose-nunez", "jose-nunez"]),
    ([None, "Moscow"], [None, "moscow"]),
    # a common noun alone is not a surname, and names something only in its own article
    (["Trump campaign", "campaign", "campaign"], ["trump-campaign", "d2:campaign", "d3:campaign"]),
])
def test_speaker_ids_across_documents(names, expected):
    quotes = [quote(n, name, doc=f"d{n}", speaker_type="person" if name and name != "campaign" else "organization")
              for n, name in enumerate(names, 1)]
    assert ids(quotes) == expected


def test_aliases_make_one_speaker():
    quotes = [quote(1, "Joe Biden"), quote(2, "Joseph R. Biden Jr.", "d2"), quote(3, "Biden", "d3"),
              quote(4, "President Biden", "d4"), quote(5, "Hunter Biden", "d5")]
    out = list(identify_speakers(quotes, parse_aliases(ALIASES, "aliases.tsv")))
    assert [q.speaker for q in out] == ["Joe Biden", "Joe Biden", "Joe Biden", "Joe Biden", "Hunter Biden"]
    assert [q.speaker_id for q in out] == ["joe-biden"] * 4 + ["hunter-biden"]


def test_alias_type_and_persons():
    q = apply_aliases(quote(1, "the Kremlin", speaker_type="unknown", persons=("Joseph R. Biden Jr.",)),
                      parse_aliases(ALIASES, "aliases.tsv"))
    assert (q.speaker, q.speaker_type, q.persons) == ("Russian government", "organization", ("Joe Biden",))


def test_order_and_records_kept():
    quotes = [quote(n, name, doc=f"d{n}") for n, name in enumerate(["A B", None, "C D"], 1)]
    out = list(identify_speakers(quotes))
    assert [q.quote_id for q in out] == ["d1:q1", "d2:q2", "d3:q3"]
    assert out[0] == replace(quotes[0], speaker_id="a-b") and out[1] == quotes[1]


@pytest.mark.parametrize("text, message", [
    ("Joe Biden\n", r"aliases.tsv:1: expected alias, canonical name"),
    ("a\tb\tc\td\n", r"aliases.tsv:1: expected"),
    ("# c\nBiden\t\n", r"aliases.tsv:2: expected"),
    ("Biden\tJoe Biden\tpolitician\n", r"aliases.tsv:1: unknown type 'politician'"),
    ("Biden\tJoe Biden\nBiden\tHunter Biden\n", r"aliases.tsv:2: 'Biden' is already an alias of 'Joe Biden' \(aliases.tsv:1\)"),
    ("Biden\tJoe Biden\nJB\tBiden\n", r"aliases.tsv:2: 'Biden' is already an alias of 'Joe Biden'"),
    ("...\tJoe Biden\n", r"aliases.tsv:1: '...' has no letters"),
    ("Roe\tJane Roe\tperson\nJ. Roe\tJane Roe\torganization\n", r"aliases.tsv:2: 'Jane Roe' was given type 'person'"),
])
def test_bad_alias_lines_name_file_and_line(text, message):
    with pytest.raises(AliasError, match=message):
        parse_aliases(text, "aliases.tsv")


def test_alias_file_errors(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_bytes(b"Biden\tJoe Biden\n\xff\xfe\tx\n")
    with pytest.raises(AliasError, match=r"aliases.tsv:2: not UTF-8"):
        load_aliases(path)
    with pytest.raises(AliasError, match=r"missing.tsv: cannot read"):
        load_aliases(tmp_path / "missing.tsv")
    path.write_text(ALIASES, encoding="utf-8")
    assert load_aliases(path).resolve("Joseph Biden Jr.") == ("Joseph Biden Jr.", None)  # not listed
    assert load_aliases(path).resolve("president biden") == ("Joe Biden", "person")


def test_name_index_label_and_id():
    index = NameIndex(["Roe", "Jane Roe", "President Jane Roe"])
    assert index.key("Roe") == "jane roe" and index.label("jane roe") == "Jane Roe"
    assert speaker_id("jane roe") == "jane-roe"


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "link to /dev/zero", "folder"])
def test_aliases_must_be_a_regular_file(tmp_path, monkeypatch, kind):
    """A FIFO blocked the run forever and /dev/zero was read until memory ran out: refused as
    inputs are, before anything is read (a read fails the test instead of hanging it)."""
    import os

    from typer.testing import CliRunner

    from quotes.cli import app

    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail(f"{self} was read"))

    path = tmp_path / "aliases.tsv"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "link to /dev/zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        path = Path("/dev/zero")
    expected = {"fifo": "a FIFO", "folder": "a folder"}.get(kind, "a character device")
    message = f"{path}: cannot read the aliases file: not a regular file ({expected})"
    with pytest.raises(AliasError, match=re.escape(message)):
        load_aliases(path)
    result = CliRunner().invoke(app, ["extract", "-", "--aliases", str(path), "--format", "jsonl"], input="x")
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")
