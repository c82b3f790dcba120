"""Red-flag screening: what a person reports, weighed finding by finding as the evidence says.

Every rule below reads the content; the red flags' ``triggers``, ``modifiers`` and ``counts_as``
say what raises a flag and what changes its weight. This module only applies them:

1. **Findings.** Each finding names a red flag or a symptom (id, name or alias), bare or as a
   :class:`Finding` with an onset (new, worsening, stable) and a severity (mild, moderate,
   severe). An unknown onset counts as new and an unknown severity as severe, so leaving them
   out never lowers the answer. A red flag named directly is raised at its own urgency. A
   symptom raises every flag with a trigger that it fits: all the trigger's symptoms reported,
   each with an onset and severity the trigger allows, and the age within the trigger's
   bounds. ``age`` alone raises the flags whose age trigger it passes. A symptom that raises no
   flag is kept as an *other finding*; nothing is dropped, and anything unknown is an error.
2. **Own urgency.** A raised flag starts at the highest urgency of what raised it: its own
   urgency when named, else each trigger's urgency (a stable, long-standing sign can weigh less
   than a new one: see :attr:`spinekb.models.Trigger.urgency`).
3. **Modifiers** raise it (never lower it) when their circumstance is known to hold:

   - ``severe-persistent-pain``: ``pain_severity="severe"`` and ``pain_duration_weeks`` of at
     least :data:`SEVERAL_WEEKS` (4: past the acute stage); ``severe-new-pain``: severe pain
     of fewer weeks than that.
   - ``cancer-history``, ``neurological-signs``, ``trauma``, ``major-trauma``: another finding
     counts as that circumstance (a flag's or symptom's ``counts_as``). A flag's own
     ``counts_as``, and the symptoms of its own triggers, never count for itself. A modifier's
     ``onset`` says which onsets of the lending finding count: new or worsening nerve signs make
     a fever an emergency, while after cancer any nerve symptom does (a flag lends with the most
     worrying onset of what raised it).
   - ``combined-flags``: one of the modifier's ``together_with`` flags is raised too, or one of
     its symptoms is reported (with an onset the modifier's ``onset`` allows, when it names one).

   A modifier whose circumstance is not known, and that would raise the flag, is listed as a
   sign to watch for rather than hidden. An applied modifier's ``points_to`` says what the
   combination points to, ranked before the flag's own conditions.
4. **Harmless explanations** set aside the findings named in ``explained``, never a whole flag
   at once: a flag is set aside (still listed, no longer counted, lending no circumstance)
   only when every finding that raised it is explained and its entry has a
   ``harmless-explanation`` modifier. Explaining a red flag by name explains only its having
   been named; the symptoms that raised it must be explained themselves. An explained finding
   lends no circumstance. Any other flag keeps counting, and the screening says why.
5. **Overall urgency** is the highest urgency of the counted flags and of the reported symptoms'
   own ``seek_care`` (sciatica: see a clinician soon; one with ``lasting_weeks`` only when the
   pain is said to have lasted that long: neck pain from 4 weeks), and at least:

   - *soon* under :data:`ADULT_AGE` (the rules are for adults); *urgent* under
     :data:`YOUNG_CHILD_AGE`, or under :data:`ADULT_AGE` with a red flag, a symptom worth a
     visit, or severe pain lasting :data:`PERSISTENT_WEEKS` or more;
   - *soon* when the pain is severe and has lasted :data:`PERSISTENT_WEEKS` or more, or is
     severe and new (or of unknown duration) from the age of :data:`NEW_SEVERE_PAIN_AGE` (or of
     unknown age); *urgent* when it is severe and new from :data:`NEW_SEVERE_PAIN_URGENT_AGE`.

   Self-care when there is none of these. Severe pain of unknown duration counts as new.
6. **One voice.** The advice speaks for the overall urgency only: lower-tier advice of the
   flags and symptoms stays with them, and does not contradict the answer. A symptom's
   ``safety_net`` (what to act on at once) is always said, and the reassurance that no red flag
   counts only when the answer is *soon* or *self-care* and no finding has a safety net.

So adding a finding can only add flags or circumstances (urgency never drops), explaining a
finding can only take one away (urgency never rises), and a worsening finding never weighs less
than a stable one.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

import attrs

from spinekb._kinds import plain
from spinekb._query.resolve import resolve_among
from spinekb._words import NOTICE, age_in_days, age_words
from spinekb.models import (
    Condition,
    Entry,
    Escalation,
    Modifier,
    ModifierKind,
    Onset,
    RedFlag,
    Severity,
    Source,
    Statement,
    Symptom,
    Trigger,
    Urgency,
)

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog
    from spinekb._reading.answers import TextReading

__all__ = [
    "ADULT_AGE",
    "NEW_SEVERE_PAIN_AGE",
    "NEW_SEVERE_PAIN_URGENT_AGE",
    "PERSISTENT_WEEKS",
    "SEVERAL_WEEKS",
    "YOUNG_CHILD_AGE",
    "Finding",
    "Findings",
    "PainSeverity",
    "ScreenedCondition",
    "ScreenedFlag",
    "Screening",
    "screen",
]

PainSeverity = Severity
"""How bad the pain is, in the person's own words: the same class as :class:`spinekb.Severity`."""

#: Weeks of pain that count as "several weeks" for the severe-persistent-pain modifier: 4, the
#: end of the acute stage (acute low back pain has lasted under 4 weeks).
SEVERAL_WEEKS = 4

#: Why :data:`SEVERAL_WEEKS` is 4, with its sources.
SEVERAL_WEEKS_REASON = Statement(
    text=(
        "A red flag together with severe low back pain lasting several weeks is a reason to get checked. "
        "spinekb reads several weeks as 4 weeks or more: pain counts as acute for under 4 weeks, "
        "subacute from 4 to 12 weeks and chronic after that."
    ),
    sources=("seed-red-flag-commentary", "acp-2017"),
)

