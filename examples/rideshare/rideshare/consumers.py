"""The rider, driver and account WebSocket consumers, documented with channels-spectacular."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import ValidationError

from channels_spectacular import document_action, document_channel, document_event

from .models import Ride
from .schemas import (
    ACCEPT_RIDE_SCHEMA,
    AccountProfile,
    CancelRide,
    ErrorEvent,
    LocationUpdate,
    RateDriver,
    RatingSaved,
    RideOffer,
    RideStatus,
)
from .serializers import RideRequestSerializer, RideSerializer

DRIVERS_GROUP = "drivers"
UNAUTHORIZED = 4401  # close code for a connection without a logged-in user


def ride_group(ride_id: int) -> str:
    return f"ride-{ride_id}"


class ActionConsumer(AsyncJsonWebsocketConsumer):
    """Dispatches ``{"action": "x", ...}`` frames to ``handle_x(content)``."""

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        action = content.get("action") if isinstance(content, dict) else None
        handler = getattr(self, f"handle_{action}", None) if isinstance(action, str) else None
        if handler is None:
            await self._send_error(f"unknown action {action!r}")
            return
        await handler(content)

    async def _send_error(self, detail: str) -> None:
        await self.error({"type": "error", "detail": detail})

    @document_event(
        "error",
        summary="A frame was rejected",
        description="Sent instead of a reply when a frame names no known action or is invalid.",
        payload=ErrorEvent,
        tags=["errors"],
        examples=[{"payload": {"type": "error", "detail": "unknown action 'fly'"}}],
    )
    async def error(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


@document_channel(security=[])  # open to anonymous riders, though behind AuthMiddlewareStack
class RideConsumer(ActionConsumer):
    """A rider's connection to one ride: request it, follow it, cancel or rate it."""

    async def connect(self) -> None:
        self.ride_id = self.scope["url_route"]["kwargs"]["ride_id"]
        await self.channel_layer.group_add(ride_group(self.ride_id), self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(ride_group(self.ride_id), self.channel_name)

    @document_action(
        summary="Request a ride",
        description="Ask for a ride from the pickup point. Nearby drivers get a `ride.offer`.",
        payload=RideRequestSerializer,
        responses={"ride.requested": RideSerializer},
        tags=["rides"],
        examples=[
            {
                "name": "Cash payment",
                "summary": "Rider pays with cash at destination",
                "payload": {
                    "action": "request_ride",
                    "pickup_lat": 6.5244,
                    "pickup_lng": 3.3792,
                    "fare": "1500.00",
                    "payment_method": "cash",
                },
            },
            {
                "name": "Card payment",
                "payload": {
                    "action": "request_ride",
                    "pickup_lat": 6.4281,
                    "pickup_lng": 3.4219,
                    "fare": "1800.00",
                    "payment_method": "card",
                },
            },
        ],
    )
    async def handle_request_ride(self, content: dict[str, Any]) -> None:
        serializer = RideRequestSerializer(data=content)
        if not serializer.is_valid():
            await self._send_error(str(serializer.errors))
            return
        ride = await database_sync_to_async(Ride.objects.create)(**serializer.validated_data)
        data = RideSerializer(ride).data
        await self.send_json({"type": "ride.requested", **data})
        offer = RideOffer(
            ride_id=ride.pk,
            pickup_lat=ride.pickup_lat,
            pickup_lng=ride.pickup_lng,
            fare=str(Decimal(ride.fare)),
        )
        await self.channel_layer.group_send(
            DRIVERS_GROUP, {"type": "ride.offer", **offer.model_dump()}
        )

    @document_action(
        summary="Cancel the ride",
        payload=CancelRide,
        responses={"ride.status": None},
        tags=["rides"],
        examples=[
            {
                "name": "Changed mind",
                "payload": {"action": "cancel_ride", "reason": {"code": "changed_mind"}},
            }
        ],
    )
    async def handle_cancel_ride(self, content: dict[str, Any]) -> None:
        try:
            request = CancelRide.model_validate(content)
        except ValidationError as exc:
            await self._send_error(str(exc))
            return
        await database_sync_to_async(Ride.objects.filter(pk=self.ride_id).update)(
            status=Ride.Status.CANCELLED
        )
        status: RideStatus = {"ride_id": self.ride_id, "status": "cancelled"}
        del request  # the reason would be stored for support in a real project
        await self.channel_layer.group_send(
            ride_group(self.ride_id), {"type": "ride.status", **status}
        )

    @document_action(
        summary="Rate the driver",
        payload=RateDriver,
        responses={"rating.saved": RatingSaved},
        tags=["feedback"],
        examples=[{"name": "Five stars", "payload": {"action": "rate_driver", "stars": 5}}],
    )
    async def handle_rate_driver(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "rating.saved", "stars": content.get("stars")})

    @document_action(
        summary="Keep the connection alive",
        description="Superseded by WebSocket ping frames; kept for old app versions.",
        responses={"pong": {"type": "object", "properties": {}}},
        deprecated=True,
    )
    async def handle_ping(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "pong"})

    @document_event(
        "ride.status",
        summary="Ride status changed",
        description="Sent to everyone following the ride whenever its status changes.",
        payload=RideStatus,
        tags=["rides"],
        examples=[
            {
                "name": "Accepted",
                "payload": {
                    "type": "ride.status",
                    "ride_id": 42,
                    "status": "accepted",
                    "driver_id": "drv-7",
                    "eta_seconds": 240,
                },
            }
        ],
    )
    async def ride_status(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


@document_channel(security=[])
class DriverConsumer(ActionConsumer):
    """A driver's connection: share the position, get ride offers, accept one."""

    async def connect(self) -> None:
        self.driver_id = self.scope["url_route"]["kwargs"]["driver_id"]
        await self.channel_layer.group_add(DRIVERS_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(DRIVERS_GROUP, self.channel_name)

    @document_action(
        summary="Share the current position",
        payload=LocationUpdate,
        responses={"location.ack": None},
        tags=["drivers"],
        examples=[
            {
                "name": "Moving north",
                "payload": {
                    "action": "update_location",
                    "position": {"lat": 6.5244, "lng": 3.3792},
                    "heading": 0.0,
                    "vehicle": "car",
                },
            }
        ],
    )
    async def handle_update_location(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "location.ack"})

    @document_action(
        summary="Choose the zones to get offers from",
        payload=list[str],
        tags=["drivers"],
        examples=[{"payload": {"action": "set_zones", "data": ["ikeja", "lekki"]}}],
    )
    async def handle_set_zones(self, content: dict[str, Any]) -> None:
        self.zones = list(content.get("data", []))

    @document_action(
        summary="Accept a ride offer",
        payload=ACCEPT_RIDE_SCHEMA,
        responses={"ride.status": None},
        tags=["drivers"],
        examples=[{"payload": {"action": "accept_ride", "ride_id": 42}}],
    )
    async def handle_accept_ride(self, content: dict[str, Any]) -> None:
        ride_id = int(content["ride_id"])
        await database_sync_to_async(Ride.objects.filter(pk=ride_id).update)(
            status=Ride.Status.ACCEPTED, driver_id=self.driver_id
        )
        status: RideStatus = {
            "ride_id": ride_id,
            "status": "accepted",
            "driver_id": self.driver_id,
        }
        await self.send_json({"type": "ride.status", **status})
        await self.channel_layer.group_send(ride_group(ride_id), {"type": "ride.status", **status})

    @document_event(
        "ride.offer",
        summary="A ride is offered",
        description="A rider nearby asked for a ride; accept it with `accept_ride`.",
        payload=RideOffer,
        tags=["drivers"],
        examples=[
            {
                "name": "Offer in Lagos",
                "payload": {
                    "type": "ride.offer",
                    "ride_id": 42,
                    "pickup_lat": 6.5244,
                    "pickup_lng": 3.3792,
                    "fare": "1500.00",
                },
            }
        ],
    )
    async def ride_offer(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    @document_event("ride.status", summary="Ride status changed", payload=RideStatus)
    async def ride_status(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


@document_channel(
    title="Account",
    summary="The logged-in user's own connection",
    description=(
        "Requires a logged-in user: send the Django session cookie with the handshake, as a "
        "browser does after logging in on this site. Without it the connection is accepted "
        f"and closed at once with code {UNAUTHORIZED}."
    ),
    tags=["account"],
    security=["sessionCookie"],
)
class AccountConsumer(ActionConsumer):
    """The logged-in user's account."""

    async def connect(self) -> None:
        # Accept before closing: a close during the handshake reaches the client as HTTP 403,
        # without the close code.
        await self.accept()
        if not getattr(self.scope.get("user"), "is_authenticated", False):
            await self.close(code=UNAUTHORIZED)

    @document_action(
        summary="Who am I?",
        description="Answers with the profile of the user the session cookie belongs to.",
        responses={"account.profile": AccountProfile},
        tags=["account"],
        examples=[{"payload": {"action": "whoami"}}],
    )
    async def handle_whoami(self, content: dict[str, Any]) -> None:
        profile: AccountProfile = {"username": self.scope["user"].get_username()}
        await self.send_json({"type": "account.profile", **profile})
