"""Text normalisation and look-up keys, shared by look-ups, search and the content checks."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple, TypeVar

if TYPE_CHECKING:
    from spinekb.models import Entry

E = TypeVar("E", bound="Entry")

# Letters and digits of any script (a word character that is not an underscore); text is folded
# to lower case before these apply.
_WORD = re.compile(r"[^\W_]+")
_NOT_WORD = re.compile(r"[\W_]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019")


def _fold(text: str) -> str:
    # Strip accents, apostrophes and case, so "Pott's", "POTTS" and "potts" meet. Nearly all
    # content is ASCII, where lower() is casefold() and there are no accents to strip.
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """``text`` in lower case, without accents or apostrophes ("Pott's" -> "potts")."""
    return _fold(text)


def normalize(text: str) -> str:
    """The look-up key of a name: case, spacing and punctuation ignored.

    >>> normalize("Pott's disease") == normalize("potts-disease") == normalize("POTTS DISEASE")
    True
    """
    if text.isascii():  # apostrophes go with the other punctuation: no need to fold them first
        lower = text.lower()
        # Most names and ids are words joined by spaces or hyphens: dropping those two leaves
        # letters and digits only, which is the answer, without the regular expression.
        joined = lower.replace(" ", "").replace("-", "")
        return joined if joined.isalnum() else _NOT_WORD.sub("", lower)
    return _NOT_WORD.sub("", _fold(text))


def words(text: str) -> list[str]:
    """The search words of a text: folded, split on anything but letters and digits, and with a
    plural "s" dropped so "abductors" meets "abductor"."""
    return [_stem(word) for word in _WORD.findall(_fold(text))]


def word_set(text: str, stems: dict[str, str] | None = None) -> set[str]:
    """The distinct search words of a text (as :func:`words`, each stemmed once).

    ``stems`` remembers each word's stem across calls: a caller indexing many texts passes one.
    """
    found = set(_WORD.findall(_fold(text)))
    if stems is None:
        return {_stem(word) for word in found}
    return {stems.get(word) or stems.setdefault(word, _stem(word)) for word in found}


def _stem(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def name_keys(entries: Iterable[E], clash: Callable[[E, int, str, E | None], None] | None = None) -> dict[str, E]:
    """The look-up keys of entries of one kind: each id, name and alias, normalised, to its entry.

    A key keeps its first entry. ``clash`` (the content checks pass one) hears of every name that
    normalises to nothing (``owner`` is ``None``) or to another entry's key (``owner`` is that
    entry); ``position`` is 0 for the id, 1 for the name and 2 onwards for the aliases.
    """
    keys: dict[str, E] = {}
    for entry in entries:
        for position, name in enumerate((entry.id, entry.name, *entry.aliases)):
            key = normalize(name)
            owner = keys.setdefault(key, entry) if key else None
            if clash is not None and (owner is None or owner.id != entry.id):
                clash(entry, position, name, owner)
    return keys


# --- phrasing patterns (the lexicons' texts) ---------------------------------------------------

#: The most texts one phrasing pattern may stand for (a content check holds it).
MOST_EXPANSIONS = 2000

_GROUP = re.compile(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]")


def expand(pattern: str) -> list[str]:
    """The texts a phrasing pattern stands for: ``(a|b)`` is a choice, ``[c]`` optional, and
    ``[a|b]`` an optional choice (as :func:`pattern_slots` reads it).

    >>> expand("(cant|can not) feel [my] bum")
    ['cant feel my bum', 'cant feel bum', 'can not feel my bum', 'can not feel bum']
    """
    match = _GROUP.search(pattern)
    if match is None:
        return [pattern]
    before, after = pattern[: match.start()], pattern[match.end() :]
    choices = match[1].split("|") if match[1] is not None else [*match[2].split("|"), ""]
    texts: list[str] = []
    for choice in choices:
        texts.extend(expand(before + choice + after))
        if len(texts) > MOST_EXPANSIONS:
            break
    return texts


class Slot(NamedTuple):
    """One place in a phrasing pattern: the word sequences that may fill it, and whether it may
    be left empty."""

    choices: tuple[tuple[str, ...], ...]
    optional: bool


_PIECE = re.compile(r"\(([^()\[\]]*)\)|\[\(?([^()\[\]]*)\)?\]|([^\s()\[\]|]+)|(\S)")


def pattern_slots(pattern: str) -> list[Slot] | None:
    """A phrasing pattern as a sequence of slots, matched without writing out every text it
    stands for: ``(a|b)`` is a slot of choices, ``[c]``, ``[a|b]`` and ``[(a|b)]`` optional
    ones, any other word a slot of its own. ``None`` for a pattern nested more deeply, which
    :func:`pattern_words` writes out instead."""
    slots: list[Slot] = []
    for choice, optional, word, stray in _PIECE.findall(fold(pattern)):
        if stray:
            return None
        if word:
            words = tuple(_WORD.findall(word))
            if words:
                slots.append(Slot((words,), False))
            continue
        inner = choice or optional
        choices = tuple(tuple(_WORD.findall(text)) for text in inner.split("|"))
        filled = tuple(dict.fromkeys(words for words in choices if words))
        if filled:  # an empty choice ("(a|)") leaves the slot optional; a repeated one does not
            slots.append(Slot(filled, bool(optional) or any(not words for words in choices)))
    return slots
