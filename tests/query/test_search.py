"""Search: the ranking rule, the kind= filter, hits with their scores, and the top-k selection
(which must give exactly the first entries of the full ranking)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
    aliases = [alias for c in kb.collections for e in c for alias in e.aliases]
    some_words = sorted({w for name in names for w in name.lower().split()})
    beginnings = sorted({w[: len(w) // 2] for w in some_words if len(w) > 3})
    return (
        names[::7]
        + aliases[::9]
        + some_words[::3]
        + beginnings[::5]
        + [" ".join(some_words[i : i + count]) for count in (3, 4) for i in range(0, len(some_words), 29)]
        + ["deep hold", "hip stretch", "side lying", "s", "st re", "glute br", "the", "the hip", "of the"]
    )


def _check_top_k(kb: KnowledgeBase, queries: list[str]) -> int:
    checked = 0
    for text in queries:
        scopes: list[KnowledgeBase | spinekb.Collection[spinekb.Entry]] = [kb, *kb.collections]
        for scope in scopes:
            full = scope.hits(text, limit=None)
            for limit in (1, 3, 10, 50):
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


#: Queries on the synthetic pack: words in most names ("synthetic", "exercise"), in aliases only
#: ("syn", "ex", "cond"), exact names and aliases, numbers and their beginnings, stop words.
SYNTHETIC_QUERIES = [
    "deep hold",
    "deep",
    "hold reach",
    "dee hol",
    "gentle side wall",
    "synthetic exercise 12",
    "band x",
    "synthetic band",
    "synthetic",
    "synth",
    "exercise condition",
    "syn ex",
    "syn",
    "syn cond 7",
    "ex 1",
    "1",
    "12 deep",
    "synthetic 1 deep hold",
    "synthetic exercise entry deep hold",
    "the",
    "the of synthetic",
]


def test_top_k_is_the_start_of_the_full_ranking_on_a_synthetic_pack(
    synthetic: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search, "_SCORE_ALL_UP_TO", 0)
    queries = [*SYNTHETIC_QUERIES, *_queries(synthetic)[::10]]
    assert _check_top_k(synthetic, queries) == len(queries) * 12
    # the summary-only classes at work: every synthetic summary holds these words
    hits = synthetic.exercises.hits("deep hold", limit=5)
    assert [hit.score for hit in hits] == [SearchScore(2, 0, 2.0)] * 5
    assert [hit.entry.id for hit in hits] == sorted(hit.entry.id for hit in hits)


def test_a_word_in_every_name_does_not_score_every_match(
    synthetic: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercises = synthetic.exercises
    matches = len(exercises.hits("synthetic band", limit=None))
    assert matches == len(exercises)

    def every_match(*args: object) -> object:
        raise AssertionError("every match scored")

    read = []
    find = search._Word.find

    def counted(self: search._Word, ident: str) -> tuple[float, int]:
        read.append(ident)
        return find(self, ident)

    monkeypatch.setattr(search, "_rank_all", every_match)
    monkeypatch.setattr(search._Word, "find", counted)
    hits = exercises.hits("synthetic band", limit=5)
    # "synthetic" in every name, "band" in the summaries: the best class, then by id
    assert [hit.score for hit in hits] == [SearchScore(2, 0, 4.0)] * 5
    assert [hit.entry.id for hit in hits] == sorted(e.id for e in exercises if "band" in e.summary.lower())[:5]
    assert len(set(read)) < 20 < matches
    # the exact name: its own score, first; then those its name holds every word of, by id
    hits = exercises.hits("synthetic exercise 12", limit=3)
    assert hits[0].entry.id == "syn-exercise-12"
    assert hits[0].score == SearchScore(3, 2, 9.0 + search.EXACT_BONUS)
    assert [hit.score.names for hit in hits[1:]] == [2, 2]
    # the alias "syn ex 12": an alias holds every word, the name only begins them
    assert exercises.hits("syn ex 12", limit=1)[0].score == SearchScore(3, 2, 9.0 + search.EXACT_BONUS)


def _reference_hits(collection: spinekb.Collection[spinekb.Entry], text: str) -> list[tuple[str, SearchScore]]:
    """The ranking worked out entry by entry from the texts, as the module docstring states it."""
    from spinekb._query.collection import _STOP_WORDS
    from spinekb._text import word_set, words

    query = words(text)
    query = list(dict.fromkeys([word for word in query if word not in _STOP_WORDS] or query))
    exact = collection.find(text)
    found = []
    for entry in collection:
        in_names = word_set(" ".join((entry.name, *entry.aliases)))
        in_summary = word_set(entry.summary)

        def level(word: str, in_names: set[str] = in_names, in_summary: set[str] = in_summary) -> float:
            def best(held: set[str], weight: float) -> float:
                return max(
                    (weight if have == word else weight / 2 for have in held if have.startswith(word)), default=0
                )

            return max(best(in_names, 3.0), best(in_summary, 1.0))

        def holds(held: set[str]) -> bool:
            return all(any(have.startswith(word) for have in held) for word in query)

        levels = [level(word) for word in query]
        count = sum(1 for value in levels if value)
        if not count:
            continue
        names = 0
        if count == len(query):
            names = 2 if holds(word_set(entry.name)) else int(any(holds(word_set(a)) for a in entry.aliases))
        bonus = search.EXACT_BONUS if exact is not None and exact.id == entry.id else 0.0
        found.append((entry.id, SearchScore(count, names, sum(levels) + bonus)))
    return sorted(found, key=lambda hit: search.hit_order(*hit))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_every_way_of_ranking_gives_the_reference_ranking(synthetic: KnowledgeBase, data: st.DataObject) -> None:
    kinds = [c for c in synthetic.collections if c.kind in ("exercise", "condition", "symptom")]
    collection = data.draw(st.sampled_from(kinds))
    entries = list(collection)
    vocabulary = sorted({w for e in entries[::7] for w in f"{e.name} {' '.join(e.aliases)} {e.summary}".split()})
    word = st.sampled_from([*vocabulary, "the", "of", "synthetic", "syn", "ex", "cond", "xyz"])
    begun = word.map(lambda w: w[: max(1, len(w) // 2)])
    text = " ".join(data.draw(st.lists(st.one_of(word, begun), min_size=1, max_size=4)))
    if data.draw(st.booleans()):
        text = data.draw(st.sampled_from([e.name for e in entries] + [a for e in entries for a in e.aliases]))
    limit = data.draw(st.sampled_from([1, 10, 50, None]))
    expected = _reference_hits(collection, text)[:limit]
    with pytest.MonkeyPatch.context() as patch:
        for fewest in (search._SCORE_ALL_UP_TO, 0):  # as shipped, and the score classes forced
            patch.setattr(search, "_SCORE_ALL_UP_TO", fewest)
            assert [(hit.entry.id, hit.score) for hit in collection.hits(text, limit=limit)] == expected, text


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


def test_a_search_of_every_kind_ranks_only_the_kinds_that_may_enter(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    from spinekb._query import catalog

    ranked: list[str] = []
    rank_keys = search.rank_keys

    def counted(postings: search.Postings, *args: object) -> object:
        ranked.append(next(c.kind for c in kb.collections if c._postings is postings))
        return rank_keys(postings, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(catalog, "rank_keys", counted)
    queries = [*_queries(kb)[::4], "the a", "a", "of the", "spinal", "hip", "spinal cord", "cord spinal"]
    skipped = 0
    for text in queries:
        full = kb.hits(text, limit=None)  # every kind ranked, then merged
        for limit in (1, 10):
            ranked.clear()
            assert kb.hits(text, limit=limit) == full[:limit], (text, limit)
            matching = {hit.entry.kind for hit in full}
            assert set(ranked) <= matching
            skipped += len(matching) - len(ranked)
    assert skipped > len(queries)  # kinds left out, on average more than one a search


def test_the_words_kept_per_kind_are_bounded_and_change_no_answer(
    synthetic: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    exercises = synthetic.exercises
    queries = [*SYNTHETIC_QUERIES, *_queries(synthetic)[::10]]
    first = [exercises.hits(text, limit=limit) for text in queries for limit in (1, 10, None)]
    postings = exercises._postings
    assert postings is not None
    assert postings._words  # kept
    monkeypatch.setattr(search, "_KEPT_WORDS", 3)
    monkeypatch.setattr(search, "_KEEP_MERGED_UP_TO", 5)  # merged postings not kept past 5
    postings._words.clear()
    again = [exercises.hits(text, limit=limit) for text in queries for limit in (1, 10, None)]
    assert again == first
    assert len(postings._words) <= 3
    assert all(word._merged is None or word.size <= 5 for word in postings._words.values())
    # And the merged postings a kind keeps over all its words stay within its room.
    monkeypatch.setattr(search, "_KEPT_WORDS", 1024)
    monkeypatch.setattr(search, "_KEEP_MERGED_UP_TO", 2000)
    postings._words.clear()
    postings._room[0] = 40
    assert [exercises.hits(text, limit=limit) for text in queries for limit in (1, 10, None)] == first
    held = sum(word.held for word in postings._words.values())
    assert 0 < held <= 40
    assert postings._room[0] == 40 - held


def _rank_args(kb: KnowledgeBase) -> Iterator[tuple[Any, list[str], str | None]]:
    """What ``rank`` and ``rank_keys`` take but the limit, for every kind and a third of the queries."""
    from spinekb._query.collection import search_words

    for text in _queries(kb)[::3]:
        query = search_words(text, None)
        if not query:
            continue
        for c in kb.collections:
            exact = c.find(text)
            yield c._postings_index(), query, None if exact is None else exact.id


def test_the_sort_keys_of_the_hits_give_back_their_scores(kb: KnowledgeBase) -> None:
    # A search of every kind merges the kinds' answers by their sort keys and makes the scores of
    # the hits it keeps from them: each key must give back the score it was made from.
    checked = 0
    for args in _rank_args(kb):
        for limit in (1, 10, None):
            keys = search.rank_keys(*args, limit)
            assert keys == sorted(keys)
            assert search.rank(*args, limit) == [(key[3], search.score_of(key)) for key in keys]
            assert keys == [search.hit_order(ident, score) for ident, score in search.rank(*args, limit)]
            checked += bool(keys)
    assert checked > 300


def test_a_bound_leaves_out_only_the_hits_after_it(kb: KnowledgeBase) -> None:
    # A search of every kind passes each kind the last of the best found so far: what comes after
    # it may be left out, and the hits up to it are the same.
    checked = 0
    for args in _rank_args(kb):
        full = search.rank_keys(*args, None)
        for bound in {*full[::5], *full[-1:]}:
            for limit in (1, 10):
                bounded = search.rank_keys(*args, limit, None, bound)
                assert [key for key in bounded if key <= bound] == [key for key in full if key <= bound][:limit]
                checked += 1
    assert checked > 1000


def test_the_keys_of_a_query_of_one_or_two_words_are_those_of_the_general_tally(kb: KnowledgeBase) -> None:
    from spinekb._query.collection import search_words

    checked = {1: 0, 2: 0}
    texts = _queries(kb)
    some_words = [text for text in texts if len(search_words(text, None)) == 1]
    pairs = [f"{a} {b}" for a, b in zip(some_words[::3], some_words[1::7], strict=False)]
    for text in [*texts, *pairs]:
        query = search_words(text, None)
        if len(query) not in checked:
            continue
        for c in kb.collections:
            postings = c._postings_index()
            read = search.query_words(postings, query)
            exact = c.find(text)
            matching = [ident for word in read for ident in list(word.merged()[0])[:2]]
            for ident in {None, None if exact is None else exact.id, *matching}:
                if len(query) == 1:
                    keys = search._one_word_keys(read[0], ident)
                else:
                    keys = search._two_word_keys(postings, query, read, ident)
                assert sorted(keys) == sorted(search._keys(postings, query, read, ident)), (text, ident)
                checked[len(query)] += bool(keys)
    assert min(checked.values()) > 300, checked


def test_no_match_comes_before_the_best_possible_key_of_its_kind(kb: KnowledgeBase) -> None:
    from spinekb._query.collection import search_words

    checked = 0
    for text in _queries(kb):
        query = search_words(text, None)
        if not query:
            continue
        for c in kb.collections:
            exact = c.find(text)
            read = search.query_words(c._postings_index(), query)
            best = search.best_possible(read, exact is not None)
            keys = search.rank_keys(c._postings_index(), query, None if exact is None else exact.id, None, read)
            assert (best is None) == (not keys), text
            if best is not None:
                assert best <= keys[0], (text, c.kind)
                assert best[:3] <= keys[0][:3]
                checked += 1
    assert checked > 500
