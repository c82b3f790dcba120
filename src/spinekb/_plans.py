"""Weekly exercise plans for a muscle group or a region (:meth:`spinekb.KnowledgeBase.plan`) and their records.

A plan is worked out from the knowledge base alone, the same way every time (no randomness, no
dependence on set or dictionary iteration order):

* **Choosing.** The exercises come from :meth:`spinekb.KnowledgeBase.walk_exercises_for` (with
  ``chain=`` and ``avoid=``), in the order of ``exercises_for``, walked only as far as the choice
  needs: for a muscle group, the exercises that train or
  stretch its prime members first. Each is done on as many of the week's sessions as its own
  sourced dosage allows; one that cannot fit the week at all is left out, with the reason. Up to
  four exercises are taken for the target itself (two strength and two flexibility exercises,
  the rest filled from whichever kind has candidates left, so a group with no stretch of its
  own gets four of its strengthening exercises), and one for every neighbouring region along
  the kinetic chain, a strength exercise where there is one: the chain's support. Two rungs of
  the same ladder (exercises linked by a variation) are never taken together, and the lowest
  rung is preferred.
* **Sessions.** At most six a week (a plan keeps at least one rest day), and no more than the
  target's exercises are meant for: asking a hip abductor plan for more sessions than its
  exercises' sourced range (three to five a week) is refused with the range.
* **Scheduling.** Sessions fall on evenly spread days (three a week: Monday, Wednesday and
  Friday). Strength work only goes on sessions with no strength session the day before or after
  (see :func:`strength_days`), so no muscle group is strengthened on consecutive days; the other
  sessions hold flexibility work. Each exercise is put on the sessions that keep its days
  furthest apart, the same days every week, so it always keeps at least the rest days its
  dosage asks for.
* **Progressing.** See :data:`PROGRESSION`. Every dose stays inside the exercise's own sourced
  dosage: sets between its starting sets and its target, repetitions and hold times within their
  ranges. The week-by-week steps between them are spinekb's convention, not taken from a source.
* **Timing.** With ``minutes=`` the plan keeps each session within a time budget, using the rough
  estimates :data:`SECONDS_PER_REPETITION`, :data:`REST_BETWEEN_SETS_SECONDS` and
  :data:`SETUP_SECONDS`. They are scheduling estimates, not clinical advice.

* **Care first.** No plan is made when the screening passed in is urgent or an emergency, or
  when anything to avoid is an urgent or emergency condition or red flag: the caller gets
  :class:`spinekb.SeekCareFirstError` instead.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from spinekb._kinds import plain
from spinekb._query.answers import ExerciseMatch, LeftOut
from spinekb._query.chain import check_distance
from spinekb._query.resolve import avoided, resolve_among
from spinekb._screening import ADVICE, Screening
from spinekb._words import NOTICE, ROLE_VERBS, count
from spinekb.errors import SeekCareFirstError
from spinekb.models import (
    Avoided,
    Caution,
    Condition,
    Entry,
    Exercise,
    ExerciseKind,
    MuscleGroup,
    Range,
    RedFlag,
    Region,
    Source,
    Symptom,
    Urgency,
    VariationRelation,
    Vocabulary,
)

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog
    from spinekb._query.walk import ExercisePart, ExerciseWalk

__all__ = [
    "DAY_NAMES",
    "ESTIMATES",
    "PROGRESSION",
    "REST_BETWEEN_SETS_SECONDS",
    "SECONDS_PER_REPETITION",
    "SETUP_SECONDS",
    "Plan",
    "PlanCategory",
    "PlanDay",
    "PlanItem",
    "PlanWeek",
    "plan",
    "session_days",
    "strength_days",
]

#: The days of the week, Monday first; a :class:`PlanDay`'s ``day`` indexes this.
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Scheduling estimates, not clinical advice: they only size sessions for ``minutes=``.
#: Seconds a repetition takes when it is not held (a held one takes its hold time).
SECONDS_PER_REPETITION = 3
#: Seconds of rest between two sets of the same exercise.
REST_BETWEEN_SETS_SECONDS = 30
#: Seconds to get into position for an exercise, once per exercise and session.
SETUP_SECONDS = 30

#: How doses change from week to week, in words (shown in every plan).
PROGRESSION = (
    "Each exercise starts at the low end of its sourced dose (its starting sets, its fewest "
    "repetitions, its shortest hold) and rises in even weekly steps to its target (its most sets, "
    "repetitions and hold): one step for each extra set, and at least two steps when repetitions "
    "or hold can grow. After a week at its target, and never before its third week, it moves on "
    "to a harder version of the same movement where one is suitable, which starts again at its "
    "own starting dose. These steps are spinekb's convention, not taken from a source; every dose "
    "stays within the exercise's own sourced dosage."
)

ESTIMATES = (
    f"Session times are rough scheduling estimates: {SECONDS_PER_REPETITION} s a repetition (or its "
    f"hold), each side counted, {REST_BETWEEN_SETS_SECONDS} s rest between sets and {SETUP_SECONDS} s "
    "to set up each exercise."
)

#: The most exercises a plan takes for its target itself, and for each neighbouring region.
_AT_TARGET = 4
_PER_NEIGHBOUR = 1
#: Of the target's exercises, how many of each category are taken before the rest are filled
#: from whichever category has candidates left.
_EACH_CATEGORY_AT_TARGET = 2
#: The most sessions a week: a plan keeps at least one rest day.
MOST_SESSIONS = 6


class PlanCategory(Vocabulary):
    """The role an exercise plays in a plan.

    Attributes:
        STRENGTH: strengthening and stability exercises.
        FLEXIBILITY: stretches and mobility exercises.
    """

    STRENGTH = "strength"
    FLEXIBILITY = "flexibility"


_CATEGORY = {
    ExerciseKind.STRENGTHENING: PlanCategory.STRENGTH,
    ExerciseKind.STABILITY: PlanCategory.STRENGTH,
    ExerciseKind.STRETCH: PlanCategory.FLEXIBILITY,
    ExerciseKind.MOBILITY: PlanCategory.FLEXIBILITY,
}


def _category_of(exercise: Exercise) -> PlanCategory:
    """The plan category of an exercise: strength or flexibility."""
    return _CATEGORY[exercise.exercise_kind]


# --- the records ---------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class PlanItem:
    """One exercise on one day of a plan, with that week's dose.

    Attributes:
        exercise: the exercise.
        sets: how many sets.
        repetitions: repetitions per set, or ``None`` when the dosage gives none (a single hold).
        hold_seconds: how long to hold each repetition, or ``None`` when it is not held.
        per_side: True when the dose is done on each side in turn.
        category: strength or flexibility.
        region: the region the exercise is in the plan for.
        distance: links along the kinetic chain from the target to that region (0 for the target).
        replaces: in the week an exercise moves up to a harder version, the easier exercise it
            replaces; otherwise ``None``.
        minutes: the estimated time it takes, in minutes (a scheduling estimate).
        why: why it is in the plan, in the roles of :attr:`spinekb.ExerciseMatch.why`
            ("trains gluteus medius (prime member; hip, the target)").
    """

    exercise: Exercise
    sets: int
    repetitions: int | None
    hold_seconds: int | None
    per_side: bool
    category: PlanCategory
    region: Region
    distance: int
    replaces: Exercise | None = None
    minutes: float
    why: str = ""

    def __str__(self) -> str:
        text = f"{self.exercise.name}: {self.sets} set{'s' * (self.sets != 1)}"
        if self.repetitions is not None:
            text += f" of {self.repetitions}"
        if self.hold_seconds is not None:
            text += f", hold {self.hold_seconds} s"
        if self.per_side:
            text += " (each side)"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The item as plain, JSON-ready data."""
        return {
            "exercise": _ref(self.exercise),
            "sets": self.sets,
            "repetitions": self.repetitions,
            "hold_seconds": self.hold_seconds,
            "per_side": self.per_side,
            "category": self.category.value,
            "region": _ref(self.region),
            "distance": self.distance,
            "replaces": _ref(self.replaces) if self.replaces is not None else None,
            "minutes": self.minutes,
            "why": self.why,
        }


