"""AsyncAPI 3.0 specs and live docs for Django Channels WebSocket consumers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["AsyncAPIGenerator", "document_action", "document_channel", "document_event"]

if TYPE_CHECKING:
    from .decorators import document_action, document_channel, document_event
    from .generator import AsyncAPIGenerator

_LAZY = {
    "AsyncAPIGenerator": "generator",
    "document_action": "decorators",
    "document_event": "decorators",
    "document_channel": "decorators",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `import channels_spectacular` stays cheap and imports no Django, yaml,
    # DRF or pydantic until a name is used.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'channels_spectacular' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{module}", __name__), name)
