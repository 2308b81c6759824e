"""The ``quotegraph`` command line: parse arguments, call the library, report. Nothing else lives here.

The console script runs :data:`app`; ``cli.py`` at the repository's root starts it from a checkout.
"""

from __future__ import annotations

import contextlib
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__
from .model import ACTS
from .run import ModelNotFound

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Who said what: attributed quotes, speakers, countries and topics in news articles.\n\n"
                       "Example: quotegraph extract seeds/")


class QuoteFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"
    table = "table"
    html = "html"


def _format(output: str | None, fmt: Enum | None, offered: tuple[str, ...]) -> str:
    """The run's format from --format and the suffix of -o; a contradiction is a usage error."""
    from .io import FormatError, choose_format

    try:
        return choose_format(output, fmt.value if fmt else None, offered, sys.stdout.isatty())
    except FormatError as err:
        raise typer.BadParameter(_shown(str(err)), param_hint="'-o' / '--format'") from None


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


def _shown(text: str, keep: str = "") -> str:
    from .io import shown

    return shown(text, keep)


def _say(message: str) -> None:
    """A message on stderr, its control characters shown, not obeyed (a file name's ESC [2J)."""
    typer.echo(_shown(message), err=True)


def _stdout(fmt: str):
    """Where records go: stdout, with control characters shown when it is a terminal (the
    table escapes its own cells: its styles are escape sequences too)."""
    from .io import for_terminal

    return sys.stdout if fmt == "table" else for_terminal(sys.stdout)


def _finish(summary) -> None:
    _say(summary.line())
    raise typer.Exit(summary.exit_code)


Inputs = Annotated[list[str], typer.Argument(metavar="INPUT...", show_default=False,
                                              help="Article files (.txt, .jsonl), directories, or - for stdin.")]
Output = Annotated[Optional[str], typer.Option("-o", "--output", metavar="FILE",
                                               help="Write here instead of stdout; the suffix picks the format "
                                                    "(.jsonl, .csv, .json, .html).")]
Model = Annotated[Optional[str], typer.Option("--model", metavar="NAME", help="spaCy pipeline to load (default: an installed en_core_web_sm).")]
Acts = Annotated[str, typer.Option("--acts", metavar="ACTS", help="Attribution acts to keep: speech, belief, intention, perception (comma-separated) or all.")]
Jobs = Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, metavar="N", help="Worker processes (default: the number of cores). Output is the same for any number.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
AliasesFile = Annotated[Optional[str], typer.Option("--aliases", metavar="FILE", help="TSV of speaker aliases: alias, canonical name, optional type (person, organization).")]
SkippedFile = Annotated[Optional[str], typer.Option("--skipped", metavar="FILE", help="List every skipped input here, one JSON object a line ({\"source\", \"reason\"}); stderr names only the first 20.")]
class GenderMode(str, Enum):
    names = "names"
    text = "text"
    off = "off"


Gender = Annotated[GenderMode, typer.Option("--gender", metavar="MODE", help="Speakers' gender: names (from the text, else from a first name that is nearly always of one sex), text (from the text alone: pronouns, Mr./Ms., nouns such as mother or spokesman) or off.")]


Transcript = Annotated[Optional[bool], typer.Option("--transcript/--no-transcript", help="Read every input as a transcript (lines opening with a speaker label, TRUMP: or Hillary Clinton:), or none; default: the documents most of whose lines open with a label. .vtt and .tsv files are transcripts unless --no-transcript.", show_default=False)]
LexiconDir = Annotated[Optional[str], typer.Option("--lexicon-dir", metavar="DIR", help="Folder of lexicon files (names and formats as in quotes/lexicons) extending the built-in ones.")]


def _setup(aliases: str | None, lexicon_dir: str | None):
    """The aliases to apply and the lexicon folder in use; a bad file is a usage error (exit 2)."""
    from .enrich import AliasError, load_aliases
    from .lexicon import LexiconError
    from .run import use_lexicons

    try:
        if lexicon_dir is not None:
            use_lexicons(lexicon_dir)
        return load_aliases(aliases)
    except (AliasError, LexiconError) as err:
        _say(f"error: {err}")
        raise typer.Exit(2) from None


def _dask(value: Optional[str]) -> Optional[str]:
    if value is not None:
        from .run import parse_address

        try:
            parse_address(value)
        except ValueError as err:
            raise typer.BadParameter(_shown(str(err))) from None
    return value


def _one_executor(jobs: Optional[int], dask: Optional[str], dask_timeout: Optional[float] = None) -> None:
    if jobs is not None and dask is not None:
        raise typer.BadParameter("--jobs and --dask are alternatives: give one", param_hint="'--dask'")
    if dask_timeout is not None and dask is None:
        raise typer.BadParameter("goes with --dask", param_hint="'--dask-timeout'")


