"""The exercises for a target, walked lazily: :meth:`Catalog.walk_exercises_for` and the walk it gives.

:meth:`Catalog.exercises_for` is this walk taken to its end. Walking it lazily lets a caller that
needs only the first few matches (a plan takes four for the target and one for each neighbouring
region) pay for those, not for every match: with 100,000 entries a muscle group can have tens of
thousands.

The order is that of ``exercises_for``: the target's own matches first (by how directly each works
the target, then by id), then each distance along the kinetic chain, nearest first, by id. Each
exercise appears once, through its best match. The walk is split into parts, the target's own
and one for each region along the chain, which can be walked on their own. What ``avoid=`` leaves
out is never walked past one by one: :func:`~spinekb._query.avoid.may_leave_out` finds it from
reverse indexes, so :attr:`ExerciseWalk.left_out` is complete before the walk is.
"""

from __future__ import annotations

import heapq
import itertools
import operator
from collections.abc import Container, Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from spinekb._query.answers import ExerciseMatch, ExerciseMatches, LeftOut, new_match
from spinekb._query.avoid import leave_out, may_leave_out
from spinekb.models import (
    Avoided,
    Exercise,
    ExerciseKind,
    Membership,
    Muscle,
    MuscleGroup,
    MuscleRole,
    Region,
    WorkedMuscle,
)

if TYPE_CHECKING:
    from spinekb._query.catalog import Catalog

__all__ = ["ExercisePart", "ExerciseWalk", "Offer", "own_offer", "own_offers"]


class Offer(NamedTuple):
    """How an exercise matches, and where it sorts: by ``(distance, tier, exercise id)``."""

    distance: int
    tier: int
    exercise: Exercise
    muscle: Muscle | None
    role: MuscleRole | None
    membership: Membership | None
    region: str


class ExercisePart:
    """The matches of an :class:`ExerciseWalk` at one place: the target itself (``distance`` 0,
    ``region`` ``None``) or one region along the kinetic chain. Iterating it walks it lazily, in
    the walk's order; it remembers what it has walked, so it can be iterated again at no cost.
    One part is not meant to be walked from several threads at once."""

    __slots__ = ("_seen", "_source", "distance", "region")

    def __init__(self, distance: int, region: Region | None, source: Iterator[ExerciseMatch]) -> None:
        #: Links along the kinetic chain from the target (0 for the target's own matches).
        self.distance = distance
        #: The region along the chain these matches come through; ``None`` for the target's own.
        self.region = region
        self._seen: list[ExerciseMatch] = []
        self._source: Iterator[ExerciseMatch] | None = source

    def __iter__(self) -> Iterator[ExerciseMatch]:
        seen = self._seen
        position = 0
        while True:
            if position < len(seen):
                yield seen[position]
                position += 1
                continue
            source = self._source
            if source is None:
                return
            found = next(source, None)
            if found is None:
                self._source = None
                return
            seen.append(found)

    def _whole(self) -> list[ExerciseMatch]:
        """Every match of the part, in order (walking what is left of it at once); the list the
        part keeps, not to be changed."""
        source = self._source
        if source is not None:
            self._seen.extend(source)
            self._source = None
        return self._seen

    def __repr__(self) -> str:
        where = "the target" if self.region is None else f"{self.region.name}, {self.distance} away"
        return f"<ExercisePart: {where}>"


