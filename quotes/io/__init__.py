"""Input and output: article readers (seed format, plain text, JSONL, folders, stdin) and the
record writers (JSONL, CSV, JSON, terminal table), written atomically, and the HTML page of
articles with their quotes highlighted (``html_page``).
"""

from __future__ import annotations

from .html_page import HtmlPage, safe_url
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
from .transcripts import TRANSCRIPT_SUFFIXES, as_transcript, detect as detect_transcript
from .writers import (
           FORMATS,
           SUFFIX_FORMATS,
           WRITERS,
           Column,
           FormatError,
           atomic_output,
           choose_format,
           display_text,
           make_writer,
           spreadsheet_safe,
           to_text,
)

__all__ = ["FORMATS", "JSONL_SUFFIXES", "SUFFIX_FORMATS", "TRANSCRIPT_SUFFIXES", "TEXT_SUFFIXES", "WRITERS", "Column", "FormatError",
           "HtmlPage", "as_transcript", "atomic_output", "check_file", "choose_format", "detect_transcript", "display_text", "iter_paths", "make_writer",
           "normalise_date", "parse_json_line", "read_inputs", "read_stdin", "safe_url", "spreadsheet_safe", "to_text",
           "walk"]
