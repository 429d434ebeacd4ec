"""The contract-testing communicator, assert_documented and the pytest fixture."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer
from channels.routing import URLRouter
from django.urls import path, re_path

from channels_spectacular import AsyncAPIGenerator, document_action, document_event
from channels_spectacular.contract import require_jsonschema
from channels_spectacular.testing import (
    ContractCommunicator,
    ContractViolation,
    UndocumentedHandlers,
    assert_documented,
    handler_names,
)

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ROOT = Path(__file__).resolve().parent.parent

NOTE = {
    "type": "object",
    "properties": {
        "text": {"type": "string", "minLength": 1},
        "count": {"type": "integer", "minimum": 0},
    },
    "required": ["text"],
}
POSTED = {
    "type": "object",
    "properties": {"room": {"type": "integer"}, "text": {"type": "string"}},
    "required": ["room", "text"],
}


@dataclass
class Point:
    """A position."""

    x: float
    y: float


@dataclass
class Move:
    """Where to go."""

    to: Point
    speed: float = 1.0


class RoomConsumer(AsyncJsonWebsocketConsumer):
    """An async room; the reply echoes what a test asks it to send."""

    async def connect(self) -> None:
        self.room = self.scope["url_route"]["kwargs"]["room"]
        await self.accept()

    # What the next reply says besides the documented fields (tests set it to drift).
    reply_extra: dict[str, Any] = {}
    reply_instead: dict[str, Any] | None = None

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if bytes_data is not None:
            await self.send(bytes_data=bytes_data[::-1])  # binary frames: echoed reversed
            return
        await super().receive(text_data=text_data)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await getattr(self, f"handle_{content['action']}")(content)

    @document_action(
        summary="Post a note",
        payload=NOTE,
        responses={"note.posted": POSTED},
        examples=[{"payload": {"action": "post", "text": "hi"}}],
    )
    async def handle_post(self, content: dict[str, Any]) -> None:
        reply = {
            "type": "note.posted",
            "room": self.room,
            "text": content["text"],
            **self.reply_extra,
        }
        await self.send_json(self.reply_instead or reply)

    @document_action(summary="Move", payload=Move)
    async def handle_move(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "moved", "to": content["to"]})

    @document_event("moved", payload=Move)
    async def moved(self, event: dict[str, Any]) -> None:
        await self.send_json(event)

    @document_event("room.closed", payload={"type": "object", "properties": {}})
    async def room_closed(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


class SyncEchoConsumer(JsonWebsocketConsumer):
    """A sync consumer that answers ``shout`` with ``shouted``."""

    def connect(self) -> None:
        self.name = self.scope["url_route"]["kwargs"]["name"]
        self.accept()

    def receive_json(self, content: Any, **kwargs: Any) -> None:
        self.handle_shout(content)

    @document_action(
        payload={"type": "object", "properties": {"text": {"type": "string"}}},
        responses={"shouted": None},
    )
    def handle_shout(self, content: dict[str, Any]) -> None:
        self.send_json({"type": "shouted", "by": self.name, "text": content["text"].upper()})

    @document_event(
        "shouted",
        payload={
            "type": "object",
            "properties": {"by": {"type": "string"}, "text": {"type": "string"}},
            "required": ["by", "text"],
        },
    )
    def shouted(self, event: dict[str, Any]) -> None:
        self.send_json(event)


class ChoiceConsumer(AsyncJsonWebsocketConsumer):
    """A payload with alternatives: undocumented fields are judged by the matching one."""

    @document_action(
        payload={
            "anyOf": [
                {
                    "type": "object",
                    "properties": {"kind": {"const": "a"}, "a": {"type": "string"}},
                    "required": ["kind"],
                },
                {
                    "type": "object",
                    "properties": {"kind": {"const": "b"}, "b": {"type": "integer"}},
                    "required": ["kind"],
                },
            ]
        }
    )
    async def handle_pick(self, content: dict[str, Any]) -> None:
        pass


router = URLRouter(
    [
        path("ws/rooms/<int:room>/", RoomConsumer.as_asgi()),
        re_path(r"^ws/echo/(?P<name>\w+)/$", SyncEchoConsumer.as_asgi()),
    ]
)


async def open_room(**options: Any) -> ContractCommunicator:
    communicator = ContractCommunicator(router, "/ws/rooms/7/", **options)
    connected, _ = await communicator.connect()
    assert connected
    return communicator


# -- the happy path ---------------------------------------------------------------------------


async def test_routed_async_consumer_with_path_parameter(assert_valid):
    communicator = await open_room()
    assert communicator.contract.channel == "rooms"
    assert communicator.contract.address == "/ws/rooms/{room}/"
    assert_valid(communicator.spec)
    await communicator.send_json_to({"action": "post", "text": "hello"})
    assert await communicator.receive_json_from() == {
        "type": "note.posted",
        "room": 7,
        "text": "hello",
    }
    await communicator.disconnect()


async def test_spec_version_reaches_the_scope_or_names_the_channels_it_needs():
    import inspect

    from channels.testing import WebsocketCommunicator

    if "spec_version" in inspect.signature(WebsocketCommunicator.__init__).parameters:
        communicator = await open_room(spec_version="2.3")
        assert communicator.scope["spec_version"] == "2.3"
        await communicator.disconnect()
    else:  # channels 4.0 (the minimum run)
        with pytest.raises(TypeError, match=r"spec_version='2.3'\) needs channels 4.1"):
            ContractCommunicator(router, "/ws/rooms/7/", spec_version="2.3")


async def test_refs_are_resolved_against_the_document(assert_valid):
    communicator = await open_room()
    assert_valid(communicator.spec)
    assert "$ref" in str(communicator.spec["components"]["messages"]["move"]["payload"])
    await communicator.send_json_to({"action": "move", "to": {"x": 1, "y": 2.5}})
    assert await communicator.receive_json_from() == {"type": "moved", "to": {"x": 1, "y": 2.5}}
    with pytest.raises(ContractViolation) as info:
        await communicator.send_json_to({"action": "move", "to": {"x": "one", "y": 2}})
    assert info.value.path == "$.to.x"
    await communicator.disconnect()


async def test_sync_consumer_unrouted_with_url_kwargs(assert_valid):
    communicator = ContractCommunicator(
        SyncEchoConsumer, "/ws/echo/ann/", url_kwargs={"name": "ann"}
    )
    assert communicator.contract.address == "/ws/echo/{name}/"
    assert_valid(communicator.spec)
    assert (await communicator.connect())[0]
    await communicator.send_json_to({"action": "shout", "text": "hey"})
    assert await communicator.receive_json_from() == {"type": "shouted", "by": "ann", "text": "HEY"}
    await communicator.disconnect()


async def test_sync_consumer_routed_by_regex(assert_valid):
    communicator = ContractCommunicator(router, "/ws/echo/bob/")
    assert communicator.contract.address == "/ws/echo/{name}/"
    assert_valid(communicator.spec)
    assert (await communicator.connect())[0]
    await communicator.send_to(text_data='{"action": "shout", "text": "yo"}')
    assert await communicator.receive_from() == '{"type": "shouted", "by": "bob", "text": "YO"}'
    await communicator.disconnect()


async def test_explicit_spec_and_channel(assert_valid):
    generator = AsyncAPIGenerator(
        consumers=[(RoomConsumer, "/ws/rooms/{room}/"), (SyncEchoConsumer, "/ws/echo/{name}/")]
    )
    assert_valid(generator.get_spec())
    communicator = ContractCommunicator(router, "/ws/rooms/3/", spec=generator)
    assert communicator.contract.channel == "rooms"
    chosen = ContractCommunicator(router, "/elsewhere/", spec=generator, channel="echo")
    assert chosen.contract.channel == "echo"
    with pytest.raises(ValueError, match="no channel address matches"):
        ContractCommunicator(router, "/elsewhere/", spec=generator)
    with pytest.raises(ValueError, match="No channel 'nope'"):
        ContractCommunicator(router, "/ws/rooms/3/", spec=generator, channel="nope")


def test_unknown_route_says_how_to_fix():
    with pytest.raises(ValueError, match="consumer=YourConsumer"):
        ContractCommunicator(router, "/ws/nowhere/")


async def test_binary_frames_are_checked_as_binary():
    # The room documents no binary frames (content_type=): bytes either way are drift.
    communicator = await open_room()
    with pytest.raises(ContractViolation, match=r"binary frame \(2 bytes\).*no binary action"):
        await communicator.send_to(bytes_data=b"\x00\x01")
    await communicator.send_to(bytes_data=b"\x00\x01", check=False)
    with pytest.raises(ContractViolation, match=r"no binary event is documented"):
        await communicator.receive_from()
    await communicator.disconnect()


# -- drift fails the test ---------------------------------------------------------------------


async def test_undocumented_action_fails_before_sending():
    communicator = await open_room()
    with pytest.raises(ContractViolation) as info:
        await communicator.send_json_to({"action": "delete_room"})
    error = info.value
    assert (error.channel, error.sender, error.path) == ("rooms", "client", "$.action")
    text = str(error)
    assert "channel 'rooms' (/ws/rooms/{room}/), client → server" in text
    assert "'delete_room' is not a documented action on this channel" in text
    assert "documented actions: move, post" in text
    assert 'frame:   {"action": "delete_room"}' in text
    assert await communicator.receive_nothing()
    await communicator.disconnect()


async def test_server_event_sent_as_action_is_named():
    communicator = await open_room()
    with pytest.raises(ContractViolation, match="documented as a server → client event"):
        await communicator.send_json_to({"action": "room.closed"})
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("frame", "path", "reason"),
    [
        ({"action": "post"}, "$.text", "required field 'text' is missing"),
        # jsonschema's own wording; 4.18, the lowest supported, says "is too short".
        ({"action": "post", "text": ""}, "$.text", "should be non-empty|is too short"),
        ({"action": "post", "text": "x", "count": -1}, "$.count", "less than the minimum"),
        ({"action": "post", "text": "x", "colour": "red"}, "$.colour", "undocumented field"),
        ({"text": "x"}, "$", "no 'action' key"),
        (["post"], "$", "an array, not an object"),
    ],
)
async def test_outgoing_payload_mismatch(frame, path, reason):
    communicator = await open_room()
    with pytest.raises(ContractViolation) as info:
        await communicator.send_json_to(frame)
    assert info.value.path == path
    assert re.search(reason, info.value.reason)
    await communicator.disconnect()


DRIFTS = {
    "undocumented field": (
        {"reply_extra": {"secret": 1}},
        "$.secret",
        [
            "message: note.posted",
            "undocumented field 'secret' (documented: room, text, type)",
            '"secret": 1',
        ],
    ),
    "undocumented event": (
        {"reply_instead": {"type": "oops"}},
        "$.type",
        ["'oops' is not a documented event", "documented events: moved, note.posted, room.closed"],
    ),
    "wrong type": ({"reply_extra": {"room": "7"}}, "$.room", ["'7' is not of type 'integer'"]),
}


@pytest.mark.parametrize("drift", sorted(DRIFTS))
async def test_consumer_drifting_from_its_documented_reply_fails(monkeypatch, drift):
    attributes, path, words = DRIFTS[drift]
    for name, value in attributes.items():
        monkeypatch.setattr(RoomConsumer, name, value)
    communicator = await open_room()
    await communicator.send_json_to({"action": "post", "text": "hi"})
    with pytest.raises(ContractViolation) as info:
        await communicator.receive_json_from()
    assert (info.value.sender, info.value.path) == ("server", path)
    for text in words:
        assert text in str(info.value)
    await communicator.disconnect()


async def test_nested_undocumented_field_through_a_ref():
    communicator = await open_room()
    with pytest.raises(ContractViolation) as info:
        await communicator.send_json_to({"action": "move", "to": {"x": 1, "y": 2, "z": 3}})
    assert info.value.path == "$.to.z"
    await communicator.disconnect()


async def test_non_json_text_frame_fails():
    communicator = await open_room()
    with pytest.raises(ContractViolation, match="not JSON"):
        await communicator.send_to(text_data="post please")
    await communicator.disconnect()


async def test_strict_false_allows_fields_the_schema_allows(monkeypatch):
    monkeypatch.setattr(RoomConsumer, "reply_extra", {"extra": True})
    communicator = await open_room(strict=False)
    await communicator.send_json_to({"action": "post", "text": "hi", "colour": "red"})
    assert (await communicator.receive_json_from())["extra"] is True
    await communicator.disconnect()


async def test_alternatives_judge_fields_by_the_matching_branch(assert_valid):
    communicator = ContractCommunicator(ChoiceConsumer, "/ws/choice/")
    assert_valid(communicator.spec)
    # A payload that is not a plain object travels under the envelope's "data" key.
    frame = {"action": "pick", "data": {"kind": "b", "b": 1}}
    assert communicator.contract.check(frame, "client") is None
    frame = {"action": "pick", "data": {"kind": "b", "a": "x"}}
    problem = communicator.contract.check(frame, "client")
    assert problem is not None
    assert problem.path == "$.data.a"
    assert problem.reason == "undocumented field 'a' (documented: b, kind)."


def test_missing_jsonschema_says_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "jsonschema", None)
    with pytest.raises(ImportError, match=r"pip install 'channels-spectacular\[validation\]'"):
        require_jsonschema()


# -- the pytest fixture -----------------------------------------------------------------------


async def test_fixture_makes_communicators(contract_communicator):
    communicator = contract_communicator(router, "/ws/rooms/1/")
    assert isinstance(communicator, ContractCommunicator)
    assert (await communicator.connect())[0]
    await communicator.send_json_to({"action": "post", "text": "fixture"})
    assert (await communicator.receive_json_from())["room"] == 1
    # Left connected on purpose: the fixture stops it.


def test_pytest_plugin_imports_neither_django_nor_jsonschema():
    code = (
        "import sys, channels_spectacular.pytest_plugin; "
        "print([m for m in sys.modules if m.split('.')[0] in ('django', 'channels', 'jsonschema')])"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr


# -- assert_documented ------------------------------------------------------------------------


class Helpers:
    """A plain mixin: helpers are not handlers; a method taking one message is."""

    def format_room(self, room: int) -> str:
        return f"room-{room}"

    def get_url_kwargs(self) -> dict[str, Any]:
        return dict(self.scope["url_route"]["kwargs"])  # type: ignore[attr-defined]

    @property
    def group_name(self) -> str:
        return self.format_room(self.get_url_kwargs()["room"])

    async def send_error(self, detail: str) -> None:
        await self.send_json({"type": "error", "detail": detail})  # type: ignore[attr-defined]

    async def audit(self, event: dict[str, Any]) -> None:
        pass  # a channel-layer handler: flagged until documented


class HalfDocumented(Helpers, RoomConsumer):
    async def disconnect(self, code: int) -> None:
        pass

    async def websocket_receive(self, message: dict[str, Any]) -> None:
        await super().websocket_receive(message)

    async def handle_rename(self, content: dict[str, Any]) -> None:
        await self.send_error("renaming is not supported")

    async def room_renamed(self, event: dict[str, Any]) -> None:
        pass

    async def handle_post(self, content: dict[str, Any]) -> None:
        # Undecorated override: keeps the documentation of the method it overrides.
        await super().handle_post(content)

    async def _private(self) -> None:
        pass

    @staticmethod
    def utility() -> None:
        pass


class SyncHalf(SyncEchoConsumer):
    def handle_whisper(self, content: dict[str, Any]) -> None:
        pass


def test_assert_documented_passes_for_documented_consumers():
    assert_documented(RoomConsumer)
    assert_documented(SyncEchoConsumer)
    assert_documented(ChoiceConsumer)


def test_assert_documented_lists_the_undocumented():
    with pytest.raises(UndocumentedHandlers) as info:
        assert_documented(HalfDocumented)
    text = str(info.value)
    assert text.splitlines()[0] == "HalfDocumented has undocumented handlers:"
    assert "HalfDocumented.handle_rename: add @document_action(...) (action 'rename')" in text
    assert "HalfDocumented.room_renamed: add @document_event('room.renamed', ...)" in text
    assert "HalfDocumented.audit" in text
    plumbing = ["disconnect", "websocket_receive", "handle_post", "_private", "utility"]
    helpers = ["format_room", "get_url_kwargs", "group_name", "send_error"]
    for fine in plumbing + helpers:
        assert f".{fine}:" not in text


def test_assert_documented_ignore_and_stale_ignores():
    assert_documented(HalfDocumented, ignore=["handle_rename", "room_*", "audit"])
    with pytest.raises(UndocumentedHandlers, match=r"match no handler: \['handle_gone'\]"):
        assert_documented(RoomConsumer, ignore=["handle_gone"])


@document_action(action="join", payload={"type": "object"})
@document_action(action="leave")
class ClassLevelActions(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await getattr(self, "handle_message")(content)  # noqa: B009 - dispatch by name

    async def handle_message(self, content: dict[str, Any]) -> None:
        pass  # dispatches the class-level actions

    async def left(self, event: dict[str, Any]) -> None:
        pass


def test_assert_documented_skips_the_dispatcher_of_class_level_actions():
    with pytest.raises(UndocumentedHandlers) as info:
        assert_documented(ClassLevelActions)
    assert "ClassLevelActions.left" in str(info.value)
    assert "handle_message" not in str(info.value)


def test_assert_documented_sync_consumer():
    with pytest.raises(UndocumentedHandlers, match=r"SyncHalf\.handle_whisper"):
        assert_documented(SyncHalf)
    assert handler_names(SyncHalf) == ["handle_shout", "shouted", "handle_whisper"]


def test_channels_base_methods_are_not_handlers():
    assert handler_names(RoomConsumer) == ["handle_post", "handle_move", "moved", "room_closed"]


# -- a whole suite fails on drift -----------------------------------------------------------

DRIFTING_TEST = """
from channels_spectacular.testing import ContractCommunicator
from tests.test_testing import RoomConsumer, router


