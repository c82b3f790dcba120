"""What the package promises about itself: typed, light to import, three runtime dependencies."""

from __future__ import annotations

import importlib.metadata
import re
import subprocess
import sys

import importlib_resources

import spinekb


def test_runtime_dependencies_are_attrs_cattrs_and_importlib_resources_only() -> None:
    requirements = importlib.metadata.requires("spinekb") or []
    runtime = {re.split(r"[ <>=;\[]", r, maxsplit=1)[0].lower() for r in requirements if "extra ==" not in r}
    assert runtime == {"attrs", "cattrs", "importlib-resources"}


def test_package_is_typed() -> None:
    assert (importlib_resources.files("spinekb") / "py.typed").is_file()


def test_public_names_are_sorted_and_all_exist() -> None:
    # isort-style, as ruff keeps it: CONSTANTS, then Classes, then functions, each alphabetical.
    def style(name: str) -> tuple[int, str]:
        return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

    assert spinekb.__all__ == sorted(spinekb.__all__, key=style)
    for name in spinekb.__all__:
        assert hasattr(spinekb, name), name


def test_import_reads_no_content_and_loads_no_parser() -> None:
    """Importing spinekb opens no data file and imports neither cattrs nor json; the first query
    imports only what it needs."""
    probe = """
import sys
opened = []
sys.addaudithook(lambda event, args: opened.append(str(args[0])) if event == "open" else None)
import spinekb, spinekb._bundled
print(any("spinekb" in p and p.endswith(".json") for p in opened))
print(sorted(m for m in ("cattrs", "json", "difflib") if m in sys.modules))
print(spinekb._bundled._bundled is None)
spinekb.exercises_for("hip-abductors", chain=1)
print(any("spinekb" in p and p.endswith(".json") for p in opened))
heavy = ("cattrs", "importlib_resources", "pathlib", "typing_extensions", "bisect", "spinekb._content.checks")
print(sorted(m for m in heavy if m in sys.modules))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    # Valid content never needs cattrs: it only explains content that fails to load. The first
    # query reads the installed folder without importlib_resources or pathlib, searches nothing,
    # and skips the whole-content checks of the bundled files (their fingerprint matches).
    assert done.stdout.split("\n")[:5] == ["False", "[]", "True", "True", "[]"]


def test_load_returns_the_same_object_every_time() -> None:
    assert spinekb.load() is spinekb.load()


def test_concurrent_first_queries_load_the_content_once() -> None:
    probe = """
import threading
from spinekb import _bundled
from spinekb._content import read as _loading
calls = []
original = _loading.read_packs
def counting(packs, **options):
    calls.append(1)
    return original(packs, **options)
_loading.read_packs = counting
barrier = threading.Barrier(32)
answers = []
def first_query():
    barrier.wait()
    answers.append(tuple(m.exercise.id for m in _bundled.exercises_for("hip-abductors", chain=1)))
threads = [threading.Thread(target=first_query) for _ in range(32)]
for t in threads: t.start()
for t in threads: t.join()
print(len(calls), len(answers), len(set(answers)))
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["1", "32", "1"]


def test_import_and_first_query_use_no_network_and_write_no_files() -> None:
    probe = """
import os, sys
sys.dont_write_bytecode = True  # Python's own bytecode cache is not spinekb writing
events = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
def audit(event, args):
    if event.startswith("socket.") or event in {"urllib.Request", "http.client.connect"}:
        events.append(event)
    elif event == "open":
        path, mode, flags = args
        if (mode and any(c in mode for c in "wax+")) or (mode is None and flags and flags & WRITE):
            events.append(f"write {path}")
    elif event in {"os.mkdir", "os.remove", "os.rename", "shutil.rmtree"}:
        events.append(event)
sys.addaudithook(audit)
import spinekb
spinekb.exercises_for("hip-abductors", chain=2)
spinekb.search("disc")
print(events)
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
