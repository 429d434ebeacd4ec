"""The try-it-out console's server side: who gets it, and events sent on request.

A documented server→client event only arrives when the server decides to send it. With
``TRY_IT_OUT_EVENTS`` allowing it, the console can ask for one: it opens its WebSocket with
``?cs_console=<random id>``, which puts that connection (and only it) in a channel-layer
group named after the id; :class:`ConsoleEventView` then sends the event's documented
example to that group, so the consumer's own handler runs and sends the frame.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from typing import Any
from urllib.parse import parse_qs

from django.http import HttpRequest, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_protect

from .endpoints import resolve_endpoints
from .metadata import OperationDoc, collect_operations
from .permissions import has_access, is_staff
from .settings import spectacular_settings

__all__ = [
    "CONSOLE_PARAM",
    "ConsoleEventView",
    "console_enabled",
    "console_group",
    "events_allowed",
    "install",
]

logger = logging.getLogger("channels_spectacular.console")

# The query parameter naming a console connection, and the group it joins.
CONSOLE_PARAM = "cs_console"
GROUP_PREFIX = "cs-console."
_ID = re.compile(r"^[0-9a-f]{32}$")
_MARK = "_channels_spectacular_console"


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


def _scope_group(scope: Any) -> str | None:
    query = scope.get("query_string", b"") if isinstance(scope, dict) else b""
    if CONSOLE_PARAM.encode() not in query:
        return None  # every other connection: one substring test
    values = parse_qs(query.decode("latin-1")).get(CONSOLE_PARAM, [])
    return console_group(values[0]) if values else None


def _joining(original: Any) -> Any:
    """``websocket_connect`` that first adds a console connection's group to ``groups``."""

    @functools.wraps(original)
    def websocket_connect(self: Any, message: Any) -> Any:
        group = _scope_group(getattr(self, "scope", None))
        if group and getattr(self, "channel_layer", None) is not None and events_allowed():
            # Channels joins self.groups before connect() and leaves them on disconnect.
            self.groups = [*self.groups, group]
        return original(self, message)

    setattr(websocket_connect, _MARK, True)
    return websocket_connect


def install() -> None:
    """Let console connections join their group (Channels' two WebSocket base classes)."""
    from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer

    for base in (AsyncWebsocketConsumer, WebsocketConsumer):
        if not getattr(base.websocket_connect, _MARK, False):
            base.websocket_connect = _joining(base.websocket_connect)


def find_event(address: str, name: str) -> OperationDoc | None:
    """The documented event ``name`` of the consumer at channel ``address``, if any."""
    for endpoint in resolve_endpoints():
        if endpoint.path.strip("/") != address.strip("/"):
            continue
        for doc in collect_operations(endpoint.consumer):
            if doc.kind == "event" and doc.name == name:
                return doc
    return None


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
        doc = find_event(address, event)
        if doc is None:
            return _error(f"No documented event {event!r} on the channel {address!r}.", 404)
        examples = [e for e in doc.examples if isinstance(e, dict) and "payload" in e]
        if not 0 <= index < len(examples):
            return _error(f"{doc.location} documents no example {index + 1} for {event!r}.", 404)
        from channels.layers import get_channel_layer

        layer = get_channel_layer()
        if layer is None:
            return _error("No channel layer is configured (settings.CHANNEL_LAYERS).", 503)
        message = channel_message(doc, examples[index]["payload"])
        from asgiref.sync import async_to_sync

        async_to_sync(layer.group_send)(group, message)
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
