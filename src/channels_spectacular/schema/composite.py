"""A JSON Schema dict with payload objects in some places, e.g. a serializer under ``data``.

Frames of frameworks that wrap a model in an envelope of their own (djangochannelsrestframework:
``{"action", "request_id", "data": <serializer>}``) are a schema whose leaves are payloads of
any supported kind; each leaf goes through the converter that accepts it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import SchemaContext

__all__ = ["CONVERTERS", "Composite"]

_JSON_LEAVES = (str, int, float, bool, type(None))


@dataclass(frozen=True, eq=False)
class Composite:
    """A schema dict; any value that is not JSON (a class, a serializer) is a payload."""

    schema: Mapping[str, Any]


class CompositeConverter:
    """``Composite`` payloads: JSON kept, payload objects converted in place."""

    def matches(self, obj: Any) -> bool:
        return isinstance(obj, Composite)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return dict(_resolve(obj.schema, ctx))


def _resolve(value: Any, ctx: SchemaContext) -> Any:
    if isinstance(value, Mapping):
        return {k: _resolve(v, ctx) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_resolve(v, ctx) for v in value]
    if isinstance(value, _JSON_LEAVES):
        return value
    return ctx.schema_for(value)


CONVERTERS = [CompositeConverter()]
