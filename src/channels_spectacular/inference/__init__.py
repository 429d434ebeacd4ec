"""Inference: a first draft of the documentation of undecorated consumers.

Read-only and static: the source of a consumer's own classes is parsed (nothing of the
project runs beyond the import that made the class). The result is a plain model
(:class:`InferredConsumer`) that :mod:`.records` turns into the same metadata records the
decorators make, and that ``manage.py asyncapi_scaffold`` turns into decorator code.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from weakref import WeakKeyDictionary

from .model import InferredConsumer, InferredMessage

__all__ = ["InferredConsumer", "InferredMessage", "clear_caches", "infer"]

# Per class: a class's source does not change while it exists (a reload makes a new class).
_cache: WeakKeyDictionary[type, dict[str | None, InferredConsumer]] = WeakKeyDictionary()


def infer(consumer: type, default_action_key: str | None = "action") -> InferredConsumer:
    """What ``consumer`` receives and sends, from its framework or its source."""
    # A consumer declared without a discriminator still has its dispatch read by the usual key.
    default_action_key = default_action_key or "action"
    per_key = _cache.setdefault(consumer, {})
    # Under None: a result that did not depend on the default key (nearly every consumer), so
    # asking again with the consumer's own key reads the source no second time.
    found = per_key.get(None) or per_key.get(default_action_key)
    if found is None:
        with gc_paused():
            found = _infer(consumer, default_action_key)
        per_key[default_action_key if found.uses_default_key else None] = found
    return found


def clear_caches() -> None:
    """Forget every inferred consumer, module text and base class (a source edited in place)."""
    from . import records, source

    _cache.clear()
    records._PAYLOADS.clear()
    source._modules.clear()
    source._bases.clear()
    source._parse_module.cache_clear()
    source._classes.cache_clear()


@contextmanager
def gc_paused() -> Iterator[None]:
    """No garbage collection while a source is parsed and read.

    A parse makes thousands of AST nodes; each allocation burst triggers collection passes
    over every live object of the project, which cost more than the parse itself. The trees
    hold no reference cycle, so they are freed when the consumer is inferred, before the
    collector runs again: nothing is left for it.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _infer(consumer: type, default_action_key: str) -> InferredConsumer:
    from .dcrf import infer_dcrf, is_dcrf_consumer
    from .static import infer_consumer

    if is_dcrf_consumer(consumer):
        return infer_dcrf(consumer)
    return infer_consumer(consumer, default_action_key)
