"""Records in, networkx graph out; export to GraphML and GEXF for Gephi.

Typical use::

    from graph import build_graph, write_graph, summary
    G = build_graph(quotes)          # quotes: Iterable[quotes.model.Quote]
    write_graph(G, "speakers.gexf")  # or .graphml
    print(summary(G))
"""

from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from quotes.io import replace_file

from .build import NODE_TYPES, build_graph, iso_date, name_key, summary, top_speakers
from .gexf import write_gexf
from .graphml import clean_graph, write_graphml

WRITERS = {".graphml": write_graphml, ".gexf": write_gexf}

__all__ = ["NODE_TYPES", "WRITERS", "build_graph", "clean_graph", "iso_date", "name_key",
           "summary", "top_speakers", "write_gexf", "write_graph", "write_graphml"]


def write_graph(graph: nx.Graph, path: str | os.PathLike[str]) -> Path:
    """Write ``graph`` to ``path``, GraphML for ``.graphml`` and GEXF for ``.gexf``.

    The file is written to a temporary file in the same folder and moved into place, so a
    reader never sees half a graph and a failed write leaves any old file as it was; a link is
    followed and a character device or FIFO written through (``quotes.io.replace_file``).

    Raises:
        ValueError: the suffix is neither ``.graphml`` nor ``.gexf``.
    """
    target = Path(path)
    writer = WRITERS.get(target.suffix.lower())
    if writer is None:
        raise ValueError(f"cannot tell the graph format of {str(target)!r}: "
                         "the file name must end in .graphml (GraphML) or .gexf (GEXF)")
    with replace_file(target, binary=True) as fh:
        writer(graph, fh)
    return target
