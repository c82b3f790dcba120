"""HTML for notebooks: the ``_repr_html_`` of records, collections and answers.

Jupyter (and other IPython front ends) call ``_repr_html_`` to show an object. Every function
here returns one self-contained fragment: inline CSS only, no scripts, no external assets, and
every piece of text passed through :func:`html.escape`. The rules:

* Clinical content (conditions, red flags, symptoms, treatments, screenings and plans) always
  ends with the not-a-diagnosis notice :data:`spinekb.NOTICE`.
* Nothing is hidden or collapsed: no ``<details>``, no scrolling boxes. Red flags, urgent signs,
  emergency signs and cautions are always shown in full.
* A large collection shows its first :data:`MAX_ROWS` rows and says how many more there are;
  red flags are never cut.

This module is imported only when an object is shown, so ``import spinekb`` stays cheap.
"""

from __future__ import annotations

import html
import math
import textwrap
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from spinekb import models
from spinekb._kinds import refers_to
from spinekb._show.text import CLINICAL, one_line, review_text, screening_heading, shown_fields
from spinekb._words import ACT_AT_ONCE, NOTICE, age_words, count, dosage_text, trigger_text

if TYPE_CHECKING:
    from spinekb._plans import Plan, PlanItem, PlanWeek
    from spinekb._query.answers import ExerciseMatches, LeftOut
    from spinekb._query.catalog import Catalog
    from spinekb._query.chain import KineticChain
    from spinekb._query.collection import Collection, Entries
    from spinekb._screening import ScreenedFlag, Screening

__all__ = [
    "MAX_ROWS",
    "chain_html",
    "collection_html",
    "entry_html",
    "knowledge_base_html",
    "matches_html",
    "plan_html",
    "screening_html",
]

#: The most rows a collection or a list of matches shows; the rest are counted, not shown.
MAX_ROWS = 50

# Summaries in tables are shortened to this many characters (the record's own card shows all).
_SUMMARY_WIDTH = 160

# --- styles (inline only: notebooks and their viewers often drop <style> blocks) ----------------

_CARD = (
    "font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; font-size: 13px; "
    "line-height: 1.45; max-width: 60em; border: 1px solid rgba(128, 128, 128, 0.45); "
    "border-radius: 6px; padding: 0.6em 0.9em; margin: 0.3em 0; text-align: left"
)
_TITLE = "font-size: 1.15em; font-weight: 600; margin: 0 0 0.3em 0"
_HEADING = "font-size: 1em; font-weight: 600; margin: 0.8em 0 0.2em 0"
_BADGE = (
    "display: inline-block; font-size: 0.8em; font-weight: 500; padding: 0 0.5em; margin-left: 0.4em; "
    "border-radius: 0.8em; border: 1px solid rgba(128, 128, 128, 0.6); vertical-align: middle"
)
_CODE = "font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; font-size: 0.9em"
_MUTED = "opacity: 0.75; font-size: 0.9em"
_CITE = "opacity: 0.7; font-size: 0.85em"
_ID = f"{_CODE}; opacity: 0.75; font-size: 0.8em"
_TABLE = "border-collapse: collapse; margin: 0.3em 0; width: auto; font-size: inherit"
_TH = (
    "text-align: left; vertical-align: top; padding: 0.25em 0.7em 0.25em 0; font-weight: 600; "
    "border-bottom: 1px solid rgba(128, 128, 128, 0.6)"
)
_TD = (
    "text-align: left; vertical-align: top; padding: 0.25em 0.7em 0.25em 0; "
    "border-bottom: 1px solid rgba(128, 128, 128, 0.25)"
)
_LABEL = f"{_TD}; font-weight: 600; white-space: nowrap"
_LIST = "margin: 0; padding-left: 1.3em"
_NOTICE = (
    "margin-top: 0.8em; padding: 0.4em 0.6em; border-left: 4px solid #1f6feb; "
    "background: rgba(31, 111, 235, 0.08); font-size: 0.9em"
)
_WARNING = "margin: 0.5em 0; padding: 0.4em 0.6em; border-left: 4px solid #b00020; background: rgba(176, 0, 32, 0.08)"

