"""Loading content folders: valid content loads; every kind of broken content fails whole,
with a ContentError that names the file, the entry and the field."""

from __future__ import annotations

import json
import pathlib
from typing import Any

import pytest

import spinekb
from spinekb import ContentError, KnowledgeBase
from spinekb._kinds import KINDS
from tests.conftest import MINIMAL, Editor, entry


def load_error(folder: pathlib.Path) -> ContentError:
    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(folder)
    return caught.value


def test_minimal_content_loads_every_kind(mini: KnowledgeBase) -> None:
    counts = {c.kind: len(c) for c in mini.collections}
    assert counts == {
        "source": 2,
        "region": 5,
        "muscle-group": 3,
        "muscle": 3,
        "symptom": 1,
        "exercise": 4,
        "condition": 2,
        "treatment": 2,
        "red-flag": 1,
        "topic": 1,
        "lexicon": 1,
    }


def test_from_path_accepts_str_path_and_traversable() -> None:
    import importlib_resources

    by_str = KnowledgeBase.from_path(str(MINIMAL))
    by_traversable = KnowledgeBase.from_path(importlib_resources.files("tests") / "data" / "minimal")
    assert list(by_str.exercises) == list(by_traversable.exercises)


def test_from_path_rejects_a_non_path() -> None:
    with pytest.raises(TypeError, match="folder path"):
        KnowledgeBase.from_path(42)  # type: ignore[arg-type]


def test_missing_folder_is_a_content_error(tmp_path: pathlib.Path) -> None:
    error = load_error(tmp_path / "nowhere")
    assert error.file == str(tmp_path / "nowhere")
    assert "not a content folder" in str(error)


def test_bad_json_names_file_line_and_column(content: pathlib.Path) -> None:
    (content / "exercises.json").write_text('[{"id": "x",}]', encoding="utf-8")
    error = load_error(content)
    assert error.file.endswith("exercises.json")
    assert "not valid JSON" in str(error)
    assert "line 1" in str(error)


