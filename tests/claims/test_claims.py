"""Claims: rule cases on hand-built parses, cases as data on the real pipeline, claimants and
asserted content from the quote engine, offsets, records, the shipped weights, ClaimReview shape,
lexicon validation, and the seed article end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from quotes.claims import claim_review, claim_reviews, validate_claim_review
from quotes.claims import (
    CLAIM_TYPES,
    CLAIMANT_TYPES,
    DEFAULT_THRESHOLD,
    Claim,
    LinearModel,
    claim_pieces,
    claim_type,
    find_claims,
    load_claim_lexicons,
    load_claim_models,
    model_features,
    publication_site,
    read_models,
    read_phrase_list,
    sentence_features,
)
from quotes.lexicon import LexiconError
from quotes.model import Document, Quote, Span

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_9bd4bcee04c509db.txt"
URL = "https://www.example.com/news/1"


def claims_of(nlp, text: str, quotes=(), url: str | None = URL, **kwargs) -> list[Claim]:
    document = Document("d", text, url=url, date="2024-05-02", title="A title")
    return find_claims(document, nlp(text), 0, list(quotes), **kwargs)


def families(claim: Claim) -> set[str]:
    return {e.split(":", 1)[0] for e in claim.evidence}


# --- rules on hand-built parses: they do not move when the statistical model does -------------


VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, like_num), no model


def parsed(words, tags, pos, deps, heads, lemmas, ents=None) -> Doc:
    return Doc(VOCAB, words=words, tags=tags, pos=pos, deps=deps, heads=heads, lemmas=lemmas,
               ents=ents or ["O"] * len(words))


def test_rule_quantity_change_and_past():
    doc = parsed(["Exports", "rose", "5", "percent", "in", "2023", "."],
                 ["NNS", "VBD", "CD", "NN", "IN", "CD", "."],
                 ["NOUN", "VERB", "NUM", "NOUN", "ADP", "NUM", "PUNCT"],
                 ["nsubj", "ROOT", "nummod", "dobj", "prep", "pobj", "punct"],
                 [1, 1, 3, 1, 1, 4, 1],
                 ["export", "rise", "5", "percent", "in", "2023", "."],
                 ["O", "O", "B-PERCENT", "I-PERCENT", "O", "B-DATE", "O"])
    found = sentence_features(doc[:])
    assert ("percent", "percent:5 percent") in found
    assert {"percent", "change", "past", "date", "named_subject"} <= {f for f, _ in found}
    assert "number" not in {f for f, _ in found}  # the year is a date, not a quantity


def test_rule_question_by_inversion_without_mark():
    doc = parsed(["Is", "it", "true"], ["VBZ", "PRP", "JJ"], ["AUX", "PRON", "ADJ"],
                 ["ROOT", "nsubj", "acomp"], [0, 0, 0], ["be", "it", "true"])
    assert "question" in {f for f, _ in sentence_features(doc[:])}


def test_rule_promise_is_not_prediction():
    words = ["We", "will", "cut", "taxes", "."]
    doc = parsed(words, ["PRP", "MD", "VB", "NNS", "."], ["PRON", "AUX", "VERB", "NOUN", "PUNCT"],
                 ["nsubj", "aux", "ROOT", "dobj", "punct"], [2, 2, 2, 2, 2],
                 ["we", "will", "cut", "tax", "."])
    found = {f for f, _ in sentence_features(doc[:])}
    assert "promise" in found and "prediction" not in found
    doc = parsed(["Prices", "will", "rise", "."], ["NNS", "MD", "VB", "."], ["NOUN", "AUX", "VERB", "PUNCT"],
                 ["nsubj", "aux", "ROOT", "punct"], [2, 2, 2, 2], ["price", "will", "rise", "."])
    assert "prediction" in {f for f, _ in sentence_features(doc[:])}


def test_rule_a_name_is_not_a_lexicon_word():
    doc = parsed(["Bill", "Smith", "spoke", "."], ["NNP", "NNP", "VBD", "."],
                 ["PROPN", "PROPN", "VERB", "PUNCT"],
                 ["compound", "nsubj", "ROOT", "punct"], [1, 2, 2, 2], ["Bill", "Smith", "speak", "."],
                 ["B-PERSON", "I-PERSON", "O", "O"])
    found = {f for f, _ in sentence_features(doc[:])}
    assert "rule" not in found and "person" in found


def test_pieces_split_clauses_with_their_own_subjects():
    # "Prices rose and wages fell ." -> two claims; "Prices rose and fell ." -> one
    doc = parsed(["Prices", "rose", "and", "wages", "fell", "."], ["NNS", "VBD", "CC", "NNS", "VBD", "."],
                 ["NOUN", "VERB", "CCONJ", "NOUN", "VERB", "PUNCT"],
                 ["nsubj", "ROOT", "cc", "nsubj", "conj", "punct"], [1, 1, 1, 4, 1, 1],
                 ["price", "rise", "and", "wage", "fall", "."])
    assert [(p.start, p.end, p.quote) for p in claim_pieces(doc[:], 0, [])] == [(0, 2, None), (3, 6, None)]
    doc = parsed(["Prices", "rose", "and", "fell", "."], ["NNS", "VBD", "CC", "VBD", "."],
                 ["NOUN", "VERB", "CCONJ", "VERB", "PUNCT"], ["nsubj", "ROOT", "cc", "conj", "punct"],
                 [1, 1, 1, 1, 1], ["price", "rise", "and", "fall", "."])
    assert [(p.start, p.end) for p in claim_pieces(doc[:], 0, [])] == [(0, 5)]


def test_pieces_leave_out_the_attribution_and_keep_the_narrative_beside_it():
    # "Roe said Monday that taxes rose ." -> only "taxes rose", Roe's
    words = ["Roe", "said", "Monday", "that", "taxes", "rose", "."]
    doc = parsed(words, ["NNP", "VBD", "NNP", "IN", "NNS", "VBD", "."],
                 ["PROPN", "VERB", "PROPN", "SCONJ", "NOUN", "VERB", "PUNCT"],
                 ["nsubj", "ROOT", "npadvmod", "mark", "nsubj", "ccomp", "punct"], [1, 1, 1, 5, 5, 1, 1],
                 ["Roe", "say", "Monday", "that", "tax", "rise", "."])
    text = doc.text
    quote = quote_over(text, "that taxes rose", "Jane Roe", cue="said", mention="Roe")
    assert [(p.start, p.end, p.quote) for p in claim_pieces(doc[:], 0, [quote])] == [(4, 6, quote)]
    # "The bank cut rates and criticized the council ." -> the cut is the publication's
    words = ["The", "bank", "cut", "rates", "and", "criticized", "the", "council", "."]
    doc = parsed(words, ["DT", "NN", "VBD", "NNS", "CC", "VBD", "DT", "NN", "."],
                 ["DET", "NOUN", "VERB", "NOUN", "CCONJ", "VERB", "DET", "NOUN", "PUNCT"],
                 ["det", "nsubj", "ROOT", "dobj", "cc", "conj", "det", "dobj", "punct"], [1, 2, 2, 2, 2, 2, 7, 5, 2],
                 ["the", "bank", "cut", "rate", "and", "criticize", "the", "council", "."])
    quote = quote_over(doc.text, "the council", "bank", "organization", cue="criticized", mention="The bank")
    assert [(p.start, p.end, p.quote) for p in claim_pieces(doc[:], 0, [quote])] == [(0, 4, None), (6, 8, quote)]


def test_pieces_drop_a_linking_word_and_the_space_after_it():
    # "Roe spoke of\xa0taxes ." with the content "of\xa0taxes" -> "taxes"
    words = ["Roe", "spoke", "of", "\xa0", "taxes", "."]
    doc = Doc(VOCAB, words=words, spaces=[True, True, False, False, False, False],
              tags=["NNP", "VBD", "IN", "_SP", "NNS", "."], pos=["PROPN", "VERB", "ADP", "SPACE", "NOUN", "PUNCT"],
              deps=["nsubj", "ROOT", "prep", "dep", "pobj", "punct"], heads=[1, 1, 1, 2, 2, 1],
              lemmas=["Roe", "speak", "of", "\xa0", "tax", "."])
    quote = quote_over(doc.text, "of\xa0taxes", "Jane Roe", cue="spoke", mention="Roe")
    assert [(p.start, p.end) for p in claim_pieces(doc[:], 0, [quote])] == [(4, 5)]


# --- cases as data on the real pipeline ----------------------------------------------------

# (text, claim_type, check-worthy at the default threshold)
CLAIMS = [
    ("Unemployment rose to 7.5 percent in March, the highest level since 2010.", "quantity", True),
    ("The government spent $4.2 billion on the program last year.", "quantity", True),
    ("More than 35,000 people were arrested during the protests.", "quantity", True),
    ("The factory closed because the company lost its largest contracts.", "causal", True),
    ("The drought led to higher food prices across the region.", "causal", None),
    ("Parliament approved the treaty on Tuesday.", "rule", None),
    ("The Supreme Court ruled that the ban was unconstitutional.", "rule", None),
    ("The economy will shrink next year, the agency predicted.", "prediction", None),
    ("The central bank expects inflation to fall next year.", "prediction", None),
    ("The minister resigned on Tuesday after the report was published.", "other", None),
]

# (text, kind of non-claim, a family that must fire)
NOT_CLAIMS = [
    ("Do you think the government will survive the vote?", "question", "question"),
    ("What happens next?", "question", "question"),
    ("Thank you very much, and good evening to all of you.", "greeting", "greeting"),
    ("Good morning, everyone.", "greeting", "greeting"),
    ("I think this is a wonderful plan.", "opinion", "evaluative"),
    ("It is a terrible idea.", "opinion", "evaluative"),
    ("I remember feeling so proud that night.", "personal experience", "experience"),
    ("I love this country and its people.", "personal experience", "experience"),
    ("Let me turn now to the next question.", "procedure", "procedure"),
]


@pytest.mark.parametrize("text, kind, checkworthy", CLAIMS)
def test_claim_types(nlp, text, kind, checkworthy):
    (claim,) = claims_of(nlp, text)
    assert claim.claim_type == kind, claim.evidence
    if checkworthy is not None:
        assert claim.checkworthy is checkworthy, (claim.score, claim.evidence)


@pytest.mark.parametrize("text, kind, family", NOT_CLAIMS)
def test_not_claims(nlp, text, kind, family):
    (claim,) = claims_of(nlp, text)
    assert not claim.checkworthy, (kind, claim.score, claim.evidence)
    assert family in families(claim), claim.evidence


def test_every_claim_outranks_every_non_claim(nlp):
    claim_scores = [claims_of(nlp, text)[0].score for text, _, _ in CLAIMS]
    other_scores = [claims_of(nlp, text)[0].score for text, _, _ in NOT_CLAIMS]
    assert min(claim_scores) > max(other_scores)


@pytest.mark.parametrize("text, family, fired", [
    ("Wages are rising.", "measure", True),  # a quantity without a number
    ("Unemployment is at its lowest level.", "measure", True),
    ("The wagon was painted red.", "measure", False),
    ("Good evening, everyone.", "verbless", True),
    ("Prices rose 8 percent in April.", "verbless", False),
])
def test_measure_nouns_and_verbless_sentences(nlp, text, family, fired):
    (claim,) = claims_of(nlp, text)
    assert (family in families(claim)) is fired, claim.evidence


def test_evidence_names_the_numbers(nlp):
    (claim,) = claims_of(nlp, "The ministry said 1,200 soldiers and $3 million in aid arrived in May.")
    assert "number:1,200" in claim.evidence and "money:$3 million" in claim.evidence
    assert claim.claim_type == "quantity" and claim.checkworthy


def test_threshold_decides_checkworthy(nlp):
    text = "The government spent $4.2 billion on the program last year."
    (claim,) = claims_of(nlp, text, threshold=1.0)
    assert not claim.checkworthy
    (claim,) = claims_of(nlp, text, threshold=0.0)
    assert claim.checkworthy


# --- claimants, offsets and records -----------------------------------------------------------


TWO_SENTENCES = "Prices rose 8 percent in April. We will never cut pensions, the minister said."


def quote_over(text: str, fragment: str, speaker: str | None, speaker_type: str = "person",
               cue: str | None = None, mention: str | None = None) -> Quote:
    start = text.index(fragment)

    def span(words: str | None) -> Span | None:
        return Span(words, text.index(words), text.index(words) + len(words)) if words else None

    return Quote(doc_id="d", quote_id="d:q1", kind="direct", text=fragment, start=start,
                 end=start + len(fragment), speaker=speaker, speaker_mention=span(mention), cue=span(cue),
                 confidence=0.9, speaker_type=speaker_type)


def test_claimant_is_speaker_inside_a_quote_and_publication_outside(nlp):
    quote = quote_over(TWO_SENTENCES, "We will never cut pensions", "Jane Roe", cue="said", mention="the minister")
    narrative, quoted = claims_of(nlp, TWO_SENTENCES, [quote])
    assert (narrative.claimant, narrative.claimant_type) == ("example.com", "publication")
    assert narrative.quote_id is None
    assert (quoted.claimant, quoted.claimant_type, quoted.quote_id) == ("Jane Roe", "person", "d:q1")


def test_a_short_quote_is_the_speakers_and_the_narrative_beside_it_the_publications(nlp):
    text = "The ministry granted a $2 billion loan and criticized the restrictions."
    quote = quote_over(text, "the restrictions", "The ministry", "organization", cue="criticized",
                       mention="The ministry")
    narrative, quoted = claims_of(nlp, text, [quote])
    assert (narrative.text, narrative.claimant_type, narrative.quote_id) == (
        "The ministry granted a $2 billion loan", "publication", None)
    assert (quoted.text, quoted.claimant, quoted.claimant_type) == ("the restrictions", "The ministry", "organization")


def engine_claims(nlp, text: str, url: str | None = URL) -> list[Claim]:
    """Claims of a made-up article with the quote engine's own quotes, as ``quotegraph claims`` makes them."""
    from quotes.engine import extract_from_parsed
    from quotes.run import parse_documents

    document = Document("d", text, url=url, date="2024-05-02", title="A title")
    ((document, parsed),) = parse_documents([document], nlp)
    quotes = extract_from_parsed(document, parsed, ("speech",), enrich=False, journalists=False)
    claims: list[Claim] = []
    for offset, sdoc in parsed:
        claims += find_claims(document, sdoc, offset, quotes, number_from=len(claims) + 1)
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text
    return claims


