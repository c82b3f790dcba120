"""The bundled knowledge base, loaded once on first use, and the module-level queries bound to it."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spinekb._knowledge import ExerciseMatches, KnowledgeBase
from spinekb.models import Condition, Entry, Muscle, MuscleGroup, RedFlag, Region, Symptom, Treatment

if TYPE_CHECKING:
    from spinekb._plan import Plan
    from spinekb._screening import PainSeverity, Screening

_lock = threading.Lock()
_bundled: KnowledgeBase | None = None


def load() -> KnowledgeBase:
    """The knowledge base shipped with spinekb: the same object on every call.

    The first call reads and checks the content (a few milliseconds) and is safe to make from
    several threads at once: the content is read exactly once. Importing spinekb reads nothing.
    """
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                from spinekb._loading import bundled_folder

                _bundled = KnowledgeBase.from_path(bundled_folder())
    return _bundled


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
    findings: Iterable[RedFlag | Symptom | str] | RedFlag | Symptom | str,
    *,
    age: int | None = None,
    pain_duration_weeks: float | None = None,
    pain_severity: PainSeverity | str | None = None,
    explained: Iterable[RedFlag | Symptom | str] | RedFlag | Symptom | str = (),
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


def treatments_for(condition: Condition | str) -> tuple[Treatment, ...]:
    """:meth:`KnowledgeBase.treatments_for` on the bundled knowledge base."""
    return load().treatments_for(condition)


def red_flags_for(condition: Condition | str) -> tuple[RedFlag, ...]:
    """:meth:`KnowledgeBase.red_flags_for` on the bundled knowledge base."""
    return load().red_flags_for(condition)


def conditions_for(red_flag: RedFlag | str) -> tuple[Condition, ...]:
    """:meth:`KnowledgeBase.conditions_for` on the bundled knowledge base."""
    return load().conditions_for(red_flag)


def get(ident: str) -> Entry | None:
    """The bundled entry of any kind with this id, or ``None``."""
    return load().get(ident)


def find(text: str) -> tuple[Entry, ...]:
    """:meth:`KnowledgeBase.find` on the bundled knowledge base."""
    return load().find(text)


def search(text: str, limit: int | None = 10) -> tuple[Entry, ...]:
    """:meth:`KnowledgeBase.search` on the bundled knowledge base."""
    return load().search(text, limit)


def describe(entry: Entry | str) -> str:
    """:meth:`KnowledgeBase.describe` on the bundled knowledge base."""
    return load().describe(entry)
