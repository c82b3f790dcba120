"""The bundled exercises as a physiotherapist would read them: roles, memberships, movements and
what each condition rules out."""

from __future__ import annotations

import pytest

from spinekb import KnowledgeBase, Membership, MuscleRole, Urgency
from spinekb.models import Caution, Condition, Contraindication, ExerciseKind, Movement, RedFlag


def test_every_groups_default_answer_trains_or_stretches_a_prime_member(kb: KnowledgeBase) -> None:
    from tests.content.test_breadth import NO_OWN_EXERCISE

    for group in kb.muscle_groups:
        matches = kb.exercises_for(group)
        assert bool(matches) is (group.id not in NO_OWN_EXERCISE), group.id
        prime = {muscle.id for muscle in kb.muscles_in(group, membership="prime")}
        for match in matches:
            assert match.muscle is not None, (group.id, match.exercise.id)
            assert match.muscle.id in prime, (group.id, match.exercise.id)
            assert match.role in (MuscleRole.TARGET, MuscleRole.STRETCHED), (group.id, match.exercise.id)
            assert match.membership is Membership.PRIME
            if match.role is MuscleRole.TARGET and group.movement is not None:
                assert group.movement in match.exercise.movements, (group.id, match.exercise.id)


def test_supporting_matches_come_after_the_default_ones(kb: KnowledgeBase) -> None:
    for group in kb.muscle_groups:
        default = [m.exercise.id for m in kb.exercises_for(group)]
        wider = [m.exercise.id for m in kb.exercises_for(group, supporting=True)]
        assert wider[: len(default)] == default, group.id


def test_the_hip_abductors_default_answer_is_abduction_work(kb: KnowledgeBase) -> None:
    matches = kb.exercises_for("hip abductors")
    ids = {m.exercise.id for m in matches}
    # The stretches of the buttock and the lower back stretch gluteus maximus, an accessory
    # abductor at most: they are not hip-abductor work.
    assert not ids & {"knee-hugs", "single-knee-to-chest-stretch", "lying-piriformis-stretch"}
    strengthening = matches.of_kind("strengthening", "stability")
    assert len(strengthening) >= 4
    assert all(Movement.HIP_ABDUCTION in m.exercise.movements for m in strengthening)


def test_a_stretch_never_reads_as_working_a_muscle(kb: KnowledgeBase) -> None:
    for exercise in kb.exercises:
        text = kb.describe(exercise)
        for worked in exercise.muscles:
            name = kb.muscles[worked.muscle].name
            if worked.role is MuscleRole.STRETCHED:
                assert f"- stretches {name}" in text, (exercise.id, name)
                assert f"works {name}" not in text, (exercise.id, name)
    for group in kb.muscle_groups:
        for match in kb.exercises_for(group, supporting=True):
            if match.role is MuscleRole.STRETCHED:
                assert match.why.startswith("stretches "), match
                assert "works" not in str(match)


def test_every_exercise_has_its_own_regions_and_movements(kb: KnowledgeBase) -> None:
    thoracic = kb.exercises["thoracic-extension-over-chair"]
    assert thoracic.regions[0] == "thoracic-spine"
    assert Movement.THORACIC_EXTENSION in thoracic.movements
    for ident in ("press-up-on-hands", "back-extension-on-elbows"):
        exercise = kb.exercises[ident]
        assert Movement.LUMBAR_EXTENSION in exercise.movements
        # lumbar extension, not abdominal work: rectus abdominis is only lengthened
        assert not exercise.muscles_in("target")
        assert exercise.muscles_in("stretched") == ("rectus-abdominis",)
    for exercise in kb.exercises:
        if exercise.exercise_kind is ExerciseKind.STRETCH:
            assert exercise.muscles_in("stretched"), exercise.id
            assert not exercise.muscles_in("target"), exercise.id


def _soft(kb: KnowledgeBase) -> list[Condition | RedFlag]:
    return [entry for entry in (*kb.conditions, *kb.red_flags) if entry.urgency < Urgency.URGENT]


