"""Inferred messages → the metadata records the decorators make (``OperationDoc``).

The one place inference joins the flow: the document builder collects a consumer's
records through :func:`operation_collector`, so inferred messages go through the same
conversion, naming and building as decorated ones. Decorators always win for a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..metadata import OperationDoc, collect_operations
from ..schema.composite import Composite
from ..settings import on_reload
from .model import JSON, InferredConsumer, InferredMessage

if TYPE_CHECKING:
    from ..config import Envelope
    from ..diagnostics import Diagnostics

Collector = Callable[[type, "Envelope"], list[OperationDoc]]
# INFERENCE setting values: off, undecorated consumers only, or also gaps of decorated ones.
MODES = (False, True, "merge")


def operation_collector(mode: Any, diagnostics: Diagnostics | None = None) -> Collector:
    """Collects a consumer's records, adding inferred ones as the ``INFERENCE`` mode says."""
    check_mode(mode)

    def collect(consumer: type, envelope: Envelope) -> list[OperationDoc]:
        docs = collect_operations(consumer)
        if mode is False or (docs and mode != "merge"):
            return docs
        try:
            inferred, left_out = inferred_operations(consumer, envelope, docs)
        except Exception as exc:  # a draft must never stop the document (or the project)
            if diagnostics is not None:
                diagnostics.warn(
                    consumer.__name__,
                    f"inference could not read its source ({type(exc).__name__}: {exc}); "
                    "document it with decorators, or set INFERENCE to False.",
                    code="inference-failed",
                )
            return docs
        if left_out and diagnostics is not None:
            diagnostics.info(
                consumer.__name__,
                f"inferred messages {left_out} are not documented: they are JSON frames "
                f"without the discriminator the consumer's other frames carry (its keys are "
                f"{envelope.action_key!r} for actions, {envelope.event_key!r} for events), and "
                "one channel's frames of a direction either all carry it or none do. Document "
                f"them with decorators (manage.py asyncapi_scaffold "
                f"{consumer.__module__}.{consumer.__qualname__} prints a draft).",
                code="inferred-left-out",
            )
        return docs + inferred

    return collect


MODE_ERROR = "must be True, False or 'merge'"


def valid_mode(mode: Any) -> bool:
    """True for the ``INFERENCE`` values (True and False themselves, not 1 and 0)."""
    return any(mode is m or (isinstance(m, str) and mode == m) for m in MODES)


def check_mode(mode: Any) -> None:
    if not valid_mode(mode):
        raise ValueError(f"CHANNELS_SPECTACULAR_SETTINGS['INFERENCE'] {MODE_ERROR}, not {mode!r}.")


def inferred_operations(
    consumer: type, envelope: Envelope, decorated: list[OperationDoc]
) -> tuple[list[OperationDoc], list[str]]:
    """Records for the inferred messages the current envelope can express, and the others."""
    from . import infer

    model = infer(consumer, envelope.action_key)
    taken = {(d.kind, d.name) for d in decorated}
    events: dict[str, OperationDoc] = {}
    left_out: list[str] = []
    for message in model.events:
        if not expressible(message, envelope.event_key):
            left_out.append(message.name)
        elif ("event", message.name) not in taken:
            events[message.name] = record(model, message, "event", {})
    actions = []
    for message in model.actions:
        if not expressible(message, envelope.action_key):
            left_out.append(message.name)
        elif ("action", message.name) not in taken:
            decorated_events = {d.name for d in decorated if d.kind == "event"}
            answers = {r: None for r in message.replies if r in events or r in decorated_events}
            actions.append(record(model, message, "action", answers))
    return actions + list(events.values()), left_out


def expressible(message: InferredMessage, key: str | None) -> bool:
    """True when the envelope can carry ``message``: a text or binary frame (no envelope),
    a JSON object whose discriminator is ``key``, or when ``key`` is None (the frame is the
    payload itself) one without a discriminator or a bare array."""
    if message.content_type != JSON:
        return True
    if not message.is_object:
        return key is None
    return message.discriminator == key


def record(
    model: InferredConsumer, message: InferredMessage, kind: str, responses: dict[str, Any]
) -> OperationDoc:
    """The ``OperationDoc`` a decorator would have made for ``message``, marked inferred."""
    consumer = model.consumer.__name__
    method = message.method or "receive_json"
    return OperationDoc(
        kind=kind,  # type: ignore[arg-type]
        name=message.name,
        method=method,
        location=f"{consumer}.{method}",
        description=describe(model, message),
        payload=payload_of(message),
        responses=responses,
        content_type=message.content_type,
        # The decorators put the echoed field on the action; its replies get it from there.
        correlation_id=message.correlation_id if kind == "action" else None,
        inferred=True,
    )


# One payload object per inferred message: message keys are decided per payload identity,
# so a fresh object on every collection would name the same draft differently in the
# project's naming pass and in the document. The message is kept with its payload so its
# id cannot be reused while the entry exists.
_PAYLOADS: dict[int, tuple[InferredMessage, Composite]] = {}
on_reload(_PAYLOADS.clear)


def payload_of(message: InferredMessage) -> Composite:
    """The payload of ``message``'s record, the same object for every collection."""
    entry = _PAYLOADS.get(id(message))
    if entry is None or entry[0] is not message:
        entry = _PAYLOADS[id(message)] = (message, Composite(message.payload_schema()))
    return entry[1]


def describe(model: InferredConsumer, message: InferredMessage) -> str:
    """The draft's text: where it was inferred from and how to make it a real document."""
    decorator = "@document_action" if message.direction == "receive" else "@document_event"
    where = f" ({message.source.replace(':', ', line ')})" if message.source else ""
    origin = (
        "from its djangochannelsrestframework action"
        if model.framework
        else f"from the source of `{model.consumer.__name__}.{message.method}`{where}"
    )
    text = f"Inferred {origin}. A draft: check it, then document it with {decorator}."
    if message.correlation_id:
        text += f" `{message.correlation_id}` is echoed in the reply."
    return text


def inferred_envelope(consumer: type, envelope: Envelope, mode: Any) -> Envelope:
    """``envelope`` with the discriminator keys an undecorated consumer's code uses.

    Decorated consumers keep the keys their decorators were written for. For a draft, a
    direction whose JSON frames carry no discriminator gets ``None`` (frames told apart by
    shape, as ``@document_channel(action_key=None)`` says); a direction without JSON
    frames keeps the project-wide key, which none of its frames use.
    """
    if not valid_mode(mode) or mode is False or collect_operations(consumer):
        return envelope
    from dataclasses import replace

    from . import infer

    try:
        model = infer(consumer, envelope.action_key)
    except Exception:  # reported by the collector; the keys stay the project's
        return envelope
    keys = model.json_keys()
    return replace(
        envelope,
        action_key=keys.get("receive", envelope.action_key),
        event_key=keys.get("send", envelope.event_key),
    )


def has_draft(consumer: type) -> bool:
    """True when inference (if on) documents something of an undecorated ``consumer``."""
    from ..config import envelope_for, inference_mode

    mode = inference_mode()
    check_mode(mode)
    if mode is False:
        return False
    try:
        return bool(inferred_operations(consumer, envelope_for(consumer), [])[0])
    except Exception:  # discovery must never stop on a consumer it cannot read
        return False
