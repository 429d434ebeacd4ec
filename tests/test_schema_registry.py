"""The converter registry, the SchemaContext and the component registry."""

import dataclasses
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft7Validator

from channels_spectacular.schema import (
    ComponentRegistry,
    Converter,
    SchemaContext,
    UnsupportedPayload,
    find_converter,
    is_supported,
    payload_schema,
    register_converter,
    unregister_converter,
)
from channels_spectacular.schema.components import describe, safe_name
from channels_spectacular.schema.hints import TypeHintConverter
from channels_spectacular.schema.jsonschema import JsonSchemaConverter

pytestmark = pytest.mark.minimum  # also on the lowest supported versions


class Money:
    """A third-party value type no built-in converter knows."""


class MoneyConverter:
    def matches(self, obj: Any) -> bool:
        return obj is Money

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return ctx.components.named(obj, "Money", lambda: {"title": "Money", "type": "string"})


class CatchAll:
    def matches(self, obj: Any) -> bool:
        return True

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        return {"description": "anything"}


@pytest.fixture
def money() -> Iterator[MoneyConverter]:
    converter = register_converter(MoneyConverter())
    assert isinstance(converter, MoneyConverter)
    yield converter
    unregister_converter(converter)


@dataclasses.dataclass
class Wallet:
    balance: Money
    owner: str


def test_third_party_converter_is_used_for_its_type_and_nested(money: MoneyConverter) -> None:
    assert is_supported(Money)
    assert find_converter(Money) is money
    ctx = SchemaContext(location="Bank.handle_pay")
    assert payload_schema(Money, ctx) == {"$ref": "#/components/schemas/Money"}
    assert payload_schema(Wallet, ctx) == {
        "title": "Wallet",
        "type": "object",
        "properties": {
            "balance": {"$ref": "#/components/schemas/Money"},
            "owner": {"type": "string"},
        },
        "required": ["balance", "owner"],
    }
    assert ctx.components.schemas == {"Money": {"title": "Money", "type": "string"}}
    assert ctx.diagnostics.items == []


def test_unregistering_restores_the_previous_behaviour() -> None:
    converter = register_converter(MoneyConverter())
    unregister_converter(converter)
    assert not is_supported(Money)
    assert find_converter(Money) is None


def test_first_false_puts_a_converter_after_the_builtins() -> None:
    fallback = register_converter(CatchAll(), first=False)
    try:
        assert isinstance(find_converter({"type": "string"}), JsonSchemaConverter)
        assert isinstance(find_converter(int), TypeHintConverter)
        assert find_converter(Money) is fallback
    finally:
        unregister_converter(fallback)


def test_a_converter_registered_first_takes_even_plain_json_schema_dicts() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    catch_all = register_converter(CatchAll())
    try:
        assert find_converter(schema) is catch_all
        assert payload_schema(schema, SchemaContext()) == {"description": "anything"}
    finally:
        unregister_converter(catch_all)
    assert isinstance(find_converter(schema), JsonSchemaConverter)
    assert payload_schema(schema, SchemaContext()) == schema


def test_register_rejects_objects_without_the_protocol() -> None:
    with pytest.raises(TypeError, match="matches"):
        register_converter(object())
    assert isinstance(MoneyConverter(), Converter)


def test_converter_without_convert_root_is_used_for_the_root(money: MoneyConverter) -> None:
    ctx = SchemaContext()
    assert payload_schema(Money, ctx) == {"$ref": "#/components/schemas/Money"}


def test_payload_none_and_unsupported_payloads() -> None:
    assert payload_schema(None, SchemaContext()) is None
    assert is_supported(None)
    with pytest.raises(UnsupportedPayload, match=r"Here\.there"):
        payload_schema(Money, SchemaContext(location="Here.there"))
    assert not is_supported(object())
    assert not is_supported("int")
    assert not is_supported(list[Money])


def test_unsupported_nested_type_warns_and_documents_any_value() -> None:
    ctx = SchemaContext(location="Bank.handle_pay")
    assert ctx.schema_for(Money) == {}
    [warning] = ctx.diagnostics.warnings
    assert warning.location == "Bank.handle_pay"
    assert warning.code == "unsupported-type"
    assert "register_converter" in warning.message


def test_context_helpers_copy_instead_of_mutating() -> None:
    ctx = SchemaContext(location="A.b")
    response = ctx.with_direction("response").at("C.d")
    assert (ctx.direction, ctx.location) == ("request", "A.b")
    assert (response.direction, response.location) == ("response", "C.d")
    assert response.components is ctx.components


