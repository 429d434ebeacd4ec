from channels.generic.websocket import AsyncWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
    document_event,
)


# --8<-- [start:example]
@document_channel(action_key=None, event_key=None)
class LiveConsumer(AsyncWebsocketConsumer):
    @document_action(
        action="ping",
        content_type="text/plain",
        payload={"type": "string", "const": "ping"},
        responses={"pong": None},
    )
    @document_event(
        "pong",
        content_type="text/plain",
        payload={"type": "string", "const": "pong!"},
    )
    @document_action(
        action="upload",
        content_type="application/octet-stream",
    )
    async def receive(self, text_data=None, bytes_data=None):
        if text_data == "ping":
            await self.send(text_data="pong!")


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    LiveConsumer, channel_path="/ws/live/"
)
