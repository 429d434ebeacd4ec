"""The rideshare example plus one consumer per token-based security scheme, for the console.

The browser tests of the try-it-out console run this under daphne: each consumer accepts
only a handshake carrying its credential (a query token, a cookie or a subprotocol) and
closes any other with code 4401, so a test that connects proves the console sent it. One
channel is routed around ``ConsoleMiddleware``, for the console's explanation of why an
event cannot arrive.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs

from channels.auth import AuthMiddlewareStack
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from django.core.asgi import get_asgi_application
from django.urls import path, re_path

from channels_spectacular import document_action, document_channel, document_event
from channels_spectacular.console import ConsoleMiddleware

TOKEN = "s3cr3t-token"
UNAUTHORIZED = 4401
SECURITY_SCHEMES = {
    "queryToken": {"type": "httpApiKey", "in": "query", "name": "token", "description": "Token."},
    "jwtCookie": {"type": "httpApiKey", "in": "cookie", "name": "jwt", "description": "A JWT."},
    "protocolToken": {
        "type": "httpApiKey",
        "in": "header",
        "name": "Sec-WebSocket-Protocol",
        "description": "The token as the WebSocket subprotocol.",
    },
}
WHOAMI = {"type": "object", "properties": {"scheme": {"type": "string"}}, "required": ["scheme"]}


class TokenConsumer(AsyncJsonWebsocketConsumer):
    """Accepts, then closes with 4401 unless ``credential()`` is the token."""

    scheme = ""

    def credential(self) -> str | None:
        raise NotImplementedError

    async def connect(self) -> None:
        if self.credential() == TOKEN:
            await self.accept(self.subprotocol())
        else:
            await self.accept()
            await self.close(code=UNAUTHORIZED)

    def subprotocol(self) -> str | None:
        return None

    @document_action(
        action="whoami",
        summary="Which credential let me in?",
        responses={"authenticated": WHOAMI},
        examples=[{"payload": {"action": "whoami"}}],
    )
    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await self.send_json({"type": "authenticated", "scheme": self.scheme})


@document_channel(security=["queryToken"])
class QueryTokenConsumer(TokenConsumer):
    """Authenticated by ``?token=``."""

    scheme = "queryToken"

    def credential(self) -> str | None:
        values = parse_qs(self.scope["query_string"].decode()).get("token", [])
        return values[0] if values else None


@document_channel(security=["jwtCookie"])
class CookieTokenConsumer(TokenConsumer):
    """Authenticated by the ``jwt`` cookie."""

    scheme = "jwtCookie"

    def credential(self) -> str | None:
        return self.scope.get("cookies", {}).get("jwt")


@document_channel(security=["protocolToken"])
class ProtocolTokenConsumer(TokenConsumer):
    """Authenticated by the token offered as the WebSocket subprotocol."""

    scheme = "protocolToken"

    def credential(self) -> str | None:
        offered = self.scope.get("subprotocols") or []
        return TOKEN if TOKEN in offered else None

    def subprotocol(self) -> str | None:
        return TOKEN


NOTICE = {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}


class AroundConsoleConsumer(AsyncJsonWebsocketConsumer):
    """Routed around ConsoleMiddleware: an event asked from the console cannot arrive."""

    @document_event(
        "notice", payload=NOTICE, examples=[{"payload": {"type": "notice", "text": "hi"}}]
    )
    async def notice(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


MARCO = {"type": "string", "const": "marco"}
POLO = {"type": "string", "pattern": "^polo!$"}
BYTES = {"type": "string", "format": "binary"}


@document_channel(action_key=None, event_key=None)
class PlainFramesConsumer(AsyncWebsocketConsumer):
    """Text and binary frames, not JSON: "marco" gets "polo!", bytes come back as bytes."""

    @document_action(
        action="marco",
        content_type="text/plain",
        payload=MARCO,
        responses={"polo": None},
        examples=[{"payload": "marco"}],
    )
    @document_event("polo", content_type="text/plain", payload=POLO)
    @document_action(
        action="upload",
        content_type="application/octet-stream",
        payload=BYTES,
        responses={"echo": None},
        examples=[{"payload": "bytes"}],
    )
    @document_event("echo", content_type="application/octet-stream", payload=BYTES)
    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if bytes_data is not None:
            await self.send(bytes_data=bytes_data)
        elif text_data == "marco":
            await self.send(text_data="polo!")


def application_for(routes: list[Any]) -> Any:
    auth_routes = [
        path("ws/auth/query/", QueryTokenConsumer.as_asgi()),
        path("ws/auth/cookie/", CookieTokenConsumer.as_asgi()),
        path("ws/auth/protocol/", ProtocolTokenConsumer.as_asgi()),
        path("ws/plain/", PlainFramesConsumer.as_asgi()),
    ]
    return ProtocolTypeRouter(
        {
            "http": get_asgi_application(),
            "websocket": AllowedHostsOriginValidator(
                AuthMiddlewareStack(
                    URLRouter(
                        [
                            path("ws/around/", AroundConsoleConsumer.as_asgi()),
                            re_path(r"^", ConsoleMiddleware(URLRouter([*routes, *auth_routes]))),
                        ]
                    )
                )
            ),
        }
    )


def __getattr__(name: str) -> Any:
    # Built on first use, after django.setup(): the settings import SECURITY_SCHEMES.
    if name == "application":
        from rideshare.routing import websocket_urlpatterns

        globals()["application"] = app = application_for(list(websocket_urlpatterns))
        return app
    raise AttributeError(name)
