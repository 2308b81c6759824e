from __future__ import annotations

from html.parser import HTMLParser

import pytest


@pytest.fixture(scope="session")
def nlp():
    """The real pipeline, loaded once for the whole run."""
    from quotes.run import load_pipeline

    return load_pipeline()


class Page(HTMLParser):
    """Text of each ``div.text`` and the text offsets of the highlights inside it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.offsets: list[int] = []
        self.marks: list[tuple[str, dict, int, int]] = []  # (tag, attrs, start, end) in the last text
        self.tags: list[str] = []
        self.open: list[tuple[str, dict, int]] = []
        self.depth = 0
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.scripts += tag == "script"
        if self.depth:
            self.depth += 1
            self.open.append((tag, attrs, len(self.texts[-1])))
        elif tag == "div" and attrs.get("class") == "text":
            self.depth = 1
            self.texts.append("")
            self.offsets.append(int(attrs["data-offset"]))

    def handle_endtag(self, tag):
        if not self.depth:
            return
        self.depth -= 1
        if self.depth:
            name, attrs, start = self.open.pop()
            assert name == tag
            self.marks.append((tag, attrs, start, len(self.texts[-1]), len(self.texts) - 1))

    def handle_data(self, data):
        if self.depth:
            self.texts[-1] += data

    def highlights(self) -> dict[tuple[str, int], list[tuple[int, int]]]:
        """``(role, quote number) -> [(start, end)]`` in the text of its article (add ``offsets``
        for offsets into the document); the pieces of a highlight cut by another one are joined."""
        found: dict[tuple[str, int], list[tuple[int, int, int]]] = {}
        for tag, attrs, start, end, article in self.marks:
            role = "quote" if tag == "mark" else attrs.get("class")
            for number in attrs.get("data-quotes", "").split():
                found.setdefault((role, int(number)), []).append((article, start, end))
        return {key: _joined(pieces) for key, pieces in found.items()}


def _joined(pieces: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Adjacent pieces of one highlight (split where another highlight starts) as one stretch."""
    out: list[list[int]] = []
    for article, start, end in sorted(pieces):
        if out and out[-1][1] == start:
            out[-1][1] = end
        else:
            out.append([start, end])
    return [tuple(p) for p in out]


@pytest.fixture
def read_page():
    """Parse an HTML page of ``quotegraph show`` with the standard library's parser."""

    def read(html: str) -> Page:
        page = Page()
        page.feed(html)
        page.close()
        return page

    return read
