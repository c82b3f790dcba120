"""The bundled knowledge base, loaded once on first use, and the module-level queries bound to it."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spinekb._index import Entries
from spinekb._knowledge import ExerciseMatches, KnowledgeBase
from spinekb._version import CHECKED_CONTENT
from spinekb.errors import UnknownPackError
from spinekb.models import Condition, Entry, Muscle, MuscleGroup, RedFlag, Region, Severity, Treatment

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

    from spinekb._loading import Pack
    from spinekb._plan import Plan
    from spinekb._screening import Findings, Screening

_lock = threading.Lock()
_bundled: KnowledgeBase | None = None


def load(*packs: str | os.PathLike[str] | Traversable) -> KnowledgeBase:
    """The knowledge base shipped with spinekb, with any content packs added.

    Without packs it is the same object on every call. The first call reads the content (a few
    milliseconds) and is safe to make from several threads at once: the content is read exactly
    once. Importing spinekb reads nothing. Every entry is structured strictly; the checks that
    need the whole knowledge base were run when the content was built, and run again unless the
    installed files match, byte for byte, the fingerprint recorded then.

    Each pack is a content folder or content document in the same format as the bundled content
    (a path or a ``Traversable``), or the name of an installed pack: an entry point in the
    ``spinekb.packs`` group whose object is a folder, or a function returning one. Packs are
    merged in order after the bundled content: a pack can add entries, and replace an earlier
    entry only when its ``manifest.json`` lists the id under ``overrides``. Collisions, dangling
    references and invalid entries fail the whole load with one :class:`ContentError` naming the
    pack, file, entry and field of every problem. With packs, every call loads afresh.

    Raises :class:`UnknownPackError` (with close matches) for a name that is neither a path nor
    an installed pack.
    """
    if packs:
        from spinekb._loading import Pack, bundled_folder, read_packs

        resolved = [Pack("spinekb", bundled_folder()), *(_pack(item) for item in packs)]
        content = read_packs(resolved)
        return KnowledgeBase._from_content(content)
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = read_bundled()
    return _bundled


def read_bundled() -> KnowledgeBase:
    """Read the bundled content afresh, as the first :func:`load` does (the benchmarks time it).

    The bundled files are the ones the test suite checked in full (their fingerprint says so), so
    only their structure is checked again; see ``read_packs``.
    """
    from spinekb._loading import Pack, bundled_folder, read_packs

    return KnowledgeBase._from_content(read_packs([Pack("spinekb", bundled_folder())], checked=CHECKED_CONTENT))


def installed_packs() -> tuple[str, ...]:
    """The names of the content packs installed as ``spinekb.packs`` entry points, sorted."""
    from importlib.metadata import entry_points

    return tuple(sorted({point.name for point in entry_points(group="spinekb.packs")}))


def _pack(item: object) -> Pack:
    import pathlib
    from importlib.metadata import entry_points

    from spinekb._loading import Pack, as_traversable

    if isinstance(item, (str, os.PathLike)):
        path = pathlib.Path(item)
        if path.exists():
            return Pack(path.stem if path.is_file() else path.name, path)
        if isinstance(item, str):
            found = [point for point in entry_points(group="spinekb.packs") if point.name == item]
            if found:
                target = found[0].load()
                if callable(target):
                    target = target()
                try:
                    return Pack(item, as_traversable(target))
                except TypeError as exc:
                    raise TypeError(f"the installed pack {item!r} gave no folder: {exc}") from None
        import difflib

        available = installed_packs()
        name = str(item)
        raise UnknownPackError(name, available, tuple(difflib.get_close_matches(name, available, n=3)))
    try:
        location = as_traversable(item)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(
            f"packs are folder or file paths, Traversables or installed pack names, got {type(item).__name__}"
        ) from None
    return Pack(location.name, location)


def exercises_for(
    muscle_group: MuscleGroup | str | None = None,
    *,
    muscle: Muscle | str | None = None,
    region: Region | str | None = None,
    chain: int = 0,
    avoid: Iterable[Condition | RedFlag | str] | Condition | RedFlag | str = (),
) -> ExerciseMatches:
    """:meth:`KnowledgeBase.exercises_for` on the bundled knowledge base."""
    return load().exercises_for(muscle_group, muscle=muscle, region=region, chain=chain, avoid=avoid)


def screen(
    findings: Findings,
    *,
    age: int | None = None,
    pain_duration_weeks: float | None = None,
    pain_severity: Severity | str | None = None,
    explained: Findings = (),
) -> Screening:
    """:meth:`KnowledgeBase.screen` on the bundled knowledge base."""
    return load().screen(
        findings, age=age, pain_duration_weeks=pain_duration_weeks, pain_severity=pain_severity, explained=explained
    )


def plan(
    target: MuscleGroup | Region | str,
    *,
    sessions_per_week: int = 3,
    weeks: int = 4,
    chain: int = 1,
    avoid: Iterable[Condition | RedFlag | str] | Condition | RedFlag | str = (),
    minutes: float | None = None,
    screening: Screening | None = None,
) -> Plan:
    """:meth:`KnowledgeBase.plan` on the bundled knowledge base."""
    return load().plan(
        target,
        sessions_per_week=sessions_per_week,
        weeks=weeks,
        chain=chain,
        avoid=avoid,
        minutes=minutes,
        screening=screening,
    )


def treatments_for(condition: Condition | str) -> Entries[Treatment]:
    """:meth:`KnowledgeBase.treatments_for` on the bundled knowledge base."""
    return load().treatments_for(condition)


def red_flags_for(condition: Condition | str) -> Entries[RedFlag]:
    """:meth:`KnowledgeBase.red_flags_for` on the bundled knowledge base."""
    return load().red_flags_for(condition)


def conditions_for(red_flag: RedFlag | str) -> Entries[Condition]:
    """:meth:`KnowledgeBase.conditions_for` on the bundled knowledge base."""
    return load().conditions_for(red_flag)


def get(ident: str) -> Entry | None:
    """The bundled entry of any kind with this id, or ``None``."""
    return load().get(ident)


def find(text: str) -> Entries[Entry]:
    """:meth:`KnowledgeBase.find` on the bundled knowledge base."""
    return load().find(text)


def search(text: str, limit: int | None = 10) -> Entries[Entry]:
    """:meth:`KnowledgeBase.search` on the bundled knowledge base."""
    return load().search(text, limit)


def describe(entry: Entry | str) -> str:
    """:meth:`KnowledgeBase.describe` on the bundled knowledge base."""
    return load().describe(entry)
