"""The scorer and gold readers on small hand-made gold whose right numbers are known by hand.

Every case is data: gold quotes and predictions as offsets into a 200-character text, and the
expected figures under each setting. The arithmetic is in the comment beside each case.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotes.evaluate import (
    SETTINGS,
    SETTINGS_BY_NAME,
    GoldFormatError,
    evaluate,
    evaluate_corpus,
    find_errors,
    gold_kind,
    gold_quote,
    match_quotes,
    parse_acts,
    read_gold,
    render_bands,
    render_table,
    run_evaluate,
    score,
)
from quotes.model import ACTS, Document, Quote, Skipped, Span

TEXT = ("abcdefghij" * 20)  # 200 characters, no quotation marks: every gold quote is indirect


def pred(start: int, end: int, speaker: tuple[int, int] | None = None, confidence: float = 0.9,
         text: str = TEXT, doc_id: str = "d") -> Quote:
    """A predicted quote with only the fields the scorer reads filled in."""
    mention = Span(text[speaker[0]:speaker[1]], *speaker) if speaker else None
    return Quote(doc_id, f"{doc_id}-{start}", "indirect", text[start:end], start, end,
                 None, mention, None, confidence)


def gold(start: int, end: int, speaker: tuple[int, int] | None = None, *more: tuple[int, int]):
    """A gold quote over ``[start, end)`` plus any further fragments, speaker optional."""
    return gold_quote("d", TEXT, [(start, end), *more], [speaker] if speaker else [])


def figures(p: float, r: float, f1: float, af1: float, indirect: float | None) -> dict[str, Any]:
    return {"P": p, "R": r, "F1": f1, "attributed_F1": af1,
            "recall_by_kind": {"direct": None, "mixed": None, "indirect": indirect}}


ONE = figures(1.0, 1.0, 1.0, 1.0, 1.0)
ZERO = figures(0.0, 0.0, 0.0, 0.0, 0.0)

# (id, gold quotes, predictions, {setting: figures})
CASES = [
    pytest.param(
        [gold(10, 50, (0, 5)), gold(100, 150, (60, 65))],
        [pred(10, 50, (0, 5)), pred(100, 150, (60, 65))],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ONE},
        id="perfect",
    ),
    pytest.param(
        [gold(10, 50, (0, 5)), gold(100, 150, (60, 65))],
        [],
        {"cover0.3": ZERO, "cover0.8": ZERO, "jaccard0.5": ZERO},
        id="empty predictions",
    ),
    pytest.param(
        # gold 40 chars inside a 150-char prediction: cover 40/40 = 1, Jaccard 40/150 = 0.27
        [gold(10, 50, (0, 5))],
        [pred(0, 150, (0, 5))],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ZERO},
        id="over-long",
    ),
    pytest.param(
        # gold [0,100) predicted as [0,40) + [40,100): the larger piece (cover 0.6, Jaccard 0.6)
        # matches at 0.3 and Jaccard, TP 1 FP 1 FN 0: P 0.5, R 1, F1 2/3; nothing passes 0.8
        [gold(0, 100)],
        [pred(0, 40), pred(40, 100)],
        {"cover0.3": figures(0.5, 1.0, 0.6667, 0.6667, 1.0),
         "cover0.8": ZERO,
         "jaccard0.5": figures(0.5, 1.0, 0.6667, 0.6667, 1.0)},
        id="split",
    ),
    pytest.param(
        # gold [100,140) vs [110,150): 30 shared chars, cover 30/40 = 0.75, Jaccard 30/50 = 0.6
        [gold(100, 140)],
        [pred(110, 150)],
        {"cover0.3": ONE, "cover0.8": ZERO, "jaccard0.5": ONE},
        id="shifted",
    ),
    pytest.param(
        # gold [100,140) vs [125,165): 15 shared, cover 0.375, Jaccard 15/65 = 0.23
        [gold(100, 140)],
        [pred(125, 165)],
        {"cover0.3": ONE, "cover0.8": ZERO, "jaccard0.5": ZERO},
        id="shifted far",
    ),
    pytest.param(
        # cover exactly 0.3 (3 of 10) does not pass: GenderGapTracker's test is "> threshold"
        [gold(0, 10)],
        [pred(7, 20)],
        {"cover0.3": ZERO, "cover0.8": ZERO, "jaccard0.5": ZERO},
        id="cover at threshold",
    ),
    pytest.param(
        # Jaccard exactly 0.5 (10 of 20) passes: the symmetric test is ">= 0.5"
        [gold(0, 10)],
        [pred(0, 20)],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ONE},
        id="jaccard at threshold",
    ),
    pytest.param(
        # one prediction over two gold quotes: the first takes it, the second is missed;
        # TP 1 FP 0 FN 1: P 1, R 0.5, F1 2/3 (Jaccard 40/80 = 0.5 passes too)
        [gold(0, 40), gold(40, 80)],
        [pred(0, 80)],
        {s: figures(1.0, 0.5, 0.6667, 0.6667, 0.5) for s in ("cover0.3", "cover0.8", "jaccard0.5")},
        id="one to one",
    ),
    pytest.param(
        # the best-covering prediction wins, whatever the order: [0,90) covers 0.9
        [gold(0, 100)],
        [pred(0, 50), pred(0, 90)],
        {"cover0.3": figures(0.5, 1.0, 0.6667, 0.6667, 1.0),
         "cover0.8": figures(0.5, 1.0, 0.6667, 0.6667, 1.0),
         "jaccard0.5": figures(0.5, 1.0, 0.6667, 0.6667, 1.0)},
        id="largest cover wins",
    ),
    pytest.param(
        # gold 10-30;40-60 (40 chars) predicted as the whole stretch [10,60): cover 1; the gap
        # 30-40 counts neither way in Jaccard, so 40 / (40 + 50 - 50) = 1
        [gold(10, 30, None, (40, 60))],
        [pred(10, 60)],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ONE},
        id="discontinuous gold, whole",
    ),
    pytest.param(
        # gold 10-20;60-70 (20 chars) predicted as [10,70): plain Jaccard would be 20/60 = 0.33,
        # but the 40-char gap counts neither way: 20 / (20 + 60 - 60) = 1
        [gold(10, 20, None, (60, 70))],
        [pred(10, 70)],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ONE},
        id="discontinuous gold, wide gap",
    ),
    pytest.param(
        # gold 10-30;40-60 predicted as its first fragment: cover 20/40 = 0.5, Jaccard 20/40
        [gold(10, 30, None, (40, 60))],
        [pred(10, 30)],
        {"cover0.3": ONE, "cover0.8": ZERO, "jaccard0.5": ONE},
        id="discontinuous gold, one fragment",
    ),
    pytest.param(
        # gold 10-30;40-60 inside [0,80): Jaccard 40 / (40 + 80 - 50) = 0.571
        [gold(10, 30, None, (40, 60))],
        [pred(0, 80)],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ONE},
        id="discontinuous gold, over-long",
    ),
    pytest.param(
        # no Source in gold and none predicted: right; Source in gold, predicted elsewhere: wrong.
        # attributed TP 1 of 2: P 0.5, R 0.5, attributed F1 0.5
        [gold(10, 50), gold(100, 150, (60, 65))],
        [pred(10, 50), pred(100, 150, (70, 75))],
        {s: figures(1.0, 1.0, 1.0, 0.5, 1.0) for s in ("cover0.3", "cover0.8", "jaccard0.5")},
        id="missing source, wrong speaker",
    ),
    pytest.param(
        # no Source in gold but a speaker predicted: wrong
        [gold(10, 50)],
        [pred(10, 50, (0, 5))],
        {s: figures(1.0, 1.0, 1.0, 0.0, 1.0) for s in ("cover0.3", "cover0.8", "jaccard0.5")},
        id="missing source, speaker predicted",
    ),
    pytest.param(
        # a Source in gold and no speaker predicted: wrong
        [gold(10, 50, (0, 5))],
        [pred(10, 50)],
        {s: figures(1.0, 1.0, 1.0, 0.0, 1.0) for s in ("cover0.3", "cover0.8", "jaccard0.5")},
        id="source, no speaker predicted",
    ),
    pytest.param(
        # one shared character is enough: gold Source [60,70), predicted [69,80)
        [gold(10, 50, (60, 70))],
        [pred(10, 50, (69, 80))],
        {"cover0.3": ONE, "cover0.8": ONE, "jaccard0.5": ONE},
        id="speaker overlap of one character",
    ),
    pytest.param(
        # a spurious prediction far away: TP 1 FP 1: P 0.5, R 1
        [gold(10, 50, (0, 5))],
        [pred(10, 50, (0, 5)), pred(150, 190)],
        {s: figures(0.5, 1.0, 0.6667, 0.6667, 1.0) for s in ("cover0.3", "cover0.8", "jaccard0.5")},
        id="spurious",
    ),
    pytest.param(
        [],
        [pred(150, 190)],
        {s: figures(0.0, 0.0, 0.0, 0.0, None) for s in ("cover0.3", "cover0.8", "jaccard0.5")},
        id="no gold",
    ),
]


@pytest.mark.parametrize(("gold_quotes", "predicted", "expected"), CASES)
def test_score(gold_quotes, predicted, expected):
    result = score([(gold_quotes, predicted)]).as_dict()
    assert list(result) == ["cover0.3", "cover0.8", "jaccard0.5"]
    for name, want in expected.items():
        got = result[name]
        assert list(got) == ["P", "R", "F1", "attributed_F1", "recall_by_kind"]
        for key in ("P", "R", "F1", "attributed_F1"):
            assert got[key] == pytest.approx(want[key], abs=1e-4), (name, key)
        assert got["recall_by_kind"] == want["recall_by_kind"], name


# Up to 6 disjoint gold spans in the 200-character text: sorted cut points taken in pairs.
disjoint_spans = st.lists(st.integers(0, 200), min_size=0, max_size=12, unique=True).map(
    lambda cuts: [(a, b) for a, b in zip(sorted(cuts)[::2], sorted(cuts)[1::2])]
)
any_spans = st.lists(st.tuples(st.integers(0, 200), st.integers(1, 60)), max_size=8).map(
    lambda pairs: [(s, min(200, s + n)) for s, n in pairs]
)


@given(disjoint_spans)
def test_predicting_the_gold_is_perfect(spans):
    g = [gold(s, e, (s, s + 1)) for s, e in spans]
    p = [pred(s, e, (s, s + 1)) for s, e in spans]
    totals = score([(g, p)]).totals()
    for name in totals:
        assert totals[name]["tp"] == totals[name]["tp_attributed"] == len(spans)


@given(disjoint_spans, any_spans)
def test_counts_stay_in_bounds(gold_spans, pred_spans):
    g = [gold(s, e) for s, e in gold_spans]
    p = [pred(s, e) for s, e in pred_spans]
    result = score([(g, p)])
    for name, t in result.totals().items():
        assert 0 <= t["tp_attributed"] <= t["tp"] <= min(len(g), len(p))
        assert t["fp"] + t["tp"] == len(p) and t["fn"] + t["tp"] == len(g)
        m = result.as_dict()[name]
        assert all(0.0 <= m[k] <= 1.0 for k in ("P", "R", "F1", "attributed_F1"))
    # every prediction that matches under cover0.8 covers the gold by more than 0.8
    for m in match_quotes(g, p, SETTINGS_BY_NAME["cover0.8"]).matches:
        assert m.score > 0.8


def test_score_sums_over_documents():
    # doc 1 perfect (1 gold, 1 predicted), doc 2 missed (1 gold): TP 1 FP 0 FN 1
    docs = [([gold(10, 50)], [pred(10, 50)]), ([gold(10, 50)], [])]
    result = score(docs)
    assert result.as_dict()["cover0.3"]["P"] == 1.0
    assert result.as_dict()["cover0.3"]["R"] == 0.5
    assert result.totals()["cover0.3"] == {
        "gold": 2, "predicted": 1, "tp": 1, "fp": 0, "fn": 1, "tp_attributed": 1
    }
    assert result.documents == 2


def test_predictions_are_not_matched_across_documents():
    # the same offsets in another document are no match
    result = score([([gold(10, 50)], []), ([], [pred(10, 50)])]).as_dict()
    assert result["cover0.3"]["P"] == 0.0 and result["cover0.3"]["R"] == 0.0


def test_match_quotes_indices():
    g = [gold(100, 150), gold(0, 40)]
    p = [pred(160, 190), pred(0, 40), pred(100, 140)]
    m = match_quotes(g, p, SETTINGS_BY_NAME["cover0.3"])
    assert {(x.gold, x.predicted) for x in m.matches} == {(0, 2), (1, 1)}
    assert m.missed == ()
    assert m.spurious == (0,)
    assert [round(x.score, 2) for x in sorted(m.matches, key=lambda x: x.gold)] == [0.8, 1.0]


def test_ties_go_to_the_earliest_prediction():
    # both cover gold [10,20) entirely; as in the GenderGapTracker, the first one wins
    m = match_quotes([gold(10, 20)], [pred(5, 25), pred(0, 30)], SETTINGS_BY_NAME["cover0.3"])
    assert [(x.gold, x.predicted) for x in m.matches] == [(0, 1)]
    assert m.spurious == (0,)


KIND_TEXT = 'Intro. “We won,” he said. She said that it was “a disgrace”. They said it was over.'


def test_recall_by_kind():
    direct = gold_quote("k", KIND_TEXT, [(7, 16)])  # “We won,”
    mixed = gold_quote("k", KIND_TEXT, [(40, 59)])  # it was “a disgrace”
    indirect = gold_quote("k", KIND_TEXT, [(71, 82)])  # it was over
    assert (direct.kind, mixed.kind, indirect.kind) == ("direct", "mixed", "indirect")
    result = score([([direct, mixed, indirect], [pred(7, 16, text=KIND_TEXT)])]).as_dict()
    assert result["cover0.3"]["recall_by_kind"] == {"direct": 1.0, "mixed": 0.0, "indirect": 0.0}


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        ("“We won,” he said", "direct"),
        ('"We won"', "direct"),
        ("‘We won’", "direct"),
        ("'We won'", "direct"),
        ("« Nous avons gagné »", "direct"),
        ("„Wir haben gewonnen“", "direct"),
        ("  “We won”", "direct"),
        ("that it was “a disgrace”", "mixed"),
        ("that it was 'a disgrace'", "mixed"),
        ("a disgrace,” he added", "mixed"),
        ("that Clinton's plan won't work", "indirect"),
        ("that Clinton’s plan won’t work", "indirect"),
        ("that it was over", "indirect"),
    ],
)
def test_gold_kind(content, kind):
    assert gold_kind(content) == kind


@pytest.mark.parametrize(
    ("text", "content", "kind"),
    [
        # spans that leave the quotation marks out are still direct
        ('"We are ready," she said.', "We are ready", "direct"),
        ('"We are ready," she said.', "We are ready,", "direct"),
        ("“We are ready,” she said.", "We are ready", "direct"),
        ("She said: “We are ready.”", "We are ready.", "direct"),
        ("She said: “We are ready.”", "We are ready", "direct"),
        ("She said, “We are ready”.", "We are ready", "direct"),
        ("He said 'we are ready' and left.", "we are ready", "direct"),
        ("She said: «Nous sommes prêts».", "Nous sommes prêts", "direct"),
        ("“We are ready.\n\n“The vote is on Monday,” she said.", "We are ready.", "direct"),  # runs on
        ("She said, “We are ready", "We are ready", "direct"),  # the text ends inside the quote
        ('"We are ready," she said, "and willing."', "and willing.", "direct"),
        # marks inside a span that starts outside them: mixed, as before
        ("He called it “a disgrace” on Monday.", "it “a disgrace”", "mixed"),
        ("He called it “a disgrace” on Monday.", "called it “a disgrace", "mixed"),
        # marks near the span that do not enclose it
        ("He called it “a disgrace” and said that the plan failed.", "the plan failed", "indirect"),
        ("He used the word “disgrace” twice.", "twice", "indirect"),
        ("She read “Ulysses” and said that it was long.", "and said that it was long", "indirect"),
        ("Jones’s plan, he said, would fail.", "s plan", "indirect"),  # an apostrophe, no mark
        ("It is Smith's view that taxes will rise.", "s view that taxes will rise", "indirect"),
        ("“Maybe”, she said, adding that taxes would rise.", "adding that taxes would rise", "indirect"),
        ('She said " we are ready" then left.', " we are ready", "indirect"),  # a stray mark, a space
        ("He said “the deal” was dead, and Jones’ aides agreed.", "Jones", "indirect"),
    ],
)
def test_gold_kind_reads_the_marks_just_outside_the_span(text, content, kind):
    start = text.index(content)
    quote = gold_quote("d", text, [(start, start + len(content))])
    assert quote.kind == kind


def test_discontinuous_kind_comes_from_the_first_fragment():
    text = 'he said that “we won,” and then later “it was over.”'
    q = gold_quote("d", text, [(38, 52), (13, 22)])
    assert q.content == ((13, 22), (38, 52))
    assert q.kind == "direct"
    assert q.text == "“we won,” “it was over.”"


def test_confidence_bands():
    # 0.2 spurious, 0.6 TP, 0.9 TP, 1.0 spurious
    g = [gold(10, 50), gold(100, 150)]
    p = [pred(160, 170, confidence=0.2), pred(10, 50, confidence=0.6),
         pred(100, 150, confidence=0.9), pred(180, 190, confidence=1.0)]
    bands = score([(g, p)]).confidence_bands()
    assert list(bands) == ["cover0.3", "cover0.8", "jaccard0.5"]
    assert bands["cover0.3"] == [
        {"band": "[0, 0.5)", "predicted": 1, "tp": 0, "P": 0.0},
        {"band": "[0.5, 0.7)", "predicted": 1, "tp": 1, "P": 1.0},
        {"band": "[0.7, 0.85)", "predicted": 0, "tp": 0, "P": None},
        {"band": "[0.85, 1]", "predicted": 2, "tp": 1, "P": 0.5},
    ]


def test_find_errors():
    doc_text = "Mr. Smith said the plan will fail. Ms. Jones said it will work. Nobody said hi."
    from quotes.evaluate import GoldDocument

    g = (gold_quote("e", doc_text, [(15, 33)], [(0, 9)]),    # the plan will fail
         gold_quote("e", doc_text, [(50, 62)], [(35, 44)]))  # it will work
    p = [pred(15, 33, (35, 44), text=doc_text, doc_id="e"),  # right quote, wrong speaker
         pred(64, 78, text=doc_text, doc_id="e")]            # spurious: "Nobody said hi"
    errors = list(find_errors([(GoldDocument("e", doc_text, g, "e.txt"), p)]))
    by_type = {e["type"]: e for e in errors}
    assert sorted(by_type) == ["miss", "spurious", "wrong_speaker"]
    assert by_type["miss"]["gold"]["text"] == "it will work"
    assert by_type["miss"]["gold_speaker"]["text"] == "Ms. Jones"
    assert by_type["miss"]["nearest"] is None
    assert by_type["spurious"]["predicted"] == {"start": 64, "end": 78, "text": "Nobody said hi"}
    assert by_type["wrong_speaker"]["gold_speaker"]["text"] == "Mr. Smith"
    assert by_type["wrong_speaker"]["predicted_speaker"]["text"] == "Ms. Jones"
    assert all(e["doc_id"] == "e" and e["setting"] == "cover0.3" for e in errors)
    json.dumps(errors)  # every record is JSON


# --------------------------------------------------------------------------------------------
# Gold readers, on tiny files made here

DOC_A = 'Intro line.\n“We will win,” Smith said.\nJones said that taxes would rise, then added “soon.”\n'


def ann(*lines: str) -> str:
    return "\n".join(lines) + "\n"


ANN_A = ann(
    "T1\tContent 12 26\t“We will win,”",
    "T2\tSource 27 32\tSmith",
    "T3\tCue 33 37\tsaid",
    "T4\tAttribution 33 37\tsaid",
    "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
    "T5\tContent 50 72;84 91\tthat taxes would rise “soon.”",
    "T6\tCue 45 49\tsaid",
    "T7\tAttribution-no-source 45 49\tsaid",
    "E2\tAttribution-no-source:T7 Cue:T6 Content:T5 ",
    "#1\tAnnotatorNotes T5\tthe note",
    "T8\tDiscuss 0 5\tIntro",
    "T9\tContent 0 5\tIntro",
    "T10\tContent 6 10\tline",
    "T11\tAttribution 33 37\tsaid",
    "E3\tAttribution:T11 Content:T9 Content2:T10",
    "a continuation line of a multi-line span text",
    "E4\tAttribution:T11",  # no content: no quote
)


def test_doc_a_offsets():
    assert DOC_A[12:26] == "“We will win,”"
    assert DOC_A[27:32] == "Smith"
    assert DOC_A[50:72] == "that taxes would rise,"
    assert DOC_A[84:91] == "“soon.”"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return path


def check_doc_a(quotes):
    assert [q.content for q in quotes] == [((0, 5), (6, 10)), ((12, 26),), ((50, 72), (84, 91))]
    assert [q.source for q in quotes] == [(), ((27, 32),), ()]
    assert [q.kind for q in quotes] == ["indirect", "direct", "mixed"]
    assert quotes[1].text == "“We will win,”"


def test_read_polnear_layout(tmp_path):
    write(tmp_path / "text" / "a.txt", DOC_A)
    write(tmp_path / "attributions" / "a_zz01.ann", ANN_A)
    write(tmp_path / "attributions" / "a_aa02.ann", ann("T1\tContent 0 5\tIntro",
                                                        "E1\tAttribution:T1 Content:T1"))
    write(tmp_path / "text" / "b.txt", "no annotation for this one")
    write(tmp_path / "attributions" / "c_x.ann", ANN_A)
    corpus = read_gold(tmp_path)
    assert corpus.layout == "polnear"
    assert [d.doc_id for d in corpus.documents] == ["a"]
    # the annotator file first in sorted order is used: a_aa02
    assert [q.content for q in corpus.documents[0].quotes] == [((0, 5),)]
    assert sorted(Path(s.source).name for s in corpus.skipped) == ["b.txt", "c_x.ann"]


def test_read_polnear_layout_full_annotation(tmp_path):
    write(tmp_path / "text" / "a.txt", DOC_A)
    write(tmp_path / "attributions" / "a_zz01.ann", ANN_A)
    corpus = read_gold(tmp_path)
    doc = corpus.documents[0]
    assert doc.text == DOC_A and doc.doc_id == "a"
    check_doc_a(doc.quotes)


def test_read_flat_brat_layout(tmp_path):
    write(tmp_path / "a.txt", DOC_A)
    write(tmp_path / "a.ann", ANN_A)
    write(tmp_path / "lonely.txt", "no annotation")
    corpus = read_gold(tmp_path)
    assert corpus.layout == "brat"
    assert [d.doc_id for d in corpus.documents] == ["a"]
    check_doc_a(corpus.documents[0].quotes)
    assert [Path(s.source).name for s in corpus.skipped] == ["lonely.txt"]


def test_brat_offsets_count_carriage_returns(tmp_path):
    text = "Hello.\r\n“Yes,” he said.\r\n"
    write(tmp_path / "x.txt", text)
    write(tmp_path / "x.ann", ann("T1\tContent 8 14\t“Yes,”", "T2\tSource 15 17\the",
                                  "E1\tAttribution:T1 Content:T1 Source:T2"))
    doc = read_gold(tmp_path).documents[0]
    assert doc.text == text
    assert doc.quotes[0].text == "“Yes,”"
    assert doc.quotes[0].kind == "direct"


def test_read_jsonl(tmp_path):
    records = [
        {"id": "a", "text": DOC_A, "quotes": [
            {"start": 12, "end": 26, "speaker_start": 27, "speaker_end": 32},
            {"start": 50, "end": 72},
            {"start": 0, "end": 5, "speaker_start": None, "speaker_end": None},
        ]},
        {"id": 7, "text": "nothing here", "quotes": []},
    ]
    path = write(tmp_path / "gold.jsonl", "\n".join(json.dumps(r) for r in records) + "\n\n")
    corpus = read_gold(path)
    assert corpus.layout == "jsonl"
    assert [d.doc_id for d in corpus.documents] == ["a", "7"]
    quotes = corpus.documents[0].quotes
    assert [q.content for q in quotes] == [((0, 5),), ((12, 26),), ((50, 72),)]
    assert [q.source for q in quotes] == [(), ((27, 32),), ()]
    assert [q.kind for q in quotes] == ["indirect", "direct", "indirect"]


def test_jsonl_gold_scores_end_to_end(tmp_path):
    path = write(tmp_path / "gold.jsonl", json.dumps(
        {"id": "a", "text": DOC_A, "quotes": [{"start": 12, "end": 26, "speaker_start": 27,
                                               "speaker_end": 32}]}) + "\n")
    doc = read_gold(path).documents[0]
    p = [pred(12, 26, (27, 32), text=DOC_A, doc_id="a")]
    assert score([(doc.quotes, p)]).as_dict()["jaccard0.5"]["attributed_F1"] == 1.0


@pytest.mark.parametrize(
    ("files", "target", "message"),
    [
        ({}, "missing", "no such file or folder"),
        ({"notes/readme.md": "hi"}, ".", "not a gold folder"),
        ({"dev/text/a.txt": "x", "dev/attributions/a_1.ann": ""}, ".", "subfolders dev do"),
        ({"a.ann": "", "a.txt": "x"}, "a.ann", "give the folder"),
        ({"g.jsonl": "not json\n"}, "g.jsonl", r"g.jsonl:1: not JSON"),
        ({"g.jsonl": '{"id": "a"}\n'}, "g.jsonl", r'needs "id" and "text"'),
        ({"g.jsonl": '{"id": "a", "text": "abc", "quotes": [{"start": 0, "end": 9}]}\n'},
         "g.jsonl", r"outside the text"),
        ({"g.jsonl": '{"id": "a", "text": "abc", "quotes": [{"start": "0", "end": 2}]}\n'},
         "g.jsonl", r"'start' must be an integer"),
        ({"g.jsonl": '{"id": "a", "text": "abc", "quotes": [{"start": 2, "end": 2}]}\n'},
         "g.jsonl", r"end must be greater than start"),
        ({"g.jsonl": '{"id": "a", "text": "abc", "quotes": []}\n{"id": "a", "text": "abc", "quotes": []}\n'},
         "g.jsonl", r"g.jsonl:2: document id 'a' appears twice"),
        ({"g.jsonl": '{"id": "a", "text": "abc", "quotes": [{"start": 0, "end": 2}]}\n{"id": "b", "text": "abc"}\n'},
         "g.jsonl", r'g.jsonl:2: a gold record needs a "quotes" list'),
        ({"g.jsonl": '{"id": "a", "text": "abc", "quotes": []}\n{"id": "b", "text": "x", "quotes": []}\n'},
         "g.jsonl", r'2 gold documents but no gold quote \(every "quotes" list is empty\)'),
        ({"a.txt": "abc", "a.ann": "T1\tSource 0 1\ta\n"},
         ".", r"1 gold document but no gold quote \(no E line with a Content role"),
        ({"dev/text/a.txt": "abc", "dev/attributions/a_1.ann": "E1\tAttribution:T1\nT1\tCue 0 1\ta\n"},
         "dev", r"no gold quote"),
        ({"g.jsonl": "\n"}, "g.jsonl", "no gold documents"),
        ({"a.txt": "abc", "a.ann": "T1\tContent 0 9\tabc\nE1\tAttribution:T1 Content:T1\n"},
         ".", r"a.ann:2 E1: span 0-9 lies outside the text"),
        ({"a.txt": "abc", "a.ann": "E1\tAttribution:T1 Content:T2\n"},
         ".", r"a.ann:1: E1 refers to T2, which is not defined"),
        ({"a.txt": "abc", "a.ann": "E1\tAttribution\n"}, ".", r"a.ann:1: cannot read event"),
        ({"b.ann": ""}, ".", r"no gold documents found: .*b.ann: no b.txt beside it"),
    ],
    ids=["missing", "no layout", "split root", "one ann file", "not json", "no text",
         "out of range", "string offset", "empty span", "duplicate id", "no quotes key",
         "no quotes jsonl", "no quotes brat", "no quotes polnear", "empty jsonl",
         "brat out of range", "undefined T", "bad event", "ann without text"],
)
def test_gold_errors(tmp_path, files, target, message):
    for name, content in files.items():
        write(tmp_path / name, content)
    with pytest.raises(GoldFormatError, match=message):
        read_gold(tmp_path / target)


# --------------------------------------------------------------------------------------------
# evaluate(), with a stand-in pipeline so that no spaCy model is needed


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace ``quotes.run.extract_documents`` with one that predicts fixed quotes per document."""
    calls: dict[str, Any] = {}

    def extract_documents(documents, nlp, acts=("speech",), on_error=None):
        calls["acts"] = tuple(acts)
        for doc in documents:
            assert isinstance(doc, Document) and doc.body_start == 0
            calls.setdefault("texts", {})[doc.doc_id] = doc.text
            if doc.doc_id == "a":
                yield doc, [pred(12, 26, (33, 37), text=doc.text, doc_id="a")]  # wrong speaker
            elif doc.doc_id == "broken":
                on_error(Skipped(doc.source, "extraction failed: ValueError: boom"))
            else:
                yield doc, []

    import quotes.run

    monkeypatch.setattr(quotes.run, "extract_documents", extract_documents)
    return calls


