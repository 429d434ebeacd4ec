"""Contract testing: a ``WebsocketCommunicator`` that fails when the wire drifts from the spec.

Every text frame a test sends is checked against the channel's documented actions, and
every text frame the consumer sends back against its documented events and replies, with
the generated document's own payload schemas. ``assert_documented`` catches handlers that
were never documented at all.
"""

from __future__ import annotations

import fnmatch
import inspect
import json
from collections.abc import Iterable, Mapping
from typing import Any

from channels.testing import WebsocketCommunicator

from ..config import GenerationConfig, envelope_for
from ..settings import on_reload
from .frames import ChannelContract, Direction, Problem, find_channel

__all__ = [
    "ContractCommunicator",
    "ContractViolation",
    "UndocumentedHandlers",
    "assert_documented",
    "contract_for",
    "handler_names",
    "with_url_route",
]

# Methods of a consumer that are plumbing, not actions or events, even when overridden.
LIFECYCLE = frozenset(
    {"connect", "disconnect", "receive", "receive_json", "send", "send_json", "accept", "close"}
)
LIFECYCLE_PREFIXES = ("websocket_", "http_", "lifespan_")
FRAME_LIMIT = 2000  # characters of a frame shown in a failure message
ARROWS: dict[Direction, str] = {"client": "client → server", "server": "server → client"}


class ContractViolation(AssertionError):
    """A frame on the wire is not what the AsyncAPI document says."""

    def __init__(self, contract: ChannelContract, sender: Direction, problem: Problem, frame: Any):
        self.channel = contract.channel
        self.address = contract.address
        self.sender = sender
        self.message = problem.message
        self.path = problem.path
        self.reason = problem.reason
        self.frame = frame
        super().__init__(self.describe())

    def describe(self) -> str:
        where = f"channel {self.channel!r}" + (f" ({self.address})" if self.address else "")
        lines = [f"Contract violation on {where}, {ARROWS[self.sender]} frame:"]
        if self.message:
            lines.append(f"  message: {self.message}")
        lines += [f"  at:      {self.path}", f"  reason:  {self.reason}"]
        lines.append(f"  frame:   {show_frame(self.frame)}")
        return "\n".join(lines)


class UndocumentedHandlers(AssertionError):
    """``assert_documented`` found handlers without ``@document_action``/``@document_event``."""


