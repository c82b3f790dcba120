"""Plain-text descriptions of records for people (terminals, logs, chat replies)."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from spinekb import models
from spinekb._kinds import refers_to
from spinekb._words import (
    ACT_AT_ONCE,
    NOTICE,
    ROLE_VERBS,
    SCREENING_HEADINGS,
    and_list,
    count,
    dosage_text,
    trigger_text,
    wrap,
)

if TYPE_CHECKING:
    from spinekb._plans import Plan, PlanDay, PlanItem
    from spinekb._query.catalog import Catalog
    from spinekb._screening import ScreenedFlag, Screening

_LABELS = {
    "exercise_kind": "Kind",
    "treatment_kind": "Kind",
    "source_kind": "Kind",
    "groups": "Muscle groups",
    "restricted_movements": "Movements to leave out",
    "icd10cm": "ICD-10-CM",
    "hpo": "HPO",
    "doi": "DOI",
    "url": "URL",
    "red_flags": "Red flags",
    "see_also": "See also",
    "cues": "Form cues",
    "care": "Usual care",
    "links": "Linked regions",
    "rest_days_per_week": "Rest days a week",
    "triggers": "Raised on its own by",
}
CLINICAL = (models.Condition, models.RedFlag, models.Symptom, models.Treatment)


def render_text(
    entry: models.Entry,
    *,
    name: Callable[[str], str] = str,
    sources: Iterable[models.Source] = (),
) -> str:
    """Describe ``entry`` in plain text. ``name`` turns referenced ids into names; ``sources``
    are listed at the end in full."""
    lines = [f"{entry.name} ({entry.kind.replace('-', ' ')}: {entry.id})"]
    if entry.aliases:
        lines.append(wrap("Also called: " + ", ".join(entry.aliases)))
    lines.append("")
    lines.append(wrap(entry.summary))
    for field, value, label in shown_fields(entry, skip={"sources", "review"}):
        body = list(_value_lines(value, field, name))
        if len(body) == 1 and not body[0].startswith("  "):
            lines.append(wrap(f"{label}: {body[0]}", indent="  "))
        else:
            lines.append(f"{label}:")
            lines.extend(body)
    if isinstance(entry, models.CitedEntry):
        lines.append(wrap("Cited for this entry: " + ", ".join(entry.sources), indent="  "))
        if entry.review is not None:
            lines.append(wrap(review_text(entry.review), indent="  "))
    listed = list(sources)
    if listed:
        lines.append("Sources:")
        lines.extend(wrap(f"[{source.id}] {_citation(source)}", indent="    ", first="  ") for source in listed)
    if isinstance(entry, CLINICAL):
        lines.append("")
        lines.append(wrap(NOTICE))
    return "\n".join(lines)


def review_text(review: models.Review) -> str:
    """When an entry was reviewed, as a person reads it."""
    reviewed, due = review.reviewed.isoformat(), review.due.isoformat()
    return f"Last reviewed against its sources on {reviewed}; next review due by {due}."


def describe(kb: Catalog, entry: models.Entry) -> str:
    """:func:`render_text` for an entry of ``kb``: referenced ids shown by name, cited sources in full."""

    def name(ident: str) -> str:
        found = kb.get(ident)
        return found.name if found is not None else ident

    return render_text(entry, name=name, sources=kb.sources_of(entry))


def shown_fields(entry: models.Entry, skip: Iterable[str] = ()) -> Iterator[tuple[Any, Any, str]]:
    """The fields of ``entry`` worth showing a person, as (field, value, label), in declaration
    order: not the heading fields (id, name, aliases, summary) nor those in ``skip``, and not
    those that are empty or left at their default (a yes/no value is always shown)."""
    hidden = {"id", "name", "aliases", "summary", *skip}
    for field in attrs.fields(type(entry)):
        if field.name in hidden:
            continue
        value = getattr(entry, field.name)
        if value is None or value == () or (value == field.default and not isinstance(value, bool)):
            continue
        yield field, value, _LABELS.get(field.name, field.name.replace("_", " ").capitalize())


def _value_lines(value: Any, field: Any, name: Callable[[str], str]) -> Iterator[str]:
    refers = refers_to(field) if field is not None else None
    if refers is not None:
        ids = value if isinstance(value, tuple) else (value,)
        yield ", ".join(name(ident) for ident in ids)
    elif isinstance(value, models.Dosage):
        yield wrap(f"{dosage_text(value)} {_cite(value.sources)}", indent="  ", first="  ")
        for note in value.notes:
            yield wrap(f"- {note}", indent="     ", first="  ")
    elif isinstance(value, tuple):
        numbered = field is not None and field.name == "steps"
        for index, item in enumerate(value, 1):
            marker = f"{index}." if numbered else "-"
            yield wrap(f"{marker} {one_line(item, name)}", indent="     ", first="  ")
    else:
        yield one_line(value, name)


def one_line(value: Any, name: Callable[[str], str]) -> str:
    if isinstance(value, models.Vocabulary):
        return value.label
    if isinstance(value, models.Statement):
        return f"{value.text} {_cite(value.sources)}"
    if isinstance(value, models.IcdCode):
        return f"{value.code} {value.label}"
    if isinstance(value, models.Pathogen):
        common = f" ({value.common_name})" if value.common_name else ""
        return f"{value.name}{common}: {value.note} {_cite(value.sources)}"
    if isinstance(value, models.Escalation):
        return f"{value.urgency.label.capitalize()}: {value.when} {_cite(value.sources)}"
    if isinstance(value, models.Modifier):
        effect = "no longer a red flag" if value.urgency is None else f"urgency {value.urgency.label}"
        together = f" (with {', '.join(name(ident) for ident in value.together_with)})" if value.together_with else ""
        points = f"; points to {', '.join(name(ident) for ident in value.points_to)}" if value.points_to else ""
        aged = f" {value.age_over}" if value.age_over is not None else ""
        if value.age_under_days is not None:
            aged += f" {value.age_under_days} days"
        return f"{value.kind.label}{aged}{together}: {value.text} ({effect}{points}) {_cite(value.sources)}"
    if isinstance(value, models.Trigger):
        return f"{trigger_text(value, name)} {_cite(value.sources)}"
    if isinstance(value, models.Evidence):
        grade = ", ".join(
            part
            for part in (
                f"{value.strength.label} recommendation" if value.strength else "",
                f"{value.certainty.label} certainty" if value.certainty else "",
            )
            if part
        )
        grade = f" ({grade})" if grade else ""
        return f"{value.verdict.label.capitalize()}{grade} for {value.context}: {value.note} [{value.source}]"
    if isinstance(value, models.Variation):
        return f"{value.relation.label}: {name(value.exercise)}"
    if isinstance(value, models.WorkedMuscle):
        return f"{ROLE_VERBS[value.role]} {name(value.muscle)}"
    if isinstance(value, models.GroupMembership):
        return f"{name(value.group)} ({value.membership.label} member)"
    if isinstance(value, models.Caution):
        about = f"With {and_list([name(ident) for ident in value.conditions])}: " if value.conditions else ""
        return f"{about}{value.text} {_cite(value.sources)}"
    if isinstance(value, models.Contraindication):
        return f"Not with {and_list([name(ident) for ident in value.conditions])}: {value.text} {_cite(value.sources)}"
    if isinstance(value, models.MovementRestriction):
        moves = and_list([movement.label for movement in value.movements])
        return f"{moves}: {value.text} {_cite(value.sources)}"
    if isinstance(value, models.ChainLink):
        return f"{name(value.region)} {_cite(value.sources)}"
    if isinstance(value, models.Accreditation):
        url = f" ({value.url})" if value.url else ""
        return f"{value.body}{url}: {value.note}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _cite(sources: tuple[str, ...]) -> str:
    return f"[{', '.join(sources)}]"


def _citation(source: models.Source) -> str:
    year = str(source.year) if source.year else None
    if year and source.citation and year in source.citation:
        year = None
    parts = [source.authors, source.title, source.citation, source.publisher, year]
    text = ". ".join(part.rstrip(".") for part in parts if part)
    if source.doi:
        text += f". doi:{source.doi}"
    if source.url:
        text += f". {source.url}"
    return text


# --- screenings and plans -----------------------------------------------------------------------


def _cited(sources: tuple[str, ...]) -> str:
    """:func:`_cite` after a space, or nothing when there are no sources."""
    return f" {_cite(sources)}" if sources else ""


def screening_heading(screening: Screening) -> str:
    """The first line of a screening: its urgency and what that means, or where to go when the
    findings behind it have a place of their own (the maternity unit)."""
    if screening.route is None:
        return SCREENING_HEADINGS[screening.urgency]
    first = screening.route.split(". ")[0].rstrip(".")
    return f"{screening.urgency.value.upper()}: {first[:1].lower()}{first[1:]}"


def screening_text(screening: Screening) -> str:
    """A screening for people: the urgency first, then the advice, the flags and what they point to."""
    lines = [screening_heading(screening), ""]
    lines.extend(wrap(f"{item.text}{_cited(item.sources)}", first="  ", indent="    ") for item in screening.advice)
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
    if screening.reading is not None:
        lines.extend(_reading_lines(screening))
    signs = (*screening.emergency_signs, *screening.emergency_symptoms)
    if signs:
        names = "; ".join(sign.name for sign in signs)
        lines += ["", wrap(f"{ACT_AT_ONCE}: {names}.")]
    lines += ["", wrap("Sources: " + ", ".join(source.id for source in screening.sources)), "", wrap(screening.notice)]
    return "\n".join(lines)


def _reading_lines(screening: Screening) -> list[str]:
    """What a screening of a message read but did not count, and the words it could not read."""
    reading = screening.reading
    assert reading is not None
    lines: list[str] = []
    if reading.set_aside:
        lines += ["", "Read in the message but not counted (ask if unsure):"]
        for found in reading.set_aside:
            lines.append(wrap(f'{found.entry.name}: {found.how} ("{found.text}")', first="  ", indent="    "))
    if reading.unclear:
        lines += ["", "Unclear words that may point to a sign to ask about:"]
        for mention in reading.unclear:
            names = ", ".join(entry.name.lower() for entry in mention.may_be)
            whose = "".join(f", {word}" for word in mention.how)
            lines.append(wrap(f'"{mention.text}": may be {names}{whose}', first="  ", indent="    "))
    if reading.unread:
        lines += ["", "Not read:"]
        lines.extend(wrap(item, first="  ", indent="    ") for item in reading.unread)
    return lines


def _flag_lines(flag: ScreenedFlag) -> list[str]:
    state = flag.urgency.label if flag.counted else "set aside"
    lines = [f"  {flag.red_flag.name} [{flag.red_flag.id}]: {state}"]
    lines.append(wrap("raised by: " + ", ".join(flag.raised_by), first="      ", indent="        "))
    if flag.quotes:
        said = ", ".join(f'"{quote}"' for quote in flag.quotes)
        lines.append(wrap(f"you wrote: {said}", first="      ", indent="        "))
    for modifier in flag.applied:
        lines.append(wrap(f"applies: {modifier.text}{_cited(modifier.sources)}", first="      ", indent="        "))
    for statement in flag.red_flag.evidence[:1]:
        lines.append(wrap(f"evidence: {statement.text}{_cited(statement.sources)}", first="      ", indent="        "))
    if flag.note:
        lines.append(wrap(f"note: {flag.note}", first="      ", indent="        "))
    for modifier in flag.watch_for:
        assert modifier.urgency is not None  # only modifiers that raise the urgency are watched
        lines.append(
            wrap(
                f"watch for ({modifier.urgency.label}): {modifier.text}{_cited(modifier.sources)}",
                first="      ",
                indent="        ",
            )
        )
    return lines


def plan_text(plan: Plan) -> str:
    """A plan for people: what it is for, its conventions, each week's sessions, then what was left
    out, the cautions, the sources and the notice."""
    from spinekb._plans import ESTIMATES, PROGRESSION

    kind = plan.target.kind.replace("-", " ")
    lines = [f"Exercise plan for {plan.target.name} ({kind})"]
    summary = f"{count(plan.sessions_per_week, 'session')} a week for {count(len(plan.weeks), 'week')}"
    if plan.chain:
        summary += f", with neighbouring regions up to {count(plan.chain, 'link')} along the kinetic chain"
    lines.append(wrap(summary + "."))
    if plan.avoided:
        lines.append(wrap("Leaves out exercises not advised with: " + ", ".join(e.name for e in plan.avoided) + "."))
    lines.extend(wrap(note) for note in plan.notes)
    lines += ["", wrap(PROGRESSION), "", wrap(ESTIMATES)]
    for week in plan.weeks:
        lines += ["", f"Week {week.number}"]
        sessions: dict[tuple[PlanItem, ...], list[PlanDay]] = {}
        for day in week.sessions:
            sessions.setdefault(day.items, []).append(day)
        for items, days in sessions.items():
            each = " each" if len(days) > 1 else ""
            length = f"about {count(math.ceil(days[0].minutes), 'minute')}{each}"
            lines.append(wrap(f"{and_list(day.name for day in days)} ({length}):", first="  ", indent="    "))
            for item in items:
                text = f"- {item}"
                if item.why:
                    text += f": {item.why}"
                if item.replaces is not None:
                    text += f" [new this week: a harder step up from {item.replaces.name}]"
                lines.append(wrap(text, indent="      ", first="    "))
        rest = [day.name for day in week.days if day.rest]
        if rest:
            lines.append(wrap(f"Rest: {and_list(rest)}.", first="  ", indent="    "))
    if plan.left_out:
        lines += ["", "Left out:"]
        lines.extend(wrap(f"- {entry}", indent="    ", first="  ") for entry in plan.left_out)
    if plan.cautions:
        lines += ["", "Stop and get checked: cautions for these exercises"]
        lines.extend(
            wrap(f"- {caution.text} [{', '.join(caution.sources)}]", indent="    ", first="  ")
            for caution in plan.cautions
        )
    if plan.sources:
        lines += ["", wrap("Sources: " + ", ".join(source.id for source in plan.sources), indent="  ")]
    lines += ["", wrap(plan.notice)]
    return "\n".join(lines)
