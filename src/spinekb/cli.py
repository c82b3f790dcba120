"""The ``spinekb`` command line: look things up in the bundled knowledge base from a terminal.

It is built on the public API alone (and on the phrases of ``spinekb._words``, so that the
terminal and the library say things the same way): each command resolves what it is given once,
by passing it to the query, and takes the queries' own defaults.

Exit status, one per cause (see :data:`EXIT_STATUSES`): 0 on success; 1 when content has
problems (``validate``) or cannot be loaded; 2 for a usage error, an unknown name (close matches go
to stderr), a value out of range, or an export to a path that exists without ``--replace``; 3 when
an exercise plan is refused because care comes first; 4 when output cannot be written (a folder
that cannot be made or written to, a file in the way, a name too long, a full disk); 130 when
interrupted; 70 for a fault in spinekb itself. Every failure is one line on stderr starting ``spinekb:``, never a
traceback. A reader that stops early (``spinekb validate ... | head -1``) is not a failure: the
status is the command's own.

Text from content packs is printed with terminal control characters escaped
(``\\u001b`` for ESC, as JSON escapes it, so ``--json`` output stays JSON), so a pack cannot move
the cursor, recolour the terminal or forge a line of ``validate`` output.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

import spinekb
from spinekb import NOTICE, ExerciseKind, ExerciseMatch, KnowledgeBase, load
from spinekb._words import STRENGTH, URGENCY_HEADINGS, dosage_text, wrap
from spinekb.errors import ContentError, SeekCareFirstError, UnknownEntryError, UnknownPackError
from spinekb.models import RedFlag, Urgency


def _default(query: Callable[..., object], parameter: str) -> object:
    """The default of one of a query's parameters, as the query declares it."""
    import inspect

    return inspect.signature(query).parameters[parameter].default


def _given(args: argparse.Namespace, **names: str) -> dict[str, Any]:
    """The options given on the command line, under the query's names for them (``names`` maps
    each query parameter to its attribute); options left out take the query's own defaults."""
    return {parameter: getattr(args, attribute) for parameter, attribute in names.items() if hasattr(args, attribute)}


