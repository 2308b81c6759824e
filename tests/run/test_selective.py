"""Parse less: which paragraphs get the full pipeline, what the others keep, and the quotes that
come out the same as from the full parse."""

from __future__ import annotations

import pytest
import spacy

from quotes.lexicon import load_lexicons
from quotes.model import Document
from quotes.run import selective
from quotes.run.pipeline import extract_batch


@pytest.mark.parametrize("lemma, form", [
    ("say", "says"), ("say", "saying"), ("state", "stated"), ("state", "stating"), ("deny", "denies"),
    ("deny", "denied"), ("admit", "admitted"), ("admit", "admitting"), ("warn", "warned"), ("claim", "claims"),
])
def test_inflections(lemma, form):
    assert form in selective.inflections(lemma)


@pytest.mark.parametrize("form, acts, expected", [
    ("said", ("speech",), True),          # irregular, from the lemmatizer's tables
    ("told", ("speech",), True),
    ("says", ("speech",), True),
    ("according", ("speech",), True),     # a cue phrase's word
    ("statement", ("speech",), True),     # a cue noun
    ("believes", ("speech",), False),     # a belief cue, not asked for
    ("believes", ("belief",), True),
    ("table", ("speech", "belief", "intention", "perception"), False),
    ("rose", ("speech", "belief", "intention", "perception"), False),
])
def test_cue_forms(nlp, form, acts, expected):
    forms = selective.cue_forms(load_lexicons(), acts, selective._irregular(nlp))
    assert (form in forms) is expected


ARTICLE = ("Jane Roe, the mayor of Springfield, arrived on Monday. She wore a red coat.\n\n"
           "The weather was mild and the streets were quiet.\n\n"
           "\"We will rebuild the bridge,\" Roe said.\n\n"
           "The council meets again in June. He stayed home.\n\n"
           "Her deputy added that the money was ready.")


@pytest.mark.parametrize("text, parsed", [
    (ARTICLE, [False, False, True, False, True]),
    ("The sun rose.\n\nJohn Smith said it was late.", [False, True]),
    ("The sun rose.\n\nThe plan: build it.", [False, True]),                 # a colon
    ("The sun rose.\n\nThe plan \u2014 build it \u2014 worked.", [False, True]),  # dashes
    ("The sun rose.\n\n\u201cNever,\u201d came the answer.", [False, True]),     # curly marks
    ("The sun rose.\n\nJohn Smith is confident that it will pass.", [False, True]),  # a clause under no cue
    ("The sun rose.\n\nThe moon set.", [False, False]),                     # nothing to read
])
def test_paragraphs_to_parse(nlp, text, parsed):
    doc = nlp.make_doc(text)
    forms = selective._forms(nlp, ("speech",))
    runs = selective.to_parse(doc, forms)
    paragraphs = selective.paragraphs(doc)
    assert len(paragraphs) == len(parsed)
    got = [any(a <= start and end <= b for a, b in runs) for start, end in paragraphs]
    assert got == parsed


def test_neighbouring_paragraphs_are_parsed_together(nlp):
    doc = nlp.make_doc("Roe said no.\n\nSmith said yes.\n\nThe sun rose.\n\nLee said maybe.")
    runs = selective.to_parse(doc, selective._forms(nlp, ("speech",)))
    assert [doc[a:b].text.strip() for a, b in runs] == ["Roe said no.\n\nSmith said yes.", "Lee said maybe."]


def test_unparsed_paragraphs_keep_tokens_entities_and_sentences(nlp):
    (less,) = selective.parse_less(nlp, [ARTICLE], ("speech",))
    full = nlp(ARTICLE)
    assert [t.text for t in less] == [t.text for t in full]
    assert [(e.start_char, e.end_char, e.label_) for e in less.ents] == \
           [(e.start_char, e.end_char, e.label_) for e in full.ents]
    quiet = next(s for s in less.sents if s.text.startswith("The weather"))
    assert quiet.root.i == quiet.start and all(t.tag_ == "" and t.lemma_ == "" for t in quiet)
    coat = next(s for s in less.sents if s.text.startswith("She wore"))
    assert coat[0].pos_ == "PRON"
    spoken = next(s for s in less.sents if "rebuild" in s.text)
    assert any(t.lemma_ == "say" and t.pos_ == "VERB" for t in spoken)


