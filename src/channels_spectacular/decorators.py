"""``document_action`` / ``document_event`` / ``document_channel``: check, record, nothing more.

The first two go on a handler method or on the consumer class (a message without a
method of its own), and may be stacked; records are kept on the class that declares them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from .arguments import json_problem, require_bool, require_strings
from .metadata import (
    CHANNEL_ATTR,
    FROM_SETTINGS,
    JSON,
    ChannelDoc,
    EnvelopeKey,
    OperationDoc,
    Pending,
    declare_on_class,
    is_json,
    own_records,
)

T = TypeVar("T")
C = TypeVar("C", bound=type)

ACTION_PREFIX = "handle_"
_CONTENT_TYPE = re.compile(r"^[A-Za-z0-9][\w.+-]*/[A-Za-z0-9][\w.+-]*(\s*;.*)?$")


def document_action(
    summary: str = "",
    description: str = "",
    payload: Any = None,
    responses: Mapping[str, Any] | None = None,
    examples: list[dict[str, Any]] | None = None,
    tags: list[str] | None = None,
    action: str | None = None,
    deprecated: bool = False,
    content_type: str = JSON,
    correlation_id: str | None = None,
) -> Callable[[T], T]:
    """Document a client → server action, on its handler method or on the consumer class."""
    if callable(summary):
        raise TypeError(
            f"{_location(summary)}: @document_action needs parentheses: @document_action(...)."
        )

    def decorate(target: T) -> T:
        _require_target(target, "document_action")
        where = _location(target)
        if isinstance(target, type) and action is None:
            raise ValueError(
                f"{where}: @document_action on a class documents an action without a handler "
                "method, so it needs the action's name: @document_action(action='<name>', ...)."
            )
        name = action if action is not None else _action_name(target)
        if not isinstance(name, str) or not name.strip():
            raise ValueError(
                f"{where}: the action name is empty. Name the method handle_<action> "
                "or pass action='<name>' to @document_action."
            )
        media = _content_type(content_type, where)
        body = _payload(payload, where, "payload", media)
        doc = OperationDoc(
            kind="action",
            name=name,
            method=None,
            location=where,
            summary=_text(summary, "summary", where),
            description=_text(description, "description", where),
            payload=body,
            responses=_responses(responses, where),
            examples=_examples(examples, where, media),
            tags=_tags(tags, where),
            deprecated=require_bool(deprecated, "deprecated", where),
            content_type=media,
            correlation_id=_correlation_id(correlation_id, where, media, body),
        )
        return _attach(target, doc)

    return decorate


def document_event(
    event_type: str,
    summary: str = "",
    description: str = "",
    payload: Any = None,
    examples: list[dict[str, Any]] | None = None,
    tags: list[str] | None = None,
    deprecated: bool = False,
    content_type: str = JSON,
) -> Callable[[T], T]:
    """Document a server → client event, on its handler method or on the consumer class."""

    def decorate(target: T) -> T:
        _require_target(target, "document_event")
        where = _location(target)
        if not isinstance(event_type, str) or not event_type.strip():
            raise ValueError(
                f"{where}: event_type must be a non-empty string such as 'ride.offer', "
                f"not {event_type!r}."
            )
        media = _content_type(content_type, where)
        doc = OperationDoc(
            kind="event",
            name=event_type,
            method=None,
            location=where,
            summary=_text(summary, "summary", where),
            description=_text(description, "description", where),
            payload=_payload(payload, where, "payload", media),
            examples=_examples(examples, where, media),
            tags=_tags(tags, where),
            deprecated=require_bool(deprecated, "deprecated", where),
            content_type=media,
        )
        return _attach(target, doc)

    if callable(event_type) and not isinstance(event_type, str):
        # @document_event used without arguments: report it instead of wrapping oddly.
        raise TypeError(
            f"{_location(event_type)}: @document_event needs an event type, e.g. "
            "@document_event('ride.offer')."
        )
    return decorate


def _location(target: Any) -> str:
    inner = target.func if isinstance(target, Pending) else target
    inner = getattr(inner, "__func__", inner)
    return getattr(inner, "__qualname__", repr(inner))


def _attach(target: T, doc: OperationDoc) -> T:
    """Record ``doc``: on the class right away, on a method once its class exists."""
    if isinstance(target, type):
        _check_twice(doc, own_records(target), doc.location, True)
        declare_on_class(target, doc)
        return target
    if isinstance(target, Pending):
        _check_twice(doc, target.docs, doc.location, False)
        # Decorators apply bottom-up; keep the records in the order they are written.
        target.docs = (doc, *target.docs)
        return target
    if not callable(getattr(target, "__func__", target)):
        raise TypeError(
            f"{doc.location}: the documentation decorators apply to consumer methods and "
            "consumer classes."
        )
    return Pending(target, (doc,))  # type: ignore[return-value]


def _check_twice(
    doc: OperationDoc, others: Sequence[OperationDoc], where: str, on_class: bool
) -> None:
    for other in others:
        if (other.kind, other.name) != (doc.kind, doc.name):
            continue
        if other.method is None:
            also = "on the class" if on_class else "on the same method"
        elif doc.kind == "action":
            also = f"on {where}.{other.method}"
        else:
            continue  # an event both handled by a method and sent elsewhere: the builder warns
        raise ValueError(
            f"{where}: {doc.kind} {doc.name!r} is documented twice (it is already documented "
            f"{also}); a consumer documents each {doc.kind} once. Remove one, or rename it."
        )


def _require_target(target: Any, decorator: str) -> None:
    """A consumer class, or a function or method: ``@document_action()(5)`` is a mistake."""
    if not isinstance(target, type | Pending) and not callable(getattr(target, "__func__", target)):
        raise TypeError(
            f"@{decorator}: the documentation decorators apply to consumer methods and "
            f"consumer classes (def handle_x(self, ...) or a consumer class), not {target!r}."
        )


def _action_name(func: Any) -> str:
    name: str = getattr(func, "__func__", func).__name__
    return name[len(ACTION_PREFIX) :] if name.startswith(ACTION_PREFIX) else name


def _text(value: Any, arg: str, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where}: {arg} must be a string, not {type(value).__name__}.")
    return value


def _content_type(value: Any, where: str) -> str:
    if not isinstance(value, str) or not _CONTENT_TYPE.match(value.strip()):
        raise ValueError(
            f"{where}: content_type must be a media type such as 'application/json', "
            f"'text/plain' or 'application/octet-stream', not {value!r}."
        )
    return value.strip()


def _payload(value: Any, where: str, arg: str, media: str = JSON) -> Any:
    from .schema import is_supported

    if not is_supported(value):
        raise TypeError(
            f"{where}: unsupported {arg} {value!r}. Use None, a JSON Schema dict, a DRF "
            "serializer, a Pydantic model, a dataclass, a TypedDict or a type hint, or "
            "register a converter with channels_spectacular.schema.register_converter()."
        )
    if not is_json(media) and not is_string_payload(value):
        frames = "plain-text" if media.startswith("text/") else "binary"
        raise TypeError(
            f"{where}: content_type={media!r} describes {frames} frames, so the {arg} must be "
            "None, str, bytes, a Literal of strings or a JSON Schema of type 'string' (e.g. "
            f"{{'type': 'string', 'const': 'ping'}}), not {value!r}."
        )
    return value


def is_string_payload(value: Any) -> bool:
    """A payload a text or binary frame can carry: the whole frame is one string."""
    from typing import Literal, get_args, get_origin

    if value is None or value in (str, bytes, bytearray):
        return True
    if get_origin(value) is Literal:
        return all(isinstance(v, str) for v in get_args(value))
    if isinstance(value, Mapping):
        if "type" in value:
            return value["type"] == "string"
        options = [value["const"]] if "const" in value else value.get("enum") or []
        return bool(options) and all(isinstance(v, str) for v in options)
    return False


def _correlation_id(value: Any, where: str, media: str, payload: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip("/ "):
        raise ValueError(
            f"{where}: correlation_id must name the payload field the responses echo, "
            f"e.g. correlation_id='request_id', not {value!r}."
        )
    if not is_json(media):
        raise ValueError(
            f"{where}: correlation_id={value!r} needs JSON frames; a {media!r} frame has no "
            "fields to echo."
        )
    field_name = value.strip("/").split("/", 1)[0]
    properties = payload.get("properties") if isinstance(payload, Mapping) else None
    if payload is None or (isinstance(properties, Mapping) and field_name not in properties):
        known = ", ".join(sorted(properties or {})) or "none"
        raise ValueError(
            f"{where}: correlation_id={value!r} is not a field of the payload (fields: "
            f"{known}). Name the field the client sends and the server echoes back."
        )
    return value.strip("/")


def _responses(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise TypeError(
            f"{where}: responses must be a mapping of event type to payload, e.g. "
            "{'ride.requested': RideSerializer}, not "
            f"{type(value).__name__}."
        )
    out = {}
    for event_type, payload in value.items():
        if not isinstance(event_type, str) or not event_type.strip():
            raise ValueError(
                f"{where}: responses keys must be non-empty event type strings, not {event_type!r}."
            )
        out[event_type] = _payload(payload, where, f"payload for response {event_type!r}")
    return out


def _examples(value: Any, where: str, media: str = JSON) -> tuple[dict[str, Any], ...]:
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise TypeError(
            f"{where}: examples must be a list of dicts like "
            "[{'name': 'Cash', 'payload': {...}}], not "
            f"{type(value).__name__}."
        )
    for i, example in enumerate(value):
        if not isinstance(example, Mapping) or "payload" not in example:
            raise ValueError(
                f"{where}: examples[{i}] must be a dict with a 'payload' key "
                "(and optional 'name' and 'summary')."
            )
        unknown = set(example) - {"name", "summary", "payload", "headers"}
        if unknown:
            raise ValueError(
                f"{where}: examples[{i}] has unknown key(s) {sorted(unknown)}; "
                "use 'name', 'summary' and 'payload'."
            )
        if not is_json(media) and not isinstance(example["payload"], str):
            raise ValueError(
                f"{where}: examples[{i}]['payload'] must be the frame as a string for "
                f"content_type={media!r}, e.g. {{'payload': 'ping'}}."
            )
        problem = json_problem(example.get("payload"), f"examples[{i}]['payload']")
        if problem:
            raise ValueError(f"{where}: {problem}.")
    return tuple(dict(example) for example in value)


def _tags(value: Any, where: str) -> tuple[str, ...]:
    return require_strings(value, "tags", where)


def document_channel(
    title: str = "",
    summary: str = "",
    description: str = "",
    tags: list[str] | None = None,
    external_docs: Mapping[str, Any] | None = None,
    security: list[Any] | None = None,
    bindings: Mapping[str, Any] | None = None,
    action_key: EnvelopeKey = FROM_SETTINGS,
    event_key: EnvelopeKey = FROM_SETTINGS,
) -> Callable[[C], C]:
    """Document a consumer class as a channel: what it is, how to authenticate, its envelope.

    ``action_key``/``event_key`` name the field that says what a client/server frame is
    (``ACTION_KEY``/``EVENT_KEY`` when not given); ``None``: the frames carry no such field.
    """

    def decorate(cls: C) -> C:
        where = getattr(cls, "__qualname__", repr(cls))
        if not isinstance(cls, type):
            raise TypeError(f"{where}: @document_channel decorates consumer classes.")
        doc = ChannelDoc(
            location=where,
            title=_text(title, "title", where),
            summary=_text(summary, "summary", where),
            description=_text(description, "description", where),
            tags=_tags(tags, where),
            external_docs=_external_docs(external_docs, where),
            security=_security(security, where),
            bindings=_bindings(bindings, where),
            action_key=_envelope_key(action_key, "action_key", where),
            event_key=_envelope_key(event_key, "event_key", where),
        )
        setattr(cls, CHANNEL_ATTR, doc)
        return cls

    if isinstance(title, type):
        raise TypeError(
            f"{title.__qualname__}: @document_channel needs parentheses: @document_channel(...)."
        )
    return decorate


def _envelope_key(value: Any, arg: str, where: str) -> EnvelopeKey:
    if value is None or value is FROM_SETTINGS:
        return value
    if not isinstance(value, str) or not value.strip() or value != value.strip():
        raise ValueError(
            f"{where}: {arg} must be the name of the frame field that says what the frame is "
            f"(e.g. {arg}='type'), or None when the frames carry no such field; not {value!r}."
        )
    return value


def _external_docs(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping) or not isinstance(value.get("url"), str):
        raise TypeError(
            f"{where}: external_docs must be a dict with a 'url' (and optional 'description')."
        )
    return dict(value)


def _security(value: Any, where: str) -> tuple[Any, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise TypeError(
            f"{where}: security must be a list of security scheme names (from the "
            "SECURITY_SCHEMES setting) or AsyncAPI security scheme dicts, e.g. ['session']."
        )
    for item in value:
        if not isinstance(item, str | Mapping):
            raise TypeError(
                f"{where}: security entries must be scheme names or dicts, not {item!r}."
            )
        if isinstance(item, Mapping) and "type" not in item:
            raise ValueError(f"{where}: security scheme dicts need a 'type', e.g. 'httpApiKey'.")
    return tuple(dict(i) if isinstance(i, Mapping) else i for i in value)


WS_BINDING_KEYS = {"method", "query", "headers", "bindingVersion"}


def _bindings(value: Any, where: str) -> dict[str, Any] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise TypeError(f"{where}: bindings must be a dict like {{'ws': {{'query': {{...}}}}}}.")
    ws = value.get("ws", {})
    unknown = set(ws) - WS_BINDING_KEYS if isinstance(ws, Mapping) else None
    if unknown is None or unknown:
        raise ValueError(
            f"{where}: bindings['ws'] takes only {sorted(WS_BINDING_KEYS)}; got {ws!r}."
        )
    if ws.get("method") not in (None, "GET", "POST"):
        raise ValueError(f"{where}: bindings['ws']['method'] must be 'GET' or 'POST'.")
    for part in ("query", "headers"):
        schema = ws.get(part)
        if schema is not None and (
            not isinstance(schema, Mapping) or schema.get("type") != "object"
        ):
            raise ValueError(
                f"{where}: bindings['ws'][{part!r}] must be an object schema with "
                "'type': 'object' and 'properties'."
            )
    return dict(value)
