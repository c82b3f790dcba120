"""Checks that need the whole knowledge base: ids, references, links and a few value rules.

Each check yields :class:`ContentProblem` s; the loader gathers all of them before failing, so an
author sees every mistake at once. References are found generically through the
``REFERS_TO`` metadata on model fields, so a new reference field is checked without new code.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable, Iterator, Sequence
from itertools import chain
from operator import attrgetter
from typing import Any

import attrs

from spinekb import models
from spinekb._kinds import refers_to
from spinekb._text import MOST_EXPANSIONS, expand, name_keys, pattern_slots
from spinekb.errors import ContentProblem

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ICD10CM = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
_HPO = re.compile(r"HP:[0-9]{7}")
_DOI = re.compile(r"10\.[0-9]{4,9}/\S+")
_URL = re.compile(r"https?://\S+")

Records = dict[type[models.Entry], tuple[models.Entry, ...]]


def validate(
    records: Records,
    where: Callable[[models.Entry], tuple[str, str]],
    manifests: list[tuple[str, str, models.Manifest | None]] = [],  # noqa: B006 - never mutated
    names: dict[type[models.Entry], dict[str, models.Entry]] | None = None,
) -> list[ContentProblem]:
    """Every problem with ``records`` (already structured) that a single entry cannot show.

    ``where`` names the pack (or "") and the file each entry came from. When ``names`` is given,
    it receives each kind's look-up keys (normalised id, name or alias -> entry), which the
    name-collision check works out anyway; the collections use them as their look-up index.
    """
    by_id: dict[str, models.Entry] = {}
    problems: list[ContentProblem] = []

    def files(entry: models.Entry) -> str:
        pack, file = where(entry)
        return f"{file} (pack {pack})" if pack else file

    positions: dict[int, int] = {}

    def label(entry: models.Entry) -> str:
        """The entry's id, or ``#position`` in its file when the id cannot name it (empty or
        overlong), as the loader names entries it cannot structure."""
        if entry.id and len(entry.id) <= 80:
            return entry.id
        if not positions:
            for entries in records.values():
                counted: dict[tuple[str, str], int] = {}
                for item in entries:
                    place = where(item)
                    positions[id(item)] = counted.get(place, 0)
                    counted[place] = positions[id(item)] + 1
        return f"#{positions.get(id(entry), 0)}"

    def report(entry: models.Entry, field: str, message: str) -> None:
        pack, file = where(entry)
        problems.append(ContentProblem(file, label(entry), field, message, pack))

    for entries in records.values():
        for entry in entries:
            if not _ID.fullmatch(entry.id):
                report(entry, "$.id", "must be kebab-case: lower-case letters and digits joined by single hyphens")
            elif entry.id in by_id:
                other = by_id[entry.id]
                place = "" if type(other) is type(entry) else f" (a {other.kind} in {files(other)})"
                report(entry, "$.id", f"duplicate id: already used{place}")
            else:
                by_id[entry.id] = entry

    ids = Ids(by_id)
    for cls, entries in records.items():
        keys = _check_names(entries, report)
        if names is not None:
            names[cls] = keys
        sound = _sound(entries, ids)
        for entry in entries:
            for field, message in _check_entry(entry, by_id, sound):
                report(entry, field, message)

    for field, entry, message in _check_links(records, by_id):
        report(entry, field, message)
    for pack, manifest_file, manifest in manifests:
        if manifest is not None:
            problems.extend(
                ContentProblem(manifest_file, ident, field, message, pack)
                for ident, field, message in _check_manifest(manifest, by_id)
            )
    return problems


_DATA_VERSION = re.compile(r"[0-9]{4}\.[0-9]{1,2}\.[0-9]+")


def _check_manifest(manifest: models.Manifest, by_id: dict[str, models.Entry]) -> Iterator[tuple[str, str, str]]:
    """Problems as (entry, field, message): the version's form, and retired ids that resolve."""
    if not _DATA_VERSION.fullmatch(manifest.data_version):
        yield "", "$.data_version", f"{manifest.data_version!r} is not a data version like 2026.11.0"
    successor: dict[str, str] = {}
    for index, retired in enumerate(manifest.retired):
        at = f"$.retired[{index}]"
        if not _ID.fullmatch(retired.id):
            yield retired.id, f"{at}.id", "must be kebab-case: lower-case letters and digits joined by single hyphens"
        elif retired.id in by_id:
            yield retired.id, f"{at}.id", f"is retired but still used by a {by_id[retired.id].kind}"
        elif retired.id in successor:
            yield retired.id, f"{at}.id", "is retired more than once"
        successor[retired.id] = retired.replaced_by
    for index, retired in enumerate(manifest.retired):
        seen = {retired.id}
        current = retired.replaced_by
        while current in successor and current not in seen:
            seen.add(current)
            current = successor[current]
        if current in seen:
            yield retired.id, f"$.retired[{index}].replaced_by", "retired ids replace each other in a loop"
        elif current not in by_id:
            yield retired.id, f"$.retired[{index}].replaced_by", f"refers to {current!r}, which is not an entry"


