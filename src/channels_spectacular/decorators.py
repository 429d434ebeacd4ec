"""``document_action`` / ``document_event``: check the arguments, record them, nothing more."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .metadata import ATTR, OperationDoc

F = TypeVar("F", bound=Callable[..., Any])

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
            deprecated=bool(deprecated),
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
            deprecated=bool(deprecated),
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
    return tuple(dict(example) for example in value)


def _tags(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str) or not all(isinstance(t, str) for t in value):
        raise TypeError(f"{where}: tags must be a list of strings, e.g. ['rides'].")
    return tuple(value)
