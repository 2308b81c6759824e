"""Running the tool: the spaCy pipeline loaded once per process (``nlp``), documents parsed in
batches (``pipeline``) on worker processes (``parallel``) with a progress bar (``progress``), and
the ``extract``, ``claims`` and ``graph`` commands from inputs to a written output (``commands``);
or on a Dask cluster instead of local worker processes (``cluster``, with the optional extra).
"""

from __future__ import annotations

from .cluster import DaskMissing, parse_address, process_on_dask
from .commands import CLAIM_FORMATS, EXTRACT_FORMATS, Interrupted, OutputError, Summary, UsageError, check_paths, run_claims, run_extract, run_graph
from .nlp import ModelNotFound, load_pipeline
from .parallel import process
from .pipeline import extract_documents, parse_documents
from .progress import make_progress

__all__ = ["CLAIM_FORMATS", "DaskMissing", "EXTRACT_FORMATS", "Interrupted", "ModelNotFound", "OutputError", "Summary", "UsageError", "check_paths", "extract_documents", "load_pipeline", "make_progress",
           "parse_address", "parse_documents", "process", "process_on_dask", "run_claims", "run_extract", "run_graph"]
