"""Helpers the converter tests share: refs, and a checked conversion."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft7Validator

from channels_spectacular.schema import SchemaContext, payload_schema
from channels_spectacular.schema.jsonschema import walk

REF = "#/components/schemas/"
NULL = {"type": "null"}


def ref(name: str) -> dict[str, str]:
    return {"$ref": REF + name}


def convert(obj: Any, direction: str = "request", ctx: SchemaContext | None = None) -> Any:
    """The root schema and the components, checked: draft-07, no $defs, refs resolve."""
    ctx = ctx or SchemaContext(location="Shop.handle_order", direction=direction)  # type: ignore[arg-type]
    root = payload_schema(obj, ctx)
    schemas = ctx.components.schemas
    for schema in [root, *schemas.values()]:
        Draft7Validator.check_schema(schema)
        for node in walk(schema):
            assert "$defs" not in node
            target = node.get("$ref")
            assert target is None or target.removeprefix(REF) in schemas, target
    return root, schemas
