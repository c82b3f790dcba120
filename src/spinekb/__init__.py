"""spinekb: a typed, sourced knowledge base on back and spine pain.

spinekb informs; it does not diagnose. Start with :func:`load` or the module-level queries.
"""

from spinekb._bundled import (
    conditions_for,
    describe,
    exercises_for,
    find,
    get,
    load,
    red_flags_for,
    search,
    treatments_for,
)
from spinekb._chain import KineticChain
from spinekb._index import Collection
from spinekb._knowledge import ExerciseMatch, KnowledgeBase
from spinekb._render import NOTICE
from spinekb._version import DATA_VERSION, __version__
from spinekb.errors import ContentError, ContentProblem, SpineKBError, UnknownEntryError
from spinekb.models import (
    Condition,
    Dosage,
    Entry,
    Exercise,
    Muscle,
    MuscleGroup,
    RedFlag,
    Region,
    Source,
    Statement,
    Symptom,
    Topic,
    Treatment,
    Urgency,
)

__all__ = [
    "DATA_VERSION",
    "NOTICE",
    "Collection",
    "Condition",
    "ContentError",
    "ContentProblem",
    "Dosage",
    "Entry",
    "Exercise",
    "ExerciseMatch",
    "KineticChain",
    "KnowledgeBase",
    "Muscle",
    "MuscleGroup",
    "RedFlag",
    "Region",
    "Source",
    "SpineKBError",
    "Statement",
    "Symptom",
    "Topic",
    "Treatment",
    "UnknownEntryError",
    "Urgency",
    "__version__",
    "conditions_for",
    "describe",
    "exercises_for",
    "find",
    "get",
    "load",
    "red_flags_for",
    "search",
    "treatments_for",
]
