"""The static site example: every page written, linked, escaped, noticed, sourced and deterministic."""

from __future__ import annotations

import importlib.util
import json
import pathlib
import subprocess
import sys
import types
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest

import spinekb
from spinekb._export.jsonld import to_jsonld
from tests.conftest import Editor, entry

ROOT = pathlib.Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "static_site.py"


@pytest.fixture(scope="module")
def static_site() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("static_site", EXAMPLE)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Page(HTMLParser):
    """What a test needs from one page: links, element ids, JSON-LD blocks and the visible text."""

    def __init__(self, path: pathlib.Path) -> None:
        super().__init__(convert_charrefs=True)
        self.path = path
        self.links: list[str] = []
        self.ids: list[str] = []
        self.jsonld: list[str] = []
        self.text_parts: list[str] = []
        self._script: str | None = None
        self._hidden = 0
        self.feed(path.read_text(encoding="utf-8"))
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.append(str(attributes["id"]))
        if tag == "a" and attributes.get("href") is not None:
            self.links.append(str(attributes["href"]))
        if tag == "script":
            self._script = str(attributes.get("type"))
            if self._script == "application/ld+json":
                self.jsonld.append("")
        if tag in {"script", "style", "title"}:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "title"}:
            self._hidden -= 1
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script == "application/ld+json":
            self.jsonld[-1] += data
        elif not self._hidden:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        """The visible text, with runs of white space made single spaces."""
        return " ".join("".join(self.text_parts).split())


@pytest.fixture(scope="module")
def site(static_site: types.ModuleType, tmp_path_factory: pytest.TempPathFactory) -> pathlib.Path:
    output = tmp_path_factory.mktemp("site")
    assert static_site.main([str(output)]) == 0
    return output


@pytest.fixture(scope="module")
def pages(site: pathlib.Path) -> dict[pathlib.Path, Page]:
    return {path.relative_to(site): Page(path) for path in sorted(site.rglob("*.html"))}


def test_a_page_for_every_condition_and_exercise_and_an_index(
    kb: spinekb.KnowledgeBase, site: pathlib.Path, pages: dict[pathlib.Path, Page]
) -> None:
    conditions = sorted(path.stem for path in (site / "conditions").glob("*.html"))
    exercises = sorted(path.stem for path in (site / "exercises").glob("*.html"))
    assert conditions == list(kb.conditions.ids)
    assert exercises == list(kb.exercises.ids)
    assert len(pages) == 1 + len(kb.conditions) + len(kb.exercises)
    assert pathlib.Path("index.html") in pages
    assert sorted(path for path in site.rglob("*") if path.is_file()) == sorted(site / path for path in pages)


def test_every_link_resolves_to_a_written_page_and_anchor(site: pathlib.Path, pages: dict[pathlib.Path, Page]) -> None:
    checked = 0
    for relative, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            if parts.scheme:
                assert parts.scheme in {"http", "https"}, link  # sources' addresses and DOIs
                continue
            target = (site / relative).parent / parts.path if parts.path else site / relative
            target = target.resolve()
            assert target.is_relative_to(site.resolve()), f"{relative}: {link} leaves the site"
            assert target.is_file(), f"{relative}: {link} is not a written page"
            if parts.fragment:
                ids = pages[target.relative_to(site.resolve())].ids
                assert parts.fragment in ids, f"{relative}: {link} has no element with that id"
            checked += 1
    assert checked > 500


def test_ids_are_unique_on_every_page(pages: dict[pathlib.Path, Page]) -> None:
    for relative, page in pages.items():
        assert len(page.ids) == len(set(page.ids)), relative


def test_every_page_links_the_pages_of_its_related_entries(
    kb: spinekb.KnowledgeBase, pages: dict[pathlib.Path, Page]
) -> None:
    index = pages[pathlib.Path("index.html")]
    assert {f"conditions/{c.id}.html" for c in kb.conditions} <= set(index.links)
    assert {f"exercises/{e.id}.html" for e in kb.exercises} <= set(index.links)
    assert {flag.id for flag in kb.red_flags} <= set(index.ids)
    for condition in kb.conditions:
        links = set(pages[pathlib.Path("conditions", f"{condition.id}.html")].links)
        assert {f"../exercises/{ident}.html" for ident in condition.exercises} <= links
        assert {f"../index.html#{ident}" for ident in condition.red_flags} <= links
    for exercise in kb.exercises:
        links = set(pages[pathlib.Path("exercises", f"{exercise.id}.html")].links)
        assert {f"../exercises/{v.exercise}.html" for v in exercise.variations} <= links
        for ident in (ident for item in exercise.contraindications for ident in item.conditions):
            target = f"../conditions/{ident}.html" if ident in kb.conditions else f"../index.html#{ident}"
            assert target in links


