"""The townhall consumers over the real ASGI application, every frame checked against the spec.

``ContractCommunicator`` checks each frame the tests send and receive: frames without a
discriminator are matched by shape, text and binary frames as text and binary. A frame the
consumers do not document fails the test, so the spec cannot drift from the wire.
"""

from __future__ import annotations

from typing import Any

import pytest
from channels.layers import get_channel_layer
from townhall.consumers import (
    ChatConsumer,
    DebateConsumer,
    LiveConsumer,
    NotificationsConsumer,
    notify,
)

from channels_spectacular import AsyncAPIGenerator
from channels_spectacular.testing import ContractViolation, assert_documented, contract_for

PATHS = ["/ws/debates/1/", "/ws/chat/lobby/", "/ws/notifications/", "/ws/live/"]


# -- debates: no discriminator ----------------------------------------------------------------


@pytest.mark.asyncio
async def test_debate_sends_its_state_on_connect_and_echoes_the_component_id(connect):
    debate = await connect("/ws/debates/1/")
    state = await debate.receive_json_from()
    assert state["message"] == {"level": "info", "text": "Welcome to the debate"}
    assert [d["id"] for d in state["debates"]] == [1, 2]
    await debate.send_json_to({"importance": [3, 1, 2], "componentID": 12})
    assert await debate.receive_json_from() == {"componentID": 12, "saved": True}
    await debate.disconnect()


@pytest.mark.asyncio
async def test_an_argument_goes_to_everyone_in_the_debate(connect):
    author = await connect("/ws/debates/2/")
    listener = await connect("/ws/debates/2/")
    for communicator in (author, listener):
        await communicator.receive_json_from()  # the state
    await author.send_json_to({"argument": "Safer streets", "side": "for"})
    for communicator in (author, listener):
        posted = await communicator.receive_json_from()
        assert posted["argument"] == {"text": "Safer streets", "side": "for", "author": "guest"}
        await communicator.disconnect()


@pytest.mark.asyncio
async def test_debate_frames_that_fit_no_message_are_violations(connect):
    debate = await connect("/ws/debates/1/")
    await debate.receive_json_from()
    with pytest.raises(ContractViolation, match=r"closest is rank: required field 'componentID'"):
        await debate.send_json_to({"importance": [3, 1]})
    with pytest.raises(ContractViolation) as info:
        await debate.send_json_to({"argument": "Why not", "side": "maybe"})
    assert (info.value.message, info.value.path) == ("argue", "$.side")
    # A frame nobody documents is answered with the documented error frame.
    await debate.send_json_to({"vote": 1}, check=False)
    assert await debate.receive_json_from() == {"error": "expected 'importance' or 'argument'"}
    await debate.disconnect()


@pytest.mark.asyncio
async def test_runtime_validation_rejects_a_bad_ranking(connect, settings):
    # The mixin is listed first in the bases of the class that defines receive_json.
    settings.CHANNELS_SPECTACULAR_SETTINGS = {
        **settings.CHANNELS_SPECTACULAR_SETTINGS,
        "VALIDATE_MESSAGES": "error",
    }
    debate = await connect("/ws/debates/1/")
    await debate.receive_json_from()
    await debate.send_json_to({"importance": "high", "componentID": 12}, check=False)
    error = await debate.receive_json_from()
    assert (error["action"], error["field"]) == ("rank", "$.importance")
    assert "type" not in error  # the debate's frames carry no discriminator, errors neither
    await debate.send_json_to({"importance": [1], "componentID": 12})
    assert await debate.receive_json_from() == {"componentID": 12, "saved": True}
    await debate.disconnect()


# -- chat: ``type`` in both directions, an inherited handler -------------------------------------


@pytest.mark.asyncio
async def test_chat_join_say_and_leave(connect):
    chat = await connect("/ws/chat/lobby/")
    assert await chat.receive_json_from() == {"type": "presence", "users": []}
    await chat.send_json_to({"type": "join", "nick": "ann"})
    assert await chat.receive_json_from() == {"type": "presence", "users": ["ann"]}
    await chat.send_json_to({"type": "say", "text": "hello"})
    line = await chat.receive_json_from()
    assert line == {"type": "send_json", "nick": "ann", "text": "hello"}
    await chat.send_json_to({"type": "leave"})
    assert await chat.receive_json_from() == {"type": "presence", "users": []}
    await chat.disconnect()


@pytest.mark.asyncio
async def test_chat_frames_must_use_the_chat_key(connect):
    chat = await connect("/ws/chat/lobby/")
    await chat.receive_json_from()
    with pytest.raises(ContractViolation, match=r"no 'type' key"):
        await chat.send_json_to({"action": "join", "nick": "ann"})
    with pytest.raises(ContractViolation, match=r"'shout' is not a documented action"):
        await chat.send_json_to({"type": "shout", "text": "HEY"})
    await chat.disconnect()


# -- notifications: project-wide keys, a correlation id -------------------------------------------


