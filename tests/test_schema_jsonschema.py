"""JSON Schema dicts used as payloads."""

import datetime
from types import MappingProxyType
from typing import Any

import pytest
from jsonschema import Draft7Validator

from channels_spectacular.schema import ComponentRegistry, SchemaContext, payload_schema
from channels_spectacular.schema.jsonschema import copy_json, transform, walk

LOCATION = "RideConsumer.handle_request_ride"


def context(**predefined: dict[str, Any]) -> SchemaContext:
    return SchemaContext(ComponentRegistry(predefined=predefined), LOCATION)


RIDE = {
    "type": "object",
    "properties": {
        "pickup": {"$ref": "#/components/schemas/Location"},
        "stops": {"type": "array", "items": {"$ref": "#/components/schemas/Location"}},
        "fare": {"type": "string", "pattern": r"^\d+\.\d{2}$"},
    },
    "required": ["pickup"],
}


def test_schema_is_used_verbatim_as_a_copy() -> None:
    ctx = context(Location={"type": "object"})
    schema = payload_schema(RIDE, ctx)
    assert schema == RIDE
    Draft7Validator.check_schema(schema)
    schema["properties"]["fare"]["pattern"] = "changed"
    assert RIDE["properties"]["fare"]["pattern"] == r"^\d+\.\d{2}$"  # type: ignore[index]
    assert ctx.diagnostics.items == []
    assert ctx.components.schemas == {"Location": {"type": "object"}}


def test_any_mapping_becomes_plain_json() -> None:
    frozen = MappingProxyType({"type": "array", "items": MappingProxyType({"enum": ("a", "b")})})
    assert payload_schema(frozen, context()) == {"type": "array", "items": {"enum": ["a", "b"]}}


@pytest.mark.parametrize(
    "schema",
    [
        {},
        {"x-internal": True},
        {"type": ["string", "null"]},
        {"title": "Anything"},
        {"$ref": "x.json"},
    ],
)
def test_unusual_but_valid_schemas_pass(schema: dict[str, Any]) -> None:
    ctx = context()
    assert payload_schema(schema, ctx) == schema
    assert ctx.diagnostics.items == []


def test_unresolved_ref_is_an_error_naming_location_ref_and_fix() -> None:
    ctx = context()
    assert payload_schema(RIDE, ctx) == RIDE
    [error] = ctx.diagnostics.errors
    assert error.location == LOCATION
    assert error.code == "unresolved-ref"
    assert "'#/components/schemas/Location'" in error.message
    assert "Add 'Location' to CHANNELS_SPECTACULAR_SETTINGS['COMPONENTS']" in error.message
    assert len(ctx.diagnostics.items) == 1  # one error per missing target, not per use


@pytest.mark.parametrize(
    "schema",
    [
        {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Missing"}]},
        {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Missing"}},
        {"not": {"$ref": "#/components/schemas/Missing/properties/a"}},
        {"$defs": {"a": {"$ref": "#/components/schemas/Missing"}}},
    ],
)
def test_refs_are_found_in_every_subschema(schema: dict[str, Any]) -> None:
    ctx = context()
    payload_schema(schema, ctx)
    [error] = ctx.diagnostics.errors
    assert "'Missing'" in error.message


def test_ref_shaped_data_is_not_a_ref() -> None:
    schema = {
        "type": "object",
        "default": {"$ref": "#/components/schemas/Missing"},
        "examples": [{"$ref": "#/nowhere"}],
        "properties": {"$ref": {"type": "string"}},
    }
    ctx = context()
    assert payload_schema(schema, ctx) == schema
    assert ctx.diagnostics.items == []


def test_escaped_component_name_resolves() -> None:
    ctx = context(**{"a/b": {"type": "string"}})
    payload_schema({"$ref": "#/components/schemas/a~1b"}, ctx)
    assert ctx.diagnostics.items == []


def test_local_ref_would_dangle_in_the_document() -> None:
    ctx = context()
    payload_schema({"$ref": "#/definitions/Point", "definitions": {"Point": {}}}, ctx)
    [error] = ctx.diagnostics.errors
    assert error.code == "unresolved-ref"
    assert "'#/definitions/Point'" in error.message
    assert "COMPONENTS" in error.message


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({1: {"type": "string"}}, "non-string key 1"),
        ({"type": "object", "properties": {2: {}}}, "non-string key 2 at /properties"),
        ({"name": 1, "age": [2]}, "none of its keys (age, name)"),  # shorthand needs strings
        ({"type": "str"}, "\"type\": 'str'"),
        ({"properties": {"a": {"type": int}}}, "is a type, not JSON data"),
        ({"type": "string", "default": datetime.date(2024, 1, 1)}, "/default is a date"),
        ({"type": "object", "properties": ["a"]}, '"properties" must map'),
        ({"type": "object", "required": "a"}, '"required" must be a list'),
    ],
)
def test_obviously_not_a_schema_is_an_error(payload: dict[Any, Any], reason: str) -> None:
    ctx = context()
    assert payload_schema(payload, ctx) == {}
    [error] = ctx.diagnostics.errors
    assert error.location == LOCATION
    assert error.code == "invalid-schema"
    assert reason in error.message


