from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


class RoomConsumer(AsyncJsonWebsocketConsumer):
    # --8<-- [start:method]
    @document_action(
        summary="Keep the connection alive",
        description="Use WebSocket ping frames instead.",
        deprecated=True,
    )
    async def handle_ping(self, content): ...

    # --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
