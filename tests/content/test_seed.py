"""Every item of the seed text is in the shipped knowledge base with its numbers (one test each).

The seed is in ../shared/seeds/; the content says the same things in its own words.
"""

from __future__ import annotations

from typing import Any

import attrs

from spinekb import KnowledgeBase, models
from spinekb.models import Range


def text_of(value: Any) -> str:
    """All the words inside a record, lower-cased, for checking that a fact is present."""
    if isinstance(value, str):
        return value.lower()
    if isinstance(value, tuple):
        return " ".join(text_of(item) for item in value)
    if attrs.has(type(value)):
        return " ".join(text_of(getattr(value, f.name)) for f in attrs.fields(type(value)))
    return str(value).lower()


def cites(entry: models.Entry, source: str) -> bool:
    from spinekb._kinds import cited_ids

    return source in cited_ids(entry)


def test_seated_hip_rotation_stretch(kb: KnowledgeBase) -> None:
    exercise = kb.exercises.lookup("hip rotation stretch")
    dosage = exercise.dosage
    assert exercise.exercise_kind is models.ExerciseKind.STRETCH
    assert exercise.position is models.Position.SITTING_ON_FLOOR
    assert (dosage.hold_seconds, dosage.repetitions) == (Range(5, 5), Range(10, 10))
    steps = text_of(exercise.steps)
    assert "ankle" in steps
    assert "across" in steps
    assert "away" in steps
    assert steps.index("across") < steps.index("away"), "pull across first, then push away"
    assert cites(exercise, "seed-hip-rotation-stretch")


def test_bridge_with_interlaced_hands(kb: KnowledgeBase) -> None:
    exercise = kb.exercises["bridge-with-interlaced-hands"]
    assert (exercise.dosage.hold_seconds, exercise.dosage.repetitions) == (Range(10, 10), Range(3, 3))
    steps = text_of(exercise.steps)
    assert "interlace" in steps
    assert "shoulders" in steps
    assert "tailbone" in steps
    assert exercise.position is models.Position.LYING_ON_BACK
    assert cites(exercise, "seed-yoga-bridge")


def test_morning_glute_bridge(kb: KnowledgeBase) -> None:
    exercise = kb.exercises.lookup("glute bridge")
    dosage = exercise.dosage
    assert dosage.hold_seconds == Range(3, 5)
    assert dosage.repetitions == Range(10, 10)
    assert dosage.sets == models.Sets(start=1, target=Range(2, 3))
    cues = text_of(exercise.cues)
    assert "ankles" in cues
    assert "arch" in cues
    assert "morning" in text_of(dosage.notes)
    assert any("morning" in text_of(b) for b in exercise.benefits)
    # It says what the advice is and how much weight it carries, not who gave it.
    assert not any("humphrey" in text_of(b) for b in exercise.benefits)
    assert "gluteus-maximus" in exercise.muscles_in("target")
    assert cites(exercise, "seed-morning-glute-bridge")


def test_kneeling_on_a_yoga_block(kb: KnowledgeBase) -> None:
    exercise = kb.exercises.lookup("hero pose on a block")
    assert exercise.dosage.hold_seconds == Range(30, None)
    assert models.Equipment.YOGA_BLOCK in exercise.equipment
    assert exercise.position is models.Position.KNEELING
    assert "inward" in text_of(exercise.steps)
    assert cites(exercise, "seed-kneeling-block-pose")


def test_side_lying_banded_leg_lift(kb: KnowledgeBase) -> None:
    exercise = kb.exercises.lookup("banded leg lift")
    dosage = exercise.dosage
    assert dosage.repetitions == Range(20, 20)
    assert dosage.per_side is True
    assert dosage.tempo is models.Tempo.QUICK
    assert models.Equipment.RESISTANCE_BAND in exercise.equipment
    assert exercise.position is models.Position.LYING_ON_SIDE
    assert "gluteus-medius" in exercise.muscles_in("target")
    assert cites(exercise, "seed-banded-leg-lift")


def test_hip_programme_frequency_and_rest_days(kb: KnowledgeBase) -> None:
    hip_strengthening = [
        e
        for e in kb.exercises
        if e.exercise_kind is models.ExerciseKind.STRENGTHENING and cites(e, "seed-hip-programme")
    ]
    assert {e.id for e in hip_strengthening} >= {"glute-bridge", "banded-side-lying-leg-lift"}
    for exercise in hip_strengthening:
        assert exercise.dosage.sessions_per_week == Range(3, 5)
        assert exercise.dosage.rest_days_per_week >= 1


def test_knee_and_ankle_control_the_hip_along_the_kinetic_chain(kb: KnowledgeBase) -> None:
    hip = kb.regions["hip"]
    knee = kb.regions["knee"]
    assert {link.region for link in hip.links} >= {"knee"}
    assert {link.region for link in knee.links} >= {"foot-and-ankle", "hip"}
    assert all("seed-hip-programme" in link.sources for link in knee.links if link.region in {"hip", "foot-and-ankle"})
    topic = kb.topics["kinetic-chain"]
    body = text_of(topic)
    assert "knee" in body
    assert "ankle" in body
    assert "hip" in body
    assert cites(topic, "seed-hip-programme")
    # And the query follows it: hip work with chain=1 reaches knee exercises.
    reached = {m.region.id for m in kb.exercises_for("hip-abductors", chain=1)}
    assert "knee" in reached


