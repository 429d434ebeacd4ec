"""Payload types other than DRF: Pydantic models, dataclasses, TypedDicts, enums."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Literal, NotRequired, TypedDict

from pydantic import BaseModel, Field


class CancelReason(BaseModel):
    """Why a ride was cancelled."""

    code: Literal["changed_mind", "driver_late", "other"]
    detail: str | None = Field(default=None, max_length=500, description="Free text.")


class CancelRide(BaseModel):
    """Cancel a ride that has not started."""

    reason: CancelReason
    refund: bool = Field(default=True, description="Ask for a refund of any deposit.")


class RideOffer(BaseModel):
    """A ride offered to nearby drivers."""

    ride_id: int
    pickup_lat: float
    pickup_lng: float
    fare: str = Field(description="Fare as a decimal string.", examples=["1500.00"])


class VehicleType(enum.Enum):
    """Kinds of vehicle a driver can drive."""

    CAR = "car"
    BIKE = "bike"
    VAN = "van"


@dataclass
class GeoPoint:
    """A WGS84 position."""

    lat: float
    lng: float


@dataclass
class LocationUpdate:
    """A driver's position, sent every few seconds."""

    position: GeoPoint
    heading: float | None = None
    vehicle: VehicleType = VehicleType.CAR
    trail: list[GeoPoint] = field(default_factory=list)


@dataclass
class RateDriver:
    """Stars and an optional comment after a ride."""

    stars: Literal[1, 2, 3, 4, 5]
    comment: str = ""


class RideStatus(TypedDict):
    """The state of a ride, pushed whenever it changes."""

    ride_id: int
    status: Literal["requested", "accepted", "cancelled", "completed"]
    driver_id: NotRequired[str]
    eta_seconds: NotRequired[int]


class RatingSaved(TypedDict):
    """The rating was stored."""

    stars: int


class AccountProfile(TypedDict):
    """The logged-in user, as the server knows them."""

    username: str


class ErrorEvent(TypedDict):
    """Why a frame was rejected."""

    detail: str


ACCEPT_RIDE_SCHEMA = {
    "type": "object",
    "properties": {"ride_id": {"type": "integer", "description": "The ride to accept."}},
    "required": ["ride_id"],
    "additionalProperties": False,
}
