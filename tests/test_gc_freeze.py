"""gc.freeze() after a load (issue 17): once for the shared bundled content by default, on request
otherwise, never with freeze=False. Checked in fresh interpreters, since freezing is process-wide."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import MINIMAL


def frozen_after(code: str) -> int:
    probe = f"import gc, spinekb\n{code}\nprint(gc.get_freeze_count())"
    return int(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)


def test_the_bundled_load_freezes_once_by_default() -> None:
    assert frozen_after("spinekb.exercises_for('hip-abductors')") > 0
    assert frozen_after("spinekb.load()") > 0


def test_freeze_false_keeps_the_collector_untouched() -> None:
    assert frozen_after("spinekb.load(freeze=False); spinekb.exercises_for('hip-abductors')") == 0


@pytest.mark.parametrize(
    ("code", "frozen"),
    [
        (f"spinekb.load({str(MINIMAL)!r}, bundled=False)", False),
        (f"spinekb.load({str(MINIMAL)!r}, bundled=False, freeze=True)", True),
        (f"spinekb.KnowledgeBase.from_path({str(MINIMAL)!r})", False),
        (f"spinekb.KnowledgeBase.from_path({str(MINIMAL)!r}, freeze=True)", True),
        ("spinekb.load(freeze=False); spinekb.load(freeze=True)", True),
    ],
)
def test_other_loads_freeze_on_request(code: str, frozen: bool) -> None:
    assert (frozen_after(code) > 0) is frozen


def test_freeze_is_checked() -> None:
    import spinekb

    with pytest.raises(TypeError, match="freeze"):
        spinekb.load(freeze="yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="freeze"):
        spinekb.KnowledgeBase.from_path(MINIMAL, freeze=1)  # type: ignore[arg-type]
