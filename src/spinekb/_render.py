"""Plain-text descriptions of records for people (terminals, logs, chat replies)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

import attrs

from spinekb import models

#: Shown wherever a person reads clinical content.
NOTICE = (
    "spinekb informs; it does not diagnose. It cannot tell what is causing anyone's pain. "
    "If you are worried about a symptom, or it is severe or getting worse, see a clinician."
)

_WIDTH = 88
_LABELS = {
    "exercise_kind": "Kind",
    "treatment_kind": "Kind",
    "source_kind": "Kind",
    "primary_muscles": "Works mainly",
    "secondary_muscles": "Also works",
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
_CLINICAL = (models.Condition, models.RedFlag, models.Symptom, models.Treatment)


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
    for field, value, label in shown_fields(entry, skip={"sources"}):
        body = list(_value_lines(value, field, name))
        if len(body) == 1 and not body[0].startswith("  "):
            lines.append(wrap(f"{label}: {body[0]}", indent="  "))
        else:
            lines.append(f"{label}:")
            lines.extend(body)
    if isinstance(entry, models.CitedEntry):
        lines.append(wrap("Cited for this entry: " + ", ".join(entry.sources), indent="  "))
    listed = list(sources)
    if listed:
        lines.append("Sources:")
        lines.extend(wrap(f"[{source.id}] {_citation(source)}", indent="    ", first="  ") for source in listed)
    if isinstance(entry, _CLINICAL):
        lines.append("")
        lines.append(wrap(NOTICE))
    return "\n".join(lines)


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
    refers = field.metadata.get(models.REFERS_TO) if field is not None else None
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
            yield wrap(f"{marker} {_one_line(item, name)}", indent="     ", first="  ")
    else:
        yield _one_line(value, name)


def _one_line(value: Any, name: Callable[[str], str]) -> str:
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
    if isinstance(value, models.ChainLink):
        return f"{name(value.region)} {_cite(value.sources)}"
    if isinstance(value, models.Accreditation):
        url = f" ({value.url})" if value.url else ""
        return f"{value.body}{url}: {value.note}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


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


def _cite(sources: tuple[str, ...]) -> str:
    return f"[{', '.join(sources)}]"


def dosage_text(dosage: models.Dosage) -> str:
    """A dose in words: "hold 3-5 s; 10 repetitions; 1 set, building to 2-3; 3-5 sessions a week".

    The dose's notes and sources are not included; :func:`render_text` lists them under it."""
    parts = []
    if dosage.hold_seconds is not None:
        parts.append(f"hold {dosage.hold_seconds} s")
    if dosage.repetitions is not None:
        reps = f"{dosage.repetitions} repetitions"
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


#: A heading for each urgency, for people: what it means in practice.
URGENCY_HEADINGS = {
    models.Urgency.EMERGENCY: "EMERGENCY: go to an emergency department now",
    models.Urgency.URGENT: "URGENT: get a medical review today",
    models.Urgency.SOON: "SOON: see a clinician within days to weeks",
    models.Urgency.SELF_CARE: "SELF-CARE: manage it yourself; get reviewed if it is not improving",
}

#: How much a red flag says on its own, in words.
STRENGTH = {
    models.Informativeness.HIGH: "a strong sign",
    models.Informativeness.MODERATE: "a moderate sign",
    models.Informativeness.LOW: "a weak sign",
    models.Informativeness.UNKNOWN: "strength not established",
}


def cited_ids(value: Any) -> set[str]:
    """Every source id cited anywhere inside a record."""
    found: set[str] = set()
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.metadata.get(models.REFERS_TO) == ("source",):
            found.update(item if isinstance(item, tuple) else (item,))
        elif attrs.has(type(item)):
            found |= cited_ids(item)
        elif isinstance(item, tuple):
            for element in item:
                if attrs.has(type(element)):
                    found |= cited_ids(element)
    return found


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
