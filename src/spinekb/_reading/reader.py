"""Reading a message: :func:`findings_in`, and :func:`screen_text` that screens what was read."""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

import attrs

from spinekb._reading.answers import ReadFinding, ReadValue, TextReading, UnclearMention
from spinekb._reading.lexicon import ONSETS, SEVERITIES, Compiled, compiled
from spinekb._reading.words import Word, split
from spinekb._words import DAYS_IN_A_YEAR
from spinekb.models import Onset, RedFlag, Severity, Symptom

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterator

    from spinekb._query.catalog import Catalog
    from spinekb._screening import Screening

__all__ = ["findings_in", "screen_text"]

#: How many words a negation, hypothetical or other-person cue reaches past itself or the last
#: finding it applied to (so "no fever, chills, night sweats or weight loss" is one list).
REACH = 6
#: How many words an "after" cue ("is gone") reaches back.
REACH_BACK = 4
#: How many words a past cue that opens the clause after a "but" reaches back to the one finding
#: the clause before ends with ("my bum went numb on the drive up *but it was fine* when i got out").
REACH_BACK_BUT = 10
#: How many days back an amount of time ("6 months ago") puts a recent-only finding long ago.
LONG_AGO_DAYS = 90
#: The longest message read, in characters (about 10,000 words).
LONGEST_TEXT = 60_000

_SCOPES = ("negation", "past", "hypothetical", "other_person")
_AFTER = {"negation_after": "negation", "past_after": "past", "other_person_after": "other_person"}


@attrs.define
class _Item:
    kind: str  # "finding", "hint" or a cue kind
    start: int  # word positions, end exclusive
    end: int
    values: tuple[str, ...]
    marks: set[str] = attrs.field(factory=set)
    onset: Onset | None = None
    needs: dict[str, tuple[str, ...]] = attrs.field(factory=dict)  # id -> ``Phrasing.only_with``
    read_as: tuple[str, ...] = ()  # the values as matched ("<id>?<id>|<id>" for ``Phrasing.only_with``)
    elided_from: _Item | None = None  # the finding whose words a second word was read with (see _elided)