@pytest.mark.asyncio
async def test_unread_count_on_connect_and_the_request_id_comes_back(connect):
    inbox = await connect("/ws/notifications/")
    assert (await inbox.receive_json_from())["type"] == "unread"
    await inbox.send_json_to({"action": "mark_read", "request_id": "r-1", "ids": [4]})
    assert await inbox.receive_json_from() == {"type": "marked", "request_id": "r-1", "count": 1}
    await notify(get_channel_layer(), 7, "Town meeting at 6")
    assert await inbox.receive_json_from() == {
        "type": "notification",
        "id": 7,
        "text": "Town meeting at 6",
    }
    with pytest.raises(ContractViolation, match=r"\$\.ids"):
        await inbox.send_json_to({"action": "mark_read", "request_id": "r-2", "ids": []})
    await inbox.disconnect()


# -- live: text, binary, arrays -------------------------------------------------------------------


@pytest.mark.asyncio
async def test_text_ping_binary_upload_and_array_frames(connect):
    live = await connect("/ws/live/")
    await live.send_to(text_data="ping")
    assert await live.receive_from() == "pong!"
    await live.send_to(bytes_data=b"minutes of the meeting")
    assert (await live.receive_json_from())["received"] == 22
    await live.send_json_to([51.5072, -0.1276])
    assert await live.receive_json_from() == ["Market", "Harbour"]
    await live.disconnect()


@pytest.mark.asyncio
async def test_live_frames_of_the_wrong_kind_are_violations(connect):
    live = await connect("/ws/live/")
    with pytest.raises(ContractViolation, match=r"(?s)text frame.*'ping'"):
        await live.send_to(text_data="PING")
    with pytest.raises(ContractViolation, match=r"(?s)position"):
        await live.send_json_to([51.5072, "west"])
    with pytest.raises(ContractViolation, match=r"(?s)binary frame"):
        await live.check_frame(b"pong!", "server")
    await live.disconnect()


# -- the documents --------------------------------------------------------------------------------


def messages(spec: dict[str, Any], direction: str) -> list[dict[str, Any]]:
    """The messages of one direction (client: receive operations; server: the rest)."""
    action = "receive" if direction == "client" else "send"
    names = set()
    for operation in spec["operations"].values():
        if operation["action"] == action:
            names |= {m["$ref"].rsplit("/", 1)[-1] for m in operation["messages"]}
        if direction == "server" and "reply" in operation:
            names |= {m["$ref"].rsplit("/", 1)[-1] for m in operation["reply"]["messages"]}
    return [spec["components"]["messages"][n] for n in sorted(names)]


@pytest.mark.parametrize("path", PATHS)
def test_the_documents_are_valid_and_invent_no_discriminator(official_check, path):
    from townhall.asgi import application

    spec = dict(contract_for(application, path).spec)
    official_check(spec)
    keys = {
        "/ws/debates/1/": (None, None),
        "/ws/chat/lobby/": ("type", "type"),
        "/ws/notifications/": ("action", "type"),
        "/ws/live/": (None, None),
    }[path]
    for direction, key in zip(("client", "server"), keys, strict=True):
        for message in messages(spec, direction):
            payload = message["payload"]
            properties = payload.get("properties", {})
            if key is None:  # no property of the frame names the message
                assert all(p.get("const") != message["name"] for p in properties.values())
            elif "allOf" not in payload:
                assert properties[key]["const"] == message["name"], payload


def test_correlation_ids_on_both_messages_of_the_pair():
    spec = AsyncAPIGenerator(DebateConsumer, channel_path="/ws/debates/{debate_id}/").get_spec()
    messages = spec["components"]["messages"]
    for key in ("rank", "ranked"):
        assert messages[key]["correlationId"]["location"] == "$message.payload#/componentID"


def test_text_and_binary_messages_have_their_content_types():
    spec = AsyncAPIGenerator(LiveConsumer, channel_path="/ws/live/").get_spec()
    messages = spec["components"]["messages"]
    assert messages["ping"]["contentType"] == "text/plain"
    assert messages["pong"]["payload"]["const"] == "pong!"
    assert messages["upload"]["contentType"] == "application/octet-stream"
    assert messages["position"]["payload"]["type"] == "array"


def test_the_inherited_send_json_is_documented_for_the_chat_only():
    spec = AsyncAPIGenerator(
        consumers=[
            (ChatConsumer, "/ws/chat/{room}/"),
            (DebateConsumer, "/ws/debates/{debate_id}/"),
            (NotificationsConsumer, "/ws/notifications/"),
        ]
    ).get_spec()
    owners = {
        key: channel
        for channel, body in spec["channels"].items()
        for key in body["messages"]
        if "send_json" in key
    }
    assert set(owners.values()) == {"chat"}


def test_every_handler_is_documented():
    for consumer in (DebateConsumer, ChatConsumer, NotificationsConsumer, LiveConsumer):
        assert_documented(consumer)
