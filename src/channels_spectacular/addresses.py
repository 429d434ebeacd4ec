"""Channel addresses and their ``{name}`` placeholders: one rule for every reader.

A placeholder never contains ``/``: it stands for one path segment, as in Channels routes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["PLACEHOLDER", "has_placeholder", "matches", "placeholders", "template_path"]

PLACEHOLDER = re.compile(r"\{([^{}/]+)\}")


def placeholders(address: str) -> list[str]:
    """The ``{name}`` parameters of an address, in order."""
    return PLACEHOLDER.findall(address)


def has_placeholder(segment: str) -> bool:
    """True when a piece of an address holds a placeholder."""
    return PLACEHOLDER.search(segment) is not None


def matches(address: Any, path: str) -> bool:
    """True when a concrete path (``/ws/rides/42/?t=x``) fits an address template."""
    if not isinstance(address, str):
        return False
    path = path.split("?", 1)[0].strip("/")
    pieces = PLACEHOLDER.split(address.strip("/"))[::2]  # the text between placeholders
    pattern = "[^/]+".join(re.escape(p) for p in pieces)
    return re.fullmatch(pattern, path) is not None


def template_path(path: str, url_kwargs: Mapping[str, Any] | None) -> str:
    """``/ws/rides/42/`` with ``{"ride_id": 42}`` → ``/ws/rides/{ride_id}/`` (for naming)."""
    path = path.split("?", 1)[0]
    if not url_kwargs:
        return path
    values = {str(v): k for k, v in url_kwargs.items()}
    segments = [("{" + values[s] + "}") if s in values else s for s in path.split("/")]
    return "/".join(segments)