def test_avoid_keeps_exercise_for_every_condition_that_does_not_need_care_first(kb: KnowledgeBase) -> None:
    for entry in (*kb.conditions, *kb.red_flags):
        result = kb.exercises_for(region="lumbar-spine", chain=3, avoid=entry)
        if entry.urgency >= Urgency.URGENT:
            assert len(result) == 0, entry.id  # care comes first
            assert len(result.left_out) > 0
        else:
            assert result, f"avoiding {entry.id} leaves no exercise at all"


def test_avoid_leaves_out_every_exercise_whose_cautions_or_contraindications_name_it(kb: KnowledgeBase) -> None:
    for entry in _soft(kb):
        everything = kb.exercises_for(region="lumbar-spine", chain=3)
        result = kb.exercises_for(region="lumbar-spine", chain=3, avoid=entry)
        left = {item.exercise.id: item for item in result.left_out}
        for match in everything:
            exercise = match.exercise
            named: list[Caution | Contraindication] = [c for c in exercise.cautions if entry.id in c.conditions]
            named += [c for c in exercise.contraindications if entry.id in c.conditions]
            if named:
                assert exercise.id in left, (entry.id, exercise.id)
                for item in named:
                    assert item.text in left[exercise.id].reason
            assert (exercise.id in left) == (kb.why_avoid(exercise, entry) is not None)
        assert {m.exercise.id for m in result} | set(left) == {m.exercise.id for m in everything}


def test_restricted_movements_leave_out_exactly_those_movements(kb: KnowledgeBase) -> None:
    restricted = [c for c in kb.conditions if c.restricted_movements]
    assert {"lumbar-spinal-stenosis", "spondylolisthesis", "spondylolysis", "osteoporotic-vertebral-fracture"} <= {
        c.id for c in restricted
    }
    for condition in restricted:
        banned = {m for r in condition.restricted_movements for m in r.movements}
        for exercise in kb.exercises:
            left = kb.why_avoid(exercise, condition)
            if banned & set(exercise.movements):
                assert left is not None, (condition.id, exercise.id)
            named = any(condition.id in c.conditions for c in exercise.cautions) or any(
                condition.id in c.conditions for c in exercise.contraindications
            )
            if left is not None and not named:
                assert banned & set(exercise.movements), (condition.id, exercise.id)


@pytest.mark.parametrize("ident", ["lumbar-spinal-stenosis", "spondylolisthesis", "spondylolysis"])
def test_extension_work_is_left_out_with_stenosis_and_spondylolisthesis(kb: KnowledgeBase, ident: str) -> None:
    for exercise in ("press-up-on-hands", "back-extension-on-elbows"):
        left = kb.why_avoid(exercise, ident)
        assert left is not None
        assert left.because == (kb.conditions[ident],)
    assert kb.why_avoid("knee-hugs", ident) is None  # flexion is kept


def test_a_suspected_osteoporotic_fracture_keeps_ankle_work_and_leaves_out_loaded_flexion(kb: KnowledgeBase) -> None:
    fracture = kb.conditions["osteoporotic-vertebral-fracture"]
    for match in kb.exercises_for(region="foot-and-ankle"):
        if Movement.LUMBAR_FLEXION not in match.exercise.movements:
            assert kb.why_avoid(match.exercise, fracture) is None, match.exercise.id
    assert kb.why_avoid("curl-up", fracture) is not None
    # Its red flags follow it: known osteoporosis leaves out what the fracture does.
    assert kb.why_avoid("curl-up", "known-osteoporosis") is not None
    assert "can point to" in kb.why_avoid("curl-up", "known-osteoporosis").reason  # type: ignore[union-attr]


def test_a_red_flag_applies_the_rules_of_the_conditions_that_list_it(kb: KnowledgeBase) -> None:
    fall = kb.red_flags["minor-fall-or-injury"]
    fracture = kb.conditions["osteoporotic-vertebral-fracture"]
    assert fracture.id not in fall.conditions
    assert fall.id in fracture.red_flags  # listed by the fracture only
    left = kb.why_avoid("curl-up", fall)
    assert left is not None
    assert left.because == (fall,)
    assert fracture.name in left.reason
    assert kb.why_avoid("heel-raise", fall) is None
