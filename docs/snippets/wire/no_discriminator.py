from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
    document_event,
)


class Ranking(TypedDict):
    importance: list[int]
    componentID: int


class Argument(TypedDict):
    argument: str


class State(TypedDict):
    message: str
    debates: list[str]


# --8<-- [start:example]
@document_channel(action_key=None, event_key=None)
@document_action(action="rank", payload=Ranking)
@document_action(action="argue", payload=Argument)
@document_event("state", payload=State)
class DebateConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send_json(
            {"message": "Welcome", "debates": ["Sundays"]}
        )

    async def receive_json(self, content):
        if "importance" in content:
            ...  # store the ranking
        elif "argument" in content:
            ...  # post the argument


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    DebateConsumer, channel_path="/ws/debates/{id}/"
)
