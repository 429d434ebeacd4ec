"""Check an AsyncAPI 3.0 document: the official JSON Schema plus what it cannot express.

The JSON Schema comes from npm ``@asyncapi/specs`` and ships in the package (copied by
``tools/build_assets.py``). The semantic checks cover what the schema misses: ``$ref``s
resolve, channel parameters match address placeholders, operation (and reply) messages
belong to their channel, and message examples match their payload schemas.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from .addresses import placeholders as address_placeholders
from .pointers import MISSING, pointer, resolve

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "asyncapi-3.0.0.json"


def validate_spec(spec: Mapping[str, Any]) -> list[str]:
    """Every problem found in ``spec`` as ``"/json/pointer: message"``; empty when valid."""
    problems = schema_problems(spec)
    if not isinstance(spec, Mapping):
        return problems
    problems += ref_problems(spec)
    problems += parameter_problems(spec)
    problems += operation_problems(spec)
    problems += example_problems(spec)
    return problems


def schema_problems(spec: Any) -> list[str]:
    """Violations of the official AsyncAPI 3.0.0 JSON Schema, most specific cause first."""
    errors = sorted(_validator().iter_errors(spec), key=lambda e: list(map(str, e.path)))
    return [f"{_pointer(_deepest(e).absolute_path)}: {_short(_deepest(e).message)}" for e in errors]


def ref_problems(spec: Mapping[str, Any]) -> list[str]:
    """Local ``$ref``s that point nowhere (remote ones are not fetched)."""
    out = []
    for path, target in _refs(spec, ()):
        if target.startswith("#") and resolve(spec, target) is MISSING:
            out.append(f"{_pointer(path)}: $ref {target!r} does not resolve")
    return out


def parameter_problems(spec: Mapping[str, Any]) -> list[str]:
    """Channel ``parameters`` that differ from the ``{name}`` placeholders of the address."""
    out = []
    for name, channel in _mapping(spec, "channels").items():
        channel = _deref(spec, channel)
        address = channel.get("address") if isinstance(channel, Mapping) else None
        if not isinstance(address, str):
            continue
        placeholders = set(address_placeholders(address))
        declared = set(_mapping(channel, "parameters"))
        where = _pointer(("channels", name))
        for missing in sorted(placeholders - declared):
            out.append(f"{where}: address placeholder {{{missing}}} has no parameter")
        for extra in sorted(declared - placeholders):
            out.append(f"{where}: parameter {extra!r} is not a placeholder of {address!r}")
    return out


def operation_problems(spec: Mapping[str, Any]) -> list[str]:
    """Operation and reply messages that are not messages of the channel they use."""
    out = []
    for name, operation in _mapping(spec, "operations").items():
        operation = _deref(spec, operation)
        if not isinstance(operation, Mapping):
            continue
        where = ("operations", name)
        channel = _ref_of(operation.get("channel"))
        out += _foreign_messages(operation, channel, where)
        reply = _deref(spec, operation.get("reply"))
        if isinstance(reply, Mapping):
            reply_channel = _ref_of(reply.get("channel")) or channel
            out += _foreign_messages(reply, reply_channel, (*where, "reply"))
    return out


def example_problems(spec: Mapping[str, Any]) -> list[str]:
    """Message examples whose payload does not match the message's payload schema."""
    from jsonschema import Draft7Validator

    out = []
    for path, message in _messages(spec):
        payload_path = _payload_schema_path(message, path)
        if payload_path is None:
            continue
        # Validate through a $ref into the whole document so component refs resolve.
        root = {**spec, "$ref": "#" + _pointer(payload_path)}
        validator = Draft7Validator(root)
        for i, example in enumerate(message.get("examples") or ()):
            if not isinstance(example, Mapping) or "payload" not in example:
                continue
            for error in validator.iter_errors(example["payload"]):
                where = _pointer((*path, "examples", i, "payload", *error.absolute_path))
                out.append(f"{where}: {_short(error.message)}")
    return out


@lru_cache(maxsize=1)
def _validator() -> Any:
    try:
        from jsonschema import Draft7Validator
    except ImportError:  # an optional extra: only --validate and its users need it
        raise RuntimeError(
            "Validation needs jsonschema: pip install 'channels-spectacular[validation]'"
        ) from None
    try:
        schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RuntimeError(
            f"{SCHEMA_PATH} is missing: run `python tools/build_assets.py` after `npm ci`, "
            "or install a built wheel."
        ) from None
    return Draft7Validator(schema)


def _foreign_messages(
    holder: Mapping[str, Any], channel_ref: str | None, where: tuple[Any, ...]
) -> list[str]:
    if channel_ref is None:
        return []
    prefix = channel_ref + "/messages/"
    out = []
    for i, item in enumerate(holder.get("messages") or ()):
        target = _ref_of(item)
        if target is not None and not target.startswith(prefix):
            where_i = _pointer((*where, "messages", i))
            out.append(f"{where_i}: {target!r} is not a message of {channel_ref!r}")
    return out


def _messages(spec: Mapping[str, Any]) -> Iterator[tuple[tuple[Any, ...], Mapping[str, Any]]]:
    """Every message object written in place (component messages and channel messages)."""
    for name, message in _mapping(_mapping(spec, "components"), "messages").items():
        if isinstance(message, Mapping) and "$ref" not in message:
            yield ("components", "messages", name), message
    for channel_name, channel in _mapping(spec, "channels").items():
        for name, message in _mapping(channel, "messages").items():
            if isinstance(message, Mapping) and "$ref" not in message:
                yield ("channels", channel_name, "messages", name), message


def _payload_schema_path(
    message: Mapping[str, Any], path: tuple[Any, ...]
) -> tuple[Any, ...] | None:
    payload = message.get("payload")
    if not isinstance(payload, Mapping):
        return None
    if "schemaFormat" in payload:  # a Multi Format Schema object: JSON Schema flavours only
        fmt = str(payload.get("schemaFormat", ""))
        json_like = "asyncapi" in fmt or "schema+json" in fmt or "schema+yaml" in fmt
        return (*path, "payload", "schema") if json_like else None
    return (*path, "payload")


def _refs(node: Any, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str):
            yield path, ref
        for key, value in node.items():
            yield from _refs(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _refs(value, (*path, i))


def _deref(spec: Mapping[str, Any], node: Any) -> Any:
    ref = _ref_of(node)
    if ref is None:
        return node
    return resolve(spec, ref, None)


def _ref_of(node: Any) -> str | None:
    ref = node.get("$ref") if isinstance(node, Mapping) else None
    return ref if isinstance(ref, str) else None


def _mapping(node: Any, key: str) -> Mapping[str, Any]:
    value = node.get(key) if isinstance(node, Mapping) else None
    return value if isinstance(value, Mapping) else {}


def _pointer(path: Any) -> str:
    return pointer(*map(str, path))[1:]  # "/a/b": where in the document, without "#"


def _deepest(error: Any) -> Any:
    # oneOf/anyOf failures nest the useful cause; report the leaf deepest in the document.
    leaves, stack = [], list(error.context or [])
    while stack:
        item = stack.pop()
        if item.context:
            stack.extend(item.context)
        else:
            leaves.append(item)
    return max(leaves, key=lambda e: len(e.absolute_path), default=error)


def _short(message: str, limit: int = 300) -> str:
    return message if len(message) <= limit else message[:limit] + "..."
