"""What a claim's surroundings say about it, for the ranking ``score``.

One sentence alone carries little of what made fact-checkers pick it. Around it: how factual
the sentences beside it are (``checkworthiness`` of the claims before and after it in the same
turn), and in a transcript who speaks and how: the speaker's role, whether they mostly ask
(a moderator's or an interviewer's questions), how much of the transcript is theirs, whether
the turn answers a question, where in the turn and in the transcript the claim sits.

Features are ``c:`` names with a value (1.0 for a present flag); ``LinearModel`` adds their
weighted values to its sum without the ``1 / sqrt(n)`` of the sentence's own features.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Document, Utterance

_SHARE_BANDS = (0.05, 0.15, 0.3)  # a speaker's share of the words: minor, guest, main, dominant
_TURN_BANDS = (30, 150)  # words in the turn: an interjection, an answer, a speech
_POSITION_BANDS = 5
_ASKER = 0.4  # a speaker at least this many of whose turns hold a question mostly asks
_LOGIT_LIMIT = 6.0


@dataclass(frozen=True)
class SpeakerStats:
    """Of one speaker across a transcript: share of the words, share of turns with a question."""

    share: float
    asking: float


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1 - 1e-6)
    return max(-_LOGIT_LIMIT, min(_LOGIT_LIMIT, math.log(p / (1 - p))))


def _band(value: float, bounds: Sequence[float]) -> int:
    return bisect.bisect_right(list(bounds), value)


def _words(document: Document, turn: Utterance) -> int:
    return sum(len(document.text[a:b].split()) for a, b in turn.parts)


def speaker_stats(document: Document) -> dict[str, SpeakerStats]:
    """Each speaker's share of the transcript's words and of their turns that ask something."""
    words: dict[str, int] = {}
    turns: dict[str, int] = {}
    asking: dict[str, int] = {}
    for turn in document.utterances:
        words[turn.speaker] = words.get(turn.speaker, 0) + _words(document, turn)
        turns[turn.speaker] = turns.get(turn.speaker, 0) + 1
        asks = any("?" in document.text[a:b] for a, b in turn.parts)
        asking[turn.speaker] = asking.get(turn.speaker, 0) + asks
    total = sum(words.values()) or 1
    return {s: SpeakerStats(words[s] / total, asking[s] / turns[s]) for s in words}


def context_features(document: Document, starts: Sequence[int], checkworthiness: Sequence[float],
                     roles: Sequence[str]) -> list[dict[str, float]]:
    """The ``c:`` features of each claim of a document, given in text order by where it starts,
    its checkworthiness and its claimant type (the turn's role in a transcript)."""
    turn_starts = [t.start for t in document.utterances]
    turn_words = [_words(document, t) for t in document.utterances]
    stats = speaker_stats(document) if document.utterances else {}
    length = max(len(document.text), 1)
    turn_of = []
    for start in starts:
        k = bisect.bisect_right(turn_starts, start) - 1
        turn_of.append(k if k >= 0 and start < document.utterances[k].end else None)
    # how factual each speaker is on the whole: the mean logit of their claims' checkworthiness
    spoken: dict[str, list[float]] = {}
    for i, k in enumerate(turn_of):
        if k is not None:
            spoken.setdefault(document.utterances[k].speaker, []).append(_logit(checkworthiness[i]))
    factual = {s: sum(v) / len(v) for s, v in spoken.items()}
    found = []
    for i, start in enumerate(starts):
        features = {"c:cw": _logit(checkworthiness[i]), f"c:cw_band:{min(int(checkworthiness[i] * 5), 4)}": 1.0}
        same = [j for j in (i - 1, i + 1) if 0 <= j < len(starts) and turn_of[j] == turn_of[i]]
        for j, name in zip((i - 1, i + 1), ("c:prev_cw", "c:next_cw")):
            features[name] = _logit(checkworthiness[j]) if j in same else 0.0
        k = turn_of[i]
        if k is not None:
            turn = document.utterances[k]
            speaker = stats[turn.speaker]
            features[f"c:role:{roles[i]}"] = 1.0
            features["c:speaker_cw"] = factual[turn.speaker]
            features[f"c:share:{_band(speaker.share, _SHARE_BANDS)}"] = 1.0
            if speaker.asking >= _ASKER:
                features["c:asker"] = 1.0
            if k > 0 and document.utterances[k - 1].speaker != turn.speaker and any(
                    "?" in document.text[a:b] for a, b in document.utterances[k - 1].parts):
                features["c:answers"] = 1.0
            if i == 0 or turn_of[i - 1] != k:
                features["c:turn_first"] = 1.0
            features[f"c:turn_len:{_band(turn_words[k], _TURN_BANDS)}"] = 1.0
            features[f"c:pos:{min(int(_POSITION_BANDS * start / length), _POSITION_BANDS - 1)}"] = 1.0
        found.append(features)
    return found