PUBLICATION = ("example.com", "publication")

# (article, URL, every claim as (asserted content, claimant, claimant type)): the attribution
# ("Secretary General Anna Berg told the summit", "According to economist Linda Park") is no claim.
CLAIMANT_CASES = [
    ('"The alliance will admit two new members next year," Secretary General Anna Berg told the summit.', URL,
     [("The alliance will admit two new members next year", "Anna Berg", "person")]),
    ("According to economist Linda Park, inflation fell to 3 percent in May.", URL,
     [("inflation fell to 3 percent in May", "Linda Park", "person")]),
    ('"Growth will slow to 2 percent," warned fund chief Maria Olsen.', None,
     [("Growth will slow to 2 percent", "Maria Olsen", "person")]),
    ("Chancellor Hans Weber said the country would spend 2 percent of its output on defence.", URL,
     [("the country would spend 2 percent of its output on defence", "Hans Weber", "person")]),
    ("The interior ministry said that 1,200 soldiers arrived in May.", URL,
     [("1,200 soldiers arrived in May", "interior ministry", "organization")]),
    ("The leader said Wednesday that the country will soon receive a large batch of weapons, but he "
     "emphasized that the deal would not erode its independence.", URL,
     # no name anywhere: the role is the speaker, and "he" is the role that spoke
     [("the country will soon receive a large batch of weapons", "The leader", "person"),
      ("the deal would not erode its independence", "The leader", "person")]),
    ("The bank has granted the city a new $2 billion loan and criticized the council.", URL,
     [("The bank has granted the city a new $2 billion loan", *PUBLICATION), ("the council", "bank", "organization")]),
    ("Unemployment rose to 7 percent in March, and wages fell for the third month.", URL,
     [("Unemployment rose to 7 percent in March", *PUBLICATION), ("wages fell for the third month.", *PUBLICATION)]),
    ("The company closed two plants and cut 4,000 jobs.", URL,
     [("The company closed two plants and cut 4,000 jobs.", *PUBLICATION)]),
    ("But despite the talks, prices rose 4 percent in June.", URL,
     [("despite the talks, prices rose 4 percent in June.", *PUBLICATION)]),
    ("If the strike goes on, the factory will lose $3 million a day.", URL,
     [("If the strike goes on, the factory will lose $3 million a day.", *PUBLICATION)]),
]


