"""The reverse index behind treatments_for (issue 17): it gives the answers of a plain scan, on the
bundled content and on synthetic packs, and is built on first need only.

A knowledge base never changes once built (it is sealed), so no index is ever invalidated: a pack
or a pickled copy is another knowledge base with indexes of its own, which the tests below check.
"""

from __future__ import annotations

import pickle
from typing import cast

import pytest

import spinekb
from spinekb import KnowledgeBase
from tests.test_benchmarks import load_module, synthetic_pack

#: The plain scans the indexes replaced (benchmarks/reference.py; the benchmarks time them too).
REFERENCE = load_module("reference")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """A synthetic pack of 400 entries on its own."""
    return KnowledgeBase.from_path(synthetic_pack(tmp_path_factory.mktemp("alone"), 400, anatomy=True))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The bundled content plus 300 synthetic entries: real cautions and restrictions among bulk."""
    return spinekb.load(synthetic_pack(tmp_path_factory.mktemp("mixed"), 300, anatomy=False))


@pytest.fixture(scope="module", params=["bundled", "synthetic", "mixed"])
def any_kb(request: pytest.FixtureRequest, kb: KnowledgeBase) -> KnowledgeBase:
    return kb if request.param == "bundled" else cast("KnowledgeBase", request.getfixturevalue(request.param))


# --- each index against a plain scan ----------------------------------------------------------------


def test_treatments_for_equals_a_scan(any_kb: KnowledgeBase) -> None:
    for condition in any_kb.conditions:
        assert list(any_kb.treatments_for(condition)) == REFERENCE.treatments_for_by_scan(any_kb, condition)


def test_the_index_is_built_on_first_need(synthetic: KnowledgeBase) -> None:
    fresh = pickle.loads(pickle.dumps(synthetic))  # a copy with no index built yet
    assert "_treatments_by_evidence" not in vars(fresh)
    fresh.treatments_for(next(iter(fresh.conditions)))
    assert "_treatments_by_evidence" in vars(fresh)


def test_each_knowledge_base_has_its_own_index(kb: KnowledgeBase, mixed: KnowledgeBase) -> None:
    condition = next(iter(kb.conditions))
    kb.treatments_for(condition)
    mixed.treatments_for(condition)
    assert kb._treatments_by_evidence is not mixed._treatments_by_evidence
    with pytest.raises(AttributeError, match="read-only"):
        kb._treatments_by_evidence = {}
