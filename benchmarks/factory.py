"""Synthetic decorated consumers; copied into the scratch project as ``benchproj.factory``.

Every consumer gets the same action and event names, as real projects do (``subscribe``,
``progress``…): the document has to rename messages across channels, so naming and
collision checks are exercised at full size.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any

PayloadFor = Callable[[int, int, str], Any]  # (consumer, index, "action" | "event") -> payload


def channel_path(i: int, distinct_tail: bool = False) -> str:
    """The address of consumer ``i``, one parameter each.

    ``distinct_tail`` puts the consumer's own segment last (``/ws/{room}/c<i>/``): the peer
    names a channel's messages and operations after the address's last segment, so on
    ``/ws/c<i>/{room}/`` it would give every consumer the same names and keep only one.
    """
    return f"/ws/{{room}}/c{i}/" if distinct_tail else f"/ws/c{i}/{{room}}/"


def endpoint_paths(module: str, count: int, distinct_tail: bool = False) -> list[tuple[str, str]]:
    """``[(dotted path, address)]`` without importing anything (for Django settings)."""
    return [(f"{module}.Consumer{i}", channel_path(i, distinct_tail)) for i in range(count)]


def dict_payload(i: int, j: int, kind: str) -> dict[str, Any]:
    """A small JSON Schema dict, a fresh object per method as a literal in code would be."""
    return {
        "type": "object",
        "properties": {
            "id": {"type": "integer", "minimum": 0},
            "name": {"type": "string", "maxLength": 80},
            "tags": {"type": "array", "items": {"type": "string"}},
            f"{kind}_{j}": {"type": "boolean", "description": f"Flag {j} of consumer {i}."},
        },
        "required": ["id"],
    }


def _method(owner: str, name: str) -> Callable[..., None]:
    async def method(self: Any, content: Any) -> None:
        return None

    method.__name__ = name
    method.__qualname__ = f"{owner}.{name}"
    return method


def make_consumer(module: str, i: int, actions: int, events: int, payload_for: PayloadFor) -> type:
    """``Consumer{i}``: ``actions`` decorated actions and ``events`` decorated events."""
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from channels_spectacular import document_action, document_event

    owner = f"Consumer{i}"
    attrs: dict[str, Any] = {"__module__": module, "__doc__": f"Synthetic consumer {i}."}
    for j in range(actions):
        # The first action replies with the first event: the reply path is measured too.
        responses = {"evt0.updated": None} if j == 0 and events else None
        decorate = document_action(
            summary=f"Action {j}", payload=payload_for(i, j, "action"), responses=responses
        )
        attrs[f"handle_act{j}"] = decorate(_method(owner, f"handle_act{j}"))
    for j in range(events):
        decorate = document_event(
            f"evt{j}.updated", summary=f"Event {j}", payload=payload_for(i, j, "event")
        )
        attrs[f"evt{j}_updated"] = decorate(_method(owner, f"evt{j}_updated"))
    cls = type(owner, (AsyncJsonWebsocketConsumer,), attrs)
    cls.__qualname__ = owner
    return cls


def populate(
    namespace: MutableMapping[str, Any],
    count: int,
    actions: int,
    events: int,
    payload_for: PayloadFor = dict_payload,
    distinct_tail: bool = False,
) -> list[tuple[type, str]]:
    """Define ``Consumer0..count-1`` in a module namespace; return ``[(class, address)]``."""
    module = namespace["__name__"]
    endpoints = []
    for i in range(count):
        cls = make_consumer(module, i, actions, events, payload_for)
        namespace[cls.__name__] = cls
        endpoints.append((cls, channel_path(i, distinct_tail)))
    return endpoints
