"""Search: the ranking rule, the kind= filter, hits with their scores, and the top-k selection
(which must give exactly the first entries of the full ranking)."""

from __future__ import annotations

import pytest

import spinekb
from spinekb import Exercise, Hit, KnowledgeBase, SearchScore, UnknownKindError
from spinekb._query import search
from tests.test_benchmarks import load_module


def test_an_entry_whose_name_holds_every_word_comes_first(kb: KnowledgeBase) -> None:
    ids = [e.id for e in kb.exercises.search("hip stretch")]
    assert ids[:2] == ["seated-hip-rotation-stretch", "standing-hip-abductor-stretch"]
    hits = kb.exercises.hits("hip stretch")
    # then the entries with one alias holding both words (butterfly: "sitting hip external rotation stretch")
    assert [hit.score.names for hit in hits[:7]] == [2, 2, 1, 1, 1, 1, 1]
    assert "butterfly-stretch" in {hit.entry.id for hit in hits[2:7]}
    # before entries that match a word only in their summaries
    assert all(hit.score.names == 0 for hit in hits[7:])


def test_a_name_match_beats_summary_only_matches_of_every_word(kb: KnowledgeBase) -> None:
    answers: list[tuple[Hit[spinekb.Entry], ...]] = [kb.hits("hip stretch", limit=None)]
    answers.append(tuple(Hit[spinekb.Entry](h.entry, h.score) for h in kb.exercises.hits("glute bridge", limit=None)))
    for hits in answers:
        every = max(hit.score.words for hit in hits)
        named = [i for i, hit in enumerate(hits) if hit.score.names]
        summary_only = [i for i, hit in enumerate(hits) if hit.score.words == every and not hit.score.names]
        assert named
        assert not summary_only or max(named) < min(summary_only)


def test_hits_carry_their_scores_best_first(kb: KnowledgeBase) -> None:
    hits = kb.hits("deep hold")
    assert len(hits) == 10
    assert all(isinstance(hit, Hit) and isinstance(hit.score, SearchScore) for hit in hits)
    assert [hit.entry for hit in hits] == list(kb.search("deep hold"))
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(1 <= score.words <= 2 and score.weight > 0 for score in scores)
    exact = kb.exercises.hits("glute bridge")[0]
    assert exact.entry.name.lower() == "glute bridge"
    assert exact.score.names == 2
    assert exact.score.weight > 10
    assert kb.exercises.scored("glute bridge")[0] == ((exact.score.words, exact.score.weight), exact.entry)


def test_kind_keeps_the_kinds_asked_for(kb: KnowledgeBase) -> None:
    every = kb.search("hip", limit=None)
    for kind in ("exercises", "exercise", Exercise, ["exercises"]):
        found = kb.search("hip", limit=None, kind=kind)
        assert found == tuple(e for e in every if e.kind == "exercise")
    both = kb.search("back pain", limit=None, kind=("conditions", "red_flags"))
    assert {e.kind for e in both} == {"condition", "red-flag"}
    assert both == tuple(e for e in kb.search("back pain", limit=None) if e.kind in ("condition", "red-flag"))
    assert kb.search("hip", kind="exercises") == kb.exercises.search("hip")
    assert spinekb.search("hip", kind="muscles") == kb.muscles.search("hip")
    assert kb.hits("hip", kind="regions") == kb.regions.hits("hip")


def test_an_unknown_kind_names_the_close_ones(kb: KnowledgeBase) -> None:
    with pytest.raises(UnknownKindError) as caught:
        kb.search("hip", kind="exercize")
    error = caught.value
    assert isinstance(error, ValueError)
    assert isinstance(error, spinekb.SpineKBError)
    assert error.suggestions[0] == "exercises"
    assert error.name == "'exercize'"
    assert "did you mean 'exercises'?" in str(error)
    with pytest.raises(UnknownKindError, match="did you mean 'red-flags'"):
        kb.search("hip", kind=["exercises", "redflag"])
    with pytest.raises(TypeError, match="kind= expects kinds"):
        kb.search("hip", kind=3)  # type: ignore[arg-type]


def _queries(kb: KnowledgeBase) -> list[str]:
    names = [e.name for c in kb.collections for e in c]
    some_words = sorted({w for name in names for w in name.lower().split()})
    return names[::7] + some_words[::3] + ["deep hold", "hip stretch", "side lying", "s", "st re", "glute br"]


def _check_top_k(kb: KnowledgeBase, queries: list[str]) -> int:
    checked = 0
    for text in queries:
        scopes: list[KnowledgeBase | spinekb.Collection[spinekb.Entry]] = [kb, *kb.collections]
        for scope in scopes:
            full = scope.hits(text, limit=None)
            for limit in (1, 3, 10):
                assert scope.hits(text, limit=limit) == full[:limit], (text, scope, limit)
            checked += 1
    return checked


def test_top_k_is_the_start_of_the_full_ranking_on_the_shipped_content(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_SCORE_ALL_UP_TO", 0)  # the score classes even where postings are few
    assert _check_top_k(kb, _queries(kb)) > 1000


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("pack")
    load_module("synthetic").make_pack(folder, 400)
    return KnowledgeBase.from_path(folder)


def test_top_k_is_the_start_of_the_full_ranking_on_a_synthetic_pack(
    synthetic: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_SCORE_ALL_UP_TO", 0)
    queries = ["deep hold", "deep", "hold reach", "dee hol", "gentle side wall", "synthetic exercise 12", "band x"]
    assert _check_top_k(synthetic, queries) == len(queries) * 12
    # the summary-only classes at work: every synthetic summary holds these words
    hits = synthetic.exercises.hits("deep hold", limit=5)
    assert [hit.score for hit in hits] == [SearchScore(2, 0, 2.0)] * 5
    assert [hit.entry.id for hit in hits] == sorted(hit.entry.id for hit in hits)


def test_postings_are_built_per_kind_on_first_search(synthetic: KnowledgeBase) -> None:
    fresh = KnowledgeBase(_records(synthetic))  # built afresh: no index yet
    assert all(c._postings is None for c in fresh.collections)
    fresh.search("deep hold", kind="exercises")
    assert fresh.exercises._postings is not None
    assert all(c._postings is None for c in fresh.collections if c.kind != "exercise")
    built = fresh.exercises._postings
    fresh.exercises.search("hip")
    assert fresh.exercises._postings is built  # built once
    fresh.search("deep hold")
    assert all(c._postings is not None for c in fresh.collections)


def _records(kb: KnowledgeBase) -> dict[type[spinekb.Entry], tuple[spinekb.Entry, ...]]:
    from spinekb._kinds import KINDS

    return {cls: tuple(kb.collection(cls)) for _, cls in KINDS}