_TICK = "&#10003;"  # a check mark

#: Text and background colours for each urgency, strongest first.
_URGENCY_COLOURS = {
    models.Urgency.EMERGENCY: ("#ffffff", "#b00020"),
    models.Urgency.URGENT: ("#ffffff", "#c24e00"),
    models.Urgency.SOON: ("#1a1a1a", "#f2c744"),
    models.Urgency.SELF_CARE: ("#ffffff", "#2e7d32"),
}


# --- small pieces ------------------------------------------------------------------------------


def _e(value: object) -> str:
    """``value`` as text, escaped for HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(value), quote=True)


def _code(value: object) -> str:
    return f'<code style="{_CODE}">{_e(value)}</code>'


def _named(name: str, ident: str) -> str:
    """A name with its id below it, for a table cell."""
    return f'{_e(name)}<div style="{_ID}">{_e(ident)}</div>'


def _ids(idents: Iterable[str]) -> str:
    return ", ".join(_code(ident) for ident in idents)


def _cite(sources: Iterable[str]) -> str:
    listed = list(sources)
    return f' <span style="{_CITE}">[{_e(", ".join(listed))}]</span>' if listed else ""


def _badge(text: str) -> str:
    return f'<span style="{_BADGE}">{_e(text)}</span>'


def _urgency_badge(urgency: models.Urgency, text: str | None = None) -> str:
    fg, bg = _URGENCY_COLOURS[urgency]
    style = f"{_BADGE}; color: {fg}; background: {bg}; border-color: {bg}; font-weight: 600"
    return f'<span style="{style}">{_e(text or urgency.label)}</span>'


def _card(body: Iterable[str], *, clinical: bool, notice: str = NOTICE) -> str:
    parts = list(body)
    if clinical:
        parts.append(f'<div style="{_NOTICE}">{_e(notice)}</div>')
    return f'<div class="spinekb" style="{_CARD}">' + "".join(parts) + "</div>"


def _title(name: str, kind: str | None = None, ident: str | None = None) -> str:
    text = f"<strong>{_e(name)}</strong>"
    if kind:
        text += _badge(kind)
    if ident:
        text += f" {_code(ident)}"
    return f'<div style="{_TITLE}">{text}</div>'


def _heading(text: str) -> str:
    return f'<div style="{_HEADING}">{_e(text)}</div>'


def _table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A table; ``header`` is plain text, the cells of ``rows`` are HTML already."""
    head = "".join(f'<th style="{_TH}">{_e(cell)}</th>' for cell in header)
    body = "".join("<tr>" + "".join(f'<td style="{_TD}">{cell}</td>' for cell in row) + "</tr>" for row in rows)
    return f'<table style="{_TABLE}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _list(items: Iterable[str], *, ordered: bool = False) -> str:
    """A list; the items are HTML already."""
    tag = "ol" if ordered else "ul"
    return f'<{tag} style="{_LIST}">' + "".join(f"<li>{item}</li>" for item in items) + f"</{tag}>"


def _more(shown: int, total: int, what: str) -> str:
    hidden = total - shown
    return (
        f'<p style="{_MUTED}">… and {hidden} more {_e(what)} (showing {shown} of {total}); '
        "iterate over it, or use <code>to_dataframe()</code>, to see every one.</p>"
    )


def _shorten(text: str) -> str:
    return textwrap.shorten(text, width=_SUMMARY_WIDTH, placeholder=" …")


# --- records ------------------------------------------------------------------------------------


