"""Shorthand payload dicts, as django-channels-spectacular 0.1.1 wrote them.

``{"ride_id": "uuid", "fare": "decimal"}``: each key is a field, each value a type name.
A dict whose values are all strings, with at least one key that is not a JSON Schema
keyword, is shorthand; anything else is a JSON Schema dict (see ``jsonschema.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .jsonschema import KEYWORDS

if TYPE_CHECKING:
    from . import SchemaContext

__all__ = ["CONVERTERS", "TYPE_NAMES", "ShorthandConverter", "is_shorthand"]

# Type name (case-insensitive) -> JSON Schema. Documented in docs/pages/payload-types.md.
TYPE_NAMES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "str": {"type": "string"},
    "text": {"type": "string"},
    "integer": {"type": "integer"},
    "int": {"type": "integer"},
    "number": {"type": "number"},
    "float": {"type": "number"},
    "decimal": {"type": "string", "format": "decimal"},
    "boolean": {"type": "boolean"},
    "bool": {"type": "boolean"},
    "uuid": {"type": "string", "format": "uuid"},
    "datetime": {"type": "string", "format": "date-time"},
    "date-time": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "time": {"type": "string", "format": "time"},
    "email": {"type": "string", "format": "email"},
    "url": {"type": "string", "format": "uri"},
    "uri": {"type": "string", "format": "uri"},
    "object": {"type": "object"},
    "dict": {"type": "object"},
    "array": {"type": "array"},
    "list": {"type": "array"},
    "null": {"type": "null"},
    "any": {},
}


def is_shorthand(obj: Any) -> bool:
    """True for ``{field: "type name", ...}``; False for JSON Schema dicts."""
    if not isinstance(obj, Mapping) or not obj:
        return False
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in obj.items()):
        return False
    return any(k not in KEYWORDS and not k.startswith("x-") for k in obj)


class ShorthandConverter:
    """``{"ride_id": "uuid"}`` → an object schema with typed properties."""

    def matches(self, obj: Any) -> bool:
        return is_shorthand(obj)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        properties = {}
        for field, name in obj.items():
            schema = TYPE_NAMES.get(name.strip().lower())
            if schema is None:
                ctx.diagnostics.warn(
                    ctx.location,
                    f"shorthand payload field {field!r} has the unknown type name {name!r}; "
                    f"documented as any value. Known names: {', '.join(TYPE_NAMES)} (or "
                    "write a JSON Schema dict).",
                    code="unknown-shorthand-type",
                )
                schema = {}
            properties[field] = dict(schema)
        return {"type": "object", "properties": properties}


CONVERTERS = [ShorthandConverter()]
