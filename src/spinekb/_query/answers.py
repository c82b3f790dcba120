"""The answers of the exercise queries: each match, what was left out and why, and the tuple of matches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from spinekb._record import Record
from spinekb._words import ROLE_VERBS
from spinekb.models import (
    Avoided,
    Exercise,
    ExerciseKind,
    Membership,
    Muscle,
    MuscleGroup,
    MuscleRole,
    Region,
)

if TYPE_CHECKING:
    import pandas

__all__ = ["ExerciseMatch", "ExerciseMatches", "LeftOut"]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ExerciseMatch(Record):
    """One answer of :meth:`KnowledgeBase.exercises_for`: an exercise and why it matched.

    Attributes:
        exercise: the exercise.
        muscle: the muscle through which it matched: a member of the muscle group asked about,
            the muscle asked about, or (for a region, or a neighbour along the kinetic chain) the
            exercise's first target or stretched muscle. ``None`` when the exercise names no
            such muscle (a nerve glide).
        role: what that muscle does in the exercise (target, synergist, stabiliser or stretched),
            or ``None`` with no muscle.
        membership: for a muscle group asked about, at distance 0, whether the muscle is a prime
            or an accessory member of it; otherwise ``None``.
        region: the region through which it matched: one of the exercise's own regions.
        distance: links along the kinetic chain from the target (0 for the target itself).
    """

    exercise: Exercise
    muscle: Muscle | None
    role: MuscleRole | None
    membership: Membership | None = None
    region: Region
    distance: int

    @property
    def primary(self) -> bool:
        """True when the exercise trains or stretches the muscle and, for a muscle group, the
        muscle is a prime member: the matches an answer gives by default."""
        return self.role is not None and self.role.main and self.membership is not Membership.ACCESSORY

    @property
    def why(self) -> str:
        """Why it matched, in words: "stretches piriformis (accessory member; hip, the target)"."""
        where = "the target" if self.distance == 0 else f"{self.distance} link{'s' * (self.distance > 1)} away"
        if self.muscle is None or self.role is None:
            return f"{self.exercise.exercise_kind.label} work for {self.region.name} ({where})"
        member = "" if self.membership is None else f"{self.membership.label} member; "
        return f"{ROLE_VERBS[self.role]} {self.muscle.name} ({member}{self.region.name}, {where})"

    def __str__(self) -> str:
        return f"{self.exercise.name}: {self.why}"


def _match_maker() -> Callable[
    [Exercise, Muscle | None, MuscleRole | None, Membership | None, Region, int], ExerciseMatch
]:
    """A maker of :class:`ExerciseMatch` from its fields in order, for the walks that build tens of
    thousands: it sets the slots directly, about half the cost of attrs' keyword ``__init__``
    (which checks nothing more: the record has no validators, converters or defaults to apply
    but ``membership``'s, which every caller passes)."""
    make = object.__new__
    slots = ExerciseMatch.__dict__
    exercise, muscle, role, membership, region, distance = (
        slots[name].__set__ for name in ("exercise", "muscle", "role", "membership", "region", "distance")
    )

    def new_match(
        on: Exercise, through: Muscle | None, as_: MuscleRole | None, member: Membership | None, at: Region, away: int
    ) -> ExerciseMatch:
        match: ExerciseMatch = make(ExerciseMatch)
        exercise(match, on)
        muscle(match, through)
        role(match, as_)
        membership(match, member)
        region(match, at)
        distance(match, away)
        return match

    return new_match


#: ``new_match(exercise, muscle, role, membership, region, distance)``: an :class:`ExerciseMatch`
#: equal to ``ExerciseMatch(exercise=..., ...)``, built faster (see :func:`_match_maker`).
new_match = _match_maker()


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
    because: tuple[Avoided, ...] = ()

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
    avoided: tuple[Avoided, ...]
    left_out: tuple[LeftOut, ...]

    def __new__(
        cls,
        matches: Iterable[ExerciseMatch] = (),
        *,
        target: MuscleGroup | Muscle | Region | None = None,
        avoided: tuple[Avoided, ...] = (),
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

    def of_kind(self, *kinds: ExerciseKind | str) -> ExerciseMatches:
        """The matches whose exercise is of one of ``kinds`` (``"strengthening"``, ``"stretch"``,
        ``"mobility"``, ``"stability"``), in order, with the same target, avoided and left out.
        Raises :class:`ValueError` for a kind that is not an :class:`ExerciseKind`."""
        wanted = {ExerciseKind.parse(kind, "kinds") for kind in kinds}
        return ExerciseMatches(
            (match for match in self if match.exercise.exercise_kind in wanted),
            target=self.target,
            avoided=self.avoided,
            left_out=self.left_out,
        )

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
    avoided: tuple[Avoided, ...],
    left_out: tuple[LeftOut, ...],
    target: MuscleGroup | Muscle | Region | None = None,
) -> ExerciseMatches:
    return ExerciseMatches(matches, target=target, avoided=avoided, left_out=left_out)
