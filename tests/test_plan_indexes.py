"""The reverse indexes behind plans, treatments and avoid= (issue 17): each gives the answers of a
plain scan, on the bundled content and on synthetic packs, and is built on first need only.

A knowledge base never changes once built (it is sealed), so no index is ever invalidated: a pack
or a pickled copy is another knowledge base with indexes of its own, which the tests below check.
"""

from __future__ import annotations

import importlib.util
import itertools
import pathlib
import pickle
from typing import Any, cast

import pytest

import spinekb
from spinekb import KnowledgeBase, Urgency
from spinekb import _plans as plans
from spinekb._query.avoid import leave_out
from spinekb.models import Avoided, Exercise, VariationRelation
from tests.test_benchmarks import load_module

ROOT = pathlib.Path(__file__).parent.parent
#: The plain scans the indexes replaced (benchmarks/reference.py; the benchmarks time them too).
REFERENCE = load_module("reference")


def _make_pack(folder: pathlib.Path, size: int, *, anatomy: bool) -> pathlib.Path:
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    synthetic.make_pack(folder, size)
    if not anatomy:  # a pack on top of the bundled content brings only its generated entries
        for name in ("sources", "regions", "muscle-groups", "muscles"):
            (folder / f"{name}.json").unlink()
    return folder


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A synthetic pack of 400 entries on its own."""
    return KnowledgeBase.from_path(_make_pack(tmp_path_factory.mktemp("alone"), 400, anatomy=True))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The bundled content plus 300 synthetic entries: real cautions and restrictions among bulk."""
    return spinekb.load(_make_pack(tmp_path_factory.mktemp("mixed"), 300, anatomy=False))


@pytest.fixture(scope="module", params=["bundled", "synthetic", "mixed"])
def any_kb(request: pytest.FixtureRequest, kb: KnowledgeBase) -> KnowledgeBase:
    return kb if request.param == "bundled" else cast("KnowledgeBase", request.getfixturevalue(request.param))


# --- each index against a plain scan ----------------------------------------------------------------


def test_treatments_for_equals_a_scan(any_kb: KnowledgeBase) -> None:
    for condition in any_kb.conditions:
        assert list(any_kb.treatments_for(condition)) == REFERENCE.treatments_for_by_scan(any_kb, condition)


def test_exercise_indexes_equal_a_scan(any_kb: KnowledgeBase) -> None:
    exercises = list(any_kb.exercises)

    def names(e: Exercise) -> set[str]:
        return {i for rule in e.contraindications for i in rule.conditions} | {
            i for rule in e.cautions for i in rule.conditions
        }

    named = {ident for e in exercises for ident in names(e)}
    for ident in named:
        expected = [e for e in exercises if ident in names(e)]
        assert list(any_kb._exercises_naming[ident]) == expected
    assert set(any_kb._exercises_naming) == named
    assert any_kb._named_by_cautions == REFERENCE.named_by_cautions_by_scan(any_kb)
    for movement in {m for e in exercises for m in e.movements}:
        assert list(any_kb._exercises_by_movement[movement]) == [e for e in exercises if movement in e.movements]


def test_ladders_equal_a_walk_of_the_variations(any_kb: KnowledgeBase) -> None:
    def steps(exercise: Exercise, relation: VariationRelation) -> list[Exercise]:
        found = (any_kb.exercises.get(v.exercise) for v in exercise.variations if v.relation is relation)
        return [other for other in found if other is not None]

    def rung(exercise: Exercise) -> int:
        below = steps(exercise, VariationRelation.EASIER)
        return 1 + max(rung(other) for other in below) if below else 0

    def ladder(exercise: Exercise) -> str:
        seen, todo = {exercise.id}, [exercise]
        while todo:
            current = todo.pop()
            for other in (*steps(current, VariationRelation.EASIER), *steps(current, VariationRelation.HARDER)):
                if other.id not in seen:
                    seen.add(other.id)
                    todo.append(other)
        return min(seen)

    assert any_kb._exercise_ladders == {e.id: (ladder(e), rung(e)) for e in any_kb.exercises}


