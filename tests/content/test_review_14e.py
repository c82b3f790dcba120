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
