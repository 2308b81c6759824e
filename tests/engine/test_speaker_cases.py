"""Speaker cases as data (tests/cases/speakers.json): text in, each quote's speaker mention, canonical
name and type out, on the real pipeline; ``not_speakers`` are names no quote may be given."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotes.model import Document
from quotes.run import extract_documents

CASES = json.loads((Path(__file__).resolve().parents[1] / "cases" / "speakers.json").read_text(encoding="utf-8"))


def _marks(case):
    reason = case.get("xfail")
    return [pytest.mark.xfail(reason=reason, strict=False)] if reason else []


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"], marks=_marks(c)) for c in CASES])
def test_speaker_case(nlp, case):
    (_, quotes), = extract_documents([Document("t", case["text"])], nlp, ("speech",))
    got = [(q.speaker_mention.text if q.speaker_mention else None, q.speaker, q.speaker_type) for q in quotes]
    assert got == [tuple(s) for s in case["speakers"]]
    assert not {q.speaker for q in quotes} & set(case.get("not_speakers", ()))
