"""Pydantic v1-style models (``pydantic.v1.BaseModel``) → JSON Schema, definitions hoisted.

Projects written for django-channels-spectacular often still use v1 models (through
Pydantic 2's ``pydantic.v1`` namespace). Their ``.schema()`` puts nested models under
``definitions``; each becomes a component keyed by its class, like Pydantic 2 models.
"""

from __future__ import annotations

import sys
from collections.abc import Hashable
from typing import TYPE_CHECKING, Any

from .jsonschema import transform

if TYPE_CHECKING:
    from . import SchemaContext

__all__ = ["CONVERTERS", "PydanticV1Converter"]

DEFINITIONS = "#/definitions/"


def _v1_base() -> type | None:
    main = sys.modules.get("pydantic.v1.main")
    return getattr(main, "BaseModel", None)


class PydanticV1Converter:
    """Subclasses of ``pydantic.v1.BaseModel``."""

    def matches(self, obj: Any) -> bool:
        base = _v1_base()
        return base is not None and isinstance(obj, type) and issubclass(obj, base)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return _Model(obj, ctx).ref()

    def convert_root(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return _Model(obj, ctx).root()


class _Model:
    """One model's ``.schema()`` with its definitions as components of ``ctx.components``."""

    def __init__(self, model: type, ctx: SchemaContext) -> None:
        self.model, self.ctx = model, ctx
        self.schema: dict[str, Any] | None = None
        self.definitions: dict[str, Any] = {}
        self.classes: dict[str, Any] = {}

    def ref(self) -> dict[str, Any]:
        build = self._builder(None)
        return self.ctx.components.named(self.model, self.model.__name__, build, self.ctx.location)

    def root(self) -> dict[str, Any]:
        build = self._builder(None)
        return self.ctx.components.inline(self.model, self.model.__name__, build, self.ctx.location)

    def _load(self) -> None:
        if self.schema is not None:
            return
        from pydantic.v1.schema import get_flat_models_from_model, get_model_name_map

        names = get_model_name_map(get_flat_models_from_model(self.model))
        self.classes = {name: cls for cls, name in names.items()}
        schema = self.model.schema(by_alias=True)  # type: ignore[attr-defined]
        self.definitions = schema.pop("definitions", {})
        self.schema = schema

    def _builder(self, name: str | None) -> Any:
        def build() -> dict[str, Any]:
            try:
                self._load()
            except Exception as exc:  # unresolved forward refs, unsupported field types, …
                self.ctx.diagnostics.error(
                    self.ctx.location,
                    f"Pydantic cannot build a JSON Schema for {self.model.__qualname__}: {exc}",
                    code="pydantic-error",
                )
                return {}
            source = self.schema if name is None else self.definitions[name]
            return dict(transform(source, self._rewrite))

        return build

    def _rewrite(self, node: dict[str, Any]) -> dict[str, Any]:
        target = node.get("$ref")
        if not (isinstance(target, str) and target.startswith(DEFINITIONS)):
            return node
        name = target[len(DEFINITIONS) :]
        cls = self.classes.get(name)
        key: Hashable = cls if cls is not None else ("pydantic.v1", self.model, name)
        component = getattr(cls, "__name__", name)
        ref = self.ctx.components.named(key, component, self._builder(name), self.ctx.location)
        rest = {k: v for k, v in node.items() if k != "$ref"}
        return {"allOf": [ref], **rest} if rest else ref


CONVERTERS = [PydanticV1Converter()]
