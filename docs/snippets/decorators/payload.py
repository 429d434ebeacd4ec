from dataclasses import dataclass

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


# --8<-- [start:method]
@dataclass
class Say:
    text: str
    reply_to: int | None = None


class RoomConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Say something", payload=Say)
    async def handle_say(self, content): ...


# --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