def test_walk_visits_subschemas_only() -> None:
    schema = {
        "type": "object",
        "properties": {"a": {"type": "string"}, "b": {"items": [{"type": "integer"}]}},
        "enum": [{"type": "not a subschema"}],
        "if": {"const": 1},
    }
    assert [s.get("type") or s.get("const") for s in walk(schema)] == [
        "object",
        "string",
        None,
        "integer",
        1,
    ]


def test_transform_rewrites_innermost_first_and_copies() -> None:
    schema = {"allOf": [{"$ref": "A"}], "const": {"$ref": "A"}}
    seen: list[dict[str, Any]] = []

    def rename(node: dict[str, Any]) -> dict[str, Any]:
        seen.append(dict(node))
        return {**node, "$ref": "B"} if node.get("$ref") == "A" else node

    result = transform(schema, rename)
    assert result == {"allOf": [{"$ref": "B"}], "const": {"$ref": "A"}}
    assert seen[0] == {"$ref": "A"}
    assert schema["allOf"] == [{"$ref": "A"}]
    assert copy_json(({"a": (1, 2)},)) == [{"a": [1, 2]}]


def _nested(leaf: dict[str, Any], levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = leaf
    for _ in range(levels):
        schema = {"type": "object", "properties": {"inner": schema}}
    return schema


@pytest.mark.parametrize(
    "leaf",
    [
        {"type": "integer", "minimum": 0},
        {"type": ["string", "null"], "examples": ["a"]},
        {"type": "array", "items": {"type": "string"}},
    ],
)
def test_a_leaf_seen_before_is_checked_again_at_every_depth(leaf: dict[str, Any]) -> None:
    # Equal leaves are checked once and shared; near the nesting limit, one that a shallow
    # payload passed must still be refused as the same payload alone is.
    for levels in range(46, 52):
        alone, after = context(), context()
        alone.components.leaves, after.components.leaves = {}, {}
        assert payload_schema({"type": "object", "properties": {"a": leaf}}, after) == {
            "type": "object",
            "properties": {"a": leaf},
        }
        deep = _nested(leaf, levels)
        assert payload_schema(deep, after) == payload_schema(deep, alone)
        assert [e.code for e in after.diagnostics.items] == [
            e.code for e in alone.diagnostics.items
        ]
    assert [e.code for e in alone.diagnostics.items] == ["nesting-too-deep"]  # 51 levels


def test_shared_leaves_are_equal_content_of_the_same_json_types() -> None:
    ctx = context()
    ctx.components.leaves = {}
    first = payload_schema({"properties": {"a": {"minimum": 1}, "b": {"minimum": 1}}}, ctx)
    other = payload_schema({"properties": {"a": {"minimum": True}, "b": {"minimum": 1.0}}}, ctx)
    assert first is not None and other is not None
    assert first["properties"]["a"] is first["properties"]["b"]  # one object per content
    # 1, True and 1.0 are equal in Python, not in the document: three leaves.
    assert other["properties"]["a"] is not first["properties"]["a"]
    assert other["properties"]["a"]["minimum"] is True
    assert type(other["properties"]["b"]["minimum"]) is float
