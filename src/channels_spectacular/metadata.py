"""Records made by the decorators, kept per class, and collecting them along a consumer's MRO.

Documentation belongs to the class that declared it. A decorated method is held by a
``Pending`` wrapper until its class is created; ``__set_name__`` then moves the records to
that class and puts the plain function back. A function several classes share (Channels'
own ``send_json``, a mixin's helper) therefore never carries documentation itself, and a
consumer sees only what its own classes declared.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

# Per-class records: a tuple of OperationDoc in the declaring class's own __dict__.
ATTR = "_channels_spectacular"
# The attribute that carries channel-level documentation on a consumer class.
CHANNEL_ATTR = "_channels_spectacular_channel"

JSON: Final = "application/json"
TEXT: Final = "text/plain"
BINARY: Final = "application/octet-stream"

Kind = Literal["action", "event"]


class FromSettings:
    """The envelope key a consumer did not choose: ``ACTION_KEY``/``EVENT_KEY`` apply."""

    def __repr__(self) -> str:
        return "<from settings>"


FROM_SETTINGS: Final = FromSettings()
EnvelopeKey = str | None | FromSettings


@dataclass(frozen=True)
class OperationDoc:
    """What one decorator said about one message of a consumer."""

    kind: Kind
    name: str  # the wire name: action name or event type
    method: str | None  # attribute name on the class; None when documented on the class
    location: str  # "RideConsumer.handle_request_ride" (or "RideConsumer"), for messages
    summary: str = ""
    description: str = ""
    payload: Any = None
    responses: Mapping[str, Any] = field(default_factory=dict)
    examples: tuple[Mapping[str, Any], ...] = ()
    tags: tuple[str, ...] = ()
    deprecated: bool = False
    content_type: str = JSON
    correlation_id: str | None = None  # payload field echoed in the responses

    @property
    def on_class(self) -> bool:
        """True for a message documented on the consumer class, without a handler method."""
        return self.method is None

    @property
    def is_json(self) -> bool:
        """True when the frame is a JSON text frame (the only kind with an envelope)."""
        return is_json(self.content_type)

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
    action_key: EnvelopeKey = FROM_SETTINGS
    event_key: EnvelopeKey = FROM_SETTINGS


@functools.lru_cache(maxsize=256)  # a project has a handful of media types, asked per message
def is_json(content_type: str) -> bool:
    """``application/json`` and ``application/<x>+json``."""
    media = content_type.split(";", 1)[0].strip().lower()
    return media == JSON or (media.startswith("application/") and media.endswith("+json"))


# -- from the decorator to the class ---------------------------------------------------------


class Pending:
    """A decorated method until its class exists; then its records move to that class."""

    def __init__(self, func: Any, docs: tuple[OperationDoc, ...]) -> None:
        functools.update_wrapper(self, func)
        self.func = func
        self.docs = docs
        if inspect.iscoroutinefunction(getattr(func, "__func__", func)):
            # Decorators stacked above this one (async detection) still see a coroutine.
            mark = getattr(inspect, "markcoroutinefunction", None)
            if mark is not None:
                mark(self)
            self._is_coroutine = getattr(asyncio.coroutines, "_is_coroutine", None)

    def __set_name__(self, owner: type, name: str) -> None:
        declare(owner, [replace(d, method=name) for d in self.docs])
        # CPython sets names from a copy of the namespace, so replacing the attribute is safe.
        setattr(owner, name, self.func)

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        # Only reached when the wrapper was assigned after the class was created.
        getter = getattr(self.func, "__get__", None)
        return getter(instance, owner) if getter is not None else self.func

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.func(*args, **kwargs)


def pending(value: Any) -> Pending | None:
    """The ``Pending`` wrapper a class attribute is or wraps (``functools.wraps`` chain)."""
    seen = 0
    while value is not None and seen < 20:
        if isinstance(value, Pending):
            return value
        value = getattr(value, "__wrapped__", None)
        seen += 1
    return None


def declare(owner: type, docs: list[OperationDoc]) -> None:
    """Record method-level ``docs`` on ``owner``, after what it already declares."""
    setattr(owner, ATTR, (*own_records(owner), *docs))


def declare_on_class(cls: type, doc: OperationDoc) -> None:
    """Record a class-level ``doc`` first: stacked class decorators apply bottom-up."""
    own = own_records(cls)
    on_class = tuple(d for d in own if d.on_class)
    methods = tuple(d for d in own if not d.on_class)
    setattr(cls, ATTR, (doc, *on_class, *methods))


def own_records(klass: type) -> tuple[OperationDoc, ...]:
    """The records ``klass`` itself declared (never inherited ones)."""
    records = vars(klass).get(ATTR, ())
    if not isinstance(records, tuple):
        return ()
    return tuple(d for d in records if isinstance(d, OperationDoc))


class same_records:
    """Within this block a class's records are read once: a build asks several times.

    The document builder, the envelope and the adoption checks each collect a consumer's
    records; classes do not change while one document is built, so the first answer is
    kept until the outermost block ends (per thread: builds may run side by side).
    """

    __slots__ = ("outer",)

    def __enter__(self) -> None:
        self.outer = getattr(_memo, "records", None)
        if self.outer is None:
            _memo.records = {}

    def __exit__(self, *exc: object) -> None:
        if self.outer is None:
            _memo.records = None


_memo = threading.local()


def declared_operations(klass: type) -> tuple[OperationDoc, ...]:
    """What ``klass`` itself declares: its records plus wrappers assigned after creation."""
    memo = getattr(_memo, "records", None)
    if memo is None:
        return _declared_operations(klass)
    key = ("declared", klass)
    found: tuple[OperationDoc, ...] | None = memo.get(key)
    if found is None:
        found = memo[key] = _declared_operations(klass)
    return found


def _declared_operations(klass: type) -> tuple[OperationDoc, ...]:
    late = [
        replace(d, method=name)
        for name, value in vars(klass).items()
        if (wrapper := pending(value)) is not None
        for d in wrapper.docs
    ]
    return (*own_records(klass), *late)


def get_doc(value: Any) -> OperationDoc | None:
    """The first record of a decorated function whose class does not exist yet, if any.

    Records live on classes (``declared_operations``); placed methods carry none.
    """
    wrapper = pending(value)
    return wrapper.docs[0] if wrapper is not None and wrapper.docs else None


# -- collecting ---------------------------------------------------------------------------------


def collect_operations(consumer: type) -> list[OperationDoc]:
    """Documented messages of ``consumer``: base-class order first, a subclass override wins.

    Records of one method (or of one class-level message) are replaced together when a
    subclass documents the same method (or message) again. An undecorated override keeps
    the documentation of the method it overrides, so subclassing a documented consumer never
    silently drops operations.
    """
    memo = getattr(_memo, "records", None)
    if memo is None:
        return _collect_operations(consumer)
    key = ("collected", consumer)
    found: list[OperationDoc] | None = memo.get(key)
    if found is None:
        found = memo[key] = _collect_operations(consumer)
    return list(found)


def _collect_operations(consumer: type) -> list[OperationDoc]:
    declaring = [d for d in map(declared_operations, reversed(consumer.__mro__)) if d]
    if len(declaring) == 1 and _one_per_slot(declaring[0]):
        # One class declares, one record per slot (the usual consumer): nothing to replace
        # or regroup, only records to report at the consumer (each build asks per consumer).
        return [_relocate(doc, consumer) for doc in declaring[0]]
    order: list[tuple[Any, ...]] = []
    found: dict[tuple[Any, ...], list[OperationDoc]] = {}
    for docs in declaring:
        fresh: set[tuple[Any, ...]] = set()
        for doc in docs:
            key = _slot(doc)
            if key not in found:
                order.append(key)
            if key not in fresh:
                found[key] = []
                fresh.add(key)
            found[key].append(_relocate(doc, consumer))
    return [doc for key in order for doc in found[key]]


def _one_per_slot(docs: tuple[OperationDoc, ...]) -> bool:
    """No two records of ``docs`` share a slot (see ``_slot``)."""
    methods = [doc.method for doc in docs]
    if None not in methods:
        return len(set(methods)) == len(methods)  # method slots only: their names, at C speed
    return len({_slot(doc) for doc in docs}) == len(docs)


def _slot(doc: OperationDoc) -> tuple[Any, ...]:
    return ("class", doc.kind, doc.name) if doc.method is None else ("method", doc.method)


def _relocate(doc: OperationDoc, consumer: type) -> OperationDoc:
    # Report problems at Consumer.method of the class being documented, not of a base.
    where = consumer.__name__ if doc.method is None else f"{consumer.__name__}.{doc.method}"
    if doc.location == where:
        return doc  # declared on the consumer itself (the common case): frozen, so shared
    # What dataclasses.replace does for a frozen dataclass without __post_init__ or
    # init=False fields, minus re-running __init__: this runs for every record of every
    # consumer on every build.
    moved = object.__new__(type(doc))
    moved.__dict__.update(doc.__dict__)
    moved.__dict__["location"] = where
    return moved


def collect_channel(consumer: type) -> ChannelDoc | None:
    """The nearest ``@document_channel`` record along the MRO, if any."""
    return next(_channel_docs(consumer), None)


def envelope_keys(consumer: type) -> tuple[EnvelopeKey, EnvelopeKey]:
    """(action key, event key) the nearest ``@document_channel`` choosing each one set."""
    action: EnvelopeKey = FROM_SETTINGS
    event: EnvelopeKey = FROM_SETTINGS
    for doc in _channel_docs(consumer):
        if action is FROM_SETTINGS:
            action = doc.action_key
        if event is FROM_SETTINGS:
            event = doc.event_key
    return action, event


def _channel_docs(consumer: type) -> Iterator[ChannelDoc]:
    for klass in inspect.getmro(consumer):
        doc = vars(klass).get(CHANNEL_ATTR)
        if isinstance(doc, ChannelDoc):
            yield doc


def is_documented(consumer: type) -> bool:
    """True when the consumer documents at least one message."""
    return bool(collect_operations(consumer))
