"""JSON pointers (RFC 6901) inside one document: build, escape, resolve, follow ``$ref``s.

The one home for pointer rules: the builder writes refs with :func:`ref`, and everything
that reads a document (contract checking, validation, docs summaries) resolves them here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "MISSING",
    "child",
    "escape",
    "follow",
    "last_token",
    "pointer",
    "ref",
    "resolve",
    "unescape",
]

MISSING: Any = object()  # what resolve() returns for a pointer that leads nowhere


def escape(token: str) -> str:
    """One reference token: ``~`` → ``~0``, ``/`` → ``~1``."""
    return token.replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    """The raw key of one reference token."""
    return token.replace("~1", "/").replace("~0", "~") if "~" in token else token


def pointer(*tokens: str) -> str:
    """A ``#/a/b`` pointer from raw tokens, each escaped."""
    # Every message, operation and channel builds several pointers, and their tokens almost
    # never hold '~' or '/': joined as they are when the joined text says so (C-speed).
    joined = "/".join(tokens)
    if "~" not in joined and joined.count("/") == len(tokens) - 1:
        return "#/" + joined
    return "#/" + "/".join([escape(t) for t in tokens])


def child(target: str, token: str) -> str:
    """The pointer to the raw key ``token`` inside the pointer ``target``."""
    if "~" in token or "/" in token:
        token = escape(token)
    return f"{target}/{token}"


def ref(*tokens: str) -> dict[str, str]:
    """A ``{"$ref": ...}`` object pointing at ``tokens`` inside the document."""
    return {"$ref": pointer(*tokens)}


def last_token(target: str) -> str:
    """The key a pointer ends at: ``#/components/messages/a~1b`` → ``a/b``."""
    return unescape(target.rsplit("/", 1)[-1])


def resolve(document: Any, target: str, default: Any = MISSING) -> Any:
    """The value at a local pointer (``#/a/0/b`` or ``/a/0/b``), else ``default``."""
    node = document
    for raw in target.lstrip("#").split("/")[1:]:
        token = unescape(raw)
        if type(node) is dict or isinstance(node, Mapping):
            if token not in node:
                return default
            node = node[token]
        elif type(node) is list and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return default
    return node


def follow(document: Any, node: Any) -> tuple[Any, str]:
    """Where a chain of local ``$ref``s starting at ``node`` ends, and the last pointer on it.

    ``("", node)`` when ``node`` is not a ``$ref``. The walk stops at a ``$ref`` that leaves
    the document or loops, returning the object holding it; a pointer that leads nowhere
    ends the walk at None.
    """
    target, seen = "", set()
    while type(node) is dict or isinstance(node, Mapping):
        inner = node.get("$ref")
        if type(inner) is not str or not inner.startswith("#/") or inner in seen:
            break
        seen.add(inner)
        target = inner
        node = resolve(document, inner, None)
    return node, target