@pytest.mark.parametrize("text, url, expected", CLAIMANT_CASES)
def test_claimants_and_asserted_content_from_the_quote_engine(nlp, text, url, expected):
    claims = engine_claims(nlp, text, url)
    assert [(c.text, c.claimant, c.claimant_type) for c in claims] == expected


@pytest.mark.xfail(strict=False, reason="the quote engine types a lone surname that the small model tags ORG "
                                        "as an organization; claims take the type from the quote")
def test_a_lone_surname_is_a_person(nlp):
    (claim,) = engine_claims(nlp, "Weber said Germany would spend 2 percent of its output on defence.")
    assert (claim.claimant, claim.claimant_type) == ("Weber", "person")


def test_claim_review_author_is_a_person_for_a_person(nlp):
    (claim,) = engine_claims(nlp, CLAIMANT_CASES[0][0])
    assert claim_review(claim)["itemReviewed"]["author"] == {"@type": "Person", "name": "Anna Berg"}
    assert claim_review(claim)["claimReviewed"] == "The alliance will admit two new members next year"


def test_claimant_unknown_without_url_or_speaker(nlp):
    quote = quote_over(TWO_SENTENCES, "We will never cut pensions", None, cue="said", mention="the minister")
    narrative, quoted = claims_of(nlp, TWO_SENTENCES, [quote], url=None)
    assert (narrative.claimant, narrative.claimant_type) == (None, "unknown")
    assert (quoted.claimant, quoted.claimant_type, quoted.quote_id) == (None, "person", "d:q1")


