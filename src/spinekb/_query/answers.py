"""The answers of the exercise queries: each match, what was left out and why, and the tuple of matches."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._record import Record
from spinekb.models import Condition, Exercise, Muscle, MuscleGroup, RedFlag, Region

if TYPE_CHECKING:
    import pandas

__all__ = ["ExerciseMatch", "ExerciseMatches", "LeftOut", "contraindicated"]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ExerciseMatch(Record):
    """One answer of :meth:`KnowledgeBase.exercises_for`: an exercise and why it was chosen.

    Attributes:
        exercise: the exercise.
        muscle: the muscle through which it matched.
        region: that muscle's region.
        distance: links along the kinetic chain from the target (0 for the target itself).
        primary: True when the muscle is one the exercise mainly works.
    """

    exercise: Exercise
    muscle: Muscle
    region: Region
    distance: int
    primary: bool

    def __str__(self) -> str:
        role = "mainly" if self.primary else "also"
        where = "the target" if self.distance == 0 else f"{self.distance} link{'s' * (self.distance > 1)} away"
        return f"{self.exercise.name}: {role} works {self.muscle.name} ({self.region.name}, {where})"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class LeftOut(Record):
    """An exercise left out of an answer, and why.

    Attributes:
        exercise: the exercise.
        reason: why, in plain language.
        because: the conditions or red flags behind the reason (empty when it is about dose or
            frequency rather than safety).
    """

    exercise: Exercise
    reason: str
    because: tuple[Condition | RedFlag, ...] = ()

    def __str__(self) -> str:
        return f"{self.exercise.name}: {self.reason}"


class ExerciseMatches(tuple[ExerciseMatch, ...]):
    """The answer of :meth:`KnowledgeBase.exercises_for`: a tuple of :class:`ExerciseMatch`.

    It behaves exactly like a tuple and adds what ``avoid=`` set aside.

    Attributes:
        target: the muscle group, muscle or region asked about.
        avoided: the conditions and red flags the caller asked to avoid.
        left_out: exercises that would have matched but are contraindicated for one of them.
    """

    target: MuscleGroup | Muscle | Region | None
    avoided: tuple[Condition | RedFlag, ...]
    left_out: tuple[LeftOut, ...]

    def __new__(
        cls,
        matches: Iterable[ExerciseMatch] = (),
        *,
        target: MuscleGroup | Muscle | Region | None = None,
        avoided: tuple[Condition | RedFlag, ...] = (),
        left_out: tuple[LeftOut, ...] = (),
    ) -> ExerciseMatches:
        self = super().__new__(cls, matches)
        object.__setattr__(self, "target", target)
        object.__setattr__(self, "avoided", avoided)
        object.__setattr__(self, "left_out", left_out)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ExerciseMatches is read-only; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"ExerciseMatches is read-only; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_matches, (tuple(self), self.avoided, self.left_out, self.target))

    def _repr_html_(self) -> str:
        """A table of the matches (and of what was left out, and why), for Jupyter."""
        from spinekb._show.html import matches_html

        return matches_html(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame with one row per match, in order (needs ``spinekb[pandas]``).

        Columns: ``exercise_id``, ``exercise``, ``muscle_id``, ``muscle``, ``region_id``,
        ``region``, ``distance``, ``primary``, ``exercise_kind``, ``dose`` (in words), ``sets``
        (to start with), ``repetitions``, ``hold_seconds``, ``per_side`` and ``sessions_per_week``
        (ranges as text). What was left out stays in :attr:`left_out`. Raises an
        :class:`ImportError` (also a :class:`spinekb.SpineKBError`) naming the extra when pandas
        is not installed.
        """
        from spinekb._show.frames import matches_frame

        return matches_frame(self)


def _rebuild_matches(
    matches: tuple[ExerciseMatch, ...],
    avoided: tuple[Condition | RedFlag, ...],
    left_out: tuple[LeftOut, ...],
    target: MuscleGroup | Muscle | Region | None = None,
) -> ExerciseMatches:
    return ExerciseMatches(matches, target=target, avoided=avoided, left_out=left_out)


def contraindicated(exercise: Exercise, clashes: tuple[Condition | RedFlag, ...]) -> LeftOut:
    """Why ``exercise`` is left out: it is contraindicated for each of ``clashes``."""
    names = "; ".join(entry.name for entry in clashes)
    return LeftOut(
        exercise=exercise,
        reason=f"not advised with {names} (a reason to get medical advice before exercising)",
        because=clashes,
    )
