"""validation.py: the official AsyncAPI 3.0 JSON Schema plus the semantic checks."""

from __future__ import annotations

import copy

import pytest

from channels_spectacular.validation import validate_spec
from tests.support.browser import ensure_assets
from tests.support.documents import room_spec

pytestmark = pytest.mark.minimum  # also on the lowest supported versions


@pytest.fixture(scope="module", autouse=True)
def assets():
    ensure_assets()  # the packaged JSON Schema


def test_generated_spec_is_valid(assert_valid):
    spec = room_spec()
    assert validate_spec(spec) == []
    assert_valid(spec)


def test_schema_problems_are_reported():
    spec = room_spec()
    del spec["info"]
    assert any("info" in p for p in validate_spec(spec))


def test_unresolved_refs():
    spec = room_spec()
    operation = next(iter(spec["operations"].values()))
    operation["channel"] = {"$ref": "#/channels/nowhere"}
    problems = validate_spec(spec)
    assert any("'#/channels/nowhere' does not resolve" in p for p in problems)


def test_parameters_must_match_placeholders():
    spec = room_spec()
    channel = next(iter(spec["channels"].values()))
    channel["address"] = "/ws/rooms/{room}/"
    problems = validate_spec(spec)
    assert any("placeholder {room} has no parameter" in p for p in problems)
    assert any("parameter 'room_id' is not a placeholder" in p for p in problems)


def test_operation_messages_must_belong_to_their_channel():
    spec = room_spec()
    spec["channels"]["other"] = {
        "address": "/other/",
        "messages": copy.deepcopy(next(iter(spec["channels"].values()))["messages"]),
    }
    operation = next(iter(spec["operations"].values()))
    first = operation["messages"][0]["$ref"].rsplit("/", 1)[-1]
    operation["messages"] = [{"$ref": f"#/channels/other/messages/{first}"}]
    problems = validate_spec(spec)
    assert any("is not a message of" in p for p in problems)


def test_examples_must_match_payloads():
    spec = room_spec()
    message = next(m for m in spec["components"]["messages"].values() if m.get("examples"))
    message["examples"][0]["payload"] = {"action": "say", "text": 42}
    problems = validate_spec(spec)
    assert any("/examples/0/payload/text" in p and "not of type 'string'" in p for p in problems)


def test_refs_with_escaped_tokens_resolve_and_problems_name_escaped_pointers():
    spec = room_spec()
    (channel_id,) = spec["channels"]
    spec["channels"]["a/b~c"] = spec["channels"].pop(channel_id)
    old, new = f"#/channels/{channel_id}", "#/channels/a~1b~0c"
    for operation in spec["operations"].values():
        for holder in (operation, operation.get("reply") or {}):
            if "channel" in holder:
                holder["channel"] = {"$ref": new}
            for message in holder.get("messages", []):
                message["$ref"] = message["$ref"].replace(old, new)
    assert not [p for p in validate_spec(spec) if "does not resolve" in p]
    spec["channels"]["a/b~c"]["address"] = "/ws/rooms/{room}/"
    problems = validate_spec(spec)
    assert any(p.startswith("/channels/a~1b~0c: ") and "{room}" in p for p in problems)


def test_a_placeholder_never_spans_segments():
    # The rule of endpoints.py and contract checking: "{a/b}" is not a placeholder.
    spec = room_spec()
    channel = next(iter(spec["channels"].values()))
    channel["address"] = "/ws/rooms/{room_id}/{a/b}/"
    assert not [p for p in validate_spec(spec) if "placeholder" in p]
