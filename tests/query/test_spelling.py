"""Near spellings from the trigram index give difflib's answers (a reference copy of the code
before the index is kept here), and the index is built on first need."""

from __future__ import annotations

import difflib
import pathlib
import random
from collections.abc import Iterator
from typing import Any

import pytest

import spinekb
from spinekb import KnowledgeBase
from spinekb._query import spelling
from spinekb._query.collection import Collection
from spinekb._query.spelling import CUTOFF, Spelling
from spinekb._text import normalize, words
from spinekb.models import Entry
from tests.test_benchmarks import load_module

ROOT = pathlib.Path(__file__).parent.parent.parent


def reference_suggest(collection: Collection[Any], text: str, limit: int = 3) -> tuple[str, ...]:
    """``Collection.suggest`` as it was before the index: difflib over every name."""
    names = collection._name_index()
    key = normalize(text)
    said = words(text)

    def words_of(name: str) -> list[str]:
        entry = names[name]
        return words(" ".join((entry.id, entry.name, *entry.aliases)))

    holding = sorted(
        (name for name in names if len(key) >= 3 and key in name and set(said) <= set(words_of(name))),
        key=lambda name: (len(name), name),
    )
    close = difflib.get_close_matches(key, list(names), n=limit * 3, cutoff=0.6)
    telling = {word for word in said if len(word) >= 4 and word not in spelling.COMMON_WORDS}
    close = [
        name
        for name in close
        if difflib.SequenceMatcher(None, key, name).ratio() >= 0.75 or telling & set(words_of(name))
    ]
    return tuple(dict.fromkeys(names[name].id for name in (*holding, *close)))[:limit]


def typos(name: str, rng: random.Random) -> Iterator[str]:
    """A deletion, an insertion, a swap and a substitution of ``name``, at random places."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    i = rng.randrange(len(name))
    yield name[:i] + name[i + 1 :]
    yield name[:i] + rng.choice(letters) + name[i:]
    j = min(i, len(name) - 2)
    yield name[:j] + name[j + 1] + name[j] + name[j + 2 :] if len(name) >= 2 else name + "x"
    yield name[:i] + rng.choice(letters) + name[i + 1 :]


def typo_set(kb: KnowledgeBase, per_kind: int, seed: int) -> list[tuple[Collection[Entry], str]]:
    rng = random.Random(seed)
    texts = []
    for collection in kb.collections:
        entries = list(collection)
        for entry in rng.sample(entries, min(per_kind, len(entries))):
            texts += [(collection, text) for text in typos(entry.name, rng)]
            texts += [(collection, text) for text in typos(entry.id, rng)]
    return texts


@pytest.fixture
def index_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the index even for the bundled content's small collections."""
    monkeypatch.setattr(spelling, "SMALL", 0)


@pytest.mark.usefixtures("index_always")
def test_typos_of_bundled_names_give_difflibs_suggestions() -> None:
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    texts = typo_set(kb, per_kind=12, seed=17)
    assert len(texts) > 500
    for collection, text in texts:
        assert collection.suggest(text) == reference_suggest(collection, text), (collection.kind, text)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    folder = tmp_path_factory.mktemp("synthetic")
    load_module("synthetic").make_pack(folder, 4_000)
    return KnowledgeBase.from_path(folder)


@pytest.mark.usefixtures("index_always")
def test_typos_of_synthetic_names_give_difflibs_first_suggestion(synthetic: KnowledgeBase) -> None:
    # Synthetic names differ by their numbers only, so many keys tie or nearly tie on difflib's
    # ratio. The first suggestion is always difflib's; a later one may be another close name
    # (scoring every key to be sure of them all makes a misspelt look-up at 100,000 entries about
    # 80 times slower), but it is always one difflib would accept, and most lists are the same.
    texts = typo_set(synthetic, per_kind=6, seed=4)
    same = 0
    for collection, text in texts:
        new, old = collection.suggest(text), reference_suggest(collection, text)
        assert new[:1] == old[:1], (collection.kind, text)
        assert len(new) == len(old)
        key = normalize(text)
        names = {entry.id: entry for entry in collection}

        def best_ratio(ident: str, key: str = key, names: dict[str, Entry] = names) -> float:
            entry = names[ident]
            keys = {normalize(name) for name in (entry.id, entry.name, *entry.aliases)}
            return max(difflib.SequenceMatcher(None, name, key).ratio() for name in keys)

        assert all(best_ratio(ident) >= CUTOFF for ident in new[1:]), (collection.kind, text)
        same += new == old
    assert same > len(texts) * 3 // 4


