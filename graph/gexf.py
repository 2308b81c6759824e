"""GEXF for Gephi: colours by node type, sizes by quote count, and dates for the timeline.

Limits of the format as networkx writes it: attribute values must be str, int, float or bool
(the same cleaning as for GraphML applies, see :mod:`graph.graphml`); ``viz`` (colour, size) and
``start``/``end`` are written as GEXF elements, not as attributes. Dates are ISO days
(``2021-10-01``), so the file is ``mode="dynamic"`` with ``timeformat="date"`` and Gephi's
timeline can filter nodes by ``first_seen``..``last_seen`` and edges by
``first_date``..``last_date`` (both ends inclusive).
"""

from __future__ import annotations

import math
import os
from typing import IO

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter

from .graphml import clean_graph

# ColorBrewer Set1: distinct on screen and in print.
COLOURS: dict[str, tuple[int, int, int]] = {
    "speaker": (228, 26, 28),
    "person": (255, 127, 0),
    "country": (55, 126, 184),
    "bloc": (77, 175, 74),
    "topic": (152, 78, 163),
}
OTHER_COLOUR = (153, 153, 153)
MIN_SIZE = 5.0


def node_size(quote_count: int | float) -> float:
    """Area grows with the number of quotes: 5 for none, about 20 for 25 quotes."""
    return round(MIN_SIZE + 3.0 * math.sqrt(max(0.0, float(quote_count))), 2)


def with_viz(graph: nx.Graph) -> nx.Graph:
    """A cleaned copy of ``graph`` with ``viz`` colours and sizes and ``start``/``end`` dates."""
    out = clean_graph(graph)
    for _, data in out.nodes(data=True):
        r, g, b = COLOURS.get(str(data.get("type")), OTHER_COLOUR)
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0},
                       "size": node_size(data.get("quote_count", 0))}
        if "first_seen" in data and "last_seen" in data:
            data["start"], data["end"] = data["first_seen"], data["last_seen"]
    for _, _, data in out.edges(data=True):
        if "first_date" in data and "last_date" in data:
            data["start"], data["end"] = data["first_date"], data["last_date"]
    return out


def last_date(graph: nx.Graph) -> str | None:
    """The latest day the graph's quotes carry, or ``None`` when none has a date."""
    days = [str(d["last_seen"]) for _, d in graph.nodes(data=True) if d.get("last_seen")]
    return max(days)[:10] if days else None


def write_gexf(graph: nx.Graph, target: str | IO[bytes]) -> None:
    """Write ``graph`` as GEXF 1.2 with colours, sizes and the timeline.

    The bytes depend on the graph only: networkx stamps ``lastmodifieddate`` with the day of
    writing, so the stamp is the latest date in the data instead, or left out when it has none.
    """
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        day = last_date(graph)
        if day:
            meta.set("lastmodifieddate", day)
        else:
            meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(with_viz(graph))
    if isinstance(target, (str, os.PathLike)):
        with open(target, "wb") as stream:
            writer.write(stream)
    else:
        writer.write(target)
