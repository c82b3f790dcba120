"""Exports: the JSON document, JSON Schema, CSV files and the SQLite database, checked against the API."""

from __future__ import annotations

import copy
import csv
import enum
import functools
import json
import pathlib
import sqlite3
import typing
from collections.abc import Callable, Iterator
from contextlib import closing
from typing import Any

import attrs
import jsonschema
import pytest

import spinekb
from spinekb._content.canonical import canonical_text
from spinekb._content.read import converter
from spinekb._content.structure import DoesNotFitError, structure
from spinekb._export import database as sqlite_export
from spinekb._export import document as json_export
from spinekb._export import export
from spinekb._export import schema as schema_export
from spinekb._export import tables as csv_export
from spinekb._kinds import KINDS
from spinekb.models import REFERS_TO, Entry, Manifest, Range

STEMS = [stem for stem, _ in KINDS]
CLASSES = dict(KINDS)


@pytest.fixture(params=["kb", "mini"])
def any_kb(request: pytest.FixtureRequest) -> spinekb.KnowledgeBase:
    """The bundled knowledge base, then the tiny test one."""
    found: spinekb.KnowledgeBase = request.getfixturevalue(request.param)
    return found


def collection(kb: spinekb.KnowledgeBase, stem: str) -> tuple[Entry, ...]:
    """The entries of one kind, in id order."""
    return tuple(getattr(kb, stem.replace("-", "_")))


def fields(cls: type) -> tuple[attrs.Attribute[Any], ...]:
    attrs.resolve_types(cls)
    return tuple(field for field in attrs.fields(cls) if field.init)


def record_classes() -> Iterator[type]:
    """Every attrs class reachable from the kinds and the manifest (Range included)."""
    seen: set[type] = set()
    todo: list[Any] = [cls for _, cls in KINDS] + [Manifest]
    while todo:
        tp = todo.pop()
        if typing.get_origin(tp) is not None:
            todo.extend(typing.get_args(tp))
        elif isinstance(tp, type) and attrs.has(tp) and tp not in seen:
            seen.add(tp)
            todo.extend(field.type for field in fields(tp))
    return iter(sorted(seen, key=lambda cls: cls.__name__))


def enum_classes() -> set[type[enum.Enum]]:
    found: set[type[enum.Enum]] = set()
    for cls in record_classes():
        todo: list[Any] = [field.type for field in fields(cls)]
        while todo:
            tp = todo.pop()
            if typing.get_origin(tp) is not None:
                todo.extend(typing.get_args(tp))
            elif isinstance(tp, type) and issubclass(tp, enum.Enum):
                found.add(tp)
    return found


# --- the JSON document ------------------------------------------------------------------------


def test_document_holds_every_kind_in_loading_order(any_kb: spinekb.KnowledgeBase) -> None:
    document = json_export.to_document(any_kb)
    manifest = ["manifest"] if any_kb.manifest is not None else []
    assert list(document) == ["format", "data_version", *manifest, *STEMS]
    assert document["format"] == "spinekb-content"
    assert document["data_version"] == any_kb.data_version
    for stem in STEMS:
        assert len(document[stem]) == len(collection(any_kb, stem)), stem


def plain_types(data: Any) -> set[type]:
    """The Python types found anywhere in parsed-JSON-like data."""
    if isinstance(data, dict):
        return {dict, *map(type, data)}.union(*(plain_types(value) for value in data.values()))
    if isinstance(data, list):
        return {list}.union(*(plain_types(value) for value in data))
    return {type(data)}


def test_document_holds_plain_json_types(any_kb: spinekb.KnowledgeBase) -> None:
    document = json_export.to_document(any_kb)
    assert plain_types(document) <= {dict, list, str, int, bool, type(None)}
    assert plain_types(schema_export.json_schema()) <= {dict, list, str, int, bool, type(None)}


