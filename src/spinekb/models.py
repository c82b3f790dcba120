"""The records of the knowledge base: frozen attrs classes and the enums of their vocabularies.

This module does no I/O. Every record has a stable kebab-case ``id`` (unique across all kinds),
a ``name``, ``aliases`` and a plain-language ``summary``. Records that carry clinical content also
cite ``sources`` (ids of :class:`Source` records), and so does every :class:`Statement` inside them.
References between records are ids, never objects, so records stay small, hashable and acyclic;
:class:`spinekb.KnowledgeBase` resolves them.
"""

import datetime
import enum
from typing import ClassVar, TypeVar

import attrs

from spinekb._record import Record

#: Field metadata key: the kinds of entry an id field refers to ("*" for any kind).
REFERS_TO = "spinekb.refers_to"

_SOURCE = {REFERS_TO: ("source",)}
_REGION = {REFERS_TO: ("region",)}
_MUSCLE = {REFERS_TO: ("muscle",)}
_MUSCLE_GROUP = {REFERS_TO: ("muscle-group",)}
_SYMPTOM = {REFERS_TO: ("symptom",)}
_EXERCISE = {REFERS_TO: ("exercise",)}
_CONDITION = {REFERS_TO: ("condition",)}
_TREATMENT = {REFERS_TO: ("treatment",)}
_RED_FLAG = {REFERS_TO: ("red-flag",)}
_CONDITION_OR_RED_FLAG = {REFERS_TO: ("condition", "red-flag")}
_AVOIDABLE = {REFERS_TO: ("condition", "red-flag", "symptom")}
_RED_FLAG_OR_SYMPTOM = {REFERS_TO: ("red-flag", "symptom")}
_ANY = {REFERS_TO: ("*",)}

__all__ = [
    "REFERS_TO",
    "Accreditation",
    "Avoided",
    "Caution",
    "ChainLink",
    "CitedEntry",
    "Condition",
    "ConditionCategory",
    "Contraindication",
    "Cues",
    "Dosage",
    "Entry",
    "Equipment",
    "Escalation",
    "Evidence",
    "EvidenceCertainty",
    "Exercise",
    "ExerciseKind",
    "Frequency",
    "GroupMembership",
    "Hint",
    "IcdCode",
    "Informativeness",
    "Lexicon",
    "Manifest",
    "Membership",
    "Modifier",
    "ModifierKind",
    "Movement",
    "MovementRestriction",
    "Muscle",
    "MuscleGroup",
    "MuscleRole",
    "NumberWord",
    "Onset",
    "Pathogen",
    "Phrasing",
    "Position",
    "Range",
    "RecommendationStrength",
    "RedFlag",
    "Region",
    "Respelling",
    "Retirement",
    "Review",
    "Sets",
    "Severity",
    "Source",
    "SourceKind",
    "Statement",
    "Symptom",
    "Tempo",
    "TimeUnit",
    "Topic",
    "Treatment",
    "TreatmentKind",
    "Trigger",
    "Urgency",
    "Variation",
    "VariationRelation",
    "Verdict",
    "Vocabulary",
    "WorkedMuscle",
]


_V = TypeVar("_V", bound="Vocabulary")


class Vocabulary(str, enum.Enum):
    """An enum whose values are the kebab-case strings used in the data files."""

    def __str__(self) -> str:
        return str(self.value)

    @property
    def label(self) -> str:
        """The value as words, for people: ``"self-care"`` becomes ``"self care"``."""
        return str(self.value).replace("-", " ")

    @classmethod
    def parse(cls: type[_V], value: object, parameter: str) -> _V:
        """``value`` as a member: the member itself, or its value in any case, with spaces for
        hyphens (``"Hip abduction"``). Raises :class:`TypeError` for anything but a string or a
        member, and :class:`ValueError` naming ``parameter`` and every value for an unknown one."""
        if isinstance(value, cls):
            return value
        choices = ", ".join(repr(member.value) for member in cls)
        if not isinstance(value, str):
            raise TypeError(f"{parameter}= expects one of {choices}, got {type(value).__name__}")
        try:
            return cls(value.strip().lower().replace(" ", "-"))
        except ValueError:
            raise ValueError(f"{parameter}= must be one of {choices}, not {value!r}") from None


class Urgency(Vocabulary):
    """How soon a person should be seen. Ordered: ``Urgency.EMERGENCY > Urgency.SOON``.

    Attributes:
        SELF_CARE: manage it yourself; get reviewed if it is not improving.
        SOON: see a clinician within days to weeks.
        URGENT: get a medical review the same day.
        EMERGENCY: go to an emergency department now.
    """

    SELF_CARE = "self-care"
    SOON = "soon"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        """0 for self-care up to 3 for emergency."""
        return _URGENCY_RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Urgency):
            return NotImplemented
        return self.rank >= other.rank


_URGENCY_RANK = {urgency: rank for rank, urgency in enumerate(Urgency)}


class SourceKind(Vocabulary):
    """What kind of publication a :class:`Source` is, roughly from strongest to weakest."""

    GUIDELINE = "guideline"
    SYSTEMATIC_REVIEW = "systematic-review"
    TRIAL = "trial"
    COHORT_STUDY = "cohort-study"
    DIAGNOSTIC_STUDY = "diagnostic-study"
    NARRATIVE_REVIEW = "narrative-review"
    CLINICAL_REFERENCE = "clinical-reference"
    TEXTBOOK = "textbook"
    ENCYCLOPEDIA = "encyclopedia"
    CODE_SET = "code-set"
    PATIENT_INFORMATION = "patient-information"
    EXPERT = "expert"


class ConditionCategory(Vocabulary):
    """The broad kind of a :class:`Condition`."""

    MECHANICAL = "mechanical"
    NERVE_COMPRESSION = "nerve-compression"
    DEGENERATIVE = "degenerative"
    INFECTION = "infection"
    INFLAMMATORY = "inflammatory"
    FRACTURE = "fracture"
    TUMOUR = "tumour"
    STRUCTURAL = "structural"
    VASCULAR = "vascular"


class Frequency(Vocabulary):
    """How common a condition is, in words a source uses ("extremely rare", "common")."""

    VERY_RARE = "very-rare"
    RARE = "rare"
    UNCOMMON = "uncommon"
    COMMON = "common"
    VERY_COMMON = "very-common"


class TreatmentKind(Vocabulary):
    """How a :class:`Treatment` is delivered."""

    MEDICINE = "medicine"
    DEVICE = "device"
    PROCEDURE = "procedure"
    SURGERY = "surgery"
    EXERCISE_THERAPY = "exercise-therapy"
    MANUAL_THERAPY = "manual-therapy"
    PSYCHOLOGICAL = "psychological"
    SELF_CARE = "self-care"
    EDUCATION = "education"


