"""Checking frames against one channel of a generated AsyncAPI document.

Shared by the contract-testing communicator and the runtime validation mixin. It reads
only the document (channels, operations, messages), never the consumer, so a frame is
judged by exactly what the published spec promises. jsonschema is imported on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..addresses import matches
from ..pointers import escape, follow, last_token, resolve

# The document is registered under this URI so that its local "#/..." refs resolve.
DOC_URI = "urn:channels-spectacular:document"

Direction = Literal["client", "server"]  # who sends the frame
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Problem:
    """Why one frame does not match the document."""

    path: str  # JSON path of the offending value, e.g. "$.fare"
    reason: str
    message: str | None = None  # the documented message it was checked against, if any


def require_jsonschema() -> Any:
    """The jsonschema module, or an ImportError that says how to install it."""
    try:
        import jsonschema
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "channels-spectacular needs the 'jsonschema' package to validate messages: "
            "pip install 'channels-spectacular[validation]'."
        ) from exc
    return jsonschema


def json_path(parts: tuple[Any, ...] | list[Any]) -> str:
    """``("a", 0, "b c")`` → ``$.a[0]['b c']`` (the style jsonschema uses)."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif _IDENTIFIER.match(part):
            out += f".{part}"
        else:
            out += f"[{part!r}]"
    return out


def find_channel(spec: Mapping[str, Any], path: str, channel: str | None = None) -> str:
    """The id of the channel a path belongs to (or the only channel), else a ValueError."""
    channels = spec.get("channels") or {}
    if channel is not None:
        if channel not in channels:
            raise ValueError(f"No channel {channel!r} in the document; it has {sorted(channels)}.")
        return channel
    found = [cid for cid, ch in channels.items() if matches(ch.get("address"), path)]
    if len(found) == 1:
        return found[0]
    if not found and len(channels) == 1:
        return next(iter(channels))
    addresses = {cid: ch.get("address") for cid, ch in channels.items()}
    why = "several channels match" if found else "no channel address matches"
    raise ValueError(f"{why} {path!r}: {addresses}. Pass channel='<id>' to choose one.")


