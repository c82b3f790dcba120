"""What reading a message gives: the findings it mentions, how, and what it says of age,
duration and severity."""

from __future__ import annotations

from typing import Any

import attrs

from spinekb._words import age_words
from spinekb.models import Onset, RedFlag, Severity, Symptom

__all__ = ["ReadFinding", "ReadValue", "TextReading", "UnclearMention"]


@attrs.frozen(kw_only=True)
class ReadFinding:
    """A symptom or red flag that a message mentions.

    Attributes:
        entry: the symptom or red flag.
        text: the words of the message that name it, exactly as written.
        start: where those words start in the message (a string index).
        end: where they end (exclusive): ``message[start:end] == text``.
        negated: the message says it is absent ("no fever", "I haven't lost weight").
        hypothetical: the message asks about it or puts it as a condition ("if I get a fever").
        other_person: it is someone else's ("my mum had cancer").
        onset: what the message says of its onset ("suddenly": new), or ``None``.
    """

    entry: RedFlag | Symptom
    text: str
    start: int
    end: int
    negated: bool = False
    hypothetical: bool = False
    other_person: bool = False
    onset: Onset | None = None

    @property
    def counts(self) -> bool:
        """Whether screening counts it: said of the person, as present, not as a question."""
        return not (self.negated or self.hypothetical or self.other_person)

    @property
    def how(self) -> str:
        """How it was said, in words: "present", "negated", "hypothetical", "someone else's"."""
        if self.negated:
            return "negated"
        if self.hypothetical:
            return "hypothetical"
        if self.other_person:
            return "someone else's"
        return "present"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.entry.id,
            "kind": self.entry.kind,
            "name": self.entry.name,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "other_person": self.other_person,
            "onset": None if self.onset is None else str(self.onset),
            "counts": self.counts,
        }


@attrs.frozen(kw_only=True)
class ReadValue:
    """An age, a duration or a severity that a message states.

    Attributes:
        value: years of age (an ``int``; under a year a ``float``, a fraction of a year rounded
            to 3 places: "my 6 week old" is 0.115, 42 days of 365), weeks of pain (a ``float``)
            or a :class:`Severity`.
        text: the words that say it, exactly as written.
        start: where they start in the message.
        end: where they end (exclusive).
    """

    value: int | float | Severity
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        value = str(self.value) if isinstance(self.value, Severity) else self.value
        return {"value": value, "text": self.text, "start": self.start, "end": self.end}


@attrs.frozen(kw_only=True)
class UnclearMention:
    """Words that may point to a finding but could not be read as one ("something with my
    bladder"). Nothing is screened from them: ask the person.

    Attributes:
        text: the words, exactly as written.
        start: where they start in the message.
        end: where they end (exclusive).
        may_be: the symptoms or red flags they may point to.
        hypothetical: the words are asked about or put as a condition ("should i worry she is
            drowsy"): still worth asking about, since the sign may be there.
        other_person: the words are about someone other than the person screened ("my
            husband is confused"): still worth asking about, since the sign may be theirs now.
    """

    text: str
    start: int
    end: int
    may_be: tuple[RedFlag | Symptom, ...]
    hypothetical: bool = False
    other_person: bool = False

    @property
    def how(self) -> tuple[str, ...]:
        """How the words were said when not plainly: "asked about", "someone else's" (or neither)."""
        return tuple(
            word for flag, word in ((self.hypothetical, "asked about"), (self.other_person, "someone else's")) if flag
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "may_be": [entry.id for entry in self.may_be],
            "hypothetical": self.hypothetical,
            "other_person": self.other_person,
        }


@attrs.frozen(kw_only=True)
class TextReading:
    """What :meth:`spinekb.KnowledgeBase.findings_in` read in a message.

    It informs; it does not diagnose. Reading is by words and phrasings, not understanding: a
    finding said in words the lexicon does not hold is missed, which is why :attr:`unclear`
    lists vague words that may point to an emergency sign. A preview: on messages it was not
    built on it still misses some emergency signs (``docs/free-text.md`` has the figures), so
    never use a reading as the only safeguard.

    Attributes:
        text: the message.
        language: the language it was read in ("en").
        findings: every finding mentioned, in the order of the message, negated,
            hypothetical and other people's included.
        age: the age the message states, if any.
        pain_duration_weeks: how long the pain has lasted, in weeks, if stated.
        pain_severity: how bad the pain is, if stated (the worst, when several are said).
        unclear: vague words that may point to a finding (not screened).
        unread: what the message says that this reader does not work out ("since March").
    """

    text: str
    language: str
    findings: tuple[ReadFinding, ...] = ()
    age: ReadValue | None = None
    pain_duration_weeks: ReadValue | None = None
    pain_severity: ReadValue | None = None
    unclear: tuple[UnclearMention, ...] = ()
    unread: tuple[str, ...] = ()

    @property
    def present(self) -> tuple[ReadFinding, ...]:
        """The findings screening counts: the person's own, said as present."""
        return tuple(finding for finding in self.findings if finding.counts)

    @property
    def set_aside(self) -> tuple[ReadFinding, ...]:
        """The findings screening does not count: negated, hypothetical or someone else's. An
        app may want to ask about them."""
        return tuple(finding for finding in self.findings if not finding.counts)

    def to_dict(self) -> dict[str, Any]:
        """The reading as plain data (str, int, float, bool, None, lists and dicts)."""

        def value(item: ReadValue | None) -> dict[str, Any] | None:
            return None if item is None else item.to_dict()

        return {
            "text": self.text,
            "language": self.language,
            "findings": [finding.to_dict() for finding in self.findings],
            "age": value(self.age),
            "pain_duration_weeks": value(self.pain_duration_weeks),
            "pain_severity": value(self.pain_severity),
            "unclear": [item.to_dict() for item in self.unclear],
            "unread": list(self.unread),
        }

    def __str__(self) -> str:
        lines = []
        for finding in self.findings:
            onset = f", {finding.onset}" if finding.onset is not None else ""
            lines.append(f'{finding.how}: {finding.entry.name} [{finding.entry.id}] "{finding.text}"{onset}')
        for label, item in (("age", self.age), ("pain for", self.pain_duration_weeks), ("pain", self.pain_severity)):
            if item is not None:
                if label == "pain for":
                    shown = f"{item.value:.1f} weeks"
                elif label == "age" and not isinstance(item.value, Severity):
                    shown = age_words(item.value)
                else:
                    shown = str(item.value)
                lines.append(f'{label}: {shown} "{item.text}"')
        for mention in self.unclear:
            names = ", ".join(entry.name.lower() for entry in mention.may_be)
            whose = f" ({', '.join(mention.how)})" if mention.how else ""
            lines.append(f'unclear{whose}: "{mention.text}" may point to {names}; ask')
        lines.extend(f"not read: {item}" for item in self.unread)
        return "\n".join(lines) if lines else "nothing read"