class ExerciseWalk:
    """The answer of :meth:`KnowledgeBase.walk_exercises_for`: the matches of
    :meth:`~KnowledgeBase.exercises_for`, worked out only as far as they are walked.

    Iterating it gives the matches (:class:`ExerciseMatch`) of ``exercises_for`` with the same
    arguments, in the same order; :meth:`matches` walks it to the end and gives that answer.

    Attributes:
        target: the muscle group, muscle or region asked about.
        avoided: the conditions, red flags and symptoms the caller asked to avoid.
        parts: the target's own matches (:class:`ExercisePart` at distance 0), then one part for
            each region along the kinetic chain, nearest first, each walked lazily on its own.
    """

    def __init__(
        self,
        catalog: Catalog,
        target: MuscleGroup | Muscle | Region,
        origins: tuple[str, ...],
        chain: int,
        kinds: frozenset[ExerciseKind] | None,
        supporting: bool,
        avoided: tuple[Avoided, ...],
    ) -> None:
        """Built by :meth:`Catalog.walk_exercises_for`, which checks the arguments."""
        self.target = target
        self.avoided = avoided
        self._catalog = catalog
        self._kinds = kinds
        self._supporting = supporting
        #: Each region along the chain (not the target's own) to its place in the walk and distance.
        self._along: dict[str, tuple[int, int]] = {}
        if chain:
            reached = catalog.kinetic_chain.distances_from(origins, chain).items()
            for place, (region, distance) in enumerate((r, d) for r, d in reached if d):
                self._along[region] = (place, distance)
        #: The muscles that an exercise names when it may match the target itself.
        self._named: Container[str] = ()
        if isinstance(target, MuscleGroup):
            self._named = catalog._member_places.get(target.id, {})
        elif isinstance(target, Muscle):
            self._named = (target.id,)
        #: Ids of the exercises ``avoid=`` may leave out (``None``: every one; empty: none).
        self._ruled: frozenset[str] | None = frozenset()
        if avoided:
            naming, moving = catalog._exercises_naming, catalog._exercises_by_movement
            self._ruled = may_leave_out(avoided, naming, moving, catalog.conditions.get)
        own = ExercisePart(0, None, self._matches(self._own_offers()))
        regions = catalog.regions
        along = (
            ExercisePart(distance, regions[region], self._matches_through(regions[region], distance))
            for region, (_, distance) in self._along.items()
        )
        self.parts: tuple[ExercisePart, ...] = (own, *along)

    def __iter__(self) -> Iterator[ExerciseMatch]:
        yield from self.parts[0]
        for _, parts in itertools.groupby(self.parts[1:], key=lambda part: part.distance):
            yield from heapq.merge(*parts, key=_exercise_id)

    def matches(self) -> ExerciseMatches:
        """The whole answer, as :meth:`KnowledgeBase.exercises_for` gives it (the walk taken to
        its end; each distance's parts are sorted together rather than merged one by one)."""
        found = list(self.parts[0]._whole())
        for _, parts in itertools.groupby(self.parts[1:], key=lambda part: part.distance):
            found += sorted(itertools.chain.from_iterable(part._whole() for part in parts), key=_exercise_id)
        return ExerciseMatches(found, target=self.target, avoided=self.avoided, left_out=self.left_out)

    @cached_property
    def left_out(self) -> tuple[LeftOut, ...]:
        """Every exercise that would have matched but that ``avoid=`` leaves out, with why, in the
        walk's order: complete at once, without walking the matches (except when an avoided entry
        is urgent or an emergency, which leaves out every match)."""
        ruled = self._ruled
        if ruled is None:
            offers: Iterator[Offer] = self._every_offer()
        else:
            exercises = self._catalog.exercises
            found = (self._offer(exercises[ident]) for ident in ruled)
            offers = iter(sorted((o for o in found if o is not None), key=_order))
        return tuple(reason for reason in (self._leave_out(offer.exercise) for offer in offers) if reason is not None)

    def __repr__(self) -> str:
        return f"<ExerciseWalk for {self.target.name}: {len(self.parts)} parts>"

    # --- the offers: every candidate, with how it matches -------------------------------------

    def _every_offer(self) -> Iterator[Offer]:
        yield from self._own_offers()
        for _, places in itertools.groupby(self._along.items(), key=lambda item: item[1][1]):
            streams = [self._offers_through(region, distance) for region, (_, distance) in places]
            yield from heapq.merge(*streams, key=_order)

    def _own_offers(self) -> Iterator[Offer]:
        """The target's own matches: the most direct (tier 0) by id, then (with ``supporting``)
        the others, tier by tier, by id."""
        kinds = self._kinds
        first, later = self._catalog._own_offers(self.target)
        for offers in (first, later) if self._supporting else (first,):
            if kinds is None:
                yield from offers
            else:
                yield from (offer for offer in offers if offer.exercise.exercise_kind in kinds)

    def _offers_through(self, region: str, distance: int) -> Iterator[Offer]:
        """The candidates that match through ``region`` along the chain, by id (as offers: the
        matches of :meth:`_matches_through`, with nothing left out)."""
        for match in self._matches_through(self._catalog.regions[region], distance, leave_out=False):
            yield self._through(match.exercise, region, distance)

    def _matches_through(self, region: Region, distance: int, leave_out: bool = True) -> Iterator[ExerciseMatch]:
        """The matches through ``region`` along the chain, by id: the exercises there of a kind
        asked for that do not match the target itself and have no region earlier in the walk,
        each through its main muscle; those ``avoid=`` leaves out are skipped (unless
        ``leave_out`` is false). The walk's longest parts: the matches come from the index of
        each region's (:meth:`Catalog._matches_at`), the target's own from another."""
        catalog, kinds, ruled = self._catalog, self._kinds, self._ruled
        own = catalog._own_ids(self.target, self._supporting)
        place = region.id
        for match in catalog._matches_at(region, distance):
            exercise = match.exercise
            if exercise.id in own:
                continue
            if kinds is not None and exercise.exercise_kind not in kinds:
                continue
            if len(exercise.regions) != 1 and self._first_along(exercise) != place:
                continue
            if leave_out and (ruled is None or exercise.id in ruled) and self._leave_out(exercise) is not None:
                continue
            yield match

    def _through(self, exercise: Exercise, region: str, distance: int) -> Offer:
        """The match of ``exercise`` through ``region`` along the chain: its main muscle."""
        return Offer(distance, 0, exercise, *self._catalog._main_muscle(exercise), None, region)

    def _offer(self, exercise: Exercise) -> Offer | None:
        """How ``exercise`` matches, or ``None`` when it does not."""
        if self._kinds is not None and exercise.exercise_kind not in self._kinds:
            return None
        own = self._own(exercise)
        if own is not None:
            return own
        region = self._first_along(exercise)
        if region is None:
            return None
        return self._through(exercise, region, self._along[region][1])

    def _own(self, exercise: Exercise) -> Offer | None:
        """How ``exercise`` (of a kind asked for) matches the target itself in this walk, or
        ``None`` (a quick test first: whether it names the target at all)."""
        target = self.target
        if not isinstance(target, Region):
            named = self._named
            for worked in exercise.muscles:
                if worked.muscle in named:
                    break
            else:
                return None
        own = own_offer(self._catalog, target, exercise)
        return own if own is not None and (own.tier == 0 or self._supporting) else None

    def _first_along(self, exercise: Exercise) -> str | None:
        """The first of the exercise's regions in the walk along the chain, or ``None``."""
        along = self._along
        places = [(along[region][0], region) for region in exercise.regions if region in along]
        return min(places)[1] if places else None

    # --- from offers to matches -----------------------------------------------------------------

    def _matches(self, offers: Iterator[Offer]) -> Iterator[ExerciseMatch]:
        regions, ruled = self._catalog.regions, self._ruled
        region: Region | None = None
        for offer in offers:
            if region is None or region.id != offer.region:
                region = regions[offer.region]
            exercise = offer.exercise
            if (ruled is None or exercise.id in ruled) and self._leave_out(exercise) is not None:
                continue
            yield new_match(exercise, offer.muscle, offer.role, offer.membership, region, offer.distance)

    def _leave_out(self, exercise: Exercise) -> LeftOut | None:
        return leave_out(exercise, self.avoided, self._catalog.conditions.get) if self.avoided else None


