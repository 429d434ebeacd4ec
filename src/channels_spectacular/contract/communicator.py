"""Contract testing: a ``WebsocketCommunicator`` that fails when the wire drifts from the spec.

Every frame a test sends is checked against the channel's documented actions, and every
frame the consumer sends back against its documented events and replies, with the
generated document's own payload schemas. ``assert_documented`` catches handlers that
were never documented at all.
"""

from __future__ import annotations

import ast
import fnmatch
import inspect
import json
import textwrap
import types
import typing
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
# Lifecycle methods that hand frames to handlers.
RECEIVERS = frozenset({"receive", "receive_json", "websocket_receive"})
# Names of methods that dispatch action frames (when the actions are documented on the class).
DISPATCHER_PREFIXES = ("handle", "dispatch", "route", "receive")
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


def _spec_version(value: str) -> str:
    """``spec_version`` checked against the installed Channels (4.0 has no such parameter)."""
    if "spec_version" not in inspect.signature(WebsocketCommunicator.__init__).parameters:
        from channels import __version__

        raise TypeError(
            f"ContractCommunicator(spec_version={value!r}) needs channels 4.1 or later "
            f"(installed: {__version__}); upgrade channels or leave spec_version out."
        )
    return value


class ContractCommunicator(WebsocketCommunicator):
    """A ``WebsocketCommunicator`` validating every text frame against the AsyncAPI document.

    ``application`` is a consumer class, ``Consumer.as_asgi()`` or a routed application
    (``URLRouter``, ``ProtocolTypeRouter``, middleware). The document is ``spec`` when
    given (a dict or an ``AsyncAPIGenerator``), else generated for the consumer found at
    ``path``. Text frames are checked as text or JSON messages, binary frames against the
    channel's binary messages (``content_type``); frames without a discriminator by shape.
    """

    def __init__(
        self,
        application: Any,
        path: str,
        headers: list[tuple[bytes, bytes]] | None = None,
        subprotocols: list[str] | None = None,
        spec_version: str | None = None,
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
        extra = {} if spec_version is None else {"spec_version": _spec_version(spec_version)}
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
        """Raise ``ContractViolation`` unless a text frame is a documented text or JSON message."""
        problem = self.contract.check_text(text, sender)
        if problem is not None:
            raise ContractViolation(self.contract, sender, problem, text)

    def check_frame(self, frame: str | bytes, sender: Direction) -> None:
        """Check a raw frame as it travels: text as text (or JSON), bytes as binary."""
        if isinstance(frame, str):
            self.check_text(frame, sender)
            return
        problem = self.contract.check_bytes(frame, sender)
        if problem is not None:
            raise ContractViolation(self.contract, sender, problem, frame)

    async def send_to(
        self, text_data: str | None = None, bytes_data: bytes | None = None, *, check: bool = True
    ) -> None:
        """Send a frame; it must be a documented action (``check=False``: any)."""
        if check and isinstance(text_data, str):
            self.check_text(text_data, "client")
        elif check and bytes_data is not None:
            self.check_frame(bytes_data, "client")
        await super().send_to(text_data=text_data, bytes_data=bytes_data)

    async def send_json_to(self, data: Any, *, check: bool = True) -> None:
        """Send JSON as a text frame; ``check=False`` sends undocumented input on purpose."""
        await self.send_to(text_data=json.dumps(data), check=check)

    async def receive_from(self, timeout: float = 1) -> str | bytes:
        """Receive a frame; it must be a documented event or reply, text or binary."""
        frame: str | bytes = await super().receive_from(timeout)
        self.check_frame(frame, "server")
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
    """Fail unless every method that receives or sends frames of ``consumer`` is documented.

    Candidates are the public methods defined outside channels' base classes that Channels
    could call with one frame or channel-layer message (see ``handler_names``). ``ignore``
    takes method names or ``fnmatch`` patterns.
    """
    from ..metadata import collect_operations

    ignore = list(ignore)
    docs = collect_operations(consumer)
    documented = {doc.method for doc in docs}
    handlers = handler_names(consumer)
    if any(doc.on_class and doc.kind == "action" for doc in docs):
        # Actions documented on the class: the method that dispatches them is plumbing.
        handlers = [n for n in handlers if not n.startswith(DISPATCHER_PREFIXES)]
    missing = [n for n in handlers if n not in documented and not _ignored(n, ignore)]
    stale = [p for p in ignore if not any(fnmatch.fnmatchcase(n, p) for n in handlers)]
    if missing or stale:
        raise UndocumentedHandlers(_undocumented_report(consumer, missing, stale))


def handler_names(consumer: type) -> list[str]:
    """Public methods that can receive frames or channel-layer events, in MRO order.

    Not handlers: lifecycle methods and overrides of Channels' own; methods that cannot
    take one message (``get_url_kwargs(self)``, ``format(self, room: int)``, ones that
    return a value); helpers the consumer's own code calls as ``self.name``.
    """
    base = _channels_names(consumer)
    called = _helpers(consumer)
    names: list[str] = []
    for klass in reversed(inspect.getmro(consumer)):
        if _is_channels_class(klass) or klass is object:
            continue
        for name, value in vars(klass).items():
            if name in names or name in called or not _is_handler(name, value, base):
                continue
            if _takes_a_message(value):
                names.append(name)
    return names


def _is_handler(name: str, value: Any, base: set[str]) -> bool:
    if name.startswith("_") or name in LIFECYCLE or name in base:
        return False
    if name.startswith(LIFECYCLE_PREFIXES):
        return False
    # Static/class methods and properties cannot be dispatched with a message.
    return inspect.isfunction(value)


def _takes_a_message(func: Any) -> bool:
    """True when Channels could call ``func(self, message)`` and ignore what it returns."""
    try:
        signature = inspect.signature(func)
        hints = typing.get_type_hints(func)
    except (TypeError, ValueError, NameError, AttributeError):
        return True  # cannot tell: better flagged than missed
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    params = [p for p in list(signature.parameters.values())[1:] if p.kind in kinds]
    required = [p for p in params if p.default is inspect.Parameter.empty]
    if not params or len(required) > 1:
        return False
    if hints.get("return", None) not in (None, type(None)):
        return False
    annotation = hints.get(params[0].name)
    return annotation is None or _is_mapping_type(annotation)


def _is_mapping_type(annotation: Any) -> bool:
    if annotation is Any or typing.is_typeddict(annotation):
        return True
    origin = typing.get_origin(annotation) or annotation
    if origin in (typing.Union, types.UnionType):
        return any(_is_mapping_type(a) for a in typing.get_args(annotation))
    return isinstance(origin, type) and issubclass(origin, Mapping)


def _helpers(consumer: type) -> set[str]:
    """Methods the consumer's own code calls as ``self.name(...)``: helpers, not handlers.

    A method that ``receive``/``receive_json`` hands the frame to (``self.handle_x(content)``,
    or a table of ``self.x`` methods it dispatches from) still receives frames.
    """
    helpers: set[str] = set()
    dispatched: set[str] = set()
    for klass in inspect.getmro(consumer):
        if _is_channels_class(klass) or klass is object:
            continue
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(klass)))
        except (OSError, TypeError, SyntaxError):
            continue  # no source (built at runtime): nothing is excluded
        for func in ast.walk(tree):
            if isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                _sort_references(func, helpers, dispatched)
    return helpers - dispatched


def _sort_references(func: Any, helpers: set[str], dispatched: set[str]) -> None:
    args = [a.arg for a in func.args.args[1:]]
    frame = args[0] if func.name in RECEIVERS and args else None
    calls = {id(n.func): n for n in ast.walk(func) if isinstance(n, ast.Call)}
    for node in ast.walk(func):
        if not (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)):
            continue
        if node.value.id != "self":
            continue
        call = calls.get(id(node))
        passes_frame = call is None or any(
            isinstance(a, ast.Name) and a.id == frame for a in call.args
        )
        (dispatched if frame is not None and passes_frame else helpers).add(node.attr)


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