def _parser() -> argparse.ArgumentParser:
    __version__ = spinekb.__version__
    parser = argparse.ArgumentParser(
        prog="spinekb",
        description="Query spinekb, a sourced knowledge base on back and spine pain. It informs; it does not diagnose.",
        epilog="Examples: spinekb show sciatica | spinekb exercises --muscle-group hip-abductors --chain 1",
    )
    parser.add_argument("--version", action="version", version=f"spinekb {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    show = commands.add_parser("show", help="describe an entry of any kind by id, name or alias")
    show.add_argument(
        "name", nargs="+", metavar="ID-OR-NAME", help="an id, name or alias (words may be given unquoted)"
    )

    search = commands.add_parser("search", help="search names, aliases and summaries")
    search.add_argument("text", nargs="+", metavar="TEXT", help="words to search for")
    search.add_argument("--limit", type=_positive, default=10, metavar="N", help="show at most N results (default 10)")
    search.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="only entries of this kind (exercises, red-flag, ...); give it again for several",
    )

    exercises = commands.add_parser("exercises", help="exercises for a muscle group, muscle or region")
    target = exercises.add_mutually_exclusive_group(required=True)
    target.add_argument("--muscle-group", nargs="+", metavar="G", help="a muscle group id or name (hip-abductors)")
    target.add_argument("--muscle", nargs="+", metavar="M", help="a muscle id or name (gluteus-medius)")
    target.add_argument("--region", nargs="+", metavar="R", help="a region id or name (hip)")
    exercises.add_argument(
        "--chain",
        type=_not_negative,
        default=argparse.SUPPRESS,
        metavar="N",
        help="also include regions up to N links away along the kinetic chain "
        f"(default {_default(spinekb.exercises_for, 'chain')})",
    )
    exercises.add_argument(
        "--kind",
        action="append",
        choices=[kind.value for kind in ExerciseKind],
        default=argparse.SUPPRESS,
        help="keep exercises of this kind only (repeat for several)",
    )
    exercises.add_argument(
        "--supporting",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also list exercises in which the muscles only help or steady, or only accessory members of "
        "the group work, ranked after the rest",
    )
    _add_avoid(exercises)

    flags = commands.add_parser(
        "red-flags", help="red flags, most urgent first; all of them, or those of one condition"
    )
    flags.add_argument("--condition", nargs="+", metavar="C", help="only the red flags that point to this condition")

    screening = commands.add_parser(
        "screen",
        help="weigh reported red flags and symptoms; prints the urgency first, then the reasons",
        description=(
            "Weigh what a person reports against the red flags. FINDINGs are red flags or symptoms by id, "
            "name or alias; words may be given unquoted (spinekb screen saddle numbness fever). "
            'Or give what the person wrote with --text (spinekb screen --text "numb down there and cant pee"). '
            "It informs; it does not diagnose."
        ),
    )
    screening.add_argument("findings", nargs="*", metavar="FINDING", help="a red flag or symptom")
    screening.add_argument(
        "--text",
        metavar="MESSAGE",
        help=(
            "screen what a person wrote, in their own words ('-' reads it from standard input); "
            "negated, hypothetical and other people's findings are listed, not counted"
        ),
    )
    screening.add_argument(
        "--onset",
        action="append",
        default=[],
        type=_qualified("onset", ("new", "worsening", "stable")),
        metavar="FINDING=ONSET",
        help=(
            "a finding with its onset: new, worsening or stable (repeat for several; 'pain in both legs=stable'); "
            "a finding of unknown onset counts as new"
        ),
    )
    screening.add_argument(
        "--severity-of",
        action="append",
        default=[],
        type=_qualified("severity", ("mild", "moderate", "severe")),
        metavar="FINDING=SEVERITY",
        help="a finding with its severity: mild, moderate or severe ('leg weakness=mild'); unknown counts as severe",
    )
    screening.add_argument("--age", type=_not_negative, metavar="N", help="age in years")
    screening.add_argument("--weeks", type=_amount("weeks"), metavar="N", help="how many weeks the pain has lasted")
    screening.add_argument(
        "--severity", choices=("mild", "moderate", "severe"), help="how bad the pain is, in the person's words"
    )
    screening.add_argument(
        "--explained",
        action="append",
        default=[],
        metavar="FINDING",
        help="a finding the person knows a harmless reason for (repeat for several; quote names of several words)",
    )
    screening.add_argument("--json", action="store_true", help="print the screening as JSON for another program")

    planning = commands.add_parser(
        "plan",
        help="a weekly exercise plan for a muscle group or region",
        description=(
            "A weekly exercise plan for a muscle group or region, with rest days, the kinetic chain and doses that "
            "build week by week. It informs; it does not diagnose: get checked first if anything worries you."
        ),
    )
    planning.add_argument("target", nargs="+", metavar="TARGET", help="a muscle group or region id or name")
    planning.add_argument(
        "--sessions",
        type=_positive,
        default=argparse.SUPPRESS,
        metavar="N",
        help=f"sessions a week, 1-6, keeping a rest day (default {_default(spinekb.plan, 'sessions_per_week')})",
    )
    planning.add_argument(
        "--weeks",
        type=_positive,
        default=argparse.SUPPRESS,
        metavar="N",
        help=f"weeks, 1-52 (default {_default(spinekb.plan, 'weeks')})",
    )
    planning.add_argument(
        "--chain",
        type=_not_negative,
        default=argparse.SUPPRESS,
        metavar="N",
        help=f"regions up to N links away (default {_default(spinekb.plan, 'chain')})",
    )
    _add_avoid(planning)
    planning.add_argument("--minutes", type=_amount("minutes"), metavar="N", help="at most about N minutes a session")
    planning.add_argument("--json", action="store_true", help="print the plan as JSON for another program")

    exporting = commands.add_parser(
        "export",
        help="write the knowledge base as JSON, JSON Schema, CSV, SQLite or JSON-LD",
        description=(
            "Write the bundled knowledge base out for other tools. json and jsonld print to stdout "
            "without --output; schema prints one kind's schema (--kind) or the document's; csv and "
            "sqlite need --output."
        ),
    )
    exporting.add_argument("--format", required=True, choices=KnowledgeBase.export_formats, help="what to write")
    exporting.add_argument("--output", metavar="PATH", help="a file (json, sqlite, jsonld) or a folder (schema, csv)")
    exporting.add_argument("--kind", metavar="KIND", help="with --format schema and no --output: one kind's schema")
    exporting.add_argument(
        "--replace", action="store_true", help="overwrite existing output (any format); without it an export refuses to"
    )

    validating = commands.add_parser(
        "validate",
        help="check content packs and print every problem",
        description=(
            "Check content packs (folders, .json content documents or installed packs' names) as spinekb.load() "
            "would: added to the bundled content, in the order given. Prints every problem, not just the first; "
            "exits 1 if any."
        ),
    )
    validating.add_argument(
        "paths", nargs="+", metavar="PACK", help="a content folder, a content document or an installed pack's name"
    )
    validating.add_argument("--alone", action="store_true", help="check the packs without the bundled content")

    listing = commands.add_parser("list", help="list every entry of one kind")
    listing.add_argument(
        "kind",
        metavar="KIND",
        help=f"the kind of entry: {', '.join(KnowledgeBase.kinds)} (or a kind's other names: red_flags, red-flag)",
    )
    return parser


