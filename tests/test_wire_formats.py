"""Wire formats beyond one project-wide envelope: each generates what the frames really are.

Spec-level checks (every document through the official parser) and contract checks over
``WebsocketCommunicator`` for discriminator keys per consumer or none, class-level and
stacked messages, text/binary content types, correlation ids and free-form payloads.
"""

from __future__ import annotations

from typing import Any, TypedDict

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
    document_event,
)
from channels_spectacular.testing import ContractCommunicator, ContractViolation

# Two messages whose frames look alike: one required "user" string.
Joined = {"type": "object", "properties": {"user": {"type": "string"}}, "required": ["user"]}
Left = {"type": "object", "properties": {"user": {"type": "string"}}, "required": ["user"]}


class Said(TypedDict):
    user: str
    text: str


def build(consumer: type, path: str = "/ws/x/") -> AsyncAPIGenerator:
    return AsyncAPIGenerator(consumer, channel_path=path)


def codes(generator: AsyncAPIGenerator) -> list[str]:
    generator.get_spec()
    return [d.code for d in generator.diagnostics.warnings]


def payload(spec: dict[str, Any], key: str) -> dict[str, Any]:
    return spec["components"]["messages"][key]["payload"]


# -- the document -------------------------------------------------------------------------------


@document_channel(action_key="type", event_key=None)
class Mixed(AsyncJsonWebsocketConsumer):
    @document_action(payload=Said)
    async def handle_say(self, content: dict[str, Any]) -> None:
        await self.channel_layer.group_send("room", {"type": "said", **content})

    @document_event("said", payload=Said, description="To the whole room.")
    async def said(self, event: dict[str, Any]) -> None:
        await self.send_json({"user": event["user"], "text": event["text"]})


def test_keys_per_consumer_and_no_invented_discriminator(assert_valid):
    spec = build(Mixed).get_spec()
    assert_valid(spec)
    assert payload(spec, "say")["properties"]["type"]["const"] == "say"
    assert payload(spec, "say")["required"][0] == "type"
    # Server frames carry no discriminator: the payload is the frame.
    assert set(payload(spec, "said")["properties"]) == {"user", "text"}
    # A reply to the whole group is a plain send operation, not a reply.
    assert spec["operations"]["said"]["action"] == "send"
    assert "reply" not in spec["operations"]["say"]


def test_settings_stay_the_default_keys(settings):
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"ACTION_KEY": "op", "EVENT_KEY": "event"}

    class Defaulted(AsyncJsonWebsocketConsumer):
        @document_action()
        async def handle_go(self, content: dict[str, Any]) -> None:
            pass

    spec = build(Defaulted).get_spec()
    assert list(payload(spec, "go")["properties"]) == ["op"]
    assert "type" in payload(build(Mixed).get_spec(), "say")["properties"]


