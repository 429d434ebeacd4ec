"""DRF serializers (classes or instances, ``many=True`` too) → JSON Schema.

Naming: a nested serializer is the component ``<Name>``: the class name without its
``Serializer`` suffix, as drf-spectacular names them. A request payload (client → server)
leaves out ``read_only`` fields; a response payload (server → client) leaves out
``write_only`` ones and lists read-only fields and fields with a default as required, since
DRF always renders them. Only when that makes the two directions differ for a serializer
(or for a serializer it nests) does the request side get its own component,
``<Name>Request``; otherwise one component serves both directions.

Fields map by class through ``_BUILDERS`` (DRF class name → builder), looked up along the
field's MRO, so a custom ``CharField`` subclass is documented as a ``CharField``. Decimals
are strings with a digits pattern (DRF's default) or numbers with ``coerce_to_string=False``.

DRF is never imported here: a serializer can only reach us once DRF is loaded, so the
classes needed are taken from ``sys.modules``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING, Any

from .helpers import json_value, nullable, object_schema, titled, user_doc, values_schema
from .helpers import with_keywords as _with
from .hints import type_hints

if TYPE_CHECKING:
    from . import Direction, SchemaContext

__all__ = ["CONVERTERS", "SerializerConverter", "component_name"]

Builder = Callable[[Any, "SchemaContext"], dict[str, Any]]
ISO_8601 = "iso-8601"


def _module(name: str) -> Any:
    return sys.modules.get(f"rest_framework.{name}")


def _setting(name: str, default: Any) -> Any:
    return getattr(getattr(_module("settings"), "api_settings", None), name, default)


def _drf_classes(obj: Any) -> Iterator[str]:
    """Names of the DRF classes ``obj`` is an instance of, most specific first."""
    for klass in type(obj).__mro__:
        if klass.__module__.startswith("rest_framework."):
            yield klass.__name__


def _is(obj: Any, drf_class: str) -> bool:
    return drf_class in _drf_classes(obj)


def _is_serializer(obj: Any) -> bool:
    serializers = _module("serializers")
    if serializers is None:
        return False
    if isinstance(obj, serializers.BaseSerializer):
        return True
    if not isinstance(obj, type) or not issubclass(obj, serializers.BaseSerializer):
        return False
    listed = issubclass(obj, serializers.ListSerializer)
    return not listed or getattr(obj, "child", None) is not None


def component_name(cls: type) -> str:
    """``RideSerializer`` → ``Ride``."""
    name = cls.__name__
    return name.removesuffix("Serializer") or name


def _empty() -> Any:
    return getattr(_module("fields"), "empty", None)


def _fields(serializer: Any, ctx: SchemaContext) -> dict[str, Any]:
    try:
        return dict(serializer.fields)
    except Exception as exc:
        ctx.diagnostics.error(
            ctx.location,
            f"cannot read the fields of {type(serializer).__name__}: {exc}",
            code="serializer-error",
        )
        return {}


def _instance(obj: Any, ctx: SchemaContext) -> Any:
    if not isinstance(obj, type):
        return obj
    try:
        return obj()
    except Exception as exc:
        ctx.diagnostics.error(
            ctx.location,
            f"cannot instantiate {obj.__name__}() to read its fields: {exc}. Pass an instance.",
            code="serializer-error",
        )
        return None


# ---- which fields, and which are required, per direction ------------------------------


def _visible(field: Any, direction: Direction) -> bool:
    if _is(field, "HiddenField"):
        return False
    hidden = field.read_only if direction == "request" else field.write_only
    return not hidden


def _required(field: Any, direction: Direction) -> bool:
    if direction == "request":
        return bool(field.required)
    return bool(field.required or field.read_only or field.default is not _empty())


def _nested(field: Any) -> list[Any]:
    """The serializer instances a field holds (itself, or its ``child``)."""
    if any(_is(field, c) for c in ("ListSerializer", "ListField", "DictField")):
        child = getattr(field, "child", None)
        return _nested(child) if child is not None else []
    return [field] if _is(field, "BaseSerializer") else []


def _differs(serializer: Any, seen: set[type], ctx: SchemaContext) -> bool:
    """True when the request and response schemas of ``serializer`` are not the same."""
    for field in _fields(serializer, ctx).values():
        if _visible(field, "request") != _visible(field, "response"):
            return True
        if _visible(field, "request") and _required(field, "request") != _required(
            field, "response"
        ):
            return True
        for nested in _nested(field):
            if type(nested) not in seen:
                seen.add(type(nested))
                if _differs(nested, seen, ctx):
                    return True
    return False


# ---- serializers ----------------------------------------------------------------------


def _schema(obj: Any, ctx: SchemaContext, root: bool) -> dict[str, Any]:
    serializer = _instance(obj, ctx)
    if serializer is None:
        return {}
    if _is(serializer, "ListSerializer"):
        return _list(serializer, ctx, root)
    return _component(serializer, ctx, root)


def _list(serializer: Any, ctx: SchemaContext, root: bool = False) -> dict[str, Any]:
    schema = {"type": "array", "items": _schema(serializer.child, ctx, root)}
    return {**schema, **_item_counts(serializer)}


def _item_counts(field: Any) -> dict[str, Any]:
    low, high = getattr(field, "min_length", None), getattr(field, "max_length", None)
    if not getattr(field, "allow_empty", True):
        low = max(low or 0, 1)
    counts = {"minItems": low, "maxItems": high}
    return {k: v for k, v in counts.items() if v is not None}


def _component(serializer: Any, ctx: SchemaContext, root: bool = False) -> dict[str, Any]:
    cls = type(serializer)
    request = ctx.direction == "request" and _differs(serializer, {cls}, ctx)
    key: Any = (cls, "request") if request else cls
    name = component_name(cls) + ("Request" if request else "")
    register = ctx.components.inline if root else ctx.components.named
    final = ctx.components.name_of
    return register(
        key, name, lambda: titled(_object(serializer, name, ctx), final(key)), ctx.location
    )


def _object(serializer: Any, title: str, ctx: SchemaContext) -> dict[str, Any]:
    properties, required = {}, []
    for name, field in _fields(serializer, ctx).items():
        if _visible(field, ctx.direction):
            properties[name] = _field_schema(field, ctx)
            if _required(field, ctx.direction):
                required.append(name)
    return object_schema(title, properties, required, user_doc(type(serializer)))


# ---- fields ---------------------------------------------------------------------------


def _field_schema(field: Any, ctx: SchemaContext, annotate: bool = True) -> dict[str, Any]:
    build = next((_BUILDERS[n] for n in _drf_classes(field) if n in _BUILDERS), _unknown)
    schema = build(field, ctx)
    if getattr(field, "allow_null", False):
        schema = nullable(schema)
    return _with(schema, _field_keywords(field)) if annotate else schema


def _field_keywords(field: Any) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if getattr(field, "help_text", None):
        extra["description"] = str(field.help_text)
    default = getattr(field, "default", None)
    if isinstance(default, str | int | float | bool):
        extra["default"] = json_value(default)
    if getattr(field, "read_only", False):
        extra["readOnly"] = True
    if getattr(field, "write_only", False):
        extra["writeOnly"] = True
    return extra


def _const(schema: dict[str, Any]) -> Builder:
    return lambda field, ctx: dict(schema)


def _any(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    return {}


def _where(field: Any) -> str:
    owner = getattr(field, "parent", None)
    prefix = f"{type(owner).__name__}." if owner is not None else ""
    return f"{prefix}{getattr(field, 'field_name', '') or type(field).__name__}"


def _unknown(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    ctx.diagnostics.warn(
        ctx.location,
        f"field {_where(field)} ({type(field).__name__}) has no known schema; documented as "
        "any value. Subclass a typed DRF field or use a SerializerMethodField with a return "
        "type hint.",
        code="unknown-field",
    )
    return {}


def _number(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _bounds(field: Any, schema: dict[str, Any]) -> dict[str, Any]:
    for attr, keyword in (("min_value", "minimum"), ("max_value", "maximum")):
        value = getattr(field, attr, None)
        if value is not None:
            schema[keyword] = _number(value)
    return schema


def _pattern(field: Any) -> str | None:
    """The regex of a plain Django ``RegexValidator`` on the field, in ECMA-262 spelling."""
    for validator in getattr(field, "validators", []):
        klass = type(validator)
        if (klass.__module__, klass.__name__) != ("django.core.validators", "RegexValidator"):
            continue
        if validator.inverse_match or validator.flags:
            continue
        regex = getattr(validator.regex, "pattern", validator.regex)
        return str(regex).replace(r"\A", "^").replace(r"\Z", "$")
    return None


def _string(field: Any, ctx: SchemaContext, fmt: str = "") -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    if fmt:
        schema["format"] = fmt
    for attr, keyword in (("min_length", "minLength"), ("max_length", "maxLength")):
        if getattr(field, attr, None) is not None:
            schema[keyword] = getattr(field, attr)
    pattern = _pattern(field)
    if pattern:
        schema["pattern"] = pattern
    return schema


def _ip(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    protocol = str(getattr(field, "protocol", "both")).lower()
    return _string(field, ctx, protocol if protocol in ("ipv4", "ipv6") else "")


_UUID_FORMATS: dict[str, dict[str, Any]] = {
    "hex_verbose": {"type": "string", "format": "uuid"},
    "hex": {"type": "string", "pattern": "^[0-9a-f]{32}$"},
    "int": {"type": "integer", "minimum": 0},
    "urn": {"type": "string", "pattern": "^urn:uuid:[0-9a-f-]{36}$"},
}


def _uuid(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    return dict(_UUID_FORMATS.get(getattr(field, "uuid_format", ""), _UUID_FORMATS["hex_verbose"]))


def _integer(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    return _bounds(field, {"type": "integer"})


def _big_integer(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    if getattr(field, "coerce_to_string", _setting("COERCE_BIGINT_TO_STRING", False)):
        return {"type": "string", "pattern": r"^-?\d+$"}
    return _integer(field, ctx)


def _float(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    return _bounds(field, {"type": "number"})


def _decimal_pattern(field: Any) -> str:
    digits, places = getattr(field, "max_digits", None), getattr(field, "decimal_places", None)
    if digits is None or places is None or getattr(field, "normalize_output", False):
        return r"^-?\d+(\.\d+)?$"
    whole = rf"^-?\d{{1,{max(digits - places, 1)}}}"
    return whole + (rf"(\.\d{{1,{places}}})?$" if places else "$")


def _decimal(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    if not getattr(field, "coerce_to_string", _setting("COERCE_DECIMAL_TO_STRING", True)):
        return _bounds(field, {"type": "number"})
    schema: dict[str, Any] = {"type": "string", "format": "decimal"}
    if not getattr(field, "localize", False):
        schema["pattern"] = _decimal_pattern(field)
    return schema


def _temporal(
    field: Any, ctx: SchemaContext, fmt: str, setting: str, default: str = ISO_8601
) -> dict[str, Any]:
    output = getattr(field, "format", _setting(setting, default))
    iso = output is None or (isinstance(output, str) and output.lower() == ISO_8601)
    return {"type": "string", "format": fmt} if iso else {"type": "string"}


def _choice(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    values = [json_value(value) for value in field.choices]
    if getattr(field, "allow_blank", False) and "" not in values:
        values.append("")
    return values_schema(values, enum=True)


def _multiple_choice(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    schema = {"type": "array", "items": _choice(field, ctx), "uniqueItems": True}
    return {**schema, **_item_counts(field)}


def _list_field(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "array"}
    items = _field_schema(field.child, ctx) if getattr(field, "child", None) else {}
    if items:
        schema["items"] = items
    return {**schema, **_item_counts(field)}


def _dict_field(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    values = _field_schema(field.child, ctx) if getattr(field, "child", None) else {}
    if values:
        schema["additionalProperties"] = values
    if not getattr(field, "allow_empty", True):
        schema["minProperties"] = 1
    return schema


def _method(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    method = getattr(getattr(field, "parent", None), getattr(field, "method_name", ""), None)
    hints = type_hints(method, ctx) if method is not None else {}
    if "return" not in hints:
        ctx.diagnostics.warn(
            ctx.location,
            f"SerializerMethodField {_where(field)} has no return type hint; documented as any "
            f"value. Annotate {getattr(field, 'method_name', 'the method')}() with -> <type>.",
            code="untyped-method-field",
        )
        return {}
    return ctx.schema_for(hints["return"])


def _related_model(field: Any) -> Any:
    queryset = getattr(field, "queryset", None)
    if queryset is not None:
        return getattr(queryset, "model", None)
    parent = getattr(field, "parent", None)
    owner: Any = parent if _is(parent, "ManyRelatedField") else field
    model: Any = getattr(getattr(getattr(owner, "parent", None), "Meta", None), "model", None)
    try:
        return model._meta.get_field(owner.source).related_model
    except Exception:  # not a model field (a property, a dotted source…): fall back below
        return None


def _primary_key(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    if getattr(field, "pk_field", None) is not None:
        return _field_schema(field.pk_field, ctx)
    model = _related_model(field)
    pk = getattr(getattr(model, "_meta", None), "pk", None)
    while pk is not None and pk.is_relation:  # multi-table inheritance: parent_ptr
        pk = pk.target_field
    kind = pk.get_internal_type() if pk is not None else "AutoField"
    if kind.endswith(("AutoField", "IntegerField")):
        return {"type": "integer"}
    return {"type": "string", "format": "uuid"} if kind == "UUIDField" else {"type": "string"}


def _many_related(field: Any, ctx: SchemaContext) -> dict[str, Any]:
    # DRF copies help_text and the like onto child_relation: say them once, on the array.
    schema = {"type": "array", "items": _field_schema(field.child_relation, ctx, annotate=False)}
    return {**schema, **_item_counts(field)}


_STRING = {"type": "string"}
_BUILDERS: dict[str, Builder] = {
    "BooleanField": _const({"type": "boolean"}),
    "CharField": _string,
    "EmailField": partial(_string, fmt="email"),
    "URLField": partial(_string, fmt="uri"),
    "IPAddressField": _ip,
    "UUIDField": _uuid,
    "IntegerField": _integer,
    "BigIntegerField": _big_integer,
    "FloatField": _float,
    "DecimalField": _decimal,
    "DateTimeField": partial(_temporal, fmt="date-time", setting="DATETIME_FORMAT"),
    "DateField": partial(_temporal, fmt="date", setting="DATE_FORMAT"),
    "TimeField": partial(_temporal, fmt="time", setting="TIME_FORMAT"),
    # DRF before 3.16 has no DURATION_FORMAT and always writes Django's "1 02:03:04".
    "DurationField": partial(
        _temporal, fmt="duration", setting="DURATION_FORMAT", default="django"
    ),
    "ChoiceField": _choice,
    "MultipleChoiceField": _multiple_choice,
    "FileField": _const(_STRING),
    "ListField": _list_field,
    "DictField": _dict_field,
    "JSONField": _any,
    "ReadOnlyField": _any,
    "ModelField": _any,
    "_UnvalidatedField": _any,
    "SerializerMethodField": _method,
    "PrimaryKeyRelatedField": _primary_key,
    "SlugRelatedField": _const(_STRING),
    "StringRelatedField": _const(_STRING),
    "HyperlinkedRelatedField": _const({"type": "string", "format": "uri"}),
    "ManyRelatedField": _many_related,
    "RelatedField": _any,
    "ListSerializer": _list,
    "BaseSerializer": _component,
}


class SerializerConverter:
    """DRF serializer classes and instances."""

    def matches(self, obj: Any) -> bool:
        return _is_serializer(obj)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return _schema(obj, ctx, root=False)

    def convert_root(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return _schema(obj, ctx, root=True)


CONVERTERS = [SerializerConverter()]