def entry_html(entry: models.Entry) -> str:
    """A card for one record: its name, kind and id, summary and every field that has a value.

    Referenced records are shown by id (a record alone does not know the others' names).
    """
    parts = [_title(entry.name, entry.kind.replace("-", " "), entry.id)]
    urgency = getattr(entry, "urgency", None)
    if isinstance(urgency, models.Urgency):
        parts.append(f"<div>Urgency: {_urgency_badge(urgency)}</div>")
    if entry.aliases:
        parts.append(f'<div style="{_MUTED}">Also called: {_e(", ".join(entry.aliases))}</div>')
    parts.append(f'<p style="margin: 0.4em 0">{_e(entry.summary)}</p>')
    rows = []
    for field, value, label in shown_fields(entry, skip={"sources", "urgency", "review"}):
        rows.append(f'<tr><td style="{_LABEL}">{_e(label)}</td><td style="{_TD}">{_field(value, field)}</td></tr>')
    if isinstance(entry, models.CitedEntry):
        rows.append(f'<tr><td style="{_LABEL}">Cited</td><td style="{_TD}">{_ids(entry.sources)}</td></tr>')
        if entry.review is not None:
            said = _e(review_text(entry.review))
            rows.append(f'<tr><td style="{_LABEL}">Reviewed</td><td style="{_TD}">{said}</td></tr>')
    if rows:
        parts.append(f'<table style="{_TABLE}"><tbody>' + "".join(rows) + "</tbody></table>")
    return _card(parts, clinical=isinstance(entry, CLINICAL))


def _field(value: Any, field: attrs.Attribute[Any]) -> str:
    if refers_to(field) is not None:
        return _ids(value if isinstance(value, tuple) else (value,))
    if isinstance(value, tuple):
        if len(value) == 1 and field.name != "steps":
            return _value(value[0])
        return _list((_value(item) for item in value), ordered=field.name == "steps")
    if field.name == "url" and isinstance(value, str) and value.startswith(("https://", "http://")):
        return f'<a href="{_e(value)}" target="_blank" rel="noopener noreferrer">{_e(value)}</a>'
    return _value(value)


def _value(value: Any) -> str:
    if isinstance(value, models.Statement):
        return _e(value.text) + _cite(value.sources)
    if isinstance(value, models.Dosage):
        notes = _list(_e(note) for note in value.notes) if value.notes else ""
        return _e(dosage_text(value)) + _cite(value.sources) + notes
    if isinstance(value, models.Modifier):
        effect = "no longer a red flag" if value.urgency is None else _urgency_badge(value.urgency)
        together = f" (with {_ids(value.together_with)})" if value.together_with else ""
        points = f" (points to {_ids(value.points_to)})" if value.points_to else ""
        aged = f" {value.age_over}" if value.age_over is not None else ""
        if value.age_under_days is not None:
            aged += f" {value.age_under_days} days"
        kind = f"<strong>{_e(value.kind.label)}{aged}</strong>"
        return f"{kind}{together}: {_e(value.text)} {effect}{points}{_cite(value.sources)}"
    if isinstance(value, models.Escalation):
        return f"{_urgency_badge(value.urgency)} {_e(value.when)}{_cite(value.sources)}"
    if isinstance(value, models.Trigger):
        return trigger_text(value, _code) + _cite(value.sources)
    if isinstance(value, models.Variation):
        return f"{_e(value.relation.label)}: {_code(value.exercise)}"
    if isinstance(value, models.ChainLink):
        return _code(value.region) + _cite(value.sources)
    return _e(one_line(value, str))


# --- collections and the knowledge base ---------------------------------------------------------

# One extra column for the kinds that have a telling field: (heading, how to show it).
_DETAIL: dict[type[models.Entry], tuple[str, Any]] = {
    models.Condition: ("Urgency", lambda e: _urgency_badge(e.urgency)),
    models.RedFlag: ("Urgency", lambda e: _urgency_badge(e.urgency)),
    models.Exercise: ("Kind", lambda e: _e(e.exercise_kind.label)),
    models.Treatment: ("Kind", lambda e: _e(e.treatment_kind.label)),
    models.Source: ("Kind", lambda e: _e(e.source_kind.label)),
    models.Muscle: ("Region", lambda e: _code(e.region)),
}


