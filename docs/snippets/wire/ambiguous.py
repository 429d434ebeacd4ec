from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_channel,
    document_event,
)


class Joined(TypedDict):
    user: str


class Left(TypedDict):
    user: str


# --8<-- [start:example]
@document_channel(event_key=None)
@document_event("joined", payload=Joined)
@document_event("left", payload=Left)
class LobbyConsumer(AsyncJsonWebsocketConsumer):
    pass


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    LobbyConsumer, channel_path="/ws/lobby/"
)
