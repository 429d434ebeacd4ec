"""The try-it-out console's server side: who gets it, and events sent on request.

A documented server→client event only arrives when the server decides to send it. With
``TRY_IT_OUT_EVENTS`` allowing it, the console can ask for one. It opens its WebSocket with
``?cs_console=<random id>``; :class:`ConsoleMiddleware`, which the project adds once around
its WebSocket routing, gives that connection (and only it) a channel of its own in a
channel-layer group named after the id, and hands what arrives there to the consumer as if
it came from the client. :class:`ConsoleEventView` sends the event's documented example to
that group, so the consumer's own dispatch runs its handler and the handler sends the frame.
Nothing here touches Channels' classes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs

from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_protect

from .endpoints import Endpoint, resolve_endpoints
from .metadata import OperationDoc, collect_operations
from .permissions import has_access, is_staff
from .settings import spectacular_settings

__all__ = [
    "CONSOLE_PARAM",
    "ConsoleEventView",
    "ConsoleMiddleware",
    "console_enabled",
    "console_group",
    "events_allowed",
]

logger = logging.getLogger("channels_spectacular.console")

# The query parameter naming a console connection, and the group it joins.
CONSOLE_PARAM = "cs_console"
_PARAM_BYTES = CONSOLE_PARAM.encode()
GROUP_PREFIX = "cs-console."
_ID = re.compile(r"^[0-9a-f]{32}$")
# The view asks the group before sending: a connection behind ConsoleMiddleware answers.
PING = "channels_spectacular.console.ping"
PONG = "channels_spectacular.console.pong"
PING_TIMEOUT = 2.0  # seconds; a channel layer answers in milliseconds
MIDDLEWARE_PATH = "channels_spectacular.console.ConsoleMiddleware"

Scope = MutableMapping[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


def console_enabled() -> bool:
    """``TRY_IT_OUT_ENABLED``, where None means "when DEBUG is on"."""
    value = spectacular_settings.TRY_IT_OUT_ENABLED
    if value is None:
        from django.conf import settings

        return bool(settings.DEBUG)
    return bool(value)


def events_allowed(request: HttpRequest | None = None) -> bool:
    """May this request (any request, without one) ask for events? See TRY_IT_OUT_EVENTS."""
    if not console_enabled():
        return False
    value = spectacular_settings.TRY_IT_OUT_EVENTS
    if value is not None:
        return bool(value)
    from django.conf import settings

    if settings.DEBUG:
        return True
    return request is None or is_staff(request)


def console_group(console_id: str) -> str | None:
    """The group of the console connection ``console_id``; None for a malformed id."""
    return GROUP_PREFIX + console_id if _ID.match(console_id or "") else None


def _scope_group(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(CONSOLE_PARAM, [])
    return console_group(values[0]) if values else None


class ConsoleMiddleware:
    """ASGI middleware that lets the console's event requests reach a console connection.

    Wrap the WebSocket routing once in ``asgi.py``::

        "websocket": AuthMiddlewareStack(ConsoleMiddleware(URLRouter(websocket_urlpatterns)))

    A connection opened by the console (``?cs_console=<id>``, while events may be asked
    for and a channel layer is configured) gets a channel of its own in the group
    ``cs-console.<id>`` once the consumer accepts it; what arrives on that channel reaches
    the consumer through ``receive``, so its dispatch calls the handler the message's
    ``type`` names. It leaves the group when the connection ends. Every other connection
    passes straight through after one substring test of its query string.
    """

    def __init__(self, app: Any, channel_layer_alias: str | None = None) -> None:
        from channels.layers import DEFAULT_CHANNEL_LAYER

        self.app = app  # discovery walks through ``.app`` to the routing
        self.channel_layer_alias = channel_layer_alias or DEFAULT_CHANNEL_LAYER

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> Any:
        """Pass the connection on; a console connection with its channel-layer inbox."""
        if scope.get("type") != "websocket" or _PARAM_BYTES not in scope.get("query_string", b""):
            return await self.app(scope, receive, send)
        group = _scope_group(scope)
        if group is None or not events_allowed():
            return await self.app(scope, receive, send)
        from channels.layers import get_channel_layer

        layer = get_channel_layer(self.channel_layer_alias)
        if layer is None:
            return await self.app(scope, receive, send)
        return await _ConsoleConnection(layer, group).run(self.app, scope, receive, send)


class _ConsoleConnection:
    """One console connection: the client's messages and the group's, in one inbox."""

    def __init__(self, layer: Any, group: str) -> None:
        self.layer, self.group = layer, group
        self.channel = ""
        self.inbox: asyncio.Queue[Message] = asyncio.Queue()
        self.tasks: list[asyncio.Task[None]] = []

    async def run(self, app: Any, scope: Scope, receive: Receive, send: Send) -> Any:
        self.tasks.append(asyncio.ensure_future(self._pump(receive)))
        try:
            return await app(scope, self.inbox.get, self._sender(send))
        finally:
            for task in self.tasks:
                task.cancel()
            await asyncio.gather(*self.tasks, return_exceptions=True)
            if self.channel:
                await self.layer.group_discard(self.group, self.channel)

    async def _pump(self, receive: Receive) -> None:
        while True:
            message = await receive()
            await self.inbox.put(message)
            if message.get("type") == "websocket.disconnect":
                return

    def _sender(self, send: Send) -> Send:
        async def sender(message: Message) -> None:
            if message.get("type") == "websocket.accept" and not self.channel:
                # Joined before the client sees the connection open, so it can ask at once.
                await self._join()
            await send(message)

        return sender

    async def _join(self) -> None:
        try:
            channel = await self.layer.new_channel()
            await self.layer.group_add(self.group, channel)
        except Exception as exc:  # a layer that is down must not cost the connection itself
            logger.warning(
                "Console connection not joined to %s (events cannot reach it): %s: %s",
                self.group,
                type(exc).__name__,
                exc,
            )
            return
        self.channel = channel
        self.tasks.append(asyncio.ensure_future(self._listen()))

    async def _listen(self) -> None:
        while True:
            message = await self.layer.receive(self.channel)
            if message.get("type") == PING:
                reply = message.get("reply")
                if isinstance(reply, str):
                    await self.layer.send(reply, {"type": PONG})
                continue
            await self.inbox.put(message)


def find_event(address: str, name: str) -> tuple[Endpoint, OperationDoc] | None:
    """The consumer at channel ``address`` and its documented event ``name``, if any."""
    for endpoint in resolve_endpoints():
        if endpoint.path.strip("/") != address.strip("/"):
            continue
        for doc in collect_operations(endpoint.consumer):
            if doc.kind == "event" and doc.name == name:
                return endpoint, doc
    return None


def routing_problem(consumers: list[type] | None = None) -> str | None:
    """Why events cannot reach these consumers' connections, when the ASGI routing shows it.

    None when ``ConsoleMiddleware`` wraps a route to each of them, and when the routing cannot
    tell (no ``ASGI_APPLICATION``, a consumer not routed there, an opaque middleware).
    Without ``consumers``: every routed consumer that documents an event.
    """
    from .discovery import discover_all, load_application

    try:
        app = load_application()
        documented, undocumented = discover_all(app) if app is not None else ([], [])
    except Exception:  # the spec views report a broken routing themselves
        return None
    wrapped: dict[type, bool] = {}  # routed consumer: does any route pass the middleware?
    for endpoint in [*documented, *undocumented]:
        kinds = endpoint.context.get("wrappers", ())
        through = any(issubclass(kind, ConsoleMiddleware) for kind in kinds)
        wrapped[endpoint.consumer] = wrapped.get(endpoint.consumer, False) or through
    missing = sorted(
        consumer.__name__
        for consumer, through in wrapped.items()
        if not through and (consumer in consumers if consumers else _has_events(consumer))
    )
    if not missing:
        return None
    from django.conf import settings

    return (
        f"The WebSocket routing of {settings.ASGI_APPLICATION} reaches {', '.join(missing)} "
        f"without {MIDDLEWARE_PATH}, so events asked from the console cannot arrive: wrap "
        "the URLRouter in it in asgi.py, e.g. "
        '"websocket": AuthMiddlewareStack(ConsoleMiddleware(URLRouter(websocket_urlpatterns))).'
    )


def _has_events(consumer: type) -> bool:
    return any(doc.kind == "event" and doc.examples for doc in collect_operations(consumer))


async def deliver(layer: Any, group: str, message: Message) -> bool:
    """Send ``message`` to ``group`` once a connection there answers; False: none did."""
    reply = await layer.new_channel()
    await layer.group_send(group, {"type": PING, "reply": reply})
    try:
        await asyncio.wait_for(layer.receive(reply), PING_TIMEOUT)
    except TimeoutError:
        return False
    await layer.group_send(group, message)
    return True


def channel_message(doc: OperationDoc, payload: Any) -> dict[str, Any]:
    """The channel-layer message that reaches ``doc``'s handler, carrying ``payload``."""
    message = dict(payload) if isinstance(payload, dict) else {"data": payload}
    kind = message.get("type")
    # Channels calls type.replace(".", "_"): keep the frame's own type when it gets there.
    if not (isinstance(kind, str) and kind.replace(".", "_") == doc.method):
        message["type"] = doc.method
    return message


