"""quotegraph command line: parse arguments, call the library, report. Nothing else lives here."""

from __future__ import annotations

import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from quotes import __version__
from quotes.model import ACTS
from quotes.nlp import ModelNotFound

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what: attributed quotes, speakers, countries and topics in news articles.")


class QuoteFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"
    table = "table"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"quotegraph {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version and exit.")] = False) -> None:
    """quotegraph: who said what in news articles."""


def _acts(value: str) -> tuple[str, ...]:
    acts = tuple(a.strip() for a in value.split(",") if a.strip())
    bad = [a for a in acts if a not in ACTS + ("all",)]
    if bad or not acts:
        raise typer.BadParameter(f"{', '.join(bad) or value!r}: choose from {', '.join(ACTS)} or all")
    return acts


def _finish(summary) -> None:
    typer.echo(summary.line(), err=True)
    raise typer.Exit(summary.exit_code)


Inputs = Annotated[list[str], typer.Argument(help="Article files (.txt, .jsonl), directories, or - for stdin.")]
Output = Annotated[Optional[str], typer.Option("-o", "--output", help="Write here instead of stdout.")]
Model = Annotated[Optional[str], typer.Option("--model", help="spaCy pipeline to load (default: an installed en_core_web_sm).")]
Acts = Annotated[str, typer.Option("--acts", help="Attribution acts to keep: speech, belief, intention, perception (comma-separated) or all.")]


@app.command()
def extract(inputs: Inputs, output: Output = None,
            fmt: Annotated[Optional[QuoteFormat], typer.Option("--format", "-f", help="Output format (default: table on a terminal, else jsonl).")] = None,
            model: Model = None, acts: Acts = "speech") -> None:
    """Find every attributed quote with its speaker, cue, kind and character offsets."""
    from quotes.run import run_extract

    chosen = fmt.value if fmt else ("table" if output is None and sys.stdout.isatty() else "jsonl")
    try:
        summary = run_extract(inputs, output, chosen, model, _acts(acts))
    except ModelNotFound as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    _finish(summary)


GRAPH_SUFFIXES = (".graphml", ".gexf")


@app.command()
def graph(inputs: Inputs,
          output: Annotated[str, typer.Option("-o", "--output", help="Graph file: .graphml (GraphML) or .gexf (GEXF).")],
          model: Model = None, acts: Acts = "speech") -> None:
    """Build the speaker graph (speakers -> countries, blocs, topics, people) for Gephi.

    INPUT may be articles or the JSONL that `quotegraph extract` wrote (then nothing is parsed again).
    """
    from quotes.run import run_graph

    if not output.lower().endswith(GRAPH_SUFFIXES):
        raise typer.BadParameter("the file name must end in .graphml or .gexf", param_hint="'-o'")
    try:
        summary, text = run_graph(inputs, output, model, _acts(acts))
    except ModelNotFound as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(2) from None
    typer.echo(text)
    _finish(summary)


if __name__ == "__main__":
    app()
