from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


class RoomConsumer(AsyncJsonWebsocketConsumer):
    # --8<-- [start:method]
    @document_action(
        summary="Leave the room"
    )  # action "leave": handle_ is stripped
    async def handle_leave(self, content): ...

    @document_action(summary="Typing indicator", action="typing")
    async def on_keystroke(self, content): ...

    # --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
