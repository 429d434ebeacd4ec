from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)


class Text(TypedDict):
    text: str


# --8<-- [start:example]
class RoomConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        payload=Text,
        description="Everyone in the room gets `said`.",
    )
    async def handle_say(self, content):
        await self.channel_layer.group_send(
            "room", {"type": "said", "text": content["text"]}
        )

    @document_event(
        "said",
        payload=Text,
        description="To the whole room, the speaker too.",
    )
    async def said(self, event):
        await self.send_json(event)


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/room/"
)
