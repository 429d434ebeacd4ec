"""Property test: random consumers from random payload types always give a valid spec.

Each spec is checked against the AsyncAPI 3.0 JSON Schema plus reference resolution
(``channels_spectacular.validation``), then the whole batch goes through the official
parser in one call.
"""

from __future__ import annotations

import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels_spectacular import AsyncAPIGenerator, document_action, document_event
from channels_spectacular.validation import validate_spec
from tests.support.payload_strategies import payload_types

# Names chosen to collide after folding ("ride_offer" / "ride.offer" / "ride-offer").
WIRE_NAMES = ["ride_offer", "ride.offer", "ride-offer", "status", "Status", "ping", "a.b.c"]
PATHS = ["/ws/chat/", "/api/chat/", "/ws/rides/{ride_id}/", "/ws/rides/{ride_id}/chat/", "/"]

operation = st.tuples(
    st.sampled_from(["action", "event"]),
    st.sampled_from(WIRE_NAMES),
    payload_types(),
    st.booleans(),  # deprecated
    st.one_of(st.none(), st.sampled_from(WIRE_NAMES)),  # a response event type
)


def build_consumer(index: int, operations: list[tuple]) -> type:
    """A consumer class with one documented method per operation, unique wire names."""
    attrs: dict[str, object] = {}
    seen: set[tuple[str, str]] = set()
    for n, (kind, name, payload, deprecated, response) in enumerate(operations):
        if (kind, name) in seen:
            continue
        seen.add((kind, name))
        method = f"op_{n}"

        def func(self, content):
            return None

        func.__name__ = method
        func.__qualname__ = f"Random{index}.{method}"
        if kind == "action":
            responses = {response: payload} if response else None
            decorate = document_action(
                action=name, payload=payload, responses=responses, deprecated=deprecated
            )
        else:
            decorate = document_event(name, payload=payload, deprecated=deprecated)
        attrs[method] = decorate(func)
    return type(f"Random{index}", (AsyncJsonWebsocketConsumer,), attrs)


def test_random_consumers_always_make_valid_specs(asyncapi_parser):
    specs: list[str] = []

    @settings(
        max_examples=40,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        st.lists(
            st.tuples(st.sampled_from(PATHS), st.lists(operation, min_size=1, max_size=5)),
            min_size=1,
            max_size=3,
        )
    )
    def check(channels):
        consumers = [(build_consumer(i, ops), path) for i, (path, ops) in enumerate(channels)]
        gen = AsyncAPIGenerator(consumers=consumers)
        spec = gen.get_spec()
        problems = validate_spec(spec)
        assert problems == [], problems
        assert gen.get_yaml() == AsyncAPIGenerator(consumers=consumers).get_yaml()
        specs.append(json.dumps(spec))

    check()
    assert len(specs) >= 20
    # The official parser costs about a second per spec: a batch of 16 in one call.
    batch = specs[:16]
    verdicts = asyncapi_parser.check_many(batch, examples=False)
    bad = [
        (json.loads(s)["channels"], v["errors"])
        for s, v in zip(batch, verdicts, strict=True)
        if v["errors"]
    ]
    assert bad == []
