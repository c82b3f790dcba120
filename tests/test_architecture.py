"""The layers' one exception is display: below the display layer, only a display hook imports it.

import-linter (``lint-imports``, run by .ci/run with the contracts in pyproject.toml) checks that the
layers import downwards only, with each display-hook import listed by module; this test narrows
those to the hooks themselves, so that no other function of those modules can import ``_show``.
"""

from __future__ import annotations

import ast
import pathlib

import spinekb

PACKAGE = pathlib.Path(spinekb.__file__).parent
HOOKS = {"__str__", "_repr_html_", "to_dataframe", "to_networkx"}
ABOVE_DISPLAY = {"cli.py", "__main__.py", "_bundled.py", "_knowledge.py", "__init__.py"}


def _display_imports(tree: ast.AST) -> list[tuple[int, str | None]]:
    """Each import of spinekb._show in a module: (line, the function that makes it, or None)."""
    found: list[tuple[int, str | None]] = []

    def visit(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                visit(child, child.name)
                continue
            if (isinstance(child, ast.ImportFrom) and (child.module or "").startswith("spinekb._show")) or (
                isinstance(child, ast.Import) and any(a.name.startswith("spinekb._show") for a in child.names)
            ):
                found.append((child.lineno, function))
            visit(child, function)

    visit(tree, None)
    return found


def test_below_the_display_layer_only_display_hooks_import_it() -> None:
    checked = 0
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in ("_show",) or str(relative) in ABOVE_DISPLAY:
            continue
        for line, function in _display_imports(ast.parse(path.read_text(encoding="utf-8"))):
            checked += 1
            assert function in HOOKS, f"{relative}:{line} imports the display layer outside a display hook"
    assert checked >= 10  # the hooks of records, collections, answers, the chain, screenings and plans


def test_the_check_sees_an_import_outside_a_hook() -> None:
    tree = ast.parse("def helper():\n    from spinekb._show.report import render_report\n")
    assert _display_imports(tree) == [(2, "helper")]
