"""Inferred messages → decorator code and ``TypedDict`` payloads, ready to paste and refine."""

from __future__ import annotations

import json
import keyword
from collections.abc import Mapping
from typing import Any

from .dcrf import Partial
from .model import JSON, TEXT, InferredConsumer, InferredMessage

PY_TYPES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "object": "dict[str, Any]",
    "null": "None",
}


def scaffold(model: InferredConsumer) -> str:
    """Python source: payload types, then the decorators to put on the consumer class.

    The code runs as printed (the class line stands for the user's own class), and the
    decorated class documents what the inferred draft documents: messages the draft leaves
    out are printed as comments saying why.
    """
    from .records import expressible

    imports: set[str] = set()
    typing_names = {"Any"}
    types: list[str] = []
    keys = model.json_keys()
    decorators = [channel_decorator(keys)] if keys else []
    left_out: list[str] = []
    for message in model.messages:
        key = keys.get(message.direction)
        if not expressible(message, key):
            left_out.append(left_out_comment(message, key))
            continue
        payload = payload_name(model, message)
        if message.is_object and set(message.properties) - {message.discriminator}:
            types.append(typed_dict(payload, message, typing_names, imports))
        elif message.is_object:
            payload = "None"  # the discriminator alone
        else:
            payload = frame_type(message, typing_names, imports)
        decorators.append(message_decorator(message, payload))
    consumer = model.consumer
    bases = consumer.__bases__
    imports |= {f"from {b.__module__} import {b.__name__}" for b in bases if b is not object}
    lines = [
        f"# Draft documentation of {consumer.__module__}.{consumer.__qualname__}, inferred from",
        "# its source: check every message, name the payload fields' real types, add summaries,",
        "# then put the decorators above the class (its body stays as it is).",
        f"from typing import {', '.join(sorted(typing_names))}",
        "",
        *merge_imports(imports | {IMPORT}),
        "",
    ]
    for block in types:
        lines += ["", block, ""]
    lines += ["", *decorators, *left_out]
    lines += [f"class {consumer.__name__}({', '.join(b.__name__ for b in bases)}):", "    ..."]
    return "\n".join(lines).rstrip() + "\n"


IMPORT = "from channels_spectacular import document_action, document_channel, document_event"


def merge_imports(lines: set[str]) -> list[str]:
    """``from m import a`` lines, one per module, names sorted."""
    names: dict[str, set[str]] = {}
    for line in lines:
        module, _, imported = line.removeprefix("from ").partition(" import ")
        names.setdefault(module, set()).update(n.strip() for n in imported.split(","))
    return [f"from {m} import {', '.join(sorted(names[m]))}" for m in sorted(names)]


def channel_decorator(keys: Mapping[str, str | None]) -> str:
    args = [
        f"{arg}={q(keys[direction])}"
        for arg, direction in (("action_key", "receive"), ("event_key", "send"))
        if direction in keys
    ]
    return f"@document_channel({', '.join(args)})"


def left_out_comment(message: InferredMessage, key: str | None) -> str:
    kind = "action" if message.direction == "receive" else "event"
    fields = ", ".join(k for k in message.properties if k != message.discriminator) or "no fields"
    return (
        f"# Not documented: {kind} {message.name!r} ({fields}; {message.source}) carries no "
        f"{key!r} while the other frames do, and one channel's frames either all carry the "
        "discriminator or none. Give it one, or document it by hand."
    )


def frame_type(message: InferredMessage, typing_names: set[str], imports: set[str]) -> str:
    """The payload of a frame that is not a JSON object: text, binary or a JSON array."""
    schema = message.schema or {}
    if message.content_type == JSON:
        return python_type(schema, typing_names, imports)
    if message.content_type != TEXT:
        return "bytes"
    if "const" in schema or "enum" in schema:
        return python_type(schema, typing_names, imports)  # Literal["ping"]
    return "str"


