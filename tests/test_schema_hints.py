"""Type hints, dataclasses, TypedDicts, NamedTuples and Enums → JSON Schema."""

# The old typing spellings (Optional, Union, List, Tuple, Callable) are under test here.
# ruff: noqa: UP006, UP007, UP035, UP045

import enum
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import (
    Annotated,
    Any,
    Callable,
    List,
    Literal,
    NamedTuple,
    NewType,
    NotRequired,
    Optional,
    Required,
    Tuple,
    TypedDict,
    TypeVar,
    Union,
)
from uuid import UUID

import annotated_types
import pytest
import typing_extensions
from django.db import models
from hypothesis import HealthCheck, given, settings

from channels_spectacular.schema import SchemaContext, is_supported, payload_schema
from channels_spectacular.schema.helpers import nullable, one_of
from channels_spectacular.schema.hints import DECIMAL_PATTERN
from tests.support.payload_strategies import payload_types
from tests.support.payloads import Color, Node, Point, Shape
from tests.support.schemas import NULL, convert, ref

# ---- types under test --------------------------------------------------------------------


class Priority(enum.IntEnum):
    """How urgent it is."""

    LOW = 1
    HIGH = 2


class Mixed(enum.Enum):
    A = 1
    B = "b"


class Payment(models.TextChoices):
    CASH = "cash", "Cash at the end"
    CARD = "card", "Card"


class Seats(models.IntegerChoices):
    TWO = 2
    FOUR = 4


@dataclass
class Employee:
    name: str
    team: "Team | None" = None


@dataclass
class Team:
    members: list[Employee]


class Movie(TypedDict):
    title: str
    year: NotRequired[int]


class Options(TypedDict, total=False):
    """Playback options."""

    speed: float
    loop: Required[bool]


class Review(typing_extensions.TypedDict):
    text: Annotated[typing_extensions.NotRequired[str], "free text"]
    stars: typing_extensions.ReadOnly[int]


class Draft(TypedDict):
    year: "NotRequired[int]"


class Pair(NamedTuple):
    left: int
    right: str = ""


UserId = NewType("UserId", int)


def _make_pin(kind: type) -> type:
    @dataclass
    class Pin:
        value: kind  # type: ignore[valid-type]

    return Pin


IntPin, StrPin = _make_pin(int), _make_pin(str)


@dataclass
class Board:
    a: IntPin  # type: ignore[valid-type]
    b: StrPin  # type: ignore[valid-type]
    again: IntPin  # type: ignore[valid-type]


# ---- scalars and containers -----------------------------------------------------------------

SCALARS = [
    (str, {"type": "string"}),
    (int, {"type": "integer"}),
    (float, {"type": "number"}),
    (bool, {"type": "boolean"}),
    (bytes, {"type": "string", "contentEncoding": "base64"}),
    (Decimal, {"type": "string", "format": "decimal", "pattern": DECIMAL_PATTERN}),
    (UUID, {"type": "string", "format": "uuid"}),
    (datetime, {"type": "string", "format": "date-time"}),
    (date, {"type": "string", "format": "date"}),
    (time, {"type": "string", "format": "time"}),
    (timedelta, {"type": "string", "format": "duration"}),
    (None, {"type": "null"}),
    (type(None), {"type": "null"}),
    (Any, {}),
    (object, {}),
    (UserId, {"type": "integer"}),
]


@pytest.mark.parametrize(("hint", "expected"), SCALARS)
def test_scalars(hint: Any, expected: dict[str, Any]) -> None:
    ctx = SchemaContext()
    assert ctx.schema_for(hint) == expected
    assert ctx.components.schemas == {}


def test_str_subclass_is_a_string() -> None:
    class Slug(str):
        pass

    assert convert(Slug)[0] == {"type": "string"}


CONTAINERS = [
    (list[int], {"type": "array", "items": {"type": "integer"}}),
    (List[str], {"type": "array", "items": {"type": "string"}}),
    (Sequence[float], {"type": "array", "items": {"type": "number"}}),
    (list, {"type": "array"}),
    (list[Any], {"type": "array"}),
    (tuple[int, ...], {"type": "array", "items": {"type": "integer"}}),
    (Tuple, {"type": "array"}),
    (tuple, {"type": "array"}),
    (
        tuple[int, str],
        {
            "type": "array",
            "items": [{"type": "integer"}, {"type": "string"}],
            "minItems": 2,
            "maxItems": 2,
        },
    ),
    (tuple[()], {"type": "array", "minItems": 0, "maxItems": 0}),
    (set[str], {"type": "array", "items": {"type": "string"}, "uniqueItems": True}),
    (frozenset[int], {"type": "array", "items": {"type": "integer"}, "uniqueItems": True}),
    (dict[str, int], {"type": "object", "additionalProperties": {"type": "integer"}}),
    (dict, {"type": "object"}),
    (dict[str, Any], {"type": "object"}),
    (
        Mapping[str, list[int]],
        {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "integer"}}},
    ),
    (
        dict[int, str],
        {
            "type": "object",
            "propertyNames": {"pattern": r"^-?\d+$"},
            "additionalProperties": {"type": "string"},
        },
    ),
    (
        dict[Literal["a", "b"], bool],
        {
            "type": "object",
            "propertyNames": {"type": "string", "enum": ["a", "b"]},
            "additionalProperties": {"type": "boolean"},
        },
    ),
]


