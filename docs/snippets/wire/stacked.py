from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
)


class Nick(TypedDict):
    nick: str


# --8<-- [start:example]
class RoomConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        if content["action"] in ("join", "leave"):
            await self.membership(content)

    @document_action(action="join", payload=Nick)
    @document_action(action="leave")
    async def membership(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/room/"
)
