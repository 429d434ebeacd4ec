from typing import Literal

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)

CHANNELS_SPECTACULAR_SETTINGS = {
    "COMPONENTS": {
        "Point": {
            "type": "object",
            "properties": {
                "x": {"type": "number"},
                "y": {"type": "number"},
            },
            "required": ["x", "y"],
        }
    }
}


# --8<-- [start:example]
class BoardConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        summary="Draw a line",
        payload={
            "type": "object",
            "properties": {"width": {"type": "integer"}},
        },
    )
    async def handle_draw(self, content): ...

    @document_action(
        summary="Pick a colour", payload=Literal["red", "blue"]
    )
    async def handle_pick(self, content): ...

    @document_event(
        "cursor.moved",
        summary="Someone's cursor moved",
        payload={"$ref": "#/components/schemas/Point"},
    )
    async def cursor_moved(self, event): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    BoardConsumer, channel_path="/ws/board/"
)
