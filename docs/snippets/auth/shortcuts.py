from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action

# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    "AUTH_QUERY_PARAM": "token",
    "AUTH_COOKIE_NAME": "auth",
}
# --8<-- [end:settings]


class FeedConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Follow a topic")
    async def handle_follow(self, content): ...


generator = AsyncAPIGenerator(
    FeedConsumer, channel_path="/ws/feed/"
)