def collection_html(collection: Collection[Any] | Entries[Any]) -> str:
    """A table of a collection: id, name, (a telling field,) summary; at most :data:`MAX_ROWS` rows.

    Red flags are all shown, however many there are.
    """
    entries = list(collection)
    kind = collection.kind.replace("-", " ")
    classes = {type(entry) for entry in entries}
    cls = classes.pop() if len(classes) == 1 else None  # a table of several kinds has no detail column
    cut = not any(isinstance(entry, models.RedFlag) for entry in entries) and len(entries) > MAX_ROWS
    shown = entries[:MAX_ROWS] if cut else entries
    detail = _DETAIL.get(cls) if cls is not None else None
    header = ["id", "name", *([detail[0]] if detail else []), "summary"]
    rows = [[_code(e.id), _e(e.name), *([detail[1](e)] if detail else []), _e(_shorten(e.summary))] for e in shown]
    parts = [_title(f"{len(entries)} {kind} {'entry' if len(entries) == 1 else 'entries'}", "collection")]
    parts.append(_table(header, rows) if rows else f'<p style="{_MUTED}">No entries.</p>')
    if cut:
        parts.append(_more(len(shown), len(entries), kind + " entries"))
    return _card(parts, clinical=any(isinstance(entry, CLINICAL) for entry in entries))


def knowledge_base_html(kb: Catalog) -> str:
    """A summary of a knowledge base: its data version and how many entries of each kind."""
    version = kb.data_version or "unknown"
    parts = [_title("spinekb knowledge base", f"data {version}")]
    rows = []
    for collection in kb.collections:
        attribute = collection.kind.replace("-", "_") + "s"
        rows.append([_e(collection.kind), str(len(collection)), _code(f"kb.{attribute}")])
    rows.append(["<strong>all</strong>", f"<strong>{len(kb)}</strong>", ""])
    parts.append(_table(["kind", "entries", "collection"], rows))
    chain = kb.kinetic_chain
    parts.append(
        f'<p style="{_MUTED}">Kinetic chain: {count(len(chain.regions), "region")}, '
        f"{count(len(chain.links), 'link')}. Retired ids: {len(kb.retired)}.</p>"
    )
    return _card(parts, clinical=True)


def chain_html(chain: KineticChain) -> str:
    """The kinetic chain: each region with its neighbours."""
    parts = [_title("Kinetic chain", f"{count(len(chain.regions), 'region')}, {count(len(chain.links), 'link')}")]
    neighbours: dict[str, list[models.Region]] = {region.id: [] for region in chain.regions}
    for a, b in chain.links:
        neighbours[a.id].append(b)
        neighbours[b.id].append(a)
    rows = [
        [_code(region.id), _e(region.name), ", ".join(_e(other.name) for other in neighbours[region.id]) or "none"]
        for region in chain.regions
    ]
    parts.append(_table(["id", "region", "linked to"], rows))
    return _card(parts, clinical=False)


# --- answers ------------------------------------------------------------------------------------


def matches_html(matches: ExerciseMatches) -> str:
    """The answer of ``exercises_for``: a table of the matches and, when any, what was left out and why."""
    total = len(matches)
    parts = [_title(count(total, "matching exercise"), "exercises_for")]
    if matches.avoided:
        avoided = ", ".join(f"{_e(entry.name)} {_code(entry.id)}" for entry in matches.avoided)
        parts.append(f"<div>Avoiding exercises not advised with: {avoided}</div>")
    shown = matches[:MAX_ROWS]
    rows = [
        [
            _named(match.exercise.name, match.exercise.id),
            _e(match.exercise.exercise_kind.label),
            _e(match.why),
            str(match.distance),
            _e(dosage_text(match.exercise.dosage)),
        ]
        for match in shown
    ]
    header = ["exercise", "kind", "why", "distance", "dose"]
    parts.append(_table(header, rows) if rows else f'<p style="{_MUTED}">No exercise matches.</p>')
    if total > len(shown):
        parts.append(_more(len(shown), total, "matches"))
    if matches.left_out:
        parts.append(_heading(f"Left out ({len(matches.left_out)})"))
        parts.append(_left_out_table(matches.left_out))
    return _card(parts, clinical=bool(matches.avoided))


