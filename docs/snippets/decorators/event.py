from datetime import datetime
from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_event


# --8<-- [start:method]
class Joined(TypedDict):
    user: str
    at: datetime


class RoomConsumer(AsyncJsonWebsocketConsumer):
    @document_event(
        "room.joined",
        summary="Someone joined the room",
        description="Sent to everyone in the room, newcomers too.",
        payload=Joined,
        tags=["rooms"],
        examples=[
            {
                "name": "Ada joins",
                "payload": {
                    "type": "room.joined",
                    "user": "ada",
                    "at": "2025-01-31T09:00:00Z",
                },
            }
        ],
    )
    async def room_joined(self, event):
        await self.send_json(event)


# --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
