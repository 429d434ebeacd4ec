"""AsyncAPIGenerator on small consumers: structure, naming, deprecation, YAML, determinism."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator, document_action
from channels_spectacular.diagnostics import GenerationError
from tests.consumers import ChatConsumer, CollidingConsumer, EmptyConsumer, TagsConsumer

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ROOT = Path(__file__).resolve().parent.parent


def spec_of(*args, **kwargs):
    gen = AsyncAPIGenerator(*args, **kwargs)
    return gen, gen.get_spec()


def test_single_consumer_document(assert_valid):
    _, spec = spec_of(ChatConsumer, channel_path="/ws/chat/{room}/")
    assert_valid(spec)
    assert spec["asyncapi"] == "3.0.0"
    assert spec["info"] == {"title": "Test API", "version": "1.0.0"}
    assert spec["defaultContentType"] == "application/json"
    assert spec["servers"] == {"default": {"host": "localhost:8000", "protocol": "ws"}}
    channel = spec["channels"]["chat"]
    assert channel["address"] == "/ws/chat/{room}/"
    assert channel["description"] == "A chat room."
    assert list(channel["parameters"]) == ["room"]
    assert list(channel["messages"])[:3] == ["say", "message.posted", "ping"]

    say = spec["operations"]["say"]
    assert say["action"] == "receive"
    assert say["channel"] == {"$ref": "#/channels/chat"}
    assert say["summary"] == "Say something"
    assert say["tags"] == [{"name": "chat"}]
    assert say["messages"] == [{"$ref": "#/channels/chat/messages/say"}]
    assert say["reply"] == {
        "channel": {"$ref": "#/channels/chat"},
        "messages": [{"$ref": "#/channels/chat/messages/chat.message.posted"}],
    }
    assert spec["operations"]["message.posted"]["action"] == "send"


def test_message_object_and_envelope():
    _, spec = spec_of(ChatConsumer, channel_path="/ws/chat/")
    say = spec["components"]["messages"]["say"]
    assert say["name"] == "say"
    assert say["title"] == "Say"
    assert say["summary"] == "Say something"
    assert say["description"] == "Posts a message to the room."
    assert say["contentType"] == "application/json"
    assert say["examples"] == [{"name": "Hello", "payload": {"action": "say", "text": "héllo ☕"}}]
    assert say["payload"] == {
        "title": "SayMessage",
        "type": "object",
        "properties": {
            "action": {"type": "string", "const": "say", "description": "Always 'say'."},
            "text": {"type": "string"},
        },
        "required": ["action"],
    }
    posted = spec["components"]["messages"]["message.posted"]["payload"]
    assert posted["properties"]["type"]["const"] == "message.posted"
    assert posted["required"] == ["type", "x", "y"]


def test_reply_with_another_payload_than_the_event_is_kept_apart_with_a_warning():
    gen, spec = spec_of(ChatConsumer, channel_path="/ws/chat/")
    messages = spec["channels"]["chat"]["messages"]
    assert list(messages) == ["say", "message.posted", "ping", "chat.message.posted"]
    reply = spec["operations"]["say"]["reply"]["messages"]
    assert reply == [{"$ref": "#/channels/chat/messages/chat.message.posted"}]
    (warning,) = [d for d in gen.diagnostics.warnings if d.code == "reply-differs-from-event"]
    assert warning.location == "ChatConsumer.handle_say"


def test_deprecated_goes_on_message_and_payload_not_operation(assert_valid):
    _, spec = spec_of(ChatConsumer, channel_path="/ws/chat/")
    assert_valid(spec)
    op = spec["operations"]["ping"]
    assert "deprecated" not in op
    assert op["x-deprecated"] is True
    message = spec["components"]["messages"]["ping"]
    assert message["x-deprecated"] is True
    assert message["payload"]["deprecated"] is True


def test_none_payload_is_envelope_only():
    _, spec = spec_of(ChatConsumer, channel_path="/ws/chat/")
    payload = spec["components"]["messages"]["ping"]["payload"]
    assert payload["properties"] == {
        "action": {"type": "string", "const": "ping", "description": "Always 'ping'."}
    }
    assert payload["required"] == ["action"]


def test_non_object_payload_nests_under_data_key(assert_valid):
    _, spec = spec_of(TagsConsumer, channel_path="/ws/tags/")
    assert_valid(spec)
    payload = spec["components"]["messages"]["set_tags"]["payload"]
    assert payload["required"] == ["action", "data"]
    assert payload["properties"]["data"] == {"type": "array", "items": {"type": "string"}}


@override_settings(
    CHANNELS_SPECTACULAR_SETTINGS={"ACTION_KEY": "op", "EVENT_KEY": "kind", "DATA_KEY": "body"}
)
def test_envelope_keys_are_settings(assert_valid):
    _, spec = spec_of(consumers=[(ChatConsumer, "/ws/chat/"), (TagsConsumer, "/ws/tags/")])
    assert_valid(spec, examples=False)  # the examples still use the default "action" key
    messages = spec["components"]["messages"]
    assert messages["say"]["payload"]["required"] == ["op"]
    assert messages["message.posted"]["payload"]["properties"]["kind"]["const"] == "message.posted"
    assert messages["set_tags"]["payload"]["required"] == ["op", "body"]


def test_action_and_event_folding_to_one_name_never_overwrite(assert_valid):
    gen, spec = spec_of(CollidingConsumer, channel_path="/ws/rides/")
    assert_valid(spec)
    messages = spec["components"]["messages"]
    assert sorted(messages) == ["ride_offer", "rides.ride.offer"]
    assert messages["ride_offer"]["payload"]["properties"]["action"]["const"] == "ride_offer"
    assert messages["rides.ride.offer"]["payload"]["properties"]["type"]["const"] == "ride.offer"
    assert messages["rides.ride.offer"]["name"] == "ride.offer"
    assert sorted(spec["operations"]) == ["ride_offer", "rides.ride.offer"]
    warnings = [d for d in gen.diagnostics.warnings if d.code == "message-name-collision"]
    assert len(warnings) == 1
    assert warnings[0].location == "CollidingConsumer.ride_offer"


def test_same_path_tail_gets_distinct_channels_and_a_warning(assert_valid):
    gen, spec = spec_of(
        consumers=[(ChatConsumer, "/api/chat/"), (ChatConsumer, "/ws/v2/chat/{room}/")]
    )
    assert_valid(spec)
    assert list(spec["channels"]) == ["chat", "v2_chat"]
    assert spec["channels"]["v2_chat"]["address"] == "/ws/v2/chat/{room}/"
    # Same action names on two channels: distinct messages and operations, first keeps its name.
    assert "say" in spec["operations"] and "v2_chat.say" in spec["operations"]
    codes = [d.code for d in gen.diagnostics.warnings]
    assert "channel-name-collision" in codes


def test_identical_paths_get_numbered_channels(assert_valid):
    _, spec = spec_of(consumers=[(TagsConsumer, "/ws/x/"), (TagsConsumer, "/ws/x/")])
    assert_valid(spec)
    assert list(spec["channels"]) == ["x", "ws_x"]


def test_consumer_without_documentation_warns(assert_valid):
    gen, spec = spec_of(EmptyConsumer, channel_path="/ws/empty/")
    assert_valid(spec)
    assert spec["channels"]["empty"]["messages"] == {}
    assert gen.diagnostics.warnings[0].location == "EmptyConsumer"
    assert gen.diagnostics.summary() == "0 error(s), 1 warning(s)"


def test_duplicate_action_name_is_an_error_naming_both_methods():
    class Dup:
        @document_action()
        def handle_go(self, c):
            pass

        @document_action(action="go")
        def go_again(self, c):
            pass

    with pytest.raises(GenerationError, match=r"Dup\.go_again: action 'go' is also documented on"):
        AsyncAPIGenerator(Dup).get_spec()


def test_unresolved_ref_in_dict_payload_is_an_error_naming_the_method():
    class Refs:
        @document_action(payload={"$ref": "#/components/schemas/Missing"})
        def handle_x(self, c):
            pass

    with pytest.raises(GenerationError, match=r"Refs\.handle_x.*Missing"):
        AsyncAPIGenerator(Refs).get_spec()


@override_settings(
    CHANNELS_SPECTACULAR_SETTINGS={
        "COMPONENTS": {"Point": {"type": "object", "properties": {"x": {"type": "number"}}}}
    }
)
def test_ref_to_components_setting(assert_valid):
    class Refs:
        @document_action(payload={"$ref": "#/components/schemas/Point"})
        def handle_x(self, c):
            pass

    spec = AsyncAPIGenerator(Refs).get_spec()
    assert_valid(spec)
    assert spec["components"]["schemas"]["Point"]["properties"] == {"x": {"type": "number"}}
    payload = spec["components"]["messages"]["x"]["payload"]
    assert payload["allOf"][1] == {"$ref": "#/components/schemas/Point"}


@override_settings(
    CHANNELS_SPECTACULAR_SETTINGS={
        "TITLE": "Rides",
        "VERSION": "2.1",
        "DESCRIPTION": "All rides.",
        "INFO": {"license": {"name": "MIT"}},
        "SERVERS": {"prod": {"host": "api.example.com", "protocol": "wss"}},
    }
)
def test_info_and_servers_from_settings_and_overrides():
    spec = AsyncAPIGenerator(TagsConsumer).get_spec()
    assert spec["info"] == {
        "title": "Rides",
        "version": "2.1",
        "description": "All rides.",
        "license": {"name": "MIT"},
    }
    assert spec["servers"] == {"prod": {"host": "api.example.com", "protocol": "wss"}}
    assert spec["channels"]["ws"]["address"] == "/ws/"
    spec = AsyncAPIGenerator(
        TagsConsumer,
        info={"title": "Override"},
        servers={"local": {"host": "127.0.0.1:9000", "protocol": "ws"}},
    ).get_spec()
    assert spec["info"]["title"] == "Override"
    assert spec["info"]["version"] == "2.1"
    assert list(spec["servers"]) == ["local"]


def post_hook(result, generator, **kwargs):
    result["info"]["x-hooked"] = True
    return result


def pre_hook(endpoints):
    return [(e.consumer, "/ws/renamed/") for e in endpoints]


@override_settings(
    CHANNELS_SPECTACULAR_SETTINGS={
        "POSTPROCESSING_HOOKS": ["tests.test_generator.post_hook"],
        "PREPROCESSING_HOOKS": [pre_hook],
    }
)
def test_hooks():
    spec = AsyncAPIGenerator(TagsConsumer).get_spec()
    assert spec["info"]["x-hooked"] is True
    assert spec["channels"]["renamed"]["address"] == "/ws/renamed/"


def test_generator_argument_errors():
    with pytest.raises(ValueError, match="needs `consumer`"):
        AsyncAPIGenerator()
    with pytest.raises(ValueError, match="not both"):
        AsyncAPIGenerator(TagsConsumer, consumers=[(TagsConsumer, "/ws/")])
    with pytest.raises(ValueError, match=r"each entry must be \(consumer, '/ws/path/'\)"):
        AsyncAPIGenerator(consumers=[TagsConsumer])
    with pytest.raises(ValueError, match=r"cannot import consumer 'nope\.Consumer'"):
        AsyncAPIGenerator("nope.Consumer")


def test_dotted_path_consumer():
    spec = AsyncAPIGenerator("tests.consumers.TagsConsumer", channel_path="/ws/t/").get_spec()
    assert "set_tags" in spec["operations"]


def test_yaml_and_json_agree_and_keep_unicode_and_order():
    gen = AsyncAPIGenerator(ChatConsumer, channel_path="/ws/chat/")
    text = gen.get_yaml()
    assert "héllo ☕" in text
    assert text.startswith("asyncapi: 3.0.0\ninfo:\n")
    assert yaml.safe_load(text) == gen.get_spec() == json.loads(gen.get_json())
    assert "{" not in text.split("components:")[0].split("channels:")[0]  # block style


def test_yaml_does_not_touch_pyyaml_global_state():
    import yaml as pyyaml

    dumpers = [pyyaml.Dumper, pyyaml.SafeDumper, getattr(pyyaml, "CSafeDumper", pyyaml.SafeDumper)]
    before = [(dict(d.yaml_representers), dict(d.yaml_multi_representers)) for d in dumpers]
    AsyncAPIGenerator(ChatConsumer).get_yaml()
    after = [(dict(d.yaml_representers), dict(d.yaml_multi_representers)) for d in dumpers]
    assert before == after


def test_get_spec_returns_fresh_copies():
    gen = AsyncAPIGenerator(ChatConsumer)
    gen.get_spec()["info"]["title"] = "mutated"
    assert gen.get_spec()["info"]["title"] == "Test API"


DETERMINISM_SCRIPT = """
import django, sys
django.setup()
from channels_spectacular import AsyncAPIGenerator
from tests.consumers import ChatConsumer, CollidingConsumer, TagsConsumer
from rideshare.consumers import RideConsumer, DriverConsumer
gen = AsyncAPIGenerator(consumers=[
    (RideConsumer, "/ws/rides/{ride_id}/"), (DriverConsumer, "/ws/drivers/{driver_id}/"),
    (ChatConsumer, "/ws/chat/"), (CollidingConsumer, "/ws/c/"), (TagsConsumer, "/ws/t/"),
])
sys.stdout.write(gen.get_yaml())
"""


def test_same_input_gives_byte_identical_yaml_across_processes():
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "DJANGO_SETTINGS_MODULE": "tests.settings"}
        result = subprocess.run(
            [sys.executable, "-c", DETERMINISM_SCRIPT],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert "ride.offer" in outputs.pop()


@pytest.mark.parametrize("method", ["get_spec", "get_yaml", "get_json"])
def test_no_collection_scans_a_document_being_made(method: str) -> None:
    """The cyclic GC stays paused from building to the result, and is on again after."""
    import gc

    collections: list[int] = []

    def track(phase: str, info: dict) -> None:
        if phase == "start":
            collections.append(info["generation"])

    endpoints = [(ChatConsumer, f"/ws/chat{i}/") for i in range(20)]
    gc.collect()
    gc.callbacks.append(track)
    try:
        getattr(AsyncAPIGenerator(consumers=endpoints), method)()
    finally:
        gc.callbacks.remove(track)
    assert collections == []
    assert gc.isenabled()
    gc.disable()
    try:  # a caller's own pause is left alone
        getattr(AsyncAPIGenerator(consumers=endpoints), method)()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_nested_models_are_titled_whether_or_not_payloads_share_leaves():
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from channels_spectacular import document_event

    leaf = {"type": "string", "maxLength": 8}

    class Titles(AsyncJsonWebsocketConsumer):
        @document_action(payload={"type": "object", "properties": {"a": leaf, "b": leaf}})
        async def handle_flat(self, content): ...

        @document_action(
            payload={
                "type": "object",
                "properties": {"a": leaf, "pay": {"properties": {"b": leaf}}},
            }
        )
        async def handle_nested(self, content): ...

        @document_event("color.set", payload={"type": "string", "enum": ["red", "blue"]})
        async def color_set(self, event): ...

        @document_event("items.set", payload={"type": "array", "items": {"enum": [1, 2]}})
        async def items_set(self, event): ...

    _, spec = spec_of(consumers=[(Titles, "/ws/titles/")])
    messages = spec["components"]["messages"]
    flat = messages["flat"]["payload"]["properties"]
    assert "title" not in flat["a"] and "title" not in flat["b"]
    nested = messages["nested"]["payload"]["properties"]
    assert nested["pay"]["title"] == "NestedPay" and "title" not in nested["a"]
    # A payload that is no object sits under the data key: a type of its own.
    assert messages["color.set"]["payload"]["properties"]["data"]["title"] == "ColorSetData"
    items = messages["items.set"]["payload"]["properties"]["data"]
    assert "title" not in items  # an array is no type of its own; its enum items are
    assert items["items"]["title"] == "ItemsSetDataItem"


HANDED_SETTINGS = {
    "INFO": {"contact": {"name": "Ops", "url": "https://example.com"}},
    # A nested object: titled for code generators in the document, never in the setting.
    "COMPONENTS": {
        "Point": {
            "type": "object",
            "properties": {"at": {"type": "object", "properties": {"x": {"type": "number"}}}},
        }
    },
    "SECURITY_SCHEMES": {"token": {"type": "httpApiKey", "name": "token", "in": "query"}},
    "WS_BINDINGS": {"method": "GET", "query": {"type": "object", "properties": {}}},
}


def test_first_get_spec_shares_nothing_with_arguments_or_settings():
    """Writing into the handed-over document leaves the caller's arguments and settings alone."""
    import copy as copying

    from tests.support.documents import scribble

    class Refs(AsyncJsonWebsocketConsumer):
        @document_action(
            payload={"$ref": "#/components/schemas/Point"},
            examples=[{"name": "One", "payload": {"action": "x", "x": 1}}],
        )
        async def handle_x(self, content):
            pass

    info = {"title": "Refs", "version": "1", "license": {"name": "MIT"}}
    servers = {"prod": {"host": "example.com", "protocol": "wss", "variables": {}}}
    settings = copying.deepcopy(HANDED_SETTINGS)
    before = copying.deepcopy((info, servers, settings, Refs._channels_spectacular))
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=settings):
        scribble(AsyncAPIGenerator(Refs, info=info, servers=servers).get_spec())
    assert (info, servers, settings, Refs._channels_spectacular) == before


