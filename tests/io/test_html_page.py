"""The HTML page: parsed back with the standard library, highlights checked against the offsets."""

from __future__ import annotations

import io

import pytest

from quotes.io import HtmlPage, safe_url
from quotes.model import Document, Mention, Quote, Span, Topic

TEXT = ("Headline\n20240102\nhttps://example.org/a\n"
        "\"We are ready,\" Jane Roe said. \"The <b>plan</b> & the rest,\" she added.\n"
        "Roe's rival, John Doe, said that the plan would fail in Ruritania.\n")
BODY = TEXT.index("\"We")


def _span(text: str, needle: str, after: int = 0) -> Span:
    start = TEXT.index(needle, after)
    return Span(needle, start, start + len(needle))


def _quote(n: int, content: str, speaker: str, mention: Span, cue: Span, kind: str = "direct", **more) -> Quote:
    start = TEXT.index(content)
    return Quote(doc_id="doc<1>", quote_id=f"doc<1>:q{n}", kind=kind, text=content, start=start,
                 end=start + len(content), speaker=speaker, speaker_mention=mention, cue=cue,
                 confidence=0.9, parts=((start, start + len(content)),), **more)


DOCUMENT = Document("doc<1>", TEXT, "Headline <script>alert(1)</script>", "2024-01-02",
                    "javascript:alert(1)", BODY)
QUOTES = [
    _quote(1, "We are ready,", "Jane Roe", _span(TEXT, "Jane Roe"), _span(TEXT, "said")),
    _quote(2, "The <b>plan</b> & the rest,", "Jane Roe", _span(TEXT, "she"), _span(TEXT, "added"),
           speaker_role="the minister", speaker_type="person",
           countries=(Mention("RUR", "Ruritania", "Ruritania", 0, 0),),
           topics=(Topic("politics", "politics & government", None, ("plan",)),)),
    _quote(3, "the plan would fail in Ruritania", "John Doe", _span(TEXT, "John Doe"),
           _span(TEXT, "said", TEXT.index("John Doe")), kind="indirect", speaker_role="Roe's rival"),
]


def render(pages) -> str:
    page = HtmlPage("test <page>")
    for document, quotes in pages:
        page.add(document, quotes)
    out = io.StringIO()
    page.write(out)
    return out.getvalue()


def test_text_is_the_body_and_highlights_sit_on_the_offsets(read_page):
    html = render([(DOCUMENT, QUOTES)])
    page = read_page(html)
    assert page.texts == [TEXT[BODY:]]
    offset = page.offsets[0]
    pieces: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for (role, number), found in page.highlights().items():
        pieces[(role, number)] = [(start + offset, end + offset) for start, end in found]
    for number, q in enumerate(QUOTES, 1):
        assert pieces[("quote", number)] == [tuple(p) for p in q.parts]
        assert pieces[("speaker", number)] == [(q.speaker_mention.start, q.speaker_mention.end)]
        assert pieces[("cue", number)] == [(q.cue.start, q.cue.end)]
    assert page.scripts == 0


def test_hostile_text_is_escaped():
    html = render([(DOCUMENT, QUOTES)])
    assert "<script>" not in html and "<b>plan</b>" not in html
    assert "&lt;b&gt;plan&lt;/b&gt; &amp; the rest" in html
    assert "Headline &lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "href=\"javascript" not in html and "javascript:alert(1)" in html  # shown, not linked


@pytest.mark.parametrize("url, expected", [
    ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
    ("http://example.org", "http://example.org"),
    ("javascript:alert(1)", None),
    ("JAVASCRIPT:alert(1)", None),
    ("data:text/html,<b>x</b>", None),
    ("//example.org", None),
    ("", None),
    (None, None),
])
def test_only_http_links(url, expected):
    assert safe_url(url) == expected


