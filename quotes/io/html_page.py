"""One self-contained HTML page of articles with their quotes highlighted.

The page needs no network and no JavaScript: styles are inline, notes are plain elements and
``title`` attributes, links are in-page anchors. Every piece of article text, every name and
every attribute value is HTML-escaped (articles are hostile input); a document's URL becomes a
link only when it is ``http`` or ``https``.

Inside an article's ``div.text`` the text content is exactly ``document.text[body_start:]``
(``data-offset`` holds ``body_start``), but for a NUL character, shown as ``\u2400`` (one
character for one: offsets are unchanged): highlights are ``mark`` (quote content, by kind),
``a.speaker`` and ``a.cue`` elements around stretches of that text, each with ``data-quotes``
naming the quotes it belongs to, so a reader (or a test) can map them back to offsets. Quote
numbers are drawn by CSS from empty ``a.ref`` elements, adding no text.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import IO
from urllib.parse import urlsplit

from ..model import Document, Quote, overall_gender

KIND_LABELS = {"direct": "direct quote", "indirect": "reported speech", "mixed": "mixed"}

STYLE = """
:root { --direct: #cfe3ff; --direct-edge: #2f6fd0; --indirect: #fff0b3; --indirect-edge: #c79a00;
        --mixed: #d8f3dc; --mixed-edge: #2d8a4e; --ink: #1d232b; --muted: #5b6673; --rule: #dde2e8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.55 Georgia, "DejaVu Serif", serif; color: var(--ink); background: #fafbfc; }
header.page { padding: 1.2rem 2rem .8rem; border-bottom: 1px solid var(--rule); background: #fff;
              font-family: system-ui, "DejaVu Sans", sans-serif; }
header.page h1 { margin: 0 0 .2rem; font-size: 1.35rem; }
header.page p { margin: .2rem 0; color: var(--muted); font-size: .92rem; }
.legend > span { display: inline-block; margin-right: 1.4rem; }
.swatch { display: inline-block; width: 1.6em; height: 1em; vertical-align: -.12em; border-bottom: 2px solid;
          margin-right: .35em; }
.layout { display: grid; grid-template-columns: 16rem minmax(0, 1fr); gap: 1.5rem; padding: 1.2rem 2rem; }
nav.speakers { font-family: system-ui, "DejaVu Sans", sans-serif; font-size: .88rem; }
nav.speakers h2 { font-size: 1rem; margin: 0 0 .5rem; }
nav.speakers ol { list-style: none; margin: 0; padding: 0; }
nav.speakers li { padding: .35rem .5rem; border-left: 3px solid var(--rule); margin-bottom: .3rem; background: #fff; }
nav.speakers li:target { border-left-color: #d0452f; background: #fff4f1; }
nav.speakers .head { display: flex; justify-content: space-between; gap: .5rem; }
nav.speakers .name { font-weight: 600; }
nav.speakers .count, nav.speakers .type { color: var(--muted); white-space: nowrap; }
nav.speakers .refs a { margin-right: .3rem; color: var(--muted); }
article { background: #fff; border: 1px solid var(--rule); border-radius: 6px; padding: 1rem 1.4rem 1.2rem;
          margin-bottom: 1.5rem; }
article h2 { margin: 0 0 .2rem; font-size: 1.3rem; }
article .meta { margin: 0 0 .9rem; color: var(--muted); font: .85rem system-ui, "DejaVu Sans", sans-serif;
                overflow-wrap: anywhere; }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) 19rem; gap: 1.4rem; align-items: start; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
mark { color: inherit; border-bottom: 2px solid; padding: 0 .05em; }
mark.direct { background: var(--direct); border-color: var(--direct-edge); }
mark.indirect { background: var(--indirect); border-color: var(--indirect-edge); }
mark.mixed { background: var(--mixed); border-color: var(--mixed-edge); }
mark:hover, mark:target { outline: 2px solid #d0452f; }
.swatch.direct { background: var(--direct); border-color: var(--direct-edge); }
.swatch.indirect { background: var(--indirect); border-color: var(--indirect-edge); }
.swatch.mixed { background: var(--mixed); border-color: var(--mixed-edge); }
a.speaker { color: #8a1c0f; font-weight: 700; text-decoration: none; border-bottom: 2px dotted #8a1c0f; }
a.cue { color: inherit; font-style: italic; text-decoration: underline wavy #7a4fb5; text-underline-offset: 3px; }
a.ref { text-decoration: none; }
a.ref::after { content: attr(data-n); font: 700 .68rem system-ui, "DejaVu Sans", sans-serif; vertical-align: super;
               color: #fff; background: #4a5563; border-radius: 7px; padding: 0 .3em; margin-left: .1em; }
ol.notes { list-style: none; margin: 0; padding: 0; font: .82rem/1.4 system-ui, "DejaVu Sans", sans-serif; }
ol.notes li { border-left: 4px solid; padding: .35rem .55rem; margin-bottom: .5rem; background: #f6f7f9; }
ol.notes li.direct { border-color: var(--direct-edge); }
ol.notes li.indirect { border-color: var(--indirect-edge); }
ol.notes li.mixed { border-color: var(--mixed-edge); }
ol.notes li:target { background: #fff4f1; }
ol.notes .num { font-weight: 700; margin-right: .3rem; }
ol.notes .who { font-weight: 600; }
ol.notes dl { margin: .2rem 0 0; display: grid; grid-template-columns: auto 1fr; gap: 0 .5rem; }
ol.notes dt { color: var(--muted); }
ol.notes dd { margin: 0; }
.empty { color: var(--muted); font-style: italic; }
@media (max-width: 60rem) { .layout, .columns { grid-template-columns: 1fr; } }
"""


NUL_SHOWN = "\u2400"  # SYMBOL FOR NULL: what a NUL of the text is on the page


def _e(value: object) -> str:
    """Text or attribute value, escaped (quotes too). A carriage return is written as a
    character reference, which browsers keep, so that offsets in the page stay the document's
    (a literal CR LF would be read as one LF). A NUL, which browsers drop from text (and turn
    into U+FFFD in attributes, as they do ``&#0;``), is shown as ``\u2400``: one character
    for one, so the offsets hold too."""
    return html.escape(str(value), quote=True).replace("\r", "&#13;").replace("\x00", NUL_SHOWN)


def safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, else None (no ``javascript:`` links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


@dataclass(frozen=True)
class _Mark:
    """One highlight: a stretch of text with its role and quote number."""

    start: int
    end: int
    role: str  # "quote", "speaker" or "cue"
    number: int  # the quote's number on the page
    kind: str


def _marks(quotes: Sequence[tuple[int, Quote]], start: int, end: int) -> list[_Mark]:
    """Every content part, speaker mention and cue of the quotes that lies inside the shown text."""
    marks = []
    for number, q in quotes:
        for s, e in q.parts or ((q.start, q.end),):
            marks.append(_Mark(s, e, "quote", number, q.kind))
        if q.speaker_mention:
            marks.append(_Mark(q.speaker_mention.start, q.speaker_mention.end, "speaker", number, q.kind))
        if q.cue:
            marks.append(_Mark(q.cue.start, q.cue.end, "cue", number, q.kind))
    return [m for m in marks if start <= m.start < m.end <= end]


def gender_counts(rows: Sequence[tuple]) -> str:
    """The people among the speakers by gender: "5 people quoted: 2 women, 2 men, 1 unknown".

    ``rows`` are the speaker list's (anchor, name, type, numbers, gender); organisations and
    groups are not people and are not counted.
    """
    people = [row for row in rows if row[2] == "person" or row[4]]
    women = sum(1 for row in people if row[4] == "female")
    men = sum(1 for row in people if row[4] == "male")
    noun = "person" if len(people) == 1 else "people"
    return (f"{len(people)} {noun} quoted: {women} {'woman' if women == 1 else 'women'}, "
            f"{men} {'man' if men == 1 else 'men'}, {len(people) - women - men} unknown")


def speaker_key(quote: Quote) -> str | None:
    """What one speaker is on the page: its corpus id when it has one, else its name."""
    return quote.speaker_id or quote.speaker


class HtmlPage:
    """Collects articles with their quotes; ``write`` renders the page (the speaker list needs all)."""

    def __init__(self, title: str = "quotegraph") -> None:
        self.title = title
        self.articles: list[tuple[Document, list[tuple[int, Quote]]]] = []
        self.count = 0

    def add(self, document: Document, quotes: Iterable[Quote]) -> None:
        """One article and its quotes (offsets into ``document.text``), numbered on from the last."""
        numbered = []
        for quote in quotes:
            self.count += 1
            numbered.append((self.count, quote))
        self.articles.append((document, numbered))

    def _speakers(self) -> tuple[list[tuple[str, str, str, list[int], str | None]], dict[str, str]]:
        """``[(anchor, name, type, quote numbers, gender)]`` most quoted first, and key -> anchor."""
        numbers: dict[str, list[int]] = defaultdict(list)
        names: dict[str, Counter[str]] = defaultdict(Counter)
        types: dict[str, Counter[str]] = defaultdict(Counter)
        genders: dict[str, list[tuple[str | None, str | None]]] = defaultdict(list)
        for _, quotes in self.articles:
            for number, q in quotes:
                key = speaker_key(q)
                if key:
                    numbers[key].append(number)
                    names[key][q.speaker or key] += 1
                    types[key][q.speaker_type] += 1
                    genders[key].append((q.speaker_gender, q.speaker_gender_evidence))
        order = sorted(numbers, key=lambda k: (-len(numbers[k]), names[k].most_common(1)[0][0]))
        rows, anchors = [], {}
        for index, key in enumerate(order, 1):
            anchors[key] = f"s-{index}"
            name = max(names[key], key=lambda n: (len(n.split()), names[key][n], n))
            rows.append((anchors[key], name, types[key].most_common(1)[0][0], numbers[key],
                         overall_gender(genders[key])))
        return rows, anchors

    def write(self, stream: IO[str]) -> None:
        """The whole page: header and legend, the speakers, then every article with its notes."""
        rows, anchors = self._speakers()
        out = stream.write
        out("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        out("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out(f"<title>{_e(self.title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n")
        out(f"<header class=\"page\"><h1>{_e(self.title)}</h1>\n")
        articles = len(self.articles)
        out(f"<p>{articles} article{'s' if articles != 1 else ''}, {self.count} quote{'s' if self.count != 1 else ''},"
            f" {len(rows)} speaker{'s' if len(rows) != 1 else ''}</p>\n<p class=\"legend\">")
        for kind, label in KIND_LABELS.items():
            out(f"<span><span class=\"swatch {kind}\"></span>{label}</span>")
        out("<span><a class=\"speaker\">speaker</a></span><span><a class=\"cue\">cue</a></span></p></header>\n")
        out("<div class=\"layout\">\n<nav class=\"speakers\" aria-label=\"Speakers\"><h2>Speakers</h2>\n")
        if not rows:
            out("<p class=\"empty\">No attributed quotes.</p>\n")
        else:
            out(f"<p class=\"genders\">{_e(gender_counts(rows))}</p>\n")
        out("<ol>\n")
        for anchor, name, kind, numbers, gender in rows:
            refs = " ".join(f"<a href=\"#q-{n}\">{n}</a>" for n in numbers)
            label = "quote" if len(numbers) == 1 else "quotes"
            out(f"<li id=\"{anchor}\"><div class=\"head\"><span class=\"name\">{_e(name)}</span>"
                f" <span class=\"count\">{len(numbers)} {label}</span></div><span class=\"type\">{_e(kind)}"
                f"{', ' + _e(gender) if gender else ''}</span>"
                f" · <span class=\"refs\">{refs}</span></li>\n")
        out("</ol></nav>\n<main>\n")
        for index, (document, quotes) in enumerate(self.articles, 1):
            self._article(out, index, document, quotes, anchors)
        if not self.articles:
            out("<p class=\"empty\">No articles.</p>\n")
        out("</main>\n</div>\n</body>\n</html>\n")

    def _article(self, out, index: int, document: Document, quotes: list[tuple[int, Quote]],
                 anchors: Mapping[str, str]) -> None:
        out(f"<article id=\"a-{index}\" data-doc-id=\"{_e(document.doc_id)}\">\n")
        out(f"<h2>{_e(document.title or document.doc_id)}</h2>\n<p class=\"meta\">")
        meta = [f"<code>{_e(document.doc_id)}</code>"]
        if document.date:
            meta.append(_e(document.date))
        url = safe_url(document.url)
        if url:
            meta.append(f"<a href=\"{_e(url)}\" rel=\"noopener noreferrer\">{_e(url)}</a>")
        elif document.url:
            meta.append(_e(document.url))
        count = len(quotes)
        meta.append(f"{count} quote{'s' if count != 1 else ''}")
        out(" · ".join(meta) + "</p>\n<div class=\"columns\">\n")
        start, end = document.body_start, len(document.text)
        out(f"<div class=\"text\" data-offset=\"{start}\">")
        self._text(out, document.text, start, end, quotes, anchors)
        out("</div>\n<ol class=\"notes\">\n")
        for number, q in quotes:
            self._note(out, number, q, anchors)
        out("</ol>\n</div>\n</article>\n")

    def _text(self, out, text: str, start: int, end: int, quotes: list[tuple[int, Quote]],
              anchors: Mapping[str, str]) -> None:
        marks = _marks(quotes, start, end)
        by_number = dict(quotes)
        cuts = sorted({start, end} | {m.start for m in marks} | {m.end for m in marks})
        first_seen: set[int] = set()
        last_end = {}
        for m in marks:
            if m.role == "quote":
                last_end[m.number] = max(last_end.get(m.number, 0), m.end)
        for a, b in pairwise(cuts):
            inside = [m for m in marks if m.start <= a and b <= m.end]
            chunk = _e(text[a:b])
            content = [m for m in inside if m.role == "quote"]
            speakers = [m for m in inside if m.role == "speaker"]
            cues = [m for m in inside if m.role == "cue"]
            if speakers or cues:
                role = "speaker" if speakers else "cue"
                owners = sorted({m.number for m in (speakers or cues)})
                q = by_number[owners[0]]
                key = speaker_key(q)
                href = f"#{anchors[key]}" if role == "speaker" and key in anchors else f"#n-{owners[0]}"
                tip = f"{role} of quote {', '.join(map(str, owners))}"
                chunk = (f"<a class=\"{role}\" href=\"{href}\" title=\"{_e(tip)}\""
                         f" data-quotes=\"{' '.join(map(str, owners))}\">{chunk}</a>")
            if content:
                inner = min(content, key=lambda m: (by_number[m.number].end - by_number[m.number].start, m.number))
                owners = sorted({m.number for m in content})
                ident = ""
                if inner.number not in first_seen:
                    first_seen.add(inner.number)
                    ident = f" id=\"q-{inner.number}\""
                chunk = (f"<mark{ident} class=\"{_e(inner.kind)}\" title=\"{_e(_tip(inner.number, by_number[inner.number]))}\""
                         f" data-quotes=\"{' '.join(map(str, owners))}\">{chunk}</mark>")
            out(chunk)
            for number in sorted({m.number for m in content if last_end[m.number] == b}):
                out(f"<a class=\"ref\" href=\"#n-{number}\" data-n=\"{number}\" aria-label=\"note {number}\"></a>")

    def _note(self, out, number: int, q: Quote, anchors: Mapping[str, str]) -> None:
        key = speaker_key(q)
        who = (f"<a class=\"who\" href=\"#{anchors[key]}\">{_e(q.speaker)}</a>" if key in anchors
               else "<span class=\"empty\">speaker unknown</span>")
        out(f"<li id=\"n-{number}\" class=\"{_e(q.kind)}\"><a class=\"num\" href=\"#q-{number}\">{number}</a>{who}\n<dl>")
        rows = [("kind", KIND_LABELS.get(q.kind, q.kind) + ("" if q.act == "speech" else f" ({q.act})"))]
        if q.speaker_role:
            rows.append(("role", q.speaker_role))
        if q.speaker_gender:
            rows.append(("gender", f"{q.speaker_gender} ({q.speaker_gender_evidence})"))
        if q.speaker_mention and q.speaker_mention.text != q.speaker:
            rows.append(("mention", q.speaker_mention.text))
        if q.cue:
            rows.append(("cue", q.cue.text))
        rows.append(("confidence", f"{q.confidence:.2f}"))
        if q.countries:
            rows.append(("countries", ", ".join(dict.fromkeys(m.name for m in q.countries))))
        if q.blocs:
            rows.append(("blocs", ", ".join(dict.fromkeys(m.name for m in q.blocs))))
        if q.topics:
            rows.append(("topics", ", ".join(t.label for t in q.topics)))
        rows.append(("id", q.quote_id))  # the record's quote_id, as extract, claims and graph give it
        for name, value in rows:
            out(f"<dt>{_e(name)}</dt><dd>{_e(value)}</dd>")
        out("</dl></li>\n")


def _tip(number: int, q: Quote) -> str:
    """The hover note of a quote: speaker, role, confidence, countries, topics."""
    lines = [f"{number}. {q.speaker or 'speaker unknown'}" + (f", {q.speaker_role}" if q.speaker_role else "")]
    lines.append(f"{KIND_LABELS.get(q.kind, q.kind)}; confidence {q.confidence:.2f}")
    if q.countries:
        lines.append("countries: " + ", ".join(dict.fromkeys(m.name for m in q.countries)))
    if q.topics:
        lines.append("topics: " + ", ".join(t.label for t in q.topics))
    return "\n".join(lines)
