"""Topic taxonomy and assignment: cases as data, evidence checked, lexicon validation."""

from __future__ import annotations

import json

import pytest

from quotes.enrich import topics
from quotes.enrich.topics import TopicLexiconError, assign_topics, load_taxonomy, match_topics


# The 17 top-level IPTC Media Topics.
IPTC_TOP_LEVEL = {
    "medtop:01000000", "medtop:02000000", "medtop:03000000", "medtop:04000000",
    "medtop:05000000", "medtop:06000000", "medtop:07000000", "medtop:08000000",
    "medtop:09000000", "medtop:10000000", "medtop:11000000", "medtop:12000000",
    "medtop:13000000", "medtop:14000000", "medtop:15000000", "medtop:16000000",
    "medtop:17000000",
}


def test_taxonomy_is_rooted_in_the_17_iptc_top_level_topics():
    tax = load_taxonomy()
    roots = [t for t in tax.topics.values() if t.parent is None]
    assert {t.iptc for t in roots} == IPTC_TOP_LEVEL
    for tid in tax.topics:
        assert tax.topics[tax.root(tid)].parent is None


@pytest.mark.parametrize(("tid", "iptc", "root"), [
    ("military", "medtop:20000599", "politics"),
    ("sanctions", "medtop:20000642", "politics"),
    ("election", "medtop:20000574", "politics"),
    ("diplomacy", "medtop:20000639", "politics"),
    ("protest", "medtop:20000066", "conflict"),
    ("sovereignty", "medtop:20000638", "politics"),
    ("energy", "medtop:20000209", "economy"),
])
def test_finer_topics_carry_iptc_codes(tid, iptc, root):
    tax = load_taxonomy()
    assert tax.topics[tid].iptc == iptc
    assert tax.root(tid) == root


