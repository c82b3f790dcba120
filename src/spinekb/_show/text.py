"""Plain-text descriptions of records for people (terminals, logs, chat replies)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

import attrs

from spinekb import models
from spinekb._kinds import refers_to
from spinekb._words import NOTICE, dosage_text, trigger_text, wrap

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

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
    if isinstance(entry, CLINICAL):
        lines.append("")
        lines.append(wrap(NOTICE))
    return "\n".join(lines)


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
