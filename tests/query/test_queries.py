"""The query API on the tiny test knowledge base, where every answer is known by construction."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

import spinekb
from spinekb import Exercise, KnowledgeBase, UnknownEntryError, Urgency
from tests.conftest import Editor, entry

# --- collections ------------------------------------------------------------------------------


def test_collection_iterates_in_id_order(mini: KnowledgeBase) -> None:
    assert [e.id for e in mini.exercises] == ["clamshell", "heel-raise", "side-leg-lift", "wall-squat"]
    assert mini.exercises.ids == ("clamshell", "heel-raise", "side-leg-lift", "wall-squat")
    assert len(mini.exercises) == 4


def test_collection_membership_by_id_or_record(mini: KnowledgeBase) -> None:
    clamshell = mini.exercises["clamshell"]
    assert "clamshell" in mini.exercises
    assert clamshell in mini.exercises
    assert "quad" not in mini.exercises
    assert mini.muscles["quad"] not in mini.exercises
    assert 3 not in mini.exercises


def test_getitem_unknown_id_raises_keyerror_with_close_matches(mini: KnowledgeBase) -> None:
    with pytest.raises(KeyError) as caught:
        mini.exercises["clamshel"]
    error = caught.value
    assert isinstance(error, UnknownEntryError)
    assert (error.kind, error.key, error.suggestions[0]) == ("exercise", "clamshel", "clamshell")
    assert str(error) == "no exercise 'clamshel'; did you mean 'clamshell'?"


def test_unknown_with_nothing_close_has_no_suggestions(mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError) as caught:
        mini.exercises["zzzzzz"]
    assert caught.value.suggestions == ()
    assert str(caught.value) == "no exercise 'zzzzzz'"


def test_get_returns_default(mini: KnowledgeBase) -> None:
    assert mini.exercises.get("nope") is None
    assert mini.exercises.get("nope", "fallback") == "fallback"
    assert mini.exercises.get("clamshell") is mini.exercises["clamshell"]


def test_ids_must_be_strings(mini: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="exercise ids are strings, got int"):
        mini.exercises[3]  # type: ignore[index]
    with pytest.raises(TypeError, match="ids are strings"):
        mini.exercises.get(None)  # type: ignore[call-overload]


@pytest.mark.parametrize(
    "text", ["Glute med", "glute-med", "GLUTE MED", "gluteus medius", "Gluteus  Medius!", "glutemed"]
)
def test_lookup_ignores_case_spacing_and_punctuation(mini: KnowledgeBase, text: str) -> None:
    assert mini.muscles.lookup(text).id == "glute-med"


def test_lookup_unknown_suggests(mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError, match="did you mean 'glute-med'"):
        mini.muscles.lookup("gluteus medis")


def test_lookup_requires_text(mini: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="expected a muscle id or name as a string"):
        mini.muscles.lookup(None)  # type: ignore[arg-type]


def test_search_ranks_name_matches_over_summary_matches(mini: KnowledgeBase) -> None:
    # "Side leg lift" has "side" in its name; nothing else in exercises does.
    assert [e.id for e in mini.exercises.search("side")] == ["side-leg-lift"]
    # "leg" is in one name and in no summary; "for" is a stop word and ignored.
    assert [e.id for e in mini.exercises.search("leg for")] == ["side-leg-lift"]


def test_search_matches_word_beginnings_and_plurals(mini: KnowledgeBase) -> None:
    assert [m.id for m in mini.muscle_groups.search("abduct")] == ["abductors"]
    assert [m.id for m in mini.muscle_groups.search("abductor")] == ["abductors"]


def test_search_ties_break_by_id_and_limit_applies(mini: KnowledgeBase) -> None:
    # Every exercise summary ends "for tests.", so all four tie on that word.
    assert [e.id for e in mini.exercises.search("tests")] == list(mini.exercises.ids)
    assert [e.id for e in mini.exercises.search("tests", limit=2)] == ["clamshell", "heel-raise"]
    assert len(mini.exercises.search("tests", limit=None)) == 4


def test_search_prefers_entries_matching_more_words(mini: KnowledgeBase) -> None:
    assert mini.exercises.search("wall tests")[0].id == "wall-squat"


def test_search_argument_errors(mini: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="limit must be at least 1"):
        mini.exercises.search("x", limit=0)
    with pytest.raises(TypeError, match="limit must be a whole number"):
        mini.exercises.search("x", limit="3")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="search text must be a string"):
        mini.exercises.search(5)  # type: ignore[arg-type]
    assert mini.exercises.search("   ") == ()


def test_knowledge_base_level_get_find_and_search(mini: KnowledgeBase) -> None:
    assert mini["quad"] is mini.muscles["quad"]
    assert "quad" in mini
    assert mini.get("nope") is None
    assert mini.find("high temperature") == (mini.symptoms["fever"],)
    assert mini.find("nothing like it") == ()
    assert mini.search("fever")[0].id in {"fever", "test-fever-flag"}
    with pytest.raises(UnknownEntryError, match="no entry 'qaud'; did you mean 'quad'"):
        mini["qaud"]


# --- exercises_for and the kinetic chain --------------------------------------------------------


def ids(matches: tuple[spinekb.ExerciseMatch, ...]) -> list[tuple[str, int, bool]]:
    return [(m.exercise.id, m.distance, m.primary) for m in matches]


def test_exercises_for_group_without_chain(mini: KnowledgeBase) -> None:
    # By default only exercises that train a prime member through the group's movement.
    matches = mini.exercises_for("abductors")
    assert ids(matches) == [("clamshell", 0, True), ("side-leg-lift", 0, True)]
    assert {m.muscle.id for m in matches if m.muscle} == {"glute-med"}
    assert {m.role for m in matches} == {spinekb.MuscleRole.TARGET}
    assert {m.membership for m in matches} == {spinekb.Membership.PRIME}
    assert {m.region.id for m in matches} == {"hip"}
    # Supporting roles only when asked for, ranked after.
    wider = mini.exercises_for("abductors", supporting=True)
    assert ids(wider) == [*ids(matches), ("wall-squat", 0, False)]
    assert wider[-1].role is spinekb.MuscleRole.SYNERGIST
    assert wider[-1].region.id == "knee"  # the exercise's own region


def test_a_target_muscle_counts_for_a_group_only_through_its_movement(edit: Editor) -> None:
    # Wall squat trains the glute med, but through knee extension, not hip abduction.
    def change(data: list[dict[str, Any]]) -> None:
        entry(data, "wall-squat")["muscles"][1]["role"] = "target"

    kb = KnowledgeBase.from_path(edit("exercises", change))
    assert "wall-squat" not in [m.exercise.id for m in kb.exercises_for("abductors")]
    assert "wall-squat" in [m.exercise.id for m in kb.exercises_for("abductors", supporting=True)]
    assert "wall-squat" in [m.exercise.id for m in kb.exercises_for(muscle="glute-med")]


def test_an_accessory_member_matches_only_when_supporting_is_asked_for(edit: Editor) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        entry(data, "glute-med")["groups"][0]["membership"] = "accessory"

    kb = KnowledgeBase.from_path(edit("muscles", change))
    assert kb.exercises_for("abductors") == ()
    wider = kb.exercises_for("abductors", supporting=True)
    assert [m.exercise.id for m in wider][:2] == ["clamshell", "side-leg-lift"]
    assert {m.membership for m in wider} == {spinekb.Membership.ACCESSORY}
    assert "accessory member" in wider[0].why
    assert not wider[0].primary


def test_a_stretch_matches_as_stretched_and_reads_stretches(edit: Editor) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        clamshell = entry(data, "clamshell")
        clamshell.update(exercise_kind="stretch", movements=["hip-adduction"])
        clamshell["muscles"][0]["role"] = "stretched"
        clamshell["variations"] = []
        entry(data, "side-leg-lift")["variations"] = []

    kb = KnowledgeBase.from_path(edit("exercises", change))
    stretch = next(m for m in kb.exercises_for("abductors") if m.exercise.id == "clamshell")
    assert stretch.role is spinekb.MuscleRole.STRETCHED
    assert str(stretch) == "Clamshell: stretches Glute med (prime member; Hip, the target)"
    assert "works" not in str(stretch)
    assert "- stretches Glute med" in kb.describe("clamshell")


def test_a_role_can_be_limited_to_some_of_the_muscles_groups(edit: Editor) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        entry(data, "clamshell")["muscles"][0]["groups"] = ["abductors"]

    kb = KnowledgeBase.from_path(edit("exercises", change))
    assert "clamshell" in [m.exercise.id for m in kb.exercises_for("abductors")]


def test_exercises_for_filters_by_kind(mini: KnowledgeBase) -> None:
    assert mini.exercises_for("abductors", kind="strengthening") == mini.exercises_for("abductors")
    assert mini.exercises_for("abductors", kind=["stretch", "mobility"]) == ()
    assert mini.exercises_for("abductors", kind=spinekb.ExerciseKind.STRENGTHENING).of_kind("stretch") == ()
    with pytest.raises(ValueError, match="kind= must be one of 'stretch', 'strengthening'"):
        mini.exercises_for("abductors", kind="pilates")
    with pytest.raises(TypeError, match="supporting= must be True or False"):
        mini.exercises_for("abductors", supporting="yes")  # type: ignore[arg-type]


def test_muscles_in_a_group_by_membership(edit: Editor, mini: KnowledgeBase) -> None:
    assert [m.id for m in mini.muscles_in("abductors")] == ["glute-med"]
    assert [m.id for m in mini.muscles_in("abductors", membership="prime")] == ["glute-med"]
    assert mini.muscles_in("abductors", membership="accessory") == ()
    with pytest.raises(ValueError, match="membership= applies to muscle groups"):
        mini.muscles_in("hip", membership="prime")
    with pytest.raises(ValueError, match="membership= must be one of 'prime', 'accessory'"):
        mini.muscles_in("abductors", membership="main")


def test_exercises_for_follows_the_chain_by_distance(mini: KnowledgeBase) -> None:
    # Hip -> knee is one link (the wall squat, a knee exercise), ankle is two.
    assert ids(mini.exercises_for("abductors", chain=1)) == [
        *ids(mini.exercises_for("abductors")),
        ("wall-squat", 1, True),
    ]
    two = mini.exercises_for("abductors", chain=2)
    assert ids(two)[-1] == ("heel-raise", 2, True)
    assert two[-1].membership is None
    assert [m.distance for m in two] == sorted(m.distance for m in two)


def test_exercises_for_muscle_and_region(mini: KnowledgeBase) -> None:
    assert ids(mini.exercises_for(muscle="quad")) == [("wall-squat", 0, True)]
    assert ids(mini.exercises_for(muscle="quad", supporting=True)) == [
        ("wall-squat", 0, True),
        ("side-leg-lift", 0, False),
    ]
    # A region's exercises are those that name it among their own regions.
    assert ids(mini.exercises_for(region="ankle", chain=1)) == [("heel-raise", 0, True), ("wall-squat", 1, True)]
    assert mini.exercises_for(region="island", chain=3) == ()


def test_exercises_for_accepts_records_ids_and_names(mini: KnowledgeBase) -> None:
    expected = mini.exercises_for("abductors")
    assert mini.exercises_for(mini.muscle_groups["abductors"]) == expected
    assert mini.exercises_for("side hip muscles") == expected


def test_exercises_for_argument_errors(mini: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="exactly one of muscle_group=, muscle= or region=; got 0"):
        mini.exercises_for()
    with pytest.raises(TypeError, match="got 2"):
        mini.exercises_for("abductors", muscle="quad")
    with pytest.raises(TypeError, match="chain must be a whole number"):
        mini.exercises_for("abductors", chain=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="chain must be a whole number"):
        mini.exercises_for("abductors", chain=True)
    with pytest.raises(ValueError, match="chain must be 0 or more"):
        mini.exercises_for("abductors", chain=-1)
    with pytest.raises(UnknownEntryError, match="no muscle group 'abducters'; did you mean 'abductors'"):
        mini.exercises_for("abducters")
    with pytest.raises(TypeError, match="muscle_group= expects a muscle group, got Muscle 'quad'"):
        mini.exercises_for(mini.muscles["quad"])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expects a muscle, its id or its name, got int"):
        mini.exercises_for(muscle=7)  # type: ignore[arg-type]


def test_exercise_match_reads_as_a_sentence(mini: KnowledgeBase) -> None:
    last = mini.exercises_for("abductors", chain=2)[-1]
    assert str(last) == "Heel raise: trains Soleus (Ankle, 2 links away)"
    assert last.why == "trains Soleus (Ankle, 2 links away)"


def test_a_record_from_another_knowledge_base_is_not_accepted(mini: KnowledgeBase, kb: KnowledgeBase) -> None:
    foreign = next(iter(kb.muscle_groups))
    with pytest.raises(UnknownEntryError):
        mini.exercises_for(foreign)


def test_kinetic_chain_neighbours_and_distance(mini: KnowledgeBase) -> None:
    chain = mini.kinetic_chain
    assert [r.id for r in chain.neighbours("hip")] == ["knee", "pelvis"]
    assert [r.id for r in chain.neighbours("hip", distance=2)] == ["knee", "pelvis", "ankle"]
    assert chain.neighbours("hip", distance=0) == ()
    assert chain.distance("ankle", "Pelvis") == 3
    assert chain.distance("ankle", "island") is None
    assert chain.distances("knee") == {"knee": 0, "ankle": 1, "hip": 1, "pelvis": 2}
    assert [(a.id, b.id) for a, b in chain.links] == [("ankle", "knee"), ("hip", "knee"), ("hip", "pelvis")]
    with pytest.raises(ValueError, match="distance must be 0 or more"):
        chain.neighbours("hip", distance=-1)
    with pytest.raises(UnknownEntryError, match="no region 'hipp'"):
        chain.neighbours("hipp")


# --- clinical links ---------------------------------------------------------------------------


def test_treatments_red_flags_and_conditions_for(mini: KnowledgeBase) -> None:
    assert [t.id for t in mini.treatments_for("test-infection")] == ["test-antibiotics"]
    # Not listed on the condition, but its evidence is about it.
    assert [t.id for t in mini.treatments_for("Test strain")] == ["test-device"]
    assert [f.id for f in mini.red_flags_for("bug in the back")] == ["test-fever-flag"]
    # Most urgent first: the infection (urgent) before the strain (self-care).
    assert [c.id for c in mini.conditions_for("test-fever-flag")] == ["test-infection", "test-strain"]
    with pytest.raises(UnknownEntryError, match="no condition"):
        mini.treatments_for("test-infektion")
    with pytest.raises(TypeError, match="red_flag= expects a red flag"):
        mini.conditions_for(mini.conditions["test-strain"])  # type: ignore[arg-type]


def test_muscles_in_group_or_region(mini: KnowledgeBase) -> None:
    assert [m.id for m in mini.muscles_in("abductors")] == ["glute-med"]
    assert [m.id for m in mini.muscles_in(mini.regions["ankle"])] == ["soleus"]
    assert mini.muscles_in("pelvis") == ()
    with pytest.raises(UnknownEntryError, match="no muscle group or region"):
        mini.muscles_in("elbow")
    with pytest.raises(TypeError):
        mini.muscles_in(3)  # type: ignore[arg-type]


def test_urgency_is_ordered() -> None:
    assert Urgency.SELF_CARE < Urgency.SOON < Urgency.URGENT < Urgency.EMERGENCY
    assert max([Urgency.SOON, Urgency.EMERGENCY, Urgency.URGENT]) is Urgency.EMERGENCY
    assert Urgency.URGENT >= Urgency.URGENT
    assert Urgency.SOON.__lt__("soon") is NotImplemented


# --- records ----------------------------------------------------------------------------------


def test_records_are_frozen(mini: KnowledgeBase) -> None:
    exercise = mini.exercises["clamshell"]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        exercise.name = "Changed"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        exercise.steps.append("more")  # type: ignore[attr-defined]
    assert isinstance(exercise.steps, tuple)


def test_results_cannot_change_what_the_next_caller_sees(mini: KnowledgeBase) -> None:
    first = mini.exercises_for("abductors")
    assert isinstance(first, tuple)
    assert mini.exercises_for("abductors") == first


def test_reprs_are_one_line(mini: KnowledgeBase) -> None:
    assert repr(mini.exercises["clamshell"]) == "Exercise('clamshell', name='Clamshell')"
    assert repr(mini.exercises) == "<Collection of 4 exercise entries>"
    assert repr(mini.kinetic_chain) == "<KineticChain of 5 regions, 3 links>"
    assert repr(mini).startswith("<KnowledgeBase: 2 source, 5 region")


def test_describe_shows_names_dosage_and_sources(mini: KnowledgeBase) -> None:
    text = mini.describe("side-leg-lift")
    assert text.splitlines()[0] == "Side leg lift (exercise: side-leg-lift)"
    assert "- trains Glute med" in text
    assert "- also works Quad" in text
    assert "Not with Test strain: Let a fresh strain settle before loaded hip work." in text
    assert "Regions: Hip" in text
    assert "10 repetitions; 1 set, building to 2-3; 3-5 sessions a week" in text
    assert "[test-guideline] Test guideline on backs. 2020. https://example.org/guideline" in text
    assert spinekb.NOTICE not in text


def test_describe_of_clinical_entries_carries_the_notice(mini: KnowledgeBase) -> None:
    for ident in ("test-infection", "test-fever-flag", "fever", "test-antibiotics"):
        assert spinekb.NOTICE.split(".")[0] in mini.describe(ident).replace("\n", " "), ident


def test_str_of_a_record_is_readable_without_a_knowledge_base(mini: KnowledgeBase) -> None:
    text = str(mini.red_flags["test-fever-flag"])
    assert text.startswith("Fever with back pain (red flag: test-fever-flag)")
    assert "harmless explanation: A cold explains it. (no longer a red flag)" in text
    assert "does not diagnose" in text


def test_describe_argument_errors(mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError):
        mini.describe("nope")
    with pytest.raises(TypeError, match="expected an entry or its id"):
        mini.describe(3)  # type: ignore[arg-type]


def test_sources_of_collects_nested_citations(mini: KnowledgeBase) -> None:
    assert [s.id for s in mini.sources_of(mini.exercises["clamshell"])] == ["test-guideline"]


def test_exercise_model_rejects_positional_arguments() -> None:
    with pytest.raises(TypeError):
        Exercise("x", "X")  # type: ignore[call-arg]


def test_module_level_queries_use_the_bundled_knowledge_base(kb: KnowledgeBase) -> None:
    condition = next(iter(kb.conditions))
    assert spinekb.treatments_for(condition.id) == kb.treatments_for(condition)
    assert spinekb.red_flags_for(condition.name) == kb.red_flags_for(condition)
    flag = next(iter(kb.red_flags))
    assert spinekb.conditions_for(flag) == kb.conditions_for(flag)
    group = next(iter(kb.muscle_groups))
    assert spinekb.exercises_for(group.id, chain=1) == kb.exercises_for(group, chain=1)
    assert spinekb.get(group.id) is group
    assert spinekb.find(group.name) == kb.find(group.name)
    assert spinekb.search(group.name) == kb.search(group.name)
    assert spinekb.describe(group.id) == kb.describe(group)


# --- avoid= ---------------------------------------------------------------------------------


def test_avoid_leaves_out_contraindicated_exercises_and_says_why(mini: KnowledgeBase) -> None:
    everything = mini.exercises_for("abductors", chain=2)
    assert everything.left_out == ()
    assert everything.avoided == ()
    strain = mini.conditions["test-strain"]
    result = mini.exercises_for("abductors", chain=2, avoid="test strain")
    assert result.avoided == (strain,)
    assert [item.exercise.id for item in result.left_out] == ["side-leg-lift"]
    item = result.left_out[0]
    assert item.because == (strain,)
    assert item.reason == "not advised with Test strain: Let a fresh strain settle before loaded hip work."
    assert [m.exercise.id for m in result] == [m.exercise.id for m in everything if m.exercise.id != "side-leg-lift"]
    assert mini.why_avoid("side-leg-lift", strain) == item
    assert mini.why_avoid("clamshell", strain) is None


def test_avoid_applies_a_conditions_restricted_movements(edit: Editor) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        entry(data, "test-strain")["restricted_movements"] = [
            {"movements": ["knee-extension"], "text": "Knee work waits.", "sources": ["test-textbook"]}
        ]

    kb = KnowledgeBase.from_path(edit("conditions", change))
    result = kb.exercises_for(region="knee", chain=2, avoid="test-strain")
    left = {item.exercise.id: item.reason for item in result.left_out}
    assert left["wall-squat"] == "knee extension is left out with Test strain: Knee work waits."
    assert "wall-squat" not in [m.exercise.id for m in result]
    assert "heel-raise" in [m.exercise.id for m in result]  # no knee extension: kept


def test_avoid_applies_a_caution_that_names_the_condition(edit: Editor) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        entry(data, "heel-raise")["cautions"] = [
            {"text": "Check with a physiotherapist first.", "sources": ["test-textbook"], "conditions": ["test-strain"]}
        ]

    kb = KnowledgeBase.from_path(edit("exercises", change))
    left = kb.why_avoid("heel-raise", "test-strain")
    assert left is not None
    assert left.reason == "with Test strain, only with a clinician's advice: Check with a physiotherapist first."
    assert "With Test strain: Check with a physiotherapist first." in kb.describe("heel-raise")


def test_avoiding_an_urgent_entry_leaves_out_every_exercise(mini: KnowledgeBase) -> None:
    for ident in ("test-infection", "test-fever-flag"):
        result = mini.exercises_for(region="hip", chain=3, avoid=ident)
        assert len(result) == 0
        assert len(result.left_out) == len(mini.exercises)
        assert all("needs urgent medical care before any exercise programme" in i.reason for i in result.left_out)


def test_why_avoid_argument_errors(mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError, match="no exercise 'clamshel'; did you mean 'clamshell'"):
        mini.why_avoid("clamshel", "test-strain")
    with pytest.raises(UnknownEntryError):
        mini.why_avoid("clamshell", "no such thing")


def test_avoid_with_nothing_contraindicated_changes_nothing(kb: KnowledgeBase) -> None:
    plain = kb.exercises_for(region="hip")
    avoided = kb.exercises_for(region="hip", avoid="nonspecific low back pain")  # no exercise is ruled out
    assert tuple(avoided) == tuple(plain)
    assert avoided.left_out == ()


def test_avoid_accepts_one_name_and_rejects_bad_values(kb: KnowledgeBase) -> None:
    assert kb.exercises_for(region="hip", avoid="saddle numbness").left_out
    with pytest.raises(UnknownEntryError) as caught:
        kb.exercises_for(region="hip", avoid=["cauda equina syndrom"])
    assert caught.value.kind == "condition or red flag"
    assert "cauda-equina-syndrome" in caught.value.suggestions
    with pytest.raises(TypeError, match="avoid= expects conditions or red flags"):
        kb.exercises_for(region="hip", avoid=[3])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="avoid= expects conditions or red flags"):
        kb.exercises_for(region="hip", avoid=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        kb.exercises_for(region="hip", avoid=[kb.exercises["clamshell"]])  # type: ignore[list-item]


def test_exercise_matches_is_a_read_only_tuple(kb: KnowledgeBase) -> None:
    import pickle

    result = kb.exercises_for(region="hip", avoid="saddle numbness")
    assert isinstance(result, tuple)
    with pytest.raises(AttributeError):
        result.left_out = ()
    with pytest.raises(AttributeError):
        del result.avoided
    copy = pickle.loads(pickle.dumps(result))
    assert copy == result
    assert copy.left_out == result.left_out


def test_describe_takes_a_record_an_id_or_a_name(kb: KnowledgeBase) -> None:
    bridge = kb.exercises["glute-bridge"]
    assert kb.describe("glute bridge") == kb.describe("glute-bridge") == kb.describe(bridge)
    with pytest.raises(UnknownEntryError) as caught:
        kb.describe("glute brige")
    assert "glute-bridge" in caught.value.suggestions