def test_evaluate(tmp_path, fake_pipeline):
    write(tmp_path / "gold" / "a.txt", DOC_A)
    write(tmp_path / "gold" / "a.ann", ANN_A)
    errors = tmp_path / "errors.jsonl"
    result = evaluate(tmp_path / "gold", nlp=None, acts=("speech", "belief"), errors_path=errors)
    assert fake_pipeline["acts"] == ("speech", "belief")
    assert fake_pipeline["texts"] == {"a": DOC_A}
    # 3 gold, 1 predicted and matched with the wrong speaker: P 1, R 1/3, F1 0.5, attributed 0
    assert list(result) == ["cover0.3", "cover0.8", "jaccard0.5"]
    assert result["cover0.3"] == {
        "P": 1.0, "R": 0.3333, "F1": 0.5, "attributed_F1": 0.0,
        "recall_by_kind": {"direct": 1.0, "mixed": 0.0, "indirect": 0.0},
        # brat gold names nobody; the one matched quote has the wrong mention
        "speaker_name_accuracy": None, "speaker_mention_accuracy": 0.0,
    }
    json.dumps(result)
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["type"] for r in records) == ["miss", "miss", "wrong_speaker"]
    wrong = next(r for r in records if r["type"] == "wrong_speaker")
    assert wrong["predicted_speaker"]["text"] == "said"
    assert wrong["gold_speaker"]["text"] == "Smith"


