"""Small JSON Schema helpers every converter shares (hints, DRF, Pydantic).

The rules here hold for every payload source: unions are ``oneOf`` with ``null`` last and
overlapping alternatives merged, ``$ref`` plus keywords is wrapped in ``allOf``, components
are titled with their final name, and only a docstring a person wrote is a description.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Mapping, Sequence
from enum import Enum
from typing import Any

__all__ = [
    "NULL",
    "json_value",
    "nullable",
    "object_schema",
    "one_of",
    "titled",
    "user_doc",
    "values_schema",
    "with_keywords",
]

NoneType = type(None)
NULL: dict[str, Any] = {"type": "null"}
# Keywords that only annotate: a schema made of these alone accepts any value.
_ANNOTATIONS = frozenset(
    {
        "$comment",
        "default",
        "deprecated",
        "description",
        "examples",
        "readOnly",
        "title",
        "writeOnly",
    }
)
_JSON_KINDS: tuple[tuple[Any, str], ...] = (
    (NoneType, "null"),
    (int, "integer"),
    (float, "number"),
    (list | tuple, "array"),
    (Mapping, "object"),
)


def json_value(value: Any) -> Any:
    """``value`` as JSON data: enum members become their value, tuples lists."""
    if isinstance(value, Enum):
        return json_value(value.value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    return str(value)


def _json_type(value: Any) -> str:
    """The JSON type name of a JSON value."""
    if isinstance(value, bool):
        return "boolean"
    return next((name for cls, name in _JSON_KINDS if isinstance(value, cls)), "string")


def values_schema(values: Sequence[Any], *, enum: bool = False) -> dict[str, Any]:
    """``const`` for one value (``enum`` if asked), else ``enum``; with a ``type`` when shared."""
    kinds = {_json_type(v) for v in values}
    if kinds == {"integer", "number"}:
        kinds = {"number"}
    schema: dict[str, Any] = {"type": kinds.pop()} if len(kinds) == 1 else {}
    if len(values) == 1 and not enum:
        schema["const"] = values[0]
    else:
        schema["enum"] = list(values)
    return schema


def with_keywords(schema: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """``schema`` plus ``extra``; a ``$ref`` is wrapped in ``allOf`` (draft-07 ignores siblings)."""
    if not extra:
        return schema
    if "$ref" in schema:
        return {"allOf": [schema], **extra}
    return {**schema, **extra}


def _accepts_null(schema: Mapping[str, Any]) -> bool:
    if not set(schema) - _ANNOTATIONS:
        return True
    kind = schema.get("type")
    if kind == "null" or (isinstance(kind, list) and "null" in kind):
        return True
    if ("const" in schema and schema["const"] is None) or None in schema.get("enum", []):
        return True
    return any(_accepts_null(s) for s in schema.get("oneOf", []) + schema.get("anyOf", []))


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    """``schema`` or ``null``, as ``oneOf`` with the null type last."""
    if _accepts_null(schema):
        return schema
    if set(schema) == {"oneOf"}:
        return {"oneOf": [*schema["oneOf"], dict(NULL)]}
    return {"oneOf": [schema, dict(NULL)]}


def _covered(schema: Mapping[str, Any], plain: set[str]) -> bool:
    """True when an unconstrained ``{"type": ...}`` alternative already accepts ``schema``."""
    accepted = plain | ({"integer"} if "number" in plain else set())
    if set(schema) == {"type"}:
        return schema["type"] == "integer" and "number" in plain
    if set(schema) - {"type", "const", "enum"} or not {"const", "enum"} & set(schema):
        return False
    values = [schema["const"]] if "const" in schema else schema["enum"]
    return {_json_type(v) for v in values} <= accepted


def one_of(options: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The union of ``options`` as ``oneOf``, merged so that no value matches two of them."""
    if not options:
        return dict(NULL)
    if any(not set(o) - _ANNOTATIONS for o in options):
        return {}
    flat = [item for o in options for item in (o["oneOf"] if set(o) == {"oneOf"} else [o])]
    unique = list({json.dumps(o, sort_keys=True, default=str): o for o in flat}.values())
    plain = {o["type"] for o in unique if set(o) == {"type"} and isinstance(o["type"], str)}
    kept = [o for o in unique if not _covered(o, plain)]
    return kept[0] if len(kept) == 1 else {"oneOf": kept}


def object_schema(
    title: str, properties: dict[str, Any], required: list[str], description: str = ""
) -> dict[str, Any]:
    """A titled object component."""
    schema: dict[str, Any] = {"title": title}
    if description:
        schema["description"] = description
    schema.update({"type": "object", "properties": properties})
    if required:
        schema["required"] = required
    return schema


def titled(schema: dict[str, Any], name: str | None) -> dict[str, Any]:
    """``schema`` with ``name`` (the final component name) as its leading ``title``."""
    # Code generators name their types after titles: Point and Point2 must not share one.
    if not name:
        return schema
    return {"title": name, **{k: v for k, v in schema.items() if k != "title"}}


def user_doc(cls: type) -> str:
    """The class docstring if a person wrote it (not dataclass/NamedTuple/inherited text)."""
    text = cls.__dict__.get("__doc__")
    if not isinstance(text, str) or not text.strip():
        return ""
    text = inspect.cleandoc(text)
    inherited = {inspect.cleandoc(b.__doc__) for b in cls.__mro__[1:] if b.__doc__}
    if text.startswith(f"{cls.__name__}(") or text in inherited or text == "An enumeration.":
        return ""
    return text
