from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)


class Say(TypedDict):
    text: str


class Said(TypedDict):
    id: int
    text: str


class Rejected(TypedDict):
    reason: str


# --8<-- [start:method]
class RoomConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        summary="Say something",
        payload=Say,
        responses={
            # the message of the room.said event below:
            "room.said": None,
            # a reply that is not an event of its own:
            "say.rejected": Rejected,
        },
    )
    async def handle_say(self, content): ...

    @document_event(
        "room.said",
        summary="Someone said something",
        payload=Said,
    )
    async def room_said(self, event): ...


# --8<-- [end:method]


generator = AsyncAPIGenerator(
    RoomConsumer, channel_path="/ws/rooms/{room}/"
)
