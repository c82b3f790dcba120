"""Read-only collections of one kind of entry, with their look-up and search indexes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from spinekb._query.search import (
    Hit,
    HitKey,
    Postings,
    SearchScore,
    _WordPostings,
    best_possible,
    query_words,
    rank,
)
from spinekb._query.spelling import Spelling, suggest
from spinekb._text import name_keys, normalize, words
from spinekb.errors import UnknownEntryError
from spinekb.models import Entry

if TYPE_CHECKING:
    import pandas

E = TypeVar("E", bound=Entry)
D = TypeVar("D")

#: The attributes that a collection made from a function sets on its first use.
_HELD = frozenset({"_by_id", "_names", "_retired"})
#: Held while a collection structures its entries on first use (see :meth:`Collection._structure`).
_FIRST_USE = threading.Lock()

#: See :meth:`Collection._plan`.
_Plan = tuple[HitKey, Postings, str | None, list[_WordPostings]]


# Words that carry no meaning in a query; dropped unless the query has nothing else.
_STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "for", "in", "on", "or", "to", "with", "my", "is", "it"})


def search_words(text: str, limit: int | None) -> list[str]:
    """The words a search for ``text`` ranks by: its words without stop words (unless it has
    nothing else), each once; ``text`` and ``limit`` checked."""
    if not isinstance(text, str):
        raise TypeError(f"search text must be a string, got {type(text).__name__}")
    if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool)):
        raise TypeError(f"limit must be a whole number or None, got {type(limit).__name__}")
    if limit is not None and limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit}")
    query = words(text)
    meaningful = [word for word in query if word not in _STOP_WORDS]
    return list(dict.fromkeys(meaningful or query))


class Entries(tuple[E, ...]):
    """The answer of a query that returns records (``find``, ``search``, ``treatments_for``,
    ``red_flags_for``, ``conditions_for``, ``muscles_in``, ``sources_of``): a tuple of them.

    It behaves exactly like a tuple; in Jupyter it shows as a table, and :meth:`to_dataframe`
    gives a pandas DataFrame (with the ``pandas`` extra).
    """

    __slots__ = ()

    @property
    def kind(self) -> str:
        """The kind of its entries ("exercise"), or "entry" when they are of several kinds or none."""
        kinds = {entry.kind for entry in self}
        return kinds.pop() if len(kinds) == 1 else "entry"

    def _repr_html_(self) -> str:
        """A table of the entries for Jupyter."""
        from spinekb._show.html import collection_html

        return collection_html(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame: one row per entry. Entries of one kind get a column per field;
        entries of several kinds get the fields they share (``id``, ``name``, ``aliases``,
        ``summary``). Needs
        ``spinekb[pandas]`` (raises :class:`spinekb.MissingExtraError` without it)."""
        from spinekb._show.frames import entries_frame

        classes = {type(entry) for entry in self}
        return entries_frame(classes.pop() if len(classes) == 1 else Entry, self)


