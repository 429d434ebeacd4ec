"""``mkdocs serve`` runs every rebuild in one process: re-import edited project modules.

Without this, a rebuild after editing a consumer would document the classes imported the
first time. Project modules (the top-level package holding an edited file) are dropped from
``sys.modules`` so the next build imports them afresh; modules Django keeps references to
(settings, models, app configs, migrations) and package ``__init__`` modules stay.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

__all__ = ["Stamps", "changed", "forget_modules", "stamp"]

Stamps = dict[Path, int]
_KEEP_NAMES = ("settings", "models", "apps", "migrations", "admin")


def stamp(paths: Iterable[Path]) -> Stamps:
    """The modification times of ``paths`` (missing files get -1)."""
    return {path: _mtime(path) for path in paths}


def changed(stamps: Stamps) -> list[Path]:
    """The files whose modification time differs from ``stamps``."""
    return [path for path, mtime in stamps.items() if _mtime(path) != mtime]


def forget_modules(edited: Iterable[Path]) -> list[str]:
    """Drop the project modules around ``edited`` files from ``sys.modules``; their names."""
    roots = {_package_root(path) for path in edited if path.suffix == ".py"}
    if not roots:
        return []
    settings_module = os.environ.get("DJANGO_SETTINGS_MODULE", "")
    names = [
        name
        for name, module in list(sys.modules.items())
        if _under(module, roots) and _reloadable(name, module, settings_module)
    ]
    for name in names:
        del sys.modules[name]
    return sorted(names)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return -1


def _package_root(path: Path) -> Path:
    """The directory of the top-level package holding ``path`` (or the file itself)."""
    root = path.resolve()
    while (root.parent / "__init__.py").is_file():
        root = root.parent
    return root


def _under(module: ModuleType | None, roots: set[Path]) -> bool:
    filename = getattr(module, "__file__", None)
    if not filename:
        return False
    path = Path(filename).resolve()
    return any(path == root or path.is_relative_to(root) for root in roots)


def _reloadable(name: str, module: ModuleType, settings_module: str) -> bool:
    if name == settings_module or getattr(module, "__path__", None) is not None:
        return False
    parts = name.split(".")
    return not any(part in _KEEP_NAMES for part in parts) and not _defines_models(name, module)


def _defines_models(name: str, module: ModuleType) -> bool:
    # Re-running a module that defines models would register them twice with Django.
    models = sys.modules.get("django.db.models")
    base = getattr(models, "Model", None)
    if base is None:
        return False
    return any(
        isinstance(value, type) and issubclass(value, base) and value.__module__ == name
        for value in vars(module).values()
    )
