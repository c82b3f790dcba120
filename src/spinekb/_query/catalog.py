"""The query core: every collection of a knowledge base and the queries that join them.

:class:`Catalog` holds the collections (sources, regions, ..., topics), the kinetic chain and the
retired ids, and answers the queries that read across kinds: look-ups of any kind, search,
exercises for a muscle group, muscle or region, treatments and red flags of a condition, and the
indexes screening reads. :class:`spinekb.KnowledgeBase` adds loading, screening, plans, exports
and display on top; features are written against the public methods here.
"""

from __future__ import annotations

import datetime
import itertools
import types
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload

from spinekb import models
from spinekb._content.packs import PackInfo
from spinekb._kinds import KINDS, cited_ids, kind_class, kind_names
from spinekb._query.answers import ExerciseMatch, ExerciseMatches, LeftOut, new_match
from spinekb._query.avoid import leave_out, may_leave_out
from spinekb._query.chain import KineticChain, check_distance
from spinekb._query.collection import Collection, Entries, search_words
from spinekb._query.resolve import avoided, resolve, resolve_among
from spinekb._query.search import Hit, HitKey, SearchScore, hit_order, rank_keys, score_of
from spinekb._query.walk import ExerciseWalk, Offer, own_offers
from spinekb._text import normalize
from spinekb.errors import UnknownEntryError
from spinekb.models import (
    Avoided,
    Condition,
    Entry,
    Exercise,
    ExerciseKind,
    Lexicon,
    Membership,
    Movement,
    Muscle,
    MuscleGroup,
    MuscleRole,
    RedFlag,
    Region,
    Source,
    Symptom,
    Topic,
    Treatment,
    Urgency,
    WorkedMuscle,
)

if TYPE_CHECKING:
    from spinekb._content.read import LazyRecords

__all__ = ["Catalog", "Records", "SearchKinds"]

#: The entries of each kind, as the loader gives them.
Records = dict[type[Entry], tuple[Entry, ...]]
#: What ``search(kind=...)`` takes: a kind, as :meth:`Catalog.collection` takes it, or several.
SearchKinds = str | type[Entry] | Iterable[str | type[Entry]]


