"""Settings: ``CHANNELS_SPECTACULAR_SETTINGS`` over documented defaults, read lazily."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

SETTINGS_NAME = "CHANNELS_SPECTACULAR_SETTINGS"

DEFAULTS: dict[str, Any] = {
    # Title of the AsyncAPI document (info.title).
    "TITLE": "WebSocket API",
    # Version of *your* API (info.version), not of the AsyncAPI format.
    "VERSION": "1.0.0",
    # Markdown description of the whole API (info.description).
    "DESCRIPTION": "",
    # Extra info fields merged into info: contact, license, tags, externalDocs, termsOfService.
    "INFO": {},
    # AsyncAPI servers object. None: the spec view derives one server from the request
    # (ws/wss from the scheme, host from the request) and the export command uses
    # WS_PROTOCOL://WS_HOST.
    "SERVERS": None,
    # Host (and port) for the derived server, e.g. "api.example.com". None: request host,
    # or "localhost:8000" outside a request.
    "WS_HOST": None,
    # "ws" or "wss" for the derived server. None: from the request scheme, else "ws".
    "WS_PROTOCOL": None,
    # Channel address used when a single consumer is documented without a path.
    "CHANNEL_PATH": "/ws/",
    # Consumers to document: [(dotted path or class, "/ws/path/{param}/"), ...].
    # None: discover them from the ASGI routing (see DISCOVER_CONSUMERS).
    "CONSUMERS": None,
    # Walk settings.ASGI_APPLICATION to find consumers when CONSUMERS is not set.
    "DISCOVER_CONSUMERS": True,
    # Key of the discriminator that names a client action in each frame.
    "ACTION_KEY": "action",
    # Key of the discriminator that names a server event in each frame.
    "EVENT_KEY": "type",
    # Key under which a non-object payload (list, string, number) travels next to the
    # discriminator, e.g. {"action": "tags", "data": ["a", "b"]}.
    "DATA_KEY": "data",
    # Reusable schemas added to components/schemas; "$ref": "#/components/schemas/X"
    # in dict payloads may point at them. {name: JSON Schema}.
    "COMPONENTS": {},
    # Callables (or dotted paths) run on the collected endpoints before generation:
    # hook(endpoints: list[(consumer, path)]) -> list[(consumer, path)].
    "PREPROCESSING_HOOKS": [],
    # Callables (or dotted paths) run on the finished spec dict:
    # hook(result=spec, generator=gen, **kwargs) -> spec (accept **kwargs: more may come).
    "POSTPROCESSING_HOOKS": [],
    # Serve the docs and spec views to everyone. False: only requests passing
    # SERVE_PERMISSIONS get them (others get 403).
    "SERVE_PUBLIC": True,
    # Callables (or dotted paths) taking the request and returning bool; all must pass
    # when SERVE_PUBLIC is False. Default: staff users only.
    "SERVE_PERMISSIONS": ["channels_spectacular.permissions.is_staff"],
    # The AsyncAPI viewer on /ws-docs/ and in Sphinx/MkDocs embeds.
    #   ASSETS: "bundled" (packaged static files, works offline), "cdn" (jsDelivr with SRI),
    #           or a URL prefix that holds index.js and default.min.css.
    #   CONFIG: the viewer's own config (show/expand/sidebar), deep-merged over defaults.
    #   THEME:  light/dark handling, deep-merged over {"mode": "auto", "attributes":
    #           ["data-theme", "data-md-color-scheme"], "dark": [...], "light": [...]};
    #           mode "auto" follows those page attributes, else prefers-color-scheme.
    "VIEWER": {"ASSETS": "bundled", "CONFIG": {}, "THEME": {}},
    # Content-Security-Policy header of /ws-docs/, so raw HTML in a description can neither
    # run script nor restyle the page. None: a strict default (scripts and styles from files
    # only, the viewer's asset origin allowed, WebSockets for the console); a string: sent
    # as is; "" or False: no header (set your own, e.g. with a CSP middleware).
    "CONTENT_SECURITY_POLICY": None,
    # Query parameter carrying an auth token; adds an httpApiKey "query" security scheme.
    "AUTH_QUERY_PARAM": None,
    # Cookie carrying the session/auth token; adds an httpApiKey "cookie" security scheme.
    "AUTH_COOKIE_NAME": None,
    # AsyncAPI 3.0 security scheme objects: {name: scheme}.
    "SECURITY_SCHEMES": {},
    # Default security requirement applied to every operation: [scheme name, ...].
    "SECURITY": None,
    # Default WebSocket channel binding (bindings.ws) for every channel without its own:
    # {"method": "GET", "query": {object schema}, "headers": {object schema}}.
    "WS_BINDINGS": None,
    # The try-it-out console on /ws-docs/: a docked panel, and a "Try it" button on every
    # operation. None: on when DEBUG is on, off otherwise; True or False: forced.
    "TRY_IT_OUT_ENABLED": None,
    # Open the console on a reader's first visit (later visits restore their own choice).
    "TRY_IT_OUT_EXPANDED": False,
    # Who may ask the server, from the console, to send a documented event's example to
    # their own connection (through the channel layer, so the consumer's handler runs):
    # None: anyone while DEBUG is on, staff users otherwise; True: anyone who may see the
    # docs; False: nobody. Every request is logged ("channels_spectacular.console"). The
    # event reaches the connection through channels_spectacular.console.ConsoleMiddleware,
    # added once around the WebSocket routing in asgi.py (check W008 says when it is not).
    "TRY_IT_OUT_EVENTS": None,
    # Check incoming actions against the spec before dispatch: "off", "log" or "error".
    "VALIDATE_MESSAGES": "off",
    # Event type of the error event sent when VALIDATE_MESSAGES is "error".
    "VALIDATION_ERROR_EVENT": "validation.error",
    # Infer a first draft of the documentation from the source of consumers: True for
    # consumers without any decorator, "merge" to also add the messages decorated consumers
    # leave undocumented (decorators always win), False to document decorators only.
    # Inferred operations carry "x-inferred: true"; an undecorated consumer is documented
    # (and checked) with the discriminator keys its code uses.
    "INFERENCE": True,
    # Warning and info codes not to report, e.g. ["channel-name-collision"] (see "Warnings
    # and errors" in the AsyncAPIGenerator docs). Errors cannot be silenced.
    "DISABLE_WARNINGS": [],
}

# Keys whose values are dotted paths (or lists of them) to import.
IMPORT_STRINGS = (
    "PREPROCESSING_HOOKS",
    "POSTPROCESSING_HOOKS",
    "SERVE_PERMISSIONS",
)


def import_string_value(value: Any, key: str) -> Any:
    """Import a dotted path (or each one in a list) with an error naming the setting."""
    from django.utils.module_loading import import_string

    if isinstance(value, str):
        try:
            return import_string(value)
        except ImportError as exc:
            raise ImportError(
                f"{SETTINGS_NAME}[{key!r}]: cannot import {value!r} ({exc}). "
                "Use a dotted path such as 'myproject.hooks.func'."
            ) from exc
    if isinstance(value, list | tuple):
        return [import_string_value(item, key) for item in value]
    return value


class SpectacularSettings:
    """Lazy view of the user's settings over ``DEFAULTS``."""

    def __init__(self, defaults: dict[str, Any], import_strings: tuple[str, ...]) -> None:
        self.defaults = defaults
        self.import_strings = import_strings
        self._cache: dict[str, Any] = {}
        self._user: dict[str, Any] | None = None

    @property
    def user_settings(self) -> dict[str, Any]:
        if self._user is None:
            from django.conf import settings as django_settings

            if not django_settings.configured:
                return {}  # not cached: the real settings may be configured later
            self._user = _read_user_settings()
        return self._user

    def __getattr__(self, key: str) -> Any:
        if key.startswith("_") or key not in self.defaults:
            raise AttributeError(f"Invalid channels-spectacular setting: {key!r}")
        if key in self._cache:
            return self._cache[key]
        value = self.user_settings.get(key, self.defaults[key])
        if key in self.import_strings:
            value = import_string_value(value, key)
        if self._user is not None:
            self._cache[key] = value
        return value

    def unknown_keys(self) -> list[tuple[str, str | None]]:
        """User keys that are not settings, each with the closest valid name (or None)."""
        out = []
        for key in self.user_settings:
            if key not in self.defaults:
                close = difflib.get_close_matches(key, self.defaults, n=1)
                out.append((key, close[0] if close else None))
        return out

    def reload(self) -> None:
        self._cache.clear()
        self._user = None


def _read_user_settings() -> dict[str, Any]:
    from django.conf import settings as django_settings

    value = getattr(django_settings, SETTINGS_NAME, None) or {}
    if not isinstance(value, dict):
        raise TypeError(f"{SETTINGS_NAME} must be a dict, not {type(value).__name__}.")
    return value


spectacular_settings = SpectacularSettings(DEFAULTS, IMPORT_STRINGS)

_reload_listeners: list[Callable[[], None]] = []


def on_reload(listener: Callable[[], None]) -> Callable[[], None]:
    """Register a callable run whenever the settings are reloaded (e.g. to drop caches)."""
    _reload_listeners.append(listener)
    return listener


def reload_settings(*args: Any, setting: str = "", **kwargs: Any) -> None:
    """``setting_changed`` receiver: drop cached values when our settings change."""
    if setting in (SETTINGS_NAME, "ASGI_APPLICATION", ""):
        spectacular_settings.reload()
        for listener in _reload_listeners:
            listener()
