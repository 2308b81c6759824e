"""Input and output: article readers (seed format, plain text, JSONL, folders, stdin), the record
writers (JSONL, CSV, JSON, terminal table), the output file opened without breaking what its name
points at (``outfile``: replaced atomically, links followed, devices and FIFOs written through),
and the HTML page of articles with their quotes highlighted (``html_page``).
"""

from __future__ import annotations

from .html_page import HtmlPage, safe_url
from .outfile import output_problem, output_target, remove_stale_parts, replace_file, special_kind, stale_parts
from .readers import (
           JSONL_SUFFIXES,
           TEXT_SUFFIXES,
           check_file,
           iter_paths,
           normalise_date,
           parse_json_line,
           read_inputs,
           read_stdin,
           walk,
)
from .terminal import for_terminal, shown
from .transcripts import TRANSCRIPT_SUFFIXES, as_transcript, detect as detect_transcript
from .writers import (
           FORMATS,
           SUFFIX_FORMATS,
           WRITERS,
           Column,
           FormatError,
           atomic_output,  # from outfile, through writers
           choose_format,
           make_writer,
           spreadsheet_safe,
           to_text,
)

__all__ = ["FORMATS", "JSONL_SUFFIXES", "SUFFIX_FORMATS", "TEXT_SUFFIXES", "TRANSCRIPT_SUFFIXES", "WRITERS", "Column",
           "FormatError", "HtmlPage", "as_transcript", "atomic_output", "check_file", "choose_format",
           "detect_transcript", "for_terminal", "iter_paths", "make_writer", "normalise_date", "output_problem",
           "output_target", "parse_json_line", "read_inputs", "read_stdin", "remove_stale_parts", "replace_file",
           "safe_url", "shown", "special_kind", "spreadsheet_safe", "stale_parts", "to_text", "walk"]
