"""``manage.py check``: settings, consumers, and the spec each configured view would serve."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django.core.checks import CheckMessage, Error, Warning, register

from .setting_shapes import DOCUMENT_RULES, SHAPE_RULES
from .settings import DEFAULTS, SETTINGS_NAME, spectacular_settings

TAG = "channels_spectacular"
VIEWER_KEYS = ("ASSETS", "CONFIG", "THEME")
# Where the checks look when no AsyncAPISpecView is routed: the settings' configuration.
UNROUTED = "settings (no spec view routed)"
# Generator diagnostic codes with a check id of their own.
CODE_IDS = {"duplicate-action": "channels_spectacular.W006"}
# Documentation problems are warnings, never errors: a documentation tool must not stop
# `migrate`, `runserver` or daphne. Errors are only for settings that make the views
# unusable; `export_asyncapi --fail-on-warn` / `--validate` are the strict gate for CI.


@register(TAG)
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Unknown keys (with a did-you-mean hint) and values of the wrong kind."""
    out: list[CheckMessage] = []
    for key, close in spectacular_settings.unknown_keys():
        hint = f"Did you mean {close!r}?" if close else f"Valid keys: {', '.join(DEFAULTS)}."
        out.append(
            Warning(f"{SETTINGS_NAME} has unknown key {key!r}.", hint=hint, id=f"{TAG}.W001")
        )
    failed = set()
    for key, problem in _setting_problems():
        failed.add(key)
        out.append(Error(f"{SETTINGS_NAME}[{key!r}] {problem}", id=f"{TAG}.E001"))
    for key, rule in DOCUMENT_RULES.items():
        found = None if key in failed else rule(_value(key))
        if found:
            out.append(Warning(f"{SETTINGS_NAME}[{key!r}] {found}", id=f"{TAG}.W007"))
    return out


