"""The lazy walk behind exercises_for and plans (issue 17): the same answers as a plain scan, on the
bundled content and on synthetic packs; parts that are walked only as far as they are asked;
``left_out`` and ``ruled_out`` from indexes, agreeing with asking every exercise; and plans that
choose what a full sort of every match would choose."""

from __future__ import annotations

import itertools
import pickle
from typing import cast

import pytest

import spinekb
from spinekb import ExerciseMatch, ExercisePart, ExerciseWalk, KnowledgeBase
from spinekb._query.avoid import may_leave_out
from spinekb.models import ExerciseKind, MuscleGroup, Region, Urgency
from tests.test_benchmarks import load_module, synthetic_pack

REFERENCE = load_module("reference")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A synthetic pack of 600 entries on its own."""
    return KnowledgeBase.from_path(synthetic_pack(tmp_path_factory.mktemp("alone"), 600, anatomy=True))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The bundled content plus 400 synthetic entries: real cautions and restrictions among bulk."""
    return spinekb.load(synthetic_pack(tmp_path_factory.mktemp("mixed"), 400, anatomy=False))


@pytest.fixture(scope="module", params=["bundled", "synthetic", "mixed"])
def any_kb(request: pytest.FixtureRequest, kb: KnowledgeBase) -> KnowledgeBase:
    return kb if request.param == "bundled" else cast("KnowledgeBase", request.getfixturevalue(request.param))


def _row(match: ExerciseMatch) -> tuple[object, ...]:
    return (
        match.exercise.id,
        None if match.muscle is None else match.muscle.id,
        match.role,
        match.membership,
        match.region.id,
        match.distance,
    )


def _avoid_sets(kb: KnowledgeBase) -> list[tuple[str, ...]]:
    """Nothing; each entry that some exercise names or restricts; two together; and one urgent."""
    rules = [rule.conditions for e in kb.exercises for rule in e.contraindications]
    rules += [rule.conditions for e in kb.exercises for rule in e.cautions]
    named = sorted({ident for conditions in rules for ident in conditions})
    restricting = [c.id for c in kb.conditions if c.restricted_movements]
    gentle = [f.id for f in kb.red_flags if f.urgency < Urgency.URGENT and f.may_point_to][:3]
    urgent = [f.id for f in kb.red_flags if f.urgency >= Urgency.URGENT][:1]
    singles = [(ident,) for ident in dict.fromkeys([*named[:6], *restricting[:4], *gentle, *urgent])]
    pair = [tuple(named[:2])] if len(named) > 1 else []
    return [(), *singles, *pair]


# --- the walk against the plain scan ---------------------------------------------------------------


def test_exercises_for_is_the_plain_scan_for_every_target_and_option(any_kb: KnowledgeBase) -> None:
    kb = any_kb
    targets = [*kb.muscle_groups, *kb.muscles, *kb.regions]
    avoids = _avoid_sets(kb)
    compared = 0
    for target, chain, supporting, kinds in itertools.product(
        targets, (0, 1, 2), (False, True), (None, frozenset({ExerciseKind.STRETCH}))
    ):
        if isinstance(target, Region) and supporting:
            continue
        for avoid in avoids if (chain, supporting, kinds) == (1, False, None) else avoids[:2]:
            avoided = tuple(kb[ident] for ident in avoid)
            keyword = {MuscleGroup: "muscle_group", Region: "region"}.get(type(target), "muscle")
            answer = kb.exercises_for(**{keyword: target}, chain=chain, supporting=supporting, kind=kinds, avoid=avoid)
            kept, left_out = REFERENCE.exercises_for_by_scan(
                kb, target, chain=chain, avoid=avoided, kinds=kinds, supporting=supporting
            )
            assert [_row(m) for m in answer] == [(e.id, m and m.id, r, ms, g, d) for e, m, r, ms, g, d in kept]
            assert answer.left_out == tuple(left_out)
            compared += 1
    assert compared > 500


def test_iterating_the_walk_gives_the_answer_of_exercises_for(kb: KnowledgeBase) -> None:
    for target in ("hip-abductors", "abdominals", "hip-flexors"):
        for chain in (0, 1, 2, 3):
            walk = kb.walk_exercises_for(target, chain=chain, avoid="lumbar-spinal-stenosis")
            answer = kb.exercises_for(target, chain=chain, avoid="lumbar-spinal-stenosis")
            assert tuple(walk) == tuple(answer) == tuple(walk)  # and again, from what it remembers
            assert walk.left_out == answer.left_out
            assert walk.matches() == answer
            assert walk.target is answer.target
            assert walk.avoided == answer.avoided


def test_the_parts_are_the_target_then_each_region_along_the_chain(kb: KnowledgeBase) -> None:
    walk = kb.walk_exercises_for("hip-abductors", chain=2)
    own, *along = walk.parts
    assert (own.distance, own.region) == (0, None)
    assert [part.distance for part in along] == sorted(part.distance for part in along)
    distances = kb.kinetic_chain.distances_from(["hip"], 2)
    assert {part.region.id: part.distance for part in along if part.region} == {
        region: distance for region, distance in distances.items() if distance
    }
    answer = kb.exercises_for("hip-abductors", chain=2)
    assert list(own) == [m for m in answer if m.distance == 0]
    for part in along:
        assert part.region is not None
        assert list(part) == [m for m in answer if m.distance == part.distance and m.region == part.region]
    assert sum(len(list(part)) for part in walk.parts) == len(answer)


