"""The exceptions spinekb raises. Every one of them is a :class:`SpineKBError`."""

from __future__ import annotations

import attrs

from spinekb._record import Record

__all__ = [
    "ContentError",
    "ContentProblem",
    "MissingExtraError",
    "OutputExistsError",
    "SeekCareFirstError",
    "SpineKBError",
    "UnknownEntryError",
    "UnknownKindError",
    "UnknownPackError",
]


class SpineKBError(Exception):
    """The base of every error that spinekb raises on purpose."""


class UnknownEntryError(SpineKBError, KeyError):
    """No entry of the knowledge base matches an id, name or alias.

    It is also a :class:`KeyError`, so ``except KeyError`` works as for a dictionary.

    Attributes:
        kind: the kind of entry that was looked for ("exercise"), or "entry" for any kind.
        key: what was looked for.
        suggestions: ids of close matches, best first (possibly empty).
    """

    def __init__(self, kind: str, key: object, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(kind, key, suggestions)
        self.kind = kind
        self.key = key
        self.suggestions = suggestions

    def __str__(self) -> str:
        message = f"no {self.kind.replace('-', ' ')} {self.key!r}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        return message


class UnknownKindError(SpineKBError, ValueError):
    """A kind of entry was named that does not exist (``kb.collection("exercize")``,
    ``kb.search(text, kind="exercize")``).

    It is also a :class:`ValueError`, as an unknown kind has always raised.

    Attributes:
        name: what was asked for (a string, or the name of a class that is not a kind of entry).
        kinds: the kinds, as the names of their files ("sources", ..., "red-flags", ...).
        suggestions: the kinds close to ``name``, best first (possibly empty).
    """

    def __init__(self, name: str, kinds: tuple[str, ...], suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(name, kinds, suggestions)
        self.name = name
        self.kinds = kinds
        self.suggestions = suggestions

    def __str__(self) -> str:
        message = f"unknown kind {self.name}; expected one of {', '.join(self.kinds)}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        return message


class SeekCareFirstError(SpineKBError, ValueError):
    """An exercise plan was asked for while something needs a clinician first.

    Raised by :meth:`spinekb.KnowledgeBase.plan` when a screening, or a condition or red flag to
    avoid, is urgent or an emergency. No plan is made: the person should get medical care first.

    Attributes:
        urgency: how soon care is needed (a :class:`spinekb.Urgency`, urgent or emergency).
        reasons: the names of what made the plan wait.
        advice: what to do, in plain language.
    """

    def __init__(self, urgency: object, reasons: tuple[str, ...], advice: str) -> None:
        super().__init__(urgency, reasons, advice)
        self.urgency = urgency
        self.reasons = reasons
        self.advice = advice

    def __str__(self) -> str:
        because = ", ".join(self.reasons)
        return f"no exercise plan: seek care first ({self.urgency}: {because}). {self.advice}"


class MissingExtraError(SpineKBError, ImportError):
    """An optional library that a method needs is not installed.

    It is an :class:`ImportError` (``except ImportError`` catches it) and a
    :class:`spinekb.SpineKBError`. The message names the extra that installs the library.

    Attributes:
        module: the library that is missing ("pandas").
        needed_by: what needs it ("to_dataframe()").
        extra: the extra that installs it ("pandas", as in ``spinekb[pandas]``).
    """

    def __init__(self, module: str, needed_by: str, extra: str | None = None) -> None:
        extra = extra or module
        super().__init__(
            f"{needed_by} needs {module}, which is not installed; install it with: pip install 'spinekb[{extra}]'",
            name=module,
        )
        self.module = module
        self.needed_by = needed_by
        self.extra = extra

    def __reduce__(self) -> tuple[type[MissingExtraError], tuple[str, str, str]]:
        # Rebuilt from what it was made of, so it crosses to another process (a pool's worker).
        return (type(self), (self.module, self.needed_by, self.extra))


class OutputExistsError(SpineKBError, FileExistsError, ValueError):
    """An export's output is already there and ``replace=True`` (``--replace``) was not given.

    Nothing is written. It is a :class:`FileExistsError`, and a :class:`ValueError` as the
    SQLite export's refusal has always been (the command line reports it as a usage error).
    """


class UnknownPackError(SpineKBError, LookupError):
    """A content pack named by :func:`spinekb.load` is not there: a path that does not exist, or
    a name (a string that is not written as a path) that no installed pack has.

    Attributes:
        name: what was asked for.
        available: the names of the installed packs (entry points in the ``spinekb.packs`` group).
        suggestions: installed pack names close to ``name``.
        note: more about why, or what to write instead (``"./clinic"`` for a folder of that
            name in the working directory); may be empty.
    """

    def __init__(
        self, name: str, available: tuple[str, ...], suggestions: tuple[str, ...] = (), note: str = ""
    ) -> None:
        super().__init__(name, available, suggestions, note)
        self.name = name
        self.available = available
        self.suggestions = suggestions
        self.note = note

    def __str__(self) -> str:
        message = f"no content pack {self.name!r}: not a file or folder, nor an installed pack"
        if self.note:
            message = f"no content pack {self.name!r}: {self.note}"
        if self.suggestions:
            message += "; did you mean " + " or ".join(repr(s) for s in self.suggestions) + "?"
        elif self.available:
            message += " (installed: " + ", ".join(self.available) + ")"
        else:
            message += " (no packs are installed)"
        return message


@attrs.frozen(repr=False, eq=False)
class ContentProblem(Record):
    """One thing wrong with content data.

    Attributes:
        file: the file (or folder) the problem is in.
        entry: the id of the entry, or its position (``"#3"``) when it has no usable id;
            empty when the problem is with the file as a whole.
        field: the path to the field inside the entry (``"$.dosage.sets.start"``); ``"$"`` for
            the entry or file itself.
        message: what is wrong.
        pack: the content pack the file belongs to, when several are loaded together
            (``"spinekb"`` for the bundled content); empty otherwise.
    """

    file: str
    entry: str
    field: str
    message: str
    pack: str = ""

    def __str__(self) -> str:
        where = f"pack {self.pack}: {self.file}" if self.pack else self.file
        if self.entry:
            where += f", entry {self.entry}"
        if self.field and self.field != "$":
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class ContentError(SpineKBError, ValueError):
    """Content data is broken. Nothing is loaded when this is raised.

    Attributes:
        problems: every problem found, in file order; the message lists them.
    """

    def __init__(self, problems: list[ContentProblem] | tuple[ContentProblem, ...]) -> None:
        self.problems = tuple(problems)
        super().__init__(self._message())

    def __reduce__(self) -> tuple[type[ContentError], tuple[tuple[ContentProblem, ...]]]:
        # Rebuilt from its problems, so it crosses to another process whole.
        return (type(self), (self.problems,))

    @property
    def file(self) -> str:
        """The file of the first problem."""
        return self.problems[0].file

    @property
    def pack(self) -> str:
        """The content pack of the first problem ("" when only one folder was loaded)."""
        return self.problems[0].pack

    @property
    def entry(self) -> str:
        """The entry of the first problem."""
        return self.problems[0].entry

    @property
    def field(self) -> str:
        """The field path of the first problem."""
        return self.problems[0].field

    def _message(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems in content:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)