class Catalog:
    """The collections of a knowledge base and the queries that read across them (see the module).

    Every collection (:attr:`conditions`, :attr:`exercises`, ...) is read-only; records are
    frozen. Query arguments accept a record, an id, or a name or alias.
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
    lexicons: Collection[Lexicon]

    #: The kinds of entry by the names of their files, in loading order ("sources", ...,
    #: "red-flags", "topics"); :meth:`collection` takes these and every other name of a kind.
    kinds: tuple[str, ...] = kind_names()

    def __init__(
        self,
        records: Records | LazyRecords,
        manifest: models.Manifest | None = None,
        packs: tuple[PackInfo, ...] = (),
        *,
        names: Mapping[type[Entry], Mapping[str, Entry]] | None = None,
    ) -> None:
        """Wrap records that have already passed the loader's checks (use :meth:`from_path` or
        :func:`spinekb.load`). ``names`` takes each kind's look-up keys from the loader's name
        checks, so they are not worked out again. Records that the loader structures a kind at a
        time (:class:`~spinekb._content.read.LazyRecords`, for the checked bundled content) make
        collections that structure their kind on first use (see :class:`Collection`)."""
        #: The content's manifest (the first pack's, with every pack's retired ids), or ``None``.
        self.manifest = manifest
        #: The content packs it was loaded from, in order (the bundled content is ``"spinekb"``).
        self.packs = packs
        #: The version of the content (``spinekb.DATA_VERSION`` for the bundled one), if known.
        self.data_version = manifest.data_version if manifest is not None else None
        retired = _final_successors(manifest)
        #: Retired ids and the current ids that replace them (read-only).
        self.retired: Mapping[str, str] = types.MappingProxyType(retired)
        self.sources = Collection(Source, _of(records, Source), retired, _names(names, Source))
        self.regions = Collection(Region, _of(records, Region), retired, _names(names, Region))
        self.muscle_groups = Collection(MuscleGroup, _of(records, MuscleGroup), retired, _names(names, MuscleGroup))
        self.muscles = Collection(Muscle, _of(records, Muscle), retired, _names(names, Muscle))
        self.symptoms = Collection(Symptom, _of(records, Symptom), retired, _names(names, Symptom))
        self.exercises = Collection(Exercise, _of(records, Exercise), retired, _names(names, Exercise))
        self.conditions = Collection(Condition, _of(records, Condition), retired, _names(names, Condition))
        self.treatments = Collection(Treatment, _of(records, Treatment), retired, _names(names, Treatment))
        self.red_flags = Collection(RedFlag, _of(records, RedFlag), retired, _names(names, RedFlag))
        self.topics = Collection(Topic, _of(records, Topic), retired, _names(names, Topic))
        self.lexicons = Collection(Lexicon, _of(records, Lexicon), retired, _names(names, Lexicon))
        self.kinetic_chain = KineticChain(self.regions)
        object.__setattr__(self, "_sealed", True)

    # A knowledge base is shared (spinekb.load() hands every caller the same one), so nobody may
    # change what it holds: its attributes are read-only once it is built. (Cached answers are
    # filed by functools.cached_property straight into the instance dict, not through here.)
    def __setattr__(self, name: str, value: object) -> None:
        if self.__dict__.get("_sealed"):
            raise AttributeError(
                f"a knowledge base is read-only: cannot set {name!r} (it may be shared with every other "
                "caller of spinekb.load()); load another one, or use a pack, to change the content"
            )
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self.__dict__.get("_sealed"):
            raise AttributeError(f"a knowledge base is read-only: cannot delete {name!r}")
        object.__delattr__(self, name)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle the records, the manifest and the packs (to send a knowledge base to another
        process); the copy is built afresh from them, its indexes worked out again on first use."""
        records = {cls: tuple(self.collection(cls)) for _, cls in KINDS}
        return (type(self), (records, self.manifest, self.packs))

    @property
    def collections(self) -> tuple[Collection[Entry], ...]:
        """Every collection, in loading order (sources first)."""
        return tuple(getattr(self, stem.replace("-", "_")) for stem, _ in KINDS)

    def collection(self, kind: type[Entry] | str) -> Collection[Entry]:
        """The collection of one kind: a record class (``Exercise``) or a name: the file stem
        (``"exercises"``, ``"red-flags"``), the attribute (``"red_flags"``) or the kind
        (``"red-flag"``). Raises :class:`ValueError` naming the kinds for an unknown one and
        :class:`TypeError` for a kind that is neither a class nor a string."""
        cls = kind_class(kind)
        stem = next(stem for stem, known in KINDS if known is cls)
        collection: Collection[Entry] = getattr(self, stem.replace("-", "_"))
        return collection

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(c)} {c.kind}" for c in self.collections)
        return f"<{type(self).__name__}: {counts}>"

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

    def search(self, text: str, limit: int | None = 10, *, kind: SearchKinds | None = None) -> Entries[Entry]:
        """Entries of every kind ranked by how well ``text`` matches them (see
        :meth:`Collection.search`); ties are broken by id. ``kind=`` keeps one kind or several,
        named as :meth:`collection` takes them (``"exercises"``, ``"red-flag"``, ``Exercise``);
        an unknown one raises :class:`spinekb.UnknownKindError` naming the close ones.
        :meth:`hits` gives the same answer with each entry's score."""
        return Entries(entry for entry, _ in self._ranked(text, limit, kind))

    def hits(self, text: str, limit: int | None = 10, *, kind: SearchKinds | None = None) -> tuple[Hit[Entry], ...]:
        """:meth:`search` with each entry's score: a :class:`spinekb.Hit` for each match, best
        first. Each kind's search index is built on its first search."""
        return tuple(Hit(entry, score) for entry, score in self._ranked(text, limit, kind))

    def _ranked(self, text: str, limit: int | None, kind: SearchKinds | None) -> list[tuple[Entry, SearchScore]]:
        if kind is None:
            collections = self.collections
        else:
            if isinstance(kind, (str, type)):
                kind = (kind,)
            elif not isinstance(kind, Iterable):
                raise TypeError(f"kind= expects kinds of entry, got {type(kind).__name__}")
            chosen = {self.collection(one).kind for one in kind}
            collections = tuple(c for c in self.collections if c.kind in chosen)
        query = search_words(text, limit)
        if not query:
            return []
        typed = normalize(text)  # the look-up key: an entry it names gets the exact bonus
        if limit is None or len(collections) == 1:
            found = [(c._by_id[ident], score) for c in collections for ident, score in c._rank(query, typed, limit)]
            return found if len(collections) == 1 else sorted(found, key=_merged_order)
        # The kinds by the best score a match could have there, best first: a kind none of whose
        # matches could enter the best `limit` found so far is not ranked (nor any after it when
        # its best is worse; when it is as good, the kind may still have a match with a lower id).
        plans = []
        for place, c in enumerate(collections):
            plan = c._plan(query, typed)
            if plan is not None:
                plans.append((place, c, plan))
        plans.sort(key=lambda plan: (plan[2][0], plan[0]))
        # The best `limit` so far, by sort key (hit_order); the place of the kind breaks no tie
        # (ids are unique) but keeps the collections from being compared. Scores are made only for
        # the hits kept at the end.
        kept: list[tuple[HitKey, int, Collection[Entry]]] = []
        for place, c, (best, postings, exact, read) in plans:
            last = None
            if len(kept) == limit:
                last = kept[-1][0]
                # ``best``: the sort key no match here can come before (a smaller key is a better hit).
                if best[:3] > last[:3]:
                    break
                if best[:3] == last[:3] and best[3] > last[3]:
                    continue
            kept += [(key, place, c) for key in rank_keys(postings, query, exact, limit, read, last)]
            kept.sort()
            del kept[limit:]
        return [(c._by_id[key[3]], score_of(key)) for key, _, c in kept]

    @cached_property
    def _members_of_group(self) -> dict[str, tuple[tuple[Muscle, Membership], ...]]:
        index: dict[str, list[tuple[Muscle, Membership]]] = {}
        for muscle in self.muscles:
            for place in muscle.groups:
                index.setdefault(place.group, []).append((muscle, place.membership))
        return {group: tuple(members) for group, members in index.items()}

    @cached_property
    def _muscles_by_region(self) -> dict[str, tuple[Muscle, ...]]:
        index: dict[str, list[Muscle]] = {}
        for muscle in self.muscles:
            index.setdefault(muscle.region, []).append(muscle)
        return {region: tuple(muscles) for region, muscles in index.items()}

    @cached_property
    def _exercises_by_muscle(self) -> dict[str, tuple[tuple[Exercise, WorkedMuscle], ...]]:
        index: dict[str, list[tuple[Exercise, WorkedMuscle]]] = {}
        for exercise in self.exercises:
            for worked in exercise.muscles:
                index.setdefault(worked.muscle, []).append((exercise, worked))
        return {muscle: tuple(pairs) for muscle, pairs in index.items()}

    @cached_property
    def _member_places(self) -> dict[str, dict[str, list[tuple[int, Muscle, Membership]]]]:
        """Muscle group id to each member muscle's places in it: (order among the members, the
        muscle, its membership)."""
        index: dict[str, dict[str, list[tuple[int, Muscle, Membership]]]] = {}
        for group, members in self._members_of_group.items():
            places = index[group] = {}
            for order, (member, membership) in enumerate(members):
                places.setdefault(member.id, []).append((order, member, membership))
        return index

    def _own_offers(self, target: MuscleGroup | Muscle | Region) -> tuple[tuple[Offer, ...], tuple[Offer, ...]]:
        """Every exercise's most direct match with ``target`` itself (see :func:`own_offers`):
        an index kept for each target, built on its first walk."""
        cache = self._offers_by_target
        key = (type(target).__name__, target.id)
        offers = cache.get(key)
        if offers is None:
            offers = cache[key] = own_offers(self, target)
        return offers

    @cached_property
    def _offers_by_target(self) -> dict[tuple[str, str], tuple[tuple[Offer, ...], tuple[Offer, ...]]]:
        return {}

    def _own_ids(self, target: MuscleGroup | Muscle | Region, supporting: bool) -> frozenset[str]:
        """The ids of the exercises that match ``target`` itself (of tier 0, or of any tier with
        ``supporting``): those a walk for it does not offer along the chain. Kept for each
        target, from :meth:`_own_offers`."""
        cache = self._own_ids_by_target
        key = (type(target).__name__, target.id, supporting)
        found = cache.get(key)
        if found is None:
            first, later = self._own_offers(target)
            chosen = itertools.chain(first, later) if supporting else first
            found = cache[key] = frozenset(offer.exercise.id for offer in chosen)
        return found

    @cached_property
    def _own_ids_by_target(self) -> dict[tuple[str, str, bool], frozenset[str]]:
        return {}

    def _matches_at(self, region: Region, distance: int) -> tuple[ExerciseMatch, ...]:
        """Every exercise of ``region`` (in the order of :attr:`_exercises_by_region`) as a match
        through it at ``distance`` along the chain, through its main muscle: an index kept for
        each region and distance, built on first need. A walk takes from it the exercises that
        do not match its target itself (:meth:`ExerciseWalk._matches_through`); the matches are
        records that never change, so every answer shares them."""
        cache = self._matches_by_place
        key = (region.id, distance)
        found = cache.get(key)
        if found is None:
            main_muscle = self._main_muscle
            exercises = self._exercises_by_region.get(region.id, ())
            found = cache[key] = tuple(new_match(e, *main_muscle(e), None, region, distance) for e in exercises)
        return found

    @cached_property
    def _matches_by_place(self) -> dict[tuple[str, int], tuple[ExerciseMatch, ...]]:
        return {}

    @cached_property
    def _exercises_by_group(self) -> dict[str, tuple[Exercise, ...]]:
        """Muscle group id to the exercises naming one of its members, each once, in id order."""
        groups = {muscle.id: [place.group for place in muscle.groups] for muscle in self.muscles}
        return _reverse(self.exercises, lambda e: (g for w in e.muscles for g in groups.get(w.muscle, ())))

    @cached_property
    def _exercises_by_region(self) -> dict[str, tuple[Exercise, ...]]:
        index: dict[str, list[Exercise]] = {}
        for exercise in self.exercises:
            for region in exercise.regions:
                index.setdefault(region, []).append(exercise)
        return {region: tuple(exercises) for region, exercises in index.items()}

    @cached_property
    def _exercises_naming(self) -> dict[str, tuple[str, ...]]:
        """Entry id to the exercises whose contraindications or cautions name it, in id order."""
        return {
            ident: tuple(e.id for e in found)
            for ident, found in _reverse(
                self.exercises,
                lambda e: itertools.chain(
                    (i for rule in e.contraindications for i in rule.conditions),
                    (i for rule in e.cautions for i in rule.conditions),
                ),
            ).items()
        }

    @cached_property
    def _exercises_by_movement(self) -> dict[Movement, tuple[str, ...]]:
        """Movement to the exercises that make it, in id order."""
        return {
            movement: tuple(e.id for e in found)
            for movement, found in _reverse(self.exercises, lambda e: e.movements).items()
        }

    @cached_property
    def _flags_by_trigger_symptom(self) -> dict[str, Entries[RedFlag]]:
        index: dict[str, dict[str, RedFlag]] = {}
        for flag in self.red_flags:
            for trigger in flag.triggers:
                for symptom in trigger.symptoms:
                    index.setdefault(symptom, {})[flag.id] = flag
        return {symptom: Entries(flags.values()) for symptom, flags in index.items()}

    @cached_property
    def _flags_with_age_trigger(self) -> Entries[RedFlag]:
        return Entries(
            flag
            for flag in self.red_flags
            if any(t.age_over is not None or t.age_under is not None for t in flag.triggers)
        )

    @cached_property
    def _flags_by_urgency(self) -> dict[Urgency, Entries[RedFlag]]:
        return {urgency: Entries(f for f in self.red_flags if f.urgency is urgency) for urgency in Urgency}

    @cached_property
    def _symptoms_by_urgency(self) -> dict[Urgency, Entries[Symptom]]:
        return {
            urgency: Entries(s for s in self.symptoms if s.seek_care is not None and s.seek_care.urgency is urgency)
            for urgency in Urgency
        }

    # --- reverse indexes, each built on its first use (never at load) -----------------------------
    # A knowledge base never changes once built (see __setattr__), so nothing invalidates them: a
    # pack or another load is another knowledge base, with indexes of its own.

    @cached_property
    def _treatments_by_evidence(self) -> dict[str, tuple[Treatment, ...]]:
        """Condition id to the treatments whose evidence names it, in id order."""
        return _reverse(self.treatments, lambda t: (ident for e in t.evidence for ident in e.conditions))

    def red_flags_triggered_by(self, symptom: Symptom | str) -> Entries[RedFlag]:
        """The red flags that one of their triggers names ``symptom`` in (a record, an id, or a
        name or alias), in id order: the flags that reporting it can raise on its own or together
        with other findings. Empty when none does."""
        ident = resolve(self.symptoms, symptom, "symptom").id
        return self._flags_by_trigger_symptom.get(ident, _NO_FLAGS)

    def red_flags_with_age_triggers(self) -> Entries[RedFlag]:
        """The red flags that a trigger raises by age (over or under an age), in id order."""
        return self._flags_with_age_trigger

    def red_flags_at(self, urgency: Urgency | str) -> Entries[RedFlag]:
        """The red flags whose own urgency is ``urgency`` (``"emergency"``, ...), in id order."""
        return self._flags_by_urgency[_urgency(urgency)]

    def symptoms_at(self, urgency: Urgency | str) -> Entries[Symptom]:
        """The symptoms that need care of this urgency whenever they appear (their own
        ``seek_care``; chest pain is ``"emergency"``), in id order."""
        return self._symptoms_by_urgency[_urgency(urgency)]

    def muscles_in(
        self, target: MuscleGroup | Region | str, *, membership: Membership | str | None = None
    ) -> Entries[Muscle]:
        """The muscles of a muscle group or a region, in id order.

        For a muscle group, ``membership="prime"`` keeps its prime movers only and
        ``"accessory"`` its accessory members; by default both. Raises :class:`ValueError`
        when ``membership`` is given for a region.
        """
        found = cast(
            "MuscleGroup | Region",
            resolve_among((self.muscle_groups, self.regions), target, "target", "a muscle group or a region"),
        )
        wanted = None if membership is None else Membership.parse(membership, "membership")
        if isinstance(found, Region):
            if wanted is not None:
                raise ValueError(f"membership= applies to muscle groups, and {found.name} is a region")
            return Entries(self._muscles_by_region.get(found.id, ()))
        members = self._members_of_group.get(found.id, ())
        return Entries(muscle for muscle, place in members if wanted is None or place is wanted)

    def exercises_for(
        self,
        muscle_group: MuscleGroup | str | None = None,
        *,
        muscle: Muscle | str | None = None,
        region: Region | str | None = None,
        chain: int = 0,
        avoid: Iterable[Avoided | str] | Avoided | str = (),
        kind: Iterable[ExerciseKind | str] | ExerciseKind | str | None = None,
        supporting: bool = False,
    ) -> ExerciseMatches:
        """Exercises for a muscle group, a muscle or a region (give exactly one), each with why it matched.

        For a **muscle group**, the answer holds by default the exercises in which a prime
        member of the group is the target (trained through the group's own movement, such as
        hip abduction for the hip abductors) or is stretched. With ``supporting=True`` it also
        holds, ranked after them, the exercises in which only an accessory member is trained or
        stretched, and those in which a member only helps (a synergist) or steadies (a
        stabiliser). For a **muscle**, the exercises that train or stretch it, and with
        ``supporting=True`` those in which it helps or steadies. For a **region**, the exercises
        for that region (each exercise names its own regions).

        With ``chain=N`` the answer also holds the exercises for the regions up to ``N`` links
        away along the kinetic chain. ``kind=`` keeps exercises of one kind or several
        (``"strengthening"``, ``"stretch"``, ``"mobility"``, ``"stability"``). Each exercise
        appears once, through its best match: nearest first, then trained or stretched prime
        members, accessory members, and helping or steadying muscles, then by id. Each
        :class:`ExerciseMatch` says why it matched (:attr:`ExerciseMatch.why`).

        ``avoid=`` takes conditions or red flags (records, ids, names or aliases; one or
        several). It leaves out exactly what each rules out (see :meth:`why_avoid`), keeps the
        rest, and the answer's :attr:`~ExerciseMatches.left_out` says which and why.

        Raises :class:`TypeError` unless exactly one target is given or when ``chain`` is not a
        whole number, :class:`ValueError` for a negative ``chain`` or an unknown ``kind``, and
        :class:`UnknownEntryError` (with close matches) for an unknown target or ``avoid`` entry.
        """
        return self.walk_exercises_for(
            muscle_group, muscle=muscle, region=region, chain=chain, avoid=avoid, kind=kind, supporting=supporting
        ).matches()

    def walk_exercises_for(
        self,
        muscle_group: MuscleGroup | str | None = None,
        *,
        muscle: Muscle | str | None = None,
        region: Region | str | None = None,
        chain: int = 0,
        avoid: Iterable[Avoided | str] | Avoided | str = (),
        kind: Iterable[ExerciseKind | str] | ExerciseKind | str | None = None,
        supporting: bool = False,
    ) -> ExerciseWalk:
        """:meth:`exercises_for`, walked lazily: the same matches in the same order, each worked
        out only when the walk reaches it (see :class:`ExerciseWalk`).

        A caller that needs the first few matches, or the first of each region along the chain
        (its :attr:`~ExerciseWalk.parts`), pays for those alone: with a large content pack a
        muscle group can have tens of thousands of matches. What ``avoid=`` leaves out,
        :attr:`ExerciseWalk.left_out`, is complete at once. Takes the arguments of
        :meth:`exercises_for` and raises the same errors, at the call.
        """
        given = [
            name
            for name, value in (("muscle_group", muscle_group), ("muscle", muscle), ("region", region))
            if value is not None
        ]
        if len(given) != 1:
            raise TypeError(f"exercises_for() takes exactly one of muscle_group=, muscle= or region=; got {len(given)}")
        chain = check_distance(chain, "chain")
        if not isinstance(supporting, bool):
            raise TypeError(f"supporting= must be True or False, got {type(supporting).__name__}")
        kinds = _kinds(kind)
        avoided = self._avoided(avoid)
        asked: MuscleGroup | Muscle | Region
        if muscle_group is not None:
            asked = resolve(self.muscle_groups, muscle_group, "muscle_group")
            members = self._members_of_group.get(asked.id, ())
            prime = {m.region for m, place in members if place is Membership.PRIME}
            origins = tuple(sorted(prime or {m.region for m, _ in members}))
        elif muscle is not None:
            asked = resolve(self.muscles, muscle, "muscle")
            origins = (asked.region,)
        else:
            asked = resolve(self.regions, region, "region")
            origins = (asked.id,)
        return ExerciseWalk(self, asked, origins, chain, kinds, supporting, avoided)

    def why_avoid(
        self,
        exercise: Exercise | str,
        avoid: Iterable[Avoided | str] | Avoided | str,
    ) -> LeftOut | None:
        """Why ``exercise`` is left out for the conditions or red flags in ``avoid``, or ``None``
        when it may be kept: the rule every ``avoid=`` applies.

        An exercise is left out for an avoided entry whose urgency is urgent or an emergency
        (care comes first), for one that its contraindications or cautions name, and for a
        condition whose restricted movements include one of its movements (extension work in
        spinal stenosis). A red flag also applies the rules of the conditions it points to and of
        those that list it among their red flags. Entries are taken one by one: pass a screening
        to :meth:`plan` for the combinations it weighs.
        Raises :class:`UnknownEntryError` (with close matches) for an unknown exercise or
        ``avoid`` entry.
        """
        return self._leave_out(resolve(self.exercises, exercise, "exercise"), self._avoided(avoid))

    def ruled_out(self, avoid: Iterable[Avoided | str] | Avoided | str) -> Entries[Exercise]:
        """Every exercise that ``avoid=`` leaves out for the conditions, red flags or symptoms in
        ``avoid`` (records, ids, names or aliases; one or several), in id order: the exercises
        :meth:`why_avoid` gives a reason for. An urgent or emergency entry rules out every
        exercise (care comes first). Found from indexes, without asking every exercise. Raises
        :class:`UnknownEntryError` (with close matches) for an unknown entry."""
        chosen = self._avoided(avoid)
        ruled = may_leave_out(chosen, self._exercises_naming, self._exercises_by_movement, self.conditions.get)
        if ruled is None:
            return Entries(self.exercises)
        found = (self.exercises[ident] for ident in sorted(ruled))
        return Entries(e for e in found if self._leave_out(e, chosen) is not None)

    def _leave_out(self, exercise: Exercise, avoided: tuple[Avoided, ...]) -> LeftOut | None:
        return leave_out(exercise, avoided, self.conditions.get) if avoided else None

    def _main_muscle(self, exercise: Exercise) -> tuple[Muscle | None, MuscleRole | None]:
        """The exercise's first target or stretched muscle (or else its first muscle), with its role:
        worked out on first need for each exercise and kept (at most one entry an exercise)."""
        kept = self._main_muscles
        found = kept.get(exercise.id)
        if found is None or found[0] is not exercise:
            worked = exercise.main_muscle() or (exercise.muscles[0] if exercise.muscles else None)
            main = (None, None) if worked is None else (self.muscles.get(worked.muscle), worked.role)
            found = (exercise, main)
            if self.exercises.get(exercise.id) is exercise:  # only the knowledge base's own exercises
                kept[exercise.id] = found
        return found[1]

    @cached_property
    def _main_muscles(self) -> dict[str, tuple[Exercise, tuple[Muscle | None, MuscleRole | None]]]:
        """Exercise id to the exercise and its main muscle (see :meth:`_main_muscle`)."""
        return {}

    def _avoided(self, avoid: object) -> tuple[Avoided, ...]:
        return avoided(self.conditions, self.red_flags, avoid, self.symptoms)

    def treatments_for(self, condition: Condition | str) -> Entries[Treatment]:
        """Treatments related to a condition: those it lists (most relevant first), then any
        whose evidence is about it, by id."""
        found = resolve(self.conditions, condition, "condition")
        listed = [self.treatments[ident] for ident in found.treatments]
        extra = [t for t in self._treatments_by_evidence.get(found.id, ()) if t.id not in found.treatments]
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

    def due_for_review(self, on: datetime.date | None = None) -> Entries[models.CitedEntry]:
        """The clinical entries (conditions, red flags, symptoms, treatments, exercises, topics
        and lexicons) whose review against their sources is due on or before ``on`` (today when
        not given), or that record no review, soonest due first, then by id."""
        if on is None:
            on = datetime.date.today()
        elif not isinstance(on, datetime.date):
            raise TypeError(f"on= expects a date, got {type(on).__name__}")
        clinical = (
            *(self.conditions, self.red_flags, self.symptoms, self.treatments),
            *(self.exercises, self.topics, self.lexicons),
        )
        due = [entry for kind in clinical for entry in kind if entry.review is None or entry.review.is_due(on)]
        return Entries(sorted(due, key=lambda e: (e.review.due if e.review else datetime.date.min, e.id)))

    def sources_of(self, entry: Entry | str) -> Entries[Source]:
        """Every source an entry (a record or an id) cites anywhere in it, in id order. Raises
        :class:`UnknownEntryError` (with close matches) for an unknown id and :class:`TypeError`
        for anything else."""
        if isinstance(entry, str):
            entry = self[entry]
        elif not isinstance(entry, Entry):
            raise TypeError(f"sources_of() expects an entry or its id, got {type(entry).__name__}")
        return Entries(self.sources[ident] for ident in sorted(cited_ids(entry)) if ident in self.sources)