class ChannelContract:
    """The documented messages of one channel, by direction and discriminator value."""

    def __init__(
        self,
        spec: Mapping[str, Any],
        channel: str,
        *,
        action_key: str = "action",
        event_key: str = "type",
        strict: bool = True,
    ) -> None:
        self.spec = spec
        self.channel = channel
        self.address = (spec.get("channels") or {}).get(channel, {}).get("address")
        self.keys: dict[Direction, str] = {"client": action_key, "server": event_key}
        self.strict = strict
        self.messages = self._index()
        self._validators: dict[str, Any] = {}
        self._registry: Any = None

    # -- the index ------------------------------------------------------------------------

    def _index(self) -> dict[Direction, dict[str, list[str]]]:
        """direction → wire name → pointers of the documented message objects."""
        index: dict[Direction, dict[str, list[str]]] = {"client": {}, "server": {}}
        target = f"#/channels/{escape(self.channel)}"
        for operation in (self.spec.get("operations") or {}).values():
            if (operation.get("channel") or {}).get("$ref") != target:
                continue
            sender: Direction = "client" if operation.get("action") == "receive" else "server"
            self._add(index[sender], operation.get("messages", []), self.keys[sender])
            reply = operation.get("reply") or {}
            self._add(index["server"], reply.get("messages", []), self.keys["server"])
        return index

    def _add(self, names: dict[str, list[str]], refs: list[Any], key: str) -> None:
        for item in refs:
            pointer = self.follow(item.get("$ref", "") if isinstance(item, Mapping) else "")
            name = self.discriminator(pointer + "/payload", key) if pointer else None
            if pointer is None or name is None:
                continue
            bucket = names.setdefault(name, [])
            if pointer not in bucket:
                bucket.append(pointer)

    def follow(self, ref: str) -> str | None:
        """The pointer of the object a local ``$ref`` chain ends at (None if not local)."""
        node, target = follow(self.spec, {"$ref": ref})
        ended = isinstance(node, Mapping) and not isinstance(node.get("$ref"), str)
        return target[1:] if target and ended else None

    def node(self, pointer: str) -> Any:
        """The value at a JSON pointer in the document (None when absent)."""
        return resolve(self.spec, pointer, None)

    def discriminator(self, pointer: str, key: str) -> str | None:
        """The ``const`` of property ``key`` in the schema at ``pointer`` (through allOf)."""
        resolved = self.follow("#" + pointer) or pointer
        schema = self.node(resolved)
        if not isinstance(schema, Mapping):
            return None
        const = ((schema.get("properties") or {}).get(key) or {}).get("const")
        if isinstance(const, str):
            return const
        for i, _ in enumerate(schema.get("allOf") or ()):
            found = self.discriminator(f"{resolved}/allOf/{i}", key)
            if found is not None:
                return found
        return None

    # -- checking -------------------------------------------------------------------------

    def check(self, frame: Any, sender: Direction) -> Problem | None:
        """None when ``frame`` is a documented message for ``sender``, else the first problem."""
        key = self.keys[sender]
        kind = "action" if sender == "client" else "event"
        names = self.messages[sender]
        if not isinstance(frame, Mapping):
            return Problem("$", f"the frame is {_json_type(frame)}, not an object with {key!r}.")
        if key not in frame:
            return Problem(
                "$", f"the frame has no {key!r} key; documented {kind}s: {_list(names)}."
            )
        name = frame[key]
        pointers = names.get(name) if isinstance(name, str) else None
        if not pointers:
            return Problem(json_path([key]), self._unknown(name, sender))
        problems = [self.check_message(frame, pointer) for pointer in pointers]
        if any(p is None for p in problems):
            return None
        return problems[0]

    def _unknown(self, name: Any, sender: Direction) -> str:
        kind = "action" if sender == "client" else "event"
        other: Direction = "server" if sender == "client" else "client"
        text = f"{name!r} is not a documented {kind} on this channel"
        if isinstance(name, str) and name in self.messages[other]:
            who = "client → server action" if other == "client" else "server → client event"
            text += f" (it is documented as a {who})"
        return f"{text}; documented {kind}s: {_list(self.messages[sender])}."

    def check_message(self, frame: Mapping[str, Any], pointer: str) -> Problem | None:
        """Validate against one message's payload, then look for undocumented fields."""
        jsonschema = require_jsonschema()
        validator = self.validator(pointer + "/payload")
        error = jsonschema.exceptions.best_match(validator.iter_errors(frame))
        label = self.label(pointer)
        if error is not None:
            path, reason = describe_error(error)
            return Problem(path, reason, label)
        if self.strict:
            for path, reason in self.undocumented(frame, pointer + "/payload", ()):
                return Problem(path, reason, label)
        return None

    def label(self, pointer: str) -> str:
        message = self.node(pointer) or {}
        key = last_token(pointer)
        name = message.get("name") if isinstance(message, Mapping) else None
        return key if not name or name == key else f"{name} ({key})"

    def validator(self, pointer: str) -> Any:
        """A Draft 7 validator (AsyncAPI's schema dialect) for the schema at ``pointer``."""
        if pointer not in self._validators:
            jsonschema = require_jsonschema()
            schema = {"$ref": f"{DOC_URI}#{pointer}"}
            self._validators[pointer] = jsonschema.Draft7Validator(schema, registry=self.registry)
        return self._validators[pointer]

    @property
    def registry(self) -> Any:
        if self._registry is None:
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT7

            resource = Resource.from_contents(dict(self.spec), default_specification=DRAFT7)
            self._registry = Registry().with_resource(DOC_URI, resource)
        return self._registry

    # -- undocumented fields ----------------------------------------------------------------

    def undocumented(
        self, value: Any, pointer: str, at: tuple[Any, ...]
    ) -> Iterator[tuple[str, str]]:
        """Fields present in ``value`` that no applicable schema declares (closed objects)."""
        branches = self.applicable(value, pointer, set())
        if isinstance(value, Mapping):
            yield from self._object_fields(value, branches, at)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                for child in self._item_schemas(branches, i):
                    yield from self.undocumented(item, child, (*at, i))

    def _object_fields(
        self, value: Mapping[str, Any], branches: list[str], at: tuple[Any, ...]
    ) -> Iterator[tuple[str, str]]:
        declared: dict[str, list[str]] = {}
        patterns: list[tuple[str, str]] = []
        extra: list[str] = []
        described = False
        for branch in branches:
            schema = self.node(branch)
            for name in schema.get("properties") or {}:
                declared.setdefault(name, []).append(f"{branch}/properties/{escape(name)}")
            for regex in schema.get("patternProperties") or {}:
                patterns.append((regex, f"{branch}/patternProperties/{escape(regex)}"))
            if "additionalProperties" in schema and schema["additionalProperties"] is not False:
                extra.append(f"{branch}/additionalProperties")
            described = described or any(
                k in schema for k in ("properties", "patternProperties", "additionalProperties")
            )
        if not described:
            return  # a free-form object: nothing to compare against
        for name, item in value.items():
            children = declared.get(name, [])
            children += [p for regex, p in patterns if re.search(regex, name)]
            if not children and not extra:
                known = ", ".join(sorted(declared)) or "none"
                yield json_path((*at, name)), f"undocumented field {name!r} (documented: {known})."
                continue
            for child in children or extra:
                if isinstance(self.node(child), Mapping):
                    yield from self.undocumented(item, child, (*at, name))

    def _item_schemas(self, branches: list[str], index: int) -> list[str]:
        out = []
        for branch in branches:
            schema = self.node(branch)
            items = schema.get("items")
            prefix = schema.get("prefixItems")
            if isinstance(prefix, list) and index < len(prefix):
                out.append(f"{branch}/prefixItems/{index}")
            elif isinstance(items, list) and index < len(items):
                out.append(f"{branch}/items/{index}")
            elif isinstance(items, Mapping):
                out.append(f"{branch}/items")
        return out

    def applicable(self, value: Any, pointer: str, seen: set[str]) -> list[str]:
        """Pointers of every schema that applies to ``value``: refs, allOf, matching any/oneOf."""
        if pointer in seen:
            return []
        seen.add(pointer)
        schema = self.node(pointer)
        if not isinstance(schema, Mapping):
            return []
        out = [pointer]
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith("#"):
            out += self.applicable(value, ref[1:], seen)
        for i, _ in enumerate(schema.get("allOf") or ()):
            out += self.applicable(value, f"{pointer}/allOf/{i}", seen)
        for word in ("anyOf", "oneOf"):
            for i, _ in enumerate(schema.get(word) or ()):
                branch = f"{pointer}/{word}/{i}"
                if self.validator(branch).is_valid(value):
                    out += self.applicable(value, branch, seen)
        return out


def describe_error(error: Any) -> tuple[str, str]:
    """(JSON path, reason) for a jsonschema error, naming the field when one is missing."""
    path = list(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, Mapping):
        missing = [name for name in error.validator_value if name not in instance]
        if missing:
            return json_path([*path, missing[0]]), f"required field {missing[0]!r} is missing."
    if error.validator == "additionalProperties" and isinstance(instance, Mapping):
        known = set((error.schema.get("properties") or {}).keys())
        patterns = list((error.schema.get("patternProperties") or {}).keys())
        for name in instance:
            if name not in known and not any(re.search(p, name) for p in patterns):
                return json_path([*path, name]), f"undocumented field {name!r} is not allowed."
    return json_path(path), f"{error.message}."


def _json_type(value: Any) -> str:
    names = {str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    if value is None:
        return "null"
    if isinstance(value, list):
        return "an array"
    return names.get(type(value), type(value).__name__)


def _list(names: Mapping[str, Any]) -> str:
    return ", ".join(sorted(names)) or "none"
