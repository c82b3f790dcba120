"""Search over the entries of one kind: the postings (word to entries), built on the first
search of the kind, the ranking, and the hits with their scores.

An entry's score for a query (:class:`SearchScore`) is, in order of importance: how many of the
query's words it matches (as a whole word or as the beginning of one, in its name, aliases or
summary); whether its name (2) or one of its aliases (1) holds every query word; and a weight
adding, for each query word, 3 for a name or alias word, 1 for a summary word, halved for a word
beginning, plus 10 when the whole query is the entry's id, name or alias. Hits are ranked by
score, best first, then by id.

The best ``limit`` hits are found without scoring every match. Entries that match a query word in
a name or alias are few (names are short) and are scored one by one. Every other match scores by
which words its summary holds, whole or as a beginning: those score classes are visited best first,
and the entries of each in id order, walking the postings (which are in id order) of the class's
rarest word and stopping as soon as ``limit`` are found. A query whose words have few postings
(at most :data:`_SCORE_ALL_UP_TO`, as for every kind of the shipped content), a query of more
than :data:`_MOST_WORDS` words, a query matching the names of more than :data:`_MOST_IN_NAMES`
entries, and ``limit=None`` score every match and select the best with :func:`heapq.nsmallest`.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterator, Mapping
from typing import Generic, NamedTuple, TypeVar

import attrs

from spinekb._record import Record
from spinekb._text import word_set
from spinekb.models import Entry

__all__ = ["Hit", "Postings", "SearchScore", "hit_order", "rank"]

E = TypeVar("E", bound=Entry)

NAME_WEIGHT = 3.0
SUMMARY_WEIGHT = 1.0
PREFIX_FACTOR = 0.5
EXACT_BONUS = 10.0
#: Above this many query words, every match is scored (the score classes would be 3 ** words).
_MOST_WORDS = 4
#: Above this many entries matching in their names, every match is scored.
_MOST_IN_NAMES = 2_000
#: Up to this many postings of the query's words (and the words they begin), every match is
#: scored: quicker than visiting score classes when there are few.
_SCORE_ALL_UP_TO = 300


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


def hit_order(ident: str, score: SearchScore) -> tuple[int, int, float, str]:
    """The sort key of a hit: the best score first, then by id."""
    return (-score.words, -score.names, -score.weight, ident)


class Postings:
    """The search index of one kind: each word to the entries that hold it, in id order."""

    __slots__ = ("_entries", "names", "tokens", "vocabulary")

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        """Index ``entries`` (by id, in id order)."""
        self._entries = entries
        #: Each word to the entries holding it (in id order), with its weight there: the weight
        #: of a name or alias word, or of a summary word that no name or alias holds.
        self.tokens: dict[str, dict[str, float]] = {}
        #: Each word to the entries whose name or an alias holds it, in id order.
        self.names: dict[str, list[str]] = {}
        stems: dict[str, str] = {}
        tokens, names = self.tokens, self.names
        for entry in entries.values():
            # The names are folded and split together (a space splits words anyway).
            in_names = word_set(" ".join((entry.name, *entry.aliases)), stems)
            for word in in_names:
                tokens.setdefault(word, {})[entry.id] = NAME_WEIGHT
                names.setdefault(word, []).append(entry.id)
            for word in word_set(entry.summary, stems) - in_names:
                tokens.setdefault(word, {})[entry.id] = SUMMARY_WEIGHT
        #: Every word, sorted (the words beginning with a query word are a slice of it).
        self.vocabulary = sorted(tokens)

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


def rank(postings: Postings, query: list[str], exact: str | None, limit: int | None) -> list[tuple[str, SearchScore]]:
    """The ``limit`` best matches of the query words (all when ``None``), best first: (id, score).

    ``exact`` is the id of the entry whose id, name or alias is the whole query, if any."""
    longer = [postings.beginning(word) for word in query]
    tokens = postings.tokens
    size = sum(
        len(tokens.get(word, ())) + sum(len(tokens[token]) for token in more)
        for word, more in zip(query, longer, strict=True)
    )
    if not size:
        return []
    in_names: set[str] = set()
    for word, more in zip(query, longer, strict=True):
        for token in (word, *more):
            in_names.update(postings.names.get(token, ()))
    if exact is not None:
        in_names.add(exact)
    if limit is None or size <= _SCORE_ALL_UP_TO or len(query) > _MOST_WORDS or len(in_names) > _MOST_IN_NAMES:
        return _rank_all(postings, query, longer, in_names, exact, limit)
    found = _in_names(postings, query, longer, in_names, exact)
    found += _in_summaries(postings, query, longer, in_names, limit)
    return heapq.nsmallest(limit, found, key=lambda hit: hit_order(*hit))


def _rank_all(
    postings: Postings,
    query: list[str],
    longer: list[list[str]],
    in_names: set[str],
    exact: str | None,
    limit: int | None,
) -> list[tuple[str, SearchScore]]:
    """Every match scored from the postings; the best ``limit`` selected (all sorted when ``None``)."""
    tokens = postings.tokens
    bests = []
    for word, more in zip(query, longer, strict=True):
        best: dict[str, float] = dict(tokens.get(word, {}))
        for token in more:
            for ident, value in tokens[token].items():
                best[ident] = max(best.get(ident, 0.0), value * PREFIX_FACTOR)
        bests.append(best)
    matched, weight = _tally(bests, exact)
    entries, every = postings._entries, len(query)
    names = {
        ident: holder
        for ident in in_names
        if matched.get(ident) == every and (holder := _holder(entries[ident], query))
    }

    def key(ident: str) -> tuple[int, int, float, str]:
        return (-matched[ident], -names.get(ident, 0), -weight[ident], ident)

    ranked = sorted(matched, key=key) if limit is None else heapq.nsmallest(limit, matched, key=key)
    return [(ident, SearchScore(matched[ident], names.get(ident, 0), weight[ident])) for ident in ranked]


def _tally(bests: list[dict[str, float]], exact: str | None) -> tuple[dict[str, int], dict[str, float]]:
    """From each query word's best weight in each entry: how many words each entry matches, and
    its weight (with the bonus for the entry whose id, name or alias is the whole query)."""
    matched: dict[str, int] = {}
    weight: dict[str, float] = {}
    for best in bests:
        for ident, value in best.items():
            matched[ident] = matched.get(ident, 0) + 1
            weight[ident] = weight.get(ident, 0.0) + value
    if exact is not None and exact in weight:
        weight[exact] += EXACT_BONUS
    return matched, weight


def _holds(words: set[str], query: list[str]) -> bool:
    return all(word in words or any(have.startswith(word) for have in words) for word in query)


def _holder(entry: Entry, query: list[str]) -> int:
    """2 when the name of ``entry`` holds every query word, 1 when an alias does, else 0."""
    if _holds(word_set(entry.name), query):
        return 2
    return 1 if any(_holds(word_set(alias), query) for alias in entry.aliases) else 0


def _in_names(
    postings: Postings, query: list[str], longer: list[list[str]], in_names: set[str], exact: str | None
) -> list[tuple[str, SearchScore]]:
    """The scores of the entries in ``in_names``, from the postings (as :func:`_rank_all` works
    them out), reading each word's postings or the entries, whichever is shorter."""
    tokens = postings.tokens
    bests = []
    for word, more in zip(query, longer, strict=True):
        best: dict[str, float] = {}
        for token, factor in itertools.chain(((word, 1.0),), ((token, PREFIX_FACTOR) for token in more)):
            posting = tokens.get(token, {})
            if len(posting) < len(in_names):
                pairs = ((ident, value) for ident, value in posting.items() if ident in in_names)
            else:
                pairs = ((ident, posting[ident]) for ident in in_names if ident in posting)
            for ident, value in pairs:
                value *= factor
                if value > best.get(ident, 0.0):
                    best[ident] = value
        bests.append(best)
    matched, weight = _tally(bests, exact)
    entries, every = postings._entries, len(query)
    return [
        (ident, SearchScore(count, _holder(entries[ident], query) if count == every else 0, weight[ident]))
        for ident, count in matched.items()
    ]


