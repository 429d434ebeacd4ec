"""What a payload schema requires of a frame, for frames that carry no discriminator.

Without a discriminator, frames are told apart by their shape: the JSON type, the required
fields, the ``const``/``enum`` values of fields. The builder uses these shapes to warn when
two messages of one direction cannot be told apart, and to check that a correlation id
names a field the payload has.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Resolves a local "$ref" target ("#/components/schemas/X") to its schema, or None.
Resolver = Callable[[str], Any]


@dataclass(frozen=True)
class Shape:
    """The parts of a frame schema that can tell one frame from another."""

    kind: str | None  # JSON type of the whole frame; None: any
    required: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()  # every declared top-level field
    values: Mapping[str, frozenset[str]] = field(default_factory=dict)  # field -> const/enum
    own: frozenset[str] | None = None  # const/enum of the frame itself (strings, scalars)
    rest: str = ""  # everything else for arrays (items), compared as canonical JSON


def shape_of(schema: Any, resolve: Resolver) -> Shape:
    """The shape of a message payload (through ``$ref`` and ``allOf``)."""
    parts = _branches(schema, resolve, set())
    kinds = {p.get("type") for p in parts if isinstance(p.get("type"), str)}
    if any("properties" in p or "required" in p for p in parts):
        kinds.add("object")
    kind = kinds.pop() if len(kinds) == 1 else None
    required: set[str] = set()
    fields: set[str] = set()
    values: dict[str, frozenset[str]] = {}
    own: frozenset[str] | None = None
    rest = []
    for part in parts:
        required.update(r for r in part.get("required") or () if isinstance(r, str))
        for name, sub in (part.get("properties") or {}).items():
            fields.add(name)
            allowed = _allowed(_deref(sub, resolve))
            if allowed is not None:
                values[name] = allowed
        own = _allowed(part) if own is None else own
        if "items" in part:
            rest.append(json.dumps(part["items"], sort_keys=True, default=str))
    return Shape(kind, frozenset(required), frozenset(fields), values, own, "|".join(rest))


def indistinguishable(a: Shape, b: Shape) -> bool:
    """True when no frame property tells an ``a`` frame from a ``b`` frame."""
    if a.kind is not None and b.kind is not None and a.kind != b.kind:
        return False
    if a.own is not None and b.own is not None and a.own.isdisjoint(b.own):
        return False
    if a.required != b.required:
        return False
    for name in set(a.values) & set(b.values):
        if a.values[name].isdisjoint(b.values[name]):
            return False
    return a.rest == b.rest


def has_field(schema: Any, path: list[str], resolve: Resolver) -> bool:
    """True when the schema declares the field at ``path`` (or cannot say: free-form)."""
    if not path:
        return True
    parts = _branches(schema, resolve, set())
    options = [
        p
        for branch in parts
        for word in ("anyOf", "oneOf")
        for p in branch.get(word) or ()
        if isinstance(p, Mapping)
    ]
    for part in [*parts, *options]:
        sub = (part.get("properties") or {}).get(path[0])
        if sub is not None:
            return has_field(sub, path[1:], resolve)
    described = ("properties", "patternProperties", "additionalProperties", "anyOf", "oneOf")
    return not any(k in p for p in parts for k in described)


def _branches(schema: Any, resolve: Resolver, seen: set[int]) -> list[Mapping[str, Any]]:
    """The schema and every ``allOf`` part, with ``$ref``s resolved."""
    schema = _deref(schema, resolve)
    if not isinstance(schema, Mapping) or id(schema) in seen:
        return []
    seen.add(id(schema))
    out = [schema]
    for part in schema.get("allOf") or ():
        out += _branches(part, resolve, seen)
    return out


def _deref(schema: Any, resolve: Resolver) -> Any:
    for _ in range(20):  # a ref chain longer than this is a loop
        target = schema.get("$ref") if isinstance(schema, Mapping) else None
        if not isinstance(target, str):
            return schema
        schema = resolve(target)
    return None


def _allowed(schema: Any) -> frozenset[str] | None:
    if not isinstance(schema, Mapping):
        return None
    if "const" in schema:
        return frozenset([json.dumps(schema["const"], sort_keys=True)])
    if isinstance(schema.get("enum"), list):
        return frozenset(json.dumps(v, sort_keys=True) for v in schema["enum"])
    return None
