"""The knowledge base: the collections of records and the queries that join them."""

from __future__ import annotations

import os
import types
from collections.abc import Mapping
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast, overload

import attrs

from spinekb import models
from spinekb._chain import KineticChain, check_distance
from spinekb._index import Collection
from spinekb._loading import KINDS, Records, as_traversable, read_folder
from spinekb._resolve import resolve
from spinekb.errors import UnknownEntryError
from spinekb.models import (
    Condition,
    Entry,
    Exercise,
    Muscle,
    MuscleGroup,
    RedFlag,
    Region,
    Source,
    Symptom,
    Topic,
    Treatment,
)

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

__all__ = ["ExerciseMatch", "KnowledgeBase"]


@attrs.frozen(kw_only=True)
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

    def __str__(self) -> str:
        role = "mainly" if self.primary else "also"
        where = "the target" if self.distance == 0 else f"{self.distance} link{'s' * (self.distance > 1)} away"
        return f"{self.exercise.name}: {role} works {self.muscle.name} ({self.region.name}, {where})"


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

    def __init__(self, records: Records, manifest: models.Manifest | None = None) -> None:
        """Wrap records that have already passed the loader's checks (use :meth:`from_path`)."""
        #: The content's manifest, or ``None`` for a folder without one.
        self.manifest = manifest
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
        """Load and check a content folder (one JSON file per kind, as in ``spinekb/data``).

        Raises :class:`spinekb.ContentError` naming the file, entry and field of every problem;
        nothing is loaded when any is found.
        """
        content = read_folder(as_traversable(folder))
        return cls(content.records, content.manifest)

    @property
    def collections(self) -> tuple[Collection[Entry], ...]:
        """Every collection, in loading order (sources first)."""
        return tuple(getattr(self, stem.replace("-", "_")) for stem, _ in KINDS)

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(c)} {c.kind}" for c in self.collections)
        return f"<KnowledgeBase: {counts}>"

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

    def find(self, text: str) -> tuple[Entry, ...]:
        """Every entry, of any kind, whose id, name or alias matches ``text`` (case, spacing and
        punctuation ignored), in loading order of kinds. Empty when nothing matches."""
        return tuple(found for c in self.collections if (found := c.find(text)) is not None)

    def suggest(self, text: str, limit: int = 3) -> tuple[str, ...]:
        """Ids of entries of any kind whose names are close to ``text``."""
        if not isinstance(text, str):
            raise TypeError(f"expected a string, got {type(text).__name__}")
        ranked = sorted((rank, ident) for c in self.collections for rank, ident in enumerate(c.suggest(text, limit)))
        return tuple(dict.fromkeys(ident for _, ident in ranked))[:limit]

    def search(self, text: str, limit: int | None = 10) -> tuple[Entry, ...]:
        """Entries of every kind ranked by how well ``text`` matches them (see
        :meth:`Collection.search`); ties are broken by id."""
        scored = [hit for c in self.collections for hit in c.scored(text, limit)]
        scored.sort(key=lambda hit: (-hit[0][0], -hit[0][1], hit[1].id))
        return tuple(entry for _, entry in scored[:limit])

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

    def muscles_in(self, target: MuscleGroup | Region | str) -> tuple[Muscle, ...]:
        """The muscles of a muscle group or a region, in id order."""
        if isinstance(target, str):
            found = self.muscle_groups.get(target) or self.regions.get(target)
            if found is None:
                found = self.muscle_groups.find(target) or self.regions.find(target)
            if found is None:
                suggestions = self.muscle_groups.suggest(target) + self.regions.suggest(target)
                raise UnknownEntryError("muscle group or region", target, suggestions[:3])
            target = found
        if isinstance(target, MuscleGroup):
            return self._muscles_by_group.get(resolve(self.muscle_groups, target, "target").id, ())
        if isinstance(target, Region):
            return self._muscles_by_region.get(resolve(self.regions, target, "target").id, ())
        raise TypeError(f"target= expects a muscle group or a region, got {type(target).__name__}")

    def exercises_for(
        self,
        muscle_group: MuscleGroup | str | None = None,
        *,
        muscle: Muscle | str | None = None,
        region: Region | str | None = None,
        chain: int = 0,
    ) -> tuple[ExerciseMatch, ...]:
        """Exercises that train a muscle group, a muscle or a region (give exactly one).

        With ``chain=N`` the answer also holds exercises for the muscles of regions up to ``N``
        links away along the kinetic chain. Each exercise appears once, with the muscle it
        matched through and its chain distance; results come nearest first, exercises that
        mainly work the muscle before those that also work it, then by id. Cost grows with the
        size of the answer, not of the knowledge base.

        Raises :class:`TypeError` unless exactly one target is given or when ``chain`` is not a
        whole number, :class:`ValueError` for a negative ``chain``, and
        :class:`UnknownEntryError` (with close matches) for an unknown target.
        """
        given = [
            name
            for name, value in (("muscle_group", muscle_group), ("muscle", muscle), ("region", region))
            if value is not None
        ]
        if len(given) != 1:
            raise TypeError(f"exercises_for() takes exactly one of muscle_group=, muscle= or region=; got {len(given)}")
        chain = check_distance(chain, "chain")

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
        return tuple(
            ExerciseMatch(
                exercise=exercise,
                muscle=matched,
                region=self.regions[matched.region],
                distance=distance,
                primary=not secondary,
            )
            for distance, secondary, _, exercise, matched in ordered
        )

    def treatments_for(self, condition: Condition | str) -> tuple[Treatment, ...]:
        """Treatments related to a condition: those it lists (most relevant first), then any
        whose evidence is about it, by id."""
        found = resolve(self.conditions, condition, "condition")
        listed = [self.treatments[ident] for ident in found.treatments]
        extra = [
            t
            for t in self.treatments
            if t.id not in found.treatments and any(found.id in e.conditions for e in t.evidence)
        ]
        return tuple(listed + extra)

    def red_flags_for(self, condition: Condition | str) -> tuple[RedFlag, ...]:
        """The red flags that point to a condition, most urgent first, then by id."""
        found = resolve(self.conditions, condition, "condition")
        flags = (self.red_flags[ident] for ident in found.red_flags)
        return tuple(sorted(flags, key=lambda flag: (-flag.urgency.rank, flag.id)))

    def conditions_for(self, red_flag: RedFlag | str) -> tuple[Condition, ...]:
        """The conditions a red flag points to, most urgent first, then by id."""
        found = resolve(self.red_flags, red_flag, "red_flag")
        conditions = (self.conditions[ident] for ident in found.conditions)
        return tuple(sorted(conditions, key=lambda condition: (-condition.urgency.rank, condition.id)))

    def sources_of(self, entry: Entry) -> tuple[Source, ...]:
        """Every source an entry cites anywhere in it, in id order."""
        from spinekb._render import cited_ids

        return tuple(self.sources[ident] for ident in sorted(cited_ids(entry)) if ident in self.sources)

    def describe(self, entry: Entry | str) -> str:
        """A plain-text description of an entry for people, with referenced ids shown by name."""
        from spinekb._render import render_text

        if isinstance(entry, str):
            entry = self[entry]
        if not isinstance(entry, Entry):
            raise TypeError(f"expected an entry or its id, got {type(entry).__name__}")

        def name(ident: str) -> str:
            found = self._all.get(ident)
            return found.name if found is not None else ident

        return render_text(entry, name=name, sources=self.sources_of(entry))


E = TypeVar("E", bound=models.Entry)


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
