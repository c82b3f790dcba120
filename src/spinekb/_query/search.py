"""Search over the entries of one kind: the postings (word to entries), built on the first
search of the kind, the ranking, and the hits with their scores.

An entry's score for a query (:class:`SearchScore`) is, in order of importance: how many of the
query's words it matches (as a whole word or as the beginning of one, in its name, aliases or
summary); whether its name (2) or one of its aliases (1) holds every query word; and a weight
adding, for each query word, 3 for a name or alias word, 1 for a summary word, halved for a word
beginning, plus 10 when the whole query is the entry's id, name or alias. Hits are ranked by
score, best first, then by id.

The best ``limit`` hits are found without scoring every match. An entry's score is set by its
level for each query word (a word of its name or aliases, the beginning of one, a word of its summary
only, the beginning of one, or none: 3, 1.5, 1, 0.5 or 0 to the weight) and, when its names hold
every word, whole or begun, by whether its name or one alias holds them all; the postings say
where each entry holds each word (name, alias or summary), so the aliases themselves are read only
for an entry whose aliases together hold every word. Those score classes are visited best first,
and the entries of equally good classes in id order, each class walking the postings (in id order)
of its rarest word at its level and checking the other words entry by entry, stopping as soon as
``limit`` are found: the cost follows the answer and the classes walked before it, not the number
of matches, in names as in summaries. The entry whose id, name or alias is the whole query (the
exact bonus) is scored on its own. A query whose words have few postings (at most
:data:`_SCORE_ALL_UP_TO`, as for every kind of the shipped content), a query of more than
:data:`_MOST_WORDS` words, and ``limit=None`` score every match and select the best with
:func:`heapq.nsmallest`.

What a query word reads of a kind's postings (the longer words it begins, their sizes, its best
level, and its postings merged with theirs) does not depend on the rest of the query, so each kind
keeps it for the words last searched (:meth:`Postings.word`; bounded in words and in the merged
postings kept, :data:`_KEPT_WORDS`, :data:`_KEPT_POSTINGS`). A search of every kind ranks the
kinds by the best score a match could have there (:func:`best_possible`), best first, and leaves
out those whose matches cannot enter the best ``limit`` found so far.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import Generic, NamedTuple, TypeVar

import attrs

from spinekb._record import Record
from spinekb._text import word_set
from spinekb.models import Entry

__all__ = ["Hit", "HitKey", "Postings", "SearchScore", "hit_order", "rank", "rank_keys", "score_of"]

E = TypeVar("E", bound=Entry)

NAME_WEIGHT = 3.0
SUMMARY_WEIGHT = 1.0
PREFIX_FACTOR = 0.5
EXACT_BONUS = 10.0
#: Above this many query words, every match is scored (the score classes would be 5 ** words).
_MOST_WORDS = 4
#: Up to this many postings of the query's words (and the words they begin), every match is
#: scored: quicker than visiting score classes when there are few.
_SCORE_ALL_UP_TO = 300
#: Up to this many longer words begun by a query word, their postings are merged in id order as the
#: walk goes (and it may stop early); above it, gathered and sorted.
_MERGE_AT_MOST = 32
#: How many words' postings each kind keeps once read (:meth:`Postings.word`); past it, the
#: first kept goes.
_KEPT_WORDS = 1024
#: A word's postings merged with those of the longer words it begins are kept with it when they
#: are at most this many (so what is kept stays within about this many per word).
_KEEP_MERGED_UP_TO = 2000
#: The most merged postings (entries, over all its kept words) a kind keeps: what a kind's kept
#: words hold stays within a few megabytes whatever the queries, at any size of content.
_KEPT_POSTINGS = 50_000


class SearchScore(NamedTuple):
    """How well an entry matches a search; a higher score ranks first (scores compare as tuples).

    Attributes:
        words: how many of the query's words the entry matches, as a whole word or as the
            beginning of a word, in its name, aliases or summary (stop words such as "the" are
            not counted unless the query has nothing else).
        names: 2 when the entry's name holds every query word, 1 when one of its aliases does,
            0 otherwise.
        weight: for each query word, 3 when it is a word of the name or an alias, 1 when it is
            only a word of the summary, half that for the beginning of a word; plus 10 when the
            whole query is the entry's id, name or alias (case, spacing and punctuation ignored).
    """

    words: int
    names: int
    weight: float


@attrs.frozen(repr=False, eq=False)
class Hit(Record, Generic[E]):
    """One answer of a search with its score (see :meth:`spinekb.Collection.hits`).

    Attributes:
        entry: the entry found.
        score: how well it matches (:class:`SearchScore`); hits come best first.
    """

    entry: E
    score: SearchScore


#: The sort key of a hit (:func:`hit_order`): (-words, -names, -weight, id); the smallest is the best.
HitKey = tuple[int, int, float, str]


def hit_order(ident: str, score: SearchScore) -> HitKey:
    """The sort key of a hit: the best score first, then by id."""
    return (-score.words, -score.names, -score.weight, ident)


class Postings:
    """The search index of one kind: each word to the entries that hold it, in id order."""

    __slots__ = ("_aliases", "_entries", "_room", "_words", "names", "tokens", "vocabulary")

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        """Index ``entries`` (by id, in id order)."""
        self._entries = entries
        #: Each word to the entries holding it (in id order), with where each holds it: the bits
        #: :data:`_IN_NAME` and :data:`_IN_ALIAS`, or 0 for a word of the summary only.
        self.tokens: dict[str, dict[str, int]] = {}
        #: Each word to the entries whose name or an alias holds it, in id order.
        self.names: dict[str, list[str]] = {}
        stems: dict[str, str] = {}
        tokens, names = self.tokens, self.names
        for entry in entries.values():
            own = word_set(entry.name, stems)
            # The aliases are folded and split together (a space splits words anyway).
            aliased = word_set(" ".join(entry.aliases), stems) if entry.aliases else set()
            in_names = own | aliased
            for word in in_names:
                tokens.setdefault(word, {})[entry.id] = _IN_NAME * (word in own) + _IN_ALIAS * (word in aliased)
                names.setdefault(word, []).append(entry.id)
            for word in word_set(entry.summary, stems) - in_names:
                tokens.setdefault(word, {})[entry.id] = 0
        #: Every word, sorted (the words beginning with a query word are a slice of it).
        self.vocabulary = sorted(tokens)
        #: The query words read so far (see :meth:`word`), oldest first, at most :data:`_KEPT_WORDS`.
        self._words: dict[str, _WordPostings] = {}
        #: How many more merged postings the kept words may hold (see :data:`_KEPT_POSTINGS`); a
        #: list, so that the words share it. Threads may leave it a little off, never far.
        self._room = [_KEPT_POSTINGS]
        #: The words of each alias of the entries whose aliases were read (see :meth:`alias_words`).
        self._aliases: dict[str, list[set[str]]] = {}

    def alias_words(self, ident: str) -> list[set[str]]:
        """The words of each alias of entry ``ident``, split on first use and kept."""
        found = self._aliases.get(ident)
        if found is None:
            found = self._aliases[ident] = [word_set(alias) for alias in self._entries[ident].aliases]
        return found

    def word(self, word: str) -> _WordPostings:
        """What a query word reads of these postings: its own, and which longer words it begins.

        Kept once worked out (at most :data:`_KEPT_WORDS` words, the first kept dropped first):
        what a word reads does not depend on the rest of the query. Read and added to without the
        lock, as a dictionary is, each value whole before it is added."""
        kept = self._words
        found = kept.get(word)
        if found is None:
            found = _WordPostings(self, word)
            if len(kept) >= _KEPT_WORDS:
                with contextlib.suppress(KeyError, RuntimeError, StopIteration):  # another thread was first
                    gone = kept.pop(next(iter(kept)))
                    self._room[0] += gone.held
            kept[word] = found
        return found

    def beginning(self, word: str) -> list[str]:
        """The words that begin with ``word`` and are longer."""
        import bisect  # here, not at import: only searching needs it

        found = []
        for token in self.vocabulary[bisect.bisect_left(self.vocabulary, word) :]:
            if not token.startswith(word):
                break
            if token != word:
                found.append(token)
        return found


#: Where an entry holds a word (the values of :attr:`Postings.tokens`): bits for its name and its
#: aliases; 0 is a word of the summary only.
_IN_NAME, _IN_ALIAS = 1, 2
#: The weight of a word by where it is held (indexed by those bits).
_WEIGHTS = (SUMMARY_WEIGHT, NAME_WEIGHT, NAME_WEIGHT, NAME_WEIGHT)
#: What one query word adds to an entry's weight, which is the entry's level for that word: a word
#: of its name or aliases, the beginning of one, a word of its summary only, the beginning of one,
#: or none (a name word's beginning outranks a whole summary word, as in :func:`_rank_all`).
_NAMED, _NAMED_BEGINNING = NAME_WEIGHT, NAME_WEIGHT * PREFIX_FACTOR
_SUMMARY, _SUMMARY_BEGINNING, _NONE = SUMMARY_WEIGHT, SUMMARY_WEIGHT * PREFIX_FACTOR, 0.0


def query_words(postings: Postings, query: list[str]) -> list[_WordPostings]:
    """What each query word reads of ``postings`` (see :meth:`Postings.word`)."""
    return [postings.word(word) for word in query]


def best_possible(words: list[_WordPostings], exact: bool) -> HitKey | None:
    """A sort key (:func:`hit_order`) that no match of the query words can come before (``None``
    when nothing matches): the score of each word's best level, the name holding every word when
    the names hold each, and the exact bonus when an entry's id, name or alias is the whole query
    (``exact``); with an id no entry having that score comes before ("" with the exact bonus: the
    entry it goes to may have any id)."""
    count = 0
    weight = 0.0
    first = ""
    names = 2
    for word in words:
        if word.top != _NONE:
            count += 1
            weight += word.top
            if word.first > first:
                first = word.first
            if not word.in_names:
                names = 0
    if not count:
        return None
    if count < len(words):
        names = 0
    if exact:
        return -count, -names, -(weight + EXACT_BONUS), ""
    return -count, -names, -weight, first


def rank(
    postings: Postings,
    query: list[str],
    exact: str | None,
    limit: int | None,
    read: list[_WordPostings] | None = None,
) -> list[tuple[str, SearchScore]]:
    """The ``limit`` best matches of the query words (all when ``None``), best first: (id, score).

    ``exact`` is the id of the entry whose id, name or alias is the whole query, if any; ``read``
    what the query's words read of ``postings`` (:func:`query_words`), when already read."""
    return [(key[3], score_of(key)) for key in rank_keys(postings, query, exact, limit, read)]


