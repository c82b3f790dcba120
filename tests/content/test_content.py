"""Integrity of the shipped knowledge base: files, formatting, citations, codes, round trips."""

from __future__ import annotations

import pathlib

import importlib_resources
import pytest
import simple_icd_10_cm as icd

from spinekb import KnowledgeBase, models
from spinekb._content.canonical import canonical_text
from spinekb._content.read import converter
from spinekb._kinds import KINDS

DATA = importlib_resources.files("spinekb") / "data"


def test_every_shipped_data_file_is_a_known_kind_and_opens() -> None:
    names = sorted(item.name for item in DATA.iterdir() if item.name.endswith(".json"))
    assert names == sorted([f"{stem}.json" for stem, _ in KINDS] + ["manifest.json"])
    for item in DATA.iterdir():
        if item.name.endswith(".json"):
            assert item.read_text(encoding="utf-8")[0] == ("{" if item.name == "manifest.json" else "[")


@pytest.mark.parametrize(("stem", "cls"), KINDS, ids=[stem for stem, _ in KINDS])
def test_data_files_are_canonically_formatted(kb: KnowledgeBase, stem: str, cls: type[models.Entry]) -> None:
    """Files are exactly what the converter writes; fix with `python -m spinekb._content.canonical src/spinekb/data`."""
    collection = getattr(kb, stem.replace("-", "_"))
    assert (DATA / f"{stem}.json").read_text(encoding="utf-8") == canonical_text(collection)


def test_bundled_data_version_is_the_published_one(kb: KnowledgeBase) -> None:
    import spinekb
    from spinekb._content.canonical import manifest_text

    assert kb.data_version == spinekb.DATA_VERSION
    assert kb.manifest is not None
    assert (DATA / "manifest.json").read_text(encoding="utf-8") == manifest_text(kb.manifest)
    changelog = (pathlib.Path(__file__).parents[2] / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"data {spinekb.DATA_VERSION}" in changelog.lower(), "the changelog's Data notes name the data version"


def test_every_kind_has_content(kb: KnowledgeBase) -> None:
    assert all(len(collection) > 0 for collection in kb.collections)


def test_every_record_survives_unstructure_then_structure(kb: KnowledgeBase) -> None:
    conv = converter()
    for collection in kb.collections:
        for entry in collection:
            assert conv.structure(conv.unstructure(entry), type(entry)) == entry


def test_every_clinical_record_and_statement_cites_a_known_source(kb: KnowledgeBase) -> None:
    from spinekb._kinds import cited_ids

    for collection in kb.collections:
        for entry in collection:
            if isinstance(entry, models.CitedEntry):
                assert entry.sources, entry.id
                assert cited_ids(entry) <= set(kb.sources.ids), entry.id
    for treatment in kb.treatments:
        for evidence in treatment.evidence:
            assert evidence.source in kb.sources


def test_every_source_says_what_it_is_and_where_to_find_it(kb: KnowledgeBase) -> None:
    # A source may be uncited: the seed names the A.D.A.M. encyclopedia and its accreditations
    # without saying which passage it published, so nothing cites it yet.
    for source in kb.sources:
        assert source.title.strip()
        assert isinstance(source.source_kind, models.SourceKind)
        seed = source.id.startswith("seed-")
        assert seed or source.url or source.doi or source.citation or source.publisher, f"{source.id}: how to find it?"
        if seed:
            assert "seed" in " ".join(source.notes).lower(), f"{source.id} should say it is a seed passage"


def test_icd10cm_codes_exist_in_the_official_list(kb: KnowledgeBase) -> None:
    codes = {(condition.id, code.code) for condition in kb.conditions for code in condition.icd10cm}
    assert len(codes) >= len(kb.conditions)
    invalid = sorted((ident, code) for ident, code in codes if not icd.is_valid_item(code))
    assert invalid == [], "not in the ICD-10-CM code set shipped by simple-icd-10-cm"


def test_every_condition_has_codes_regions_urgency_and_red_flag_links(kb: KnowledgeBase) -> None:
    for condition in kb.conditions:
        assert condition.icd10cm, condition.id
        assert condition.regions, condition.id
        for flag in kb.red_flags_for(condition):
            # on its own, or in a combination its modifiers point to
            assert condition.id in (*flag.conditions, *(i for m in flag.modifiers for i in m.points_to))


def test_every_muscle_group_has_muscles_and_every_exercise_a_region(kb: KnowledgeBase) -> None:
    for group in kb.muscle_groups:
        assert kb.muscles_in(group), group.id
    for exercise in kb.exercises:
        assert exercise.regions, exercise.id
        assert all(region in kb.regions for region in exercise.regions)
        assert exercise.movements, exercise.id


def test_kinetic_chain_is_connected_from_ankle_to_neck(kb: KnowledgeBase) -> None:
    chain = kb.kinetic_chain
    assert set(chain.distances("foot-and-ankle")) == set(kb.regions.ids)
    assert chain.distance("foot-and-ankle", "hip") == 2
    assert chain.distance("hip", "lumbar-spine") == 2
    for region in kb.regions:
        for link in region.links:
            assert link.sources


def test_names_and_aliases_resolve_to_their_own_entry(kb: KnowledgeBase) -> None:
    for collection in kb.collections:
        for entry in collection:
            for name in (entry.id, entry.name, *entry.aliases):
                assert collection.lookup(name) is entry


def test_content_report_in_docs_matches_the_data(kb: KnowledgeBase) -> None:
    """Regenerate with `python -m spinekb._show.report docs/content-report.md`."""
    from spinekb._show.report import render_report

    report = pathlib.Path(__file__).parents[2] / "docs" / "content-report.md"
    assert report.read_text(encoding="utf-8") == render_report(kb)


def test_report_tool_writes_the_file_and_checks_its_arguments(tmp_path: pathlib.Path) -> None:
    from spinekb._show.report import main, render_report

    assert main([]) == 2
    assert main([str(tmp_path / "report.md")]) == 0
    import spinekb

    assert (tmp_path / "report.md").read_text(encoding="utf-8") == render_report(spinekb.load())
