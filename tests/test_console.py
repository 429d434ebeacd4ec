"""The console's server side without a browser: who gets it, and events sent on request.

Real consumers behind ``ConsoleMiddleware`` over ``WebsocketCommunicator`` and the
in-memory channel layer; the event view through Django's test client with CSRF checks on.
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer
from channels.layers import get_channel_layer
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.testing import WebsocketCommunicator
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.urls import path

from channels_spectacular import document_event, viewer
from channels_spectacular.console import ConsoleMiddleware, channel_message, console_group
from channels_spectacular.embed import parse_options
from channels_spectacular.metadata import collect_operations

SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"
CONSOLE_ID = "0123456789abcdef0123456789abcdef"
EVENTS_URL = "/ws-docs/try-it-out/events/"
STATUS = {"type": "object", "properties": {"type": {"const": "status.changed"}}}


class StatusConsumer(AsyncJsonWebsocketConsumer):
    """Forwards status events, with a mark proving the handler ran."""

    @document_event(
        "status.changed",
        payload=STATUS,
        examples=[{"name": "Up", "payload": {"type": "status.changed", "state": "up"}}],
    )
    async def status_changed(self, event: dict[str, Any]) -> None:
        await self.send_json({**event, "handled": True})

    @document_event("quiet", payload={"type": "object"})
    async def on_quiet(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


class SyncStatusConsumer(JsonWebsocketConsumer):
    """The sync base class joins the console group too."""

    @document_event("status.changed", payload=STATUS, examples=[{"payload": {"type": "x"}}])
    def status_changed(self, event: dict[str, Any]) -> None:
        self.send_json({**event, "handled": True})


# The same routing without and with the console's middleware, for ASGI_APPLICATION.
def routing(wrap: Any) -> Any:
    routes = [
        path("ws/status/", StatusConsumer.as_asgi()),
        path("ws/sync/", SyncStatusConsumer.as_asgi()),
    ]
    return ProtocolTypeRouter({"websocket": wrap(URLRouter(routes))})


unwrapped_application = routing(lambda app: app)
wrapped_application = routing(ConsoleMiddleware)
UNWRAPPED = "tests.test_console.unwrapped_application"
WRAPPED = "tests.test_console.wrapped_application"


def console_app(consumer: type) -> Any:
    """``consumer`` as the console reaches it: behind ConsoleMiddleware."""
    return ConsoleMiddleware(consumer.as_asgi())


# As in every project Django's startproject creates: the docs page sets the CSRF cookie.
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]


def console(**values: Any) -> Any:
    consumers = [(StatusConsumer, "/ws/status/"), (SyncStatusConsumer, "/ws/sync/")]
    return override_settings(
        MIDDLEWARE=MIDDLEWARE, **{SETTINGS: {"CONSUMERS": consumers, **values}}
    )


def post(client: Client, token: str = "", **body: Any) -> Any:
    data = {"console": CONSOLE_ID, "address": "/ws/status/", "event": "status.changed", **body}
    headers = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return client.post(EVENTS_URL, json.dumps(data), content_type="application/json", **headers)


def csrf_client() -> tuple[Client, str]:
    """A client that must send the CSRF token, with the token the docs page hands out."""
    client = Client(enforce_csrf_checks=True)
    html = client.get("/ws-docs/").content.decode()
    match = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert match
    data = json.loads(match.group(1))["console"]
    assert data["events"] == EVENTS_URL
    return client, data["csrfToken"]


# -- on when DEBUG, forced either way --------------------------------------------------------


@pytest.mark.parametrize(
    ("debug", "enabled", "shown"),
    [(True, None, True), (False, None, False), (False, True, True), (True, False, False)],
)
def test_console_follows_debug_unless_forced(client, debug, enabled, shown):
    with console(TRY_IT_OUT_ENABLED=enabled), override_settings(DEBUG=debug):
        html = client.get("/ws-docs/").content.decode()
    assert ('"console":{' in html) is shown


def test_events_are_offered_with_debug_or_for_staff_or_when_allowed(client, django_user_model):
    def offered(**values: Any) -> bool:
        with console(TRY_IT_OUT_ENABLED=True, **values):
            return '"events":' in client.get("/ws-docs/").content.decode()

    assert not offered()  # DEBUG off, anonymous
    with override_settings(DEBUG=True):
        assert offered()
        assert not offered(TRY_IT_OUT_EVENTS=False)
    assert offered(TRY_IT_OUT_EVENTS=True)
    staff = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(staff)
    assert offered()


# -- the event view --------------------------------------------------------------------------


async def test_an_asked_event_reaches_the_handler_of_this_connection_only(caplog):
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True):
        mine = WebsocketCommunicator(
            console_app(StatusConsumer), f"/ws/status/?cs_console={CONSOLE_ID}"
        )
        other = WebsocketCommunicator(console_app(StatusConsumer), "/ws/status/")
        assert (await mine.connect())[0] and (await other.connect())[0]
        client, token = await sync_to_async(csrf_client)()
        with caplog.at_level(logging.INFO, logger="channels_spectacular.console"):
            response = await sync_to_async(post)(client, token)
        assert response.status_code == 200, response.content
        assert response.json() == {
            "sent": "status.changed",
            "handler": "StatusConsumer.status_changed",
        }
        frame = await mine.receive_json_from(timeout=2)
        assert frame == {"type": "status.changed", "state": "up", "handled": True}
        assert await other.receive_nothing(timeout=0.2)
        await mine.disconnect()
        await other.disconnect()
    assert "Console event 'status.changed' (example 1)" in caplog.text
    assert f"cs-console.{CONSOLE_ID}" in caplog.text and "anonymous" in caplog.text


@pytest.mark.django_db(transaction=True)
def test_a_sync_consumer_gets_the_group_s_messages_as_well():
    from asgiref.sync import async_to_sync

    async def run() -> dict[str, Any]:
        communicator = WebsocketCommunicator(
            console_app(SyncStatusConsumer), f"/ws/sync/?cs_console={CONSOLE_ID}"
        )
        assert (await communicator.connect())[0]

        message = {"type": "status.changed", "n": 1}
        await get_channel_layer().group_send(console_group(CONSOLE_ID), message)
        frame: dict[str, Any] = await communicator.receive_json_from(timeout=2)
        await communicator.disconnect()
        return frame

    with console(TRY_IT_OUT_ENABLED=True):
        assert async_to_sync(run)() == {"type": "status.changed", "n": 1, "handled": True}


@pytest.mark.minimum
async def test_other_connections_pass_straight_through_and_the_console_s_leaves_its_group():
    seen: list[Any] = []

    async def app(scope: Any, receive: Any, send: Any) -> None:
        seen.append(receive)
        await receive()
        await send({"type": "websocket.accept"})
        await receive()

    async def receive_of(query: str) -> Any:
        communicator = WebsocketCommunicator(ConsoleMiddleware(app), "/ws/x/" + query)
        assert (await communicator.connect())[0]
        await communicator.disconnect()
        return seen[-1] == communicator.input_queue.get

    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True):
        assert await receive_of("?page=2")  # not the console's: the server's own receive
        assert not await receive_of(f"?cs_console={CONSOLE_ID}")
        assert await receive_of("?cs_console=not-an-id")
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=False):
        assert await receive_of(f"?cs_console={CONSOLE_ID}")  # events off: nothing to join

    group = console_group(CONSOLE_ID)
    layer = get_channel_layer()
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True):
        communicator = WebsocketCommunicator(
            console_app(StatusConsumer), f"/ws/status/?cs_console={CONSOLE_ID}"
        )
        assert (await communicator.connect())[0]
        assert len(layer.groups[group]) == 1
        await communicator.disconnect()
    assert group not in layer.groups


@pytest.mark.minimum
def test_channels_classes_are_left_as_they_are():
    """Regression: the console used to replace websocket_connect on Channels' base classes."""
    script = textwrap.dedent(
        """
        import inspect, sys
        import channels.consumer, channels.generic.http, channels.generic.websocket

        modules = (channels.consumer, channels.generic.http, channels.generic.websocket)
        classes = [c for m in modules for _, c in inspect.getmembers(m, inspect.isclass)]
        before = {c: dict(vars(c)) for c in classes}
        import django

        django.setup()
        from django.core.checks import run_checks
        from django.urls import reverse
        import tests.asgi  # the routing, ConsoleMiddleware included

        run_checks()
        reverse("channels_spectacular:console-events")
        changed = [
            f"{c.__module__}.{c.__qualname__}.{name}"
            for c, attrs in before.items()
            for name in {*attrs, *vars(c)}
            if attrs.get(name, None) is not vars(c).get(name, None)
        ]
        print("\\n".join(changed))
        sys.exit(1 if changed else 0)
        """
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(root)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, "replaced after django.setup(): " + done.stdout + done.stderr


async def test_a_channel_layer_that_is_down_does_not_cost_the_console_its_connection(caplog):
    """Redis unreachable: the console's connection still opens and works; the reason is logged."""
    down = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:9/0"]},  # the discard port: refused
        }
    }
    with (
        console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True),
        override_settings(CHANNEL_LAYERS=down),
        caplog.at_level(logging.WARNING, logger="channels_spectacular.console"),
    ):
        communicator = WebsocketCommunicator(
            ConsoleMiddleware(echo_app), f"/ws/echo/?cs_console={CONSOLE_ID}"
        )
        connected, _ = await communicator.connect(timeout=5)
        assert connected
        assert "Console connection not joined to cs-console." in caplog.text
        await communicator.send_to(text_data="still here")
        assert await communicator.receive_from() == "still here"
        await communicator.disconnect()


