from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
)

# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    "SECURITY_SCHEMES": {
        "token": {
            "type": "httpApiKey",
            "name": "token",
            "in": "query",
            "description": "An API token from your account page.",
        },
        "staffCookie": {
            "type": "httpApiKey",
            "name": "sessionid",
            "in": "cookie",
        },
    },
    "SECURITY": [
        "token"
    ],  # every operation, unless a channel says otherwise
}
# --8<-- [end:settings]


# --8<-- [start:example]
class FeedConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Follow a topic")
    async def handle_follow(self, content): ...


@document_channel(security=["staffCookie"])
class AdminConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Ban a user")
    async def handle_ban(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    consumers=[
        (FeedConsumer, "/ws/feed/"),
        (AdminConsumer, "/ws/admin/"),
    ]
)
