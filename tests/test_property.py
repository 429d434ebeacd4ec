"""Property test: random consumers from random payload types always give a valid spec.

Consumers vary in their wire format too: discriminator keys per consumer or none,
messages on methods, on the class or stacked on one method, and plain-text frames. Each
spec is checked against the AsyncAPI 3.0 JSON Schema plus reference resolution
(``channels_spectacular.validation``) and for discriminators the frames do not carry,
then the whole batch goes through the official parser in one call.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
    document_event,
)
from channels_spectacular.metadata import FROM_SETTINGS
from channels_spectacular.validation import validate_spec
from tests.support.payload_strategies import payload_types

# Names chosen to collide after folding ("ride_offer" / "ride.offer" / "ride-offer").
WIRE_NAMES = ["ride_offer", "ride.offer", "ride-offer", "status", "Status", "ping", "a.b.c"]
PATHS = ["/ws/chat/", "/api/chat/", "/ws/rides/{ride_id}/", "/ws/rides/{ride_id}/chat/", "/"]

TEXT_PAYLOADS = [None, str, Literal["ping"], {"type": "string", "const": "pong!"}]
# Envelope keys a consumer may choose; FROM_SETTINGS: no @document_channel key at all.
KEYS = [FROM_SETTINGS, "type", "cmd", None]

operation = st.tuples(
    st.sampled_from(["action", "event"]),
    st.sampled_from(WIRE_NAMES),
    st.one_of(payload_types(), st.sampled_from(TEXT_PAYLOADS)),
    st.booleans(),  # deprecated
    st.one_of(st.none(), st.sampled_from(WIRE_NAMES)),  # a response event type
    st.sampled_from(["method", "class", "stacked"]),  # where the decorator goes
    st.sampled_from(["application/json", "application/json", "text/plain"]),
)
consumer = st.tuples(
    st.sampled_from(PATHS),
    st.lists(operation, min_size=1, max_size=5),
    st.sampled_from(KEYS),
    st.sampled_from(KEYS),
)


def decorator(kind: str, name: str, payload: Any, deprecated: bool, response: Any, media: str):
    if media != "application/json" and payload not in TEXT_PAYLOADS:
        media = "application/json"  # text frames take string payloads only
    if kind == "action":
        responses = {response: payload} if response else None
        return document_action(
            action=name,
            payload=payload,
            responses=responses,
            deprecated=deprecated,
            content_type=media,
        )
    return document_event(name, payload=payload, deprecated=deprecated, content_type=media)


def build_consumer(index: int, operations: list[tuple], keys: tuple[Any, Any]) -> type:
    """A consumer class documenting each operation on a method, on the class or stacked."""
    attrs: dict[str, object] = {}
    on_class = []
    seen: set[tuple[str, str]] = set()
    last = None
    for n, (kind, name, payload, deprecated, response, where, media) in enumerate(operations):
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        decorate = decorator(kind, name, payload, deprecated, response, media)
        if where == "class":
            on_class.append(decorate)
            continue
        if where == "stacked" and last is not None:
            attrs[last] = decorate(attrs[last])
            continue
        last = f"op_{n}"

        def func(self, content):
            return None

        func.__name__ = last
        func.__qualname__ = f"Random{index}.{last}"
        attrs[last] = decorate(func)
    cls = type(f"Random{index}", (AsyncJsonWebsocketConsumer,), attrs)
    for decorate in reversed(on_class):
        cls = decorate(cls)
    return document_channel(action_key=keys[0], event_key=keys[1])(cls)


def assert_no_invented_discriminator(spec: dict[str, Any], keys: list[tuple]) -> None:
    """A direction without a discriminator has no message carrying one of the keys in play."""
    messages = spec["components"]["messages"]
    for channel, (action_key, event_key) in zip(spec["channels"], keys, strict=True):
        for operation in spec["operations"].values():
            if operation["channel"]["$ref"] != f"#/channels/{channel}":
                continue
            sent = operation["action"] == "send"
            refs = [(operation["messages"], event_key if sent else action_key)]
            refs.append(((operation.get("reply") or {}).get("messages", []), event_key))
            for items, key in refs:
                for item in items if key is None else ():
                    body = messages[item["$ref"].rsplit("/", 1)[-1]]["payload"]
                    assert not {"action", "type", "cmd"} & set(body.get("properties", {}))


def test_random_consumers_always_make_valid_specs(asyncapi_parser):
    specs: list[str] = []
    covered: set[str] = set()

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(consumer, min_size=1, max_size=3))
    def check(channels):
        consumers = [
            (build_consumer(i, ops, (action_key, event_key)), path)
            for i, (path, ops, action_key, event_key) in enumerate(channels)
        ]
        gen = AsyncAPIGenerator(consumers=consumers)
        spec = gen.get_spec()
        problems = validate_spec(spec)
        assert problems == [], problems
        assert_no_invented_discriminator(spec, [(a, e) for _, _, a, e in channels])
        for _, ops, action_key, event_key in channels:
            covered.update(where for *_, where, _ in ops)
            covered.update(f"key:{k!r}" for k in (action_key, event_key))
        media = {m["contentType"] for m in spec["components"]["messages"].values()}
        covered.update(media)
        assert gen.get_yaml() == AsyncAPIGenerator(consumers=consumers).get_yaml()
        specs.append(json.dumps(spec))

    check()
    assert len(specs) >= 20
    wanted = {"method", "class", "stacked", "text/plain", "key:None", "key:'cmd'"}
    assert wanted <= covered, wanted - covered
    # The official parser costs about a second per spec: a batch of 16 in one call.
    batch = specs[:16]
    verdicts = asyncapi_parser.check_many(batch, examples=False)
    bad = [
        (json.loads(s)["channels"], v["errors"])
        for s, v in zip(batch, verdicts, strict=True)
        if v["errors"]
    ]
    assert bad == []