def test_offsets_slice_the_text_past_a_header(nlp):
    header = "Prices rose in April\n20240502\nhttps://example.com/a\n"
    body = "Prices rose 8 percent in April.\nThe ministry said 1,200 soldiers arrived.\n\n..\n"
    document = Document("d", header + body, title="Prices rose in April", url="https://example.com/a",
                        body_start=len(header))
    claims = find_claims(document, nlp(document.body), document.body_start, [])
    assert [c.text for c in claims] == ["Prices rose 8 percent in April.",
                                        "The ministry said 1,200 soldiers arrived."]
    for claim in claims:
        assert document.text[claim.start : claim.end] == claim.text
        assert claim.start >= document.body_start and claim.title == "Prices rose in April"
    assert [c.claim_id for c in claims] == ["d:c1", "d:c2"]


def test_a_parse_that_does_not_match_the_text_is_refused(nlp):
    document = Document("d", "One text.")
    with pytest.raises(ValueError, match="does not match"):
        find_claims(document, nlp("Another text."), 0, [])


def test_number_from_continues_ids_over_pieces(nlp):
    claims = claims_of(nlp, TWO_SENTENCES, number_from=5)
    assert [c.claim_id for c in claims] == ["d:c5", "d:c6"]


def test_record_round_trip_and_field_order(nlp):
    (claim,) = claims_of(nlp, "Turkey and Greece signed a $500 million gas deal on Monday.")
    record = claim.to_dict()
    assert list(record) == ["claim_id", "doc_id", "text", "start", "end", "claimant", "claimant_type",
                            "quote_id", "checkworthy", "checkworthiness", "score", "claim_type", "evidence", "countries",
                            "topics", "title", "date", "url"]
    assert record["claim_type"] in CLAIM_TYPES and record["claimant_type"] in CLAIMANT_TYPES
    assert 0.0 <= record["score"] <= 1.0 and 0.0 <= record["checkworthiness"] <= 1.0
    assert {m["code"] for m in record["countries"]} >= {"TUR", "GRC"}
    again = Claim.from_dict(json.loads(json.dumps(record)))
    assert again.to_dict() == record