Dask = Annotated[Optional[str], typer.Option("--dask", callback=_dask, metavar="ADDRESS|local:N", help="Run on a Dask cluster: its scheduler address, as tcp://host:8786, or local:N to start N worker processes here. Needs the optional Dask extra of quotegraph (without it, --dask says how to install it). Output is the same as with --jobs 1.")]


DaskTimeout = Annotated[Optional[float], typer.Option("--dask-timeout", min=0.1, max=86400.0, metavar="SECONDS", help="With --dask: how long to wait for the scheduler to answer, and for a worker while the cluster has none (all lost, or none started), before the run stops with an error (default 5).")]


def _cores(jobs: Optional[int] = None) -> int:
    """The worker processes of a run: ``--jobs``, at most the cores this process may use (each
    worker holds a pipeline of ~170 MB: --jobs 100000 once started that many), else the cores."""
    from .run import usable_cores

    cores = usable_cores()
    if jobs is not None and jobs > cores:
        typer.echo(f"warning: --jobs {jobs}: this machine has {cores} core(s); using {cores}", err=True)
    return min(jobs or cores, cores)


def _run(call, inputs, quiet):
    """Run a library call with a progress bar when wanted; Ctrl-C ends with the summary so far."""
    from .run import ClusterError, DaskMissing, Interrupted, UsageError, make_progress

    progress = make_progress(inputs, quiet)
    try:
        return call(progress)
    except (ModelNotFound, UsageError, DaskMissing, ClusterError) as err:
        if progress is not None:
            progress.close()
        _say(f"error: {err}")
        raise typer.Exit(2) from None
    except Interrupted as stop:
        if progress is not None:
            progress.close()
        with contextlib.suppress(OSError):  # SIGHUP: the terminal may be gone
            _say(stop.summary.line() + " (interrupted)")
        raise typer.Exit(stop.code) from None
    finally:
        if progress is not None:
            progress.close()


