"""One configuration between settings and the builder: which consumers, servers, info,
envelope keys and security a document uses.

Every surface (generator, views, checks, export command, contract testing, runtime
validation) asks a :class:`GenerationConfig` instead of reading settings itself. Settings
are read when a value is asked for, never at import time, so ``override_settings`` and
per-consumer envelopes work.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .addresses import matches, template_path
from .endpoints import Endpoint, EndpointLike, resolve_endpoints
from .metadata import FROM_SETTINGS, envelope_keys
from .settings import SETTINGS_NAME, spectacular_settings

if TYPE_CHECKING:
    from django.http import HttpRequest

    from .security import SecurityConfig

__all__ = [
    "DEFAULT_HOST",
    "DEFAULT_PROTOCOL",
    "Envelope",
    "GenerationConfig",
    "check_consumer_source",
    "default_servers",
    "envelope_for",
    "inference_mode",
    "resolve_servers",
    "settings_info",
]

DEFAULT_HOST = "localhost:8000"
DEFAULT_PROTOCOL = "ws"


@dataclass(frozen=True)
class Envelope:
    """How frames carry their discriminator and non-object payloads.

    A key of ``None``: frames of that direction carry no discriminator; each one is the
    payload itself, told apart from the others by its shape.
    """

    action_key: str | None = "action"
    event_key: str | None = "type"
    data_key: str = "data"

    def key(self, kind: str) -> str | None:
        """The discriminator key of ``"action"`` or ``"event"`` frames."""
        return self.action_key if kind == "action" else self.event_key


def envelope_for(consumer: type | None = None) -> Envelope:
    """The envelope keys of ``consumer``'s frames: its ``@document_channel``, else settings."""
    action, event = envelope_keys(consumer) if consumer is not None else (None, None)
    if consumer is None or action is FROM_SETTINGS:
        action = spectacular_settings.ACTION_KEY
    if consumer is None or event is FROM_SETTINGS:
        event = spectacular_settings.EVENT_KEY
    envelope = Envelope(
        action_key=action,  # type: ignore[arg-type]
        event_key=event,  # type: ignore[arg-type]
        data_key=spectacular_settings.DATA_KEY,
    )
    if consumer is None:
        return envelope
    from .inference.records import inferred_envelope

    return inferred_envelope(consumer, envelope, inference_mode())


def inference_mode() -> Any:
    """Whether undecorated consumers get an inferred draft: True, ``"merge"`` or False."""
    return spectacular_settings.INFERENCE


def default_servers(host: str | None = None, protocol: str | None = None) -> dict[str, Any]:
    """One server from the arguments, else ``WS_HOST`` / ``WS_PROTOCOL``, else localhost."""
    host = host or spectacular_settings.WS_HOST or DEFAULT_HOST
    protocol = protocol or spectacular_settings.WS_PROTOCOL or DEFAULT_PROTOCOL
    if protocol not in ("ws", "wss"):
        raise ValueError(f"WebSocket protocol must be 'ws' or 'wss', not {protocol!r}.")
    return {"default": {"host": host, "protocol": protocol}}


def resolve_servers(
    servers: Mapping[str, Any] | None = None,
    *,
    host: str | None = None,
    protocol: str | None = None,
    request: HttpRequest | None = None,
) -> Mapping[str, Any]:
    """The servers of a document, by precedence.

    Explicit ``servers``; else explicit ``host``/``protocol`` (``export_asyncapi --host``);
    else the ``SERVERS`` setting; else one server from ``WS_HOST``/``WS_PROTOCOL``, the
    request (its host, wss when secure), or ``localhost:8000`` over ws.
    """
    if servers is not None:
        return servers
    if host or protocol:
        return default_servers(host, protocol)
    if spectacular_settings.SERVERS:
        return dict(spectacular_settings.SERVERS)
    if request is not None:
        host = spectacular_settings.WS_HOST or request.get_host()
        protocol = spectacular_settings.WS_PROTOCOL or ("wss" if request.is_secure() else "ws")
    return default_servers(host, protocol)


# The placeholder host request-derived servers are built with (see request_template).
TEMPLATE_HOST = "localhost:8000"


