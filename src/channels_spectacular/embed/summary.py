"""Read-only views of an AsyncAPI 3.0 document for docs embeds: a summary and a filter.

The summary types are named tuples: a big document has tens of thousands of them, and
tuples are several times cheaper to create than frozen dataclasses.

The summary (channels → operations → messages with fields and examples) is plain data, so
each docs tool renders it its own way (docutils nodes, Markdown, search text). It is built
from the spec dict alone, so hand-written spec files get the same treatment.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from ..pointers import escape, follow, last_token, pointer, resolve

__all__ = [
    "ChannelSummary",
    "ExampleSummary",
    "FieldSummary",
    "MessageSummary",
    "OperationSummary",
    "SearchOutline",
    "SpecSummary",
    "filter_spec",
    "search_outline",
    "summarize",
]

MAX_DEPTH = 3  # nested object fields shown as ``a.b.c``; deeper ones stay one row


class FieldSummary(NamedTuple):
    """One payload field: dotted name, type label, required flag, description."""

    name: str
    type: str
    required: bool = False
    description: str = ""


class ExampleSummary(NamedTuple):
    """One message example, its payload as indented JSON text."""

    name: str
    summary: str
    json: str


class MessageSummary(NamedTuple):
    """One message: its key in the spec, wire name, texts, fields and examples."""

    key: str
    name: str
    title: str = ""
    summary: str = ""
    description: str = ""
    content_type: str = ""
    fields: tuple[FieldSummary, ...] = ()
    examples: tuple[ExampleSummary, ...] = ()
    deprecated: bool = False


class OperationSummary(NamedTuple):
    """One operation; ``action`` is the spec's (``receive``: the client sends it)."""

    key: str
    action: str
    title: str = ""
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    messages: tuple[MessageSummary, ...] = ()
    replies: tuple[MessageSummary, ...] = ()
    deprecated: bool = False
    inferred: bool = False  # a draft inferred from the consumer's source (x-inferred)

    @property
    def direction(self) -> str:
        """Who sends the operation's messages, in words."""
        return "client → server" if self.action == "receive" else "server → client"


class ChannelSummary(NamedTuple):
    """One channel with its address parameters and operations."""

    key: str
    address: str
    title: str = ""
    summary: str = ""
    description: str = ""
    parameters: tuple[tuple[str, str], ...] = ()
    operations: tuple[OperationSummary, ...] = ()


class SpecSummary(NamedTuple):
    """The whole document, in reading order."""

    title: str
    version: str
    description: str = ""
    channels: tuple[ChannelSummary, ...] = ()


# -- summary --------------------------------------------------------------------------