def test_evaluate_corpus_reports_skipped(tmp_path, fake_pipeline):
    write(tmp_path / "a.txt", DOC_A)
    write(tmp_path / "a.ann", ANN_A)
    write(tmp_path / "b.txt", "unannotated")
    write(tmp_path / "broken.txt", DOC_A)
    write(tmp_path / "broken.ann", ANN_A)
    result = evaluate_corpus(tmp_path, nlp=None)
    # the document the extractor failed on is scored as finding nothing: 6 gold, 1 found
    assert result.documents == 2
    assert result.totals()["cover0.3"]["gold"] == 6
    assert result.totals()["cover0.3"]["tp"] == 1
    assert [(Path(s.source).name, s.reason[:18]) for s in result.skipped] == [
        ("b.txt", "no b.ann beside it"), ("broken.txt", "extraction failed:")]


def test_evaluate_bad_gold_fails_before_the_pipeline(tmp_path):
    with pytest.raises(GoldFormatError, match="not a gold folder"):
        evaluate(tmp_path, nlp=None)


# --------------------------------------------------------------------------------------------
# Small pieces


@pytest.mark.parametrize(
    ("value", "acts"),
    [("speech", ("speech",)), ("all", ACTS), ("speech, belief", ("speech", "belief")),
     (["speech", "speech"], ("speech",))],
)
def test_parse_acts(value, acts):
    assert parse_acts(value) == acts


