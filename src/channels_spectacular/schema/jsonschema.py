"""JSON Schema dicts used as payloads: copied verbatim, after checking they can work in place.

A ``$ref`` in such a dict may only point at ``#/components/schemas/<Name>`` where ``<Name>``
is already a component (the ``COMPONENTS`` setting is loaded first). Local refs such as
``#/definitions/X`` are errors: once the dict sits inside the AsyncAPI document, ``#`` is the
document root, so they would dangle. External refs (URLs, files) are kept as they are.

The helpers :func:`walk` and :func:`transform` visit only *subschemas* (not ``default``,
``enum``, ``const`` or ``examples`` data), so other converters use them to rewrite refs.
"""

from __future__ import annotations

import copy
import marshal
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ..pointers import unescape
from .components import SCHEMAS_POINTER

if TYPE_CHECKING:
    from . import SchemaContext

__all__ = [
    "CONVERTERS",
    "JsonSchemaConverter",
    "UnsharedLeaves",
    "copy_json",
    "transform",
    "walk",
]

JSON_TYPES = frozenset({"array", "boolean", "integer", "null", "number", "object", "string"})

# Keywords whose value is one subschema, a list of them, or a {name: subschema} map.
_ONE = frozenset(
    {
        "additionalItems",
        "additionalProperties",
        "contains",
        "contentSchema",
        "else",
        "if",
        "items",
        "not",
        "propertyNames",
        "then",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
_LIST = frozenset({"allOf", "anyOf", "items", "oneOf", "prefixItems"})
_MAP = frozenset(
    {"$defs", "definitions", "dependencies", "dependentSchemas", "patternProperties", "properties"}
)
# Everything a schema may say (draft-07, later drafts, AsyncAPI additions): a dict with none
# of these keys is almost certainly an example payload, not a schema.
KEYWORDS = _ONE | _LIST | _MAP | {
    "$anchor", "$comment", "$id", "$ref", "$schema", "const", "contentEncoding",
    "contentMediaType", "default", "dependentRequired", "deprecated", "description",
    "discriminator", "enum", "examples", "exclusiveMaximum", "exclusiveMinimum",
    "externalDocs", "format", "maxContains", "maxItems", "maxLength", "maxProperties",
    "maximum", "minContains", "minItems", "minLength", "minProperties", "minimum",
    "multipleOf", "nullable", "pattern", "readOnly", "required", "title", "type",
    "uniqueItems", "writeOnly",
}  # fmt: skip


# Dicts and lists nested deeper than this are an error (two per type level: "properties" and
# the field, "items" and the array), well inside the recursion limit of every later step.
MAX_NESTING = 100


def deeper_than(value: Any, limit: int) -> bool:
    """True when ``value`` nests dicts and lists more than ``limit`` levels (no recursion)."""
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(node, Mapping):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list | tuple):
            stack.extend((v, depth + 1) for v in node)
    return False


def _children(key: str, value: Any) -> list[Any]:
    """The subschemas held by one keyword's value (none for data keywords)."""
    if key in _MAP and isinstance(value, Mapping):
        return list(value.values())
    if key in _LIST and type(value) is list:
        return value
    if key in _ONE and isinstance(value, Mapping):
        return [value]
    return []


def walk(schema: Any) -> Iterator[Mapping[str, Any]]:
    """``schema`` and every subschema in it, outermost first."""
    if type(schema) is not dict and not isinstance(schema, Mapping):
        return
    yield schema
    for key, value in schema.items():
        for child in _children(key, value):
            yield from walk(child)


def transform(schema: Any, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    """A deep copy of ``schema``, ``fn`` applied to every subschema, innermost first.

    Innermost first, so what ``fn`` returns is never visited again.
    """
    if not isinstance(schema, Mapping):
        return copy.deepcopy(schema)
    return fn({key: _transform_value(key, value, fn) for key, value in schema.items()})


def _transform_value(key: str, value: Any, fn: Callable[[dict[str, Any]], dict[str, Any]]) -> Any:
    if key in _MAP and isinstance(value, Mapping):
        return {k: transform(v, fn) for k, v in value.items()}
    if key in _LIST and isinstance(value, list):
        return [transform(v, fn) for v in value]
    if key in _ONE:
        return transform(value, fn)
    return copy.deepcopy(value)


# Exact types checked first: isinstance against the Mapping ABC is slow on large specs.
_SCALARS = frozenset({str, int, float, bool, type(None)})


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data, several times faster than ``copy.deepcopy``.

    Any mapping becomes a dict and tuples become lists; other objects (whatever a
    postprocessing hook put there) are deep-copied.
    """
    kind = type(value)
    # Scalars are immutable: kept as they are, without a call per value.
    if kind is dict:
        # dict.copy() copies the key table at C speed; only containers are replaced (no
        # key is added or removed, so changing values while iterating is allowed).
        out = value.copy()
        for k, v in out.items():
            if type(v) not in _SCALARS:
                out[k] = copy_json(v)
        return out
    if kind in _SCALARS:
        return value
    if kind is list or isinstance(value, list | tuple):
        return [v if type(v) in _SCALARS else copy_json(v) for v in value]
    if isinstance(value, Mapping):
        return {k: copy_json(v) for k, v in value.items()}
    return copy.deepcopy(value)


def _not_json(value: Any, path: str) -> str | None:
    """Where ``value`` stops being JSON data (a non-string key, a Python object), if anywhere."""
    if type(value) in _SCALARS:
        return None
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"it has the non-string key {key!r} at {path or '/'}"
            found = _not_json(item, f"{path}/{key}")
            if found:
                return found
        return None
    if isinstance(value, list | tuple):
        return next((p for i, v in enumerate(value) if (p := _not_json(v, f"{path}/{i}"))), None)
    if value is None or isinstance(value, str | int | float | bool):
        return None
    return f"the value at {path or '/'} is a {type(value).__name__}, not JSON data"


def _bad_keyword(schema: Mapping[str, Any]) -> str | None:
    """A keyword with a value no JSON Schema allows, like ``{"type": "str"}``."""
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "type" in schema and not all(isinstance(k, str) and k in JSON_TYPES for k in kinds):
        return f'"type": {kind!r} is not one of {sorted(JSON_TYPES)}'
    if "properties" in schema and not isinstance(schema["properties"], Mapping):
        return '"properties" must map field names to schemas'
    required = schema.get("required", [])
    if not isinstance(required, list) or not all(isinstance(r, str) for r in required):
        return '"required" must be a list of field names'
    return None


def problem(obj: Mapping[Any, Any]) -> str | None:
    """Why ``obj`` is obviously not a JSON Schema, or ``None`` when it may well be one."""
    found = _not_json(obj, "")
    if found:
        return found
    keys = [k for k in obj if not k.startswith("x-")]
    if keys and not any(k in KEYWORDS for k in keys):
        return (
            f"none of its keys ({', '.join(sorted(keys))}) is a JSON Schema keyword; it looks "
            'like an example. Describe it as {"type": "object", "properties": {...}}'
        )
    return next((p for s in walk(obj) if (p := _bad_keyword(s))), None)


def _check_ref(target: str, ctx: SchemaContext) -> None:
    if target.startswith(SCHEMAS_POINTER):
        token = target[len(SCHEMAS_POINTER) :].split("/", 1)[0]
        name = unescape(unquote(token))
        if not ctx.components.has(name):
            ctx.diagnostics.error(
                ctx.location,
                f"$ref {target!r} points at no component. Add {name!r} to "
                f"CHANNELS_SPECTACULAR_SETTINGS['COMPONENTS'] (or fix the name).",
                code="unresolved-ref",
            )
    elif target.startswith("#"):
        ctx.diagnostics.error(
            ctx.location,
            f"$ref {target!r} cannot be resolved once the schema is placed in the AsyncAPI "
            "document. Move the definition into CHANNELS_SPECTACULAR_SETTINGS['COMPONENTS'] "
            "and refer to it as '#/components/schemas/<Name>'.",
            code="unresolved-ref",
        )


class _Unusual(Exception):
    """The dict needs the full checks below (a problem, a ``$ref``, a non-JSON type...)."""


_DATA = (str, int, float, bool, type(None))  # exact types the fast copy takes as they are
_STR = frozenset({str})  # for C-speed tests of a whole list: _STR.issuperset(map(type, ...))


def _plain_copy(value: Any, depth: int) -> Any:
    """A copy of JSON data (``default``, ``enum``...), or _Unusual for anything else."""
    kind = type(value)
    if kind is dict:
        if depth >= MAX_NESTING or "$ref" in value:
            raise _Unusual
        out: dict[str, Any] = {}
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            out[key] = item if type(item) in _DATA else _plain_copy(item, depth + 1)
        return out
    if kind is list:
        if depth >= MAX_NESTING:
            raise _Unusual
        return [item if type(item) in _DATA else _plain_copy(item, depth + 1) for item in value]
    if kind in _DATA:
        return value
    raise _Unusual


# A subschema with one of these keys may get a title later (naming.name_nested_models),
# in place: never one shared between messages.
_TITLED = frozenset({"enum", "allOf", "properties"})
_SUBSCHEMAS = _LIST | _MAP  # keywords whose list value is not plain data
# A dict with none of these keys may be a shared leaf: worth looking up by content first
# ("items" may hold a leaf: {"type": "array", "items": {"type": "string"}} is one).
_NOT_LEAF = (_SUBSCHEMAS - {"items"}) | _TITLED | {"$ref"}
# Leaves remembered at most: the ones that repeat come back within a few messages, and on big
# projects a table of every field ever seen (most of them once) costs more than it saves.
LEAVES_HELD = 4096
# A leaf nests at most two levels below itself (a list, or a leaf under "items"): deeper
# than this, the checks below may refuse what a shallower equal leaf passed.
_LEAF_DEPTH = MAX_NESTING - 2


def _schema_copy(
    schema: Any,
    depth: int,
    leaves: dict[bytes, Any] | None = None,
    content: bytes | None = None,
    nested: list[dict[str, Any]] | None = None,
) -> Any:
    """A copy of a subschema that the checks of ``convert`` pass without a word, else _Unusual.

    One pass instead of five (depth, JSON data, keywords, ``$ref``s, copy): what it accepts
    is exactly what those checks accept silently, and anything else (a ``$ref`` to check,
    a tuple, a Mapping that is not a dict) goes the long way, which words every message.
    With ``leaves``, a nested subschema of scalars (and lists of them, and one such leaf
    under a keyword such as ``items``) is the one object of its content (a copy of it with
    :class:`UnsharedLeaves`: checked once all the same); ``content`` is its
    marshal bytes when the caller already looked them up. Nested subschemas that are not
    such leaves are added to ``nested``.
    """
    if type(schema) is not dict:
        return _plain_copy(schema, depth)
    if (
        depth
        and content is None
        and leaves is not None
        and depth < _LEAF_DEPTH
        and _NOT_LEAF.isdisjoint(schema)
    ):
        # Equal content (marshal takes exact JSON types only) passed every check below
        # already and was shared: the same checks, done once per distinct leaf.
        try:
            content = marshal.dumps(schema, 2)
        except ValueError:
            pass  # a str subclass, an object...: the checks below say what it is
        else:
            found = leaves.get(content)
            if found is not None:
                # Unshared: a copy of the input, just read (of the same content).
                return found if type(leaves) is dict else _leaf_copy(schema, found)
    if depth >= MAX_NESTING or "$ref" in schema:
        raise _Unusual
    kind = schema.get("type", _DATA)
    if type(kind) is str:
        if kind not in JSON_TYPES:
            raise _Unusual
    elif kind is not _DATA:
        kinds = kind if type(kind) is list else (kind,)
        for k in kinds:
            if type(k) is not str or k not in JSON_TYPES:
                raise _Unusual
    required = schema.get("required")
    if required is not None:
        if type(required) is not list or not _STR.issuperset(map(type, required)):
            raise _Unusual
    elif "required" in schema:
        raise _Unusual  # "required": None
    out: dict[str, Any] = {}
    deeper = depth + 1
    # Shareable (render.written_out): scalars, lists of scalars, a shared leaf under a key.
    flat = True
    for key, value in schema.items():
        if type(key) is not str:
            raise _Unusual
        if type(value) in _DATA:
            if key in _MAP:
                raise _Unusual  # "properties" that is no mapping
            out[key] = value
            continue
        if (
            type(value) is list
            and key not in _SUBSCHEMAS
            and deeper < MAX_NESTING
            and _SCALARS.issuperset(map(type, value))
        ):
            out[key] = list(value)  # "type": [...], "required": [...]: still shareable
            continue
        if key in _MAP:
            if type(value) is not dict:
                raise _Unusual  # "properties" that is no mapping, or another Mapping
            if deeper >= MAX_NESTING:
                raise _Unusual
            children = {}
            if "$ref" in value:
                raise _Unusual  # a field named "$ref": the builder leaves it out, and says so
            # The leaf lookup of _schema_copy, inlined: most fields are shared leaves.
            look = leaves is not None and deeper + 1 < _LEAF_DEPTH
            shared = type(leaves) is dict
            for name, child in value.items():
                if type(name) is not str:
                    raise _Unusual
                known = None
                if look and type(child) is dict and _NOT_LEAF.isdisjoint(child):
                    try:
                        known = marshal.dumps(child, 2)
                    except ValueError:
                        pass
                    else:
                        found = leaves.get(known)  # type: ignore[union-attr]
                        if found is not None:
                            children[name] = found if shared else _leaf_copy(child, found)
                            continue
                children[name] = _schema_copy(child, deeper + 1, leaves, known, nested)
            out[key] = children
        elif key in _LIST and type(value) is list:
            if deeper >= MAX_NESTING:
                raise _Unusual
            out[key] = [_schema_copy(child, deeper + 1, leaves, None, nested) for child in value]
        elif key in _ONE:
            child = out[key] = _schema_copy(value, deeper, leaves, None, nested)
            # Still shareable when that one subschema is a shared leaf (an array's items).
            if not (
                type(child) is dict
                and _TITLED.isdisjoint(child)
                and _SCALARS.issuperset(map(type, child.values()))
            ):
                flat = False
            continue
        else:
            out[key] = _plain_copy(value, deeper)
        flat = False
    if flat and depth and leaves is not None and _TITLED.isdisjoint(out):
        # The input's content when looked up above: a flat copy marshals the same.
        content = content or marshal.dumps(out, 2)
        if len(leaves) >= LEAVES_HELD:
            leaves.clear()
        if type(leaves) is dict:
            one: dict[str, Any] = leaves.setdefault(content, out)
            return one
        # Unshared, only whether later copies can be shallow is kept (see _leaf_copy).
        leaves[content] = _SCALARS.issuperset(map(type, out.values()))
    elif depth and nested is not None:
        nested.append(out)
    return out


def _leaf_copy(leaf: dict[str, Any], scalars_only: Any) -> dict[str, Any]:
    """An unshared copy of a known leaf: shallow (C speed) when its values are all scalars."""
    return leaf.copy() if scalars_only is True else copy_json(leaf)


class UnsharedLeaves(dict[bytes, Any]):
    """Leaves checked once per content, as ``leaves`` shares them, but each use a copy.

    For documents handed over to a caller, who may change any part of them in place. It
    maps content to whether the leaf's values are all scalars (a shallow copy suffices).
    """


def checked_copy(
    obj: Any,
    leaves: dict[bytes, Any] | None = None,
    nested: list[dict[str, Any]] | None = None,
) -> dict[str, Any] | None:
    """``copy_json(obj)`` when ``convert`` would accept ``obj`` silently; None: check it fully.

    A copy made here also has no ``$ref`` key anywhere (a ``$ref`` goes the long way).
    ``leaves`` (see ``_schema_copy``) shares nested subschemas of scalars by content;
    ``nested`` gets the copied subschemas below the root that are not such leaves.
    """
    if type(obj) is not dict:
        return None
    if KEYWORDS.isdisjoint(obj):  # no keyword at all (a set lookup per key, at C speed)
        keys = [k for k in obj if type(k) is str and not k.startswith("x-")]
        if keys:
            return None
    try:
        result: dict[str, Any] = _schema_copy(obj, 0, leaves, None, nested)
    except (_Unusual, RecursionError):
        return None
    return result


class JsonSchemaConverter:
    """A ``dict`` payload is a JSON Schema, used as written."""

    def matches(self, obj: Any) -> bool:
        return isinstance(obj, Mapping)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        nested: list[dict[str, Any]] = []
        fast = checked_copy(obj, ctx.components.leaves, nested)
        if fast is not None:
            ctx.ref_free = fast
            if not nested:
                ctx.leaves_only = fast
            return fast
        if deeper_than(obj, MAX_NESTING):
            ctx.diagnostics.error(
                ctx.location,
                f"the payload dict nests more than {MAX_NESTING} levels deep; flatten it, "
                "or move the repeated part into COMPONENTS and refer to it with a $ref.",
                code="nesting-too-deep",
            )
            return {}
        found = problem(obj)
        if found:
            ctx.diagnostics.error(
                ctx.location,
                f"the payload dict is not a JSON Schema: {found}.",
                code="invalid-schema",
            )
            return {}
        for schema in walk(obj):
            target = schema.get("$ref")
            if isinstance(target, str):
                _check_ref(target, ctx)
        result: dict[str, Any] = copy_json(obj)
        return result


CONVERTERS = [JsonSchemaConverter()]
