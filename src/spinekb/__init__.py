"""spinekb: a typed, sourced knowledge base on back and spine pain.

spinekb informs; it does not diagnose. Start with :func:`load` or the module-level queries.
"""

from typing import TYPE_CHECKING, Any

from spinekb._bundled import (
    conditions_for,
    describe,
    exercises_for,
    find,
    findings_in,
    get,
    installed_packs,
    load,
    plan,
    red_flags_for,
    ruled_out,
    screen,
    screen_text,
    search,
    treatments_for,
    walk_exercises_for,
)
from spinekb._content.packs import PackInfo
from spinekb._knowledge import KnowledgeBase
from spinekb._query.answers import ExerciseMatch, ExerciseMatches, LeftOut
from spinekb._query.chain import KineticChain
from spinekb._query.collection import Collection, Entries
from spinekb._query.search import Hit, SearchScore
from spinekb._query.walk import ExercisePart, ExerciseWalk
from spinekb._version import DATA_VERSION, __version__
from spinekb._words import NOTICE
from spinekb.errors import (
    ContentError,
    ContentProblem,
    MissingExtraError,
    OutputExistsError,
    SeekCareFirstError,
    SpineKBError,
    UnknownEntryError,
    UnknownKindError,
    UnknownPackError,
)
from spinekb.models import (
    Condition,
    Dosage,
    Entry,
    Exercise,
    ExerciseKind,
    Lexicon,
    Membership,
    Movement,
    Muscle,
    MuscleGroup,
    MuscleRole,
    Onset,
    RedFlag,
    Region,
    Severity,
    Source,
    Statement,
    Symptom,
    Topic,
    Treatment,
    Urgency,
)

if TYPE_CHECKING:
    from spinekb._plans import Plan, PlanCategory, PlanDay, PlanItem, PlanWeek
    from spinekb._reading.answers import ReadFinding, ReadValue, TextReading, UnclearMention
    from spinekb._screening import Finding, Findings, PainSeverity, ScreenedCondition, ScreenedFlag, Screening

# Result types of screening, planning and reading are created on first use, so importing spinekb stays cheap.
_LAZY = {
    "Plan": "spinekb._plans",
    "PlanCategory": "spinekb._plans",
    "PlanDay": "spinekb._plans",
    "PlanItem": "spinekb._plans",
    "PlanWeek": "spinekb._plans",
    "Finding": "spinekb._screening",
    "Findings": "spinekb._screening",
    "PainSeverity": "spinekb._screening",
    "ScreenedCondition": "spinekb._screening",
    "ScreenedFlag": "spinekb._screening",
    "Screening": "spinekb._screening",
    "ReadFinding": "spinekb._reading.answers",
    "ReadValue": "spinekb._reading.answers",
    "TextReading": "spinekb._reading.answers",
    "UnclearMention": "spinekb._reading.answers",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'spinekb' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "DATA_VERSION",
    "NOTICE",
    "Collection",
    "Condition",
    "ContentError",
    "ContentProblem",
    "Dosage",
    "Entries",
    "Entry",
    "Exercise",
    "ExerciseKind",
    "ExerciseMatch",
    "ExerciseMatches",
    "ExercisePart",
    "ExerciseWalk",
    "Finding",
    "Findings",
    "Hit",
    "KineticChain",
    "KnowledgeBase",
    "LeftOut",
    "Lexicon",
    "Membership",
    "MissingExtraError",
    "Movement",
    "Muscle",
    "MuscleGroup",
    "MuscleRole",
    "Onset",
    "OutputExistsError",
    "PackInfo",
    "PainSeverity",
    "Plan",
    "PlanCategory",
    "PlanDay",
    "PlanItem",
    "PlanWeek",
    "ReadFinding",
    "ReadValue",
    "RedFlag",
    "Region",
    "ScreenedCondition",
    "ScreenedFlag",
    "Screening",
    "SearchScore",
    "SeekCareFirstError",
    "Severity",
    "Source",
    "SpineKBError",
    "Statement",
    "Symptom",
    "TextReading",
    "Topic",
    "Treatment",
    "UnclearMention",
    "UnknownEntryError",
    "UnknownKindError",
    "UnknownPackError",
    "Urgency",
    "__version__",
    "conditions_for",
    "describe",
    "exercises_for",
    "find",
    "findings_in",
    "get",
    "installed_packs",
    "load",
    "plan",
    "red_flags_for",
    "ruled_out",
    "screen",
    "screen_text",
    "search",
    "treatments_for",
    "walk_exercises_for",
]