#: Weeks of severe pain after which a screening with no red flag still says "see a clinician": the
#: same 4 weeks as :data:`SEVERAL_WEEKS`, so the answer never drops as the weeks pass.
PERSISTENT_WEEKS = SEVERAL_WEEKS

#: Said when the pain is severe and has lasted :data:`PERSISTENT_WEEKS` or more.
PERSISTENT_SEVERE_PAIN = Statement(
    text=(
        "Pain that is still severe after 4 weeks or more is a reason to see a clinician even when no red flag "
        "counts: severe, persistent or unusual pain is one of the features that call for a closer look, and "
        "the diagnosis and the plan should be reviewed when back pain is not settling as expected."
    ),
    sources=("ifompt-2020", "nice-ng59"),
)

#: People younger than this are outside the red-flag rules' scope (the guidance is for adults).
ADULT_AGE = 16

#: Said for anyone younger than :data:`ADULT_AGE`.
ADULTS_ONLY = Statement(
    text=(
        "These red-flag rules follow guidance written for adults (16 and over), so they cannot reassure about a "
        "child or teenager. Back pain in someone this young should be checked by a clinician; go at once for "
        "any emergency sign listed below."
    ),
    sources=("nice-ng59", "nice-bites-lbp"),
)

#: Younger than this, back pain calls for a same-day review.
YOUNG_CHILD_AGE = 5

#: Said for a child younger than :data:`YOUNG_CHILD_AGE`.
YOUNG_CHILD = Statement(
    text=(
        "Back pain is uncommon in young children, and in a child this young a cause such as an infection or a "
        "tumour is more likely than in older children: get a same-day medical review."
    ),
    sources=("nenc-healthier-together-back-pain", "jfp-2020-youth-back-pain"),
)

#: Said for anyone younger than :data:`ADULT_AGE` with a red flag or a symptom worth a visit.
CHILD_WITH_A_CONCERN = Statement(
    text=(
        "In a child or teenager, back pain with a red flag, with nerve symptoms, with pain at night or with "
        "feeling unwell, or severe pain that has lasted 4 weeks or more, needs a same-day medical review."
    ),
    sources=("nenc-healthier-together-back-pain",),
)

#: From this age, new severe back pain is a reason to see a clinician.
NEW_SEVERE_PAIN_AGE = 50

#: Said when the pain is severe and new (or of unknown duration) from :data:`NEW_SEVERE_PAIN_AGE`.
NEW_SEVERE_PAIN_LATER_IN_LIFE = Statement(
    text=(
        "spinekb advises seeing a clinician about new, severe back pain from the age of 50 even with no red flag, "
        "since a fracture, a cancer or a problem with the aorta becomes more likely with age. Call emergency "
        "services if the pain is sudden and tearing, comes with pain in the abdomen, or with feeling faint or "
        "collapsing."
    ),
    sources=("nice-ng156", "ifompt-2020"),
)

#: From this age, new severe back pain calls for a same-day review.
NEW_SEVERE_PAIN_URGENT_AGE = 65

#: Said when the pain is severe and new (or of unknown duration) from :data:`NEW_SEVERE_PAIN_URGENT_AGE`.
NEW_SEVERE_PAIN_FROM_65 = Statement(
    text=(
        "New, severe back pain from the age of 65 needs a same-day medical review even with no red flag: a "
        "fracture, or a problem with the aorta, becomes more likely with age. Call emergency services if the "
        "pain is sudden and tearing, comes with pain in the abdomen, or with feeling faint or collapsing."
    ),
    sources=("nice-ng156", "nice-ng41", "ifompt-2020"),
)

#: What to do, for each overall urgency (the flags behind it add their own sources).
ADVICE = {
    Urgency.EMERGENCY: (
        "Call emergency services (999 in the UK) or go to an emergency department now. Do not wait for an appointment."
    ),
    Urgency.URGENT: "Get a medical review today: contact a doctor or an urgent care service the same day.",
    Urgency.SOON: "See a clinician within days to weeks, and sooner if anything gets worse or a new sign appears.",
    Urgency.SELF_CARE: (
        "Keep active and manage the pain yourself; see a clinician if it is not improving, "
        "if it is severe or getting worse, or if a new sign appears."
    ),
}

#: Said when nothing reported is a red flag.
NO_FLAGS = (
    Statement(
        text=(
            "No red flag counts among what was reported. Serious causes are rare: in a primary-care study "
            "of people with new low back pain, fewer than 1 in 100 had one, although most had a red flag."
        ),
        sources=("henschke-2009",),
    ),
    Statement(
        text="Usual care for back pain without red flags centres on reassurance, staying active and self-management.",
        sources=("nice-ng59",),
    ),
)

_CONTEXT_KINDS = frozenset(
    {ModifierKind.CANCER_HISTORY, ModifierKind.NEUROLOGICAL_SIGNS, ModifierKind.TRAUMA, ModifierKind.MAJOR_TRAUMA}
)

_ONSET_RANK = {Onset.STABLE: 0, Onset.NEW: 1, Onset.WORSENING: 2}
_SEVERITY_RANK = {Severity.MILD: 0, Severity.MODERATE: 1, Severity.SEVERE: 2}


def _choice(vocabulary: type[Onset] | type[Severity], value: object, name: str) -> Any:
    """``value`` as a member of ``vocabulary`` (by value, any case), None as None; else a clear error."""
    if value is None or isinstance(value, vocabulary):
        return value
    *rest, last = (repr(str(member)) for member in vocabulary)
    choices = f"{', '.join(rest)} or {last}"
    if not isinstance(value, str):
        raise TypeError(f"{name}= expects one of {choices} or None, got {type(value).__name__}")
    try:
        return vocabulary(value.strip().lower())
    except ValueError:
        raise ValueError(f"{name}= must be one of {choices}, not {value!r}") from None


def _onset(value: object) -> Onset | None:
    found: Onset | None = _choice(Onset, value, "onset")
    return found


def _severity(value: object) -> Severity | None:
    found: Severity | None = _choice(Severity, value, "severity")
    return found


