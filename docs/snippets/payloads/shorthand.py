from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


# --8<-- [start:example]
class RideConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        summary="Request a ride",
        payload={
            "pickup_lat": "float",
            "pickup_lng": "float",
            "fare": "decimal",
        },
        responses={
            "ride.requested": {"ride_id": "uuid", "fare": "decimal"}
        },
    )
    async def handle_request_ride(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    RideConsumer, channel_path="/ws/rides/"
)
