from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


class RoomConsumer(AsyncJsonWebsocketConsumer):
    # --8<-- [start:method]
    @document_action(
        summary="Join the room",
        description="Receive the room's messages from now on.",
        tags=["rooms"],
    )
    async def handle_join(self, content): ...

    # --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
