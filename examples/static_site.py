"""Build a small static web site from spinekb, the way a product that embeds it would.

python examples/static_site.py OUTPUT_DIR [--content FOLDER] [--base URL]

It writes ``index.html`` (every condition, exercise and red flag), one page per condition under
``conditions/`` and one per exercise under ``exercises/``. Every page shows spinekb's
not-a-diagnosis notice, lists its sources, links to related pages by id, and carries its
structured data as JSON-LD (schema.org) in a ``<script type="application/ld+json">`` block.
Only the standard library is used: text is escaped with :func:`html.escape`, pages are plain
f-strings, and the same content always gives byte-for-byte the same site.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
from collections.abc import Callable, Iterable, Sequence
from html import escape
from typing import Any

import spinekb
from spinekb import Condition, Dosage, Entry, Exercise, KnowledgeBase, RedFlag, Source, Statement
from spinekb.models import Caution

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
.notice { border-left: 0.3rem solid #b00; background: #fff4f4; padding: 0.5rem 1rem; }
.urgency-emergency, .urgency-urgent { color: #b00; font-weight: bold; }
.cite { font-size: 0.8em; vertical-align: super; }
""".strip()


def main(argv: Sequence[str] | None = None) -> int:
    """Build the site into OUTPUT_DIR; 0 on success, 1 when the content cannot be loaded."""
    parser = argparse.ArgumentParser(description="Build a static web site from spinekb.")
    parser.add_argument("output", type=pathlib.Path, metavar="OUTPUT_DIR", help="folder to write the site into")
    parser.add_argument("--content", metavar="FOLDER", help="a content folder to use instead of the bundled one")
    parser.add_argument("--base", metavar="URL", help="address under which to make the JSON-LD @ids")
    args = parser.parse_args(argv)
    try:
        kb = KnowledgeBase.from_path(args.content) if args.content else spinekb.load()
    except spinekb.ContentError as error:
        print(f"static_site: {error}", file=sys.stderr)
        return 1
    written = build_site(kb, args.output, base=args.base)
    print(f"wrote {len(written)} pages to {args.output}")
    return 0


def build_site(kb: KnowledgeBase, output: pathlib.Path, *, base: str | None = None) -> list[pathlib.Path]:
    """Write the site for ``kb`` into ``output`` and return the pages written, in order."""
    pages = {pathlib.Path("index.html"): index_page(kb)}
    for condition in kb.conditions:
        pages[pathlib.Path("conditions", f"{condition.id}.html")] = condition_page(kb, condition, base)
    for exercise in kb.exercises:
        pages[pathlib.Path("exercises", f"{exercise.id}.html")] = exercise_page(kb, exercise, base)
    written = []
    for relative, text in pages.items():
        path = output / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


# --- pages ------------------------------------------------------------------------------------


def index_page(kb: KnowledgeBase) -> str:
    conditions = [
        f'<li><a href="conditions/{escape(c.id)}.html">{escape(c.name)}</a> '
        f"({_urgency(c.urgency)}): {escape(c.summary)}</li>"
        for c in kb.conditions
    ]
    exercises = [
        f'<li><a href="exercises/{escape(e.id)}.html">{escape(e.name)}</a> '
        f"({escape(e.exercise_kind.label)}): {escape(e.summary)}</li>"
        for e in kb.exercises
    ]
    flags = [_red_flag_section(kb, flag, "conditions/") for flag in kb.red_flags]
    version = f"<p>Content version {escape(kb.data_version)}.</p>" if kb.data_version else ""
    body = [
        "<h1>Back and spine pain</h1>",
        version,
        _section("Conditions", _list(conditions)),
        _section("Exercises", _list(exercises)),
        _section("Red flags: signs that need a clinician", "\n".join(flags), ident="red-flags"),
    ]
    return _page("Back and spine pain", "\n".join(part for part in body if part), home="index.html", document=None)


