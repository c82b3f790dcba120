"""Review dates: every clinical entry says when it was last reviewed against its sources and when
that is due again (issue 14); checked at load, listed by ``due_for_review``, shown to a person."""

from __future__ import annotations

import datetime
import json
import pathlib
import shutil

import pytest

import spinekb
from spinekb import ContentError, KnowledgeBase, models

DATA = pathlib.Path(spinekb.__file__).parent / "data"
CLINICAL = ("conditions", "red_flags", "symptoms", "treatments", "exercises", "topics", "lexicons")


def test_every_shipped_clinical_entry_records_a_review(kb: KnowledgeBase) -> None:
    for kind in CLINICAL:
        for entry in getattr(kb, kind):
            assert entry.review is not None, entry.id
            assert entry.review.reviewed < entry.review.due, entry.id
            # reviewed when its content last changed, due within three years (MedlinePlus' longest)
            assert entry.review.due - entry.review.reviewed <= datetime.timedelta(days=3 * 366), entry.id


def test_due_for_review_lists_what_is_due_soonest_first(kb: KnowledgeBase) -> None:
    assert list(kb.due_for_review(on=datetime.date(2020, 1, 1))) == []
    everything = kb.due_for_review(on=datetime.date.max)
    assert len(everything) == sum(len(getattr(kb, kind)) for kind in CLINICAL)
    dues = [entry.review.due for entry in everything if entry.review is not None]
    assert dues == sorted(dues)
    first = dues[0]
    on_the_day = kb.due_for_review(on=first)
    assert on_the_day
    assert all(e.review is not None and e.review.due == first for e in on_the_day)
    with pytest.raises(TypeError, match="expects a date"):
        kb.due_for_review(on="2027-01-01")  # type: ignore[arg-type]


def test_the_review_is_shown_where_a_person_reads_the_entry(kb: KnowledgeBase) -> None:
    entry = kb.conditions["kidney-infection"]
    assert entry.review is not None
    said = f"Last reviewed against its sources on {entry.review.reviewed.isoformat()}"
    assert said in kb.describe(entry)
    assert said in entry._repr_html_()


def _pack_with(tmp_path: pathlib.Path, review: object) -> pathlib.Path:
    folder = tmp_path / "pack"
    shutil.copytree(DATA, folder)
    path = folder / "symptoms.json"
    entries = json.loads(path.read_text(encoding="utf-8"))
    entries[0]["review"] = review
    path.write_text(json.dumps(entries), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("review", "message"),
    [
        ({"reviewed": "2026-12-03", "due": "2026-12-03"}, "must come after the day reviewed"),
        ({"reviewed": "2026-12-03", "due": "2025-01-01"}, "must come after the day reviewed"),
        ({"reviewed": "3 December 2026", "due": "2028-12-03"}, "year-month-day"),
        ({"reviewed": "2026-02-30", "due": "2028-12-03"}, "not a day of the calendar"),
        ({"reviewed": 20261203, "due": "2028-12-03"}, "expected a date"),
        ({"reviewed": "2026-12-03"}, "required field missing"),
        ({"reviewed": "1700-01-01", "due": "1701-01-01"}, "must be a day in the years"),
    ],
)
def test_a_broken_review_is_refused_at_load(tmp_path: pathlib.Path, review: object, message: str) -> None:
    with pytest.raises(ContentError, match=message) as caught:
        KnowledgeBase.from_path(_pack_with(tmp_path, review))
    assert "$.review" in str(caught.value)


def test_a_review_round_trips_in_the_content_format(tmp_path: pathlib.Path) -> None:
    kb = KnowledgeBase.from_path(_pack_with(tmp_path, {"reviewed": "2026-01-31", "due": "2027-01-31"}))
    symptom = next(iter(kb.symptoms))
    assert symptom.review == models.Review(reviewed=datetime.date(2026, 1, 31), due=datetime.date(2027, 1, 31))
    assert symptom.review.is_due(datetime.date(2027, 1, 31))
    assert not symptom.review.is_due(datetime.date(2027, 1, 30))
    document = kb.to_document()
    written = next(e for e in document["symptoms"] if e["id"] == symptom.id)
    assert written["review"] == {"reviewed": "2026-01-31", "due": "2027-01-31"}


def test_mimics_are_marked(kb: KnowledgeBase) -> None:
    mimics = {c.id for c in kb.conditions if c.mimic}
    assert mimics == {"abdominal-aortic-aneurysm", "kidney-infection", "cervical-artery-dissection", "stroke-or-tia"}
    for ident in mimics:
        assert kb.conditions[ident].urgency.rank >= models.Urgency.URGENT.rank
