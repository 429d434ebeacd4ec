"""Data keys named ``$ref``: every AsyncAPI tool reads any ``$ref`` key as a reference.

A property or an example field named ``$ref`` would make the official parser (and the
viewer) try to resolve it and fail, so such properties and examples are left out of the
document, with a warning naming the method. Schemas are copied before they are changed:
they may be the user's own dicts.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, MutableMapping
from typing import Any

from .pointers import last_token, pointer

__all__ = ["drop_ref_properties", "has_ref_key"]

_PREFIX = pointer("components", "schemas") + "/"
_SCALARS = frozenset({str, int, float, bool, type(None)})  # exact types: nothing inside


def drop_ref_properties(
    schema: dict[str, Any], components: MutableMapping[str, Any], checked: set[str]
) -> tuple[dict[str, Any], list[str]]:
    """``schema`` without properties named ``$ref``, and the objects that had one.

    Components ``schema`` refers to are cleaned too (replaced by cleaned copies); their
    names go into ``checked``, so each is walked once however many messages use it.
    """
    found: list[str] = []
    refs, ref_property = _scan(schema)
    if not ref_property and not any(_unchecked(t, components, checked) for t in refs):
        return schema, found  # the usual case, seen in one walk
    for name in _referenced(schema, components, checked):
        if _has_ref_property(components[name]):
            components[name] = copy.deepcopy(components[name])
            found += _drop(components[name], name)
    if _has_ref_property(schema):
        schema = copy.deepcopy(schema)
        found += _drop(schema, "the payload")
    return schema, found


def has_ref_key(value: Any) -> bool:
    """True when a ``$ref`` key appears anywhere in ``value``."""
    return any("$ref" in node for node in _mappings(value))


def _unchecked(target: str, components: Mapping[str, Any], checked: set[str]) -> bool:
    """A component ``target`` points at that no earlier payload has had searched."""
    if not target.startswith(_PREFIX):
        return False
    name = last_token(target)
    return name in components and name not in checked


def _scan(value: Any) -> tuple[list[str], bool]:
    """The string ``$ref``s in ``value``, and whether a ``properties`` holds a ``$ref`` key.

    One walk over what :func:`_mappings` yields, with exact type checks first: this runs on
    every message's payload.
    """
    refs: list[str] = []
    ref_property = False
    stack = [value]
    pop, push = stack.pop, stack.extend
    while stack:
        node = pop()
        kind = type(node)
        if kind in _SCALARS:
            continue
        if kind is dict or (kind is not list and isinstance(node, Mapping)):
            target = node.get("$ref")
            if target is not None and isinstance(target, str):
                refs.append(target)
            props = node.get("properties")
            if props is not None and isinstance(props, Mapping) and "$ref" in props:
                ref_property = True
            push(node.values())
        elif kind is list or isinstance(node, tuple | list):
            push(node)
    return refs, ref_property


def _referenced(schema: Any, components: Mapping[str, Any], checked: set[str]) -> list[str]:
    names: list[str] = []
    stack = [schema]
    while stack:
        node = stack.pop()
        for mapping in _mappings(node):
            target = mapping.get("$ref")
            if isinstance(target, str) and target.startswith(_PREFIX):
                name = last_token(target)
                if name in components and name not in checked:
                    checked.add(name)
                    names.append(name)
                    stack.append(components[name])
    return names


def _has_ref_property(schema: Any) -> bool:
    return any(
        isinstance(node.get("properties"), Mapping) and "$ref" in node["properties"]
        for node in _mappings(schema)
    )


def _drop(schema: Any, label: str) -> list[str]:
    found = []
    for node in _mappings(schema):
        props = node.get("properties")
        if isinstance(props, dict) and "$ref" in props and isinstance(node, dict):
            del props["$ref"]
            if isinstance(node.get("required"), list):
                node["required"] = [r for r in node["required"] if r != "$ref"]
            title = node.get("title")
            found.append(title if isinstance(title, str) else label)
    return found


def _mappings(value: Any) -> Iterator[Mapping[str, Any]]:
    """Every mapping inside ``value``, walked without recursion (payloads nest deeply)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            yield node
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
