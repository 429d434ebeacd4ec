"""Which security schemes exist and which requirement applies to each channel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostics
from .endpoints import Endpoint
from .metadata import ChannelDoc

SESSION_SCHEME = "sessionCookie"
QUERY_SCHEME = "queryToken"
# The scheme name django-channels-spectacular gave AUTH_COOKIE_NAME (clients rely on it).
COOKIE_SCHEME = "cookieJWT"
# Middleware that reads Django's session cookie during the handshake.
SESSION_MIDDLEWARE = {"SessionMiddleware", "AuthMiddleware"}


@dataclass(frozen=True)
class SecurityConfig:
    """Schemes by name, the default requirement, and how to infer the session cookie."""

    schemes: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    default: tuple[Any, ...] | None = None
    session_cookie: str = "sessionid"


def security_from_settings() -> SecurityConfig:
    """SECURITY_SCHEMES and SECURITY, plus the AUTH_QUERY_PARAM / AUTH_COOKIE_NAME shortcuts."""
    from django.conf import settings as django_settings

    from .settings import spectacular_settings as s

    schemes: dict[str, Any] = {}
    shortcuts = []
    if s.AUTH_QUERY_PARAM:
        schemes[QUERY_SCHEME] = api_key(s.AUTH_QUERY_PARAM, "query", "Token in the query string.")
        shortcuts.append(QUERY_SCHEME)
    if s.AUTH_COOKIE_NAME:
        schemes[COOKIE_SCHEME] = api_key(s.AUTH_COOKIE_NAME, "cookie", "JWT in a cookie.")
        shortcuts.append(COOKIE_SCHEME)
    schemes.update(s.SECURITY_SCHEMES or {})
    default = s.SECURITY if s.SECURITY is not None else (shortcuts or None)
    cookie = getattr(django_settings, "SESSION_COOKIE_NAME", "sessionid")
    return SecurityConfig(schemes, tuple(default) if default is not None else None, cookie)


def api_key(name: str, where: str, description: str) -> dict[str, Any]:
    """An ``httpApiKey`` scheme read from the query string or a cookie."""
    return {"type": "httpApiKey", "name": name, "in": where, "description": description}


def requirement(
    config: SecurityConfig, channel: ChannelDoc | None, endpoint: Endpoint
) -> tuple[Any, ...] | None:
    """The consumer's own ``security=``, else the default, else inferred from middleware."""
    if channel is not None and channel.security is not None:
        return channel.security
    if config.default is not None:
        return config.default
    middleware = set(endpoint.context.get("middleware", ()))
    if middleware & SESSION_MIDDLEWARE:
        return (SESSION_SCHEME,)
    return None


def resolve(
    config: SecurityConfig,
    names: tuple[Any, ...],
    used: dict[str, Any],
    diagnostics: Diagnostics,
    location: str,
) -> list[dict[str, Any]]:
    """Operation ``security`` entries; records the schemes used in ``used``."""
    out = []
    for item in names:
        if isinstance(item, Mapping):
            out.append(dict(item))
            continue
        scheme = config.schemes.get(item)
        if scheme is None and item == SESSION_SCHEME:
            scheme = api_key(config.session_cookie, "cookie", "Django session cookie.")
        if scheme is None:
            diagnostics.error(
                location,
                f"security scheme {item!r} is not defined; add it to "
                "CHANNELS_SPECTACULAR_SETTINGS['SECURITY_SCHEMES'].",
                code="unknown-security-scheme",
            )
            continue
        used[item] = dict(scheme)
        out.append({"$ref": f"#/components/securitySchemes/{item}"})
    return out