async def echo_app(scope: Any, receive: Any, send: Any) -> None:
    """A WebSocket app that needs no channel layer: it echoes text frames."""
    while True:
        message = await receive()
        if message["type"] == "websocket.connect":
            await send({"type": "websocket.accept"})
        elif message["type"] == "websocket.receive":
            await send({"type": "websocket.send", "text": message.get("text")})
        else:
            return


async def test_an_event_that_cannot_arrive_is_explained(caplog):
    """No middleware on the connection, on the routing, or no channel layer: the reason."""
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True):
        bare = WebsocketCommunicator(
            StatusConsumer.as_asgi(), f"/ws/status/?cs_console={CONSOLE_ID}"
        )
        assert (await bare.connect())[0]
        client, token = await sync_to_async(csrf_client)()
        with caplog.at_level(logging.WARNING, logger="channels_spectacular.console"):
            # tests.asgi does not route StatusConsumer: the routing cannot tell; nobody answers.
            unanswered = await sync_to_async(post)(client, token)
        assert unanswered.status_code == 503
        error = unanswered.json()["error"]
        assert "No console connection answered" in error
        assert "channels_spectacular.console.ConsoleMiddleware" in error
        assert "not sent: No console connection answered" in caplog.text
        assert await bare.receive_nothing(timeout=0.2)  # and no event was sent after all
        with override_settings(ASGI_APPLICATION=UNWRAPPED):
            unwrapped = await sync_to_async(post)(client, token)
        assert unwrapped.status_code == 503
        assert unwrapped.json()["error"].startswith(
            f"The WebSocket routing of {UNWRAPPED} reaches StatusConsumer without "
            "channels_spectacular.console.ConsoleMiddleware"
        )
        with override_settings(CHANNEL_LAYERS={}):
            layerless = await sync_to_async(post)(client, token)
        assert layerless.status_code == 503
        assert "No channel layer is configured" in layerless.json()["error"]
        await bare.disconnect()


