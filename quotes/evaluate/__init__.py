"""Evaluation: score extracted quotes against annotated gold.

``gold`` reads the gold layouts (PolNeAR, brat, JSONL), ``matching`` pairs predictions with gold
quotes and counts, ``report`` writes the errors and score tables, and ``runner`` runs the extractor
on the gold texts (``quotegraph evaluate``).
"""

from __future__ import annotations

from .gold import (
                       GoldCorpus,
                       GoldDocument,
                       GoldFormatError,
                       GoldQuote,
                       gold_kind,
                       gold_quote,
                       read_brat,
                       read_gold,
                       read_gold_jsonl,
                       strip_corpus,
)
from .matching import (
                       BANDS,
                       SETTINGS,
                       SETTINGS_BY_NAME,
                       Counts,
                       DocumentMatch,
                       Evaluation,
                       Match,
                       Setting,
                       match_quotes,
                       same_speaker,
                       score,
                       split_parts,
)
from .report import find_errors, render_bands, render_table
from .speakers import SPEAKER_CLASSES, SpeakerCounts, mention_ok, name_ok, score_speakers, speaker_class
from .runner import evaluate, evaluate_corpus, parse_acts, run_evaluate

__all__ = [
    "BANDS",
    "SETTINGS",
    "SETTINGS_BY_NAME",
    "SPEAKER_CLASSES",
    "Counts",
    "DocumentMatch",
    "Evaluation",
    "GoldCorpus",
    "GoldDocument",
    "GoldFormatError",
    "GoldQuote",
    "Match",
    "Setting",
    "SpeakerCounts",
    "evaluate",
    "evaluate_corpus",
    "find_errors",
    "gold_kind",
    "gold_quote",
    "match_quotes",
    "mention_ok",
    "name_ok",
    "parse_acts",
    "read_brat",
    "read_gold",
    "read_gold_jsonl",
    "render_bands",
    "render_table",
    "run_evaluate",
    "same_speaker",
    "score",
    "score_speakers",
    "speaker_class",
    "split_parts",
    "strip_corpus",
]