# --- scoring and lexicons -------------------------------------------------------------------


def test_shipped_weights_say_where_they_came_from():
    models = load_claim_models()
    assert models.threshold == DEFAULT_THRESHOLD
    assert models.source["script"] == "benchmarks/train_claims.py"
    assert "ClaimBuster" in models.source["data"]["checkworthy"] and "CLEF" in models.source["data"]["score"]
    # the rules stay features of both models
    for model in (models.checkworthy, models.score):
        assert sum(f.startswith("f:") for f in model.weights) >= 20, model.name


def test_scoring_is_bounded_deterministic_and_order_free():
    model = LinearModel("m", -1.0, {"w:rose": 2.0, "f:percent": 1.0, "f:question": -3.0})
    up = model.probability(["f:percent", "w:rose", "w:prices"])
    assert up == model.probability(["w:prices", "w:rose", "f:percent", "w:rose"])
    assert 0.0 < model.probability(["f:question", "w:prices"]) < model.probability([]) < up < 1.0


def test_model_features_read_words_pairs_families_and_length(nlp):
    doc = nlp("Exports rose 5 percent in 2023?")
    features = model_features(doc[:], ["percent", "change"])
    assert {"w:exports", "w:0", "w:0000", "b:rose 0", "w:?", "f:percent", "f:change", "e:PERCENT", "n:1"} <= set(features)
    assert features == sorted(set(features))


