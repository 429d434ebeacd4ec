from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
)


# --8<-- [start:class]
@document_channel(
    title="Chat room",
    summary="One room: its messages and who is in it",
    description="Connect once per room. Frames are JSON objects.",
    tags=["chat"],
    external_docs={
        "url": "https://example.com/chat-protocol",
        "description": "Protocol notes",
    },
)
class RoomConsumer(AsyncJsonWebsocketConsumer):
    """Without @document_channel: the channel description."""

    @document_action(summary="Join the room")
    async def handle_join(self, content): ...


# --8<-- [end:class]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