@attrs.frozen
class Finding:
    """One thing a person reports, with its onset and severity where they are known.

    Pass one wherever :meth:`spinekb.KnowledgeBase.screen` takes a finding: a bare name means
    the same as a ``Finding`` with neither known. An unknown onset counts as new and an unknown
    severity as severe: the cautious reading, so leaving them out never lowers the answer.

    >>> Finding("pain in both legs", onset="stable")
    Finding(entry='pain in both legs', onset=<Onset.STABLE: 'stable'>, severity=None)

    Attributes:
        entry: the red flag or symptom: a record, an id, a name or an alias. In a
            :class:`Screening`, always the record.
        onset: new, worsening or stable; ``None`` when not known.
        severity: mild, moderate or severe; ``None`` when not known.
        quote: the person's own words for it, when it was read from what they wrote
            (:meth:`spinekb.KnowledgeBase.screen_text`); ``None`` otherwise.
    """

    entry: RedFlag | Symptom | str
    onset: Onset | None = attrs.field(default=None, converter=_onset, kw_only=True)
    severity: Severity | None = attrs.field(default=None, converter=_severity, kw_only=True)
    quote: str | None = attrs.field(default=None, kw_only=True, repr=False)

    @property
    def counts_as_onset(self) -> Onset:
        """The onset the rules read: the one given, or new when it is not known."""
        return self.onset or Onset.NEW

    @property
    def counts_as_severity(self) -> Severity:
        """The severity the rules read: the one given, or severe when it is not known."""
        return self.severity or Severity.SEVERE

    def _known(self) -> list[str]:
        """The onset and severity given, in words."""
        return [str(value) for value in (self.onset, self.severity) if value is not None]

    def __str__(self) -> str:
        name = self.entry if isinstance(self.entry, str) else self.entry.name
        known = self._known()
        return f"{name} ({', '.join(known)})" if known else str(name)


Findings = Finding | RedFlag | Symptom | str | Iterable[Finding | RedFlag | Symptom | str]
"""What ``findings=`` and ``explained=`` take: one finding (a :class:`Finding`, a record, an id, a
name or an alias), or several."""


@attrs.frozen(kw_only=True)
class ScreenedFlag:
    """One red flag raised by a screening, and how much it weighs.

    Attributes:
        red_flag: the red flag.
        urgency: its urgency after the modifiers that apply.
        counted: False when harmless explanations set it aside; it then adds nothing.
        raised_by: what raised it, in words ("reported", "Fever (symptom)", "age 75").
        applied: the modifiers that apply, in the flag's order.
        watch_for: modifiers that would make it more urgent if their circumstance turned out
            to hold (not known from what was reported).
        note: anything else to say, such as why an explanation could not set it aside.
        findings: the reported findings that raised it (none when the age alone did).
    """

    red_flag: RedFlag
    urgency: Urgency
    counted: bool
    raised_by: tuple[str, ...]
    applied: tuple[Modifier, ...] = ()
    watch_for: tuple[Modifier, ...] = ()
    note: str | None = None
    findings: tuple[Finding, ...] = ()

    @property
    def quotes(self) -> tuple[str, ...]:
        """The person's own words behind the flag, when the findings were read from text."""
        return tuple(dict.fromkeys(finding.quote for finding in self.findings if finding.quote))

    def __str__(self) -> str:
        state = self.urgency.label if self.counted else "set aside"
        return f"{self.red_flag.name} ({state})"


@attrs.frozen(kw_only=True)
class ScreenedCondition:
    """A condition that a screening's red flags point to. Pointed to, not diagnosed.

    Attributes:
        condition: the condition.
        red_flags: the counted flags that point to it.
        urgency: the highest urgency among those flags.
        combinations: the applied modifiers that point to it: a combination of findings that
            makes it more likely (see :attr:`spinekb.models.Modifier.points_to`).
    """

    condition: Condition
    red_flags: tuple[RedFlag, ...]
    urgency: Urgency
    combinations: tuple[Modifier, ...] = ()

    def __str__(self) -> str:
        names = ", ".join(flag.name for flag in self.red_flags)
        return f"{self.condition.name} (pointed to by {names})"


