"""schema.org ``ClaimReview`` skeletons in JSON-LD, one per claim, for a fact-checker to complete.

What a claim record knows goes in: the claim text (``claimReviewed``: the asserted content,
without its attribution) and, in ``itemReviewed``,
a schema.org ``Claim`` with its ``author`` (the claimant, a ``Person`` or an ``Organization``),
``datePublished`` (the article's date: when the claim was made public) and ``appearance`` (the
article's URL). What only the checker knows is left empty for them: the ``reviewRating``, the
review's own ``url``, ``author`` and ``datePublished``.

Limits: a claimant of unknown type is written as a ``Person`` (most unresolved speakers are
people); a claim with no known claimant has no ``author``; a claim without a URL has no
``appearance``, which Google's ClaimReview guidelines ask for, so ``validate_claim_review``
reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .detect import Claim

SCHEMA_CONTEXT = "https://schema.org"
# claimant_type -> schema.org type of the Claim's author
AUTHOR_TYPES = {"person": "Person", "organization": "Organization", "publication": "Organization",
                "group": "Organization", "unknown": "Person"}  # a group ("protesters"): people as one body
_WEB = ("http://", "https://")
# The rating a checker fills in: a number on a scale and its name ("False", "Mostly true").
EMPTY_RATING: Mapping[str, Any] = {
    "@type": "Rating",
    "ratingValue": "",
    "bestRating": "",
    "worstRating": "",
    "alternateName": "",
}


def _author(claim: Claim) -> dict[str, Any] | None:
    """The claimant as a schema.org Person or Organization; a publication gets its site's URL."""
    if not claim.claimant:
        return None
    kind = AUTHOR_TYPES.get(claim.claimant_type, "Person")
    author: dict[str, Any] = {"@type": kind, "name": claim.claimant}
    if claim.claimant_type == "publication":
        author["url"] = f"https://{claim.claimant}"
    return author


def claim_review(claim: Claim) -> dict[str, Any]:
    """One ``ClaimReview`` skeleton: the claim filled in, the verdict left empty."""
    item: dict[str, Any] = {"@type": "Claim", "identifier": claim.claim_id}
    author = _author(claim)
    if author:
        item["author"] = author
    if claim.date:
        item["datePublished"] = claim.date
    if claim.url:
        appearance: dict[str, Any] = {"@type": "CreativeWork", "url": claim.url}
        if claim.title:
            appearance["headline"] = claim.title
        item["appearance"] = appearance
    return {
        "@context": SCHEMA_CONTEXT,
        "@type": "ClaimReview",
        "claimReviewed": claim.text,
        "itemReviewed": item,
        "reviewRating": dict(EMPTY_RATING),
        "author": {"@type": "Organization", "name": ""},
        "datePublished": "",
        "url": "",
    }


def claim_reviews(claims: Iterable[Claim]) -> list[dict[str, Any]]:
    """A skeleton for each claim, in order."""
    return [claim_review(c) for c in claims]


def validate_claim_review(review: Mapping[str, Any]) -> list[str]:
    """What is wrong with a ClaimReview's shape, as messages; empty when it is well formed.

    Checks the fields a skeleton must carry and their types, not the checker's verdict.
    """
    problems: list[str] = []
    if review.get("@context") != SCHEMA_CONTEXT:
        problems.append(f"@context must be {SCHEMA_CONTEXT!r}")
    if review.get("@type") != "ClaimReview":
        problems.append("@type must be 'ClaimReview'")
    text = review.get("claimReviewed")
    if not isinstance(text, str) or not text.strip():
        problems.append("claimReviewed must be the claim's text")
    item = review.get("itemReviewed")
    if not isinstance(item, Mapping) or item.get("@type") != "Claim":
        problems.append("itemReviewed must be a Claim")
        item = {}
    author = item.get("author")
    if author is not None and (
        not isinstance(author, Mapping)
        or author.get("@type") not in ("Person", "Organization")
        or not author.get("name")
    ):
        problems.append("itemReviewed.author must be a named Person or Organization")
    date = item.get("datePublished")
    if date is not None and (not isinstance(date, str) or len(date) < 10 or date[4] != "-"):
        problems.append(f"itemReviewed.datePublished must be an ISO 8601 date, got {date!r}")
    appearance = item.get("appearance")
    if appearance is None:
        problems.append("itemReviewed.appearance is missing: no URL for the claim")
    elif not isinstance(appearance, Mapping) or not str(appearance.get("url", "")).startswith(_WEB):
        problems.append("itemReviewed.appearance must be a CreativeWork with an http(s) url")
    rating = review.get("reviewRating")
    if not isinstance(rating, Mapping) or rating.get("@type") != "Rating":
        problems.append("reviewRating must be a Rating")
    return problems