def _left_out_table(left_out: Iterable[LeftOut]) -> str:
    rows = [
        [
            _named(entry.exercise.name, entry.exercise.id),
            _e(entry.reason),
            ", ".join(f"{_e(cause.name)} {_code(cause.id)}" for cause in entry.because) or "",
        ]
        for entry in left_out
    ]
    return _table(["exercise", "reason", "because of"], rows)


def screening_html(screening: Screening) -> str:
    """A screening: the urgency first, then the counted and set-aside flags, the conditions they
    point to, the advice with its sources, the emergency signs, and the notice. Nothing is cut."""

    fg, bg = _URGENCY_COLOURS[screening.urgency]
    banner = (
        f'<div style="padding: 0.5em 0.7em; border-radius: 4px; color: {fg}; background: {bg}">'
        f'<div style="font-size: 1.15em; font-weight: 700">{_e(screening_heading(screening))}</div>'
    )
    if screening.advice:
        first = screening.advice[0]
        banner += f'<div style="margin-top: 0.2em">{_e(first.text)}{_cite(first.sources)}</div>'
    parts = [banner + "</div>"]

    if screening.red_flags:
        parts.append(_heading(f"Red flags ({len(screening.red_flags)} counted)"))
        parts.append(_flags_table(screening.red_flags))
    else:
        parts.append(f"<p>{_e('No red flag counts among what was reported.')}</p>")
    if screening.set_aside:
        parts.append(_heading(f"Set aside: a harmless explanation was given ({len(screening.set_aside)})"))
        parts.append(_flags_table(screening.set_aside))
    if screening.conditions:
        parts.append(_heading("They point to (possibilities to check, not a diagnosis)"))
        rows = [
            [
                _named(item.condition.name, item.condition.id),
                _urgency_badge(item.urgency),
                ", ".join(_e(flag.name) for flag in item.red_flags),
            ]
            for item in screening.conditions
        ]
        parts.append(_table(["condition", "urgency", "pointed to by"], rows))
    if screening.other_findings:
        names = ", ".join(f"{_e(symptom.name)} {_code(symptom.id)}" for symptom in screening.other_findings)
        parts.append(f"<p>Also reported, not red flags on their own: {names}</p>")
    if len(screening.advice) > 1:
        parts.append(_heading("Advice"))
        parts.append(_list(_e(item.text) + _cite(item.sources) for item in screening.advice[1:]))
    if screening.emergency_signs or screening.emergency_symptoms:
        both = (*screening.emergency_signs, *screening.emergency_symptoms)
        signs = _list(f"{_e(sign.name)} {_code(sign.id)}" for sign in both)
        parts.append(f'<div style="{_WARNING}"><strong>{_e(ACT_AT_ONCE)}:</strong>{signs}</div>')
    given = [", ".join(_e(entry.name) for entry in screening.findings)] if screening.findings else []
    if screening.age is not None:
        given.append(f"age {age_words(screening.age)}")
    if screening.pain_severity is not None:
        given.append(f"{_e(screening.pain_severity.label)} pain")
    if screening.pain_duration_weeks is not None:
        given.append(f"for {screening.pain_duration_weeks:g} weeks")
    if given:
        parts.append(f'<p style="{_MUTED}">Reported: {"; ".join(given)}.</p>')
    if screening.sources:
        parts.append(f'<p style="{_MUTED}">Sources: {_ids(source.id for source in screening.sources)}</p>')
    return _card(parts, clinical=True, notice=screening.notice)


def _flags_table(flags: Iterable[ScreenedFlag]) -> str:
    rows = []
    for flag in flags:
        details = [f"raised by: {_e(', '.join(flag.raised_by))}"]
        details += [f"applies: {_e(m.text)}{_cite(m.sources)}" for m in flag.applied]
        details += [f"evidence: {_e(s.text)}{_cite(s.sources)}" for s in flag.red_flag.evidence[:1]]
        if flag.note:
            details.append(f"note: {_e(flag.note)}")
        details += [
            f"watch for {_urgency_badge(m.urgency)}: {_e(m.text)}{_cite(m.sources)}"
            for m in flag.watch_for
            if m.urgency is not None
        ]
        state = _urgency_badge(flag.urgency) if flag.counted else _badge("set aside")
        rows.append([_named(flag.red_flag.name, flag.red_flag.id), state, _list(details)])
    return _table(["red flag", "urgency", "details"], rows)


