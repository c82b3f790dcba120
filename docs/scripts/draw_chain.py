"""Draw the kinetic chain and the muscle groups that act on it to ``docs/kinetic-chain.png``.

Run from anywhere: ``python docs/scripts/draw_chain.py`` (needs ``spinekb[networkx]`` and
matplotlib). The layout is worked out from the data, not at random, so the same content always
gives the same picture: regions are stacked by their distance along the chain from the neck
(regions at the same distance side by side); muscle groups stand in a column to the right, in
the order of the regions they act on, each joined to the regions of its muscles.
"""

from __future__ import annotations

import pathlib
import sys
from collections.abc import Iterable

import matplotlib

matplotlib.use("Agg")  # draw to a file; no screen needed

import matplotlib.pyplot as plt
import networkx as nx

import spinekb

OUTPUT = pathlib.Path(__file__).resolve().parent.parent / "kinetic-chain.png"
TOP = "neck"  # the region drawn at the top; distances along the chain set the others' height

REGION_COLOUR = "#dbe9f7"
REGION_EDGE = "#1f5fa8"
GROUP_COLOUR = "#f6ead7"
GROUP_EDGE = "#a0661c"


def layout(graph: nx.Graph[str]) -> dict[str, tuple[float, float]]:
    """Positions for every node: regions in rows by chain distance, muscle groups in a column."""
    regions = sorted(node for node, kind in graph.nodes(data="kind") if kind == "region")
    groups = sorted(node for node, kind in graph.nodes(data="kind") if kind == "muscle-group")
    chain = graph.subgraph(regions)
    top = TOP if TOP in chain else regions[0]
    depth = dict(nx.single_source_shortest_path_length(chain, top))
    deepest = max(depth.values(), default=0)
    for region in regions:  # a region the chain does not reach goes below the others
        if region not in depth:
            deepest += 1
            depth[region] = deepest
    rows: dict[int, list[str]] = {}
    # Within a row, regions with more muscle groups go right, nearer the groups' column.
    for region in sorted(regions, key=lambda region: (graph.degree(region) - chain.degree(region), region)):
        rows.setdefault(depth[region], []).append(region)
    positions: dict[str, tuple[float, float]] = {}
    for level, members in rows.items():
        for index, region in enumerate(members):
            positions[region] = ((index - (len(members) - 1) / 2) * 2.6, -float(level))

    def height(group: str) -> float:
        ys = [positions[region][1] for region in graph.neighbors(group)]
        return sum(ys) / len(ys) if ys else -deepest - 1.0

    ordered = sorted(groups, key=lambda group: (-height(group), group))
    span = max(deepest, 1)
    for index, group in enumerate(ordered):
        y = -span * index / max(len(ordered) - 1, 1)
        positions[group] = (4.2, y)
    return positions


def boxes(
    ax: plt.Axes,
    graph: nx.Graph[str],
    nodes: Iterable[str],
    positions: dict[str, tuple[float, float]],
    *,
    face: str,
    edge: str,
    size: float,
    bold: bool,
) -> None:
    for node in nodes:
        x, y = positions[node]
        ax.text(
            x,
            y,
            graph.nodes[node]["name"],
            ha="center",
            va="center",
            fontsize=size,
            fontweight="bold" if bold else "normal",
            bbox={"boxstyle": "round,pad=0.4", "facecolor": face, "edgecolor": edge, "linewidth": 1.2},
            zorder=3,
        )


def draw(output: pathlib.Path = OUTPUT) -> pathlib.Path:
    """Draw the picture for the bundled content to ``output`` and return the path."""
    kb = spinekb.load()
    graph = kb.graph()
    positions = layout(graph)
    regions = [node for node, kind in graph.nodes(data="kind") if kind == "region"]
    groups = [node for node, kind in graph.nodes(data="kind") if kind == "muscle-group"]
    chain_edges = [(a, b) for a, b, kind in graph.edges(data="kind") if kind == "link"]
    group_edges = [(a, b) for a, b, kind in graph.edges(data="kind") if kind == "muscles"]

    figure, ax = plt.subplots(figsize=(9, 8.5), dpi=100)
    nx.draw_networkx_edges(graph, positions, edgelist=group_edges, ax=ax, edge_color="#c9b08a", width=1.0)
    nx.draw_networkx_edges(graph, positions, edgelist=chain_edges, ax=ax, edge_color=REGION_EDGE, width=3.5)
    boxes(ax, graph, sorted(regions), positions, face=REGION_COLOUR, edge=REGION_EDGE, size=11, bold=True)
    boxes(ax, graph, sorted(groups), positions, face=GROUP_COLOUR, edge=GROUP_EDGE, size=9, bold=False)

    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    ax.set_xlim(min(xs) - 1.6, max(xs) + 1.6)
    ax.set_ylim(min(ys) - 0.6, max(ys) + 0.6)
    ax.set_axis_off()
    ax.set_title(
        "The kinetic chain: body regions (blue, thick lines: cited links)\n"
        "and the muscle groups whose muscles act on them (tan, thin lines)",
        fontsize=12,
    )
    figure.text(
        0.5,
        0.015,
        f"spinekb data {kb.data_version}. spinekb informs; it does not diagnose.",
        ha="center",
        fontsize=8,
        color="#555555",
    )
    figure.tight_layout(rect=(0, 0.03, 1, 1))
    output.parent.mkdir(parents=True, exist_ok=True)
    # No metadata: the same content gives the same bytes, whatever the matplotlib version.
    figure.savefig(output, format="png", metadata={"Software": None}, pil_kwargs={"optimize": True})
    plt.close(figure)
    return output


if __name__ == "__main__":
    written = draw(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT)
    print(f"wrote {written} ({written.stat().st_size // 1024} KB)")
