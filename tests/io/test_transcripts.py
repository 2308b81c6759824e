"""Transcripts read into turns: labels, WebVTT voices and speaker/text TSV, with offsets into the
file as read; labels, timestamps and stage directions are never a turn's words."""

from __future__ import annotations

import pytest

from quotes.io import read_inputs
from quotes.io.transcripts import (
    as_transcript,
    canonical_speakers,
    detect,
    read_label_words,
    tsv_utterances,
    vtt_utterances,
)
from quotes.lexicon import LexiconError
from quotes.model import Document

DEBATE = """A made-up debate, 3 March 2031

MODERATOR (ANNA REYES): Good evening. Governor Moss, why did unemployment rise?
GOV. TOM MOSS: Unemployment rose by 4 percent in 2030. (APPLAUSE)
We cut taxes for 2 million families.
KIM: That is not true. [ crosstalk ]
(LAUGHTER)
[00:12:01] Q: What about trade?
Reyes: Thank you both.
"""

VTT = """WEBVTT

NOTE made up for the tests

1
00:00:01.000 --> 00:00:04.000
<v Anna Reyes>Good evening from the hall.</v>

00:00:04.500 --> 00:00:08.000 align:start
<v.loud Tom Moss>Thank you, Anna.
We built 300 schools. [Applause]

00:00:08.500 --> 00:00:09.000
<i>And 40 hospitals.</i>

00:00:09.500 --> 00:00:10.000
<v Moss>Really.
"""

TSV = "speaker\ttext\nREYES\tGood evening.\nTOM MOSS\tWe built 300 schools.\nTOM MOSS\tAnd 40 hospitals.\nSYSTEM\t(APPLAUSE)\n"


def turns(document):
    return [(u.label, u.speaker, u.role, [document.text[a:b] for a, b in u.parts]) for u in document.utterances]


def test_plain_transcript_turns_and_offsets():
    document = as_transcript(Document("d", DEBATE))
    assert turns(document) == [
        ("MODERATOR (ANNA REYES)", "Anna Reyes", "moderator", ["Good evening. Governor Moss, why did unemployment rise?"]),
        ("GOV. TOM MOSS", "Tom Moss", "person", ["Unemployment rose by 4 percent in 2030.", "We cut taxes for 2 million families."]),
        ("KIM", "Kim", "person", ["That is not true."]),
        ("Q", "Q", "host", ["What about trade?"]),
        ("Reyes", "Anna Reyes", "moderator", ["Thank you both."]),
    ]
    for u in document.utterances:
        assert DEBATE[u.label_start:u.label_end] == u.label


def test_parse_text_blanks_all_but_the_words():
    document = as_transcript(Document("d", DEBATE))
    blanked = document.parse_text
    assert len(blanked) == len(DEBATE)
    assert blanked.count("\n") == DEBATE.count("\n")
    assert blanked.startswith("A made-up debate")  # the introduction before the first label is prose
    for word in ("MODERATOR", "APPLAUSE", "crosstalk", "LAUGHTER", "00:12:01", "GOV.", "Q:"):
        assert word not in blanked
    assert "We cut taxes for 2 million families." in blanked


@pytest.mark.parametrize("text, expected", [
    (DEBATE, True),
    ("TRUMP: We will win.\nCLINTON: We will not.\n", True),
    ("Hillary Clinton: We will win.\nDonald Trump: No.\nHillary Clinton: Yes.\n", True),
    # news: a line or two open with a word and a colon, most do not
    ("The minister spoke on Monday.\nUpdate: the vote was delayed.\nShe said it would pass.\n", False),
    ("Note: figures are provisional.\nWASHINGTON: The Senate voted on Tuesday.\nIt passed 51 to 49.\nThe bill goes to the House.\n", False),
    ("One line of plain prose with no label at all.", False),
])
def test_detect(text, expected):
    assert detect(Document("d", text)) is expected


@pytest.mark.parametrize("mode, has_turns", [(None, False), (True, True), (False, False)])
def test_forced_and_refused(mode, has_turns):
    # one label among prose: not detected, but read as a transcript when forced
    text = "PAT LEE: We opened 12 clinics.\nWe will open more next year.\nAnd we will hire nurses.\n"
    assert bool(as_transcript(Document("d", text), mode).utterances) is has_turns
    assert as_transcript(Document("d", DEBATE), False).utterances == ()