def test_parse_acts_rejects_unknown():
    with pytest.raises(ValueError, match="unknown act 'gossip'"):
        parse_acts("gossip")


def test_render_tables():
    from rich.console import Console

    result = score([([gold(10, 50), gold(100, 150)], [pred(10, 50, confidence=0.6)])])
    console = Console(record=True, width=140)
    console.print(render_table(result.as_dict()))
    console.print(render_bands(result.confidence_bands()))
    out = console.export_text()
    for setting in SETTINGS:
        assert setting.name in out
    assert "50.0" in out  # recall 1 of 2
    assert "100.0" in out  # precision
    assert "[0.5, 0.7)" in out


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_run_evaluate(tmp_path, fake_pipeline, monkeypatch, fmt):
    import io

    import quotes.run

    monkeypatch.setattr(quotes.run, "load_pipeline", lambda model=None: ("nlp", model))
    write(tmp_path / "gold" / "a.txt", DOC_A)
    write(tmp_path / "gold" / "a.ann", ANN_A)
    out, messages = io.StringIO(), []
    code = run_evaluate(tmp_path / "gold", fmt, tmp_path / "e.jsonl", "all", "some_model",
                        stdout=out, report=messages.append)
    assert code == 0
    assert fake_pipeline["acts"] == ACTS
    if fmt == "json":
        assert json.loads(out.getvalue())["cover0.3"]["R"] == 0.3333
    else:
        assert "cover0.8" in out.getvalue() and "33.3" in out.getvalue()
    assert messages[-1].startswith("quotegraph: 1 gold documents, 3 gold quotes, 1 predicted")
    assert (tmp_path / "e.jsonl").is_file()


