"""Near spellings from the trigram index give difflib's answers (a reference copy of the code
before the index is kept here), and the index is built on first need."""

from __future__ import annotations

import difflib
import math
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


def random_text(rng: random.Random, letters: str, longest: int) -> str:
    return "".join(rng.choice(letters) for _ in range(rng.randint(0, longest)))


@pytest.mark.parametrize("letters", ["ab", "abc", "abcde", "aabcd xyz-", "abcdefghijklmnopqrstuvwxyz"])
def test_ratio_to_is_difflibs_ratio(letters: str) -> None:
    # Few letters make many equally long common substrings, where difflib's choice of block
    # (earliest in the first string, then in the second) decides the ratio.
    rng = random.Random(letters)
    for _ in range(3_000):
        first, second = random_text(rng, letters, 30), random_text(rng, letters, 30)
        assert spelling.ratio_to(second)(first) == difflib.SequenceMatcher(None, first, second).ratio()
        assert spelling.ratio_to(first)(second) == difflib.SequenceMatcher(None, second, first).ratio()


@pytest.mark.parametrize("letters", ["ab", "abcde ", "abcdefghijklmnopqrstuvwxyz"])
def test_ratio_to_is_difflibs_ratio_up_to_the_longest_it_works_out(letters: str) -> None:
    # Long texts sharing long and repeated blocks, up to the 199 characters ratio_to works out itself.
    rng = random.Random(letters)
    for _ in range(150):
        second = random_text(rng, letters, 199)
        first = second[rng.randint(0, 20) :] if rng.random() < 0.5 else random_text(rng, letters, 199)
        first = "".join(char if rng.random() < 0.9 else rng.choice(letters) for char in first)
        assert spelling.ratio_to(second)(first) == difflib.SequenceMatcher(None, first, second).ratio()
        assert spelling.ratio_to(first)(second) == difflib.SequenceMatcher(None, second, first).ratio()


def test_ratio_to_leaves_long_texts_to_difflib() -> None:
    # From 200 characters difflib drops "popular" characters of its second string (autojunk).
    rng = random.Random(5)
    for length in (199, 200, 260):
        second = "".join(rng.choice("ab c") for _ in range(length))
        for _ in range(20):
            first = "".join(rng.choice("abc ") for _ in range(rng.randint(150, 260)))
            assert spelling.ratio_to(second)(first) == difflib.SequenceMatcher(None, first, second).ratio()


def longest_common_subsequence(a: str, b: str) -> int:
    row = [0] * (len(b) + 1)
    for char in a:
        diagonal = 0
        for j, other in enumerate(b, 1):
            diagonal, row[j] = row[j], diagonal + 1 if char == other else max(row[j], row[j - 1])
    return row[-1]


