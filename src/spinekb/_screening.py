"""Red-flag screening: what a person reports, weighed the way the evidence says.

Every rule below reads the content; the red flags' ``triggers``, ``modifiers`` and ``counts_as``
say what raises a flag and what changes its weight. This module only applies them:

1. **Findings.** Each finding names a red flag or a symptom (id, name or alias). A red flag
   named directly is raised. A symptom raises every flag that has a trigger made only of
   reported symptoms (a trigger needs all its symptoms), and ``age`` raises the flags whose
   age trigger it passes. A symptom that raises no flag is kept as an *other finding*; nothing
   is dropped, and anything unknown is an error.
2. **Own urgency.** A raised flag starts at its own urgency.
3. **Modifiers** raise it (never lower it) when their circumstance is known to hold:

   - ``severe-persistent-pain``: ``pain_severity="severe"`` and ``pain_duration_weeks`` of at
     least :data:`SEVERAL_WEEKS` (4: past the acute stage); ``severe-new-pain``: severe pain
     of fewer weeks than that.
   - ``cancer-history``, ``neurological-signs``, ``trauma``, ``major-trauma``: another finding
     counts as that circumstance (a flag's or symptom's ``counts_as``). A flag's own
     ``counts_as``, and the symptoms of its own triggers, never count for itself.
   - ``combined-flags``: one of the modifier's ``together_with`` flags is raised too, or one of
     its symptoms is reported.

   A modifier whose circumstance is not known, and that would raise the flag, is listed as a
   sign to watch for rather than hidden.
4. **Harmless explanations.** A flag listed in ``explained`` is set aside (still listed, no
   longer counted, and lending no circumstance to others) only when its entry has a
   ``harmless-explanation`` modifier. Any other flag keeps counting, and the screening says why.
5. **Overall urgency** is the highest urgency of the counted flags and of the reported symptoms'
   own ``seek_care`` (sciatica: see a clinician soon); self-care when there is neither.

So adding a finding can only add flags or circumstances (urgency never drops), and explaining a
flag can only take one away (urgency never rises).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import attrs

from spinekb._render import NOTICE, URGENCY_HEADINGS, wrap
from spinekb._resolve import resolve_among
from spinekb.models import (
    Condition,
    Entry,
    Escalation,
    Modifier,
    ModifierKind,
    RedFlag,
    Source,
    Statement,
    Symptom,
    Urgency,
    Vocabulary,
)

if TYPE_CHECKING:
    from spinekb._knowledge import KnowledgeBase

__all__ = ["SEVERAL_WEEKS", "PainSeverity", "ScreenedCondition", "ScreenedFlag", "Screening", "screen"]


class PainSeverity(Vocabulary):
    """How bad the pain is, in the person's own words."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


#: Weeks of pain that count as "several weeks" for the severe-persistent-pain modifier: 4, the
#: end of the acute stage (acute low back pain has lasted under 4 weeks).
SEVERAL_WEEKS = 4

#: Why :data:`SEVERAL_WEEKS` is 4, with its sources.
SEVERAL_WEEKS_REASON = Statement(
    text=(
        "A red flag together with severe low back pain lasting several weeks is a reason to get checked. "
        "spinekb reads several weeks as 4 weeks or more: pain counts as acute for under 4 weeks, "
        "subacute from 4 to 12 weeks and chronic after that."
    ),
    sources=("seed-red-flag-commentary", "acp-2017"),
)

#: What to do, for each overall urgency (the flags behind it add their own sources).
ADVICE = {
    Urgency.EMERGENCY: (
        "Go to an emergency department now, or call emergency services. Do not wait for an appointment."
    ),
    Urgency.URGENT: "Get a medical review today: contact a doctor or an urgent care service the same day.",
    Urgency.SOON: "See a clinician within days to weeks, and sooner if anything gets worse or a new sign appears.",
    Urgency.SELF_CARE: (
        "Keep active and manage the pain yourself; see a clinician if it is not improving, "
        "if it is severe or getting worse, or if a new sign appears."
    ),
}

#: Said when nothing reported is a red flag.
NO_FLAGS = (
    Statement(
        text=(
            "No red flag counts among what was reported. Serious causes are rare: in a primary-care study "
            "of people with new low back pain, fewer than 1 in 100 had one, although most had a red flag."
        ),
        sources=("henschke-2009",),
    ),
    Statement(
        text="Usual care for back pain without red flags centres on reassurance, staying active and self-management.",
        sources=("nice-ng59",),
    ),
)