class Verdict(Vocabulary):
    """What one source concludes about a treatment for one context, in the source's own terms.

    Attributes:
        RECOMMENDED: the source recommends it (NICE "offer"; JOSPT "should", grade A).
        OPTION: the source allows it as one choice among several (NICE "consider"; each of the
            treatments ACP 2017 lists to choose among, whatever its grade; WHO 2023's conditional
            recommendations for; JOSPT "may" or "can", grades B and C).
        NOT_RECOMMENDED: the source advises against it (NICE "do not offer"; WHO 2023 "against").
        MIXED: the evidence the source reports conflicts.
        INSUFFICIENT: the source finds too little evidence to judge.
    """

    RECOMMENDED = "recommended"
    OPTION = "option"
    NOT_RECOMMENDED = "not-recommended"
    MIXED = "mixed"
    INSUFFICIENT = "insufficient"


class EvidenceCertainty(Vocabulary):
    """The certainty (quality) of the evidence behind a verdict, as the source grades it."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    VERY_LOW = "very-low"


class RecommendationStrength(Vocabulary):
    """How strongly a guideline words its recommendation."""

    STRONG = "strong"
    WEAK = "weak"


class Informativeness(Vocabulary):
    """How much a red flag, on its own, raises the chance of serious disease."""

    HIGH = "high"
    MODERATE = "moderate"
    LOW = "low"
    UNKNOWN = "unknown"


class ModifierKind(Vocabulary):
    """A circumstance that changes how much a red flag weighs.

    Attributes:
        HARMLESS_EXPLANATION: the person knows a harmless reason for the sign.
        SEVERE_PERSISTENT_PAIN: the sign comes with severe low back pain lasting several weeks.
        SEVERE_NEW_PAIN: the sign comes with severe back pain that began recently.
        CANCER_HISTORY: the person has had cancer.
        NEUROLOGICAL_SIGNS: there is numbness, weakness or bladder or bowel change.
        TRAUMA: the sign follows a fall or injury.
        MAJOR_TRAUMA: the sign follows a major, high-energy injury.
        COMBINED_FLAGS: several flags of the same kind are present together.
        AGE_OVER: the person is older than the modifier's :attr:`Modifier.age_over`.
        AGE_UNDER: the person is younger than the modifier's :attr:`Modifier.age_under_days`
            (a baby: a fever before the age of 90 days).
    """

    HARMLESS_EXPLANATION = "harmless-explanation"
    SEVERE_PERSISTENT_PAIN = "severe-persistent-pain"
    SEVERE_NEW_PAIN = "severe-new-pain"
    CANCER_HISTORY = "cancer-history"
    NEUROLOGICAL_SIGNS = "neurological-signs"
    TRAUMA = "trauma"
    MAJOR_TRAUMA = "major-trauma"
    COMBINED_FLAGS = "combined-flags"
    AGE_OVER = "age-over"
    AGE_UNDER = "age-under"


class Onset(Vocabulary):
    """When a reported finding began, or how it is changing.

    A finding whose onset is not known counts as new: the cautious reading.

    Attributes:
        NEW: it began recently (within about the last 2 weeks for the cauda equina signs).
        WORSENING: it is getting worse, or spreading.
        STABLE: it has been there for more than about 2 weeks without changing (a sign that
            began 10 days ago is new, even if it has not changed since).
    """

    NEW = "new"
    WORSENING = "worsening"
    STABLE = "stable"


class Severity(Vocabulary):
    """How bad a finding or the pain is, in the person's own words.

    A finding whose severity is not known counts as severe: the cautious reading.
    """

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


class ExerciseKind(Vocabulary):
    """What an :class:`Exercise` mainly does."""

    STRETCH = "stretch"
    STRENGTHENING = "strengthening"
    MOBILITY = "mobility"
    STABILITY = "stability"


class Position(Vocabulary):
    """The starting position of an exercise."""

    LYING_ON_BACK = "lying-on-back"
    LYING_ON_FRONT = "lying-on-front"
    LYING_ON_SIDE = "lying-on-side"
    SITTING_ON_FLOOR = "sitting-on-floor"
    SITTING_ON_CHAIR = "sitting-on-chair"
    KNEELING = "kneeling"
    HANDS_AND_KNEES = "hands-and-knees"
    STANDING = "standing"


class Equipment(Vocabulary):
    """Equipment an exercise needs."""

    MAT = "mat"
    RESISTANCE_BAND = "resistance-band"
    YOGA_BLOCK = "yoga-block"
    CHAIR = "chair"
    WALL = "wall"
    STEP = "step"
    TOWEL = "towel"
    BALL = "ball"
    WEIGHTS = "weights"


class Tempo(Vocabulary):
    """The pace of each repetition."""

    SLOW = "slow"
    CONTROLLED = "controlled"
    QUICK = "quick"


class VariationRelation(Vocabulary):
    """How a :class:`Variation` relates to the exercise that lists it."""

    EASIER = "easier"
    HARDER = "harder"
    ALTERNATIVE = "alternative"


class MuscleRole(Vocabulary):
    """The part a muscle plays in an :class:`Exercise` (see :class:`WorkedMuscle`).

    Attributes:
        TARGET: the mover being trained: the exercise makes it work against resistance.
        SYNERGIST: helps the target make the movement.
        STABILISER: holds a joint, the pelvis or the trunk steady while others move.
        STRETCHED: lengthened by the stretch or mobility movement; it is not being worked.
    """

    TARGET = "target"
    SYNERGIST = "synergist"
    STABILISER = "stabiliser"
    STRETCHED = "stretched"

    @property
    def main(self) -> bool:
        """True for the roles an exercise is for: the target it trains, or the muscle it stretches."""
        return self in (MuscleRole.TARGET, MuscleRole.STRETCHED)


class Membership(Vocabulary):
    """How a :class:`Muscle` belongs to a :class:`MuscleGroup` (see :class:`GroupMembership`).

    Attributes:
        PRIME: one of the group's main movers for its action (gluteus medius and minimus for
            the hip abductors).
        ACCESSORY: helps with the group's action, or does it only in some positions or with
            some of its fibres (the upper fibres of gluteus maximus, and piriformis, for the
            hip abductors).
    """

    PRIME = "prime"
    ACCESSORY = "accessory"


class Movement(Vocabulary):
    """What an :class:`Exercise` trains or takes a joint into: a closed vocabulary.

    For strengthening and stability work it is the movement trained (``hip-abduction`` for a
    side-lying leg lift) or the position held against load (``trunk-bracing`` for a plank); for a
    stretch or mobility exercise, the movement that takes the stretched muscles to length
    (``hip-extension`` for a kneeling hip-flexor stretch) or the movement practised
    (``lumbar-extension`` for a press-up). :attr:`MuscleGroup.movement` names the movement a
    group shares, and :attr:`Condition.restricted_movements` the movements a condition rules out.
    """

    HIP_ABDUCTION = "hip-abduction"
    HIP_ADDUCTION = "hip-adduction"
    HIP_FLEXION = "hip-flexion"
    HIP_EXTENSION = "hip-extension"
    HIP_EXTERNAL_ROTATION = "hip-external-rotation"
    HIP_INTERNAL_ROTATION = "hip-internal-rotation"
    KNEE_EXTENSION = "knee-extension"
    KNEE_FLEXION = "knee-flexion"
    ANKLE_PLANTARFLEXION = "ankle-plantarflexion"
    ANKLE_DORSIFLEXION = "ankle-dorsiflexion"
    LUMBAR_FLEXION = "lumbar-flexion"
    LUMBAR_EXTENSION = "lumbar-extension"
    THORACIC_EXTENSION = "thoracic-extension"
    TRUNK_ROTATION = "trunk-rotation"
    TRUNK_SIDE_BENDING = "trunk-side-bending"
    TRUNK_BRACING = "trunk-bracing"
    PELVIC_TILT = "pelvic-tilt"
    NECK_FLEXION = "neck-flexion"
    NECK_SIDE_BENDING = "neck-side-bending"
    SCAPULAR_RETRACTION = "scapular-retraction"
    SCAPULAR_PROTRACTION = "scapular-protraction"
    SINGLE_LEG_BALANCE = "single-leg-balance"
    NERVE_GLIDE = "nerve-glide"
    WALKING = "walking"


# --- small value types ------------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Statement(Record):
    """One clinical or factual statement with the sources that support it.

    Attributes:
        text: the statement, in plain language.
        sources: ids of the :class:`Source` records that support it (at least one).
    """

    text: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)

    def __str__(self) -> str:
        return self.text


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Caution(Record):
    """When to take care with an exercise or stop it, with its sources.

    Attributes:
        text: the caution, in plain language (what to watch for, and what to do).
        sources: ids of the :class:`Source` records that support it (at least one).
        conditions: ids of the conditions or red flags it is about, and of symptoms such as
            pregnancy that call for it. When one of them is passed to ``avoid=`` (or, for a
            symptom, reported in the screening a plan is given), the exercise is left out with
            this caution as the reason: it needs a clinician's guidance first. A caution for
            everyone names none.
    """

    text: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)
    conditions: tuple[str, ...] = attrs.field(default=(), metadata=_AVOIDABLE)

    def __str__(self) -> str:
        return self.text


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Contraindication(Record):
    """Conditions or red flags for which an exercise should not be done, with the reason.

    Attributes:
        conditions: ids of the conditions or red flags (at least one).
        text: why, in plain language.
        sources: ids of the :class:`Source` records that support it (at least one).
    """

    conditions: tuple[str, ...] = attrs.field(metadata=_CONDITION_OR_RED_FLAG)
    text: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)

    def __str__(self) -> str:
        return self.text


@attrs.frozen(kw_only=True, repr=False, eq=False)
class MovementRestriction(Record):
    """Movements that a :class:`Condition` rules out of an exercise programme, and why.

    With the condition passed to ``avoid=``, every exercise whose :attr:`Exercise.movements`
    include one of :attr:`movements` is left out, with :attr:`text` as the reason.

    Attributes:
        movements: the movements (at least one).
        text: why, in plain language.
        sources: ids of the :class:`Source` records that support it (at least one).
    """

    movements: tuple[Movement, ...]
    text: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)

    def __str__(self) -> str:
        return self.text


@attrs.frozen(kw_only=True, repr=False, eq=False)
class WorkedMuscle(Record):
    """A muscle that an :class:`Exercise` involves, and its role there.

    Attributes:
        muscle: the id of the muscle.
        role: what it does in the exercise (see :class:`MuscleRole`).
        groups: the muscle groups it plays that role for, when not all of its groups: a
            knee-to-chest stretch stretches gluteus maximus as a hip extensor, not as an external
            rotator. Empty means every group the muscle belongs to.
    """

    muscle: str = attrs.field(metadata=_MUSCLE)
    role: MuscleRole
    groups: tuple[str, ...] = attrs.field(default=(), metadata=_MUSCLE_GROUP)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class GroupMembership(Record):
    """A muscle's place in a :class:`MuscleGroup`.

    Attributes:
        group: the id of the muscle group.
        membership: prime mover or accessory (see :class:`Membership`).
    """

    group: str = attrs.field(metadata=_MUSCLE_GROUP)
    membership: Membership = Membership.PRIME


@attrs.frozen(repr=False, eq=False)
class Range(Record):
    """A whole-number range, both ends included; ``max`` is ``None`` for "at least ``min``".

    In the data files an exact number is written as a plain integer (``10``), an open range as
    ``{"min": 30}`` and a closed one as ``{"min": 3, "max": 5}``.

    Attributes:
        min: the lower end.
        max: the upper end, or ``None`` when there is none.
    """

    min: int
    max: int | None

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return self.min <= value and (self.max is None or value <= self.max)

    def __str__(self) -> str:
        if self.max is None:
            return f"at least {self.min}"
        if self.max == self.min:
            return str(self.min)
        return f"{self.min}-{self.max}"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Sets(Record):
    """How many sets to do now, and how many to build up to.

    Attributes:
        start: the number of sets to begin with.
        target: the number of sets to progress to.
    """

    start: int = 1
    target: Range = Range(1, 1)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Dosage(Record):
    """How much of an exercise to do, and how often.

    Attributes:
        hold_seconds: how long to hold each repetition, if it is held.
        repetitions: repetitions per set.
        sets: starting sets and the progression target.
        per_side: True when the dose is done on each side in turn.
        tempo: the pace of each repetition, where it matters.
        sessions_per_week: how many sessions a week.
        rest_days_per_week: the least number of rest days to keep in a week.
        notes: other advice about timing or dose, in plain language.
        sources: ids of the sources the dose comes from.
    """

    hold_seconds: Range | None = None
    repetitions: Range | None = None
    sets: Sets = Sets()
    per_side: bool = False
    tempo: Tempo | None = None
    sessions_per_week: Range
    rest_days_per_week: int = 0
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Variation(Record):
    """A link from an exercise to another version of the same movement.

    Attributes:
        exercise: the id of the other exercise.
        relation: whether the other exercise is easier, harder, or an alternative.
    """

    exercise: str = attrs.field(metadata=_EXERCISE)
    relation: VariationRelation


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ChainLink(Record):
    """A link of the kinetic chain from one region to a neighbouring one.

    Attributes:
        region: the id of the neighbouring :class:`Region`.
        sources: ids of the sources that describe the link.
    """

    region: str = attrs.field(metadata=_REGION)
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class IcdCode(Record):
    """An ICD-10-CM code with a short label in our own words.

    Attributes:
        code: the code as printed in the code set, with its dot (``"M46.46"``).
        label: what the code means here.
    """

    code: str
    label: str


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Pathogen(Record):
    """An organism that causes an infectious condition.

    Attributes:
        name: the organism's scientific name.
        common_name: the name people use, if any.
        note: how often it is the cause, or where it is found.
        sources: ids of the sources for the note.
    """

    name: str
    common_name: str | None = None
    note: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Escalation(Record):
    """A circumstance in which a condition is more urgent than usual.

    Attributes:
        urgency: the urgency in that circumstance.
        when: the circumstance, in plain language.
        sources: ids of the sources that set it.
        route: where to go instead of the usual place for that urgency, when it has a place of
            its own ("contact your maternity unit now, day or night" for the signs of
            pregnancy). A screening whose urgency comes from such findings alone says this in
            place of the usual advice and heading.
        lasting_weeks: for a symptom's :attr:`Symptom.seek_care`, it applies only once the pain
            has lasted at least this many weeks (neck pain that has not settled in 4 weeks is
            worth a clinician's visit). Unlike a trigger's, an unknown duration does not count
            as lasting: this is the rule for pain that is not getting better, not a warning
            sign. Conditions' escalations do not take it.
    """

    urgency: Urgency
    when: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)
    route: str | None = None
    lasting_weeks: int | None = None


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Modifier(Record):
    """A circumstance that changes the weight of a red flag.

    :meth:`spinekb.KnowledgeBase.screen` applies a modifier when its circumstance is known to
    hold: a ``harmless-explanation`` when the person gives one; ``severe-persistent-pain`` when
    the pain is severe and has lasted several weeks, ``severe-new-pain`` when it is severe and
    began more recently; ``cancer-history``, ``neurological-signs``, ``trauma`` and
    ``major-trauma`` when another finding counts as that circumstance (see
    :attr:`RedFlag.counts_as` and :attr:`Symptom.counts_as`); ``combined-flags`` when one of
    :attr:`together_with` is found too. Otherwise it is shown as a sign to watch for.

    Attributes:
        kind: which circumstance it is.
        urgency: the urgency the flag carries in that circumstance, or ``None`` when the flag is
            set aside (it then no longer counts as a red flag).
        text: the rule in plain language.
        sources: ids of the sources for the rule.
        together_with: for ``combined-flags``, the red flags or symptoms whose presence
            alongside this flag makes the combination.
        points_to: ids of conditions the flag points to when this modifier applies, ranked
            before the flag's own :attr:`RedFlag.conditions` (older age with new nerve signs
            points to spinal stenosis and metastasis, not only to a fracture).
        onset: the onsets of the other findings that count (``()`` for any): for a
            circumstance another finding lends (``neurological-signs``, say), or for the
            partners of ``combined-flags``. New or worsening nerve signs make a fever an
            emergency, while after cancer any nerve symptom does.
        age_over: for ``age-over``, the age in years the person must be older than (a fall
            from the age of 65 needs a same-day review); for ``combined-flags``, an age the
            person must also be older than (neck pain after a fall from 65: both must hold).
        age_under_days: for ``age-under``, the age in days the person must be younger than:
            days, not years, since the ages that matter here are a baby's (a temperature of 38 °C
            or more before the age of 90 days, about 3 months, is an emergency). An unknown age
            is not younger; the rule is a sign to watch for unless the age is an adult's (a
            child's age read from a word is the most it can mean: "my baby", up to 4).
        route: where to go instead of the usual place for its urgency (a fever in pregnancy:
            the maternity unit), as :attr:`Escalation.route`.
    """

    kind: ModifierKind
    urgency: Urgency | None
    text: str
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)
    together_with: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    points_to: tuple[str, ...] = attrs.field(default=(), metadata=_CONDITION)
    onset: tuple[Onset, ...] = ()
    age_over: int | None = None
    age_under_days: int | None = None
    route: str | None = None


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Trigger(Record):
    """What, on its own, raises a red flag: all of some symptoms, an age, or both.

    A red flag's :attr:`RedFlag.symptoms` also list context (back pain, say); only its triggers
    raise it when a person reports symptoms. A trigger can ask for an onset or a severity of
    its symptoms: a finding of unknown onset counts as new, and one of unknown severity as
    severe, so leaving them out never lowers the answer.

    Attributes:
        symptoms: ids of symptoms that together raise the flag (all of them are needed).
        age_over: the flag is raised for people older than this many years.
        age_under: the flag is raised for people younger than this many years.
        onset: the onsets of the symptoms that raise the flag (``()`` for any onset).
        severity: the severities of the symptoms that raise the flag (``()`` for any).
        lasting_weeks: the flag is raised only when the pain has lasted at least this many
            weeks (an unknown duration counts as lasting).
        urgency: the flag's urgency when this trigger raises it, or ``None`` for the flag's own
            :attr:`RedFlag.urgency` (a long-standing, stable sign can weigh less than a new one).
        sources: ids of the sources that make this a trigger.
    """

    symptoms: tuple[str, ...] = attrs.field(default=(), metadata=_SYMPTOM)
    age_over: int | None = None
    age_under: int | None = None
    onset: tuple[Onset, ...] = ()
    severity: tuple[Severity, ...] = ()
    lasting_weeks: int | None = None
    urgency: Urgency | None = None
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Evidence(Record):
    """What one source says about a treatment in one context.

    Attributes:
        source: the id of the source.
        verdict: its conclusion.
        context: the population or situation it is about ("chronic low back pain").
        certainty: the certainty of the evidence, where the source grades it.
        strength: the strength of the recommendation, where the source states it.
        conditions: ids of the conditions the verdict is about, if it is about particular ones.
        note: what the source found, in plain language.
    """

    source: str = attrs.field(metadata=_SOURCE)
    verdict: Verdict
    context: str
    certainty: EvidenceCertainty | None = None
    strength: RecommendationStrength | None = None
    conditions: tuple[str, ...] = attrs.field(default=(), metadata=_CONDITION)
    note: str


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Accreditation(Record):
    """An accreditation or code of conduct a publisher holds.

    Attributes:
        body: the accrediting body or code.
        url: its public address, if any.
        note: what it means, in plain language.
    """

    body: str
    url: str | None = None
    note: str


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Retirement(Record):
    """An id that is no longer used, and the entry that took its place.

    Look-ups of a retired id return its successor, so code written against an old id keeps
    working after an entry is renamed or merged.

    Attributes:
        id: the retired id. It is never reused.
        replaced_by: the id of the entry that took its place (which may itself be retired).
        reason: why it was retired ("renamed", "merged into ...").
        since: the data version in which it was retired.
    """

    id: str
    replaced_by: str
    reason: str
    since: str


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Manifest(Record):
    """What a content folder says about itself (its ``manifest.json``).

    Attributes:
        data_version: the version of the content, separate from the library's version.
        retired: ids that are no longer used, with their successors.
        name: the name of the content pack, used in error messages and ``kb.packs``.
        overrides: ids of entries of earlier packs (the bundled content, say) that this pack
            deliberately replaces with its own entry of the same kind. Any other id that is
            already taken is an error.
    """

    data_version: str
    retired: tuple[Retirement, ...] = ()
    name: str | None = None
    overrides: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Review(Record):
    """When an entry was last checked against its sources, and when that is due again.

    Attributes:
        reviewed: the day it was last reviewed against its sources.
        due: the day its next review is due (after ``reviewed``).
    """

    reviewed: datetime.date
    due: datetime.date

    def is_due(self, on: datetime.date) -> bool:
        """Whether the next review is due on or before ``on``."""
        return self.due <= on


# --- the kinds of entry -----------------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Entry(Record):
    """What every record in the knowledge base has.

    Attributes:
        id: stable kebab-case identifier, unique across all kinds; never reused.
        name: the display name.
        aliases: other names people use, lay and clinical; ``lookup`` finds these too.
        summary: a plain-language summary.
    """

    id: str
    name: str
    aliases: tuple[str, ...] = ()
    summary: str

    #: The kind of record, as used in file names and messages ("exercise", "red-flag").
    kind: ClassVar[str] = "entry"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r}, name={self.name!r})"

    def __str__(self) -> str:
        from spinekb._show.text import render_text

        return render_text(self)

    def _repr_html_(self) -> str:
        """The record as an HTML card, for Jupyter (referenced records are shown by id)."""
        from spinekb._show.html import entry_html

        return entry_html(self)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Source(Entry):
    """A publication that the knowledge base cites.

    Attributes:
        title: the full title.
        source_kind: what kind of publication it is.
        publisher: who publishes it, if known.
        authors: the authors, shortened ("Kibler WB, Press J, Sciascia A").
        year: the year of the edition cited, if known.
        citation: journal, volume and pages, or the like.
        url: a public address, if there is one.
        doi: the DOI, if there is one.
        accreditations: accreditations the publisher holds.
        notes: other facts about the source.
    """

    kind: ClassVar[str] = "source"
    title: str
    source_kind: SourceKind
    publisher: str | None = None
    authors: str | None = None
    year: int | None = None
    citation: str | None = None
    url: str | None = None
    doi: str | None = None
    accreditations: tuple[Accreditation, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class CitedEntry(Entry):
    """An entry whose content cites sources.

    Attributes:
        sources: ids of the sources for the summary and the record as a whole (at least one).
        review: when the entry was last reviewed against its sources and when its next review
            is due. Every clinical entry of the bundled content has one; in a pack it may be
            left out.
    """

    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)
    review: Review | None = None


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Region(CitedEntry):
    """A node of the kinetic chain: a body region whose position and strength affect its neighbours.

    Attributes:
        links: the neighbouring regions, each with its sources. Links are listed on both ends.
    """

    kind: ClassVar[str] = "region"
    links: tuple[ChainLink, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class MuscleGroup(CitedEntry):
    """A group of muscles that share an action (hip abductors, hamstrings).

    Which muscles belong to a group, as prime movers or accessories, is recorded on each
    :class:`Muscle` (:attr:`Muscle.groups`).

    Attributes:
        movement: the action the group shares, where one movement names it (``hip-abduction``
            for the hip abductors). An exercise counts as training the group through a target
            muscle only when it trains this movement.
    """

    kind: ClassVar[str] = "muscle-group"
    movement: Movement | None = None


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Muscle(CitedEntry):
    """A muscle (or a small set of muscles usually named together).

    Attributes:
        region: the id of the kinetic-chain region whose joints it mainly moves or steadies.
        actions: its main actions, in plain language.
        groups: the muscle groups it belongs to, each as a prime mover or an accessory.
    """

    kind: ClassVar[str] = "muscle"
    region: str = attrs.field(metadata=_REGION)
    actions: tuple[str, ...]
    groups: tuple[GroupMembership, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Symptom(CitedEntry):
    """A symptom or sign, shared by the conditions and red flags that mention it.

    Attributes:
        hpo: the Human Phenotype Ontology id (``"HP:0001945"``), where one fits.
        counts_as: the circumstances this symptom stands for when red flags are weighed
            (numbness counts as ``neurological-signs``); see :class:`Modifier`.
        seek_care: when the symptom is a reason to see a clinician even without a red flag:
            how soon, and why.
        safety_net: what to act on at once whenever the symptom is reported (the signs that
            need the maternity unit in pregnancy, say); a screening always shows it, whatever
            its urgency.
        listed_with: ids of the findings with which an emergency symptom is listed among the
            signs to act on at once (the signs of pregnancy only when pregnancy is reported);
            empty: listed in every screening.
    """

    kind: ClassVar[str] = "symptom"
    hpo: str | None = None
    counts_as: tuple[ModifierKind, ...] = ()

    seek_care: Escalation | None = None
    safety_net: Statement | None = None
    listed_with: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Exercise(CitedEntry):
    """An exercise, with how to do it and how much of it to do.

    Attributes:
        exercise_kind: what it mainly does (stretch, strengthening, mobility, stability).
        position: the starting position.
        equipment: what it needs beyond the floor.
        regions: ids of the kinetic-chain regions it is for, its main one first.
        movements: what it trains or takes a joint into (see :class:`Movement`), main one first.
        steps: the instructions, in order.
        cues: the form points that matter most.
        muscles: the muscles it involves, each with its role (target, synergist, stabiliser or
            stretched); targets and stretched muscles first.
        dosage: how much and how often.
        benefits: what it is for, with sources.
        cautions: when to take care or stop, with sources; those that name conditions or red
            flags leave the exercise out when one of them is avoided.
        contraindications: conditions or red flags for which it should not be done, with why.
        variations: other versions of the same movement.
    """

    kind: ClassVar[str] = "exercise"
    exercise_kind: ExerciseKind
    position: Position
    equipment: tuple[Equipment, ...] = ()
    regions: tuple[str, ...] = attrs.field(metadata=_REGION)
    movements: tuple[Movement, ...]
    steps: tuple[str, ...]
    cues: tuple[str, ...] = ()
    muscles: tuple[WorkedMuscle, ...]
    dosage: Dosage
    benefits: tuple[Statement, ...] = ()
    cautions: tuple[Caution, ...] = ()
    contraindications: tuple[Contraindication, ...] = ()
    variations: tuple[Variation, ...] = ()

    def muscles_in(self, *roles: MuscleRole | str) -> tuple[str, ...]:
        """The ids of its muscles in any of ``roles`` (all of them when none is given), in order.

        ``exercise.muscles_in("target")`` gives the movers it trains; ``"stretched"`` what it
        lengthens. Raises :class:`ValueError` for a role that is not a :class:`MuscleRole`.
        """
        wanted = {MuscleRole.parse(role, "roles") for role in roles}
        return tuple(worked.muscle for worked in self.muscles if not wanted or worked.role in wanted)

    def main_muscle(self) -> WorkedMuscle | None:
        """Its first target or stretched muscle (see :attr:`MuscleRole.main`), or ``None``."""
        return next((worked for worked in self.muscles if worked.role.main), None)

    def role_of(self, muscle: str) -> MuscleRole | None:
        """The role of the muscle with id ``muscle`` in this exercise, or ``None``."""
        return next((worked.role for worked in self.muscles if worked.muscle == muscle), None)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Condition(CitedEntry):
    """A condition that causes back or spine pain, or that can pass for it.

    Attributes:
        category: its broad kind.
        mimic: true for a condition outside the spine whose pain can pass for back or neck pain
            (an aortic aneurysm, a kidney infection): often an emergency, and missed when the
            pain is taken for the spine's.
        icd10cm: its ICD-10-CM codes.
        frequency: how common it is, where a source says.
        regions: ids of the regions it affects.
        symptoms: ids of its symptoms.
        causes: how it comes about.
        risk_factors: what makes it more likely.
        pathogens: the organisms that cause it, if it is an infection.
        epidemiology: how common it is and who gets it.
        course: how it usually goes.
        care: the usual care.
        urgency: how soon to be seen in the usual case.
        escalations: circumstances that make it more urgent.
        treatments: ids of related treatments, most relevant first.
        red_flags: ids of the red flags that point to it.
        exercises: ids of exercises that suit it.
        restricted_movements: movements to leave out of exercise while it is present (extension
            work in spinal stenosis), each with why; ``avoid=`` applies them.
    """

    kind: ClassVar[str] = "condition"
    category: ConditionCategory
    mimic: bool = False
    icd10cm: tuple[IcdCode, ...]
    frequency: Frequency | None = None
    regions: tuple[str, ...] = attrs.field(default=(), metadata=_REGION)
    symptoms: tuple[str, ...] = attrs.field(default=(), metadata=_SYMPTOM)
    causes: tuple[Statement, ...] = ()
    risk_factors: tuple[Statement, ...] = ()
    pathogens: tuple[Pathogen, ...] = ()
    epidemiology: tuple[Statement, ...] = ()
    course: tuple[Statement, ...] = ()
    care: tuple[Statement, ...] = ()
    urgency: Urgency
    escalations: tuple[Escalation, ...] = ()
    treatments: tuple[str, ...] = attrs.field(default=(), metadata=_TREATMENT)
    red_flags: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG)
    exercises: tuple[str, ...] = attrs.field(default=(), metadata=_EXERCISE)
    restricted_movements: tuple[MovementRestriction, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Treatment(CitedEntry):
    """A treatment, with how it is thought to work and what the evidence says.

    Attributes:
        treatment_kind: how it is delivered.
        mechanism: how it is thought to work.
        course: how it is usually given (duration, frequency).
        evidence: one verdict per source and context; disagreements are kept, not averaged.
        cautions: when to take care, with sources.
    """

    kind: ClassVar[str] = "treatment"
    treatment_kind: TreatmentKind
    mechanism: tuple[Statement, ...] = ()
    course: tuple[Statement, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    cautions: tuple[Statement, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class RedFlag(CitedEntry):
    """A sign that back pain may have a serious cause and needs a clinician's attention.

    Attributes:
        conditions: ids of the conditions it points to.
        urgency: how soon to be seen when it is present, in the usual case.
        informativeness: how much it says on its own.
        evidence: what is known about its accuracy.
        modifiers: circumstances that change its weight.
        symptoms: ids of the symptoms that go with the sign, including context such as back pain.
        triggers: what raises the flag on its own when a person reports it (see
            :class:`Trigger`); a flag without triggers is raised only by name.
        counts_as: the circumstances this flag stands for when other flags are weighed (a
            history of cancer counts as ``cancer-history``); see :class:`Modifier`.
    """

    kind: ClassVar[str] = "red-flag"
    conditions: tuple[str, ...] = attrs.field(metadata=_CONDITION)
    urgency: Urgency
    informativeness: Informativeness
    evidence: tuple[Statement, ...] = ()
    modifiers: tuple[Modifier, ...] = ()
    symptoms: tuple[str, ...] = attrs.field(default=(), metadata=_SYMPTOM)
    triggers: tuple[Trigger, ...] = ()
    counts_as: tuple[ModifierKind, ...] = ()

    @property
    def may_point_to(self) -> tuple[str, ...]:
        """Ids of the conditions it points to: its own :attr:`conditions`, then those its
        modifiers point to in combination, each once."""
        return tuple(dict.fromkeys((*self.conditions, *(i for m in self.modifiers for i in m.points_to))))


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Topic(CitedEntry):
    """A short education note that is neither a condition nor an exercise.

    Attributes:
        body: the note's points, each with its sources.
        see_also: ids of related entries of any kind.
    """

    kind: ClassVar[str] = "topic"
    body: tuple[Statement, ...]
    see_also: tuple[str, ...] = attrs.field(default=(), metadata=_ANY)


# --- reading what people write ----------------------------------------------------------------


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Phrasing(Record):
    """The everyday words people use for one finding, in one lexicon's language.

    Each text is matched word by word, case, punctuation and apostrophes ignored ("can't pee"
    and "cant pee" are the same). A text may offer choices in parentheses and optional words in
    square brackets: ``"(cant|can not) feel [my] (bum|butt)"`` stands for eight phrasings.

    ``together`` reads the finding from words that come apart: one text of each of its lists,
    in any order, within a few words of each other in one clause (``[["numb", "cant feel"],
    ["bum", "down there"]]`` reads "numb around my bum" and "down there feels numb").

    ``only_with`` reads the words as the finding only in a message that also mentions one of
    the findings it names as the screened person's, not denied (wondering counts: "could I be
    pregnant?"): "a severe headache and flashing lights" are warning signs of pre-eclampsia in
    a pregnant woman's message, and read so only there. Elsewhere the message is read as if
    such phrasings did not exist, so the same words can still be read as another finding ("a
    really bad headache came on in seconds" is a sudden severe headache).

    Attributes:
        finding: the id of the symptom or red flag the words mean.
        texts: the phrasings.
        together: lists of texts of which one each, close together, mean the finding.
        only_with: ids of findings of which the message must mention one for these words to be
            read as the finding (``()``: read wherever they are written).
        sources: ids of the sources behind reading the words as that finding.
    """

    finding: str = attrs.field(metadata=_RED_FLAG_OR_SYMPTOM)
    texts: tuple[str, ...] = ()
    together: tuple[tuple[str, ...], ...] = ()
    only_with: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    sources: tuple[str, ...] = attrs.field(metadata=_SOURCE)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Respelling(Record):
    """A word and the ways people misspell or shorten it ("numbnes", "numness" for "numbness").

    Attributes:
        word: the word as the phrasings spell it.
        variants: other spellings that mean the same word.
    """

    word: str
    variants: tuple[str, ...]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Hint(Record):
    """Words that may point to a finding but are too vague to read as one on their own ("pee",
    "bladder"): when they come outside a phrasing, a reading says what they may point to, so an
    app can ask rather than drop them.

    Attributes:
        words: the words (each matched as a phrasing text is).
        may_be: ids of the symptoms or red flags they may point to.
    """

    words: tuple[str, ...]
    may_be: tuple[str, ...] = attrs.field(metadata=_RED_FLAG_OR_SYMPTOM)


@attrs.frozen(kw_only=True, repr=False, eq=False)
class NumberWord(Record):
    """Words for a whole number ("two", "a couple of" for 2).

    Attributes:
        words: the words.
        value: the number (0-1000).
    """

    words: tuple[str, ...]
    value: int


@attrs.frozen(kw_only=True, repr=False, eq=False)
class TimeUnit(Record):
    """Words for a unit of time and how many days it is ("weeks", "wks": 7).

    Attributes:
        words: the words, singular and plural.
        days: how many days one of them is (1-366; a month is 30, a year 365).
    """

    words: tuple[str, ...]
    days: int


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Cues(Record):
    """The words around a finding that change what it says, in one language. Each is matched as
    a phrasing text is, choices and optional words included.

    Attributes:
        negation: words before a finding that deny it ("no", "without", "never had").
        negation_after: words after a finding that deny it ("ruled out", "absent").
        past: words before a finding that put it in the past ("used to have"): they deny a
            complaint, but not history (``history``: "used to have cancer" is a history of
            cancer) nor the signs in ``count_when_passed``.
        past_after: words after a finding that say it has passed ("fine now", "cleared up"):
            they deny it as ``past`` does ("had breast cancer, fine now" still counts).
        count_when_passed: ids of the findings that ``past`` and ``past_after`` cues do not
            deny: signs that still count when they have passed (a face that drooped "for a bit,
            fine now" is a warning of stroke: call 999 even if the symptoms go away).
        said_directly: ids of the findings that a cue before them reaches only when they are the
            first it reaches, never along a list after another finding, and that count as no
            item of a list: "no fever, unresponsive, purple rash" denies the fever only (no one
            writes "denies unresponsive" in a list), and the denial stops there.
        recent_only: ids of the findings that count only when recent (a major injury: "a car
            crash 10 years ago" is not one); ``long_ago`` words deny them.
        long_ago: words just before or after a finding that put it long in the past ("years
            ago", "as a teenager"). An amount of time of at least 90 days followed by a
            ``duration_after`` word ("10 years ago", "6 months ago") does the same. They deny
            only the findings in ``recent_only``: "back pain that started years ago" is still
            back pain.
        hypothetical: words that make what follows a question or a condition ("if", "what if").
        other_person: words that make what follows someone else's ("my mum had"). A message
            that reports someone else's complaint and either nothing of the writer's own or
            never speaks of the writer ("my dad can't pee") is read as about the person being
            screened (see ``on_behalf``).
        history: ids of the findings (symptoms or red flags) that are history or circumstance
            rather than a complaint (a history of cancer, diabetes, a known aneurysm):
            ``other_person_after`` cues ("runs in the family") apply to these only, and someone
            else's history alone ("my dad had cancer") never makes a message about them.
        other_person_after: words after a finding that make it someone else's ("runs in the family").
        confirmed_after: words after a finding asked about or put as a condition that say it is
            happening ("should I go to A&E if my bum is numb? *cos it is*"): it counts as said.
            They reach the finding just before, across the question mark that ended its sentence.
        confirmed_having: words after a finding asked about or put as a condition that say the
            writer has it, naming it rather than saying it is happening ("can a fever cause back
            pain? *cos i have one*", "is numbness serious, *which i have*", "*i do have it*"): the
            nearest finding asked about before them counts as said, passing over findings the
            question already said ("back pain" above), but not over one denied or someone
            else's. Like ``confirmed_after``, they confirm only when they end their clause
            ("cos i have *one question*" confirms nothing) and reach only the sentence before.
        someone: words that name someone else ("my husband"): what follows in the sentence is
            theirs until the writer speaks of themselves again ("my husband is on dialysis and
            keeps getting infections, i've got back ache").
        scope_end: words that end what a cue applies to ("but", "however").
        pseudo: words that look like a cue but are not one ("no idea", "not only").
        subjects: words that start a new subject ("i", "my", "they're"): they end what a cue
            applies to, unless they come straight after it ("if i get a fever").
        list_words: words that join the items of a list ("or", "nor", "and", "any"): after the
            first finding a cue applies to, it goes on to the next only across these.
        alternatives: the list words that offer alternatives ("or", "nor"): when the writer
            repeats a cue item by item ("no fever, no weight loss, numb bum"), a cue goes on past
            its finding only across one of these ("no fever, no chills or sweats").
        clause_starts: words that, starting a finding, make it a new clause rather than the next
            item of a list ("can't" in "no fever and can't pee"): a cue before does not reach it.
        statements: words that, inside a finding a cue reaches only along a list (past its
            first word) or straight after it, make it a statement of its own ("numb" in "not had a fever, both legs
            numb"; "present" in "no saddle anaesthesia, urinary retention present"): the cue
            stops. Kept apart from ``clause_starts``, which counts only at a finding's first
            word: many clause starts ("have", "still") say nothing when inside or after one.
        first_person: words with which the writer speaks of themselves ("i", "me", "my").
        on_behalf: words that say the message is about someone else ("writing for my dad"):
            then, as when all the complaints it reports are someone else's ("my son got hit by
            a car, his back hurts"), that person is the one screened and other-person cues are
            not applied.
        onset_new: words that a finding is new ("suddenly", "started yesterday").
        onset_worsening: words that it is getting worse ("spreading").
        onset_stable: words that it has long been the same ("for years").
        severity_mild: words for mild pain ("a bit sore").
        severity_moderate: words for moderate pain.
        severity_severe: words for severe pain ("agony").
        age_before: words before a number that is the person's age ("i am", "aged").
        age_after: words after a number that is the person's age ("years old", "yo").
        age_old: single words after an amount of time shorter than a year that make the
            amount an age, a baby's or a young child's ("old" in "my 6 week old", "a 2 month old
            baby", "she is 10 weeks old"). Unless an ``age_before`` cue comes before the number
            ("she is 10 weeks old"), the age is read only when the clause ends after it or an
            ``age_old_follows`` word comes next, so that "a 6 week old injury" is no age; without
            such a word, "back pain for 6 weeks" stays a duration.
        age_old_follows: single words that may come after such an age: a person ("baby",
            "son") or what a person does ("has", "is", "with"): "my 6 week old *has* a fever".
        age_old_before: single words that may come straight before the number of such an age
            when no ``age_before`` cue does ("*my* 6 week old", "*a* 2 month old baby"); at the
            start of a sentence or after a comma none is needed ("8 wk old, temp 38.5"), and
            after any other word it is no age ("the bruise is 2 weeks old").
        age_child: single words that name a child ("baby", "son", "daughter") or stand for
            one ("she", "lo"): after an ``age_before`` cue that holds one, an amount of days or
            weeks up to 13 weeks is the child's age without ``age_old`` ("my baby is 6 weeks and
            has a fever", "she is 8 weeks"), where "my wife is 36 weeks" stays no age; between
            a newborn and a finding, one makes the finding the baby's ("we have a newborn and
            she has a temp").
        having: single words that may stand between a person named and what they have ("my
            husband *has* a fever"): a baby's age in the message is set aside only when every
            finding follows an adult named with one of these ("we have a 7 week old and my
            husband has a fever").
        shared: phrasings that a finding is shared with someone else ("too", "both", "so
            does"): with one in the message a baby's age is never set aside.
        age_at: single words before a number that is an adult's age when a subject word
            (``subjects``) follows the number ("at 80 i've started getting back pain", "at 78
            my mum fell"); elsewhere they say nothing ("at 8 out of 10").
        gestation: the id of the finding (pregnancy) that a count of 20 to 42 weeks stands for
            when it opens a sentence and stands alone ("36 weeks, babys not moving much", "32
            wks and bleeding"); elsewhere such a count is a duration ("back pain for 24 weeks").
        duration_before: words before an amount of time that the pain has lasted ("for").
        duration_after: words after such an amount ("ago" in "3 weeks ago").
        numbers: number words and their values.
        time_units: units of time and their length in days.
        out_of: words between a pain score and its scale ("out of" in "8 out of 10").
        unread_durations: words that start a time this reader does not work out ("since").
        intensifiers: words that only strengthen or hedge the word after them ("so", "really",
            "kind of"): when that word is a ``statements`` word ("numb", "cant", "gone") they are
            read as if not written, so "my bum is so numb", "I genuinely can't feel the pad"
            and "my legs have also gone weak" read as "my bum is numb" and so on. Before any
            other word they are read as written ("so I went", "just back pain").
        query: the word that a question mark written straight before a word stands for, as
            clinicians write a suspected diagnosis ("?CES" is "query CES", suspected cauda equina
            syndrome; "?sepsis"): the first a language's lexicons give is used. A question mark
            after a word ("is this normal?") still ends a sentence.
        no_answers: single words that, as the whole answer to a finding asked about or labelled,
            deny it: after a question mark ("fever? no.", "Saddle anaesthesia? N."), a colon or a
            dash ("retention: nil", "weakness - no"), ending the sentence. An answer that goes on
            ("no, I can't") is not read as one.
        after_links: words that may stand between a finding and an "after" cue ("fever *is*
            ruled out", "numbness *has now* gone"); any other word keeps the cue from the finding
            ("cant pee since last night, *covid* neg": the cue is the covid test's).
        clause_openers: words that, as the first word of a finding's own words, open a clause
            that a cue before it does not reach ("and" in "hes not well *and is not
            responding*").
        cause_links: words after a comma across which a look-alike (``pseudo``) goes on into its
            cause ("my legs are like jelly, *after* the gym"); any other word after punctuation
            ends a look-alike or vague words ("she collapsed, on the bed now").
        young: words that say the person is a child, each with the oldest age they can mean
            ("toddler": 4, "my little boy": 15): when the message states no age and is about
            that child, the reading takes that age, so the rules for children apply. A newborn
            is 0 (a baby in its first weeks: younger than any age in days a rule names).
    """

    negation: tuple[str, ...] = ()
    negation_after: tuple[str, ...] = ()
    past: tuple[str, ...] = ()
    past_after: tuple[str, ...] = ()
    count_when_passed: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    recent_only: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    said_directly: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    long_ago: tuple[str, ...] = ()
    hypothetical: tuple[str, ...] = ()
    other_person: tuple[str, ...] = ()
    other_person_after: tuple[str, ...] = ()
    confirmed_after: tuple[str, ...] = ()
    confirmed_having: tuple[str, ...] = ()
    someone: tuple[str, ...] = ()
    history: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    scope_end: tuple[str, ...] = ()
    pseudo: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    list_words: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    clause_starts: tuple[str, ...] = ()
    statements: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    on_behalf: tuple[str, ...] = ()
    onset_new: tuple[str, ...] = ()
    onset_worsening: tuple[str, ...] = ()
    onset_stable: tuple[str, ...] = ()
    severity_mild: tuple[str, ...] = ()
    severity_moderate: tuple[str, ...] = ()
    severity_severe: tuple[str, ...] = ()
    age_before: tuple[str, ...] = ()
    age_after: tuple[str, ...] = ()
    age_at: tuple[str, ...] = ()
    age_old: tuple[str, ...] = ()
    age_old_follows: tuple[str, ...] = ()
    age_old_before: tuple[str, ...] = ()
    age_child: tuple[str, ...] = ()
    having: tuple[str, ...] = ()
    shared: tuple[str, ...] = ()
    gestation: tuple[str, ...] = attrs.field(default=(), metadata=_RED_FLAG_OR_SYMPTOM)
    duration_before: tuple[str, ...] = ()
    duration_after: tuple[str, ...] = ()
    numbers: tuple[NumberWord, ...] = ()
    time_units: tuple[TimeUnit, ...] = ()
    out_of: tuple[str, ...] = ()
    unread_durations: tuple[str, ...] = ()
    young: tuple[NumberWord, ...] = ()
    intensifiers: tuple[str, ...] = ()
    query: tuple[str, ...] = ()
    no_answers: tuple[str, ...] = ()
    after_links: tuple[str, ...] = ()
    clause_openers: tuple[str, ...] = ()
    cause_links: tuple[str, ...] = ()


@attrs.frozen(kw_only=True, repr=False, eq=False)
class Lexicon(CitedEntry):
    """Everyday words for findings, in one language, for reading what people write
    (:meth:`spinekb.KnowledgeBase.findings_in`).

    Every lexicon of a language adds to the others: a content pack extends the bundled English
    lexicon by adding a lexicon of its own with ``language: "en"``.

    Attributes:
        language: the language, as an IETF tag ("en").
        phrasings: the words for each finding.
        respellings: misspellings and short forms of words.
        hints: vague words that may point to a finding.
        cues: the words around a finding that deny it, make it hypothetical or someone else's,
            or say its onset; and how age, duration and severity are said.
        reads_names: True when the names and aliases of symptoms and red flags are in this
            language and are read as phrasings too (the bundled English lexicon).
        unread_names: names or aliases that are not read as phrasings, being too often meant
            otherwise ("fell" in "fell asleep").
    """

    kind: ClassVar[str] = "lexicon"
    language: str
    reads_names: bool = False
    unread_names: tuple[str, ...] = ()
    phrasings: tuple[Phrasing, ...] = ()
    respellings: tuple[Respelling, ...] = ()
    hints: tuple[Hint, ...] = ()
    cues: Cues = Cues()


Avoided = Condition | RedFlag | Symptom
"""What an exercise can be left out for: a condition or red flag avoided, or a symptom such as
pregnancy (by id in ``avoid=``, or reported in the screening a plan is given)."""
