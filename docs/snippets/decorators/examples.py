from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


class Say(TypedDict):
    text: str


class RoomConsumer(AsyncJsonWebsocketConsumer):
    # --8<-- [start:method]
    @document_action(
        summary="Say something",
        payload=Say,
        examples=[
            {
                "name": "Greeting",
                "summary": "The first thing people say",
                "payload": {
                    "action": "say",
                    "text": "Hello, room!",
                },
            },
            {"payload": {"action": "say", "text": "Bye"}},
        ],
    )
    async def handle_say(self, content): ...

    # --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