def test_a_handed_over_document_shares_no_object_between_its_messages():
    """Equal fields are checked once per build, but a first get_spec() gets each its own."""

    def fields():
        return {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "minimum": 0},
                "tags": {"type": "array", "items": {"type": "string"}},
                "kinds": {"type": ["string", "null"], "x-a": [1]},
            },
            "required": ["id"],
        }

    class Same(AsyncJsonWebsocketConsumer):
        @document_action(payload=fields())
        async def handle_a(self, content): ...

        @document_action(payload=fields())
        async def handle_b(self, content): ...

    generator = AsyncAPIGenerator(Same, channel_path="/ws/same/")
    handed = generator.get_spec()
    seen: dict[int, object] = {}
    stack: list[object] = [handed]
    while stack:
        item = stack.pop()
        if isinstance(item, dict | list):
            assert id(item) not in seen, item  # no dict or list reachable twice
            seen[id(item)] = item
            stack.extend(item.values() if isinstance(item, dict) else item)
    messages = handed["components"]["messages"]
    assert messages["a"]["payload"]["properties"]["id"] == {"type": "integer", "minimum": 0}
    assert messages["a"]["payload"]["properties"]["tags"] == {
        "type": "array",
        "items": {"type": "string"},
    }
    # The cached build shares them, and renders the same document.
    cached = generator.get_spec(copy=False)
    props = [cached["components"]["messages"][k]["payload"]["properties"] for k in ("a", "b")]
    assert props[0]["tags"] is props[1]["tags"]
    assert cached == handed