def condition_page(kb: KnowledgeBase, condition: Condition, base: str | None) -> str:
    sources = kb.sources_of(condition)
    cite = _citer(sources)
    flags = kb.red_flags_for(condition)
    body = [
        f"<h1>{escape(condition.name)}</h1>",
        _aliases(condition),
        f"<p>{escape(condition.summary)}</p>",
        f"<p>Usual urgency: {_urgency(condition.urgency)}.</p>",
    ]
    if flags:
        items = [
            f'<li><a href="../index.html#{escape(flag.id)}">{escape(flag.name)}</a> '
            f"({_urgency(flag.urgency)}): {escape(flag.summary)}</li>"
            for flag in flags
        ]
        body.append(_section("Red flags: get medical advice if you notice", _list(items), ident="red-flags"))
    if condition.escalations:
        items = [f"<li>{_urgency(e.urgency)}: {escape(e.when)}{cite(e.sources)}</li>" for e in condition.escalations]
        body.append(_section("When it is more urgent", _list(items)))
    codes = [f"<li><code>{escape(code.code)}</code> {escape(code.label)}</li>" for code in condition.icd10cm]
    body.append(_section("ICD-10-CM codes", _list(codes)))
    if condition.symptoms:
        body.append(_section("Symptoms", _list(f"<li>{escape(kb.symptoms[s].name)}</li>" for s in condition.symptoms)))
    for title, statements in (
        ("Causes", condition.causes),
        ("Risk factors", condition.risk_factors),
        ("How common it is", condition.epidemiology),
        ("How it usually goes", condition.course),
        ("Usual care", condition.care),
    ):
        if statements:
            body.append(_section(title, _statements(statements, cite)))
    if condition.treatments:
        items = [
            f"<li>{escape(kb.treatments[t].name)}: {escape(kb.treatments[t].summary)}</li>"
            for t in condition.treatments
        ]
        body.append(_section("Treatments", _list(items)))
    if condition.exercises:
        items = [
            f'<li><a href="../exercises/{escape(e)}.html">{escape(kb.exercises[e].name)}</a></li>'
            for e in condition.exercises
        ]
        body.append(_section("Exercises that may help", _list(items)))
    body.append(_sources(sources))
    return _page(condition.name, "\n".join(part for part in body if part), document=kb.to_jsonld(condition, base=base))


def exercise_page(kb: KnowledgeBase, exercise: Exercise, base: str | None) -> str:
    sources = kb.sources_of(exercise)
    cite = _citer(sources)
    facts = [
        f"Kind: {escape(exercise.exercise_kind.label)}",
        f"Starting position: {escape(exercise.position.label)}",
    ]
    if exercise.equipment:
        facts.append("Equipment: " + escape(", ".join(item.label for item in exercise.equipment)))
    body = [
        f"<h1>{escape(exercise.name)}</h1>",
        _aliases(exercise),
        f"<p>{escape(exercise.summary)}</p>",
        _list(f"<li>{fact}</li>" for fact in facts),
    ]
    if exercise.contraindications:
        items = [
            f"<li>{', '.join(_entry_link(kb, ident) for ident in item.conditions)}: "
            f"{escape(item.text)}{cite(item.sources)}</li>"
            for item in exercise.contraindications
        ]
        body.append(_section("Get medical advice before doing this exercise if you have", _list(items)))
    steps = "\n".join(f"<li>{escape(step)}</li>" for step in exercise.steps)
    body.append(_section("How to do it", f"<ol>\n{steps}\n</ol>"))
    if exercise.cues:
        body.append(_section("Form cues", _list(f"<li>{escape(cue)}</li>" for cue in exercise.cues)))
    dose = [f"<li>{escape(dose_text(exercise.dosage))}{cite(exercise.dosage.sources)}</li>"]
    dose += [f"<li>{escape(note)}</li>" for note in exercise.dosage.notes]
    body.append(_section("How much, how often", _list(dose)))
    roles = {"target": "Trains", "synergist": "Also works", "stabiliser": "Steadies with", "stretched": "Stretches"}
    muscles = [f"<li>{roles[w.role.value]}: {escape(kb.muscles[w.muscle].name)}</li>" for w in exercise.muscles]
    if muscles:
        body.append(_section("Muscles", _list(muscles)))
    for title, statements in (("What it is for", exercise.benefits), ("Take care", exercise.cautions)):
        if statements:
            body.append(_section(title, _statements(statements, cite)))
    if exercise.variations:
        items = [
            f"<li>{escape(v.relation.label.capitalize())}: "
            f'<a href="../exercises/{escape(v.exercise)}.html">{escape(kb.exercises[v.exercise].name)}</a></li>'
            for v in exercise.variations
        ]
        body.append(_section("Variations", _list(items)))
    body.append(_sources(sources))
    return _page(exercise.name, "\n".join(part for part in body if part), document=kb.to_jsonld(exercise, base=base))


# --- pieces -----------------------------------------------------------------------------------


def _page(title: str, body: str, *, document: dict[str, Any] | None, home: str = "../index.html") -> str:
    script = ""
    if document is not None:
        script = f'<script type="application/ld+json">\n{script_json(document)}\n</script>\n'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} - spinekb</title>\n<style>\n{STYLE}\n</style>\n{script}</head>\n<body>\n"
        f'<nav><a href="{home}">All conditions and exercises</a></nav>\n'
        f'<p class="notice" role="note">{escape(spinekb.NOTICE)}</p>\n'
        f"<main>\n{body}\n</main>\n</body>\n</html>\n"
    )


