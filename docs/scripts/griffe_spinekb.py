"""A Griffe extension for the API reference: reads spinekb's docstrings the way they are written.

mkdocstrings reads Google-style docstrings, and spinekb's are, except for two Sphinx habits that
it would otherwise show as raw text:

* Cross-references written as roles (``:class:`Screening```, ``:meth:`~Collection.search```).
  Each becomes a link to the object's entry in the API reference when the name resolves inside
  spinekb, and plain code otherwise (``:class:`TypeError```). Links are optional references, so
  an object the site does not document shows as code instead of failing the build.
* Attribute documentation in ``#:`` comments above an assignment (``DATA_VERSION``,
  ``KnowledgeBase.data_version``), which becomes the attribute's docstring.

mkdocs.yml loads it by path (``extensions: [docs/scripts/griffe_spinekb.py]``); it needs only
Griffe, which mkdocstrings-python installs. It changes what the site shows, never the code.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any

import griffe

PACKAGE = "spinekb"

ROLE = re.compile(r":(?:py:)?(?P<role>class|meth|func|attr|data|const|mod|obj|exc):`(?P<tilde>~?)(?P<target>[^`]+)`")


class SpinekbDocstrings(griffe.Extension):
    """Turns ``#:`` comments into docstrings and Sphinx roles into cross-references."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        if pkg.name != PACKAGE:
            return
        _declared_once(pkg)
        public = _public_paths(pkg)
        for obj in _walk(pkg):
            if obj.is_attribute and obj.docstring is None:
                _docstring_from_comments(obj)
            if obj.docstring is not None:
                link = functools.partial(_reference, scope=obj, pkg=pkg, public=public)
                obj.docstring.value = ROLE.sub(link, obj.docstring.value)

    # Griffe 1 calls this event on_package_loaded; Griffe 2 calls it on_package. Running twice is harmless.
    on_package_loaded = on_package


def _declared_once(pkg: griffe.Module) -> None:
    """Show the methods and functions that spinekb declares once, where the reader looks for them.

    ``KnowledgeBase.screen`` and ``KnowledgeBase.plan`` are assigned from the feature modules
    that declare them (``_Feature("spinekb._screening")``), and the module-level queries of
    ``spinekb._bundled`` are made from the methods (``_on_bundled(KnowledgeBase.screen)``). Static
    analysis sees attributes; this puts the functions they stand for in their place: the same
    parameters (without the knowledge base), the same return type, and the implementation's
    docstring or "the method on the bundled knowledge base".
    """
    knowledge = pkg.members["_knowledge"].members["KnowledgeBase"]
    for name, member in list(knowledge.members.items()):
        value = "" if member.is_alias else str(getattr(member, "value", "") or "")
        if value.startswith("_Feature(") and member.is_attribute:  # at run time
            module = value.split("(", 1)[1].strip("'\")").split(".", 1)[1]
        elif value == f"_{name}s.{name}" or value == f"_{name}ing.{name}":  # for type checkers
            module = value.split(".", 1)[0]
        elif value == f"_reader.{name}":  # from spinekb._reading import reader as _reader
            module = "_reading.reader"
        else:
            continue
        found: Any = pkg
        for part in module.split("."):
            found = found.members[part]
        knowledge.set_member(name, _copy(found.members[name], skip_first=True))
    bundled = pkg.members["_bundled"]
    for name, member in list(bundled.members.items()):
        value = "" if member.is_alias else str(getattr(member, "value", "") or "")
        if value.startswith("_on_bundled(") and member.is_attribute:
            method = knowledge.all_members[name]
            method = method.final_target if method.is_alias else method  # type: ignore[attr-defined]
            doc = f":meth:`KnowledgeBase.{name}` on the bundled knowledge base."
            bundled.set_member(name, _copy(method, skip_first=True, docstring=doc))  # type: ignore[arg-type]