def test_a_part_is_walked_only_as_far_as_it_is_asked(synthetic: KnowledgeBase) -> None:
    group = max(synthetic.muscle_groups, key=lambda g: len(synthetic.exercises_for(g)))
    total = len(synthetic.exercises_for(group))
    assert total > 50
    walk = synthetic.walk_exercises_for(group, chain=1)
    own = walk.parts[0]
    first = list(itertools.islice(own, 3))
    assert len(own._seen) == 3  # (white box) nothing past the third was built
    assert all(part._seen == [] for part in walk.parts[1:])
    assert list(itertools.islice(own, 5))[:3] == first
    assert len(own._seen) == 5


def test_a_walk_checks_its_arguments_at_the_call(kb: KnowledgeBase) -> None:
    with pytest.raises(spinekb.UnknownEntryError, match="hip abductorz"):
        kb.walk_exercises_for("hip abductorz")
    with pytest.raises(TypeError, match="exactly one"):
        kb.walk_exercises_for("hip-abductors", region="hip")
    with pytest.raises(ValueError, match="chain"):
        kb.walk_exercises_for("hip-abductors", chain=-1)
    with pytest.raises(spinekb.UnknownEntryError, match="pregnanzy"):
        kb.walk_exercises_for("hip-abductors", avoid="pregnanzy")


def test_the_walk_and_its_parts_say_what_they_are(kb: KnowledgeBase) -> None:
    walk = kb.walk_exercises_for("hip-abductors", chain=1)
    assert isinstance(walk, ExerciseWalk)
    assert repr(walk) == f"<ExerciseWalk for Hip abductors: {len(walk.parts)} parts>"
    assert all(isinstance(part, ExercisePart) for part in walk.parts)
    assert repr(walk.parts[0]) == "<ExercisePart: the target>"
    assert repr(walk.parts[1]).endswith(", 1 away>")


# --- what avoid= leaves out, from the indexes --------------------------------------------------------


def test_ruled_out_is_every_exercise_that_why_avoid_gives_a_reason_for(any_kb: KnowledgeBase) -> None:
    kb = any_kb
    for entry in (*kb.conditions, *kb.red_flags, *kb.symptoms):
        expected = REFERENCE.ruled_out_by_scan(kb, (entry,))
        assert list(kb.ruled_out(entry)) == expected, entry.id
        ruled = may_leave_out((entry,), kb._exercises_naming, kb._exercises_by_movement, kb.conditions.get)
        # the index finds exactly those (None: every exercise, for urgent care)
        assert (set(kb.exercises.ids) if ruled is None else ruled) == {e.id for e in expected}, entry.id


def test_ruled_out_takes_several_entries_and_names(kb: KnowledgeBase) -> None:
    both = kb.ruled_out(["pregnancy", "lumbar spinal stenosis"])
    assert set(both) == set(kb.ruled_out("pregnancy")) | set(kb.ruled_out("lumbar-spinal-stenosis"))
    assert list(both) == sorted(both, key=lambda e: e.id)
    assert list(kb.ruled_out("cauda-equina-syndrome")) == list(kb.exercises)  # care comes first
    assert spinekb.ruled_out("pregnancy") == kb.ruled_out("pregnancy")
    with pytest.raises(spinekb.UnknownEntryError, match="pregnanzy"):
        kb.ruled_out("pregnanzy")


# --- plans choose as a full sort of every match would ----------------------------------------------


def test_a_plan_chooses_what_sorting_every_match_would(any_kb: KnowledgeBase) -> None:
    kb = any_kb
    targets = [*kb.muscle_groups, *kb.regions]
    checked = 0
    for target, sessions, chain, avoid in itertools.product(targets, (2, 3, 5), (0, 1, 2), _avoid_sets(kb)[:4]):
        keyword = "muscle_group" if isinstance(target, MuscleGroup) else "region"
        answer = kb.exercises_for(**{keyword: target}, chain=chain, avoid=avoid)
        avoided = answer.avoided
        if any(getattr(entry, "urgency", Urgency.SELF_CARE) >= Urgency.URGENT for entry in avoided):
            continue
        try:
            plan = kb.plan(target, sessions_per_week=sessions, chain=chain, avoid=avoid)
        except ValueError:
            continue
        chosen, misfits = REFERENCE.plan_choice_by_sorting(kb, target, sessions, chain, avoided)
        first_week = {item.exercise.id for day in plan.weeks[0].days for item in day.items}
        assert first_week == set(chosen), (target.id, sessions, chain, avoid)
        # what avoid= left out is listed in full; of the misfits, those the plan walked past, in order
        unsafe = [entry for entry in plan.left_out if entry.because]
        assert tuple(unsafe) == answer.left_out
        listed = [entry for entry in plan.left_out if not entry.because]
        assert [entry for entry in misfits if entry in listed] == listed
        checked += 1
    assert checked > 50