def findings_in(kb: Catalog, text: str, *, language: str = "en") -> TextReading:
    """The red flags and symptoms a message mentions, each with the exact words, whether it is
    negated ("no fever"), hypothetical ("if I get a fever") or someone else's ("my mum had
    cancer"), and its onset where the message says it ("suddenly"); and the age, pain duration
    and pain severity it states.

    Words the lexicon does not hold are not read: vague words that may point to a finding
    ("bladder") are listed in :attr:`TextReading.unclear` instead. Reading is linear in the
    length of the text. Raises :class:`TypeError` for text that is not a string,
    :class:`ValueError` for text longer than 60,000 characters, and
    :class:`spinekb.UnknownEntryError` for a language no lexicon has.

    It informs; it does not diagnose.
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a string, got {type(text).__name__}")
    if len(text) > LONGEST_TEXT:
        raise ValueError(f"text must be at most {LONGEST_TEXT:,} characters, not {len(text):,}")
    lexicon = compiled(kb, language)
    words = _glued_units(lexicon, split(text, lexicon.query))
    spelled = lexicon.respelled(words)
    written = spelled  # (the words as written, intensifiers too: "*so* has our 6 week old")
    words, spelled = _without_intensifiers(lexicon, words, spelled)

    def gap(position: int) -> str:
        return _between(text, words, position, position)

    items = _needs(
        _together(
            lexicon,
            text,
            spelled,
            words,
            _gestation(lexicon, text, words, spelled, _elided(lexicon, spelled, _match(lexicon, spelled, gap))),
        )
    )
    about_someone_else = _apply_cues(items, text, words, spelled, lexicon)
    _answered_no(items, text, words, spelled, lexicon)
    items, unmet = _in_context(items)
    if unmet:
        # Words read only beside findings the message does not have are read again as if those
        # phrasings did not exist: "a really bad headache came on in seconds" is a sudden severe
        # headache, not the (pregnancy-only) severe headache of pre-eclampsia left unread.
        matched = _gestation(
            lexicon, text, words, spelled, _elided(lexicon, spelled, _match(lexicon, spelled, gap, unmet), unmet)
        )
        items = _needs(_together(lexicon, text, spelled, words, matched))
        about_someone_else = _apply_cues(items, text, words, spelled, lexicon)
        _answered_no(items, text, words, spelled, lexicon)
        items, _ = _in_context(items)
    found = [item for item in items if item.kind == "finding"]
    findings = tuple(
        ReadFinding(
            entry=_entry(kb, ident),
            text=text[words[item.start].start : words[item.end - 1].end],
            start=words[item.start].start,
            end=words[item.end - 1].end,
            negated="negation" in item.marks,
            hypothetical="hypothetical" in item.marks,
            other_person="other_person" in item.marks,
            onset=item.onset,
        )
        for item in found
        for ident in item.values
    )
    mentioned = {finding.entry.id for finding in findings}
    unclear = tuple(
        UnclearMention(
            text=text[words[item.start].start : words[item.end - 1].end],
            start=words[item.start].start,
            end=words[item.end - 1].end,
            may_be=tuple(_entry(kb, ident) for ident in _targets(lexicon, item)),
            hypothetical="hypothetical" in item.marks,
            other_person="other_person" in item.marks,
        )
        for item in items
        # (someone else's vague words too, and those asked about: "my son cant stand the light"
        # and "should i worry she is drowsy" are worth asking about; denied ones are not)
        if item.kind == "hint"
        and not item.marks - {"other_person", "hypothetical"}
        and not mentioned.intersection(_targets(lexicon, item))
    )
    age, duration, severity, unread = _values(lexicon, text, words, spelled, items, about_someone_else, written)
    return TextReading(
        text=text,
        language=language,
        findings=findings,
        age=age,
        pain_duration_weeks=duration,
        pain_severity=severity,
        unclear=unclear,
        unread=unread,
    )


def _without_intensifiers(lexicon: Compiled, words: list[Word], spelled: list[str]) -> tuple[list[Word], list[str]]:
    """The words without the intensifiers that stand before a statement word ("so" in "my bum
    is so numb", "kind of" in "it feels kind of numb"); a sentence that starts at one starts at
    the word after it."""
    if not lexicon.intensifiers or not lexicon.intensifiers.keys() & set(spelled):
        return words, spelled
    kept_words: list[Word] = []
    kept: list[str] = []
    index = 0
    starts = False  # whether a sentence started at a word left out
    while index < len(spelled):
        skip = _intensifier_at(lexicon, spelled, index)
        if skip:
            # the word after it (past further intensifiers) must be a statement word
            after = index + skip
            while more := _intensifier_at(lexicon, spelled, after):
                after += more
            if after >= len(spelled) or spelled[after] not in lexicon.statements or words[after].sentence_start:
                skip = 0
        if skip:
            starts = starts or any(word.sentence_start for word in words[index : index + skip])
            index += skip
            continue
        word = words[index]
        kept_words.append(word._replace(sentence_start=True) if starts and not word.sentence_start else word)
        kept.append(spelled[index])
        starts = False
        index += 1
    return kept_words, kept


def _intensifier_at(lexicon: Compiled, spelled: list[str], position: int) -> int:
    """How many words the longest intensifier starting at ``position`` has (0 for none)."""
    if position >= len(spelled):
        return 0
    for sequence in lexicon.intensifiers.get(spelled[position], ()):  # longest first
        if tuple(spelled[position : position + len(sequence)]) == sequence:
            return len(sequence)
    return 0


def _targets(lexicon: Compiled, item: _Item) -> tuple[str, ...]:
    return tuple(dict.fromkeys(target for key in item.values for target in lexicon.hint_targets[key]))


def _entry(kb: Catalog, ident: str) -> RedFlag | Symptom:
    found = kb.red_flags.get(ident) or kb.symptoms.get(ident)
    assert found is not None  # the content checks hold every phrasing to an entry
    return found


def _match(
    lexicon: Compiled, words: list[str], gap: Callable[[int], str], skip: frozenset[str] = frozenset()
) -> list[_Item]:
    """Walk the words once: at each, the longest phrasing, cue or hint that starts there (a
    phrasing before a cue before a hint of the same length), leaving out the values in ``skip``.
    ``gap(k)`` is the text between word ``k - 1`` and word ``k``."""
    items: list[_Item] = []
    for index, end, values in _walk(lexicon, words, gap, skip):
        by_kind: dict[str, list[str]] = {}
        for value in values:
            kind, _, rest = value.partition(":")
            by_kind.setdefault(kind, []).append(rest)
        if "finding" in by_kind:
            items.append(_Item("finding", index, end, tuple(by_kind["finding"])))
        elif "cue" in by_kind:
            kinds = [cue.split("=")[0] for cue in by_kind["cue"]]
            if "someone" not in kinds and end - index > 1:
                # "my mum is 85", "my friend had": a cue that holds one naming someone else
                # ("my mum") names them too
                shorter = lexicon.words.longest(words[: end - 1], index)
                while shorter is not None and "cue:someone" not in shorter[1] and shorter[0] - index > 1:
                    shorter = lexicon.words.longest(words[: shorter[0] - 1], index)
                if shorter is not None and "cue:someone" in shorter[1]:
                    items.append(_Item("someone", index, shorter[0], ("cue:someone",)))
            for cue, kind in zip(by_kind["cue"], kinds, strict=True):
                items.append(_Item(kind, index, end, (cue,)))
            if "hint" in by_kind and set(kinds) == {"pseudo"}:
                # words that are no finding ("cant stand the light" is no trouble standing) may
                # still be vague words: both are read
                items.append(_Item("hint", index, end, tuple(by_kind["hint"])))
        else:
            items.append(_Item("hint", index, end, tuple(by_kind["hint"])))
    return items


#: The words that join a second statement about the same thing ("legs are numb *and* weak").
_JOINS = frozenset({"and", "n", "or"})  # (a lone "&" is read as "and")
#: How many words after the joining word an elided statement may have.
_ELIDED_WORDS = 3


def _elided(lexicon: Compiled, words: list[str], items: list[_Item], skip: frozenset[str] = frozenset()) -> list[_Item]:
    """Findings said by a second word that shares the first one's subject ("my legs are numb
    *and weak*": the legs are weak too; "both legs feel numb and heavy"): after a finding and a
    joining word, the finding's words but its last are read again with the words after the join
    in place of that last word. What they read is a finding of its own over the new words,
    unless it is the same finding or the new words begin one already."""
    starts = {item.start for item in items if item.kind == "finding"}
    added: list[_Item] = []
    for item in items:
        join = item.end
        if item.kind != "finding" or item.end - item.start < 2 or join + 1 >= len(words) or words[join] not in _JOINS:
            continue
        if words[item.end - 1] not in lexicon.statements:
            continue  # only a state ("legs are numb and weak"), not a body part ("numbness in my hands and feet")
        if join + 1 in starts:
            continue
        kept = words[item.start : item.end - 1]
        found = lexicon.words.longest([*kept, *words[join + 1 : join + 1 + _ELIDED_WORDS]], 0, skip)
        if found is None or found[0] <= len(kept):
            continue
        values = tuple(value.partition(":")[2] for value in found[1] if value.startswith("finding:"))
        if values and not set(values) <= set(item.values):
            end = join + 1 + found[0] - len(kept)
            fresh = tuple(value for value in values if value not in item.values)
            added.append(_Item("finding", join + 1, end, fresh, elided_from=item))
    if not added:
        return items
    taken = {position for item in added for position in range(item.start, item.end)}
    kept_items = [
        item for item in items if not (item.kind != "finding" and taken.intersection(range(item.start, item.end)))
    ]
    return sorted([*kept_items, *added], key=lambda item: (item.start, item.end))


def _walk(
    lexicon: Compiled, words: list[str], gap: Callable[[int], str], skip: frozenset[str]
) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """The longest match at each word, from the word after the last match's end. Where a
    denial's last words begin a longer phrasing, the phrasing is read: when those words are a denial
    ("there's *no* feeling in my bum", "there is *no* wee coming out") they are the finding's
    own (a loss), and the cue is dropped; otherwise the cue is read from its words before the
    phrasing ("haven't *lost weight*")."""
    index = 0
    firsts = lexicon.words.firsts
    while index < len(words):
        found = lexicon.words.longest(words, index, skip) if words[index] in firsts else None
        while found is not None and found[0] - index > 1 and _unsure(found[1]):
            # vague words and look-alikes do not run across punctuation ("he cant stand. light
            # is hurting his eyes": the trouble standing is read)
            vague = any(value.startswith("hint:") for value in found[1])
            stop = next(
                (
                    k
                    for k in range(index + 1, found[0])
                    if _BREAK_MARKS.intersection(between := gap(k))
                    and (vague or words[k] not in lexicon.cause_links or between.strip() != ",")
                ),
                None,
            )
            if stop is None:
                break
            found = lexicon.words.longest(words[:stop], index, skip)
        if found is None:
            index += 1
            continue
        end, values = found
        if all(value.startswith("hint:") for value in values):
            # vague words that begin a longer finding's words give way to it ("both legs feel
            # like noodles": "both legs" is vague, "legs feel like noodles" is weakness)
            inside = _finding_inside(lexicon, words, index, end, skip)
            if inside is not None:
                index, (end, values) = inside
        if "cue:negation" in values and all(value.startswith("cue:") for value in values):
            inside = _finding_inside(lexicon, words, index, end, skip)
            if inside is not None:
                inner, longer = inside
                if not _denies(lexicon, words, inner, end):
                    # "havent *lost* weight": the denial is its words before the finding's
                    shorter = lexicon.words.longest(words[:inner], index, skip)
                    if shorter is not None and "cue:negation" in shorter[1]:
                        yield index, *shorter
                        index, (end, values) = inner, longer
                else:
                    index, (end, values) = inner, longer
        yield index, end, values
        index = end


#: Punctuation that keeps vague words and look-alikes from running on ("she collapsed, on the bed
#: now": the collapse is read), but for a look-alike across a comma into its cause
#: (``Cues.cause_links``: "my legs are like jelly, after the gym").
_BREAK_MARKS = frozenset(".,;:!?")


def _unsure(values: tuple[str, ...]) -> bool:
    """Whether a match is only vague words or look-alikes (``Cues.pseudo``)."""
    return all(value.startswith(("hint:", "cue:pseudo")) for value in values)


def _finding_inside(
    lexicon: Compiled, words: list[str], start: int, end: int, skip: frozenset[str]
) -> tuple[int, tuple[int, tuple[str, ...]]] | None:
    """The first word after ``start`` and before ``end`` at which a finding's words begin that go
    on past ``end``, and that longest match; ``None`` when there is none."""
    firsts = lexicon.words.firsts
    for inner in range(start + 1, end):
        longer = lexicon.words.longest(words, inner, skip) if words[inner] in firsts else None
        if longer is not None and longer[0] > end and any(value.startswith("finding:") for value in longer[1]):
            return inner, longer
    return None


def _denies(lexicon: Compiled, words: list[str], start: int, end: int) -> bool:
    """Whether the words from ``start`` to ``end`` (or fewer) are a denial ("no", "not")."""
    found = lexicon.words.longest(words[:end], start)
    return found is not None and "cue:negation" in found[1]


#: The weeks of pregnancy that a count of weeks opening a sentence can stand for (``Cues.gestation``).
GESTATION_WEEKS = (20, 42)


def _gestation(lexicon: Compiled, text: str, words: list[Word], spelled: list[str], items: list[_Item]) -> list[_Item]:
    """Read a count of weeks that opens a sentence and stands alone ("36 weeks, baby's not moving
    much"; "32 wks and bleeding"), and the shorthand "32/40", as the finding ``Cues.gestation``
    names (pregnancy)."""
    if not lexicon.gestation:
        return items
    for index, item in enumerate(items):
        if item.kind != "unit" or int(item.values[0].split("=")[1]) != 7 or item.start == 0:
            continue
        number = item.start - 1
        if not (words[number].sentence_start or number == 0) or not spelled[number].isdigit():
            continue
        if not GESTATION_WEEKS[0] <= int(spelled[number]) <= GESTATION_WEEKS[1]:
            continue
        after = _between(text, words, item.end, item.end) if item.end < len(words) else ""
        if (
            item.end < len(words)
            and not ({",", ".", ";", ":", "-"} & set(after))
            and spelled[item.end] not in lexicon.list_words
        ):
            continue
        items[index] = _Item("finding", number, item.end, lexicon.gestation[:1])
    # The obstetric shorthand "32/40" (weeks out of forty), wherever it stands.
    taken = {position for item in items for position in range(item.start, item.end)}
    added = [
        _Item("finding", position, position + 2, lexicon.gestation[:1])
        for position in range(len(words) - 1)
        if spelled[position].isdigit()
        and spelled[position + 1] == "40"
        and GESTATION_WEEKS[0] <= int(spelled[position]) <= GESTATION_WEEKS[1]
        and text[words[position].end : words[position + 1].start] == "/"
        and not taken & {position, position + 1}
    ]
    return sorted([*items, *added], key=lambda item: (item.start, item.end)) if added else items


def _together(lexicon: Compiled, text: str, spelled: list[str], words: list[Word], items: list[_Item]) -> list[_Item]:
    """Add the findings read from words that come apart (``Phrasing.together``): one text of
    each part within :data:`REACH` words, in one clause, with no negation or other finding
    between them, and none inside the words of a pseudo cue. A span replaces the hints inside
    it, the findings of its own id, and the findings that are one of its parts (the "numb" of
    "numb around my bum")."""
    if not lexicon.rules:
        return items
    ends = {item.start for item in items if item.kind == "scope_end"}
    clause, clauses = 0, []
    for position, word in enumerate(words):
        if word.sentence_start or position in ends:
            clause += 1
        clauses.append(clause)
    # Words that keep two parts apart: a negation, or a finding that is no part of the rule.
    negations = [0] * (len(words) + 1)  # how many negation cues start before each position
    for item in items:
        if item.kind in ("negation", "past"):
            negations[item.start + 1] += 1
    negations = list(itertools.accumulate(negations))
    # Words a pseudo cue holds ("legs like jelly after leg day") are no part of a finding.
    held = [False] * (len(words) + 1)
    for item in items:
        if item.kind == "pseudo":
            held[item.start : item.end] = [True] * (item.end - item.start)
    # Words inside a longer phrasing of another complaint are that complaint's across a comma:
    # the "pain" of "back pain" is no part of "legs ... pain" in "legs are fine, back pain" (but
    # "lower back and belly pain" is).
    inside: list[tuple[int, int, tuple[str, ...]]] = [
        (item.start, item.end, item.values) for item in items if item.kind == "finding" and item.end - item.start > 1
    ]
    owner = [-1] * (len(words) + 1)  # for each word, the longer phrasing it is inside, if any
    for number, (start, end, _) in enumerate(inside):
        for position in range(start, end):
            owner[position] = number

    def owned(start: int, end: int, finding: str) -> bool:
        number = owner[start]
        if number < 0 or owner[end - 1] != number:
            return False
        outer_start, _, values = inside[number]
        # (a circumstance's words give context across a comma: "36 weeks, backache every few minutes")
        # (nor do the first words of another finding's phrasing: the "temp" of "temp 39, neck stiff")
        return outer_start != start and finding not in values and not lexicon.history.issuperset(values)

    found = []  # (start, end, rule, part, whether inside another finding's phrasing)
    for index, end, values in lexicon.parts.each_match(spelled):
        if True in held[index:end]:
            continue
        for value in values:
            rule, part = lexicon.part_of[value]
            found.append((index, end, rule, part, owned(index, end, lexicon.rules[rule][0])))
    spans: list[_Item] = []
    parts_of: dict[int, list[tuple[int, int]]] = {}  # id() of a span -> the places of its parts
    seen: set[tuple[int, int, str]] = set()
    of_rule: dict[int, list[tuple[int, int, int, int, bool]]] = {}  # each rule's parts, in order
    rank = []  # each part's place among its rule's
    for entry in found:
        same = of_rule.setdefault(entry[2], [])
        rank.append(len(same))
        same.append(entry)
    for position, (start, end, rule, part, taken) in enumerate(found):
        finding, count = lexicon.rules[rule]
        chosen = {part: (start, end)}
        reach = end
        same = of_rule[rule]
        for later in range(rank[position] + 1, len(same)):
            other_start, other_end, _, other_part, other_taken = same[later]
            if other_start - reach > REACH:
                break
            if (
                other_part not in chosen
                and clauses[other_start] == clauses[start]
                and negations[other_start] == negations[reach]  # no negation in between
                and not (
                    (taken or other_taken) and other_start > reach and "," in _between(text, words, reach, other_start)
                )
            ):
                chosen[other_part] = (other_start, other_end)
                reach = max(reach, other_end)
        if len(chosen) == count:
            first = min(chosen.values())[0]
            last = max(finish for _, finish in chosen.values())
            if (first, last, finding) not in seen:
                seen.add((first, last, finding))
                span = _Item("finding", first, last, (finding,))
                spans.append(span)
                parts_of[id(span)] = list(chosen.values())
    # A phrasing written out wins over words that come together inside it ("numb between my
    # legs" is the saddle area, not both legs).
    text_end = [0] * (len(words) + 1)  # for each word, the furthest end of a phrasing found at or before it
    for item in items:
        if item.kind == "finding":
            text_end[item.start] = max(text_end[item.start], item.end)
    text_end = list(itertools.accumulate(text_end, max))
    # (a phrasing starting at or before a span's start and ending at or after its end holds it;
    # phrasings do not overlap, so the furthest end seen by the span's start tells)
    spans = [span for span in spans if text_end[span.start] < span.end]
    # A span that holds a phrasing of its own finding adds only the words around it, which are
    # cues ("haven't had to push to start peeing"): the phrasing is read.
    written: dict[str, list[tuple[int, int]]] = {}
    for item in items:
        if item.kind == "finding":
            for value in item.values:
                written.setdefault(value, []).append((item.start, item.end))
    spans = [
        span
        for span in spans
        if not any(span.start <= start and end <= span.end for start, end in written.get(span.values[0], ()))
    ]
    if not spans:
        return items

    covering: dict[int, list[_Item]] = {}  # word position -> the spans over it
    for span in spans:
        for position in range(span.start, span.end):
            covering.setdefault(position, []).append(span)

    def replaced(item: _Item) -> bool:
        for span in covering.get(item.start, ()):
            if item.end > span.end:
                continue
            if item.kind == "hint" or span.values[0] in {value.partition("?")[0] for value in item.values}:
                return True
            if any(item.start >= begin and item.end <= finish for begin, finish in parts_of[id(span)]):
                return True
        return False

    kept = [item for item in items if item.kind not in ("finding", "hint") or not replaced(item)]
    return _merged(sorted([*kept, *spans], key=lambda item: (item.start, item.end)))


def _needs(items: list[_Item]) -> list[_Item]:
    """Take the findings that are read only beside others ("<id>?<id>|<id>", from
    ``Phrasing.only_with``) apart into their ids and what they need."""
    for item in items:
        if item.kind == "finding" and any("?" in value for value in item.values):
            item.read_as = item.values
            always = {value for value in item.values if "?" not in value}
            for value in item.values:
                ident, _, needed = value.partition("?")
                if needed and ident not in always:  # words read without condition too: always read
                    item.needs[ident] = (*item.needs.get(ident, ()), *needed.split("|"))
            item.values = tuple(dict.fromkeys(value.partition("?")[0] for value in item.values))
    return items


def _in_context(items: list[_Item]) -> tuple[list[_Item], frozenset[str]]:
    """Drop the findings read only beside others when the message mentions none of those, or
    only denies them or gives them to someone else ("I'm not pregnant", "my wife is pregnant,
    I have a headache"). Wondering counts ("could I be pregnant?"): the cautious reading.
    Return what is kept and the trie values (``finding:<id>?<id>|<id>``) of the words dropped
    whole, so that those words can be read again without them."""
    if not any(item.needs for item in items):
        return items, frozenset()
    said = {  # the writer's own, or the person screened's: a possible pregnancy counts
        ident
        for item in items
        if item.kind == "finding" and not {"negation", "other_person"} & item.marks
        for ident in item.values
        if ident not in item.needs
    }
    kept: list[_Item] = []
    unmet: set[str] = set()
    for item in items:
        if item.needs:
            item.values = tuple(
                ident for ident in item.values if ident not in item.needs or said.intersection(item.needs[ident])
            )
            if not item.values:
                unmet.update(f"finding:{value}" for value in item.read_as)
                continue
        kept.append(item)
    return kept, frozenset(unmet)


def _merged(items: list[_Item]) -> list[_Item]:
    """Findings of the same entry whose words overlap, as one: the longest."""
    kept: list[_Item] = []
    last: dict[str, int] = {}  # entry id -> the place in ``kept`` of the last finding kept for it
    for item in items:
        if item.kind == "finding" and len(item.values) == 1:
            place = last.get(item.values[0])
            if place is not None and item.start < kept[place].end:
                if item.end - item.start > kept[place].end - kept[place].start:
                    kept[place] = item
                continue
            last[item.values[0]] = len(kept)
        kept.append(item)
    return kept


def _about_someone_else(items: list[_Item], speaks: list[bool], history: frozenset[str]) -> bool:
    """Whether the message is about someone other than the writer, who is then the person
    screened: it says so ("writing for my dad"), or it names someone else, reports a complaint
    (a finding that is not history, ``Cues.history``) and either nothing it reports is the writer's own ("my son
    got hit by a car, his back hurts") or the writer never speaks of themselves. Someone else's
    history alone ("my dad had cancer") stays theirs."""
    named = complaint = own = False
    for item in items:
        if item.kind == "on_behalf":
            return True
        if item.kind in ("other_person", "someone"):
            named = True
        elif item.kind == "finding":
            complaint = complaint or any(ident not in history for ident in item.values)
            own = own or "other_person" not in item.marks
    return named and complaint and (not own or not any(speaks))


def _writer_speaks(items: list[_Item], spelled: list[str], lexicon: Compiled) -> list[bool]:
    """For each word, whether it is the writer speaking of themselves ("i", "my back"): a first
    person word outside the cues that name someone else ("my" in "my husband")."""
    inside = {
        position
        for item in items
        if item.kind in ("other_person", "someone", "on_behalf")
        for position in range(item.start, item.end)
    }
    return [word in lexicon.first_person and position not in inside for position, word in enumerate(spelled)]


#: A list of this many findings or more carries a denial across its commas.
LONG_LIST = 3


#: Marks between a cue and its first finding that end what the cue governs.
_BREAKS = frozenset(",;")


def _apply_cues(
    items: list[_Item],
    text: str,
    words: list[Word],
    spelled: list[str],
    lexicon: Compiled,
) -> bool:
    """Give each finding and hint the marks of the cues that reach it, and its onset; return
    whether the message is about someone else (who is then the person screened)."""
    subjects = [word in lexicon.subjects for word in spelled]
    cue_words = [False] * len(words)  # the words of cues (for what may stand before an "after" cue)
    for item in items:
        if item.kind not in ("finding", "hint"):
            cue_words[item.start : item.end] = [True] * (item.end - item.start)
    speaking = _writer_speaks(items, spelled, lexicon)
    speaks = list(itertools.accumulate(speaking, initial=0))  # counts before each word
    someone_from: int | None = None  # where the last cue naming someone else in this sentence ended
    # For each item, where the next finding starts when only spaces come before it, else -1.
    next_adjacent = [-1] * len(items)
    following = -1
    for index in range(len(items) - 1, -1, -1):
        item = items[index]
        if (
            following >= 0
            and items[following].start == item.end
            and not _between(text, words, item.end, items[following].start).strip()
        ):
            next_adjacent[index] = following
        if item.kind == "finding":
            following = index
    # For each finding, whether the list it starts ends with an alternative ("chills, numbness
    # or tingling"): only such a list carries a cue across a comma.
    # and how many findings the list holds: a list of three or more ("denies saddle anaesthesia,
    # urinary retention, faecal incontinence") carries it too.
    closed = [False] * len(items)
    joined = [False] * len(items)  # joined to the next item (a finding or vague words) along a list
    # Findings said only directly (Cues.said_directly) are no item of a list: their words keep the
    # items on either side apart, and a cue reaches them only as its first finding.
    direct = [bool(lexicon.said_directly.intersection(item.values)) for item in items]
    later = -1
    for index in range(len(items) - 1, -1, -1):
        if items[index].kind not in ("finding", "hint") or direct[index]:
            continue
        if later >= 0 and spelled[items[later].start] not in lexicon.clause_starts:
            gap = spelled[items[index].end : items[later].start]
            if all(word in lexicon.list_words for word in gap):
                closed[index] = any(word in lexicon.alternatives for word in gap) or closed[later]
                joined[index] = True
        later = index
    # The number of findings in the list each item is in: vague words join a list but never
    # lengthen it ("no photophobia, mottled skin, fever 39" is a list of two findings, which a
    # cue does not carry across its comma).
    listed = [1] * len(items)
    group: list[int] = []
    for index, item in enumerate(items):
        if item.kind in ("finding", "hint") and not direct[index]:
            group.append(index)
            if not joined[index]:
                # (only whether a list is long counts: a shorter group needs no count)
                count = _findings_listed([items[member] for member in group]) if len(group) >= LONG_LIST else 1
                for member in group:
                    listed[member] = count
                group = []
    applied: dict[str, bool] = {}  # cue kind -> whether it has reached a finding yet
    # Cue kinds the writer repeats item by item in this sentence ("no fever, no weight loss, numb
    # bum"): then a cue goes on past its finding only along an "or" ("no fever, no chills, weight
    # loss or sweats").
    each: set[str] = set()
    scopes: dict[str, tuple[int, int]] = {}  # cue kind -> (where the cue ends, where it reaches from)
    answering: set[str] = set()  # cue kinds whose last cue is a bare answer opening its clause ("no, ...")
    # Cue kinds whose last item reached was vague words (see _past_vague) -> where those are.
    last_vague: dict[str, int] = {}
    clause: list[_Item] = []  # the findings and hints of the clause so far
    previous: list[_Item] = []  # those of the clause before, in the same sentence
    onset: Onset | None = None
    sentences = list(itertools.accumulate(word.sentence_start for word in words))  # each word's sentence
    sentence = 0

    onset_reach = 0  # the word position up to which a forward onset cue reaches
    ended: list[_Item] = []  # the findings and hints of the sentence before (for a confirming cue)

    def close(*, sentence_ends: bool) -> None:
        nonlocal onset, someone_from
        if sentence_ends:
            someone_from = None
            each.clear()
            ended[:] = [*previous, *clause]
        previous[:] = [] if sentence_ends else clause
        clause[:] = []
        scopes.clear()
        onset = None

    for index, item in enumerate(items):
        if sentences[item.start] != sentence:
            sentence = sentences[item.start]
            close(sentence_ends=True)
        if item.kind == "scope_end":
            close(sentence_ends=False)
        elif item.kind == "someone":
            someone_from = item.end
        elif item.kind in _SCOPES:
            if applied.get(item.kind) and item.kind in scopes:
                each.add(item.kind)
            scopes[item.kind] = (item.end, item.end)
            applied[item.kind] = False
            last_vague.pop(item.kind, None)
            if (
                item.end - item.start == 1
                and spelled[item.start] in lexicon.no_answers
                and _opens_clause(text, words, item.start)
            ):
                answering.add(item.kind)
            else:
                answering.discard(item.kind)
        elif item.kind in ("confirmed_after", "confirmed_having"):
            before = [*previous, *clause] or ended
            _confirm(item, before, text, words, lexicon, spelled, cue_words, having=item.kind == "confirmed_having")
        elif item.kind in _AFTER:
            # "is gone", "ruled out": what was just said, across a "but" ("fever, but gone now");
            # but not words inside a finding's own ("everything between my legs *has gone* numb")
            if any(other.kind == "finding" and other.start < item.start and other.end > item.end for other in clause):
                continue
            if item.kind == "past_after" and _becomes(item, items, index, text, words, spelled, lexicon):
                continue  # "my lips have gone blue": a change, not what has passed
            kind = _AFTER[item.kind]
            reached = False
            nearer: _Item | None = None  # the finding or hint the cue last reached
            before = [*previous, *clause]
            for earlier in reversed(before):
                if item.start - earlier.end > REACH_BACK:
                    break
                if earlier.kind not in ("finding", "hint"):
                    continue
                if nearer is None and not _linked(lexicon, spelled, cue_words, earlier.end, item.start):
                    break  # "cant pee since last night, covid neg": the cue is the covid test's
                if nearer is not None and not _alternative_between(lexicon, spelled, earlier, nearer):
                    # "saddle numbness, ?CES ruled out": only what was just said is ruled out; a
                    # finding further back only along an "or" ("fever or chills ruled out")
                    break
                nearer = earlier
                reached = reached or earlier.kind == "finding"
                if kind == "past" and _counts_when_past(earlier, lexicon):
                    continue  # a stroke sign that has passed still counts, as a history does
                if kind != "other_person" or lexicon.history.intersection(earlier.values):
                    earlier.marks.add(kind)
            last = next((earlier for earlier in reversed(before) if earlier.kind == "finding"), None)
            if (
                kind == "past"
                and not reached
                and (
                    any(
                        other.kind == "scope_end" and other.end == item.start
                        for other in items[max(index - 2, 0) : index]
                    )
                    or _opens_with_scope_end(lexicon, spelled, item)  # "but fine now"
                )
                and last is not None
                and item.start - last.end <= REACH_BACK_BUT
                and not _counts_when_past(last, lexicon)
            ):
                # A past cue straight after a "but" says the last finding before it has passed,
                # however far back it ends ("fever with a cold last week but fine now"; not "legs
                # numb for months but my back is fine")
                last.marks.add(kind)
        elif item.kind in ONSETS:
            # An onset cue says when the findings right next to it began: those just before it
            # ("pins and needles since yesterday") or, failing them, those just after it
            # ("suddenly can't pee and numb down there"). A stable onset, which can lower the
            # urgency, is given to the one nearest finding only.
            given = ONSETS[item.kind]
            at_most = 1 if given is Onset.STABLE else len(clause)
            before = [earlier for earlier in reversed(clause) if earlier.kind == "finding"][:at_most]
            near = [earlier for earlier in before if item.start - earlier.end <= REACH_BACK]
            if (
                near
                and next_adjacent[index] >= 0
                and (near[0].end < item.start or _between(text, words, near[0].end, item.start).strip())
            ):
                near = []  # "a known aneurysm, and has sudden back pain": the cue goes with what follows
            if near:
                for earlier in near:
                    if earlier.onset is None:
                        earlier.onset = given
                onset = None
            else:
                onset, onset_reach = given, item.end
        elif item.kind in ("finding", "hint"):
            for kind, (cue_end, reach) in list(scopes.items()):
                if cue_end > item.start and kind == "negation" and _denies(lexicon, spelled, item.start, cue_end):
                    # the cue's last words are the finding's own ("there's no feeling in my
                    # bum", read from words that come apart): a loss, not a denial
                    del scopes[kind]
                    continue
                if applied.get(kind) and item.start < reach and not direct[index]:
                    # words inside a finding the cue has reached ("if my legs go weak or numb":
                    # "legs go weak" is read inside it) are what the cue said of it
                    item.marks.add(kind)
                    scopes[kind] = (cue_end, max(reach, item.end))
                    if _vague(item) and item.end > reach:
                        last_vague[kind] = index  # vague words that run on past the finding's end it
                    continue
                # The writer speaking of themselves again ("... and i can't pee") ends the cue,
                # unless straight after it ("if i get a fever"); the words of a finding the cue
                # has reached do not ("no tingling in *my* legs or bum": the bum is denied too).
                first = cue_end + 1 if reach == cue_end else reach
                again = any(subjects[position] for position in range(first, item.start + 1))
                if applied.get(kind) and direct[index]:
                    reaches = False  # "no fever, unresponsive, purple rash" (Cues.said_directly)
                elif (
                    applied.get(kind)
                    and _past_vague(kind, last_vague, item, reach, text, words, spelled, lexicon)
                    # (a list that ends in an alternative carries it: "no bladder, bowel or saddle numbness")
                    and not closed[last_vague[kind]]
                ):
                    # "should i worry about light sensitivity and chest pain"; and a cue of the
                    # kind said again in the sentence is the writer's repeating it item by item
                    # ("no confusion and back pain, no fever and collapsed": the collapse counts)
                    reaches = False
                    each.add(kind)
                elif applied.get(kind):
                    # Past its first finding a cue goes on only along a list ("no fever, chills
                    # or sweats"), not into a new clause ("no fever and can't pee").
                    gap = spelled[reach : item.start]
                    offered = any(word in lexicon.alternatives for word in [*gap, *spelled[item.end : item.end + 1]])
                    along = all(word in lexicon.list_words for word in gap) and (
                        (kind not in each or offered)
                        # across a comma, only in a list that offers alternatives ("no fever,
                        # weight loss or sweats"), not into a statement ("no trauma history,
                        # weakness in both legs")
                        and (
                            offered
                            or closed[index]
                            or listed[index] >= LONG_LIST
                            or "," not in _between(text, words, reach, item.start)
                        )
                    )
                    # A question or a condition holds for each alternative it offers ("if i
                    # can't pee or go numb down below", "should i worry if my legs go weak or i
                    # wet myself"), whoever speaks.
                    offers = kind == "hypothetical" and bool(gap) and gap[0] in lexicon.alternatives
                    if offers and len(gap) <= REACH:
                        again = False
                    reaches = (
                        (offers and len(gap) <= REACH)
                        or (
                            along
                            and spelled[item.start] not in lexicon.clause_starts
                            # (past its first word, as "tingling" in "no numbness or tingling" is
                            # the finding, not a statement; the word after counts: "urinary
                            # retention present")
                            and not any(word in lexicon.statements for word in spelled[item.start + 1 : item.end + 1])
                        )
                    )
                else:
                    # To its first finding a cue reaches over a few words, but not past a comma
                    # or an "and" ("no trauma, saddle anaesthesia"; "doesn't fade under a glass
                    # and fever"): those words start something the cue does not govern; nor to
                    # a finding whose own words begin with "and" or "but" ("hes not well and is
                    # not responding").
                    reaches = item.start - reach <= REACH and not (
                        "and" in spelled[reach : item.start]
                        or (item.start > reach and spelled[item.start] in lexicon.clause_openers)
                        or (reach > 0 and _BREAKS.intersection(_between(text, words, reach, item.start)))
                    )
                    if kind in answering and direct[index]:
                        # "is he breathing?" "no hes not breathing": an answer that says the sign
                        # is there, not a denial of it ("not unresponsive" still denies)
                        reaches = False
                if reaches and not again:
                    applied[kind] = True
                    item.marks.add(kind)
                    scopes[kind] = (cue_end, item.end)
                    if _vague(item):
                        last_vague[kind] = index
                    else:
                        last_vague.pop(kind, None)
                else:
                    del scopes[kind]
            if someone_from is not None:
                if speaks[item.end] > speaks[someone_from]:  # (its own words count: "my back")
                    someone_from = None  # the writer speaks of themselves again
                else:
                    item.marks.add("other_person")
            if onset is not None and item.kind == "finding":
                if item.start - onset_reach <= REACH and item.onset is None:
                    item.onset = onset
                    onset_reach = item.end
                    if onset is Onset.STABLE:
                        onset = None
                else:
                    onset = None
            clause.append(item)
    close(sentence_ends=True)
    _long_past(items, words, spelled, lexicon)
    for item in items:
        if "past" in item.marks:  # in the past: denied, unless a history or a passing stroke sign
            item.marks.discard("past")
            if not _counts_when_past(item, lexicon):
                item.marks.add("negation")
    if _about_someone_else(items, speaking, lexicon.history):
        # The person written about is the one being screened.
        for item in items:
            item.marks.discard("other_person")
        return True
    return False


#: Words that may follow a confirming cue before its clause ends ("cos it is *now*").
_AFTER_CONFIRMING = frozenset(
    {
        "now",
        "already",
        "today",
        "tonight",
        "there",
        "lol",
        "btw",
        "tbh",
        "x",
        "too",
        "though",
        "right",
        "at",
        "the",
        "moment",
    }
)


def _confirm(
    item: _Item,
    before: list[_Item],
    text: str,
    words: list[Word],
    lexicon: Compiled,
    spelled: list[str],
    cue_words: list[bool],
    *,
    having: bool = False,
) -> None:
    """A confirming cue ("cos it is") makes the finding just before it, asked about or put as a
    condition, said: "should i go to a&e if my bum is numb? cos it is". Only the nearest finding
    counts, only across cue words and ``after_links`` (as for the other "after" cues) unless the
    cue answers the question before it ("if my legs give way should i go in? they do"), and only
    when the cue ends its clause, but for a few words such as "now": "cos it is *not*", "cos i
    have *piles*" and "yes *it is my first time asking*" confirm nothing. A cue of having
    (``Cues.confirmed_having``, ``having``) names what the writer has ("cos i have one"): it
    confirms the nearest finding asked about in what comes before it, past findings said."""
    after = item.end
    while after < len(words) and not words[after].sentence_start and spelled[after] in _AFTER_CONFIRMING:
        if _between(text, words, after, after).strip():
            break
        after += 1
    if after < len(words) and not words[after].sentence_start and not _between(text, words, after, after).strip():
        return
    last = next((earlier for earlier in reversed(before) if earlier.kind == "finding"), None)
    # the answer to a question: the cue opens the sentence after it ("should i go in? they do")
    answers = (
        item.start > 0 and words[item.start].sentence_start and "?" in _between(text, words, item.start, item.start)
    )
    if having:
        # "can a fever cause back pain? cos i have one": the writer has what was asked about, the
        # nearest finding asked about, past those said already but not past a denied or
        # someone else's one ("if i get a fever, no numbness? which i have" confirms nothing)
        for earlier in reversed(before):
            if earlier.kind != "finding":
                continue
            if "hypothetical" in earlier.marks:
                earlier.marks.discard("hypothetical")
                return
            if earlier.marks & {"negation", "other_person", "past"}:
                return
        return
    if (
        last is not None
        and "hypothetical" in last.marks
        and (
            answers
            or (item.start - last.end <= REACH_BACK and _linked(lexicon, spelled, cue_words, last.end, item.start))
        )
    ):
        last.marks.discard("hypothetical")


def _answered_no(items: list[_Item], text: str, words: list[Word], spelled: list[str], lexicon: Compiled) -> None:
    """A finding asked about or labelled and answered by a denial alone (``Cues.no_answers``)
    that ends a sentence: "fever? no.", "Saddle anaesthesia? N.", "retention: nil", "weakness -
    no", "Q: any numbness? A: none", "?CES no"). After a question mark the question's findings
    are denied ("any numbness or weakness? no"); after a colon or dash, the one finding before it,
    and a comma may end the answer ("fever: no, bladder: normal"). An answer to a question that
    goes on ("no, I can't") is not read as one."""
    if not lexicon.no_answers:
        return
    found = [item for item in items if item.kind in ("finding", "hint")]
    sentence = list(itertools.accumulate(word.sentence_start for word in words))  # each word's sentence
    by_sentence: dict[int, list[_Item]] = {}
    for item in found:
        by_sentence.setdefault(sentence[item.start], []).append(item)
    for item in found:
        end = item.end
        if end >= len(words):
            continue
        mark = _between(text, words, end, end).strip()
        if words[end].sentence_start and "?" not in mark:
            continue
        if text[words[end].start] == "?" and spelled[end] == lexicon.query:
            mark, end = "?", end + 1  # "retention ?N": the question mark was read as a query
            if end >= len(words):
                continue
        if not mark and text[words[item.start].start] == "?":
            mark = "?"  # "?CES no.": the question mark before the finding asks it
        if mark not in _ANSWER_MARKS:
            continue
        if len(spelled[end]) == 1 and end + 1 < len(words) and _between(text, words, end + 1, end + 1).strip() == ":":
            end += 1  # "Q: any numbness? A: none": the answer's label
        last = end
        while (
            last < len(words)
            and spelled[last] in lexicon.no_answers
            and (last == end or not words[last].sentence_start)
        ):
            last += 1
        if last == end:
            continue
        ends = _ANSWER_ENDS if mark.startswith("?") else _LABEL_ANSWER_ENDS
        goes_on = last < len(words) and not words[last].sentence_start
        if goes_on and _between(text, words, last, last).strip() not in ends:
            continue
        if mark.startswith("?"):
            targets = [other for other in by_sentence[sentence[item.start]] if other.start <= item.start]
        else:
            targets = [item]
            while targets[-1].elided_from is not None:  # "legs numb & weak - nil": both are denied
                targets.append(targets[-1].elided_from)
        for other in targets:
            # (a vague word stays unclear: "able to pass urine? no" may be a sign, not its denial)
            if not other.marks and other.kind == "finding":
                other.marks.add("negation")


#: What may stand between a finding and its answer ("fever? no", "retention: nil", "weakness - no").
_ANSWER_MARKS = frozenset({"?", ":", "-", "\u2013", "\u2014", "?:", "? -", "=", "?-"})
#: What may end an answer other than the end of a sentence.
_ANSWER_ENDS = frozenset({".", ";", "!", "?", ":", ")", "/", "|"})
#: ... and, after a label ("fever: no, bladder: normal"; "saddle anaes -ve, B+B NAD"), a comma too.
_LABEL_ANSWER_ENDS = _ANSWER_ENDS | {","}


def _linked(lexicon: Compiled, spelled: list[str], cue_words: list[bool], end: int, start: int) -> bool:
    """Whether only cue words and ``Cues.after_links`` ("is", "was", "now") stand between a
    finding ending at ``end`` and an "after" cue starting at ``start``."""
    return all(cue_words[position] or spelled[position] in lexicon.after_links for position in range(end, start))


def _findings_listed(group: list[_Item]) -> int:
    """How many findings a list holds: vague words do not count, nor does a finding whose words
    overlap the one before ("confused and temp 39" is one item, sepsis and the fever inside it)."""
    count, end = 0, -1
    for item in group:
        if item.kind == "finding" and not _vague(item):
            if item.start >= end:
                count += 1
            end = max(end, item.end)
    return count


def _vague(item: _Item) -> bool:
    """Whether an item is vague words, or a finding read only beside another (``Phrasing.only_with``:
    "hates the light" is meningitis only with a fever), which lists and cues treat alike."""
    return item.kind == "hint" or (
        item.kind == "finding" and bool(item.needs) and all(ident in item.needs for ident in item.values)
    )


def _past_vague(
    kind: str,
    vague: Container[str],
    item: _Item,
    reach: int,
    text: str,
    words: list[Word],
    spelled: list[str],
    lexicon: Compiled,
) -> bool:
    """Whether a denial, question or past cue whose last item was vague words would go on from
    them to ``item`` (a finding or other vague words): it may not, but along an alternative ("no
    loss of bladder or bowel control", "no saddle/B&B sx"). Vague words are not read for sure,
    so they carry no cue to what comes next: "no photophobia and chest pain", "should i worry
    about light sensitivity and chest pain", "not like him to be drowsy and not responding" and
    "no photophobia and drowsy" leave what follows as said (the drowsiness stays unclear). A cue
    naming someone else goes on as before (the writer speaking again ends it)."""
    if kind not in vague or item.kind not in ("finding", "hint") or kind == "other_person":
        return False
    return not (
        any(word in lexicon.alternatives for word in spelled[reach : item.start])
        or _between(text, words, reach, item.start).strip() == "/"
    )


def _alternative_between(lexicon: Compiled, spelled: list[str], earlier: _Item, later: _Item) -> bool:
    """Whether the words between two findings offer an alternative ("fever or chills")."""
    gap = spelled[earlier.end : later.start]
    return (
        bool(gap)
        and all(word in lexicon.list_words for word in gap)
        and any(word in lexicon.alternatives for word in gap)
    )


def _opens_clause(text: str, words: list[Word], position: int) -> bool:
    """Whether the word at ``position`` opens a sentence or comes straight after punctuation."""
    return position == 0 or words[position].sentence_start or bool(_between(text, words, position, position).strip())


def _opens_with_scope_end(lexicon: Compiled, spelled: list[str], item: _Item) -> bool:
    """Whether a cue's first word is on its own a word that ends a cue's scope ("but")."""
    found = lexicon.words.longest([spelled[item.start]], 0)  # (the word alone: no copy of the text)
    return found is not None and "cue:scope_end" in found[1]


def _adults_only(
    lexicon: Compiled, spelled: list[str], items: list[_Item], someone: list[tuple[int, int]], written: list[str]
) -> bool:
    """Whether every finding the message says is present is said of an adult it names just
    before ("my husband has a fever", "my partner has a fever, our 6 week old is fine"), so that
    a baby's age in it is not the screened person's. A cue naming a child ("my baby"), words
    between it and the finding other than a verb of having (``Cues.having``: "my mum thinks she
    has a fever"), a child named in a finding joined to the adult's ("and baby feels hot") or a
    word that the finding is shared (``Cues.shared``: "so does our 4 week old") leave it the
    baby's. A word of ``Cues.shared`` is looked for in the words as written, before
    intensifiers were set aside ("*so* has our 6 week old")."""
    findings = [item for item in items if item.kind == "finding" and not item.marks]
    if not findings or not someone or next(lexicon.shared.each_match(written), None) is not None:
        return False
    child = lexicon.age_child | lexicon.age_old  # ("and the 6 week old feels hot")
    adult_ends = {end for start, end in someone if not lexicon.age_child.intersection(spelled[start:end])}

    def adults(finding: _Item) -> bool:
        gap = finding.start
        while (
            gap not in adult_ends
            and gap > 0
            and spelled[gap - 1] in lexicon.having
            and finding.start - gap < _HAVING_WORDS
        ):
            gap -= 1
        return gap in adult_ends and gap < finding.start  # ("my mum took his temp": hers is no finding)

    def joined(previous: _Item, finding: _Item) -> bool:
        # joined by "and" to the adult's finding before it, with no child or writer between
        between = spelled[previous.end : finding.start]
        return (
            len(between) <= _JOINED_WORDS
            and any(word in lexicon.list_words for word in between)
            and not lexicon.first_person.intersection(between)
            and not child.intersection(spelled[previous.end : finding.end])
        )

    return adults(findings[0]) and all(
        adults(finding) or joined(previous, finding) for previous, finding in itertools.pairwise(findings)
    )


#: How many words of having may stand between a person named and what they have.
_HAVING_WORDS = 2
#: How many words may join a finding to the adult's before it ("a temp of 38 and back pain").
_JOINED_WORDS = 4


def _glued_units(lexicon: Compiled, words: list[Word]) -> list[Word]:
    """The words with a number written together with a unit of time split in two ("6wk",
    "2mo", "3wks" read as "6 wk", "2 mo", "3 wks"), so that they are read as ages and durations
    are; other words with digits ("62yo", "38c", "1st") are left as written."""
    if not any(word.text[:1].isdigit() for word in words):
        return words
    found: list[Word] = []
    for word in words:
        glued = _GLUED.fullmatch(word.text) if word.text[:1].isdigit() else None
        if glued is None or glued[2] not in lexicon.days:
            found.append(word)
            continue
        middle = word.start + len(glued[1])
        found.append(Word(glued[1], word.start, middle, word.sentence_start))
        found.append(Word(glued[2], middle, word.end, False))
    return found


_GLUED = re.compile(r"([0-9]{1,3})([a-z]+)")


def _between(text: str, words: list[Word], end: int, start: int) -> str:
    """The text between the word before position ``end`` and the word at ``start``."""
    return text[words[end - 1].end : words[start].start]


def _becomes(
    item: _Item, items: list[_Item], index: int, text: str, words: list[Word], spelled: list[str], lexicon: Compiled
) -> bool:
    """Whether a "past" cue that ends with "gone" says what something has become ("my lips have
    gone blue", "it's gone quiet") rather than that it has passed ("the numbness has gone"): a
    word follows it in the sentence, with no punctuation between, that neither joins a list,
    starts a subject, strengthens a word, nor begins another cue or finding."""
    if spelled[item.end - 1] != "gone" or item.end >= len(words) or words[item.end].sentence_start:
        return False
    if _between(text, words, item.end, item.end).strip():
        return False
    following = spelled[item.end]
    if following in lexicon.list_words or following in lexicon.subjects or following in lexicon.intensifiers:
        return False
    return not any(other.start == item.end for other in items[index + 1 : index + 3])


def _starting(items: list[_Item]) -> Callable[[int, str], _Item | None]:
    """A look-up of the item of a kind that starts at a word position."""
    by_start: dict[int, list[_Item]] = {}
    for item in items:
        by_start.setdefault(item.start, []).append(item)

    def at(position: int, kind: str) -> _Item | None:
        return next((item for item in by_start.get(position, ()) if item.kind == kind), None)

    return at


def _number(spelled: list[str], at: Callable[[int, str], _Item | None], position: int) -> tuple[int, int] | None:
    """The number at a word position (digits, or a number word) and the position after it."""
    if position >= len(spelled):
        return None
    word = spelled[position]
    if word.isdigit() and len(word) <= 4:
        return int(word), position + 1
    item = at(position, "number")
    return (int(item.values[0].split("=")[1]), item.end) if item is not None else None


def _decimal(text: str, words: list[Word], spelled: list[str], position: int) -> bool:
    """Whether the digits at ``position`` and the next word are one number with a decimal point
    ("1.5": the point splits them into two words)."""
    return (
        spelled[position].isdigit()
        and position + 1 < len(spelled)
        and spelled[position + 1].isdigit()
        and text[words[position].end : words[position + 1].start] == "."
    )


def _and_a_half(spelled: list[str], position: int) -> bool:
    """Whether "and a half" starts at ``position``."""
    return spelled[position : position + 3] == ["and", "a", "half"]


def _long_past(items: list[_Item], words: list[Word], spelled: list[str], lexicon: Compiled) -> None:
    """Deny the findings that count only when recent (``Cues.recent_only``) that the message
    puts long ago: a ``long_ago`` cue just after or before ("a car crash years ago", "as
    a teenager i fell off a roof"), or an amount of time of at least :data:`LONG_AGO_DAYS`
    followed by a ``duration_after`` word just after ("fell off a ladder 5 years ago"); not when
    the sentence goes on to say it happened again recently ("last year, and again this morning")."""
    if not lexicon.recent_only:
        return
    cue = _starting(items)

    def long_ago_from(position: int) -> bool:
        if cue(position, "long_ago") is not None:
            return True
        amount, end = _number(spelled, cue, position) or (None, position)
        unit = cue(end, "unit")
        if unit is None or cue(unit.end, "duration_after") is None:
            return False
        # (a unit with no number, "years ago", "months ago", is taken as a few of it)
        return (3 if amount is None else amount) * int(unit.values[0].split("=")[1]) >= LONG_AGO_DAYS

    # (each word: whether a long-ago cue ended at most REACH words before it)
    after_long_ago = [False] * (len(words) + 1)
    for item in items:
        if item.kind == "long_ago":
            after_long_ago[item.end : item.end + REACH + 1] = [True] * (
                min(len(words), item.end + REACH) + 1 - item.end
            )
    sentence_of = list(itertools.accumulate(word.sentence_start for word in words)) if words else []

    def again_recently(index: int) -> bool:
        # "fell off a roof last year, and again this morning": an onset word that follows in the
        # sentence before any other finding makes it recent too (the walk stops at the next
        # finding, so reading stays linear)
        item = items[index]
        for later in items[index + 1 :]:
            if sentence_of[later.start] != sentence_of[item.start] or later.kind == "finding":
                return False
            if later.kind == "onset_new" and later.start >= item.end:
                return True
        return False

    for index, item in enumerate(items):
        if item.kind != "finding" or not lexicon.recent_only.intersection(item.values):
            continue
        reach = range(item.end, min(item.end + REACH_BACK + 1, len(spelled)))
        after = any(long_ago_from(position) for position in reach)
        before = after_long_ago[item.start]
        if (after or before) and not again_recently(index):
            item.marks.add("negation")  # long past: denied, whatever counts when it has just passed


def _counts_when_past(item: _Item, lexicon: Compiled) -> bool:
    """Whether a finding still counts when the message puts it in the past: a history ("used to
    have cancer") or a sign that counts when it has passed (``Cues.count_when_passed``)."""
    return bool(lexicon.history.intersection(item.values) or lexicon.count_when_passed.intersection(item.values))


def _values(
    lexicon: Compiled,
    text: str,
    words: list[Word],
    spelled: list[str],
    items: list[_Item],
    about_someone_else: bool,
    written: list[str],
) -> tuple[ReadValue | None, ReadValue | None, ReadValue | None, tuple[str, ...]]:
    """The age, pain duration and pain severity a message states, and what it says of time that
    is not read.

    Of several ages, the screened person's is taken: the writer's own ("i am 40") unless the
    message is about someone else ("my mum is 85"), then the first other one."""
    at = _starting(items)

    def number(position: int) -> tuple[int, int] | None:
        return _number(spelled, at, position)

    def span(first: int, last: int, value: int | float | Severity) -> ReadValue:
        return ReadValue(
            value=value, text=text[words[first].start : words[last].end], start=words[first].start, end=words[last].end
        )

    duration_cue_ends = {item.end for item in items if item.kind == "duration_before"}
    age_cue_ends = {item.end for item in items if item.kind == "age_before"}
    finding_starts = {item.start for item in items if item.kind == "finding"}
    childs_age: ReadValue | None = (
        None  # the age of the writer's child with the complaint ("my 6 week old has a fever")
    )
    young_at: set[int] = set()  # where an age in days, weeks or months begins ("6 week old"): no duration

    def young_age(first: int, after_cue: bool, child: bool = False) -> tuple[int, float] | None:
        """An age in days, weeks or months whose number is at ``first`` ("my 6 week old", "a 2
        month old baby", "she is 10 weeks old"): where it ends and the age in years. ``child``:
        the cue before it names a child ("my baby is 6 weeks")."""
        found = number(first)
        if found is None or _decimal(text, words, spelled, first):
            return None
        unit = at(found[1], "unit")
        days = int(unit.values[0].split("=")[1]) if unit is not None else 0
        if unit is None or not 0 < days < DAYS_IN_A_YEAR or not 0 < found[0] * days <= YOUNG_AGE_DAYS:
            return None
        old = unit.end < len(spelled) and spelled[unit.end] in lexicon.age_old
        old = old and not _between(text, words, unit.end, unit.end).strip(" -")  # "6-week-old"
        last = unit.end if old else unit.end - 1
        after = last + 1
        ends = after >= len(words) or words[after].sentence_start or bool(_between(text, words, after, after).strip())
        # what follows: a person, what a person does ("has") or how a baby is ("8 wk old temp 38.4")
        follows = after < len(spelled) and spelled[after] in lexicon.age_old_follows
        opens = _opens_clause(text, words, first)
        before = spelled[first - 1] if first > 0 else ""
        owned = after_cue or opens or before in lexicon.age_old_before
        # without "old": after a cue that names a child ("my baby is 6 weeks and has a fever"),
        # or a unit written with its number straight after a word that owns it ("my 2mo has"),
        # and only a young baby's age ("my daughter is 36 weeks" may be a pregnancy)
        glued = words[first].end == words[unit.start].start and before in lexicon.age_old_before
        unsaid = (child or glued) and (ends or follows) and found[0] * days <= UNSAID_AGE_DAYS
        if not ((old or unsaid) and owned and (after_cue or ends or follows)):
            return None  # ("my wife is 36 weeks and ...": without "old", no age)
        young_at.add(first)
        return last, round(found[0] * days / DAYS_IN_A_YEAR, 3)

    ages: list[tuple[ReadValue, str | None]] = []  # each age read: the writer's ("own"), another's, or either
    lone: list[ReadValue] = []  # numbers standing alone between commas, read as an age when none other is
    someone = [(item.start, item.end) for item in items if item.kind == "someone"]
    adults_only = _adults_only(lexicon, spelled, items, someone, written)
    history_ends = {item.end for item in items if item.kind == "finding" and lexicon.history.intersection(item.values)}

    def after_history(position: int) -> bool:
        # a time straight after a history is the history's ("had breast cancer 3 yrs ago",
        # "had cancer for 2 years"), not how long the pain has lasted ("on steroids, 6 weeks")
        if position in history_ends:
            return not _between(text, words, position, position).strip()
        return position - 1 in history_ends and spelled[position - 1] in _HISTORY_LINKS

    duration: ReadValue | None = None
    severity: ReadValue | None = None
    unread: list[str] = []
    # Only words that start a number or an age, severity or time cue can say any of these.
    starts = {"age_before", "number", "unread_durations"}
    relevant = {item.start for item in items if item.kind in starts}
    relevant.update(position for position, word in enumerate(spelled) if word[0].isdigit())
    for position in sorted(relevant):
        word = spelled[position]
        # Age: "i'm 62", "aged 62", "my son is 8", "62 years old", "62yo", "62m"; the writer's
        # own when the cue says so ("i am 40").
        cue = at(position, "age_before")
        found = number(cue.end) if cue is not None else None
        # ("i'm 32 weeks pregnant" is no age, whether or not "weeks pregnant" is read as a finding)
        if (
            cue is not None
            and found is not None
            and 0 < found[0] <= 120
            and at(found[1], "unit") is None
            and (found[1] >= len(spelled) or spelled[found[1]] not in lexicon.days)
            and not _decimal(text, words, spelled, found[1] - 1)  # "he is 39.5": a temperature
        ):
            whose = "other" if any(cue.start < end and start < cue.end for start, end in someone) else None
            if whose is None and any(word in lexicon.first_person for word in spelled[cue.start : cue.end]):
                whose = "own"
            ages.append((span(position, found[1] - 1, found[0]), whose))
        elif cue is not None and found is not None:
            # "she is 10 weeks old", "my baby is 6 weeks and has a temperature"
            whose = "other" if any(cue.start < end and start < cue.end for start, end in someone) else None
            if whose is None and any(word in lexicon.first_person for word in spelled[cue.start : cue.end]):
                whose = "own"
            names_child = any(word in lexicon.age_child for word in spelled[cue.start : cue.end])
            young = young_age(cue.end, True, names_child)
            if young is not None:
                ages.append((span(position, young[0], young[1]), whose))
        if position not in age_cue_ends:
            young = young_age(position, False)  # "my 6 week old has a fever", "8 wk old"
            # ("we have a 7 week old and my husband has a fever": the fever is the husband's)
            if young is not None and not adults_only:
                ages.append((span(position, young[0], young[1]), None))
                if childs_age is None and position > 0 and spelled[position - 1] in lexicon.first_person:
                    # "i'm 32 and my 6 week old has a fever": the writer's child, whose the
                    # complaint is when one follows before the writer speaks of themselves again
                    for later in range(young[0] + 1, len(spelled)):
                        if words[later].sentence_start or spelled[later] in lexicon.first_person:
                            break
                        if later in finding_starts:
                            childs_age = ages[-1][0]
                            break
        found = number(position)
        if found is not None and at(found[1], "age_after") is not None and 0 < found[0] <= 120:
            ages.append((span(position, at(found[1], "age_after").end - 1, found[0]), None))  # type: ignore[union-attr]
        digits, suffix = _digits_and_suffix(word)
        # ("62m" is an age, "a 2m wall" a height: a sex letter goes only with an adult's age)
        adult = suffix not in _SEX_SUFFIXES or (digits is not None and digits >= LONE_AGES[0])
        if digits is not None and suffix in _AGE_SUFFIXES and 0 < digits <= 120 and adult:
            ages.append((span(position, position, digits), None))
        elif (
            word.isdigit()
            and LONE_AGES[0] <= int(word) <= LONE_AGES[1]
            and at(position + 1, "unit") is None
            and (
                _alone(text, words, position)  # "osteoporosis, felt a crack, 74"
                # "78 and slipped in the bathroom": a number that opens the message and a list
                or (position == 0 and len(spelled) > 1 and spelled[1] in lexicon.list_words)
            )
        ):
            lone.append(span(position, position, int(word)))
        elif (
            word.isdigit()
            and LONE_AGES[0] <= int(word) <= LONE_AGES[1]
            and 0 < position < len(spelled) - 1
            and spelled[position - 1] in lexicon.age_at
            and spelled[position + 1] in lexicon.subjects
        ):
            ages.append((span(position - 1, position, int(word)), None))  # "at 80 i've started"
        # Duration: "for 3 weeks", "past two months", "6 weeks ago", "3 wks", and halves: "half a
        # year", "1.5 years", "two and a half weeks", "a year and a half".
        if duration is None and position not in young_at and not after_history(position):
            found = number(position)
            amount: float | None = None if found is None else found[0]
            first, after_number = position, None if found is None else found[1]
            if found is not None and _decimal(text, words, spelled, position):
                amount, after_number = float(f"{word}.{spelled[position + 1]}"), position + 2
            elif found is not None and _and_a_half(spelled, found[1]):
                amount, after_number = found[0] + 0.5, found[1] + 3
            if amount is not None and position > 0 and spelled[position - 1] == "half" and amount == 1:
                amount, first = 0.5, position - 1  # "half a year"
            unit = at(after_number, "unit") if after_number is not None else None
            # (a time straight before another finding is that finding's: "6 weeks pregnant")
            if amount is not None and unit is not None and at(unit.end, "finding") is None:
                days = int(unit.values[0].split("=")[1])
                last = unit.end - 1
                if amount == int(amount) and _and_a_half(spelled, unit.end):
                    amount, last = amount + 0.5, unit.end + 2  # "a year and a half"
                before = first in duration_cue_ends or position in duration_cue_ends
                after = at(last + 1, "duration_after") is not None
                if before or after or at(position, "age_before") is None:
                    duration = span(first, last, round(amount * days / 7, 2))
        # Severity: "8/10", "8 out of 10", and words ("agony").
        found = number(position)
        if found is not None:
            scale = found[1]
            if scale < len(words) and spelled[scale] == "10" and "/" in text[words[position].end : words[scale].start]:
                severity = _worse(severity, span(position, scale, _score(found[0])))
            else:
                out_of = at(scale, "out_of")
                if out_of is not None and out_of.end < len(words) and spelled[out_of.end] == "10":
                    severity = _worse(severity, span(position, out_of.end, _score(found[0])))

        cue = at(position, "unread_durations")
        if cue is not None and number(cue.end) is None and cue.end < len(words):
            unread.append(f'"{text[words[position].start : words[cue.end].end]}": a date, not read as a duration')
    # Severity words count wherever they are, inside a phrasing too ("sudden severe back pain").
    for position in range(len(spelled)):
        said = lexicon.severities.longest(spelled, position)
        if said is not None:
            end, kinds = said
            level = max((SEVERITIES[kind] for kind in kinds), key=_ORDER.__getitem__)
            severity = _worse(severity, span(position, end - 1, level))
    wanted = "other" if about_someone_else else "own"
    # the screened person's age said as theirs first ("at 16 i fell off a horse, i'm 25 now": 25)
    fits = [value for value, whose in ages if whose == wanted] or [value for value, whose in ages if whose is None]
    age = childs_age or (fits[0] if fits else lone[0] if lone and not ages else None)
    if age is None and (about_someone_else or not any(word in lexicon.first_person for word in spelled)):
        # "my little boy has a sore back", "toddler with back pain": the oldest age the word can mean
        child = next((item for item in items if item.kind == "young"), None)
        first = next((item.start for item in items if item.kind == "finding"), len(words))
        if child is not None and child.start < first:  # the child is the one with the complaint
            age = span(child.start, child.end - 1, int(child.values[0].split("=")[1]))
    if age is None:
        age = _newborn(lexicon, spelled, items, span)
    return age, duration, severity, tuple(unread)


def _newborn(
    lexicon: Compiled,
    spelled: list[str],
    items: list[_Item],
    span: Callable[[int, int, int], ReadValue],
) -> ReadValue | None:
    """A newborn's age, 0, when a word for one ("my *newborn* is floppy") comes before or inside
    a finding said to be present and the writer does not say it of themselves: the baby's
    danger signs come first, even where the words are also read as the writer's recent birth
    ("my newborn") or are inside the finding. The writer says it of themselves with a word of
    their own that is not a possessive ("i", "we", not "my") just before the newborn ("i have a
    newborn and back pain") or as the finding's subject ("my newborn and i both have a fever"
    counts for the baby too, "my newborn is fine but i have a fever" does not); a hedge ("we
    think he has a temp") does not. (Other young words give an age only when the message is
    about someone else; a newborn is never the writer.)"""
    present = [item for item in items if item.kind == "finding" and not item.marks]
    writer = lexicon.first_person - lexicon.age_old_before  # "i", "we": not "my", "our"
    for position, word in enumerate(spelled):
        if word not in lexicon.newborn:
            continue
        owner = bool(writer.intersection(spelled[max(position - _NEWBORN_OWNER, 0) : position]))
        for finding in present:
            if finding.end <= position + 1:
                continue  # ("since having my newborn": the words end with it)
            between = spelled[position + 1 : finding.start]
            # ("i have a newborn and back pain": the writer's baby, the findings the writer's;
            # "we have a newborn and she has a temp", "i have a newborn with a temp": the baby's)
            if owner and not lexicon.age_child.intersection(between) and not set(between) <= lexicon.having:
                break
            said = [index for index, other in enumerate(between) if other in writer]
            # the writer's own subject right before the finding, or before a verb of having
            if any(index == len(between) - 1 or between[index + 1] in lexicon.having for index in said):
                break
            return span(position, position, 0)
    return None


#: How many words before a newborn word the writer may name themselves as its parent.
_NEWBORN_OWNER = 3


#: The oldest age read from days, weeks or months ("36 month old"), in days: 5 years.
YOUNG_AGE_DAYS = 5 * DAYS_IN_A_YEAR
#: The oldest such age read without "old" ("my baby is 6 weeks"), in days: 13 weeks, past the
#: 90 days under which a fever is an emergency, short of most pregnancies said in weeks.
UNSAID_AGE_DAYS = 91


#: The numbers that, standing alone between commas ("back pain after a fall, 74"), are read as an
#: age: adults' ages only, since a small number alone is as likely a score or a count.
LONE_AGES = (16, 110)


def _alone(text: str, words: list[Word], position: int) -> bool:
    """Whether the word at ``position`` stands alone between commas, semicolons, full stops or
    the ends of the text (but not inside a number such as 38.5 or 1,000)."""
    before = text[words[position - 1].end : words[position].start] if position else ","
    after = text[words[position].end : words[position + 1].start] if position + 1 < len(words) else ","
    if before in (".", ",") and position and text[words[position - 1].end - 1].isdigit():
        return False
    if after in (".", ",") and position + 1 < len(words) and text[words[position + 1].start].isdigit():
        return False
    return bool(set(before) & _ALONE) and bool(set(after) & _ALONE)


_ALONE = frozenset(",;.()")


#: Words that may join a history to its time ("had cancer *for* 2 years").
_HISTORY_LINKS = frozenset({"for", "about", "around", "over", "nearly", "almost"})

_AGE_SUFFIXES = frozenset({"yo", "yrs", "yr", "y", "m", "f"})
_SEX_SUFFIXES = frozenset({"m", "f"})


def _digits_and_suffix(word: str) -> tuple[int | None, str]:
    digits = "".join(ch for ch in word[:3] if ch.isdigit())
    if not digits or not word.startswith(digits) or len(word) == len(digits):
        return None, ""
    return int(digits), word[len(digits) :]


def _score(value: int) -> Severity:
    return Severity.SEVERE if value >= 7 else Severity.MODERATE if value >= 4 else Severity.MILD


_ORDER = {Severity.MILD: 0, Severity.MODERATE: 1, Severity.SEVERE: 2}


def _worse(current: ReadValue | None, new: ReadValue) -> ReadValue:
    if current is None:
        return new
    assert isinstance(current.value, Severity)
    assert isinstance(new.value, Severity)
    return new if _ORDER[new.value] > _ORDER[current.value] else current


def screen_text(
    kb: Catalog,
    text: str,
    *,
    age: float | None = None,
    pain_duration_weeks: float | None = None,
    pain_severity: Severity | str | None = None,
    language: str = "en",
) -> Screening:
    """Screen what a message says (see :meth:`spinekb.KnowledgeBase.findings_in`): the findings
    said of the person as present, with their onsets, and the age, pain duration and severity it
    states. Arguments given here win over what the text says.

    Each flag's findings keep the words that named them (``Finding.quote``), and the screening's
    ``reading`` holds the whole reading, negated, hypothetical and other people's findings and
    unclear words included, so an app can ask about them. Negated, hypothetical and other
    people's findings never raise the urgency.

    It informs; it does not diagnose.
    """
    from spinekb._screening import Finding, screen

    reading = findings_in(kb, text, language=language)
    findings = [Finding(found.entry, onset=found.onset, quote=found.text) for found in reading.present]
    if age is None and reading.age is not None:
        assert not isinstance(reading.age.value, Severity)
        age = reading.age.value  # whole years, or a fraction of one for a baby ("my 6 week old")
    if pain_duration_weeks is None and reading.pain_duration_weeks is not None:
        pain_duration_weeks = float(reading.pain_duration_weeks.value)
    if pain_severity is None and reading.pain_severity is not None:
        pain_severity = reading.pain_severity.value  # type: ignore[assignment]
    screening = screen(kb, findings, age=age, pain_duration_weeks=pain_duration_weeks, pain_severity=pain_severity)
    screening = attrs.evolve(screening, reading=reading)
    return _safety_floor(kb, screening, reading)


#: The sources behind asking, rather than reassuring, when an emergency sign may have been meant.
DOUBT_SOURCES = ("nhs-cauda-equina", "girft-ces-2023")


def _safety_floor(kb: Catalog, screening: Screening, reading: TextReading) -> Screening:
    """A reading never reassures, and never gives self-care when the message may hold an
    emergency sign that was not read for sure.

    Reading is by words, so it can miss or misread them: the screening's "no red flag counts"
    reassurance is replaced by a statement that nothing read was a red flag, which is no
    reassurance. A denied, hypothetical or someone else's mention of an emergency sign, or vague
    words that may be one, could be misread: then the answer is at least "soon", and it says which
    words to check and to go to an emergency department at once if the sign is there."""
    from spinekb._screening import ADVICE, NO_FLAGS
    from spinekb.models import Statement, Urgency

    cited = [source for source in DOUBT_SOURCES if kb.sources.get(source) is not None] or list(
        dict.fromkeys(source for statement in screening.advice for source in statement.sources)
    )
    not_reassured = Statement(
        text=(
            "Nothing read in the message counts as a red flag, but reading goes by words and can miss or "
            "misread them, so this is no reassurance: if any of the emergency signs below is happening, "
            "go to an emergency department at once."
        ),
        sources=tuple(cited),
    )
    advice = list(screening.advice)
    if any(statement in NO_FLAGS for statement in advice):
        advice = [statement for statement in advice if statement not in NO_FLAGS]
        advice.append(not_reassured)
    doubtful = [found.text for found in reading.set_aside if _emergency_sign(kb, found.entry)]
    doubtful += [mention.text for mention in reading.unclear if any(_emergency_sign(kb, e) for e in mention.may_be)]
    urgency = screening.urgency
    if doubtful and urgency.rank <= Urgency.SOON.rank:
        words = ", ".join(f'"{text}"' for text in dict.fromkeys(doubtful))
        doubt = Statement(
            text=(
                f"Some of what you wrote may be about an emergency sign that could not be read for sure ({words}). "
                "If any of the emergency signs below is happening now, go to an emergency department at once, "
                "and call emergency services for a sign of a stroke even if it has passed; otherwise see a "
                "clinician soon and tell them about it."
            ),
            sources=tuple(cited),
        )
        if urgency is Urgency.SELF_CARE:
            advice = [doubt, Statement(text=ADVICE[Urgency.SOON], sources=tuple(cited))]
        else:
            advice = [doubt, *(statement for statement in advice if statement != not_reassured)]
        urgency = Urgency.SOON
    if advice == list(screening.advice) and urgency is screening.urgency:
        return screening
    sources = {source.id: source for source in screening.sources}
    sources.update((ident, kb.sources[ident]) for ident in cited)
    return attrs.evolve(
        screening,
        urgency=urgency,
        advice=tuple(advice),
        sources=tuple(sources[ident] for ident in sorted(sources)),
    )


_EMERGENCY: dict[tuple[int, str], bool] = {}


def _emergency_sign(kb: Catalog, entry: RedFlag | Symptom) -> bool:
    """Whether a finding, screened on its own, is an emergency."""
    from spinekb._screening import screen
    from spinekb.models import Urgency

    key = (id(kb), entry.id)
    found = _EMERGENCY.get(key)
    if found is None:
        found = _EMERGENCY[key] = screen(kb, [entry]).urgency is Urgency.EMERGENCY
    return found