@pytest.mark.parametrize(("hint", "expected"), CONTAINERS)
def test_containers(hint: Any, expected: dict[str, Any]) -> None:
    assert convert(hint) == (expected, {})


# ---- unions, literals, Annotated ------------------------------------------------------------

UNIONS = [
    (Optional[int], {"oneOf": [{"type": "integer"}, NULL]}),
    (int | None, {"oneOf": [{"type": "integer"}, NULL]}),
    (Union[int, str], {"oneOf": [{"type": "integer"}, {"type": "string"}]}),
    (Optional[Union[int, str]], {"oneOf": [{"type": "integer"}, {"type": "string"}, NULL]}),
    (Union[int, float], {"type": "number"}),
    (Union[int, Any], {}),
    (Optional[Any], {}),
    (Union[Literal["a"], str], {"type": "string"}),
    (Union[Literal[1, 2], float], {"type": "number"}),
    (Union[list[int], Sequence[int]], {"type": "array", "items": {"type": "integer"}}),
    (Union[Literal["a"], int], {"oneOf": [{"type": "string", "const": "a"}, {"type": "integer"}]}),
    (
        Optional[Annotated[Optional[int], "maybe"]],
        {"oneOf": [{"type": "integer"}, NULL], "description": "maybe"},
    ),
    (Optional[Point], {"oneOf": [ref("Point"), NULL]}),
]


@pytest.mark.parametrize(("hint", "expected"), UNIONS)
def test_unions(hint: Any, expected: dict[str, Any]) -> None:
    assert convert(hint)[0] == expected


LITERALS = [
    (Literal["a"], {"type": "string", "const": "a"}),
    (Literal[1, 2], {"type": "integer", "enum": [1, 2]}),
    (Literal[1, 2.5], {"type": "number", "enum": [1, 2.5]}),
    (Literal["a", 1], {"enum": ["a", 1]}),
    (Literal[True], {"type": "boolean", "const": True}),
    (Literal[None], {"type": "null", "const": None}),
    (Literal[Color.RED], {"type": "string", "const": "red"}),
]


@pytest.mark.parametrize(("hint", "expected"), LITERALS)
def test_literals(hint: Any, expected: dict[str, Any]) -> None:
    assert convert(hint) == (expected, {})


ANNOTATED = [
    (Annotated[int, "count"], {"type": "integer", "description": "count"}),
    (Annotated[int, {"minimum": 0}], {"type": "integer", "minimum": 0}),
    (Annotated[str, annotated_types.MaxLen(5)], {"type": "string", "maxLength": 5}),
    (
        Annotated[int, annotated_types.Gt(0), annotated_types.Le(10)],
        {"type": "integer", "exclusiveMinimum": 0, "maximum": 10},
    ),
    (
        Annotated[list[int], annotated_types.Len(1, 3)],
        {"type": "array", "items": {"type": "integer"}, "minItems": 1, "maxItems": 3},
    ),
    (
        Annotated[float, annotated_types.Interval(ge=0, lt=1), "ratio"],
        {"type": "number", "minimum": 0, "exclusiveMaximum": 1, "description": "ratio"},
    ),
    (Annotated[Point, "where"], {"allOf": [ref("Point")], "description": "where"}),
]


@pytest.mark.parametrize(("hint", "expected"), ANNOTATED)
def test_annotated(hint: Any, expected: dict[str, Any]) -> None:
    assert convert(hint)[0] == expected


def test_union_helpers() -> None:
    assert one_of([]) == NULL
    assert one_of([{"type": "string"}]) == {"type": "string"}
    assert one_of([{"oneOf": [{"type": "string"}, NULL]}, {"type": "integer"}]) == {
        "oneOf": [{"type": "string"}, NULL, {"type": "integer"}]
    }
    assert nullable({"description": "anything"}) == {"description": "anything"}
    assert nullable({"enum": ["a", None]}) == {"enum": ["a", None]}
    assert nullable(ref("Point")) == {"oneOf": [ref("Point"), NULL]}


