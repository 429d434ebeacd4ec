"""Adopting the package on an existing project: what is not documented yet, and why.

Nothing here may stop a project from starting: these are warnings for ``manage.py check``
and notes for the ``/ws-docs/`` page, each naming the consumer (and method) at fault.
"""

from __future__ import annotations

import inspect
import types
from dataclasses import dataclass
from typing import Any

from .diagnostics import Diagnostics
from .endpoints import Endpoint
from .metadata import declared_operations
from .settings import on_reload

# The pointer every "not documented yet" message ends with.
HOW_TO = (
    "Decorate a client action handler with @document_action(summary=..., payload=...) "
    "and a group event handler with @document_event('type.name', payload=...) "
    "(from channels_spectacular import document_action, document_event); "
    "see 'Getting started' in the docs."
)


@dataclass(frozen=True)
class Undocumented:
    """A routed consumer without documented methods, for the ``/ws-docs/`` notice."""

    name: str  # dotted path of the consumer class
    address: str


def check_endpoint(endpoint: Endpoint, documented: bool, diagnostics: Diagnostics) -> None:
    """Warnings about one consumer at one address that generation alone would not see."""
    consumer = endpoint.consumer
    if not documented:
        diagnostics.warn(
            consumer.__name__,
            f"has no @document_action or @document_event methods; its channel "
            f"{endpoint.path!r} is documented without messages. {HOW_TO}",
            code="undocumented-consumer",
        )
    routed = endpoint.context.get("routed", 1)
    if routed > 1:
        diagnostics.warn(
            consumer.__name__,
            f"is routed {routed} times at {endpoint.path!r}; only the first route is ever "
            "reached. Remove the duplicate route from the ASGI routing.",
            code="routed-twice",
        )
    for location, kind in decorated_non_methods(consumer):
        diagnostics.warn(
            location,
            f"is a {kind}, not a method: Channels dispatches frames and group events to "
            "instance methods, so this documented handler is never called. Decorate a "
            "plain `def` (or `async def`) method instead.",
            code="decorated-non-method",
        )


def decorated_non_methods(consumer: type) -> list[tuple[str, str]]:
    """``(Class.attr, kind)`` for documented attributes Channels can never call."""
    out = []
    for klass in inspect.getmro(consumer):
        # Records live on the class that declared them; the attribute is the method itself.
        declared = declared_operations(klass)
        if not declared:
            continue  # Channels' own bases, on every consumer of every build
        methods = dict.fromkeys(d.method for d in declared if d.method)
        for attr in methods:
            value = vars(klass).get(attr)
            if value is None or _binds(value):
                continue
            out.append((f"{consumer.__name__}.{attr}", _kind(value)))
    return out


def _binds(value: Any) -> bool:
    """A function, or a descriptor that binds like one (e.g. asgiref's SyncToAsync)."""
    if isinstance(value, types.FunctionType):
        return True
    return not isinstance(value, staticmethod | classmethod | type) and hasattr(
        type(value), "__get__"
    )


def _kind(value: Any) -> str:
    if isinstance(value, staticmethod | classmethod):
        return type(value).__name__
    return f"{type(value).__name__} object"


# The notice is shown on every docs page request: walk the routing once per settings state.
_undocumented: dict[str, tuple[Undocumented, ...]] = {}
on_reload(_undocumented.clear)


def undocumented_consumers() -> list[Undocumented]:
    """Consumers routed in ``ASGI_APPLICATION`` without documented methods (discovery on)."""
    if "all" not in _undocumented:
        _undocumented["all"] = _find_undocumented()
    return list(_undocumented["all"])


def _find_undocumented() -> tuple[Undocumented, ...]:
    from .endpoints import undocumented_endpoints

    try:
        undocumented = undocumented_endpoints()
    except Exception:  # a broken routing is reported by the spec view, not by this notice
        return ()
    return tuple(
        Undocumented(f"{e.consumer.__module__}.{e.consumer.__qualname__}", e.path)
        for e in undocumented
    )


def may_see_details(request: Any) -> bool:
    """Generation errors name code: show them to staff users and under ``DEBUG`` only."""
    from django.conf import settings

    user = getattr(request, "user", None)
    return bool(settings.DEBUG or (user is not None and user.is_active and user.is_staff))


PUBLIC_ERROR = (
    "The WebSocket API documentation cannot be generated right now. "
    "The details are in the server log (logger 'channels_spectacular') and are shown "
    "to staff users."
)
