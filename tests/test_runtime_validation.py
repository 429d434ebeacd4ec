"""Runtime validation of incoming actions: VALIDATE_MESSAGES off, log and error."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator, document_action
from channels_spectacular.contract import runtime
from channels_spectacular.runtime import (
    ERROR_EVENT,
    SyncValidateMessagesMixin,
    ValidateMessagesMixin,
    validation_mode,
)
from channels_spectacular.testing import ContractCommunicator, assert_documented

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ROOT = Path(__file__).resolve().parent.parent

ORDER = {
    "type": "object",
    "properties": {
        "item": {"type": "string", "minLength": 1},
        "quantity": {"type": "integer", "minimum": 1},
    },
    "required": ["item", "quantity"],
}
ORDERED = {"type": "object", "properties": {"item": {"type": "string"}}, "required": ["item"]}


class Dispatching(AsyncJsonWebsocketConsumer):
    """Dispatches ``{"action": x}`` to ``handle_x``, recording what it dispatched."""

    handled: list[Any] = []

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        type(self).handled.append(content)
        handler = getattr(self, f"handle_{content.get('action')}", None)
        if handler is not None:
            await handler(content)


class ShopConsumer(ValidateMessagesMixin, Dispatching):
    """Takes orders; validated before dispatch when VALIDATE_MESSAGES says so."""

    @document_action(
        summary="Order something",
        payload=ORDER,
        responses={"order.placed": ORDERED},
        examples=[{"payload": {"action": "order", "item": "tea", "quantity": 2}}],
    )
    async def handle_order(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "order.placed", "item": content.get("item")})


class SyncDispatch(JsonWebsocketConsumer):
    """Sync dispatch, recording what it dispatched."""

    handled: list[Any] = []

    def receive_json(self, content: Any, **kwargs: Any) -> None:
        SyncDispatch.handled.append(content)
        getattr(self, f"handle_{content.get('action')}")(content)


class SyncShop(SyncValidateMessagesMixin, SyncDispatch):
    """A sync consumer whose dispatch lives in its base class."""

    @document_action(payload=ORDER, responses={"order.placed": ORDERED})
    def handle_order(self, content: dict[str, Any]) -> None:
        self.send_json({"type": "order.placed", "item": content["item"]})


def mode(value: str) -> Any:
    return override_settings(CHANNELS_SPECTACULAR_SETTINGS={"VALIDATE_MESSAGES": value})


@pytest.fixture(autouse=True)
def fresh() -> None:
    Dispatching.handled = []
    SyncDispatch.handled = []


async def shop(consumer: type = ShopConsumer) -> ContractCommunicator:
    communicator = ContractCommunicator(consumer, "/ws/shop/")
    assert (await communicator.connect())[0]
    return communicator


# -- the documented error event ---------------------------------------------------------------


def test_error_event_is_in_the_spec(assert_valid):
    spec = AsyncAPIGenerator(ShopConsumer, channel_path="/ws/shop/").get_spec()
    assert_valid(spec)
    message = spec["components"]["messages"][ERROR_EVENT]
    payload = message["payload"]
    assert payload["properties"]["type"]["const"] == "validation.error"
    assert payload["required"] == ["type", "action", "field", "detail"]
    assert [op["action"] for op in spec["operations"].values()].count("send") == 1
    assert_documented(ShopConsumer)
    assert_documented(SyncShop)
    with mode("error"):
        assert_valid(runtime.contract(ShopConsumer).spec)  # the document the mixin checks with


def test_sync_mixin_spec_is_valid(assert_valid):
    assert_valid(AsyncAPIGenerator(SyncShop, channel_path="/ws/shop/").get_spec())


def test_error_event_name_comes_from_settings():
    assert ERROR_EVENT == "validation.error"
    custom = {"VALIDATION_ERROR_EVENT": "bad.request"}
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=custom):
        assert runtime._defined_setting("VALIDATION_ERROR_EVENT") == "bad.request"


def test_mode_is_checked():
    assert validation_mode() == "off"
    with mode("loud"), pytest.raises(ValueError, match="must be one of"):
        validation_mode()


# -- off ----------------------------------------------------------------------------------------


async def test_off_dispatches_without_generating(monkeypatch):
    def boom(consumer: type) -> None:
        raise AssertionError("no document may be generated when validation is off")

    monkeypatch.setattr(runtime, "contract", boom)
    communicator = await shop()
    await communicator.send_json_to({"action": "order", "item": ""}, check=False)
    assert await communicator.receive_json_from() == {"type": "order.placed", "item": ""}
    assert Dispatching.handled == [{"action": "order", "item": ""}]
    await communicator.disconnect()


def test_off_imports_neither_jsonschema_nor_the_generator():
    script = textwrap.dedent(
        """
        import asyncio, sys
        import django
        from django.conf import settings
        settings.configure(INSTALLED_APPS=["channels", "channels_spectacular"])
        django.setup()
        from channels.generic.websocket import AsyncJsonWebsocketConsumer
        from channels.testing import WebsocketCommunicator
        from channels_spectacular import document_action
        from channels_spectacular.runtime import ValidateMessagesMixin

        class Shop(ValidateMessagesMixin, AsyncJsonWebsocketConsumer):
            async def receive_json(self, content, **kwargs):
                await super().receive_json(content, **kwargs)
                await self.send_json({"type": "order.placed", "item": content["item"]})

            @document_action(payload={"type": "object", "required": ["quantity"]})
            async def handle_order(self, content):
                pass

        async def main():
            c = WebsocketCommunicator(Shop.as_asgi(), "/ws/shop/")
            await c.connect()
            await c.send_json_to({"action": "order", "item": "tea"})
            print(await c.receive_json_from())
            await c.disconnect()

        asyncio.run(main())
        loaded = [m for m in ("jsonschema", "channels_spectacular.generator") if m in sys.modules]
        print("loaded:", loaded)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "{'type': 'order.placed', 'item': 'tea'}" in result.stdout
    assert "loaded: []" in result.stdout