def _check_names(entries: tuple[models.Entry, ...], report: Any) -> dict[str, models.Entry]:
    """Report names that are empty or collide within the kind; return the look-up keys."""

    def clash(entry: models.Entry, position: int, name: str, owner: models.Entry | None) -> None:
        field = ("$.id", "$.name")[position] if position < 2 else f"$.aliases[{position - 2}]"
        if owner is None:
            report(entry, field, "must contain letters or digits")
        else:
            report(entry, field, f"{name!r} is already a name or alias of {owner.id!r}")

    return name_keys(entries, clash)


def _check_entry(entry: models.Entry, by_id: dict[str, models.Entry], sound: bool) -> Iterator[tuple[str, str]]:
    if not sound:  # the quick walk over the kind found something: explain, entry by entry
        yield from _check_value(entry, "$", by_id)
    if not entry.summary.strip():
        yield "$.summary", "must not be empty"
    if isinstance(entry, models.CitedEntry) and entry.review is not None:
        yield from _check_review(entry.review)
    if isinstance(entry, models.Exercise):
        yield from _check_exercise(entry)
    elif isinstance(entry, models.Condition):
        for index, code in enumerate(entry.icd10cm):
            if not _ICD10CM.fullmatch(code.code):
                yield f"$.icd10cm[{index}].code", f"{code.code!r} is not written like an ICD-10-CM code (M46.46)"
        if not entry.icd10cm:
            yield "$.icd10cm", "a condition needs at least one ICD-10-CM code"
        for index, escalation in enumerate(entry.escalations):
            if escalation.lasting_weeks is not None:
                yield (
                    f"$.escalations[{index}].lasting_weeks",
                    "is for a symptom's seek_care, not a condition's escalation",
                )
    elif isinstance(entry, models.Symptom):
        if entry.hpo is not None and not _HPO.fullmatch(entry.hpo):
            yield "$.hpo", f"{entry.hpo!r} is not an HPO id (HP:0001945)"
        yield from _check_counts_as(entry.counts_as)
        if entry.seek_care is not None:
            yield from _check_lasting_weeks("$.seek_care.lasting_weeks", entry.seek_care.lasting_weeks)
    elif isinstance(entry, models.Source):
        if entry.url is not None and not _URL.fullmatch(entry.url):
            yield "$.url", f"{entry.url!r} is not an http(s) address"
        if entry.doi is not None and not _DOI.fullmatch(entry.doi):
            yield "$.doi", f"{entry.doi!r} is not a DOI (10.xxxx/...)"
        if entry.year is not None and not EARLIEST_YEAR <= entry.year <= LATEST_YEAR:
            yield "$.year", f"must be a year ({EARLIEST_YEAR}-{LATEST_YEAR}), not {_shown(entry.year)}"
    elif isinstance(entry, models.RedFlag):
        yield from _check_red_flag(entry)
    elif isinstance(entry, models.Lexicon):
        yield from _check_lexicon(entry)
    if isinstance(entry, models.Condition):
        for index, restriction in enumerate(entry.restricted_movements):
            if not restriction.movements:
                yield f"$.restricted_movements[{index}].movements", "must name at least one movement"