def _copy(function: griffe.Function, *, skip_first: bool, docstring: str | None = None) -> griffe.Function:
    parameters = list(function.parameters)[1:] if skip_first else list(function.parameters)
    copy = griffe.Function(
        function.name,
        lineno=function.lineno,
        endlineno=function.endlineno,
        parameters=griffe.Parameters(*parameters),
        returns=function.returns,
    )
    text = docstring if docstring is not None else (function.docstring.value if function.docstring else None)
    if text is not None:
        copy.docstring = griffe.Docstring(text, parent=copy)
    return copy


def _walk(obj: griffe.Object) -> list[griffe.Object]:
    """The object and everything defined in it (not what it imports), depth first."""
    found = [obj]
    for member in obj.members.values():
        if not member.is_alias:
            found.extend(_walk(member))  # type: ignore[arg-type]
    return found


def _public_paths(pkg: griffe.Module) -> dict[str, str]:
    """Each object the package exports (its ``__all__``), from its defining path to ``spinekb.NAME``."""
    exported = pkg.exports or ()
    public: dict[str, str] = {}
    for name in exported:
        name = name if isinstance(name, str) else name.name
        member = pkg.members.get(name)
        if member is None or not member.is_alias:
            continue
        try:
            public[member.final_target.path] = f"{pkg.path}.{name}"
        except (griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
    return public


def _docstring_from_comments(attribute: griffe.Object) -> None:
    """Give an attribute the text of the ``#:`` comment lines right above it, if there are any."""
    lines = attribute.module.lines
    if not lines or attribute.lineno is None:
        return
    comment: list[str] = []
    index = attribute.lineno - 2  # the line above, counting from 0
    while index >= 0 and lines[index].strip().startswith("#:"):
        comment.insert(0, lines[index].strip()[2:].strip())
        index -= 1
    if comment:
        attribute.docstring = griffe.Docstring(" ".join(comment), parent=attribute)


def _reference(match: re.Match[str], *, scope: griffe.Object, pkg: griffe.Module, public: dict[str, str]) -> str:
    target = match["target"].strip()
    title = target.rsplit(".", 1)[-1] if match["tilde"] else target
    found = _resolve(target, scope, pkg)
    if found is None:
        return f"`{title}`"
    # An attribute documented only in its class's "Attributes:" section has no entry of its own.
    if found.is_attribute and found.docstring is None and found.parent is not None and found.parent.is_class:
        found = found.parent
    identifier = _publicize(found.path, public)
    return f'<autoref optional identifier="{html.escape(identifier)}"><code>{html.escape(title)}</code></autoref>'


def _resolve(target: str, scope: griffe.Object, pkg: griffe.Module) -> griffe.Object | None:
    """The object a role names, looked up as Python would from ``scope``, or None."""
    first, _, rest = target.partition(".")
    if first == pkg.name:
        start: griffe.Object | None = pkg
        parts = rest.split(".") if rest else []
    else:
        try:
            path = scope.resolve(first)
        except griffe.NameResolutionError:
            return None
        start = _lookup(pkg, path)
        parts = rest.split(".") if rest else []
    obj = start
    for part in parts:
        if obj is None:
            return None
        obj = _member(obj, part)
    return obj


def _lookup(pkg: griffe.Module, path: str) -> griffe.Object | None:
    """The object at a dotted path inside the package, or None when it is outside it."""
    head, _, rest = path.partition(".")
    if head != pkg.name:
        return None
    obj: griffe.Object | None = pkg
    for part in rest.split(".") if rest else []:
        if obj is None:
            return None
        obj = _member(obj, part)
    return obj


def _member(obj: griffe.Object, name: str) -> griffe.Object | None:
    """A member of an object, following imports to what they name."""
    try:
        target = obj.final_target if obj.is_alias else obj  # type: ignore[attr-defined]
        member = target.members.get(name)
        if member is None:
            return None
        return member.final_target if member.is_alias else member  # type: ignore[no-any-return]
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None


def _publicize(path: str, public: dict[str, str]) -> str:
    """The path under which the API reference documents an object: ``spinekb.NAME`` when exported."""
    prefix = path
    while prefix:
        if prefix in public:
            return public[prefix] + path[len(prefix) :]
        prefix = prefix.rpartition(".")[0]
    return path
