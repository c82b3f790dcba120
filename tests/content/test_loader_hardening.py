"""Loading is all or nothing for every input: files that are not files, lone surrogates, folders
that cannot be listed (issue 16, items 1, 2 and 5)."""

from __future__ import annotations

import json
import os
import pathlib
from typing import Any

import pytest

import spinekb
from spinekb import ContentError, KnowledgeBase


def problems(folder: pathlib.Path) -> list[tuple[str, str, str]]:
    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(folder)
    return [(pathlib.Path(p.file).name, p.field, p.message) for p in caught.value.problems]


def test_a_kind_file_that_is_a_folder_is_an_error_not_a_missing_kind(content: pathlib.Path) -> None:
    (content / "topics.json").unlink()
    (content / "topics.json").mkdir()
    assert problems(content) == [("topics.json", "$", "is a folder, not a file")]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_kind_file_that_is_a_pipe_is_an_error_and_is_never_opened(content: pathlib.Path) -> None:
    (content / "symptoms.json").unlink()
    os.mkfifo(content / "symptoms.json")  # reading it would block for ever
    assert problems(content) == [("symptoms.json", "$", "is not a regular file (a pipe, device or socket)")]


def test_broken_and_looping_symbolic_links_are_errors(content: pathlib.Path) -> None:
    (content / "treatments.json").unlink()
    (content / "treatments.json").symlink_to(content / "nowhere.json")
    (content / "manifest.json").symlink_to(content / "manifest.json")  # a loop onto itself
    found = problems(content)
    assert [(name, field) for name, field, _ in found] == [("treatments.json", "$"), ("manifest.json", "$")]
    assert all(message.startswith("is a symbolic link that leads nowhere") for _, _, message in found)


def test_a_manifest_that_is_a_folder_is_an_error(content: pathlib.Path) -> None:
    (content / "manifest.json").mkdir()
    assert problems(content) == [("manifest.json", "$", "is a folder, not a file")]


def test_a_symbolic_link_to_a_real_file_loads(content: pathlib.Path, tmp_path: pathlib.Path) -> None:
    elsewhere = tmp_path / "topics-elsewhere.json"
    (content / "topics.json").rename(elsewhere)
    (content / "topics.json").symlink_to(elsewhere)
    assert len(KnowledgeBase.from_path(content).topics) == len(json.loads(elsewhere.read_text(encoding="utf-8")))


def _rewrite(path: pathlib.Path, change: Any) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")  # ASCII with \\u escapes, as json.dumps writes


def test_a_lone_surrogate_in_a_string_is_refused_with_its_field(content: pathlib.Path) -> None:
    _rewrite(content / "symptoms.json", lambda data: data[0].update(name="Fever \ud800"))
    assert problems(content) == [
        (
            "symptoms.json",
            "$[0].name",
            "holds a lone surrogate (U+D800), which is not a character and no export can write",
        )
    ]


def test_a_lone_surrogate_in_a_key_or_an_id_is_refused(content: pathlib.Path) -> None:
    _rewrite(content / "regions.json", lambda data: data[0].update({"\udfff": 1}))
    [(name, field, message)] = problems(content)
    assert (name, field) == ("regions.json", "$[0]")
    assert "U+DFFF" in message


def test_a_character_written_as_a_surrogate_pair_loads(content: pathlib.Path) -> None:
    _rewrite(content / "symptoms.json", lambda data: data[0].update(summary=data[0]["summary"] + " \U0001f600"))
    assert "\\ud83d\\ude00" in (content / "symptoms.json").read_text(encoding="utf-8")
    kb = KnowledgeBase.from_path(content)
    assert next(iter(kb.symptoms)).summary.endswith("\U0001f600")