def test_builtin_converters_do_not_import_drf_or_pydantic() -> None:
    code = (
        "import sys, typing, dataclasses\n"
        "from channels_spectacular.schema import is_supported, payload_schema, SchemaContext\n"
        "@dataclasses.dataclass\nclass A:\n    x: typing.Optional[int]\n"
        "assert is_supported(A) and is_supported({'type': 'string'})\n"
        "assert not is_supported(object())\n"
        "payload_schema(A, SchemaContext())\n"
        "loaded = [m for m in ('rest_framework', 'pydantic', 'django') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- ComponentRegistry ----------------------------------------------------------------


class One:
    pass


class Two:
    pass


def test_named_builds_once_and_returns_refs() -> None:
    registry = ComponentRegistry()
    calls = []

    def build() -> dict[str, Any]:
        calls.append(1)
        return {"title": "One", "type": "object"}

    assert registry.named(One, "One", build) == {"$ref": "#/components/schemas/One"}
    assert registry.named(One, "One", build) == {"$ref": "#/components/schemas/One"}
    assert calls == [1]
    assert registry.name_of(One) == "One"
    assert registry.has("One")


def test_name_collision_keeps_both_and_warns() -> None:
    registry = ComponentRegistry()
    assert registry.named(One, "Thing", lambda: {"title": "Thing", "const": 1}, "A.b") == {
        "$ref": "#/components/schemas/Thing"
    }
    assert registry.named(Two, "Thing", lambda: {"title": "Thing", "const": 2}, "C.d") == {
        "$ref": "#/components/schemas/Thing2"
    }
    assert registry.schemas == {
        "Thing": {"title": "Thing", "const": 1},
        "Thing2": {"title": "Thing", "const": 2},
    }
    [warning] = registry.diagnostics.warnings
    assert warning.code == "component-name-collision"
    assert warning.location == "C.d"
    assert "test_schema_registry.Two (at C.d)" in warning.message
    assert "test_schema_registry.One (at A.b)" in warning.message
    assert "'Thing2'" in warning.message


def test_predefined_components_are_never_overwritten() -> None:
    registry = ComponentRegistry(predefined={"Money": {"type": "string"}})
    assert registry.named(Money, "Money", lambda: {"type": "integer"}) == {
        "$ref": "#/components/schemas/Money2"
    }
    assert registry.schemas["Money"] == {"type": "string"}
    assert "COMPONENTS setting" in registry.diagnostics.warnings[0].message


def test_recursion_ends_in_a_ref() -> None:
    registry = ComponentRegistry()

    def build() -> dict[str, Any]:
        return {"type": "array", "items": registry.named(One, "One", build)}

    assert registry.named(One, "One", build) == {"$ref": "#/components/schemas/One"}
    assert registry.schemas == {
        "One": {"type": "array", "items": {"$ref": "#/components/schemas/One"}}
    }


def test_inline_returns_the_schema_unless_recursive() -> None:
    registry = ComponentRegistry()
    assert registry.inline(One, "One", lambda: {"type": "string"}) == {"type": "string"}
    assert registry.schemas == {}
    assert registry.name_of(One) is None

    def build() -> dict[str, Any]:
        return {"type": "array", "items": registry.inline(Two, "Two", build)}

    assert registry.inline(Two, "Two", build) == {"$ref": "#/components/schemas/Two"}
    assert registry.schemas == {
        "Two": {"type": "array", "items": {"$ref": "#/components/schemas/Two"}}
    }


def test_failed_build_gives_the_name_back() -> None:
    registry = ComponentRegistry()

    def boom() -> dict[str, Any]:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        registry.named(One, "One", boom)
    assert registry.schemas == {}
    assert registry.name_of(One) is None
    assert registry.named(One, "One", lambda: {"type": "null"}) == {
        "$ref": "#/components/schemas/One"
    }


@pytest.mark.parametrize(
    ("raw", "safe"),
    [("Point", "Point"), ("Page[int]", "Page_int"), ("a b/c", "a_b_c"), ("€", "Schema")],
)
def test_safe_name(raw: str, safe: str) -> None:
    assert safe_name(raw) == safe


def test_describe() -> None:
    assert describe(One) == "tests.test_schema_registry.One"
    assert describe((One, "request")) == "tests.test_schema_registry.One"
    assert describe("x") == "'x'"


def test_component_schemas_from_every_converter_are_valid_asyncapi(assert_valid: Any) -> None:
    """One document holding payloads from all built-in converters passes the official parser."""
    from tests.support.payloads import Node, Order, RideSerializer, Shape, Zoo

    registry = ComponentRegistry(predefined={"Money": {"type": "string"}})
    payloads: list[Any] = [
        {"type": "object", "properties": {"m": {"$ref": "#/components/schemas/Money"}}},
        Node,
        Shape,
        RideSerializer,
        Order,
        Zoo,
    ]
    messages = {}
    for i, payload in enumerate(payloads):
        for direction in ("request", "response"):
            ctx = SchemaContext(registry, f"Test.m{i}", direction)
            messages[f"m{i}{direction}"] = {"payload": payload_schema(payload, ctx)}
    assert registry.diagnostics.errors == []
    for schema in registry.schemas.values():
        Draft7Validator.check_schema(schema)
    assert_valid(
        {
            "asyncapi": "3.0.0",
            "info": {"title": "t", "version": "1"},
            "channels": {"ws": {"address": "/ws", "messages": messages}},
            "components": {"schemas": registry.schemas},
        },
        # The example check compiles dereferenced payloads, which loops on recursive ones.
        examples=False,
    )
