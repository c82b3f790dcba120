"""Content packs: spinekb.load(*packs), overrides, entry points, content documents and `spinekb validate`."""

from __future__ import annotations

import json
import pathlib
import shutil
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import spinekb
from spinekb import ContentError, KnowledgeBase, UnknownPackError
from spinekb.cli import main
from tests.conftest import MINIMAL as MINIMAL_FOLDER

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "packs" / "clinic-extras"
BUNDLED = ROOT / "src" / "spinekb" / "data"


@pytest.fixture
def pack(tmp_path: pathlib.Path) -> Callable[..., pathlib.Path]:
    """Write a pack folder: ``pack(manifest=..., exercises=[...], ...)``; returns its path."""

    def write(name: str = "acme", **files: Any) -> pathlib.Path:
        folder = tmp_path / name
        folder.mkdir()
        for stem, data in files.items():
            (folder / f"{stem.replace('_', '-')}.json").write_text(json.dumps(data), encoding="utf-8")
        return folder

    return write


def bundled_entry(stem: str, ident: str) -> dict[str, Any]:
    entries: list[dict[str, Any]] = json.loads((BUNDLED / f"{stem}.json").read_text(encoding="utf-8"))
    return next(item for item in entries if item["id"] == ident)


def test_the_example_pack_adds_and_overrides(kb: KnowledgeBase) -> None:
    merged = spinekb.load(EXAMPLE)
    assert [info.name for info in merged.packs] == ["spinekb", "clinic-extras"]
    assert [info.data_version for info in merged.packs] == [spinekb.DATA_VERSION, "2026.11.1"]
    assert merged.data_version == spinekb.DATA_VERSION
    # Added: a source and a topic that links to bundled entries.
    topic = merged.topics["clinic-back-class"]
    assert topic.sources == ("example-clinic-handbook",)
    assert all(ident in merged for ident in topic.see_also)
    # Overridden, explicitly: the bundled sciatica with one more alias.
    assert merged.symptoms.lookup("shooting pain down the leg").id == "sciatica"
    assert merged.symptoms["sciatica"].summary == kb.symptoms["sciatica"].summary
    assert len(merged.symptoms) == len(kb.symptoms)
    assert len(merged) == len(kb) + 2
    # The bundled knowledge base is untouched.
    assert "shooting pain down the leg" not in kb.symptoms["sciatica"].aliases
    assert spinekb.load() is kb
    assert [info.name for info in kb.packs] == ["spinekb"]
    # Queries work across packs.
    assert merged.screen(["shooting pain down the leg"]).urgency is spinekb.Urgency.SOON


def test_an_undeclared_collision_fails_the_whole_load(pack: Callable[..., pathlib.Path]) -> None:
    bridge = bundled_entry("exercises", "glute-bridge")
    folder = pack(manifest={"data_version": "2026.1.0"}, exercises=[dict(bridge, name="Our bridge", aliases=[])])
    with pytest.raises(ContentError) as caught:
        spinekb.load(folder)
    problem = caught.value.problems[0]
    assert (problem.pack, problem.entry, problem.field) == ("acme", "glute-bridge", "$.id")
    assert problem.file.endswith("exercises.json")
    assert "already an entry of spinekb" in problem.message
    assert "overrides" in problem.message
    assert str(problem).startswith("pack acme: ")


def test_a_collision_across_kinds_is_refused_even_when_declared(pack: Callable[..., pathlib.Path]) -> None:
    source = {
        "id": "glute-bridge",
        "name": "A source named like an exercise",
        "summary": "x",
        "title": "x",
        "source_kind": "expert",
    }
    folder = pack(manifest={"data_version": "2026.1.0", "overrides": ["glute-bridge"]}, sources=[source])
    with pytest.raises(ContentError, match="overrides a exercise of spinekb with a source"):
        spinekb.load(folder)