def _add_avoid(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--avoid",
        action="append",
        default=[],
        metavar="C",
        help="leave out what this condition or red flag rules out, saying why (repeat for several)",
    )


def _positive(text: str) -> int:
    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _qualified(what: str, choices: tuple[str, ...]) -> Callable[[str], tuple[str, str]]:
    """An argument type for FINDING=VALUE, VALUE one of ``choices``."""

    def parse(text: str) -> tuple[str, str]:
        name, sep, value = text.rpartition("=")
        if not sep or not name.strip() or value.strip().lower() not in choices:
            raise argparse.ArgumentTypeError(f"expected FINDING={'|'.join(choices)}, not {text!r}")
        return name.strip(), value.strip().lower()

    parse.__name__ = what  # argparse names the type in its messages
    return parse


def _not_negative(text: str) -> int:
    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _amount(unit: str) -> Callable[[str], float]:
    """An argparse type for a finite amount of ``unit`` ("weeks"), 0 or more."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number of {unit}, got {text!r}") from None
        if not value >= 0 or value == float("inf"):
            raise argparse.ArgumentTypeError(f"must be a number of {unit}, 0 or more, not {text}")
        return value

    return parse


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


#: The exit statuses of the command line, by cause.
EXIT_STATUSES: dict[int, str] = {
    0: "success",
    1: "the content has problems (validate) or cannot be loaded",
    2: "a usage error, an unknown name, a value out of range, or an existing output without --replace",
    3: "an exercise plan refused because care comes first",
    4: "output that cannot be written",
    70: "a fault in spinekb itself (please report it)",
    130: "interrupted",
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Usage errors found by argparse exit through ``SystemExit`` with status 2, as argparse does.
    """
    try:
        status, lines = _run(argv)
    except KeyboardInterrupt:
        _fail("interrupted")
        return 130
    except Exception as exc:  # no traceback reaches a command-line user
        if os.environ.get("SPINEKB_DEBUG"):
            raise
        _fail(f"unexpected fault ({type(exc).__name__}: {exc}); please report it (SPINEKB_DEBUG=1 shows where)")
        return 70
    return _emit(lines, status)