def message_decorator(message: InferredMessage, payload: str) -> str:
    args: list[str] = []
    if message.direction == "receive":
        args.append(f"action={q(message.name)}")
    else:
        args.append(q(message.name))
    args.append(f"payload={payload}")
    if message.content_type != JSON:
        args.append(f"content_type={q(message.content_type)}")
    if message.direction == "receive" and message.replies:
        args.append("responses={" + ", ".join(f"{q(r)}: None" for r in message.replies) + "}")
    if message.direction == "receive" and message.correlation_id:
        args.append(f"correlation_id={q(message.correlation_id)}")
    name = "document_action" if message.direction == "receive" else "document_event"
    comment = f"  # {message.source}" if message.source else ""
    return f"@{name}({', '.join(args)}){comment}"


def payload_name(model: InferredConsumer, message: InferredMessage) -> str:
    words = "".join(w[:1].upper() + w[1:] for w in _words(message.name))
    suffix = "Request" if message.direction == "receive" else "Payload"
    clash = any(
        m is not message and m.name == message.name for m in model.messages
    )  # an action and an event of one name
    return f"{words or 'Frame'}{suffix if clash or message.direction == 'receive' else 'Payload'}"


def _words(name: str) -> list[str]:
    out, word = [], ""
    for char in name:
        if char.isalnum():
            word += char
        elif word:
            out.append(word)
            word = ""
    return [*out, word] if word else out


def typed_dict(
    name: str, message: InferredMessage, typing_names: set[str], imports: set[str]
) -> str:
    fields: list[tuple[str, str, str]] = []
    for key, schema in message.properties.items():
        if key == message.discriminator:
            continue  # the envelope carries it
        hint = python_type(schema, typing_names, imports)
        if key not in message.required:
            typing_names.add("NotRequired")
            hint = f"NotRequired[{hint}]"
        fields.append((key, hint, field_comment(schema)))
    typing_names.add("TypedDict")
    if all(k.isidentifier() and not keyword.iskeyword(k) for k, _, _ in fields):
        body = [f"    {k}: {h}{c}" for k, h, c in fields] or ["    pass"]
        return "\n".join([f"class {name}(TypedDict):", *body])
    body = [f"        {q(k)}: {h},{c}" for k, h, c in fields]
    return "\n".join([f"{name} = TypedDict(", f"    {q(name)},", "    {", *body, "    },", ")"])


def field_comment(schema: Any) -> str:
    """A comment for what a hint cannot say (a partial update's fields)."""
    if isinstance(schema, Partial):
        name = getattr(schema.serializer, "__name__", "the serializer")
        return f"  # any of {name}'s writable fields (a partial update)"
    return ""


def python_type(schema: Any, typing_names: set[str], imports: set[str]) -> str:
    """The type hint for one property schema (a serializer stays itself)."""
    if isinstance(schema, Partial):
        return "dict[str, Any]"
    if not isinstance(schema, Mapping | type):
        return "Any"  # an instance: its class may not be importable as a hint
    if not isinstance(schema, Mapping):
        module, name = getattr(schema, "__module__", ""), getattr(schema, "__qualname__", "Any")
        if module:
            imports.add(f"from {module} import {name.split('.')[0]}")
        return name
    if "anyOf" in schema:
        parts = [python_type(s, typing_names, imports) for s in schema["anyOf"]]
        return " | ".join(dict.fromkeys(parts))
    literals = [schema["const"]] if "const" in schema else schema.get("enum")
    if literals:
        typing_names.add("Literal")
        return f"Literal[{', '.join(q(v) for v in literals)}]"
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items")
        inner = python_type(items, typing_names, imports) if items is not None else "Any"
        return f"list[{inner}]"
    if kind == "object" and schema.get("properties"):
        return "dict[str, Any]"
    return PY_TYPES.get(kind, "Any") if isinstance(kind, str) else "Any"


def q(value: Any) -> str:
    """A Python literal in the quotes a formatter would use."""
    return json.dumps(value) if isinstance(value, str) else repr(value)
