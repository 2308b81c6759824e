"""Speakers that are organisations or their parts (cases as data in
``tests/cases/organisations.json``): each quote's speaker mention, canonical name and type."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.model import Document
from quotes.run import extract_documents

CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "organisations.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_organisation_speaker(nlp, case):
    (_, quotes), = extract_documents([Document("t", case["text"])], nlp, ("speech",))
    got = [(q.speaker_mention.text if q.speaker_mention else None, q.speaker, q.speaker_type) for q in quotes]
    assert got == [tuple(s) for s in case["speakers"]]
    assert not {q.speaker for q in quotes} & set(case.get("not_speakers", ()))
