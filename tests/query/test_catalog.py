"""The queries features are built on: what screening reads, one kind by any of its names, the chain
from several regions, and the target an exercise answer was asked about."""

from __future__ import annotations

import pytest

import spinekb
from spinekb import Entry, Exercise, KnowledgeBase, RedFlag, Urgency


def test_red_flags_triggered_by_a_symptom_are_those_whose_triggers_name_it(kb: KnowledgeBase) -> None:
    for symptom in kb.symptoms:
        expected = [flag for flag in kb.red_flags if any(symptom.id in t.symptoms for t in flag.triggers)]
        assert list(kb.red_flags_triggered_by(symptom.id)) == expected
        assert kb.red_flags_triggered_by(symptom) == kb.red_flags_triggered_by(symptom.name)
    assert any(kb.red_flags_triggered_by(symptom) for symptom in kb.symptoms)
    with pytest.raises(spinekb.UnknownEntryError, match="saddle"):
        kb.red_flags_triggered_by("sadle numbness")


def test_red_flags_with_age_triggers_are_exactly_those_an_age_can_raise(kb: KnowledgeBase) -> None:
    aged = kb.red_flags_with_age_triggers()
    assert aged
    for flag in kb.red_flags:
        by_age = any(t.age_over is not None or t.age_under is not None for t in flag.triggers)
        assert (flag in aged) == by_age, flag.id


def test_entries_by_urgency(kb: KnowledgeBase) -> None:
    emergencies = kb.red_flags_at("emergency")
    assert emergencies == kb.red_flags_at(Urgency.EMERGENCY)
    assert {"saddle-numbness", "new-bladder-or-bowel-dysfunction"} <= {flag.id for flag in emergencies}
    assert all(flag.urgency is Urgency.EMERGENCY for flag in emergencies)
    assert sum(len(kb.red_flags_at(urgency)) for urgency in Urgency) == len(kb.red_flags)
    chest = kb.symptoms_at("emergency")
    assert "chest-pain" in {s.id for s in chest}
    assert all(s.seek_care is not None and s.seek_care.urgency is Urgency.EMERGENCY for s in chest)
    with pytest.raises(ValueError, match=r"urgency= must be one of 'self-care', .* not 'asap'"):
        kb.red_flags_at("asap")
    with pytest.raises(TypeError, match="urgency= expects one of"):
        kb.symptoms_at(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("red-flags", RedFlag),
        ("red_flags", RedFlag),
        ("red-flag", RedFlag),
        (" Red Flags ", RedFlag),
        (RedFlag, RedFlag),
        ("exercises", Exercise),
        ("exercise", Exercise),
    ],
)
def test_one_kind_by_any_of_its_names(kb: KnowledgeBase, name: str | type[Entry], kind: type[Entry]) -> None:
    collection = kb.collection(name)
    assert collection is kb.collection(kind)
    assert collection.kind == kind.kind


def test_an_unknown_kind_names_the_kinds(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown kind 'exercize'; expected one of sources, regions"):
        kb.collection("exercize")
    with pytest.raises(ValueError, match="unknown kind Urgency"):
        kb.collection(Urgency)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="kind must be a record class or a name"):
        kb.collection(3)  # type: ignore[arg-type]


def test_distances_from_several_regions_take_the_nearest(kb: KnowledgeBase) -> None:
    chain = kb.kinetic_chain
    both = chain.distances_from(["hip", "knee"])
    for region in chain.regions:
        nearest = [
            d for d in (chain.distances("hip").get(region.id), chain.distances("knee").get(region.id)) if d is not None
        ]
        assert both.get(region.id) == (min(nearest) if nearest else None)
    assert chain.distances_from(["hip"], 1) == chain.distances("hip", 1)


def test_an_exercise_answer_says_what_it_was_asked_about(kb: KnowledgeBase) -> None:
    assert kb.exercises_for("hip abductors").target is kb.muscle_groups["hip-abductors"]
    assert kb.exercises_for(muscle="gluteus medius").target is kb.muscles["gluteus-medius"]
    assert kb.exercises_for(region="hip").target is kb.regions["hip"]