@attrs.frozen(kw_only=True)
class Screening:
    """What :meth:`spinekb.KnowledgeBase.screen` found. It informs; it does not diagnose.

    Attributes:
        urgency: the overall urgency: emergency, urgent, soon or self-care.
        red_flags: the counted red flags, most urgent first.
        set_aside: flags set aside by a harmless explanation (listed, not counted).
        conditions: the conditions the counted flags point to, most urgent first.
        other_findings: reported symptoms that are not red flags on their own.
        advice: what to do, in plain language, with sources; the first item fits the urgency.
        emergency_signs: emergency red flags not among the findings: go to an emergency
            department at once if any appears.
        emergency_symptoms: symptoms not among the findings that need emergency care whenever
            they appear (chest pain, signs of sepsis, a sudden tearing pain).
        sources: every source behind the answer, in id order.
        notice: the not-a-diagnosis notice.
        findings: the red flags and symptoms the findings named, in the order given.
        reported: the same findings with the onset and severity given for each (see
            :class:`Finding`).
        age: the age given, if any.
        pain_duration_weeks: how long the pain has lasted, if given.
        pain_severity: how bad the pain is, if given.
        reading: what was read from the person's message, when the screening came from
            :meth:`spinekb.KnowledgeBase.screen_text` (a :class:`spinekb.TextReading`,
            negated, hypothetical and other people's findings and unclear words included).
        route: where to go, when the findings behind the urgency have a place of their own
            (the maternity unit): then it is the first advice and the heading.
    """

    urgency: Urgency
    red_flags: tuple[ScreenedFlag, ...]
    set_aside: tuple[ScreenedFlag, ...]
    conditions: tuple[ScreenedCondition, ...]
    other_findings: tuple[Symptom, ...]
    advice: tuple[Statement, ...]
    emergency_signs: tuple[RedFlag, ...]
    sources: tuple[Source, ...]
    notice: str = NOTICE
    emergency_symptoms: tuple[Symptom, ...] = ()
    findings: tuple[RedFlag | Symptom, ...] = ()
    reported: tuple[Finding, ...] = ()
    age: float | None = None
    pain_duration_weeks: float | None = None
    pain_severity: Severity | None = None
    reading: TextReading | None = None
    route: str | None = None

    @property
    def reasons(self) -> tuple[Statement, ...]:
        """Why the urgency is what it is: the applied modifiers, then each counted flag's
        evidence, without repeats."""
        seen: dict[str, Statement] = {}
        for flag in self.red_flags:
            for modifier in flag.applied:
                seen.setdefault(modifier.text, Statement(text=modifier.text, sources=modifier.sources))
        for flag in self.red_flags:
            for statement in flag.red_flag.evidence:
                seen.setdefault(statement.text, statement)
        return tuple(seen.values())

    def __str__(self) -> str:
        from spinekb._show.text import screening_text

        return screening_text(self)

    def __repr__(self) -> str:
        counted, aside = len(self.red_flags), len(self.set_aside)
        return f"<Screening: {self.urgency}, {counted} red flag{'s' * (counted != 1)} counted, {aside} set aside>"

    def _repr_html_(self) -> str:
        """The screening as an HTML card for Jupyter: the urgency first; nothing hidden."""
        from spinekb._show.html import screening_html

        return screening_html(self)

    def to_dict(self) -> dict[str, Any]:
        """The screening as plain data (str, int, float, bool, None, lists and dicts) for an app."""

        def statement(item: Statement) -> dict[str, Any]:
            data: dict[str, Any] = plain(item)
            return data

        def modifier(item: Modifier) -> dict[str, Any]:
            return {
                "kind": str(item.kind),
                "urgency": None if item.urgency is None else str(item.urgency),
                "text": item.text,
                "sources": list(item.sources),
            }

        def flag(item: ScreenedFlag) -> dict[str, Any]:
            return {
                "id": item.red_flag.id,
                "name": item.red_flag.name,
                "urgency": str(item.urgency),
                "counted": item.counted,
                "raised_by": list(item.raised_by),
                "applied": [modifier(m) for m in item.applied],
                "watch_for": [modifier(m) for m in item.watch_for],
                "note": item.note,
                "findings": [f.entry.id for f in item.findings if not isinstance(f.entry, str)],
                "quotes": list(item.quotes),
            }

        return {
            "urgency": str(self.urgency),
            "route": self.route,
            "red_flags": [flag(item) for item in self.red_flags],
            "set_aside": [flag(item) for item in self.set_aside],
            "conditions": [
                {
                    "id": item.condition.id,
                    "name": item.condition.name,
                    "urgency": str(item.urgency),
                    "red_flags": [f.id for f in item.red_flags],
                    "combinations": [m.text for m in item.combinations],
                }
                for item in self.conditions
            ],
            "other_findings": [{"id": item.id, "name": item.name} for item in self.other_findings],
            "advice": [statement(item) for item in self.advice],
            "reasons": [statement(item) for item in self.reasons],
            "emergency_signs": [{"id": item.id, "name": item.name} for item in self.emergency_signs],
            "emergency_symptoms": [{"id": item.id, "name": item.name} for item in self.emergency_symptoms],
            "sources": [item.id for item in self.sources],
            "notice": self.notice,
            "findings": [
                {
                    "id": item.entry.id,
                    "kind": item.entry.kind,
                    "onset": None if item.onset is None else str(item.onset),
                    "severity": None if item.severity is None else str(item.severity),
                }
                for item in self.reported
                if not isinstance(item.entry, str)
            ],
            "age": self.age,
            "pain_duration_weeks": self.pain_duration_weeks,
            "pain_severity": None if self.pain_severity is None else str(self.pain_severity),
            "reading": None if self.reading is None else self.reading.to_dict(),
        }


# --- the screen --------------------------------------------------------------------------------


@attrs.frozen
class _Route:
    """One way a flag was raised: by name, by a trigger, or by the age alone."""

    words: tuple[str, ...]
    findings: frozenset[str]  # ids of the findings behind it (none for the age alone)
    urgency: Urgency


