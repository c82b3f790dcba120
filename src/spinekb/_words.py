"""The phrases people read, shared by every feature and display: the notice, urgency headings,
doses and triggers in words, and the width text is filled to."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spinekb import models

__all__ = [
    "ACT_AT_ONCE",
    "NOTICE",
    "ROLE_VERBS",
    "SCREENING_HEADINGS",
    "STRENGTH",
    "URGENCY_HEADINGS",
    "age_in_days",
    "age_words",
    "and_list",
    "count",
    "dosage_text",
    "trigger_text",
    "wrap",
]

#: Shown wherever a person reads clinical content.
NOTICE = (
    "spinekb informs; it does not diagnose. It cannot tell what is causing anyone's pain. "
    "If you are worried about a symptom, or it is severe or getting worse, see a clinician."
)

_WIDTH = 88

#: How each muscle role reads before a muscle's name: a stretch "stretches", it never "works".
ROLE_VERBS = {
    models.MuscleRole.TARGET: "trains",
    models.MuscleRole.SYNERGIST: "also works",
    models.MuscleRole.STABILISER: "steadies with",
    models.MuscleRole.STRETCHED: "stretches",
}


#: A heading for each urgency, for people: what it means in practice.
URGENCY_HEADINGS = {
    models.Urgency.EMERGENCY: "EMERGENCY: call emergency services or go to an emergency department now",
    models.Urgency.URGENT: "URGENT: get a medical review today",
    models.Urgency.SOON: "SOON: see a clinician within days to weeks",
    models.Urgency.SELF_CARE: "SELF-CARE: manage it yourself; get reviewed if it is not improving",
}

#: The heading of a screening's answer for each overall urgency: the urgency headings, except that
#: self-care says that no red flag counts.
SCREENING_HEADINGS = {
    **URGENCY_HEADINGS,
    models.Urgency.SELF_CARE: (
        "SELF-CARE: no red flag counts; see a clinician if it is severe, getting worse or not improving"
    ),
}

#: What a screening says before the signs to act on at once, in text and in HTML alike.
ACT_AT_ONCE = "Call emergency services or go to an emergency department at once if any of these appears"

#: How much a red flag says on its own, in words.
STRENGTH = {
    models.Informativeness.HIGH: "a strong sign",
    models.Informativeness.MODERATE: "a moderate sign",
    models.Informativeness.LOW: "a weak sign",
    models.Informativeness.UNKNOWN: "strength not established",
}


def dosage_text(dosage: models.Dosage) -> str:
    """A dose in words: "hold 3-5 s; 10 repetitions; 1 set, building to 2-3; 3-5 sessions a week".

    The dose's notes and sources are not included; :func:`render_text` lists them under it."""
    parts = []
    if dosage.hold_seconds is not None:
        parts.append(f"hold {dosage.hold_seconds} s")
    if dosage.repetitions is not None:
        reps = f"{dosage.repetitions} repetition{'' if dosage.repetitions == models.Range(1, 1) else 's'}"
        if dosage.tempo is not None:
            reps += f", {dosage.tempo.label}"
        parts.append(reps)
    sets = dosage.sets
    plural = "s" if sets.start != 1 else ""
    if sets.target == models.Range(sets.start, sets.start):
        parts.append(f"{sets.start} set{plural}")
    else:
        parts.append(f"{sets.start} set{plural}, building to {sets.target}")
    if dosage.per_side:
        parts.append("each side")
    parts.append(f"{dosage.sessions_per_week} sessions a week")
    if dosage.rest_days_per_week:
        parts.append(f"at least {dosage.rest_days_per_week} rest day{'s' * (dosage.rest_days_per_week > 1)} a week")
    return "; ".join(parts)


def trigger_text(trigger: models.Trigger, name: Callable[[str], str]) -> str:
    """What raises a flag, in words: "Pain in both legs (stable), then soon", "age over 70"."""
    parts = []
    if trigger.symptoms:
        qualifiers = [
            " or ".join(value.label for value in values) for values in (trigger.onset, trigger.severity) if values
        ]
        said = f" ({'; '.join(qualifiers)})" if qualifiers else ""
        parts.append(" with ".join(name(ident) for ident in trigger.symptoms) + said)
    if trigger.age_over is not None:
        parts.append(f"age over {trigger.age_over}")
    if trigger.age_under is not None:
        parts.append(f"age under {trigger.age_under}")
    if trigger.lasting_weeks is not None:
        parts.append(f"pain for {trigger.lasting_weeks} weeks or more")
    then = f", then {trigger.urgency.label}" if trigger.urgency is not None else ""
    return ", ".join(parts) + then


def wrap(text: str, indent: str = "", first: str = "") -> str:
    """Fill ``text`` to the width used for people, with the given indents."""
    import textwrap

    return textwrap.fill(
        text,
        width=_WIDTH,
        initial_indent=first,
        subsequent_indent=indent or first,
        break_on_hyphens=False,
        break_long_words=False,  # keep addresses and DOIs whole so they can be copied
    )


def count(number: int, noun: str) -> str:
    """A number of things in words: "1 session", "3 sessions"."""
    return f"{number} {noun}{'s' * (number != 1)}"


def and_list(names: Iterable[str]) -> str:
    """Names joined as a person lists them: "Monday", "Monday and Friday", "Monday, Wednesday and Friday"."""
    listed = list(names)
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


#: Days in a year, for ages given in years and bounds given in days (the lexicon's year is 365 days).
DAYS_IN_A_YEAR = 365


def age_in_days(age: float) -> int:
    """An age in years as whole days: ``2 / 12`` (2 months) is 61 days, 90 days read as ``90 / 365`` is 90."""
    return round(age * DAYS_IN_A_YEAR)


def age_words(age: float) -> str:
    """An age as said: whole years as a number ("62"), an age under a year in days, weeks or
    months ("10 days", "6 weeks", "5 months")."""
    if age >= 1 or age == int(age):
        return f"{age:g}" if age != int(age) else str(int(age))
    days = age_in_days(age)
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 8 * 7 + 1:
        return f"{days // 7} weeks"
    return f"{days // 30} months"  # whole months, never rounded up past a bound
