"""GraphML that Gephi reads as intended.

Limits of the format as networkx writes it, and what this module does about each:

- Attribute values may only be str, int, float or bool: ``None`` is dropped, lists, tuples and
  sets are joined with ``|``, dicts (such as GEXF's ``viz``) are dropped, anything else becomes
  its ``str``.
- One type per attribute name: when nodes disagree (an int here, a float there) every value is
  widened to the common type (float, else str).
- Key ids are the attribute names (``named_key_ids=True``). With networkx's default ids
  (``d0``, ``d1``, ...) Gephi takes the key ``d3`` as the node label and ``d7`` as the edge label
  (Gephi issue 1840). A name used by nodes and edges alike is prefixed (``edge_``, ``graph_``) on
  the edge or graph side so that every key id stays unique.
- XML 1.0 forbids most control characters (and lone surrogates) even when escaped: they are
  removed from every string, node ids included. ``<``, ``&`` and emoji are fine; the XML writer
  escapes what it must.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import IO, Any

import networkx as nx

SEPARATOR = "|"
# Characters XML 1.0 does not allow: C0 controls other than tab, newline and carriage return;
# lone surrogates; U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BAD_NAME = re.compile(r"[^A-Za-z0-9_.-]")


def clean_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids."""
    return _FORBIDDEN.sub("", value)


def _plain(value: Any) -> str | int | float | bool | None:
    """A value GraphML can hold, or None to drop it."""
    if value is None or isinstance(value, dict):
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=str) if isinstance(value, (set, frozenset)) else value
        return clean_text(SEPARATOR.join(str(v) for v in items if v is not None))
    return clean_text(str(value))


def _attr_name(name: Any) -> str:
    cleaned = _BAD_NAME.sub("_", clean_text(str(name))) or "_"
    return cleaned if not cleaned[0].isdigit() and cleaned[0] not in "-." else f"_{cleaned}"


def _unify(rows: Iterable[dict[str, Any]]) -> None:
    """Widen the values of each attribute name in ``rows`` (in place) to one type."""
    rows = list(rows)
    kinds: dict[str, set[type]] = {}
    for row in rows:
        for key, value in row.items():
            kinds.setdefault(key, set()).add(type(value))
    for key, found in kinds.items():
        if len(found) == 1:
            continue
        target: type = float if found <= {int, float} else str
        for row in rows:
            if key in row:
                value = row[key]
                row[key] = float(value) if target is float else (
                    str(value).lower() if isinstance(value, bool) else str(value))


def clean_graph(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` that obeys every limit in the module docstring."""

    def convert(data: dict) -> dict[str, Any]:
        row = {}
        for key, value in data.items():
            plain = _plain(value)
            if plain is not None:
                row[_attr_name(key)] = plain
        return row

    ids = {node: clean_text(str(node)) for node in graph.nodes}
    if len(set(ids.values())) != len(ids):
        raise ValueError("two node ids differ only in characters XML cannot hold")
    graph_row = convert(graph.graph)
    node_rows = [(ids[n], convert(d)) for n, d in graph.nodes(data=True)]
    edge_iter = graph.edges(keys=True, data=True) if graph.is_multigraph() else (
        (u, v, None, d) for u, v, d in graph.edges(data=True))
    edge_rows = [(ids[u], ids[v], k, convert(d)) for u, v, k, d in edge_iter]

    # Unique key ids: a name shared by two scopes is prefixed on the edge and graph side.
    node_names = {k for _, row in node_rows for k in row}
    for _, _, _, row in edge_rows:
        for name in [k for k in row if k in node_names]:
            row[f"edge_{name}"] = row.pop(name)
    taken = node_names | {k for *_, row in edge_rows for k in row}
    for name in [k for k in graph_row if k in taken]:
        graph_row[f"graph_{name}"] = graph_row.pop(name)
    _unify(row for _, row in node_rows)
    _unify(row for *_, row in edge_rows)

    out = graph.__class__()
    out.graph.update(graph_row)
    for node, row in node_rows:
        out.add_node(node, **row)
    for u, v, key, row in edge_rows:
        if key is None:
            out.add_edge(u, v, **row)
        else:
            out.add_edge(u, v, key=key, **row)
    return out


def write_graphml(graph: nx.Graph, target: str | IO[bytes]) -> None:
    """Write ``graph`` as GraphML for Gephi (key ids are attribute names)."""
    nx.write_graphml(clean_graph(graph), target, encoding="utf-8", prettyprint=True,
                     named_key_ids=True)
