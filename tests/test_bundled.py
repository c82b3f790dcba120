"""The module-level queries: the methods of the bundled knowledge base, each declared once."""

from __future__ import annotations

import functools
import inspect
import subprocess
import sys
from typing import Any

import pytest

import spinekb
from spinekb import KnowledgeBase
from spinekb.cli import main

SHORTCUTS = (
    "find",
    "search",
    "describe",
    "exercises_for",
    "walk_exercises_for",
    "ruled_out",
    "treatments_for",
    "red_flags_for",
    "conditions_for",
)


@pytest.mark.parametrize("name", [*SHORTCUTS, "screen", "plan"])
def test_a_module_level_query_is_the_method_on_the_bundled_knowledge_base(name: str) -> None:
    shortcut = getattr(spinekb, name)
    method = getattr(spinekb.load(), name)
    assert inspect.signature(shortcut) == inspect.signature(method)
    assert shortcut.__name__ == name
    assert shortcut.__doc__ == f":meth:`KnowledgeBase.{name}` on the bundled knowledge base."


def test_module_level_queries_answer_as_the_methods_do(kb: KnowledgeBase) -> None:
    assert spinekb.exercises_for("hip-abductors", chain=1) == kb.exercises_for("hip-abductors", chain=1)
    assert spinekb.screen(["saddle numbness"], age=40) == kb.screen(["saddle numbness"], age=40)
    assert spinekb.plan("hip-abductors", weeks=2) == kb.plan("hip-abductors", weeks=2)
    assert spinekb.get("glute-bridge") is kb.get("glute-bridge")


def test_screen_and_plan_are_their_implementations_bound_to_the_knowledge_base(kb: KnowledgeBase) -> None:
    from spinekb import _plans, _screening

    assert kb.screen.__func__ is _screening.screen  # type: ignore[attr-defined]
    assert kb.plan.__func__ is _plans.plan  # type: ignore[attr-defined]
    assert inspect.getdoc(kb.plan) == inspect.getdoc(_plans.plan)
    assert "care comes first" in (inspect.getdoc(kb.plan) or "")


def test_naming_a_feature_imports_it_only_when_it_is_used() -> None:
    probe = """
import sys
import spinekb
spinekb.screen, spinekb.plan
print(sorted(m for m in ("spinekb._screening", "spinekb._plans") if m in sys.modules))
spinekb.KnowledgeBase.screen
print(sorted(m for m in ("spinekb._screening", "spinekb._plans") if m in sys.modules))
import inspect
inspect.signature(spinekb.plan)
print(sorted(m for m in ("spinekb._screening", "spinekb._plans") if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["[]", "['spinekb._screening']", "['spinekb._plans', 'spinekb._screening']"]


def test_screen_and_plan_are_functions_on_the_class_as_methods_are(kb: KnowledgeBase) -> None:
    from spinekb import _plans, _screening

    assert KnowledgeBase.screen is _screening.screen
    assert KnowledgeBase.plan is _plans.plan
    assert KnowledgeBase.screen(kb, ["saddle numbness"]) == kb.screen(["saddle numbness"])
    assert list(inspect.signature(KnowledgeBase.plan).parameters)[:2] == ["kb", "target"]
    assert "weekly exercise plan" in (KnowledgeBase.plan.__doc__ or "")


def test_the_command_line_leaves_the_defaults_to_the_queries(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[dict[str, Any]] = []
    original = KnowledgeBase.exercises_for

    @functools.wraps(original)
    def recording(self: KnowledgeBase, *args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(KnowledgeBase, "exercises_for", recording)
    assert main(["exercises", "--muscle-group", "hip", "abductors"]) == 0
    assert main(["exercises", "--region", "hip", "--chain", "2"]) == 0
    assert calls == [
        {"muscle_group": "hip abductors", "avoid": []},
        {"region": "hip", "chain": 2, "avoid": []},
    ]
    out = capsys.readouterr().out
    assert out.startswith("Exercises for hip abductors:\n")
    assert "Exercises for hip, and up to 2 links away along the kinetic chain:" in out


def test_the_command_line_help_gives_the_queries_own_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    defaults = inspect.signature(spinekb.plan).parameters
    with pytest.raises(SystemExit):
        main(["plan", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"sessions a week, 1-6, keeping a rest day (default {defaults['sessions_per_week'].default})" in text
    assert f"weeks, 1-52 (default {defaults['weeks'].default})" in text
    assert f"regions up to N links away (default {defaults['chain'].default})" in text