# (text, {topic id: evidence}) — every listed topic must be found with exactly that evidence.
CASES = [
    ("The sanctions were imposed after a brutal crackdown on the post-election protests.",
     {"sanctions": ("sanctions",), "dissent": ("crackdown",), "election": ("election",),
      "protest": ("protests",)}),
    ("We effectively have a single army, and joint war games will involve 200,000 troops.",
     {"military": ("single army", "war games", "troops")}),
    ("Russia will provide dozens of warplanes, helicopters and air defense missile systems.",
     {"weapons": ("warplanes", "helicopters", "air defense", "missile systems")}),
    ("We will not recognize treaties that limit our sovereignty.",
     {"diplomacy": ("treaties",), "sovereignty": ("sovereignty",)}),
    ("Gas supplies and oil prices worry the government.",
     {"energy": ("Gas supplies", "oil prices"), "politics": ("government",)}),
    ("His legitimacy is dubious after a rigged vote.",
     {"democracy": ("legitimacy",), "election": ("rigged vote",)}),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_topics_with_evidence(nlp, text, expected):
    found = {t.id: t.evidence for t in assign_topics(nlp(text))}
    for tid, evidence in expected.items():
        assert found.get(tid) == evidence, (tid, found)


def test_phrase_takes_its_words_first(nlp):
    # "war games" are military exercises, not a war.
    found = {t.id for t in assign_topics(nlp("They held war games near the border."))}
    assert "military" in found
    assert "war" not in found


def test_part_of_speech_restricts_a_lemma(nlp):
    # "trade/NOUN": "trading in sovereignty" is not about commerce.
    assert "trade" not in {t.id for t in assign_topics(nlp("He is trading in sovereignty."))}
    assert "trade" in {t.id for t in assign_topics(nlp("Trade with China fell."))}


def test_no_topic_is_fine(nlp):
    assert assign_topics(nlp("It was a nice day, she said.")) == ()


def test_records_carry_label_and_iptc(nlp):
    (topic,) = assign_topics(nlp("New sanctions were announced."))
    assert (topic.id, topic.label, topic.iptc) == ("sanctions", "economic sanction", "medtop:20000642")


def test_ancestors_roll_up_on_request(nlp):
    found = [t.id for t in assign_topics(nlp("New sanctions were announced."), with_ancestors=True)]
    assert found == ["sanctions", "international_relations", "politics"]


def test_hits_point_into_the_text(nlp):
    doc = nlp("Troops and protesters clashed.")
    for hit in match_topics(doc):
        assert doc.text[hit.start:hit.end] == hit.evidence


def _with(monkeypatch, mutate):
    data = json.loads(topics._read("topics.json"))
    mutate(data)
    monkeypatch.setattr(topics, "_read", lambda name: json.dumps(data))


@pytest.mark.parametrize(("mutate", "message"), [
    (lambda d: d["topics"][1].update(parent="nowhere"), r"unknown parent 'nowhere'"),
    (lambda d: d["topics"][0].update(iptc="11000000"), r"iptc must look like 'medtop:11000000'"),
    (lambda d: d["topics"][1]["phrases"].append("war"), r"a phrase needs two or more words, got 'war'"),
    (lambda d: d["topics"][1]["lemmas"].append("sanction"), r"lemma 'sanction' already belongs to"),
    (lambda d: d["topics"][1]["lemmas"].append("strike/NOUNISH"), r"unknown part of speech 'NOUNISH'"),
    (lambda d: d["topics"][0].update(parent="politics"), r"expected 17 top-level IPTC topics"),
    (lambda d: d["topics"].append(dict(d["topics"][0])), r"topic 'arts': duplicate id"),
])
def test_bad_taxonomy_entry_is_named(monkeypatch, mutate, message):
    _with(monkeypatch, mutate)
    with pytest.raises(TopicLexiconError, match=message):
        load_taxonomy.__wrapped__()


def test_bad_json_is_reported(monkeypatch):
    monkeypatch.setattr(topics, "_read", lambda name: "{not json")
    with pytest.raises(TopicLexiconError, match="not valid JSON"):
        load_taxonomy.__wrapped__()


@pytest.mark.parametrize("text, absent, present", [
    ("the state-of-the-art S-400 missile system", "arts", "weapons"),
    ("an anti-war protest", None, "war"),
])
def test_hyphenated_idioms(nlp, text, absent, present):
    from quotes.enrich.topics import assign_topics

    ids = [t.id for t in assign_topics(nlp(text)[:])]
    assert present in ids and (absent is None or absent not in ids)


@pytest.mark.parametrize("text, absent, present", [
    ("If, God forbid, a war starts, the army will fight.", "religion", "war"),
    ("Thank God the children are safe.", "religion", None),
    ("thank god nobody was hurt in the attack", "religion", None),
    ("For God's sake, stop the war.", "religion", "war"),
    ("For Gods sake stop the war.", "religion", "war"),  # apostrophe stripped, as in scraped text
    ("God knows what they want from the talks.", "religion", None),
    ("Oh my God, the bridge fell.", "religion", None),
    # the topic word outside an idiom still counts
    ("The church says God is love.", None, "religion"),
    ("They prayed to God in the mosque.", None, "religion"),
    ("God will judge them, the bishop said.", None, "religion"),
])
def test_idioms_trigger_no_topic(nlp, text, absent, present):
    from quotes.enrich.topics import assign_topics

    ids = [t.id for t in assign_topics(nlp(text)[:])]
    assert (absent is None or absent not in ids) and (present is None or present in ids)


@pytest.mark.parametrize(("content", "message"), [
    ("# comment\nGod\n", r"topics_idioms.txt:2: an idiom needs two or more words, got 'God'"),
    ("thank God\nThank god\n", r"topics_idioms.txt:2: 'Thank god' repeats line 1"),
    ("war games\n", r"topics_idioms.txt:1: 'war games' is also a phrase of topic"),
])
def test_bad_idiom_is_named(monkeypatch, content, message):
    monkeypatch.setattr(topics, "_read_idioms", lambda: content)
    with pytest.raises(TopicLexiconError, match=message):
        load_taxonomy.__wrapped__()