_CONTEXT_KINDS = frozenset(
    {ModifierKind.CANCER_HISTORY, ModifierKind.NEUROLOGICAL_SIGNS, ModifierKind.TRAUMA, ModifierKind.MAJOR_TRAUMA}
)


@attrs.frozen(kw_only=True)
class ScreenedFlag:
    """One red flag raised by a screening, and how much it weighs.

    Attributes:
        red_flag: the red flag.
        urgency: its urgency after the modifiers that apply.
        counted: False when a harmless explanation set it aside; it then adds nothing.
        raised_by: what raised it, in words ("reported", "Fever (symptom)", "age 75").
        applied: the modifiers that apply, in the flag's order.
        watch_for: modifiers that would make it more urgent if their circumstance turned out
            to hold (not known from what was reported).
        note: anything else to say, such as why an explanation could not set it aside.
    """

    red_flag: RedFlag
    urgency: Urgency
    counted: bool
    raised_by: tuple[str, ...]
    applied: tuple[Modifier, ...] = ()
    watch_for: tuple[Modifier, ...] = ()
    note: str | None = None

    def __str__(self) -> str:
        state = self.urgency.label if self.counted else "set aside"
        return f"{self.red_flag.name} ({state})"


@attrs.frozen(kw_only=True)
class ScreenedCondition:
    """A condition that a screening's red flags point to. Pointed to, not diagnosed.

    Attributes:
        condition: the condition.
        red_flags: the counted flags that point to it.
        urgency: the highest urgency among those flags.
    """

    condition: Condition
    red_flags: tuple[RedFlag, ...]
    urgency: Urgency

    def __str__(self) -> str:
        names = ", ".join(flag.name for flag in self.red_flags)
        return f"{self.condition.name} (pointed to by {names})"


