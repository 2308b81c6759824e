"""Enrichment: the countries, blocs, topics and people named inside a stretch of text.

``countries`` and ``topics`` match the gazetteer and the topic lexicon; ``annotate`` fills a
``Quote`` record's ``countries``, ``blocs``, ``topics`` and ``persons`` from the parse;
``gender`` its speaker's gender; ``acronyms`` spells out a speaker named by an acronym its article
introduces; ``identity`` one name and id per person across a corpus.
"""

from __future__ import annotations

from .acronyms import abbreviates, introduced_acronyms, spelled_out
from .annotate import annotate_quote, canonical_person, clean_person_name, persons_in
from .gender import (GENDER_MODES, DocumentGenders, base_key, assign_genders, first_names, gender_words, mention_evidence,
                     name_evidence, name_gender, organization_words, with_gender_mode)
from .countries import Place, PlaceMatch, find_places, place_by_code, place_mention, speaker_place, split_kinds
from .identity import (NO_ALIASES, AliasError, Aliases, NameIndex, apply_aliases, article_scoped, canonical_name,
                       corpus_names, epithets, group_nouns, group_openers, load_aliases, name_key, parse_aliases, person_names,
                       speaker_id, with_speaker_ids, without_initials)
from .topics import assign_topics

__all__ = ["abbreviates", "introduced_acronyms", "spelled_out", "article_scoped", "canonical_name", "epithets", "group_nouns", "group_openers", "person_names", "without_initials",
           "GENDER_MODES", "DocumentGenders", "base_key", "assign_genders", "first_names", "gender_words", "mention_evidence",
           "name_evidence", "name_gender", "organization_words", "with_gender_mode", "NO_ALIASES", "AliasError", "Aliases", "NameIndex", "Place", "PlaceMatch", "annotate_quote", "apply_aliases",
           "assign_topics", "canonical_person", "clean_person_name", "corpus_names", "find_places", "load_aliases",
           "name_key", "parse_aliases", "persons_in", "place_by_code", "place_mention", "speaker_id", "speaker_place",
           "split_kinds", "with_speaker_ids"]