@register(TAG)
def check_consumers(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Every ``CONSUMERS`` entry imports and names a class with a path."""
    from .endpoints import as_endpoint

    configured = _value("CONSUMERS")
    if not isinstance(configured, list | tuple):
        return []
    out: list[CheckMessage] = []
    for i, item in enumerate(configured):
        try:
            as_endpoint(item, f"{SETTINGS_NAME}['CONSUMERS'][{i}]")
        except (ValueError, ImportError) as exc:
            out.append(Error(str(exc), id=f"{TAG}.E002"))
    return out


@register(TAG)
def check_assets(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The docs page's files can be served: by staticfiles or by this app's asset route."""
    from .assets import serve_problem

    viewer = _value("VIEWER")
    if isinstance(viewer, Mapping) and viewer.get("ASSETS", "bundled") != "bundled":
        return []  # the CDN or the user's own host serves the viewer
    problem = serve_problem()
    return [Warning(f"/ws-docs/: {problem}", id=f"{TAG}.W004")] if problem else []


@register(TAG)
def check_console(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Events were asked for (``TRY_IT_OUT_EVENTS = True``), but the routing cannot deliver them."""
    from .console import events_allowed, routing_problem

    # Only an explicit request for the feature: under the DEBUG default, a project that never
    # uses console events is not nagged; the console itself explains when one cannot arrive.
    if _value("TRY_IT_OUT_EVENTS") is not True:
        return []
    try:
        allowed = events_allowed()
    except (TypeError, ValueError):  # a malformed setting: check_settings reports it
        return []
    problem = routing_problem() if allowed else None
    hint = "Or set TRY_IT_OUT_EVENTS to False to turn the console's event requests off."
    return [Warning(problem, hint=hint, id=f"{TAG}.W008")] if problem else []


@register(TAG)
def check_generation(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Generate each spec view's document; report its errors and warnings by location."""
    if any(isinstance(m, Error) for m in [*check_settings(), *check_consumers()]):
        return []  # the settings errors above say what to fix first; avoid cascades
    try:
        views = _spec_views()
    except ValueError as exc:  # a spec view's as_view() refused its configuration
        return [Error(f"URLconf: {exc}", id=f"{TAG}.E004")]
    out: list[CheckMessage] = []
    for where, view in views:
        out += _generation_messages(where, view)
    return out


def _generation_messages(where: str, view: Any) -> list[CheckMessage]:
    from .diagnostics import GenerationError

    try:
        generator = view.get_generator(view.effective_servers())
    except (ValueError, ImportError) as exc:  # nothing resolves, or discovery cannot import
        return [Warning(f"{where}: {exc}", id=f"{TAG}.W003")]
    try:
        generator.get_spec(copy=False)  # only its diagnostics are read
    except GenerationError:
        pass  # every error is also in generator.diagnostics, with its location
    except (ValueError, TypeError) as exc:
        return [Warning(f"{where}: AsyncAPI generation failed: {exc}", id=f"{TAG}.W005")]
    return [_message(d) for d in generator.diagnostics.items if d.level != "info"]


def _message(diagnostic: Any) -> CheckMessage:
    if diagnostic.level == "error":  # the spec cannot be generated: /ws-docs/ says why
        check_id = CODE_IDS.get(diagnostic.code, f"{TAG}.W005")
        text = f"{diagnostic.message} (the spec views answer with this error until fixed)"
        return Warning(text, obj=diagnostic.location or None, id=check_id)
    return Warning(diagnostic.message, obj=diagnostic.location or None, id=f"{TAG}.W002")


def _spec_views() -> list[tuple[str, Any]]:
    """Spec views routed in the URLconf (one per configuration), else the settings' one."""
    from .views import AsyncAPISpecView

    found: dict[str, tuple[str, Any]] = {}
    for route, callback in _routes():
        view_class = getattr(callback, "view_class", None)
        if isinstance(view_class, type) and issubclass(view_class, AsyncAPISpecView):
            view = view_class(**getattr(callback, "view_initkwargs", {}))
            key = view.cache_key(view.servers or {})
            found.setdefault(key, (f"view at {route!r}", view))
    return list(found.values()) or [(UNROUTED, AsyncAPISpecView())]


def _routes() -> Iterator[tuple[str, Any]]:
    from django.urls import URLPattern, URLResolver, get_resolver

    def walk(patterns: Any, prefix: str) -> Iterator[tuple[str, Any]]:
        for item in patterns:
            if isinstance(item, URLResolver):
                yield from walk(item.url_patterns, prefix + str(item.pattern))
            elif isinstance(item, URLPattern):
                yield prefix + str(item.pattern), item.callback

    try:
        yield from walk(get_resolver().url_patterns, "/")
    except ImportError:
        return  # Django's own URL checks report an URLconf that does not import


def _setting_problems() -> Iterator[tuple[str, str]]:
    for key, rule in RULES.items():
        try:
            value = getattr(spectacular_settings, key)
        except ImportError as exc:
            yield key, f"cannot be imported: {exc}"
            continue
        problem = rule(value) or (SHAPE_RULES[key](value) if key in SHAPE_RULES else None)
        if problem:
            yield key, problem


def _value(key: str) -> Any:
    try:
        return getattr(spectacular_settings, key)
    except ImportError:
        return None


def _kind(*types: type, optional: bool = False) -> Callable[[Any], str | None]:
    names = " or ".join(t.__name__ for t in types) + (" or None" if optional else "")

    def rule(value: Any) -> str | None:
        if value is None and optional:
            return None
        return None if isinstance(value, types) else f"must be {names}, not {value!r}."

    return rule


def _choice(*choices: Any) -> Callable[[Any], str | None]:
    return lambda v: None if v in choices else f"must be one of {list(choices)}, not {v!r}."


def _callables(value: Any) -> str | None:
    items = value if isinstance(value, list | tuple) else [value]
    bad = [item for item in items if not callable(item)]
    return f"must be callables or dotted paths to them; not callable: {bad!r}." if bad else None


def _servers(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        return f"must be an AsyncAPI servers mapping {{name: {{host, protocol}}}}, not {value!r}."
    for name, server in value.items():
        if not isinstance(server, Mapping) or not {"host", "protocol"} <= set(server):
            example = "{'host': 'api.example.com', 'protocol': 'wss'}"
            return f"server {name!r} needs 'host' and 'protocol', e.g. {example}."
    return None


def _channel_path(value: Any) -> str | None:
    if isinstance(value, str) and value.startswith("/"):
        return None
    return f"must be a path starting with '/', such as '/ws/', not {value!r}."


def _host(value: Any) -> str | None:
    if value is not None and (not isinstance(value, str) or "://" in value):
        return f"must be a host[:port] without a scheme, such as 'api.example.com', not {value!r}."
    return None


def _consumers(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, list | tuple):
        return f"must be a list of (consumer, '/ws/path/') pairs, not {value!r}."
    return None


def _viewer(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return f"must be a dict with keys {list(VIEWER_KEYS)}, not {value!r}."
    unknown = sorted(set(value) - set(VIEWER_KEYS))
    if unknown:
        return f"has unknown keys {unknown}; valid keys: {list(VIEWER_KEYS)}."
    assets = value.get("ASSETS", "bundled")
    if not isinstance(assets, str) or not assets:
        return "['ASSETS'] must be 'bundled', 'cdn' or a URL prefix."
    for key in ("CONFIG", "THEME"):
        if not isinstance(value.get(key, {}), Mapping):
            return f"[{key!r}] must be a dict."
    return None


def _inference(value: Any) -> str | None:
    from .inference.records import MODE_ERROR, valid_mode

    return None if valid_mode(value) else f"{MODE_ERROR}, not {value!r}."


RULES: dict[str, Callable[[Any], str | None]] = {
    "TITLE": _kind(str),
    "VERSION": _kind(str),
    "DESCRIPTION": _kind(str),
    "INFO": _kind(dict),
    "SERVERS": _servers,
    "WS_HOST": _host,
    "WS_PROTOCOL": _choice(None, "ws", "wss"),
    "CHANNEL_PATH": _channel_path,
    "CONSUMERS": _consumers,
    "DISCOVER_CONSUMERS": _kind(bool),
    "ACTION_KEY": _kind(str),
    "EVENT_KEY": _kind(str),
    "DATA_KEY": _kind(str),
    "COMPONENTS": _kind(dict),
    "PREPROCESSING_HOOKS": _callables,
    "POSTPROCESSING_HOOKS": _callables,
    "SERVE_PUBLIC": _kind(bool),
    "SERVE_PERMISSIONS": _callables,
    "VIEWER": _viewer,
    "AUTH_QUERY_PARAM": _kind(str, optional=True),
    "AUTH_COOKIE_NAME": _kind(str, optional=True),
    "TRY_IT_OUT_ENABLED": _kind(bool, optional=True),
    "TRY_IT_OUT_EVENTS": _kind(bool, optional=True),
    "TRY_IT_OUT_EXPANDED": _kind(bool),
    "VALIDATE_MESSAGES": _choice("off", "log", "error"),
    "VALIDATION_ERROR_EVENT": _kind(str),
    "SECURITY_SCHEMES": _kind(dict),
    "SECURITY": _kind(list, tuple, optional=True),
    "WS_BINDINGS": _kind(dict, optional=True),
    "CONTENT_SECURITY_POLICY": _kind(str, bool, optional=True),
    "INFERENCE": _inference,
    "DISABLE_WARNINGS": _kind(list, tuple),
}
