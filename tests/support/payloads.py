"""Payload types several test modules document: one definition each, imported from here."""

import enum
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, Optional

from pydantic import BaseModel, ConfigDict, Field, computed_field
from rest_framework import serializers

# -- type hints ---------------------------------------------------------------------------


class Color(enum.Enum):
    RED = "red"
    GREEN = "green"


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass
class Shape:
    """A shape made of points."""

    name: str = field(metadata={"description": "Display name"})
    points: list[Point] = field(default_factory=list)
    color: Color | None = None
    origin: Point | None = None


@dataclass
class Node:
    value: int
    children: list["Node"] = field(default_factory=list)
    parent: Optional["Node"] = None


# -- Pydantic (Color above serves both) ---------------------------------------------------


class Item(BaseModel):
    """One line of an order."""

    sku: str = Field(min_length=3, max_length=12, description="Stock keeping unit")
    quantity: int = Field(default=1, ge=1, le=99)
    color: Color | None = None


class Order(BaseModel):
    model_config = ConfigDict(title="Order")

    order_id: int = Field(alias="orderId")
    items: list[Item]
    note: str | None = None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def total(self) -> int:
        return len(self.items)


class Cat(BaseModel):
    kind: Literal["cat"]
    lives: int = 9


class Dog(BaseModel):
    kind: Literal["dog"]


class Zoo(BaseModel):
    pet: Annotated[Cat | Dog, Field(discriminator="kind")]


# -- DRF ----------------------------------------------------------------------------------


class AddressSerializer(serializers.Serializer):
    """Where to go."""

    street = serializers.CharField(min_length=2, max_length=80, help_text="Street and number")
    lat = serializers.FloatField(min_value=-90, max_value=90)


class RiderSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField()
    token = serializers.CharField(write_only=True)


class RideSerializer(serializers.Serializer):
    pickup = AddressSerializer()
    stops = AddressSerializer(many=True, required=False, max_length=5)
    rider = RiderSerializer()
    fare = serializers.DecimalField(max_digits=8, decimal_places=2)
    payment_method = serializers.ChoiceField(
        choices=[("cash", "Cash"), ("card", "Card")], default="cash"
    )
    extras = serializers.MultipleChoiceField(choices=["wifi", "water"], allow_empty=False)
    note = serializers.CharField(allow_null=True, allow_blank=True, required=False)
    eta = serializers.SerializerMethodField()
    created = serializers.DateTimeField(read_only=True)
    user = serializers.HiddenField(default=None)

    def get_eta(self, obj: Any) -> int | None:
        return None