def test_run_evaluate_bad_gold(tmp_path):
    messages: list[str] = []
    assert run_evaluate(tmp_path / "nope", report=messages.append) == 2
    assert messages[0].startswith("error: ") and "no such file or folder" in messages[0]


@pytest.mark.parametrize(
    ("gold", "message"),
    [
        ('{"id": "a", "text": "Jane said it."}\n', 'needs a "quotes" list'),
        ('{"id": "a", "text": "Jane said it.", "quotes": []}\n', "no gold quote"),
        ('{"id": "a", "text": "Jane said it.", "quotes": [{"start": 0, "end": 4}]}\n{"id": "b", "text": "x"}\n',
         'needs a "quotes" list'),
    ],
    ids=["articles, not gold", "no quote at all", "one record without quotes"],
)
def test_evaluate_command_refuses_gold_without_quotes(tmp_path, gold, message):
    """A usage error (exit 2) before any model loads, not a report of zeros."""
    from typer.testing import CliRunner

    from quotes.cli import app

    path = tmp_path / "gold.jsonl"
    path.write_text(gold, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path), "--model", "no_such_model_xyz"])
    assert result.exit_code == 2
    assert message in result.stderr and "pip install" not in result.stderr


@pytest.mark.parametrize("where", ["missing-folder/errors.jsonl", "."])
def test_errors_file_that_cannot_be_written_is_a_usage_error_before_any_work(tmp_path, monkeypatch, where):
    import io

    import quotes.run

    def no_model(model=None):
        raise AssertionError("the model must not load when --errors cannot be written")

    monkeypatch.setattr(quotes.run, "load_pipeline", no_model)
    write(tmp_path / "gold" / "a.txt", DOC_A)
    write(tmp_path / "gold" / "a.ann", ANN_A)
    messages: list[str] = []
    code = run_evaluate(tmp_path / "gold", "json", errors=tmp_path / where, stdout=io.StringIO(),
                        report=messages.append)
    assert code == 2 and len(messages) == 1 and messages[0].startswith("error: cannot write")


