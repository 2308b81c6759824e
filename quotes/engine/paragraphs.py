"""A pipeline component that starts a sentence at every paragraph, before the parser runs.

Without it the small English parser runs sentences across line breaks: "Article continues
below" becomes the subject of the next paragraph's quote, and a paragraph's quote the object of
the one before. ``quotes.run.load_pipeline`` adds it; a spaCy user adds it by name before the
parser: ``nlp.add_pipe("quotegraph_paragraph_breaks", before="parser")``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPH_BREAKS = "quotegraph_paragraph_breaks"


def paragraph_breaks(doc: Doc) -> Doc:
    """Mark the first token after a line break as a sentence start; an opening mark at a
    paragraph's start stays in the sentence it opens."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.is_space or not ("\n" in prev.whitespace_ or prev.is_space and "\n" in prev.text):
            continue
        tok.is_sent_start = True
        if tok.is_punct and tok.i + 1 < len(doc):
            doc[tok.i + 1].is_sent_start = False
    return doc


class ParagraphBreaks:
    """The component: called on one Doc, or ``pipe``d over many like spaCy's own components."""

    def __call__(self, doc: Doc) -> Doc:
        return paragraph_breaks(doc)

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield paragraph_breaks(doc)


@Language.factory(PARAGRAPH_BREAKS)
def make_paragraph_breaks(nlp: Language, name: str) -> ParagraphBreaks:
    """Factory for ``nlp.add_pipe("quotegraph_paragraph_breaks", before="parser")``."""
    return ParagraphBreaks()