@document_channel(action_key=None, event_key=None)
@document_action(action="rank", payload={"type": "array", "items": {"type": "integer"}})
@document_event("count", payload=int)
class Scalars(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await self.send_json(len(content))


def test_top_level_arrays_and_scalars_are_whole_frames(assert_valid):
    spec = build(Scalars).get_spec()
    assert_valid(spec)
    assert payload(spec, "rank")["type"] == "array"
    assert payload(spec, "count")["type"] == "integer"


async def test_top_level_frames_over_the_communicator():
    communicator = ContractCommunicator(Scalars, "/ws/x/")
    assert (await communicator.connect())[0]
    await communicator.send_json_to([3, 1, 2])
    assert await communicator.receive_json_from() == 3
    with pytest.raises(ContractViolation, match=r"closest is rank"):
        await communicator.send_json_to({"rank": [1]})
    await communicator.disconnect()


def test_indistinguishable_messages_are_warned_about():
    @document_channel(event_key=None)
    @document_event("joined", payload=Joined)
    @document_event("left", payload=Left)
    class Lobby(AsyncJsonWebsocketConsumer):
        pass

    generator = build(Lobby)
    assert codes(generator) == ["indistinguishable-messages"]
    (warning,) = generator.diagnostics.warnings
    assert "'joined' (Lobby) and 'left' (Lobby) cannot be told apart" in warning.message

    @document_channel(event_key=None)
    @document_event("joined", payload=Joined)
    @document_event("said", payload=Said)
    class Distinct(AsyncJsonWebsocketConsumer):
        pass

    assert codes(build(Distinct)) == []


async def test_ambiguous_frames_are_violations():
    @document_channel(event_key=None)
    @document_event("joined", payload=Joined)
    @document_event("left", payload=Left)
    class Lobby(AsyncJsonWebsocketConsumer):
        async def connect(self) -> None:
            await self.accept()
            await self.send_json({"user": "ann"})

    communicator = ContractCommunicator(Lobby, "/ws/x/")
    assert (await communicator.connect())[0]
    with pytest.raises(ContractViolation, match=r"fits several documented events \(joined, left\)"):
        await communicator.receive_json_from()
    await communicator.disconnect()


def test_empty_frames_without_discriminator_are_warned_about(assert_valid):
    @document_channel(event_key=None)
    @document_event("tick")
    class Ticker(AsyncJsonWebsocketConsumer):
        pass

    generator = build(Ticker)
    assert codes(generator) == ["empty-frame"]
    spec = generator.get_spec()
    assert_valid(spec)
    assert payload(spec, "tick")["additionalProperties"] is False


# -- correlation ids ----------------------------------------------------------------------------

REQUEST = {
    "type": "object",
    "properties": {"request_id": {"type": "string"}, "ids": {"type": "array"}},
    "required": ["request_id"],
}
MARKED = {"type": "object", "properties": {"request_id": {"type": "string"}}}


def test_correlation_id_on_both_messages_of_the_pair(assert_valid):
    class Inbox(AsyncJsonWebsocketConsumer):
        @document_action(
            payload=REQUEST,
            correlation_id="request_id",
            responses={"marked": MARKED, "queued": None},
        )
        async def handle_mark(self, content: dict[str, Any]) -> None:
            pass

        @document_event("queued", payload=MARKED)
        async def queued(self, event: dict[str, Any]) -> None:
            pass

    generator = build(Inbox)
    spec = generator.get_spec()
    assert_valid(spec)
    location = "$message.payload#/request_id"
    for key in ("mark", "marked", "queued"):
        assert spec["components"]["messages"][key]["correlationId"]["location"] == location
    assert codes(generator) == []


def test_correlation_id_missing_from_a_reply_is_warned_about():
    class Inbox(AsyncJsonWebsocketConsumer):
        @document_action(payload=REQUEST, correlation_id="request_id", responses={"done": None})
        async def handle_mark(self, content: dict[str, Any]) -> None:
            pass

    generator = build(Inbox)
    assert codes(generator) == ["correlation-id-missing"]
    assert "not a field of message 'done'" in generator.diagnostics.warnings[0].message


# -- content types ------------------------------------------------------------------------------


def test_text_and_binary_messages(assert_valid):
    @document_channel(action_key=None, event_key=None)
    class Live(AsyncJsonWebsocketConsumer):
        @document_action(action="ping", content_type="text/plain", responses={"pong": None})
        @document_event("pong", content_type="text/plain", payload={"const": "pong!"})
        @document_action(action="upload", content_type="application/octet-stream", payload=bytes)
        async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None):
            pass

    spec = build(Live).get_spec()
    assert_valid(spec)
    messages = spec["components"]["messages"]
    assert (messages["ping"]["contentType"], payload(spec, "ping")["type"]) == (
        "text/plain",
        "string",
    )
    assert payload(spec, "pong") == {"title": "PongMessage", "type": "string", "const": "pong!"}
    assert payload(spec, "upload")["format"] == "binary"


# -- free-form payloads -------------------------------------------------------------------------


class FreeForm(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await self.handle_store(content)

    @document_action(payload=dict[str, Any], responses={"echo": dict})
    async def handle_store(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "echo", **content})


async def test_free_form_payloads_accept_any_fields_at_the_top_level():
    """Regression: the discriminator alone closed a free-form payload under strict checks."""
    communicator = ContractCommunicator(FreeForm, "/ws/x/")
    assert (await communicator.connect())[0]
    await communicator.send_json_to({"action": "store", "anything": 1, "nested": {"x": 2}})
    reply = await communicator.receive_json_from()
    assert reply["anything"] == 1
    await communicator.disconnect()


# -- keys that do not depend on the other consumers of a document --------------------------------

RIDESHARE = [
    ("rideshare.consumers.RideConsumer", "/ws/rides/{ride_id}/"),
    ("rideshare.consumers.DriverConsumer", "/ws/drivers/{driver_id}/"),
    ("rideshare.consumers.AccountConsumer", "/ws/account/"),
]


def test_surfaces_name_a_consumer_as_the_project_document_does(settings, client):
    """Regression: a drivers-only document called the drivers' ride.status 'ride.status',
    the project's 'drivers.ride.status', so cross-references and type names changed."""
    import yaml

    from channels_spectacular.embed import DjangoConfig, resolve_embed

    settings.CHANNELS_SPECTACULAR_SETTINGS = {"CONSUMERS": RIDESHARE}
    project = yaml.safe_load(client.get("/ws-docs/asyncapi.yaml").content)
    embed = resolve_embed(
        {"consumer": RIDESHARE[1][0], "channel_path": RIDESHARE[1][1]},
        element_id="a-1",
        django=DjangoConfig(settings_module="tests.settings"),
    )
    assert embed.ok, embed.problems
    alone = embed.spec
    drivers = project["channels"]["drivers"]["messages"]
    assert alone["channels"]["drivers"]["messages"] == drivers
    assert "drivers.ride.status" in drivers
    assert set(alone["operations"]) <= set(project["operations"])
    for key, message in alone["components"]["messages"].items():
        assert (
            message["payload"]["title"]
            == project["components"]["messages"][key]["payload"]["title"]
        )