def screen(
    kb: Catalog,
    findings: Findings,
    *,
    age: float | None = None,
    pain_duration_weeks: float | None = None,
    pain_severity: Severity | str | None = None,
    explained: Findings = (),
) -> Screening:
    """Weigh what a person reports against the red flags, finding by finding, as the evidence says to.

    ``findings`` are red flags or symptoms: records, ids, names or aliases (one string is
    one finding), or :class:`spinekb.Finding` records that add each one's onset (new,
    worsening, stable) and severity (mild, moderate, severe). An unknown onset counts as
    new and an unknown severity as severe. ``age`` is in years: whole years, or a fraction
    for a baby (``6 * 7 / 365`` for 6 weeks, ``2 / 12`` for 2 months);
    ``pain_duration_weeks`` how long the pain has lasted; ``pain_severity`` is ``"mild"``,
    ``"moderate"`` or ``"severe"``. ``explained`` names findings the person knows a
    harmless reason for: a flag is set aside (still listed) only when every finding that
    raised it is explained and its entry allows it (weight loss from a diet, say); any
    other keeps counting.

    Returns a :class:`Screening`: the red flags raised and how much each weighs, the
    conditions they point to, one overall urgency (emergency, urgent, soon or self-care),
    advice, signs to watch for, the sources and the not-a-diagnosis notice. The rules are
    in :mod:`spinekb._screening` and ``docs/screening.md``: a cauda equina sign is an
    emergency on its own; a history of cancer weighs far more than weight loss alone;
    fracture flags weigh more together; weak flags with severe pain lasting several weeks
    mean "see a clinician soon".

    Raises :class:`UnknownEntryError` (with close matches) for a finding that is neither a
    red flag nor a symptom, :class:`TypeError` or :class:`ValueError` for other bad
    arguments, including an ``explained`` finding that raised no flag.
    """
    reported = _resolve_all(kb, findings, "findings")
    age = _check_age(age)
    weeks = _check_weeks(pain_duration_weeks)
    severity = _check_severity(pain_severity)
    severe = severity is Severity.SEVERE
    # (severe and lasting several weeks, severe and new): severe pain of unknown duration is new.
    pain = (
        severe and weeks is not None and weeks >= SEVERAL_WEEKS,
        severe and (weeks is None or weeks < SEVERAL_WEEKS),
    )
    by_id = {_entry(finding).id: finding for finding in reported}
    for finding in reported:
        _check_named_age(_entry(finding), age)

    symptoms = {ident: f for ident, f in by_id.items() if isinstance(f.entry, Symptom)}
    routes: dict[str, list[_Route]] = {}
    for ident, finding in by_id.items():
        if isinstance(finding.entry, RedFlag):
            routes.setdefault(ident, []).append(_Route(("reported",), frozenset({ident}), finding.entry.urgency))
    # Only flags that a reported symptom or the age can trigger are looked at, so the cost grows
    # with the findings, not with the knowledge base.
    candidates: dict[str, RedFlag] = {}
    for ident in symptoms:
        for flag in kb.red_flags_triggered_by(ident):
            candidates.setdefault(flag.id, flag)
    if age is not None:
        for flag in kb.red_flags_with_age_triggers():
            candidates.setdefault(flag.id, flag)
    for flag in sorted(candidates.values(), key=lambda flag: flag.id):
        for trigger in flag.triggers:
            if _fits(trigger, symptoms, age, weeks):
                words = [_words(symptoms[ident]) for ident in trigger.symptoms]
                said = "unknown" if age is None else age_words(age)  # (an age bound holds only for a known age)
                if trigger.age_over is not None:
                    words.append(f"age {said} (over {trigger.age_over})")
                if trigger.age_under is not None:
                    words.append(f"age {said} (under {trigger.age_under})")
                if trigger.lasting_weeks is not None:
                    lasted = "unknown" if weeks is None else f"{weeks:g}"
                    words.append(f"pain for {lasted} weeks ({trigger.lasting_weeks} or more)")
                route = _Route(tuple(words), frozenset(trigger.symptoms), trigger.urgency or flag.urgency)
                routes.setdefault(flag.id, []).append(route)

    explained_ids = _explained(kb, explained, routes)
    explainable = {
        ident
        for ident in routes
        if any(m.kind is ModifierKind.HARMLESS_EXPLANATION for m in kb.red_flags[ident].modifiers)
    }

    def still_open(ident: str, route: _Route) -> bool:
        # A route is explained when every finding behind it is (the flag itself, when it was
        # named); the age alone never is.
        return ident not in explainable or not route.findings or not route.findings <= explained_ids

    open_routes = {ident: [r for r in rs if still_open(ident, r)] for ident, rs in routes.items()}
    set_aside = {ident for ident, rs in open_routes.items() if not rs}
    counted_ids = [ident for ident in routes if ident not in set_aside]

    # An explained symptom is silent (lends nothing) once every flag it raised is set aside: an
    # explanation that a flag's entry does not accept changes nothing.
    silent = {
        ident
        for ident in symptoms
        if ident in explained_ids
        and all(flag in set_aside for flag, rs in routes.items() if any(ident in r.findings for r in rs))
    }

    def onset_of(ident: str) -> Onset:
        # A flag lends with the most worrying onset of what raised it; named, or by age, it is new.
        behind = [symptoms[f].counts_as_onset for r in open_routes[ident] for f in r.findings if f in symptoms]
        named = any(not r.findings or ident in r.findings for r in open_routes[ident])
        return Onset.NEW if named or not behind else max(behind, key=_ONSET_RANK.__getitem__)

    # Which finding lends which circumstance, and with what onset: (circumstance, id of the flag or
    # symptom, onset). Silent findings lend nothing; a modifier's ``onset`` says which onsets count.
    flag_onsets = {ident: onset_of(ident) for ident in counted_ids}
    lent = [(kind, ident, flag_onsets[ident]) for ident in counted_ids for kind in kb.red_flags[ident].counts_as]
    lent += [
        (kind, ident, finding.counts_as_onset)
        for ident, finding in symptoms.items()
        if ident not in silent
        for kind in cast("Symptom", finding.entry).counts_as
    ]
    # What combinations can pair with, and with what onset.
    found = dict(flag_onsets)
    found |= {ident: f.counts_as_onset for ident, f in symptoms.items() if ident not in silent}

    screened: list[ScreenedFlag] = []
    for ident, all_routes in routes.items():
        flag = kb.red_flags[ident]
        weighing_routes = open_routes[ident] or all_routes
        # The flag and every symptom that could raise it never lend it a circumstance (fixed, so
        # that adding a finding can never take a circumstance away).
        own = {ident}.union(*(trigger.symptoms for trigger in flag.triggers))
        present = [(kind, onset) for kind, source, onset in lent if source not in own]
        weighing = [m for m in flag.modifiers if m.kind is not ModifierKind.HARMLESS_EXPLANATION]
        applied: list[Modifier] = []
        unmet: list[Modifier] = []
        for m in weighing:
            (applied if _holds(m, present, pain, found, age) else unmet).append(m)
        urgency = max([*(r.urgency for r in weighing_routes), *(m.urgency for m in applied if m.urgency is not None)])
        # (an age-under modifier is no sign to watch for once the age is an adult's: a child's age
        # may be the most a word can mean, "my baby" up to 4, so a baby's rule is still shown)
        watch = [
            m
            for m in unmet
            if m.urgency is not None
            and m.urgency > urgency
            and not (m.kind is ModifierKind.AGE_UNDER and age is not None and age >= ADULT_AGE)
        ]
        behind = {f for r in all_routes for f in r.findings}
        note = _explanation_note(kb, flag, behind, explained_ids, ident in explainable, ident in set_aside)
        screened.append(
            ScreenedFlag(
                red_flag=flag,
                urgency=urgency,
                counted=ident not in set_aside,
                raised_by=tuple(dict.fromkeys(word for r in all_routes for word in r.words)),
                applied=tuple(applied),
                watch_for=tuple(watch),
                note=note,
                findings=tuple(finding for f_id, finding in by_id.items() if f_id in behind),
            )
        )

    screened.sort(key=lambda item: (-item.urgency.rank, item.red_flag.id))
    counted = tuple(item for item in screened if item.counted)
    care = tuple(
        e
        for f in symptoms.values()
        if (e := cast("Symptom", f.entry).seek_care) is not None
        and (e.lasting_weeks is None or (weeks is not None and weeks >= e.lasting_weeks))
    )
    floors = _floors(age, weeks, severity, bool(counted or care))
    overall = max(
        (
            *(item.urgency for item in counted),
            *(e.urgency for e in care),
            *(urgency for urgency, _ in floors),
        ),
        default=Urgency.SELF_CARE,
    )

    triggered = {f for item in screened for r in routes[item.red_flag.id] for f in r.findings}
    others = tuple(cast("Symptom", f.entry) for ident, f in symptoms.items() if ident not in triggered)
    nets = tuple(net for f in symptoms.values() if (net := cast("Symptom", f.entry).safety_net) is not None)
    place = _route(overall, counted, care, floors)
    advice = _advice(overall, counted, care, floors, severe, age, nets, place)
    counted_ids_set = {item.red_flag.id for item in counted}
    # The emergency signs that can appear (an event such as major trauma is not a sign to watch for).
    emergency_signs = tuple(
        flag for flag in kb.red_flags_at(Urgency.EMERGENCY) if flag.triggers and flag.id not in counted_ids_set
    )
    reported_ids = by_id.keys()
    emergency_symptoms = tuple(
        symptom
        for symptom in kb.symptoms_at(Urgency.EMERGENCY)
        if symptom.id not in symptoms and (not symptom.listed_with or not reported_ids.isdisjoint(symptom.listed_with))
    )

    cited: set[str] = set()
    for statement in advice:
        cited.update(statement.sources)
    for item in screened:
        cited.update(item.red_flag.sources)
        for modifier in (*item.applied, *item.watch_for):
            cited.update(modifier.sources)
        for statement in item.red_flag.evidence:
            cited.update(statement.sources)
    return Screening(
        urgency=overall,
        red_flags=counted,
        set_aside=tuple(item for item in screened if not item.counted),
        conditions=_conditions(kb, counted),
        other_findings=others,
        advice=advice,
        emergency_signs=emergency_signs,
        emergency_symptoms=emergency_symptoms,
        route=place,
        sources=tuple(source for ident in sorted(cited) if (source := kb.sources.get(ident)) is not None),
        findings=tuple(_entry(finding) for finding in by_id.values()),
        reported=tuple(by_id.values()),
        age=age,
        pain_duration_weeks=weeks,
        pain_severity=severity,
    )


