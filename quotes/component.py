"""quotegraph as a spaCy pipeline component: ``nlp.add_pipe("quotegraph")`` sets ``doc._.quotes``
and the span group ``doc.spans["quotes"]``.

The span group holds each quote's content (one span a part, labelled ``DIRECT``, ``INDIRECT`` or
``MIXED``), its speaker's mention (``SPEAKER``) and its cue (``CUE``), each span's ``id_`` the
quote's id, so ``displacy.render(doc, style="span", options={"spans_key": "quotes"})`` shows them.

A quote's id is ``<document id>:q<start>`` as everywhere else. The document id is
``doc.user_data["id"]`` when set (``doc = nlp.make_doc(text); doc.user_data["id"] = "story"``),
else ``doc-`` and the first 12 hex digits of the text's SHA-256, so that the documents of one
``nlp.pipe`` never share ids unless their texts are the same.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterator

from spacy.language import Language
from spacy.tokens import Doc, Span

from .engine import extract_from_parsed
from .enrich import GENDER_MODES, NameIndex, corpus_names, with_gender_mode, with_speaker_ids
from .model import ACTS, Document, Quote, parse_acts

SPANS_KEY = "quotes"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def quote_spans(doc: Doc, quotes: Collection[Quote]) -> list[Span]:
    """The content parts, speaker mentions and cues of ``quotes`` as spaCy spans, in text order."""

    def pieces(q: Quote) -> Iterator[tuple[int, int, str]]:
        for start, end in q.parts or ((q.start, q.end),):
            yield start, end, q.kind.upper()
        if q.speaker_mention:
            yield q.speaker_mention.start, q.speaker_mention.end, "SPEAKER"
        if q.cue:
            yield q.cue.start, q.cue.end, "CUE"

    spans = []
    for q in quotes:
        for start, end, label in pieces(q):
            span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=q.quote_id)
            if span is not None and len(span):
                spans.append(span)
    return sorted(spans, key=lambda s: (s.start_char, s.end_char))


def document_id(doc: Doc) -> str:
    """The id a Doc's quotes are named by: ``doc.user_data["id"]``, else one made from its text."""
    given = doc.user_data.get("id", doc.user_data.get("doc_id"))
    if given is not None and str(given):
        return str(given)
    return "doc-" + hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class QuoteComponent:
    """Runs the quote engine on a parsed Doc and stores the ``Quote`` records and spans on it."""

    def __init__(self, acts: Collection[str], gender: str = "names") -> None:
        wanted = parse_acts(acts, "acts")  # "all" is every act, "bogus" an error, never nothing
        self.acts = ("all",) if set(wanted) == set(ACTS) else wanted
        if gender not in GENDER_MODES:
            raise ValueError(f"gender: unknown gender mode {gender!r}: expected one of {', '.join(GENDER_MODES)}")
        self.gender = gender

    def find(self, doc: Doc) -> list[Quote]:
        """The quotes of a parsed Doc."""
        document = Document(doc_id=document_id(doc), text=doc.text)
        quotes = [with_gender_mode(q, self.gender) for q in extract_from_parsed(document, [(0, doc)], self.acts)]
        return with_speaker_ids(quotes, NameIndex(n for q in quotes for n in corpus_names(q)))

    def set_annotations(self, doc: Doc, quotes: list[Quote]) -> None:
        """``doc._.quotes`` and ``doc.spans["quotes"]``."""
        doc._.quotes = quotes
        doc.spans[SPANS_KEY] = quote_spans(doc, quotes)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc


@Language.factory("quotegraph", default_config={"acts": ["speech"], "gender": "names"},
                  requires=["token.dep", "token.lemma", "doc.ents"], assigns=["doc._.quotes", "doc.spans"])
def make_quotegraph(nlp: Language, name: str, acts: list[str], gender: str) -> QuoteComponent:
    """Factory for ``nlp.add_pipe("quotegraph", config={"acts": ["all"], "gender": "text"})``."""
    return QuoteComponent(acts, gender)
