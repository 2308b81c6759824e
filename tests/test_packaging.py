"""The wheel carries the lexicon files, and they load and validate."""

from __future__ import annotations

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
    assert "cli.py" in names
