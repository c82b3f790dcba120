"""MkDocs hooks for the spinekb site (mkdocs.yml: ``hooks: [docs/scripts/hooks.py]``).

* Pages may hold generated sections, written from the installed spinekb at build time so that
  they cannot go stale: ``<!-- spinekb:kinds -->`` (the kinds of entry, their files and counts),
  ``<!-- spinekb:fields -->`` (every field of every kind, value type and manifest, from the
  record classes in ``spinekb.models`` and their docstrings) and ``<!-- spinekb:vocabularies -->``
  (the values of every vocabulary).
* After the build, every public name of ``spinekb``, ``spinekb.models`` and ``spinekb.errors``
  must have an entry in the API reference; a missing one is a warning, so ``--strict`` fails.
"""

from __future__ import annotations

import enum
import inspect
import logging
import pathlib
import re
import types
import typing
from typing import Any

import attrs
import griffe

import spinekb
from spinekb import errors, models

log = logging.getLogger("mkdocs.hooks.spinekb")

MARKER = re.compile(r"<!-- spinekb:(?P<name>[a-z-]+) -->")
ROLE = re.compile(r":(?:py:)?[a-z]+:`~?(?P<target>[^`]+)`")
NOTHING: Any = attrs.NOTHING


# --- generated sections ---------------------------------------------------------------------------


def on_page_markdown(markdown: str, **kwargs: Any) -> str:
    def generate(match: re.Match[str]) -> str:
        name = match["name"]
        if name not in SECTIONS:
            log.warning("unknown generated section <!-- spinekb:%s -->", name)
            return match[0]
        return SECTIONS[name]()

    return MARKER.sub(generate, markdown)


def _kinds() -> tuple[tuple[str, type[models.Entry]], ...]:
    from spinekb._content.read import KINDS

    return KINDS


def kinds_table() -> str:
    kb = spinekb.load()
    rows = ["| kind | file | record | bundled entries |", "|---|---|---|---:|"]
    for stem, cls in _kinds():
        count = len(getattr(kb, stem.replace("-", "_")))
        rows.append(f"| `{cls.kind}` | `{stem}.json` | [`{cls.__name__}`](#{_anchor(cls)}) | {count} |")
    return "\n".join(rows)


def fields_sections() -> str:
    parts = ["### Kinds of entry", ""]
    for stem, cls in _kinds():
        parts += _class_section(cls, f"{_first_paragraph(cls)} One list of them in `{stem}.json`.")
    parts += ["### Values inside entries", ""]
    for cls in _value_types():
        parts += _class_section(cls, _first_paragraph(cls))
    parts += ["### The manifest", ""]
    for cls in (models.Manifest, models.Retirement):
        parts += _class_section(cls, _first_paragraph(cls))
    return "\n".join(parts)


def vocabularies_section() -> str:
    parts: list[str] = []
    for cls in _vocabularies():
        meanings = _attribute_docs(cls)
        parts += [f"#### {cls.__name__} {{#{_anchor(cls)}}}", "", _first_paragraph(cls), ""]
        if meanings:
            parts += ["| value | meaning |", "|---|---|"]
            parts += [f"| `{member.value}` | {meanings.get(member.name, '')} |" for member in cls]
        else:
            parts.append("Values: " + ", ".join(f"`{member.value}`" for member in cls) + ".")
        parts.append("")
    return "\n".join(parts)


SECTIONS = {"kinds": kinds_table, "fields": fields_sections, "vocabularies": vocabularies_section}


def _class_section(cls: type, intro: str) -> list[str]:
    meanings = _attribute_docs(cls)
    hints = typing.get_type_hints(cls)
    lines = [f"#### {cls.__name__} {{#{_anchor(cls)}}}", "", intro, ""]
    lines += ["| key | value | required | meaning |", "|---|---|---|---|"]
    for field in attrs.fields(cls):
        refers = field.metadata.get(models.REFERS_TO)
        value = _json_type(hints[field.name], refers)
        required = "yes" if field.default is NOTHING else f"no (default `{_json_default(field.default)}`)"
        meaning = meanings.get(field.name, "").replace("|", "\\|")
        lines.append(f"| `{field.name}` | {value} | {required} | {meaning} |")
    lines.append("")
    return lines


