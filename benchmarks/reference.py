"""The plain scans that spinekb's reverse indexes replaced (issue 17), kept as references.

The tests check each index's answers against these, and ``benchmarks/run.py`` times them next to
the indexed queries (the "before" columns of its scaling tables).
"""

from __future__ import annotations

from typing import Any

from spinekb import KnowledgeBase
from spinekb import _plans as plans
from spinekb._query.answers import ExerciseMatch, LeftOut
from spinekb.models import Condition, MuscleGroup, Region, Treatment


def treatments_for_by_scan(kb: KnowledgeBase, condition: Condition) -> list[Treatment]:
    """``treatments_for`` as a scan of every treatment's evidence."""
    listed = [kb.treatments[ident] for ident in condition.treatments]
    extra = [
        t
        for t in kb.treatments
        if t.id not in condition.treatments and any(condition.id in e.conditions for e in t.evidence)
    ]
    return listed + extra


def named_by_cautions_by_scan(kb: KnowledgeBase) -> set[str]:
    """The ids that exercise cautions name, as ``plan(screening=...)`` worked them out on each call."""
    return {ident for exercise in kb.exercises for caution in exercise.cautions for ident in caution.conditions}


def plan_from_every_match(kb: KnowledgeBase, target: str, sessions: int, chain: int, avoid: tuple[str, ...]) -> Any:
    """``plan(target, sessions_per_week=sessions, chain=chain, avoid=avoid)`` as it was made before
    the indexes, as a dictionary: from every match that ``exercises_for`` gives, each scored."""
    found: MuscleGroup | Region = kb.muscle_groups.get(target) or kb.regions[target]
    avoiding = kb._avoided(avoid)
    if isinstance(found, MuscleGroup):
        matches = kb.exercises_for(muscle_group=found, chain=chain, avoid=avoiding)
    else:
        matches = kb.exercises_for(region=found, chain=chain, avoid=avoiding)
    own = [m.exercise for m in matches if m.distance == 0]
    plans._check_range(found, list(dict.fromkeys(plans._signature(e) for e in own)), sessions)
    left_out = list(matches.left_out)
    fitting: list[tuple[ExerciseMatch, int]] = []
    for match in matches:
        times = plans._times_a_week(match.exercise, sessions)
        if times is None:
            left_out.append(LeftOut(exercise=match.exercise, reason=plans._misfit_reason(match.exercise, sessions)))
        else:
            fitting.append((match, times))
    if not fitting:
        raise ValueError(plans._nothing_to_plan(found, chain, sessions, avoiding, len(matches.left_out), len(matches)))
    ladders = kb._exercise_ladders

    def take(ordered: list[tuple[ExerciseMatch, int]], taken: list[Any], per: int, total: int) -> list[Any]:
        chosen: list[Any] = []
        mine = {id(pair[0]) for pair in ordered}
        counts = dict.fromkeys(plans.PlanCategory, 0)
        for slot in taken:
            if id(slot.match) in mine:
                counts[plans._category_of(slot.match.exercise)] += 1
        for match, times in ordered:
            if len(chosen) >= total:
                break
            category = plans._category_of(match.exercise)
            if counts[category] >= per:
                continue
            if any(ladders[s.match.exercise.id][0] == ladders[match.exercise.id][0] for s in [*taken, *chosen]):
                continue
            counts[category] += 1
            chosen.append(plans._Slot(match=match, times=times))
        return chosen

    groups: dict[str | None, list[tuple[ExerciseMatch, int]]] = {}
    for match, times in fitting:
        groups.setdefault(None if match.distance == 0 else match.region.id, []).append((match, times))
    picked: list[Any] = []
    for group, members in groups.items():
        ordered = sorted(members, key=lambda pair: ladders[pair[0].exercise.id][1])
        if group is None:
            chosen = take(ordered, picked, 2, 4)
            chosen += take(ordered, picked + chosen, 4, 4 - len(chosen))
        else:
            strength = [p for p in ordered if plans._category_of(p[0].exercise) is plans.PlanCategory.STRENGTH]
            rest = [p for p in ordered if plans._category_of(p[0].exercise) is not plans.PlanCategory.STRENGTH]
            chosen = take(strength + rest, picked, 1, 1)
        picked += sorted(chosen, key=lambda slot: [pair[0] for pair in members].index(slot.match))
    planner = plans._Planner(kb=kb, avoided=avoiding, sessions_per_week=sessions, weeks=4)
    schedule = planner.schedule(picked)
    return plans._assemble(kb, found, sessions, chain, avoiding, schedule, tuple(left_out)).to_dict()