def score_of(key: HitKey) -> SearchScore:
    """The score of a hit from its sort key (see :func:`hit_order`)."""
    return SearchScore(-key[0], -key[1], -key[2])


def rank_keys(
    postings: Postings,
    query: list[str],
    exact: str | None,
    limit: int | None,
    read: list[_WordPostings] | None = None,
    bound: HitKey | None = None,
) -> list[HitKey]:
    """:func:`rank` as the sort keys of the hits (:func:`hit_order`), best first: a search of every
    kind merges the kinds' answers by them and makes scores only for the hits it keeps. With
    ``bound``, the hits whose keys come after it may be left out (a search of every kind passes
    the last of the best found so far in the other kinds)."""
    if read is None:
        read = query_words(postings, query)
    size = sum(word.size for word in read)
    if not size:
        return []
    if limit is None or size <= _SCORE_ALL_UP_TO or len(query) > _MOST_WORDS:
        return _rank_all(postings, query, read, exact, limit, bound)
    words = [_Word(word) for word in read]
    found = _by_class(postings, query, words, exact, limit)
    if exact is not None:
        levels, held = zip(*(word.find(exact) for word in words), strict=True)
        count, names, weight = _class(levels)
        if count:
            holder = _holder_of(postings, query, exact, _common(held)) if names else 0
            found.append((exact, SearchScore(count, holder, weight + EXACT_BONUS)))
    return heapq.nsmallest(limit, (hit_order(ident, score) for ident, score in found))