def show_frame(frame: Any) -> str:
    """The frame as compact JSON (or repr), cut to ``FRAME_LIMIT`` characters."""
    try:
        text = frame if isinstance(frame, str) else json.dumps(frame, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(frame)
    return text if len(text) <= FRAME_LIMIT else text[:FRAME_LIMIT] + " …"


# -- the communicator -------------------------------------------------------------------------


class ContractCommunicator(WebsocketCommunicator):
    """A ``WebsocketCommunicator`` validating every text frame against the AsyncAPI document.

    ``application`` is a consumer class, ``Consumer.as_asgi()`` or a routed application
    (``URLRouter``, ``ProtocolTypeRouter``, middleware). The document is ``spec`` when
    given (a dict or an ``AsyncAPIGenerator``), else generated for the consumer found at
    ``path``. Binary frames pass unchecked: a JSON document cannot describe them.
    """

    def __init__(
        self,
        application: Any,
        path: str,
        headers: list[tuple[bytes, bytes]] | None = None,
        subprotocols: list[str] | None = None,
        spec_version: int | None = None,
        *,
        consumer: type | None = None,
        spec: Any = None,
        channel: str | None = None,
        channel_path: str | None = None,
        url_kwargs: Mapping[str, Any] | None = None,
        strict: bool = True,
    ) -> None:
        if isinstance(application, type) and hasattr(application, "as_asgi"):
            application = application.as_asgi()
        routed = application
        if url_kwargs is not None:
            application = with_url_route(application, url_kwargs)
        # channels 4.0 has no spec_version parameter: pass it only when one is asked for.
        extra = {} if spec_version is None else {"spec_version": spec_version}
        super().__init__(application, path, headers, subprotocols, **extra)
        self.contract = contract_for(
            routed,
            path,
            consumer=consumer,
            spec=spec,
            channel=channel,
            channel_path=channel_path,
            url_kwargs=url_kwargs,
            strict=strict,
        )

    @property
    def spec(self) -> Mapping[str, Any]:
        """The AsyncAPI document frames are checked against."""
        return self.contract.spec

    def check(self, frame: Any, sender: Direction) -> None:
        """Raise ``ContractViolation`` unless ``frame`` (decoded JSON) is documented."""
        problem = self.contract.check(frame, sender)
        if problem is not None:
            raise ContractViolation(self.contract, sender, problem, frame)

    def check_text(self, text: str, sender: Direction) -> None:
        try:
            frame = json.loads(text)
        except ValueError as exc:
            problem = Problem("$", f"the text frame is not JSON ({exc}).")
            raise ContractViolation(self.contract, sender, problem, text) from None
        self.check(frame, sender)

    async def send_to(
        self, text_data: str | None = None, bytes_data: bytes | None = None, *, check: bool = True
    ) -> None:
        """Send a frame; a text frame must be a documented action (``check=False``: any)."""
        if check and isinstance(text_data, str) and text_data:
            self.check_text(text_data, "client")
        await super().send_to(text_data=text_data, bytes_data=bytes_data)

    async def send_json_to(self, data: Any, *, check: bool = True) -> None:
        """Send JSON as a text frame; ``check=False`` sends undocumented input on purpose."""
        await self.send_to(text_data=json.dumps(data), check=check)

    async def receive_from(self, timeout: float = 1) -> str | bytes:
        """Receive a frame; a text frame must be a documented event or reply."""
        frame: str | bytes = await super().receive_from(timeout)
        if isinstance(frame, str):
            self.check_text(frame, "server")
        return frame


def with_url_route(application: Any, kwargs: Mapping[str, Any]) -> Any:
    """Wrap an unrouted consumer so its scope has ``url_route``, as URLRouter would set."""

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> Any:
        route = {"args": (), "kwargs": dict(kwargs)}
        return await application({**scope, "url_route": route}, receive, send)

    app.consumer_class = getattr(application, "consumer_class", None)  # type: ignore[attr-defined]
    return app


# -- finding the document and the channel ----------------------------------------------------


def contract_for(
    application: Any,
    path: str,
    *,
    consumer: type | None = None,
    spec: Any = None,
    channel: str | None = None,
    channel_path: str | None = None,
    url_kwargs: Mapping[str, Any] | None = None,
    strict: bool = True,
) -> ChannelContract:
    """The ``ChannelContract`` a communicator for ``application`` at ``path`` checks against."""
    documented = None
    if spec is None:
        config = GenerationConfig.for_path(
            application, path, consumer=consumer, channel_path=channel_path, url_kwargs=url_kwargs
        )
        endpoint = config.endpoints[0]
        spec, channel_path, documented = cached_spec(endpoint), endpoint.path, endpoint.consumer
    elif hasattr(spec, "get_spec"):
        spec = spec.get_spec()
    envelope = envelope_for(documented or consumer)
    channel_id = find_channel(spec, channel_path or path, channel)
    return ChannelContract(
        spec,
        channel_id,
        action_key=envelope.action_key,
        event_key=envelope.event_key,
        strict=strict,
    )


_SPECS: dict[Any, dict[str, Any]] = {}
# Settings changes (override_settings) must not leave a stale document behind.
on_reload(_SPECS.clear)


def cached_spec(endpoint: Any) -> dict[str, Any]:
    """The document for one endpoint, generated once per settings state (tests make many)."""
    from ..generator import AsyncAPIGenerator

    key = (endpoint.consumer, endpoint.path)
    if key not in _SPECS:
        _SPECS[key] = AsyncAPIGenerator(config=GenerationConfig((endpoint,))).get_spec()
    return _SPECS[key]


# -- assert_documented ------------------------------------------------------------------------


def assert_documented(consumer: type, ignore: Iterable[str] = ()) -> None:
    """Fail unless every action and channel-layer handler of ``consumer`` is documented.

    Handlers are the public methods defined outside channels' base classes, except the
    lifecycle ones (``connect``, ``receive_json``, ``websocket_*``, ...) and overrides of
    channels' own methods. ``ignore`` takes method names or ``fnmatch`` patterns.
    """
    from ..metadata import collect_operations

    ignore = list(ignore)
    documented = {doc.method for doc in collect_operations(consumer)}
    handlers = handler_names(consumer)
    missing = [n for n in handlers if n not in documented and not _ignored(n, ignore)]
    stale = [p for p in ignore if not any(fnmatch.fnmatchcase(n, p) for n in handlers)]
    if missing or stale:
        raise UndocumentedHandlers(_undocumented_report(consumer, missing, stale))


def handler_names(consumer: type) -> list[str]:
    """Public methods that can receive frames or channel-layer events, in MRO order."""
    base = _channels_names(consumer)
    names: list[str] = []
    for klass in reversed(inspect.getmro(consumer)):
        if _is_channels_class(klass) or klass is object:
            continue
        for name, value in vars(klass).items():
            if name in names or not _is_handler(name, value, base):
                continue
            names.append(name)
    return names


def _is_handler(name: str, value: Any, base: set[str]) -> bool:
    if name.startswith("_") or name in LIFECYCLE or name in base:
        return False
    if name.startswith(LIFECYCLE_PREFIXES):
        return False
    # Static/class methods and properties cannot be dispatched with a message.
    return inspect.isfunction(value)


def _channels_names(consumer: type) -> set[str]:
    names: set[str] = set()
    for klass in inspect.getmro(consumer):
        if _is_channels_class(klass):
            names.update(vars(klass))
    return names


def _is_channels_class(klass: type) -> bool:
    module = getattr(klass, "__module__", "") or ""
    return module == "channels" or module.startswith("channels.")


def _ignored(name: str, patterns: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) for p in patterns)


def _undocumented_report(consumer: type, missing: list[str], stale: list[str]) -> str:
    lines = [f"{consumer.__name__} has undocumented handlers:"] if missing else []
    for name in missing:
        lines.append(f"  - {consumer.__name__}.{name}: {_hint(name)}")
    if stale:
        lines.append(f"{consumer.__name__}: ignore= entries that match no handler: {stale}")
    return "\n".join(lines)


def _hint(name: str) -> str:
    if name.startswith("handle_"):
        action = name[len("handle_") :]
        return f"add @document_action(...) (action {action!r})"
    event = name.replace("_", ".")
    return f"add @document_event({event!r}, ...) if it handles channel-layer events"
