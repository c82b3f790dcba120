"""Text to words, and phrasing patterns to the word sequences they stand for."""

from __future__ import annotations

import re
from typing import NamedTuple

from spinekb._text import Slot, expand, fold, pattern_slots

__all__ = ["Slot", "Word", "pattern_slots", "pattern_words", "split"]

# A word: letters and digits of any script, with apostrophes inside it ("can't", "i'm"); or an
# ampersand, read as "and" when it stands alone.
_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|&")
# What ends a sentence between two words.
_SENTENCE_END = re.compile(r"[.!?;\n]")
# A question mark before a word, at the start or after a space or an opening bracket: straight
# before it ("pain ?CES"), or a space before it where no word comes just before the mark ("ED. ? CES").
_QUERY = re.compile(r"(?:^|(?<=[\s(\[]))\?(?=[^\W_])|(?:^|(?<=[^\w\s])|(?<=[^\w\s]\s))\? (?=[^\W_])")


class Word(NamedTuple):
    """One word of a text: folded (case, accents and apostrophes gone), where it is, and whether
    a sentence ends before it."""

    text: str
    start: int
    end: int
    sentence_start: bool


def split(text: str, query: str | None = None) -> list[Word]:
    """The words of ``text`` in order (linear in its length). With ``query``, a question mark
    before a word, as clinicians write a suspected diagnosis ("?CES", "referred. ? CES"), is that
    word (its place the question mark's) rather than the end of a sentence; a question mark
    after a word ("is this normal? I can't pee") still ends one."""
    ascii_text = text.isascii()
    folded = text.lower() if ascii_text else text
    marks = {match.start() for match in _QUERY.finditer(text)} if query is not None and "?" in text else set()
    ends = [
        match.start()
        for match in _SENTENCE_END.finditer(text)
        if match.start() not in marks and not _decimal_point(text, match.start())
    ]
    found: list[Word] = []
    last = 0  # where the previous word ended
    next_end = 0  # the index in ``ends`` of the first sentence end not yet passed
    for match in _WORD.finditer(folded):
        start = match.start()
        sentence_start = not found
        while next_end < len(ends) and ends[next_end] < start:
            sentence_start = sentence_start or ends[next_end] >= last
            next_end += 1
        mark = start - 1 if start - 1 in marks else start - 2 if start - 2 in marks else None
        if mark is not None and query is not None:
            found.append(Word(query, mark, mark + 1, sentence_start))
            sentence_start = False
        word = match[0]
        if word == "&":
            # standing alone it is "and" ("pins & needles"); inside a word it is nothing ("A&E")
            if text[start - 1 : start].strip() or text[start + 1 : start + 2].strip():
                continue
            word = "and"
        elif not ascii_text:
            word = fold(word)
        elif "'" in word:
            word = word.replace("'", "")
        found.append(Word(word, start, match.end(), sentence_start))
        last = match.end()
    return found


def _decimal_point(text: str, position: int) -> bool:
    """Whether the character at ``position`` is the point of a decimal number ("39.5"), which
    ends no sentence."""
    return (
        text[position] == "."
        and 0 < position < len(text) - 1
        and text[position - 1].isdigit()
        and text[position + 1].isdigit()
    )


def pattern_words(pattern: str) -> list[tuple[str, ...]]:
    """The word sequences of a phrasing pattern, each as :func:`split` would give its words
    (empty ones left out)."""
    sequences = []
    for text in expand(fold(pattern)):  # folding keeps the pattern's brackets and bars
        words = tuple(_PLAIN_WORD.findall(text))
        if words:
            sequences.append(words)
    return sequences


# A word of folded text: apostrophes are gone already.
_PLAIN_WORD = re.compile(r"[^\W_]+")
