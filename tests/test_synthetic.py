"""The benchmark's synthetic content generator makes packs that pass every content check."""

from __future__ import annotations

import pathlib

from spinekb import KnowledgeBase
from tests.test_benchmarks import load_module


def test_generated_pack_of_any_size_loads(tmp_path: pathlib.Path) -> None:
    synthetic = load_module("synthetic")
    for size in (40, 400):
        folder = tmp_path / str(size)
        made = synthetic.make_pack(folder, size)
        kb = KnowledgeBase.from_path(folder)
        generated = sum(len(c) for c in (kb.exercises, kb.conditions, kb.red_flags, kb.treatments, kb.symptoms))
        assert generated == made["generated"]
        assert made["generated"] >= size * 0.9
        assert kb.exercises_for("hip-abductors", chain=1)
