"""Large generated projects still give valid specs (speed is measured in benchmarks/)."""

from __future__ import annotations

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action, document_event


def make_consumer(i: int) -> type:
    """A consumer with two actions and one event, each with a small dict payload."""
    body = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}

    def method(name: str):
        def func(self, content):
            return None

        func.__name__ = name
        func.__qualname__ = f"Consumer{i}.{name}"
        return func

    attrs = {
        "handle_start": document_action(summary=f"Start {i}", payload=body)(method("handle_start")),
        "handle_stop": document_action(responses={"stopped": body})(method("handle_stop")),
        "progress": document_event("progress", payload=body)(method("progress")),
    }
    return type(f"Consumer{i}", (AsyncJsonWebsocketConsumer,), attrs)


def test_two_thousand_consumers_make_a_valid_spec(asyncapi_parser):
    consumers = [(make_consumer(i), f"/ws/c{i}/{{room}}/") for i in range(2000)]
    gen = AsyncAPIGenerator(consumers=consumers)
    spec = gen.get_spec()
    assert len(spec["channels"]) == 2000
    assert len(spec["operations"]) == 6000
    assert len(spec["components"]["messages"]) == 8000
    assert gen.diagnostics.errors == []
    verdict = asyncapi_parser.check(gen.get_json(indent=None), examples=False)
    assert verdict["errors"] == []
