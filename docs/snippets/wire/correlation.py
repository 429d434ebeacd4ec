from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
)


class MarkRead(TypedDict):
    request_id: str
    ids: list[int]


class Marked(TypedDict):
    request_id: str
    count: int


# --8<-- [start:example]
class InboxConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        payload=MarkRead,
        correlation_id="request_id",
        responses={"marked": Marked},
    )
    async def handle_mark_read(self, content):
        await self.send_json(
            {
                "type": "marked",
                "request_id": content["request_id"],
                "count": len(content["ids"]),
            }
        )


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    InboxConsumer, channel_path="/ws/inbox/"
)