def test_document_entries_are_sorted_and_canonical(any_kb: spinekb.KnowledgeBase) -> None:
    document = json_export.to_document(any_kb)
    for stem in STEMS:
        ids = [item["id"] for item in document[stem]]
        assert ids == sorted(ids), stem
        assert document[stem] == json.loads(canonical_text(collection(any_kb, stem))), stem


def test_document_manifest(kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase) -> None:
    bundled = json_export.to_document(kb)
    assert bundled["data_version"] == spinekb.DATA_VERSION
    assert bundled["manifest"] == converter().unstructure(kb.manifest)
    assert bundled["manifest"]["data_version"] == spinekb.DATA_VERSION
    tiny = json_export.to_document(mini)
    assert mini.manifest is None
    assert "manifest" not in tiny
    assert tiny["data_version"] is None


def test_write_json_is_stable(tmp_path: pathlib.Path, any_kb: spinekb.KnowledgeBase) -> None:
    first = json_export.write_json(any_kb, tmp_path / "one.json")
    second = json_export.write_json(any_kb, str(tmp_path / "nested" / "two.json"))
    data = first.read_bytes()
    assert data == second.read_bytes()
    assert data.endswith(b"]\n}\n")
    text = data.decode("utf-8")
    assert text.startswith('{\n  "format": "spinekb-content",\n  "data_version": ')
    assert json.loads(text) == json_export.to_document(any_kb)
    assert text == json_export.json_text(any_kb)


def test_write_json_keeps_utf8_as_is(tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase) -> None:
    text = json_export.write_json(kb, tmp_path / "kb.json").read_text(encoding="utf-8")
    assert not text.isascii()  # the bundled content has dashes and accents
    assert "\\u" not in text


def test_document_round_trips_through_a_folder(tmp_path: pathlib.Path, any_kb: spinekb.KnowledgeBase) -> None:
    document = json.loads(json_export.json_text(any_kb))
    for stem in STEMS:
        (tmp_path / f"{stem}.json").write_text(json.dumps(document[stem]), encoding="utf-8")
    if "manifest" in document:
        (tmp_path / "manifest.json").write_text(json.dumps(document["manifest"]), encoding="utf-8")
    loaded = spinekb.KnowledgeBase.from_path(tmp_path)
    assert loaded.manifest == any_kb.manifest
    assert loaded.data_version == document["data_version"]
    for stem in STEMS:
        assert collection(loaded, stem) == collection(any_kb, stem), stem


def test_document_file_loads_back_equal(tmp_path: pathlib.Path, any_kb: spinekb.KnowledgeBase) -> None:
    loaded = spinekb.KnowledgeBase.from_path(json_export.write_json(any_kb, tmp_path / "kb.json"))
    assert loaded.manifest == any_kb.manifest
    assert loaded.data_version == any_kb.data_version
    for stem in STEMS:
        assert collection(loaded, stem) == collection(any_kb, stem), stem


# --- JSON Schema ------------------------------------------------------------------------------


@functools.cache
def validator(kind: str | None = None) -> jsonschema.Draft202012Validator:
    """A validator for the schema of one kind, or of the document (checked against the metaschema)."""
    schema = schema_export.json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_document_validates_against_its_schema(any_kb: spinekb.KnowledgeBase) -> None:
    errors = [error.message for error in validator().iter_errors(json_export.to_document(any_kb))]
    assert errors == []


@pytest.mark.parametrize("stem", STEMS)
def test_entries_validate_against_their_kind_schema(stem: str, any_kb: spinekb.KnowledgeBase) -> None:
    check = validator(stem)
    for item in json_export.to_document(any_kb)[stem]:
        errors = [f"{error.json_path}: {error.message}" for error in check.iter_errors(item)]
        assert errors == [], item["id"]