@app.command()
def extract(inputs: Inputs, output: Output = None,
            fmt: Annotated[Optional[QuoteFormat], typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv, json, table or html (the page of `show`); default: from the suffix of -o, else table on a terminal, else jsonl.")] = None,
            model: Model = None, acts: Acts = "speech", jobs: Jobs = None, dask: Dask = None,
            quiet: Quiet = False, aliases: AliasesFile = None, lexicon_dir: LexiconDir = None,
            skipped: SkippedFile = None, dask_timeout: DaskTimeout = None,
            gender: Gender = GenderMode.names, transcript: Transcript = None) -> None:
    """Find every attributed quote with its speaker, cue, kind and character offsets.

    Example: quotegraph extract seeds/ -o quotes.csv
    """
    from .run import EXTRACT_FORMATS, run_extract

    _one_executor(jobs, dask, dask_timeout)
    chosen = _format(output, fmt, EXTRACT_FORMATS)
    wanted = _acts(acts)
    known = _setup(aliases, lexicon_dir)
    summary = _run(lambda progress: run_extract(inputs, output, chosen, model, wanted, stdout=_stdout(chosen),
                                                jobs=_cores(jobs), progress=progress, dask=dask, aliases=known,
                                                skipped=skipped, dask_timeout=dask_timeout, gender=gender.value, transcript=transcript),
                   inputs, quiet)
    _finish(summary)


class ClaimFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    json = "json"
    table = "table"
    claimreview = "claimreview"


@app.command()
def claims(inputs: Inputs,
           output: Annotated[Optional[str], typer.Option("-o", "--output", metavar="FILE", help="Write here instead of stdout; the suffix picks the format (.jsonl, .csv, .json; .jsonld for claimreview).")] = None,
           fmt: Annotated[Optional[ClaimFormat], typer.Option("--format", "-f", metavar="FORMAT", help="jsonl, csv, json, table or claimreview (schema.org ClaimReview JSON-LD, also picked by -o FILE.jsonld); default: from the suffix of -o, else table on a terminal, else jsonl.")] = None,
           threshold: Annotated[Optional[float], typer.Option("--threshold", min=0.0, max=1.0, metavar="X", help="Checkworthiness from which a claim is check-worthy (states a fact that evidence could settle), 0 to 1 (default 0.5).")] = None,
           keep_all: Annotated[bool, typer.Option("--all", help="Write every candidate claim with its scores, not only check-worthy ones.")] = False,
           model: Model = None, jobs: Jobs = None, dask: Dask = None, quiet: Quiet = False,
           aliases: AliasesFile = None, lexicon_dir: LexiconDir = None, skipped: SkippedFile = None,
           dask_timeout: DaskTimeout = None, transcript: Transcript = None) -> None:
    """Check-worthy claims with claimant, source and date, for fact-checkers.

    Example: quotegraph claims seeds/ --threshold 0.3 -o claims.jsonld
    """
    from .run import CLAIM_FORMATS, run_claims

    _one_executor(jobs, dask, dask_timeout)
    chosen = _format(output, fmt, CLAIM_FORMATS)
    known = _setup(aliases, lexicon_dir)
    summary = _run(lambda progress: run_claims(inputs, output, chosen, model, threshold, keep_all, stdout=_stdout(chosen),
                                               jobs=_cores(jobs), progress=progress, dask=dask,
                                               aliases=known, skipped=skipped, dask_timeout=dask_timeout, transcript=transcript),
                   inputs, quiet)
    _finish(summary)


class EvalFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
def evaluate(gold: Annotated[str, typer.Argument(metavar="GOLD", show_default=False, help="Gold: a brat folder (PolNeAR layout or <doc>.txt beside <doc>.ann) or a JSONL file.")],
             fmt: Annotated[EvalFormat, typer.Option("--format", "-f", metavar="FORMAT", help="table or json.")] = EvalFormat.table,
             errors: Annotated[Optional[str], typer.Option("--errors", metavar="FILE", help="Write each miss, spurious quote and wrong speaker here (JSONL).")] = None,
             model: Model = None, acts: Acts = "speech",
             strip: Annotated[bool, typer.Option("--strip", help="Score on the texts stripped of quotation marks, apostrophes, parentheses and dashes (the gold moves with them).")] = False,
             gender: Gender = GenderMode.names) -> None:
    """Score the extractor against annotated quotes: precision, recall, F1 at three matchings.

    Example: quotegraph evaluate examples/gold.jsonl --errors errors.jsonl
    """
    from .evaluate import run_evaluate

    try:
        code = run_evaluate(gold, fmt.value, errors, _acts(acts), model, strip=strip, gender=gender.value)
    except ModelNotFound as err:
        _say(f"error: {err}")
        raise typer.Exit(2) from None
    raise typer.Exit(code)


GRAPH_SUFFIXES = (".graphml", ".gexf")


@app.command()
def graph(inputs: Inputs,
          output: Annotated[str, typer.Option("-o", "--output", metavar="FILE", show_default=False, help="Graph file: .graphml (GraphML) or .gexf (GEXF).")],
          model: Model = None, acts: Acts = "speech", jobs: Jobs = None, dask: Dask = None,
          quiet: Quiet = False, aliases: AliasesFile = None, lexicon_dir: LexiconDir = None,
          skipped: SkippedFile = None, dask_timeout: DaskTimeout = None,
          gender: Gender = GenderMode.names, transcript: Transcript = None) -> None:
    """Build the speaker graph (speakers -> countries, blocs, topics, people) for Gephi.

    INPUT may be articles or the JSONL that `quotegraph extract` wrote (then nothing is parsed again).

    Example: quotegraph graph seeds/ -o speakers.gexf
    """
    from .run import OutputError, run_graph, write_text

    if not output.lower().endswith(GRAPH_SUFFIXES):
        raise typer.BadParameter("the file name must end in .graphml or .gexf", param_hint="'-o'")
    _one_executor(jobs, dask, dask_timeout)
    wanted = _acts(acts)
    known = _setup(aliases, lexicon_dir)
    summary, text = _run(lambda progress: run_graph(inputs, output, model, wanted, jobs=_cores(jobs),
                                                    progress=progress, dask=dask, aliases=known, skipped=skipped,
                                                    dask_timeout=dask_timeout, gender=gender.value, transcript=transcript), inputs, quiet)
    try:
        write_text(_shown(text, keep="\n"))
    except OutputError as err:  # > /dev/full: the graph file is written, its summary is not
        _say(f"error: {err}")
        raise typer.Exit(2) from None
    _finish(summary)


@app.command()
def show(inputs: Inputs,
         output: Annotated[Optional[str], typer.Option("-o", "--output", metavar="FILE", help="The HTML page to write (default: stdout).")] = None,
         title: Annotated[Optional[str], typer.Option("--title", metavar="TEXT", help="The page's title (default: the article's headline, or the number of articles).")] = None,
         model: Model = None, acts: Acts = "speech", jobs: Jobs = None, dask: Dask = None,
         quiet: Quiet = False, aliases: AliasesFile = None, lexicon_dir: LexiconDir = None,
         skipped: SkippedFile = None, dask_timeout: DaskTimeout = None,
         gender: Gender = GenderMode.names, transcript: Transcript = None) -> None:
    """One self-contained HTML page: each article with its quotes highlighted, and the speakers.

    Example: quotegraph show seeds/ -o page.html
    """
    from .run import run_show

    _one_executor(jobs, dask, dask_timeout)
    wanted = _acts(acts)
    known = _setup(aliases, lexicon_dir)
    summary = _run(lambda progress: run_show(inputs, output, model, wanted, stdout=_stdout("html"), jobs=_cores(jobs),
                                             progress=progress, aliases=known, title=title, dask=dask,
                                             skipped=skipped, dask_timeout=dask_timeout, gender=gender.value, transcript=transcript),
                   inputs, quiet)
    _finish(summary)


if __name__ == "__main__":
    app()