@pytest.mark.parametrize("change, message", [
    (lambda d: d.pop("source"), "'source' must name the script"),
    (lambda d: d.update({"threshold": 1.5}), "'threshold' must be a number between 0 and 1"),
    (lambda d: d["score"].pop("bias"), "'score' must be an object with a numeric 'bias'"),
    (lambda d: d["checkworthy"].update({"weights": {}}), "'checkworthy.weights' must be a non-empty"),
    (lambda d: d["score"]["weights"].update({"x:y": 1.0}), "feature 'x:y' of no known kind"),
    (lambda d: d["score"]["weights"].update({"w:y": "heavy"}), "feature 'w:y' has weight 'heavy'"),
])
def test_bad_weights_files_are_named(change, message):
    data = {"source": {"script": "s.py", "data": "d"}, "threshold": 0.5,
            "checkworthy": {"bias": -1.0, "weights": {"w:rose": 1.0}},
            "score": {"bias": -2.0, "weights": {"f:money": 0.5}}}
    assert read_models("w.json", json.dumps(data)).score.weights == {"f:money": 0.5}
    change(data)
    with pytest.raises(LexiconError, match=message):
        read_models("w.json", json.dumps(data))
    with pytest.raises(LexiconError, match="not JSON"):
        read_models("w.json", "{")


