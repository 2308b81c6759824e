"""Claims for fact-checkers: every assertion of an article with its claimant (``assertions``),
the rules' evidence and two learned scores (``detect``, ``scoring``), written as schema.org
``ClaimReview`` skeletons (``claimreview``).
"""

from __future__ import annotations

from .assertions import Piece, claim_pieces
from .claimants import CLAIMANT_TYPES, publication_site
from .context import context_features, speaker_stats
from .claimreview import claim_review, claim_reviews, validate_claim_review
from .detect import (
    CLAIM_TYPES,
    DEFAULT_THRESHOLD,
    Claim,
    claim_candidates,
    claim_type,
    find_claims,
    load_claim_lexicons,
    read_phrase_list,
    sentence_features,
    sentence_segments,
)
from .scoring import ClaimModels, LinearModel, load_claim_models, model_features, read_models

__all__ = ["CLAIMANT_TYPES", "CLAIM_TYPES", "DEFAULT_THRESHOLD", "Claim", "ClaimModels", "LinearModel", "Piece",
           "claim_candidates", "claim_pieces", "claim_review", "claim_reviews", "claim_type", "context_features", "speaker_stats", "find_claims", "load_claim_lexicons",
           "load_claim_models", "model_features", "publication_site", "read_models", "read_phrase_list",
           "sentence_features", "sentence_segments", "validate_claim_review"]