def _run(argv: Sequence[str] | None) -> tuple[int, list[str]]:
    """The exit status and the lines to print (failures are reported here, on stderr)."""
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return _validate(args)
    try:
        kb = load()
        lines = _COMMANDS[args.command](kb, args)
    except UnknownEntryError as exc:
        return _fail(exc, 2)
    except ContentError as exc:
        problems = "\n".join(f"  {_printable(str(problem), newlines=True)}" for problem in exc.problems)
        return _fail(f"the content could not be loaded:\n{problems}", 1, escape=False)
    except SeekCareFirstError as exc:
        return _fail(exc, 3)
    except (ValueError, TypeError) as exc:  # also an export's refusal to overwrite without --replace
        return _fail(exc, 2)
    except OSError as exc:
        return _fail(_os_error(exc), 4)
    return 0, lines


def _fail(message: object, status: int = 1, *, escape: bool = True) -> tuple[int, list[str]]:
    """Say what went wrong on stderr, one line (``spinekb: ...``); returns ``status`` and no output."""
    text = _printable(str(message), newlines=True) if escape else str(message)
    try:
        print(f"spinekb: {text}", file=sys.stderr)
        sys.stderr.flush()
    except OSError:  # stderr itself is gone or full: the status still says it
        pass
    return status, []


def _os_error(exc: OSError) -> str:
    """One line for a failed write: the path and the reason ("Permission denied")."""
    reason = exc.strerror or str(exc)
    if exc.filename is None:
        return f"cannot write: {reason}"
    return f"cannot write {os.fsdecode(exc.filename)!r}: {reason}"


