"""Inference: a first draft of the documentation of undecorated consumers.

Read-only and static: the source of a consumer's own classes is parsed (nothing of the
project runs beyond the import that made the class). The result is a plain model
(:class:`InferredConsumer`) that :mod:`.records` turns into the same metadata records the
decorators make, and that ``manage.py asyncapi_scaffold`` turns into decorator code.
"""

from __future__ import annotations

from .model import InferredConsumer, InferredMessage

__all__ = ["InferredConsumer", "InferredMessage", "infer"]


def infer(consumer: type, default_action_key: str = "action") -> InferredConsumer:
    """What ``consumer`` receives and sends, from its framework or its source."""
    from .static import infer_consumer

    return infer_consumer(consumer, default_action_key)
