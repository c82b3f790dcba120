"""Red-flag screening: the case table (each case with its source), the rules' properties, and errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import spinekb
from spinekb import KnowledgeBase, PainSeverity, UnknownEntryError, Urgency
from spinekb.models import ModifierKind, Symptom

E, U, S, C = Urgency.EMERGENCY, Urgency.URGENT, Urgency.SOON, Urgency.SELF_CARE

# (case, findings, keyword arguments, overall urgency, counted flags, set-aside flags,
#  modifiers that must apply as {flag: {kinds}}, the source the expectation comes from)
Case = tuple[str, list[str], dict[str, Any], Urgency, set[str], set[str], dict[str, set[str]], str]
CASES: list[Case] = [
    # Cauda equina: each sign is an emergency on its own.
    ("saddle-numbness", ["saddle numbness"], {}, E, {"saddle-numbness"}, set(), {}, "bmj-best-practice-ces"),
    (
        "urinary-retention",
        ["urinary retention"],
        {},
        E,
        {"new-bladder-or-bowel-dysfunction"},
        set(),
        {},
        "bmj-best-practice-ces",
    ),
    (
        "bowel-incontinence",
        ["bowel-incontinence"],
        {},
        E,
        {"new-bladder-or-bowel-dysfunction"},
        set(),
        {},
        "bmj-best-practice-ces",
    ),
    ("pain-in-both-legs", ["pain-in-both-legs"], {}, E, {"bilateral-leg-symptoms"}, set(), {}, "ajem-2019-ces"),
    (
        "weakness-in-both-legs",
        ["weakness-in-both-legs"],
        {},
        E,
        {"bilateral-leg-symptoms"},
        set(),
        {},
        "bmj-best-practice-ces",
    ),
    (
        "sexual-dysfunction",
        ["sexual-dysfunction"],
        {},
        E,
        {"sexual-dysfunction-with-back-pain"},
        set(),
        {},
        "bmj-best-practice-ces",
    ),
    # One-sided sciatica or plain numbness is not a cauda equina sign.
    # One-sided sciatica or plain numbness is not a cauda equina sign, but nerve-root symptoms are
    # worth seeing a clinician about soon.
    ("sciatica-alone", ["sciatica"], {}, S, set(), set(), {}, "gpnotebook-sciatica"),
    ("numbness-alone", ["numbness"], {}, S, set(), set(), {}, "gpnotebook-sciatica"),
    (
        "long-standing-incontinence-explained",
        ["urinary incontinence"],
        {"explained": ["urinary incontinence"]},
        C,
        set(),
        {"new-bladder-or-bowel-dysfunction"},
        {},
        "bmj-best-practice-ces",
    ),
    ("back-pain-alone", ["back pain"], {}, C, set(), set(), {}, "henschke-2009"),
    # Cancer: a history of cancer weighs far more than weight loss alone.
    ("history-of-cancer", ["history of cancer"], {}, U, {"history-of-cancer"}, set(), {}, "downie-2013"),
    ("weight-loss-alone", ["weight loss"], {}, S, {"unexplained-weight-loss"}, set(), {}, "downie-2013"),
    (
        "weight-loss-with-cancer",
        ["weight loss", "history-of-cancer"],
        {},
        U,
        {"unexplained-weight-loss", "history-of-cancer"},
        set(),
        {"unexplained-weight-loss": {"cancer-history"}},
        "nice-ng234-bmj-2023",
    ),
    (
        "cancer-with-numbness",
        ["history-of-cancer", "numbness"],
        {},
        E,
        {"history-of-cancer"},
        set(),
        {"history-of-cancer": {"neurological-signs"}},
        "nice-ng234-bmj-2023",
    ),
    (
        "cancer-with-foot-drop",
        ["history-of-cancer", "foot-drop"],
        {},
        E,
        {"history-of-cancer", "progressive-leg-weakness"},
        set(),
        {"history-of-cancer": {"neurological-signs"}},
        "nice-ng234-bmj-2023",
    ),
    (
        "night-pain-with-cancer",
        ["night pain", "history-of-cancer"],
        {},
        U,
        {"night-or-rest-pain", "history-of-cancer"},
        set(),
        {"night-or-rest-pain": {"cancer-history"}},
        "downie-2013",
    ),
    # Fracture: older age counts over 70; several fracture flags weigh more than one.
    ("age-75", [], {"age": 75}, S, {"older-age"}, set(), {}, "downie-2013"),
    ("age-70", ["back pain"], {"age": 70}, C, set(), set(), {}, "henschke-2009"),
    (
        "older-age-and-bruise",
        ["contusion-or-abrasion"],
        {"age": 80},
        U,
        {"older-age", "contusion-or-abrasion"},
        set(),
        {"older-age": {"combined-flags", "trauma"}, "contusion-or-abrasion": {"combined-flags"}},
        "downie-2013",
    ),
    (
        "older-age-and-steroids",
        ["older age", "prolonged-corticosteroid-use"],
        {},
        U,
        {"older-age", "prolonged-corticosteroid-use"},
        set(),
        {"older-age": {"combined-flags"}, "prolonged-corticosteroid-use": {"combined-flags"}},
        "downie-2013",
    ),
    (
        "older-age-after-trauma",
        ["significant-trauma"],
        {"age": 72},
        U,
        {"older-age", "significant-trauma"},
        set(),
        {"older-age": {"trauma", "combined-flags"}},
        "ifompt-2020",
    ),
    ("trauma-alone", ["significant trauma"], {}, U, {"significant-trauma"}, set(), {}, "downie-2013"),
    ("fall-alone", ["fall"], {"age": 30}, S, {"minor-fall-or-injury"}, set(), {}, "icd-lookup-summaries"),
    (
        "older-age-after-a-fall",
        ["fall from standing height"],
        {"age": 80},
        U,
        {"older-age", "minor-fall-or-injury"},
        set(),
        {"older-age": {"trauma"}},
        "ifompt-2020",
    ),
    (
        "steroids-after-a-fall",
        ["prolonged-corticosteroid-use", "minor fall"],
        {},
        U,
        {"prolonged-corticosteroid-use", "minor-fall-or-injury"},
        set(),
        {"prolonged-corticosteroid-use": {"trauma"}},
        "icd-lookup-summaries",
    ),
    ("bruise-alone", ["contusion-or-abrasion"], {}, U, {"contusion-or-abrasion"}, set(), {}, "downie-2013"),
    (
        "steroids-alone",
        ["prolonged-corticosteroid-use"],
        {},
        S,
        {"prolonged-corticosteroid-use"},
        set(),
        {},
        "downie-2013",
    ),
    (
        "steroids-with-severe-new-pain",
        ["prolonged-corticosteroid-use"],
        {"pain_severity": "severe", "pain_duration_weeks": 1},
        U,
        {"prolonged-corticosteroid-use"},
        set(),
        {"prolonged-corticosteroid-use": {"severe-new-pain"}},
        "downie-2013",
    ),
    (
        "older-age-with-severe-new-pain",
        [],
        {"age": 80, "pain_severity": "severe", "pain_duration_weeks": 0.5},
        U,
        {"older-age"},
        set(),
        {"older-age": {"severe-new-pain"}},
        "downie-2013",
    ),
    (
        "older-age-with-numbness",
        ["numbness"],
        {"age": 80},
        U,
        {"older-age"},
        set(),
        {"older-age": {"neurological-signs"}},
        "gpnotebook-sciatica",
    ),
    # Infection.
    ("fever", ["fever"], {}, U, {"fever-with-back-pain"}, set(), {}, "idsa-2015-vertebral-osteomyelitis"),
    (
        "fever-with-numbness",
        ["fever", "numbness"],
        {},
        E,
        {"fever-with-back-pain"},
        set(),
        {"fever-with-back-pain": {"neurological-signs"}},
        "idsa-2015-vertebral-osteomyelitis",
    ),
    (
        "infection-risk-with-weakness",
        ["infection-risk-factors", "muscle-weakness"],
        {},
        E,
        {"infection-risk-factors", "progressive-leg-weakness"},
        set(),
        {"infection-risk-factors": {"neurological-signs"}},
        "sea-2014",
    ),
    ("night-pain", ["night-pain"], {}, S, {"night-or-rest-pain"}, set(), {}, "verhagen-2016"),
    (
        "night-pain-with-fever",
        ["night-pain", "fever"],
        {},
        U,
        {"night-or-rest-pain", "fever-with-back-pain"},
        set(),
        {"night-or-rest-pain": {"combined-flags"}},
        "idsa-2015-vertebral-osteomyelitis",
    ),
    (
        "tuberculosis-risk",
        ["tuberculosis-risk"],
        {},
        S,
        {"tuberculosis-risk"},
        set(),
        {},
        "idsa-2015-guideline-central-summary",
    ),
    (
        "tuberculosis-risk-with-gibbus",
        ["tuberculosis-risk", "angular-kyphosis"],
        {},
        U,
        {"tuberculosis-risk"},
        set(),
        {"tuberculosis-risk": {"combined-flags"}},
        "wikipedia-potts-disease",
    ),
    (
        "tuberculosis-risk-with-numbness",
        ["tuberculosis-risk", "numbness"],
        {},
        E,
        {"tuberculosis-risk"},
        set(),
        {"tuberculosis-risk": {"neurological-signs"}},
        "idsa-2015-guideline-central-summary",
    ),
    (
        "raised-crp",
        ["raised inflammatory markers"],
        {},
        U,
        {"infection-risk-factors"},
        set(),
        {},
        "idsa-2015-vertebral-osteomyelitis",
    ),
    ("raw-milk-alone", ["raw milk"], {}, S, {"raw-dairy-or-livestock-exposure"}, set(), {}, "uae-2021-brucellosis"),
    (
        "raw-milk-with-fever",
        ["raw-dairy-or-livestock-exposure", "fever"],
        {},
        U,
        {"raw-dairy-or-livestock-exposure", "fever-with-back-pain"},
        set(),
        {"raw-dairy-or-livestock-exposure": {"combined-flags"}},
        "uae-2021-brucellosis",
    ),
    # Nerve roots and inflammation.
    ("foot-drop", ["foot drop"], {}, U, {"progressive-leg-weakness"}, set(), {}, "gpnotebook-sciatica"),
    (
        "foot-drop-with-saddle-numbness",
        ["foot drop", "saddle-anaesthesia"],
        {},
        E,
        {"progressive-leg-weakness", "saddle-numbness"},
        set(),
        {"progressive-leg-weakness": {"combined-flags"}},
        "gpnotebook-sciatica",
    ),
    (
        "inflammatory-back-pain",
        ["inflammatory back pain"],
        {},
        S,
        {"inflammatory-back-pain-features"},
        set(),
        {},
        "asas-ibp-2009",
    ),
    # Harmless explanations and severe, persistent pain.
    (
        "weight-loss-explained",
        ["weight loss"],
        {"explained": ["weight loss"]},
        C,
        set(),
        {"unexplained-weight-loss"},
        {},
        "seed-red-flag-commentary",
    ),
    (
        "explained-weight-loss-with-cancer",
        ["weight loss", "history-of-cancer"],
        {"explained": ["unexplained-weight-loss"]},
        U,
        {"history-of-cancer"},
        {"unexplained-weight-loss"},
        {},
        "seed-red-flag-commentary",
    ),
    (
        "cancer-cannot-be-explained",
        ["history-of-cancer"],
        {"explained": ["history-of-cancer"]},
        U,
        {"history-of-cancer"},
        set(),
        {},
        "downie-2013",
    ),
    (
        "weak-flag-with-severe-persistent-pain",
        ["weight loss"],
        {"pain_severity": "severe", "pain_duration_weeks": 6},
        S,
        {"unexplained-weight-loss"},
        set(),
        {"unexplained-weight-loss": {"severe-persistent-pain"}},
        "seed-red-flag-commentary",
    ),
    (
        "severe-pain-not-yet-several-weeks",
        ["night pain"],
        {"pain_severity": "severe", "pain_duration_weeks": 2},
        S,
        {"night-or-rest-pain"},
        set(),
        {"night-or-rest-pain": set()},
        "acp-2017",
    ),
    (
        "older-age-with-severe-persistent-pain",
        [],
        {"age": 78, "pain_severity": PainSeverity.SEVERE, "pain_duration_weeks": 8},
        S,
        {"older-age"},
        set(),
        {"older-age": {"severe-persistent-pain"}},
        "ifompt-2020",
    ),
]


@pytest.mark.parametrize(
    ("findings", "options", "urgency", "counted", "set_aside", "applied", "source"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_case(
    kb: KnowledgeBase,
    findings: list[str],
    options: dict[str, Any],
    urgency: Urgency,
    counted: set[str],
    set_aside: set[str],
    applied: dict[str, set[str]],
    source: str,
) -> None:
    screening = kb.screen(findings, **options)
    assert screening.urgency is urgency
    assert {flag.red_flag.id for flag in screening.red_flags} == counted
    assert {flag.red_flag.id for flag in screening.set_aside} == set_aside
    by_id = {flag.red_flag.id: flag for flag in screening.red_flags}
    for ident, kinds in applied.items():
        assert {str(m.kind) for m in by_id[ident].applied} == kinds
    assert source in kb.sources
    # The case's source is behind the answer: cited by a flag that sets the urgency (its entry,
    # evidence, triggers or applied modifiers), by a set-aside flag's explanation, or by the advice.
    behind = {ident for statement in screening.advice for ident in statement.sources}
    for flag in screening.red_flags:
        if flag.urgency is urgency:
            behind.update(flag.red_flag.sources)
            behind.update(i for statement in flag.red_flag.evidence for i in statement.sources)
            behind.update(i for trigger in flag.red_flag.triggers for i in trigger.sources)
            behind.update(i for modifier in flag.applied for i in modifier.sources)
    for flag in screening.set_aside:
        behind.update(i for m in flag.red_flag.modifiers if m.urgency is None for i in m.sources)
    assert source in behind
    assert screening.notice == spinekb.NOTICE
    assert str(screening).startswith(urgency.value.upper())


def test_case_table_is_large_and_covers_every_urgency_and_flag() -> None:
    assert len(CASES) >= 25
    assert len({case[0] for case in CASES}) == len(CASES)
    assert {case[3] for case in CASES} == set(Urgency)
    named = {ident for case in CASES for ident in case[4] | case[5]}
    assert named == {flag.id for flag in spinekb.load().red_flags}


# --- properties ----------------------------------------------------------------------------

_KB = spinekb.load()
_FINDINGS = sorted(flag.id for flag in _KB.red_flags) + sorted(symptom.id for symptom in _KB.symptoms)
_findings = st.lists(st.sampled_from(_FINDINGS), max_size=6, unique=True)
_context = st.fixed_dictionaries(
    {
        "age": st.none() | st.integers(0, 110),
        "pain_duration_weeks": st.none() | st.floats(0, 60),
        "pain_severity": st.none() | st.sampled_from(["mild", "moderate", "severe"]),
    }
)


def _agrees(findings: list[str], context: dict[str, Any]) -> bool:
    """False when a finding names the older-age flag but the age given is not over 70 (refused)."""
    return "older-age" not in findings or context["age"] is None or context["age"] > 70


@settings(max_examples=300, deadline=None)
@given(_findings, st.sampled_from(_FINDINGS), _context)
def test_adding_a_finding_never_lowers_urgency(findings: list[str], extra: str, context: dict[str, Any]) -> None:
    assume(_agrees(findings, context) and _agrees([extra], context))
    before = _KB.screen(findings, **context)
    after = _KB.screen([*findings, extra], **context)
    assert after.urgency >= before.urgency
    # ...and no counted flag weighs less than it did.
    weights = {flag.red_flag.id: flag.urgency for flag in after.red_flags}
    for flag in before.red_flags:
        assert weights[flag.red_flag.id] >= flag.urgency


@settings(max_examples=300, deadline=None)
@given(_findings, _context, st.data())
def test_an_explained_flag_never_raises_urgency(findings: list[str], context: dict[str, Any], data: Any) -> None:
    assume(_agrees(findings, context))
    plain = _KB.screen(findings, **context)
    raised = [flag.red_flag.id for flag in plain.red_flags]
    if not raised:
        return
    explained = data.draw(st.lists(st.sampled_from(raised), min_size=1, unique=True))
    weighed = _KB.screen(findings, explained=explained, **context)
    assert weighed.urgency <= plain.urgency
    # Explained flags are never dropped from the answer: counted, or listed as set aside.
    listed = {flag.red_flag.id for flag in (*weighed.red_flags, *weighed.set_aside)}
    assert set(raised) <= listed


@settings(max_examples=200, deadline=None)
@given(_findings, _context)
def test_answer_is_consistent(findings: list[str], context: dict[str, Any]) -> None:
    assume(_agrees(findings, context))
    screening = _KB.screen(findings, **context)
    care = [s.seek_care.urgency for s in screening.findings if isinstance(s, Symptom) and s.seek_care is not None]
    assert screening.urgency == max((*(f.urgency for f in screening.red_flags), *care), default=Urgency.SELF_CARE)
    for flag in screening.red_flags:
        own = flag.red_flag.urgency
        assert flag.urgency == max([own, *(m.urgency for m in flag.applied if m.urgency is not None)])
        assert all(m.urgency is not None and m.urgency > flag.urgency for m in flag.watch_for)
    pointed = {c.condition.id for c in screening.conditions}
    assert pointed == {ident for flag in screening.red_flags for ident in flag.red_flag.conditions}
    json.dumps(screening.to_dict())
    text = str(screening)
    assert spinekb.NOTICE.split(".")[0] in text
    for flag in screening.red_flags:
        assert flag.red_flag.name in text
    # Emergency signs are never hidden: each is either found or listed to watch for.
    emergencies = {flag.id for flag in _KB.red_flags if flag.urgency is Urgency.EMERGENCY}
    shown = {f.red_flag.id for f in (*screening.red_flags, *screening.set_aside)} | {
        f.id for f in screening.emergency_signs
    }
    assert emergencies <= shown


# --- the rules, one at a time --------------------------------------------------------------


def test_a_flag_never_lends_itself_a_circumstance(kb: KnowledgeBase) -> None:
    # Foot drop counts as a neurological sign, but it is what raises progressive leg weakness,
    # whose own escalation to an emergency needs a cauda equina sign as well.
    screening = kb.screen(["foot drop", "muscle weakness"])
    assert screening.urgency is Urgency.URGENT
    (flag,) = screening.red_flags
    assert [str(m.kind) for m in flag.watch_for] == ["combined-flags"]


def test_major_trauma_is_shown_to_watch_for_never_assumed(kb: KnowledgeBase) -> None:
    screening = kb.screen(["significant-trauma", "contusion-or-abrasion"])
    trauma = next(f for f in screening.red_flags if f.red_flag.id == "significant-trauma")
    assert ModifierKind.MAJOR_TRAUMA in {m.kind for m in trauma.watch_for}
    assert screening.urgency is Urgency.URGENT
    assert "emergency department" in str(screening)


def test_conditions_are_pointed_to_with_their_flags(kb: KnowledgeBase) -> None:
    screening = kb.screen(["fever", "night pain"])
    first = screening.conditions[0]
    assert first.urgency is Urgency.URGENT
    osteomyelitis = next(c for c in screening.conditions if c.condition.id == "vertebral-osteomyelitis")
    assert {f.id for f in osteomyelitis.red_flags} == {"fever-with-back-pain", "night-or-rest-pain"}
    # Conditions pointed to by more flags come before others of the same urgency.
    same = [c for c in screening.conditions if c.urgency is first.urgency]
    assert [len(c.red_flags) for c in same] == sorted((len(c.red_flags) for c in same), reverse=True)


def test_unexplainable_flag_says_why_it_still_counts(kb: KnowledgeBase) -> None:
    screening = kb.screen(["fever"], explained=["fever"])
    (flag,) = screening.red_flags
    assert flag.counted
    assert flag.note is not None
    assert "still counts" in flag.note


def test_symptoms_that_raise_no_flag_are_kept(kb: KnowledgeBase) -> None:
    screening = kb.screen(["sciatica", "numbness", "saddle numbness"])
    assert {s.id for s in screening.other_findings} == {"sciatica", "numbness"}
    assert "Sciatica" in str(screening)


def test_advice_cites_what_set_the_urgency(kb: KnowledgeBase) -> None:
    screening = kb.screen(["saddle numbness"])
    headline = screening.advice[0]
    assert "emergency department" in headline.text
    assert "bmj-best-practice-ces" in headline.sources
    calm = kb.screen([])
    assert calm.urgency is Urgency.SELF_CARE
    assert not calm.red_flags
    assert all(statement.sources for statement in calm.advice)
    assert {s.id for s in calm.sources} >= {"henschke-2009", "nice-ng59"}


def test_several_weeks_is_four(kb: KnowledgeBase) -> None:
    def applied(weeks: float) -> bool:
        (flag,) = kb.screen(["night pain"], pain_severity="severe", pain_duration_weeks=weeks).red_flags
        return any(m.kind is ModifierKind.SEVERE_PERSISTENT_PAIN for m in flag.applied)

    assert not applied(3.9)
    assert applied(4)
    assert not any(
        m.kind is ModifierKind.SEVERE_PERSISTENT_PAIN
        for m in kb.screen(["night pain"], pain_severity="moderate", pain_duration_weeks=10).red_flags[0].applied
    )


def test_findings_accept_records_single_strings_and_repeats(kb: KnowledgeBase) -> None:
    by_record = kb.screen([kb.red_flags["saddle-numbness"], kb.symptoms["fever"]])
    by_name = kb.screen(["Saddle numbness", "fever", "fever"])
    assert by_record == by_name
    assert kb.screen("saddle numbness").urgency is Urgency.EMERGENCY
    assert spinekb.screen("saddle numbness") == kb.screen(["saddle-numbness"])


def test_to_dict_is_plain_data(kb: KnowledgeBase) -> None:
    data = kb.screen(["weight loss", "history of cancer"], age=60, explained=["weight loss"]).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["urgency"] == "urgent"
    assert data["set_aside"][0]["id"] == "unexplained-weight-loss"
    assert data["age"] == 60


# --- errors --------------------------------------------------------------------------------


def test_unknown_finding_gets_close_matches(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError) as caught:
        kb.screen(["saddle numbnes"])
    assert caught.value.kind == "red flag or symptom"
    assert "saddle-numbness" in caught.value.suggestions


def test_a_condition_is_not_a_finding(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError, match="no red flag or symptom 'cauda-equina-syndrome'"):
        kb.screen(["cauda-equina-syndrome"])


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"findings": 3}, TypeError, "findings= expects red flags or symptoms"),
        ({"findings": [3]}, TypeError, "got int"),
        ({"findings": ["glute-bridge"]}, UnknownEntryError, "glute-bridge"),
        ({"findings": [], "age": "70"}, TypeError, "age= expects whole years"),
        ({"findings": [], "age": True}, TypeError, "age= expects whole years"),
        ({"findings": [], "age": -1}, ValueError, "between 0 and 130"),
        ({"findings": [], "pain_duration_weeks": "6"}, TypeError, "pain_duration_weeks= expects a number"),
        ({"findings": [], "pain_duration_weeks": float("nan")}, ValueError, "finite number of weeks"),
        ({"findings": [], "pain_severity": "agony"}, ValueError, "'mild', 'moderate' or 'severe'"),
        ({"findings": [], "pain_severity": 8}, TypeError, "pain_severity= expects"),
        ({"findings": ["fever"], "explained": ["weight loss"]}, ValueError, "raised no red flag"),
        ({"findings": ["fever"], "explained": 5}, TypeError, "explained= expects"),
    ],
)
def test_bad_arguments(kb: KnowledgeBase, arguments: dict[str, Any], error: type[Exception], message: str) -> None:
    findings = arguments.pop("findings")
    with pytest.raises(error, match=message):
        kb.screen(findings, **arguments)


def test_records_of_another_knowledge_base_are_checked(kb: KnowledgeBase, mini: KnowledgeBase) -> None:
    with pytest.raises(UnknownEntryError):
        mini.screen([kb.red_flags["saddle-numbness"]])


# --- the data the screen relies on ---------------------------------------------------------


def test_emergency_flags_are_raised_by_their_own_symptoms(kb: KnowledgeBase) -> None:
    for flag in kb.red_flags:
        if flag.urgency is Urgency.EMERGENCY:
            assert flag.triggers, flag.id
            for trigger in flag.triggers:
                assert kb.screen(list(trigger.symptoms)).urgency is Urgency.EMERGENCY


def test_context_symptoms_do_not_raise_red_flags(kb: KnowledgeBase) -> None:
    # Back pain, sciatica and numbness appear on flags as context, not as triggers.
    for context in ("back-pain", "sciatica", "numbness", "localised-back-pain"):
        screening = kb.screen([context])
        assert not screening.red_flags, context
        assert screening.urgency <= Urgency.SOON


def test_a_flag_named_with_an_age_that_contradicts_it_is_refused(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="age=50 is not over 70"):
        kb.screen(["older age"], age=50)
    assert kb.screen(["older age"], age=71).urgency is Urgency.SOON


def test_explained_emergency_signs_stay_on_the_emergency_list(kb: KnowledgeBase) -> None:
    screening = kb.screen(["sexual dysfunction"], explained=["sexual dysfunction"])
    assert [f.red_flag.id for f in screening.set_aside] == ["sexual-dysfunction-with-back-pain"]
    assert kb.red_flags["sexual-dysfunction-with-back-pain"] in screening.emergency_signs
    assert "new (within about the last 2 weeks) or getting worse" in " ".join(str(screening).split())
