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
