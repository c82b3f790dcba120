"""gc.freeze() after a load (issue 17): only on request (freeze=True), never unasked, since it is
process-wide. Checked in fresh interpreters."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import MINIMAL


def frozen_after(code: str) -> int:
    probe = f"import gc, spinekb\n{code}\nprint(gc.get_freeze_count())"
    return int(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)


def test_no_load_freezes_unasked() -> None:
    assert frozen_after("spinekb.exercises_for('hip-abductors')") == 0
    assert frozen_after("spinekb.load()") == 0
    assert frozen_after("spinekb.load(freeze=False); spinekb.exercises_for('hip-abductors')") == 0


def test_the_bundled_load_freezes_on_request() -> None:
    assert frozen_after("spinekb.load(freeze=True)") > 0
    assert frozen_after("spinekb.load(); spinekb.load(freeze=True)") > 0  # also once already read


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
