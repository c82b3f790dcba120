"""The content report in ``docs/content-report.md``: what the bundled knowledge base holds.

    python -m spinekb._show.report docs/content-report.md

A test regenerates the report and compares, so it always matches the data.
"""

from __future__ import annotations

import datetime
import pathlib
import sys
from collections import Counter
from collections.abc import Sequence

from spinekb._kinds import cited_ids
from spinekb._query.catalog import Catalog
from spinekb._words import trigger_text
from spinekb.models import Exercise, ExerciseKind, Source


def render_report(kb: Catalog) -> str:
    """The report as Markdown."""
    lines = [
        "# Content report",
        "",
        "Generated from the bundled data by `python -m spinekb._show.report docs/content-report.md`;",
        "a test regenerates it, so it always matches the data. Do not edit it by hand.",
        "",
        f"Data version: **{kb.data_version}**",
        "",
        "## Entries by kind",
        "",
        "| kind | entries |",
        "|---|---:|",
    ]
    lines += [f"| {c.kind} | {len(c)} |" for c in kb.collections]
    lines += ["", "## Exercises by region", "", _exercise_header("region")]
    for region in kb.regions:
        lines.append(_exercise_row(region.name, [match.exercise for match in kb.exercises_for(region=region)]))
    lines += [
        "",
        "## Exercises by muscle group",
        "",
        "The default answer of `exercises_for(muscle_group=...)`: exercises that train a prime member",
        "of the group through its movement, or stretch one.",
        "",
        _exercise_header("muscle group"),
    ]
    for group in kb.muscle_groups:
        lines.append(_exercise_row(group.name, [match.exercise for match in kb.exercises_for(group)]))
    lines += ["", "## Conditions by category", "", "| category | conditions |", "|---|---|"]
    categories = sorted({c.category for c in kb.conditions}, key=lambda category: category.value)
    for category in categories:
        names = ", ".join(c.name for c in kb.conditions if c.category is category)
        lines.append(f"| {category.label} | {names} |")
    lines += [
        "",
        "## Red flags by urgency",
        "",
        "What raises each flag on its own when a person reports it (see docs/screening.md); a flag",
        "with no trigger is raised only by name.",
        "",
        "| urgency | red flag | raised on its own by | counts as |",
        "|---|---|---|---|",
    ]
    for flag in sorted(kb.red_flags, key=lambda f: (-f.urgency.rank, f.id)):
        triggers = "; ".join(trigger_text(t, lambda ident: kb.symptoms[ident].name.lower()) for t in flag.triggers)
        counts = ", ".join(kind.label for kind in flag.counts_as)
        lines.append(f"| {flag.urgency.label} | {flag.name} | {triggers or 'its name'} | {counts} |")
    lines += _review_lines(kb)
    lines += ["", "## Sources and the entries that cite them", ""]
    citing = _citing(kb)
    for source in kb.sources:
        users = citing.get(source.id, [])
        lines.append(f"- **{source.id}** ({source.source_kind.label}): {_title(source)}")
        lines.append(f"  - cited by {len(users)}: {', '.join(users) if users else 'no entry yet'}")
    return "\n".join(lines) + "\n"


#: How far ahead of the newest review the report looks for reviews falling due.
REVIEW_WINDOW_DAYS = 365


def _review_lines(kb: Catalog) -> list[str]:
    """Reviews by month due, and the entries due within a year of the newest review (the
    content's own date, so that the report does not change with the day it is written)."""
    clinical = kb.due_for_review(on=datetime.date.max)  # every clinical entry, soonest due first
    reviewed = [entry.review for entry in clinical if entry.review is not None]
    lines = ["", "## Reviews", ""]
    if not reviewed:
        return [*lines, "No entry records a review yet."]
    newest = max(review.reviewed for review in reviewed)
    horizon = newest + datetime.timedelta(days=REVIEW_WINDOW_DAYS)
    missing = [entry.id for entry in clinical if entry.review is None]
    lines += [
        "Each clinical entry records when it was last reviewed against its sources and when its next",
        f"review is due (`kb.due_for_review(on=...)` lists those due). Newest review: {newest.isoformat()}.",
        "",
        "| review due | entries |",
        "|---|---:|",
    ]
    months = Counter(review.due.strftime("%Y-%m") for review in reviewed)
    lines += [f"| {month} | {count} |" for month, count in sorted(months.items())]
    soon = [entry for entry in kb.due_for_review(on=horizon) if entry.review is not None]
    lines += ["", f"Due by {horizon.isoformat()} (within a year of the newest review):", ""]
    lines += [f"- {entry.id} ({entry.kind}), due {entry.review.due.isoformat()}" for entry in soon if entry.review] or [
        "- none"
    ]
    if missing:
        lines += ["", f"With no review recorded: {', '.join(missing)}."]
    return lines


def _exercise_header(what: str) -> str:
    kinds = " | ".join(kind.label for kind in ExerciseKind)
    rule = "|---|---:|" + "---:|" * len(ExerciseKind)
    return f"| {what} | exercises | {kinds} |\n{rule}"


def _exercise_row(name: str, exercises: list[Exercise]) -> str:
    counts = Counter(e.exercise_kind for e in exercises)
    return f"| {name} | {len(exercises)} | " + " | ".join(str(counts[kind]) for kind in ExerciseKind) + " |"


def _citing(kb: Catalog) -> dict[str, list[str]]:
    citing: dict[str, list[str]] = {}
    for collection in kb.collections:
        for entry in collection:
            if isinstance(entry, Source):
                continue
            for ident in sorted(cited_ids(entry)):
                citing.setdefault(ident, []).append(entry.id)
    return citing


def _title(source: Source) -> str:
    year = f" ({source.year})" if source.year else ""
    return f"{source.title}{year}"


def main(argv: Sequence[str] | None = None) -> int:
    """Write the report for the bundled knowledge base to the file named in ``argv``."""
    from spinekb._content.packs import Pack, bundled_folder
    from spinekb._content.read import read_packs

    args = list(argv if argv is not None else sys.argv[1:])
    if len(args) != 1:
        print("usage: python -m spinekb._show.report OUTPUT.md", file=sys.stderr)
        return 2
    content = read_packs([Pack("spinekb", bundled_folder())])
    kb = Catalog(content.records, content.manifest, content.packs, names=content.names)
    pathlib.Path(args[0]).write_text(render_report(kb), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