#: Characters of regular expressions, which a phrasing pattern never holds (it would never match).
_NOT_PATTERN = re.compile(r"[?*+{}\\^$]")


def _check_lasting_weeks(at: str, weeks: int | None) -> Iterator[tuple[str, str]]:
    if weeks is not None and not 0 < weeks <= 520:
        yield at, f"must be a number of weeks (1-520), not {_shown(weeks)}"


def _check_review(review: models.Review) -> Iterator[tuple[str, str]]:
    for name in ("reviewed", "due"):
        day = getattr(review, name)
        if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            years = f"{EARLIEST_YEAR}-{LATEST_YEAR}"
            yield f"$.review.{name}", f"must be a day in the years {years}, not {day.isoformat()}"
    if review.due <= review.reviewed:
        reviewed = review.reviewed.isoformat()
        yield "$.review.due", f"{review.due.isoformat()} must come after the day reviewed ({reviewed})"


def _check_lexicon(lexicon: models.Lexicon) -> Iterator[tuple[str, str]]:
    if not lexicon.language.strip():
        yield "$.language", "must name a language (an IETF tag such as 'en')"
    texts = [
        (f"$.phrasings[{i}].texts[{j}]", text)
        for i, p in enumerate(lexicon.phrasings)
        for j, text in enumerate(p.texts)
    ]
    texts += [(f"$.hints[{i}].words[{j}]", text) for i, h in enumerate(lexicon.hints) for j, text in enumerate(h.words)]
    for path, text in texts:
        if text.count("(") != text.count(")") or text.count("[") != text.count("]"):
            yield path, f"{text!r} does not close every choice '(...)' or option '[...]'"
        elif (stray := _NOT_PATTERN.search(text)) is not None:
            advice = "write an optional word as [word]"
            yield path, f"{text!r} holds {stray.group()!r}, which patterns do not use: {advice}"
        elif pattern_slots(text) is None and len(expand(text)) > MOST_EXPANSIONS:  # written out to match
            yield path, f"{text!r} stands for more than {MOST_EXPANSIONS} phrasings; split it"
    for index, phrasing in enumerate(lexicon.phrasings):
        if not phrasing.texts and not phrasing.together:
            yield f"$.phrasings[{index}].texts", "a phrasing needs texts, words that come together, or both"
        if phrasing.together and (len(phrasing.together) < 2 or not all(phrasing.together)):
            yield f"$.phrasings[{index}].together", "needs two or more lists of words, none of them empty"
    for index, hint in enumerate(lexicon.hints):
        if not hint.may_be:
            yield f"$.hints[{index}].may_be", "must name at least one symptom or red flag"
    for index, number in enumerate(lexicon.cues.numbers):
        if not 0 <= number.value <= 1000:
            yield f"$.cues.numbers[{index}].value", f"must be a number from 0 to 1000, not {_shown(number.value)}"
    for index, number in enumerate(lexicon.cues.young):
        if not 0 <= number.value <= 15:
            yield f"$.cues.young[{index}].value", f"must be a child's age (0-15), not {_shown(number.value)}"
    for index, unit in enumerate(lexicon.cues.time_units):
        if not 1 <= unit.days <= 366:
            yield f"$.cues.time_units[{index}].days", f"must be a number of days (1-366), not {_shown(unit.days)}"


# The circumstances a finding can stand for; the others describe the person's situation.
#: The oldest age an age-under modifier may name, in days: 120 years, the bound of ages in years.
MAX_AGE_DAYS = 120 * 365

_FINDING_CIRCUMSTANCES = frozenset(
    {
        models.ModifierKind.CANCER_HISTORY,
        models.ModifierKind.NEUROLOGICAL_SIGNS,
        models.ModifierKind.TRAUMA,
        models.ModifierKind.MAJOR_TRAUMA,
    }
)


def _check_counts_as(counts_as: tuple[models.ModifierKind, ...]) -> Iterator[tuple[str, str]]:
    for index, kind in enumerate(counts_as):
        if kind not in _FINDING_CIRCUMSTANCES:
            allowed = ", ".join(sorted(str(k) for k in _FINDING_CIRCUMSTANCES))
            yield f"$.counts_as[{index}]", f"a finding cannot count as {str(kind)!r}; use one of {allowed}"


