"""``AsyncAPIGenerator``: endpoints → one AsyncAPI 3.0 document, cached per instance."""

from __future__ import annotations

import copy
import gc
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from .asyncapi import DocumentBuilder, Envelope
from .diagnostics import Diagnostics
from .endpoints import Endpoint, EndpointLike, as_endpoint, import_consumer
from .inference.records import operation_collector
from .security import security_from_settings
from .settings import spectacular_settings

DEFAULT_HOST = "localhost:8000"
DEFAULT_PROTOCOL = "ws"


def default_servers(host: str | None = None, protocol: str | None = None) -> dict[str, Any]:
    """One server from the arguments, else ``WS_HOST`` / ``WS_PROTOCOL``, else localhost."""
    host = host or spectacular_settings.WS_HOST or DEFAULT_HOST
    protocol = protocol or spectacular_settings.WS_PROTOCOL or DEFAULT_PROTOCOL
    if protocol not in ("ws", "wss"):
        raise ValueError(f"WebSocket protocol must be 'ws' or 'wss', not {protocol!r}.")
    return {"default": {"host": host, "protocol": protocol}}


def settings_info() -> dict[str, Any]:
    """``info`` from TITLE, VERSION, DESCRIPTION and the INFO extras."""
    info: dict[str, Any] = {
        "title": spectacular_settings.TITLE,
        "version": spectacular_settings.VERSION,
    }
    if spectacular_settings.DESCRIPTION:
        info["description"] = spectacular_settings.DESCRIPTION
    info.update(copy.deepcopy(spectacular_settings.INFO or {}))
    return info


class AsyncAPIGenerator:
    """Generates the AsyncAPI 3.0 document for one consumer or several."""

    def __init__(
        self,
        consumer: type | str | None = None,
        info: dict[str, Any] | None = None,
        servers: dict[str, Any] | None = None,
        channel_path: str | None = None,
        *,
        consumers: Iterable[EndpointLike] | None = None,
    ) -> None:
        if consumer is not None and consumers is not None:
            raise ValueError(
                "Pass either `consumer` or `consumers` to AsyncAPIGenerator, not both."
            )
        if consumer is None and consumers is None:
            raise ValueError(
                "AsyncAPIGenerator needs `consumer` (one class) or `consumers` "
                "([(class, '/ws/path/'), ...]); AsyncAPIGenerator.from_settings() uses "
                "the CONSUMERS setting or discovery."
            )
        if consumer is not None:
            path = channel_path or spectacular_settings.CHANNEL_PATH
            self.endpoints = [Endpoint(import_consumer(consumer, "consumer"), path)]
        else:
            self.endpoints = [as_endpoint(item) for item in consumers or ()]
        self.info = info
        self.servers = servers
        self.diagnostics = Diagnostics()
        self._spec: dict[str, Any] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(
        cls, info: dict[str, Any] | None = None, servers: dict[str, Any] | None = None
    ) -> AsyncAPIGenerator:
        """A generator over settings ``CONSUMERS``, else the consumers discovered in routing."""
        from .endpoints import resolve_endpoints

        return cls(consumers=resolve_endpoints(), info=info, servers=servers)

    # Each call stays paused from building to its result: the collector, back on between
    # two steps, would at once scan the whole document just built (it is all young).

    def get_spec(self) -> dict[str, Any]:
        """The full AsyncAPI 3.0 document as a dict (a fresh copy each call)."""
        with gc_paused():
            return copy_json(self._generate())

    def get_yaml(self) -> str:
        """The document as YAML text."""
        from .render import to_yaml

        with gc_paused():
            return to_yaml(self._generate())

    def get_json(self, indent: int | None = 2) -> str:
        """The document as JSON text."""
        from .render import to_json

        with gc_paused():
            return to_json(self._generate(), indent=indent)

    def _generate(self) -> dict[str, Any]:
        with self._lock:
            if self._spec is None:
                with gc_paused():
                    self._spec = self._build()
            return self._spec

    def _build(self) -> dict[str, Any]:
        self.diagnostics = Diagnostics(
            disabled=frozenset(spectacular_settings.DISABLE_WARNINGS or ())
        )
        endpoints = self.endpoints
        for hook in spectacular_settings.PREPROCESSING_HOOKS:
            endpoints = [as_endpoint(e, "PREPROCESSING_HOOKS") for e in hook(endpoints)]
        envelope = envelope_from_settings()
        builder = DocumentBuilder(
            envelope=envelope,
            diagnostics=self.diagnostics,
            predefined_schemas=spectacular_settings.COMPONENTS or {},
            security=security_from_settings(),
            default_bindings=spectacular_settings.WS_BINDINGS,
            collect=operation_collector(envelope, spectacular_settings.INFERENCE, self.diagnostics),
        )
        spec = builder.build(endpoints, self._info(), self._servers())
        self.diagnostics.raise_errors()
        for hook in spectacular_settings.POSTPROCESSING_HOOKS:
            spec = hook(result=spec, generator=self)
        return spec

    def _info(self) -> dict[str, Any]:
        return {**settings_info(), **(self.info or {})}

    def _servers(self) -> Mapping[str, Any]:
        if self.servers is not None:
            return self.servers
        return spectacular_settings.SERVERS or default_servers()


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data, several times faster than ``copy.deepcopy``."""
    kind = type(value)
    if kind is dict:
        return {k: copy_json(v) for k, v in value.items()}
    if kind is list:
        return [copy_json(v) for v in value]
    if kind in (str, int, float, bool) or value is None:
        return value
    return copy.deepcopy(value)  # whatever a postprocessing hook put there


class gc_paused:
    """Pause the cyclic garbage collector while a document is built, copied or rendered.

    Building allocates hundreds of thousands of small dicts and lists that all stay alive,
    so every collection scans a growing heap for nothing: on 2,000 consumers that made
    generation grow faster than linearly. The collector's previous state is restored.

    A class, not a ``@contextmanager`` generator: leaving one of those allocates (its
    StopIteration), which with a paused collector's counts set off a collection at once,
    scanning everything just built, even a document the caller is about to drop.
    """

    __slots__ = ("was_enabled",)

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()


def envelope_from_settings() -> Envelope:
    """The envelope keys from settings."""
    return Envelope(
        action_key=spectacular_settings.ACTION_KEY,
        event_key=spectacular_settings.EVENT_KEY,
        data_key=spectacular_settings.DATA_KEY,
    )