def _emit(lines: list[str], status: int) -> int:
    """Print ``lines`` to stdout; returns ``status``, or 4 when stdout cannot be written."""
    if not lines:
        return status
    try:
        sys.stdout.write(_printable("\n".join(lines)) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # the reader (head, less) stopped early: not an error
        _silence_stdout()
    except OSError as exc:  # a full disk, /dev/full
        _silence_stdout()
        _fail(f"cannot write to standard output: {exc.strerror or exc}")
        return 4
    return status


def _silence_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush at exit finds nothing wrong."""
    # Without a file descriptor (stdout replaced), nothing is flushed at exit either.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# C0 and C1 control characters and DEL, and the bidirectional overrides and isolates that can
# make a terminal show text in another order than it is.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _printable(text: str, *, newlines: bool = False) -> str:
    """``text`` with terminal control characters escaped as JSON escapes them (ESC as
    ``\\u001b``); with ``newlines``, line breaks and tabs too, so the text stays on one line."""
    pattern = _CONTROL_OR_NEWLINE if newlines else _CONTROL
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    # As JSON writes it, so that --json output stays JSON and decodes to the very text.
    return f"\\u{ord(match[0]):04x}"


def _show(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    text = " ".join(args.name)
    found = kb.find(text)
    if not found:
        raise UnknownEntryError("entry", text, kb.suggest(text))
    rule = "-" * 40
    lines: list[str] = []
    for entry in found:
        if lines:
            lines += ["", rule, ""]
        lines.append(kb.describe(entry))
    return lines


def _search(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    text = " ".join(args.text)
    hits = kb.search(text, limit=args.limit, kind=args.kind)
    if not hits:
        return [f"Nothing matches {text!r}."]
    width = max(len(hit.id) for hit in hits)
    return [f"{hit.id:<{width}}  {hit.kind:<12}  {hit.name}" for hit in hits]


def _exercises(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    targets = {"muscle_group": args.muscle_group, "muscle": args.muscle, "region": args.region}
    asked: dict[str, Any] = {parameter: " ".join(words) for parameter, words in targets.items() if words is not None}
    options = _given(args, chain="chain", kind="kind", supporting="supporting")
    matches = kb.exercises_for(**asked, **options, avoid=args.avoid)
    chain = int(options.get("chain", _default(kb.exercises_for, "chain")))
    target = matches.target
    assert target is not None  # exercises_for always says what it was asked about
    reach = f", and up to {chain} link{'s' * (chain != 1)} away along the kinetic chain" if chain else ""
    lines = [f"Exercises for {target.name.lower()}{reach}:"]
    if not matches:
        lines.append(
            "  none: every match is left out (see below)." if matches.left_out else "  none yet in the knowledge base."
        )
    distance = -1
    for match in matches:
        if match.distance != distance:
            distance = match.distance
            lines.append("")
            lines.append("The target itself" if distance == 0 else f"{distance} link{'s' * (distance > 1)} away")
        lines.extend(_exercise_lines(match))
    if matches.left_out:
        lines += ["", f"Left out ({len(matches.left_out)}):"]
        lines.extend(
            wrap(f"{item.exercise.name} [{item.exercise.id}]: {item.reason}", first="  ", indent="      ")
            for item in matches.left_out
        )
    lines += ["", "Run 'spinekb show ID' for the steps, cautions and sources of an exercise.", wrap(NOTICE)]
    return lines


def _exercise_lines(match: ExerciseMatch) -> list[str]:
    exercise = match.exercise
    return [
        f"  {exercise.name} [{exercise.id}]",
        wrap(f"{exercise.exercise_kind.label}; {match.why}", first="      ", indent="        "),
        wrap(dosage_text(exercise.dosage), first="      "),
    ]


def _red_flags(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    flags: tuple[RedFlag, ...]
    if args.condition is not None:
        condition = kb.conditions.lookup(" ".join(args.condition))
        flags = kb.red_flags_for(condition)
        lines = [f"Red flags for {condition.name}:"]
    else:
        flags = tuple(sorted(kb.red_flags, key=lambda flag: (-flag.urgency.rank, flag.id)))
        lines = ["Red flags, most urgent first:"]
    if not flags:
        lines.append("  none recorded.")
    urgency: Urgency | None = None
    for flag in flags:
        if flag.urgency is not urgency:
            urgency = flag.urgency
            lines += ["", URGENCY_HEADINGS[urgency]]
        points_to = ", ".join(kb.conditions[ident].name for ident in flag.conditions)
        lines.append(f"  {flag.name} [{flag.id}]")
        strength = STRENGTH[flag.informativeness]
        lines.append(wrap(f"points to: {points_to}; on its own, {strength}", first="      "))
    lines += ["", wrap(NOTICE)]
    return lines


def _screen(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    from spinekb import Finding

    qualified: dict[str, dict[str, str]] = {}
    for field, pairs in (("onset", args.onset), ("severity", args.severity_of)):
        for name, value in pairs:
            qualified.setdefault(name, {})[field] = value
    if args.text is not None:
        if args.findings or qualified or args.explained:
            raise ValueError(
                "--text reads the findings from the message: "
                "give no FINDING, --onset, --severity-of or --explained with it"
            )
        text = sys.stdin.read() if args.text == "-" else args.text
        screening = kb.screen_text(text, age=args.age, pain_duration_weeks=args.weeks, pain_severity=args.severity)
        if args.json:
            import json

            return [json.dumps(screening.to_dict(), indent=2, ensure_ascii=False)]
        return str(screening).splitlines()
    if not args.findings and not qualified:
        raise ValueError(
            "name at least one finding (or give one with --onset or --severity-of, or a message with --text)"
        )
    findings: list[Finding | str] = list(_split_findings(kb, args.findings))
    findings += [Finding(name, **fields) for name, fields in qualified.items()]
    screening = kb.screen(
        findings,
        age=args.age,
        pain_duration_weeks=args.weeks,
        pain_severity=args.severity,
        explained=args.explained,
    )
    if args.json:
        import json

        return [json.dumps(screening.to_dict(), indent=2, ensure_ascii=False)]
    return str(screening).splitlines()


def _plan(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    plan = kb.plan(
        " ".join(args.target),
        **_given(args, sessions_per_week="sessions", weeks="weeks", chain="chain"),
        avoid=args.avoid,
        minutes=args.minutes,
    )
    if args.json:
        import json

        return [json.dumps(plan.to_dict(), indent=2, ensure_ascii=False)]
    return str(plan).splitlines()


def _split_findings(kb: KnowledgeBase, words: list[str]) -> list[str]:
    """Group unquoted words into findings, longest known name first ("saddle numbness fever").

    Only runs as long as the longest name or alias are tried, so the work grows in step with the
    number of words (a thousand words are split at once, not in a minute)."""

    def known(text: str) -> bool:
        return any(
            collection.get(text) is not None or collection.find(text) is not None
            for collection in (kb.red_flags, kb.symptoms)
        )

    # A run of words can only match a name with at least as many words (look-ups ignore
    # punctuation and spacing, so a name's words are counted both ways); words that are
    # punctuation alone are allowed as many again.
    longest = max(
        (
            max(len(name.split()), len(_WORD.findall(name)))
            for collection in (kb.red_flags, kb.symptoms)
            for entry in collection
            for name in (entry.id.replace("-", " "), entry.name, *entry.aliases)
        ),
        default=1,
    )
    findings: list[str] = []
    start = 0
    while start < len(words):
        ends: list[int] = []
        wordy = 0
        for end in range(start + 1, min(len(words), start + 2 * longest) + 1):
            wordy += bool(_WORD.search(words[end - 1]))
            if wordy > longest:
                break
            ends.append(end)
        for end in reversed(ends):
            text = " ".join(words[start:end])
            if known(text):
                findings.append(text)
                start = end
                break
        else:
            findings.append(words[start])  # unknown: screen() reports it with close matches
            start += 1
    return findings


_WORD = re.compile(r"[^\W_]+")


def _export(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    import json

    if args.output is not None:
        written = kb.export(args.format, args.output, replace=args.replace)
        return [f"wrote {path}" for path in written]
    printed: dict[str, Callable[[], dict[str, Any]]] = {
        "json": kb.to_document,
        "schema": lambda: kb.to_json_schema(args.kind),
        "jsonld": kb.to_jsonld,
    }
    if args.format in printed:
        return [json.dumps(printed[args.format](), indent=2, ensure_ascii=False)]
    raise ValueError(f"--format {args.format} writes several files or a database: give --output PATH")


def _validate(args: argparse.Namespace) -> tuple[int, list[str]]:
    try:
        kb = load(*args.paths, bundled=not args.alone)
    except ContentError as exc:
        count = len(exc.problems)
        # One problem a line, whatever the pack's text holds.
        return 1, [f"{count} problem{'s' * (count != 1)}:"] + [
            f"  {_printable(str(problem), newlines=True)}" for problem in exc.problems
        ]
    except (UnknownPackError, ValueError, TypeError) as exc:
        return _fail(exc, 2)
    names = ", ".join(f"{info.name} {info.data_version or '(no version)'}" for info in kb.packs)
    return 0, [_printable(f"ok: {names}; {len(kb)} entries in all", newlines=True)]


def _list(kb: KnowledgeBase, args: argparse.Namespace) -> list[str]:
    collection = kb.collection(args.kind)
    entries = list(collection)
    if not entries:
        return [f"No {kb.kinds[kb.collections.index(collection)]} yet."]
    width = max(len(entry.id) for entry in entries)
    return [f"{entry.id:<{width}}  {entry.name}" for entry in entries]


_COMMANDS = {
    "show": _show,
    "search": _search,
    "exercises": _exercises,
    "red-flags": _red_flags,
    "screen": _screen,
    "plan": _plan,
    "export": _export,
    "list": _list,
}