def _rank_all(
    postings: Postings,
    query: list[str],
    words: list[_WordPostings],
    exact: str | None,
    limit: int | None,
    bound: HitKey | None = None,
) -> list[HitKey]:
    """Every match scored from the postings; the sort keys of the best ``limit`` selected (all
    sorted when ``None``), leaving out those after ``bound`` when it is given."""
    if len(words) == 1:
        keys = _one_word_keys(words[0], exact)
    elif len(words) == 2:
        keys = _two_word_keys(postings, query, words, exact)
    else:
        keys = _keys(postings, query, words, exact)
    if bound is not None:
        keys = [key for key in keys if key <= bound]
    return sorted(keys) if limit is None else heapq.nsmallest(limit, keys)


#: For a query of one word, what :func:`_holder_of` gives (negated, as in a sort key) for an entry
#: by where its names hold the word (the bits of :attr:`Postings.tokens`): its name holds it when
#: its name holds the word, an alias when only an alias does.
_ONE_WORD_HOLDER = (0, -2, -1, -2)


def _one_word_keys(word: _WordPostings, exact: str | None) -> list[HitKey]:
    """The sort keys of every match of a query of one word (see :func:`_keys`)."""
    best, held = word.merged()  # the same entries, each word's best weight and where it is held
    holder = _ONE_WORD_HOLDER
    keys = [(-1, holder[held[ident]], -value, ident) for ident, value in best.items()]
    if exact is not None and exact in best:
        keys.remove((-1, holder[held[exact]], -best[exact], exact))
        keys.append((-1, holder[held[exact]], -(best[exact] + EXACT_BONUS), exact))
    return keys


