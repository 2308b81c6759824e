"""Running the extractor on gold texts and scoring it: :func:`evaluate` for a corpus, and
:func:`run_evaluate`, the whole ``quotegraph evaluate`` command.
"""


from __future__ import annotations

import json
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..enrich import with_gender_mode
from ..io import atomic_output, shown
from ..model import Document, Skipped, parse_acts

if TYPE_CHECKING:
    from spacy.language import Language
from .gender import render_genders, score_genders
from .gold import GoldCorpus, GoldFormatError, read_gold, strip_corpus
from .matching import SETTINGS_BY_NAME, Evaluation, score, split_parts
from .report import find_errors, render_table
from .speakers import score_speakers

# --------------------------------------------------------------------------------------------
# Running the extractor on gold


def evaluate_corpus(
    gold_path: str | Path | GoldCorpus,
    nlp: Language,
    acts: Collection[str] = ("speech",),
    errors_path: str | Path | None = None,
    errors_setting: str = "cover0.3",
    strip: bool = False,
    gender: str = "names",
) -> Evaluation:
    """Run the extractor on the gold texts and score it; optionally write the errors as JSONL.

    ``gold_path`` is a path for :func:`read_gold` or a corpus it returned. Each gold text
    becomes ``Document(doc_id, text)`` with the text exactly as read, so that predicted offsets
    index into the same string as the gold ones. With ``strip``, the texts lose their quotation
    marks, apostrophes, parentheses and dashes first and the gold moves with them
    (:func:`strip_corpus`). When no gold quote is discontinuous, the gold keeps the parts of a
    split or carried-on quote apart, and each part of a prediction is scored on its own. When
    the gold lists the people quoted by gender, ``genders`` scores the speakers' gender
    (``gender``: names, text or off, as ``--gender``).
    """
    if errors_setting not in SETTINGS_BY_NAME:
        raise ValueError(f"unknown setting {errors_setting!r}: expected one of {', '.join(SETTINGS_BY_NAME)}")
    # read gold before importing the pipeline, so that a bad path fails fast
    corpus = gold_path if isinstance(gold_path, GoldCorpus) else read_gold(gold_path)
    if strip:
        corpus = strip_corpus(corpus)
    by_part = not any(len(q.content) > 1 for g in corpus.documents for q in g.quotes)
    from ..run import extract_documents

    documents = [Document(doc_id=g.doc_id, text=g.text, source=g.source) for g in corpus.documents]
    failed: list[Skipped] = []  # a document the rules fail on scores as one with no quotes
    predicted: dict[str, list[Any]] = {}
    records: dict[str, list[Any]] = {}  # whole records, for the speakers' genders
    for doc, quotes in extract_documents(documents, nlp, acts=tuple(acts), on_error=failed.append):
        quotes = records[doc.doc_id] = [with_gender_mode(q, gender) for q in quotes]
        predicted[doc.doc_id] = split_parts(quotes) if by_part else list(quotes)
    pairs = [(g, predicted.get(g.doc_id, [])) for g in corpus.documents]
    result = score((g.quotes, p) for g, p in pairs)
    speakers = score_speakers((g.quotes, p) for g, p in pairs)
    extra = {name: counts.metrics() for name, counts in speakers.items()}
    if errors_path is not None:
        with atomic_output(str(errors_path), None) as out:  # the old file stays whole until then
            for record in find_errors(pairs, SETTINGS_BY_NAME[errors_setting]):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return Evaluation(result.counts, result.bands, result.documents, (*corpus.skipped, *failed), extra,
                      score_genders((g, records.get(g.doc_id, [])) for g in corpus.documents))


def evaluate(
    gold_path: str | Path,
    nlp: Language,
    acts: Collection[str] = ("speech",),
    errors_path: str | Path | None = None,
    strip: bool = False,
) -> dict[str, dict[str, Any]]:
    """Score the extractor on gold: ``{"cover0.3": {...}, "cover0.8": {...}, "jaccard0.5": {...}}``."""
    return evaluate_corpus(gold_path, nlp, acts, errors_path, strip=strip).as_dict()


def run_evaluate(
    gold: str | Path,
    fmt: str = "table",
    errors: str | Path | None = None,
    acts: str | Collection[str] = "speech",
    model: str | None = None,
    stdout: IO[str] | None = None,
    report: Callable[[str], None] | None = None,
    strip: bool = False,
    gender: str = "names",
) -> int:
    """``quotegraph evaluate``: read gold, load the model, score, print; returns the exit code.

    The report goes to ``stdout`` as a table or as JSON (exactly :meth:`Evaluation.as_dict`);
    messages go to ``report`` (stderr by default). When the gold lists the people quoted by
    gender, a second table (JSON: ``"gender"``) scores the speakers' gender (``gender``: names,
    text or off, as ``--gender``). Exit code 2 when GOLD is not gold, 1 when
    some gold input was skipped, else 0. A missing model raises ``quotes.run.ModelNotFound``.
    """
    out = stdout if stdout is not None else sys.stdout
    say = report or (lambda message: print(shown(message), file=sys.stderr))
    if fmt not in ("table", "json"):
        raise ValueError(f"unknown format {fmt!r}: expected 'table' or 'json'")
    from ..run import OutputError, UsageError, check_paths, drop_unwritten, load_pipeline, write_text

    try:
        check_paths([], None if errors is None else str(errors))  # before any work, old file untouched
        corpus = read_gold(gold)
    except (GoldFormatError, UsageError) as err:
        say(f"error: {err}")
        return 2

    chosen = parse_acts(acts)
    try:
        result = evaluate_corpus(corpus, load_pipeline(model), chosen, errors, strip=strip, gender=gender)
    except OSError as err:  # the --errors file: a full disk, a folder gone
        say(f"error: cannot write {errors}: {err.strerror or err}")
        return 2
    scores = result.as_dict()
    try:
        if fmt == "json":
            write_text(json.dumps({**scores, "gender": result.genders} if result.genders else scores, indent=2), out)
        else:
            from rich.console import Console

            console = Console(file=out)
            console.print(render_table(scores, title=f"{shown(str(gold))} (acts: {', '.join(chosen)}{'; stripped' if strip else ''})"))
            if result.genders:
                console.print(render_genders(result.genders))
            write_text("", out, end="")  # flushed: > /dev/full fails here, not at exit
    except OutputError as err:
        say(f"error: {err}")
        return 2
    except OSError as err:  # rich failed before the flush
        drop_unwritten(out)
        say(f"error: cannot write standard output: {err.strerror or err}")
        return 2
    for skipped in result.skipped:
        say(f"skipped: {skipped.source}: {skipped.reason}")
    totals = result.totals()["cover0.3"]
    say(
        f"quotegraph: {result.documents} gold documents, {totals['gold']} gold quotes, "
        f"{totals['predicted']} predicted"
        + (f", errors written to {errors}" if errors is not None else "")
        + (f", {len(result.skipped)} skipped" if result.skipped else "")
    )
    return 1 if result.skipped else 0
