"""Claims and quotes of transcripts, end to end on the real pipeline: each claim is its turn's
speaker's, under the transcript's canonical name and typed by the role; a quote inside a turn
keeps its own speaker; labels and stage directions are never claims or quotes."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()

DEBATE = """A made-up debate, 3 March 2031

MODERATOR (ANNA REYES): Good evening. Governor Moss, why did unemployment rise last year?
GOV. TOM MOSS: Unemployment rose by 4 percent in 2030 because the mills closed. (APPLAUSE)
We cut taxes for 2 million families.
KIM: That is not true. The governor said the mills would stay open, and they closed anyway.
(CROSSTALK)
MOSS: My opponent voted against the budget three times.
Reyes: Thank you both.
"""

VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Anna Reyes>Good evening from the hall.</v>

00:00:04.500 --> 00:00:08.000
<v Tom Moss>We built 300 schools in 2029. [Applause]

00:00:08.500 --> 00:00:09.000
<v Moss>Crime fell by 12 percent last year.
"""

TSV = "speaker\ttext\nREYES\tGood evening.\nTOM MOSS\tWe built 300 schools in 2029.\nSYSTEM\t(APPLAUSE)\nMOSS\tCrime fell by 12 percent last year.\n"


def records(tmp_path, name, text, *args):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(app, [*args, str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()], text


@pytest.mark.parametrize("claim, claimant, kind", [
    ("Governor Moss, why did unemployment rise last year?", "Anna Reyes", "moderator"),
    ("Unemployment rose by 4 percent in 2030 because the mills closed.", "Tom Moss", "person"),
    ("We cut taxes for 2 million families.", "Tom Moss", "person"),
    ("That is not true.", "Kim", "person"),
    ("they closed anyway.", "Kim", "person"),
    ("the mills would stay open", "Tom Moss", "person"),  # Kim quoting the governor
    ("My opponent voted against the budget three times.", "Tom Moss", "person"),
    ("Thank you both.", "Anna Reyes", "moderator"),
])
def test_claims_of_a_plain_transcript(tmp_path, claim, claimant, kind):
    found, text = records(tmp_path, "debate.txt", DEBATE, "claims", "--all")
    by_text = {c["text"]: c for c in found}
    assert by_text[claim]["claimant"] == claimant
    assert by_text[claim]["claimant_type"] == kind
    assert text[by_text[claim]["start"]:by_text[claim]["end"]] == claim


@pytest.mark.parametrize("never", ["APPLAUSE", "CROSSTALK", "MODERATOR", "GOV."])
def test_labels_stage_directions_and_headers_are_never_claims_or_quotes(tmp_path, never):
    claims, _ = records(tmp_path, "debate.txt", DEBATE, "claims", "--all")
    quotes, text = records(tmp_path, "debate.txt", DEBATE, "extract")
    assert not any(never in c["text"] for c in claims)
    assert not any(never in text[a:b] for q in quotes for a, b in q["parts"])  # a turn's text runs start to end


def test_refused_transcript_is_read_as_prose(tmp_path):
    found, _ = records(tmp_path, "debate.txt", DEBATE, "claims", "--all", "--no-transcript")
    assert not any(c["claimant_type"] == "moderator" for c in found)


def test_quotes_of_a_transcript(tmp_path):
    found, text = records(tmp_path, "debate.txt", DEBATE, "extract")
    turns = [(q["speaker"], q["speaker_mention"]["text"], q["speaker_role"]) for q in found if q["rule"] == "transcript"]
    assert turns == [("Anna Reyes", "MODERATOR (ANNA REYES)", "moderator"), ("Tom Moss", "GOV. TOM MOSS", None),
                     ("Kim", "KIM", None), ("Tom Moss", "MOSS", None), ("Anna Reyes", "Reyes", "moderator")]
    inner = [(q["speaker"], q["text"]) for q in found if q["rule"] != "transcript"]
    assert inner == [("Tom Moss", "the mills would stay open")]
    for q in found:
        for a, b in q["parts"]:
            assert "APPLAUSE" not in text[a:b]


@pytest.mark.parametrize("name, text", [("talk.vtt", VTT), ("talk.tsv", TSV)])
def test_claims_of_vtt_and_tsv(tmp_path, name, text):
    found, _ = records(tmp_path, name, text, "claims", "--all")
    assert {c["text"]: c["claimant"] for c in found} == {
        "Good evening from the hall." if name.endswith("vtt") else "Good evening.": "Anna Reyes" if name.endswith("vtt") else "Reyes",
        "We built 300 schools in 2029.": "Tom Moss",
        "Crime fell by 12 percent last year.": "Tom Moss",
    }
    for c in found:
        assert text[c["start"]:c["end"]] == c["text"]


def test_graph_and_show_on_a_transcript(tmp_path):
    path = tmp_path / "debate.txt"
    path.write_text(DEBATE, encoding="utf-8")
    out = tmp_path / "g.graphml"
    result = runner.invoke(app, ["graph", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    graph = out.read_text(encoding="utf-8")
    assert "Tom Moss" in graph and "Anna Reyes" in graph and "MODERATOR" not in graph.replace("moderator", "")
    page = tmp_path / "p.html"
    result = runner.invoke(app, ["show", str(path), "-o", str(page)])
    assert result.exit_code == 0, result.output
    assert "Tom Moss" in page.read_text(encoding="utf-8")


def test_an_articles_introduction_before_the_first_label_is_prose(tmp_path):
    text = ("The mayor defended the budget on Monday. Critics said the plan would raise rents.\n\n"
            "JANE ROE: We hired 200 teachers this year.\nBOB DOE: Rents rose by 9 percent.\n")
    found, _ = records(tmp_path, "story.txt", text, "claims", "--all", "--transcript")
    by_text = {c["text"]: (c["claimant"], c["claimant_type"]) for c in found}
    assert by_text["the plan would raise rents"] == ("Critics", "group")  # a group described, not named
    assert by_text["We hired 200 teachers this year."] == ("Jane Roe", "person")
    assert by_text["Rents rose by 9 percent."] == ("Bob Doe", "person")
    quotes, _ = records(tmp_path, "story.txt", text, "extract", "--transcript")
    assert ("Critics", "the plan would raise rents") in [(q["speaker_mention"]["text"], q["text"]) for q in quotes]


def test_a_turns_text_is_its_own_words_and_its_id_where_it_starts(tmp_path):
    """A turn is a quote like any other: ``text`` its parts joined with " … " (a stage direction
    between them left out), its id made from where it starts; a claim in it carries that id."""
    found, text = records(tmp_path, "debate.txt", DEBATE, "extract")
    moss = next(q for q in found if q["rule"] == "transcript" and q["speaker_mention"]["text"] == "GOV. TOM MOSS")
    assert moss["text"] == " … ".join(text[a:b] for a, b in moss["parts"])
    assert "APPLAUSE" not in moss["text"] and "We cut taxes for 2 million families." in moss["text"]
    for q in found:
        assert q["quote_id"] == f"{q['doc_id']}:q{q['start']}"
    claims, _ = records(tmp_path, "debate.txt", DEBATE, "claims", "--all")
    taxes = next(c for c in claims if c["text"] == "We cut taxes for 2 million families.")
    assert taxes["quote_id"] == moss["quote_id"]