def test_every_jsonld_block_parses_and_is_the_entrys_export(
    kb: spinekb.KnowledgeBase, pages: dict[pathlib.Path, Page]
) -> None:
    assert pages[pathlib.Path("index.html")].jsonld == []
    for relative, page in pages.items():
        if relative.name == "index.html":
            continue
        (block,) = page.jsonld
        assert json.loads(block) == to_jsonld(kb, relative.stem), relative


def test_the_notice_is_visible_on_every_page(pages: dict[pathlib.Path, Page]) -> None:
    notice = " ".join(spinekb.NOTICE.split())
    for relative, page in pages.items():
        assert notice in page.text, relative


def test_a_condition_page_shows_its_red_flags_codes_and_sources(
    kb: spinekb.KnowledgeBase, pages: dict[pathlib.Path, Page]
) -> None:
    for condition in kb.conditions:
        page = pages[pathlib.Path("conditions", f"{condition.id}.html")]
        assert condition.name in page.text
        for flag in kb.red_flags_for(condition):
            assert flag.name in page.text
            assert " ".join(flag.summary.split()) in page.text
        for code in condition.icd10cm:
            assert code.code in page.text
        for source in kb.sources_of(condition):
            assert f"source-{source.id}" in page.ids
            assert " ".join(source.title.rstrip(".").split()) in page.text


def test_an_exercise_page_shows_its_steps_dose_and_sources(
    kb: spinekb.KnowledgeBase, static_site: types.ModuleType, pages: dict[pathlib.Path, Page]
) -> None:
    for exercise in kb.exercises:
        page = pages[pathlib.Path("exercises", f"{exercise.id}.html")]
        for step in exercise.steps:
            assert " ".join(step.split()) in page.text
        assert static_site.dose_text(exercise.dosage) in page.text
        for source in kb.sources_of(exercise):
            assert f"source-{source.id}" in page.ids


def test_text_is_escaped_in_the_page_and_in_its_jsonld(
    static_site: types.ModuleType, edit: Editor, tmp_path: pathlib.Path
) -> None:
    name = 'Disc <b>bulge</b> & "friends" </script><script>alert(1)</script>'

    def rename(conditions: list[dict[str, Any]]) -> None:
        condition = conditions[0]
        condition["name"] = name
        condition["aliases"] = ["<i>x</i>"]

    folder = edit("conditions", rename)
    kb = spinekb.KnowledgeBase.from_path(folder)
    ident = next(iter(kb.conditions)).id
    output = tmp_path / "site"
    assert static_site.main(["--content", str(folder), str(output)]) == 0
    path = output / "conditions" / f"{ident}.html"
    raw = path.read_text(encoding="utf-8")
    assert "<b>" not in raw
    assert "<i>" not in raw
    assert "alert(1)</script>" not in raw
    page = Page(path)
    assert name in page.text
    (block,) = page.jsonld
    assert json.loads(block) == to_jsonld(kb, ident)
    assert json.loads(block)["name"] == name
    assert name in Page(output / "index.html").text


def test_the_site_is_deterministic(static_site: types.ModuleType, site: pathlib.Path, tmp_path: pathlib.Path) -> None:
    again = tmp_path / "again"
    assert static_site.main([str(again)]) == 0
    first = {path.relative_to(site): path.read_bytes() for path in site.rglob("*") if path.is_file()}
    second = {path.relative_to(again): path.read_bytes() for path in again.rglob("*") if path.is_file()}
    assert first == second


def test_a_base_address_goes_into_the_jsonld(
    kb: spinekb.KnowledgeBase, static_site: types.ModuleType, tmp_path: pathlib.Path
) -> None:
    base = "https://example.org/back-pain/"
    assert static_site.main(["--base", base, str(tmp_path)]) == 0
    (block,) = Page(tmp_path / "conditions" / "scoliosis.html").jsonld
    assert json.loads(block) == to_jsonld(kb, "scoliosis", base=base)
    assert json.loads(block)["@id"] == base + "condition/scoliosis"


def test_content_that_does_not_load_is_reported(
    static_site: types.ModuleType, edit: Editor, tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = edit("exercises", lambda data: entry(data, "clamshell").pop("steps"))
    assert static_site.main(["--content", str(folder), str(tmp_path / "site")]) == 1
    assert "clamshell" in capsys.readouterr().err
    assert not (tmp_path / "site").exists()


def test_the_example_runs_as_a_script(tmp_path: pathlib.Path) -> None:
    done = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path)], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "index.html").is_file()
    assert "wrote" in done.stdout
