"""A paragraph starts a sentence in the parse, whatever the parser would have joined."""

from __future__ import annotations

import pytest
import spacy

from quotes.engine import PARAGRAPH_BREAKS


@pytest.mark.parametrize("text, sentences", [
    ("The plant closed.\n\nArticle continues below\n\n\u201cWe are ready,\u201d she said.",
     ["The plant closed.", "Article continues below", "\u201cWe are ready,\u201d she said."]),
    ("Jane Roe spoke on Monday\nThe bridge will reopen", ["Jane Roe spoke on Monday", "The bridge will reopen"]),
])
def test_paragraphs_start_sentences(text, sentences):
    nlp = spacy.blank("en")
    nlp.add_pipe(PARAGRAPH_BREAKS)
    nlp.add_pipe("sentencizer")  # respects the starts already set, as the parser does
    doc = nlp(text)
    # (the sentencizer gives a line break after a full stop a sentence of its own: left out)
    assert [s.text.strip() for s in doc.sents if s.text.strip()] == sentences


def test_pipeline_has_paragraph_breaks_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index(PARAGRAPH_BREAKS) < names.index("parser")
    doc = nlp("The plant closed.\n\nArticle continues below\n\n\u201cWe are ready,\u201d she said.")
    assert "Article continues below" in [s.text.strip() for s in doc.sents]
