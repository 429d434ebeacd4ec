from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import v1

from channels_spectacular import AsyncAPIGenerator, document_event


# --8<-- [start:example]
class Driver(v1.BaseModel):
    name: str
    rating: float = v1.Field(..., ge=1, le=5)


class RideOffer(v1.BaseModel):
    ride_id: int
    driver: Driver


class RiderConsumer(AsyncJsonWebsocketConsumer):
    @document_event("ride.offer", payload=RideOffer)
    async def ride_offer(self, event): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    RiderConsumer, channel_path="/ws/rider/"
)
