"""The speaker graph: built from hand-made Quote records, written and read back as GraphML/GEXF."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest

import graph as graph_pkg
from graph import build_graph, clean_graph, iso_date, summary, top_speakers, write_graph
from graph.build import NameIndex, name_key
from graph.gexf import COLOURS, with_viz
from quotes.model import Mention, Quote, Topic

GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"
SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_9bd4bcee04c509db.txt"


def quote(n: int, speaker: str | None, *, doc: str = "d1", date: str | None = "20211001",
          countries=(), blocs=(), topics=(), persons=(), text: str = "text",
          speaker_type: str = "person", role: str | None = None) -> Quote:
    """A record as the engine would write it; mentions are (code, name, mention)."""
    return Quote(
        doc_id=doc, quote_id=f"{doc}-q{n}", kind="direct", text=text, start=0, end=len(text),
        speaker=speaker, speaker_mention=None, cue=None, confidence=0.9, date=date,
        speaker_type=speaker_type, speaker_role=role,
        countries=tuple(Mention(c, name, m, 0, 1) for c, name, m in countries),
        blocs=tuple(Mention(c, name, m, 0, 1) for c, name, m in blocs),
        topics=tuple(Topic(tid, label, iptc, tuple(ev)) for tid, label, iptc, ev in topics),
        persons=tuple(persons))


BLR = ("BLR", "Belarus", "Belarus")
RUS = ("RUS", "Russian Federation", "Russia")  # as records named it before the news names
WEST = ("WEST", "the West", "the West")
SANCTIONS = ("sanctions", "economic sanction", "medtop:20000642", ["sanctions"])


@pytest.fixture()
def corpus() -> list[Quote]:
    """Two speakers, each naming Belarus and Russia; one also names the other."""
    return [
        quote(1, "Ivan Petrov", countries=[BLR, RUS], blocs=[WEST], topics=[SANCTIONS],
              role="president"),
        quote(2, "Anna Kowalska", countries=[BLR, RUS], persons=["Petrov"],
              text="Petrov <b> & Sons \x07 said 😀"),
        quote(3, "President Petrov", doc="d2", date="2021-10-05",
              countries=[("RUS", "Russian Federation", "Russias")]),
        quote(4, None, countries=[BLR]),  # unattributed: adds nothing
    ]


def test_two_speakers_each_linked_to_belarus_and_russia(corpus):
    g = build_graph(corpus)
    speakers = [n for n, d in g.nodes(data=True) if d["type"] == "speaker"]
    assert sorted(g.nodes[n]["label"] for n in speakers) == ["Anna Kowalska", "Ivan Petrov"]
    for node in speakers:
        assert {"country:BLR", "country:RUS"} <= set(g.successors(node))


def test_node_and_edge_attributes(corpus):
    g = build_graph(corpus)
    petrov = g.nodes["actor:ivan petrov"]
    assert petrov["type"] == "speaker"
    assert petrov["quote_count"] == 2 and petrov["document_count"] == 2
    assert petrov["mention_count"] == 1
    assert petrov["role"] == "president"
    assert (petrov["first_seen"], petrov["last_seen"]) == ("2021-10-01", "2021-10-05")
    rus = g.nodes["country:RUS"]
    assert (rus["type"], rus["code"], rus["label"]) == ("country", "RUS", "Russia")
    assert rus["iso_name"] == "Russian Federation"
    assert g.nodes["bloc:WEST"]["type"] == "bloc"
    assert g.nodes["topic:sanctions"]["iptc"] == "medtop:20000642"
    edge = g.edges["actor:ivan petrov", "country:RUS"]
    assert edge["weight"] == 2 and edge["documents"] == 2
    assert edge["quote_ids"] == "d1-q1|d2-q3"
    assert edge["evidence"] == "Russia|Russias"
    assert (edge["first_date"], edge["last_date"]) == ("2021-10-01", "2021-10-05")
    assert g.edges["actor:anna kowalska", "actor:ivan petrov"]["relation"] == "person"
    assert g.graph["unattributed_quotes"] == 1


def test_only_plain_values_and_no_none(corpus):
    g = build_graph(corpus)
    rows = [d for _, d in g.nodes(data=True)] + [d for *_, d in g.edges(data=True)] + [g.graph]
    for row in rows:
        for value in row.values():
            assert isinstance(value, (str, int, float, bool)), value


def test_node_and_edge_attribute_names_do_not_collide(corpus):
    g = build_graph(corpus)
    node_names = {k for _, d in g.nodes(data=True) for k in d}
    edge_names = {k for *_, d in g.edges(data=True) for k in d}
    assert not node_names & edge_names


@pytest.mark.parametrize(("names", "same", "apart"), [
    (["Ivan Petrov", "President Petrov", "IVAN PETROV", "Petrov"], [("Petrov", "Ivan Petrov")], []),
    (["Zoë Lefèvre", "Zoe Lefevre"], [("Zoë Lefèvre", "Zoe Lefevre")], []),
    (["John Smith", "Anna Smith", "Smith"], [], [("Smith", "John Smith"), ("Smith", "Anna Smith")]),
    (["Mr. Brown's", "Gordon Brown"], [("Mr. Brown's", "Gordon Brown")], []),
])
def test_names_merge_across_the_corpus(names, same, apart):
    index = NameIndex(names)
    for a, b in same:
        assert index.key(a) == index.key(b)
    for a, b in apart:
        assert index.key(a) != index.key(b)


def test_surname_speaker_is_one_node_with_the_full_name():
    g = build_graph([quote(1, "Petrov", countries=[RUS]), quote(2, "Ivan Petrov", countries=[BLR])])
    speakers = [d["label"] for _, d in g.nodes(data=True) if d["type"] == "speaker"]
    assert speakers == ["Ivan Petrov"]


def test_no_self_loops():
    g = build_graph([quote(1, "Ivan Petrov", persons=["Petrov"])])
    assert nx.number_of_selfloops(g) == 0


def test_person_only_mentioned_is_a_person_node():
    g = build_graph([quote(1, "Anna Kowalska", persons=["Jan Nowak"])])
    assert g.nodes["actor:jan nowak"]["type"] == "person"
    assert g.nodes["actor:jan nowak"]["quote_count"] == 1


@pytest.mark.parametrize(("raw", "iso"), [
    ("20211001", "2021-10-01"), ("2021-10-01", "2021-10-01"), ("2021-10-01T08:30:00Z", "2021-10-01"),
    ("2021/1/5", "2021-01-05"), ("20211301", None), ("yesterday", None), (None, None), ("", None),
])
def test_iso_date(raw, iso):
    assert iso_date(raw) == iso


def test_name_key_folds_titles_case_and_diacritics():
    assert name_key("President Zoë LEFÈVRE's") == "zoe lefevre"


# ---------------------------------------------------------------- writing and reading back


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_round_trip(corpus, tmp_path, suffix):
    g = build_graph(corpus)
    path = write_graph(g, tmp_path / f"speakers{suffix}")
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    assert set(back.nodes) == set(g.nodes)
    assert set(back.edges) == set(g.edges)
    for node, data in g.nodes(data=True):
        assert back.nodes[node]["label"] == data["label"]
        assert back.nodes[node]["quote_count"] == data["quote_count"]
    for u, v, data in g.edges(data=True):
        assert back.edges[u, v]["weight"] == data["weight"]
        assert back.edges[u, v]["quote_ids"] == data["quote_ids"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"speakers{suffix}"]  # no temp left


def _graphml_keys(path: Path) -> list[ET.Element]:
    return ET.parse(path).getroot().findall(f"{GRAPHML_NS}key")


def test_graphml_key_ids_are_names(corpus, tmp_path):
    path = write_graph(build_graph(corpus), tmp_path / "g.graphml")
    keys = _graphml_keys(path)
    assert keys
    for key in keys:
        assert key.get("id") == key.get("attr.name")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    assert {"label", "type", "weight", "quote_ids"} <= set(ids)


def test_graphml_one_type_per_attribute(tmp_path):
    g = nx.DiGraph()
    g.add_node("a", score=1, tags=["x", "y"], missing=None, viz={"size": 3})
    g.add_node("b", score=2.5, flag=True)
    g.add_node("c", flag="maybe")
    g.add_edge("a", "b", score=3, label="shared name")
    path = write_graph(g, tmp_path / "g.graphml")
    keys = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in _graphml_keys(path)}
    assert keys[("node", "score")] == "double"
    assert keys[("node", "tags")] == "string"
    assert keys[("node", "flag")] == "string"
    assert ("edge", "edge_score") in keys and ("node", "missing") not in keys
    back = nx.read_graphml(path)
    assert back.nodes["a"]["tags"] == "x|y"
    assert back.nodes["a"]["score"] == 1.0
    assert "viz" not in back.nodes["a"]


@pytest.mark.parametrize("suffix", [".graphml", ".gexf"])
def test_hostile_text_still_gives_valid_xml(tmp_path, suffix):
    nasty = "Dr. <Evil> & \"Sons\" \x00\x07\x1b\ufffe 😀 ok"
    g = build_graph([quote(1, nasty, text=nasty, countries=[("BLR", "Belarus", "Bela\x0brus <&>")],
                           persons=["Jan \x08Nowak 😀"])])
    path = write_graph(g, tmp_path / f"g{suffix}")
    ET.parse(path)  # raises on anything XML 1.0 forbids
    back = nx.read_graphml(path) if suffix == ".graphml" else nx.read_gexf(path)
    labels = {d["label"] for _, d in back.nodes(data=True)}
    assert any("😀" in label and '& "Sons"' in label for label in labels)
    assert all(not any(ord(ch) < 32 for ch in label) for label in labels)
    example = next(d["example_quote"] for *_, d in back.edges(data=True))
    assert "<Evil> &" in example and "\x07" not in example and "😀" in example


def test_clean_graph_refuses_ids_that_collide():
    g = nx.Graph()
    g.add_nodes_from(["a\x07", "a"])
    with pytest.raises(ValueError, match="node ids"):
        clean_graph(g)


def test_unknown_suffix_is_refused(tmp_path, corpus):
    with pytest.raises(ValueError, match=r"must end in \.graphml .* or \.gexf"):
        write_graph(build_graph(corpus), tmp_path / "speakers.csv")


def test_failed_write_keeps_the_old_file(tmp_path, corpus, monkeypatch):
    path = tmp_path / "speakers.graphml"
    path.write_text("old")

    def broken(graph, fh):
        fh.write(b"half a graph")
        raise RuntimeError("disk full")

    monkeypatch.setitem(graph_pkg.WRITERS, ".graphml", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        write_graph(build_graph(corpus), path)
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["speakers.graphml"]


def test_gexf_colours_sizes_and_timeline(corpus, tmp_path):
    g = build_graph(corpus)
    viz = with_viz(g)
    for _, data in viz.nodes(data=True):
        r, gr, b = COLOURS[data["type"]]
        assert data["viz"]["color"] == {"r": r, "g": gr, "b": b, "a": 1.0}
    sizes = {n: d["viz"]["size"] for n, d in viz.nodes(data=True)}
    assert sizes["country:RUS"] > sizes["bloc:WEST"]
    path = write_graph(g, tmp_path / "g.gexf")
    root = ET.parse(path).getroot()
    element = root.find("{http://www.gexf.net/1.2draft}graph")
    assert element.get("mode") == "dynamic" and element.get("timeformat") == "date"
    back = nx.read_gexf(path)
    assert back.nodes["actor:ivan petrov"]["start"] == "2021-10-01"
    assert back.nodes["actor:ivan petrov"]["end"] == "2021-10-05"
    assert back.nodes["country:RUS"]["viz"]["color"]["b"] == COLOURS["country"][2]


def test_summary_and_top_speakers(corpus):
    g = build_graph(corpus)
    rows = top_speakers(g)
    assert [r["label"] for r in rows] == ["Ivan Petrov", "Anna Kowalska"]
    assert rows[0]["countries"][0] == ("Russia", 2)
    assert rows[0]["blocs"] == [("the West", 1)]
    text = summary(g)
    assert "Ivan Petrov: 2 quotes in 2 documents" in text
    assert "Belarus (1)" in text and "economic sanction (1)" in text


def test_summary_reads_a_graph_read_back(corpus, tmp_path):
    path = write_graph(build_graph(corpus), tmp_path / "g.graphml")
    assert "Ivan Petrov: 2 quotes" in summary(nx.read_graphml(path))


# ---------------------------------------------------------------- the seed article, end to end


def test_seed_article_graph(nlp, tmp_path):
    from quotes.enrich import annotate_quote

    text = SEED.read_text(encoding="utf-8")
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[:3])
    sdoc = nlp(text[offset:])
    contents = {
        "Sviatlana Tsikhanouskaya": [
            "Lukashenko is getting drawn into a military confrontation with the West and is "
            "trading in sovereignty, but his legitimacy is dubious and we wont recognize any "
            "documents or treaties that would give up or limit Belarus sovereignty",
            "Any agreements with Russia that would deprive us of an independent future will be reviewed.",
        ],
        "Alexander Lukashenko": [
            "If, God forbid, a war starts, the Belarusian army will be the first to engage in the "
            "fight, and the western group of Russias armed forces will join quickly after to form "
            "a joint defense.",
        ],
    }
    records = []
    for speaker, spans in contents.items():
        for content in spans:
            start = text.index(content)
            q = quote(len(records), speaker, date=lines[1], text=content)
            q = Quote(**{**q.__dict__, "start": start, "end": start + len(content)})
            records.append(annotate_quote(q, sdoc, offset))
    g = build_graph(records)
    for name in contents:
        node = f"actor:{name_key(name)}"
        assert g.nodes[node]["type"] == "speaker"
        assert {"country:BLR", "country:RUS"} <= set(g.successors(node)), name
    assert g.has_edge("actor:sviatlana tsikhanouskaya", "actor:alexander lukashenko")
    assert "bloc:WEST" in g and g.nodes["country:RUS"]["label"] == "Russia"
    assert g.nodes["country:RUS"]["iso_name"] == "Russian Federation"
    write_graph(g, tmp_path / "seed.graphml")
    write_graph(g, tmp_path / "seed.gexf")
    assert set(nx.read_graphml(tmp_path / "seed.graphml").nodes) == set(g.nodes)


def test_god_forbid_names_no_person(nlp):
    from quotes.enrich import persons_in

    doc = nlp("If, God forbid, a war starts, Jane Roe will lead the army.")
    assert "God" not in persons_in(doc[:])


@pytest.mark.parametrize(("speaker", "speaker_type", "target"), [
    ("Moscow", "organization", "country:RUS"),  # "Moscow criticized Western restrictions"
    ("Kremlin", "organization", "country:RUS"),  # "the Kremlin said"
    ("the Kremlin", "unknown", "country:RUS"),
    ("Iran", "organization", "country:IRN"),  # "Iran said the deal was dead"
    ("Downing Street", "organization", "country:GBR"),
    ("European Commission", "organization", "bloc:EU"),
    ("Moscow", "person", None),  # a person is never a country
    ("Moscow State University", "organization", None),
    ("Jordan", "organization", None),  # a name with a second sense stays a speaker only
    ("Ivan Petrov", "person", None),
])
def test_a_city_or_government_as_speaker_represents_its_country(speaker, speaker_type, target):
    g = build_graph([quote(1, speaker, speaker_type=speaker_type, countries=[BLR]),
                     quote(2, speaker, speaker_type=speaker_type, doc="d2")])
    node = f"actor:{name_key(speaker)}"
    represented = [t for _, t, e in g.out_edges(node, data=True) if e["relation"] == "represents"]
    assert represented == ([target] if target else [])
    if target:
        edge = g.edges[node, target]
        assert edge["weight"] == 2 and edge["evidence"] == speaker  # every quote it spoke
        assert g.nodes[target]["type"] == target.split(":")[0]
        assert top_speakers(g)[0]["represents"] == [(g.nodes[target]["label"], 2)]
    assert g.has_edge(node, "country:BLR") and g.edges[node, "country:BLR"]["relation"] == "country"


def test_a_speaker_naming_the_country_it_stands_for_is_one_edge(tmp_path):
    records = [quote(1, "Moscow", speaker_type="organization", countries=[RUS, BLR])]
    g = build_graph(records)
    edge = g.edges["actor:moscow", "country:RUS"]
    assert edge["relation"] == "represents" and edge["evidence"] == "Moscow|Russia"
    rus = g.nodes["country:RUS"]
    assert (rus["label"], rus["code"], rus["iso_name"]) == ("Russia", "RUS", "Russian Federation")
    assert "represents: Russia (1)" in summary(g)
    for suffix, read in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        write_graph(g, tmp_path / f"g{suffix}")
        back = read(tmp_path / f"g{suffix}")
        assert back.edges["actor:moscow", "country:RUS"]["relation"] == "represents"
        assert back.nodes["country:RUS"]["iso_name"] == "Russian Federation"


@pytest.mark.parametrize("genders, expected", [
    ([("female", "pronoun"), ("female", "name")], "female"),
    ([("male", "name"), ("female", "noun")], "female"),   # the text outranks a first name
    ([("male", "pronoun"), ("female", "pronoun")], None),  # a tie says nothing
    ([(None, None)], None),
])
def test_speaker_node_gender(genders, expected, tmp_path):
    from dataclasses import replace

    quotes = [replace(quote(n, "Sam Roe" if n % 2 else "Roe", doc=f"d{n}"), speaker_gender=g, speaker_gender_evidence=e)
              for n, (g, e) in enumerate(genders, 1)]
    graph = build_graph(quotes)
    assert graph.nodes["actor:sam roe"].get("gender") == expected
    path = tmp_path / "g.graphml"
    write_graph(graph, str(path))
    assert nx.read_graphml(path).nodes["actor:sam roe"].get("gender") == expected
