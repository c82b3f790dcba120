"""Text normalisation shared by look-ups, search and the content checks."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[0-9a-z]+")
_NOT_WORD = re.compile(r"[^0-9a-z]+")
_APOSTROPHES = str.maketrans("", "", "'\u2019")


def _fold(text: str) -> str:
    # Strip accents, apostrophes and case, so "Pott's", "POTTS" and "potts" meet. Nearly all
    # content is ASCII, where lower() is casefold() and there are no accents to strip.
    text = text.translate(_APOSTROPHES)
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize(text: str) -> str:
    """The look-up key of a name: case, spacing and punctuation ignored.

    >>> normalize("Pott's disease") == normalize("potts-disease") == normalize("POTTS DISEASE")
    True
    """
    if text.isascii():  # apostrophes go with the other punctuation: no need to fold them first
        return _NOT_WORD.sub("", text.lower())
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
