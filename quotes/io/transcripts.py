"""Transcripts: debates, speeches, interviews and subtitles, where each turn says who speaks.

Three forms, each read into ``Utterance`` records (``quotes.model``) whose offsets are into the
file as read:

- plain text whose lines or paragraphs start with a speaker label (``TRUMP:``, ``Hillary
  Clinton:``, ``MODERATOR (LESTER HOLT):``, ``Q:``); a line without a label carries the turn
  before it on. Recognised when most of a document's lines look so (``detect``), or forced;
- WebVTT (``.vtt``) whose cues name their speaker with a voice tag ``<v Name>``; a cue without
  one carries the last voice on;
- TSV of a speaker and a text column (``speaker<TAB>text``, or a header naming ``speaker`` and
  ``text`` or ``sentence`` among other columns); consecutive rows of one speaker are one turn.

Labels, timestamps, cue settings, tags and stage directions ("(APPLAUSE)", "[ crosstalk ]") are
never part of a turn's words. Speakers are made canonical across the transcript: "CLINTON" and
"Hillary Clinton" are one person, "SEN. BERNIE SANDERS" is Bernie Sanders, "MODERATOR (LESTER
HOLT)" is Lester Holt with the role ``moderator``. Limits: a name written two ways that share no
word ("POTUS" and "Obama") stays two speakers; an aliases file (``--aliases``) joins them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..lexicon import LexiconError, lexicon_cache, lexicon_texts, validated_on_change
from ..model import Document, Skipped, Utterance

LABELS_FILE = "transcript_labels.tsv"
KINDS = ("role-moderator", "role-host", "role-audience", "title", "stage")
TRANSCRIPT_SUFFIXES = (".vtt", ".tsv")
# Share of a document's non-blank lines that must open with a label (or be a stage direction or
# a timestamp) for it to be read as a transcript without --transcript; and at least this many labels.
DETECT_SHARE = 0.5
DETECT_MIN_LABELS = 2

# A label word: "TRUMP", "Hillary", "O'MALLEY", "SEN.", "Jean-Luc"; lowercase particles between.
_WORD = r"[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ'’.\-]*"
_PARTICLE = r"(?:de|da|del|der|van|von|la|le|bin|al|member|of|the)"
_LABEL = re.compile(
    rf"[ \t]*(?P<label>{_WORD}(?:[ ](?:{_WORD}|{_PARTICLE})){{0,4}}(?:,?[ ]?\([^()\n:]{{1,60}}\))?"
    rf"(?:,[ ](?:{_WORD}|{_PARTICLE})(?:[ ](?:{_WORD}|{_PARTICLE})){{0,3}})?)[ \t]*:(?=[ \t]|$)")
# "[00:01:23]", "00:01:23.450", "(1:02)" at the start of a line, before a label or the words.
_TIMESTAMP = re.compile(r"[ \t]*[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?(?=[ \t]|$)")
_VTT_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{3}\s*-->")
_ASIDE = re.compile(r"[\[(]\s*([^\[\]()\n]{1,50}?)\s*[\])]")
_TAG = re.compile(r"<(/?)([a-zA-Z]*)([^>\n]*)>|<\d[^>\n]*>")
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.\-]*")


@dataclass(frozen=True)
class LabelWords:
    """The words of ``transcript_labels.tsv`` by kind."""

    roles: dict[str, str]  # word -> moderator, host or audience
    titles: frozenset[str]
    stage: frozenset[str]


def read_label_words(texts: Iterable[tuple[str, str]]) -> LabelWords:
    """Parse ``kind<TAB>word`` lines; ``LexiconError`` names a bad line."""
    roles: dict[str, str] = {}
    titles: set[str] = set()
    stage: set[str] = set()
    for name, text in texts:
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if len(cells) != 2 or cells[0] not in KINDS or not cells[1].strip() or cells[1] != cells[1].lower():
                raise LexiconError(f"{name}:{number}: expected 'kind<TAB>lowercase word' with kind one of "
                                   f"{', '.join(KINDS)}, got {line!r}")
            kind, word = cells[0], cells[1].strip()
            if kind.startswith("role-"):
                roles[word] = kind[len("role-"):]
            elif kind == "title":
                titles.add(word)
            else:
                stage.add(word)
    return LabelWords(roles, frozenset(titles), frozenset(stage))


@validated_on_change
@lexicon_cache
def load_label_words() -> LabelWords:
    """The label words, read and validated once per process (a lexicon folder's added)."""
    return read_label_words(lexicon_texts(LABELS_FILE))


# --- the words of a line -----------------------------------------------------------------------


def is_stage(aside: str, words: LabelWords) -> bool:
    """Whether the inside of brackets is a stage direction: capitals ("CROSSTALK", "END TAPE"), or
    a few words one of which is a stage word ("applause", "laughter")."""
    letters = [c for c in aside if c.isalpha()]
    if len(letters) < 3 or len(aside.split()) > 5:
        return False
    if all(c.isupper() for c in letters):
        return True
    return any(w.strip(".,;:!").lower() in words.stage for w in aside.split())


def spoken_parts(text: str, start: int, end: int, words: LabelWords) -> list[tuple[int, int]]:
    """``text[start:end]`` without its stage directions, as trimmed stretches that hold a letter."""
    cuts = [(m.start(), m.end()) for m in _ASIDE.finditer(text, start, end) if is_stage(m.group(1), words)]
    parts = []
    at = start
    for a, b in [*cuts, (end, end)]:
        parts += _trimmed(text, at, a)
        at = b
    return parts


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if any(c.isalpha() for c in text[start:end]) else []


@dataclass(frozen=True)
class _Line:
    start: int
    end: int
    label: tuple[int, int] | None  # the label's characters, without the colon
    words_from: int  # where the words start after a timestamp and a label
    aside_only: bool  # a line that is only a stage direction or a timestamp


def _lines(text: str, begin: int, words: LabelWords, strict: bool = True) -> list[_Line]:
    """The non-blank lines of ``text[begin:]`` with their labels, timestamps and asides.

    A label of one word in lowercase after its capital ("Holt:") counts when it is a role word,
    a word of another label's name ("MODERATOR (LESTER HOLT):") or opens two lines or more: else
    a lone "Note:" would be a speaker. Without ``strict`` (a document the user says is a
    transcript) every label counts.
    """
    found = []
    weak: list[tuple[int, str]] = []
    names: set[str] = set()
    at = begin
    for raw in text[begin:].split("\n"):
        start, end = at, at + len(raw)
        at = end + 1
        if not raw.strip():
            continue
        pos = start
        stamp = _TIMESTAMP.match(text, pos, end)
        if stamp:
            pos = stamp.end()
        label = _LABEL.match(text, pos, end)
        if label and not _is_label(label.group("label"), words):
            weak.append((len(found), label.group("label").strip().lower()))
        elif label:
            names.update(w.lower() for w in _NAME_WORD.findall(label.group("label")))
        words_from = label.end() if label else pos
        aside_only = label is None and not spoken_parts(text, pos, end, words)
        found.append(_Line(start, end, label.span("label") if label else None, words_from, aside_only))
    repeated = {word for word, n in Counter(word for _, word in weak).items() if n >= 2}
    for index, word in weak:
        if strict and word not in names and word not in repeated:
            line = found[index]
            words_from = _TIMESTAMP.match(text, line.start, line.end)
            found[index] = replace(line, label=None, words_from=words_from.end() if words_from else line.start)
    return found


def _is_label(label: str, words: LabelWords) -> bool:
    """A label of several words, in capitals, or with a role: "Hillary Clinton", "TRUMP", "Q"."""
    plain = label.strip()
    if " " in plain or "(" in plain or "," in plain or plain.isupper():
        return True
    return plain.lower().rstrip(".") in words.roles


def label_lines(text: str, begin: int = 0) -> tuple[int, int]:
    """``(labelled, transcript-like)`` line counts of ``text[begin:]`` against its non-blank
    lines: what ``detect`` weighs."""
    lines = _lines(text, begin, load_label_words())
    labelled = sum(1 for line in lines if line.label is not None)
    return labelled, len(lines)


def detect(document: Document) -> bool:
    """Whether most of a document's lines look like a transcript's: at least ``DETECT_SHARE`` of
    its non-blank lines open with a speaker label or are only a stage direction or a timestamp,
    and at least ``DETECT_MIN_LABELS`` of them open with a label."""
    lines = _lines(document.text, document.body_start, load_label_words())
    labelled = sum(1 for line in lines if line.label is not None)
    like = labelled + sum(1 for line in lines if line.aside_only)
    return labelled >= DETECT_MIN_LABELS and like >= DETECT_SHARE * len(lines)


def plain_utterances(text: str, begin: int = 0, strict: bool = True) -> tuple[Utterance, ...]:
    """The turns of a plain-text transcript from ``begin`` on; lines before the first label
    (a headline, a note) belong to no turn. ``strict``: see ``_lines``."""
    words = load_label_words()
    turns: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
    for line in _lines(text, begin, words, strict):
        if line.label is not None:
            turns.append((line.label, []))
        if turns:
            turns[-1][1].extend(spoken_parts(text, line.words_from, line.end, words))
    return make_utterances(text, turns, words)


def vtt_utterances(text: str) -> tuple[Utterance, ...] | str:
    """The turns of a WebVTT file, or why it is not one (no ``WEBVTT`` header)."""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        return "not WebVTT (the first line must start with WEBVTT)"
    words = load_label_words()
    turns: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
    voice: tuple[int, int] | None = None
    in_cue = False
    at = 0
    for raw in text.split("\n"):
        start, end = at, at + len(raw)
        at = end + 1
        if not raw.strip():
            in_cue = False
            continue
        if _VTT_TIMING.match(raw):
            in_cue = True
            continue
        if not in_cue:
            continue  # the header, NOTE, STYLE and REGION blocks, cue identifiers
        pos = start
        for tag in _TAG.finditer(text, start, end):
            if tag.group(2) == "v" and not tag.group(1):
                name = tag.group(3)
                offset = tag.start(3) + len(name) - len(name.lstrip())
                name = name.strip()
                if name.startswith("."):  # <v.loud Esme>: classes before the name
                    cut = name.find(" ")
                    offset, name = (offset + cut + 1, name[cut + 1 :]) if cut > 0 else (offset, "")
                if name:
                    voice = (offset, offset + len(name.strip()))
            _add_words(text, pos, tag.start(), voice, turns, words)
            pos = tag.end()
        _add_words(text, pos, end, voice, turns, words)
    return make_utterances(text, turns, words)


def _add_words(text: str, start: int, end: int, voice: tuple[int, int] | None,
               turns: list[tuple[tuple[int, int], list[tuple[int, int]]]], words: LabelWords) -> None:
    parts = spoken_parts(text, start, end, words)
    if not parts or voice is None:
        return
    if not turns or text[slice(*turns[-1][0])] != text[slice(*voice)]:
        turns.append((voice, []))
    turns[-1][1].extend(parts)


def tsv_utterances(text: str) -> tuple[Utterance, ...] | str:
    """The turns of a speaker/text TSV, or why it is not one."""
    rows = []
    at = 0
    for raw in text.split("\n"):
        rows.append((at, raw.rstrip("\r")))
        at += len(raw) + 1
    rows = [(start, raw) for start, raw in rows if raw.strip()]
    if not rows:
        return "no rows"
    header = [cell.strip().lower() for cell in rows[0][1].split("\t")]
    if "speaker" in header and ("text" in header or "sentence" in header):
        speaker_col = header.index("speaker")
        text_col = header.index("text") if "text" in header else header.index("sentence")
        rows = rows[1:]
    elif len(header) == 2:
        speaker_col, text_col = 0, 1
    else:
        return ("not a transcript TSV: two columns (speaker, text), or a header row naming "
                "'speaker' and 'text'")
    words = load_label_words()
    turns: list[tuple[tuple[int, int], list[tuple[int, int]]]] = []
    for number, (start, raw) in enumerate(rows, 1):
        cells = raw.split("\t")
        if len(cells) <= max(speaker_col, text_col):
            continue
        offsets = [start]
        for cell in cells:
            offsets.append(offsets[-1] + len(cell) + 1)
        name_start = offsets[speaker_col] + len(cells[speaker_col]) - len(cells[speaker_col].lstrip())
        name = (name_start, name_start + len(cells[speaker_col].strip()))
        parts = spoken_parts(text, offsets[text_col], offsets[text_col] + len(cells[text_col]), words)
        if name[1] > name[0] and (not turns or text[slice(*turns[-1][0])] != text[slice(*name)]):
            turns.append((name, []))
        if turns:
            turns[-1][1].extend(parts)
    return make_utterances(text, turns, words)


# --- speakers ------------------------------------------------------------------------------------


def _display(word: str) -> str:
    """A word of a label as a name is written: "O'MALLEY" -> "O'Malley", "Clinton" unchanged."""
    if not word.isupper():
        return word
    return re.sub(r"[^\W\d_]+", lambda m: m.group(0).capitalize(), word.lower())


def read_label(label: str, words: LabelWords) -> tuple[str, str, tuple[str, ...]]:
    """``(name, role, name words for matching)`` of a label.

    "MODERATOR (LESTER HOLT)" -> ("Lester Holt", "moderator", ...); "SEN. BERNIE SANDERS" ->
    ("Bernie Sanders", "person", ...); "Q" -> ("Q", "host", ()); "JANE ROE (AS JOHN DOE)" ->
    ("Jane Roe", "person", ...): an actor playing someone is the actor.
    """
    inner = re.search(r"\(([^()]*)\)", label)
    outer = re.sub(r"\([^()]*\)", " ", label)
    pieces = [p.strip() for p in re.split(r",", outer) if p.strip()]
    played = inner is not None and inner.group(1).strip().lower().startswith("as ")
    if inner and inner.group(1).strip() and not played:
        # "MODERATOR (LESTER HOLT)"; but "DARRELL HAMMOND (AS DONALD TRUMP)" is Darrell Hammond,
        # playing a part: the one in parentheses does not speak
        pieces.append(inner.group(1).strip())
    role = "person"
    names: list[list[str]] = []
    for piece in pieces:
        tokens = _NAME_WORD.findall(piece)
        lowered = [t.lower().rstrip(".") for t in tokens]
        roles = [words.roles[t] for t in lowered if t in words.roles]
        if tokens and len(roles) == len(tokens) or (roles and all(
                t in words.roles or t in words.titles for t in lowered)):
            role = roles[0] if role == "person" else role
            continue
        kept = [t for t, low in zip(tokens, lowered) if low not in words.titles and f"{low}." not in words.titles]
        if kept:
            names.append(kept)
    if not names:
        return " ".join(_display(w) for w in label.split()), role, ()
    name = max(names, key=len)
    return " ".join(_display(w) for w in name), role, tuple(w.lower() for w in name)


def canonical_speakers(labels: Sequence[str], words: LabelWords | None = None) -> dict[str, tuple[str, str]]:
    """Each label -> ``(speaker, role)``, one name per person across the transcript.

    A label whose name words all occur in one longer name of the transcript is that person:
    "CLINTON", "HILLARY CLINTON" and "Hillary Clinton" are all "Hillary Clinton". When two
    longer names fit ("CLINTON" with "Bill Clinton" and "Hillary Clinton"), the label keeps its
    own name. A person's role is the first role other than ``person`` that any label gives them.
    """
    words = words or load_label_words()
    read = {label: read_label(label, words) for label in dict.fromkeys(labels)}
    fulls = sorted({(name, key) for name, _, key in read.values() if key},
                   key=lambda item: (-len(item[1]), item[0]))
    person: dict[str, str] = {}
    for label, (name, _, key) in read.items():
        if not key:
            person[label] = name
            continue
        fits = {full for full, full_key in fulls if len(full_key) > len(key) and set(key) <= set(full_key)}
        longest = {full for full in fits if len(_NAME_WORD.findall(full)) == max(
            (len(_NAME_WORD.findall(f)) for f in fits), default=0)}
        person[label] = next(iter(longest)) if len(longest) == 1 else name
    roles: dict[str, str] = {}
    for label, (_, role, _) in read.items():
        if role != "person":
            roles.setdefault(person[label], role)
    return {label: (person[label], roles.get(person[label], "person")) for label in read}


def make_utterances(text: str, turns: Sequence[tuple[tuple[int, int], Sequence[tuple[int, int]]]],
                    words: LabelWords | None = None) -> tuple[Utterance, ...]:
    """Records of ``(label span, word parts)`` turns; a turn without words (a label alone on its
    line followed by another label) is left out."""
    speakers = canonical_speakers([text[a:b] for (a, b), _ in turns], words)
    return tuple(
        Utterance(label=text[a:b], speaker=speakers[text[a:b]][0], role=speakers[text[a:b]][1],
                  label_start=a, label_end=b, parts=tuple(parts))
        for (a, b), parts in turns if parts)


# --- documents -----------------------------------------------------------------------------------


def as_transcript(document: Document, mode: bool | None = None) -> Document:
    """The document with its turns when it is a transcript: ``mode`` ``True`` always reads it as
    one (``--transcript``), ``False`` never (``--no-transcript``), ``None`` when ``detect`` says so.
    A document that already has turns (a .vtt or .tsv file) is returned as it is."""
    if document.utterances or mode is False:
        return document
    if mode is None and not detect(document):
        return document
    utterances = plain_utterances(document.text, document.body_start, strict=mode is None)
    return replace(document, utterances=utterances) if utterances else document


def transcript_document(text: str, suffix: str, doc_id: str, source: str) -> Document | Skipped:
    """A ``.vtt`` or ``.tsv`` file's text as a document with its turns, or why it cannot be one."""
    found = vtt_utterances(text) if suffix == ".vtt" else tsv_utterances(text)
    if isinstance(found, str):
        return Skipped(source, found)
    if not found:
        return Skipped(source, "a transcript with no spoken words")
    # the header, notes and settings before the first voice are no article's prose: the body starts there
    return Document(doc_id, text, body_start=found[0].label_start, source=source, utterances=found)
