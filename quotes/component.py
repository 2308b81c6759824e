"""quotegraph as a spaCy pipeline component: ``nlp.add_pipe("quotegraph")`` sets ``doc._.quotes``."""

from __future__ import annotations

from collections.abc import Collection

from spacy.language import Language
from spacy.tokens import Doc

from .engine import extract_from_parsed
from .model import Document

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuoteComponent:
    """Runs the quote engine on a parsed Doc and stores the ``Quote`` records on it."""

    def __init__(self, acts: Collection[str]) -> None:
        self.acts = tuple(acts)

    def __call__(self, doc: Doc) -> Doc:
        document = Document(doc_id=doc.user_data.get("doc_id", "doc"), text=doc.text)
        doc._.quotes = extract_from_parsed(document, [(0, doc)], self.acts)
        return doc


@Language.factory("quotegraph", default_config={"acts": ["speech"]},
                  requires=["token.dep", "token.lemma", "doc.ents"], assigns=["doc._.quotes"])
def make_quotegraph(nlp: Language, name: str, acts: list[str]) -> QuoteComponent:
    """Factory for ``nlp.add_pipe("quotegraph", config={"acts": ["all"]})``."""
    return QuoteComponent(acts)
