"""API inputs that crashed instead of raising a SpineKBError or a clear built-in error (issue 16,
item 15, in part)."""

from __future__ import annotations

from typing import Any

import pytest

import spinekb
from spinekb import KnowledgeBase, SpineKBError, UnknownEntryError, UnknownPackError


def test_sources_of_takes_an_id_as_well_as_a_record(kb: KnowledgeBase) -> None:
    bridge = kb.exercises["glute-bridge"]
    assert kb.sources_of("glute-bridge") == kb.sources_of(bridge)
    assert kb.sources_of("glute-bridge")
    with pytest.raises(UnknownEntryError) as caught:
        kb.sources_of("glute-bridj")
    assert "glute-bridge" in caught.value.suggestions
    with pytest.raises(TypeError, match="sources_of\\(\\) expects an entry or its id, got int"):
        kb.sources_of(7)  # type: ignore[arg-type]


def test_a_huge_time_budget_is_a_clear_value_error(kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="minutes must be a positive number of minutes, not a number that large"):
        kb.plan("hip", minutes=10**400)


def test_a_pack_name_too_long_to_be_a_path_is_an_unknown_pack() -> None:
    with pytest.raises(UnknownPackError) as caught:
        spinekb.load("x" * 300)
    assert isinstance(caught.value, SpineKBError)


@pytest.mark.parametrize("text", [None, 123])
def test_suggest_refuses_what_is_not_text(kb: KnowledgeBase, text: Any) -> None:
    with pytest.raises(TypeError, match="expected a string"):
        kb.suggest(text)


def test_screen_refuses_a_mapping_of_findings_rather_than_reading_its_keys(kb: KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="findings= expects red flags or symptoms"):
        kb.screen({"fever": 1})


@pytest.mark.parametrize("weeks", [10**400, float("inf"), float("nan"), -1])
def test_screen_refuses_a_duration_that_is_no_number_of_weeks(kb: KnowledgeBase, weeks: Any) -> None:
    with pytest.raises(ValueError, match="pain_duration_weeks= must be a finite number of weeks"):
        kb.screen(["fever"], pain_duration_weeks=weeks)
