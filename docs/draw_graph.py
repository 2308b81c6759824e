"""Draw a speaker graph written by ``quotegraph graph`` as a PNG (a quick look without Gephi).

Needs matplotlib, which is not a quotegraph dependency::

    pip install matplotlib

Usage (from the repository root)::

    python cli.py graph seeds -o /tmp/seed.graphml
    python docs/draw_graph.py /tmp/seed.graphml -o docs/seed-graph.png

The input is a ``.graphml`` or ``.gexf`` file. Nodes are coloured by their ``type`` with the
colours of the GEXF (``graph/gexf.py``), sized by ``quote_count`` and labelled by ``label``;
edge width follows ``weight`` and edges take the colour of the node they point to. Two layouts:

* ``bipartite`` (default): speakers in a column on the left, what they name on the right,
  grouped by type (countries, blocs, persons, topics) and sorted by ``quote_count``. A speaker
  who is also named by another speaker stays on the left; that edge is drawn as an arc.
* ``spring``: networkx spring layout with a fixed seed, so the picture is the same every run.
"""

from __future__ import annotations

import argparse
import math
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

try:  # keep the colours in step with the GEXF writer when run inside the repository
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from graph.gexf import COLOURS, OTHER_COLOUR
except Exception:  # outside the repository (or quotes/ fails to import): a copy of graph/gexf.py
    COLOURS = {"speaker": (228, 26, 28), "person": (255, 127, 0), "country": (55, 126, 184),
               "bloc": (77, 175, 74), "topic": (152, 78, 163)}
    OTHER_COLOUR = (153, 153, 153)

# Order of the groups in the right column (and in the legend).
TYPE_ORDER = ["speaker", "country", "bloc", "person", "topic"]


def read_graph(path: Path) -> nx.Graph:
    """Read a GraphML or GEXF file written by ``quotegraph graph``."""
    suffix = path.suffix.lower()
    if suffix == ".graphml":
        return nx.read_graphml(path)
    if suffix == ".gexf":
        return nx.read_gexf(path)
    raise SystemExit(f"{path}: the file name must end in .graphml or .gexf")


def colour(node_type: object) -> tuple[float, float, float]:
    r, g, b = COLOURS.get(str(node_type), OTHER_COLOUR)
    return r / 255, g / 255, b / 255


def quotes(data: dict) -> float:
    try:
        return max(0.0, float(data.get("quote_count", 0)))
    except (TypeError, ValueError):
        return 0.0


def weight(data: dict) -> float:
    try:
        return max(1.0, float(data.get("weight", 1)))
    except (TypeError, ValueError):
        return 1.0


def type_rank(node_type: object) -> int:
    return TYPE_ORDER.index(node_type) if node_type in TYPE_ORDER else len(TYPE_ORDER)


def bipartite_layout(G: nx.Graph) -> dict[str, tuple[float, float]]:
    """Speakers at x=0, everything else at x=1, both columns top to bottom in [0, 1]."""
    def key(n: str) -> tuple:
        d = G.nodes[n]
        return (type_rank(d.get("type")), -quotes(d), str(d.get("label", n)).lower())

    left = sorted((n for n, d in G.nodes(data=True) if d.get("type") == "speaker"), key=key)
    right = sorted((n for n, d in G.nodes(data=True) if d.get("type") != "speaker"), key=key)
    # The longer column fills [0, 1]; a short one is spread out (up to three slots apart) so
    # its edges fan out. Groups of different types are half a slot apart. Both are centred.
    slots = max(len(left), len(right), 2)
    base = 1.0 / (slots - 1)
    pos: dict[str, tuple[float, float]] = {}
    for column, x in ((left, 0.0), (right, 1.0)):
        step = base if len(column) == slots else min(3 * base, 0.8 / max(len(column) - 1, 1))
        ys, y, previous = [], 0.0, None
        for n in column:
            t = G.nodes[n].get("type")
            if previous is not None:
                y -= step * (1.5 if t != previous else 1.0)
            previous = t
            ys.append(y)
        shift = 0.5 - (ys[0] + ys[-1]) / 2 if ys else 0.0
        pos.update({n: (x, yy + shift) for n, yy in zip(column, ys)})
    return pos


