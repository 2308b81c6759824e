"""The quote engine: from a parsed spaCy Doc to ``Quote`` records.

Stages, a module each: ``marks`` (quotation marks paired), ``reported`` and ``cue_phrases`` (cue
verbs, and the other cues, with their content read off the parse), ``quoted`` (quoted spans joined to their cue), ``continuations`` (quotes carried
on), ``speakers`` and ``sieve`` (the document's people, sources resolved to names), and ``assemble`` (overlaps settled, records made).
``paragraphs`` is the component that starts a sentence at each paragraph before the parse.
"""

from __future__ import annotations

from .assemble import extract_from_parsed
from .marks import find_marked, has_quotation_marks
from .paragraphs import PARAGRAPH_BREAKS, paragraph_breaks
from .turns import TURN_RULE

__all__ = ["PARAGRAPH_BREAKS", "TURN_RULE", "extract_from_parsed", "find_marked", "has_quotation_marks", "paragraph_breaks"]
