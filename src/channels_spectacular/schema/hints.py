"""Python type hints → JSON Schema.

Choices made here (the shared rules live in ``helpers.py``, used by every converter):

- ``Optional[X]`` and ``Union[...]`` are both ``oneOf``, with ``{"type": "null"}`` last. As
  ``oneOf`` wants exactly one match, overlapping alternatives are merged where that is
  cheap: ``Any`` absorbs the union, ``int`` goes into ``float``, a ``Literal`` into its
  plain base type. Two object types that overlap stay ambiguous; add a ``Literal`` tag.
- ``Decimal`` is a string (format ``decimal`` and a pattern), as DRF and Pydantic write it.
- ``bytes`` is a base64 string; ``timedelta`` a string in ISO 8601 ``duration`` format.
- ``tuple[int, str]`` is draft-07 tuple validation, ``items`` as a list, with
  ``minItems``/``maxItems`` (AsyncAPI 3.0 schemas are draft-07: ``prefixItems`` would be
  ignored); ``tuple[int, ...]`` is a plain array. A ``NamedTuple`` is a named array component,
  because ``json.dumps`` writes tuples as arrays.
- Dataclasses, TypedDicts, NamedTuples and Enums (Django ``Choices`` too) are named
  components titled with the class name; a recursive type ends in a ``$ref``. Only a
  docstring the user wrote becomes the ``description``.
- ``Annotated[T, ...]`` is ``T`` plus: a string → ``description``, a dict → extra keywords,
  annotated-types constraints (``Gt``, ``Len``, Pydantic ``Field``…) → bounds.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Iterable, Mapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from typing import (
    TYPE_CHECKING,
    Annotated,
    Any,
    Literal,
    NewType,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)
from uuid import UUID

from . import is_supported
from .helpers import (
    NULL,
    json_value,
    nullable,
    object_schema,
    one_of,
    titled,
    user_doc,
    values_schema,
    with_keywords,
)
from .jsonschema import copy_json

if TYPE_CHECKING:
    from . import SchemaContext

__all__ = ["CONVERTERS", "TypeHintConverter", "type_hints"]

NoneType = type(None)
DECIMAL_PATTERN = r"^-?\d+(\.\d+)?$"

_SCALARS: dict[type, dict[str, Any]] = {
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    float: {"type": "number"},
    str: {"type": "string"},
    bytes: {"type": "string", "contentEncoding": "base64"},
    bytearray: {"type": "string", "contentEncoding": "base64"},
    Decimal: {"type": "string", "format": "decimal", "pattern": DECIMAL_PATTERN},
    UUID: {"type": "string", "format": "uuid"},
    datetime: {"type": "string", "format": "date-time"},
    date: {"type": "string", "format": "date"},
    time: {"type": "string", "format": "time"},
    timedelta: {"type": "string", "format": "duration"},
    NoneType: NULL,
}
# Transparent wrappers: TypedDict markers and Final say nothing about the value.
_WRAPPERS = frozenset({"Final", "NotRequired", "ReadOnly", "Required"})
_BOUNDS = (
    ("gt", "exclusiveMinimum"),
    ("ge", "minimum"),
    ("lt", "exclusiveMaximum"),
    ("le", "maximum"),
    ("multiple_of", "multipleOf"),
)
_CONTAINER_MODULES = frozenset({"builtins", "collections", "collections.abc"})


def type_hints(obj: Any, ctx: SchemaContext) -> dict[str, Any]:
    """``get_type_hints`` with extras; a class may name itself in a string annotation."""
    try:
        return get_type_hints(obj, include_extras=True)
    except NameError:
        pass
    except Exception as exc:
        return _unresolved(obj, exc, ctx)
    try:
        local = {getattr(obj, "__name__", ""): obj}
        return get_type_hints(obj, localns=local, include_extras=True)
    except Exception as exc:
        return _unresolved(obj, exc, ctx)


def _unresolved(obj: Any, exc: Exception, ctx: SchemaContext) -> dict[str, Any]:
    name = getattr(obj, "__qualname__", repr(obj))
    ctx.diagnostics.error(
        ctx.location,
        f"cannot resolve the type hints of {name}: {exc}. Define the types it names at module "
        "level (or import them there) so typing.get_type_hints() can find them.",
        code="unresolved-type-hint",
    )
    return {}


# ---- named types: dataclasses, TypedDicts, NamedTuples, Enums --------------------------


def _is_typeddict(cls: type) -> bool:
    # typing_extensions.TypedDict is a different class on 3.11, so duck-type it.
    return issubclass(cls, dict) and hasattr(cls, "__required_keys__")


def _is_namedtuple(cls: type) -> bool:
    return issubclass(cls, tuple) and isinstance(getattr(cls, "_fields", None), tuple)


def _field_keywords(f: dataclasses.Field[Any]) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    description = f.metadata.get("description")
    if isinstance(description, str):
        extra["description"] = description
    if isinstance(f.default, str | int | float | bool | Enum | NoneType):
        extra["default"] = json_value(f.default)
    return extra


def _dataclass_schema(cls: type, ctx: SchemaContext) -> dict[str, Any]:
    hints = type_hints(cls, ctx)
    properties, required = {}, []
    for f in dataclasses.fields(cls):
        hint = hints.get(f.name, Any if isinstance(f.type, str) else f.type)
        properties[f.name] = with_keywords(ctx.schema_for(hint), _field_keywords(f))
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            required.append(f.name)
    return object_schema(cls.__name__, properties, required, user_doc(cls))


def _special_name(origin: Any) -> str | None:
    """``"Required"`` for ``typing(_extensions).Required`` and the like."""
    if getattr(origin, "__module__", None) in ("typing", "typing_extensions"):
        name = getattr(origin, "_name", None)
        return name if isinstance(name, str) else None
    return None


def _is_required(hint: Any, default: bool) -> bool:
    """``Required``/``NotRequired`` (also under ``Annotated``/``ReadOnly``) over ``total``."""
    while True:
        origin, name = get_origin(hint), _special_name(get_origin(hint))
        if name in ("Required", "NotRequired"):
            return name == "Required"
        if origin is not Annotated and name != "ReadOnly":
            return default
        hint = get_args(hint)[0]


def _typeddict_schema(cls: type, ctx: SchemaContext) -> dict[str, Any]:
    hints = type_hints(cls, ctx)
    required_keys: frozenset[str] = getattr(cls, "__required_keys__", frozenset())
    properties, required = {}, []
    for name, hint in hints.items():
        properties[name] = ctx.schema_for(hint)
        if _is_required(hint, name in required_keys):
            required.append(name)
    return object_schema(cls.__name__, properties, required, user_doc(cls))


def _namedtuple_schema(cls: type, ctx: SchemaContext) -> dict[str, Any]:
    hints = type_hints(cls, ctx)
    names = list(getattr(cls, "_fields", ()))
    items = [with_keywords(ctx.schema_for(hints.get(n, Any)), {"title": n}) for n in names]
    schema: dict[str, Any] = {"title": cls.__name__}
    if user_doc(cls):
        schema["description"] = user_doc(cls)
    size = len(items)
    return {**schema, "type": "array", "items": items, "minItems": size, "maxItems": size}


def _is_django_choices(cls: type) -> bool:
    return any(base.__module__ == "django.db.models.enums" for base in cls.__mro__)


def _enum_description(cls: type[Enum]) -> str:
    parts = [user_doc(cls)]
    if _is_django_choices(cls):
        labels = [f"- `{json_value(m.value)}`: {getattr(m, 'label', m.name)}" for m in cls]
        parts.append("\n".join(labels))
    return "\n\n".join(p for p in parts if p)


def _enum_schema(cls: type[Enum], ctx: SchemaContext) -> dict[str, Any]:
    schema: dict[str, Any] = {"title": cls.__name__}
    description = _enum_description(cls)
    if description:
        schema["description"] = description
    return {**schema, **values_schema([json_value(m.value) for m in cls], enum=True)}


Builder = Callable[[Any, "SchemaContext"], dict[str, Any]]


def _named_builder(obj: Any) -> Builder | None:
    """How to build the component for a named class, or ``None`` when it is not one."""
    if not isinstance(obj, type):
        return None
    if issubclass(obj, Enum):
        return _enum_schema
    if dataclasses.is_dataclass(obj):
        return _dataclass_schema
    if _is_typeddict(obj):
        return _typeddict_schema
    if _is_namedtuple(obj):
        return _namedtuple_schema
    return None


# ---- unnamed types: scalars, containers, unions, literals, Annotated -------------------


def _scalar(cls: type) -> dict[str, Any] | None:
    """The schema of a scalar class, looked up along its MRO (so ``str`` subclasses work)."""
    base = next((b for b in cls.__mro__ if b in _SCALARS), None)
    return dict(_SCALARS[base]) if base is not None else None


def _container(origin: Any) -> str | None:
    """``"array"``, ``"set"``, ``"tuple"`` or ``"map"`` for a container class."""
    if not isinstance(origin, type) or issubclass(origin, str | bytes | bytearray):
        return None
    kinds = ((tuple, "tuple"), (AbstractSet, "set"), (Mapping, "map"), (Iterable, "array"))
    return next((kind for cls, kind in kinds if issubclass(origin, cls)), None)


def _bare_container(cls: type) -> bool:
    return cls.__module__ in _CONTAINER_MODULES and _container(cls) is not None


def _array(args: tuple[Any, ...] | None, ctx: SchemaContext) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array"}
    items = ctx.schema_for(args[0]) if args else {}
    if items:
        schema["items"] = items
    return schema


def _set(args: tuple[Any, ...] | None, ctx: SchemaContext) -> dict[str, Any]:
    return {**_array(args, ctx), "uniqueItems": True}


def _tuple(args: tuple[Any, ...] | None, ctx: SchemaContext) -> dict[str, Any]:
    if args is None or (len(args) == 2 and args[1] is Ellipsis):
        return _array(args, ctx)
    items = [ctx.schema_for(a) for a in args]
    schema: dict[str, Any] = {"type": "array", "items": items} if items else {"type": "array"}
    return {**schema, "minItems": len(items), "maxItems": len(items)}


def _map(args: tuple[Any, ...] | None, ctx: SchemaContext) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if not args or len(args) != 2:
        return schema
    keys, values = ctx.schema_for(args[0]), ctx.schema_for(args[1])
    if keys.get("type") == "integer" and set(keys) == {"type"}:
        schema["propertyNames"] = {"pattern": r"^-?\d+$"}  # json.dumps writes int keys as text
    elif keys.get("type") == "string" and ("enum" in keys or "const" in keys):
        schema["propertyNames"] = keys
    if values:
        schema["additionalProperties"] = values
    return schema


_CONTAINERS = {"array": _array, "set": _set, "tuple": _tuple, "map": _map}


def _literal(args: tuple[Any, ...], ctx: SchemaContext) -> dict[str, Any]:
    return values_schema([json_value(a) for a in args])


def _union(args: tuple[Any, ...], ctx: SchemaContext) -> dict[str, Any]:
    options = [ctx.schema_for(a) for a in args if a is not NoneType and a is not None]
    if not options:
        return dict(NULL)
    schema = one_of(options)
    return nullable(schema) if NoneType in args else schema


def _length_keywords(schema: Mapping[str, Any]) -> tuple[str, str]:
    kind = schema.get("type")
    if kind == "array":
        return "minItems", "maxItems"
    if kind == "object":
        return "minProperties", "maxProperties"
    return "minLength", "maxLength"


def _meta_keywords(meta: Any, schema: Mapping[str, Any]) -> dict[str, Any]:
    """What one ``Annotated`` metadata item adds to ``schema``."""
    if isinstance(meta, str):
        return {"description": meta}
    if isinstance(meta, Mapping):
        extra: dict[str, Any] = copy_json(meta)
        return extra
    out: dict[str, Any] = {}
    text = getattr(meta, "description", None) or getattr(meta, "documentation", None)
    if isinstance(text, str):
        out["description"] = text
    for attr, keyword in _BOUNDS:
        value = getattr(meta, attr, None)
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            out[keyword] = value if not isinstance(value, Decimal) else float(value)
    for attr, keyword in zip(("min_length", "max_length"), _length_keywords(schema), strict=True):
        value = getattr(meta, attr, None)
        if isinstance(value, int) and not isinstance(value, bool):
            out[keyword] = value
    for nested in getattr(meta, "metadata", None) or []:
        out.update(_meta_keywords(nested, schema))
    return out


def _annotated(args: tuple[Any, ...], ctx: SchemaContext) -> dict[str, Any]:
    schema = ctx.schema_for(args[0])
    extra: dict[str, Any] = {}
    for meta in args[1:]:
        extra.update(_meta_keywords(meta, schema))
    return with_keywords(schema, extra)


_FORMS: dict[Any, Callable[[tuple[Any, ...], SchemaContext], dict[str, Any]]] = {
    Literal: _literal,
    Annotated: _annotated,
    Union: _union,
    types.UnionType: _union,
}


def _unnamed(obj: Any, ctx: SchemaContext) -> dict[str, Any]:
    if obj is None:
        return dict(NULL)
    if obj is Any or obj is object:
        return {}
    origin = get_origin(obj)
    if origin is None and isinstance(obj, type):
        scalar, kind = _scalar(obj), _container(obj)
        return scalar if scalar is not None else _CONTAINERS[kind](None, ctx) if kind else {}
    if isinstance(obj, NewType):
        return ctx.schema_for(obj.__supertype__)
    args = get_args(obj)
    if origin in _FORMS:
        return _FORMS[origin](args, ctx)
    if _special_name(origin) in _WRAPPERS:
        return ctx.schema_for(args[0])
    kind = _container(origin)
    # A bare typing.Tuple / typing.Dict has no __args__ at all, unlike tuple[()].
    return _CONTAINERS[kind](args if hasattr(obj, "__args__") else None, ctx) if kind else {}


def _supported(obj: Any) -> bool:
    """Cheap structural check: every part of the hint is something some converter takes."""
    if obj is None or obj is Any or obj is object:
        return True
    origin, args = get_origin(obj), get_args(obj)
    if origin is None and isinstance(obj, type):
        return _named_builder(obj) is not None or _scalar(obj) is not None or _bare_container(obj)
    if isinstance(obj, NewType):
        return is_supported(obj.__supertype__)
    if origin is Literal:
        return True
    if origin is Annotated or _special_name(origin) in _WRAPPERS:
        return is_supported(args[0])
    if origin in _FORMS or _container(origin) is not None:
        return all(a is Ellipsis or is_supported(a) for a in args)
    return False


class TypeHintConverter:
    """Type hints, dataclasses, TypedDicts, NamedTuples and Enums."""

    def matches(self, obj: Any) -> bool:
        try:
            return _supported(obj)
        except TypeError:  # e.g. an unhashable object in a hint's arguments
            return False

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return self._convert(obj, ctx, root=False)

    def convert_root(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return self._convert(obj, ctx, root=True)

    def _convert(self, obj: Any, ctx: SchemaContext, root: bool) -> dict[str, Any]:
        build = _named_builder(obj)
        if build is None:
            return _unnamed(obj, ctx)
        register = ctx.components.inline if root else ctx.components.named
        name = ctx.components.name_of
        return register(obj, obj.__name__, lambda: titled(build(obj, ctx), name(obj)), ctx.location)


CONVERTERS = [TypeHintConverter()]