HOSTILE_GOLD = [  # line 2 of a gold JSONL file, and what the message says of it
    ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ('{"id": "b", "text": "abc", "quotes": [{"start": ' + "9" * 5000 + ', "end": 2}]}', "an integer of 5,000 digits"),
    ('{"id": "b", "text": "a\\ud800c", "quotes": [{"start": 0, "end": 2}]}', "a lone surrogate (U+D800)"),
]


@pytest.mark.parametrize("line, reason", HOSTILE_GOLD, ids=["deep", "long integer", "lone surrogate"])
def test_hostile_gold_is_one_line_naming_file_and_line_exit_2(tmp_path, line, reason):
    """Each gave a traceback and exit 1, before a model is even needed."""
    from typer.testing import CliRunner

    from quotes.cli import app

    gold = tmp_path / "g.jsonl"
    gold.write_text('{"id": "a", "text": "abc", "quotes": [{"start": 0, "end": 2}]}\n' + line + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(gold)])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"error: {gold}:2: not JSON ({reason});")


def test_brat_offset_of_5000_digits_names_file_and_line(tmp_path):
    write(tmp_path / "a.txt", "abc")
    write(tmp_path / "a.ann", "E1\tAttribution:T1 Content:T1\nT1\tContent 0 " + "9" * 5000 + "\tabc\n")
    with pytest.raises(GoldFormatError, match=r"a.ann:2: cannot read the offsets of T1"):
        read_gold(tmp_path)


def test_gold_that_is_a_fifo_or_a_device_is_refused(tmp_path):
    import os

    os.mkfifo(tmp_path / "g.jsonl")  # reading it would block; /dev/zero would never end
    for path in (tmp_path / "g.jsonl", Path("/dev/zero")):
        with pytest.raises(GoldFormatError, match=rf"{path}: not a regular file or a folder"):
            read_gold(path)
