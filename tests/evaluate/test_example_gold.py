"""The made-up annotated example in examples/ runs for anyone: ``quotegraph evaluate examples/gold.jsonl``."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from quotes.cli import app

GOLD = Path(__file__).resolve().parents[2] / "examples" / "gold.jsonl"


def test_example_gold_is_well_formed():
    articles = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert len({a["id"] for a in articles}) == len(articles) >= 4
    assert any(a["quotes"] == [] for a in articles)  # an article with no quote is part of the layout
    for article in articles:
        text = article["text"]
        for quote in article["quotes"]:
            content = text[quote["start"]:quote["end"]]
            assert content == content.strip() and len(content.split()) >= 2
            mention = text[quote["speaker_start"]:quote["speaker_end"]]
            assert mention == mention.strip() and mention
            if "speaker_name" in quote:  # a pronoun's canonical name is named in the article
                assert quote["speaker_name"].split()[-1] in text


def test_evaluate_runs_on_the_example(tmp_path):
    errors = tmp_path / "errors.jsonl"
    done = CliRunner().invoke(app, ["evaluate", str(GOLD), "--format", "json", "--errors", str(errors)])
    assert done.exit_code == 0, done.output
    assert "5 gold documents, 19 gold quotes" in done.stderr
    report = json.loads(done.stdout)
    assert set(report) == {"cover0.3", "cover0.8", "jaccard0.5"}
    assert all(0 <= report[m][k] <= 1 for m in report for k in ("P", "R", "F1", "attributed_F1"))
    for line in errors.read_text(encoding="utf-8").splitlines():
        assert json.loads(line)["doc_id"] in {"bridge", "clinic", "budget", "final", "library"}
