from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotes.cli import app

SEEDS = str(Path(__file__).resolve().parents[2] / "seeds")
runner = CliRunner()


def _jsonl(text):
    return [json.loads(line) for line in text.splitlines() if line.strip()]


SCHEMA = ["doc_id", "quote_id", "kind", "text", "start", "end", "speaker", "speaker_id", "speaker_mention", "cue",
          "confidence", "title", "date", "url", "parts", "act", "speaker_type", "speaker_role", "speaker_gender",
          "speaker_gender_evidence", "addressee",
          "countries", "blocs", "topics", "persons", "rule"]  # the README's schema table, in order


def test_extract_seed_jsonl_schema():
    result = runner.invoke(app, ["extract", SEEDS, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert records
    text = (Path(SEEDS) / "000_9bd4bcee04c509db.txt").read_text(encoding="utf-8")
    for record in records:
        assert list(record) == SCHEMA
        assert record["rule"]
        assert record["quote_id"] == f"000_9bd4bcee04c509db:q{record['start']}"
        assert " \u2026 ".join(text[s:e] for s, e in record["parts"]) == record["text"]
        assert record["kind"] in ("direct", "indirect", "mixed")
        assert 0 <= record["confidence"] <= 1
        for key in ("speaker_mention", "cue"):
            span = record[key]
            if span is not None:
                assert text[span["start"] : span["end"]] == span["text"]
    assert "1 document read, 1 processed, 7 quotes found" in result.stderr  # the quotes a journalist counts


def test_extract_output_file_and_csv(tmp_path):
    out = tmp_path / "q.csv"
    result = runner.invoke(app, ["extract", SEEDS, "-o", str(out), "--format", "csv"])
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and {"speaker_mention_text", "speaker_mention_start", "cue_text", "cue_end"} <= set(rows[0])
    assert not list(tmp_path.glob("*.part"))


def test_extract_json_and_table():
    result = runner.invoke(app, ["extract", SEEDS, "--format", "json"])
    assert result.exit_code == 0 and isinstance(json.loads(result.stdout), list)
    result = runner.invoke(app, ["extract", SEEDS, "--format", "table"])
    assert result.exit_code == 0 and "Lukashenko" in result.stdout


def test_skipped_inputs_exit_1_and_rest_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("\"We will win the vote,\" Jane Roe said.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "latin1.txt").write_bytes(b"caf\xe9")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "j1", "text": "John Smith said that it would rain."}\n{broken\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 1
    assert {r["doc_id"] for r in _jsonl(result.stdout)} == {"good", "j1"}
    summary = result.stderr.strip().splitlines()[-1]
    assert "5 documents read, 2 processed" in summary and "3 skipped" in summary
    assert "empty.txt" in summary and "c.jsonl:2" in summary and "latin1.txt" in summary


def test_stdin(tmp_path):
    result = runner.invoke(app, ["extract", "-", "--format", "jsonl"], input="\"We will win the vote,\" Jane Roe said.")
    assert result.exit_code == 0 and _jsonl(result.stdout)[0]["doc_id"] == "stdin"


@pytest.mark.parametrize("args", [["extract"], ["extract", SEEDS, "--format", "xml"], ["extract", SEEDS, "--acts", "gossip"]])
def test_usage_errors_exit_2(args):
    assert runner.invoke(app, args).exit_code == 2


def test_missing_model_exit_2_with_hint():
    result = runner.invoke(app, ["extract", SEEDS, "--model", "no_such_model_xyz"])
    assert result.exit_code == 2 and "pip install" in result.stderr


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.startswith("quotegraph ")


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_graph_from_articles_and_from_extract_jsonl(tmp_path, suffix):
    import networkx as nx

    out = tmp_path / f"g{suffix}"
    result = runner.invoke(app, ["graph", SEEDS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "top speakers" in result.stdout
    read = nx.read_graphml if suffix == ".graphml" else nx.read_gexf
    from_articles = read(out)
    records = tmp_path / "q.jsonl"
    assert runner.invoke(app, ["extract", SEEDS, "-o", str(records), "--format", "jsonl"]).exit_code == 0
    again = tmp_path / f"h{suffix}"
    result = runner.invoke(app, ["graph", str(records), "-o", str(again)])
    assert result.exit_code == 0, result.output
    from_records = read(again)
    assert sorted(from_articles.nodes) == sorted(from_records.nodes)
    speakers = {d.get("label") for _, d in from_records.nodes(data=True) if d.get("type") == "speaker"}
    assert {"Alexander Lukashenko", "Sviatlana Tsikhanouskaya"} <= speakers


def test_graph_needs_a_known_suffix(tmp_path):
    result = runner.invoke(app, ["graph", SEEDS, "-o", str(tmp_path / "g.txt")])
    assert result.exit_code == 2


def test_graph_skips_bad_record_lines(tmp_path):
    records = tmp_path / "q.jsonl"
    assert runner.invoke(app, ["extract", SEEDS, "-o", str(records), "--format", "jsonl"]).exit_code == 0
    with records.open("a", encoding="utf-8") as stream:
        stream.write("{broken\n")
    result = runner.invoke(app, ["graph", str(records), "-o", str(tmp_path / "g.graphml")])
    assert result.exit_code == 1 and "q.jsonl:" in result.stderr and (tmp_path / "g.graphml").exists()


def test_claims_jsonl_and_all(tmp_path):
    result = runner.invoke(app, ["claims", SEEDS, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    claims = _jsonl(result.stdout)
    assert claims and all(c["checkworthy"] for c in claims)
    text = (Path(SEEDS) / "000_9bd4bcee04c509db.txt").read_text(encoding="utf-8")
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]
    everything = _jsonl(runner.invoke(app, ["claims", SEEDS, "--format", "jsonl", "--all"]).stdout)
    assert len(everything) > len(claims) and any(not c["checkworthy"] for c in everything)
    strict = _jsonl(runner.invoke(app, ["claims", SEEDS, "--format", "jsonl", "--threshold", "0.95"]).stdout)
    assert len(strict) < len(claims)


def test_claims_claimreview_output():
    from quotes.claims import validate_claim_review

    result = runner.invoke(app, ["claims", SEEDS, "--format", "claimreview"])
    assert result.exit_code == 0, result.output
    reviews = json.loads(result.stdout)
    assert reviews and all(r["@type"] == "ClaimReview" and not validate_claim_review(r) for r in reviews)


def test_claims_csv_is_spreadsheet_safe(tmp_path):
    doc = tmp_path / "f.txt"
    doc.write_text("=SUM(A1) rose by 40 percent in 2020, the ministry said.\n", encoding="utf-8")
    out = tmp_path / "c.csv"
    result = runner.invoke(app, ["claims", str(doc), "--format", "csv", "--all", "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert rows and rows[0]["text"].startswith("'=")


@pytest.mark.parametrize("mode, evidence", [
    ("names", {"name", None}), ("text", {None}), ("off", {None}),
])
def test_extract_gender_option(tmp_path, mode, evidence):
    article = tmp_path / "a.txt"
    article.write_text("Margaret Olinde said the vote was fair.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(article), "--format", "jsonl", "--gender", mode, "-j", "1"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert records and {r["speaker_gender_evidence"] for r in records} <= evidence
    assert ({r["speaker_gender"] for r in records} == {"female"}) == (mode == "names")


def test_extract_gender_option_is_checked():
    result = runner.invoke(app, ["extract", SEEDS, "--gender", "guess"])
    assert result.exit_code == 2
