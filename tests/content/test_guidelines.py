"""The guideline verdicts the content must carry (issue 14): WHO 2023 on chronic primary low back
pain, NICE NG59's "do not offer" list, and ACP 2017 applied consistently."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from spinekb import KnowledgeBase
from spinekb.models import RecommendationStrength, Verdict

WHO = "who-2023-clbp"
NICE = ("nice-ng59", "nice-ng59-bmj-2017")


def verdicts(kb: KnowledgeBase, treatment: str, sources: tuple[str, ...]) -> set[Verdict]:
    return {e.verdict for e in kb.treatments[treatment].evidence if e.source in sources}


@pytest.mark.parametrize(
    ("treatment", "verdict"),
    [
        ("advice-and-self-management", Verdict.OPTION),
        ("exercise-therapy", Verdict.OPTION),
        ("acupuncture", Verdict.OPTION),
        ("spinal-manipulation", Verdict.OPTION),
        ("massage", Verdict.OPTION),
        ("psychological-therapy", Verdict.OPTION),
        ("operant-therapy", Verdict.OPTION),
        ("nsaids", Verdict.OPTION),
        ("traction", Verdict.NOT_RECOMMENDED),
        ("ultrasound-and-interferential-therapy", Verdict.NOT_RECOMMENDED),
        ("tens", Verdict.NOT_RECOMMENDED),
        ("lumbar-supports", Verdict.NOT_RECOMMENDED),
        ("opioids", Verdict.NOT_RECOMMENDED),
        ("paracetamol", Verdict.INSUFFICIENT),  # no recommendation: said so
    ],
)
def test_who_2023_verdicts(kb: KnowledgeBase, treatment: str, verdict: Verdict) -> None:
    assert verdicts(kb, treatment, (WHO,)) == {verdict}


def test_who_2023_is_conditional_and_about_chronic_primary_pain(kb: KnowledgeBase) -> None:
    items = [(t, e) for t in kb.treatments for e in t.evidence if e.source == WHO]
    assert len(items) >= 15
    for treatment, evidence in items:
        # WHO made no strong recommendation; where it made none, there is no strength
        expected = None if evidence.verdict is Verdict.INSUFFICIENT else RecommendationStrength.WEAK
        assert evidence.strength is expected, treatment.id
        assert "chronic-primary-low-back-pain" in evidence.conditions, treatment.id
        assert treatment.id in kb.conditions["chronic-primary-low-back-pain"].treatments


@pytest.mark.parametrize(
    "treatment",
    [
        "lumbar-supports",
        "foot-orthotics-and-rocker-sole-shoes",
        "traction",
        "acupuncture",
        "tens",
        "ultrasound-and-interferential-therapy",
        "spinal-injections",
        "disc-replacement",
        "oral-corticosteroids",
        "benzodiazepines",
    ],
)
def test_nice_ng59_do_not_offer(kb: KnowledgeBase, treatment: str) -> None:
    assert verdicts(kb, treatment, NICE) == {Verdict.NOT_RECOMMENDED}


def test_acp_2017_gives_one_verdict_per_recommendation_and_grade(kb: KnowledgeBase) -> None:
    grouped: dict[tuple[str, RecommendationStrength | None, object], set[Verdict]] = defaultdict(set)
    for treatment in kb.treatments:
        for e in treatment.evidence:
            if e.source == "acp-2017":
                grouped[(e.context, e.strength, e.certainty)].add(e.verdict)
    assert grouped
    assert {key: found for key, found in grouped.items() if len(found) > 1} == {}
    # a strong "choose from these" recommendation is an option, never a first choice above the others
    assert all(
        found == {Verdict.OPTION}
        for (_, strength, _), found in grouped.items()
        if strength is RecommendationStrength.STRONG
    )


def test_the_review_corrections(kb: KnowledgeBase) -> None:
    opioids = kb.treatments["opioids"].summary
    assert "weak opioids" in opioids
    assert not re.search(r"strong[^.]*(codeine|tramadol)|(codeine|tramadol)[^.]*strong", opioids)
    metastasis = kb.describe("spinal-metastasis")
    assert "16%" in metastasis
    assert "3% to 5%" not in metastasis
    brucellosis = kb.describe("spinal-brucellosis").lower()
    assert "usually from raw goat" not in brucellosis
    assert "sheep" in brucellosis
    assert "cattle" in brucellosis
    for ident in ("vertebral-osteomyelitis", "septic-discitis"):
        assert "extremely rare" not in kb.describe(ident).lower(), ident


# --- from the clinical review of the new content ---------------------------------------------------


def test_the_signs_of_pregnancy_go_to_the_maternity_unit(kb: KnowledgeBase) -> None:
    from spinekb import Urgency

    screening = kb.screen(["pregnancy", "reduced-fetal-movements"])
    assert screening.urgency is Urgency.EMERGENCY
    assert screening.route is not None
    assert "maternity" in screening.route
    assert screening.advice[0].text == screening.route
    assert str(screening).startswith("EMERGENCY: contact your maternity unit")
    assert screening.to_dict()["route"] == screening.route
    # with a red flag of the same urgency, the usual advice stands
    both = kb.screen(["pregnancy", "reduced-fetal-movements", "saddle numbness"])
    assert both.route is None
    assert str(both).startswith("EMERGENCY: call emergency services")


def test_the_signs_of_pregnancy_are_listed_only_in_pregnancy(kb: KnowledgeBase) -> None:
    listed = {s.id for s in kb.screen(["back pain"]).emergency_symptoms}
    assert "reduced-fetal-movements" not in listed
    assert "bleeding-in-pregnancy" not in listed
    assert "bleeding-in-pregnancy" in {s.id for s in kb.screen(["pregnancy"]).emergency_symptoms}
    assert "chest-pain" in listed  # the others are always listed


@pytest.mark.parametrize(
    "text",
    [
        "my arm suddenly went weak and my neck hurts",
        "my hand suddenly went numb and clumsy an hour ago",
        "my left arm is weak and my face looks droopy",
        "vision gone blurry and neck pain",
    ],
)
def test_stroke_signs_are_emergencies(kb: KnowledgeBase, text: str) -> None:
    from spinekb import Urgency

    assert kb.screen_text(text).urgency is Urgency.EMERGENCY


@pytest.mark.parametrize(("weeks", "raised"), [(None, True), (6, True), (2, False)])
def test_lasting_back_pain_from_60_raises_the_myeloma_flag(
    kb: KnowledgeBase, weeks: float | None, raised: bool
) -> None:
    screening = kb.screen(["back pain"], age=65, pain_duration_weeks=weeks)
    assert ("persistent-bone-pain-from-60" in {f.red_flag.id for f in screening.red_flags}) is raised
    assert "persistent-bone-pain-from-60" not in {f.red_flag.id for f in kb.screen(["back pain"], age=55).red_flags}


@pytest.mark.parametrize(
    "text", ["my waters have broken and my back aches", "36 weeks, backache that comes and goes every few minutes"]
)
def test_labour_signs_are_read_and_sent_to_the_maternity_unit(kb: KnowledgeBase, text: str) -> None:
    screening = kb.screen_text(text)
    assert screening.route is not None
    assert "maternity" in screening.route


@pytest.mark.parametrize(
    "text",
    [
        "im a 55 year old man, my backache comes and goes every few minutes",
        "my wound is leaking fluid after my back operation",
        "vision goes blurry when i read",
        "my hand just went numb when i was typing",
    ],
)
def test_everyday_words_are_not_read_as_labour_or_a_stroke(kb: KnowledgeBase, text: str) -> None:
    from spinekb import Urgency

    screening = kb.screen_text(text)
    assert screening.route is None, text
    assert screening.urgency is not Urgency.EMERGENCY, text


@pytest.mark.parametrize(
    ("findings", "age", "emergency"),
    [
        (["neck pain", "minor-fall-or-injury"], 72, True),  # NG41: a scan of the neck from 65
        (["neck pain", "significant-trauma"], 70, True),
        (["neck pain", "minor-fall-or-injury"], 40, False),
        (["hip pain", "minor-fall-or-injury"], 80, True),  # a broken hip
        (["hip pain", "minor-fall-or-injury"], 50, False),
        (["hip pain", "fever", "chills"], None, True),  # an infected joint
    ],
)
def test_an_injury_or_fever_with_neck_or_hip_pain(
    kb: KnowledgeBase, findings: list[str], age: int | None, emergency: bool
) -> None:
    from spinekb import Urgency

    assert (kb.screen(findings, age=age).urgency is Urgency.EMERGENCY) is emergency


@pytest.mark.parametrize(
    ("text", "emergency"),
    [
        ("stiff neck, fever and a headache, light hurts my eyes", True),
        ("my neck is stiff from sleeping funny", False),
        ("stiff neck after the gym and a headache", False),
    ],
)
def test_a_stiff_neck_with_a_fever_is_read_as_meningitis(kb: KnowledgeBase, text: str, emergency: bool) -> None:
    from spinekb import Urgency

    screening = kb.screen_text(text)
    assert ("signs-of-meningitis" in {f.entry.id for f in screening.reading.present}) is emergency  # type: ignore[union-attr]
    assert (screening.urgency is Urgency.EMERGENCY) is emergency


def test_a_fever_in_pregnancy_goes_to_the_maternity_unit(kb: KnowledgeBase) -> None:
    from spinekb import Urgency

    screening = kb.screen(["pregnancy", "fever", "back pain"])
    assert screening.urgency is Urgency.EMERGENCY
    assert screening.route is not None
    assert "maternity" in screening.route
    with_sepsis = kb.screen(["pregnancy", "fever", "back pain", "signs-of-sepsis"])
    assert with_sepsis.route is None  # signs of sepsis: emergency services
    assert kb.screen(["fever", "back pain"]).urgency is Urgency.URGENT


def test_pelvic_girdle_pain_in_pregnancy_leaves_out_lying_flat_crunches_and_planks(kb: KnowledgeBase) -> None:
    from spinekb.models import Position

    avoid = ["pregnancy-related-pelvic-girdle-pain"]
    kept = [match.exercise for region in kb.regions for match in kb.exercises_for(region=region, avoid=avoid)]
    assert kept
    assert not [e.id for e in kept if e.position in (Position.LYING_ON_BACK, Position.LYING_ON_FRONT)]
    assert not [e.id for e in kept if "plank" in e.id or e.id == "curl-up"]


def test_whiplash_is_an_injury(kb: KnowledgeBase) -> None:
    from spinekb import Urgency

    reading = kb.findings_in("got whiplash yesterday, neck hurts")
    assert "significant-trauma" in {f.entry.id for f in reading.present}
    assert kb.screen_text("im 70 and got whiplash yesterday, neck hurts").urgency is Urgency.EMERGENCY  # NG41 from 65
