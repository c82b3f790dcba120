"""The content findings of the independent clinical review of issue 14 (section E): what each
entry now carries, checked through the knowledge base rather than by copying entries."""

from __future__ import annotations

from spinekb import KnowledgeBase
from spinekb.models import Verdict


def test_nice_ta279_sits_beside_the_cochrane_verdict_on_vertebroplasty(kb: KnowledgeBase) -> None:
    evidence = {e.source: e for e in kb.treatments["vertebroplasty"].evidence}
    assert evidence["cochrane-vertebroplasty-2018"].verdict is Verdict.NOT_RECOMMENDED
    nice = evidence["nice-ta279"]
    assert nice.verdict is Verdict.OPTION
    assert "osteoporotic-vertebral-fracture" in nice.conditions
    # a technology appraisal grades neither strength nor certainty
    assert nice.strength is None
    assert nice.certainty is None
    for words in ("severe", "unhealed", "imaging"):
        assert words in f"{nice.context} {nice.note}", words
    fracture = kb.conditions["osteoporotic-vertebral-fracture"]
    assert "nice-ta279" in {s for statement in fracture.care for s in statement.sources}
    assert "NICE" in fracture.summary  # the UK reader is not told only that it does not work
    assert "vertebroplasty" in fracture.treatments


def test_cervical_radiculopathy_has_the_nerve_pain_route_not_neck_manipulation(kb: KnowledgeBase) -> None:
    condition = kb.conditions["cervical-radiculopathy"]
    # the evidence for manipulation is about neck pain or "manual therapy", not thrusts for a trapped nerve
    assert "spinal-manipulation" not in condition.treatments
    assert condition.treatments[0] == "exercise-therapy"
    for ident in ("antidepressants", "gabapentinoids"):
        assert ident in condition.treatments, ident
        lines = [e for e in kb.treatments[ident].evidence if e.source == "nice-cg173"]
        assert [e.verdict for e in lines] == [Verdict.RECOMMENDED], ident
        assert "cervical-radiculopathy" in lines[0].conditions
    # opioids stay listed last, with NICE's limit on starting them outside specialist care
    assert condition.treatments[-1] == "opioids"
    limit = [e for e in kb.treatments["opioids"].evidence if e.source == "nice-cg173"]
    assert [e.verdict for e in limit] == [Verdict.NOT_RECOMMENDED]
    assert "nice-cg173" in {s for statement in condition.care for s in statement.sources}
    # sciatica keeps NICE NG59's verdict against gabapentinoids
    sciatica = [e for e in kb.treatments["gabapentinoids"].evidence if "lumbar-disc-herniation" in e.conditions]
    assert {e.verdict for e in sciatica} == {Verdict.NOT_RECOMMENDED}


def test_traumatic_fracture_covers_the_neck_and_the_ng41_pathway(kb: KnowledgeBase) -> None:
    import simple_icd_10_cm as icd

    fracture = kb.conditions["traumatic-vertebral-fracture"]
    codes = {code.code for code in fracture.icd10cm}
    cervical = {code for code in codes if code.startswith("S12.")}
    assert cervical, "a cervical fracture code"
    assert all(icd.is_valid_item(code) for code in codes)
    assert "neck" in fracture.regions
    assert fracture.treatments == ("spinal-immobilisation",)
    immobilisation = kb.treatments["spinal-immobilisation"]
    assert {e.source for e in immobilisation.evidence} == {"nice-ng41"}
    # NG41 both asks for it (high risk) and leaves it out (low risk on the Canadian C-spine rule)
    assert {e.verdict for e in immobilisation.evidence} == {Verdict.RECOMMENDED, Verdict.NOT_RECOMMENDED}
    assert immobilisation in kb.treatments_for("traumatic-vertebral-fracture")
    # whiplash is named where NG41 leaves immobilisation out, not listed as its treatment
    assert "spinal-immobilisation" not in kb.conditions["whiplash-associated-disorder"].treatments
    assert immobilisation in kb.treatments_for("whiplash-associated-disorder")


def test_neck_conditions_name_the_canadian_c_spine_rule_where_they_discuss_injury(kb: KnowledgeBase) -> None:
    from spinekb import Urgency

    for ident in ("whiplash-associated-disorder", "traumatic-vertebral-fracture"):
        rule = [s for s in kb.conditions[ident].care if "Canadian C-spine rule" in s.text]
        assert rule, ident
        assert all("nice-ng41" in s.sources for s in rule), ident
        assert all(all(w in s.text for w in ("65", "dangerous", "pins and needles")) for s in rule), ident
    for ident in ("whiplash-associated-disorder", "nonspecific-neck-pain"):
        injury = [e for e in kb.conditions[ident].escalations if "65" in e.when and "nice-ng41" in e.sources]
        assert [e.urgency for e in injury] == [Urgency.EMERGENCY], ident
    # the screening agrees: neck pain after a fall from 65 is an emergency
    assert kb.screen(["neck pain", "minor-fall-or-injury"], age=65).urgency is Urgency.EMERGENCY


def test_who_2023_lines_give_a_certainty_or_say_why_not(kb: KnowledgeBase) -> None:
    lines = [(t.id, e) for t in kb.treatments for e in t.evidence if e.source == "who-2023-clbp"]
    assert lines
    for ident, evidence in lines:
        if evidence.certainty is not None or evidence.verdict is Verdict.INSUFFICIENT:
            continue
        # a blank grade is never silent: the note says it was not seen, so it was not guessed
        assert "not seen" in evidence.note or "could not be read" in evidence.note, ident
    # the grades that were read (Guideline Central's summary of the table) are kept
    graded = {ident for ident, e in lines if e.certainty is not None}
    assert {"advice-and-self-management", "exercise-therapy", "spinal-manipulation", "tens"} <= graded
    # WHO weighed these too; until its verdict is read, the source says why there is no line
    notes = " ".join(kb.sources["who-2023-clbp"].notes)
    for ident, words in (
        ("mindfulness-based-stress-reduction", "mindfulness-based stress reduction"),
        ("gabapentinoids", "gabapentinoids"),
        ("oral-corticosteroids", "oral corticosteroids"),
    ):
        if "who-2023-clbp" not in {e.source for e in kb.treatments[ident].evidence}:
            assert words in notes, ident


def test_whiplash_brings_the_injury_flags_and_they_point_back(kb: KnowledgeBase) -> None:
    whiplash = kb.conditions["whiplash-associated-disorder"]
    assert set(whiplash.red_flags) >= {"major-trauma", "significant-trauma"}
    for ident in whiplash.red_flags:
        assert "whiplash-associated-disorder" in kb.red_flags[ident].conditions
    screened = kb.screen(["major-trauma", "neck-pain"])
    assert "whiplash-associated-disorder" in {entry.condition.id for entry in screened.conditions}


def test_the_kidney_infection_entry_and_screening_agree_in_pregnancy(kb: KnowledgeBase) -> None:
    from spinekb.models import Urgency

    by_text = {e.when.split(":")[0]: e.urgency for e in kb.conditions["kidney-infection"].escalations}
    assert by_text["In pregnancy, a high temperature"] is Urgency.EMERGENCY
    assert by_text["In pregnancy, pain or burning on passing urine"] is Urgency.URGENT
    assert kb.screen(["pregnancy", "back-pain", "painful-urination"]).urgency is Urgency.URGENT
    assert kb.screen(["pregnancy", "back-pain", "fever"]).urgency is Urgency.EMERGENCY
