"""Enrichment: the countries, blocs, topics and people named inside a stretch of text.

``countries`` and ``topics`` match the gazetteer and the topic lexicon; ``annotate`` fills a
``Quote`` record's ``countries``, ``blocs``, ``topics`` and ``persons`` from the parse.
"""

from __future__ import annotations

from .annotate import annotate_quote, canonical_person, clean_person_name, persons_in
from .countries import Place, PlaceMatch, find_places, place_by_code, place_mention, speaker_place, split_kinds
from .topics import assign_topics

__all__ = ["Place", "PlaceMatch", "annotate_quote", "assign_topics", "canonical_person", "clean_person_name",
           "find_places", "persons_in", "place_by_code", "place_mention", "speaker_place",
           "split_kinds"]
