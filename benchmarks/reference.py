"""The plain scans that spinekb's indexes and lazy walks replaced (issue 17), kept as references.

The tests check the indexed and lazy answers against them, and ``benchmarks/run.py`` times them
next to the queries (the "before" column of its scaling table).
"""

from __future__ import annotations

from spinekb import ExerciseMatch, KnowledgeBase, LeftOut
from spinekb._query.avoid import leave_out
from spinekb._query.walk import _tier
from spinekb.models import (
    Avoided,
    Condition,
    Exercise,
    ExerciseKind,
    Membership,
    Muscle,
    MuscleGroup,
    MuscleRole,
    Region,
    Treatment,
)


def treatments_for_by_scan(kb: KnowledgeBase, condition: Condition) -> list[Treatment]:
    """``treatments_for`` as a scan of every treatment's evidence."""
    listed = [kb.treatments[ident] for ident in condition.treatments]
    extra = [
        t
        for t in kb.treatments
        if t.id not in condition.treatments and any(condition.id in e.conditions for e in t.evidence)
    ]
    return listed + extra


def exercises_for_by_scan(
    kb: KnowledgeBase,
    target: MuscleGroup | Muscle | Region,
    *,
    chain: int = 0,
    avoid: tuple[Avoided, ...] = (),
    kinds: frozenset[ExerciseKind] | None = None,
    supporting: bool = False,
) -> tuple[list[tuple[Exercise, Muscle | None, MuscleRole | None, Membership | None, str, int]], list[LeftOut]]:
    """``exercises_for`` as it was before the lazy walk: every candidate offered, the best kept,
    all sorted, then each asked whether ``avoid`` leaves it out. Gives the matches (exercise,
    muscle, role, membership, region id, distance) and what was left out."""
    best: dict[str, tuple[int, int, str, Exercise, Muscle | None, MuscleRole | None, Membership | None, str]] = {}

    def offer(exercise: Exercise, distance: int, tier: int, found: Muscle | None, role: MuscleRole | None,
              membership: Membership | None, through: str) -> None:  # fmt: skip
        if kinds is not None and exercise.exercise_kind not in kinds:
            return
        current = best.get(exercise.id)
        if current is None or (distance, tier) < current[:2]:
            best[exercise.id] = (distance, tier, exercise.id, exercise, found, role, membership, through)

    def main(exercise: Exercise) -> tuple[Muscle | None, MuscleRole | None]:
        worked = exercise.main_muscle() or (exercise.muscles[0] if exercise.muscles else None)
        return (None, None) if worked is None else (kb.muscles.get(worked.muscle), worked.role)

    def region_of(exercise: Exercise, preferred: str) -> str:
        return preferred if preferred in exercise.regions else exercise.regions[0]

    if isinstance(target, MuscleGroup):
        members = [(m, p.membership) for m in kb.muscles for p in m.groups if p.group == target.id]
        prime = {m.region for m, place in members if place is Membership.PRIME}
        origins = tuple(sorted(prime or {m.region for m, _ in members}))
        for member, place in members:
            for exercise in kb.exercises:
                for worked in exercise.muscles:
                    if worked.muscle != member.id:
                        continue
                    tier = _tier(worked, place, target, exercise)
                    if tier == 0 or (supporting and tier is not None):
                        offer(exercise, 0, tier, member, worked.role, place, region_of(exercise, member.region))
    elif isinstance(target, Muscle):
        origins = (target.region,)
        for exercise in kb.exercises:
            for worked in exercise.muscles:
                if worked.muscle == target.id and (worked.role.main or supporting):
                    tier = 0 if worked.role.main else 2
                    offer(exercise, 0, tier, target, worked.role, None, region_of(exercise, target.region))
    else:
        origins = (target.id,)
        for exercise in kb.exercises:
            if target.id in exercise.regions:
                offer(exercise, 0, 0, *main(exercise), None, target.id)
    if chain:
        for region_id, distance in kb.kinetic_chain.distances_from(origins, chain).items():
            if distance:
                for exercise in kb.exercises:
                    if region_id in exercise.regions:
                        offer(exercise, distance, 0, *main(exercise), None, region_id)
    kept, left_out = [], []
    for distance, _, _, exercise, found, role, membership, through in sorted(best.values(), key=lambda c: c[:3]):
        reason = leave_out(exercise, avoid, kb.conditions.get) if avoid else None
        if reason is not None:
            left_out.append(reason)
        else:
            kept.append((exercise, found, role, membership if distance == 0 else None, through, distance))
    return kept, left_out


def ruled_out_by_scan(kb: KnowledgeBase, avoid: tuple[Avoided, ...]) -> list[Exercise]:
    """``ruled_out`` as a scan: every exercise that ``avoid`` leaves out, asked one by one."""
    return [exercise for exercise in kb.exercises if leave_out(exercise, avoid, kb.conditions.get) is not None]


def plan_choice_by_sorting(
    kb: KnowledgeBase, target: MuscleGroup | Region, sessions_per_week: int, chain: int, avoid: tuple[Avoided, ...]
) -> tuple[list[str], list[LeftOut]]:
    """The exercises a plan starts with, chosen as before the lazy walk: every match of
    ``exercises_for`` looked at, grouped, each group sorted by rung; with every match that does
    not fit the week. Gives the chosen ids in the plan's order and the misfits."""
    from spinekb import _plans

    if isinstance(target, MuscleGroup):
        matches = kb.exercises_for(muscle_group=target, chain=chain, avoid=avoid)
    else:
        matches = kb.exercises_for(region=target, chain=chain, avoid=avoid)
    misfits: list[LeftOut] = []
    groups: dict[str | None, list[tuple[int, ExerciseMatch, int]]] = {}
    for position, match in enumerate(matches):
        times = _plans._times_a_week(match.exercise, sessions_per_week)
        if times is None:
            reason = _plans._misfit_reason(match.exercise, sessions_per_week)
            misfits.append(LeftOut(exercise=match.exercise, reason=reason))
        else:
            groups.setdefault(None if match.distance == 0 else match.region.id, []).append((position, match, times))
    ladders = _plans._Ladders(kb)
    picked: list[_plans._Slot] = []
    for group, members in groups.items():
        ordered = sorted(members, key=lambda item: ladders.rung(item[1].exercise))
        if group is None:
            chosen = _plans._take(iter(ordered), picked, [], 2, 4, ladders)
            chosen += _plans._take(iter(ordered), picked + chosen, chosen, 4, 4 - len(chosen), ladders)
        else:
            strength = [c for c in ordered if _plans._category_of(c[1].exercise) is _plans.PlanCategory.STRENGTH]
            rest = [c for c in ordered if c not in strength]
            chosen = _plans._take(iter(strength + rest), picked, [], 1, 1, ladders)
        picked += sorted(chosen, key=lambda slot: slot.position)
    return [slot.match.exercise.id for slot in picked], misfits
