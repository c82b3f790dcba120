"""The bundled knowledge base, loaded once on first use, and the module-level queries bound to it."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from spinekb._content.packs import installed_packs
from spinekb._knowledge import KnowledgeBase, freeze_after_load
from spinekb._version import CHECKED_CONTENT
from spinekb.models import Entry

if TYPE_CHECKING:
    from importlib_resources.abc import Traversable

    from spinekb._content.read import Content

__all__ = [
    "conditions_for",
    "describe",
    "exercises_for",
    "find",
    "findings_in",
    "get",
    "installed_packs",
    "load",
    "plan",
    "read_bundled",
    "red_flags_for",
    "ruled_out",
    "screen",
    "screen_text",
    "search",
    "treatments_for",
    "walk_exercises_for",
]

_lock = threading.Lock()
_bundled: KnowledgeBase | None = None


def load(*packs: str | os.PathLike[str] | Traversable, bundled: bool = True, freeze: bool = False) -> KnowledgeBase:
    """The knowledge base shipped with spinekb, with any content packs added.

    Without packs it is the same object on every call. The first call reads the content (a few
    milliseconds) and is safe to make from several threads at once: the content is read exactly
    once. Importing spinekb reads nothing. Every entry is structured strictly; the checks that
    need the whole knowledge base were run when the content was built, and run again unless the
    installed files match, byte for byte, the fingerprint recorded then. When they match, each
    kind's file is parsed and structured on the first use of that kind (once, under a lock,
    whichever thread comes first), so a first query pays only for the kinds it reads; otherwise
    everything is structured and checked here.

    Each pack is a content folder or content document in the same format as the bundled content
    (a path or a ``Traversable``), or the name of an installed pack: an entry point in the
    ``spinekb.packs`` group whose object is a folder, or a function returning one. A
    ``pathlib.Path`` is always a path; a string is a path when it holds a path separator, starts
    with ``.`` or ends with ``.json`` (``"./clinic"``, ``"packs/clinic"``), and otherwise a pack
    name only, so a folder in the working directory never stands in for an installed pack. Packs are
    merged in order after the bundled content: a pack can add entries, and replace an earlier
    entry only when its ``manifest.json`` lists the id under ``overrides``. Collisions, dangling
    references and invalid entries fail the whole load with one :class:`ContentError` naming the
    pack, file, entry and field of every problem. With packs, every call loads afresh.
    ``bundled=False`` loads the packs alone, without the bundled content (at least one pack is
    then needed), as ``spinekb validate --alone`` does.

    ``freeze=True`` calls :func:`gc.freeze` after the load, so that the garbage collector never
    walks the loaded records again (at 100,000 entries a full collection would otherwise take
    about half a second, paid by whichever query triggers it). ``gc.freeze`` is process-wide: it
    also exempts every other object alive at that moment, the host application's included, so
    cyclic garbage among them is not reclaimed until :func:`gc.unfreeze`. spinekb therefore never
    freezes unasked; a service that loads its content once at start-up is the case for it. The
    indexes queries build later, on first need, are not frozen: a service can warm up and call
    ``gc.freeze()`` again (see the embedding how-to and ``docs/performance.md``).

    Raises :class:`UnknownPackError` (with close matches) for a path that does not exist or a
    name that no installed pack has, and :class:`ValueError` for an empty string.
    """
    if not isinstance(bundled, bool):
        raise TypeError(f"bundled must be True or False, got {type(bundled).__name__}")
    if not isinstance(freeze, bool):
        raise TypeError(f"freeze must be True or False, got {type(freeze).__name__}")
    if packs or not bundled:
        from spinekb._content.packs import Pack, bundled_folder, find_pack
        from spinekb._content.read import read_packs

        if not packs:
            raise ValueError("load(bundled=False) needs at least one pack to load")
        found = [find_pack(item) for item in packs]
        loaded = _knowledge_base(read_packs([Pack("spinekb", bundled_folder()), *found] if bundled else found))
        return freeze_after_load(loaded, freeze)
    global _bundled
    if _bundled is None:
        with _lock:
            if _bundled is None:
                _bundled = read_bundled()
    return freeze_after_load(_bundled, freeze)


def read_bundled() -> KnowledgeBase:
    """Read the bundled content afresh, as the first :func:`load` does (the benchmarks time it).

    The bundled files are the ones the test suite checked in full (their fingerprint says so), so
    only their structure is checked again, each kind's on its first use; see ``read_packs``.
    """
    from spinekb._content.packs import Pack, bundled_folder
    from spinekb._content.read import read_packs

    return _knowledge_base(read_packs([Pack("spinekb", bundled_folder())], checked=CHECKED_CONTENT))


def _knowledge_base(content: Content) -> KnowledgeBase:
    return KnowledgeBase(content.records, content.manifest, content.packs, names=content.names)


# --- the module-level queries -------------------------------------------------------------------


def get(ident: str) -> Entry | None:
    """The bundled entry of any kind with this id, or ``None``."""
    return load().get(ident)


P = ParamSpec("P")
R = TypeVar("R")


class _Signature:
    """What ``inspect.signature`` of a module-level query unwraps to: the method's signature
    without ``self``, worked out only when asked for, so importing spinekb imports no feature."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __call__(self, *args: object, **kwargs: object) -> None:  # pragma: no cover - never called
        raise TypeError("only a signature")

    @property
    def __signature__(self) -> Any:
        import inspect

        signature = inspect.signature(getattr(KnowledgeBase, self._name))
        return signature.replace(parameters=list(signature.parameters.values())[1:])


def _on_bundled(method: Callable[Concatenate[KnowledgeBase, P], R]) -> Callable[P, R]:
    """The method ``method`` of :class:`KnowledgeBase` as a function on the bundled knowledge base.

    The method is the one declaration of the signature, defaults and documentation."""
    name: str = method.__name__ if hasattr(method, "__name__") else method.name  # type: ignore[attr-defined]

    def query(*args: P.args, **kwargs: P.kwargs) -> R:
        result: R = getattr(load(), name)(*args, **kwargs)
        return result

    query.__name__ = query.__qualname__ = name
    query.__doc__ = f":meth:`KnowledgeBase.{name}` on the bundled knowledge base."
    query.__wrapped__ = _Signature(name)  # type: ignore[attr-defined]
    return query


find = _on_bundled(KnowledgeBase.find)
search = _on_bundled(KnowledgeBase.search)
describe = _on_bundled(KnowledgeBase.describe)
exercises_for = _on_bundled(KnowledgeBase.exercises_for)
walk_exercises_for = _on_bundled(KnowledgeBase.walk_exercises_for)
ruled_out = _on_bundled(KnowledgeBase.ruled_out)
treatments_for = _on_bundled(KnowledgeBase.treatments_for)
red_flags_for = _on_bundled(KnowledgeBase.red_flags_for)
conditions_for = _on_bundled(KnowledgeBase.conditions_for)
if TYPE_CHECKING:
    screen = _on_bundled(KnowledgeBase.screen)
    plan = _on_bundled(KnowledgeBase.plan)
    findings_in = _on_bundled(KnowledgeBase.findings_in)
    screen_text = _on_bundled(KnowledgeBase.screen_text)
else:  # the descriptors, not the functions: naming these imports neither feature (see _Feature)
    screen = _on_bundled(KnowledgeBase.__dict__["screen"])
    plan = _on_bundled(KnowledgeBase.__dict__["plan"])
    findings_in = _on_bundled(KnowledgeBase.__dict__["findings_in"])
    screen_text = _on_bundled(KnowledgeBase.__dict__["screen_text"])
