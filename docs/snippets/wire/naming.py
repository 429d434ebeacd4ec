from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)


# --8<-- [start:example]
class RiderConsumer(AsyncJsonWebsocketConsumer):
    @document_event("ride.status", summary="Status of your ride")
    async def ride_status(self, event): ...


class DriverConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Offer a ride to a rider")
    async def handle_ride_offer(self, content): ...

    @document_event("ride.offer", summary="A rider needs a ride")
    async def ride_offer(self, event): ...

    @document_event("ride.status", summary="Status of your ride")
    async def ride_status(self, event): ...


generator = AsyncAPIGenerator(
    consumers=[
        (RiderConsumer, "/ws/rider/"),
        (DriverConsumer, "/ws/driver/"),
    ]
)
# --8<-- [end:example]
