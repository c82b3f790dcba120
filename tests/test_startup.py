"""What makes the first query cheap: the checked-content fingerprint, the plain-file reader of the
bundled folder, and the records' shared methods. Each shortcut must give the same answers as the
long way round."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import spinekb
from spinekb import _bundled, _kinds, models
from spinekb._content import canonical as _canonical
from spinekb._content import checks as _validate
from spinekb._content import packs as _packs
from spinekb._content import read as _loading
from spinekb._content.packs import bundled_folder
from spinekb._content.read import read_folder
from spinekb._text import normalize
from spinekb._version import CHECKED_CONTENT
from spinekb.errors import ContentError, ContentProblem

DATA = pathlib.Path(str(bundled_folder()))
EXAMPLE_PACK = pathlib.Path(__file__).parents[1] / "examples" / "packs" / "clinic-extras"


def test_the_recorded_fingerprint_is_that_of_the_bundled_content() -> None:
    content = read_folder(bundled_folder())  # every check runs: read_folder trusts nothing
    assert content.fingerprint == CHECKED_CONTENT, (
        "the bundled data changed since its fingerprint was recorded; run "
        "`python -m spinekb._content.canonical src/spinekb/data`, which checks it and records the new one"
    )


@pytest.fixture
def copied_bundle(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """A copy of the bundled data standing in for it, with no knowledge base loaded yet."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setattr(_packs, "bundled_folder", lambda: _packs._Place(str(folder)))
    monkeypatch.setattr(_bundled, "_bundled", None)
    return folder


