"""Claims for fact-checkers: check-worthy sentences scored by rules over the parse (``detect``),
with their claimant, and written as schema.org ``ClaimReview`` skeletons (``claimreview``).
"""

from __future__ import annotations

from .claimreview import claim_review, claim_reviews, validate_claim_review
from .detect import (
                     CLAIM_TYPES,
                     CLAIMANT_TYPES,
                     CORE_FAMILIES,
                     CORE_MARGIN,
                     DEFAULT_THRESHOLD,
                     FAMILIES_AGAINST,
                     FAMILIES_FOR,
                     FEATURE_WEIGHTS,
                     Claim,
                     claim_type,
                     find_claims,
                     load_claim_lexicons,
                     publication_site,
                     read_phrase_list,
                     score_families,
                     sentence_features,
                     sentence_segments,
)

__all__ = ["CLAIMANT_TYPES", "CLAIM_TYPES", "CORE_FAMILIES", "CORE_MARGIN", "DEFAULT_THRESHOLD", "FAMILIES_AGAINST",
           "FAMILIES_FOR", "FEATURE_WEIGHTS", "Claim", "claim_review", "claim_reviews", "claim_type", "find_claims",
           "load_claim_lexicons", "publication_site", "read_phrase_list", "score_families", "sentence_features",
           "sentence_segments", "validate_claim_review"]