@pytest.mark.usefixtures("index_always")
@pytest.mark.parametrize(
    "text",
    [
        "",
        "x",
        "ab",
        "zzzzzz",
        "   ",
        "Hip!!",
        "ÉRECTOR SPÎNAE",
        "腰痛",
        "glute bridge " * 40,
        "a" * 300,
        "erector spinae" * 20,
    ],
)
def test_odd_text_gives_difflibs_suggestions(text: str) -> None:
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    for collection in (kb.exercises, kb.muscles, kb.symptoms, kb.sources):
        assert collection.suggest(text) == reference_suggest(collection, text)


def test_the_index_is_built_on_first_need() -> None:
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    assert kb.exercises._spelling is None
    kb.exercises.lookup("glute bridge")  # a name that is known needs no index
    kb.search("bridge")
    assert kb.exercises._spelling is None
    with pytest.raises(spinekb.UnknownEntryError, match="glute-bridge"):
        kb.exercises.lookup("glute bridg")
    index = kb.exercises._spelling
    assert isinstance(index, Spelling)
    assert len(index) == len(kb.exercises._name_index())
    kb.exercises.suggest("clamshel")
    assert kb.exercises._spelling is index
    assert kb.muscles._spelling is None


def test_index_answers_as_difflib_on_keys_of_its_own() -> None:
    keys = [f"name{i}{word}" for i in range(1_500) for word in ("", "stretch", "hold")]
    index = Spelling(keys)
    for key in ("name12stretc", "nme7hold", "name1499", "zzzz", "", "holdstretch"):
        close, certain, whole = index.close(key, 9)
        expected = difflib.get_close_matches(key, keys, n=9)
        assert close[:certain] == expected[:certain]
        assert certain >= min(1, len(expected))
        if whole:
            assert close == expected
        assert index.scan(key, 9) == expected
    assert index.containing("12stretch") == [key for key in keys if "12stretch" in key]
    assert index.containing("ab") == []


def test_a_collection_of_few_names_gets_difflibs_list() -> None:
    keys = ["clamshell", "heelraise", "wallsquat"]
    assert Spelling(keys).close("clamshel", 9) == (["clamshell"], 9, True)


def test_small_collections_get_difflibs_whole_list() -> None:
    # Up to SMALL keys, close() is exactly get_close_matches: the keys its quick_ratio lets
    # through, bounded by the longest common subsequence and scored in that order until no key
    # left could enter (no index forced: the bundled collections are small).
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    rng = random.Random(23)
    checked = 0
    for collection in kb.collections:
        index = collection._spelling_index()
        assert len(index) <= spelling.SMALL
        keys = list(collection._name_index())
        for name in rng.sample(keys, min(25, len(keys))):
            for text in (*typos(name, rng), name, name[: len(name) // 2], name + name[:3]):
                for n in (1, 3, 9):
                    assert index.close(text, n) == (difflib.get_close_matches(text, keys, n=n), n, True), text
                    checked += 1
    assert checked > 2_000


@pytest.mark.parametrize(
    ("keys", "key"),
    [
        (["abcx", "abcy", "abcz", "abcw"], "abc"),  # equal ratios: the larger key first, as difflib
        (["ab", "ba", "aab", "bba", "abab"], "ab"),
        (["xyz", "zyx", "yxz"], "xzy"),
        (["a" * 250, "a" * 240 + "b" * 10, "b" * 250], "a" * 245),  # difflib's autojunk at 200
        (["腰痛", "腰", "痛み"], "腰痛み"),
    ],
)
def test_scan_is_difflib_on_ties_and_odd_keys(keys: list[str], key: str) -> None:
    for n in (1, 2, 9):
        for cutoff in (0.0, 0.3, 0.6, 0.9):
            assert Spelling(keys).scan(key, n, cutoff) == difflib.get_close_matches(key, keys, n=n, cutoff=cutoff)
