"""Acronyms an article spells out beside a name, and speakers named by them (cases as data in
``tests/cases/acronyms.json``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.enrich.acronyms import abbreviates, introduced_acronyms
from quotes.model import Document
from quotes.run import extract_documents

CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "acronyms.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["introduced"], ids=[c["id"] for c in CASES["introduced"]])
def test_introduced(case):
    assert introduced_acronyms(case["text"]) == case["acronyms"]


@pytest.mark.parametrize("case", CASES["none"], ids=[c["id"] for c in CASES["none"]])
def test_nothing_introduced(case):
    assert introduced_acronyms(case["text"]) == {}


@pytest.mark.parametrize("acronym, name, expected", [
    ("NATO", "North Atlantic Treaty Organization", True),
    ("CUPE", "Canadian Union of Public Employees", True),
    ("CUOPE", "Canadian Union of Public Employees", True),   # the connector may give its letter
    ("CUP", "Canadian Union of Public Employees", False),
    ("CE", "Canadian Union of Public Employees", False),
    ("X", "Xylo", False),                                    # one letter is no acronym
])
def test_abbreviates(acronym, name, expected):
    assert abbreviates(acronym, name.split()) is expected


@pytest.mark.parametrize("case", CASES["speakers"], ids=[c["id"] for c in CASES["speakers"]])
def test_speakers(nlp, case):
    (_, quotes), = extract_documents([Document("t", case["text"])], nlp, ("speech",))
    if case["speakers"]:
        assert [[q.speaker, q.speaker_type] for q in quotes] == case["speakers"]
    assert quotes and not {q.speaker for q in quotes} & set(case.get("not_speakers", ()))
