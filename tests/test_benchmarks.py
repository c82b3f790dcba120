"""The benchmark runner's measuring functions work on a small pack (the full run is too slow for CI)."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
from types import ModuleType

ROOT = pathlib.Path(__file__).parent.parent


def load_module(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


def synthetic_pack(folder: pathlib.Path, size: int, *, anatomy: bool) -> pathlib.Path:
    """A synthetic pack of ``size`` entries in ``folder``; without ``anatomy``, only its generated
    entries (a pack on top of the bundled content)."""
    load_module("synthetic").make_pack(folder, size)
    if not anatomy:
        for name in ("sources", "regions", "muscle-groups", "muscles"):
            (folder / f"{name}.json").unlink()
    return folder


def test_measurements_run_on_a_small_pack(tmp_path: pathlib.Path) -> None:
    run = load_module("run")
    run.make_pack(tmp_path, 300)
    kb = run.full_load(tmp_path)
    assert len(kb.exercises) >= 150
    timings = run.queries(kb)
    assert set(timings) >= {
        "get (by id)",
        "search",
        "exercises_for chain=2",
        "screen (2 findings)",
        "plan (4 weeks, chain=1)",
    }
    assert all(value > 0 for value in timings.values())
    typos = run.typo_queries(kb)
    assert len(typos) == 3
    assert all(value > 0 for value in typos.values())
    searches = run.search_queries(kb)
    assert len(searches) == 4
    assert all(ms > 0 and answer <= 10 and answer <= matches for ms, answer, matches in searches.values())
    table = run.search_table({"shipped": kb, "again": kb})
    assert len(table) == 2 + len(searches)
    assert run.best_ms(lambda: run.json_floor(tmp_path), 2) > 0
    assert run.best_ms(lambda: run.json_floor_paused(tmp_path), 2) > 0
    assert run.gc.isenabled()  # the paused floor gives the collector back
    assert len(run.checked_load(tmp_path).exercises) == len(kb.exercises)
    assert run.bundled_load().exercises.ids == run.spinekb.load().exercises.ids
    assert all(c._structured for c in run.bundled_load().collections)  # every kind, as after its first use
    assert not run.bundled_load_alone().exercises._structured
    mib, per_entry = run.memory_per_entry(tmp_path)
    assert mib > 0
    assert per_entry > 0
    # What the records keep: more than their summaries' text, less than a megabyte an entry.
    live = run.live_memory_per_entry(tmp_path)
    entries = [entry for collection in kb.collections for entry in collection]
    assert sum(len(entry.summary) for entry in entries) / len(entries) < live < 2**20


def test_issue_17_measurements_run_on_a_small_pack(tmp_path: pathlib.Path) -> None:
    run = load_module("run")
    run.make_pack(tmp_path, 300)
    kb = run.full_load(tmp_path)
    rows = run.scaling(kb)
    assert {row[0] for row in rows} >= {"treatments_for", "plan (hip-abductors, 4 weeks, chain=1)"}
    assert all(after > 0 and (before is None or before > 0) for _, _, before, after in rows)
    tracked, ms = run.first_collection(tmp_path, False)
    assert tracked > 0
    assert ms > 0
    loop = run.service_loop(kb, 60)
    assert loop["queries"] == 60
    assert loop["p50"] <= loop["p99"] <= loop["worst"]
    assert set(loop["shares"]) <= {"look-up", "look-up, misspelt", "search", "screen", "exercises_for"}
    assert run.service_queries(kb, 20)[0][0] == run.service_queries(kb, 20)[0][0]  # a fixed seed
    fresh = run.service_loop_fresh(tmp_path, 40, page=20, refreeze=True)  # its own process, as a service
    assert fresh["queries"] == 40
    assert set(fresh["shares"]) <= {"look-up", "look-up, misspelt", "search", "screen", "exercises_for, a page"}