def _check_red_flag(flag: models.RedFlag) -> Iterator[tuple[str, str]]:
    if not flag.conditions:
        yield "$.conditions", "a red flag must point to at least one condition"
    yield from _check_counts_as(flag.counts_as)
    for index, trigger in enumerate(flag.triggers):
        at = f"$.triggers[{index}]"
        if not trigger.symptoms and trigger.age_over is None and trigger.age_under is None:
            yield at, "a trigger needs symptoms, an age, or both"
        for bound in ("age_over", "age_under"):
            value = getattr(trigger, bound)
            if value is not None and not 0 <= value <= 120:
                yield f"{at}.{bound}", f"must be an age in years (0-120), not {_shown(value)}"
        if trigger.age_over is not None and trigger.age_under is not None and trigger.age_under <= trigger.age_over + 1:
            over, under = _shown(trigger.age_over), _shown(trigger.age_under)
            yield f"{at}.age_under", f"no age is both over {over} and under {under}"
        for field in ("onset", "severity"):
            if getattr(trigger, field) and not trigger.symptoms:
                yield f"{at}.{field}", f"only a trigger with symptoms can ask for their {field}"
        yield from _check_lasting_weeks(f"{at}.lasting_weeks", trigger.lasting_weeks)
        for place, symptom in enumerate(trigger.symptoms):
            if symptom not in flag.symptoms:
                yield f"{at}.symptoms[{place}]", f"{symptom!r} is not among the red flag's symptoms"
    for index, modifier in enumerate(flag.modifiers):
        at = f"$.modifiers[{index}].together_with"
        combined = modifier.kind is models.ModifierKind.COMBINED_FLAGS
        if combined and not modifier.together_with:
            yield at, "a combined-flags modifier must name the flags or symptoms it combines with"
        elif modifier.together_with and not combined:
            yield at, f"only a combined-flags modifier names what it combines with, not {str(modifier.kind)!r}"
        if flag.id in modifier.together_with:
            yield at, "a red flag cannot combine with itself"
        harmless = modifier.kind is models.ModifierKind.HARMLESS_EXPLANATION
        aged = modifier.kind is models.ModifierKind.AGE_OVER
        if aged and modifier.age_over is None:
            yield f"$.modifiers[{index}].age_over", "an age-over modifier needs the age it applies over"
        elif modifier.age_over is not None and not (aged or combined):
            yield (
                f"$.modifiers[{index}].age_over",
                f"only an age-over or combined-flags modifier names an age, not {str(modifier.kind)!r}",
            )
        elif modifier.age_over is not None and not 0 <= modifier.age_over <= 120:
            yield f"$.modifiers[{index}].age_over", f"must be an age in years (0-120), not {_shown(modifier.age_over)}"
        young = modifier.kind is models.ModifierKind.AGE_UNDER
        if young and modifier.age_under_days is None:
            yield f"$.modifiers[{index}].age_under_days", "an age-under modifier needs the age in days it applies under"
        elif modifier.age_under_days is not None and not young:
            yield (
                f"$.modifiers[{index}].age_under_days",
                f"only an age-under modifier names an age in days, not {str(modifier.kind)!r}",
            )
        elif modifier.age_under_days is not None and not 1 <= modifier.age_under_days <= MAX_AGE_DAYS:
            yield (
                f"$.modifiers[{index}].age_under_days",
                f"must be an age in days (1-{MAX_AGE_DAYS}), not {_shown(modifier.age_under_days)}",
            )
        if modifier.onset and modifier.kind not in _FINDING_CIRCUMSTANCES and not combined:
            message = f"only what other findings bring can ask for their onset, not {str(modifier.kind)!r}"
            yield f"$.modifiers[{index}].onset", message
        if harmless and modifier.points_to:
            yield f"$.modifiers[{index}].points_to", "a harmless explanation sets the flag aside: it points to nothing"
        if harmless and modifier.urgency is not None:
            message = "a harmless explanation sets the flag aside: its urgency must be null"
            yield f"$.modifiers[{index}].urgency", message
        elif not harmless and modifier.urgency is None:
            yield f"$.modifiers[{index}].urgency", f"a {modifier.kind} modifier needs an urgency"
        elif not harmless and modifier.urgency is not None and modifier.urgency < flag.urgency:
            yield (
                f"$.modifiers[{index}].urgency",
                f"{modifier.urgency} is below the flag's own {flag.urgency}; a modifier can only raise it",
            )


