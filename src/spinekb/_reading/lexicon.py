"""The lexicons of one language, compiled once into tries of phrasings, cues and hints."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

import attrs

from spinekb._reading.words import Slot, Word, pattern_slots, pattern_words
from spinekb._text import fold
from spinekb.errors import UnknownEntryError
from spinekb.models import Cues, Lexicon, Onset, RedFlag, Severity, Symptom

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

__all__ = ["CUE_KINDS", "Compiled", "Trie", "compiled"]

#: What each cue field of :class:`Cues` does, by field name.
CUE_KINDS: tuple[str, ...] = (
    "negation",
    "negation_after",
    "past",
    "past_after",
    "long_ago",
    "hypothetical",
    "other_person",
    "other_person_after",
    "confirmed_after",
    "confirmed_having",
    "someone",
    "scope_end",
    "pseudo",
    "on_behalf",
    "subjects",
    "onset_new",
    "onset_worsening",
    "onset_stable",
    "severity_mild",
    "severity_moderate",
    "severity_severe",
    "age_before",
    "age_after",
    "duration_before",
    "duration_after",
    "out_of",
    "unread_durations",
)

ONSETS = {"onset_new": Onset.NEW, "onset_worsening": Onset.WORSENING, "onset_stable": Onset.STABLE}
SEVERITIES = {
    "severity_mild": Severity.MILD,
    "severity_moderate": Severity.MODERATE,
    "severity_severe": Severity.SEVERE,
}


class _Node:
    __slots__ = ("children", "values")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.values: list[str] = []


class Trie:
    """Word sequences and phrasing patterns to the values filed under them; :meth:`longest`
    finds the longest that starts at a word.

    A plain sequence goes into a trie. A pattern with choices or optional words is kept as its
    slots (see :func:`~spinekb._reading.words.pattern_slots`) and matched slot by slot: writing
    out every text a pattern stands for would cost far more (the English lexicon's patterns
    stand for some 170,000 texts). A pattern is filed under every pair of words its texts can
    begin with, and under every word that one of its texts is on its own, so that a look-up
    tries only the patterns that can match the next two words ("my back", not every pattern
    that begins with "my"). Each list keeps the patterns in the order they were added, which
    is the order of the values of matches that end at the same word.
    """

    __slots__ = ("_firsts", "_patterns", "_root")

    def __init__(self) -> None:
        self._root = _Node()
        self._firsts: set[str] = set()  # every word a sequence or pattern can begin with
        # first word -> (the patterns with a one-word text that is this word,
        #                second word -> the patterns that can begin with the two words, those
        #                               one-word ones included)
        self._patterns: dict[str, tuple[list[_Pattern], dict[str, list[_Pattern]]]] = {}

    @property
    def firsts(self) -> AbstractSet[str]:
        """The words that a match can begin with: :meth:`longest` finds none at any other."""
        return self._firsts

    def add(self, words: tuple[str, ...], value: str) -> None:
        if words:
            self._firsts.add(words[0])
        node = self._root
        for word in words:
            child = node.children.get(word)
            if child is None:
                child = node.children[word] = _Node()
            node = child
        if value not in node.values:
            node.values.append(value)

    def add_pattern(self, pattern: str, value: str, spelled: Callable[[tuple[str, ...]], tuple[str, ...]]) -> None:
        """File a phrasing pattern, its words respelled by ``spelled``."""
        slots = pattern_slots(pattern)
        if slots is None:  # nested more deeply: written out (a content check bounds how far)
            for words in pattern_words(pattern):
                self.add(spelled(words), value)
            return
        slots = [Slot(tuple(spelled(words) for words in slot.choices), slot.optional) for slot in slots]
        if all(len(slot.choices) == 1 and not slot.optional for slot in slots):
            if slots:
                self.add(tuple(word for slot in slots for word in slot.choices[0]), value)
            return
        self._file(_Pattern(tuple(_Slot(slot) for slot in slots), value), _heads(slots))

    def _file(self, pattern: _Pattern, heads: set[tuple[str, ...]]) -> None:
        """Add ``pattern`` once to every list that its ``heads`` (one- and two-word beginnings) reach."""
        grouped: dict[str, tuple[list[bool], set[str]]] = {}
        self._firsts.update(head[0] for head in heads)
        for head in heads:
            alone_too, seconds = grouped.setdefault(head[0], ([False], set()))
            if len(head) == 2:
                seconds.add(head[1])
            else:
                alone_too[0] = True
        for first, (alone_too, seconds) in grouped.items():
            alone, by_second = self._patterns.setdefault(first, ([], {}))
            for second in seconds - by_second.keys():
                by_second[second] = list(alone)
            if alone_too[0]:  # a one-word text: every list under the word
                alone.append(pattern)
                for filed in by_second.values():
                    filed.append(pattern)
            else:
                for second in seconds:
                    by_second[second].append(pattern)

    def each_match(self, words: list[str]) -> Iterator[tuple[int, int, tuple[str, ...]]]:
        """Every match at every word, as (start, end, values), by start and then end: each
        sequence that ends at a word, and each pattern's furthest match. A longer text does not
        hide a shorter one that starts at the same word (the parts of together-rules: "legs
        both" of one rule and "legs" of another)."""
        firsts = self._firsts
        for index, word in enumerate(words):
            if word not in firsts:
                continue
            ends: dict[int, list[str]] = {}
            node = self._root
            for position in range(index, len(words)):
                child = node.children.get(words[position])
                if child is None:
                    break
                node = child
                if node.values:
                    ends.setdefault(position + 1, []).extend(node.values)
            for pattern in self._gated(words, index):
                end = _match_slots(pattern.slots, words, index)
                if end is not None and pattern.value not in ends.get(end, ()):
                    ends.setdefault(end, []).append(pattern.value)
            for end in sorted(ends):
                yield index, end, tuple(dict.fromkeys(ends[end]))

    def longest(
        self, words: list[str], start: int, skip: frozenset[str] = frozenset()
    ) -> tuple[int, tuple[str, ...]] | None:
        """The end (exclusive) of the longest sequence or pattern starting at ``start``, and the
        values of all that end there; values in ``skip`` are left out."""
        node = self._root
        found: tuple[int, tuple[str, ...]] | None = None
        for index in range(start, len(words)):
            child = node.children.get(words[index])
            if child is None:
                break
            node = child
            values = [value for value in node.values if value not in skip] if skip else node.values
            if values:
                found = (index + 1, tuple(values))
        for pattern in self._gated(words, start):
            value = pattern.value
            if skip and value in skip:
                continue
            end = _match_slots(pattern.slots, words, start)
            if end is None:
                continue
            if found is None or end > found[0]:
                found = (end, (value,))
            elif end == found[0] and value not in found[1]:
                found = (end, (*found[1], value))
        return found

    def _gated(self, words: list[str], start: int) -> list[_Pattern]:
        """The patterns that can match at ``start`` whose gate lets the next two words through,
        in the order they were added."""
        candidates = self._candidates(words, start)
        if not candidates:
            return candidates
        after = (words[start + 1], words[start + 2]) if start + 2 < len(words) else None
        gated = []
        for pattern in candidates:
            gate = pattern.gate
            if gate is _UNWORKED:
                gate = pattern.work_out_gate()
            if gate is None or after in gate:
                gated.append(pattern)
        return gated

    def _candidates(self, words: list[str], start: int) -> list[_Pattern]:
        """The patterns that can match at ``start``, in the order they were added."""
        filed = self._patterns.get(words[start]) if start < len(words) else None
        if filed is None:
            return []
        alone, by_second = filed
        return by_second.get(words[start + 1], alone) if start + 1 < len(words) else alone


def _heads(slots: list[Slot]) -> set[tuple[str, ...]]:
    """The first two words of every text that ``slots`` stand for, and the texts of one word."""
    return {head for head in _beginnings(slots)(0, 2) if head}


def _beginnings(slots: list[Slot]) -> Callable[[int, int], set[tuple[str, ...]]]:
    """``heads(index, size)``: the beginnings of up to ``size`` words of the texts of
    ``slots[index:]``, shorter (down to none) where a text ends; worked out once each."""
    memo: dict[tuple[int, int], set[tuple[str, ...]]] = {}

    def heads(index: int, size: int) -> set[tuple[str, ...]]:
        # The beginnings of up to ``size`` words of the texts of slots[index:] (shorter when a text ends).
        if size == 0 or index == len(slots):
            return {()}
        found = memo.get((index, size))
        if found is None:
            found = set()
            for words in slots[index].choices:
                if len(words) >= size:
                    found.add(words[:size])
                else:
                    found.update(words + rest for rest in heads(index + 1, size - len(words)))
            if slots[index].optional:
                found |= heads(index + 1, size)
            memo[index, size] = found
        return found

    return heads


def _gate(slots: list[Slot]) -> frozenset[tuple[str, str]] | None:
    """The pairs of second and third words that the texts of ``slots`` begin with, or ``None``
    when a text is shorter than three words or there are more than :data:`_LARGEST_GATE` pairs.
    (The first word is left out as it is worked out, so many choices for it cost nothing.)"""
    heads = _beginnings(slots)
    pairs: set[tuple[str, ...]] = set()
    for index, slot in enumerate(slots):
        if any(len(words) == 1 for words in slot.choices):
            pairs |= heads(index + 1, 2)
        seconds = {words[1] for words in slot.choices if len(words) == 2}
        if seconds:
            pairs.update((second, *rest) for second in seconds for rest in heads(index + 1, 1))
        pairs.update(words[1:3] for words in slot.choices if len(words) >= 3)
        if len(pairs) > _LARGEST_GATE or any(len(pair) < 2 for pair in pairs):
            return None
        if not slot.optional:
            return frozenset(pairs)  # type: ignore[arg-type]  # (every pair has two words)
    return None  # every slot may be left out


class _Slot:
    """A slot made quick to match: its one-word choices as a set, longer ones by first word."""

    __slots__ = ("longer", "optional", "single")

    def __init__(self, slot: Slot) -> None:
        self.single = frozenset(words[0] for words in slot.choices if len(words) == 1)
        self.longer: dict[str, list[tuple[str, ...]]] = {}
        for words in slot.choices:
            if len(words) > 1:
                self.longer.setdefault(words[0], []).append(words)
        self.optional = slot.optional

    def written(self) -> Slot:
        """The slot as written, its choices worked out again (only a gate needs them)."""
        return Slot(
            (*((word,) for word in self.single), *(c for ws in self.longer.values() for c in ws)), self.optional
        )


#: Gates of more pairs of words than this are not kept (the pattern is tried without one).
_LARGEST_GATE = 400
#: A gate not worked out yet.
_UNWORKED: frozenset[tuple[str, str]] = frozenset({("", "")})


class _Pattern:
    """A pattern as the trie keeps it: its quick slots, its value, and its gate, the pairs of
    second and third words its texts can begin with (``None`` when a text is shorter than three
    words or there are many pairs). A pattern is tried only where the two words after the first
    are a pair of its gate: of the patterns filed under the first two words most fail at the
    third. Each gate is worked out the first time its pattern is tried, so compiling a lexicon
    costs no more than it did without them."""

    __slots__ = ("gate", "slots", "value")

    def __init__(self, slots: tuple[_Slot, ...], value: str) -> None:
        self.slots = slots
        self.value = value
        self.gate: frozenset[tuple[str, str]] | None = _UNWORKED

    def work_out_gate(self) -> frozenset[tuple[str, str]] | None:
        gate = _gate([slot.written() for slot in self.slots])
        self.gate = gate  # (the same whichever thread works it out first)
        return gate


def _match_slots(slots: tuple[_Slot, ...], words: list[str], start: int) -> int | None:
    """The furthest end of a match of ``slots`` at ``start``, or ``None``."""
    # While there is one way on (most slots, most words), follow it; where a slot can be
    # matched in more than one way, take every way from there.
    count = len(words)
    position = start
    for number, slot in enumerate(slots):
        if position >= count:
            if slot.optional:
                continue
            return None
        word = words[position]
        longer = slot.longer.get(word) if slot.longer else None
        if longer is None:
            if word in slot.single:
                if not slot.optional:
                    position += 1
                    continue
                return _match_from(slots, number + 1, words, start, {position, position + 1})
            if slot.optional:
                continue
            return None
        reached = {position} if slot.optional else set()
        if word in slot.single:
            reached.add(position + 1)
        for choice in longer:
            end = position + len(choice)
            if end <= count and tuple(words[position:end]) == choice:
                reached.add(end)
        if not reached:
            return None
        if len(reached) > 1:
            return _match_from(slots, number + 1, words, start, reached)
        position = reached.pop()
    return position if position > start else None


def _match_from(slots: tuple[_Slot, ...], first: int, words: list[str], start: int, positions: set[int]) -> int | None:
    """The furthest end of a match of ``slots[first:]`` from any of ``positions``, or ``None``
    (a match must end after ``start``)."""
    count = len(words)
    for slot in slots[first:]:
        reached = set(positions) if slot.optional else set()
        for position in positions:
            if position >= count:
                continue
            word = words[position]
            if word in slot.single:
                reached.add(position + 1)
            for choice in slot.longer.get(word, ()):
                end = position + len(choice)
                if end <= count and tuple(words[position:end]) == choice:
                    reached.add(end)
        if not reached:
            return None
        positions = reached
    end = max(positions)
    return end if end > start else None


@attrs.frozen
class Compiled:
    """What reading needs of a language's lexicons."""

    language: str
    # phrasings ("finding:<id>", or "finding:<id>?<id>|<id>" read only beside those), cues
    # ("cue:<kind>") and hints ("hint:<key>") together
    words: Trie
    parts: Trie  # the parts of together-rules ("<rule>:<part>")
    severities: Trie  # the severity cues alone, read inside phrasings too ("severe back pain")
    part_of: dict[str, tuple[int, int]]  # "<rule>:<part>" -> (rule, part)
    rules: tuple[tuple[str, int], ...]  # each together-rule: its finding and how many parts
    hint_targets: dict[str, tuple[str, ...]]
    respellings: dict[str, str]
    numbers: dict[str, int]
    days: dict[str, int]
    subjects: frozenset[str]
    list_words: frozenset[str]
    alternatives: frozenset[str]
    clause_starts: frozenset[str]
    statements: frozenset[str]
    intensifiers: dict[str, tuple[tuple[str, ...], ...]]  # first word -> the word sequences, longest first
    first_person: frozenset[str]
    age_at: frozenset[str]
    age_old: frozenset[str]  # "old" in "my 6 week old"
    age_old_follows: frozenset[str]  # what may follow such an age: "baby", "has"
    age_old_before: frozenset[str]  # what may come before its number: "my", "a"
    gestation: tuple[str, ...]
    history: frozenset[str]  # ids of findings that are history or circumstance, not a complaint
    count_when_passed: frozenset[str]  # ids of findings that "past" cues do not deny
    recent_only: frozenset[str]  # ids of findings that "long_ago" cues deny
    said_directly: frozenset[str]  # ids of findings a cue reaches only as its first (Cues.said_directly)
    sources: tuple[str, ...]

    near: _Near  # misspelt words one letter from a long word of the lexicon
    query: str | None = None  # the word a question mark straight before a word stands for ("?CES")
    no_answers: frozenset[str] = frozenset()  # words that alone answer a finding asked about: "fever? no"
    after_links: frozenset[str] = frozenset()  # words that may stand between a finding and an "after" cue
    age_child: frozenset[str] = frozenset()  # words naming a child: "baby" in "my baby is 6 weeks"
    having: frozenset[str] = frozenset()  # "has" in "my husband has a fever"
    shared: Trie = attrs.Factory(Trie)  # "too", "so does": a finding shared with someone
    newborn: frozenset[str] = frozenset()  # single words of a young age 0: "newborn"
    clause_openers: frozenset[str] = frozenset()  # "and" opening a finding's words: a new clause
    cause_links: frozenset[str] = frozenset()  # "after" past a comma: a look-alike goes on into its cause

    def respelled(self, words: Iterable[Word]) -> list[str]:
        return [self.respellings.get(word.text) or self.near.word(word.text) for word in words]


_CACHE: weakref.WeakKeyDictionary[Catalog, dict[str, Compiled]] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def compiled(kb: Catalog, language: str) -> Compiled:
    """The lexicons of ``language`` in ``kb``, compiled on first use and kept for the knowledge
    base's lifetime. Raises :class:`UnknownEntryError` naming the languages there are."""
    if not isinstance(language, str):
        raise TypeError(f"language must be a string such as 'en', got {type(language).__name__}")
    found = _CACHE.get(kb, {}).get(language)
    if found is not None:
        return found
    with _LOCK:
        found = _CACHE.get(kb, {}).get(language)
        if found is None:
            lexicons = [lexicon for lexicon in kb.lexicons if lexicon.language == language]
            if not lexicons:
                languages = tuple(sorted({lexicon.language for lexicon in kb.lexicons}))
                raise UnknownEntryError("language", language, languages)
            found = _compile(language, lexicons, [*kb.symptoms, *kb.red_flags])
            _CACHE.setdefault(kb, {})[language] = found
    return found


def _compile(language: str, lexicons: list[Lexicon], named: list[Symptom | RedFlag]) -> Compiled:
    respellings: dict[str, str] = {}
    for lexicon in lexicons:
        for respelling in lexicon.respellings:
            word = fold(respelling.word)
            for variant in respelling.variants:
                for words in pattern_words(variant):
                    if len(words) == 1:
                        respellings.setdefault(words[0], word)

    vocabulary: set[str] = set()  # every word a phrasing, cue or hint is written with

    def spelled(words: tuple[str, ...]) -> tuple[str, ...]:
        found = tuple(respellings.get(word, word) for word in words)
        vocabulary.update(found)
        return found

    words_trie, parts, severities, shared = Trie(), Trie(), Trie(), Trie()
    part_of: dict[str, tuple[int, int]] = {}
    findings, cues, hints = (
        _Prefixed(words_trie, "finding:"),
        _Prefixed(words_trie, "cue:"),
        _Prefixed(words_trie, "hint:"),
    )
    rules: list[tuple[str, int]] = []
    hint_targets: dict[str, tuple[str, ...]] = {}
    numbers: dict[str, int] = {}
    young: dict[str, int] = {}
    days: dict[str, int] = {}
    sources: list[str] = []
    unread = {fold(name) for lexicon in lexicons for name in lexicon.unread_names}
    if any(lexicon.reads_names for lexicon in lexicons):
        for entry in named:
            for name in (entry.name, *entry.aliases):
                if fold(name) not in unread:
                    for words in pattern_words(name.replace("(", " ").replace(")", " ")):
                        findings.add(spelled(words), entry.id)  # names hold no patterns
    for lexicon in lexicons:
        sources.extend(source for source in lexicon.sources if source not in sources)
        for phrasing in lexicon.phrasings:
            # "<id>" or, read only beside other findings, "<id>?<id>|<id>" (see reader._needs)
            finding = phrasing.finding + (f"?{'|'.join(phrasing.only_with)}" if phrasing.only_with else "")
            for text in phrasing.texts:
                findings.add_pattern(text, finding, spelled)
            if phrasing.together:
                rule = len(rules)
                rules.append((finding, len(phrasing.together)))
                for part, texts in enumerate(phrasing.together):
                    part_of[f"{rule}:{part}"] = (rule, part)
                    for text in texts:
                        parts.add_pattern(text, f"{rule}:{part}", spelled)
        for index, hint in enumerate(lexicon.hints):
            key = f"{lexicon.id}#{index}"
            hint_targets[key] = hint.may_be
            for text in hint.words:
                hints.add_pattern(text, key, spelled)
        _add_cues(cues, lexicon.cues, spelled)
        for kind in SEVERITIES:
            for text in getattr(lexicon.cues, kind):
                severities.add_pattern(text, kind, spelled)
        for text in lexicon.cues.shared:
            shared.add_pattern(text, "shared", spelled)
        for number in lexicon.cues.numbers:
            for text in number.words:
                for words in pattern_words(text):
                    numbers.setdefault(" ".join(spelled(words)), number.value)
        for unit in lexicon.cues.time_units:
            for text in unit.words:
                for words in pattern_words(text):
                    days.setdefault(" ".join(spelled(words)), unit.days)
        for number in lexicon.cues.young:
            for text in number.words:
                for words in pattern_words(text):
                    young.setdefault(" ".join(spelled(words)), number.value)
    for name, value in numbers.items():
        cues.add(tuple(name.split()), f"number={value}")
    for name, value in young.items():
        cues.add(tuple(name.split()), f"young={value}")
    for name, value in days.items():
        cues.add(tuple(name.split()), f"unit={value}")

    def single_words(field: str) -> frozenset[str]:
        return frozenset(
            spelled(words)[0]
            for lexicon in lexicons
            for text in getattr(lexicon.cues, field)
            for words in pattern_words(text)
            if len(words) == 1
        )

    subjects = single_words("subjects")
    intensifiers: dict[str, list[tuple[str, ...]]] = {}
    for lexicon in lexicons:
        for text in lexicon.cues.intensifiers:
            for words in pattern_words(text):
                sequence = spelled(words)
                if sequence and sequence not in intensifiers.setdefault(sequence[0], []):
                    intensifiers[sequence[0]].append(sequence)
    return Compiled(
        language,
        words_trie,
        parts,
        severities,
        part_of,
        tuple(rules),
        hint_targets,
        respellings,
        numbers,
        days,
        subjects,
        single_words("list_words"),
        single_words("alternatives"),
        single_words("clause_starts"),
        single_words("statements"),
        {first: tuple(sorted(found, key=len, reverse=True)) for first, found in intensifiers.items()},
        single_words("first_person"),
        single_words("age_at"),
        single_words("age_old"),
        single_words("age_old_follows"),
        single_words("age_old_before"),
        tuple(dict.fromkeys(ident for lexicon in lexicons for ident in lexicon.cues.gestation)),
        frozenset(ident for lexicon in lexicons for ident in lexicon.cues.history),
        frozenset(ident for lexicon in lexicons for ident in lexicon.cues.count_when_passed),
        frozenset(ident for lexicon in lexicons for ident in lexicon.cues.recent_only),
        frozenset(ident for lexicon in lexicons for ident in lexicon.cues.said_directly),
        tuple(sources),
        _Near(vocabulary, respellings),
        next((spelled((fold(text),))[0] for lexicon in lexicons for text in lexicon.cues.query), None),
        single_words("no_answers"),
        single_words("after_links"),
        single_words("age_child"),
        single_words("having"),
        shared,
        frozenset(name for name, value in young.items() if value == 0 and " " not in name),
        single_words("clause_openers"),
        single_words("cause_links"),
    )


#: The shortest lexicon word a misspelling is read as, and the shortest misspelling read.
NEAR_TARGET, NEAR_WORD = 7, 5
#: How many words :class:`_Near` keeps what it found for.
NEAR_KEPT = 10_000


class _Near:
    """Misspellings one letter away from a lexicon word of at least :data:`NEAR_TARGET` letters
    ("wekness", "bladdder", "numbnesss"): a word the lexicon does not hold, of at least
    :data:`NEAR_WORD` letters, with one letter too many, one too few or two swapped, and the
    same first letter, is read as the one lexicon word it is that close to (when there are
    several, as written). A letter changed for another is not looked for, nor a first letter
    added or dropped: too many everyday words are one such change from a lexicon word ("plans"
    and "pains", "afebrile" and "febrile"); lexicons list those misspellings as respellings."""

    __slots__ = ("_known", "_missing", "_seen", "_targets")

    def __init__(self, vocabulary: set[str], respellings: dict[str, str]) -> None:
        self._known = frozenset(vocabulary) | respellings.keys()
        self._targets = frozenset(word for word in vocabulary if len(word) >= NEAR_TARGET and word.isalpha())
        missing: dict[str, set[str]] = {}  # a target without one of its letters -> the targets
        for target in self._targets:
            for index in range(len(target)):
                missing.setdefault(target[:index] + target[index + 1 :], set()).add(target)
        self._missing = {word: frozenset(found) for word, found in missing.items()}
        self._seen: dict[str, str] = {}

    def word(self, word: str) -> str:
        if len(word) < NEAR_WORD or word in self._known:
            return word
        found = self._seen.get(word)
        if found is None:
            found = self._nearest(word)
            if len(self._seen) >= NEAR_KEPT:  # words people type are unbounded: start again
                self._seen.clear()
            self._seen[word] = found
        return found

    def _nearest(self, word: str) -> str:
        if not (word.isascii() and word.isalpha()):
            return word
        close = set(self._missing.get(word, ()))  # one letter too few
        for index in range(len(word)):
            fewer = word[:index] + word[index + 1 :]  # one letter too many
            if fewer in self._targets:
                close.add(fewer)
            if index + 1 < len(word):  # two letters swapped
                swapped = word[:index] + word[index + 1] + word[index] + word[index + 2 :]
                if swapped in self._targets:
                    close.add(swapped)
        close = {target for target in close if target[0] == word[0]}  # ("afebrile" is not "febrile")
        return close.pop() if len(close) == 1 else word


class _Prefixed:
    """Adds to a trie with a prefix that says what kind of value it is."""

    __slots__ = ("prefix", "trie")

    def __init__(self, trie: Trie, prefix: str) -> None:
        self.trie, self.prefix = trie, prefix

    def add(self, words: tuple[str, ...], value: str) -> None:
        self.trie.add(words, self.prefix + value)

    def add_pattern(self, pattern: str, value: str, spelled: Callable[[tuple[str, ...]], tuple[str, ...]]) -> None:
        self.trie.add_pattern(pattern, self.prefix + value, spelled)


def _add_cues(cues: _Prefixed, given: Cues, spelled: Callable[[tuple[str, ...]], tuple[str, ...]]) -> None:
    for kind in CUE_KINDS:
        for text in getattr(given, kind):
            cues.add_pattern(text, kind, spelled)