@pytest.mark.parametrize("text", [
    ARTICLE,
    # the speaker's full name and role come from a paragraph that is not parsed
    "President Jane Roe arrived in the capital late on Monday night.\n\n\"The talks went well,\" Roe told reporters.",
    # a stance under an adjective no lexicon lists
    "The sun rose over the hills.\n\nJohn Smith is confident that the bill will pass.",
    # nothing to find, parsed or not
    "The sun rose over the hills.\n\nThe moon set behind them.",
    # a quote carried on through an unmarked paragraph chain
    "Jane Roe spoke on Monday. We will win. Nobody doubts it, Roe said. The vote is close.\n\nThe rain stopped.",
])
def test_same_quotes_as_the_full_parse(nlp, monkeypatch, text):
    document = Document(doc_id="d", text=text)
    ((_, less),) = extract_batch([document], nlp, ("all",))
    monkeypatch.setenv("QUOTEGRAPH_PARSE", "full")
    ((_, full),) = extract_batch([document], nlp, ("all",))
    assert [q.to_dict() for q in less] == [q.to_dict() for q in full]


def test_speaker_named_in_an_unparsed_paragraph(nlp):
    document = Document(doc_id="d", text="President Jane Roe arrived in the capital late on Monday night.\n\n"
                                         "\"The talks went well,\" Roe told reporters.")
    ((_, quotes),) = extract_batch([document], nlp, ("speech",))
    assert [(q.speaker, q.text) for q in quotes] == [("Jane Roe", "The talks went well")]


def test_pipelines_it_does_not_apply_to():
    assert not selective.applies(spacy.blank("en"))


# --- the rule components, memoised: the same annotations as spaCy's own ------------------------

RULE_TEXTS = [
    "I ain't gonna say it, but let's go.\n\nThere is a plan and there were two.",  # patterns over two tokens
    "It was said that you told it to me. But I did. Do they have it?",           # I/you/it by role; do/have
    "The senators' votes were counted. Mr. Smith, 54, disagreed \u2014 \"No!\"",
    "   \n\n  Leading spaces, then words.\n",                                       # spaces with and without a role
]


@pytest.mark.parametrize("text", RULE_TEXTS)
def test_memoised_rule_components_annotate_as_spacy(nlp, text):
    names = [name for name, _ in nlp.pipeline]
    before = names.index("attribute_ruler")
    doc = nlp.make_doc(text)
    for _, component in nlp.pipeline[:before]:
        doc = component(doc)
    stock, memo = doc.copy(), doc.copy()
    for name in ("attribute_ruler", "lemmatizer"):
        stock = nlp.get_pipe(name)(stock)
        memo = selective.memoised(name, nlp.get_pipe(name))(memo)
    assert [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in memo] == \
           [(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_) for t in stock]


def test_other_components_are_not_memoised(nlp):
    assert selective.memoised("parser", nlp.get_pipe("parser")) is nlp.get_pipe("parser")


# --- the entity recognizer only where something may be named ----------------------------------

@pytest.mark.parametrize("word, expected", [
    ("Jane", selective.NAMES), ("Springfield", selective.NAMES), ("2016", selective.NAMES),
    ("two", selective.NAMES), ("First", selective.NAMES),                   # number words
    ("The", selective.NAMES_IF_INSIDE), ("US", selective.NAMES_IF_INSIDE),  # names only inside a sentence
    ("I", selective.NAMES_NOTHING), ("said", selective.NAMES_NOTHING), ("plan", selective.NAMES_NOTHING),
])
def test_names(word, expected):
    assert selective.names(word) == expected


@pytest.mark.parametrize("text, recognised", [
    ("He said the plan was dead. It rained all week.", []),
    ("He said the plan was dead. Jane Roe left.", ["Jane Roe left."]),
    ("The plan failed. They met in June.", ["They met in June."]),     # "The" starts the sentence
    ("It fell by 4 percent. It rose again.", ["It fell by 4 percent."]),
    ("Aid went to the US. Then it stopped.", ["Aid went to the US."]),  # "US" inside a sentence
    ("I think so. \u201cWe agree,\u201d he said.", []),
])
def test_sentences_to_recognise(nlp, text, recognised):
    doc = nlp(text)
    assert [doc[a:b].text for a, b in selective.to_recognise(doc)] == recognised


def test_entities_as_the_full_parse(nlp):
    text = ("Jane Roe, the mayor of Springfield, met the Acme Corporation on Monday. it was late.\n\n"
            "he said the talks went well and that nothing was decided. the rain went on.\n\n"
            "Roe flew to Paris with 3 aides. they came back in June.")
    (less,) = selective.parse_less(nlp, [text], ("speech",))
    full = nlp(text)
    assert [(e.start_char, e.end_char, e.label_) for e in less.ents] == \
           [(e.start_char, e.end_char, e.label_) for e in full.ents]
    assert all(t.ent_iob_ == "O" for t in less if "rain" in t.sent.text)
