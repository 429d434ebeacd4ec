"""``document_action`` / ``document_event``: check the arguments, record them, nothing more."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .arguments import json_problem, require_bool, require_method, require_strings
from .metadata import ATTR, CHANNEL_ATTR, ChannelDoc, OperationDoc

F = TypeVar("F", bound=Callable[..., Any])
C = TypeVar("C", bound=type)

ACTION_PREFIX = "handle_"


def document_action(
    summary: str = "",
    description: str = "",
    payload: Any = None,
    responses: Mapping[str, Any] | None = None,
    examples: list[dict[str, Any]] | None = None,
    tags: list[str] | None = None,
    action: str | None = None,
    deprecated: bool = False,
) -> Callable[[F], F]:
    """Document a consumer method as a client → server action."""

    def decorate(func: F) -> F:
        require_method(func, "document_action")
        where = _location(func)
        name = action if action is not None else _action_name(func)
        if not isinstance(name, str) or not name:
            raise ValueError(
                f"{where}: the action name is empty. Name the method handle_<action> "
                "or pass action='<name>' to @document_action."
            )
        doc = OperationDoc(
            kind="action",
            name=name,
            method=func.__name__,
            location=where,
            summary=_text(summary, "summary", where),
            description=_text(description, "description", where),
            payload=_payload(payload, where, "payload"),
            responses=_responses(responses, where),
            examples=_examples(examples, where),
            tags=_tags(tags, where),
            deprecated=require_bool(deprecated, "deprecated", where),
        )
        return _attach(func, doc)

    return decorate


def document_event(
    event_type: str,
    summary: str = "",
    description: str = "",
    payload: Any = None,
    examples: list[dict[str, Any]] | None = None,
    tags: list[str] | None = None,
    deprecated: bool = False,
) -> Callable[[F], F]:
    """Document a consumer method as a server → client event handler."""

    def decorate(func: F) -> F:
        require_method(func, "document_event")
        where = _location(func)
        if not isinstance(event_type, str) or not event_type.strip():
            raise ValueError(
                f"{where}: event_type must be a non-empty string such as 'ride.offer', "
                f"not {event_type!r}."
            )
        doc = OperationDoc(
            kind="event",
            name=event_type,
            method=func.__name__,
            location=where,
            summary=_text(summary, "summary", where),
            description=_text(description, "description", where),
            payload=_payload(payload, where, "payload"),
            examples=_examples(examples, where),
            tags=_tags(tags, where),
            deprecated=require_bool(deprecated, "deprecated", where),
        )
        return _attach(func, doc)

    if callable(event_type) and not isinstance(event_type, str):
        # @document_event used without arguments: report it instead of wrapping oddly.
        raise TypeError(
            f"{_location(event_type)}: @document_event needs an event type, e.g. "
            "@document_event('ride.offer')."
        )
    return decorate


def _location(func: Any) -> str:
    inner = getattr(func, "__func__", func)
    return getattr(inner, "__qualname__", repr(inner))


def _attach(func: F, doc: OperationDoc) -> F:
    target = getattr(func, "__func__", func)
    if not callable(target):
        raise TypeError(f"{doc.location}: the documentation decorators apply to methods.")
    setattr(target, ATTR, doc)
    return func


def _action_name(func: Any) -> str:
    name: str = getattr(func, "__func__", func).__name__
    return name[len(ACTION_PREFIX) :] if name.startswith(ACTION_PREFIX) else name


def _text(value: Any, arg: str, where: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{where}: {arg} must be a string, not {type(value).__name__}.")
    return value


def _payload(value: Any, where: str, arg: str) -> Any:
    from .schema import is_supported

    if not is_supported(value):
        raise TypeError(
            f"{where}: unsupported {arg} {value!r}. Use None, a JSON Schema dict, a DRF "
            "serializer, a Pydantic model, a dataclass, a TypedDict or a type hint, or "
            "register a converter with channels_spectacular.schema.register_converter()."
        )
    return value


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


def _examples(value: Any, where: str) -> tuple[dict[str, Any], ...]:
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
) -> Callable[[C], C]:
    """Document a consumer class as a channel: what it is, how to authenticate, bindings."""

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
        )
        setattr(cls, CHANNEL_ATTR, doc)
        return cls

    if isinstance(title, type):
        raise TypeError(
            f"{title.__qualname__}: @document_channel needs parentheses: @document_channel(...)."
        )
    return decorate


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