class _Resolver:
    """Follows local ``$ref`` pointers inside one document, with a cycle guard."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        self.spec = spec
        self.messages: dict[str, MessageSummary] = {}  # by $ref: replies reuse messages
        self._targets: dict[str, Any] = {}
        self._chains: dict[str, tuple[Any, str]] = {}  # first $ref of a chain → follow()

    def pointer(self, ref: str) -> Any:
        try:
            return self._targets[ref]
        except KeyError:
            target = self._targets[ref] = resolve(self.spec, ref, None)
            return target

    def follow(self, node: Any) -> tuple[Any, str]:
        """The target of a ``$ref`` chain and the last key on it ("" when not a ref)."""
        if not (type(node) is dict or isinstance(node, Mapping)):
            return node, ""
        ref = node.get("$ref")
        if type(ref) is not str:
            return node, ""
        try:
            return self._chains[ref]
        except KeyError:
            target, at = follow(self.spec, node)
            found = self._chains[ref] = (target, last_token(at) if at else "")
            return found


def summarize(spec: Mapping[str, Any]) -> SpecSummary:
    """The summary of a (possibly hand-written) AsyncAPI 3.0 document; never raises."""
    r = _Resolver(spec)
    info = _mapping(spec.get("info"))
    ops_by_channel: dict[str, list[OperationSummary]] = {}
    for key, op in _mapping(spec.get("operations")).items():
        if type(op) is dict or isinstance(op, Mapping):
            channel_key = _ref_key(op.get("channel"))
            ops_by_channel.setdefault(channel_key, []).append(_operation(r, str(key), op))
    channels = tuple(
        _channel(r, str(key), channel, ops_by_channel.get(str(key), []))
        for key, channel in _mapping(spec.get("channels")).items()
        if isinstance(channel, Mapping)
    )
    return SpecSummary(
        title=_str(info.get("title")),
        version=_str(info.get("version")),
        description=_str(info.get("description")),
        channels=channels,
    )


def _channel(
    r: _Resolver, key: str, channel: Mapping[str, Any], ops: list[OperationSummary]
) -> ChannelSummary:
    params = tuple(
        (str(name), _str(_mapping(r.follow(p)[0]).get("description")))
        for name, p in _mapping(channel.get("parameters")).items()
    )
    return ChannelSummary(
        key=key,
        address=_str(channel.get("address")),
        title=_str(channel.get("title")),
        summary=_str(channel.get("summary")),
        description=_str(channel.get("description")),
        parameters=params,
        operations=tuple(ops),
    )


def _operation(r: _Resolver, key: str, op: Mapping[str, Any]) -> OperationSummary:
    reply = _mapping(r.follow(op.get("reply"))[0])
    return OperationSummary(
        key=key,
        action=_str(op.get("action")),
        title=_str(op.get("title")),
        summary=_str(op.get("summary")),
        description=_str(op.get("description")),
        tags=tuple(_str(_mapping(r.follow(t)[0]).get("name")) for t in _list(op.get("tags"))),
        messages=tuple(_message(r, m) for m in _list(op.get("messages"))),
        replies=tuple(_message(r, m) for m in _list(reply.get("messages"))),
        deprecated=bool(op.get("x-deprecated") or op.get("deprecated")),
        inferred=op.get("x-inferred") is True,
    )


def _message(r: _Resolver, ref: Any) -> MessageSummary:
    is_map = type(ref) is dict or isinstance(ref, Mapping)
    pointer = ref.get("$ref") if is_map and len(ref) == 1 else None
    if isinstance(pointer, str):
        known = r.messages.get(pointer)
        if known is None:
            known = r.messages[pointer] = _message_summary(r, ref)
        return known
    return _message_summary(r, ref)


def _message_summary(r: _Resolver, ref: Any) -> MessageSummary:
    message, key = r.follow(ref)
    message = _mapping(message)
    payload = message.get("payload")
    return MessageSummary(
        key=key or _str(message.get("name")),
        name=_str(message.get("name")) or key,
        title=_str(message.get("title")),
        summary=_str(message.get("summary")),
        description=_str(message.get("description")),
        content_type=_str(message.get("contentType")),
        fields=tuple(_fields(r, payload, "", 0)),
        examples=tuple(_example(e) for e in _list(message.get("examples"))),
        deprecated=bool(message.get("x-deprecated") or message.get("deprecated")),
    )


def _example(example: Any) -> ExampleSummary:
    example = _mapping(example)
    text = json.dumps(example.get("payload"), indent=2, ensure_ascii=False, default=str)
    return ExampleSummary(_str(example.get("name")), _str(example.get("summary")), text)


def _fields(r: _Resolver, schema: Any, prefix: str, depth: int) -> list[FieldSummary]:
    props, required = _object_parts(r, schema)
    out = []
    for name, sub in props.items():
        target = _mapping(r.follow(sub)[0])
        dotted = f"{prefix}{name}"
        out.append(FieldSummary(dotted, type_label(r, sub), name in required, _describe(target)))
        if depth + 1 < MAX_DEPTH:
            nested = target
            if target.get("type") == "array":
                nested, dotted = _mapping(r.follow(target.get("items"))[0]), f"{dotted}[]"
            out += _fields(r, nested, f"{dotted}.", depth + 1)
    return out


def _object_parts(r: _Resolver, schema: Any) -> tuple[dict[str, Any], set[str]]:
    """Properties and required names of an object schema, ``allOf`` parts merged."""
    schema = _mapping(r.follow(schema)[0])
    props: dict[str, Any] = dict(_mapping(schema.get("properties")))
    required = {str(n) for n in _list(schema.get("required"))}
    for part in _list(schema.get("allOf")):
        more, more_required = _object_parts(r, part)
        props.update(more)
        required |= more_required
    return props, required


def type_label(r: _Resolver, schema: Any) -> str:
    """A short human type: ``string (date-time)``, ``array of Position``, ``A | B``."""
    target, key = r.follow(schema)
    target = _mapping(target)
    if "const" in target:
        return json.dumps(target["const"], ensure_ascii=False)
    if "enum" in target:
        return " | ".join(json.dumps(v, ensure_ascii=False) for v in _list(target["enum"]))
    for combinator in ("oneOf", "anyOf"):
        if combinator in target:
            return " | ".join(type_label(r, s) for s in _list(target[combinator]))
    if key:
        return key
    return _plain_type(r, target)


def _plain_type(r: _Resolver, target: Mapping[str, Any]) -> str:
    kind = target.get("type")
    if isinstance(kind, list):
        return " | ".join(str(k) for k in kind)
    if kind == "array":
        return f"array of {type_label(r, target.get('items'))}" if "items" in target else "array"
    if kind is None and "properties" not in target and "allOf" not in target:
        return "any"
    if (kind or "object") == "object":
        return _str(target.get("title")) or "object"  # a named type reads better
    fmt = target.get("format")
    return f"{kind} ({fmt})" if fmt else str(kind)


def _describe(schema: Mapping[str, Any]) -> str:
    text = _str(schema.get("description"))
    if schema.get("deprecated"):
        text = f"Deprecated. {text}".strip()
    return text


def _ref_key(node: Any) -> str:
    ref = _mapping(node).get("$ref")
    return last_token(ref) if ref else ""


_EMPTY: Mapping[str, Any] = {}


def _mapping(value: Any) -> Mapping[str, Any]:
    # Exact dict first: the ABC check is the slow path on documents with 10,000s of nodes.
    return value if type(value) is dict or isinstance(value, Mapping) else _EMPTY


def _list(value: Any) -> list[Any]:
    if type(value) is list:
        return value
    return list(value) if isinstance(value, list | tuple) else []


def _str(value: Any) -> str:
    return value.strip() if type(value) is str or isinstance(value, str) else ""


# -- search outline -------------------------------------------------------------------


class SearchOutline(NamedTuple):
    """What a hidden search block needs, without a full summary."""

    # ("channel", key), ("operation", "<channel>.<key>"), ("message", "<channel>.<key>"):
    # the names render_summary gives its targets, each once, in reading order.
    targets: tuple[tuple[str, str], ...]
    # A line per channel, operation and message: names, titles, summaries, tags, parameter
    # and top-level field names. Each word appears once (on its first line): search indexes
    # are sets of words per page, and big documents repeat field names thousands of times.
    text: str


class _Words:
    """Lines of words, each word kept on the first line that has it."""

    def __init__(self) -> None:
        self.seen: set[str] = set()
        self.lines: list[str] = []

    def line(self, *texts: str) -> None:
        seen, words = self.seen, []
        for word in " ".join(texts).split():
            if word not in seen:
                seen.add(word)
                words.append(word)
        if words:
            self.lines.append(" ".join(words))


def search_outline(spec: Mapping[str, Any]) -> SearchOutline:
    """Targets and search text of a document in one pass: several times cheaper than
    :func:`summarize` on big documents, for pages where the viewer shows the rest."""
    r, words = _Resolver(spec), _Words()
    targets: dict[tuple[str, str], None] = {}  # an ordered set
    words.line(*_texts(_mapping(spec.get("info")), "title", "version", "description"))
    ops = _operations_by_channel(spec)
    for key, channel in _mapping(spec.get("channels")).items():
        if not (type(channel) is dict or isinstance(channel, Mapping)):
            continue
        key = str(key)
        targets["channel", key] = None
        params = [str(name) for name in _mapping(channel.get("parameters"))]
        words.line(key, *_texts(channel, "address", "title", "summary"), *params)
        for op_key, op in ops.get(key, ()):
            targets["operation", f"{key}.{op_key}"] = None
            tags = (_str(_mapping(r.follow(t)[0]).get("name")) for t in _list(op.get("tags")))
            words.line(op_key, *_texts(op, "title", "summary"), *tags)
            reply = _mapping(r.follow(op.get("reply"))[0])
            for ref in (*_list(op.get("messages")), *_list(reply.get("messages"))):
                _outline_message(r, key, ref, targets, words)
    return SearchOutline(tuple(targets), "\n".join(words.lines))


def _operations_by_channel(spec: Mapping[str, Any]) -> dict[str, list[tuple[str, Any]]]:
    ops: dict[str, list[tuple[str, Any]]] = {}
    for key, op in _mapping(spec.get("operations")).items():
        if type(op) is dict or isinstance(op, Mapping):
            ops.setdefault(_ref_key(op.get("channel")), []).append((str(key), op))
    return ops


def _outline_message(
    r: _Resolver,
    channel: str,
    ref: Any,
    targets: dict[tuple[str, str], None],
    words: _Words,
) -> None:
    message, ref_key = r.follow(ref)
    message = _mapping(message)
    name = _str(message.get("name"))
    target = ("message", f"{channel}.{ref_key or name}")
    if target in targets:
        return  # a reply met again: its words are all on the page already
    targets[target] = None
    fields = _object_parts(r, message.get("payload"))[0]
    words.line(ref_key, name, *_texts(message, "title", "summary"), *map(str, fields))


def _texts(node: Mapping[str, Any], *keys: str) -> list[str]:
    return [_str(node.get(k)) for k in keys]


# -- filtering ------------------------------------------------------------------------


def filter_spec(
    spec: Mapping[str, Any],
    *,
    tags: Iterable[str] = (),
    operations: Iterable[str] = (),
    channels: Iterable[str] = (),
) -> tuple[dict[str, Any], list[str]]:
    """Keep the operations matching every given filter, with their channels and messages.

    ``channels`` matches channel keys or addresses. Channel messages no kept operation
    uses, and component messages and schemas nothing reaches any more, are dropped; the
    result stays a valid document.
    """
    tags, operations, channels = set(tags), set(operations), set(channels)
    out = copy.deepcopy(dict(spec))
    all_channels = _mapping(out.get("channels"))
    keep_channels = {
        k for k, c in all_channels.items() if not channels or _channel_matches(k, c, channels)
    }
    kept_ops = {
        key: op
        for key, op in _mapping(out.get("operations")).items()
        if _op_matches(key, op, tags, operations, keep_channels)
    }
    problems = _unmatched(spec, tags, operations, channels, all_channels)
    if not kept_ops:
        problems.append("the tags/operations/channels filters match no operation.")
    out["operations"] = kept_ops
    out["channels"] = _used_channels(all_channels, kept_ops)
    _prune_components(out)
    return out, problems


def _channel_matches(key: str, channel: Any, wanted: set[str]) -> bool:
    return key in wanted or _mapping(channel).get("address") in wanted


def _op_matches(
    key: str, op: Any, tags: set[str], operations: set[str], channels: set[str]
) -> bool:
    op = _mapping(op)
    if operations and key not in operations:
        return False
    op_tags = {_mapping(t).get("name") for t in _list(op.get("tags"))}
    if tags and not tags & op_tags:
        return False
    return _ref_key(op.get("channel")) in channels


def _unmatched(
    spec: Mapping[str, Any],
    tags: set[str],
    operations: set[str],
    channels: set[str],
    all_channels: Mapping[str, Any],
) -> list[str]:
    ops = _mapping(spec.get("operations"))
    known_tags = {_mapping(t).get("name") for op in ops.values() for t in _list(op.get("tags"))}
    addresses = {_mapping(c).get("address") for c in all_channels.values()}
    problems = []
    for label, wanted, known in (
        ("tag", tags, known_tags),
        ("operation", operations, set(ops)),
        ("channel", channels, set(all_channels) | addresses),
    ):
        for name in sorted(wanted - known):
            problems.append(f"filter: no {label} named {name!r} in the spec.")
    return problems


def _used_channels(channels: Mapping[str, Any], operations: Mapping[str, Any]) -> dict[str, Any]:
    """The channels the operations use, each with only the messages they use."""
    refs = set(_refs(operations))
    used = {_ref_key(op.get("channel")) for op in operations.values()}
    out = {}
    for key, channel in channels.items():
        if key not in used or not isinstance(channel, dict):
            continue
        prefix = pointer("channels", key, "messages")
        messages = _mapping(channel.get("messages"))
        out[key] = {
            **channel,
            "messages": {m: v for m, v in messages.items() if f"{prefix}/{escape(m)}" in refs},
        }
    return out


def _prune_components(spec: dict[str, Any]) -> None:
    """Drop component messages and schemas that nothing outside components reaches."""
    components = spec.get("components")
    if not isinstance(components, dict):
        return
    outside = {k: v for k, v in spec.items() if k != "components"}
    resolver, reached, roots = _Resolver(spec), set(), set()
    todo = list(_refs(outside))
    while todo:
        ref = todo.pop()
        if ref not in reached:
            reached.add(ref)
            roots.add("/".join(ref.split("/")[:4]))  # #/components/<kind>/<key>
            todo += _refs(resolver.pointer(ref))
    for kind in ("messages", "schemas"):
        if isinstance(components.get(kind), dict):
            components[kind] = {
                key: value
                for key, value in components[kind].items()
                if pointer("components", kind, key) in roots
            }


def _refs(node: Any) -> Iterable[str]:
    """Every local ``$ref`` value inside ``node``."""
    if isinstance(node, Mapping):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            yield ref
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)
