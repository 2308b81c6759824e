"""Help reads well at 80 and 100 columns: no type placeholders, no word cut in two, an example
in every command, and usage errors without a "Value error," prefix."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

COMMANDS = ["extract", "claims", "evaluate", "graph"]
BOX = re.compile(r"[\u2500-\u257f]")  # the panels' box-drawing characters


def _help(args: list[str], columns: int) -> str:
    done = subprocess.run([sys.executable, "-m", "quotes.cli", *args], capture_output=True, text=True,
                          env={"COLUMNS": str(columns), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode in (0, 2), done.stderr
    return done.stdout + done.stderr


def _words_of_command(name: str) -> set[str]:
    """Every word the help of ``name`` should show whole: its description, its parameters' help
    texts and their choices."""
    import typer.main

    from quotes.cli import app

    command = typer.main.get_command(app).commands[name]
    texts = [command.help or ""]
    for param in command.params:
        texts.append(getattr(param, "help", None) or "")
        texts.extend(getattr(param.type, "choices", ()) or ())
    return {_bare(w) for text in texts for w in text.split() if len(_bare(w)) > 3}


def _bare(word: str) -> str:
    return word.strip(".,;:()[]")


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_has_no_type_placeholders_and_no_broken_words(command, columns):
    text = _help([command, "--help"] if command else ["--help"], columns)
    for placeholder in ("<bool>", "<str>", "<list[str]>", "<int", "<float", "{inputs}", "{gold}"):
        assert placeholder not in text
    assert all(len(line) <= columns for line in text.splitlines())
    if command:
        assert "Example: quotegraph " + command in " ".join(BOX.sub(" ", text).split())
        shown = {_bare(w) for w in BOX.sub(" ", text).split()}
        missing = sorted(w for w in _words_of_command(command) if w not in shown)
        assert not missing, f"words cut or lost at {columns} columns: {missing}"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["extract", "a.txt", "--format", "xml"], "'xml' is not one of"),
        (["extract", "a.txt", "--acts", "gossip"], "gossip"),
        (["claims", "a.txt", "--threshold", "2"], "--threshold"),
        (["extract", "a.txt", "--jobs", "0"], "--jobs"),
        (["extract", "a.txt", "-o", "q.csv", "--format", "json"], "but --format is json"),
        (["graph", "a.txt", "-o", "g.txt"], ".graphml or .gexf"),
    ],
)
def test_usage_errors_exit_2_without_value_error_prefix(args, expected):
    done = subprocess.run([sys.executable, "-m", "quotes.cli", *args], capture_output=True, text=True,
                          env={"COLUMNS": "100", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    assert done.returncode == 2
    message = " ".join(BOX.sub(" ", done.stderr).split())
    assert expected in message and "Value error" not in message


def test_typer_is_the_pinned_range():
    """The help above was checked with typer 0.26; later versions print type placeholders."""
    from importlib.metadata import requires, version

    pinned = [r for r in requires("quotegraph") or () if r.startswith("typer")]
    assert pinned == ["typer<0.27,>=0.26"] or pinned == ["typer>=0.26,<0.27"]
    major, minor = (int(x) for x in version("typer").split(".")[:2])
    assert (major, minor) == (0, 26)
