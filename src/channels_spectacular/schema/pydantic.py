"""Pydantic v2 models (and Pydantic dataclasses) → JSON Schema, ``$defs`` hoisted to components.

- Requests use ``model_json_schema(mode="validation")``, responses ``mode="serialization"``,
  always ``by_alias=True``; descriptions, constraints, titles and defaults are kept.
- Every ``$defs`` entry becomes a component keyed by the Python class it describes, never by
  Pydantic's definition name: while Pydantic builds the schema of a model, dataclass,
  TypedDict or Enum, the class is tagged on it. So ``a.Point`` and ``b.Point`` stay two
  components (``Point``, ``Point2``, with a warning), and an Enum also used by a dataclass
  payload is one component.
- A class whose validation and serialization schemas differ (or that nests such a class) is
  ``<Name>Request`` on the request side; otherwise one component serves both.
- The result is made draft-07 friendly: ``$defs`` removed, a ``$ref`` with siblings wrapped
  in ``allOf``, and Pydantic's OpenAPI-style ``discriminator`` object turned into the
  property-name string AsyncAPI schemas use.

Pydantic is never imported here before a Pydantic class has been seen.
"""

from __future__ import annotations

import sys
import weakref
from collections.abc import Hashable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

from .components import SCHEMAS_POINTER, safe_name
from .helpers import titled
from .jsonschema import transform, walk

if TYPE_CHECKING:
    from . import SchemaContext
    from .components import ComponentRegistry

__all__ = ["CONVERTERS", "PydanticConverter"]

# The tag Pydantic's generated schemas carry until they are hoisted.
MARK = "x-channels-spectacular-class"
ROOT = "#root"  # never a Pydantic definition name
MODES = {"request": "validation", "response": "serialization"}


def _is_pydantic(obj: Any) -> bool:
    if not isinstance(obj, type):
        return False
    main, dataclasses = sys.modules.get("pydantic.main"), sys.modules.get("pydantic.dataclasses")
    if main is not None and issubclass(obj, main.BaseModel):
        return True
    return dataclasses is not None and bool(dataclasses.is_pydantic_dataclass(obj))


def _tagging_generator(classes: list[type]) -> type:
    """A ``GenerateJsonSchema`` that tags each class schema with its index in ``classes``."""
    from pydantic.json_schema import GenerateJsonSchema

    def tag(core: Any, schema: dict[str, Any]) -> dict[str, Any]:
        cls = core.get("cls")
        if isinstance(cls, type) and isinstance(schema, dict):
            if not any(c is cls for c in classes):
                classes.append(cls)
            schema[MARK] = next(i for i, c in enumerate(classes) if c is cls)
        return schema

    class Tagging(GenerateJsonSchema):
        def field_title_should_be_set(self, schema: Any) -> bool:
            # Automatic titles ("Ride Id") add noise, and code generators would turn two
            # "Status" enums into one type; titles given with Field(title=...) still appear.
            return False

        def model_schema(self, schema: Any) -> dict[str, Any]:
            return tag(schema, super().model_schema(schema))

        def dataclass_schema(self, schema: Any) -> dict[str, Any]:
            return tag(schema, super().dataclass_schema(schema))

        def typed_dict_schema(self, schema: Any) -> dict[str, Any]:
            return tag(schema, super().typed_dict_schema(schema))

        def enum_schema(self, schema: Any) -> dict[str, Any]:
            return tag(schema, super().enum_schema(schema))

    return Tagging


class _Generated:
    """One Pydantic run: definitions by name, the class behind each, and the root's name."""

    def __init__(self, model: type, mode: str) -> None:
        classes: list[type] = []
        options = {
            "mode": mode,
            "by_alias": True,
            "ref_template": SCHEMAS_POINTER + "{model}",
            "schema_generator": _tagging_generator(classes),
        }
        top = dict(_json_schema(model, options))
        self.defs: dict[str, dict[str, Any]] = dict(top.pop("$defs", {}))
        wrapped = top.get("allOf")
        if set(top) == {"allOf"} and isinstance(wrapped, list) and len(wrapped) == 1:
            top = dict(wrapped[0])  # older Pydantic wraps a recursive root's $ref in allOf
        target = top.get("$ref")
        if set(top) == {"$ref"} and isinstance(target, str) and target.startswith(SCHEMAS_POINTER):
            self.root = target[len(SCHEMAS_POINTER) :]
        else:
            self.root, self.defs[ROOT] = ROOT, top
        self.owners = {n: classes[s[MARK]] for n, s in self.defs.items() if MARK in s}

    def target(self, node: Mapping[str, Any]) -> str | None:
        """The definition name a ``$ref`` node points at, if it is one of ours."""
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(SCHEMAS_POINTER):
            name = ref[len(SCHEMAS_POINTER) :]
            return name if name in self.defs else None
        return None

    def by_class(self) -> dict[Any, Any]:
        """Each class's schema with refs naming classes, for comparing two modes."""

        def normalize(node: dict[str, Any]) -> dict[str, Any]:
            name = self.target(node)
            if name is not None:
                node["$ref"] = self.owners.get(name, name)
            node.pop(MARK, None)
            return node

        return {self.owners.get(n, n): transform(s, normalize) for n, s in self.defs.items()}