def test_the_checked_bytes_skip_the_whole_content_checks_and_load_the_same(
    copied_bundle: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked = read_folder(copied_bundle)

    def refuse(*args: object, **kwargs: object) -> list[ContentProblem]:
        raise AssertionError("the whole-content checks ran on the checked bytes")

    monkeypatch.setattr(_validate, "validate", refuse)
    kb = spinekb.load()
    assert {cls: tuple(getattr(kb, stem.replace("-", "_"))) for stem, cls in _kinds.KINDS} == {
        cls: tuple(sorted(entries, key=lambda entry: entry.id)) for cls, entries in checked.records.items()
    }
    assert kb.exercises.lookup("bird dog") is kb.exercises["bird-dog"]  # the look-up index is built on demand


def test_any_other_bytes_get_every_check(copied_bundle: pathlib.Path) -> None:
    path = copied_bundle / "exercises.json"
    exercises = json.loads(path.read_text(encoding="utf-8"))
    exercises[0]["sources"] = ["no-such-source"]  # still structurally valid: only the checks see it
    path.write_text(json.dumps(exercises, indent=2), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        spinekb.load()
    assert [(p.entry, p.field) for p in caught.value.problems] == [(exercises[0]["id"], "$.sources[0]")]
    assert "no-such-source" in str(caught.value)


def test_an_entry_that_does_not_fit_fails_even_with_the_checks_skipped(copied_bundle: pathlib.Path) -> None:
    # Structure is checked on every load: a wrong type cannot hide behind a matching fingerprint,
    # and here the fingerprint cannot match anyway. The two together are the guarantee.
    path = copied_bundle / "regions.json"
    regions = json.loads(path.read_text(encoding="utf-8"))
    regions[0]["name"] = 7
    path.write_text(json.dumps(regions), encoding="utf-8")
    with pytest.raises(ContentError, match=r"\$\.name"):
        spinekb.load()


def test_the_fingerprint_tells_apart_bytes_moved_between_files_or_renamed() -> None:
    def fingerprint(*files: tuple[str, bytes]) -> str:
        seen = _loading.Fingerprint()
        for name, data in files:
            seen.add(name, data)
        return seen.hexdigest()

    one = fingerprint(("a.json", b"[1]"), ("b.json", b"[]"))
    assert one == fingerprint(("a.json", b"[1]"), ("b.json", b"[]"))
    assert one != fingerprint(("a.json", b"[1][]"), ("b.json", b""))
    assert one != fingerprint(("b.json", b"[1]"), ("a.json", b"[]"))
    assert one != fingerprint(("a.json", b"[2]"), ("b.json", b"[]"))


def test_packs_and_from_path_always_get_every_check(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = _validate.validate

    def counting(*args: object, **kwargs: object) -> list[ContentProblem]:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_validate, "validate", counting)
    spinekb.KnowledgeBase.from_path(DATA)
    spinekb.load(EXAMPLE_PACK)  # the bundled content plus a pack: the merge is checked as a whole
    assert len(calls) == 2


def test_recording_the_fingerprint(tmp_path: pathlib.Path) -> None:
    version = tmp_path / "_version.py"
    version.write_text('__version__ = "0"\nCHECKED_CONTENT = 0\n', encoding="utf-8")
    assert _canonical.record_fingerprint(DATA, version) == version
    assert len(CHECKED_CONTENT) == 32  # 128 bits, in hex
    assert f'CHECKED_CONTENT = "{CHECKED_CONTENT}"\n' in version.read_text(encoding="utf-8")
    assert _canonical.record_fingerprint(DATA, version) is None  # already current: nothing written
    version.write_text('__version__ = "0"\n', encoding="utf-8")
    with pytest.raises(RuntimeError, match="CHECKED_CONTENT"):
        _canonical.record_fingerprint(DATA, version)


def test_the_canonical_tool_writes_the_version_file_of_the_package() -> None:
    from spinekb import _version

    assert pathlib.Path(_version.__file__) == _canonical.VERSION_FILE
    assert _canonical.record_fingerprint(DATA) is None  # checked in full, and already current


def test_the_canonical_tool_records_the_fingerprint_of_the_bundled_folder_only(
    copied_bundle: pathlib.Path,
    tmp_path: pathlib.Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    version = tmp_path / "_version.py"
    version.write_text("CHECKED_CONTENT = 0\n", encoding="utf-8")
    monkeypatch.setattr(_canonical, "VERSION_FILE", version)
    monkeypatch.setattr(_canonical, "bundled_folder", _packs.bundled_folder)  # the copy
    other = tmp_path / "other"
    shutil.copytree(DATA, other)
    assert _canonical.main([str(other)]) == 0
    assert version.read_text(encoding="utf-8") == "CHECKED_CONTENT = 0\n"
    assert _canonical.main([str(copied_bundle)]) == 0
    assert version.read_text(encoding="utf-8") == f'CHECKED_CONTENT = "{CHECKED_CONTENT}"\n'
    assert f"rewrote {version}" in capsys.readouterr().out


def test_the_bundled_folder_is_read_from_a_zip_too(tmp_path: pathlib.Path) -> None:
    package = pathlib.Path(spinekb.__file__).parent
    archive = tmp_path / "spinekb.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in package.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                bundle.write(path, pathlib.Path("spinekb") / path.relative_to(package))
    probe = f"""
import sys
sys.path.insert(0, {str(archive)!r})
import spinekb
assert spinekb.__file__.startswith({str(archive)!r}), spinekb.__file__
kb = spinekb.load()
first = kb.exercises_for("hip-abductors")[0].exercise.id
print(len(kb.exercises), first, kb.packs[0].location.rstrip("/").endswith("data"))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        str(len(spinekb.load().exercises)),
        spinekb.exercises_for("hip-abductors")[0].exercise.id,
        "True",
    ]


def test_record_fields_hold_real_types_so_loading_evaluates_no_annotations() -> None:
    records = [value for value in vars(models).values() if isinstance(value, type) and attrs.has(value)]
    assert len(records) > 20
    for cls in records:
        for field in attrs.fields(cls):
            assert not isinstance(field.type, str), f"{cls.__name__}.{field.name} is annotated as a string"


def test_records_print_compare_and_hash_as_attrs_would() -> None:
    # A class attrs writes every method for, with the same fields as Sets and Range.
    range_ = attrs.make_class("Range", ["min", "max"], frozen=True)
    sets = attrs.make_class(
        "Sets", {"start": attrs.field(kw_only=True), "target": attrs.field(kw_only=True)}, frozen=True
    )
    ours = models.Sets(start=2, target=models.Range(3, None))
    theirs = sets(start=2, target=range_(3, None))
    assert repr(ours) == repr(theirs) == "Sets(start=2, target=Range(min=3, max=None))"

    same, other = models.Sets(start=2, target=models.Range(3, None)), models.Sets(start=2, target=models.Range(3, 4))
    assert ours == same
    assert hash(ours) == hash(same)
    assert ours is not same
    assert ours != other
    assert (ours == other) is False
    assert ours != theirs  # another class with equal fields is not equal, as with attrs
    assert len({ours, same, other}) == 2

    kb = spinekb.load()
    exercise = kb.exercises["bird-dog"]
    assert exercise == attrs.evolve(exercise)
    assert hash(exercise) == hash(attrs.evolve(exercise))
    assert exercise != attrs.evolve(exercise, summary=exercise.summary + " ")
    assert exercise.__eq__(object()) is NotImplemented
    problem = ContentProblem("f", "e", "$", "m")
    assert repr(problem) == "ContentProblem(file='f', entry='e', field='$', message='m', pack='')"
    assert problem == ContentProblem("f", "e", "$", "m") != ContentProblem("f", "e", "$", "m", "p")


def test_the_quick_walk_agrees_with_the_explaining_walk() -> None:
    kb = spinekb.load()
    by_id = {entry.id: entry for collection in kb.collections for entry in collection}
    ids = _validate.Ids(by_id)
    broken: dict[str, Callable[[Any], models.Entry]] = {
        "a dangling citation": lambda e: attrs.evolve(e, sources=("nowhere",)),
        "a citation of the wrong kind": lambda e: attrs.evolve(e, sources=(next(iter(kb.regions)).id,)),
        "no citation": lambda e: attrs.evolve(e, sources=()),
        "a citation twice": lambda e: attrs.evolve(e, sources=(e.sources[0], e.sources[0])),
        "a blank name": lambda e: attrs.evolve(e, name=" "),
        "a blank alias": lambda e: attrs.evolve(e, aliases=(*e.aliases, "")),
        "a dangling muscle in a nested record": lambda e: attrs.evolve(
            e, muscles=(*e.muscles, models.WorkedMuscle(muscle="nowhere", role=models.MuscleRole.TARGET))
        ),
    }
    checked = 0
    for collection in (kb.exercises, kb.conditions, kb.red_flags, kb.treatments, kb.muscles):
        assert _validate._sound(list(collection), ids)  # the walk takes a whole kind at once
        for entry in collection:
            assert _validate._sound([entry], ids)
            assert not list(_validate._check_value(entry, "$", by_id))
            for why, breaking in broken.items():
                if (why == "a citation twice" and not entry.sources) or (
                    "muscle" in why and not isinstance(entry, models.Exercise)
                ):
                    continue
                bad = breaking(entry)
                assert not _validate._sound([bad], ids), (entry.id, why)
                assert not _validate._sound([*collection, bad], ids), (entry.id, why)
                assert list(_validate._check_value(bad, "$", by_id)), (entry.id, why)
                checked += 1
    assert checked > 500


@given(
    st.text(alphabet=st.characters(codec="utf-8"), max_size=30) | st.from_regex(r"[ -~\u2019]{0,30}", fullmatch=True)
)
def test_the_ascii_shortcut_of_normalize_gives_the_full_unicode_answer(text: str) -> None:
    import re
    import unicodedata

    folded = unicodedata.normalize("NFKD", text.replace("'", "").replace("\u2019", "").casefold())
    # Letters and digits of any script are kept (issue 16, item 7); everything else goes.
    expected = re.sub(r"[\W_]+", "", "".join(ch for ch in folded if not unicodedata.combining(ch)))
    assert normalize(text) == expected


def test_records_sharing_the_methods_keep_attrs_default_field_options() -> None:
    # The shared methods match attrs' own only for fields with the default options.
    from spinekb import errors
    from spinekb._query import answers
    from spinekb._record import Record

    sharing = [
        value
        for module in (models, errors, answers, _packs)
        for value in vars(module).values()
        if isinstance(value, type) and attrs.has(value) and issubclass(value, Record)
    ]
    assert len(sharing) >= 30
    for cls in sharing:
        assert (cls.__eq__, cls.__hash__) == (Record.__eq__, Record.__hash__), cls
        for field in attrs.fields(cls):
            assert (field.eq, field.eq_key, field.repr, field.hash) == (True, None, True, None), (cls, field.name)