@method_decorator(csrf_protect, name="dispatch")
class ConsoleEventView(View):
    """POST ``{"console", "address", "event", "example"}``: send that documented example."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        who = _who(request)
        if not (has_access(request) and events_allowed(request)):
            logger.warning("Console event refused for %s: not allowed.", who)
            return _error("Sending events from the console is not allowed here.", 403)
        try:
            data = json.loads(request.body or b"{}")
            console_id, address = str(data["console"]), str(data["address"])
            event, index = str(data["event"]), int(data.get("example", 0))
        except (ValueError, KeyError, TypeError):
            return _error('Expected JSON {"console", "address", "event", "example"}.', 400)
        group = console_group(console_id)
        if group is None:
            return _error("Malformed console id: connect from the console first.", 400)
        found = find_event(address, event)
        if found is None:
            return _error(f"No documented event {event!r} on the channel {address!r}.", 404)
        endpoint, doc = found
        examples = [e for e in doc.examples if isinstance(e, dict) and "payload" in e]
        if not 0 <= index < len(examples):
            return _error(f"{doc.location} documents no example {index + 1} for {event!r}.", 404)
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        if layer is None:
            return _undelivered(
                who, event, "No channel layer is configured (settings.CHANNEL_LAYERS)."
            )
        problem = routing_problem([endpoint.consumer])
        if problem:
            return _undelivered(who, event, problem)
        message = channel_message(doc, examples[index]["payload"])
        from asgiref.sync import async_to_sync

        if not async_to_sync(deliver)(layer, group, message):
            return _undelivered(
                who,
                event,
                f"No console connection answered in {group}: connect from the console first. "
                f"The connection must pass through {MIDDLEWARE_PATH} (asgi.py), and the channel "
                "layer must reach the server process holding it (InMemoryChannelLayer does "
                "not cross processes).",
            )
        logger.info(
            "Console event %r (example %d) sent to %s on %r by %s, handled by %s.",
            event,
            index + 1,
            group,
            address,
            who,
            doc.location,
        )
        return JsonResponse({"sent": event, "handler": doc.location})


def _who(request: HttpRequest) -> str:
    user = getattr(request, "user", None)
    name = user.get_username() if user is not None and user.is_authenticated else "anonymous"
    return f"{name} ({request.META.get('REMOTE_ADDR', '?')})"


def _undelivered(who: str, event: str, problem: str) -> JsonResponse:
    logger.warning("Console event %r for %s not sent: %s", event, who, problem)
    return _error(problem, 503)


def _error(text: str, status: int) -> JsonResponse:
    return JsonResponse({"error": text}, status=status)


def console_options(request: HttpRequest) -> dict[str, Any] | None:
    """The console options of a ``/ws-docs/`` page (``viewer.console_data``); None: off."""
    if not console_enabled():
        return None
    options: dict[str, Any] = {"expanded": spectacular_settings.TRY_IT_OUT_EXPANDED}
    if events_allowed(request):
        from django.middleware.csrf import get_token
        from django.urls import NoReverseMatch, reverse

        try:
            options["events"] = reverse("channels_spectacular:console-events")
        except NoReverseMatch:  # the docs view routed without channels_spectacular.urls
            pass
        else:
            options["csrf_token"] = get_token(request)
    return options