def request_template(servers: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """Servers to build with when each request's host will fill them in, else None.

    When the servers come from the request (no explicit servers, no ``SERVERS`` setting),
    a view builds the document once with these and substitutes each request's servers.
    """
    if servers is not None or spectacular_settings.SERVERS:
        return None
    return default_servers(TEMPLATE_HOST, "ws")


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


def check_consumer_source(where: str) -> None:
    """The reference's ValueError when neither attributes, settings nor discovery can help."""
    if spectacular_settings.CONSUMERS or spectacular_settings.DISCOVER_CONSUMERS:
        return
    raise ValueError(
        f"{where}: set `consumer` or `consumers` on the view, or {SETTINGS_NAME}['CONSUMERS'] "
        "(or enable DISCOVER_CONSUMERS); without them there is nothing to document."
    )


@dataclass(frozen=True)
class GenerationConfig:
    """The consumers a document covers, with the info and servers given for it.

    ``info`` and ``servers`` hold what was passed explicitly (None: from settings, read by
    :meth:`get_info` / :meth:`get_servers` when generating).
    """

    endpoints: tuple[Endpoint, ...]
    info: Mapping[str, Any] | None = None
    servers: Mapping[str, Any] | None = None
    # Name channels and messages as the project's own document does (see project_endpoints):
    # the surfaces built from settings agree on keys whichever consumers each one shows.
    project_names: bool = False

    @classmethod
    def from_settings(
        cls,
        *,
        consumer: type | str | None = None,
        consumers: Iterable[EndpointLike] | None = None,
        channel_path: str | None = None,
        info: Mapping[str, Any] | None = None,
        servers: Mapping[str, Any] | None = None,
        request: HttpRequest | None = None,
        host: str | None = None,
        protocol: str | None = None,
    ) -> GenerationConfig:
        """Endpoints from the arguments, else ``CONSUMERS``, else discovery (ValueError if none).

        With a ``request`` (the spec view) or ``host``/``protocol`` (the export command) the
        servers are settled now, by :func:`resolve_servers`'s precedence.
        """
        endpoints = resolve_endpoints(consumer, consumers, channel_path)
        if request is not None or host or protocol:
            servers = resolve_servers(servers, host=host, protocol=protocol, request=request)
        return cls(tuple(endpoints), info, servers, project_names=True)

    @classmethod
    def for_path(
        cls,
        application: Any,
        path: str,
        *,
        consumer: type | None = None,
        channel_path: str | None = None,
        url_kwargs: Mapping[str, Any] | None = None,
    ) -> GenerationConfig:
        """The consumer an ASGI ``application`` serves at a concrete ``path`` (contract tests)."""
        from .discovery import discover_endpoints

        endpoint = None
        if consumer is None and channel_path is None:
            routed = [e for e in discover_endpoints(application) if matches(e.path, path)]
            # Only consumer and address matter for checking frames.
            endpoint = Endpoint(routed[0].consumer, routed[0].path) if routed else None
        if endpoint is None:
            consumer = consumer or getattr(application, "consumer_class", None)
            if not isinstance(consumer, type):
                raise ValueError(
                    f"No documented consumer is routed at {path!r} in {application!r}; pass "
                    "consumer=YourConsumer (and channel_path='/ws/.../{param}/') or spec=..."
                )
            endpoint = Endpoint(consumer, channel_path or template_path(path, url_kwargs))
        return cls((endpoint,))

    def project_endpoints(self) -> tuple[Endpoint, ...]:
        """Every consumer of the project (``CONSUMERS``, else discovery); () when none."""
        try:
            return tuple(resolve_endpoints(None, None, None))
        except ValueError:
            return ()

    def get_info(self) -> dict[str, Any]:
        """The settings' info with the explicit ``info`` over it."""
        return {**settings_info(), **(self.info or {})}

    def get_servers(self) -> Mapping[str, Any]:
        """The explicit servers, else the settings' (see :func:`resolve_servers`)."""
        return resolve_servers(self.servers)

    def envelope_for(self, consumer: type | None = None) -> Envelope:
        """The envelope keys of ``consumer``'s frames (``@document_channel``, else settings)."""
        return envelope_for(consumer)

    def inference_mode(self) -> Any:
        """The ``INFERENCE`` setting: True, ``"merge"`` or False (see inference.records)."""
        return inference_mode()

    def get_security(self) -> SecurityConfig:
        """Security schemes and the default requirement, from settings."""
        from .security import security_from_settings

        return security_from_settings()