def _words(finding: Finding) -> str:
    """A reported symptom as ``raised_by`` names it: "Pain in both legs (symptom, stable)"."""
    return f"{_entry(finding).name} ({', '.join(['symptom', *finding._known()])})"


def _entry(finding: Finding) -> RedFlag | Symptom:
    return cast("RedFlag | Symptom", finding.entry)


def _ages_allow(trigger: Trigger, age: float | None) -> bool:
    """Whether ``age`` is within the trigger's age bounds (an unknown age is within none)."""
    if trigger.age_over is not None and (age is None or age <= trigger.age_over):
        return False
    return trigger.age_under is None or (age is not None and age < trigger.age_under)


def _fits(trigger: Trigger, symptoms: dict[str, Finding], age: float | None, weeks: float | None) -> bool:
    """Whether the reported symptoms and age raise a flag through ``trigger``."""
    if not _ages_allow(trigger, age):
        return False
    if trigger.lasting_weeks is not None and weeks is not None and weeks < trigger.lasting_weeks:
        return False
    for ident in trigger.symptoms:
        finding = symptoms.get(ident)
        if finding is None:
            return False
        if trigger.onset and finding.counts_as_onset not in trigger.onset:
            return False
        if trigger.severity and finding.counts_as_severity not in trigger.severity:
            return False
    return True


def _holds(
    modifier: Modifier,
    present: list[tuple[ModifierKind, Onset]],
    pain: tuple[bool, bool],
    found: dict[str, Onset],
    age: float | None,
) -> bool:
    def counts(onset: Onset) -> bool:
        return not modifier.onset or onset in modifier.onset

    if modifier.kind is ModifierKind.AGE_OVER:
        return age is not None and modifier.age_over is not None and age > modifier.age_over
    if modifier.kind is ModifierKind.AGE_UNDER:
        return age is not None and modifier.age_under_days is not None and age_in_days(age) < modifier.age_under_days

    if modifier.kind is ModifierKind.SEVERE_PERSISTENT_PAIN:
        return pain[0]
    if modifier.kind is ModifierKind.SEVERE_NEW_PAIN:
        return pain[1]
    if modifier.kind is ModifierKind.COMBINED_FLAGS:
        old_enough = modifier.age_over is None or (age is not None and age > modifier.age_over)
        return old_enough and any(ident in found and counts(found[ident]) for ident in modifier.together_with)
    return modifier.kind in _CONTEXT_KINDS and any(kind is modifier.kind and counts(onset) for kind, onset in present)


