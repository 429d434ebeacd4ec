"""DRF serializers, Pydantic models and dataclasses for the Mixed workload.

Copied into the scratch project as ``benchproj.mixed_types``; importing it needs Django
settings (DRF). Each family has ``FAMILY_SIZE`` types in chains of ``CHAIN`` nested ones, with
enums, decimals, datetimes, optionals and lists, so converters and components do real work.
"""

from __future__ import annotations

import dataclasses
import enum
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

import pydantic
from rest_framework import serializers

FAMILY_SIZE = 20
CHAIN = 4  # nesting depth: real payloads nest a few levels, not twenty


class Status(enum.Enum):
    """Where an item is in its life."""

    DRAFT = "draft"
    LIVE = "live"
    GONE = "gone"


def _dataclass(n: int, child: Any) -> type:
    fields: list[Any] = [
        ("id", int),
        ("label", str),
        ("price", Decimal),
        ("status", Status),
        ("when", datetime),
        ("kind", Literal["a", "b"]),
        ("tags", list[str]),
        ("note", str | None, dataclasses.field(default=None)),
    ]
    if child is not None:
        fields.append(("child", child | None, dataclasses.field(default=None)))
    return dataclasses.make_dataclass(f"DcItem{n}", fields, namespace={"__module__": __name__})


def _model(n: int, child: Any) -> type:
    fields: dict[str, Any] = {
        "id": (int, ...),
        "label": (str, pydantic.Field(max_length=80)),
        "price": (Decimal, ...),
        "status": (Status, Status.DRAFT),
        "when": (datetime, ...),
        "tags": (list[str], []),
        "note": (str | None, None),
    }
    if child is not None:
        fields["child"] = (child | None, None)
    return pydantic.create_model(f"PdItem{n}", __module__=__name__, **fields)


def _serializer(n: int, child: Any) -> type:
    fields: dict[str, Any] = {
        "__module__": __name__,
        "id": serializers.IntegerField(),
        "label": serializers.CharField(max_length=80),
        "price": serializers.DecimalField(max_digits=8, decimal_places=2),
        "status": serializers.ChoiceField(choices=[s.value for s in Status]),
        "when": serializers.DateTimeField(),
        "tags": serializers.ListField(child=serializers.CharField()),
        "note": serializers.CharField(required=False, allow_null=True),
    }
    if child is not None:
        fields["child"] = child(required=False, allow_null=True)
    return type(f"DrfItem{n}Serializer", (serializers.Serializer,), fields)


def _family(make: Any) -> list[type]:
    types: list[type] = []
    for n in range(FAMILY_SIZE):
        # Chains of CHAIN types: item 0 is a leaf, item 1 nests item 0, and so on.
        child = types[-1] if n % CHAIN else None
        types.append(make(n, child))
        globals()[types[-1].__name__] = types[-1]
    return types


POOL: list[type] = _family(_serializer) + _family(_model) + _family(_dataclass)


def payload_for(i: int, j: int, kind: str) -> Any:
    """Cycle through the pool so every type is used by many consumers."""
    del kind
    return POOL[(i * 7 + j) % len(POOL)]
