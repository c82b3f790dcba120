"""The kinetic chain: regions as nodes, their cited links as undirected edges."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spinekb._query.collection import Collection
from spinekb._query.resolve import resolve
from spinekb.models import Region

if TYPE_CHECKING:
    import networkx


class KineticChain:
    """The links between body regions (foot and ankle, knee, hip, pelvis, spine, core).

    Force and control pass along the chain, so weakness or stiffness in one region changes the
    load on its neighbours. Every method accepts a :class:`Region`, an id, or a name or alias.
    """

    __slots__ = ("_adjacent", "_regions")

    def __init__(self, regions: Collection[Region]) -> None:
        self._regions = regions
        self._adjacent: dict[str, tuple[str, ...]] = {
            region.id: tuple(sorted({link.region for link in region.links})) for region in regions
        }

    @property
    def regions(self) -> Collection[Region]:
        """Every region of the chain."""
        return self._regions

    @property
    def links(self) -> tuple[tuple[Region, Region], ...]:
        """Each link once, as a pair of regions ordered by id."""
        pairs = {tuple(sorted((a, b))) for a, others in self._adjacent.items() for b in others}
        return tuple((self._regions[a], self._regions[b]) for a, b in sorted(pairs))

    def distances(self, region: Region | str, max_distance: int | None = None) -> dict[str, int]:
        """Link counts from ``region`` to every region it reaches (itself at 0), nearest first.

        A breadth-first walk: O(regions + links). ``max_distance`` stops the walk early.
        """
        start = resolve(self._regions, region, "region").id
        limit = check_distance(max_distance, "max_distance") if max_distance is not None else None
        return self._walk((start,), limit)

    def distances_from(self, regions: Iterable[Region | str], max_distance: int | None = None) -> dict[str, int]:
        """Link counts to every region reached from the nearest of several ``regions`` (each at
        0), nearest first: :meth:`distances` from a group of starting regions, in one walk.
        """
        starts = tuple(dict.fromkeys(resolve(self._regions, region, "regions").id for region in regions))
        limit = check_distance(max_distance, "max_distance") if max_distance is not None else None
        return self._walk(starts, limit)

    def neighbours(self, region: Region | str, distance: int = 1) -> tuple[Region, ...]:
        """Regions at most ``distance`` links away, not counting ``region`` itself.

        Ordered nearest first, then by id. O(regions + links).
        """
        limit = check_distance(distance, "distance")
        found = self.distances(region, limit)
        ordered = sorted((d, ident) for ident, d in found.items() if d > 0)
        return tuple(self._regions[ident] for _, ident in ordered)

    def distance(self, a: Region | str, b: Region | str) -> int | None:
        """How many links separate two regions; ``None`` when no path joins them."""
        target = resolve(self._regions, b, "region").id
        return self.distances(a).get(target)

    def _walk(self, starts: tuple[str, ...], limit: int | None) -> dict[str, int]:
        seen = dict.fromkeys(starts, 0)
        queue = deque(starts)
        while queue:
            node = queue.popleft()
            depth = seen[node]
            if limit is not None and depth >= limit:
                continue
            for other in self._adjacent.get(node, ()):
                if other not in seen:
                    seen[other] = depth + 1
                    queue.append(other)
        return seen

    def __repr__(self) -> str:
        return f"<KineticChain of {len(self._regions)} regions, {len(self.links)} links>"

    def _repr_html_(self) -> str:
        """A table of the regions and their neighbours, for Jupyter."""
        from spinekb._show.html import chain_html

        return chain_html(self)

    def to_networkx(self) -> networkx.Graph[str]:
        """The chain as an undirected :class:`networkx.Graph` (needs ``spinekb[networkx]``).

        Nodes are region ids (attributes ``name`` and ``kind="region"``); each link is an edge
        (attributes ``kind="link"`` and ``sources``), so path lengths equal :meth:`distance`.
        :meth:`spinekb.KnowledgeBase.graph` adds the muscle groups. Raises an :class:`ImportError`
        (also a :class:`spinekb.SpineKBError`) naming the extra when networkx is not installed.
        """
        from spinekb._show.frames import chain_graph

        return chain_graph(self)


def check_distance(value: object, name: str) -> int:
    """``value`` as a number of links: a whole number (not a bool), 0 or more."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}")
    if value < 0:
        raise ValueError(f"{name} must be 0 or more, got {value}")
    return value