# One Pydantic run per (class, mode) and generation: a generation has one component
# registry, so the runs live as long as it does. A ``_Generated`` is never mutated after
# it is built (``transform`` deep-copies what it hands out), so sharing it is safe.
_RUNS: weakref.WeakKeyDictionary[ComponentRegistry, dict[tuple[type, str], _Generated]] = (
    weakref.WeakKeyDictionary()
)


def _generated(model: type, mode: str, ctx: SchemaContext) -> _Generated:
    runs = _RUNS.setdefault(ctx.components, {})
    run = runs.get((model, mode))
    if run is None:
        run = runs[model, mode] = _Generated(model, mode)
    return run


def _json_schema(model: Any, options: dict[str, Any]) -> dict[str, Any]:
    main = sys.modules.get("pydantic.main")
    if main is not None and issubclass(model, main.BaseModel):
        schema: dict[str, Any] = model.model_json_schema(**options)
        return schema
    from pydantic import TypeAdapter

    return TypeAdapter(model).json_schema(**options)


def _refs(schema: Any) -> set[Any]:
    return {s["$ref"] for s in walk(schema) if "$ref" in s}


def _split(runs: Mapping[str, _Generated]) -> set[Any]:
    """Classes whose request and response schemas differ, directly or through what they nest."""
    request, response = runs["request"].by_class(), runs["response"].by_class()
    differs = {c for c in request.keys() | response.keys() if request.get(c) != response.get(c)}
    nests = {c: _refs(request.get(c)) | _refs(response.get(c)) for c in request | response}
    changed = True
    while changed:
        grown = {c for c, inner in nests.items() if c not in differs and inner & differs}
        differs |= grown
        changed = bool(grown)
    return differs


class _Hoister:
    """Turns one model's definitions into components of ``ctx.components``."""

    def __init__(self, model: type, ctx: SchemaContext) -> None:
        self.model, self.ctx = model, ctx
        runs = {d: _generated(model, mode, ctx) for d, mode in MODES.items()}
        self.run = runs[ctx.direction]
        self.split = _split(runs)

    def key(self, name: str) -> tuple[Hashable, str]:
        """The registry key and component name for one definition."""
        cls = self.run.owners.get(name)
        if cls is None:
            return ("pydantic", self.model, self.ctx.direction, name), name
        request = self.ctx.direction == "request" and cls in self.split
        return ((cls, "request") if request else cls), cls.__name__ + ("Request" if request else "")

    def ref(self, name: str) -> dict[str, Any]:
        key, component = self.key(name)
        build = partial(self.build, name, key, component)
        return self.ctx.components.named(key, component, build, self.ctx.location)

    def root(self) -> dict[str, Any]:
        key, component = self.key(self.run.root)
        build = partial(self.build, self.run.root, key, component)
        return self.ctx.components.inline(key, component, build, self.ctx.location)

    def build(self, name: str, key: Hashable, wanted: str) -> dict[str, Any]:
        schema: dict[str, Any] = transform(self.run.defs[name], self.rewrite)
        final = self.ctx.components.name_of(key) or wanted
        # Pydantic's title stays, unless the component had to be renamed (Point2, XRequest).
        renamed = final != safe_name(getattr(self.run.owners.get(name), "__name__", name))
        return titled(schema, final) if renamed or "title" not in schema else schema

    def rewrite(self, node: dict[str, Any]) -> dict[str, Any]:
        node.pop(MARK, None)
        if isinstance(node.get("discriminator"), Mapping):
            prop = node.pop("discriminator").get("propertyName")
            if isinstance(prop, str):
                node["discriminator"] = prop
        name = self.run.target(node)
        if name is None:
            return node
        del node["$ref"]
        ref = self.ref(name)
        return {"allOf": [ref], **node} if node else ref


def _known(model: type, ctx: SchemaContext) -> dict[str, Any] | None:
    """A ``$ref`` without running Pydantic, when the answer is certain already."""
    key: Hashable = (model, "request") if ctx.direction == "request" else model
    name = ctx.components.name_of(key)
    return ctx.components.ref(name) if name is not None else None


class PydanticConverter:
    """Pydantic ``BaseModel`` subclasses and Pydantic dataclasses."""

    def matches(self, obj: Any) -> bool:
        return _is_pydantic(obj)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        known = _known(obj, ctx)
        if known is not None:
            return known
        hoister = self._hoister(obj, ctx)
        return hoister.ref(hoister.run.root) if hoister else {}

    def convert_root(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        hoister = self._hoister(obj, ctx)
        return hoister.root() if hoister else {}

    def _hoister(self, obj: type, ctx: SchemaContext) -> _Hoister | None:
        try:
            return _Hoister(obj, ctx)
        except Exception as exc:  # PydanticUserError, PydanticInvalidForJsonSchema, …
            ctx.diagnostics.error(
                ctx.location,
                f"Pydantic cannot build a JSON Schema for {obj.__qualname__}: {exc}",
                code="pydantic-error",
            )
            return None


CONVERTERS = [PydanticConverter()]
