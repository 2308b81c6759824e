"""--lexicon-dir: the user's lexicon files extend the built-in ones, validated the same way."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from quotes.cli import app
from quotes.lexicon import LexiconError, lexicon_dir, load_lexicons, use_lexicon_dir
from quotes.run import use_lexicons

TEXT = "Jane Roe grumbled that the plan would fail.\n"


@pytest.fixture
def folder(tmp_path):
    """A lexicon folder; the built-in lexicons are back after the test."""
    yield tmp_path
    use_lexicon_dir(None)


def test_entries_are_added_and_replace_built_in_ones(folder):
    (folder / "cue_verbs.tsv").write_text("# mine\ngrumble\tspeech\tno\nsay\tbelief\tno\n", encoding="utf-8")
    (folder / "titles.tsv").write_text("burgomaster\t-\tmayor\n", encoding="utf-8")
    use_lexicon_dir(folder)
    lex = load_lexicons()
    assert lexicon_dir() == str(folder)
    assert lex.cue_verbs["grumble"].act == "speech" and lex.cue_verbs["say"].act == "belief"
    assert lex.cue_verbs["tell"].act == "speech" and lex.titles["burgomaster"].category == "mayor"
    use_lexicon_dir(None)
    assert "grumble" not in load_lexicons().cue_verbs and load_lexicons().cue_verbs["say"].act == "speech"


@pytest.mark.parametrize("name, content, message", [
    ("cue_verbs.tsv", "grumble\tspeech\n", r"cue_verbs.tsv:1: expected 3 tab-separated fields"),
    ("cue_verbs.tsv", "# c\ngrumble\tshouting\tno\n", r"cue_verbs.tsv:2: unknown act 'shouting'"),
    ("cue_verbs.tsv", "grumble\tspeech\tno\ngrumble\tspeech\tno\n", r"cue_verbs.tsv:2: duplicate entry 'grumble'"),
    ("cue_phrases.tsv", "grumble\tspeech\n", r"cue_phrases.tsv:1: a phrase needs two or more words"),
    ("titles.tsv", "burgomaster\tx\t-\n", r"titles.tsv:1: gender must be m, f or -"),
    ("cue_prepositions.tsv", "grumble\tat\n", r"cue_prepositions.tsv:1: 'grumble' is not in cue_verbs.tsv"),
    ("claims_hedges.txt", "Perhaps So\n", r"claims_hedges.txt:1: entries are lowercase words"),
    ("cue_verb.tsv", "grumble\tspeech\tno\n", r"cue_verb.tsv: not a lexicon file this version can extend"),
    ("claims_weights.json", "{}", r"claims_weights.json: not a lexicon file this version can extend"),
    ("countries_aliases.tsv", "x\ty\n", r"countries_aliases.tsv:1: expected 3 non-empty tab-separated fields"),
    ("countries_aliases.tsv", "Blighty\tXYZ\tname\n", r"countries_aliases.tsv:1: unknown ISO 3166-1 alpha-3 code 'XYZ'"),
    ("countries_aliases.tsv", "the Kremlin\tUKR\tname\n", r"countries_aliases.tsv:1: alias 'the Kremlin' already names RUS"),
    ("countries_names.tsv", "TUR\tRussia\n", r"countries_names.tsv:1: 'Russia' already names RUS"),
    ("countries_names.tsv", "RUS\tFrance\n", r"countries_names.tsv:1: 'France' for RUS is the name of FRA already"),
    ("topics_idioms.txt", "thank God\n", r"topics_idioms.txt:1: 'thank God' repeats topics_idioms.txt:\d+"),
    ("engine_words.tsv", "evidence_verb\tshow\n", r"engine_words.tsv:1: unknown list 'evidence_verb'"),
    ("engine_words.tsv", "# c\nevidence_verbs\tShow up\n", r"engine_words.tsv:2: 'Show up' is not one lowercase word"),
    ("engine_words.tsv", "evidence_verbs\tgauge\nevidence_verbs\tgauge\n", r"engine_words.tsv:2: duplicate entry \('evidence_verbs', 'gauge'\)"),
    ("topics.json", "{not json", r"topics.json:1: not valid JSON"),
    ("topics.json", '{"topics": [{"id": "sport", "label": "games"}]}', r"topics.json: topic 'sport': duplicate id \(to add words"),
    ("topics.json", '{"topics": [{"id": "sport", "lemmas": ["election"]}]}', r"topics.json: topic 'sport': lemma 'election' already belongs to 'election'"),
    ("topics.json", '{"topics": [{"id": "kabaddi", "label": "kabaddi", "parent": "nowhere"}]}', r"topics.json: topic 'kabaddi': unknown parent 'nowhere'"),
])
def test_bad_files_name_file_and_line(folder, name, content, message):
    (folder / name).write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError, match=str(folder).replace("\\", "\\\\") + "/" + message):
        use_lexicons(str(folder))
    assert lexicon_dir() is None and "grumble" not in load_lexicons().cue_verbs


def test_not_a_folder(tmp_path):
    with pytest.raises(LexiconError, match="not a folder"):
        use_lexicon_dir(tmp_path / "missing")


def test_claim_and_person_lists_extend(folder):
    from quotes.claims.detect import load_claim_lexicons
    from quotes.enrich.annotate import clean_person_name

    (folder / "claims_hedges.txt").write_text("by all accounts maybe\n", encoding="utf-8")
    (folder / "titles.tsv").write_text("burgomaster\t-\tmayor\n", encoding="utf-8")
    use_lexicon_dir(folder)
    hedges = load_claim_lexicons()["hedge"].phrases
    assert ("by", "all", "accounts", "maybe") in hedges and len(hedges) > 1
    assert clean_person_name("Burgomaster Jane Roe") == "Jane Roe"
    use_lexicon_dir(None)
    assert clean_person_name("Burgomaster Jane Roe") == "Burgomaster Jane Roe"


def test_worker_processes_get_the_folder(folder):
    from quotes.run import parallel

    (folder / "cue_verbs.tsv").write_text("grumble\tspeech\tno\n", encoding="utf-8")
    parallel._start_worker(None, ("quotes", ("speech",)), str(folder))  # what each worker runs first
    assert lexicon_dir() == str(folder) and "grumble" in load_lexicons().cue_verbs


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_cli_lexicon_dir(folder, jobs):
    lexicons = folder / "lexicons"
    lexicons.mkdir()
    (lexicons / "cue_verbs.tsv").write_text("grumble\tspeech\tno\n", encoding="utf-8")
    corpus = folder / "corpus.jsonl"  # more than one batch, so that --jobs 2 starts workers
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": TEXT}) + "\n" for n in range(40)), encoding="utf-8")

    def rules(*extra: str) -> set[str]:
        done = CliRunner().invoke(app, ["extract", str(corpus), "--format", "jsonl", "--jobs", jobs, *extra])
        assert done.exit_code == 0, done.output
        return {json.loads(line)["rule"] for line in done.stdout.splitlines()}

    # a verb outside the lexicon reports a clause only in the PolNeAR-wide set (--acts all); once
    # the folder lists it, it is a cue of the default output
    assert rules() == set() and rules("--acts", "all") == {"general"}
    assert rules("--lexicon-dir", str(lexicons)) == {"reported"}


def test_cli_bad_lexicon_dir_is_a_usage_error(folder):
    (folder / "cue_verbs.tsv").write_text("grumble\tspeech\n", encoding="utf-8")
    done = CliRunner().invoke(app, ["extract", "-", "--lexicon-dir", str(folder)], input=TEXT)
    assert done.exit_code == 2
    assert f"{folder}/cue_verbs.tsv:1: expected 3 tab-separated fields" in done.stderr


def test_gazetteer_and_topics_extend(folder, nlp):
    from quotes.enrich import assign_topics, find_places
    from quotes.enrich.countries import load_gazetteer, normalise
    from quotes.enrich.topics import load_taxonomy

    (folder / "countries_aliases.tsv").write_text("Blighty\tGBR\tname\n", encoding="utf-8")
    (folder / "countries_names.tsv").write_text("TUR\tTürkiye\n", encoding="utf-8")
    (folder / "topics.json").write_text(json.dumps({"topics": [
        {"id": "armed_conflict", "lemmas": ["skirmish"]},
        {"id": "kabaddi", "label": "kabaddi", "iptc": "medtop:15000000", "iptc_exact": False, "parent": "sport",
         "phrases": ["raid point"]}]}), encoding="utf-8")
    (folder / "topics_idioms.txt").write_text("war of words\n", encoding="utf-8")
    use_lexicons(str(folder))
    gazetteer = load_gazetteer()
    assert gazetteer.entries[normalise("Blighty")].code == "GBR" and gazetteer.by_code["TUR"].name == "Türkiye"
    taxonomy = load_taxonomy()
    assert ("armed_conflict", None) in taxonomy.lemmas["skirmish"] and "kabaddi" in taxonomy.topics
    assert "war of words" in taxonomy.idioms and "thank god" in taxonomy.idioms
    doc = nlp("Blighty won on a raid point after a skirmish.")
    assert [m.place.code for m in find_places(doc) if m.place] == ["GBR"]
    assert {t.id for t in assign_topics(doc[:])} >= {"kabaddi", "armed_conflict"}
    use_lexicon_dir(None)
    assert normalise("Blighty") not in load_gazetteer().entries and "kabaddi" not in load_taxonomy().topics


@pytest.mark.dask
def test_dask_workers_get_the_folder(folder):
    pytest.importorskip("distributed")
    lexicons = folder / "lexicons"
    lexicons.mkdir()
    (lexicons / "cue_verbs.tsv").write_text("grumble\tspeech\tno\n", encoding="utf-8")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"id": f"d{n}", "text": TEXT}) + "\n" for n in range(3)), encoding="utf-8")
    done = CliRunner().invoke(app, ["extract", str(corpus), "--format", "jsonl", "--dask", "local:1",
                                    "--lexicon-dir", str(lexicons)])
    assert done.exit_code == 0, done.output
    assert {json.loads(line)["rule"] for line in done.stdout.splitlines()} == {"reported"}


def test_engine_word_lists_extend(folder):
    from quotes.lexicon import load_engine_words

    (folder / "engine_words.tsv").write_text("# mine\nevidence_verbs\tgauge\n", encoding="utf-8")
    use_lexicon_dir(folder)
    words = load_engine_words()
    assert {"gauge", "suggest"} <= words["evidence_verbs"] and "what" in words["question_words"]
    use_lexicon_dir(None)
    assert "gauge" not in load_engine_words()["evidence_verbs"]


def test_a_country_name_may_move_once_its_old_owner_is_renamed(folder):
    """``RUS<TAB>France`` is refused alone (two countries named France), but not when the same
    file gives France another name first: each name still names one country."""
    from quotes.enrich.countries import load_gazetteer

    (folder / "countries_names.tsv").write_text("FRA\tGaul\nRUS\tFrance\n", encoding="utf-8")
    use_lexicons(str(folder))
    places = load_gazetteer().by_code
    assert (places["FRA"].name, places["RUS"].name) == ("Gaul", "France")


HOSTILE_JSON = [  # (what the message says, the text of a file whose line 2 holds it)
    ("nested too deeply", '{"topics":\n' + "[" * 100_000 + "]" * 100_000 + "}"),
    ("an integer of 5,000 digits", '{"topics": [\n{"id": "kabaddi", "label": "kabaddi", "parent": ' + "9" * 5000 + "}]}"),
    ("a lone surrogate (U+D800)", '{"topics": [\n{"id": "kabaddi", "label": "kab\\ud800", "parent": null}]}'),
]


@pytest.mark.parametrize("what, content", HOSTILE_JSON, ids=["deep", "long integer", "lone surrogate"])
def test_hostile_topics_json_is_one_line_naming_file_and_line(folder, what, content):
    """Each gave a traceback and exit 1 (the surrogate only when a topic was written)."""
    (folder / "topics.json").write_text(content, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", "-", "--lexicon-dir", str(folder), "--format", "jsonl"], input="x")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"error: {folder}/topics.json:2: not valid JSON: {what}"]
    assert lexicon_dir() is None


def test_a_lexicon_file_that_is_a_fifo_is_refused_by_name(folder):
    import os

    os.mkfifo(folder / "cue_verbs.tsv")  # reading it would block the run forever
    with pytest.raises(LexiconError, match=r"cue_verbs.tsv: not a regular file"):
        use_lexicons(str(folder))
