"""Acronyms an article introduces beside a name, and speakers named by them.

"The Canadian Union of Public Employees (CUPE) rejected the offer. ... CUPE said" names one
organisation twice: within its article the acronym is spelled out, so that the record, the
graph's node and the claimant carry the full name. An acronym counts as introduced when it
stands right after a run of capitalised words whose initials spell it, inside parentheses, after
a comma or "or", or with nothing between them (a text whose parentheses were stripped):

    Royal Canadian Mounted Police (RCMP)      RCMP -> Royal Canadian Mounted Police
    the Organisation for Economic Co-operation and Development, or OECD,
    Canadian Union of Public Employees CUPE   (parentheses stripped)

Small words inside a name ("of", "for", "and", "the") may give their letter or not; a
hyphenated word may give one letter per part ("Co-operation": C or CO). Nothing is guessed:
an acronym the article never spells out stays as it is, and one spelled out two ways in one
article (two different names) is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from ..model import Quote
from ..text import fold

# Words that may stand inside an organisation's name without a capital; each may give its
# initial to the acronym or not ("Department of Justice": DOJ; "Canadian Union of Public
# Employees": CUPE).
CONNECTORS = frozenset({"of", "for", "and", "the", "on", "in", "to", "de", "du", "des", "la", "le", "et", "&"})

_ACRONYM = re.compile(r"(?<![\w.'\u2019-])([A-Z][A-Z&]{1,7})(?![\w'\u2019-])")
# what may stand between a name and the acronym it introduces
_BRIDGE = re.compile(r"(?:\s*\(\s*|\s*,\s*(?:or\s+)?|\s+(?:or\s+)?)$")
_WORD = re.compile(r"[\w&][\w&.'\u2019-]*")
_MAX_WORDS = 12


def _letters(word: str) -> list[str]:
    """The initials one word may give: ``'Co-operation'`` -> ``['c', 'co']``."""
    parts = [p for p in re.split(r"[-\u2010\u2011]", word) if p]
    if not parts:
        return []
    first = fold(parts[0][:1])
    whole = "".join(fold(p[:1]) for p in parts)
    return [first] if whole == first else [first, whole]


def abbreviates(acronym: str, words: Sequence[str]) -> bool:
    """Whether ``acronym`` is made of the initials of ``words``: every word but a connector gives
    its initial (or one per hyphenated part), a connector may give its own or none.

    >>> abbreviates("CUPE", "Canadian Union of Public Employees".split())
    True
    >>> abbreviates("OECD", "Organisation for Economic Co-operation and Development".split())
    True
    >>> abbreviates("CUPE", "Canadian Union of Employees".split())
    False
    """
    target = fold(acronym).replace("&", "")
    if len(target) < 2 or not words:
        return False

    @lru_cache(maxsize=None)
    def fits(i: int, j: int) -> bool:
        if i == len(words):
            return j == len(target)
        word = words[i]
        low = fold(word)
        if low in CONNECTORS and fits(i + 1, j):
            return True
        if low == "&":
            return False
        return any(target.startswith(letters, j) and fits(i + 1, j + len(letters)) for letters in _letters(word))

    return fits(0, 0)


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _spelled_before(text: str, acronym: str, end: int) -> str | None:
    """The name that ends at ``end`` and whose initials spell ``acronym``, or None."""
    window = text[max(0, end - 160):end]
    words = [(m.group(), m.start()) for m in _WORD.finditer(window)]
    # only the words of the same line and sentence count
    cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("; "), window.rfind(": "))
    words = [(w, s) for w, s in words if s > cut][-_MAX_WORDS:]
    for first in range(len(words) - 1, -1, -1):
        run = [w for w, _ in words[first:]]
        if not _capitalised(run[0]):
            continue
        if not all(_capitalised(w) or fold(w) in CONNECTORS for w in run):
            break
        if len(run) >= 2 and abbreviates(acronym, run):
            return window[words[first][1]:].rstrip()
    return None


def introduced_acronyms(text: str) -> dict[str, str]:
    """Acronym -> the name the text spells it out as, for every acronym introduced beside a name
    (see the module's doc). An acronym spelled out as two different names is left out."""
    found: dict[str, set[str]] = {}
    for match in _ACRONYM.finditer(text):
        acronym = match.group(1)
        before = text[:match.start()]
        bridge = _BRIDGE.search(before[-8:])
        if bridge is None:
            continue
        name = _spelled_before(text, acronym, match.start() - len(bridge.group()))
        if name is not None:
            found.setdefault(acronym, set()).add(name)
    return {acronym: next(iter(names)) for acronym, names in found.items() if len(names) == 1}


def _bare(name: str) -> str:
    words = name.split()
    return " ".join(words[1:]) if len(words) == 2 and fold(words[0]) == "the" else name


def _named(quote: Quote) -> str | None:
    """The acronym-like name of a quote's speaker: its speaker, else the mention the engine left
    unresolved ("RUPE said", where the recogniser tagged nothing)."""
    if quote.speaker:
        return _bare(quote.speaker)
    mention = quote.speaker_mention.text if quote.speaker_mention else ""
    return _bare(mention) if _ACRONYM.fullmatch(_bare(mention)) else None


def spelled_out(quotes: Sequence[Quote], text: str) -> list[Quote]:
    """The quotes of one document with a speaker named by an acronym the document introduces
    (``"CUPE"``, ``"the RCMP"``, also a mention of one the recogniser left untagged) named by the
    name it spells out; a speaker of unknown type becomes an organization."""
    named = [_named(q) for q in quotes]
    if not any(n and _ACRONYM.fullmatch(n) for n in named):
        return list(quotes)
    acronyms = introduced_acronyms(text)
    out = []
    for quote, own in zip(quotes, named):
        name = acronyms.get(own) if own else None
        if name is None:
            out.append(quote)
            continue
        kind = "organization" if quote.speaker_type == "unknown" else quote.speaker_type
        out.append(replace(quote, speaker=name, speaker_type=kind))
    return out
