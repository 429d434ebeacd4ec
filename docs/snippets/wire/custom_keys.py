from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)

# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    "ACTION_KEY": "op",
    "EVENT_KEY": "event",
    "DATA_KEY": "body",
}
# --8<-- [end:settings]


class BoardConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Erase everything")
    async def handle_clear(self, content): ...

    @document_event(
        "board.tags", summary="The tags", payload=list[str]
    )
    async def board_tags(self, event): ...


generator = AsyncAPIGenerator(
    BoardConsumer, channel_path="/ws/board/"
)