def test_a_folder_that_cannot_be_listed_is_an_error(content: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> None:
    listing = pathlib.Path.iterdir

    def refuse(self: pathlib.Path) -> Any:
        if self == content:
            raise PermissionError(13, "Permission denied")
        return listing(self)

    monkeypatch.setattr(pathlib.Path, "iterdir", refuse)
    assert problems(content) == [("content", "$", "cannot be listed (Permission denied)")]
    with pytest.raises(ContentError, match="cannot be listed"):
        spinekb.load(content)


def test_names_and_aliases_in_any_script_are_letters(content: pathlib.Path) -> None:
    # Issue 16, item 7: "must contain letters or digits" was said of Cyrillic and Chinese names.
    def change(data: list[dict[str, Any]]) -> None:
        data[0]["aliases"] = [*data[0].get("aliases", []), "Ишиас", "坐骨神经痛", "Fièvre"]

    _rewrite(content / "symptoms.json", change)
    kb = KnowledgeBase.from_path(content)
    symptom = next(iter(kb.symptoms))
    assert kb.symptoms.find("ишиас") is symptom
    assert kb.symptoms.find("坐骨神经痛") is symptom
    assert kb.symptoms.find("fievre") is symptom
    assert symptom in kb.symptoms.search("Ишиас")


def test_a_name_of_punctuation_only_is_still_refused(content: pathlib.Path) -> None:
    _rewrite(content / "symptoms.json", lambda data: data[0].update(aliases=["--", "_"]))
    found = problems(content)
    assert [(field, message) for _, field, message in found] == [
        ("$.aliases[0]", "must contain letters or digits"),
        ("$.aliases[1]", "must contain letters or digits"),
    ]


def test_a_problem_in_an_entry_with_an_empty_id_names_its_place(content: pathlib.Path) -> None:
    # Issue 16, item 6: the report said neither the id (there is none) nor which entry.
    def change(data: list[dict[str, Any]]) -> None:
        data.append({**data[0], "id": "", "name": "Second", "aliases": []})

    _rewrite(content / "symptoms.json", change)
    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(content)
    empty = [p for p in caught.value.problems if p.field == "$.id" and "empty" in p.message]
    assert [(p.entry, pathlib.Path(p.file).name) for p in empty] == [("#1", "symptoms.json")]
    assert "entry #1, field $.id: must not be empty" in str(caught.value)


# --- repeated keys and numbers beyond any value (items 3 and 4) ---------------------------------


def test_a_key_repeated_in_one_object_is_refused_with_its_path(content: pathlib.Path) -> None:
    path = content / "exercises.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    # A second "name" in the first exercise would silently win; it must be an error instead.
    doubled = json.dumps(data[0])[:-1] + ', "name": "Another name"}'
    path.write_text("[" + doubled + ", " + json.dumps(data[1:])[1:], encoding="utf-8")
    assert problems(content) == [("exercises.json", "$[0]", "repeats the key 'name' in one object; give each key once")]


def test_a_repeated_key_deep_inside_an_entry_is_found(content: pathlib.Path) -> None:
    path = content / "exercises.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    text = json.dumps(data)
    sets = json.dumps(data[0]["dosage"]["sessions_per_week"])
    marker = f'"sessions_per_week": {sets}'
    assert marker in text
    path.write_text(text.replace(marker, marker + f', "sessions_per_week": {sets}', 1), encoding="utf-8")
    assert problems(content) == [
        ("exercises.json", "$[0].dosage", "repeats the key 'sessions_per_week' in one object; give each key once")
    ]


def test_a_repeated_key_is_refused_when_the_content_may_have_been_the_checked_content(
    content: pathlib.Path,
) -> None:
    """The bundled load parses without the key check and checks the keys only if the files turn
    out not to be the checked ones: a pack that is not stays refused."""
    from spinekb._content.packs import Pack
    from spinekb._content.read import read_packs

    path = content / "sources.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"id":', '"id": "x", "id":', 1), encoding="utf-8")
    with pytest.raises(ContentError, match="repeats the key 'id'"):
        read_packs([Pack("spinekb", content)], checked="0" * 32)


def test_a_manifest_with_a_repeated_key_is_refused(content: pathlib.Path) -> None:
    (content / "manifest.json").write_text('{"name": "a", "name": "b"}', encoding="utf-8")
    assert problems(content) == [("manifest.json", "$", "repeats the key 'name' in one object; give each key once")]


def test_a_number_of_thousands_of_digits_is_a_content_error_saying_where(content: pathlib.Path) -> None:
    path = content / "sources.json"
    text = path.read_text(encoding="utf-8")
    marker = '"id":'
    at = text.index(marker)
    path.write_text(text[:at] + '"year": ' + "9" * 5000 + ", " + text[at:], encoding="utf-8")
    ((name, field, message),) = problems(content)
    assert (name, field) == ("sources.json", "$")
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1 + len('"year": ')
    assert "more than" in message
    assert f"(line {line}, column {column})" in message


def _int_fields(cls: type, path: str = "$") -> list[tuple[str, type]]:
    """Every whole-number field reachable from a record class, with its path (list items and
    Range ends included)."""
    import typing

    import attrs

    found: list[tuple[str, type]] = []
    attrs.resolve_types(cls)
    for field in attrs.fields(cls):
        args = [arg for arg in typing.get_args(field.type) if arg is not type(None) and arg is not Ellipsis]
        tp = field.type if not args or typing.get_origin(field.type) is None else args[0]
        if tp is int:
            found.append((f"{path}.{field.name}", cls))
        elif isinstance(tp, type) and attrs.has(tp) and tp is not cls:
            found.extend(_int_fields(tp, f"{path}.{field.name}"))
    return found


HUGE = 2**63  # one past SQLite's largest integer

# One content change per whole-number field of the models, putting a number beyond any export
# in it, and the field the problem must name.
_BEYOND: dict[tuple[str, str], tuple[Any, str]] = {
    ("exercises", "$.dosage.hold_seconds.min"): (
        lambda e: e["dosage"].update(hold_seconds={"min": HUGE}),
        "$.dosage.hold_seconds",
    ),
    ("exercises", "$.dosage.hold_seconds.max"): (
        lambda e: e["dosage"].update(hold_seconds={"min": 1, "max": HUGE}),
        "$.dosage.hold_seconds",
    ),
    ("exercises", "$.dosage.repetitions.min"): (
        lambda e: e["dosage"].update(repetitions=-HUGE),
        "$.dosage.repetitions",
    ),
    ("exercises", "$.dosage.repetitions.max"): (
        lambda e: e["dosage"].update(repetitions={"min": 1, "max": HUGE}),
        "$.dosage.repetitions",
    ),
    ("exercises", "$.dosage.rest_days_per_week"): (
        lambda e: e["dosage"].update(rest_days_per_week=-HUGE),
        "$.dosage.rest_days_per_week",
    ),
    ("exercises", "$.dosage.sessions_per_week.min"): (
        lambda e: e["dosage"].update(sessions_per_week={"min": -HUGE, "max": 3}),
        "$.dosage.sessions_per_week",
    ),
    ("exercises", "$.dosage.sessions_per_week.max"): (
        lambda e: e["dosage"].update(sessions_per_week={"min": 1, "max": HUGE}),
        "$.dosage.sessions_per_week",
    ),
    ("exercises", "$.dosage.sets.start"): (lambda e: e["dosage"].update(sets={"start": HUGE}), "$.dosage.sets.start"),
    ("exercises", "$.dosage.sets.target.min"): (
        lambda e: e["dosage"].update(sets={"target": HUGE}),
        "$.dosage.sets.target",
    ),
    ("exercises", "$.dosage.sets.target.max"): (
        lambda e: e["dosage"].update(sets={"target": {"min": 2, "max": HUGE}}),
        "$.dosage.sets.target",
    ),
    ("red-flags", "$.modifiers.age_over"): (
        lambda e: e["modifiers"][0].update(kind="age-over", age_over=HUGE),
        "$.modifiers[0].age_over",
    ),
    ("red-flags", "$.modifiers.age_under_days"): (
        lambda e: e["modifiers"][0].update(kind="age-under", age_under_days=HUGE),
        "$.modifiers[0].age_under_days",
    ),
    ("red-flags", "$.triggers.age_over"): (
        lambda e: e.update(triggers=[{"age_over": HUGE, "sources": ["test-guideline"]}]),
        "$.triggers[0].age_over",
    ),
    ("red-flags", "$.triggers.age_under"): (
        lambda e: e.update(triggers=[{"age_under": -HUGE, "sources": ["test-guideline"]}]),
        "$.triggers[0].age_under",
    ),
    ("red-flags", "$.triggers.lasting_weeks"): (
        lambda e: e.update(triggers=[{"age_over": 50, "lasting_weeks": HUGE, "sources": ["test-guideline"]}]),
        "$.triggers[0].lasting_weeks",
    ),
    ("sources", "$.year"): (lambda e: e.update(year=HUGE), "$.year"),
    ("symptoms", "$.seek_care.lasting_weeks"): (
        lambda e: e.update(
            seek_care={"urgency": "soon", "when": "w", "sources": ["test-guideline"], "lasting_weeks": HUGE}
        ),
        "$.seek_care.lasting_weeks",
    ),
    ("conditions", "$.escalations.lasting_weeks"): (
        lambda e: e.update(
            escalations=[{"urgency": "soon", "when": "w", "sources": ["test-guideline"], "lasting_weeks": HUGE}]
        ),
        "$.escalations[0].lasting_weeks",
    ),
    ("lexicons", "$.cues.numbers.value"): (
        lambda e: e["cues"].update(numbers=[{"words": ["many"], "value": HUGE}]),
        "$.cues.numbers[0].value",
    ),
    ("lexicons", "$.cues.young.value"): (
        lambda e: e["cues"].update(young=[{"words": ["infant"], "value": HUGE}]),
        "$.cues.young[0].value",
    ),
    ("lexicons", "$.cues.time_units.days"): (
        lambda e: e["cues"].update(time_units=[{"words": ["aeon"], "days": -HUGE}]),
        "$.cues.time_units[0].days",
    ),
}


def test_every_whole_number_field_of_the_models_is_tried_with_a_number_beyond_any_export() -> None:
    """A number of 2**63 or more cannot go into SQLite: every number field needs a checked upper
    bound, and this keeps a new number field from coming in without a case below."""
    from spinekb._kinds import KINDS

    found = {(stem, path) for stem, cls in KINDS for path, _ in _int_fields(cls)}
    assert found == set(_BEYOND)


@pytest.mark.parametrize(("kind", "path"), sorted(_BEYOND))
def test_numbers_beyond_what_exports_hold_are_content_errors_naming_the_field(
    content: pathlib.Path, kind: str, path: str
) -> None:
    change, field = _BEYOND[kind, path]
    _rewrite(content / f"{kind}.json", lambda data: change(data[0]))
    found = problems(content)
    assert field in [found_field for _, found_field, _ in found]
    assert all(len(message) < 120 for _, _, message in found)  # the number is not printed in full
