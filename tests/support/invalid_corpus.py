"""AsyncAPI 3.0 documents with one defect each, for comparing --validate with the parser."""

from __future__ import annotations

import copy
from typing import Any

BASE: dict[str, Any] = {
    "asyncapi": "3.0.0",
    "info": {"title": "Corpus", "version": "1.0.0"},
    "servers": {"default": {"host": "localhost:8000", "protocol": "ws"}},
    "channels": {
        "room": {
            "address": "/ws/room/{room}/",
            "parameters": {"room": {"description": "Room id."}},
            "messages": {
                "hello": {
                    "name": "hello",
                    "payload": {
                        "type": "object",
                        "properties": {"kind": {"type": "string", "enum": ["a", "b"]}},
                    },
                    "examples": [{"name": "One", "payload": {"kind": "a"}}],
                }
            },
        }
    },
    "operations": {
        "sayHello": {
            "action": "send",
            "channel": {"$ref": "#/channels/room"},
            "messages": [{"$ref": "#/channels/room/messages/hello"}],
            "tags": [{"name": "chat"}],
        }
    },
}


def _with(change: Any) -> dict[str, Any]:
    doc = copy.deepcopy(BASE)
    change(doc)
    return doc


def _set(path: str, value: Any) -> Any:
    def change(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


HELLO = "channels/room/messages/hello"

INVALID: dict[str, dict[str, Any]] = {
    "empty enum": _with(_set(f"{HELLO}/payload/properties/kind/enum", [])),
    "duplicate tags": _with(_set("operations/sayHello/tags", [{"name": "chat"}, {"name": "chat"}])),
    "non-string example name": _with(_set(f"{HELLO}/examples/0/name", 5)),
    "nested braces in the address": _with(_set("channels/room/address", "/ws/{room{x}}/")),
    "contact as a string": _with(_set("info/contact", "me@example.com")),
    "license without a name": _with(_set("info/license", {"url": "https://example.com"})),
    "non-string title": _with(_set("info/title", 5)),
    "non-string server host": _with(_set("servers/default/host", 8000)),
    "bad security scheme type": _with(
        lambda d: d.update(
            components={"securitySchemes": {"s": {"type": "magic"}}},
        )
    ),
    "binding method PUT": _with(_set("channels/room/bindings", {"ws": {"method": "PUT"}})),
    "binding unknown key": _with(
        _set("channels/room/bindings", {"ws": {"method": "GET", "flavour": "x"}})
    ),
    "info missing": _with(lambda d: d.pop("info")),
}

VALID: dict[str, dict[str, Any]] = {
    "base": copy.deepcopy(BASE),
    # Tags are unique as whole objects: the parser accepts one name twice with different
    # descriptions, so --validate must too.
    "one tag name, two descriptions": _with(
        _set(
            "operations/sayHello/tags",
            [{"name": "chat"}, {"name": "chat", "description": "again"}],
        )
    ),
}