# How to walk one record class: (field, operation, kinds referred to, is it a citation list).
_Plan = tuple[tuple[str, str, tuple[str, ...], bool], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """The checks one class needs, worked out once from its fields' types and metadata.

    Fields that can hold nothing to check (numbers, enums, ranges) are left out, and so are
    records that hold nothing to check, so the walk touches only what can be wrong.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        steps = []
        for field in attrs.fields(cls):
            kinds = refers_to(field)
            kind, args = typing.get_origin(field.type), typing.get_args(field.type)
            inner = [arg for arg in args if arg is not type(None) and arg is not Ellipsis]
            if kinds is not None:
                steps.append((field.name, "refs" if kind is tuple else "ref", kinds, field.name == "sources"))
            elif field.type is str:
                if field.name != "summary" and field.default is attrs.NOTHING:
                    steps.append((field.name, "str", (), False))
            elif kind is tuple and inner == [str]:
                steps.append((field.name, "strs", (), False))
            elif kind is tuple and inner and attrs.has(inner[0]) and _plan(inner[0]):
                steps.append((field.name, "records", (), False))
            else:  # a record, or an optional one
                record = field.type if attrs.has(field.type) else inner[0] if inner and attrs.has(inner[0]) else None
                if record is not None and _plan(record):
                    steps.append((field.name, "record", (), False))
        plan = _PLANS[cls] = tuple(steps)
    return plan


class Ids(dict[tuple[str, ...], frozenset[str]]):
    """The ids an id field may hold, by the kinds it refers to (``REFERS_TO``), worked out on use."""

    def __init__(self, by_id: dict[str, models.Entry]) -> None:
        super().__init__()
        self.by_id = by_id
        self._of_kind: dict[str, list[str]] = {}

    def __missing__(self, kinds: tuple[str, ...]) -> frozenset[str]:
        if kinds == ("*",):
            allowed = frozenset(self.by_id)
        else:
            if not self._of_kind:  # the ids of each kind, sorted out once for every tuple of kinds
                for ident, entry in self.by_id.items():
                    self._of_kind.setdefault(entry.kind, []).append(ident)
            allowed = frozenset().union(*(self._of_kind.get(kind, ()) for kind in kinds))
        self[kinds] = allowed
        return allowed


def _sound(values: Sequence[Any], ids: Ids) -> bool:
    """Whether :func:`_check_value` would find nothing in any of ``values`` (records): the same
    walk without paths or messages, a field at a time across all of them, so that sound content
    (nearly all content) is walked in C rather than a record at a time."""
    if not values:
        return True
    classes = set(map(type, values))
    if len(classes) > 1:
        return all(_sound([value for value in values if type(value) is cls], ids) for cls in classes)
    for name, operation, kinds, citations in _plan(classes.pop()):
        column = list(map(attrgetter(name), values))
        if operation == "refs":
            if citations and not all(column):  # a citation list is empty
                return False
            if not ids[kinds].issuperset(chain.from_iterable(column)):
                return False
            if sum(map(len, column)) != sum(map(len, map(set, column))):  # an id listed twice
                return False
        elif operation == "str":
            if not all(map(str.strip, column)):
                return False
        elif operation == "ref":
            if not ids[kinds].issuperset(column):
                return False
        elif operation == "strs":
            if not all(map(str.strip, chain.from_iterable(column))):
                return False
        elif operation == "records":
            if not _sound(list(chain.from_iterable(column)), ids):
                return False
        elif not _sound([item for item in column if item is not None], ids):
            return False
    return True


def _check_value(value: Any, path: str, by_id: dict[str, models.Entry]) -> Iterator[tuple[str, str]]:
    """Walk one record: references resolve to the right kind, citations are never empty,
    required text is never blank."""
    for name, operation, kinds, citations in _plan(type(value)):
        item = getattr(value, name)
        if operation == "ref":
            yield from _check_reference(item, kinds, f"{path}.{name}", by_id)
        elif operation == "refs":
            if citations and not item:
                yield f"{path}.{name}", "must cite at least one source"
            for index, ident in enumerate(item):
                target = by_id.get(ident)
                if target is None or (kinds != ("*",) and target.kind not in kinds):
                    yield from _check_reference(ident, kinds, f"{path}.{name}[{index}]", by_id)
            if len(set(item)) != len(item):
                yield f"{path}.{name}", "lists the same id more than once"
        elif operation == "str":
            if not item.strip():
                yield f"{path}.{name}", "must not be empty"
        elif operation == "strs":
            for index, text in enumerate(item):
                if not text.strip():
                    yield f"{path}.{name}[{index}]", "must not be empty"
        elif operation == "records":
            for index, element in enumerate(item):
                yield from _check_value(element, f"{path}.{name}[{index}]", by_id)
        elif item is not None:
            yield from _check_value(item, f"{path}.{name}", by_id)


def _check_reference(
    ident: str, kinds: tuple[str, ...], at: str, by_id: dict[str, models.Entry]
) -> Iterator[tuple[str, str]]:
    target = by_id.get(ident)
    wanted = " or ".join(kind.replace("-", " ") for kind in kinds)
    if target is None:
        yield at, f"refers to {ident!r}, which is not an entry" + ("" if kinds == ("*",) else f" (expected a {wanted})")
    elif kinds != ("*",) and target.kind not in kinds:
        yield at, f"refers to {ident!r}, which is a {target.kind.replace('-', ' ')}, not a {wanted}"


# What an exercise of each kind must name among its muscles: strengthening and stability work
# trains a target; a stretch lengthens a muscle. Mobility work (a nerve glide, a press-up) may
# name none: it moves a joint through its range.
_NEEDS_ROLE = {
    models.ExerciseKind.STRENGTHENING: models.MuscleRole.TARGET,
    models.ExerciseKind.STABILITY: models.MuscleRole.TARGET,
    models.ExerciseKind.STRETCH: models.MuscleRole.STRETCHED,
}


# The largest amounts a dose may give: beyond them a value is a typing slip, and far beyond them
# (2**63 and up) no export could hold it.
_MOST_SETS = 20
_LONGEST_HOLD = 600
_MOST_REPETITIONS = 1000
#: The years a source may carry.
EARLIEST_YEAR, LATEST_YEAR = 1800, 2100


def _within(amount: models.Range, most: int) -> bool:
    """Whether a range (an open one by its lower end) stays at or below ``most``."""
    return (amount.min if amount.max is None else amount.max) <= most


def _shown(value: int) -> str:
    """A number for a message: in full unless it is absurdly long."""
    return str(value) if abs(value) < 10**12 else f"a number of {len(str(abs(value)))} digits"


def _shown_range(amount: models.Range) -> str:
    if abs(amount.min) < 10**12 and (amount.max is None or abs(amount.max) < 10**12):
        return str(amount)
    return "a number beyond any dose"


def _check_exercise(exercise: models.Exercise) -> Iterator[tuple[str, str]]:
    needed = _NEEDS_ROLE.get(exercise.exercise_kind)
    if needed is not None and needed not in {worked.role for worked in exercise.muscles}:
        yield "$.muscles", f"a {exercise.exercise_kind.label} exercise must name at least one {needed.label} muscle"
    seen: set[str] = set()
    for index, worked in enumerate(exercise.muscles):
        if worked.muscle in seen:
            yield f"$.muscles[{index}].muscle", f"{worked.muscle!r} is listed twice; give each muscle one role"
        seen.add(worked.muscle)
    if not exercise.regions:
        yield "$.regions", "an exercise needs at least one region"
    if not exercise.movements:
        yield "$.movements", "an exercise needs at least one movement"
    for index, contraindication in enumerate(exercise.contraindications):
        if not contraindication.conditions:
            yield f"$.contraindications[{index}].conditions", "must name at least one condition or red flag"
    if not exercise.steps:
        yield "$.steps", "an exercise needs at least one step"
    dosage = exercise.dosage
    sets = dosage.sets
    if sets.start < 1:
        yield "$.dosage.sets.start", "must be at least 1"
    elif sets.start > _MOST_SETS:
        yield "$.dosage.sets.start", f"must be a number of sets (1-{_MOST_SETS}), not {_shown(sets.start)}"
    elif sets.target.min < sets.start:
        yield "$.dosage.sets.target", f"the target ({sets.target}) is below the starting {sets.start} sets"
    elif not _within(sets.target, _MOST_SETS):
        yield "$.dosage.sets.target", f"must be a number of sets (1-{_MOST_SETS}), not {_shown_range(sets.target)}"
    week = dosage.sessions_per_week
    if week.min < 1 or week.max is None or week.max > 7:
        yield "$.dosage.sessions_per_week", f"must lie within 1-7 sessions a week, not {_shown_range(week)}"
    elif not 0 <= dosage.rest_days_per_week <= 7 - week.min:
        yield (
            "$.dosage.rest_days_per_week",
            f"{_shown(dosage.rest_days_per_week)} rest days do not fit beside {week.min} sessions a week",
        )
    for name, most, unit in (("hold_seconds", _LONGEST_HOLD, "seconds"), ("repetitions", _MOST_REPETITIONS, "")):
        amount = getattr(dosage, name)
        if amount is not None and amount.min < 1:
            yield f"$.dosage.{name}", "must be at least 1"
        elif amount is not None and not _within(amount, most):
            yield f"$.dosage.{name}", f"must lie within 1-{most}{' ' * bool(unit)}{unit}, not {_shown_range(amount)}"
    for index, variation in enumerate(exercise.variations):
        if variation.exercise == exercise.id:
            yield f"$.variations[{index}].exercise", "an exercise cannot be a variation of itself"


def _check_links(records: Records, by_id: dict[str, models.Entry]) -> Iterator[tuple[str, models.Entry, str]]:
    """Links that must agree on both ends, and the progression ladder that must not loop."""
    for region in records.get(models.Region, ()):
        assert isinstance(region, models.Region)
        for index, link in enumerate(region.links):
            other = by_id.get(link.region)
            if link.region == region.id:
                yield f"$.links[{index}].region", region, "a region cannot link to itself"
            elif isinstance(other, models.Region) and region.id not in {back.region for back in other.links}:
                yield f"$.links[{index}].region", region, f"{other.id!r} does not link back to {region.id!r}"
    yield from _listed_back(records.get(models.Condition, ()), "red_flags", "red-flag", "conditions", by_id)
    yield from _listed_back(records.get(models.RedFlag, ()), "conditions", "condition", "red_flags", by_id)
    yield from _points_to_listed_back(records.get(models.RedFlag, ()), by_id)
    yield from _check_ladder(records.get(models.Exercise, ()))
    yield from _check_role_groups(records.get(models.Exercise, ()), by_id)
    yield from _check_variations_back(records.get(models.Exercise, ()), by_id)


_OPPOSITE = {
    models.VariationRelation.EASIER: models.VariationRelation.HARDER,
    models.VariationRelation.HARDER: models.VariationRelation.EASIER,
    models.VariationRelation.ALTERNATIVE: models.VariationRelation.ALTERNATIVE,
}


def _check_variations_back(
    exercises: tuple[models.Entry, ...], by_id: dict[str, models.Entry]
) -> Iterator[tuple[str, models.Entry, str]]:
    """A variation is listed on both ends, the other way round: if A lists B as harder, B lists A
    as easier (and alternatives both ways), so a ladder reads the same from any of its rungs."""
    for exercise in exercises:
        assert isinstance(exercise, models.Exercise)
        for index, variation in enumerate(exercise.variations):
            other = by_id.get(variation.exercise)
            if not isinstance(other, models.Exercise) or other.id == exercise.id:
                continue
            expected = _OPPOSITE[variation.relation]
            if not any(back.exercise == exercise.id and back.relation is expected for back in other.variations):
                message = f"exercise {other.id!r} does not list {exercise.id!r} as {expected.label}"
                yield f"$.variations[{index}].exercise", exercise, message


def _check_role_groups(
    exercises: tuple[models.Entry, ...], by_id: dict[str, models.Entry]
) -> Iterator[tuple[str, models.Entry, str]]:
    """The groups a worked muscle plays its role for are groups that muscle belongs to."""
    for exercise in exercises:
        assert isinstance(exercise, models.Exercise)
        for index, worked in enumerate(exercise.muscles):
            muscle = by_id.get(worked.muscle)
            if not isinstance(muscle, models.Muscle):
                continue
            own = {place.group for place in muscle.groups}
            for place, group in enumerate(worked.groups):
                if group in by_id and group not in own:
                    message = f"muscle {worked.muscle!r} does not belong to the muscle group {group!r}"
                    yield f"$.muscles[{index}].groups[{place}]", exercise, message


def _back(other: models.Entry, back_field: str) -> tuple[str, ...]:
    """The ids ``other`` lists in ``back_field``; a red flag's conditions include those its
    modifiers point to."""
    if isinstance(other, models.RedFlag) and back_field == "conditions":
        return other.may_point_to
    listed: tuple[str, ...] = getattr(other, back_field)
    return listed


def _points_to_listed_back(
    flags: tuple[models.Entry, ...], by_id: dict[str, models.Entry]
) -> Iterator[tuple[str, models.Entry, str]]:
    """Each condition a modifier points to lists the red flag among its red flags."""
    for flag in flags:
        assert isinstance(flag, models.RedFlag)
        for index, modifier in enumerate(flag.modifiers):
            for place, ident in enumerate(modifier.points_to):
                other = by_id.get(ident)
                if isinstance(other, models.Condition) and flag.id not in other.red_flags:
                    message = f"condition {ident!r} does not list {flag.id!r} in its red flags"
                    yield f"$.modifiers[{index}].points_to[{place}]", flag, message


def _listed_back(
    entries: tuple[models.Entry, ...], field: str, other_kind: str, back_field: str, by_id: dict[str, models.Entry]
) -> Iterator[tuple[str, models.Entry, str]]:
    """Each id in ``field`` names an entry of ``other_kind`` whose ``back_field`` lists this entry."""
    for entry in entries:
        for index, ident in enumerate(getattr(entry, field)):
            other = by_id.get(ident)
            if other is not None and other.kind == other_kind and entry.id not in _back(other, back_field):
                what, back = other_kind.replace("-", " "), back_field.replace("_", " ")
                yield f"$.{field}[{index}]", entry, f"{what} {ident!r} does not list {entry.id!r} in its {back}"


def _check_ladder(exercises: tuple[models.Entry, ...]) -> Iterator[tuple[str, models.Entry, str]]:
    harder: dict[str, set[str]] = {}
    for exercise in exercises:
        assert isinstance(exercise, models.Exercise)
        for variation in exercise.variations:
            if variation.relation is models.VariationRelation.HARDER:
                harder.setdefault(exercise.id, set()).add(variation.exercise)
            elif variation.relation is models.VariationRelation.EASIER:
                harder.setdefault(variation.exercise, set()).add(exercise.id)
    state: dict[str, int] = {}  # 1 while on the current path, 2 when finished
    for start in sorted(harder):
        if state.get(start):
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(harder.get(start, ())))]
        state[start] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                state[node] = 2
                stack.pop()
                continue
            nxt = todo.pop()
            if state.get(nxt) == 1:
                loop = [name for name, _ in stack[[name for name, _ in stack].index(nxt) :]] + [nxt]
                # A loop always runs through an exercise that lists a variation; report it there.
                where = next(e for e in exercises if e.id in loop)
                yield "$.variations", where, "easier/harder variations go round in a loop: " + " -> ".join(loop)
                state[nxt] = 2
            elif not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, sorted(harder.get(nxt, ()))))
