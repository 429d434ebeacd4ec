"""Who may see the docs and spec views when ``SERVE_PUBLIC`` is False."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .settings import SETTINGS_NAME, spectacular_settings

Permission = Callable[[Any], bool]


def is_staff(request: Any) -> bool:
    """Active staff users only (the default ``SERVE_PERMISSIONS``)."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_active and user.is_staff)


def is_authenticated(request: Any) -> bool:
    """Any signed-in user."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


def allow_any(request: Any) -> bool:
    """Everyone; the same as ``SERVE_PUBLIC = True``."""
    return True


def has_access(request: Any) -> bool:
    """True when the docs may be served: public, or every ``SERVE_PERMISSIONS`` passes."""
    if spectacular_settings.SERVE_PUBLIC:
        return True
    permissions = serve_permissions()
    # Not public and nothing to pass: deny rather than silently serving everyone.
    return bool(permissions) and all(_allows(p, request) for p in permissions)


def _allows(permission: Any, request: Any) -> bool:
    # DRF permission classes (as in drf-spectacular's SERVE_PERMISSIONS) work too.
    if isinstance(permission, type) and hasattr(permission, "has_permission"):
        return bool(permission().has_permission(request, None))
    return bool(permission(request))


def serve_permissions() -> list[Permission]:
    """``SERVE_PERMISSIONS`` as callables (dotted paths are imported by the settings)."""
    value = spectacular_settings.SERVE_PERMISSIONS
    permissions = [value] if callable(value) else list(value or ())
    for permission in permissions:
        if not callable(permission):
            raise TypeError(
                f"{SETTINGS_NAME}['SERVE_PERMISSIONS'] entries must be callables taking the "
                f"request (or dotted paths to them), not {permission!r}."
            )
    return permissions