@pytest.mark.minimum
def test_check_warns_when_the_routing_cannot_deliver_events():
    from channels_spectacular.checks import check_console

    def warnings(application: str, **values: Any) -> list[str]:
        with (
            console(TRY_IT_OUT_ENABLED=True, **values),
            override_settings(ASGI_APPLICATION=application),
        ):
            return [f"{m.id}: {m.msg}" for m in check_console()]

    assert warnings(UNWRAPPED) == []  # events on by default only: the console explains
    (warning,) = warnings(UNWRAPPED, TRY_IT_OUT_EVENTS=True)
    assert warning.startswith(
        f"channels_spectacular.W008: The WebSocket routing of {UNWRAPPED} reaches "
        "StatusConsumer, SyncStatusConsumer without channels_spectacular.console.ConsoleMiddleware"
    )
    assert warnings(WRAPPED, TRY_IT_OUT_EVENTS=True) == []
    assert warnings(UNWRAPPED, TRY_IT_OUT_EVENTS=False) == []
    with override_settings(ASGI_APPLICATION=UNWRAPPED):
        assert not [m for m in run_checks() if m.id.endswith("W008")]  # console off


def test_the_view_needs_csrf_permission_and_a_documented_example(caplog):
    client, token = csrf_client_enabled()
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True):
        assert post(client).status_code == 403  # no CSRF token
        ok = {"token": token}
        assert post(client, event="nope", **ok).status_code == 404
        assert "No documented event 'nope'" in post(client, event="nope", **ok).json()["error"]
        assert post(client, event="quiet", **ok).status_code == 404  # no example
        assert post(client, console="../x", **ok).status_code == 400
        assert post(client, address="/ws/other/", **ok).status_code == 404
        bad = client.post(EVENTS_URL, "{", content_type="application/json", HTTP_X_CSRFTOKEN=token)
        assert bad.status_code == 400
        assert client.get(EVENTS_URL).status_code == 405
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=False):
        with caplog.at_level(logging.WARNING, logger="channels_spectacular.console"):
            refused = post(client, **ok)
        assert refused.status_code == 403
        assert "Console event refused for anonymous" in caplog.text
    with console(TRY_IT_OUT_ENABLED=False, TRY_IT_OUT_EVENTS=True):
        assert post(client, **ok).status_code == 403