def _two_word_keys(postings: Postings, query: list[str], words: list[_WordPostings], exact: str | None) -> list[HitKey]:
    """The sort keys of every match of a query of two words (see :func:`_keys`), each entry read
    once: one matching a single word holds it alone (so no name holds every word)."""
    (first, first_held), (second, second_held) = words[0].merged(), words[1].merged()
    keys = []
    for ident, value in first.items():
        other = second.get(ident)
        if other is None:
            keys.append((-1, 0, -(value + EXACT_BONUS) if ident == exact else -value, ident))
            continue
        weight = value + other  # summed word by word, as _tally sums them
        if ident == exact:
            weight += EXACT_BONUS
        common = first_held[ident] & second_held[ident]
        holder = _holder_of(postings, query, ident, common) if common else 0
        keys.append((-2, -holder, -weight, ident))
    for ident, value in second.items():
        if ident not in first:
            keys.append((-1, 0, -(value + EXACT_BONUS) if ident == exact else -value, ident))
    return keys


def _keys(postings: Postings, query: list[str], words: list[_WordPostings], exact: str | None) -> list[HitKey]:
    """The sort keys (as :func:`hit_order` makes them) of every match of the query words."""
    # For each word, its best weight in each entry, and where each entry's names hold it, whole or
    # begun (the bits of Postings.tokens, 0 for its summary only), so that whether a name holds
    # every word is read from the postings.
    bests, helds = zip(*(word.merged() for word in words), strict=True)
    matched, weight = _tally(bests, exact)
    # A name or alias can hold every word only where each word is in the names, whole or begun.
    names = {}
    for ident, where in min(helds, key=len).items():
        if where:
            common = where  # the bits every word has (see _common)
            for held in helds:
                common &= held.get(ident, 0)
                if not common:
                    break
            if common and (holder := _holder_of(postings, query, ident, common)):
                names[ident] = -holder
    # Sort keys as hit_order makes them, compared as tuples.
    return [(-matched.get(ident, 1), names.get(ident, 0), -value, ident) for ident, value in weight.items()]