def test_septic_discitis_and_vertebral_osteomyelitis(kb: KnowledgeBase) -> None:
    for ident in ("septic-discitis", "vertebral-osteomyelitis"):
        condition = kb.conditions[ident]
        assert condition.category is models.ConditionCategory.INFECTION
        assert condition.frequency is models.Frequency.VERY_RARE
        organisms = {p.name for p in condition.pathogens}
        assert {"Staphylococcus aureus", "Mycobacterium tuberculosis"} <= organisms
        assert "fever" in condition.symptoms
        assert "antibiotics-for-spinal-infection" in condition.treatments
        assert "fever-with-back-pain" in condition.red_flags
        assert cites(condition, "seed-spinal-infection")


def test_potts_disease_is_spinal_tuberculosis(kb: KnowledgeBase) -> None:
    condition = kb.conditions.lookup("Pott's disease")
    assert condition is kb.conditions.lookup("spinal tuberculosis")
    assert {p.name for p in condition.pathogens} == {"Mycobacterium tuberculosis"}
    assert next(c.code for c in condition.icd10cm) == "A18.01"
    assert cites(condition, "seed-spinal-infection")


def test_brucellosis_of_the_sacroiliac_joints_from_raw_goats_milk(kb: KnowledgeBase) -> None:
    condition = kb.conditions["spinal-brucellosis"]
    assert "pelvis" in condition.regions
    everything = text_of(condition)
    assert "goat" in everything
    assert "raw" in everything
    assert "sacroiliac" in everything
    assert any(p.name.startswith("Brucella") for p in condition.pathogens)
    assert "raw-dairy-or-livestock-exposure" in condition.red_flags
    assert cites(condition, "seed-spinal-infection")


def test_disc_herniation_ruptured_disc_compressing_a_nerve(kb: KnowledgeBase) -> None:
    condition = kb.conditions.lookup("ruptured disc")
    assert condition.id == "lumbar-disc-herniation"
    assert condition.category is models.ConditionCategory.NERVE_COMPRESSION
    symptoms = " ".join(kb.symptoms[s].name.lower() for s in condition.symptoms)
    assert "numbness" in symptoms
    assert "weakness" in symptoms
    assert cites(condition, "seed-compressive-pain")


def test_long_courses_of_antibiotics(kb: KnowledgeBase) -> None:
    treatment = kb.treatments["antibiotics-for-spinal-infection"]
    course = text_of(treatment.course)
    assert "6 weeks" in course or "six weeks" in course
    assert "3 months" in course or "three months" in course
    assert cites(treatment, "seed-spinal-infection")


def test_tens_mechanism_and_mixed_evidence(kb: KnowledgeBase) -> None:
    tens = kb.treatments.lookup("TENS")
    assert tens.treatment_kind is models.TreatmentKind.DEVICE
    mechanism = text_of(tens.mechanism)
    assert "electrode" in mechanism
    assert "endorphin" in mechanism
    assert "signal" in mechanism
    verdicts = {(e.source, e.verdict) for e in tens.evidence}
    assert ("seed-tens", models.Verdict.MIXED) in verdicts
    assert ("nice-ng59", models.Verdict.NOT_RECOMMENDED) in verdicts


def test_fever_with_localised_back_pain_is_a_red_flag_for_infection(kb: KnowledgeBase) -> None:
    flag = kb.red_flags["fever-with-back-pain"]
    assert {"septic-discitis", "vertebral-osteomyelitis"} <= set(flag.conditions)
    assert flag.urgency >= models.Urgency.URGENT


def test_unexplained_weight_loss_is_weak_alone_and_often_harmless(kb: KnowledgeBase) -> None:
    flag = kb.red_flags.lookup("unexplained weight loss")
    assert flag.informativeness is models.Informativeness.LOW
    harmless = [m for m in flag.modifiers if m.kind is models.ModifierKind.HARMLESS_EXPLANATION]
    assert harmless
    assert harmless[0].urgency is None
    assert "harmless" in text_of(harmless[0])
    assert "diet" in text_of(flag.evidence)


def test_a_flag_with_a_harmless_reason_is_set_aside_and_severe_weeks_long_pain_means_get_checked(
    kb: KnowledgeBase,
) -> None:
    for flag in kb.red_flags:
        kinds = {m.kind: m for m in flag.modifiers}
        if models.ModifierKind.HARMLESS_EXPLANATION in kinds:
            assert kinds[models.ModifierKind.HARMLESS_EXPLANATION].urgency is None
        persistent = kinds.get(models.ModifierKind.SEVERE_PERSISTENT_PAIN)
        if persistent is not None:
            assert persistent.urgency is not None
            assert persistent.urgency >= models.Urgency.SOON
    rule = kb.topics["reading-red-flags"]
    assert cites(rule, "seed-red-flag-commentary")
    assert "weeks" in text_of(rule)
    assert "harmless" in text_of(rule)


def test_adam_encyclopedia_and_its_accreditations(kb: KnowledgeBase) -> None:
    source = kb.sources["adam-medical-encyclopedia"]
    assert source.source_kind is models.SourceKind.ENCYCLOPEDIA
    assert source.publisher == "A.D.A.M., Inc."
    bodies = text_of(source.accreditations)
    assert "urac" in bodies
    assert "health on the net" in bodies
    assert "hi-ethics" in bodies
    assert any(a.url == "https://www.urac.org" for a in source.accreditations)


def test_back_pain_guide_revision_of_2016(kb: KnowledgeBase) -> None:
    source = kb.sources["seed-back-pain-guide-revision"]
    assert source.year == 2016
    notes = text_of(source.notes)
    assert "4,000" in notes
    assert "trigger point" in notes


def test_education_topics_from_the_seed(kb: KnowledgeBase) -> None:
    for ident in ("pain-and-tissue-damage", "myofascial-trigger-points", "compressive-pain"):
        assert ident in kb.topics
    compressive = text_of(kb.topics["compressive-pain"])
    assert "numbness" in compressive
    assert "weakness" in compressive
    assert "disc" in compressive