def test_what_avoid_may_leave_out_holds_all_it_leaves_out(any_kb: KnowledgeBase) -> None:
    entries: list[Avoided] = [*any_kb.conditions, *any_kb.red_flags]
    if "pregnancy" in any_kb.symptoms:
        entries.append(any_kb.symptoms["pregnancy"])
    for entry in entries:
        may = {e.id for e in any_kb._could_leave_out((entry,))}
        does = {e.id for e in any_kb.exercises if leave_out(e, (entry,), any_kb.conditions.get) is not None}
        assert does <= may, entry.id
        if isinstance(entry, spinekb.RedFlag | spinekb.Condition) and entry.urgency >= Urgency.URGENT:
            assert may == set(any_kb.exercises.ids)


# --- plans against the plan made from exercises_for's whole answer ----------------------------------


def _answer(make: Any, *args: Any) -> Any:
    try:
        return make(*args)
    except (ValueError, spinekb.SeekCareFirstError) as error:
        return (type(error).__name__, str(error))


def _plan_dict(kb: KnowledgeBase, target: str, sessions: int, chain: int, avoid: tuple[str, ...]) -> Any:
    return kb.plan(target, sessions_per_week=sessions, chain=chain, avoid=avoid).to_dict()


def test_plans_equal_the_plan_from_every_match(any_kb: KnowledgeBase) -> None:
    targets = [*any_kb.muscle_groups.ids, *any_kb.regions.ids]
    gentle = [c.id for c in any_kb.conditions if c.urgency < Urgency.URGENT][:8]
    gentle += [f.id for f in any_kb.red_flags if f.urgency < Urgency.URGENT][:4]
    avoids: list[tuple[str, ...]] = [(), *((a,) for a in gentle), tuple(gentle[:3])]
    for target, sessions, chain in itertools.product(targets, (1, 3, 5), (0, 1, 2)):
        for avoid in avoids if (sessions, chain) == (3, 1) else [()]:
            args = (any_kb, target, sessions, chain, avoid)
            assert _answer(_plan_dict, *args) == _answer(REFERENCE.plan_from_every_match, *args), (target, avoid)


def test_an_emergency_to_avoid_leaves_out_every_candidate(kb: KnowledgeBase) -> None:
    emergency = next(c for c in kb.conditions if c.urgency is Urgency.EMERGENCY)
    with pytest.raises(ValueError, match="left out") as raised:
        plans._plan(kb, "hip-abductors", sessions_per_week=3, weeks=4, chain=1, avoid=(emergency,), minutes=None)
    matches = kb.exercises_for("hip-abductors", chain=1)
    assert f"all {len(matches)} matching exercises are left out" in str(raised.value)


# --- built on first need, and never shared between knowledge bases ---------------------------------

INDEXES = ("_treatments_by_evidence", "_exercises_naming", "_named_by_cautions", "_exercises_by_movement")


def test_indexes_are_built_on_first_need(synthetic: KnowledgeBase) -> None:
    fresh = pickle.loads(pickle.dumps(synthetic))  # a copy with no index built yet
    assert not any(name in vars(fresh) for name in (*INDEXES, "_exercise_ladders"))
    assert fresh not in plans._POOLS
    fresh.treatments_for(next(iter(fresh.conditions)))
    assert "_treatments_by_evidence" in vars(fresh)
    assert "_exercise_ladders" not in vars(fresh)
    fresh.plan("hip-abductors")
    assert "_exercise_ladders" in vars(fresh)
    assert set(plans._POOLS[fresh]) == {"hip-abductors", *fresh.kinetic_chain.distances_from(["hip"], 1)} - {"hip"}
    assert "_exercises_naming" not in vars(fresh)  # nothing avoided yet
    fresh.plan("hip-abductors", avoid=next(iter(fresh.conditions)))
    assert "_exercises_naming" in vars(fresh)


def test_each_knowledge_base_has_its_own_indexes(kb: KnowledgeBase, mixed: KnowledgeBase) -> None:
    kb.plan("hip-abductors")
    mixed.plan("hip-abductors")
    assert plans._POOLS[kb]["hip-abductors"] is not plans._POOLS[mixed]["hip-abductors"]
    assert len(mixed._exercise_ladders) == len(mixed.exercises) > len(kb._exercise_ladders)
    with pytest.raises(AttributeError, match="read-only"):
        kb._exercise_ladders = {}