def test_schema_refuses_a_document_of_another_shape(mini: spinekb.KnowledgeBase) -> None:
    check = validator()
    document = json_export.to_document(mini)
    assert check.is_valid(document)
    assert check.is_valid({"format": "spinekb-content"})  # as the loader allows
    for broken in (
        {**document, "format": "something-else"},
        {**document, "extra": []},
        {**document, "exercises": {}},
        {**document, "data_version": 2026},
        {**document, "manifest": {"retired": []}},
    ):
        assert not check.is_valid(broken)


_DOCUMENTS: dict[int, dict[str, Any]] = {}


def bundled_document(kb: spinekb.KnowledgeBase) -> dict[str, Any]:
    """The document of the bundled knowledge base, made once (callers copy before changing it)."""
    return _DOCUMENTS.setdefault(id(kb), json_export.to_document(kb))


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split(".")

    def change(item: dict[str, Any]) -> None:
        for key in parents:
            item = item[key]
        item[last] = value

    return change


def _delete(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda item: item.pop(key)


# (name, kind, change, whether the loader's structuring also refuses it: id patterns are checked later)
MUTATIONS: list[tuple[str, str, Callable[[dict[str, Any]], None], bool]] = [
    ("wrong type", "exercises", _set("name", 3), True),
    ("number as text", "sources", _set("year", "2020"), True),
    ("true for a number", "exercises", _set("dosage.rest_days_per_week", True), True),
    ("number for true", "exercises", _set("dosage.per_side", 1), True),
    ("text for a list", "exercises", _set("steps", "one step"), True),
    ("unknown key", "exercises", _set("colour", "red"), True),
    ("unknown nested key", "exercises", _set("dosage.colour", "red"), True),
    ("bad enum", "exercises", _set("position", "upside-down"), True),
    ("null enum", "exercises", _set("position", None), True),
    (
        "bad optional enum",
        "red-flags",
        _set("modifiers", [{"kind": "trauma", "urgency": "later", "text": "t", "sources": ["s"]}]),
        True,
    ),
    ("missing required", "exercises", _delete("steps"), True),
    ("missing nested required", "exercises", _set("benefits", [{"text": "Helps."}]), True),
    ("range without min", "exercises", _set("dosage.sessions_per_week", {"max": 3}), True),
    ("range with extra key", "exercises", _set("dosage.sessions_per_week", {"min": 1, "max": 3, "step": 1}), True),
    ("range as text", "exercises", _set("dosage.sessions_per_week", "3"), True),
    ("range as a fraction", "exercises", _set("dosage.sessions_per_week", 2.5), True),
    ("range with text max", "exercises", _set("dosage.sessions_per_week", {"min": 1, "max": "3"}), True),
    ("bad id", "exercises", _set("id", "Bad_Id"), False),
    ("bad reference", "exercises", _set("regions", ["Not an id"]), False),
    ("bad nested reference", "regions", _set("links", [{"region": "hip ", "sources": ["s"]}]), False),
]


@pytest.mark.parametrize(
    ("stem", "change", "loader_refuses"), [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS]
)
def test_schema_refuses_broken_entries(
    stem: str, change: Callable[[dict[str, Any]], None], loader_refuses: bool, kb: spinekb.KnowledgeBase
) -> None:
    check = validator(stem)
    original = bundled_document(kb)[stem][0]
    assert check.is_valid(original)
    broken = copy.deepcopy(original)
    change(broken)
    assert not check.is_valid(broken)
    assert validator().is_valid({"format": "spinekb-content", stem: [original]})
    assert not validator().is_valid({"format": "spinekb-content", stem: [broken]})
    # The schema and the loader agree on what does not fit a record.
    structure(original, CLASSES[stem])
    if loader_refuses:
        with pytest.raises(DoesNotFitError):
            structure(broken, CLASSES[stem])


def test_schema_accepts_what_the_loader_accepts(kb: spinekb.KnowledgeBase) -> None:
    item = copy.deepcopy(bundled_document(kb)["exercises"][0])
    item["dosage"]["sessions_per_week"] = {"min": 2, "max": None}  # an open range, written out
    item["dosage"]["repetitions"] = {"min": 8}
    item["dosage"]["tempo"] = None
    structure(item, CLASSES["exercises"])
    assert validator("exercises").is_valid(item)
    flag = copy.deepcopy(bundled_document(kb)["red-flags"][0])
    flag["modifiers"] = [{"kind": "harmless-explanation", "urgency": None, "text": "t", "sources": ["s"]}]
    structure(flag, CLASSES["red-flags"])
    assert validator("red-flags").is_valid(flag)


def test_schema_is_generated_from_every_model_field() -> None:
    defs = schema_export.json_schema()["$defs"]
    for cls in record_classes():
        if cls is Range:
            continue
        schema = defs[cls.__name__]
        assert list(schema["properties"]) == [field.name for field in fields(cls)], cls
        assert schema["required"] == [field.name for field in fields(cls) if field.default is attrs.NOTHING], cls
        assert schema["additionalProperties"] is False
        for field in fields(cls):
            prop = schema["properties"][field.name]
            kinds = field.metadata.get(REFERS_TO)
            if kinds is not None:
                assert prop["x-spinekb-refers-to"] == list(kinds)
                assert schema_export.ID_PATTERN in json.dumps(prop)
            if field.default is not attrs.NOTHING:
                assert prop["default"] == converter().unstructure(field.default)
    for kind in enum_classes():
        assert defs[kind.__name__]["enum"] == [member.value for member in kind]
    for stem, cls in KINDS:
        kind_schema = schema_export.json_schema(stem)
        assert kind_schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert kind_schema["properties"] == defs[cls.__name__]["properties"]
        assert set(kind_schema.get("$defs", {})) <= set(defs)


def test_schema_carries_the_docstrings() -> None:
    exercise = schema_export.json_schema("exercises")
    assert exercise["title"] == "Exercise"
    assert exercise["description"] == "An exercise, with how to do it and how much of it to do."
    assert exercise["properties"]["id"]["description"].startswith("stable kebab-case identifier")
    assert exercise["properties"]["steps"]["description"] == "the instructions, in order."
    assert exercise["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    text = json.dumps(schema_export.json_schema())
    assert ":class:" not in text
    assert "``" not in text


def test_json_schema_takes_every_name_of_a_kind_and_refuses_unknown_kinds() -> None:
    # One resolver of kind names: the stem, the kind, the attribute and the class name one kind.
    expected = schema_export.json_schema("red-flags")
    for name in ("red-flag", "red_flags", " Red-Flags ", spinekb.RedFlag):
        assert schema_export.json_schema(name) == expected
    with pytest.raises(ValueError, match=r"unknown kind 'exercize'; expected one of sources, .*exercises.*red-flags"):
        schema_export.json_schema("exercize")
    with pytest.raises(TypeError, match="kind must be a record class or a name"):
        schema_export.json_schema(3)  # type: ignore[arg-type]


def test_json_schema_returns_a_new_dictionary() -> None:
    first = schema_export.json_schema("topics")
    first["properties"].clear()
    assert schema_export.json_schema("topics")["properties"]


# --- SQLite -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def databases(
    tmp_path_factory: pytest.TempPathFactory, kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase
) -> dict[int, pathlib.Path]:
    """A database of each knowledge base, keyed by its id()."""
    folder = tmp_path_factory.mktemp("sqlite")
    return {
        id(base): sqlite_export.write_sqlite(base, folder / f"{name}.sqlite")
        for name, base in (("kb", kb), ("mini", mini))
    }


@pytest.fixture
def db(databases: dict[int, pathlib.Path], any_kb: spinekb.KnowledgeBase) -> Iterator[sqlite3.Connection]:
    with closing(sqlite3.connect(databases[id(any_kb)])) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        yield connection


def test_sql_exercises_for_a_muscle_group_match_the_api(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    # The default answer: a prime member trained through the group's movement, or stretched,
    # unless the exercise names other groups for that muscle's role.
    query = """
        SELECT DISTINCT em.exercise_id
        FROM muscles_groups AS mg
        JOIN muscle_groups AS g ON g.id = mg.muscle_group_id
        JOIN exercises_muscles AS em ON em.muscle_id = mg.muscle_id
        JOIN exercises AS e ON e.id = em.exercise_id
        WHERE g.id = ? AND mg.membership = 'prime'
          AND (em.groups = '[]' OR EXISTS (SELECT 1 FROM json_each(em.groups) WHERE value = g.id))
          AND (
            em.role = 'stretched'
            OR (em.role = 'target' AND (
                g.movement IS NULL OR EXISTS (SELECT 1 FROM json_each(e.movements) WHERE value = g.movement)
            ))
          )
    """
    found_any = False
    for group in any_kb.muscle_groups:
        by_sql = {ident for (ident,) in db.execute(query, (group.id,))}
        assert by_sql == {match.exercise.id for match in any_kb.exercises_for(group)}, group.id
        found_any = found_any or bool(by_sql)
    assert found_any


def test_sql_red_flags_for_a_condition_match_the_api(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    query = """
        SELECT r.id
        FROM conditions_red_flags AS link
        JOIN red_flags AS r ON r.id = link.red_flag_id
        WHERE link.condition_id = ?
        ORDER BY CASE r.urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 WHEN 'soon' THEN 2 ELSE 3 END, r.id
    """
    reverse = "SELECT red_flag_id FROM red_flags_conditions WHERE condition_id = ?"
    found_any = False
    for condition in any_kb.conditions:
        expected = [flag.id for flag in any_kb.red_flags_for(condition)]
        assert [ident for (ident,) in db.execute(query, (condition.id,))] == expected, condition.id
        # The flags' own pointers; a flag that points here only in a combination (a modifier's
        # points_to) is listed by the condition alone.
        combined = {f.id for f in any_kb.red_flags_for(condition) if condition.id not in f.conditions}
        assert {ident for (ident,) in db.execute(reverse, (condition.id,))} == set(expected) - combined, condition.id
        assert all(any(condition.id in m.points_to for m in any_kb.red_flags[i].modifiers) for i in combined)
        found_any = found_any or bool(expected)
    assert found_any


def test_sql_sources_cited_anywhere_match_the_api(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    cited: dict[str, set[str]] = {}
    for entry_id, source_id in db.execute(
        "SELECT entry_id, target_id FROM entry_references WHERE target_kind = 'source'"
    ):
        cited.setdefault(entry_id, set()).add(source_id)
    for stem in STEMS:
        for entry in collection(any_kb, stem):
            assert cited.get(entry.id, set()) == {source.id for source in any_kb.sources_of(entry)}, entry.id


def test_sql_nested_links_match_the_records(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    variations = set(db.execute("SELECT exercise_id, variation_id, relation, position FROM exercises_variations"))
    assert variations == {
        (e.id, v.exercise, v.relation.value, i) for e in any_kb.exercises for i, v in enumerate(e.variations)
    }
    links = set(db.execute("SELECT region_id, linked_region_id FROM regions_links"))
    assert links == {(r.id, link.region) for r in any_kb.regions for link in r.links}
    evidence = set(db.execute("SELECT treatment_id, source_id, verdict FROM treatments_evidence"))
    assert evidence == {(t.id, e.source, e.verdict.value) for t in any_kb.treatments for e in t.evidence}
    roles = set(db.execute("SELECT exercise_id, muscle_id, role, position FROM exercises_muscles"))
    assert roles == {(e.id, w.muscle, w.role.value, i) for e in any_kb.exercises for i, w in enumerate(e.muscles)}
    groups = set(db.execute("SELECT muscle_id, muscle_group_id, membership FROM muscles_groups"))
    assert groups == {(m.id, g.group, g.membership.value) for m in any_kb.muscles for g in m.groups}
    against = {
        (exercise_id, tuple(json.loads(conditions)))
        for exercise_id, conditions in db.execute("SELECT exercise_id, conditions FROM exercises_contraindications")
    }
    assert against == {(e.id, c.conditions) for e in any_kb.exercises for c in e.contraindications}


def test_sql_foreign_keys_hold_and_are_enforced(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    targets = {row[2] for row in db.execute("PRAGMA foreign_key_list(exercises_muscles)")}
    assert targets == {"exercises", "muscles"}
    exercise = next(iter(any_kb.exercises))
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute(
            "INSERT INTO exercises_muscles (exercise_id, muscle_id, role, groups, position)"
            " VALUES (?, 'no-such-muscle', 'target', '[]', 99)",
            (exercise.id,),
        )
    db.rollback()


def test_sql_row_counts_and_columns_match_the_collections(
    db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase
) -> None:
    assert db.execute("SELECT count(*) FROM entries").fetchone() == (len(any_kb),)
    for stem, cls in KINDS:
        table = stem.replace("-", "_")
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone() == (len(collection(any_kb, stem)),), table
        columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
        assert columns == [field.name for field in fields(cls)], table
        for field in fields(cls):
            if field.metadata.get(REFERS_TO) is not None and field.type is not str:
                link = f"{table}_{field.name}"
                expected = sum(len(getattr(entry, field.name)) for entry in collection(any_kb, stem))
                assert db.execute(f"SELECT count(*) FROM {link}").fetchone() == (expected,), link


def test_sql_values_are_the_records(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    unstructure = converter().unstructure
    for exercise in any_kb.exercises:
        row = db.execute(
            "SELECT name, position, dosage, steps, json_extract(dosage, '$.sessions_per_week')"
            " FROM exercises WHERE id = ?",
            (exercise.id,),
        ).fetchone()
        name, position, dosage, steps, sessions = row
        assert (name, position) == (exercise.name, exercise.position.value)
        assert json.loads(dosage) == unstructure(exercise.dosage)
        assert json.loads(steps) == list(exercise.steps)
        assert json.loads(str(sessions)) == unstructure(exercise.dosage.sessions_per_week)
    for muscle in any_kb.muscles:
        assert db.execute("SELECT region FROM muscles WHERE id = ?", (muscle.id,)).fetchone() == (muscle.region,)


def test_sql_meta(db: sqlite3.Connection, any_kb: spinekb.KnowledgeBase) -> None:
    meta = dict(db.execute("SELECT key, value FROM meta"))
    assert meta == {
        "format": "spinekb-sqlite",
        "data_version": any_kb.data_version,
        "spinekb_version": spinekb.__version__,
    }
    retired = db.execute("SELECT count(*) FROM retired").fetchone()
    assert retired == (len(any_kb.manifest.retired) if any_kb.manifest else 0,)


def test_sqlite_refuses_to_overwrite_unless_told(
    tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase
) -> None:
    path = tmp_path / "kb.sqlite"
    path.write_bytes(b"keep me")
    with pytest.raises(ValueError, match="already exists; pass replace=True"):
        sqlite_export.write_sqlite(mini, path)
    assert path.read_bytes() == b"keep me"
    assert sqlite_export.write_sqlite(mini, path, replace=True) == path
    assert sqlite_export.write_sqlite(kb, str(path), replace=True) == path
    with closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (len(kb),)
    assert sorted(item.name for item in tmp_path.iterdir()) == ["kb.sqlite"]  # no temporary files left
    with pytest.raises(ValueError, match="is a folder"):
        sqlite_export.write_sqlite(kb, tmp_path, replace=True)


def test_sqlite_refuses_records_whose_references_do_not_resolve(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    records: dict[type[Entry], tuple[Entry, ...]] = {cls: collection(mini, stem) for stem, cls in KINDS}
    first, *others = mini.muscles
    records[type(first)] = (attrs.evolve(first, region="nowhere"), *others)
    broken = spinekb.KnowledgeBase(records)
    with pytest.raises(ValueError, match="cannot be written as a database"):
        sqlite_export.write_sqlite(broken, tmp_path / "broken.sqlite")
    assert list(tmp_path.iterdir()) == []


# --- CSV --------------------------------------------------------------------------------------


def read_csv(path: pathlib.Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as stream:
        return list(csv.reader(stream))


def parse_cell(cell: str, field: attrs.Attribute[Any]) -> Any:
    """A CSV cell back as the field's value, by the rules in the module's description."""
    tp: Any = field.type
    args = typing.get_args(tp)
    if type(None) in args:
        if cell == "":
            return None
        (tp,) = (arg for arg in args if arg is not type(None))
    if tp in (str, int):
        return tp(cell)
    if tp is bool:
        return {"true": True, "false": False}[cell]
    if isinstance(tp, type) and typing.get_origin(tp) is None and issubclass(tp, enum.Enum):
        return tp(cell)
    item = typing.get_args(tp)[0] if typing.get_origin(tp) is tuple else None
    if isinstance(item, type) and (issubclass(item, enum.Enum) or field.metadata.get(REFERS_TO)):
        return tuple(item(part) for part in cell.split("; ")) if cell else ()
    return converter().structure(json.loads(cell), tp)


def test_csv_files_round_trip(tmp_path: pathlib.Path, any_kb: spinekb.KnowledgeBase) -> None:
    written = csv_export.write_csv(any_kb, tmp_path / "csv")
    assert [path.name for path in written] == [f"{stem}.csv" for stem in STEMS]
    assert sorted(path.name for path in (tmp_path / "csv").iterdir()) == sorted(path.name for path in written)
    for (stem, cls), path in zip(KINDS, written, strict=True):
        header, *rows = read_csv(path)
        assert header == [field.name for field in fields(cls)], stem
        assert len(rows) == len(collection(any_kb, stem)), stem
        assert [row[0] for row in rows] == sorted(row[0] for row in rows), stem
        for row, entry in zip(rows, collection(any_kb, stem), strict=True):
            for cell, field in zip(row, fields(cls), strict=True):
                assert parse_cell(cell, field) == getattr(entry, field.name), (entry.id, field.name)


def test_csv_cells(tmp_path: pathlib.Path, kb: spinekb.KnowledgeBase) -> None:
    folder = tmp_path / "csv"
    csv_export.write_csv(kb, folder)
    header, *rows = read_csv(folder / "exercises.csv")
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    exercise = next(e for e in kb.exercises if len(e.regions) > 1 and e.equipment)
    cells = by_id[exercise.id]
    assert tuple(cells["regions"].split("; ")) == exercise.regions
    assert json.loads(cells["muscles"]) == converter().unstructure(exercise.muscles)
    assert cells["equipment"] == "; ".join(item.value for item in exercise.equipment)
    assert cells["position"] == exercise.position.value
    assert json.loads(cells["steps"]) == list(exercise.steps)  # free text may itself hold "; "
    assert json.loads(cells["dosage"]) == converter().unstructure(exercise.dosage)
    compact = json.dumps(converter().unstructure(exercise.dosage), ensure_ascii=False, separators=(",", ":"))
    assert cells["dosage"] == compact
    header, *rows = read_csv(folder / "sources.csv")
    undated = next(source for source in kb.sources if source.year is None)
    assert dict(zip(header, next(r for r in rows if r[0] == undated.id), strict=True))["year"] == ""
    assert csv_export._csv_cell(True, joined=False) == "true"
    assert csv_export._csv_cell(False, joined=False) == "false"


# --- the dispatcher ---------------------------------------------------------------------------


def test_export_writes_each_format(tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase) -> None:
    (document,) = export(mini, "json", tmp_path / "mini.json")
    assert json.loads(document.read_text(encoding="utf-8")) == json_export.to_document(mini)
    schemas = export(mini, "schema", tmp_path / "schema")
    assert sorted(path.name for path in schemas) == sorted(
        [*(f"{s}.schema.json" for s in STEMS), "spinekb.schema.json"]
    )
    for stem in [*STEMS, None]:
        name = f"{stem}.schema.json" if stem else "spinekb.schema.json"
        assert json.loads((tmp_path / "schema" / name).read_text(encoding="utf-8")) == schema_export.json_schema(stem)
    assert len(export(mini, "csv", tmp_path / "csv")) == len(STEMS)
    (database,) = export(mini, "sqlite", str(tmp_path / "mini.sqlite"))
    with closing(sqlite3.connect(database)) as connection:
        assert connection.execute("SELECT count(*) FROM entries").fetchone() == (len(mini),)
    with pytest.raises(ValueError, match="already exists"):
        export(mini, "sqlite", database)
    assert export(mini, "sqlite", database, replace=True) == (database,)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        pytest.param(
            ("mini", "xml", "out"),
            ValueError,
            r"unknown export format 'xml'; choose one of json, schema, csv, sqlite, jsonld$",
            id="unknown format: every format named, JSON-LD too",
        ),
        pytest.param(("mini", "JSON", "out"), ValueError, "choose one of json, schema", id="format names are exact"),
        pytest.param(("mini", 3, "out"), TypeError, "format must be a string", id="format not a string"),
        pytest.param(("mini", "json", 42), TypeError, "output must be a path", id="output not a path"),
        pytest.param(("mini", "json", ""), ValueError, "must not be empty", id="empty output"),
        pytest.param(("not a kb", "json", "out"), TypeError, "expected a KnowledgeBase", id="not a knowledge base"),
        pytest.param((None, "csv", "out"), TypeError, "expected a KnowledgeBase", id="no knowledge base"),
    ],
)
def test_export_refuses_bad_arguments(
    arguments: tuple[Any, Any, Any],
    error: type[Exception],
    message: str,
    mini: spinekb.KnowledgeBase,
    tmp_path: pathlib.Path,
) -> None:
    base, format_, output = arguments
    base = mini if base == "mini" else base
    output = tmp_path / output if output == "out" else output
    with pytest.raises(error, match=message):
        export(base, format_, output)
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_files_for_folders_and_folders_for_files(
    tmp_path: pathlib.Path, mini: spinekb.KnowledgeBase
) -> None:
    file = tmp_path / "file.txt"
    file.write_text("x", encoding="utf-8")
    for format_ in ("csv", "schema"):
        with pytest.raises(ValueError, match="is a file; give the path of a folder"):
            export(mini, format_, file)
    with pytest.raises(ValueError, match="is a folder; give the path of a file"):
        export(mini, "json", tmp_path)
    with pytest.raises(TypeError, match="replace must be True or False"):
        export(mini, "sqlite", tmp_path / "x.sqlite", replace="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a KnowledgeBase"):
        json_export.to_document({})  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected a KnowledgeBase"):
        csv_export.write_csv("kb", tmp_path)  # type: ignore[arg-type]


def test_the_formats_are_one_table_that_the_api_and_the_command_line_share(
    mini: spinekb.KnowledgeBase, tmp_path: pathlib.Path
) -> None:
    from spinekb._export import FORMATS

    assert spinekb.KnowledgeBase.export_formats == tuple(FORMATS) == ("json", "schema", "csv", "sqlite", "jsonld")
    with pytest.raises(ValueError, match=r"choose one of json, schema, csv, sqlite, jsonld$"):
        mini.export("xml", tmp_path / "out")
    (written,) = mini.export("jsonld", tmp_path / "kb.jsonld")
    assert json.loads(written.read_text(encoding="utf-8")) == mini.to_jsonld()