E = TypeVar("E", bound=models.Entry)
_NO_FLAGS: Entries[RedFlag] = Entries()


K = TypeVar("K")


def _merged_order(hit: tuple[Entry, SearchScore]) -> tuple[int, int, float, str]:
    return hit_order(hit[0].id, hit[1])


def _reverse(entries: Iterable[E], keys: Callable[[E], Iterable[K]]) -> dict[K, tuple[E, ...]]:
    """A reverse index: each key that ``keys`` gives for an entry, to the entries giving it, in
    the order of ``entries`` and each once."""
    index: dict[K, dict[str, E]] = {}
    for entry in entries:
        for key in keys(entry):
            index.setdefault(key, {})[entry.id] = entry
    return {key: tuple(found.values()) for key, found in index.items()}


def _urgency(value: object) -> Urgency:
    return Urgency.parse(value, "urgency")


def _kinds(kind: object) -> frozenset[ExerciseKind] | None:
    if kind is None:
        return None
    if isinstance(kind, (str, ExerciseKind)):
        kind = (kind,)
    elif not isinstance(kind, Iterable):
        raise TypeError(f"kind= expects exercise kinds, got {type(kind).__name__}")
    return frozenset(ExerciseKind.parse(item, "kind") for item in kind)


def _names(names: Mapping[type[Entry], Mapping[str, Entry]] | None, cls: type[E]) -> Mapping[str, E] | None:
    # The loader files each kind's keys under its class, so the cast only restores that fact.
    return None if names is None else cast("Mapping[str, E] | None", names.get(cls))


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


def _of(records: Records | LazyRecords, cls: type[E]) -> tuple[E, ...] | Callable[[], tuple[E, ...]]:
    """The entries of kind ``cls``; for the loader's records of checked content, which structure
    each kind on its first use, what gives them (called on the collection's first use)."""
    # The loader files each record under its own class, so the cast only restores that fact.
    first_use = getattr(records, "on_first_use", None)
    if first_use is None:
        return cast("tuple[E, ...]", records.get(cls, ()))
    return cast("Callable[[], tuple[E, ...]]", first_use(cls))
