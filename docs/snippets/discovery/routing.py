from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.urls import path, re_path

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)
from channels_spectacular.discovery import discover_endpoints


class GameConsumer(AsyncJsonWebsocketConsumer):
    """One game."""

    @document_action(summary="Play a move")
    async def handle_play(self, content): ...


class SpectatorConsumer(AsyncJsonWebsocketConsumer):
    """Watch a game."""

    @document_event("game.move", summary="A move was played")
    async def game_move(self, event): ...


class LobbyConsumer(AsyncJsonWebsocketConsumer):
    """Not documented: discovery leaves it out."""


# --8<-- [start:example]
game_routes = URLRouter(
    [
        path("<uuid:game_id>/", GameConsumer.as_asgi()),
        re_path(
            r"^(?P<game_id>[0-9a-f-]+)/watch/(?P<seat>\d+)/$",
            SpectatorConsumer.as_asgi(),
        ),
    ]
)

application = ProtocolTypeRouter(
    {
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(
                URLRouter(
                    [
                        path("ws/games/", game_routes),
                        path("ws/lobby/", LobbyConsumer.as_asgi()),
                    ]
                )
            )
        ),
    }
)
# --8<-- [end:example]

# --8<-- [start:generator]
endpoints = discover_endpoints(application)
generator = AsyncAPIGenerator(consumers=endpoints)
# --8<-- [end:generator]