def _tally(bests: tuple[dict[str, float], ...], exact: str | None) -> tuple[dict[str, int], dict[str, float]]:
    """From each query word's best weight in each entry: how many words each entry matches (those
    matching one left out), and its weight (with the bonus for the entry whose id, name or alias
    is the whole query)."""
    matched: dict[str, int] = {}
    if len(bests) == 1:
        weight = bests[0]
        if exact is not None and exact in weight:
            weight = weight.copy()  # the word's own, kept
            weight[exact] += EXACT_BONUS
        return matched, weight
    weight = bests[0].copy()
    for best in bests[1:]:
        for ident, value in best.items():
            if ident in weight:
                matched[ident] = matched.get(ident, 1) + 1
                weight[ident] += value
            else:
                weight[ident] = value
    if exact is not None and exact in weight:
        weight[exact] += EXACT_BONUS
    return matched, weight


def _holds(words: set[str], query: list[str]) -> bool:
    return all(word in words or any(have.startswith(word) for have in words) for word in query)


def _holder_of(postings: Postings, query: list[str], ident: str, held: int) -> int:
    """2 when the name of entry ``ident`` holds every query word, 1 when an alias does, else 0,
    for an entry holding every query word in its names, whole or begun, where ``held`` has the
    bits of what holds every one of them: the name holds them all when it holds each (its bit),
    and the aliases, which together hold each (theirs), are read only when there are several
    words (one alias must hold them all)."""
    if held & _IN_NAME:
        return 2
    if not held & _IN_ALIAS:
        return 0
    return 1 if len(query) == 1 or any(_holds(words, query) for words in postings.alias_words(ident)) else 0


def _common(held: Iterable[int]) -> int:
    """The bits that every query word has of where it is held (:data:`_IN_NAME`, :data:`_IN_ALIAS`)."""
    common = _IN_NAME | _IN_ALIAS
    for where in held:
        common &= where
    return common


def _class(levels: Iterable[float]) -> tuple[int, bool, float]:
    """An entry's score from its level for each query word: how many words it matches, whether
    its names hold every word (so that a name or alias may), and its weight."""
    levels = tuple(levels)
    count = sum(level != _NONE for level in levels)
    return count, count == len(levels) and min(levels) >= _NAMED_BEGINNING, sum(levels)


