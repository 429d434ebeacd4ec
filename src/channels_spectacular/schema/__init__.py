"""Payload objects → JSON Schema, through a registry of small per-type converters.

A converter is any object with ``matches(obj) -> bool`` and
``convert(obj, ctx) -> dict``; third parties add their own with
:func:`register_converter`. Built-in converters for DRF and Pydantic import those
libraries only when an object from them is actually seen.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field, replace
from importlib import import_module
from typing import Any, Literal, Protocol, runtime_checkable

from ..diagnostics import Diagnostics
from .components import ComponentRegistry, ref, safe_name
from .jsonschema import KEYWORDS

__all__ = [
    "ComponentRegistry",
    "Converter",
    "Direction",
    "SchemaContext",
    "UnsupportedPayload",
    "find_converter",
    "is_supported",
    "payload_schema",
    "ref",
    "register_converter",
    "safe_name",
    "unregister_converter",
]

# "request": client → server (actions); "response": server → client (events, replies).
Direction = Literal["request", "response"]


class UnsupportedPayload(TypeError):
    """No registered converter accepts the payload object."""


@runtime_checkable
class Converter(Protocol):
    """Turns one family of payload objects into JSON Schema."""

    def matches(self, obj: Any) -> bool: ...

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]: ...


@dataclass(slots=True)  # one per message: no __dict__ to make each time
class SchemaContext:
    """State shared by the converters during one generation run."""

    components: ComponentRegistry = field(default_factory=ComponentRegistry)
    location: str = ""
    direction: Direction = "request"
    # The last schema the JSON Schema converter copied knowing it holds no "$ref" key at all:
    # the builder need not search the message built on it for '$ref' properties.
    ref_free: dict[str, Any] | None = None
    # The last schema it copied knowing that each subschema below the root is a shared leaf
    # (no enum, no object, nothing nested): none that naming.name_nested_models would title.
    leaves_only: dict[str, Any] | None = None

    @property
    def diagnostics(self) -> Diagnostics:
        return self.components.diagnostics

    def schema_for(self, obj: Any) -> dict[str, Any]:
        """JSON Schema for a nested object; named types come back as ``$ref``."""
        converter = find_converter(obj)
        if converter is None:
            self.diagnostics.warn(
                self.location,
                f"cannot describe {obj!r}; documented as any value. "
                "Register a converter with channels_spectacular.schema.register_converter().",
                code="unsupported-type",
            )
            return {}
        registry = self.components
        if registry.depth >= MAX_DEPTH:
            self.diagnostics.error(
                self.location,
                f"the payload type nests more than {MAX_DEPTH} levels deep (at {_short(obj)}); "
                "flatten it, or make the deep part a recursive type or a JSON Schema dict.",
                code="nesting-too-deep",
            )
            return {}
        registry.depth += 1
        try:
            return converter.convert(obj, self)
        finally:
            registry.depth -= 1

    def with_direction(self, direction: Direction) -> SchemaContext:
        return replace(self, direction=direction)

    def at(self, location: str) -> SchemaContext:
        return replace(self, location=location)


# Types nested deeper than this are an error: deeper, Python's recursion limit would be hit
# somewhere between conversion, copying, rendering and validation.
MAX_DEPTH = 48


def _short(obj: Any) -> str:
    try:
        text = repr(obj)
    except RecursionError:  # the repr of a deeply nested hint recurses as deep
        text = getattr(obj, "__qualname__", type(obj).__name__)
    return text if len(text) <= 80 else text[:77] + "..."


_converters: list[Converter] = []
# Tried in this order: a Composite first (its own wrapper); a dict is shorthand
# ({"id": "uuid"}) or a JSON Schema before anything else; type hints come last.
_BUILTIN_MODULES = (
    "composite",
    "shorthand",
    "jsonschema",
    "drf",
    "pydantic",
    "pydantic_v1",
    "hints",
)
_builtins_loaded = False
# The JSON Schema converter while the built-in ones come first (none registered before
# them): a plain dict of keywords only is then its payload, without asking each converter.
_keywords_dict: Converter | None = None


def register_converter(converter: Converter, *, first: bool = True) -> Converter:
    """Add a converter; by default it is tried before the built-in ones, else after them."""
    if not isinstance(converter, Converter):
        raise TypeError(
            f"{converter!r} is not a payload converter: it needs matches(obj) and "
            "convert(obj, ctx) methods."
        )
    _load_builtins()  # so that first=False really means "after the built-in converters"
    if first:
        _converters.insert(0, converter)
    else:
        _converters.append(converter)
    _refresh()
    return converter


def unregister_converter(converter: Converter) -> None:
    """Remove a converter added with :func:`register_converter` (e.g. at the end of a test)."""
    _converters[:] = [c for c in _converters if c is not converter]
    if _builtins_loaded:
        _refresh()


def _load_builtins() -> None:
    global _builtins_loaded
    if _builtins_loaded:
        return
    modules = [import_module(f"{__name__}.{name}") for name in _BUILTIN_MODULES]
    builtins = [c for m in modules for c in m.CONVERTERS]
    # Only now: a failed import above leaves the registry untouched and is retried next time.
    _converters.extend(builtins)
    _builtins_loaded = True
    _refresh()


def _refresh() -> None:
    global _keywords_dict
    from .composite import CONVERTERS as composite
    from .jsonschema import CONVERTERS as jsonschema
    from .shorthand import CONVERTERS as shorthand

    head: list[Converter] = [*composite, *shorthand, *jsonschema]
    # Composite takes no dict and shorthand no dict whose keys are all keywords: the JSON
    # Schema converter is what the loop below would find.
    same = len(_converters) >= len(head) and all(map(operator.is_, _converters, head))
    # payload_schema calls its convert() directly: only while it has no convert_root.
    plain = getattr(head[-1], "convert_root", None) is None
    _keywords_dict = head[-1] if same and plain else None


def find_converter(obj: Any) -> Converter | None:
    """The first registered converter that accepts ``obj``."""
    if not _builtins_loaded:  # asked for every payload and nested type: no call when loaded
        _load_builtins()
    if type(obj) is dict and _keywords_dict is not None and KEYWORDS.issuperset(obj):
        return _keywords_dict
    for converter in _converters:
        if converter.matches(obj):
            return converter
    return None


def is_supported(obj: Any) -> bool:
    """True when ``obj`` can be used as a payload (``None`` means: envelope only)."""
    return obj is None or find_converter(obj) is not None


def payload_schema(obj: Any, ctx: SchemaContext) -> dict[str, Any] | None:
    """The root schema of a message payload: inline where possible, ``None`` for no payload."""
    if obj is None:
        return None
    if type(obj) is dict and _keywords_dict is not None and KEYWORDS.issuperset(obj):
        # find_converter's first test, inlined: most payloads are such dicts.
        return _keywords_dict.convert(obj, ctx)
    converter = find_converter(obj)
    if converter is None:
        raise UnsupportedPayload(f"{ctx.location}: unsupported payload {obj!r}")
    if converter is _keywords_dict:
        # No convert_root (_refresh checks): getattr() would raise and catch inside to say
        # so, for nearly every payload.
        return converter.convert(obj, ctx)
    root = getattr(converter, "convert_root", None)
    return root(obj, ctx) if root is not None else converter.convert(obj, ctx)