def csrf_client_enabled() -> tuple[Client, str]:
    with console(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EVENTS=True):
        return csrf_client()


def test_channel_message_reaches_the_handler_named_by_the_method():
    up, quiet = collect_operations(StatusConsumer)
    assert channel_message(up, {"type": "status.changed"}) == {"type": "status.changed"}
    # The documented name does not lead to the method: the method name does.
    assert channel_message(quiet, {"type": "quiet"}) == {"type": "on_quiet"}
    assert channel_message(quiet, [1]) == {"data": [1], "type": "on_quiet"}
    assert console_group("A" * 32) is None and console_group("") is None


# -- static docs sites: the try_it_out option --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("url=wss://staging.example.com", {"url": "wss://staging.example.com", "expanded": False}),
        ("ws://127.0.0.1:8000", {"url": "ws://127.0.0.1:8000", "expanded": False}),
        ({"url": "ws://h:1", "expanded": True}, {"url": "ws://h:1", "expanded": True}),
        ('{"url": "ws://h:1"}', {"url": "ws://h:1", "expanded": False}),
        (False, None),
    ],
)
def test_try_it_out_option(raw, expected):
    options, problems = parse_options({"try_it_out": raw})
    assert problems == [] and options.try_it_out == expected


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("https://staging.example.com", "must be a WebSocket server"),
        ("javascript:alert(1)", "must be a WebSocket server"),
        ({"url": "ws://h", "token": "x"}, "unknown keys ['token']"),
        (True, "expected the WebSocket server"),
    ],
)
def test_try_it_out_option_problems_name_the_option(raw, message):
    options, problems = parse_options({"try-it-out": raw})
    assert options.try_it_out is None
    assert len(problems) == 1 and problems[0].startswith("option 'try-it-out':")
    assert message in problems[0]


def test_console_options_are_escaped_in_the_data_block():
    html = viewer.render_embed(
        spec={"info": {"title": "x"}}, try_it_out={"url": "ws://h</script><b>:1"}
    )
    assert "</script><b>" not in html and "\\u003c/script\\u003e" in html
