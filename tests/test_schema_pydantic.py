"""Pydantic v2 models → JSON Schema, with $defs hoisted into components."""

import dataclasses
import types

import pytest
from pydantic import BaseModel, Field
from pydantic.dataclasses import dataclass as pydantic_dataclass

from channels_spectacular.schema import SchemaContext, is_supported, payload_schema
from tests.support.payloads import Color, Item, Order, Zoo
from tests.support.schemas import NULL, convert, ref

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ITEM = {
    "title": "Item",
    "description": "One line of an order.",
    "type": "object",
    "properties": {
        "sku": {
            "type": "string",
            "minLength": 3,
            "maxLength": 12,
            "description": "Stock keeping unit",
        },
        "quantity": {
            "type": "integer",
            "minimum": 1,
            "maximum": 99,
            "default": 1,
        },
        "color": {"anyOf": [ref("Color"), NULL], "default": None},
    },
    "required": ["sku"],
}
COLOR = {"title": "Color", "type": "string", "enum": ["red", "green"]}


def test_request_payload_uses_the_validation_schema() -> None:
    root, components = convert(Order, "request")
    assert root == {
        "title": "OrderRequest",  # the response side has the computed "total" too
        "type": "object",
        "properties": {
            "orderId": {"type": "integer"},
            "items": {"type": "array", "items": ref("Item")},
            "note": {"anyOf": [{"type": "string"}, NULL], "default": None},
        },
        "required": ["orderId", "items"],
    }
    assert components == {"Item": ITEM, "Color": COLOR}


def test_response_payload_uses_the_serialization_schema() -> None:
    root, components = convert(Order, "response")
    assert root["properties"]["total"] == {"type": "integer", "readOnly": True}
    assert root["required"] == ["orderId", "items", "total"]
    assert components == {"Item": ITEM, "Color": COLOR}


def test_request_component_is_split_only_when_the_schemas_differ() -> None:
    class Basket(BaseModel):
        order: Order
        item: Item

    ctx = SchemaContext(location="Shop.handle_order")
    request = payload_schema(Basket, ctx)
    response = payload_schema(Basket, ctx.with_direction("response"))
    assert request["properties"]["order"] == ref("OrderRequest")
    assert response["properties"]["order"] == ref("Order")
    assert request["properties"]["item"] == response["properties"]["item"] == ref("Item")
    assert sorted(ctx.components.schemas) == ["Color", "Item", "Order", "OrderRequest"]
    assert "total" not in ctx.components.schemas["OrderRequest"]["properties"]
    assert "total" in ctx.components.schemas["Order"]["properties"]
    assert ctx.components.schemas["OrderRequest"]["title"] == "OrderRequest"
    assert ctx.components.schemas["Order"]["title"] == "Order"


def test_nested_model_is_a_ref_and_root_is_inline() -> None:
    ctx = SchemaContext()
    assert ctx.schema_for(Item) == ref("Item")
    assert payload_schema(Item, ctx) == ref("Item")  # already a component: reuse it
    fresh = SchemaContext()
    assert payload_schema(Item, fresh) == ITEM
    assert fresh.components.schemas == {"Color": COLOR}


# ---- same names, recursion ----------------------------------------------------------------


def _module(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    exec(source, module.__dict__)
    return module


geo = _module("geo", "from pydantic import BaseModel\nclass Point(BaseModel):\n    lat: float\n")
screen = _module("screen", "from pydantic import BaseModel\nclass Point(BaseModel):\n    x: int\n")


class Route(BaseModel):
    start: geo.Point
    cursor: screen.Point = Field(description="Where the pointer is")
    end: geo.Point


def test_same_named_models_never_overwrite_each_other() -> None:
    ctx = SchemaContext(location="Map.handle_route")
    root, components = convert(Route, ctx=ctx)
    assert root["properties"] == {
        "start": ref("Point"),
        "cursor": {"allOf": [ref("Point2")], "description": "Where the pointer is"},
        "end": ref("Point"),
    }
    assert components["Point"]["properties"] == {"lat": {"type": "number"}}
    assert components["Point2"]["properties"] == {"x": {"type": "integer"}}
    assert (components["Point"]["title"], components["Point2"]["title"]) == ("Point", "Point2")
    [warning] = ctx.diagnostics.warnings
    assert warning.code == "component-name-collision"
    assert "screen.Point" in warning.message and "geo.Point" in warning.message


def test_same_named_models_across_payloads() -> None:
    ctx = SchemaContext()
    assert payload_schema(list[screen.Point], ctx) == {"type": "array", "items": ref("Point")}
    assert payload_schema(list[geo.Point], ctx) == {"type": "array", "items": ref("Point2")}
    assert payload_schema(Route, ctx)["properties"]["start"] == ref("Point2")
    assert ctx.components.schemas["Point2"]["properties"] == {"lat": {"type": "number"}}


class Category(BaseModel):
    name: str
    children: list["Category"] = []
    parent: "Category | None" = None


def test_recursive_model_stays_a_component() -> None:
    root, components = convert(Category)
    assert root == ref("Category")
    assert components == {
        "Category": {
            "title": "Category",
            "type": "object",
            "properties": {
                "name": {"type": "string"},
                "children": {
                    "type": "array",
                    "items": ref("Category"),
                    "default": [],
                },
                "parent": {"anyOf": [ref("Category"), NULL], "default": None},
            },
            "required": ["name"],
        }
    }


# ---- interplay with the other converters ---------------------------------------------------


@dataclasses.dataclass
class Swatch:
    color: Color


def test_enum_shared_with_a_dataclass_is_one_component() -> None:
    ctx = SchemaContext()
    payload_schema(Swatch, ctx)
    payload_schema(Item, ctx)
    assert sorted(ctx.components.schemas) == ["Color"]
    assert ctx.diagnostics.items == []


def test_model_inside_a_type_hint() -> None:
    root, components = convert(dict[str, Item | None])
    assert root == {"type": "object", "additionalProperties": {"oneOf": [ref("Item"), NULL]}}
    assert set(components) == {"Item", "Color"}


def test_discriminator_becomes_the_asyncapi_property_name() -> None:
    root, components = convert(Zoo)
    assert root["properties"]["pet"] == {
        "oneOf": [ref("Cat"), ref("Dog")],
        "discriminator": "kind",
    }
    assert set(components) == {"Cat", "Dog"}


@pydantic_dataclass
class Reading:
    """A sensor reading."""

    value: float = Field(ge=0)


def test_pydantic_dataclass() -> None:
    assert is_supported(Reading)
    root, _ = convert(Reading)
    assert root == {
        "title": "Reading",
        "description": "A sensor reading.",
        "type": "object",
        "properties": {"value": {"type": "number", "minimum": 0}},
        "required": ["value"],
    }


def test_model_that_cannot_be_built_is_an_error() -> None:
    class Pending(BaseModel):
        later: "NotDefinedYet"  # type: ignore[name-defined]  # noqa: F821

    ctx = SchemaContext(location="Shop.handle_order")
    assert payload_schema(Pending, ctx) == {}
    [error] = ctx.diagnostics.errors
    assert error.code == "pydantic-error"
    assert error.location == "Shop.handle_order"
    assert "Pending" in error.message


@pytest.mark.parametrize("direction", ["request", "response"])
def test_output_is_deterministic(direction: str) -> None:
    assert convert(Route, direction) == convert(Route, direction)


def test_matching() -> None:
    assert is_supported(Order)
    assert not is_supported(Order(orderId=1, items=[]))
    assert not is_supported(Field(default=1))