@pytest.mark.parametrize("present, kind", [
    ({"prediction", "number"}, "prediction"),
    ({"money", "causal"}, "quantity"),
    ({"causal", "comparative"}, "causal"),
    ({"rule"}, "rule"),
    ({"change"}, "quantity"),
    ({"place", "past"}, "other"),
])
def test_claim_type_priority(present, kind):
    assert claim_type(present) == kind


@pytest.mark.parametrize("url, site", [
    ("https://apnews.com/article/x", "apnews.com"),
    ("https://www.example.co.uk/a?b=c", "example.co.uk"),
    ("http://News.Example.org:8080/", "news.example.org"),
    ("example.com/path", "example.com"),
    ("", None),
    (None, None),
    ("http://[broken", None),
])
def test_publication_site(url, site):
    assert publication_site(url) == site


def test_shipped_lexicons_load():
    lexicons = load_claim_lexicons()
    for family in ("change", "causal", "prediction", "rule", "hedge", "evaluative", "greeting", "procedure"):
        assert lexicons[family].phrases, family
    assert ("because", "of") in lexicons["causal"].phrases


@pytest.mark.parametrize("text, message", [
    ("rise\nFall\n", r"claims_x\.txt:2: entries are lowercase"),
    ("rise\n# a comment\nrise\n", r"claims_x\.txt:3: duplicate entry 'rise'"),
    ("# only comments\n\n", r"claims_x\.txt: no entries"),
    ("rise;fall\n", r"claims_x\.txt:1:"),
])
def test_bad_lexicon_entries_are_named(text, message):
    with pytest.raises(LexiconError, match=message):
        read_phrase_list("claims_x.txt", text)


# --- ClaimReview --------------------------------------------------------------------------


def test_claim_review_shape(nlp):
    quote = quote_over(TWO_SENTENCES, "We will never cut pensions", "Jane Roe", cue="said", mention="the minister")
    narrative, quoted = claims_of(nlp, TWO_SENTENCES, [quote])
    reviews = claim_reviews([narrative, quoted])
    for review, claim in zip(reviews, (narrative, quoted)):
        assert validate_claim_review(review) == []
        assert review["@context"] == "https://schema.org" and review["@type"] == "ClaimReview"
        assert review["claimReviewed"] == claim.text
        item = review["itemReviewed"]
        assert item["@type"] == "Claim" and item["identifier"] == claim.claim_id
        assert item["datePublished"] == "2024-05-02"
        assert item["appearance"] == {"@type": "CreativeWork", "url": URL, "headline": "A title"}
        assert review["reviewRating"]["@type"] == "Rating" and review["reviewRating"]["alternateName"] == ""
        json.dumps(review)
    assert reviews[0]["itemReviewed"]["author"] == {"@type": "Organization", "name": "example.com",
                                                    "url": "https://example.com"}
    assert reviews[1]["itemReviewed"]["author"] == {"@type": "Person", "name": "Jane Roe"}


def test_claim_review_without_url_or_claimant_says_so(nlp):
    (claim,) = claims_of(nlp, "Prices rose 8 percent in April.", url=None)
    review = claim_review(claim)
    assert "author" not in review["itemReviewed"] and "appearance" not in review["itemReviewed"]
    assert validate_claim_review(review) == ["itemReviewed.appearance is missing: no URL for the claim"]


@pytest.mark.parametrize("change, problem", [
    (lambda r: r.update({"@type": "Review"}), "@type must be 'ClaimReview'"),
    (lambda r: r.update({"claimReviewed": " "}), "claimReviewed must be"),
    (lambda r: r["itemReviewed"].update({"@type": "Thing"}), "itemReviewed must be a Claim"),
    (lambda r: r["itemReviewed"].update({"author": {"@type": "Robot", "name": "x"}}), "author must be"),
    (lambda r: r["itemReviewed"].update({"datePublished": "May 2"}), "ISO 8601"),
    (lambda r: r["itemReviewed"]["appearance"].update({"url": "ftp://x"}), "http"),
    (lambda r: r.pop("reviewRating"), "reviewRating must be a Rating"),
])
def test_claim_review_validation_names_the_problem(nlp, change, problem):
    (claim,) = claims_of(nlp, "Prices rose 8 percent in April.")
    review = claim_review(claim)
    change(review)
    assert any(problem in p for p in validate_claim_review(review))


