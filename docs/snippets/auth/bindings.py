from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
)


# --8<-- [start:example]
@document_channel(
    bindings={
        "ws": {
            "method": "GET",
            "query": {
                "type": "object",
                "properties": {
                    "since": {
                        "type": "string",
                        "format": "date-time",
                        "description": "Replay from here.",
                    }
                },
            },
            "headers": {
                "type": "object",
                "properties": {
                    "X-Client-Version": {"type": "string"}
                },
                "required": ["X-Client-Version"],
            },
        }
    }
)
class FeedConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Follow a topic")
    async def handle_follow(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    FeedConsumer, channel_path="/ws/feed/"
)
