"""Each content rule the loader enforces, one broken fixture each, checked by entry and field."""

from __future__ import annotations

import json
import pathlib
from collections.abc import Callable
from typing import Any

import pytest

from spinekb import ContentError, KnowledgeBase
from spinekb._content.canonical import main as canonical_main
from spinekb._content.canonical import rewrite
from tests.conftest import Editor, entry

Change = Callable[[list[dict[str, Any]]], object]


RULES: list[tuple[str, str, Change, str, str, str]] = [
    # (kind file, entry, change, expected field, expected message fragment, test id)
    (
        "conditions",
        "test-strain",
        lambda d: entry(d, "test-strain").update(icd10cm=[{"code": "m54.5", "label": "x"}]),
        "$.icd10cm[0].code",
        "not written like an ICD-10-CM code",
        "icd-format",
    ),
    (
        "conditions",
        "test-strain",
        lambda d: entry(d, "test-strain").update(icd10cm=[]),
        "$.icd10cm",
        "at least one ICD-10-CM code",
        "icd-missing",
    ),
    ("symptoms", "fever", lambda d: entry(d, "fever").update(hpo="HP:12"), "$.hpo", "not an HPO id", "hpo-format"),
    (
        "sources",
        "test-guideline",
        lambda d: entry(d, "test-guideline").update(url="www.example.org"),
        "$.url",
        "not an http(s) address",
        "url-format",
    ),
    (
        "sources",
        "test-guideline",
        lambda d: entry(d, "test-guideline").update(doi="doi:10.1/x"),
        "$.doi",
        "not a DOI",
        "doi-format",
    ),
    ("muscles", "quad", lambda d: entry(d, "quad").update(name="  "), "$.name", "letters or digits", "blank-name"),
    (
        "muscles",
        "quad",
        lambda d: entry(d, "quad").update(summary=" "),
        "$.summary",
        "must not be empty",
        "blank-summary",
    ),
    (
        "muscles",
        "quad",
        lambda d: entry(d, "quad").update(actions=["", "knee extension"]),
        "$.actions[0]",
        "must not be empty",
        "blank-list-item",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(steps=[]),
        "$.steps",
        "at least one step",
        "no-steps",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(muscles=[]),
        "$.muscles",
        "a strengthening exercise must name at least one target muscle",
        "no-muscles",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(exercise_kind="stretch"),
        "$.muscles",
        "a stretch exercise must name at least one stretched muscle",
        "stretch-without-stretched-muscle",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat")["muscles"].append({"muscle": "quad", "role": "stretched"}),
        "$.muscles[2].muscle",
        "listed twice; give each muscle one role",
        "two-roles",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat")["muscles"][0].update(groups=["abductors"]),
        "$.muscles[0].groups[0]",
        "muscle 'quad' does not belong to the muscle group 'abductors'",
        "role-for-a-group-it-is-not-in",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat")["muscles"][0].update(role="mover"),
        "$.muscles[0].role",
        "mover",
        "unknown-role",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat").update(movements=[]),
        "$.movements",
        "at least one movement",
        "no-movements",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat").update(regions=[]),
        "$.regions",
        "at least one region",
        "no-regions",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat").update(regions=["quad"]),
        "$.regions[0]",
        "which is a muscle, not a region",
        "region-of-the-wrong-kind",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(repetitions=0),
        "$.dosage.repetitions",
        "must be at least 1",
        "zero-repetitions",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(rest_days_per_week=5),
        "$.dosage.rest_days_per_week",
        "do not fit beside 3 sessions",
        "too-many-rest-days",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(sets={"start": 0}),
        "$.dosage.sets.start",
        "must be at least 1",
        "zero-sets",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(sessions_per_week={"min": 2}),
        "$.dosage.sessions_per_week",
        "1-7 sessions",
        "open-ended-week",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(variations=[{"exercise": "clamshell", "relation": "harder"}]),
        "$.variations[0].exercise",
        "variation of itself",
        "self-variation",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(regions=["hip", "hip"]),
        "$.regions",
        "same id more than once",
        "repeated-id",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(
            contraindications=[{"conditions": ["quad"], "text": "Not with this.", "sources": ["test-textbook"]}]
        ),
        "$.contraindications[0].conditions[0]",
        "which is a muscle, not a condition or red flag",
        "wrong-kind-either",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(
            contraindications=[{"conditions": [], "text": "Not with this.", "sources": ["test-textbook"]}]
        ),
        "$.contraindications[0].conditions",
        "must name at least one condition or red flag",
        "contraindication-for-nothing",
    ),
    (
        "exercises",
        "wall-squat",
        lambda d: entry(d, "wall-squat").update(variations=[{"exercise": "heel-raise", "relation": "harder"}]),
        "$.variations[0].exercise",
        "exercise 'heel-raise' does not list 'wall-squat' as easier",
        "variation-listed-one-way",
    ),
    (
        "conditions",
        "test-strain",
        lambda d: entry(d, "test-strain").update(
            restricted_movements=[{"movements": [], "text": "Leave it out.", "sources": ["test-textbook"]}]
        ),
        "$.restricted_movements[0].movements",
        "must name at least one movement",
        "restriction-of-nothing",
    ),
    (
        "conditions",
        "test-strain",
        lambda d: entry(d, "test-strain").update(
            restricted_movements=[{"movements": ["somersault"], "text": "Leave it out.", "sources": ["test-textbook"]}]
        ),
        "$.restricted_movements[0].movements[0]",
        "somersault",
        "unknown-movement",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(conditions=[]),
        "$.conditions",
        "at least one condition",
        "flag-without-condition",
    ),
    (
        "regions",
        "hip",
        lambda d: entry(d, "hip")["links"].append({"region": "hip", "sources": ["test-textbook"]}),
        "$.links[2].region",
        "cannot link to itself",
        "self-link",
    ),
    (
        "topics",
        "test-topic",
        lambda d: entry(d, "test-topic").update(see_also=["nowhere"]),
        "$.see_also[0]",
        "'nowhere', which is not an entry",
        "see-also-dangling",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(hold_seconds={"min": 5, "max": 2}),
        "$.dosage.hold_seconds",
        "max (2) is below min (5)",
        "range-reversed",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(hold_seconds={"max": 2}),
        "$.dosage.hold_seconds",
        "a range needs min",
        "range-without-min",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(hold_seconds={"min": 2, "upto": 4}),
        "$.dosage.hold_seconds",
        "unknown key(s) upto",
        "range-unknown-key",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(hold_seconds={"min": 2.5}),
        "$.dosage.hold_seconds",
        "min and max must be whole numbers",
        "range-float",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(sessions_per_week=None),
        "$.dosage.sessions_per_week",
        "got null",
        "required-range-null",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(per_side="yes"),
        "$.dosage.per_side",
        "expected true or false, got a string",
        "bool-as-string",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell")["dosage"].update(rest_days_per_week=True),
        "$.dosage.rest_days_per_week",
        "expected a whole number, got true/false",
        "bool-as-int",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(steps=[["nested"]]),
        "$.steps[0]",
        "expected a string, got a list",
        "list-as-string",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(exercise_kind=7),
        "$.exercise_kind",
        "expected a string, got a number",
        "number-as-enum",
    ),
    (
        "exercises",
        "clamshell",
        lambda d: entry(d, "clamshell").update(dosage=[1]),
        "$.dosage",
        "expected an object, got a list",
        "list-as-object",
    ),
    (
        "sources",
        "test-guideline",
        lambda d: entry(d, "test-guideline").update(year="2020"),
        "$.year",
        "expected a whole number, got a string",
        "optional-int",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(
            triggers=[{"symptoms": ["fever", "nowhere"], "sources": ["test-guideline"]}]
        ),
        "$.triggers[0].symptoms[1]",
        "'nowhere' is not among the red flag's symptoms",
        "trigger-symptom-not-listed",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(triggers=[{"sources": ["test-guideline"]}]),
        "$.triggers[0]",
        "a trigger needs symptoms, an age, or both",
        "empty-trigger",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(triggers=[{"age_over": 200, "sources": ["test-guideline"]}]),
        "$.triggers[0].age_over",
        "must be an age in years",
        "trigger-age",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(triggers=[{"age_under": -1, "sources": ["test-guideline"]}]),
        "$.triggers[0].age_under",
        "must be an age in years",
        "trigger-age-under",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(
            triggers=[{"age_over": 40, "age_under": 41, "sources": ["test-guideline"]}]
        ),
        "$.triggers[0].age_under",
        "no age is both over 40 and under 41",
        "trigger-ages-that-never-meet",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(
            triggers=[{"age_over": 40, "onset": ["stable"], "sources": ["test-guideline"]}]
        ),
        "$.triggers[0].onset",
        "only a trigger with symptoms can ask for their onset",
        "onset-without-symptoms",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(
            triggers=[{"symptoms": ["fever"], "onset": ["sudden"], "sources": ["test-guideline"]}]
        ),
        "$.triggers[0].onset[0]",
        "'sudden'",
        "onset-not-in-the-vocabulary",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {
                "kind": "severe-new-pain",
                "urgency": "urgent",
                "text": "x",
                "sources": ["test-guideline"],
                "onset": ["new"],
            }
        ),
        "$.modifiers[1].onset",
        "only what other findings bring can ask for their onset, not 'severe-new-pain'",
        "onset-on-a-pain-modifier",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "age-over", "urgency": "urgent", "text": "x", "sources": ["test-guideline"]}
        ),
        "$.modifiers[1].age_over",
        "an age-over modifier needs the age it applies over",
        "age-over-without-an-age",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "trauma", "urgency": "urgent", "text": "x", "sources": ["test-guideline"], "age_over": 60}
        ),
        "$.modifiers[1].age_over",
        "only an age-over or combined-flags modifier names an age, not 'trauma'",
        "age-on-another-kind",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "age-over", "urgency": "urgent", "text": "x", "sources": ["test-guideline"], "age_over": 300}
        ),
        "$.modifiers[1].age_over",
        "must be an age in years (0-120), not 300",
        "age-over-out-of-range",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "age-under", "urgency": "emergency", "text": "x", "sources": ["test-guideline"]}
        ),
        "$.modifiers[1].age_under_days",
        "an age-under modifier needs the age in days it applies under",
        "age-under-without-an-age",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {
                "kind": "age-over",
                "urgency": "urgent",
                "text": "x",
                "sources": ["test-guideline"],
                "age_over": 60,
                "age_under_days": 90,
            }
        ),
        "$.modifiers[1].age_under_days",
        "only an age-under modifier names an age in days, not 'age-over'",
        "age-in-days-on-another-kind",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {
                "kind": "age-under",
                "urgency": "emergency",
                "text": "x",
                "sources": ["test-guideline"],
                "age_under_days": 0,
            }
        ),
        "$.modifiers[1].age_under_days",
        "must be an age in days (1-43800), not 0",
        "age-under-out-of-range",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(
            triggers=[{"symptoms": ["fever"], "lasting_weeks": 0, "sources": ["test-guideline"]}]
        ),
        "$.triggers[0].lasting_weeks",
        "must be a number of weeks (1-520), not 0",
        "lasting-weeks",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"][0].update(points_to=["test-strain"]),
        "$.modifiers[0].points_to",
        "a harmless explanation sets the flag aside: it points to nothing",
        "harmless-points-to",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag").update(counts_as=["combined-flags"]),
        "$.counts_as[0]",
        "a finding cannot count as 'combined-flags'",
        "counts-as-situation",
    ),
    (
        "symptoms",
        "fever",
        lambda d: entry(d, "fever").update(counts_as=["severe-persistent-pain"]),
        "$.counts_as[0]",
        "a finding cannot count as 'severe-persistent-pain'",
        "symptom-counts-as-situation",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "combined-flags", "urgency": "emergency", "text": "x", "sources": ["test-guideline"]}
        ),
        "$.modifiers[1].together_with",
        "must name the flags or symptoms it combines with",
        "combined-without-partners",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {
                "kind": "trauma",
                "urgency": "emergency",
                "text": "x",
                "sources": ["test-guideline"],
                "together_with": ["fever"],
            }
        ),
        "$.modifiers[1].together_with",
        "only a combined-flags modifier names what it combines with",
        "partners-on-other-kind",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {
                "kind": "combined-flags",
                "urgency": "emergency",
                "text": "x",
                "sources": ["test-guideline"],
                "together_with": ["test-fever-flag"],
            }
        ),
        "$.modifiers[1].together_with",
        "cannot combine with itself",
        "combined-with-itself",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {
                "kind": "combined-flags",
                "urgency": "emergency",
                "text": "x",
                "sources": ["test-guideline"],
                "together_with": ["test-strain"],
            }
        ),
        "$.modifiers[1].together_with[0]",
        "which is a condition, not a red flag or symptom",
        "combined-with-wrong-kind",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "trauma", "urgency": "soon", "text": "x", "sources": ["test-guideline"]}
        ),
        "$.modifiers[1].urgency",
        "soon is below the flag's own urgent; a modifier can only raise it",
        "modifier-lowers",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"].append(
            {"kind": "trauma", "urgency": None, "text": "x", "sources": ["test-guideline"]}
        ),
        "$.modifiers[1].urgency",
        "a trauma modifier needs an urgency",
        "modifier-without-urgency",
    ),
    (
        "red-flags",
        "test-fever-flag",
        lambda d: entry(d, "test-fever-flag")["modifiers"][0].update(urgency="soon"),
        "$.modifiers[0].urgency",
        "a harmless explanation sets the flag aside: its urgency must be null",
        "harmless-with-urgency",
    ),
]


