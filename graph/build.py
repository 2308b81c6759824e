"""Quote records in, a speaker graph out: who talks about which countries, blocs, topics and people.

Nodes (``type``): ``speaker`` (someone quoted), ``person`` (someone only named inside quotes;
a person who is also quoted is one ``speaker`` node), ``country``, ``bloc`` and ``topic``.
Edges run from a speaker to what its quotes name; ``weight`` is the number of quotes. Country
nodes are labelled with the name news uses ("Russia") and carry ``code`` and ``iso_name``
("Russian Federation"). A speaker that stands for a country or bloc ("Moscow criticized ...",
"the Kremlin said", "Iran said") is not a person: an edge with ``relation`` ``represents`` links
it to that country, weighted by all its quotes.

Across a corpus one person is one node: names are compared after titles, case, diacritics and
possessives are folded, and a surname alone joins the full name when the corpus holds exactly
one person of that surname. Only :class:`quotes.model.Quote` records are read, never spaCy
objects, so a graph can be built from the JSONL that ``extract`` wrote.

Node and edge attribute names never collide, so that GraphML key ids can be the names:
nodes carry ``quote_count``/``document_count``/``first_seen``/``last_seen``, edges carry
``weight``/``documents``/``first_date``/``last_date``/``quote_ids`` and ``example_quote``
(the first quote's text, as evidence).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from quotes.enrich import Place, clean_person_name, place_by_code, speaker_place
from quotes.text import fold
from quotes.model import Quote

NODE_TYPES = ("speaker", "person", "country", "bloc", "topic")
SEPARATOR = "|"
EXAMPLE_CHARS = 300  # an edge carries the text of its first quote, cut to this length
_NON_NAME = re.compile(r"[^\w\s-]")
_DATE_FORMATS = (
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
    re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"),
)


def iso_date(value: str | None) -> str | None:
    """``'20211001'``, ``'2021-10-01'`` or ``'2021-10-01T12:00Z'`` -> ``'2021-10-01'``; else None."""
    if not value:
        return None
    text = str(value).strip()
    for pattern in _DATE_FORMATS:
        m = pattern.match(text)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            except ValueError:
                return None
    return None


def name_key(name: str) -> str:
    """The comparison form of a person's or organisation's name.

    ``'President José Núñez'`` and ``'jose nunez'`` share a key.
    """
    return " ".join(_NON_NAME.sub(" ", fold(clean_person_name(name))).split())


class NameIndex:
    """Maps every name in a corpus to one key per person.

    Built from all names first, so that a surname alone ("Roe") can join the one full
    name that ends with it ("Jane Roe"); with two such full names it stays apart.
    """

    def __init__(self, names: Iterable[str]):
        forms: dict[str, Counter[str]] = defaultdict(Counter)
        for name in names:
            key = name_key(name)
            if key:
                forms[key][clean_person_name(name)] += 1
        by_surname: dict[str, set[str]] = defaultdict(set)
        for key in forms:
            words = key.split()
            if len(words) > 1:
                by_surname[words[-1]].add(key)
        self._target: dict[str, str] = {}
        for key in forms:
            fuller = by_surname.get(key) if " " not in key else None
            self._target[key] = next(iter(fuller)) if fuller and len(fuller) == 1 else key
        self._labels: dict[str, str] = {}
        merged: dict[str, Counter[str]] = defaultdict(Counter)
        for key, counter in forms.items():
            merged[self._target[key]].update(counter)
        for key, counter in merged.items():
            longest = max(len(f.split()) for f in counter)
            self._labels[key] = max((f for f in counter if len(f.split()) == longest),
                                    key=lambda f: (counter[f], f))

    def key(self, name: str) -> str:
        """The merged key of ``name`` (its own key when it was not indexed)."""
        own = name_key(name)
        return self._target.get(own, own)

    def label(self, key: str) -> str:
        """The display form of a merged key: the fullest, most frequent spelling seen."""
        return self._labels.get(key, key)


@dataclass
class _Tally:
    """What the graph learns about one node or edge while reading quotes."""

    quotes: set[str] = field(default_factory=set)
    spoken: set[str] = field(default_factory=set)
    mentioned_in: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    evidence: list[str] = field(default_factory=list)
    speaker_types: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    kind: str = ""
    example: str = ""

    def see(self, quote: Quote, when: str | None, evidence: Iterable[str] = ()) -> None:
        self.quotes.add(quote.quote_id)
        self.documents.add(quote.doc_id)
        if when:
            self.dates.add(when)
        for item in evidence:
            if item and item not in self.evidence:
                self.evidence.append(item)


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXAMPLE_CHARS else text[: EXAMPLE_CHARS - 1].rstrip() + "\u2026"


def _actor_id(key: str) -> str:
    return f"actor:{key}"


def _place_info(kind: str, code: str, name: str, iso_name: str | None = None) -> dict[str, str]:
    """Node attributes of a country or bloc; a known code gets the gazetteer's names, so that
    records written before countries carried their news name still label "Russia"."""
    place = place_by_code(code)
    info = {"type": kind, "label": place.name if place else name, "code": code}
    iso = (place.iso_name if place else "") or iso_name
    if kind == "country" and iso:
        info["iso_name"] = iso
    return info


def _represented(speaker: str, speaker_type: str) -> Place | None:
    """The country or bloc a speaker that is not a person stands for ("Moscow", "the Kremlin")."""
    return None if speaker_type == "person" else speaker_place(speaker)


def _dates(tally: _Tally, first: str, last: str) -> dict[str, str]:
    return {first: min(tally.dates), last: max(tally.dates)} if tally.dates else {}


def build_graph(quotes: Iterable[Quote]) -> nx.DiGraph:
    """A directed graph from speakers to the countries, blocs, topics and people they name.

    Quotes without a speaker add nothing. A speaker naming itself adds no self-loop.

    Returns:
        ``nx.DiGraph`` with only str, int and float attribute values (see the module docstring).
    """
    records = list(quotes)
    names = NameIndex([q.speaker for q in records if q.speaker]
                      + [p for q in records for p in q.persons])
    nodes: dict[str, _Tally] = defaultdict(_Tally)
    node_info: dict[str, dict[str, str]] = {}
    edges: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
    spoke: set[str] = set()
    unattributed = 0
    represents: dict[tuple[str, str], Place | None] = {}

    for q in records:
        if not q.speaker or not name_key(q.speaker):
            unattributed += 1
            continue
        when = iso_date(q.date)
        source = _actor_id(names.key(q.speaker))
        spoke.add(source)
        nodes[source].see(q, when)
        nodes[source].spoken.add(q.quote_id)
        nodes[source].speaker_types[q.speaker_type] += 1
        if q.speaker_role:
            nodes[source].roles[q.speaker_role] += 1

        targets: dict[str, tuple[str, list[str]]] = {}
        for kind, mentions in (("country", q.countries), ("bloc", q.blocs)):
            for m in mentions:
                node = f"{kind}:{m.code}"
                if node not in node_info:
                    node_info[node] = _place_info(kind, m.code, m.name, m.iso_name)
                targets.setdefault(node, (kind, []))[1].append(m.mention)
        if (q.speaker, q.speaker_type) not in represents:
            represents[(q.speaker, q.speaker_type)] = _represented(q.speaker, q.speaker_type)
        place = represents[(q.speaker, q.speaker_type)]
        if place is not None:  # "Moscow criticized ...": the speaker stands for Russia
            node = f"{place.kind}:{place.code}"
            if node not in node_info:
                node_info[node] = _place_info(place.kind, place.code, place.name, place.iso_name)
            named = targets.pop(node, ("", []))[1]  # Moscow naming Russia is Russia itself
            targets[node] = ("represents", [q.speaker, *named])
        for topic in q.topics:
            node = f"topic:{topic.id}"
            info = {"type": "topic", "label": topic.label, "topic_id": topic.id}
            if topic.iptc:
                info["iptc"] = topic.iptc
            node_info.setdefault(node, info)
            targets.setdefault(node, ("topic", []))[1].extend(topic.evidence)
        for person in q.persons:
            node = _actor_id(names.key(person))
            if node == source or not name_key(person):
                continue
            targets.setdefault(node, ("person", []))[1].append(person)

        for node, (kind, evidence) in targets.items():
            nodes[node].see(q, when, evidence if kind != "person" else ())
            nodes[node].mentioned_in.add(q.quote_id)
            edge = edges[(source, node)]
            edge.see(q, when, evidence)
            edge.kind = kind
            edge.example = edge.example or _cut(q.text)

    graph = nx.DiGraph(generator="quotegraph", corpus_quotes=len(records),
                       unattributed_quotes=unattributed,
                       corpus_documents=len({q.doc_id for q in records}))
    for node, tally in nodes.items():
        if node.startswith("actor:"):
            key = node[len("actor:"):]
            attrs: dict[str, object] = {"type": "speaker" if node in spoke else "person",
                                        "label": names.label(key)}
            if node in spoke:
                attrs["speaker_type"] = tally.speaker_types.most_common(1)[0][0]
                attrs["quote_count"] = len(tally.spoken)
            else:
                attrs["speaker_type"] = "person"
                attrs["quote_count"] = len(tally.mentioned_in)
            if tally.roles:
                attrs["role"] = tally.roles.most_common(1)[0][0]
            attrs["mention_count"] = len(tally.mentioned_in)
        else:
            attrs = dict(node_info[node])
            attrs["quote_count"] = len(tally.quotes)
            attrs["evidence_words"] = SEPARATOR.join(tally.evidence)
        attrs["document_count"] = len(tally.documents)
        attrs.update(_dates(tally, "first_seen", "last_seen"))
        graph.add_node(node, **attrs)

    for (source, target), tally in edges.items():
        attrs = {
            "relation": tally.kind,
            "weight": len(tally.quotes),
            "documents": len(tally.documents),
            "quote_ids": SEPARATOR.join(sorted(tally.quotes)),
            "evidence": SEPARATOR.join(tally.evidence),
            "example_quote": tally.example,
        }
        attrs.update(_dates(tally, "first_date", "last_date"))
        graph.add_edge(source, target, **attrs)
    return graph


def _spoken_quotes(graph: nx.DiGraph, node: str) -> int:
    return int(graph.nodes[node].get("quote_count", 0))


def top_speakers(graph: nx.DiGraph, limit: int = 10, per_kind: int = 3) -> list[dict]:
    """The speakers with most quotes, each with its top countries, blocs, topics and people.

    Returns:
        ``[{"label", "quotes", "documents", "represents": [(label, weight)], "countries": [...],
        "blocs": [...], "topics": [...], "persons": [...]}]``, most quoted first; ``represents``
        holds the country or bloc a speaker such as "Moscow" stands for.
    """
    speakers = [n for n, d in graph.nodes(data=True) if d.get("type") == "speaker"]
    speakers.sort(key=lambda n: (-_spoken_quotes(graph, n), str(graph.nodes[n].get("label", n))))
    rows = []
    for node in speakers[:limit]:
        data = graph.nodes[node]
        row: dict = {"label": data.get("label", node), "quotes": _spoken_quotes(graph, node),
                     "documents": int(data.get("document_count", 0))}
        for kind, key in (("represents", "represents"), ("country", "countries"), ("bloc", "blocs"),
                          ("topic", "topics"), ("person", "persons")):
            out = [(graph.nodes[t].get("label", t), int(e.get("weight", 0)))
                   for _, t, e in graph.out_edges(node, data=True) if e.get("relation") == kind]
            out.sort(key=lambda item: (-item[1], str(item[0])))
            row[key] = out[:per_kind]
        rows.append(row)
    return rows


def summary(graph: nx.DiGraph, limit: int = 10, per_kind: int = 3) -> str:
    """A few lines for the terminal: top speakers and their top countries, blocs and topics."""
    counts = Counter(d.get("type") for _, d in graph.nodes(data=True))
    kinds = ", ".join(f"{counts[t]} {t}" for t in NODE_TYPES if counts[t])
    head = f"{graph.number_of_nodes()} nodes ({kinds}), {graph.number_of_edges()} edges"
    lines = [head]
    rows = top_speakers(graph, limit, per_kind)
    if rows:
        lines.append("top speakers:")
    for row in rows:
        docs = "document" if row["documents"] == 1 else "documents"
        quotes = "quote" if row["quotes"] == 1 else "quotes"
        lines.append(f"  {row['label']}: {row['quotes']} {quotes} in {row['documents']} {docs}")
        for key in ("represents", "countries", "blocs", "topics", "persons"):
            if row[key]:
                lines.append(f"    {key}: " + ", ".join(f"{label} ({n})" for label, n in row[key]))
    return "\n".join(lines)