class Collection(Generic[E]):
    """All entries of one kind, in id order.

    Supports ``len()``, iteration (entries in id order), ``in`` (an id or an entry),
    ``collection[id]`` (raises :class:`UnknownEntryError`), :meth:`get`, :meth:`lookup` and
    :meth:`search`. Look-ups are dictionary reads; the indexes they use are built on first use.
    A retired id (see :class:`spinekb.models.Retirement`) still works in ``[]``, ``get``,
    ``lookup`` and ``in``, and gives its successor; iteration and ``len`` cover current entries only.
    """

    __slots__ = ("_by_id", "_cls", "_lock", "_names", "_pending", "_postings", "_retired", "_spelling", "_words")

    def __init__(
        self,
        cls: type[E],
        entries: Iterable[E] | Callable[[], Iterable[E]],
        retired: Mapping[str, str] | None = None,
        names: Mapping[str, E] | None = None,
    ) -> None:
        """Hold ``entries`` of class ``cls``. ``retired`` maps retired ids to their successors;
        ``names`` gives the look-up keys (see :func:`spinekb._text.name_keys`) when the loader's
        checks have already worked them out.

        ``entries`` may also be a function giving them (the loader's, for checked content whose
        kinds are structured on first use): it is called on the collection's first use, once."""
        self._cls = cls
        self._lock = threading.Lock()
        self._postings: Postings | None = None
        self._spelling: Spelling | None = None
        #: The search words of each entry's id, name and aliases, kept as suggestions ask for them.
        self._words: dict[str, frozenset[str]] = {}
        self._pending: tuple[Callable[[], Iterable[E]], Mapping[str, str] | None, Mapping[str, E] | None] | None
        if callable(entries):
            # _by_id, _retired and _names stay unset until the first use (see _Unstructured).
            self._pending = (entries, retired, names)
            self.__class__ = _Unstructured
        else:
            self._pending = None
            self._hold(entries, retired, names)

    def _hold(self, entries: Iterable[E], retired: Mapping[str, str] | None, names: Mapping[str, E] | None) -> None:
        self._by_id: dict[str, E] = {entry.id: entry for entry in sorted(entries, key=lambda entry: entry.id)}
        self._retired = {old: new for old, new in (retired or {}).items() if new in self._by_id}
        self._names: dict[str, E] | None = None if names is None else self._with_retired(dict(names))

    def _structure(self) -> None:
        """Hold the entries of a collection made from a function (see :meth:`__init__`), if not yet
        done: once, under a lock, so that every thread sees the same records."""
        with _FIRST_USE:
            pending = self._pending
            if pending is not None:
                entries, retired, names = pending
                self._hold(entries(), retired, names)
                self._pending = None
                self.__class__ = Collection

    @property
    def _structured(self) -> bool:
        """Whether the entries are held yet (only a collection made from a function is ever not)."""
        return self._pending is None

    @property
    def kind(self) -> str:
        """The kind of entry held ("exercise")."""
        return self._cls.kind

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids, in order."""
        return tuple(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[E]:
        return iter(self._by_id.values())

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._by_id or item in self._retired
        if isinstance(item, Entry):
            return self._by_id.get(item.id) == item
        return False

    def __getitem__(self, ident: str) -> E:
        """The entry with this id. Raises :class:`UnknownEntryError` (with close matches)."""
        if not isinstance(ident, str):
            raise TypeError(f"{self.kind} ids are strings, got {type(ident).__name__}")
        found = self._by_id.get(ident) or self._successor(ident)
        if found is None:
            raise UnknownEntryError(self.kind, ident, self.suggest(ident))
        return found

    def __repr__(self) -> str:
        count = len(self)  # first: it structures the entries of an _Unstructured collection
        return f"<{type(self).__name__} of {count} {self.kind} entries>"

    def _repr_html_(self) -> str:
        """A table of the entries for Jupyter (the first 50; red flags all)."""
        from spinekb._show.html import collection_html

        return collection_html(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame: one row per entry, one column per field (needs ``spinekb[pandas]``).

        Raises an :class:`ImportError` (also a :class:`spinekb.SpineKBError`) naming the extra when
        pandas is not installed.
        """
        from spinekb._show.frames import entries_frame

        return entries_frame(self._cls, self)

    @overload
    def get(self, ident: str) -> E | None: ...

    @overload
    def get(self, ident: str, default: D) -> E | D: ...

    def get(self, ident: str, default: object = None) -> object:
        """The entry with this id, or ``default`` when there is none."""
        if not isinstance(ident, str):
            raise TypeError(f"{self.kind} ids are strings, got {type(ident).__name__}")
        found = self._by_id.get(ident) or self._successor(ident)
        return default if found is None else found

    def _successor(self, ident: str) -> E | None:
        new = self._retired.get(ident)
        return None if new is None else self._by_id[new]

    def lookup(self, text: str) -> E:
        """The entry whose id, name or alias matches ``text``, ignoring case, spacing and punctuation.

        Raises :class:`UnknownEntryError` listing close matches when nothing matches, and
        :class:`TypeError` when ``text`` is not a string.
        """
        found = self.find(text)
        if found is None:
            raise UnknownEntryError(self.kind, text, self.suggest(text))
        return found

    def find(self, text: str) -> E | None:
        """Like :meth:`lookup`, but ``None`` when nothing matches."""
        if not isinstance(text, str):
            raise TypeError(f"expected a {self.kind} id or name as a string, got {type(text).__name__}")
        return self._name_index().get(normalize(text))

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Ids of the entries whose id, name or alias contains ``text``, then of those closest to
        it, best first: a near spelling, or a similar name that shares a word with ``text``.

        The near spellings come from a trigram index of the names, built on the first call (see
        :mod:`spinekb._query.spelling`); the first suggestion is always the one that scoring
        every name with :mod:`difflib` gives, and for a kind of at most 1,000 names (every kind of
        the bundled content) every suggestion is: difflib's ranking is worked out best first,
        from bounds on the ratio, only as far as the suggestions need. The search words of the
        entries looked at are kept for later calls."""
        names = self._name_index()
        kept = self._words

        def words_of(name: str) -> frozenset[str]:
            entry = names[name]
            found = kept.get(entry.id)
            if found is None:
                found = frozenset(words(" ".join((entry.id, entry.name, *entry.aliases))))
                with self._lock:
                    kept[entry.id] = found
            return found

        return suggest(self._spelling_index(), normalize(text), text, words_of, lambda name: names[name].id, limit)

    def search(self, text: str, limit: int | None = 10) -> Entries[E]:
        """Entries ranked by how well ``text`` matches their names, aliases and summaries.

        Entries matching more of the query's words come first; among those matching every word,
        an entry whose name holds them all comes first, then one with an alias that does; then
        matches in names and aliases rank above matches in summaries, and whole words above word
        beginnings. Ties are broken by id, so the order is stable. ``limit=None`` returns every
        match. :meth:`hits` gives the same answer with each entry's score.
        """
        by_id = self._by_id
        return Entries(by_id[ident] for ident, _ in self._ranked(text, limit))

    def hits(self, text: str, limit: int | None = 10) -> tuple[Hit[E], ...]:
        """:meth:`search` with each entry's score: a :class:`spinekb.Hit` for each match, best first.

        The best ``limit`` are found without scoring every match (see :mod:`spinekb._query.search`);
        the search index of the kind is built on its first search.
        """
        by_id = self._by_id
        return tuple(Hit(by_id[ident], score) for ident, score in self._ranked(text, limit))

    def _ranked(self, text: str, limit: int | None) -> list[tuple[str, SearchScore]]:
        """The best ``limit`` matches (all with ``None``), best first: (id, score)."""
        query = search_words(text, limit)
        return self._rank(query, normalize(text), limit) if query else []

    def _rank(self, query: list[str], key: str, limit: int | None) -> list[tuple[str, SearchScore]]:
        """:meth:`_ranked` of the query's words (see :func:`search_words`) and look-up key, which
        a search of every kind works out once for all of them."""
        exact = self._name_index().get(key)
        return rank(self._postings_index(), query, None if exact is None else exact.id, limit)

    def _plan(self, query: list[str], key: str) -> _Plan | None:
        """What a search of every kind needs of this one (``None`` when nothing matches here): a sort
        key no match here can come before (see :func:`best_possible`), then what :func:`rank`
        takes but the limit."""
        postings = self._postings_index()
        exact = self._name_index().get(key)
        read = query_words(postings, query)
        best = best_possible(read, exact is not None)
        if best is None:
            return None
        return best, postings, None if exact is None else exact.id, read

    def scored(self, text: str, limit: int | None = 10) -> list[tuple[tuple[int, float], E]]:
        """:meth:`search` with each entry's score as (words matched, weight); :meth:`hits` gives
        the whole score."""
        return [((hit.score.words, hit.score.weight), hit.entry) for hit in self.hits(text, limit)]

    def _name_index(self) -> dict[str, E]:
        if self._names is None:
            with self._lock:
                if self._names is None:
                    self._names = self._with_retired(name_keys(self._by_id.values()))
        return self._names

    def _spelling_index(self) -> Spelling:
        if self._spelling is None:
            names = self._name_index()
            with self._lock:
                if self._spelling is None:
                    self._spelling = Spelling(names)
        return self._spelling

    def _with_retired(self, names: dict[str, E]) -> dict[str, E]:
        """``names`` with each retired id added as a key of the entry that replaces it."""
        for old, new in self._retired.items():
            names.setdefault(normalize(old), self._by_id[new])
        return names

    def _postings_index(self) -> Postings:
        if self._postings is None:
            with self._lock:
                if self._postings is None:
                    self._postings = Postings(self._by_id)
        return self._postings


class _Unstructured(Collection[E]):
    """A :class:`Collection` made from a function, whose entries are not structured yet: the first
    read of an index it has not set (``_by_id``, ``_retired``, ``_names``) structures them and
    makes it a plain :class:`Collection` again. The class is swapped rather than ``Collection``
    given a ``__getattr__``, which would slow every attribute read of every collection (the
    interpreter cannot specialise reads on a class that has one)."""

    __slots__ = ()

    if not TYPE_CHECKING:  # (hidden from type checkers, which would take any attribute as valid)

        def __getattr__(self, name: str) -> object:
            # Called only for an attribute that is not set.
            if name in _HELD and self._pending is not None:
                self._structure()
                return getattr(self, name)
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