def own_offers(catalog: Catalog, target: MuscleGroup | Muscle | Region) -> tuple[tuple[Offer, ...], tuple[Offer, ...]]:
    """Every exercise's most direct match with ``target`` itself: those of tier 0 by id, and the
    others by tier, then id (the index :meth:`Catalog._own_offers` keeps for each target)."""
    if isinstance(target, Region):
        candidates: Iterable[Exercise] = catalog._exercises_by_region.get(target.id, ())
    elif isinstance(target, MuscleGroup):
        candidates = catalog._exercises_by_group.get(target.id, ())
    else:
        candidates = dict.fromkeys(exercise for exercise, _ in catalog._exercises_by_muscle.get(target.id, ()))
    offers = (own_offer(catalog, target, exercise) for exercise in candidates)
    found = [offer for offer in offers if offer is not None]
    first = tuple(offer for offer in found if offer.tier == 0)
    later = tuple(sorted((offer for offer in found if offer.tier), key=_order))
    return first, later


def own_offer(catalog: Catalog, target: MuscleGroup | Muscle | Region, exercise: Exercise) -> Offer | None:
    """How ``exercise`` matches ``target`` itself at its most direct (lowest tier, counting the
    supporting ones), the first such in the order of the group's members and then of the
    exercise's muscles; ``None`` when it does not."""
    if isinstance(target, Region):
        if target.id not in exercise.regions:
            return None
        return Offer(0, 0, exercise, *catalog._main_muscle(exercise), None, target.id)
    best_tier, best_order = 4, 0
    found: tuple[Muscle, WorkedMuscle, Membership | None] | None = None
    if isinstance(target, Muscle):
        for worked in exercise.muscles:
            if worked.muscle == target.id:
                tier = 0 if worked.role.main else 2
                if tier < best_tier:
                    best_tier, found = tier, (target, worked, None)
    else:
        members = catalog._member_places.get(target.id, {})
        for worked in exercise.muscles:  # in order: on a tie the earlier muscle stays
            for order, member, membership in members.get(worked.muscle, ()):
                group_tier = _tier(worked, membership, target, exercise)
                if group_tier is None:
                    continue
                if group_tier < best_tier or (group_tier == best_tier and order < best_order):
                    best_tier, best_order, found = group_tier, order, (member, worked, membership)
    if found is None:
        return None
    muscle, worked, place = found
    return Offer(0, best_tier, exercise, muscle, worked.role, place, _region_of(exercise, muscle.region))


#: A match's exercise id, the order within each distance along the chain.
_exercise_id = operator.attrgetter("exercise.id")


def _order(offer: Offer) -> tuple[int, int, str]:
    return offer.distance, offer.tier, offer.exercise.id


def _tier(worked: WorkedMuscle, membership: Membership, group: MuscleGroup, exercise: Exercise) -> int | None:
    """How directly ``exercise`` works a member of ``group``: 0 when it trains a prime member
    through the group's movement or stretches one, 1 for an accessory member so, 2 when a prime
    member only helps or steadies (or is trained another way), 3 otherwise; ``None`` when the
    exercise limits the muscle's role to other groups."""
    if worked.groups and group.id not in worked.groups:
        return None
    trains = worked.role is MuscleRole.STRETCHED or (
        worked.role is MuscleRole.TARGET and (group.movement is None or group.movement in exercise.movements)
    )
    prime = membership is Membership.PRIME
    if trains:
        return 0 if prime else 1
    return 2 if prime else 3


def _region_of(exercise: Exercise, preferred: str) -> str:
    """``preferred`` when it is one of the exercise's regions, else the exercise's main region."""
    return preferred if preferred in exercise.regions else exercise.regions[0]