def script_json(document: dict[str, Any]) -> str:
    """JSON for a ``<script>`` block: ``<``, ``>`` and ``&`` escaped, so no text can end the block."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def dose_text(dosage: Dosage) -> str:
    """A dose in words: "hold 3-5 s; 10 repetitions; 1 set, building to 2-3; 3-5 sessions a week"."""
    parts = []
    if dosage.hold_seconds is not None:
        parts.append(f"hold {dosage.hold_seconds} s")
    if dosage.repetitions is not None:
        tempo = f", {dosage.tempo.label}" if dosage.tempo is not None else ""
        parts.append(f"{dosage.repetitions} repetitions{tempo}")
    sets = dosage.sets
    plural = "s" if sets.start != 1 else ""
    building = "" if sets.target.min == sets.target.max == sets.start else f", building to {sets.target}"
    parts.append(f"{sets.start} set{plural}{building}")
    if dosage.per_side:
        parts.append("each side")
    parts.append(f"{dosage.sessions_per_week} sessions a week")
    if dosage.rest_days_per_week:
        days = "day" if dosage.rest_days_per_week == 1 else "days"
        parts.append(f"at least {dosage.rest_days_per_week} rest {days} a week")
    return "; ".join(parts)


def _red_flag_section(kb: KnowledgeBase, flag: RedFlag, prefix: str) -> str:
    conditions = ", ".join(
        f'<a href="{prefix}{escape(c.id)}.html">{escape(c.name)}</a>' for c in kb.conditions_for(flag)
    )
    return (
        f'<section id="{escape(flag.id)}">\n<h3>{escape(flag.name)}</h3>\n'
        f"<p>{_urgency(flag.urgency)}: {escape(flag.summary)}</p>\n"
        f"<p>Points to: {conditions}</p>\n</section>"
    )


def _entry_link(kb: KnowledgeBase, ident: str) -> str:
    found = kb[ident]
    if isinstance(found, Condition):
        return f'<a href="../conditions/{escape(found.id)}.html">{escape(found.name)}</a>'
    return f'<a href="../index.html#{escape(found.id)}">{escape(found.name)}</a> (red flag)'


Citer = Callable[[Iterable[str]], str]


def _citer(sources: Sequence[Source]) -> Citer:
    """A function that turns source ids into links to the numbered sources at the foot of the page."""
    numbers = {source.id: number for number, source in enumerate(sources, 1)}

    def cite(idents: Iterable[str]) -> str:
        links = [f'<a href="#source-{escape(i)}">{numbers[i]}</a>' for i in dict.fromkeys(idents) if i in numbers]
        return f' <span class="cite">[{", ".join(links)}]</span>' if links else ""

    return cite


def _statements(statements: Sequence[Statement | Caution], cite: Citer) -> str:
    return _list(f"<li>{escape(s.text)}{cite(s.sources)}</li>" for s in statements)


def _sources(sources: Sequence[Source]) -> str:
    items = []
    for source in sources:
        parts = [escape(part) for part in (source.authors, source.title, source.citation, source.publisher) if part]
        if source.year and not (source.citation and str(source.year) in source.citation):
            parts.append(str(source.year))
        text = ". ".join(part.rstrip(".") for part in parts) + "."
        if source.doi:
            doi = escape(source.doi)
            text += f' doi: <a href="https://doi.org/{doi}">{doi}</a>'
        if source.url:
            text += f' <a href="{escape(source.url)}">{escape(source.url)}</a>'
        items.append(f'<li id="source-{escape(source.id)}">{text}</li>')
    return _section("Sources", "<ol>\n" + "\n".join(items) + "\n</ol>", ident="sources")


def _aliases(entry: Entry) -> str:
    return f"<p>Also called: {escape(', '.join(entry.aliases))}</p>" if entry.aliases else ""


def _urgency(urgency: spinekb.Urgency) -> str:
    return f'<span class="urgency-{escape(urgency.value)}">{escape(urgency.label)}</span>'


def _section(title: str, content: str, *, ident: str | None = None) -> str:
    anchor = f' id="{escape(ident)}"' if ident else ""
    return f"<section{anchor}>\n<h2>{escape(title)}</h2>\n{content}\n</section>"


def _list(items: Iterable[str]) -> str:
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


if __name__ == "__main__":
    sys.exit(main())