def spring_layout(G: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    k = 3.5 / math.sqrt(max(G.number_of_nodes(), 1))
    return nx.spring_layout(G.to_undirected(), k=k, seed=seed, iterations=200, weight="weight")


def draw(G: nx.Graph, out: Path, layout: str = "bipartite", seed: int = 7,
         width: int = 1400, height: int = 900, dpi: int = 100, title: str | None = None) -> None:
    pos = bipartite_layout(G) if layout == "bipartite" else spring_layout(G, seed)
    fig, ax = plt.subplots(figsize=(width / dpi, height / dpi), dpi=dpi)
    ax.set_axis_off()

    nodes = list(G.nodes)
    sizes = [120 + 90 * quotes(G.nodes[n]) for n in nodes]  # points^2: area grows with quotes
    colours = [colour(G.nodes[n].get("type")) for n in nodes]
    radius = {n: math.sqrt(s) / 2 for n, s in zip(nodes, sizes)}  # points, for arrow margins

    speakers = {n for n, d in G.nodes(data=True) if d.get("type") == "speaker"}
    for u, v, d in G.edges(data=True):
        arc = layout == "bipartite" and u in speakers and v in speakers
        nx.draw_networkx_edges(
            G, pos, edgelist=[(u, v)], ax=ax, width=1.0 + 1.2 * (weight(d) - 1) ** 0.8 + 0.2,
            edge_color=[colour(G.nodes[v].get("type"))], alpha=0.5,
            arrows=True, arrowstyle="-|>", arrowsize=12,
            connectionstyle="arc3,rad=-0.35" if arc else "arc3,rad=0.0",
            min_source_margin=radius[u], min_target_margin=radius[v] + 2)
    nx.draw_networkx_nodes(G, pos, nodelist=nodes, node_size=sizes, node_color=colours,
                           edgecolors="white", linewidths=1.5, ax=ax)

    for n in nodes:
        d = G.nodes[n]
        x, y = pos[n]
        text = str(d.get("label", n))
        q = int(quotes(d))
        if q:
            text += f"  ({q})"
        if layout == "bipartite":
            left = x < 0.5
            ax.annotate(text, (x, y), xytext=(-(radius[n] + 6) if left else radius[n] + 6, 0),
                        textcoords="offset points", ha="right" if left else "left",
                        va="center", fontsize=12,
                        fontweight="bold" if d.get("type") == "speaker" else "normal")
        else:
            ax.annotate(text, (x, y), xytext=(0, radius[n] + 4), textcoords="offset points",
                        ha="center", va="bottom", fontsize=11,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                              "alpha": 0.75})

    if layout == "bipartite":
        ax.set_xlim(-0.6, 1.7)
        ys = [y for _, y in pos.values()]
        ax.set_ylim(min(ys) - 0.06, max(ys) + 0.06)
    else:
        ax.margins(0.15)

    present = {d.get("type") for _, d in G.nodes(data=True)}
    handles = [Line2D([], [], marker="o", linestyle="", markersize=10,
                      markerfacecolor=colour(t), markeredgecolor="white", label=t)
               for t in TYPE_ORDER if t in present]
    handles += [Line2D([], [], marker="o", linestyle="", markersize=10,
                       markerfacecolor=colour(t), markeredgecolor="white", label=str(t))
                for t in sorted(map(str, present - set(TYPE_ORDER)))]
    # Below the graph, so it never covers a node or a label.
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False,
               fontsize=11, handletextpad=0.3, columnspacing=1.5,
               title="node colour = type;  size and (n) = quote_count;  edge width = weight",
               title_fontsize=11)
    if title:
        ax.set_title(title, fontsize=14)
    fig.tight_layout(rect=(0, 0.07, 1, 1))
    fig.savefig(out, dpi=dpi)
    plt.close(fig)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("graph", type=Path, help="a .graphml or .gexf written by quotegraph graph")
    parser.add_argument("-o", "--output", type=Path, default=None,
                        help="PNG to write (default: the input name with .png)")
    parser.add_argument("--layout", choices=["bipartite", "spring"], default="bipartite")
    parser.add_argument("--seed", type=int, default=7, help="spring layout seed (default 7)")
    parser.add_argument("--width", type=int, default=1400, help="pixels (default 1400)")
    parser.add_argument("--height", type=int, default=900, help="pixels (default 900)")
    parser.add_argument("--title", default=None, help="a title above the graph")
    args = parser.parse_args(argv)
    G = read_graph(args.graph)
    out = args.output or args.graph.with_suffix(".png")
    draw(G, out, layout=args.layout, seed=args.seed, width=args.width, height=args.height,
         title=args.title)
    print(f"{out}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")


if __name__ == "__main__":
    main()