def _explanation_note(
    kb: Catalog, flag: RedFlag, behind: set[str], explained: set[str], explainable: bool, aside: bool
) -> str | None:
    """What to say about the explanations given for one flag."""
    if aside:
        return next(m.text for m in flag.modifiers if m.kind is ModifierKind.HARMLESS_EXPLANATION)
    given = behind & explained
    if not given:
        return None
    if not explainable:
        return (
            "A harmless explanation was given, but this flag still counts: its entry records no harmless "
            "explanation that sets it aside. Ask a clinician."
        )
    still = sorted(_name(kb, ident) for ident in behind - explained)
    return (
        "A harmless explanation was given for some of what raised this flag, but it still counts: "
        f"{', '.join(still)} {'is' if len(still) == 1 else 'are'} not explained."
    )


def _name(kb: Catalog, ident: str) -> str:
    entry = kb.red_flags.get(ident) or kb.symptoms[ident]
    return entry.name


def _conditions(kb: Catalog, counted: tuple[ScreenedFlag, ...]) -> tuple[ScreenedCondition, ...]:
    """What the counted flags point to: most urgent first, then pointed to by the most flags at that
    urgency, then by combinations, then as high as a flag lists it."""
    flags: dict[str, dict[str, ScreenedFlag]] = {}  # each condition's flags, by id, in order
    combinations: dict[str, list[Modifier]] = {}
    place: dict[str, int] = {}  # how high a flag lists it: a combination's pointers first
    for item in counted:
        pointers: list[tuple[str, Modifier | None]] = [(ident, m) for m in item.applied for ident in m.points_to]
        pointers += [(ident, None) for ident in item.red_flag.conditions]
        for index, (ident, modifier) in enumerate(pointers):
            if modifier is not None:
                combinations.setdefault(ident, []).append(modifier)
            flags.setdefault(ident, {}).setdefault(item.red_flag.id, item)
            place[ident] = min(place.get(ident, index), index)
    # How many of the flags pointing to each condition are at its (highest) urgency.
    highest = {ident: max(item.urgency for item in items.values()) for ident, items in flags.items()}
    top = {ident: sum(1 for item in items.values() if item.urgency is highest[ident]) for ident, items in flags.items()}
    found = (
        ScreenedCondition(
            condition=kb.conditions[ident],
            red_flags=tuple(item.red_flag for item in items.values()),
            urgency=highest[ident],
            combinations=tuple(dict.fromkeys(combinations.get(ident, ()))),
        )
        for ident, items in flags.items()
    )
    return tuple(
        sorted(
            found,
            key=lambda c: (
                -c.urgency.rank,
                -top[c.condition.id],
                -len(c.combinations),
                place[c.condition.id],
                c.condition.id,
            ),
        )
    )


def _floors(
    age: float | None, weeks: float | None, severity: Severity | None, concerns: bool
) -> tuple[tuple[Urgency, Statement], ...]:
    """The least urgency that the age and the pain set, each with what to say. ``concerns``: a
    red flag counts, or a reported symptom is a reason to see a clinician."""
    lasting = severity is Severity.SEVERE and weeks is not None and weeks >= PERSISTENT_WEEKS
    new = severity is Severity.SEVERE and not lasting
    floors: list[tuple[Urgency, Statement]] = []
    if age is not None and age < ADULT_AGE:
        floors.append((Urgency.SOON, ADULTS_ONLY))
        if concerns or lasting:
            floors.append((Urgency.URGENT, CHILD_WITH_A_CONCERN))
    if age is not None and age < YOUNG_CHILD_AGE:
        floors.append((Urgency.URGENT, YOUNG_CHILD))
    if lasting:
        floors.append((Urgency.SOON, PERSISTENT_SEVERE_PAIN))
    if new and age is not None and age >= NEW_SEVERE_PAIN_URGENT_AGE:
        floors.append((Urgency.URGENT, NEW_SEVERE_PAIN_FROM_65))
    elif new and (age is None or age >= NEW_SEVERE_PAIN_AGE):  # an unknown age may be 50 or more
        floors.append((Urgency.SOON, NEW_SEVERE_PAIN_LATER_IN_LIFE))
    return tuple(floors)


def _route(
    overall: Urgency,
    counted: tuple[ScreenedFlag, ...],
    care: tuple[Escalation, ...],
    floors: tuple[tuple[Urgency, Statement], ...],
) -> str | None:
    """Where to go, when everything behind the overall urgency has a place of its own: the care
    of the findings, and the modifiers that raise flags to it or, with a place of their own, hold
    them at it (no floor at that urgency, and no flag at it on its own account alone: pain passing
    urine is a same-day review, in pregnancy at the maternity unit)."""
    if any(u is overall for u, _ in floors):
        return None
    routes: list[str | None] = [escalation.route for escalation in care if escalation.urgency is overall]
    for item in counted:
        if item.urgency is not overall:
            continue
        held = [modifier.route for modifier in item.applied if modifier.urgency is overall]
        if item.red_flag.urgency is overall and not any(held):
            return None
        routes += held
    found = list(dict.fromkeys(routes))
    return found[0] if len(found) == 1 else None


def _advice(
    overall: Urgency,
    counted: tuple[ScreenedFlag, ...],
    care: tuple[Escalation, ...],
    floors: tuple[tuple[Urgency, Statement], ...],
    severe: bool,
    age: float | None,
    safety_nets: tuple[Statement, ...],
    route: str | None = None,
) -> tuple[Statement, ...]:
    """What to do, in one voice: only statements of the overall urgency (and the scope notes)."""
    sources: dict[str, None] = {}
    for escalation in care:
        if escalation.urgency is overall:
            sources.update(dict.fromkeys(escalation.sources))
    for item in counted:
        if item.urgency is not overall:
            continue
        for modifier in item.applied:
            if modifier.urgency is overall:
                sources.update(dict.fromkeys(modifier.sources))
        if item.red_flag.urgency is overall or not any(m.urgency is overall for m in item.applied):
            sources.update(dict.fromkeys(item.red_flag.sources))
    for urgency, statement in floors:
        if urgency is overall:
            sources.update(dict.fromkeys(statement.sources))
    if not sources:
        sources = dict.fromkeys(("nice-ng59",))
    advice = [Statement(text=route if route is not None else ADVICE[overall], sources=tuple(sources))]
    seen = {advice[0].text}

    def add(statement: Statement) -> None:
        if statement.text not in seen:
            seen.add(statement.text)
            advice.append(statement)

    for urgency, statement in floors:
        if urgency is overall or statement is ADULTS_ONLY:  # the scope is always said
            add(statement)
    for item in counted:
        for modifier in item.applied:
            if modifier.urgency is overall:
                add(Statement(text=modifier.text, sources=modifier.sources))
    for escalation in care:
        if escalation.urgency is overall:
            add(Statement(text=escalation.when, sources=escalation.sources))
    if severe and any(m.kind is ModifierKind.SEVERE_PERSISTENT_PAIN for i in counted for m in i.red_flag.modifiers):
        add(SEVERAL_WEEKS_REASON)  # applied, or to say when it would apply
    for net in safety_nets:  # what to act on at once is said whatever the urgency
        add(net)
    # Reassurance only where it fits: no flag, no more than "soon", and never adult figures for a child.
    if not counted and overall <= Urgency.SOON and (age is None or age >= ADULT_AGE) and not safety_nets:
        for statement in NO_FLAGS:
            add(statement)
    return tuple(advice)