@pytest.mark.parametrize("small", [True, False])
def test_longest_common_subsequences_lane_by_lane_and_all_at_once(small: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # A small collection works out every key's at once on one integer (when there are enough
    # keys to bound), a big one key by key.
    monkeypatch.setattr(spelling, "SMALL", 1_000 if small else 0)
    monkeypatch.setattr(spelling, "_LANES", 10**9)
    rng = random.Random(11)
    keys = list(dict.fromkeys(random_text(rng, "abcdeé", 25) or "a" for _ in range(400)))
    index = Spelling(keys)
    for _ in range(100):
        key = random_text(rng, "abcdefé", 30)
        positions = sorted(rng.sample(range(len(keys)), 40))
        expected = [longest_common_subsequence(key, keys[position]) for position in positions]
        assert index._common(key, positions) == expected, key


def generated_typos(kb: KnowledgeBase, seed: int, count: int) -> list[tuple[Collection[Entry], str]]:
    """Deletions, insertions, substitutions and swaps of every kind's names and aliases, and
    random strings."""
    rng = random.Random(seed)
    names = [
        (collection, name)
        for collection in kb.collections
        for entry in collection
        for name in (entry.name, *entry.aliases)
    ]
    texts = []
    for collection, name in rng.sample(names, count):
        texts += [(collection, text) for text in typos(name, rng)]
    letters = "abcdefghijklmnopqrstuvwxyz"
    texts += [(rng.choice(kb.collections), random_text(rng, letters, 30)) for _ in range(200)]
    return texts


def test_ranked_is_difflibs_whole_ranking() -> None:
    # ranked() gives get_close_matches' list with no limit (best first, ties by the larger key),
    # as far as it is read.
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    for collection, text in generated_typos(kb, seed=31, count=150):
        index = collection._spelling_index()
        key = normalize(text)
        keys = list(collection._name_index())
        expected = difflib.get_close_matches(key, keys, n=len(keys))
        assert list(index.ranked(key)) == expected, (collection.kind, text)
        assert [name for name, _ in index.bounded(key)] == expected
        for name, bound in index.bounded(key):
            assert difflib.SequenceMatcher(None, key, name).ratio() <= bound + 1e-12
            assert difflib.SequenceMatcher(None, name, key).ratio() <= bound + 1e-12


def first_offered(collection: Collection[Entry], text: str) -> str | None:
    """The first name of difflib's list (over every name) that suggest offers, by its rules."""
    names = collection._name_index()
    key = normalize(text)
    telling = {word for word in words(text) if len(word) >= 4 and word not in spelling.COMMON_WORDS}
    for name in difflib.get_close_matches(key, list(names), n=9):
        entry = names[name]
        if telling & set(words(" ".join((entry.id, entry.name, *entry.aliases)))):
            return entry.id
        if difflib.SequenceMatcher(None, key, name).ratio() >= spelling.NEAR_SPELLING:
            return entry.id
    return None


def test_suggestions_of_small_collections_are_difflibs() -> None:
    # The bundled collections are small: suggest reads difflib's list lazily and gives exactly
    # what scoring every name with difflib gives; its first near spelling is difflib's first
    # offered name.
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    texts = generated_typos(kb, seed=37, count=400)
    assert len(texts) > 1_500
    for collection, text in texts:
        assert len(collection._spelling_index()) <= spelling.SMALL
        got = collection.suggest(text)
        assert got == reference_suggest(collection, text), (collection.kind, text)
        key, said = normalize(text), set(words(text))
        names = collection._name_index()
        holding = [
            name
            for name in names
            if len(key) >= 3
            and key in name
            and said <= set(words(" ".join((names[name].id, names[name].name, *names[name].aliases))))
        ]
        if not holding:
            assert got[:1] == tuple(filter(None, [first_offered(collection, text)])), (collection.kind, text)


def test_suggest_keeps_the_words_it_asked_for() -> None:
    kb = KnowledgeBase.from_path(ROOT / "src" / "spinekb" / "data")
    assert kb.exercises._words == {}
    first = kb.exercises.suggest("seated hip roaation stretch")
    kept = dict(kb.exercises._words)
    assert kept
    assert all(isinstance(found, frozenset) for found in kept.values())
    assert kb.exercises.suggest("seated hip roaation stretch") == first
    assert kb.exercises._words == kept


def test_the_keys_grouped_by_the_characters_they_must_share_agree_with_each_length_and_are_bounded(
    kb: spinekb.KnowledgeBase,
) -> None:
    keys = sorted({normalize(name) for c in kb.collections for e in c for name in (e.id, e.name, *e.aliases)})
    index = Spelling(keys[:900])  # a small collection: its groups are kept
    _, lengths = index._char_bits()
    for la in range(1, 90):
        for floor in (0.0, 0.3, 0.6, 0.75, 0.99):
            plain: dict[int, int] = {}  # each length on its own, as the bound reads it
            for lb, bits in lengths.items():
                total = la + lb
                if 2.0 * min(la, lb) / total >= floor - spelling._EPS:
                    need = max(0, math.ceil(floor * total / 2 - spelling._EPS))
                    plain[need] = plain.get(need, 0) | bits
            assert dict(index._by_need(la, floor, lengths)) == plain
            assert len(index._groups) <= spelling._KEPT_GROUPS
    assert len(index._groups) == spelling._KEPT_GROUPS
    assert (89, 0.99) in index._groups
    assert (1, 0.0) not in index._groups  # the first kept went first
    big = Spelling([f"key {number}" for number in range(spelling.SMALL + 1)])
    big._by_need(5, 0.6, big._char_bits()[1])
    assert big._groups == {}  # a big collection's bits are large: not kept
