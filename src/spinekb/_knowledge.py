"""The knowledge base: the collections of records and the queries that join them."""

from __future__ import annotations

import os
import types
from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

import attrs

from spinekb import models
from spinekb._chain import KineticChain, check_distance
from spinekb._index import Collection, Entries
from spinekb._loading import KINDS, Content, PackInfo, Records, as_traversable, read_folder
from spinekb._resolve import resolve, resolve_among
from spinekb.errors import SeekCareFirstError, UnknownEntryError
from spinekb.models import (
    Condition,
    Entry,
    Exercise,
    Muscle,
    MuscleGroup,
    RedFlag,
    Region,
    Severity,
    Source,
    Symptom,
    Topic,
    Treatment,
    Urgency,
)

if TYPE_CHECKING:
    import pathlib

    import networkx
    import pandas
    from importlib_resources.abc import Traversable

    from spinekb._plan import Plan
    from spinekb._screening import Findings, Screening

__all__ = ["ExerciseMatch", "ExerciseMatches", "KnowledgeBase", "LeftOut"]


@attrs.frozen(kw_only=True, repr=False, eq=False)
class ExerciseMatch:
    """One answer of :meth:`KnowledgeBase.exercises_for`: an exercise and why it was chosen.

    Attributes:
        exercise: the exercise.
        muscle: the muscle through which it matched.
        region: that muscle's region.
        distance: links along the kinetic chain from the target (0 for the target itself).
        primary: True when the muscle is one the exercise mainly works.
    """

    exercise: Exercise
    muscle: Muscle
    region: Region
    distance: int
    primary: bool

    __repr__ = models._fields_repr
    __eq__ = models._fields_eq
    __hash__ = models._fields_hash

    def __str__(self) -> str:
        role = "mainly" if self.primary else "also"
        where = "the target" if self.distance == 0 else f"{self.distance} link{'s' * (self.distance > 1)} away"
        return f"{self.exercise.name}: {role} works {self.muscle.name} ({self.region.name}, {where})"


@attrs.frozen(kw_only=True, repr=False, eq=False)
class LeftOut:
    """An exercise left out of an answer, and why.

    Attributes:
        exercise: the exercise.
        reason: why, in plain language.
        because: the conditions or red flags behind the reason (empty when it is about dose or
            frequency rather than safety).
    """

    exercise: Exercise
    reason: str
    because: tuple[Condition | RedFlag, ...] = ()

    __repr__ = models._fields_repr
    __eq__ = models._fields_eq
    __hash__ = models._fields_hash

    def __str__(self) -> str:
        return f"{self.exercise.name}: {self.reason}"


class ExerciseMatches(tuple[ExerciseMatch, ...]):
    """The answer of :meth:`KnowledgeBase.exercises_for`: a tuple of :class:`ExerciseMatch`.

    It behaves exactly like a tuple and adds what ``avoid=`` set aside.

    Attributes:
        avoided: the conditions and red flags the caller asked to avoid.
        left_out: exercises that would have matched but are contraindicated for one of them.
    """

    avoided: tuple[Condition | RedFlag, ...]
    left_out: tuple[LeftOut, ...]

    def __new__(
        cls,
        matches: Iterable[ExerciseMatch] = (),
        *,
        avoided: tuple[Condition | RedFlag, ...] = (),
        left_out: tuple[LeftOut, ...] = (),
    ) -> ExerciseMatches:
        self = super().__new__(cls, matches)
        object.__setattr__(self, "avoided", avoided)
        object.__setattr__(self, "left_out", left_out)
        return self

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"ExerciseMatches is read-only; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"ExerciseMatches is read-only; cannot delete {name!r}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_matches, (tuple(self), self.avoided, self.left_out))

    def _repr_html_(self) -> str:
        """A table of the matches (and of what was left out, and why), for Jupyter."""
        from spinekb._html import matches_html

        return matches_html(self)

    def to_dataframe(self) -> pandas.DataFrame:
        """A pandas DataFrame with one row per match, in order (needs ``spinekb[pandas]``).

        Columns: ``exercise_id``, ``exercise``, ``muscle_id``, ``muscle``, ``region_id``,
        ``region``, ``distance``, ``primary``, ``exercise_kind``, ``dose`` (in words), ``sets``
        (to start with), ``repetitions``, ``hold_seconds``, ``per_side`` and ``sessions_per_week``
        (ranges as text). What was left out stays in :attr:`left_out`. Raises an
        :class:`ImportError` (also a :class:`spinekb.SpineKBError`) naming the extra when pandas
        is not installed.
        """
        from spinekb._frames import matches_frame

        return matches_frame(self)