@pytest.mark.parametrize(("kind", "ident", "change", "field", "message", "rule"), RULES, ids=[r[-1] for r in RULES])
def test_content_rule(edit: Editor, kind: str, ident: str, change: Change, field: str, message: str, rule: str) -> None:
    folder = edit(kind, change)
    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(folder)
    problems = [(p.entry, p.field) for p in caught.value.problems]
    assert (ident, field) in problems, caught.value
    assert message in str(caught.value)


def test_canonical_rewrite_fixes_layout_and_is_stable(content: pathlib.Path) -> None:
    path = content / "muscles.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(list(reversed(data))), encoding="utf-8")
    assert rewrite(content) == [path]
    assert [m["id"] for m in json.loads(path.read_text(encoding="utf-8"))] == sorted(m["id"] for m in data)
    assert rewrite(content) == []


def test_canonical_tool_exit_codes(content: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert canonical_main([]) == 2
    assert canonical_main([str(content)]) == 0
    (content / "topics.json").write_text("[", encoding="utf-8")
    assert canonical_main([str(content)]) == 1
    assert "not valid JSON" in capsys.readouterr().err


def test_a_condition_a_modifier_points_to_lists_the_flag(edit: Editor) -> None:
    edit("conditions", lambda data: entry(data, "test-strain").update(red_flags=[]))

    def point(data: list[dict[str, Any]]) -> None:
        flag = entry(data, "test-fever-flag")
        flag["conditions"] = ["test-infection"]
        modifier = {"kind": "trauma", "urgency": "urgent", "text": "x", "sources": ["test-guideline"]}
        flag["modifiers"].append({**modifier, "points_to": ["test-strain"]})

    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(edit("red-flags", point))
    problems = [(p.entry, p.field) for p in caught.value.problems]
    assert problems == [("test-fever-flag", "$.modifiers[1].points_to[0]")]
    assert "condition 'test-strain' does not list 'test-fever-flag' in its red flags" in str(caught.value)