# ---- enums ------------------------------------------------------------------------------------


def test_enum_root_is_inline_and_nested_is_a_component() -> None:
    assert convert(Color) == ({"title": "Color", "type": "string", "enum": ["red", "green"]}, {})
    assert convert(list[Color]) == (
        {"type": "array", "items": ref("Color")},
        {"Color": {"title": "Color", "type": "string", "enum": ["red", "green"]}},
    )


@pytest.mark.parametrize(
    ("enum_class", "expected"),
    [
        (
            Priority,
            {
                "title": "Priority",
                "description": "How urgent it is.",
                "type": "integer",
                "enum": [1, 2],
            },
        ),
        (Mixed, {"title": "Mixed", "enum": [1, "b"]}),
        (
            Payment,
            {
                "title": "Payment",
                "description": "- `cash`: Cash at the end\n- `card`: Card",
                "type": "string",
                "enum": ["cash", "card"],
            },
        ),
        (
            Seats,
            {
                "title": "Seats",
                "description": "- `2`: Two\n- `4`: Four",
                "type": "integer",
                "enum": [2, 4],
            },
        ),
    ],
)
def test_enum_kinds(enum_class: type, expected: dict[str, Any]) -> None:
    assert convert(enum_class)[0] == expected


def test_str_enum() -> None:
    class Size(enum.StrEnum):
        S = "s"

    assert convert(Size)[0] == {"title": "Size", "type": "string", "enum": ["s"]}


# ---- dataclasses ------------------------------------------------------------------------------

POINT = {
    "title": "Point",
    "type": "object",
    "properties": {"x": {"type": "integer"}, "y": {"type": "integer", "default": 0}},
    "required": ["x"],
}
COLOR = {"title": "Color", "type": "string", "enum": ["red", "green"]}


def test_dataclass_root_inline_with_nested_components() -> None:
    root, components = convert(Shape)
    assert root == {
        "title": "Shape",
        "description": "A shape made of points.",
        "type": "object",
        "properties": {
            "name": {"type": "string", "description": "Display name"},
            "points": {"type": "array", "items": ref("Point")},
            "color": {"oneOf": [ref("Color"), NULL], "default": None},
            "origin": {"oneOf": [ref("Point"), NULL], "default": None},
        },
        "required": ["name"],
    }
    # The generated docstring "Point(x: int, y: int = 0)" is not a description.
    assert components == {"Point": POINT, "Color": COLOR}


def test_nested_dataclass_is_a_ref() -> None:
    ctx = SchemaContext()
    assert ctx.schema_for(Point) == ref("Point")
    assert ctx.components.schemas == {"Point": POINT}


def test_recursive_dataclass_stays_a_component() -> None:
    root, components = convert(Node)
    assert root == ref("Node")
    assert components == {
        "Node": {
            "title": "Node",
            "type": "object",
            "properties": {
                "value": {"type": "integer"},
                "children": {"type": "array", "items": ref("Node")},
                "parent": {"oneOf": [ref("Node"), NULL], "default": None},
            },
            "required": ["value"],
        }
    }


def test_mutually_recursive_dataclasses() -> None:
    root, components = convert(Team)
    assert root == ref("Team")  # Team refers to itself through Employee
    assert components["Team"] == {
        "title": "Team",
        "type": "object",
        "properties": {"members": {"type": "array", "items": ref("Employee")}},
        "required": ["members"],
    }
    assert components["Employee"]["properties"]["team"] == {
        "oneOf": [ref("Team"), NULL],
        "default": None,
    }
    assert set(components) == {"Employee", "Team"}


def test_locally_defined_dataclass_may_name_itself() -> None:
    @dataclass
    class Chain:
        next: "Chain | None" = None

    root, components = convert(Chain)
    assert root == ref("Chain")
    assert components["Chain"]["properties"]["next"] == {
        "oneOf": [ref("Chain"), NULL],
        "default": None,
    }


def test_unresolvable_forward_ref_is_an_error() -> None:
    @dataclass
    class Broken:
        x: "DoesNotExist"  # type: ignore[name-defined]  # noqa: F821

    ctx = SchemaContext(location="Shop.handle_buy")
    root, _ = convert(Broken, ctx=ctx)
    assert root["properties"] == {"x": {}}
    [error] = ctx.diagnostics.errors
    assert error.location == "Shop.handle_buy"
    assert error.code == "unresolved-type-hint"
    assert "DoesNotExist" in error.message