def test_overriding_something_that_is_not_there(pack: Callable[..., pathlib.Path]) -> None:
    folder = pack(manifest={"data_version": "2026.1.0", "overrides": ["no-such-entry"]})
    with pytest.raises(ContentError) as caught:
        spinekb.load(folder)
    assert [(p.pack, p.field) for p in caught.value.problems] == [("acme", "$.overrides[0]")]
    assert "no earlier pack has" in str(caught.value)


def test_every_problem_in_every_pack_is_reported(pack: Callable[..., pathlib.Path], tmp_path: pathlib.Path) -> None:
    topic = {"id": "our-topic", "name": "Our topic", "summary": "x", "sources": ["nowhere"], "body": []}
    first = pack("first", topics=[topic])
    second = pack("second", exercises=[{"id": "broken", "name": "Broken"}])
    with pytest.raises(ContentError) as caught:
        spinekb.load(first, second)
    packs = {p.pack for p in caught.value.problems}
    assert packs == {"second"}  # reading problems stop the load before cross-checks
    fixed = pack("third", topics=[dict(topic, id="other-topic", name="Other topic")])
    with pytest.raises(ContentError) as caught:
        spinekb.load(first, fixed)
    found = {(p.pack, p.entry, p.field) for p in caught.value.problems}
    assert found == {("first", "our-topic", "$.sources[0]"), ("third", "other-topic", "$.sources[0]")}


def test_a_content_document_is_a_pack(tmp_path: pathlib.Path) -> None:
    sources = json.loads((EXAMPLE / "sources.json").read_text(encoding="utf-8"))
    topics = json.loads((EXAMPLE / "topics.json").read_text(encoding="utf-8"))
    document = {"format": "spinekb-content", "sources": sources, "topics": topics}
    path = tmp_path / "clinic.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    merged = spinekb.load(path)
    assert "clinic-back-class" in merged.topics
    assert merged.packs[1].name == "clinic"


@pytest.mark.parametrize(
    ("document", "field", "message"),
    [
        ({"format": "something-else"}, "$.format", "must be 'spinekb-content'"),
        ({"format": "spinekb-content", "extras": []}, "$.extras", "unknown key"),
        ({"format": "spinekb-content", "topics": {}}, "$.topics", "must hold a list"),
        ([], "$", "must hold a JSON object"),
        (
            {"format": "spinekb-content", "data_version": "2.0.0", "manifest": {"data_version": "2026.1.0"}},
            "$.data_version",
            "must match",
        ),
    ],
)
def test_broken_documents(tmp_path: pathlib.Path, document: object, field: str, message: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        KnowledgeBase.from_path(path)
    assert caught.value.field == field
    assert message in str(caught.value)


def test_a_document_round_trips_the_bundled_content(kb: KnowledgeBase, tmp_path: pathlib.Path) -> None:
    document: dict[str, Any] = {"format": "spinekb-content"}
    manifest = json.loads((BUNDLED / "manifest.json").read_text(encoding="utf-8"))
    document["manifest"] = manifest
    document["data_version"] = manifest["data_version"]
    for stem, _ in spinekb._kinds.KINDS:
        document[stem] = json.loads((BUNDLED / f"{stem}.json").read_text(encoding="utf-8"))
    path = tmp_path / "all.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = KnowledgeBase.from_path(path)
    assert loaded.data_version == kb.data_version
    for mine, theirs in zip(loaded.collections, kb.collections, strict=True):
        assert tuple(mine) == tuple(theirs)


# --- installed packs ---------------------------------------------------------------------------


@pytest.fixture
def installed(tmp_path: pathlib.Path) -> Iterator[str]:
    """A real distribution on sys.path offering the example pack through a ``spinekb.packs`` entry point."""
    site = tmp_path / "site"
    package = site / "clinic_pack"
    shutil.copytree(EXAMPLE, package / "content")
    (package / "__init__.py").write_text(
        "import pathlib\n\n\ndef content():\n    return pathlib.Path(__file__).parent / 'content'\n",
        encoding="utf-8",
    )
    info = site / "clinic_pack-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: clinic-pack\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[spinekb.packs]\nclinic-extras = clinic_pack:content\n", encoding="utf-8")
    sys.path.insert(0, str(site))
    try:
        yield "clinic-extras"
    finally:
        sys.path.remove(str(site))
        sys.modules.pop("clinic_pack", None)