# --- arguments ---------------------------------------------------------------------------------


def _resolve_all(kb: Catalog, values: object, parameter: str) -> tuple[Finding, ...]:
    """Each finding once, its entry resolved; a finding given twice keeps the more worrying
    onset and severity (unknown counting as new and severe)."""
    if isinstance(values, (str, Entry, Finding)):
        values = (values,)
    elif not isinstance(values, Iterable) or isinstance(values, dict):
        expected = "red flags or symptoms (records, ids, names, aliases or Findings)"
        raise TypeError(f"{parameter}= expects {expected}, got {type(values).__name__}")
    found: dict[str, Finding] = {}
    for value in values:
        if isinstance(value, Finding):
            entry = _finding(kb, value.entry, parameter)
            finding = attrs.evolve(value, entry=entry)
        else:  # a bare name or record: a Finding with neither onset nor severity known
            entry = _finding(kb, value, parameter)
            finding = Finding(entry)
        before = found.get(entry.id)
        if before is None:
            found[entry.id] = finding
            continue
        onset = max(before, finding, key=lambda f: _ONSET_RANK[f.counts_as_onset])
        worst = max(before, finding, key=lambda f: _SEVERITY_RANK[f.counts_as_severity])
        found[entry.id] = attrs.evolve(before, onset=onset.onset, severity=worst.severity)
    return tuple(found.values())


def _finding(kb: Catalog, value: object, parameter: str) -> RedFlag | Symptom:
    # Symptoms' names come first: "saddle numbness" is the symptom, whose onset the rules read,
    # rather than the red flag of that id, which only a new or worsening numbness raises.
    found = resolve_among((kb.symptoms, kb.red_flags), value, parameter, "symptoms or red flags")
    return cast("RedFlag | Symptom", found)


def _explained(kb: Catalog, explained: object, routes: dict[str, list[_Route]]) -> set[str]:
    """The ids of the findings that ``explained=`` names: each must be behind a raised flag.

    A symptom explains itself wherever it raised a flag; a red flag named in the findings
    explains only its having been named, never the symptoms that raised it too.
    """
    ids: set[str] = set()
    behind = {f for rs in routes.values() for r in rs for f in r.findings}
    for finding in _resolve_all(kb, explained, "explained"):
        entry = _entry(finding)
        if entry.id in behind:
            ids.add(entry.id)
        elif entry.id in routes:
            names = ", ".join(sorted({_name(kb, f) for r in routes[entry.id] for f in r.findings}))
            raise ValueError(
                f"explained= names the red flag {entry.name!r}, which what was reported raised without naming it: "
                f"explain the findings themselves ({names})"
            )
        else:
            raise ValueError(
                f"explained= names {entry.name!r}, which raised no red flag among the findings; "
                "list it in findings too, or leave it out of explained"
            )
    return ids


def _check_named_age(entry: RedFlag | Symptom, age: float | None) -> None:
    """A red flag named directly must not contradict the age given (older age with age=50)."""
    if not isinstance(entry, RedFlag) or age is None or not entry.triggers:
        return
    if any(t.symptoms or (t.age_over is None and t.age_under is None) for t in entry.triggers):
        return
    if not any(_ages_allow(t, age) for t in entry.triggers):
        bounds = [f"over {t.age_over}" if t.age_over is not None else f"under {t.age_under}" for t in entry.triggers]
        raise ValueError(
            f"findings name {entry.name!r}, but age={age:g} is not {' or '.join(bounds)}; leave one of them out"
        )


def _check_age(age: object) -> float | None:
    if age is None:
        return None
    if isinstance(age, bool) or not isinstance(age, (int, float)):
        raise TypeError(f"age= expects years (a number: a fraction for a baby) or None, got {type(age).__name__}")
    if not 0 <= age <= 130:  # (NaN fails this too)
        raise ValueError(f"age= must be between 0 and 130 years, not {age}")
    return age


def _check_weeks(weeks: object) -> float | None:
    if weeks is None:
        return None
    if isinstance(weeks, bool) or not isinstance(weeks, (int, float)):
        raise TypeError(f"pain_duration_weeks= expects a number of weeks or None, got {type(weeks).__name__}")
    # A whole number too large for a float (10**400) is no more a duration than infinity is.
    if weeks < 0 or (isinstance(weeks, int) and weeks > _MOST_WEEKS) or not math.isfinite(weeks):
        shown = weeks if isinstance(weeks, float) or weeks <= _MOST_WEEKS else "a number that large"
        raise ValueError(f"pain_duration_weeks= must be a finite number of weeks, 0 or more, not {shown}")
    return weeks


_MOST_WEEKS = 10**6  # whole weeks beyond any lifetime, well inside what a float holds


def _check_severity(severity: object) -> Severity | None:
    found: Severity | None = _choice(Severity, severity, "pain_severity")
    return found
