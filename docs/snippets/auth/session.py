from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path

from channels_spectacular import AsyncAPIGenerator, document_action
from channels_spectacular.discovery import discover_endpoints


# --8<-- [start:example]
class InboxConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Mark everything read")
    async def handle_read_all(self, content): ...


websocket = AuthMiddlewareStack(
    URLRouter([path("ws/inbox/", InboxConsumer.as_asgi())])
)
# --8<-- [end:example]

generator = AsyncAPIGenerator(
    consumers=discover_endpoints(websocket)
)