async def test_post(monkeypatch):
    monkeypatch.setattr(RoomConsumer, "reply_extra", {"secret": 1})
    communicator = ContractCommunicator(router, "/ws/rooms/1/")
    await communicator.connect()
    await communicator.send_json_to({"action": "post", "text": "x"})
    assert (await communicator.receive_json_from())["text"] == "x"
"""


def test_a_suite_with_a_drifting_consumer_fails(tmp_path):
    (tmp_path / "test_drift.py").write_text(DRIFTING_TEST)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", str(tmp_path), "-q", "-c", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 failed" in result.stdout
    assert "undocumented field 'secret'" in result.stdout


# -- $refs and allOf in a hand-written document ---------------------------------------------

ALLOF_DOC = {
    "asyncapi": "3.0.0",
    "info": {"title": "Hand-written", "version": "1.0.0"},
    "channels": {
        "feed": {
            "address": "/ws/feed/",
            "messages": {"item.added": {"$ref": "#/components/messages/item.added"}},
        }
    },
    "operations": {
        "item.added": {
            "action": "send",
            "channel": {"$ref": "#/channels/feed"},
            "messages": [{"$ref": "#/channels/feed/messages/item.added"}],
        }
    },
    "components": {
        "messages": {
            "item.added": {
                "name": "item.added",
                "payload": {
                    "allOf": [
                        {
                            "type": "object",
                            "properties": {"type": {"type": "string", "const": "item.added"}},
                            "required": ["type"],
                        },
                        {"$ref": "#/components/schemas/Item"},
                    ]
                },
            }
        },
        "schemas": {
            "Item": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "tags": {"type": "array", "items": {"$ref": "#/components/schemas/Tag"}},
                    "meta": {"type": "object", "additionalProperties": {"type": "string"}},
                },
                "required": ["id"],
            },
            "Tag": {"type": "object", "properties": {"name": {"type": "string"}}},
        },
    },
}


def test_contract_through_allof_and_refs(assert_valid):
    from channels_spectacular.contract import ChannelContract

    assert_valid(ALLOF_DOC)
    contract = ChannelContract(ALLOF_DOC, "feed")
    good = {"type": "item.added", "id": 1, "tags": [{"name": "a"}], "meta": {"any": "thing"}}
    assert contract.check(good, "server") is None
    drift = {"type": "item.added", "id": 1, "tags": [{"name": "a", "colour": "red"}]}
    problem = contract.check(drift, "server")
    assert problem is not None
    assert (problem.path, problem.message) == ("$.tags[0].colour", "item.added")
    problem = contract.check({"type": "item.added", "id": 1, "meta": {"n": 2}}, "server")
    assert problem is not None and problem.path == "$.meta.n"
    problem = contract.check({"type": "item.added", "id": 1, "extra": 1}, "server")
    assert problem is not None and problem.path == "$.extra"