_WHOLE, _BEGINNING, _NONE = SUMMARY_WEIGHT, SUMMARY_WEIGHT * PREFIX_FACTOR, 0.0


def _in_summaries(
    postings: Postings, query: list[str], longer: list[list[str]], in_names: set[str], limit: int
) -> list[tuple[str, SearchScore]]:
    """The ``limit`` best entries outside ``in_names`` (so matching in their summaries only).

    Such an entry's score depends only on which query words its summary holds whole, which only
    as a beginning, and which not at all: its class. Classes are visited best first, and the
    entries of equally good classes in id order, so the first ``limit`` found are the best."""
    whole = [postings.tokens.get(word, {}) for word in query]
    begun: list[set[str] | None] = [None] * len(query)

    def beginnings(position: int) -> set[str]:
        found = begun[position]
        if found is None:
            found = begun[position] = set()
            for token in longer[position]:
                found.update(postings.tokens[token])
        return found

    def members(levels: tuple[float, ...]) -> Iterator[str]:
        # Walk the shortest list of a word the class holds; check the others entry by entry.
        sources: list[dict[str, float] | list[str]] = []
        for position, level in enumerate(levels):
            if level == _WHOLE:
                sources.append(whole[position])
            elif level == _BEGINNING:
                sources.append(sorted(beginnings(position) - whole[position].keys()))
        source = min(sources, key=len)
        for ident in source:
            if ident in in_names:
                continue
            for position, level in enumerate(levels):
                if level == _WHOLE:
                    if ident not in whole[position]:
                        break
                elif ident in whole[position] or (level == _NONE) == (ident in beginnings(position)):
                    break
            else:
                yield ident

    classes: dict[tuple[int, float], list[tuple[float, ...]]] = {}
    for levels in itertools.product((_WHOLE, _BEGINNING, _NONE), repeat=len(query)):
        if any(
            (level == _WHOLE and not whole[position]) or (level == _BEGINNING and not longer[position])
            for position, level in enumerate(levels)
        ):
            continue
        count = sum(level != _NONE for level in levels)
        if count:
            classes.setdefault((count, sum(levels)), []).append(levels)
    found: list[tuple[str, SearchScore]] = []
    for (count, weight), group in sorted(classes.items(), reverse=True):
        score = SearchScore(count, 0, weight)
        for ident in heapq.merge(*(members(levels) for levels in group)):
            found.append((ident, score))
            if len(found) == limit:
                return found
    return found
