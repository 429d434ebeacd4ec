from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
)


class Text(TypedDict):
    text: str


# --8<-- [start:example]
@document_channel(action_key="type")
class ChatConsumer(AsyncJsonWebsocketConsumer):
    @document_action(payload=Text)
    async def handle_say(self, content): ...


@document_channel(action_key="cmd", event_key="cmd")
class ControlConsumer(AsyncJsonWebsocketConsumer):
    @document_action()
    async def handle_restart(self, content): ...


class OtherConsumer(AsyncJsonWebsocketConsumer):
    # ACTION_KEY and EVENT_KEY: "action" and "type"
    @document_action()
    async def handle_hello(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    consumers=[
        (ChatConsumer, "/ws/chat/"),
        (ControlConsumer, "/ws/control/"),
        (OtherConsumer, "/ws/other/"),
    ]
)
