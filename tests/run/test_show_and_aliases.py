"""`show` writes the HTML page whose highlights sit on extract's offsets; --aliases on every command."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app

runner = CliRunner()
ARTICLE = ("Talks stall\n20240102\nhttps://example.org/talks\n"
           "\"We are ready,\" Jane Roe said. The minister, John Doe, said that the plan would fail.\n"
           "Joseph Doe Jr. told reporters that the talks would resume in Ruritania.\n")
OTHER = "President Roe said that the <b>budget</b> & the talks were linked.\n"
ALIASES = "Joseph Doe Jr.\tJohn Doe\tperson\n"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(OTHER, encoding="utf-8")
    (tmp_path / "aliases.tsv").write_text(ALIASES, encoding="utf-8")
    return tmp_path


def _extract(*args: str) -> list[dict]:
    done = runner.invoke(app, ["extract", *args, "--format", "jsonl", "--jobs", "1"])
    assert done.exit_code == 0, done.output
    return [json.loads(line) for line in done.stdout.splitlines()]


def test_show_highlights_sit_on_the_extract_offsets(corpus, read_page):
    page_path = corpus / "page.html"
    done = runner.invoke(app, ["show", str(corpus / "a.txt"), str(corpus / "b.txt"), "-o", str(page_path), "--jobs", "1"])
    assert done.exit_code == 0, done.output
    records = _extract(str(corpus / "a.txt"), str(corpus / "b.txt"))
    html = page_path.read_text(encoding="utf-8")
    page = read_page(html)
    texts = {"a": ARTICLE, "b": OTHER}
    bodies = [texts["a"][page.offsets[0]:], texts["b"][page.offsets[1]:]]
    assert page.texts == bodies
    numbered = {n: r for n, r in enumerate(records, 1)}  # the page numbers quotes in input order
    seen = page.highlights()
    assert {number for _, number in seen} == set(numbered)
    for number, record in numbered.items():
        shift = page.offsets[0 if record["doc_id"] == "a" else 1]
        moved = {role: [[start + shift, end + shift] for start, end in seen[(role, number)]]
                 for role in ("quote", "speaker", "cue")}
        assert moved["quote"] == record["parts"]
        mention, cue = record["speaker_mention"], record["cue"]
        assert moved["speaker"] == [[mention["start"], mention["end"]]]
        assert moved["cue"] == [[cue["start"], cue["end"]]]
    assert "&lt;b&gt;budget&lt;/b&gt; &amp; the talks" in html and "<b>budget" not in html
    assert "2 articles" in html


def test_extract_speaker_ids_and_aliases(corpus):
    inputs = [str(corpus / "a.txt"), str(corpus / "b.txt")]
    plain = {(r["speaker"], r["speaker_id"]) for r in _extract(*inputs)}
    assert ("Jane Roe", "jane-roe") in plain and ("Roe", "jane-roe") in plain  # one Roe in the corpus
    assert ("Joseph Doe Jr.", "joseph-doe-jr") in plain
    aliased = {(r["speaker"], r["speaker_id"]) for r in _extract(*inputs, "--aliases", str(corpus / "aliases.tsv"))}
    assert ("John Doe", "john-doe") in aliased and not any(s == "Joseph Doe Jr." for s, _ in aliased)


def test_show_and_graph_take_aliases(corpus):
    page_path = corpus / "page.html"
    done = runner.invoke(app, ["show", str(corpus / "a.txt"), "-o", str(page_path), "--jobs", "1",
                               "--aliases", str(corpus / "aliases.tsv")])
    assert done.exit_code == 0, done.output
    assert "John Doe</span> <span class=\"count\">2 quotes" in page_path.read_text(encoding="utf-8")
    done = runner.invoke(app, ["graph", str(corpus / "a.txt"), "-o", str(corpus / "g.graphml"), "--jobs", "1",
                               "--aliases", str(corpus / "aliases.tsv")])
    assert done.exit_code == 0, done.output
    assert "John Doe: 2 quotes" in done.stdout


@pytest.mark.parametrize("command", ["extract", "claims", "graph", "show"])
def test_bad_aliases_line_is_a_usage_error(corpus, command):
    (corpus / "bad.tsv").write_text("# aliases\nJohn Doe\n", encoding="utf-8")
    args = [command, str(corpus / "a.txt"), "--aliases", str(corpus / "bad.tsv")]
    if command == "graph":
        args += ["-o", str(corpus / "g.graphml")]
    done = runner.invoke(app, args)
    assert done.exit_code == 2
    assert f"{corpus / 'bad.tsv'}:2: expected alias, canonical name" in done.stderr


@pytest.mark.parametrize("old_page", [None, "<p>the page of an earlier run</p>"])
def test_show_refuses_quote_records_before_writing(corpus, old_page):
    records = corpus / "records.jsonl"
    records.write_text("".join(json.dumps(r) + "\n" for r in _extract(str(corpus / "b.txt"))), encoding="utf-8")
    page = corpus / "page.html"
    if old_page is not None:
        page.write_text(old_page, encoding="utf-8")
    done = runner.invoke(app, ["show", str(records), str(corpus / "a.txt"), "-o", str(page), "--jobs", "1"])
    assert done.exit_code == 2
    message = " ".join(done.stderr.split())
    assert f"{records} holds quote records (the JSONL of extract), not articles" in message
    assert "show needs the articles themselves" in message
    assert (page.read_text(encoding="utf-8") if page.exists() else None) == old_page
    assert not list(corpus.glob(".page.html.*"))


def test_claims_claimant_takes_the_alias(corpus):
    (corpus / "c.txt").write_text("Joseph Doe Jr. told reporters that unemployment rose by 4 percent last year.\n",
                                  encoding="utf-8")
    args = ["claims", str(corpus / "c.txt"), "--all", "--format", "jsonl", "--jobs", "1"]
    plain = runner.invoke(app, args)
    aliased = runner.invoke(app, args + ["--aliases", str(corpus / "aliases.tsv")])
    assert plain.exit_code == aliased.exit_code == 0, plain.output + aliased.output
    assert [json.loads(line)["claimant"] for line in plain.stdout.splitlines()] == ["Joseph Doe Jr."]
    assert [(r["claimant"], r["claimant_type"]) for r in map(json.loads, aliased.stdout.splitlines())] == [
        ("John Doe", "person")]


def test_extract_html_is_the_show_page(corpus, read_page):
    from quotes.run import run_extract

    out = corpus / "page.html"
    summary = run_extract([str(corpus / "a.txt")], str(out), "html", acts=("speech",), report=lambda m: None)
    assert summary.records == 3 and read_page(out.read_text(encoding="utf-8")).texts == [ARTICLE[ARTICLE.index('"We'):]]


def test_extract_o_html_picks_the_page(corpus, read_page):
    out = corpus / "quotes.html"
    done = runner.invoke(app, ["extract", str(corpus / "a.txt"), "-o", str(out), "--jobs", "1"])
    assert done.exit_code == 0, done.output
    assert read_page(out.read_text(encoding="utf-8")).texts == [ARTICLE[ARTICLE.index('"We'):]]