# -- log ----------------------------------------------------------------------------------------


async def test_log_mode_logs_and_dispatches(caplog):
    caplog.set_level(logging.WARNING, logger="channels_spectacular.runtime")
    with mode("log"):
        communicator = await shop()
        await communicator.send_json_to({"action": "order", "item": "tea"}, check=False)
        assert await communicator.receive_json_from() == {"type": "order.placed", "item": "tea"}
        await communicator.disconnect()
    assert Dispatching.handled == [{"action": "order", "item": "tea"}]
    assert "ShopConsumer received an undocumented frame at $.quantity" in caplog.text
    assert "dispatched anyway" in caplog.text


# -- error --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frame", "field", "detail"),
    [
        ({"action": "order", "item": "tea"}, "$.quantity", "required field 'quantity' is missing."),
        ({"action": "order", "item": "tea", "quantity": 0}, "$.quantity", "less than the minimum"),
        ({"action": "order", "item": 5, "quantity": 1}, "$.item", "5 is not of type 'string'"),
        ({"action": "refund"}, "$.action", "'refund' is not a documented action"),
        ({"item": "tea"}, "$", "no 'action' key"),
    ],
)
async def test_error_mode_rejects_with_the_documented_event(frame, field, detail):
    with mode("error"):
        communicator = await shop()
        await communicator.send_json_to(frame, check=False)
        # ContractCommunicator checks the error event against the document itself.
        event = await communicator.receive_json_from()
        await communicator.disconnect()
    assert event["type"] == "validation.error"
    assert event["field"] == field
    assert detail in event["detail"]
    assert event["action"] == (frame.get("action"))
    assert Dispatching.handled == []


async def test_error_mode_dispatches_valid_actions(assert_valid):
    with mode("error"):
        communicator = await shop()
        assert_valid(communicator.spec)
        await communicator.send_json_to({"action": "order", "item": "tea", "quantity": 1})
        assert await communicator.receive_json_from() == {"type": "order.placed", "item": "tea"}
        await communicator.disconnect()
    assert len(Dispatching.handled) == 1


async def test_error_mode_follows_the_schema_not_strictness():
    # Fields the schema does not forbid are accepted at runtime: the published spec allows them.
    with mode("error"):
        communicator = await shop()
        frame = {"action": "order", "item": "tea", "quantity": 1, "gift": True}
        await communicator.send_json_to(frame, check=False)
        assert (await communicator.receive_json_from())["type"] == "order.placed"
        await communicator.disconnect()


async def test_sync_consumer_error_mode(assert_valid):
    with mode("error"):
        communicator = await shop(SyncShop)
        assert_valid(communicator.spec)
        assert_valid(runtime.contract(SyncShop).spec)
        await communicator.send_json_to({"action": "order", "quantity": 2}, check=False)
        event = await communicator.receive_json_from()
        assert (event["type"], event["field"]) == ("validation.error", "$.item")
        await communicator.send_json_to({"action": "order", "item": "tea", "quantity": 2})
        assert await communicator.receive_json_from() == {"type": "order.placed", "item": "tea"}
        await communicator.disconnect()
    assert SyncDispatch.handled == [{"action": "order", "item": "tea", "quantity": 2}]