class _WordPostings:
    """What one word reads of one kind's postings, whatever the rest of the query (kept by
    :meth:`Postings.word`): its own postings, the longer words it begins, how many entries they
    hold, its levels, and, worked out on first use, those postings merged."""

    __slots__ = (
        "_begun",
        "_merged",
        "_room",
        "begun_size",
        "first",
        "held",
        "in_names",
        "levels",
        "longer",
        "named",
        "named_begun_size",
        "names",
        "size",
        "tokens",
        "top",
        "whole",
    )

    def __init__(self, postings: Postings, word: str) -> None:
        tokens, names = postings.tokens, postings.names
        self._room = postings._room
        #: How many merged postings it keeps (counted against its kind's room).
        self.held = 0
        self.tokens = tokens
        self.whole = tokens.get(word, {})
        self.names = names
        self.named = names.get(word, [])
        #: The longer words it begins, and how many entries they hold in all, in names or anywhere.
        self.longer = postings.beginning(word)
        self.named_begun_size = sum(map(len, map(names.get, self.longer, itertools.repeat(()))))
        self.begun_size = sum(map(len, map(tokens.__getitem__, self.longer)))
        self.size = len(self.whole) + self.begun_size
        possible = [
            (_NAMED, bool(self.named)),
            (_NAMED_BEGINNING, bool(self.named_begun_size)),
            (_SUMMARY, len(self.whole) > len(self.named)),
            (_SUMMARY_BEGINNING, self.begun_size > self.named_begun_size),
        ]
        #: The levels some entry may have for this word (none is always possible), best first.
        self.levels = [level for level, may in possible if may] + [_NONE]
        self.top = top = self.levels[0]
        #: The first id (in id order) of an entry with its best level ("" when none has any).
        self.first = ""
        if top == _NAMED:
            self.first = self.named[0]
        elif top == _SUMMARY:  # none holds it in its names, whole or begun
            self.first = next(iter(self.whole))
        elif top == _NAMED_BEGINNING:
            self.first = min(names[token][0] for token in self.longer if token in names)
        elif top == _SUMMARY_BEGINNING:
            self.first = min(next(iter(tokens[token])) for token in self.longer)
        #: Whether some entry's names hold it, whole or begun.
        self.in_names = bool(self.named or self.named_begun_size)
        self._begun: dict[str, int] | None = None
        self._merged: tuple[dict[str, float], dict[str, int]] | None = None

    def begun(self) -> dict[str, int]:
        """Each entry holding longer words it begins, to where (the bits of :attr:`Postings.tokens`)."""
        begun = self._begun
        if begun is None:
            begun = {}
            for token in self.longer:
                for held, where in self.tokens[token].items():
                    begun[held] = begun.get(held, 0) | where
            if self._keep(self.begun_size):
                self._begun = begun
        return begun

    def _keep(self, size: int) -> bool:
        """Whether ``size`` more merged postings may be kept, counting them if so."""
        room = self._room
        if size > _KEEP_MERGED_UP_TO or size > room[0]:
            return False
        room[0] -= size
        self.held += size
        return True

    def merged(self) -> tuple[dict[str, float], dict[str, int]]:
        """Each entry holding it, whole or begun, to its best weight for it, and to where its names
        hold it, whole or begun (the bits of :attr:`Postings.tokens`, 0 for its summary only)."""
        merged = self._merged
        if merged is None:
            whole = self.whole
            best = {ident: _WEIGHTS[where] for ident, where in whole.items()}
            held = whole.copy() if self.longer else whole
            for token in self.longer:
                for ident, where in self.tokens[token].items():
                    value = _WEIGHTS[where] * PREFIX_FACTOR
                    if value > best.get(ident, 0.0):
                        best[ident] = value
                    held[ident] = held.get(ident, 0) | where
            merged = (best, held)
            if self._keep(self.size):
                self._merged = merged
        return merged


class _Word:
    """One query word's postings, read entry by entry or as lists in id order by level."""

    __slots__ = (
        "_begun",
        "_looked",
        "begun_size",
        "data",
        "longer",
        "named",
        "named_begun_size",
        "names",
        "tokens",
        "whole",
    )

    def __init__(self, data: _WordPostings) -> None:
        self.data = data
        self.tokens = data.tokens
        self.whole = data.whole
        self.names = data.names
        self.named = data.named
        self.longer = data.longer
        self.named_begun_size = data.named_begun_size
        self.begun_size = data.begun_size
        self._begun = data._begun
        self._looked = 0

    def levels(self) -> list[float]:
        """The levels some entry may have for this word (none is always possible)."""
        return self.data.levels

    def find(self, ident: str) -> tuple[float, int]:
        """The level of entry ``ident`` for this word, and where its names hold it, whole or begun
        (bits; 0 when they do not)."""
        whole = self.whole.get(ident)
        if whole == _IN_NAME | _IN_ALIAS:
            return _NAMED, whole
        begun = self._beginning(ident)
        if whole:
            return _NAMED, whole | (begun or 0)
        if begun:
            return _NAMED_BEGINNING, begun
        if whole is not None:
            return _SUMMARY, 0
        return (_NONE if begun is None else _SUMMARY_BEGINNING), 0

    def _beginning(self, ident: str) -> int | None:
        """Where entry ``ident`` holds longer words begun by this one (bits), ``None`` if it holds none.

        The longer words' postings are read one by one for each entry until that has cost as much
        as gathering them all at once."""
        begun = self._begun
        if begun is None:
            self._looked += len(self.longer)
            if self._looked < self.begun_size:
                found = None
                for token in self.longer:
                    where = self.tokens[token].get(ident)
                    if where is not None:
                        found = where if found is None else found | where
                return found
            begun = self._begun = self.data.begun()
        return begun.get(ident)

    def cost(self, level: float) -> int:
        """How many entries :meth:`source` reads for ``level``, at most."""
        if level == _NAMED:
            return len(self.named)
        if level == _SUMMARY:
            return len(self.whole)
        return self.named_begun_size if level == _NAMED_BEGINNING else self.begun_size

    def source(self, level: float) -> Iterable[str]:
        """The entries that may have ``level`` for this word, in id order (every one that has)."""
        if level == _NAMED:
            return self.named
        if level == _SUMMARY:
            return (ident for ident, where in self.whole.items() if where == 0)
        postings: list[Iterable[str]]
        if level == _NAMED_BEGINNING:
            postings = [self.names.get(token, []) for token in self.longer]
        else:
            postings = [self.tokens[token] for token in self.longer]
        if len(postings) > _MERGE_AT_MOST:  # sorting them at once is quicker than a merge of so many
            return sorted({ident for posting in postings for ident in posting})
        return _once(heapq.merge(*postings))


