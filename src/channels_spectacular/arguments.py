"""Checks of decorator arguments beyond their type hints, each failing with a clear message.

Kept apart from ``decorators.py`` so that module stays about recording.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

__all__ = ["json_problem", "require_bool", "require_strings"]


def require_bool(value: Any, arg: str, where: str) -> bool:
    """True or False only: ``deprecated="no"`` would otherwise mean True."""
    if not isinstance(value, bool):
        raise TypeError(f"{where}: {arg} must be True or False, not {value!r}.")
    return value


def require_strings(value: Any, arg: str, where: str) -> tuple[str, ...]:
    """A list or tuple of strings; a generator or a set would be consumed or reordered."""
    if value is None:
        return ()
    if not isinstance(value, list | tuple) or not all(isinstance(t, str) for t in value):
        raise TypeError(
            f"{where}: {arg} must be a list of strings, e.g. ['rides'], not {type(value).__name__}."
        )
    return tuple(value)


def json_problem(value: Any, path: str = "", depth: int = 0) -> str | None:
    """Where and why ``value`` is not plain JSON (None when it is)."""
    if depth > 200:
        return f"{path or 'the value'} nests more than 200 levels deep"
    if value is None or isinstance(value, str | bool | int):
        return None
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{path or 'the value'} is {value!r}, not JSON"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, str):
                return f"{path or 'the value'} has the key {key!r}; JSON keys are strings"
            problem = json_problem(item, f"{path}[{key!r}]", depth + 1)
            if problem:
                return problem
        return None
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            problem = json_problem(item, f"{path}[{i}]", depth + 1)
            if problem:
                return problem
        return None
    return (
        f"{path or 'the value'} is a {type(value).__name__} ({value!r:.60}), not a JSON value; "
        "use strings, numbers, booleans, None, lists and dicts with string keys"
    )
