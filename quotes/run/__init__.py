"""Running the tool: the spaCy pipeline loaded once per process (``nlp``), documents parsed in
batches (``pipeline``) on worker processes (``parallel``), or on a Dask cluster instead
(``cluster``, with the optional extra), with a progress bar (``progress``); the ``extract``,
``claims``, ``graph`` and ``show`` commands from inputs to a written output (``commands``),
speakers identified across a corpus (``corpus``), and the Python API (``api``).
"""

from __future__ import annotations

from .api import extract_text
from .api import extract_documents as extract_corpus
from .cluster import ClusterError, DaskMissing, parse_address, process_on_dask
from .commands import (CLAIM_FORMATS, EXTRACT_FORMATS, Interrupted, OutputError, Summary, UsageError, check_paths,
                       drop_unwritten, run_claims, run_extract, run_graph, run_show, write_text)
from .corpus import identify_speakers
from .nlp import ModelNotFound, load_pipeline, use_lexicons
from .parallel import process, usable_cores
from .pipeline import extract_documents, parse_documents
from .progress import make_progress

__all__ = ["CLAIM_FORMATS", "ClusterError", "DaskMissing", "EXTRACT_FORMATS", "Interrupted", "ModelNotFound",
           "OutputError", "Summary", "UsageError", "check_paths", "drop_unwritten", "extract_corpus",
           "extract_documents", "extract_text", "identify_speakers", "load_pipeline", "make_progress",
           "parse_address", "parse_documents", "process", "process_on_dask", "run_claims", "run_extract",
           "run_graph", "run_show", "usable_cores", "use_lexicons", "write_text"]