def test_a_plan_lists_the_misfits_it_walked_past_not_every_one(kb: KnowledgeBase) -> None:
    core = kb.plan("core", sessions_per_week=3, chain=0)
    assert "abdominal-draw-in" in {entry.exercise.id for entry in core.left_out}  # daily: among the first
    # two sessions a week, two links along the chain: the hip's exercises that need three sessions are
    # not walked past (the plan has its hip exercise before them), so they are not listed
    target = kb.muscle_groups["abdominals"]
    plan = kb.plan(target, sessions_per_week=2, chain=2)
    _, misfits = REFERENCE.plan_choice_by_sorting(kb, target, 2, 2, ())
    listed = [entry for entry in plan.left_out if not entry.because]
    assert listed == [entry for entry in misfits if entry in listed]
    assert 0 < len(listed) < len(misfits)


def test_the_whole_answer_takes_up_a_part_where_a_walk_left_it(kb: KnowledgeBase) -> None:
    # matches() takes what is left of each part at once, after what an iteration already walked.
    for chain in (0, 1, 2):
        answer = kb.exercises_for("hip-abductors", chain=chain, supporting=True)
        walk = kb.walk_exercises_for("hip-abductors", chain=chain, supporting=True)
        walked = list(itertools.islice(walk, 7))
        assert walked == list(answer[:7])
        assert walk.matches() == answer
        assert list(walk) == list(answer)  # every part walked to its end, and iterated again
        assert all(part._source is None for part in walk.parts)


def test_the_main_muscle_of_each_exercise_is_kept_once_and_agrees_with_its_record(kb: KnowledgeBase) -> None:
    fresh = pickle.loads(pickle.dumps(kb))  # a copy, its indexes worked out afresh
    assert fresh._main_muscles == {}
    fresh.exercises_for("hip-abductors", chain=2)
    fresh.exercises_for(region="lumbar-spine", chain=2)
    kept = dict(fresh._main_muscles)
    assert 0 < len(kept) <= len(fresh.exercises)  # at most one an exercise
    for exercise in fresh.exercises:
        worked = exercise.main_muscle() or (exercise.muscles[0] if exercise.muscles else None)
        expected = (None, None) if worked is None else (fresh.muscles.get(worked.muscle), worked.role)
        assert fresh._main_muscle(exercise) == expected
    assert len(fresh._main_muscles) == len(fresh.exercises)
    assert all(fresh._main_muscles[ident][1] == main for ident, (_, main) in kept.items())
    # an exercise of another knowledge base is answered for, not kept
    other = next(iter(pickle.loads(pickle.dumps(kb)).exercises))
    assert other is not fresh.exercises[other.id]
    assert fresh._main_muscle(other) == fresh._main_muscle(fresh.exercises[other.id])
    assert fresh._main_muscles[other.id][0] is fresh.exercises[other.id]


def test_the_fast_maker_of_matches_builds_what_the_record_class_builds(kb: KnowledgeBase) -> None:
    """The walks build their matches with ``new_match``, which sets the slots directly: it must
    set every field attrs declares, in order, and give a record equal to, and hashing as, one
    built by ``ExerciseMatch(...)``."""
    import attrs

    from spinekb._query.answers import new_match

    names = [field.name for field in attrs.fields(ExerciseMatch)]
    assert names == ["exercise", "muscle", "role", "membership", "region", "distance"]
    answers = [kb.exercises_for(muscle_group="hip-abductors", chain=1), kb.exercises_for(region="lumbar-spine")]
    for match in itertools.chain.from_iterable(answers):
        values = [getattr(match, name) for name in names]
        made = new_match(*values)
        built = ExerciseMatch(**dict(zip(names, values, strict=True)))
        assert type(made) is ExerciseMatch
        assert made == built
        assert hash(made) == hash(built)
        assert repr(made) == repr(built)
        assert [getattr(made, name) for name in names] == values
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.distance = 3  # type: ignore[misc]


def test_the_matches_along_the_chain_come_from_one_index_for_each_region_and_distance(kb: KnowledgeBase) -> None:
    """A match through a region along the chain depends only on the exercise, the region and the
    distance, so every answer takes it from the region's index (built once) and shares it; only
    the target's own exercises are left out of it."""
    hip = kb.regions["hip"]
    at_hip = kb._matches_at(hip, 1)
    assert kb._matches_at(hip, 1) is at_hip  # kept, not built again
    assert [m.exercise for m in at_hip] == list(kb._exercises_by_region["hip"])
    assert all(m.region is hip and m.distance == 1 and m.membership is None for m in at_hip)
    indexed = {m.exercise.id: m for m in at_hip}
    for target in ("knee", "pelvis"):
        answer = kb.exercises_for(region=target, chain=1)
        through_hip = [m for m in answer if m.region is hip and m.distance == 1]
        assert through_hip  # the hip neighbours each of these regions
        assert all(m is indexed[m.exercise.id] for m in through_hip)
        own = kb._own_ids(kb.regions[target], False)
        assert not any(m.exercise.id in own for m in through_hip)
