"""The test project's ASGI application: a routing that exercises every discovery path.

Middleware stacks (Channels' own, a custom one with ``.app``, the console's), nested
``URLRouter``s, ``re_path`` groups, every built-in path converter, a bare ``<name>``, a
registered custom converter, and an undocumented consumer that discovery must skip.
"""

from __future__ import annotations

from typing import Any

from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application
from django.urls import path, re_path, register_converter

from channels_spectacular import document_action, document_event
from channels_spectacular.console import ConsoleMiddleware

TEXT = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}


class YearConverter:
    """A custom path converter: four digits."""

    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


register_converter(YearConverter, "yyyy")


class AppWrapper:
    """A custom ASGI middleware reaching its application through ``.app``."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> Any:
        return await self.app(scope, receive, send)


class RoomConsumer(AsyncJsonWebsocketConsumer):
    """A chat room."""

    @document_action(
        summary="Say something",
        payload=TEXT,
        responses={"room.message": TEXT},
        examples=[{"name": "Hello", "payload": {"action": "say", "text": "hello"}}],
    )
    async def handle_say(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "room.message", "text": content.get("text", "")})

    @document_event("room.message", summary="Someone said something", payload=TEXT)
    async def room_message(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


class ItemConsumer(AsyncJsonWebsocketConsumer):
    """Live updates of one item."""

    @document_event("item.changed", summary="The item changed", payload=TEXT)
    async def item_changed(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


class FileConsumer(AsyncJsonWebsocketConsumer):
    """Watches one file of a user."""

    @document_action(summary="Start watching", payload=None)
    async def handle_watch(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "watching"})


class LegacyConsumer(AsyncJsonWebsocketConsumer):
    """The old room protocol, routed with regular expressions."""

    @document_action(summary="Join the room", payload=None)
    async def handle_join(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "joined"})


class ArchiveConsumer(AsyncJsonWebsocketConsumer):
    """Replays a year of a tag."""

    @document_action(summary="Replay", payload=None)
    async def handle_replay(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "replayed"})


class SilentConsumer(AsyncJsonWebsocketConsumer):
    """Not documented: discovery leaves it out with an info note."""


legacy_routes = URLRouter([re_path(r"^(?P<room>[-\w]+)/(?P<page>\d+)/$", LegacyConsumer.as_asgi())])

nested_routes = URLRouter(
    [
        path("items/<uuid:item_id>/<slug:slug>/", ItemConsumer.as_asgi()),
        path("users/<username>/files/<path:file_path>", FileConsumer.as_asgi()),
        re_path(r"^legacy/", legacy_routes),
        path("archive/<yyyy:year>/<str:tag>/", AppWrapper(ArchiveConsumer.as_asgi())),
    ]
)

websocket_routes = URLRouter(
    [
        path("ws/rooms/<int:room_id>/", RoomConsumer.as_asgi()),
        path("ws/", nested_routes),
        re_path(r"^ws/silent/$", SilentConsumer.as_asgi()),
    ]
)

application = ProtocolTypeRouter(
    {
        "http": get_asgi_application(),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(AppWrapper(ConsoleMiddleware(websocket_routes)))
        ),
    }
)
