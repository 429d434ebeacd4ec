"""Which consumers to document at which addresses: explicit, from settings, or discovered."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .addresses import placeholders
from .settings import SETTINGS_NAME, spectacular_settings


@dataclass(frozen=True)
class Endpoint:
    """One consumer at one channel address, with its address parameters."""

    consumer: type
    path: str
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict, hash=False)
    # Extra channel facts found by discovery, e.g. {"middleware": ["SessionMiddleware"]}.
    context: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def placeholders(self) -> list[str]:
        """The ``{name}`` parameters of the address, in order."""
        return placeholders(self.path)


EndpointLike = Endpoint | tuple[Any, ...]


def as_endpoint(item: EndpointLike, where: str = "consumers") -> Endpoint:
    """An ``Endpoint`` from an Endpoint, ``(cls, path)`` or ``(cls, path, parameters)``."""
    if isinstance(item, Endpoint):
        return item
    if not isinstance(item, tuple | list) or len(item) not in (2, 3):
        raise ValueError(
            f"{where}: each entry must be (consumer, '/ws/path/') or an Endpoint, not {item!r}."
        )
    consumer, path, *rest = item
    consumer = import_consumer(consumer, where)
    if not isinstance(path, str) or not path:
        raise ValueError(f"{where}: the path for {consumer.__name__} must be a non-empty string.")
    return Endpoint(consumer, path, dict(rest[0]) if rest else {})


def import_consumer(value: Any, where: str) -> type:
    """A consumer class from a class or a dotted path, with an error naming ``where``."""
    if isinstance(value, str):
        from django.utils.module_loading import import_string

        try:
            value = import_string(value)
        except ImportError as exc:
            raise ValueError(f"{where}: cannot import consumer {value!r} ({exc}).") from exc
    if not isinstance(value, type):
        raise ValueError(f"{where}: {value!r} is not a consumer class.")
    return value


def single_endpoint(
    consumer: type | str, channel_path: str | None = None, where: str = "consumer"
) -> Endpoint:
    """One consumer at ``channel_path``, else at the ``CHANNEL_PATH`` setting."""
    path = channel_path or spectacular_settings.CHANNEL_PATH
    return Endpoint(import_consumer(consumer, where), path)


def resolve_endpoints(
    consumer: type | str | None = None,
    consumers: Iterable[EndpointLike] | None = None,
    channel_path: str | None = None,
) -> list[Endpoint]:
    """Explicit arguments, else settings ``CONSUMERS``, else discovery from the ASGI routing."""
    if consumer is not None:
        return [single_endpoint(consumer, channel_path)]
    if consumers:
        return [as_endpoint(item) for item in consumers]
    configured = spectacular_settings.CONSUMERS
    if configured:
        return [as_endpoint(item, f"{SETTINGS_NAME}['CONSUMERS']") for item in configured]
    if spectacular_settings.DISCOVER_CONSUMERS:
        from .discovery import discover_all

        documented, undocumented = discover_all()
        # Nothing decorated yet: document the routed channels (addresses, no messages), so
        # a project adopting the package gets a valid spec and a list of what to document.
        if documented or undocumented:
            return documented or undocumented
    raise ValueError(
        "No consumers to document: set `consumer` or `consumers` (on the view or "
        f"AsyncAPIGenerator) or {SETTINGS_NAME}['CONSUMERS'], or route consumers under "
        "ProtocolTypeRouter({'websocket': ...}) in settings.ASGI_APPLICATION so they can "
        "be discovered."
    )


def undocumented_endpoints() -> list[Endpoint]:
    """Consumers routed in ``ASGI_APPLICATION`` without documented methods (discovery on)."""
    if not spectacular_settings.DISCOVER_CONSUMERS:
        return []
    from .discovery import discover_all

    return discover_all()[1]