def test_vtt_voices_carry_on_and_tags_are_not_words():
    document = Document("v", VTT, utterances=vtt_utterances(VTT))
    assert turns(document) == [
        ("Anna Reyes", "Anna Reyes", "person", ["Good evening from the hall."]),
        ("Tom Moss", "Tom Moss", "person", ["Thank you, Anna.", "We built 300 schools.", "And 40 hospitals."]),
        ("Moss", "Tom Moss", "person", ["Really."]),
    ]


@pytest.mark.parametrize("text, reason", [
    ("1\n00:00:01.000 --> 00:00:02.000\n<v A>Hi.\n", "not WebVTT"),
])
def test_vtt_refused(text, reason):
    assert reason in vtt_utterances(text)


def test_tsv_rows_of_one_speaker_are_one_turn():
    document = Document("t", TSV, utterances=tsv_utterances(TSV))
    assert turns(document) == [
        ("REYES", "Reyes", "person", ["Good evening."]),
        ("TOM MOSS", "Tom Moss", "person", ["We built 300 schools.", "And 40 hospitals."]),
    ]
    plain = "Ann Bo\tWe won.\nCy Di\tWe lost.\n"
    assert [u.speaker for u in tsv_utterances(plain)] == ["Ann Bo", "Cy Di"]


def test_tsv_refused():
    assert "not a transcript TSV" in tsv_utterances("a\tb\tc\n1\t2\t3\n")


@pytest.mark.parametrize("labels, expected", [
    (["CLINTON", "Hillary Clinton", "HILLARY CLINTON"], ["Hillary Clinton"] * 3),
    (["SEN. BERNIE SANDERS", "SANDERS"], ["Bernie Sanders", "Bernie Sanders"]),
    (["CLINTON", "Bill Clinton", "Hillary Clinton"], ["Clinton", "Bill Clinton", "Hillary Clinton"]),
    (["O'MALLEY"], ["O'Malley"]),
    (["LESTER HOLT, MODERATOR", "HOLT"], ["Lester Holt", "Lester Holt"]),
    (["AUDIENCE MEMBER"], ["Audience Member"]),
    # an actor playing someone is the actor, and the one played keeps their own lines
    (["JANE ROE (AS JOHN DOE)", "JOHN DOE", "DOE"], ["Jane Roe", "John Doe", "John Doe"]),
])
def test_canonical_speakers(labels, expected):
    assert [canonical_speakers(labels)[label][0] for label in labels] == expected


@pytest.mark.parametrize("label, role", [
    ("MODERATOR (LESTER HOLT)", "moderator"), ("HOLT (MODERATOR)", "moderator"), ("Q", "host"),
    ("QUESTION", "host"), ("AUDIENCE MEMBER", "audience"), ("UNIDENTIFIED MALE", "audience"),
    ("TRUMP", "person"),
])
def test_roles(label, role):
    assert canonical_speakers([label])[label][1] == role


def test_label_words_validated():
    with pytest.raises(LexiconError, match="x.tsv:1"):
        read_label_words([("x.tsv", "speaker\tbob\n")])


def test_read_inputs_all_three_forms(tmp_path):
    (tmp_path / "a.txt").write_text(DEBATE, encoding="utf-8")
    (tmp_path / "b.vtt").write_text(VTT, encoding="utf-8")
    (tmp_path / "c.tsv").write_text(TSV, encoding="utf-8")
    (tmp_path / "d.txt").write_text("The minister spoke on Monday. She said it would pass.\n", encoding="utf-8")
    found = {d.doc_id: d for d in read_inputs([str(tmp_path / n) for n in ("a.txt", "b.vtt", "c.tsv", "d.txt")])}
    assert [len(found[k].utterances) for k in "abcd"] == [5, 3, 2, 0]
    refused = {d.doc_id: d for d in read_inputs([str(tmp_path / "a.txt")], transcript=False)}
    assert refused["a"].utterances == ()
    folder = {d.doc_id for d in read_inputs([str(tmp_path)])}
    assert folder == {"a", "b", "d"}  # a folder's .tsv files may be anything: name them to read them


def test_forced_transcript_takes_a_lone_name_label():
    text = "Obama: Thank you. We created 14 million jobs.\nAnd we will create more.\n"
    assert as_transcript(Document("d", text)).utterances == ()
    assert [u.speaker for u in as_transcript(Document("d", text), True).utterances] == ["Obama"]
