"""Quote records in, a speaker graph out: who talks about which countries, blocs, topics and people.

Nodes (``type``): ``speaker`` (someone quoted; ``gender`` ``female`` or ``male`` when its quotes
say so, the text's word before a first name's), ``person`` (someone only named inside quotes;
a person who is also quoted is one ``speaker`` node), ``country``, ``bloc`` and ``topic``.
Edges run from a speaker to what its quotes name; ``weight`` is the number of quotes. Country
nodes are labelled with the name news uses ("Russia") and carry ``code`` and ``iso_name``
("Russian Federation"). A speaker that stands for a country or bloc ("Moscow criticized ...",
"the Kremlin said", "Iran said") is not a person: an edge with ``relation`` ``represents`` links
it to that country, weighted by all its quotes.

Across a corpus one person is one node: names are compared after titles, case, diacritics and
possessives are folded, a middle initial and an epithet do not count, and a surname alone joins
the full name when the corpus holds exactly one person of that surname; a common noun or a group
("the agency", "protesters") is one node per article (``quotes.enrich.identity``, which gives
``extract`` records their ``speaker_id`` the same way); an aliases file maps other names first. Only :class:`quotes.model.Quote` records are read, never spaCy
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

from quotes.enrich import (NO_ALIASES, Aliases, NameIndex, Place, apply_aliases, article_scoped, canonical_name,
                           clean_person_name, name_key, place_by_code, speaker_place)
from quotes.model import Quote, overall_gender, printable

NODE_TYPES = ("speaker", "person", "country", "bloc", "topic")
SEPARATOR = "|"
EXAMPLE_CHARS = 300  # an edge carries the text of its first quote, cut to this length
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


@dataclass
class _Tally:
    """What the graph learns about one node or edge while reading quotes.

    ``first`` is the number of the first quote that touched it and ``evidence`` maps each item
    to the number of the quote that first gave it, so that tallies merged later (a surname
    joining its full name) keep the order a single pass would have given.
    """

    first: int = -1
    quotes: set[str] = field(default_factory=set)
    spoken: set[str] = field(default_factory=set)
    mentioned_in: set[str] = field(default_factory=set)
    mentioned_by: set[tuple[str, str]] = field(default_factory=set)  # (speaker node, quote id)
    documents: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    evidence: dict[str, tuple[int, int]] = field(default_factory=dict)
    speaker_types: Counter[str] = field(default_factory=Counter)
    genders: Counter[tuple[str | None, str | None]] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    kind: str = ""
    example: tuple[int, str] = (-1, "")

    def see(self, number: int, quote: Quote, when: str | None, evidence: Iterable[str] = ()) -> None:
        if self.first < 0:
            self.first = number
        self.quotes.add(quote.quote_id)
        self.documents.add(quote.doc_id)
        if when:
            self.dates.add(when)
        for position, item in enumerate(evidence):
            if item and item not in self.evidence:
                self.evidence[item] = (number, position)

    def merge(self, other: _Tally) -> None:
        """Add what ``other`` saw (another spelling of the same person)."""
        self.first = other.first if self.first < 0 else min(self.first, other.first)
        for name in ("quotes", "spoken", "mentioned_in", "mentioned_by", "documents", "dates"):
            getattr(self, name).update(getattr(other, name))
        for item, seen in other.evidence.items():
            if item not in self.evidence or seen < self.evidence[item]:
                self.evidence[item] = seen
        self.speaker_types.update(other.speaker_types)
        self.genders.update(other.genders)
        self.roles.update(other.roles)
        self.kind = self.kind or other.kind
        if other.example[1] and (not self.example[1] or other.example[0] < self.example[0]):
            self.example = other.example

    def evidence_items(self) -> list[str]:
        return sorted(self.evidence, key=self.evidence.__getitem__)


def _cut(text: str) -> str:
    text = " ".join(printable(text).split())
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


class _Aggregate:
    """The graph's counts, gathered one quote at a time; no quote is kept.

    People are tallied under their own name key while reading; only at the end, when every
    name of the corpus is known, are a surname's tallies merged into its full name's.
    """

    def __init__(self) -> None:
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.people: set[str] = set()  # keys of names that may be a person's (not typed organization)
        self.scoped: dict[str, str] = {}  # "d7:agency" -> "agency": common nouns, one node per article
        self.nodes: dict[str, _Tally] = defaultdict(_Tally)
        self.node_info: dict[str, dict[str, str]] = {}
        self.edges: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
        self.spoke: set[str] = set()
        self.quotes = self.unattributed = 0
        self.documents: set[str] = set()
        self.represents: dict[tuple[str, str], Place | None] = {}

    def _person(self, name: str, person: bool = True) -> str:
        key = name_key(name)
        if key:
            self.forms[key][clean_person_name(canonical_name(name))] += 1
            if person:
                self.people.add(key)
        return key

    def _speaker(self, q: Quote) -> str:
        """The key of a quote's speaker: its name's, or for a common noun or a group ("the
        agency", "protesters"), its name's within its article."""
        if not article_scoped(q.speaker, q.speaker_type):
            return self._person(q.speaker, q.speaker_type != "organization")
        key = name_key(q.speaker)
        if not key:
            return key
        scoped = f"{q.doc_id}:{key}"
        self.scoped.setdefault(scoped, canonical_name(q.speaker))
        return scoped

    def add(self, q: Quote) -> None:
        number = self.quotes
        self.quotes += 1
        self.documents.add(q.doc_id)
        speaker_key = self._speaker(q) if q.speaker else ""
        person_keys = [self._person(p) for p in q.persons]
        if not speaker_key:
            self.unattributed += 1
            return
        when = iso_date(q.date)
        source = _actor_id(speaker_key)
        self.spoke.add(source)
        node = self.nodes[source]
        node.see(number, q, when)
        node.spoken.add(q.quote_id)
        node.speaker_types[q.speaker_type] += 1
        if q.speaker_gender:
            node.genders[(q.speaker_gender, q.speaker_gender_evidence)] += 1
        if q.speaker_role:
            node.roles[printable(q.speaker_role)] += 1

        targets: dict[str, tuple[str, list[str]]] = {}
        for kind, mentions in (("country", q.countries), ("bloc", q.blocs)):
            for m in mentions:
                target = f"{kind}:{m.code}"
                if target not in self.node_info:
                    self.node_info[target] = _place_info(kind, m.code, m.name, m.iso_name)
                targets.setdefault(target, (kind, []))[1].append(printable(m.mention))
        if (q.speaker, q.speaker_type) not in self.represents:
            self.represents[(q.speaker, q.speaker_type)] = _represented(q.speaker, q.speaker_type)
        place = self.represents[(q.speaker, q.speaker_type)]
        if place is not None:  # "Moscow criticized ...": the speaker stands for Russia
            target = f"{place.kind}:{place.code}"
            if target not in self.node_info:
                self.node_info[target] = _place_info(place.kind, place.code, place.name, place.iso_name)
            named = targets.pop(target, ("", []))[1]  # Moscow naming Russia is Russia itself
            targets[target] = ("represents", [printable(q.speaker), *named])
        for topic in q.topics:
            target = f"topic:{topic.id}"
            info = {"type": "topic", "label": printable(topic.label), "topic_id": topic.id}
            if topic.iptc:
                info["iptc"] = topic.iptc
            self.node_info.setdefault(target, info)
            targets.setdefault(target, ("topic", []))[1].extend(printable(e) for e in topic.evidence)
        for person, key in zip(q.persons, person_keys):
            if key:
                targets.setdefault(_actor_id(key), ("person", []))[1].append(printable(person))

        for target, (kind, evidence) in targets.items():
            # a speaker naming itself adds no self-loop: decided once names are merged
            self.nodes[target].see(number, q, when, evidence if kind != "person" else ())
            if kind == "person":  # whether it names its own speaker is known once names are merged
                self.nodes[target].mentioned_by.add((source, q.quote_id))
            else:
                self.nodes[target].mentioned_in.add(q.quote_id)
            edge = self.edges[(source, target)]
            edge.see(number, q, when, evidence)
            edge.kind = kind
            if not edge.example[1]:
                edge.example = (number, _cut(q.text))

    def graph(self) -> nx.DiGraph:
        names = NameIndex(forms=self.forms, people=self.people)

        def merged(node: str) -> str:
            return _actor_id(names.merged(node[len("actor:"):])) if node.startswith("actor:") else node

        nodes: dict[str, _Tally] = defaultdict(_Tally)
        for node, tally in self.nodes.items():
            nodes[merged(node)].merge(tally)
        edges: dict[tuple[str, str], _Tally] = defaultdict(_Tally)
        for (source, target), tally in self.edges.items():
            pair = (merged(source), merged(target))
            if pair[0] != pair[1]:
                edges[pair].merge(tally)
        for node, tally in nodes.items():
            tally.mentioned_in.update(quote for source, quote in tally.mentioned_by if merged(source) != node)
        spoke = {merged(n) for n in self.spoke}

        graph = nx.DiGraph(generator="quotegraph", corpus_quotes=self.quotes,
                           unattributed_quotes=self.unattributed, corpus_documents=len(self.documents))
        for node, tally in sorted(nodes.items(), key=lambda item: item[1].first):
            if node.startswith("actor:"):
                key = node[len("actor:"):]
                attrs: dict[str, object] = {"type": "speaker" if node in spoke else "person",
                                            "label": self.scoped.get(key) or names.label(key)}
                if node in spoke:
                    attrs["speaker_type"] = tally.speaker_types.most_common(1)[0][0]
                    attrs["quote_count"] = len(tally.spoken)
                    gender = overall_gender(tally.genders.elements())
                    if gender is not None:
                        attrs["gender"] = gender
                else:
                    attrs["speaker_type"] = "person"
                    attrs["quote_count"] = len(tally.mentioned_in)
                if tally.roles:
                    attrs["role"] = tally.roles.most_common(1)[0][0]
                attrs["mention_count"] = len(tally.mentioned_in)
            else:
                attrs = dict(self.node_info[node])
                attrs["quote_count"] = len(tally.quotes)
                attrs["evidence_words"] = SEPARATOR.join(tally.evidence_items())
            attrs["document_count"] = len(tally.documents)
            attrs.update(_dates(tally, "first_seen", "last_seen"))
            graph.add_node(node, **attrs)

        for (source, target), tally in sorted(edges.items(), key=lambda item: item[1].first):
            attrs = {
                "relation": tally.kind,
                "weight": len(tally.quotes),
                "documents": len(tally.documents),
                "quote_ids": SEPARATOR.join(sorted(tally.quotes)),
                "evidence": SEPARATOR.join(tally.evidence_items()),
                "example_quote": tally.example[1],
            }
            attrs.update(_dates(tally, "first_date", "last_date"))
            graph.add_edge(source, target, **attrs)
        return graph


def build_graph(quotes: Iterable[Quote], aliases: Aliases = NO_ALIASES) -> nx.DiGraph:
    """A directed graph from speakers to the countries, blocs, topics and people they name.

    Quotes without a speaker add nothing. A speaker naming itself adds no self-loop. The quotes
    are read once and not kept: memory grows with the graph, not with the number of quotes.
    Names are put under the canonical names of ``aliases`` (an aliases file) first.

    Returns:
        ``nx.DiGraph`` with only str, int and float attribute values (see the module docstring).
    """
    aggregate = _Aggregate()
    for quote in quotes:
        aggregate.add(apply_aliases(quote, aliases))
    return aggregate.graph()


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
