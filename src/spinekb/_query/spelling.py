"""Near spellings of unknown text: a character-trigram index over one kind's look-up keys.

:class:`Spelling` answers :meth:`spinekb.Collection.suggest` (and so every "did you mean" of
spinekb: ``lookup``, ``[]``, ``kb.suggest``, the screening's unknown findings). Its answers are
the ones that scoring every key with :mod:`difflib` gives; the index only decides which keys are
worth scoring.

The bound
---------
difflib scores a key ``b`` against the text ``a`` by ``ratio = 2 M / T``, where ``T = len(a) +
len(b)`` and ``M`` is the number of characters in its matching blocks: ``k`` blocks, in order in
both strings, of sizes ``m1 ... mk``. A block of size ``m`` holds ``m - 2`` trigrams that are the
same in both strings (at positions that no other block uses), so the number ``g`` of trigrams the
two strings share (counted with repeats) is at least ``M - 2k``. Two blocks next to each other in
both strings would be one block, so between two blocks at least one character of ``a`` or of
``b`` is left over: ``k - 1 <= T - 2M``. Together, ``M <= (g + 2T + 2) / 5``; and ``M`` is at
most the shorter length. So::

    ratio <= 2 * min(min(len(a), len(b)), (g + 2T + 2) / 5) / T

A key that shares no trigram with the text still scores at most ``0.8 + 0.8 / T``: trigrams
cannot rule out the loose matches difflib accepts at its 0.6 cutoff, but they bound the near
spellings, which is what a first suggestion is.

The search
----------
The text's trigrams are looked up in the index; those shared by very many keys (``"syn"`` in
every synthetic name) are not counted but assumed present in every key, which only loosens the
bound (``g`` is the counted trigrams plus the skipped ones). Keys are scored exactly as
:func:`difflib.get_close_matches` scores them, most shared trigrams first, until the best ones
found score above the bound for every key not yet scored (they are then certainly difflib's best,
in difflib's order, ties broken by the larger key), or until a budget of scorings is spent.

When the trigrams do not settle it (the bound cannot go below 0.8), the characters do: difflib's
``quick_ratio`` (characters shared, counted with repeats) is also an upper bound on the ratio, and
it is worked out for every key at once, from integers whose bits say which keys hold at least
``t`` copies of a character, added in bit slices. Every key whose ``quick_ratio`` reaches the n-th
best found (or the cutoff) is scored when there are few; otherwise those reaching the best found,
after raising it with the keys past a higher floor. No key left unscored can then reach that
floor, so the names from it up are difflib's.

:meth:`Spelling.close` returns difflib's list, how many of its leading names are certain and
whether all are. :func:`suggest` walks the list as ``suggest`` always has; when its *first*
suggestion would rest on an uncertain name, it takes difflib's exact list instead
(:meth:`Spelling.ranked`), so the first suggestion is always the one difflib gives. Later
suggestions come from the certain names when there are enough, otherwise from the best of the keys
scored, which are not guaranteed to be difflib's: they are keys difflib accepts, but may be ones it
ranks lower (seen among synthetic names that differ only by their numbers). Making them certain
too would mean scoring every key far more often (measured at 100,000 entries: a misspelt
look-up's median went from 2.6 ms to 204 ms).

Difflib's exact list
--------------------
:meth:`Spelling.ranked` gives ``get_close_matches``' ranking itself (best ratio first, ties
broken by the larger key), worked out only as far as it is read, with far fewer scorings;
:meth:`Spelling.scan` is its first ``n`` names. A collection of at most :data:`SMALL` keys (every
kind of the shipped content) is always answered so, and its suggestions are exactly those of
difflib over every name. The keys whose ``quick_ratio`` reaches the cutoff come from the
character bits above, all at once. Each gets a tighter bound: the matching blocks are a common
subsequence of the two strings, so ``M`` is at most the length ``L`` of their longest common
subsequence, and ``ratio <= 2 L / T`` (whichever string comes first). ``L`` comes from
bit-parallel arithmetic on an integer (Hyyrö's algorithm): for a small collection every key's at
once, each key in a lane of its own bits of one integer (a spare bit above each lane takes the
carry out of it and is cleared after each step), in one pass over the text's characters, when
the keys to bound are long enough together for that to be quicker (:data:`_LANES`); otherwise,
and for a big collection, key by key. The keys go on a heap by bound, best first (ties by the larger key); the key
on top is scored when it holds its bound, given when it holds its ratio, which is then at least
every bound and ratio left, so it is difflib's next name. :func:`suggest` reads the ranking only
until it has its suggestions (or difflib's ``n`` names), so the keys below its last suggestion
that cannot be offered are mostly never scored; and the bound spares its near-spelling ratio
when it is below :data:`NEAR_SPELLING`. On the shipped content that is about four scorings a
misspelt look-up (suggest's own ratios included) instead of about 160.

The ratio itself
----------------
:func:`ratio_to` gives difflib's ratio without its overheads (its ``Match`` tuples, the sort and
merge of the blocks, the extension steps). difflib's matching blocks are found by taking the
longest block common to both strings, the one starting earliest in the first string and then in
the second, and then the same in the parts before and after it; the ratio needs only the sum of
their sizes. Without junk (``get_close_matches`` gives no ``isjunk``, and difflib drops
"popular" characters only from a second string of 200 characters or more) difflib's longest
block is the longest common substring (found by difflib's own dynamic programme), and its
extension steps cannot lengthen it. :func:`ratio_to` finds the same block with ``str.find``:
each start in the first string, earliest first, is asked only whether the second holds a block
longer than the best found so far, and the block is lengthened while it does; the earliest place
in the second string is the one ``find`` gives. So its sums, and ratios, are difflib's, at about
two thirds of the cost of running difflib's programme alone. A second string of 200 characters
or more is left to difflib.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import math
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet

from spinekb._text import words

__all__ = ["Spelling", "suggest"]

#: How alike (difflib's ratio) a key must be to be considered at all (``get_close_matches``' cutoff).
CUTOFF = 0.6

#: How alike a key must be to be offered as a near spelling whatever its words.
NEAR_SPELLING = 0.75

#: Words too common in names to make a loosely similar one worth offering.
COMMON_WORDS = frozenset({"pain", "back", "with", "have", "feel", "feeling", "side"})

#: Up to this many keys, difflib's exact list is always given (:meth:`Spelling.scan`): the
#: trigrams would save little there.
SMALL = 1_000

#: The most keys scored exactly before settling for the best found (each scoring is about 10 µs).
_BUDGET = 300

#: How many text lengths and floors a small collection keeps its keys grouped for (see
#: :meth:`Spelling._by_need`): each holds at most one integer of a bit a key (at most
#: :data:`SMALL` bits) for each distinct key length, so a kind keeps at most a few hundred kB.
_KEPT_GROUPS = 64

#: A trigram shared by more keys than this (and by more than a fiftieth of them) is not counted.
_COMMON_GRAM = 2_000

#: The longest common subsequences of a small collection's keys are worked out all at once when
#: the keys to bound hold at least the text's length times the keys' total length over this
#: many characters (each step of the lanes costs about this many times a key's character).
_LANES = 450

# Floating-point slack when a ratio is compared with its bound (both are ratios of small integers).
_EPS = 1e-9


def _grams(text: str) -> Counter[str]:
    """The trigrams of ``text``, with how often each occurs."""
    return Counter(text[i : i + 3] for i in range(len(text) - 2))


def _copies(text: str) -> list[tuple[str, int]]:
    """Each character of ``text`` with its copy number: "aba" -> (a, 1), (b, 1), (a, 2)."""
    seen: dict[str, int] = {}
    copies = []
    for char in text:
        seen[char] = seen.get(char, 0) + 1
        copies.append((char, seen[char]))
    return copies


def _at_least(planes: list[int], need: int, everyone: int) -> int:
    """The bits whose count, kept in bit slices ``planes`` (lowest first), is at least ``need``."""
    if need <= 0:
        return everyone
    if need >= 1 << len(planes):
        return 0
    greater, equal = 0, everyone
    for j in range(len(planes) - 1, -1, -1):
        if need >> j & 1:
            equal &= planes[j]
        else:
            greater |= equal & planes[j]
            equal &= everyone ^ planes[j]
    return greater | equal


def ratio_to(second: str) -> Callable[[str], float]:
    """A function giving ``difflib.SequenceMatcher(None, first, second).ratio()`` for any
    ``first``, as difflib works it out, without its overheads (see the module's docstring).

    difflib's matching blocks are found by taking the longest block common to both strings (the
    one starting earliest in the first string, then in the second), then the same in the parts
    before it and after it. Without junk (no ``isjunk``; its "popular" characters only from a
    second string of 200 characters) that block is the longest common substring, whose ends
    difflib's extension steps cannot move: the same sum of block sizes comes from the search
    below, and so the same ratio. A longer ``second`` is left to difflib.
    """
    if len(second) >= 200:
        import difflib

        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(second)

        def difflib_ratio(first: str) -> float:
            matcher.set_seq1(first)
            return matcher.ratio()

        return difflib_ratio
    lb = len(second)
    find = second.find

    def ratio(first: str) -> float:
        la = len(first)
        if not la + lb:
            return 1.0
        matched = 0
        boxes = [(0, la, 0, lb)]
        while boxes:
            alo, ahi, blo, bhi = boxes.pop()
            # The longest common substring of first[alo:ahi] and second[blo:bhi] that difflib's
            # find_longest_match gives: the longest, starting earliest in ``first``, then in
            # ``second``. Each start ``i`` in turn, earliest first, is asked only for a block
            # longer than the best found (whose first size + 1 characters ``second`` must hold
            # between ``blo`` and ``bhi``), lengthened while ``second`` holds it, found there
            # earliest by ``str.find``.
            besti = bestj = size = 0
            i = alo
            while i + size < ahi:
                k = size + 1
                j = find(first[i : i + k], blo, bhi)
                if j >= 0:
                    while i + k < ahi:
                        # a longer block starts no earlier in ``second`` than its beginning
                        further = find(first[i : i + k + 1], j, bhi)
                        if further < 0:
                            break
                        k, j = k + 1, further
                    besti, bestj, size = i, j, k
                i += 1
            if size:
                matched += size
                if alo < besti and blo < bestj:
                    boxes.append((alo, besti, blo, bestj))
                if besti + size < ahi and bestj + size < bhi:
                    boxes.append((besti + size, ahi, bestj + size, bhi))
        return 2.0 * matched / (la + lb)

    return ratio


def _bound(shared: int, la: int, lb: int) -> float:
    """The most difflib's ratio can be for strings of lengths ``la`` and ``lb`` that share at most
    ``shared`` trigrams (see the module's docstring)."""
    total = la + lb
    if total == 0:
        return 1.0
    return 2.0 * min(min(la, lb), (shared + 2 * total + 2) / 5) / total


class Spelling:
    """A trigram index over look-up keys (normalised ids, names and aliases), built once.

    Thread-safe to read; build it lazily (on the first suggestion) rather than at load.
    """

    __slots__ = ("_chars", "_groups", "_keys", "_lengths", "_lock", "_orders", "_packed", "_postings", "_width")

    def __init__(self, keys: Iterable[str]) -> None:
        """Index ``keys``; each trigram gets the positions of the keys that hold it."""
        self._keys: tuple[str, ...] = tuple(keys)
        postings: dict[str, list[int]] = {}
        for position, key in enumerate(self._keys):
            for gram in {key[i : i + 3] for i in range(len(key) - 2)}:
                postings.setdefault(gram, []).append(position)
        self._postings = postings
        #: Every distinct key length, for the bound on the keys not scored.
        self._lengths = tuple(sorted({len(key) for key in self._keys}))
        #: The bits of every key side by side, each with a spare one (see :meth:`_lanes`).
        self._width = sum(len(key) + 1 for key in self._keys)
        self._chars: tuple[dict[tuple[str, int], int], dict[int, int]] | None = None
        self._orders: list[int] | None = None
        self._packed: tuple[dict[str, int], list[int], int, int] | None = None
        #: The keys by the characters they must share (see :meth:`_by_need`), for the text lengths
        #: and floors last asked about: at most :data:`_KEPT_GROUPS`, the first kept dropped first.
        self._groups: dict[tuple[int, float], tuple[tuple[int, int], ...]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._keys)

    def containing(self, key: str) -> list[str]:
        """The keys that contain ``key`` (at least three characters), in index order."""
        grams = {key[i : i + 3] for i in range(len(key) - 2)}
        if not grams:
            return []
        rarest = min((self._postings.get(gram, ()) for gram in grams), key=len)
        keys = self._keys
        return [keys[position] for position in rarest if key in keys[position]]

    def close(self, key: str, n: int, cutoff: float = CUTOFF) -> tuple[list[str], int, bool]:
        """``difflib.get_close_matches(key, keys, n, cutoff)`` as far as the index can tell: the
        list, how many of its first names are certainly difflib's, and whether the whole list
        is (no key left unscored could have entered it; see the module's docstring).

        Names past the certain ones are the best of the keys scored; difflib may rank keys that
        were not scored among them.
        """
        import difflib  # here, not at import: only suggesting needs it

        if len(self._keys) <= SMALL:
            return self.scan(key, n, cutoff), n, True
        la = len(key)
        grams = _grams(key)
        common = max(_COMMON_GRAM, len(self._keys) // 50)
        counts: Counter[int] = Counter()
        skipped = 0
        for gram, times in grams.items():
            posting = self._postings.get(gram, ())
            if len(posting) > common:
                skipped += times
                continue
            for _ in range(times):
                counts.update(posting)
        bounds: dict[int, float] = {}

        def beyond(shared: int) -> float:
            # The most any key with at most ``shared`` counted trigrams can score.
            if shared not in bounds:
                bounds[shared] = max((_bound(shared + skipped, la, lb) for lb in self._lengths), default=0.0)
            return bounds[shared]

        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)
        scorer: list[Callable[[str], float]] = []  # ratio_to(key), made on first need

        def score_of(name: str) -> float:
            if not scorer:
                scorer.append(ratio_to(key))
            return scorer[0](name)

        best: list[tuple[float, str]] = []  # a heap of the n best (ratio, key) found
        keys = self._keys
        rest = beyond(0)  # the most a key not scored can score
        for scored, (position, shared) in enumerate(counts.most_common(_BUDGET + 1)):
            rest = beyond(shared)
            if rest < cutoff or (len(best) == n and best[0][0] > rest + _EPS) or scored == _BUDGET:
                break
            name = keys[position]
            matcher.set_seq1(name)
            # The quick bounds against the cutoff, or against the n-th best once there are n.
            floor = best[0][0] if len(best) == n else cutoff
            if matcher.real_quick_ratio() >= floor and matcher.quick_ratio() >= floor:
                ratio = score_of(name)
                if ratio >= cutoff and (len(best) < n or (ratio, name) > best[0]):
                    (heapq.heappush if len(best) < n else heapq.heapreplace)(best, (ratio, name))
        else:
            rest = beyond(0)
        ranked = sorted(best, reverse=True)
        certain = next((i for i, (ratio, _) in enumerate(ranked) if ratio <= rest + _EPS), len(ranked))
        if rest >= cutoff and certain < n:
            # Not settled by trigrams: score every key that difflib's quick_ratio lets past the
            # n-th best found (or the cutoff), when there are few; or else those past the best
            # found, which settles at least the first name. When even those are too many, the
            # keys past a higher floor are scored first, to raise the best found.
            seen = {name for _, name in best}
            passing = self._quick_counts(key)

            def quick(floor: float) -> list[str]:
                return [keys[position] for position in passing(floor)]

            def score(names: list[str]) -> None:
                for name in names:
                    seen.add(name)
                    ratio = score_of(name)
                    if ratio >= cutoff and (len(best) < n or (ratio, name) > best[0]):
                        (heapq.heappush if len(best) < n else heapq.heapreplace)(best, (ratio, name))

            floor = best[0][0] if len(best) == n else cutoff
            unscored = [name for name in quick(floor) if name not in seen]
            if len(unscored) > _BUDGET:
                floor = ranked[0][0] if ranked else cutoff
                for _ in range(8):
                    unscored = [name for name in quick(floor) if name not in seen]
                    if len(unscored) <= _BUDGET:
                        break
                    score([name for name in quick((floor + 1.0) / 2) if name not in seen][:_BUDGET])
                    floor = max([floor, *(ratio for ratio, _ in best)])
            if len(unscored) <= _BUDGET:
                score(unscored)
                # No key left unscored reaches ``floor``: the names from it up are difflib's.
                ranked = sorted(best, reverse=True)
                rest = min(rest, floor - _EPS)
                certain = next((i for i, (ratio, _) in enumerate(ranked) if ratio < floor), len(ranked))
                if floor == cutoff:
                    certain = n
        whole = rest < cutoff or certain >= n
        return [name for _, name in ranked], min(certain, len(ranked)), whole

    def _quick_counts(self, key: str) -> Callable[[float], list[int]]:
        """A function giving the positions of the keys whose quick_ratio against ``key`` (the
        characters they share, counted with repeats: an upper bound on difflib's ratio) is at
        least a floor.

        The keys holding at least ``t`` copies of each character are kept as the bits of an
        integer; adding those of ``key``'s characters in bit slices counts the characters every
        key shares with it, all keys at once.
        """
        chars, lengths = self._char_bits()
        la = len(key)
        planes: list[int] = []  # bit j of every key's count, lowest first
        for copy in _copies(key):
            carry = chars.get(copy, 0)
            for j, plane in enumerate(planes):
                if not carry:
                    break
                planes[j], carry = plane ^ carry, plane & carry
            if carry:
                planes.append(carry)
        everyone = (1 << len(self._keys)) - 1
        at_least: dict[int, int] = {}

        def passing(floor: float) -> list[int]:
            found = 0
            for need, bits in self._by_need(la, floor, lengths):
                if need not in at_least:
                    at_least[need] = _at_least(planes, need, everyone)
                found |= bits & at_least[need]
            text = bin(found)[:1:-1]  # bit i at index i
            positions = []
            start = text.find("1")
            while start >= 0:
                positions.append(start)
                start = text.find("1", start + 1)
            return positions

        return passing

    def _by_need(self, la: int, floor: float, lengths: dict[int, int]) -> tuple[tuple[int, int], ...]:
        """The keys whose quick_ratio against a text of ``la`` characters may reach ``floor``,
        grouped by how many characters they must share with it for that (the bits of the keys of
        each such count): the keys of a length that cannot reach it whatever they share are left
        out. Kept for a small collection (whose bits are small), for the last
        :data:`_KEPT_GROUPS` lengths and floors asked about."""
        kept = self._groups
        found = kept.get((la, floor))
        if found is not None:
            return found
        by_need: dict[int, int] = {}
        for lb, bits in lengths.items():
            total = la + lb
            if 2.0 * min(la, lb) / total < floor - _EPS:
                continue
            need = max(0, math.ceil(floor * total / 2 - _EPS))
            by_need[need] = by_need.get(need, 0) | bits
        found = tuple(by_need.items())
        if len(self._keys) <= SMALL:
            if len(kept) >= _KEPT_GROUPS:
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread was first
                    del kept[next(iter(kept))]
            kept[la, floor] = found
        return found

    def _char_bits(self) -> tuple[dict[tuple[str, int], int], dict[int, int]]:
        if self._chars is None:
            with self._lock:
                if self._chars is None:
                    rows: dict[tuple[str, int], bytearray] = {}
                    by_length: dict[int, bytearray] = {}
                    size = len(self._keys) // 8 + 1
                    for position, key in enumerate(self._keys):
                        byte, bit = position >> 3, 1 << (position & 7)
                        for copy in _copies(key):
                            row = rows.get(copy)
                            if row is None:
                                row = rows[copy] = bytearray(size)
                            row[byte] |= bit
                        row = by_length.get(len(key))
                        if row is None:
                            row = by_length[len(key)] = bytearray(size)
                        row[byte] |= bit
                    self._chars = (
                        {copy: int.from_bytes(row, "little") for copy, row in rows.items()},
                        {lb: int.from_bytes(row, "little") for lb, row in by_length.items()},
                    )
        return self._chars

    def _order(self) -> list[int]:
        """Each key's place among the keys sorted, by position: difflib's tie-break."""
        if self._orders is None:
            with self._lock:
                if self._orders is None:
                    orders = [0] * len(self._keys)
                    for place, position in enumerate(sorted(range(len(self._keys)), key=self._keys.__getitem__)):
                        orders[position] = place
                    self._orders = orders
        return self._orders

    def scan(self, key: str, n: int, cutoff: float = CUTOFF) -> list[str]:
        """``difflib.get_close_matches(key, keys, n, cutoff)``, exactly: the first ``n`` names of
        :meth:`ranked`."""
        if n <= 0:
            raise ValueError(f"n must be > 0: {n!r}")
        return list(itertools.islice(self.ranked(key, cutoff), n))

    def ranked(self, key: str, cutoff: float = CUTOFF) -> Iterator[str]:
        """Every key whose difflib ratio against ``key`` reaches ``cutoff``, in
        ``get_close_matches``' order (best ratio first, ties broken by the larger key), worked out
        only as far as it is read (see the module's docstring): the keys whose ``quick_ratio``
        reaches ``cutoff`` (for every key at once) are bounded by their longest common
        subsequence with ``key``, and a key is scored, or given, only when its bound, or its
        ratio, is the best left."""
        return (name for name, _ in self.bounded(key, cutoff))

    def bounded(self, key: str, cutoff: float = CUTOFF) -> Iterator[tuple[str, float]]:
        """:meth:`ranked`, each key with the bound from its longest common subsequence with
        ``key``, ``2 L / T``: the most difflib's ratio can be with either string first."""

        positions = self._quick_counts(key)(cutoff)
        keys, order = self._keys, self._order()
        la = len(key)
        # A heap of (-value, -order of the key, stage, position): the value is the key's bound
        # (stage 0) or its ratio (stage 1); the order of the keys breaks ties as difflib does.
        queue: list[tuple[float, int, int, int]] = []
        bounds: dict[int, float] = {}
        for position, common in zip(positions, self._common(key, positions), strict=True):
            bound = 2.0 * common / (la + len(keys[position]))
            if bound >= cutoff:
                queue.append((-bound, -order[position], 0, position))
                bounds[position] = bound
        heapq.heapify(queue)
        score = ratio_to(key)
        while queue:
            _, rank, stage, position = queue[0]
            if stage:
                # Its ratio is at least every bound and every ratio left: difflib's next key.
                heapq.heappop(queue)
                yield keys[position], bounds[position]
                continue
            ratio = score(keys[position])
            if ratio >= cutoff:
                heapq.heapreplace(queue, (-ratio, rank, 1, position))
            else:
                heapq.heappop(queue)

    def _common(self, key: str, positions: list[int]) -> list[int]:
        """The length of the longest common subsequence of ``key`` with each key at
        ``positions``, bit-parallel (Hyyro 2004): for a small collection, every key's at once
        (see :meth:`_lanes`), when the keys at ``positions`` are long enough together for that
        to be quicker; otherwise key by key."""
        keys = self._keys
        if len(keys) <= SMALL and sum(len(keys[i]) for i in positions) * _LANES >= len(key) * self._width:
            chars, offsets, ones, width = self._lanes()
            # A zero bit of ``rows`` is a character of the key (in its lane) matched.
            rows, mask = ones, chars.get
            for char in key:
                matched = rows & mask(char, 0)
                rows = ((rows + matched) | (rows - matched)) & ones
            text = bin(rows | 1 << width)[:2:-1]  # bit i at index i
            return [text.count("0", offsets[i], offsets[i] + len(keys[i])) for i in positions]
        # Bit i of a character's mask is set where the character is in ``key``; a zero bit of
        # ``rows`` is a character of ``key`` matched.
        masks: dict[str, int] = {}
        for place, char in enumerate(key):
            masks[char] = masks.get(char, 0) | 1 << place
        la = len(key)
        everything, get = (1 << la) - 1, masks.get
        common = []
        for position in positions:
            rows = everything
            for char in keys[position]:
                matched = rows & get(char, 0)
                rows = (rows + matched) | (rows - matched)
            common.append(la - (rows & everything).bit_count())
        return common

    def _lanes(self) -> tuple[dict[str, int], list[int], int, int]:
        """The keys side by side on one integer, each in a lane of its length and one spare bit:
        for each character, the bits where the keys hold it; the place of each key's lowest bit; the bits of
        every key (not the spare ones); and the whole width. Hyyro's arithmetic on all the lanes
        at once is then the same as lane by lane: a carry out of a lane ends in its spare bit,
        which is cleared after each step."""
        if self._packed is None:
            with self._lock:
                if self._packed is None:
                    chars: dict[str, int] = {}
                    offsets, ones, width = [], 0, 0
                    for key in self._keys:
                        offsets.append(width)
                        for place, char in enumerate(key, width):
                            chars[char] = chars.get(char, 0) | 1 << place
                        ones |= ((1 << len(key)) - 1) << width
                        width += len(key) + 1
                    self._packed = (chars, offsets, ones, width)
        return self._packed


def suggest(
    spelling: Spelling,
    key: str,
    text: str,
    words_of: Callable[[str], AbstractSet[str]],
    id_of: Callable[[str], str],
    limit: int,
) -> tuple[str, ...]:
    """Ids of the entries whose keys are close to ``text`` (``key`` is its look-up key), best
    first: those whose keys contain ``key`` and whose words hold every word of ``text``,
    shortest first; then near spellings (difflib's ratio at least :data:`NEAR_SPELLING`) and
    similar keys (at least :data:`CUTOFF`) that share a telling word with ``text``, most alike
    first. ``words_of`` gives the search words of a key's entry and ``id_of`` its id."""

    said = words(text)
    wanted = set(said)
    # Keys that hold every word of the text come first, shortest first ("fever" -> "fever with
    # back pain"; "rash" is not in "car crash").
    holding = sorted(
        (name for name in (spelling.containing(key) if len(key) >= 3 else ()) if wanted <= words_of(name)),
        key=lambda name: (len(name), name),
    )
    found = dict.fromkeys(id_of(name) for name in holding)
    if len(found) >= limit:
        return tuple(found)[:limit]
    # A loosely similar key is offered only when it shares a telling word with the text ("put my
    # back out" is not "passed out"); a near spelling ("numbnes") is offered whatever its words.
    telling = {word for word in said if len(word) >= 4 and word not in COMMON_WORDS}

    def offered(name: str, bound: float = 1.0) -> bool:
        # The shared word first: it is cheaper than the ratio, which its bounds may spare
        # (``bound``, when known, is at least the ratio).
        if telling & words_of(name):
            return True
        if bound < NEAR_SPELLING or 2.0 * min(len(key), len(name)) / (len(key) + len(name)) < NEAR_SPELLING:
            return False
        return ratio_to(name)(key) >= NEAR_SPELLING

    names: Iterable[tuple[str, float]]
    if len(spelling) <= SMALL:
        # difflib's list, read only as far as the suggestions need.
        names = itertools.islice(spelling.bounded(key), limit * 3)
    else:
        close, certain, whole = spelling.close(key, limit * 3)
        names = [(name, 1.0) for name in close]
        if not found:
            # The first suggestion is the first offered name of difflib's list: when it would
            # rest on a name the index is not sure of, take difflib's exact list instead.
            first = next((position for position, name in enumerate(close) if offered(name)), len(close))
            if first >= certain and not whole:
                names = itertools.islice(spelling.bounded(key), limit * 3)
    for name, bound in names:
        if offered(name, bound):
            found.setdefault(id_of(name), None)
            if len(found) >= limit:
                break
    return tuple(found)[:limit]