@attrs.frozen(kw_only=True)
class PlanDay:
    """One day of a plan's week.

    Attributes:
        day: 0 for Monday up to 6 for Sunday.
        name: the day's name ("Monday").
        items: the exercises of the day's session, in order; empty on a rest day.
    """

    day: int
    name: str
    items: tuple[PlanItem, ...] = ()

    @property
    def rest(self) -> bool:
        """True on a rest day (no session)."""
        return not self.items

    @property
    def minutes(self) -> float:
        """The estimated length of the day's session, in minutes (0 on a rest day)."""
        return math.fsum(item.minutes for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        """The day as plain, JSON-ready data."""
        return {
            "day": self.day,
            "name": self.name,
            "rest": self.rest,
            "minutes": self.minutes,
            "items": [item.to_dict() for item in self.items],
        }


@attrs.frozen(kw_only=True)
class PlanWeek:
    """One week of a plan.

    Attributes:
        number: the week's number, from 1.
        days: the seven days, Monday first.
    """

    number: int
    days: tuple[PlanDay, ...]

    @property
    def sessions(self) -> tuple[PlanDay, ...]:
        """The days with a session, in order."""
        return tuple(day for day in self.days if not day.rest)

    def to_dict(self) -> dict[str, Any]:
        """The week as plain, JSON-ready data."""
        return {"number": self.number, "days": [day.to_dict() for day in self.days]}


@attrs.frozen(kw_only=True)
class Plan:
    """A weekly exercise plan for a muscle group or a region, made by :meth:`spinekb.KnowledgeBase.plan`.

    Attributes:
        target: the muscle group or region the plan is for.
        sessions_per_week: how many sessions each week has.
        weeks: the weeks, in order.
        chain: how many links along the kinetic chain neighbouring regions were drawn from.
        avoided: the conditions and red flags whose contraindicated exercises were left out.
        exercises: every exercise that appears, in order of first appearance.
        left_out: exercises that matched but are not in the plan, and why: every one that
            ``avoid=`` (or the screening) leaves out, then those the plan walked past that do not
            fit the week, then any dropped for the time budget.
        cautions: the cautions of the plan's exercises, each text once, in order of first
            appearance. They include when to stop and get checked, and are never dropped.
        sources: the sources of the plan's doses and cautions, in id order.
        notice: what spinekb is and is not (:data:`spinekb.NOTICE`).
        notes: anything else to know, such as weeks with fewer sessions than asked for
            because the exercises' own frequencies do not fill more.
    """

    target: MuscleGroup | Region
    sessions_per_week: int
    weeks: tuple[PlanWeek, ...]
    chain: int
    avoided: tuple[Avoided, ...] = ()
    exercises: tuple[Exercise, ...]
    left_out: tuple[LeftOut, ...] = ()
    cautions: tuple[Caution, ...] = ()
    sources: tuple[Source, ...] = ()
    notice: str = NOTICE
    notes: tuple[str, ...] = ()

    def __str__(self) -> str:
        from spinekb._show.text import plan_text

        return plan_text(self)

    def __repr__(self) -> str:
        sessions, weeks = count(self.sessions_per_week, "session"), count(len(self.weeks), "week")
        exercises = count(len(self.exercises), "exercise")
        return f"<Plan for {self.target.id!r}: {sessions} a week for {weeks}, {exercises}>"

    def _repr_html_(self) -> str:
        """The plan as HTML for Jupyter: a table per week, then left out, cautions and the notice."""
        from spinekb._show.html import plan_html

        return plan_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The plan as plain data (dicts, lists, strings, numbers, booleans and ``None``), ready
        for :func:`json.dumps`. Entries appear as their id, name and (where useful) kind."""
        return {
            "target": _ref(self.target, kind=True),
            "sessions_per_week": self.sessions_per_week,
            "chain": self.chain,
            "avoided": [_ref(entry, kind=True) for entry in self.avoided],
            "progression": PROGRESSION,
            "weeks": [week.to_dict() for week in self.weeks],
            "exercises": [_ref(exercise) for exercise in self.exercises],
            "left_out": [
                {
                    "exercise": _ref(entry.exercise),
                    "reason": entry.reason,
                    "because": [_ref(cause, kind=True) for cause in entry.because],
                }
                for entry in self.left_out
            ],
            "cautions": [plain(caution) for caution in self.cautions],
            "sources": [source.id for source in self.sources],
            "notice": self.notice,
            "notes": list(self.notes),
        }


def _ref(entry: Entry, *, kind: bool = False) -> dict[str, str]:
    found = {"id": entry.id, "name": entry.name}
    if kind:
        found["kind"] = entry.kind
    return found


# --- building ------------------------------------------------------------------------------------


def session_days(sessions_per_week: int) -> tuple[int, ...]:
    """The days (0 for Monday) that hold a session: ``floor(i * 7 / sessions_per_week)``."""
    return tuple(i * 7 // sessions_per_week for i in range(sessions_per_week))


def strength_days(sessions_per_week: int) -> tuple[int, ...]:
    """The session days that may hold strength work: the most of :func:`session_days` with no
    two on consecutive days (Sunday to Monday counts), the most evenly spread among those, then
    the earliest. Three sessions give Monday, Wednesday and Friday; five give three of them."""
    days = session_days(sessions_per_week)
    best: tuple[int, ...] = days[:1]
    best_key = (1, 7)
    for size in range(len(days), 1, -1):
        for chosen in itertools.combinations(days, size):
            gaps = [(chosen[(i + 1) % size] - chosen[i]) % 7 or 7 for i in range(size)]
            if min(gaps) < 2:
                continue
            key = (size, min(gaps))
            if key > best_key:
                best, best_key = chosen, key
        if best_key[0] == size:
            break
    return best


def plan(
    kb: Catalog,
    target: MuscleGroup | Region | str,
    *,
    sessions_per_week: int = 3,
    weeks: int = 4,
    chain: int = 1,
    avoid: Iterable[Avoided | str] | Avoided | str = (),
    minutes: float | None = None,
    screening: Screening | None = None,
) -> Plan:
    """A weekly exercise plan for a muscle group or a region.

    Sessions fall on evenly spread days with rest days between; each exercise is done as
    often as its own sourced dosage allows; stretching and strengthening are mixed, with
    exercises for the regions up to ``chain`` links away along the kinetic chain; doses
    rise week by week from each exercise's starting dose to its target, then move on to a
    harder variation where one is suitable. ``minutes`` caps each session's estimated
    length. The same inputs always give the same plan. See ``docs/plans.md``.

    ``avoid=`` (conditions or red flags) leaves out contraindicated exercises, listed in
    :attr:`Plan.left_out` with the reason. ``screening=`` (from :meth:`screen`) avoids the
    red flags it counts.

    Args:
        target: a muscle group or a region: a record, an id, or a name or alias. Muscle groups
            are looked for first, then regions.
        sessions_per_week: sessions each week, 1 to 7.
        weeks: how many weeks, 1 to 52.
        chain: also plan for regions up to this many links away along the kinetic chain.
        avoid: conditions or red flags whose contraindicated exercises must be left out.
        minutes: a time budget for each session, in minutes; lower-priority exercises are dropped
            until every session's estimate fits.
        screening: a :class:`Screening` of the person, whose counted red flags are avoided.

    Raises :class:`SeekCareFirstError`, and makes no plan, when the screening is urgent or an
    emergency, or when an ``avoid`` entry is an urgent or emergency condition or red flag:
    care comes first. Raises :class:`UnknownEntryError` for an unknown target or ``avoid``
    entry, :class:`TypeError` or :class:`ValueError` for other bad arguments or when nothing
    can be planned (or ``minutes`` is too short for even one exercise).
    """
    return _plan(
        kb,
        target,
        sessions_per_week=sessions_per_week,
        weeks=weeks,
        chain=chain,
        avoid=_care_first(kb, avoid, screening),
        minutes=minutes,
    )


def _plan(
    kb: Catalog,
    target: object,
    *,
    sessions_per_week: object,
    weeks: object,
    chain: object,
    avoid: tuple[Avoided, ...],
    minutes: object,
) -> Plan:
    """The planner itself, after the care-first check (tests of its choices call it directly)."""
    sessions_per_week = _whole(sessions_per_week, "sessions_per_week", 1, MOST_SESSIONS)
    weeks = _whole(weeks, "weeks", 1, 52)
    chain = check_distance(chain, "chain")
    budget = _budget(minutes)
    found = cast(
        "MuscleGroup | Region",
        resolve_among((kb.muscle_groups, kb.regions), target, "target", "a muscle group or a region"),
    )

    if isinstance(found, MuscleGroup):
        walk = kb.walk_exercises_for(muscle_group=found, chain=chain, avoid=avoid)
    else:
        walk = kb.walk_exercises_for(region=found, chain=chain, avoid=avoid)
    own, *along = walk.parts
    _check_range(found, own, walk, sessions_per_week)

    # The candidates are walked lazily, part by part, only as far as the choice needs; those
    # walked past that cannot fit the week are left out, with the reason.
    misfits: list[tuple[tuple[int, int, str], LeftOut]] = []
    groups: list[tuple[bool, Iterator[_Candidate]]] = []
    nearest: list[tuple[tuple[int, str], Iterator[_Candidate]]] = []
    for part in (own, *along):
        stream = _fitting(part, sessions_per_week, misfits)
        first = next(stream, None)
        if first is None:
            continue
        if part.distance == 0:
            groups.append((True, itertools.chain([first], stream)))
        else:  # neighbours in the order of their first match, as exercises_for gives them
            nearest.append(((part.distance, first[1].exercise.id), itertools.chain([first], stream)))
    groups += [(False, stream) for _, stream in sorted(nearest, key=lambda pair: pair[0])]
    if not groups:
        raise ValueError(_nothing_to_plan(found, chain, sessions_per_week, walk, len(misfits)))

    picks = _pick(groups, _Ladders(kb))
    left_out: list[LeftOut] = [*walk.left_out, *(entry for _, entry in sorted(misfits, key=lambda pair: pair[0]))]
    planner = _Planner(kb=kb, avoided=walk.avoided, sessions_per_week=sessions_per_week, weeks=weeks)
    if budget is None:
        schedule = planner.schedule(picks)
    else:
        schedule, dropped = _within_budget(planner, picks, budget)
        left_out.extend(
            LeftOut(exercise=slot.match.exercise, reason=f"left out to keep each session within {budget:g} minutes")
            for slot in dropped
        )
    return _assemble(kb, found, sessions_per_week, chain, walk.avoided, schedule, tuple(left_out))


#: A candidate for a plan: its place in its part of the walk, the match, and its sessions a week.
_Candidate = tuple[int, ExerciseMatch, int]


def _fitting(
    part: ExercisePart, sessions_per_week: int, misfits: list[tuple[tuple[int, int, str], LeftOut]]
) -> Iterator[_Candidate]:
    """The matches of ``part`` that fit the week, lazily; each that does not is added to
    ``misfits`` with its place in the answer of ``exercises_for``."""
    for position, match in enumerate(part):
        times = _times_a_week(match.exercise, sessions_per_week)
        if times is not None:
            yield position, match, times
            continue
        place = (match.distance, 0 if match.distance else position, match.exercise.id)
        misfits.append(
            (place, LeftOut(exercise=match.exercise, reason=_misfit_reason(match.exercise, sessions_per_week)))
        )


def _care_first(kb: Catalog, avoid: object, screening: Screening | None) -> tuple[Avoided, ...]:
    """What the plan must avoid: ``avoid``, the screening's counted red flags and the symptoms it
    found that rule out exercises (pregnancy, which exercise cautions name). Raises
    :class:`SeekCareFirstError` when any of them, or the screening, is urgent or an emergency."""
    chosen = list(avoided(kb.conditions, kb.red_flags, avoid, kb.symptoms))
    if screening is not None:
        if not isinstance(screening, Screening):
            raise TypeError(f"screening= expects a Screening from screen(), got {type(screening).__name__}")
        if screening.urgency >= Urgency.URGENT:
            names = tuple(flag.red_flag.name for flag in screening.red_flags if flag.urgency >= Urgency.URGENT)
            raise SeekCareFirstError(screening.urgency, names, ADVICE[screening.urgency])
        chosen += [flag.red_flag for flag in screening.red_flags if flag.red_flag not in chosen]
        # and the reported symptoms that rule out exercises (pregnancy, which cautions name)
        chosen += [f for f in screening.findings if isinstance(f, Symptom) and f not in chosen and kb.ruled_out(f)]
    serious = [entry for entry in chosen if isinstance(entry, (Condition, RedFlag)) and entry.urgency >= Urgency.URGENT]
    if serious:
        urgency = max(entry.urgency for entry in serious)
        raise SeekCareFirstError(urgency, tuple(entry.name for entry in serious), ADVICE[urgency])
    return tuple(chosen)


def _whole(value: object, name: str, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, got {type(value).__name__}")
    if not low <= value <= high:
        why = " (a plan keeps at least one rest day a week)" if name == "sessions_per_week" else ""
        raise ValueError(f"{name} must be from {low} to {high}{why}, got {value}")
    return value


def _check_range(target: Entry, own: ExercisePart, walk: ExerciseWalk, sessions_per_week: int) -> None:
    """Refuse more sessions a week than any of the target's own exercises is meant for, or so few
    that none of them fits: a plan for the hip abductors with no hip-abductor work is no plan.

    The target's own matches are walked only until one strengthening exercise shows that the
    sessions asked for are within their range and one fits them."""
    most = 0
    fits = False
    for match in own:
        exercise = match.exercise
        if _category_of(exercise) is PlanCategory.STRENGTH:
            span = exercise.dosage.sessions_per_week
            most = max(most, MOST_SESSIONS if span.max is None else span.max)
            fits = fits or _times_a_week(exercise, sessions_per_week) is not None
            if fits and sessions_per_week <= most:
                return
    # walked to the end without that: measure every one of the target's own exercises
    mine = [match.exercise for match in own]
    strength = [exercise for exercise in mine if _category_of(exercise) is PlanCategory.STRENGTH]
    measured = strength or mine
    if not measured:
        return
    ranges = [exercise.dosage.sessions_per_week for exercise in measured]
    most = max(MOST_SESSIONS if span.max is None else span.max for span in ranges)
    if sessions_per_week > most or all(_times_a_week(exercise, sessions_per_week) is None for exercise in measured):
        fewest = min(span.min for span in ranges)
        kind = "strengthening exercises" if strength else "exercises"
        span_text = f"{fewest} to {most}" if fewest < most else f"{most}"
        # (and what avoid= left out, which may be why none fits)
        unsafe = ""
        if walk.left_out:
            names = ", ".join(entry.name for entry in walk.avoided)
            unsafe = f"; {count(len(walk.left_out), 'more exercise')} not advised with {names}"
        raise ValueError(
            f"no exercise plan for {target.name} with {count(sessions_per_week, 'session')} a week: its "
            f"{kind} are meant for {span_text} sessions a week, with rest days between{unsafe}"
        )


def _budget(minutes: object) -> float | None:
    if minutes is None:
        return None
    if not isinstance(minutes, (int, float)) or isinstance(minutes, bool):
        raise TypeError(f"minutes must be a number of minutes or None, got {type(minutes).__name__}")
    try:
        minutes = float(minutes)
    except OverflowError:
        raise ValueError("minutes must be a positive number of minutes, not a number that large") from None
    if not (math.isfinite(minutes) and minutes > 0):
        raise ValueError(f"minutes must be a positive number of minutes, got {minutes!r}")
    return minutes


def _times_a_week(exercise: Exercise, sessions_per_week: int) -> int | None:
    """The most sessions a week the exercise can be in, or ``None`` when no number fits. Strength
    work only goes on :func:`strength_days`."""
    dosage = exercise.dosage
    usable = _usable_days(exercise, sessions_per_week)
    most = min(len(usable), 7 - dosage.rest_days_per_week)
    if dosage.sessions_per_week.max is not None:
        most = min(most, dosage.sessions_per_week.max)
    return most if most >= max(dosage.sessions_per_week.min, 1) else None


def _usable_days(exercise: Exercise, sessions_per_week: int) -> tuple[int, ...]:
    if _category_of(exercise) is PlanCategory.STRENGTH:
        return strength_days(sessions_per_week)
    return session_days(sessions_per_week)


def _misfit_reason(exercise: Exercise, sessions_per_week: int) -> str:
    dosage = exercise.dosage
    done = f"done {dosage.sessions_per_week} times a week"
    if dosage.rest_days_per_week:
        done += f" with at least {count(dosage.rest_days_per_week, 'rest day')}"
    return f"{done}; does not fit {count(sessions_per_week, 'session')} a week"


def _nothing_to_plan(target: Entry, chain: int, sessions_per_week: int, walk: ExerciseWalk, misfits: int) -> str:
    """Why there is no plan, once the whole walk has been looked at and nothing fits the week:
    every match (``misfits`` of them) does not fit, and :attr:`ExerciseWalk.left_out` was avoided."""
    message = f"no exercise plan for {target.name}: "
    unsafe = len(walk.left_out)
    if not unsafe and not misfits:
        reach = f" or regions up to {count(chain, 'link')} away" if chain else ""
        return message + f"no exercises in the knowledge base train it{reach}"
    reasons = []
    if unsafe:
        names = ", ".join(entry.name for entry in walk.avoided)
        reasons.append(f"{unsafe} not advised with {names}")
    if misfits:
        verb = "does" if misfits == 1 else "do"
        reasons.append(f"{misfits} {verb} not fit {count(sessions_per_week, 'session')} a week")
    total = unsafe + misfits
    every = "the only matching exercise is" if total == 1 else f"all {total} matching exercises are"
    return message + f"{every} left out (" + "; ".join(reasons) + ")"


class _Ladders:
    """Which ladder (exercises joined by easier and harder variations) each exercise is on, and
    its rung: how many easier steps lie below it. Found through each exercise's own variations,
    which the data lists on both ends; worked out as needed, so the cost follows the plan."""

    def __init__(self, kb: Catalog) -> None:
        self._kb = kb
        self._ladder: dict[str, str] = {}
        self._rung: dict[str, int] = {}

    def _steps(self, exercise: Exercise, relation: VariationRelation) -> list[Exercise]:
        found = (self._kb.exercises.get(v.exercise) for v in exercise.variations if v.relation is relation)
        return [other for other in found if other is not None]

    def ladder(self, exercise: Exercise) -> str:
        """The ladder's name: the smallest id on it."""
        if exercise.id not in self._ladder:
            seen = {exercise.id: exercise}
            todo = [exercise]
            while todo:
                current = todo.pop()
                for other in (
                    *self._steps(current, VariationRelation.EASIER),
                    *self._steps(current, VariationRelation.HARDER),
                ):
                    if other.id not in seen:
                        seen[other.id] = other
                        todo.append(other)
            name = min(seen)
            for ident in seen:
                self._ladder[ident] = name
        return self._ladder[exercise.id]

    def rung(self, exercise: Exercise) -> int:
        """How many easier steps lie below ``exercise`` (0 on the bottom rung)."""
        if exercise.id not in self._rung:
            below = self._steps(exercise, VariationRelation.EASIER)
            self._rung[exercise.id] = 1 + max(self.rung(other) for other in below) if below else 0
        return self._rung[exercise.id]


@attrs.frozen(kw_only=True)
class _Slot:
    """A place in the plan, opened by one chosen exercise; it may climb to harder ones later."""

    match: ExerciseMatch
    times: int
    #: Its place among its group's candidates, in the walk's order.
    position: int = 0


def _pick(groups: Sequence[tuple[bool, Iterator[_Candidate]]], ladders: _Ladders) -> tuple[_Slot, ...]:
    """The chosen exercises, highest priority first: the target's own (``True``) group, then one
    group for each neighbouring region, each walked only as far as its choice needs."""
    picked: list[_Slot] = []
    for at_target, candidates in groups:
        # Start on the lowest rung of each ladder: candidates keep their order within a rung.
        ordered = _by_rung(candidates, ladders)
        if at_target:
            # Two of each kind first, then the rest of the target's places from either kind.
            first, again = itertools.tee(ordered)
            chosen = _take(first, picked, [], _EACH_CATEGORY_AT_TARGET, _AT_TARGET, ladders)
            chosen += _take(again, picked + chosen, chosen, _AT_TARGET, _AT_TARGET - len(chosen), ladders)
        else:
            # One for each neighbour: strength work where there is some, as the chain's support.
            chosen = _take(_strength_first(ordered), picked, [], _PER_NEIGHBOUR, _PER_NEIGHBOUR, ladders)
        picked += sorted(chosen, key=lambda slot: slot.position)
    return tuple(picked)


def _by_rung(candidates: Iterator[_Candidate], ladders: _Ladders) -> Iterator[_Candidate]:
    """``candidates`` ordered by their rung (a stable sort), lazily: those on the lowest rung come
    as they are walked; the rest wait for the end of the walk."""
    higher: list[_Candidate] = []
    for candidate in candidates:
        if ladders.rung(candidate[1].exercise) == 0:
            yield candidate
        else:
            higher.append(candidate)
    yield from sorted(higher, key=lambda candidate: ladders.rung(candidate[1].exercise))


def _strength_first(candidates: Iterator[_Candidate]) -> Iterator[_Candidate]:
    """The strength work of ``candidates`` first, as it comes, then the rest, each in order."""
    rest: list[_Candidate] = []
    for candidate in candidates:
        if _category_of(candidate[1].exercise) is PlanCategory.STRENGTH:
            yield candidate
        else:
            rest.append(candidate)
    yield from rest


def _take(
    ordered: Iterator[_Candidate],
    taken: Sequence[_Slot],
    counted: Sequence[_Slot],
    per_category: int,
    total: int,
    ladders: _Ladders,
) -> list[_Slot]:
    """Up to ``total`` of ``ordered``, at most ``per_category`` of each category (counting those
    of this group already chosen, ``counted``), never two on the same ladder (among ``taken``)."""
    chosen: list[_Slot] = []
    counts = dict.fromkeys(PlanCategory, 0)
    for slot in counted:
        counts[_category_of(slot.match.exercise)] += 1
    if total <= 0:
        return chosen
    for position, match, times in ordered:
        category = _category_of(match.exercise)
        if counts[category] >= per_category:
            continue
        ladder = ladders.ladder(match.exercise)
        if any(ladders.ladder(slot.match.exercise) == ladder for slot in [*taken, *chosen]):
            continue
        counts[category] += 1
        chosen.append(_Slot(match=match, times=times, position=position))
        if len(chosen) >= total:
            break
    return chosen


def _spread(times: int, days: tuple[int, ...], covered: Iterable[int] = ()) -> tuple[int, ...]:
    """The ``times`` of ``days`` whose smallest gap (wrapping into next week) is largest.

    Among equally spread choices, the one that adds the most days not yet ``covered`` by other
    exercises (so that every session has something in it where possible), then the
    lexicographically smallest.
    """
    taken = frozenset(covered)
    best: tuple[int, ...] = ()
    best_key = (-1, -1)
    for chosen in itertools.combinations(days, times):
        gap = min((chosen[(i + 1) % times] - chosen[i]) % 7 or 7 for i in range(times))
        key = (gap, len(set(chosen) - taken))
        if key > best_key:
            best, best_key = chosen, key
    return best


@attrs.frozen(kw_only=True)
class _Ladder:
    """The starting and target dose of an exercise, and the weeks between them."""

    start: tuple[int, int | None, int | None]
    target: tuple[int, int | None, int | None]
    steps: int

    @classmethod
    def of(cls, exercise: Exercise) -> _Ladder:
        dosage = exercise.dosage
        sets = dosage.sets
        start_sets = sets.start
        target_sets = max(start_sets, _upper(sets.target))
        start_reps = target_reps = start_hold = target_hold = None
        if dosage.repetitions is not None:
            start_reps = dosage.repetitions.min
            target_reps = max(start_reps, _upper(dosage.repetitions))
        if dosage.hold_seconds is not None:
            start_hold = dosage.hold_seconds.min
            target_hold = max(start_hold, _upper(dosage.hold_seconds))
        span = start_reps != target_reps or start_hold != target_hold
        return cls(
            start=(start_sets, start_reps, start_hold),
            target=(target_sets, target_reps, target_hold),
            steps=max(target_sets - start_sets, 2 if span else 1),
        )

    def dose(self, week: int) -> tuple[int, int | None, int | None]:
        """Sets, repetitions and hold in the exercise's week ``week`` (0 for its first)."""
        if self.steps == 0:
            return self.target
        done = min(week, self.steps)
        sets = self.start[0] + (self.target[0] - self.start[0]) * done // self.steps
        return (
            sets,
            _step(self.start[1], self.target[1], done, self.steps),
            _step(self.start[2], self.target[2], done, self.steps),
        )


def _upper(span: Range) -> int:
    """The top of a range, or its bottom when it has no top."""
    return span.max if span.max is not None else span.min


def _step(start: int | None, target: int | None, done: int, steps: int) -> int | None:
    if start is None or target is None:
        return None
    return start + (target - start) * done // steps


def _seconds(sets: int, repetitions: int | None, hold: int | None, per_side: bool) -> int:
    """A scheduling estimate of how long an exercise takes (see the module's constants)."""
    each = hold if hold is not None else SECONDS_PER_REPETITION
    work = sets * (repetitions if repetitions is not None else 1) * each * (2 if per_side else 1)
    return SETUP_SECONDS + work + (sets - 1) * REST_BETWEEN_SETS_SECONDS


_Schedule = tuple[tuple[tuple[int, ...], PlanItem], ...]


@attrs.frozen(kw_only=True)
class _Planner:
    """Turns chosen slots into weeks of doses, climbing to harder versions as they are earned."""

    kb: Catalog
    avoided: tuple[Avoided, ...]
    sessions_per_week: int
    weeks: int

    def schedule(self, slots: Sequence[_Slot]) -> tuple[PlanWeek, ...]:
        current = [slot.match.exercise for slot in slots]
        on: list[tuple[int, ...]] = []
        for slot in slots:
            days = _usable_days(slot.match.exercise, self.sessions_per_week)
            on.append(_spread(slot.times, days, itertools.chain.from_iterable(on)))
        ladders = [_Ladder.of(exercise) for exercise in current]
        week_of = [0] * len(slots)
        used = {exercise.id for exercise in current}
        planned: list[PlanWeek] = []
        for number in range(self.weeks):
            entries: list[tuple[tuple[int, ...], PlanItem]] = []
            for index, slot in enumerate(slots):
                replaces = None
                if number:
                    week_of[index] += 1
                    if week_of[index] > ladders[index].steps:
                        harder = self._harder(current[index], used)
                        if harder is not None:
                            exercise, times = harder
                            replaces = current[index]
                            used.add(exercise.id)
                            current[index] = exercise
                            ladders[index] = _Ladder.of(exercise)
                            week_of[index] = 0
                            days = _usable_days(exercise, self.sessions_per_week)
                            if times != len(on[index]) or not set(on[index]) <= set(days):
                                others = itertools.chain.from_iterable(on[:index] + on[index + 1 :])
                                on[index] = _spread(times, days, others)
                exercise = current[index]
                sets, repetitions, hold = ladders[index].dose(week_of[index])
                per_side = exercise.dosage.per_side
                item = PlanItem(
                    exercise=exercise,
                    sets=sets,
                    repetitions=repetitions,
                    hold_seconds=hold,
                    per_side=per_side,
                    category=_category_of(exercise),
                    region=slot.match.region,
                    distance=slot.match.distance,
                    replaces=replaces,
                    minutes=_seconds(sets, repetitions, hold, per_side) / 60,
                    why=slot.match.why if exercise is slot.match.exercise else self._why_harder(exercise, slot),
                )
                entries.append((on[index], item))
            planned.append(_week(number + 1, entries))
        return tuple(planned)

    def _why_harder(self, exercise: Exercise, slot: _Slot) -> str:
        """Why a harder version is in the plan, in its own muscles: "trains Gluteus maximus (a
        harder step up from Clamshell)"."""
        step = f"a harder step up from {slot.match.exercise.name}"
        worked = exercise.main_muscle()
        muscle = None if worked is None else self.kb.muscles.get(worked.muscle)
        if worked is None or muscle is None:
            return f"{exercise.exercise_kind.label} work ({step})"
        return f"{ROLE_VERBS[worked.role]} {muscle.name} ({step})"

    def _harder(self, exercise: Exercise, used: set[str]) -> tuple[Exercise, int] | None:
        """The harder version to move up to, with its sessions a week, or ``None``."""
        choices: list[tuple[Exercise, int]] = []
        for variation in exercise.variations:
            if variation.relation is not VariationRelation.HARDER:
                continue
            other = self.kb.exercises.get(variation.exercise)
            if other is None or other.id in used or self.kb.why_avoid(other, self.avoided) is not None:
                continue
            times = _times_a_week(other, self.sessions_per_week)
            if times is not None:
                choices.append((other, times))
        same = [choice for choice in choices if _category_of(choice[0]) is _category_of(exercise)]
        ranked = same or choices
        return ranked[0] if ranked else None


def _week(number: int, entries: Sequence[tuple[tuple[int, ...], PlanItem]]) -> PlanWeek:
    days = tuple(
        PlanDay(day=day, name=name, items=tuple(item for on, item in entries if day in on))
        for day, name in enumerate(DAY_NAMES)
    )
    return PlanWeek(number=number, days=days)


def _longest(weeks: Iterable[PlanWeek]) -> float:
    return max(day.minutes for week in weeks for day in week.days)


def _within_budget(
    planner: _Planner, picks: tuple[_Slot, ...], budget: float
) -> tuple[tuple[PlanWeek, ...], tuple[_Slot, ...]]:
    """The schedule of the highest-priority picks whose every session fits ``budget``, and the
    picks dropped. Exercises too long even on their own go first; then the last picked."""
    alone = [(_longest(planner.schedule([slot])), slot) for slot in picks]
    fitting = {id(slot) for longest, slot in alone if longest <= budget}
    # Drop the lowest priority first, keeping strength and flexibility mixed as long as possible:
    # the target's exercises alternate between the two kinds, then the neighbours follow in order.
    ranked = sorted(
        (slot for slot in picks if id(slot) in fitting),
        key=lambda slot: (
            slot.match.distance > 0,
            _rank_in_kind(slot, picks) if slot.match.distance == 0 else 0,
            picks.index(slot),
        ),
    )
    kept = list(ranked)
    if not kept:
        shortest, slot = min(alone, key=lambda pair: pair[0])
        raise ValueError(
            f"minutes={budget:g} is too short for any session of this plan: the shortest estimate is "
            f"about {shortest:.1f} minutes ({slot.match.exercise.name})"
        )
    while True:
        in_order = [slot for slot in picks if slot in kept]
        schedule = planner.schedule(in_order)
        if _longest(schedule) <= budget:
            break
        kept.pop()
    return schedule, tuple(slot for slot in picks if slot not in kept)


def _rank_in_kind(slot: _Slot, picks: Sequence[_Slot]) -> int:
    """How many exercises of the same kind at the target come before this one."""
    kind = _category_of(slot.match.exercise)
    same = [p for p in picks if p.match.distance == 0 and _category_of(p.match.exercise) is kind]
    return same.index(slot)


def _assemble(
    kb: Catalog,
    target: MuscleGroup | Region,
    sessions_per_week: int,
    chain: int,
    avoided: tuple[Avoided, ...],
    weeks: tuple[PlanWeek, ...],
    left_out: tuple[LeftOut, ...],
) -> Plan:
    exercises: dict[str, Exercise] = {}
    for week in weeks:
        for day in week.days:
            for item in day.items:
                exercises.setdefault(item.exercise.id, item.exercise)
    cautions: dict[str, Caution] = {}
    sources: set[str] = set()
    for exercise in exercises.values():
        sources.update(exercise.dosage.sources)
        for caution in exercise.cautions:
            cautions.setdefault(caution.text, caution)
            sources.update(caution.sources)
    notes = []
    fewest = min(len(week.sessions) for week in weeks)
    if fewest < sessions_per_week:
        notes.append(
            f"Some weeks have only {count(fewest, 'session')}, not {sessions_per_week}: the chosen exercises "
            "are not meant to be done more often than that, and strengthening never falls on consecutive days."
        )
    return Plan(
        target=target,
        sessions_per_week=sessions_per_week,
        weeks=weeks,
        chain=chain,
        avoided=avoided,
        exercises=tuple(exercises.values()),
        left_out=left_out,
        cautions=tuple(cautions.values()),
        sources=tuple(kb.sources[ident] for ident in sorted(sources)),
        notes=tuple(notes),
    )