# --- the seed article, end to end ----------------------------------------------------------


@pytest.fixture(scope="module")
def seed_claims(nlp):
    from quotes.engine import extract_from_parsed
    from quotes.run import parse_documents
    from quotes.io import read_inputs

    ((document, parsed),) = parse_documents(read_inputs([str(SEED)]), nlp)
    quotes = extract_from_parsed(document, parsed, ("speech",), journalists=False)
    claims: list[Claim] = []
    for offset, sdoc in parsed:
        claims += find_claims(document, sdoc, offset, quotes, number_from=len(claims) + 1)
    return document, claims


# (how the claim starts, how it ends, evidence, claimant, claimant type): the asserted content,
# without "The authoritarian leader of Belarus said Wednesday that" or "Lukashenko said that"
@pytest.mark.parametrize("begins, ends, evidence, claimant, claimant_type", [
    ("The sanctions were imposed", "arrests of more than 35,000 people and police beating thousands of demonstrators.",
     "number:more than 35,000", "apnews.com", "publication"),
    ("Moscow has granted Belarus", "a new $1.5 billion loan", "money:$1.5 billion", "apnews.com", "publication"),
    ("Russia also will shortly provide Belarus with dozens of warplanes", "the state-of-the-art S-400 missile system",
     "number:dozens", "Alexander Lukashenko", "person"),
    ("the country will soon receive a large batch of Russian weapons", "air defense missile systems",
     "number:dozens", "Alexander Lukashenko", "person"),
    # the parser makes the as-clause after "announced the expected acquisition" its complement;
    # the quote engine sees the misparse and keeps "the expected acquisition" as the content, so
    # the exercise size stays the publication's
    ("Russia and Belarus prepare to conduct joint war games", "set to involve about 200,000 troops.",
     "number:about 200,000", "apnews.com", "publication"),
])
def test_seed_claims(seed_claims, begins, ends, evidence, claimant, claimant_type):
    _, claims = seed_claims
    hits = [c for c in claims if c.text.startswith(begins)]
    assert len(hits) == 1, [c.text for c in claims]
    claim = hits[0]
    assert claim.text.endswith(ends), claim.text
    assert claim.checkworthy and evidence in claim.evidence, (claim.checkworthiness, claim.evidence)
    assert (claim.claimant, claim.claimant_type) == (claimant, claimant_type)


def test_seed_attributions_are_no_claims(seed_claims):
    _, claims = seed_claims
    for claim in claims:
        assert not claim.text.startswith(("Lukashenko said", "The authoritarian leader", "KYIV")), claim.text
        assert "told The Associated Press" not in claim.text


def test_seed_offsets_ids_and_metadata(seed_claims):
    document, claims = seed_claims
    assert claims and len({c.claim_id for c in claims}) == len(claims)
    for claim in claims:
        assert document.text[claim.start : claim.end] == claim.text
        assert claim.start >= document.body_start
        assert (claim.date, claim.url) == (document.date, document.url)
        assert validate_claim_review(claim_review(claim)) == []


def test_lexicons_do_not_name_the_seed():
    """No rule may special-case the seed article: its people and places are in no claim lexicon."""
    lists = load_claim_lexicons().lists.values()
    words = {w for phrase_list in lists for p in phrase_list.phrases for w in p}
    assert not words & {"belarus", "lukashenko", "russia", "moscow", "kremlin", "tsikhanouskaya", "minsk"}
