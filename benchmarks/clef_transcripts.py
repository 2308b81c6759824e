"""The CLEF CheckThat! debates as transcripts: what ``claims_transcripts.py`` and
``train_claims.py`` share.

Each debate (``line<TAB>speaker<TAB>sentence<TAB>label``) becomes one plain-text transcript with
one ``SPEAKER: text`` line per utterance (consecutive sentences of one speaker), read as a
transcript by the project's own reader, run through the quote engine and ``claim_candidates``
as ``quotegraph claims --all --transcript`` would, and each claim is tied back to the CLEF
sentence it starts in. The shared debates are the CLEF 2020 training debates plus the CLEF 2019
ones that are not repeats of them (a 2019 debate more than half of whose sentences occur in the
2020 set is a repeat); a 2019 sentence that also occurs in the 2020 set stays in its transcript
for the context but is neither scored nor learned from.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from common import DATA  # noqa: F401  (puts the repository on sys.path)

from quotes.claims import LinearModel, claim_candidates, context_features, load_claim_models  # noqa: E402
from quotes.engine import extract_from_parsed  # noqa: E402
from quotes.io.transcripts import as_transcript  # noqa: E402
from quotes.model import Document  # noqa: E402
from quotes.run.pipeline import parse_documents  # noqa: E402

CLEF2020 = DATA / "clef2020-checkworthy" / "training"
CLEF2019 = DATA / "clef2019-checkworthy" / "training"
REPEAT_SHARE = 0.5


def plain(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


@dataclass
class Debate:
    name: str
    rows: list[tuple[str, str, bool]]  # speaker, sentence, label
    scored: list[bool]  # False for a sentence already in another year's set
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)  # each sentence's canonical speaker


@dataclass
class ClaimRow:
    """One claim of a transcript with what training and scoring need."""

    debate: str
    sentence: int
    label: bool
    features: list[str]
    start: int
    claimant: str | None
    claimant_type: str
    checkworthiness: float
    context: dict[str, float] = field(default_factory=dict)
    scored: bool = True
    vector: list[float] = field(default_factory=list)  # the ``v:`` features' values, in ``vector_names`` order

    def vector_features(self) -> dict[str, float]:
        return dict(zip(vector_names(len(self.vector)), self.vector))


def vector_names(n: int) -> list[str]:
    """The names of ``dense.span_vector``'s features in their order: n/2 means, n/2 maxima."""
    return [f"v:m{k}" for k in range(n // 2)] + [f"v:x{k}" for k in range(n // 2)]


def read_debates(folder: Path) -> dict[str, list[tuple[str, str, bool]]]:
    debates = {}
    for path in sorted(folder.glob("*.tsv")):
        rows = []
        for number, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            cells = row.split("\t")
            if len(cells) != 4 or cells[3].strip() not in ("0", "1"):
                print(f"{path.name}:{number}: skipped, not line/speaker/sentence/label", file=sys.stderr)
                continue
            rows.append((cells[1].strip(), cells[2].strip(), cells[3].strip() == "1"))
        debates[path.stem] = rows
    return debates


def shared_debates(clef2020: Path = CLEF2020, clef2019: Path | None = CLEF2019) -> list[Debate]:
    """The 2020 debates, and the 2019 ones that are not repeats, deduplicated by sentence."""
    newer = read_debates(clef2020)
    seen = {plain(s) for rows in newer.values() for _, s, _ in rows}
    debates = [Debate(f"2020/{name}", rows, [True] * len(rows)) for name, rows in newer.items()]
    if clef2019 is not None:
        for name, rows in read_debates(clef2019).items():
            repeated = [plain(s) in seen for _, s, _ in rows]
            if sum(repeated) > REPEAT_SHARE * len(rows):
                continue
            debates.append(Debate(f"2019/{name}", rows, [not r for r in repeated]))
    return debates


def transcript(debate: Debate) -> Document:
    """One ``SPEAKER: text`` line per utterance; records where each sentence is."""
    lines: list[str] = []
    at = 0
    debate.spans = []
    previous = None
    for speaker, sentence, _ in debate.rows:
        label = speaker or "UNKNOWN"
        if label != previous:
            if lines:
                lines.append("\n")
                at += 1
            head = f"{label}: "
            lines.append(head)
            at += len(head)
        else:
            lines.append(" ")
            at += 1
        debate.spans.append((at, at + len(sentence)))
        lines.append(sentence)
        at += len(sentence)
        previous = label
    debate.text = "".join(lines) + "\n"
    document = as_transcript(Document(debate.name.replace("/", "_"), debate.text, source=debate.name), True)
    spoken = {}
    for turn in document.utterances:
        spoken[(turn.label_start)] = turn.speaker
    debate.speakers = []
    starts = sorted(spoken)
    k = -1
    for start, _ in debate.spans:
        while k + 1 < len(starts) and starts[k + 1] < start:
            k += 1
        debate.speakers.append(spoken[starts[k]] if k >= 0 else "")
    return document


def featurize(debates: Sequence[Debate], nlp, cache: Path | None = None,
              checkworthy: LinearModel | None = None) -> list[ClaimRow]:
    """Every claim of every debate's transcript, tied to its sentence, with its context features.

    With ``cache``, the parsed claims (not their context, which is computed afresh) are kept in
    that file and read back on the next run. ``checkworthiness`` (which the context reads) is
    computed afresh from the features with ``checkworthy`` (default: the shipped model), so that
    training a new ``checkworthy`` model feeds the ``score`` model what it will see.
    """
    documents = [transcript(d) for d in debates]
    if cache is not None and cache.exists():
        rows = [ClaimRow(**row) for row in json.loads(cache.read_text(encoding="utf-8"))]
    else:
        rows = _parse(debates, documents, nlp)
        if cache is not None:
            cache.write_text(json.dumps([{k: v for k, v in row.__dict__.items() if k not in ("context", "scored")}
                                         for row in rows]),
                             encoding="utf-8")
    model = checkworthy or load_claim_models().checkworthy
    for row in rows:
        row.checkworthiness = model.probability(row.features, row.vector_features())
    add_context(documents, debates, rows)
    return rows


def add_context(documents: Sequence[Document], debates: Sequence[Debate], rows: Sequence[ClaimRow]) -> None:
    """Each claim's ``c:`` features, as ``find_claims`` computes them, from the cached claims."""
    by_debate: dict[str, list[ClaimRow]] = {}
    for row in rows:
        by_debate.setdefault(row.debate, []).append(row)
    for document, debate in zip(documents, debates):
        claims = by_debate.get(debate.name, [])
        contexts = context_features(document, [r.start for r in claims], [r.checkworthiness for r in claims],
                                    [r.claimant_type for r in claims])
        for row, context in zip(claims, contexts):
            row.context = context


def _parse(debates: Sequence[Debate], documents: Sequence[Document], nlp) -> list[ClaimRow]:
    by_id = {doc.doc_id: debate for doc, debate in zip(documents, debates)}
    rows: list[ClaimRow] = []
    for document, parsed in parse_documents(documents, nlp, keep_tensor=True):
        debate = by_id[document.doc_id]
        quotes = extract_from_parsed(document, parsed, ("speech",), enrich=False, journalists=False)
        found = []
        for offset, doc in parsed:
            found += claim_candidates(document, doc, offset, quotes, number_from=len(found) + 1)
        starts = [a for a, _ in debate.spans]
        for claim, features, vector in found:
            k = _sentence_at(starts, debate.spans, claim.start)
            if k is not None:
                rows.append(ClaimRow(debate.name, k, debate.rows[k][2], features, claim.start, claim.claimant,
                                     claim.claimant_type, claim.checkworthiness,
                                     vector=[vector[n] for n in vector_names(len(vector))]))
        print(f"  {debate.name}: {len(debate.rows)} sentences, {len(found)} claims", file=sys.stderr)
    return rows


def _sentence_at(starts: Sequence[int], spans: Sequence[tuple[int, int]], position: int) -> int | None:
    import bisect

    k = bisect.bisect_right(starts, position) - 1
    return k if k >= 0 and position < spans[k][1] else None