def test_same_named_dataclasses_are_both_kept() -> None:
    ctx = SchemaContext(location="Game.handle_move")
    root, components = convert(Board, ctx=ctx)
    assert root["properties"] == {"a": ref("Pin"), "b": ref("Pin2"), "again": ref("Pin")}
    assert components["Pin"]["properties"] == {"value": {"type": "integer"}}
    assert components["Pin2"]["properties"] == {"value": {"type": "string"}}
    # Titled with the final name: code generators name types after titles.
    assert (components["Pin"]["title"], components["Pin2"]["title"]) == ("Pin", "Pin2")
    [warning] = ctx.diagnostics.warnings
    assert warning.code == "component-name-collision"
    assert "'Pin2'" in warning.message


def test_same_named_dataclasses_across_payloads_share_one_registry() -> None:
    ctx = SchemaContext()
    assert payload_schema(list[StrPin], ctx) == {"type": "array", "items": ref("Pin")}
    assert payload_schema(list[IntPin], ctx) == {"type": "array", "items": ref("Pin2")}
    assert payload_schema(list[StrPin], ctx) == {"type": "array", "items": ref("Pin")}
    assert len(ctx.diagnostics.warnings) == 1


def test_output_is_deterministic() -> None:
    first, second = convert(Board), convert(Board)
    assert json.dumps(first) == json.dumps(second)


# ---- TypedDict, NamedTuple --------------------------------------------------------------------


def test_typeddict_required_and_not_required() -> None:
    assert convert(Movie)[0] == {
        "title": "Movie",
        "type": "object",
        "properties": {"title": {"type": "string"}, "year": {"type": "integer"}},
        "required": ["title"],
    }


def test_typeddict_total_false_with_required_and_docstring() -> None:
    assert convert(Options)[0] == {
        "title": "Options",
        "description": "Playback options.",
        "type": "object",
        "properties": {"speed": {"type": "number"}, "loop": {"type": "boolean"}},
        "required": ["loop"],
    }


def test_typing_extensions_typeddict_with_annotated_and_read_only() -> None:
    assert convert(Review)[0] == {
        "title": "Review",
        "type": "object",
        "properties": {
            "text": {"type": "string", "description": "free text"},
            "stars": {"type": "integer"},
        },
        "required": ["stars"],
    }


def test_typeddict_string_annotation_not_required() -> None:
    # On 3.11 typing misses NotRequired inside a string annotation; the resolved hint wins.
    assert convert(Draft)[0] == {
        "title": "Draft",
        "type": "object",
        "properties": {"year": {"type": "integer"}},
    }


def test_nested_typeddict_is_a_component() -> None:
    root, components = convert(list[Movie])
    assert root == {"type": "array", "items": ref("Movie")}
    assert components["Movie"]["title"] == "Movie"


def test_namedtuple_is_a_fixed_array() -> None:
    assert convert(Pair)[0] == {
        "title": "Pair",
        "type": "array",
        "items": [
            {"type": "integer", "title": "left"},
            {"type": "string", "title": "right"},
        ],
        "minItems": 2,
        "maxItems": 2,
    }


# ---- support --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hint",
    [list[int], Optional[Shape], dict[str, list[Point]], Literal["x"], Annotated[int, "x"], Pair],
)
def test_supported(hint: Any) -> None:
    assert is_supported(hint)


class Opaque:
    pass


@pytest.mark.parametrize(
    "hint",
    [
        Opaque,
        list[Opaque],
        Optional[Opaque],
        dict[str, Opaque],
        Callable[[int], int],
        TypeVar("T"),
        type[int],
        "int",
        object(),
        42,
    ],
)
def test_unsupported(hint: Any) -> None:
    assert not is_supported(hint)


# ---- random payload types ------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payload_types())
def test_random_payload_types(payload: Any) -> None:
    assert is_supported(payload)
    for direction in ("request", "response"):
        ctx = SchemaContext(location="Fuzz.handle", direction=direction)
        root, components = convert(payload, ctx=ctx)
        assert ctx.diagnostics.errors == []
        assert all(isinstance(s, dict) and "title" in s for s in components.values())
        again = SchemaContext(location="Fuzz.handle", direction=direction)
        assert json.dumps([root, components]) == json.dumps(convert(payload, again))
        names = {r.rsplit("/", 1)[-1] for r in _refs([root, components])}
        assert names <= set(components)


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
        return own + [r for v in value.values() for r in _refs(v)]
    if isinstance(value, list):
        return [r for v in value for r in _refs(v)]
    return []