def test_an_installed_pack_loads_by_name(installed: str) -> None:
    assert installed in spinekb.installed_packs()
    merged = spinekb.load(installed)
    assert "clinic-back-class" in merged.topics
    assert merged.packs[1].name == "clinic-extras"


def test_an_unknown_pack_name_gets_close_matches(installed: str) -> None:
    with pytest.raises(UnknownPackError) as caught:
        spinekb.load("clinic-extra")
    assert caught.value.suggestions == ("clinic-extras",)
    assert "did you mean 'clinic-extras'?" in str(caught.value)
    with pytest.raises(UnknownPackError, match="installed: clinic-extras"):
        spinekb.load("something-else-entirely")
    with pytest.raises(TypeError, match="packs are folder or file paths"):
        spinekb.load(42)  # type: ignore[arg-type]


def test_a_folder_named_like_an_installed_pack_does_not_replace_it(
    installed: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bare name is an installed pack's name only; the folder of that name is loaded when it is
    written as a path."""
    impostor = tmp_path / installed
    shutil.copytree(EXAMPLE, impostor)
    (impostor / "topics.json").write_text("[]", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert "clinic-back-class" in spinekb.load(installed).topics  # the installed pack's topics
    assert "clinic-back-class" not in spinekb.load(f"./{installed}").topics  # the folder's (none)
    assert "clinic-back-class" not in spinekb.load(pathlib.Path(installed)).topics


def test_a_bare_name_that_is_only_a_folder_here_says_how_to_load_it(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE, tmp_path / "my-pack")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UnknownPackError, match=r"write it as a path: './my-pack'") as caught:
        spinekb.load("my-pack")
    assert caught.value.name == "my-pack"
    assert spinekb.load("./my-pack").packs[1].name == "clinic-extras"
    assert spinekb.load("my-pack/").packs[1].name == "clinic-extras"


@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_pack_name_is_an_error_not_the_working_directory(
    empty: str, tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(EXAMPLE, tmp_path, dirs_exist_ok=True)  # the working directory is a pack
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match="not an empty string"):
        spinekb.load(empty)


def test_a_path_that_does_not_exist_is_an_unknown_pack(tmp_path: pathlib.Path) -> None:
    with pytest.raises(UnknownPackError, match="no such file or folder"):
        spinekb.load(str(tmp_path / "missing"))
    with pytest.raises(UnknownPackError, match="no such file or folder"):
        spinekb.load(tmp_path / "missing.json")


# --- spinekb validate ------------------------------------------------------------------------


def test_validate_a_good_pack(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("ok: spinekb ")
    assert "clinic-extras 2026.11.1" in out


def test_validate_prints_every_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "--alone", str(EXAMPLE)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{len(lines) - 1} problems:"
    assert len(lines) - 1 >= 4  # the override with nothing to override, and dangling references
    assert all(line.startswith("  pack clinic-extras: ") for line in lines[1:])


def test_validate_accepts_an_installed_pack_by_name_as_load_does(
    installed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", installed]) == 0
    assert "clinic-extras 2026.11.1" in capsys.readouterr().out
    assert main(["validate", "clinic-extra"]) == 2
    assert "did you mean 'clinic-extras'?" in capsys.readouterr().err


def test_load_without_the_bundled_content_needs_a_pack() -> None:
    alone = spinekb.load(MINIMAL_FOLDER, bundled=False)
    assert [info.name for info in alone.packs] == ["minimal"]
    assert "glute-bridge" not in alone
    with pytest.raises(ValueError, match="needs at least one pack"):
        spinekb.load(bundled=False)
    with pytest.raises(TypeError, match="bundled must be True or False"):
        spinekb.load(bundled="no")  # type: ignore[arg-type]
