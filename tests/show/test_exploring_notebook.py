"""The example notebook runs from top to bottom and shows what it says it shows."""

from __future__ import annotations

import pathlib
from html import escape as html_escape

import nbformat
from nbclient import NotebookClient

import spinekb

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "exploring.ipynb"


def test_the_notebook_runs_and_shows_html_cards() -> None:
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(cell.outputs for cell in code), "every code cell shows something"
    errors = [output for cell in code for output in cell.outputs if output.output_type == "error"]
    assert not errors
    html = [
        output["data"]["text/html"]
        for cell in code
        for output in cell.outputs
        if output.output_type == "execute_result" and "text/html" in output.get("data", {})
    ]
    assert len(html) >= 5  # the knowledge base, a record, matches, a DataFrame, a screening and a plan
    assert any(html_escape(spinekb.NOTICE) in page for page in html)
    images = [output for cell in code for output in cell.outputs if "image/png" in output.get("data", {})]
    assert images, "the chain diagram is shown"


def test_the_notebook_is_written_by_its_script() -> None:
    # The notebook's source lives in docs/scripts/make_notebook.py; the file must match it.
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_notebook", ROOT / "docs" / "scripts" / "make_notebook.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    assert cells == module.CELLS
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