def _once(idents: Iterable[str]) -> Iterator[str]:
    """``idents`` (in order) without repeats."""
    last = None
    for ident in idents:
        if ident != last:
            yield ident
            last = ident


def _by_class(
    postings: Postings, query: list[str], words: list[_Word], exact: str | None, limit: int
) -> list[tuple[str, SearchScore]]:
    """The ``limit`` best entries but ``exact``, best first.

    An entry's score is set by its level for each query word (see :meth:`_Word.find`) and, when its
    names hold every word, by whether its name or an alias holds them all: its class. Classes are
    visited best first, and the entries of equally good classes in id order, so the first
    ``limit`` found are the best."""
    every = _IN_NAME | _IN_ALIAS

    def members(levels: tuple[float, ...]) -> Iterator[tuple[str, int]]:
        # Walk the shortest list of a level the class has; check the other words entry by entry.
        # Each entry comes with the bits of what holds every word (see _common).
        position = min((p for p, level in enumerate(levels) if level), key=lambda p: words[p].cost(levels[p]))
        for ident in words[position].source(levels[position]):
            if ident == exact:
                continue
            held = every
            for word, level in zip(words, levels, strict=True):
                found, where = word.find(ident)
                if found != level:
                    break
                held &= where
            else:
                yield ident, held

    seen: dict[tuple[float, ...], list[tuple[str, int]]] = {}

    def named(levels: tuple[float, ...], holder: int) -> Iterator[str]:
        # The members whose names hold every word, by holder: each class of levels is walked once
        # (by its holder-2 class, which comes first and is walked to the end before the others).
        known = seen.get(levels)
        if known is not None:
            yield from (ident for ident, found in known if found == holder)
            return
        known = []
        for ident, held in members(levels):
            found = _holder_of(postings, query, ident, held)
            known.append((ident, found))
            if found == holder:
                yield ident
        seen[levels] = known

    classes: dict[tuple[int, int, float], list[Iterator[str]]] = {}
    for levels in itertools.product(*(word.levels() for word in words)):
        count, names, weight = _class(levels)
        if names:
            for holder in (2, 1, 0):
                classes.setdefault((count, holder, weight), []).append(named(levels, holder))
        elif count:
            classes.setdefault((count, 0, weight), []).append(ident for ident, _ in members(levels))
    found: list[tuple[str, SearchScore]] = []
    for (count, holder, weight), group in sorted(classes.items(), reverse=True):
        score = SearchScore(count, holder, weight)
        for ident in heapq.merge(*group):
            found.append((ident, score))
            if len(found) == limit:
                return found
    return found