def test_truncated_file_is_bad_json(content: pathlib.Path) -> None:
    text = (content / "muscles.json").read_text(encoding="utf-8")
    (content / "muscles.json").write_text(text[: len(text) // 2], encoding="utf-8")
    error = load_error(content)
    assert error.file.endswith("muscles.json")
    assert "not valid JSON" in error.problems[0].message


def test_invalid_utf8_is_reported(content: pathlib.Path) -> None:
    (content / "topics.json").write_bytes(b'[{"id": "caf\xe9"}]')
    error = load_error(content)
    assert error.file.endswith("topics.json")
    assert "not valid UTF-8" in str(error)


def test_file_must_hold_a_list(content: pathlib.Path) -> None:
    (content / "symptoms.json").write_text('{"id": "fever"}', encoding="utf-8")
    assert "must hold a list of symptom entries" in str(load_error(content))


def test_unknown_key_names_entry_and_field(edit: Editor) -> None:
    folder = edit("exercises", lambda data: entry(data, "clamshell")["dosage"].update(reps=10))
    error = load_error(folder)
    assert (error.file.endswith("exercises.json"), error.entry, error.field) == (True, "clamshell", "$.dosage")
    assert "unknown field(s): reps" in str(error)


def test_wrong_type_names_the_nested_field(edit: Editor) -> None:
    folder = edit("exercises", lambda data: entry(data, "wall-squat")["dosage"]["sets"].update(start="1"))
    error = load_error(folder)
    assert (error.entry, error.field) == ("wall-squat", "$.dosage.sets.start")
    assert "expected a whole number, got a string" in str(error)


def test_string_where_a_list_belongs_is_not_split_into_letters(edit: Editor) -> None:
    folder = edit("muscles", lambda data: entry(data, "quad").update(actions="knee extension"))
    error = load_error(folder)
    assert (error.entry, error.field) == ("quad", "$.actions")
    assert "expected a list, got a string" in str(error)


def test_bad_enum_value_lists_the_allowed_ones(edit: Editor) -> None:
    folder = edit("conditions", lambda data: entry(data, "test-strain").update(urgency="whenever"))
    error = load_error(folder)
    assert (error.entry, error.field) == ("test-strain", "$.urgency")
    assert "'emergency'" in str(error)


def test_missing_required_field(edit: Editor) -> None:
    folder = edit("red-flags", lambda data: entry(data, "test-fever-flag").pop("urgency"))
    error = load_error(folder)
    assert (error.entry, error.field) == ("test-fever-flag", "$.urgency")
    assert "required field missing" in str(error)


def test_entry_without_usable_id_is_named_by_position(edit: Editor) -> None:
    folder = edit("symptoms", lambda data: data.append({"name": "No id"}))
    error = load_error(folder)
    assert error.entry == "#1"


def test_dangling_reference_names_the_field(edit: Editor) -> None:
    folder = edit(
        "exercises",
        lambda data: entry(data, "heel-raise")["muscles"].append({"muscle": "gastrocnemius", "role": "target"}),
    )
    error = load_error(folder)
    assert (error.entry, error.field) == ("heel-raise", "$.muscles[1].muscle")
    assert "'gastrocnemius', which is not an entry" in str(error)


def test_reference_to_the_wrong_kind(edit: Editor) -> None:
    folder = edit("muscles", lambda data: entry(data, "quad").update(region="abductors"))
    error = load_error(folder)
    assert (error.entry, error.field) == ("quad", "$.region")
    assert "which is a muscle group, not a region" in str(error)


def test_dangling_source_citation_inside_a_statement(edit: Editor) -> None:
    folder = edit("topics", lambda data: entry(data, "test-topic")["body"][0].update(sources=["nobody-2020"]))
    error = load_error(folder)
    assert (error.entry, error.field) == ("test-topic", "$.body[0].sources[0]")


def test_statement_without_sources_is_rejected(edit: Editor) -> None:
    folder = edit("treatments", lambda data: entry(data, "test-antibiotics")["course"][0].update(sources=[]))
    error = load_error(folder)
    assert (error.entry, error.field) == ("test-antibiotics", "$.course[0].sources")
    assert "must cite at least one source" in str(error)


def test_duplicate_id_in_one_file(edit: Editor) -> None:
    folder = edit("exercises", lambda data: data.append(dict(entry(data, "clamshell"), name="Clamshell again")))
    error = load_error(folder)
    assert (error.entry, error.field) == ("clamshell", "$.id")
    assert "duplicate id" in str(error)


def test_duplicate_id_across_kinds(edit: Editor) -> None:
    folder = edit("topics", lambda data: entry(data, "test-topic").update(id="quad", name="Quad topic"))
    error = load_error(folder)
    assert error.entry == "quad"
    assert error.file.endswith("topics.json")
    assert "a muscle in" in str(error)


def test_id_must_be_kebab_case(edit: Editor) -> None:
    folder = edit("symptoms", lambda data: entry(data, "fever").update(id="Fever_1"))
    error = load_error(folder)
    assert (error.entry, error.field) == ("Fever_1", "$.id")


def test_names_may_not_collide_within_a_kind(edit: Editor) -> None:
    folder = edit("muscles", lambda data: entry(data, "quad").update(aliases=["Glute-Med"]))
    error = load_error(folder)
    assert (error.entry, error.field) == ("quad", "$.aliases[0]")
    assert "already a name or alias of 'glute-med'" in str(error)


def test_region_links_must_be_listed_on_both_ends(edit: Editor) -> None:
    folder = edit("regions", lambda data: entry(data, "pelvis").update(links=[]))
    error = load_error(folder)
    assert (error.entry, error.field) == ("hip", "$.links[1].region")
    assert "'pelvis' does not link back to 'hip'" in str(error)


def test_red_flag_and_condition_must_list_each_other(edit: Editor) -> None:
    folder = edit("conditions", lambda data: entry(data, "test-strain").update(red_flags=[]))
    error = load_error(folder)
    assert error.file.endswith("red-flags.json")
    assert (error.entry, error.field) == ("test-fever-flag", "$.conditions[1]")


def test_progression_ladder_may_not_loop(edit: Editor) -> None:
    def loop(data: list[dict[str, Any]]) -> None:
        entry(data, "clamshell")["variations"] = [{"exercise": "side-leg-lift", "relation": "harder"}]
        entry(data, "side-leg-lift")["variations"] = [{"exercise": "clamshell", "relation": "harder"}]

    error = load_error(edit("exercises", loop))
    assert "go round in a loop" in str(error)
    assert error.field == "$.variations"


def test_dosage_rules(edit: Editor) -> None:
    def bad(data: list[dict[str, Any]]) -> None:
        entry(data, "clamshell")["dosage"]["sets"] = {"start": 3, "target": 2}
        entry(data, "heel-raise")["dosage"]["sessions_per_week"] = {"min": 3, "max": 9}

    error = load_error(edit("exercises", bad))
    fields = {(p.entry, p.field) for p in error.problems}
    assert fields == {("clamshell", "$.dosage.sets.target"), ("heel-raise", "$.dosage.sessions_per_week")}


def test_unknown_content_file_is_an_error(content: pathlib.Path) -> None:
    (content / "exercise.json").write_text("[]", encoding="utf-8")
    error = load_error(content)
    assert error.file.endswith("exercise.json")
    assert "unknown content file" in str(error)


def test_every_problem_is_reported_not_just_the_first(content: pathlib.Path) -> None:
    (content / "exercises.json").write_text("[", encoding="utf-8")
    (content / "topics.json").write_text("{}", encoding="utf-8")
    (content / "muscles.json").write_text('[{"id": "m"}]', encoding="utf-8")
    error = load_error(content)
    files = {pathlib.Path(p.file).name for p in error.problems}
    assert files == {"exercises.json", "topics.json", "muscles.json"}
    assert str(error).startswith(f"{len(error.problems)} problems in content:")


def test_a_folder_with_missing_kinds_loads_them_empty(tmp_path: pathlib.Path) -> None:
    (tmp_path / "sources.json").write_text((MINIMAL / "sources.json").read_text(encoding="utf-8"), encoding="utf-8")
    kb = KnowledgeBase.from_path(tmp_path)
    assert len(kb.sources) == 2
    assert len(kb.exercises) == 0


def test_failed_bundled_load_is_not_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: pathlib.Path) -> None:
    """A broken bundle raises on every call and leaves nothing half-loaded behind."""
    from spinekb import _bundled
    from spinekb._content import packs

    (tmp_path / "exercises.json").write_text("[", encoding="utf-8")
    monkeypatch.setattr(_bundled, "_bundled", None)
    monkeypatch.setattr(packs, "bundled_folder", lambda: tmp_path)
    for _ in range(2):
        with pytest.raises(ContentError):
            spinekb.load()
        assert _bundled._bundled is None
    monkeypatch.undo()
    assert len(spinekb.load().exercises) > 0


def test_each_kind_is_read_from_the_plural_of_its_name() -> None:
    assert [stem for stem, _ in KINDS] == [cls.kind + "s" for _, cls in KINDS]


def test_deeply_nested_json_is_a_content_error(content: pathlib.Path) -> None:
    (content / "topics.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    error = load_error(content)
    assert error.file.endswith("topics.json")


def test_huge_json_values_fail_cleanly(edit: Editor) -> None:
    folder = edit("symptoms", lambda data: entry(data, "fever").update(hpo="HP:" + "1" * 100_000))
    error = load_error(folder)
    assert (error.entry, error.field) == ("fever", "$.hpo")


def test_unstructured_json_roundtrip_of_fixture(mini: KnowledgeBase) -> None:
    from spinekb._content.canonical import canonical_text

    for stem, _cls in KINDS:
        text = (MINIMAL / f"{stem}.json").read_text(encoding="utf-8")
        collection = getattr(mini, stem.replace("-", "_"))
        assert json.loads(canonical_text(collection)) == json.loads(text), stem


# --- the manifest: data version and retired ids -------------------------------------------------


def write_manifest(folder: pathlib.Path, manifest: dict[str, Any]) -> pathlib.Path:
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def test_folder_without_manifest_has_no_data_version(mini: KnowledgeBase) -> None:
    assert mini.data_version is None
    assert dict(mini.retired) == {}


def test_retired_ids_resolve_to_their_successor(content: pathlib.Path) -> None:
    write_manifest(
        content,
        {
            "data_version": "2026.12.1",
            "retired": [
                {"id": "clams", "replaced_by": "clam-old", "reason": "renamed", "since": "2026.12.0"},
                {"id": "clam-old", "replaced_by": "clamshell", "reason": "renamed", "since": "2026.12.1"},
                {"id": "fever-symptom", "replaced_by": "fever", "reason": "merged", "since": "2026.12.1"},
            ],
        },
    )
    kb = KnowledgeBase.from_path(content)
    clamshell = kb.exercises["clamshell"]
    assert kb.data_version == "2026.12.1"
    assert kb.exercises["clams"] is clamshell
    assert kb.exercises.get("clam-old") is clamshell
    assert kb.exercises.lookup("Clams") is clamshell
    assert "clams" in kb.exercises
    assert "clams" not in kb.exercises.ids
    assert len(kb.exercises) == 4
    assert kb["fever-symptom"] is kb.symptoms["fever"]
    assert "fever-symptom" in kb
    assert kb.retired == {"clams": "clamshell", "clam-old": "clamshell", "fever-symptom": "fever"}
    assert "fever-symptom" not in kb.exercises  # a retired id resolves only within its kind
    with pytest.raises(TypeError):
        kb.retired["x"] = "y"  # type: ignore[index]


@pytest.mark.parametrize(
    ("manifest", "entry", "field", "message"),
    [
        ({"data_version": "v1"}, "", "$.data_version", "not a data version"),
        (
            {
                "data_version": "2026.1.0",
                "retired": [{"id": "quad", "replaced_by": "soleus", "reason": "x", "since": "2026.1.0"}],
            },
            "quad",
            "$.retired[0].id",
            "still used by a muscle",
        ),
        (
            {
                "data_version": "2026.1.0",
                "retired": [{"id": "old", "replaced_by": "gone", "reason": "x", "since": "2026.1.0"}],
            },
            "old",
            "$.retired[0].replaced_by",
            "'gone', which is not an entry",
        ),
        (
            {
                "data_version": "2026.1.0",
                "retired": [
                    {"id": "a", "replaced_by": "b", "reason": "x", "since": "2026.1.0"},
                    {"id": "b", "replaced_by": "a", "reason": "x", "since": "2026.1.0"},
                ],
            },
            "a",
            "$.retired[0].replaced_by",
            "in a loop",
        ),
        (
            {
                "data_version": "2026.1.0",
                "retired": [{"id": "Old_Id", "replaced_by": "quad", "reason": "x", "since": "2026.1.0"}],
            },
            "Old_Id",
            "$.retired[0].id",
            "kebab-case",
        ),
        (
            {"data_version": "2026.1.0", "retired": [{"id": "old", "replaced_by": "quad"}]},
            "",
            "$.retired[0].reason",
            "required field missing",
        ),
        ({"data_version": 2026}, "", "$.data_version", "expected a string"),
    ],
    ids=["version-format", "retired-still-used", "dangling-successor", "loop", "bad-id", "missing-field", "wrong-type"],
)
def test_broken_manifest(content: pathlib.Path, manifest: dict[str, Any], entry: str, field: str, message: str) -> None:
    error = load_error(write_manifest(content, manifest))
    assert error.file.endswith("manifest.json")
    assert (entry, field) in [(p.entry, p.field) for p in error.problems]
    assert message in str(error)


def test_manifest_that_is_not_json_is_reported(content: pathlib.Path) -> None:
    (content / "manifest.json").write_text("{", encoding="utf-8")
    error = load_error(content)
    assert error.file.endswith("manifest.json")
    assert "not valid JSON" in str(error)


def test_an_exercise_in_the_old_muscle_format_is_refused_with_the_new_one_named(edit: Editor) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        exercise = entry(data, "heel-raise")
        exercise["primary_muscles"] = [w["muscle"] for w in exercise.pop("muscles")]

    error = load_error(edit("exercises", change))
    assert "unknown field(s): primary_muscles" in str(error)
    assert "now muscles, each with a role" in str(error)
    assert "$.muscles: required field missing" in str(error)