@attrs.frozen(kw_only=True)
class Screening:
    """What :meth:`spinekb.KnowledgeBase.screen` found. It informs; it does not diagnose.

    Attributes:
        urgency: the overall urgency: emergency, urgent, soon or self-care.
        red_flags: the counted red flags, most urgent first.
        set_aside: flags set aside by a harmless explanation (listed, not counted).
        conditions: the conditions the counted flags point to, most urgent first.
        other_findings: reported symptoms that are not red flags on their own.
        advice: what to do, in plain language, with sources; the first item fits the urgency.
        emergency_signs: emergency red flags not among the findings: go to an emergency
            department at once if any appears.
        sources: every source behind the answer, in id order.
        notice: the not-a-diagnosis notice.
        findings: the red flags and symptoms the findings named, in the order given.
        age: the age given, if any.
        pain_duration_weeks: how long the pain has lasted, if given.
        pain_severity: how bad the pain is, if given.
    """

    urgency: Urgency
    red_flags: tuple[ScreenedFlag, ...]
    set_aside: tuple[ScreenedFlag, ...]
    conditions: tuple[ScreenedCondition, ...]
    other_findings: tuple[Symptom, ...]
    advice: tuple[Statement, ...]
    emergency_signs: tuple[RedFlag, ...]
    sources: tuple[Source, ...]
    notice: str = NOTICE
    findings: tuple[RedFlag | Symptom, ...] = ()
    age: int | None = None
    pain_duration_weeks: float | None = None
    pain_severity: PainSeverity | None = None

    @property
    def reasons(self) -> tuple[Statement, ...]:
        """Why the urgency is what it is: the applied modifiers, then each counted flag's
        evidence, without repeats."""
        seen: dict[str, Statement] = {}
        for flag in self.red_flags:
            for modifier in flag.applied:
                seen.setdefault(modifier.text, Statement(text=modifier.text, sources=modifier.sources))
        for flag in self.red_flags:
            for statement in flag.red_flag.evidence:
                seen.setdefault(statement.text, statement)
        return tuple(seen.values())

    def __str__(self) -> str:
        return "\n".join(_lines(self))

    def __repr__(self) -> str:
        counted, aside = len(self.red_flags), len(self.set_aside)
        return f"<Screening: {self.urgency}, {counted} red flag{'s' * (counted != 1)} counted, {aside} set aside>"

    def _repr_html_(self) -> str:
        """The screening as an HTML card for Jupyter: the urgency first; nothing hidden."""
        from spinekb._html import screening_html

        return screening_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The screening as plain data (str, int, float, bool, None, lists and dicts) for an app."""

        def statement(item: Statement) -> dict[str, Any]:
            return {"text": item.text, "sources": list(item.sources)}

        def modifier(item: Modifier) -> dict[str, Any]:
            return {
                "kind": str(item.kind),
                "urgency": None if item.urgency is None else str(item.urgency),
                "text": item.text,
                "sources": list(item.sources),
            }

        def flag(item: ScreenedFlag) -> dict[str, Any]:
            return {
                "id": item.red_flag.id,
                "name": item.red_flag.name,
                "urgency": str(item.urgency),
                "counted": item.counted,
                "raised_by": list(item.raised_by),
                "applied": [modifier(m) for m in item.applied],
                "watch_for": [modifier(m) for m in item.watch_for],
                "note": item.note,
            }

        return {
            "urgency": str(self.urgency),
            "red_flags": [flag(item) for item in self.red_flags],
            "set_aside": [flag(item) for item in self.set_aside],
            "conditions": [
                {
                    "id": item.condition.id,
                    "name": item.condition.name,
                    "urgency": str(item.urgency),
                    "red_flags": [f.id for f in item.red_flags],
                }
                for item in self.conditions
            ],
            "other_findings": [{"id": item.id, "name": item.name} for item in self.other_findings],
            "advice": [statement(item) for item in self.advice],
            "reasons": [statement(item) for item in self.reasons],
            "emergency_signs": [{"id": item.id, "name": item.name} for item in self.emergency_signs],
            "sources": [item.id for item in self.sources],
            "notice": self.notice,
            "findings": [{"id": item.id, "kind": item.kind} for item in self.findings],
            "age": self.age,
            "pain_duration_weeks": self.pain_duration_weeks,
            "pain_severity": None if self.pain_severity is None else str(self.pain_severity),
        }


# --- the screen --------------------------------------------------------------------------------


def screen(
    kb: KnowledgeBase,
    findings: Iterable[RedFlag | Symptom | str] | RedFlag | Symptom | str,
    *,
    age: int | None = None,
    pain_duration_weeks: float | None = None,
    pain_severity: PainSeverity | str | None = None,
    explained: Iterable[RedFlag | Symptom | str] | RedFlag | Symptom | str = (),
) -> Screening:
    """Weigh what a person reports; see the module docstring for the rules."""
    named = _resolve_all(kb, findings, "findings")
    age = _check_age(age)
    weeks = _check_weeks(pain_duration_weeks)
    severity = _check_severity(pain_severity)
    severe = severity is PainSeverity.SEVERE and weeks is not None
    pain = (
        severe and weeks is not None and weeks >= SEVERAL_WEEKS,
        severe and weeks is not None and weeks < SEVERAL_WEEKS,
    )

    for entry in named:
        if isinstance(entry, RedFlag) and age is not None and entry.triggers:
            ages = [t.age_over for t in entry.triggers if not t.symptoms and t.age_over is not None]
            if len(ages) == len(entry.triggers) and all(age <= limit for limit in ages):
                raise ValueError(
                    f"findings name {entry.name!r}, but age={age} is not over {min(ages)}; leave one of them out"
                )
    symptoms = {entry.id: entry for entry in named if isinstance(entry, Symptom)}
    raised: dict[str, list[str]] = {}  # flag id -> what raised it
    raising_symptoms: dict[str, set[str]] = {}
    for entry in named:
        if isinstance(entry, RedFlag):
            raised.setdefault(entry.id, []).append("reported")
    # Only flags that a reported symptom or the age can trigger are looked at, so the cost grows
    # with the findings, not with the knowledge base.
    candidates: dict[str, RedFlag] = {}
    for ident in symptoms:
        for flag in kb._flags_by_trigger_symptom.get(ident, ()):
            candidates.setdefault(flag.id, flag)
    if age is not None:
        for flag in kb._flags_with_age_trigger:
            candidates.setdefault(flag.id, flag)
    for flag in sorted(candidates.values(), key=lambda flag: flag.id):
        for trigger in flag.triggers:
            if not all(ident in symptoms for ident in trigger.symptoms):
                continue
            if trigger.age_over is not None and (age is None or age <= trigger.age_over):
                continue
            reasons = [f"{kb.symptoms[ident].name} (symptom)" for ident in trigger.symptoms]
            if trigger.age_over is not None:
                reasons.append(f"age {age} (over {trigger.age_over})")
            raised.setdefault(flag.id, []).extend(reasons)
            raising_symptoms.setdefault(flag.id, set()).update(trigger.symptoms)

    explained_ids = _explained(kb, explained, raised)
    set_aside = {
        ident
        for ident in explained_ids
        if any(m.kind is ModifierKind.HARMLESS_EXPLANATION for m in kb.red_flags[ident].modifiers)
    }
    counted_ids = [ident for ident in raised if ident not in set_aside]

    # Which finding lends which circumstance: (circumstance, id of the flag or symptom).
    lent = [(kind, ident) for ident in counted_ids for kind in kb.red_flags[ident].counts_as]
    lent += [(kind, ident) for ident, symptom in symptoms.items() for kind in symptom.counts_as]

    found = set(counted_ids) | set(symptoms)
    screened: list[ScreenedFlag] = []
    for ident, how in raised.items():
        flag = kb.red_flags[ident]
        # The flag and every symptom that could raise it never lend it a circumstance (fixed, so
        # that adding a finding can never take a circumstance away).
        own = {ident}.union(*(trigger.symptoms for trigger in flag.triggers))
        present = {kind for kind, source in lent if source not in own}
        weighing = [m for m in flag.modifiers if m.kind is not ModifierKind.HARMLESS_EXPLANATION]
        applied = [m for m in weighing if _holds(m, present, pain, found)]
        urgency = max([flag.urgency, *(m.urgency for m in applied if m.urgency is not None)])
        watch = [m for m in weighing if m not in applied and m.urgency is not None and m.urgency > urgency]
        note = None
        if ident in explained_ids and ident not in set_aside:
            note = (
                "A harmless explanation was given, but this flag still counts: its entry records no harmless "
                "explanation that sets it aside. Ask a clinician."
            )
        elif ident in set_aside:
            explanation = next(m for m in flag.modifiers if m.kind is ModifierKind.HARMLESS_EXPLANATION)
            note = explanation.text
        screened.append(
            ScreenedFlag(
                red_flag=flag,
                urgency=urgency,
                counted=ident not in set_aside,
                raised_by=tuple(dict.fromkeys(how)),
                applied=tuple(applied),
                watch_for=tuple(watch),
                note=note,
            )
        )

    screened.sort(key=lambda item: (-item.urgency.rank, item.red_flag.id))
    counted = tuple(item for item in screened if item.counted)
    care = tuple(symptom.seek_care for symptom in symptoms.values() if symptom.seek_care is not None)
    overall = max((*(item.urgency for item in counted), *(e.urgency for e in care)), default=Urgency.SELF_CARE)

    conditions: dict[str, list[ScreenedFlag]] = {}
    for item in counted:
        for condition in item.red_flag.conditions:
            conditions.setdefault(condition, []).append(item)
    screened_conditions = sorted(
        (
            ScreenedCondition(
                condition=kb.conditions[ident],
                red_flags=tuple(item.red_flag for item in items),
                urgency=max(item.urgency for item in items),
            )
            for ident, items in conditions.items()
        ),
        key=lambda item: (-item.urgency.rank, -len(item.red_flags), item.condition.id),
    )

    triggered = set().union(*raising_symptoms.values()) if raising_symptoms else set()
    others = tuple(symptom for ident, symptom in symptoms.items() if ident not in triggered)
    advice = _advice(overall, counted, care, severity is PainSeverity.SEVERE)
    counted_ids_set = {item.red_flag.id for item in counted}
    emergency_signs = tuple(flag for flag in kb._emergency_flags if flag.id not in counted_ids_set)

    cited: set[str] = set()
    for statement in advice:
        cited.update(statement.sources)
    for item in screened:
        cited.update(item.red_flag.sources)
        for modifier in (*item.applied, *item.watch_for):
            cited.update(modifier.sources)
        for statement in item.red_flag.evidence:
            cited.update(statement.sources)
    return Screening(
        urgency=overall,
        red_flags=counted,
        set_aside=tuple(item for item in screened if not item.counted),
        conditions=tuple(screened_conditions),
        other_findings=others,
        advice=advice,
        emergency_signs=emergency_signs,
        sources=tuple(kb.sources[ident] for ident in sorted(cited) if ident in kb.sources),
        findings=named,
        age=age,
        pain_duration_weeks=weeks,
        pain_severity=severity,
    )


def _holds(modifier: Modifier, present: set[ModifierKind], pain: tuple[bool, bool], found: set[str]) -> bool:
    if modifier.kind is ModifierKind.SEVERE_PERSISTENT_PAIN:
        return pain[0]
    if modifier.kind is ModifierKind.SEVERE_NEW_PAIN:
        return pain[1]
    if modifier.kind is ModifierKind.COMBINED_FLAGS:
        return any(ident in found for ident in modifier.together_with)
    return modifier.kind in _CONTEXT_KINDS and modifier.kind in present


def _advice(
    overall: Urgency, counted: tuple[ScreenedFlag, ...], care: tuple[Escalation, ...], severe: bool
) -> tuple[Statement, ...]:
    symptoms = tuple(Statement(text=e.when, sources=e.sources) for e in care)
    if not counted and overall is Urgency.SELF_CARE:
        return (Statement(text=ADVICE[Urgency.SELF_CARE], sources=("nice-ng59",)), *NO_FLAGS)
    if not counted:
        behind = tuple(dict.fromkeys(ident for e in care if e.urgency is overall for ident in e.sources))
        return (Statement(text=ADVICE[overall], sources=behind), *symptoms, *NO_FLAGS)
    behind_flags = [item for item in counted if item.urgency is overall]
    sources: dict[str, None] = {}
    for escalation in care:
        if escalation.urgency is overall:
            sources.update(dict.fromkeys(escalation.sources))
    for item in behind_flags:
        for modifier in item.applied:
            if modifier.urgency is overall:
                sources.update(dict.fromkeys(modifier.sources))
        if item.red_flag.urgency is overall:
            sources.update(dict.fromkeys(item.red_flag.sources))
    advice = [Statement(text=ADVICE[overall], sources=tuple(sources))]
    seen = {advice[0].text}
    for item in counted:
        for modifier in item.applied:
            if modifier.text not in seen:
                seen.add(modifier.text)
                advice.append(Statement(text=modifier.text, sources=modifier.sources))
    for statement in symptoms:
        if statement.text not in seen:
            seen.add(statement.text)
            advice.append(statement)
    if severe and any(m.kind is ModifierKind.SEVERE_PERSISTENT_PAIN for i in counted for m in i.red_flag.modifiers):
        advice.append(SEVERAL_WEEKS_REASON)  # applied, or to say when it would apply
    return tuple(advice)


# --- arguments ---------------------------------------------------------------------------------


def _resolve_all(kb: KnowledgeBase, values: object, parameter: str) -> tuple[RedFlag | Symptom, ...]:
    if isinstance(values, (str, Entry)):
        values = (values,)
    elif not isinstance(values, Iterable):
        expected = "red flags or symptoms (records, ids, names or aliases)"
        raise TypeError(f"{parameter}= expects {expected}, got {type(values).__name__}")
    found: dict[str, RedFlag | Symptom] = {}
    for value in values:
        entry = _finding(kb, value, parameter)
        found.setdefault(entry.id, entry)
    return tuple(found.values())


def _finding(kb: KnowledgeBase, value: object, parameter: str) -> RedFlag | Symptom:
    found = resolve_among((kb.red_flags, kb.symptoms), value, parameter, "red flags or symptoms")
    return cast("RedFlag | Symptom", found)


def _explained(kb: KnowledgeBase, explained: object, raised: dict[str, list[str]]) -> set[str]:
    """The ids of the raised flags that ``explained=`` names (directly or by a symptom)."""
    ids: set[str] = set()
    for entry in _resolve_all(kb, explained, "explained"):
        if isinstance(entry, RedFlag):
            flags = [entry.id]
        else:
            flags = [flag.id for flag in kb._flags_by_trigger_symptom.get(entry.id, ())]
        hits = [ident for ident in flags if ident in raised]
        if not hits:
            raise ValueError(
                f"explained= names {entry.name!r}, which raised no red flag among the findings; "
                "list it in findings too, or leave it out of explained"
            )
        ids.update(hits)
    return ids


def _check_age(age: object) -> int | None:
    if age is None:
        return None
    if isinstance(age, bool) or not isinstance(age, int):
        raise TypeError(f"age= expects whole years (an int) or None, got {type(age).__name__}")
    if not 0 <= age <= 130:
        raise ValueError(f"age= must be between 0 and 130 years, not {age}")
    return age


def _check_weeks(weeks: object) -> float | None:
    if weeks is None:
        return None
    if isinstance(weeks, bool) or not isinstance(weeks, (int, float)):
        raise TypeError(f"pain_duration_weeks= expects a number of weeks or None, got {type(weeks).__name__}")
    if not math.isfinite(weeks) or weeks < 0:
        raise ValueError(f"pain_duration_weeks= must be a finite number of weeks, 0 or more, not {weeks}")
    return weeks


def _check_severity(severity: object) -> PainSeverity | None:
    if severity is None or isinstance(severity, PainSeverity):
        return severity
    if not isinstance(severity, str):
        raise TypeError(f"pain_severity= expects 'mild', 'moderate' or 'severe', got {type(severity).__name__}")
    try:
        return PainSeverity(severity.strip().lower())
    except ValueError:
        raise ValueError(f"pain_severity= must be 'mild', 'moderate' or 'severe', not {severity!r}") from None


# --- text --------------------------------------------------------------------------------------

_HEADINGS = {
    **URGENCY_HEADINGS,
    Urgency.SELF_CARE: "SELF-CARE: no red flag counts; see a clinician if it is severe, getting worse or not improving",
}


def _cite(sources: tuple[str, ...]) -> str:
    return f" [{', '.join(sources)}]" if sources else ""


def _lines(screening: Screening) -> list[str]:
    lines = [_HEADINGS[screening.urgency], ""]
    lines.extend(wrap(f"{item.text}{_cite(item.sources)}", first="  ", indent="    ") for item in screening.advice)
    if screening.red_flags:
        lines += ["", "Red flags:"]
        for flag in screening.red_flags:
            lines.extend(_flag_lines(flag))
    if screening.set_aside:
        lines += ["", "Set aside (a harmless explanation was given):"]
        for flag in screening.set_aside:
            lines.extend(_flag_lines(flag))
    if screening.conditions:
        lines += ["", "They point to (possibilities to check, not a diagnosis):"]
        lines.extend(wrap(str(item), first="  ", indent="    ") for item in screening.conditions)
    if screening.other_findings:
        names = ", ".join(symptom.name for symptom in screening.other_findings)
        lines += ["", wrap(f"Also reported, not red flags on their own: {names}.")]
    if screening.emergency_signs:
        names = "; ".join(flag.name for flag in screening.emergency_signs)
        lines += ["", wrap(f"Go to an emergency department at once if any of these appears: {names}.")]
    lines += ["", wrap("Sources: " + ", ".join(source.id for source in screening.sources)), "", wrap(screening.notice)]
    return lines


def _flag_lines(flag: ScreenedFlag) -> list[str]:
    state = flag.urgency.label if flag.counted else "set aside"
    lines = [f"  {flag.red_flag.name} [{flag.red_flag.id}]: {state}"]
    lines.append(wrap("raised by: " + ", ".join(flag.raised_by), first="      ", indent="        "))
    for modifier in flag.applied:
        lines.append(wrap(f"applies: {modifier.text}{_cite(modifier.sources)}", first="      ", indent="        "))
    for statement in flag.red_flag.evidence[:1]:
        lines.append(wrap(f"evidence: {statement.text}{_cite(statement.sources)}", first="      ", indent="        "))
    if flag.note:
        lines.append(wrap(f"note: {flag.note}", first="      ", indent="        "))
    for modifier in flag.watch_for:
        assert modifier.urgency is not None  # only modifiers that raise the urgency are watched
        lines.append(
            wrap(
                f"watch for ({modifier.urgency.label}): {modifier.text}{_cite(modifier.sources)}",
                first="      ",
                indent="        ",
            )
        )
    return lines
