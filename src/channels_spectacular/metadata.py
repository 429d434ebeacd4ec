"""Records attached by the decorators, and collecting them along a consumer's MRO."""

from __future__ import annotations

import inspect
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

# The one attribute that carries documentation on a decorated function.
ATTR = "_channels_spectacular"
# The attribute that carries channel-level documentation on a consumer class.
CHANNEL_ATTR = "_channels_spectacular_channel"

Kind = Literal["action", "event"]


@dataclass(frozen=True)
class OperationDoc:
    """What one decorator said about one consumer method."""

    kind: Kind
    name: str  # the wire name: action name or event type
    method: str  # attribute name on the class, e.g. "handle_request_ride"
    location: str  # "RideConsumer.handle_request_ride", for messages
    summary: str = ""
    description: str = ""
    payload: Any = None
    responses: Mapping[str, Any] = field(default_factory=dict)
    examples: tuple[Mapping[str, Any], ...] = ()
    tags: tuple[str, ...] = ()
    deprecated: bool = False
    # Made by inference from the consumer's source, not by a decorator: a draft.
    inferred: bool = False


@dataclass(frozen=True)
class ChannelDoc:
    """What ``@document_channel`` said about a consumer."""

    location: str
    title: str = ""
    summary: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    external_docs: Mapping[str, Any] | None = None
    security: tuple[Any, ...] | None = None
    bindings: Mapping[str, Any] | None = None


def get_doc(func: Any) -> OperationDoc | None:
    """The record on a function (or staticmethod/classmethod wrapper), if any."""
    func = getattr(func, "__func__", func)
    doc = getattr(func, ATTR, None)
    return doc if isinstance(doc, OperationDoc) else None


def collect_operations(consumer: type) -> list[OperationDoc]:
    """Documented methods of ``consumer``: base-class order first, a subclass override wins.

    An undecorated override keeps the documentation of the method it overrides, so
    subclassing a documented consumer never silently drops operations.
    """
    order: list[str] = []
    found: dict[str, OperationDoc] = {}
    for klass in reversed(inspect.getmro(consumer)):
        for attr, value in vars(klass).items():
            doc = get_doc(value)
            if doc is None:
                continue
            if attr not in found:
                order.append(attr)
            found[attr] = _relocate(doc, consumer)
    return [found[attr] for attr in order]


def _relocate(doc: OperationDoc, consumer: type) -> OperationDoc:
    # Report problems at Consumer.method of the class being documented, not of a base.
    from dataclasses import replace

    return replace(doc, location=f"{consumer.__name__}.{doc.method}")


def collect_channel(consumer: type) -> ChannelDoc | None:
    """The nearest ``@document_channel`` record along the MRO, if any."""
    for klass in inspect.getmro(consumer):
        doc = vars(klass).get(CHANNEL_ATTR)
        if isinstance(doc, ChannelDoc):
            return doc
    return None


def is_documented(consumer: type) -> bool:
    """True when the consumer has at least one documented method."""
    return bool(collect_operations(consumer))
