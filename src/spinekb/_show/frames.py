"""Tables and graphs: the knowledge base as pandas DataFrames and networkx graphs.

Both libraries are optional extras (``pip install 'spinekb[pandas]'``,
``pip install 'spinekb[networkx]'``). This module imports them only inside the functions that
need them, and spinekb imports this module only when one of those functions is called, so
``import spinekb`` never pulls them in. When one is missing the call raises
:class:`MissingExtraError`, which is both a :class:`spinekb.SpineKBError` and an
:class:`ImportError` and names the extra to install.

Tables: one row per record, one column per field, in field order. Values are plain Python:
strings, numbers and booleans as they are, vocabulary values (enums) as their strings, tuples as
tuples, nested records (a dosage, a range, a statement) as dictionaries of the same. A column
whose values are all plain scalars gets pandas' usual type (``int64``, ``bool``, strings); any
other column keeps Python objects, so a missing value is ``None``, never ``NaN``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._kinds import plain
from spinekb._words import dosage_text
from spinekb.errors import MissingExtraError
from spinekb.models import Entry, Range

if TYPE_CHECKING:
    import networkx
    import pandas

    from spinekb._query.answers import ExerciseMatches
    from spinekb._query.catalog import Catalog
    from spinekb._query.chain import KineticChain

__all__ = [
    "MATCH_COLUMNS",
    "MissingExtraError",
    "chain_graph",
    "entries_frame",
    "knowledge_graph",
    "matches_frame",
]

#: The columns of :func:`matches_frame`, in order.
MATCH_COLUMNS = (
    "exercise_id",
    "exercise",
    "muscle_id",
    "muscle",
    "region_id",
    "region",
    "distance",
    "role",
    "membership",
    "primary",
    "why",
    "exercise_kind",
    "dose",
    "sets",
    "repetitions",
    "hold_seconds",
    "per_side",
    "sessions_per_week",
)


# --- tables ------------------------------------------------------------------------------------


def _scalar(value: object) -> bool:
    return isinstance(value, (str, int, float, bool))


def _frame(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> pandas.DataFrame:
    try:
        import pandas as pd
    except ImportError as error:
        raise MissingExtraError("pandas", "to_dataframe()") from error

    data: dict[str, pandas.Series[Any]] = {}
    for index, name in enumerate(columns):
        values = [row[index] for row in rows]
        if values and all(_scalar(value) for value in values):
            data[name] = pd.Series(values, name=name)
        else:
            data[name] = pd.Series(values, name=name, dtype=object)
    frame: pandas.DataFrame = pd.DataFrame(data, columns=list(columns))
    return frame


def entries_frame(cls: type[Entry], entries: Iterable[Entry]) -> pandas.DataFrame:
    """One row per record of class ``cls``, one column per field (see the module's description)."""
    names = [field.name for field in attrs.fields(cls)]
    rows = [[plain(getattr(entry, name), sequence=tuple) for name in names] for entry in entries]
    return _frame(names, rows)


def _range(span: Range | None) -> str | None:
    return None if span is None else str(span)


def matches_frame(matches: ExerciseMatches) -> pandas.DataFrame:
    """One row per match of ``exercises_for``, in order, with the columns :data:`MATCH_COLUMNS`.

    Ranges (repetitions, hold, sessions a week) are shown as text ("8-12", "at least 30");
    ``dose`` is the whole dose in words, as the text descriptions show it.
    """
    rows = []
    for match in matches:
        exercise, dosage = match.exercise, match.exercise.dosage
        rows.append(
            [
                exercise.id,
                exercise.name,
                None if match.muscle is None else match.muscle.id,
                None if match.muscle is None else match.muscle.name,
                match.region.id,
                match.region.name,
                match.distance,
                None if match.role is None else match.role.value,
                None if match.membership is None else match.membership.value,
                match.primary,
                match.why,
                exercise.exercise_kind.value,
                dosage_text(dosage),
                dosage.sets.start,
                _range(dosage.repetitions),
                _range(dosage.hold_seconds),
                dosage.per_side,
                _range(dosage.sessions_per_week),
            ]
        )
    return _frame(MATCH_COLUMNS, rows)


# --- graphs ------------------------------------------------------------------------------------


def chain_graph(chain: KineticChain) -> networkx.Graph[str]:
    """The kinetic chain as an undirected graph.

    Nodes are region ids with the attributes ``name`` and ``kind`` (``"region"``); each link is
    one edge with the attributes ``kind`` (``"link"``) and ``sources`` (the ids cited for the link
    on either end, sorted). Path lengths equal :meth:`KineticChain.distance`.
    """
    try:
        import networkx as nx
    except ImportError as error:
        raise MissingExtraError("networkx", "to_networkx()") from error

    graph: nx.Graph[str] = nx.Graph()
    for region in chain.regions:
        graph.add_node(region.id, name=region.name, kind=region.kind)
    for a, b in chain.links:
        cited = {source for link in a.links if link.region == b.id for source in link.sources}
        cited.update(source for link in b.links if link.region == a.id for source in link.sources)
        graph.add_edge(a.id, b.id, kind="link", sources=tuple(sorted(cited)))
    return graph


def knowledge_graph(kb: Catalog) -> networkx.Graph[str]:
    """The kinetic chain of :func:`chain_graph` with the muscle groups added.

    Each muscle group is a node (``kind="muscle-group"``, ``name``) joined to every region that
    one of its muscles belongs to, by an edge with ``kind="muscles"`` and ``muscles`` (the ids of
    those muscles, sorted). Paths through a muscle group are not chain distances.
    """
    graph = chain_graph(kb.kinetic_chain)
    for group in kb.muscle_groups:
        graph.add_node(group.id, name=group.name, kind=group.kind)
        by_region: dict[str, list[str]] = {}
        for muscle in kb.muscles_in(group):
            by_region.setdefault(muscle.region, []).append(muscle.id)
        for region, muscles in sorted(by_region.items()):
            graph.add_edge(group.id, region, kind="muscles", muscles=tuple(sorted(muscles)))
    return graph
