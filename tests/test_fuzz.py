"""Fuzz (issue 15): random consumers built from the hostile cases, checked four ways.

Each generated consumer mixes overlapping unions, nested lists and dataclasses, payload
dicts with a ``$ref`` property, examples drawn from the payload types, and hostile text in
every name and description. For each document: the official parser reports no error,
``--validate`` (``validate_spec``) gives the parser's verdict, every example validates
against its payload (the parser checks them), and the contract runtime validation uses
accepts every frame drawn from the documented types. Bounded: a fixed number of examples,
derandomized, and one batch of parser calls.
"""

from __future__ import annotations

import dataclasses
import datetime
import decimal
import json
import uuid
from typing import Any, Literal

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.serializers.json import DjangoJSONEncoder
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from channels_spectacular import AsyncAPIGenerator, document_action, document_event
from channels_spectacular.contract import ChannelContract
from channels_spectacular.validation import validate_spec

HOSTILE = [
    "</script><script>window.__pwn=1</script>",
    '<img src=x onerror="window.__pwn=2"><style>body{display:none}</style>',
    '![p](x.png){: onerror="window.__pwn=3" } [x](javascript:window.__pwn=4)',
    "`code <b>` {{ WS_HOST }} ${x} %s \u2028 \x00",
    "plain words",
]
NAMES = ["ping", "ride.offer", "ride_offer", "a-b", "Status", "x" * 60]
LEAVES: list[Any] = [
    int,
    str,
    bool,
    uuid.UUID | str,
    datetime.datetime | str,
    decimal.Decimal | str,
    Literal["a", 1] | str,
    int | None,
    uuid.UUID | str | None,
]


def _leaf_or_list() -> st.SearchStrategy[Any]:
    def nest(hint: Any, depth: int) -> Any:
        for _ in range(depth):
            hint = list[hint]
        return hint

    return st.builds(nest, st.sampled_from(LEAVES), st.integers(0, 4))


@st.composite
def payload_types(draw: Any, depth: int = 0) -> Any:
    """A dataclass of leaves, nested lists, unions and (up to 2 levels) dataclasses."""
    count = draw(st.integers(1, 4))
    fields = []
    for i in range(count):
        if depth < 2 and draw(st.booleans()):
            hint = draw(payload_types(depth + 1))
        else:
            hint = draw(_leaf_or_list())
        fields.append((f"f{i}", hint))
    name = f"Fuzz{depth}x{draw(st.integers(0, 10**6))}"
    return dataclasses.make_dataclass(name, fields)


REF_SCHEMA = {
    "type": "object",
    "properties": {"$ref": {"type": "string"}, "id": {"type": "integer"}},
    "required": ["id"],
}


@st.composite
def operations(draw: Any) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 4))
    out = []
    for n in range(count):
        kind = draw(st.sampled_from(["action", "event"]))
        payload = REF_SCHEMA if draw(st.integers(0, 5)) == 0 else draw(payload_types())
        values = (
            []
            if isinstance(payload, dict)
            else draw(st.lists(st.from_type(payload), min_size=1, max_size=2))
        )
        out.append(
            {
                "kind": kind,
                "name": f"{draw(st.sampled_from(NAMES))}{n}",
                "payload": payload,
                "values": values,
                "text": draw(st.sampled_from(HOSTILE)),
            }
        )
    return out


def _plain(value: Any) -> Any:
    """A payload value as the JSON the wire carries."""
    data = dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder, allow_nan=False))


def build(index: int, ops: list[dict[str, Any]]) -> tuple[type, list[tuple[str, dict]]]:
    """The consumer, and the frames (sender, frame) its documented types allow."""
    attrs: dict[str, Any] = {}
    frames: list[tuple[str, dict[str, Any]]] = []
    for n, op in enumerate(ops):
        key = "action" if op["kind"] == "action" else "type"
        examples = []
        for value in op["values"]:
            frame = {key: op["name"], **_plain(value)}
            examples.append({"name": f"Example {len(examples)}", "payload": frame})
            frames.append(("client" if op["kind"] == "action" else "server", frame))

        async def method(self: Any, content: Any) -> None:
            return None

        method.__name__ = method.__qualname__ = f"op_{n}"
        common = {"summary": op["text"], "description": op["text"], "examples": examples}
        if op["kind"] == "action":
            decorate = document_action(action=op["name"], payload=op["payload"], **common)
        else:
            decorate = document_event(op["name"], payload=op["payload"], **common)
        attrs[f"op_{n}"] = decorate(method)
    attrs["__doc__"] = HOSTILE[index % len(HOSTILE)]
    return type(f"Fuzz{index}", (AsyncJsonWebsocketConsumer,), attrs), frames


def test_fuzzed_consumers_give_valid_documents_and_accept_their_frames(asyncapi_parser):
    specs: list[dict[str, Any]] = []
    counter = iter(range(10**6))

    @settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(operations())
    def check(ops: list[dict[str, Any]]) -> None:
        try:
            consumer, frames = build(next(counter), ops)
        except ValueError:  # a value JSON cannot carry (NaN): not a frame anyone sends
            assume(False)
            return
        generator = AsyncAPIGenerator(consumers=[(consumer, "/ws/fuzz/{room}/")])
        spec = generator.get_spec()
        contract = ChannelContract(spec, next(iter(spec["channels"])), strict=False)
        for sender, frame in frames:
            assert contract.check(frame, sender) is None, (frame, contract.check(frame, sender))
        specs.append(spec)

    check()
    assert len(specs) >= 10
    batch = specs[:12]
    verdicts = asyncapi_parser.check_many(batch, examples=True)
    for spec, verdict in zip(batch, verdicts, strict=True):
        assert verdict["errors"] == [], verdict["errors"]
        assert bool(validate_spec(spec)) == bool(verdict["errors"]), validate_spec(spec)
