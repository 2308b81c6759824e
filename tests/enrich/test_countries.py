"""Country and bloc rules: cases as data, false friends included, and lexicon validation."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quotes.enrich import countries
from quotes.enrich.countries import (CountryLexiconError, find_places, keep_place, load_gazetteer,
                              match_places, normalise, split_kinds)
from quotes.enrich import annotate_quote
from quotes.model import Quote



def codes(nlp, text: str) -> list[str]:
    return [m.place.code for m in find_places(nlp(text))]


# (text, codes in order of mention). Places the rules must find.
FOUND = [
    ("Seeking to secure Moscows support, he turned away.", ["RUS"]),
    ("Russia's army is large.", ["RUS"]),
    ("Russias army is large.", ["RUS"]),
    ("It would not erode Belarus independence.", ["BLR"]),
    ("He wants to bolster Russia-Belarus integration.", ["RUS", "BLR"]),
    ("U.S.-Russia talks resumed in Bern.", ["USA", "RUS", "CHE"]),
    ("The Belarusian opposition met Ukrainian officials.", ["BLR", "UKR"]),
    ("The pro-Russian rebels advanced.", ["RUS"]),
    ("They blamed Western pressure.", ["WEST"]),
    ("It is a plot by the West to oust him.", ["WEST"]),
    ("The Kremlin said talks would continue.", ["RUS"]),
    ("He relies on the Kremlins support.", ["RUS"]),
    ("The White House and Downing Street agreed.", ["USA", "GBR"]),
    ("The Elysee declined to comment.", ["FRA"]),
    ("The Élysée declined to comment.", ["FRA"]),
    ("Kyiv and Washington disagree, and Beijing is silent.", ["UKR", "USA", "CHN"]),
    ("Georgia and Ukraine want to join NATO and the European Union.",
     ["GEO", "UKR", "NATO", "EU"]),
    ("Turkey and Jordan hosted the talks.", ["TUR", "JOR"]),
    ("Chad's president attended the summit.", ["TCD"]),
    ("Tensions in the Middle East are rising.", ["MIDEAST"]),
    ("The ex-Soviet neighbors signed a treaty.", ["SOVIET"]),
    ("The United States and the United Kingdom voted against it.", ["USA", "GBR"]),
    ("Americans and Belarusians disagree.", ["USA", "BLR"]),
    ("He met officials in Tbilisi, Georgia.", ["GEO", "GEO"]),
]

# False friends and look-alikes: nothing here names a country.
NOT_FOUND = [
    "He lives in Atlanta, Georgia, with his family.",
    "Michael Jordan scored 30 points for the Bulls.",
    "Jordan scored 30 points last night.",
    "Chad Smith played the drums.",
    "We ate turkey at Thanksgiving.",
    "The roast Turkey was carved at Thanksgiving.",
    "He speaks Russian fluently.",
    "He answered in Russian.",
    "New Mexico and New Jersey are states.",
    "The Washington Post reported it.",
    "The west of the country is quiet.",
    "Let us talk about it.",
    "The Georgian architecture of the house is lovely.",
    "Sofia said she was tired.",
    "Santiago Abascal spoke to reporters.",
]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_finds_places(nlp, text, expected):
    assert codes(nlp, text) == expected


@pytest.mark.parametrize("text", NOT_FOUND)
def test_false_friends_name_nothing(nlp, text):
    assert codes(nlp, text) == []


def test_mention_offsets_are_document_offsets(nlp):
    doc = nlp("Seeking to secure Moscows support, Lukashenko undermined Russia-Belarus ties.")
    for m in find_places(doc):
        assert doc.text[m.start:m.end] == m.mention
    assert [m.mention for m in find_places(doc)] == ["Moscows", "Russia", "Belarus"]


def test_names_are_iso_alpha3_with_the_names_news_uses(nlp):
    found = {m.place.code: m.place for m in find_places(nlp("Belarus, Russia and Iran met."))}
    assert found["BLR"].name == "Belarus" and found["BLR"].iso_name == "Belarus"
    assert found["RUS"].name == "Russia" and found["RUS"].iso_name == "Russian Federation"
    assert found["IRN"].name == "Iran" and found["IRN"].iso_name == "Iran, Islamic Republic of"
    assert {p.kind for p in found.values()} == {"country"}


@pytest.mark.parametrize(("alias", "code", "name", "iso_name"), [
    ("Russia", "RUS", "Russia", "Russian Federation"),
    ("Russian Federation", "RUS", "Russia", "Russian Federation"),
    ("the Kremlin", "RUS", "Russia", "Russian Federation"),
    ("Iran", "IRN", "Iran", "Iran, Islamic Republic of"),
    ("Tehran", "IRN", "Iran", "Iran, Islamic Republic of"),
    ("South Korea", "KOR", "South Korea", "Korea, Republic of"),
    ("Seoul", "KOR", "South Korea", "Korea, Republic of"),
    ("North Korea", "PRK", "North Korea", "Korea, Democratic People's Republic of"),
    ("Syria", "SYR", "Syria", "Syrian Arab Republic"),
    ("Syrian Arab Republic", "SYR", "Syria", "Syrian Arab Republic"),
    ("Ivory Coast", "CIV", "Ivory Coast", "C\u00f4te d'Ivoire"),
    ("Vietnam", "VNM", "Vietnam", "Viet Nam"),
    ("Belarus", "BLR", "Belarus", "Belarus"),  # a country whose ISO name is its news name
    ("France", "FRA", "France", "France"),
])
def test_countries_carry_the_news_name_and_the_iso_name(alias, code, name, iso_name):
    place = load_gazetteer().lookup(alias)
    assert (place.code, place.name, place.iso_name) == (code, name, iso_name)


def test_quote_records_carry_the_news_name_and_the_iso_name(nlp):
    from quotes.enrich import place_mention

    doc = nlp("Moscow and Syria signed the deal, while the West stayed away.")
    countries, blocs = split_kinds(find_places(doc))
    records = [place_mention(m, 100).to_dict() for m in countries]
    assert records == [
        {"code": "RUS", "name": "Russia", "iso_name": "Russian Federation", "mention": "Moscow",
         "start": 100, "end": 106},
        {"code": "SYR", "name": "Syria", "iso_name": "Syrian Arab Republic", "mention": "Syria",
         "start": 111, "end": 116},
    ]
    assert [place_mention(m).to_dict() for m in blocs] == [
        {"code": "WEST", "name": "the West", "mention": "the West", "start": 40, "end": 48}]


@pytest.mark.parametrize(("speaker", "code"), [
    ("Moscow", "RUS"),
    ("Kremlin", "RUS"),
    ("the Kremlin", "RUS"),
    ("Iran", "IRN"),
    ("Beijing", "CHN"),
    ("Downing Street", "GBR"),
    ("European Commission", "EU"),  # a seat of a bloc stands for the bloc
    ("Moscow State University", None),  # only the whole name counts
    ("Russians", None),  # a demonym is people, not the state
    ("Jordan", None),  # a name with a second sense: the name alone cannot settle it
    ("Georgia", None),
    ("Jane Roe", None),
])
def test_speaker_place(speaker, code):
    from quotes.enrich import speaker_place

    place = speaker_place(speaker)
    assert (place.code if place else None) == code


def test_demonyms_and_capitals_come_from_the_dataset():
    gaz = load_gazetteer()
    # Neither Malagasy nor Ouagadougou is hand-written: countryinfo carries them.
    assert gaz.lookup("Malagasy").code == "MDG"
    assert gaz.lookup("Malagasy").via == "demonym"
    assert gaz.lookup("Ouagadougou").code == "BFA"
    assert gaz.lookup("Ouagadougou").via == "capital"
    # A demonym two entries share goes to the larger country.
    assert gaz.lookup("Chinese").code == "CHN"


def test_blocs_are_never_countries(nlp):
    found, blocs = split_kinds(find_places(nlp("NATO, the EU and the West criticised Russia.")))
    assert [m.place.code for m in found] == ["RUS"]
    assert [m.place.code for m in blocs] == ["NATO", "EU", "WEST"]
    assert all(m.place.kind == "bloc" for m in blocs)


def test_not_places_are_matched_then_dropped(nlp):
    doc = nlp("New Mexico is dry.")
    assert [(m.mention, m.place) for m in match_places(doc)] == [("New Mexico", None)]
    assert find_places(doc) == []


# Hand-built Docs: the entity labels are fixed, so these do not move with the model.
def _doc(words, ents, pos=None):
    return Doc(Vocab(), words=words, ents=ents, pos=pos)


@pytest.mark.parametrize(("words", "ents", "kept"), [
    (["Jordan", "said", "no"], ["B-PERSON", "O", "O"], False),
    (["Jordan", "said", "no"], ["B-GPE", "O", "O"], True),
    (["Chad", "Smith", "said", "no"], ["B-PERSON", "I-PERSON", "O", "O"], False),
    (["Russias", "army", "moved"], ["B-PERSON", "O", "O"], True),  # not a false friend
    (["Georgia", "and", "Russia", "met"], ["B-GPE", "O", "B-GPE", "O"], True),
    (["Jordan", "said", "no"], ["O", "O", "O"], False),  # no label: an ambiguous name stays out
    (["Russia", "said", "no"], ["O", "O", "O"], True),  # no label: a plain name still counts
])
def test_entity_labels_decide_false_friends(words, ents, kept):
    doc = _doc(words, ents)
    first = match_places(doc)[0]
    assert keep_place(first, doc) is kept


def test_lower_case_is_not_a_name():
    doc = _doc(["we", "ate", "turkey"], ["O", "O", "O"])
    assert [m.alias for m in match_places(doc)] == ["turkey"]
    assert find_places(doc) == []


def test_annotate_quote_uses_document_offsets(nlp):
    text = "HEADER\nBody: Moscows support and the Kremlin matter for Belarus."
    offset = text.index("Body")
    sdoc = nlp(text[offset:])
    content = "Moscows support and the Kremlin matter for Belarus"
    start = text.index(content)
    quote = Quote("d", "d-1", "direct", content, start, start + len(content), "X", None, None, 1.0)
    out = annotate_quote(quote, sdoc, offset)
    assert [(m.code, m.mention) for m in out.countries] == [
        ("RUS", "Moscows"), ("RUS", "the Kremlin"), ("BLR", "Belarus")]
    for m in out.countries:
        assert text[m.start:m.end] == m.mention


def test_normalise_folds_case_diacritics_and_apostrophes():
    assert normalise("  Élysée ") == "elysee"
    assert normalise("Côte d\u2019Ivoire") == "cote d'ivoire"


def test_gazetteer_is_loaded_once():
    assert load_gazetteer() is load_gazetteer()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("countries_seats.tsv", "Kremlin\tXYZ\n",
     r"countries_seats.tsv:1: unknown code 'XYZ' for seat 'Kremlin'"),
    ("countries_seats.tsv", "Kremlin\n", r"countries_seats.tsv:1: expected 2"),
    ("countries_aliases.tsv", "Ruritania\tRUR\tname\n", r"unknown ISO 3166-1 alpha-3 code 'RUR'"),
    ("countries_aliases.tsv", "Russia\tRUS\tcity\n", r"kind must be name, demonym or capital"),
    ("countries_aliases.tsv", "Russia\tRUS\tname\nrussia\tRUS\tname\n", r"duplicate alias 'russia'"),
    ("countries_blocs.tsv", "RUS\tRussia bloc\tSomething\n", r"bloc code 'RUS'"),
    ("countries_false_friends.tsv", "Atlantis\tmyth\t-\tno\n", r"'Atlantis' is not a place"),
    ("countries_not_places.txt", "the Kremlin\n", r"'the Kremlin' is also a place"),
    ("countries_names.tsv", "RUR\tRuritania\n", r"countries_names.tsv:1: unknown ISO 3166-1 alpha-3 code 'RUR'"),
    ("countries_names.tsv", "RUS\tRussia\nRUS\tRossiya\n", r"countries_names.tsv:2: RUS is named twice"),
    ("countries_names.tsv", "RUS\tRussia\nBLR\tRussia\n", r"countries_names.tsv:2: 'Russia' already names RUS"),
    ("countries_names.tsv", "RUS\n", r"countries_names.tsv:1: expected 2"),
    # a name the ISO data already gives another country: two countries named France
    ("countries_names.tsv", "RUS\tFrance\n", r"countries_names.tsv:1: 'France' for RUS is the name of FRA already: "
                                              r"one name cannot be claimed by both RUS and FRA"),
    ("countries_names.tsv", "# x\nDEU\tfrance\n", r"countries_names.tsv:2: 'france' for DEU is the name of FRA"),
])
def test_bad_lexicon_entry_is_named(monkeypatch, name, content, message):
    real = countries._read
    monkeypatch.setattr(countries, "_read", lambda n: content if n == name else real(n))
    with pytest.raises(CountryLexiconError, match=message):
        load_gazetteer.__wrapped__()