def _rebuild_matches(
    matches: tuple[ExerciseMatch, ...], avoided: tuple[Condition | RedFlag, ...], left_out: tuple[LeftOut, ...]
) -> ExerciseMatches:
    return ExerciseMatches(matches, avoided=avoided, left_out=left_out)


class KnowledgeBase:
    """A loaded, checked knowledge base and the queries over it.

    Get the bundled one with :func:`spinekb.load`, or load a folder in the same format with
    :meth:`from_path`. Every collection (:attr:`conditions`, :attr:`exercises`, ...) is read-only;
    records are frozen. Query arguments accept a record, an id, or a name or alias.
    """

    conditions: Collection[Condition]
    exercises: Collection[Exercise]
    treatments: Collection[Treatment]
    red_flags: Collection[RedFlag]
    muscles: Collection[Muscle]
    muscle_groups: Collection[MuscleGroup]
    regions: Collection[Region]
    sources: Collection[Source]
    symptoms: Collection[Symptom]
    topics: Collection[Topic]

    def __init__(
        self, records: Records, manifest: models.Manifest | None = None, packs: tuple[PackInfo, ...] = ()
    ) -> None:
        """Wrap records that have already passed the loader's checks (use :meth:`from_path` or
        :func:`spinekb.load`)."""
        #: The content's manifest (the first pack's, with every pack's retired ids), or ``None``.
        self.manifest = manifest
        #: The content packs it was loaded from, in order (the bundled content is ``"spinekb"``).
        self.packs = packs
        #: The version of the content (``spinekb.DATA_VERSION`` for the bundled one), if known.
        self.data_version = manifest.data_version if manifest is not None else None
        retired = _final_successors(manifest)
        #: Retired ids and the current ids that replace them (read-only).
        self.retired: Mapping[str, str] = types.MappingProxyType(retired)
        self.sources = Collection(Source, _of(records, Source), retired)
        self.regions = Collection(Region, _of(records, Region), retired)
        self.muscle_groups = Collection(MuscleGroup, _of(records, MuscleGroup), retired)
        self.muscles = Collection(Muscle, _of(records, Muscle), retired)
        self.symptoms = Collection(Symptom, _of(records, Symptom), retired)
        self.exercises = Collection(Exercise, _of(records, Exercise), retired)
        self.conditions = Collection(Condition, _of(records, Condition), retired)
        self.treatments = Collection(Treatment, _of(records, Treatment), retired)
        self.red_flags = Collection(RedFlag, _of(records, RedFlag), retired)
        self.topics = Collection(Topic, _of(records, Topic), retired)
        self.kinetic_chain = KineticChain(self.regions)

    @classmethod
    def from_path(cls, folder: str | os.PathLike[str] | Traversable) -> KnowledgeBase:
        """Load and check one content folder (one JSON file per kind, as in ``spinekb/data``) or
        one content document (the single JSON file that ``spinekb export --format json`` writes),
        on its own. To add your content to the bundled content, use :func:`spinekb.load`.

        Raises :class:`spinekb.ContentError` naming the file, entry and field of every problem;
        nothing is loaded when any is found.
        """
        return cls._from_content(read_folder(as_traversable(folder)))

    @classmethod
    def _from_content(cls, content: Content) -> KnowledgeBase:
        """The knowledge base of checked content, reusing the look-up keys the checks worked out."""
        kb = cls(content.records, content.manifest, content.packs)
        for collection in kb.collections:
            keys = content.names.get(collection._cls)
            if keys is not None:
                collection._use_names(keys)
        return kb

    @property
    def collections(self) -> tuple[Collection[Entry], ...]:
        """Every collection, in loading order (sources first)."""
        return tuple(getattr(self, stem.replace("-", "_")) for stem, _ in KINDS)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(c)} {c.kind}" for c in self.collections)
        return f"<KnowledgeBase: {counts}>"

    def _repr_html_(self) -> str:
        """The data version and the number of entries of each kind, for Jupyter."""
        from spinekb._html import knowledge_base_html

        return knowledge_base_html(self)

    def to_dataframe(self, kind: type[Entry] | str) -> pandas.DataFrame:
        """A pandas DataFrame of one kind of record (needs ``spinekb[pandas]``).

        ``kind`` is a record class (``Exercise``) or a name: the file stem (``"exercises"``,
        ``"red-flags"``), the attribute (``"red_flags"``) or the kind (``"red-flag"``). One row
        per entry, in id order; one column per field, in field order. Vocabulary values are their
        strings, tuples stay tuples and nested records (a dosage) become dictionaries.

        Raises :class:`ValueError` for an unknown kind, :class:`TypeError` for a kind that is
        neither a class nor a string, and an :class:`ImportError` (also a
        :class:`spinekb.SpineKBError`) naming the extra when pandas is not installed.
        """
        from spinekb._frames import collection_for

        return collection_for(self, kind).to_dataframe()

    def graph(self) -> networkx.Graph[str]:
        """The kinetic chain and the muscle groups as an undirected :class:`networkx.Graph`.

        The regions and links of :meth:`KineticChain.to_networkx`, plus one node per muscle group
        (``kind="muscle-group"``) joined to the regions of its muscles (edges with
        ``kind="muscles"`` and ``muscles``, their ids). Needs ``spinekb[networkx]``; raises an
        :class:`ImportError` (also a :class:`spinekb.SpineKBError`) naming the extra without it.
        """
        from spinekb._frames import knowledge_graph

        return knowledge_graph(self)

    # --- any kind ---------------------------------------------------------------------------

    @cached_property
    def _all(self) -> dict[str, Entry]:
        return {entry.id: entry for collection in self.collections for entry in collection}

    def __len__(self) -> int:
        return len(self._all)

    def __contains__(self, item: object) -> bool:
        if isinstance(item, str):
            return item in self._all or item in self.retired
        return isinstance(item, Entry) and self._all.get(item.id) == item

    def __getitem__(self, ident: str) -> Entry:
        """The entry of any kind with this id; ids are unique across kinds."""
        found = self.get(ident)
        if found is None:
            raise UnknownEntryError("entry", ident, self.suggest(ident))
        return found

    @overload
    def get(self, ident: str) -> Entry | None: ...

    @overload
    def get(self, ident: str, default: Entry) -> Entry: ...

    def get(self, ident: str, default: Entry | None = None) -> Entry | None:
        """The entry of any kind with this id, or ``default``."""
        if not isinstance(ident, str):
            raise TypeError(f"ids are strings, got {type(ident).__name__}")
        return self._all.get(ident) or self._all.get(self.retired.get(ident, ""), default)

    def find(self, text: str) -> Entries[Entry]:
        """Every entry, of any kind, whose id, name or alias matches ``text`` (case, spacing and
        punctuation ignored), in loading order of kinds. Empty when nothing matches."""
        return Entries(found for c in self.collections if (found := c.find(text)) is not None)

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Ids of entries of any kind whose names are close to ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"expected a string, got {type(text).__name__}")
        ranked = sorted((rank, ident) for c in self.collections for rank, ident in enumerate(c.suggest(text, limit)))
        return tuple(dict.fromkeys(ident for _, ident in ranked))[:limit]

    def search(self, text: str, limit: int | None = 10) -> Entries[Entry]:
        """Entries of every kind ranked by how well ``text`` matches them (see
        :meth:`Collection.search`); ties are broken by id."""
        scored = [hit for c in self.collections for hit in c.scored(text, limit)]
        scored.sort(key=lambda hit: (-hit[0][0], -hit[0][1], hit[1].id))
        return Entries(entry for _, entry in scored[:limit])

    # --- queries ---------------------------------------------------------------------------

    @cached_property
    def _muscles_by_group(self) -> dict[str, tuple[Muscle, ...]]:
        index: dict[str, list[Muscle]] = {}
        for muscle in self.muscles:
            for group in muscle.groups:
                index.setdefault(group, []).append(muscle)
        return {group: tuple(muscles) for group, muscles in index.items()}

    @cached_property
    def _muscles_by_region(self) -> dict[str, tuple[Muscle, ...]]:
        index: dict[str, list[Muscle]] = {}
        for muscle in self.muscles:
            index.setdefault(muscle.region, []).append(muscle)
        return {region: tuple(muscles) for region, muscles in index.items()}

    @cached_property
    def _exercises_by_muscle(self) -> dict[str, tuple[tuple[Exercise, bool], ...]]:
        index: dict[str, list[tuple[Exercise, bool]]] = {}
        for exercise in self.exercises:
            for muscle in exercise.primary_muscles:
                index.setdefault(muscle, []).append((exercise, True))
            for muscle in exercise.secondary_muscles:
                index.setdefault(muscle, []).append((exercise, False))
        return {muscle: tuple(pairs) for muscle, pairs in index.items()}

    @cached_property
    def _flags_by_trigger_symptom(self) -> dict[str, tuple[RedFlag, ...]]:
        """Red flags by each symptom that appears in one of their triggers."""
        index: dict[str, dict[str, RedFlag]] = {}
        for flag in self.red_flags:
            for trigger in flag.triggers:
                for symptom in trigger.symptoms:
                    index.setdefault(symptom, {})[flag.id] = flag
        return {symptom: tuple(flags.values()) for symptom, flags in index.items()}

    @cached_property
    def _flags_with_age_trigger(self) -> tuple[RedFlag, ...]:
        return tuple(
            flag
            for flag in self.red_flags
            if any(t.age_over is not None or t.age_under is not None for t in flag.triggers)
        )

    @cached_property
    def _emergency_flags(self) -> tuple[RedFlag, ...]:
        return tuple(flag for flag in self.red_flags if flag.urgency is Urgency.EMERGENCY)

    @cached_property
    def _emergency_symptoms(self) -> tuple[Symptom, ...]:
        """Symptoms that need emergency care whenever they appear (their own ``seek_care``)."""
        return tuple(s for s in self.symptoms if s.seek_care is not None and s.seek_care.urgency is Urgency.EMERGENCY)

    def muscles_in(self, target: MuscleGroup | Region | str) -> Entries[Muscle]:
        """The muscles of a muscle group or a region, in id order."""
        found = self._group_or_region(target)
        index = self._muscles_by_group if isinstance(found, MuscleGroup) else self._muscles_by_region
        return Entries(index.get(found.id, ()))

    def exercises_for(
        self,
        muscle_group: MuscleGroup | str | None = None,
        *,
        muscle: Muscle | str | None = None,
        region: Region | str | None = None,
        chain: int = 0,
        avoid: Iterable[Condition | RedFlag | str] | Condition | RedFlag | str = (),
    ) -> ExerciseMatches:
        """Exercises that train a muscle group, a muscle or a region (give exactly one).

        With ``chain=N`` the answer also holds exercises for the muscles of regions up to ``N``
        links away along the kinetic chain. Each exercise appears once, with the muscle it
        matched through and its chain distance; results come nearest first, exercises that
        mainly work the muscle before those that also work it, then by id. Cost grows with the
        size of the answer, not of the knowledge base.

        ``avoid=`` takes conditions or red flags (records, ids, names or aliases; one or
        several). Exercises contraindicated for any of them are left out of the answer, and the
        answer's :attr:`~ExerciseMatches.left_out` says which and why.

        Raises :class:`TypeError` unless exactly one target is given or when ``chain`` is not a
        whole number, :class:`ValueError` for a negative ``chain``, and
        :class:`UnknownEntryError` (with close matches) for an unknown target or ``avoid`` entry.
        """
        given = [
            name
            for name, value in (("muscle_group", muscle_group), ("muscle", muscle), ("region", region))
            if value is not None
        ]
        if len(given) != 1:
            raise TypeError(f"exercises_for() takes exactly one of muscle_group=, muscle= or region=; got {len(given)}")
        chain = check_distance(chain, "chain")
        avoided = self._avoided(avoid)

        if muscle_group is not None:
            group = resolve(self.muscle_groups, muscle_group, "muscle_group")
            targets = self._muscles_by_group.get(group.id, ())
            origins = tuple(sorted({m.region for m in targets}))
        elif muscle is not None:
            found = resolve(self.muscles, muscle, "muscle")
            targets = (found,)
            origins = (found.region,)
        else:
            place = resolve(self.regions, region, "region")
            targets = self._muscles_by_region.get(place.id, ())
            origins = (place.id,)

        best: dict[str, tuple[int, bool, str, Exercise, Muscle]] = {}

        def consider(candidate: Muscle, distance: int) -> None:
            for exercise, primary in self._exercises_by_muscle.get(candidate.id, ()):
                key = (distance, not primary, candidate.id)
                current = best.get(exercise.id)
                if current is None or key < current[:3]:
                    best[exercise.id] = (distance, not primary, candidate.id, exercise, candidate)

        for candidate in targets:
            consider(candidate, 0)
        if chain:
            distances = self.kinetic_chain._walk(origins, chain)
            for region_id, distance in distances.items():
                if distance == 0:
                    continue
                for candidate in self._muscles_by_region.get(region_id, ()):
                    consider(candidate, distance)

        ordered = sorted(best.values(), key=lambda item: (item[0], item[1], item[3].id))
        kept: list[ExerciseMatch] = []
        left_out: list[LeftOut] = []
        for distance, secondary, _, exercise, matched in ordered:
            clashes = tuple(entry for entry in avoided if entry.id in exercise.contraindications)
            if clashes:
                left_out.append(_contraindicated(exercise, clashes))
                continue
            kept.append(
                ExerciseMatch(
                    exercise=exercise,
                    muscle=matched,
                    region=self.regions[matched.region],
                    distance=distance,
                    primary=not secondary,
                )
            )
        return ExerciseMatches(kept, avoided=avoided, left_out=tuple(left_out))

    def _avoided(
        self, avoid: Iterable[Condition | RedFlag | str] | Condition | RedFlag | str
    ) -> tuple[Condition | RedFlag, ...]:
        """The conditions and red flags that ``avoid=`` names, each once, in the order given."""
        if isinstance(avoid, (str, Entry)):
            avoid = (avoid,)
        elif not isinstance(avoid, Iterable):
            raise TypeError(f"avoid= expects conditions or red flags, got {type(avoid).__name__}")
        found: dict[str, Condition | RedFlag] = {}
        for item in avoid:
            entry = self._condition_or_red_flag(item, "avoid")
            found.setdefault(entry.id, entry)
        return tuple(found.values())

    def _condition_or_red_flag(self, value: object, parameter: str) -> Condition | RedFlag:
        found = resolve_among((self.conditions, self.red_flags), value, parameter, "conditions or red flags")
        return cast("Condition | RedFlag", found)

    def _group_or_region(self, target: object, parameter: str = "target") -> MuscleGroup | Region:
        found = resolve_among((self.muscle_groups, self.regions), target, parameter, "a muscle group or a region")
        return cast("MuscleGroup | Region", found)

    def treatments_for(self, condition: Condition | str) -> Entries[Treatment]:
        """Treatments related to a condition: those it lists (most relevant first), then any
        whose evidence is about it, by id."""
        found = resolve(self.conditions, condition, "condition")
        listed = [self.treatments[ident] for ident in found.treatments]
        extra = [
            t
            for t in self.treatments
            if t.id not in found.treatments and any(found.id in e.conditions for e in t.evidence)
        ]
        return Entries(listed + extra)

    def red_flags_for(self, condition: Condition | str) -> Entries[RedFlag]:
        """The red flags that point to a condition, most urgent first, then by id."""
        found = resolve(self.conditions, condition, "condition")
        flags = (self.red_flags[ident] for ident in found.red_flags)
        return Entries(sorted(flags, key=lambda flag: (-flag.urgency.rank, flag.id)))

    def conditions_for(self, red_flag: RedFlag | str) -> Entries[Condition]:
        """The conditions a red flag points to, most urgent first, then by id."""
        found = resolve(self.red_flags, red_flag, "red_flag")
        conditions = (self.conditions[ident] for ident in found.conditions)
        return Entries(sorted(conditions, key=lambda condition: (-condition.urgency.rank, condition.id)))

    def screen(
        self,
        findings: Findings,
        *,
        age: int | None = None,
        pain_duration_weeks: float | None = None,
        pain_severity: Severity | str | None = None,
        explained: Findings = (),
    ) -> Screening:
        """Weigh what a person reports against the red flags, finding by finding, as the evidence says to.

        ``findings`` are red flags or symptoms: records, ids, names or aliases (one string is
        one finding), or :class:`spinekb.Finding` records that add each one's onset (new,
        worsening, stable) and severity (mild, moderate, severe). An unknown onset counts as
        new and an unknown severity as severe. ``age`` is in whole years;
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
        from spinekb._screening import screen

        return screen(
            self,
            findings,
            age=age,
            pain_duration_weeks=pain_duration_weeks,
            pain_severity=pain_severity,
            explained=explained,
        )

    def plan(
        self,
        target: MuscleGroup | Region | str,
        *,
        sessions_per_week: int = 3,
        weeks: int = 4,
        chain: int = 1,
        avoid: Iterable[Condition | RedFlag | str] | Condition | RedFlag | str = (),
        minutes: float | None = None,
        screening: Screening | None = None,
    ) -> Plan:
        """A weekly exercise plan for a muscle group or a region.

        Sessions fall on evenly spread days with rest days between; each exercise is done as
        often as its own sourced dosage allows; stretching and strengthening are mixed, with
        exercises for the regions up to ``chain`` links away along the kinetic chain; doses
        rise week by week from each exercise's starting dose to its target, then move on to a
        harder variation where one is suitable. ``minutes`` caps each session's estimated
        length. The same inputs always give the same plan. See ``docs/plans.md``.

        ``avoid=`` (conditions or red flags) leaves out contraindicated exercises, listed in
        :attr:`Plan.left_out` with the reason. ``screening=`` (from :meth:`screen`) avoids the
        red flags it counts.

        Raises :class:`SeekCareFirstError`, and makes no plan, when the screening is urgent or an
        emergency, or when an ``avoid`` entry is an urgent or emergency condition or red flag:
        care comes first. Raises :class:`UnknownEntryError` for an unknown target or ``avoid``
        entry, :class:`TypeError` or :class:`ValueError` for other bad arguments or when nothing
        can be planned.
        """
        from spinekb._plan import build_plan
        from spinekb._screening import ADVICE, Screening

        avoided = list(self._avoided(avoid))
        if screening is not None:
            if not isinstance(screening, Screening):
                raise TypeError(f"screening= expects a Screening from screen(), got {type(screening).__name__}")
            if screening.urgency >= Urgency.URGENT:
                names = tuple(flag.red_flag.name for flag in screening.red_flags if flag.urgency >= Urgency.URGENT)
                raise SeekCareFirstError(screening.urgency, names, ADVICE[screening.urgency])
            avoided += [flag.red_flag for flag in screening.red_flags if flag.red_flag not in avoided]
        serious = [entry for entry in avoided if entry.urgency >= Urgency.URGENT]
        if serious:
            urgency = max(entry.urgency for entry in serious)
            raise SeekCareFirstError(urgency, tuple(entry.name for entry in serious), ADVICE[urgency])
        return build_plan(
            self,
            target,
            sessions_per_week=sessions_per_week,
            weeks=weeks,
            chain=chain,
            avoid=avoided,
            minutes=minutes,
        )

    def export(self, format: str, output: str | os.PathLike[str], *, replace: bool = False) -> tuple[pathlib.Path, ...]:
        """Write the knowledge base out for other tools; returns the paths written.

        ``format`` is one of:

        - ``"json"``: one content document (``output`` is a file), loadable back with
          :meth:`from_path`;
        - ``"schema"``: JSON Schema for every kind and for the document (``output`` is a folder);
        - ``"csv"``: one CSV file per kind (``output`` is a folder);
        - ``"sqlite"``: one SQLite database with a table per kind and link tables for the
          references, foreign keys on (``output`` is a file; ``replace=True`` to overwrite);
        - ``"jsonld"``: schema.org JSON-LD of the whole knowledge base (``output`` is a file).

        See ``docs/exports.md`` for the layouts. Raises :class:`ValueError` for an unknown format
        or an unusable output, :class:`TypeError` for wrong argument types.
        """
        if format == "jsonld":
            import json

            from spinekb._export import _file_path
            from spinekb._jsonld import to_jsonld

            path = _file_path(output, "output")
            text = json.dumps(to_jsonld(self), indent=2, ensure_ascii=False) + "\n"
            path.write_text(text, encoding="utf-8")
            return (path,)
        from spinekb._export import export

        return export(self, format, output, replace=replace)

    def to_jsonld(self, entry: Entry | str | None = None, *, base: str | None = None) -> dict[str, Any]:
        """schema.org JSON-LD for a website's structured data: one entry (a condition, exercise,
        treatment, symptom, muscle or source, as a record or id) as a node document, or, without
        ``entry``, every one of them in an ``@graph``. Node ids are ``urn:spinekb:<kind>:<id>``,
        or ``<base><kind>/<id>`` when ``base`` (an absolute address ending in ``/`` or ``#``) is
        given. See ``docs/exports.md`` for the mapping."""
        from spinekb._jsonld import to_jsonld

        return to_jsonld(self, entry, base=base)

    def to_document(self) -> dict[str, Any]:
        """The whole knowledge base as one JSON-ready content document (see :meth:`export`)."""
        from spinekb._export import to_document

        return to_document(self)

    def sources_of(self, entry: Entry) -> Entries[Source]:
        """Every source an entry cites anywhere in it, in id order."""
        from spinekb._render import cited_ids

        return Entries(self.sources[ident] for ident in sorted(cited_ids(entry)) if ident in self.sources)

    def describe(self, entry: Entry | str) -> str:
        """A plain-text description of an entry for people, with referenced ids shown by name.

        ``entry`` is a record, an id, or a name or alias (the first entry, in loading order of
        kinds, that it names). Raises :class:`UnknownEntryError` with close matches otherwise."""
        from spinekb._render import render_text

        if isinstance(entry, str):
            found = self.get(entry) or next(iter(self.find(entry)), None)
            if found is None:
                raise UnknownEntryError("entry", entry, self.suggest(entry))
            entry = found
        if not isinstance(entry, Entry):
            raise TypeError(f"expected an entry or its id, got {type(entry).__name__}")

        def name(ident: str) -> str:
            found = self._all.get(ident)
            return found.name if found is not None else ident

        return render_text(entry, name=name, sources=self.sources_of(entry))


E = TypeVar("E", bound=models.Entry)


def _contraindicated(exercise: Exercise, clashes: tuple[Condition | RedFlag, ...]) -> LeftOut:
    names = "; ".join(entry.name for entry in clashes)
    return LeftOut(
        exercise=exercise,
        reason=f"not advised with {names} (a reason to get medical advice before exercising)",
        because=clashes,
    )


def _final_successors(manifest: models.Manifest | None) -> dict[str, str]:
    """Each retired id mapped to the current id at the end of its chain of replacements."""
    if manifest is None:
        return {}
    step = {retired.id: retired.replaced_by for retired in manifest.retired}
    final = {}
    for old in step:
        new = step[old]
        while new in step:  # the loader has ruled out loops
            new = step[new]
        final[old] = new
    return final


def _of(records: Records, cls: type[E]) -> tuple[E, ...]:
    # The loader files each record under its own class, so the cast only restores that fact.
    return cast("tuple[E, ...]", records.get(cls, ()))
