"""Shared fixtures: the bundled knowledge base, the tiny test one, and editable copies of it."""

from __future__ import annotations

import json
import pathlib
import shutil
from collections.abc import Callable
from typing import Any

import pytest

import spinekb

DATA = pathlib.Path(__file__).parent / "data"
MINIMAL = DATA / "minimal"

Editor = Callable[[str, Callable[[Any], Any]], pathlib.Path]


@pytest.fixture(scope="session")
def kb() -> spinekb.KnowledgeBase:
    """The bundled knowledge base."""
    return spinekb.load()


@pytest.fixture(scope="session")
def mini() -> spinekb.KnowledgeBase:
    """The tiny test knowledge base in tests/data/minimal."""
    return spinekb.KnowledgeBase.from_path(MINIMAL)


@pytest.fixture
def content(tmp_path: pathlib.Path) -> pathlib.Path:
    """A fresh, writable copy of the tiny test content."""
    folder = tmp_path / "content"
    shutil.copytree(MINIMAL, folder)
    return folder


@pytest.fixture
def edit(content: pathlib.Path) -> Editor:
    """Change one file of the copied content: ``edit("exercises", lambda data: ...)``.

    The function gets the parsed JSON and changes it in place (what it returns is ignored).
    Returns the folder, ready for ``KnowledgeBase.from_path``.
    """

    def apply(stem: str, change: Callable[[Any], Any]) -> pathlib.Path:
        path = content / f"{stem}.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        return content

    return apply


def entry(data: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    """The entry with this id in a parsed content file."""
    return next(item for item in data if item["id"] == ident)