def plan_html(plan: Plan) -> str:
    """A plan: a table per week (each day with its exercises and doses, rest days too), then what
    was left out, the cautions, how doses progress, the sources and the notice. Nothing is cut."""
    from spinekb._plans import ESTIMATES, PROGRESSION

    kind = plan.target.kind.replace("-", " ")
    parts = [_title(f"Exercise plan for {plan.target.name}", kind, plan.target.id)]
    summary = f"{count(plan.sessions_per_week, 'session')} a week for {count(len(plan.weeks), 'week')}"
    if plan.chain:
        summary += f", with neighbouring regions up to {count(plan.chain, 'link')} along the kinetic chain"
    parts.append(f"<div>{_e(summary)}.</div>")
    if plan.avoided:
        avoided = ", ".join(f"{_e(entry.name)} {_code(entry.id)}" for entry in plan.avoided)
        parts.append(f"<div>Leaves out exercises not advised with: {avoided}.</div>")
    parts.extend(f"<div>{_e(note)}</div>" for note in plan.notes)
    for week in plan.weeks:
        parts.append(_heading(f"Week {week.number}"))
        parts.append(_week_table(week))
    if plan.left_out:
        parts.append(_heading(f"Left out ({len(plan.left_out)})"))
        parts.append(_left_out_table(plan.left_out))
    if plan.cautions:
        cautions = _list(_e(caution.text) + _cite(caution.sources) for caution in plan.cautions)
        parts.append(
            f'<div style="{_WARNING}"><strong>Stop and get checked: cautions for these exercises</strong>'
            f"{cautions}</div>"
        )
    parts.append(f'<p style="{_MUTED}">{_e(PROGRESSION)} {_e(ESTIMATES)}</p>')
    if plan.sources:
        parts.append(f'<p style="{_MUTED}">Sources: {_ids(tuple(source.id for source in plan.sources))}</p>')
    return _card(parts, clinical=True, notice=plan.notice)


def _week_table(week: PlanWeek) -> str:
    """A week as a grid: one row per exercise (with its dose), one column per day, a tick on the
    days it is done, and each session's estimated length (or "rest") in the last row."""
    items: dict[str, PlanItem] = {}
    for day in week.days:
        for item in day.items:
            items.setdefault(item.exercise.id, item)
    header = "".join(
        f'<th style="{_TH}; text-align: center" title="{_e(day.name)}">{_e(day.name[:3])}</th>' for day in week.days
    )
    body = []
    centred = f"{_TD}; text-align: center"
    for ident, item in items.items():
        done = [any(other.exercise.id == ident for other in day.items) for day in week.days]
        ticks = "".join(f'<td style="{centred}">{_TICK if tick else ""}</td>' for tick in done)
        body.append(f'<tr><td style="{_TD}">{_item(item)}</td>{ticks}</tr>')
    length = f"{centred}; white-space: nowrap; {_MUTED}"
    lengths = "".join(
        f'<td style="{length}">{"rest" if day.rest else f"{math.ceil(day.minutes)} min"}</td>' for day in week.days
    )
    body.append(f'<tr><td style="{_TD}; {_MUTED}">session length (estimate)</td>{lengths}</tr>')
    return (
        f'<table style="{_TABLE}"><thead><tr><th style="{_TH}">exercise and dose</th>{header}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def _item(item: PlanItem) -> str:
    text = _e(str(item))
    if item.distance:
        text += f' <span style="{_MUTED}">(for the neighbouring region: {_e(item.region.name)})</span>'
    if item.replaces is not None:
        text += f" {_badge('new this week')} {_e(f'a harder step up from {item.replaces.name}')}"
    return text
