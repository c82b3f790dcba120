"""Write examples/exploring.ipynb (without outputs) from the cells below; run from the repository root.

The notebook is kept as source here so that its text is reviewed like code; the test suite executes
the written notebook from top to bottom.
"""

from __future__ import annotations

import pathlib

import nbformat

CELLS: list[tuple[str, str]] = [
    (
        "markdown",
        "# Exploring spinekb\n\n"
        "A tour of the knowledge base in a notebook: records and queries shown as HTML cards and tables, "
        "answers as pandas DataFrames, and the kinetic chain as a graph. It needs `pip install "
        "'spinekb[pandas,networkx]'`.\n\n"
        "spinekb informs; it does not diagnose. Every clinical card carries that notice.",
    ),
    ("code", "import spinekb\n\nkb = spinekb.load()\nkb"),
    (
        "markdown",
        "## A record\n\nA record shows as a card: its fields, the names of what it links to, and its sources.",
    ),
    ("code", 'kb.conditions["lumbar-disc-herniation"]'),
    (
        "markdown",
        "## Exercises along the kinetic chain\n\n"
        "Exercises for the hip abductors and for the regions one link away, as a table and as a DataFrame.",
    ),
    ("code", 'matches = kb.exercises_for("hip-abductors", chain=1)\nmatches'),
    (
        "code",
        'frame = matches.to_dataframe()\nframe.groupby("distance")["exercise_id"].count()',
    ),
    ("markdown", "## Whole collections as DataFrames"),
    (
        "code",
        'exercises = kb.to_dataframe("exercises")\nexercises["exercise_kind"].value_counts()',
    ),
    ("markdown", "## Screening\n\nThe urgency comes first, then the red flags, what they point to and the advice."),
    ("code", 'kb.screen(["weight loss", "history of cancer"], age=64)'),
    ("markdown", "## A weekly plan"),
    ("code", 'kb.plan("hip-abductors", weeks=2)'),
    (
        "markdown",
        "## The kinetic chain as a graph\n\n"
        "Regions are nodes and the chain's links are edges, so path lengths are chain distances.",
    ),
    (
        "code",
        "import networkx as nx\n\n"
        "chain = kb.kinetic_chain.to_networkx()\n"
        'nx.shortest_path(chain, "foot-and-ankle", "lumbar-spine")',
    ),
    (
        "code",
        "graph = kb.graph()  # regions plus the muscle groups whose muscles sit in them\n"
        "graph.number_of_nodes(), graph.number_of_edges()",
    ),
    (
        "markdown",
        "The diagram below is drawn from this graph by `docs/scripts/draw_chain.py` (with matplotlib) "
        "and kept in the documentation as `docs/kinetic-chain.png`.",
    ),
    (
        "code",
        "import pathlib\n\n"
        "from IPython.display import Image\n\n"
        "here = pathlib.Path.cwd()\n"
        'diagram = next(p / "docs" / "kinetic-chain.png" for p in (here, *here.parents) if (p / "docs").is_dir())\n'
        "Image(filename=str(diagram))",
    ),
]


def main() -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    for kind, source in CELLS:
        cell = nbformat.v4.new_markdown_cell(source) if kind == "markdown" else nbformat.v4.new_code_cell(source)
        cell.id = f"cell-{len(notebook.cells)}"
        notebook.cells.append(cell)
    path = pathlib.Path("examples/exploring.ipynb")
    nbformat.write(notebook, path)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
