"""What ``avoid=`` rules out: the reasons an exercise is left out for the conditions and red flags avoided.

An exercise is left out for an avoided condition or red flag when

* its urgency is urgent or an emergency: care comes first, so no exercise is suggested;
* one of the exercise's :attr:`~spinekb.Exercise.contraindications` names it;
* one of the exercise's :attr:`~spinekb.Exercise.cautions` names it (the exercise needs a
  clinician's guidance first);
* it is a condition whose :attr:`~spinekb.Condition.restricted_movements` include one of the
  exercise's :attr:`~spinekb.Exercise.movements`.

A plan given a screening also avoids the reported symptoms that cautions name (pregnancy: no long
spells lying flat on the back, no crunches or planks, nothing lying on the front).

An avoided red flag also applies the rules of the conditions it points to and of the conditions
that list it among their red flags (a minor fall leaves out what a suspected osteoporotic fracture
does), the cautious reading. Each entry is taken on its own: combinations that a screening weighs
(a fall at 72 with known osteoporosis is urgent) need the screening, which ``plan(screening=...)``
takes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spinekb._query.answers import LeftOut
from spinekb.models import Avoided, Condition, Exercise, Movement, RedFlag, Urgency

__all__ = ["leave_out", "may_leave_out"]


def leave_out(
    exercise: Exercise,
    avoided: tuple[Avoided, ...],
    condition: Callable[[str], Condition | None],
) -> LeftOut | None:
    """Why ``exercise`` is left out when ``avoided`` are avoided, or ``None`` when it is kept.

    ``condition`` looks a condition up by id (``None`` when there is none), to follow a red flag
    to the conditions it may point to (:attr:`~spinekb.RedFlag.may_point_to`); the content
    checks make those the conditions that list it among their red flags.
    """
    reasons: list[str] = []
    because: list[Avoided] = []
    for entry in avoided:
        found = _reasons(exercise, entry, condition)
        if found:
            reasons.extend(found)
            because.append(entry)
    if not reasons:
        return None
    return LeftOut(exercise=exercise, reason="; ".join(dict.fromkeys(reasons)), because=tuple(because))


def may_leave_out(
    avoided: tuple[Avoided, ...],
    naming: Mapping[str, tuple[str, ...]],
    moving: Mapping[Movement, tuple[str, ...]],
    condition: Callable[[str], Condition | None],
) -> frozenset[str] | None:
    """The ids of the exercises that :func:`leave_out` leaves out for ``avoided``, found from two
    reverse indexes instead of asking every exercise; ``None`` when it leaves out every exercise
    (an urgent or emergency entry).

    ``naming`` maps an entry id to the exercises whose contraindications or cautions name it, and
    ``moving`` a movement to the exercises that make it. This follows :func:`_reasons` rule for
    rule, and the tests check that the two agree for every entry.
    """
    found: set[str] = set()
    for entry in avoided:
        if isinstance(entry, (Condition, RedFlag)) and entry.urgency >= Urgency.URGENT:
            return None
        _named(entry, naming, moving, found)
        if isinstance(entry, RedFlag):
            for ident in entry.may_point_to:
                pointed = condition(ident)
                if pointed is not None and pointed.urgency < Urgency.URGENT:
                    _named(pointed, naming, moving, found)
    return frozenset(found)


def _named(
    entry: Avoided,
    naming: Mapping[str, tuple[str, ...]],
    moving: Mapping[Movement, tuple[str, ...]],
    found: set[str],
) -> None:
    """Add to ``found`` the exercises :func:`_rules` gives a reason for with ``entry``."""
    found.update(naming.get(entry.id, ()))
    if isinstance(entry, Condition):
        for restriction in entry.restricted_movements:
            for movement in restriction.movements:
                found.update(moving.get(movement, ()))


def _reasons(exercise: Exercise, entry: Avoided, condition: Callable[[str], Condition | None]) -> list[str]:
    if isinstance(entry, (Condition, RedFlag)) and entry.urgency >= Urgency.URGENT:
        return [f"{entry.name} needs {entry.urgency.label} medical care before any exercise programme"]
    reasons = _rules(exercise, entry, entry.name)
    if isinstance(entry, RedFlag):
        for ident in sorted(entry.may_point_to):
            pointed = condition(ident)
            if pointed is not None and pointed.urgency < Urgency.URGENT:
                reasons += _rules(exercise, pointed, f"{entry.name} (which can point to {pointed.name})")
    return reasons


def _rules(exercise: Exercise, entry: Avoided, name: str) -> list[str]:
    reasons = [
        f"not advised with {name}: {contraindication.text}"
        for contraindication in exercise.contraindications
        if entry.id in contraindication.conditions
    ]
    reasons += [
        f"with {name}, only with a clinician's advice: {caution.text}"
        for caution in exercise.cautions
        if entry.id in caution.conditions
    ]
    if isinstance(entry, Condition):
        for restriction in entry.restricted_movements:
            clash = [movement.label for movement in exercise.movements if movement in restriction.movements]
            if clash:
                reasons.append(f"{' and '.join(clash)} is left out with {name}: {restriction.text}")
    return reasons
