"""The documentation's promises: its Python examples run, and the quick start is what CI runs."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).parent.parent
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]
BLOCK = re.compile(r"^```(\w*)\n(.*?)^```", re.MULTILINE | re.DOTALL)


def blocks(path: pathlib.Path, language: str) -> list[str]:
    return [body for lang, body in BLOCK.findall(path.read_text(encoding="utf-8")) if lang == language]


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.relative_to(ROOT).as_posix() for p in DOCUMENTS])
def test_python_examples_in_the_docs_run(path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": "__docs__"}
    for code in blocks(path, "python"):
        exec(compile(code, str(path), "exec"), namespace)
    capsys.readouterr()


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = [body.strip() for lang, body in BLOCK.findall(quick_start) if lang == "sh"]
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    run_command, test_command = commands
    assert " spinekb " in f" {run_command.split('/')[-1]} " or "/spinekb " in run_command
    assert "pytest" in test_command
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci_lines, ".ci/run must run the README's test command verbatim"


def test_every_cli_line_in_the_docs_parses() -> None:
    from spinekb.cli import _parser

    parser = _parser()
    for path in DOCUMENTS:
        for body in blocks(path, "sh") + blocks(path, "text"):
            for line in body.splitlines():
                line = line.split("#", 1)[0].strip().removeprefix("$ ")
                if line.startswith("spinekb "):
                    import shlex

                    parser.parse_args(shlex.split(line)[1:])


def test_quickstart_example_answers_its_questions() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "quickstart.py")], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Banded side-lying leg lift" in out
    assert "hold 3-5 s, 10 repetitions," in out
    assert "1 set building to 2-3, 3-5 sessions a week" in out
    assert "   - Fever with back pain: urgent; how telling on its own: unknown" in out
    assert "A18.01" in out
    assert "does not diagnose" in out