def test_notes_and_speaker_list():
    html = render([(DOCUMENT, QUOTES)])
    assert "Jane Roe</span> <span class=\"count\">2 quotes" in html
    assert "John Doe</span> <span class=\"count\">1 quote<" in html
    assert "<dt>role</dt><dd>the minister</dd>" in html
    assert "<dt>countries</dt><dd>Ruritania</dd>" in html
    assert "<dt>topics</dt><dd>politics &amp; government</dd>" in html
    assert "<dt>confidence</dt><dd>0.90</dd>" in html
    assert html.index("Jane Roe</span>") < html.index("John Doe</span>")  # most quoted first


def test_self_contained():
    html = render([(DOCUMENT, QUOTES)])
    assert "<script" not in html and "src=" not in html and "@import" not in html
    assert "<link" not in html and "url(" not in html


def test_empty_page(read_page):
    html = render([])
    page = read_page(html)
    assert page.texts == [] and "No articles." in html


def test_carriage_returns_survive(read_page):
    text = "Title\r\n20240102\r\n\r\nJane Roe said that the plan would fail.\r\nThe end.\r\n"
    start = text.index("that the plan")
    quote = Quote(doc_id="crlf", quote_id="crlf:q1", kind="indirect", text="that the plan would fail",
                  start=start, end=start + 24, speaker="Jane Roe",
                  speaker_mention=Span("Jane Roe", text.index("Jane"), text.index("Jane") + 8),
                  cue=Span("said", text.index("said"), text.index("said") + 4), confidence=0.9,
                  parts=((start, start + 24),))
    document = Document("crlf", text, "Title", None, None, text.index("Jane"))
    page = read_page(render([(document, [quote])]))
    assert page.texts == [text[document.body_start:]] and "\r" not in render([(document, [quote])])
    assert page.highlights()[("quote", 1)] == [(start - document.body_start, start - document.body_start + 24)]


def test_a_nul_character_is_shown_and_the_offsets_hold(read_page):
    """A JSONL text may hold "\\u0000": written raw, a browser drops it and every highlight after
    it sits one character early. It is shown as the symbol for NUL, one character for one."""
    text = "A\x00B. \"We are ready,\" Jane\x00 Roe said. \"Go\x00on,\" she added.\n"
    content = [("We are ready,", "Jane\x00 Roe"), ("Go\x00on,", "she")]
    quotes = []
    for n, (words, who) in enumerate(content, 1):
        start, at = text.index(words), text.index(who)
        quotes.append(Quote(doc_id="nul", quote_id=f"nul:q{n}", kind="direct", text=words, start=start,
                            end=start + len(words), speaker="Jane Roe", speaker_mention=Span(who, at, at + len(who)),
                            cue=None, confidence=0.9, parts=((start, start + len(words)),)))
    html = render([(Document("nul\x00id", text, "Title\x00"), quotes)])
    assert "\x00" not in html and "\u2400" in html
    page = read_page(html)
    assert page.texts == [text.replace("\x00", "\u2400")]
    found = page.highlights()
    for n, q in enumerate(quotes, 1):
        assert found[("quote", n)] == [(q.start, q.end)]
        assert found[("speaker", n)] == [(q.speaker_mention.start, q.speaker_mention.end)]


def test_speaker_list_counts_people_by_gender():
    from dataclasses import replace

    quotes = [replace(QUOTES[0], speaker_gender="female", speaker_gender_evidence="pronoun"),
              replace(QUOTES[1], speaker_gender="female", speaker_gender_evidence="pronoun"),
              replace(QUOTES[2], speaker_type="person"),
              replace(QUOTES[2], quote_id="x", speaker="Acme", speaker_type="organization")]
    html = render([(DOCUMENT, quotes)])
    # an organisation is not a person; John Doe is a person the text says nothing of
    assert "<p class=\"genders\">2 people quoted: 1 woman, 0 men, 1 unknown</p>" in html
    assert "female</span>" in html.split("Jane Roe</span>")[1].split("</li>")[0]
    assert "<dt>gender</dt><dd>female (pronoun)</dd>" in html