def _value_types() -> list[type]:
    """Every record class a kind's fields hold, in order of first appearance."""
    found: dict[type, None] = {}

    def visit(tp: Any) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if attrs.has(tp) and not issubclass(tp, models.Entry) and tp not in found:
            found[tp] = None
            for hint in typing.get_type_hints(tp).values():
                visit(hint)

    for _, cls in _kinds():
        for hint in typing.get_type_hints(cls).values():
            visit(hint)
    return list(found)


def _vocabularies() -> list[type[models.Vocabulary]]:
    return [
        cls
        for _, cls in inspect.getmembers(models, inspect.isclass)
        if issubclass(cls, models.Vocabulary) and cls is not models.Vocabulary and cls.__module__ == models.__name__
    ]


def _json_type(tp: Any, refers: tuple[str, ...] | None = None) -> str:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in args if arg is not type(None)]
        text = " or ".join(_json_type(arg, refers) for arg in options)
        return f"{text} or `null`" if len(options) < len(args) else text
    if origin is tuple:
        return f"list of {_plural(_json_type(args[0], refers))}"
    if tp is str and refers:
        kinds = ", ".join("any kind" if kind == "*" else f"[{kind}](#{kind})" for kind in refers)
        return f"id ({kinds})"
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return f"[{tp.__name__}](#{_anchor(tp)}) value"
    if tp is models.Range:
        return f"[range](#{_anchor(tp)})"
    if isinstance(tp, type) and attrs.has(tp):
        return f"[{tp.__name__}](#{_anchor(tp)}) object"
    names = {str: "string", int: "whole number", float: "number", bool: "`true` or `false`"}
    return names.get(tp, f"`{getattr(tp, '__name__', tp)}`")


def _plural(text: str) -> str:
    for single, plural in (("string", "strings"), ("whole number", "whole numbers"), ("object", "objects")):
        if text.endswith(single):
            return text[: -len(single)] + plural
    if text.startswith("id ("):
        return "ids" + text[2:]
    if text.endswith(" value"):
        return text + "s"
    return text


def _json_default(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value == ():
        return "[]"
    if isinstance(value, models.Range):
        return str(value.min) if value.max == value.min else str(value)
    if attrs.has(type(value)):
        return "{}"
    return str(value)


def _anchor(cls: type) -> str:
    kind = getattr(cls, "kind", None)
    if isinstance(cls, type) and issubclass(cls, models.Entry) and kind and kind != "entry":
        return str(kind)
    return re.sub(r"(?<!^)(?=[A-Z])", "-", cls.__name__).lower()


def _docstring(cls: type) -> griffe.Docstring:
    return griffe.Docstring(inspect.cleandoc(cls.__doc__ or ""))


def _first_paragraph(cls: type) -> str:
    return _plain(inspect.cleandoc(cls.__doc__ or "").split("\n\n", 1)[0].replace("\n", " "))


def _attribute_docs(cls: type) -> dict[str, str]:
    """Field descriptions from the "Attributes:" sections of the class and its bases."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__ != models.__name__:
            continue
        for section in _docstring(klass).parse("google", warnings=False):
            if section.kind is griffe.DocstringSectionKind.attributes:
                for item in section.value:
                    found[item.name] = _plain(" ".join(item.description.split()))
    return found


def _plain(text: str) -> str:
    """Sphinx roles as Markdown code: ``:class:`Source``` becomes `Source`."""
    return ROLE.sub(lambda match: f"`{match['target'].rsplit('.', 1)[-1]}`", text)


# --- every public name documented -------------------------------------------------------------------


def on_post_build(config: Any, **kwargs: Any) -> None:
    site = pathlib.Path(config["site_dir"]) / "reference" / "api"
    ids: set[str] = set()
    for page in site.rglob("*.html"):
        ids.update(re.findall(r'id="([^"]+)"', page.read_text(encoding="utf-8")))
    for module in (spinekb, models, errors):
        for name in module.__all__:
            home = getattr(getattr(module, name), "__module__", None)  # where a class or function is defined
            paths = {f"{module.__name__}.{name}", f"spinekb.{name}", f"{home}.{name}"}
            if not paths & ids:
                log.warning("the API reference has no entry for %s.%s", module.__name__, name)
