"""Django for docs builds: set it up once per process, and find the files to watch.

A docs tool rebuilds a page when one of its ``sources`` changes: the modules defining the
consumers (and their base classes) and the payload types they document.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import os
import sys
import sysconfig
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["DjangoConfig", "dotted_files", "settings_files", "setup_django", "source_files"]


@dataclass(frozen=True)
class DjangoConfig:
    """How to set Django up; ``setting_name`` is how the surface's users spell it."""

    settings_module: str | None = None
    pythonpath: Sequence[str | Path] = ()
    base_dir: Path | None = None  # relative pythonpath entries start here
    setting_name: str = "django_settings"


_django_lock = threading.Lock()
_django_results: dict[str, str | None] = {}


def setup_django(config: DjangoConfig) -> str | None:
    """Run ``django.setup()`` once per process; a problem message, or None when ready."""
    _extend_path(config)
    module = config.settings_module or os.environ.get("DJANGO_SETTINGS_MODULE")
    with _django_lock:
        if _apps_ready():
            return _switch_problem(module)
        if not module:
            return (
                "Django settings are not configured: set "
                f"{config.setting_name} (or the DJANGO_SETTINGS_MODULE environment variable) "
                "to your settings module, e.g. 'myproject.settings'."
            )
        if module not in _django_results:
            _django_results[module] = _setup(module, config)
        return _django_results[module]


def _extend_path(config: DjangoConfig) -> None:
    base = config.base_dir or Path.cwd()
    for entry in reversed(list(config.pythonpath)):
        path = str((base / entry).resolve())
        if path not in sys.path:
            sys.path.insert(0, path)


def _apps_ready() -> bool:
    from django.apps import apps

    return apps.ready


def _switch_problem(module: str | None) -> str | None:
    """Django is set up already: fine, unless with other settings than ``module``."""
    from django.conf import settings

    active = getattr(settings, "SETTINGS_MODULE", None)
    if module and active and active != module:
        return (
            f"Django is already set up with settings {active!r} in this process; "
            f"cannot switch to {module!r}."
        )
    return None


def _setup(module: str, config: DjangoConfig) -> str | None:
    try:
        importlib.import_module(module)
    except Exception as exc:
        return (
            f"cannot import Django settings module {module!r} ({type(exc).__name__}: {exc}); "
            f"check {config.setting_name} and the python path."
        )
    os.environ["DJANGO_SETTINGS_MODULE"] = module  # how Django is told; this is a build process
    try:
        import django

        django.setup()
    except Exception as exc:
        return f"django.setup() failed with settings {module!r}: {type(exc).__name__}: {exc}"
    return None


# -- files to watch ---------------------------------------------------------------


def source_files(consumers: Iterable[type]) -> tuple[Path, ...]:
    """Project files that shape the specs of ``consumers``: their classes and payload types."""
    from ..metadata import get_doc

    objects: list[Any] = []
    for consumer in consumers:
        for klass in inspect.getmro(consumer):
            objects.append(klass)
            # Every record along the MRO (overridden ones too): a superset is fine for
            # watching, and it skips collect_operations' per-consumer copies.
            for value in vars(klass).values():
                doc = get_doc(value)
                if doc is not None:
                    objects += [doc.payload, *doc.responses.values()]
    modules = {getattr(o, "__module__", None) for o in objects if o is not None}
    files = [_module_file(m) for m in sorted(m for m in modules if isinstance(m, str))]
    return _unique(f for f in files if f is not None and _is_project_file(f))


def dotted_files(paths: Iterable[str]) -> tuple[Path, ...]:
    # Found without importing, so a module that fails to import is still watched.
    files = []
    for dotted in paths:
        try:
            found = importlib.util.find_spec(dotted.rpartition(".")[0])
        except (ImportError, ValueError):
            continue
        if found is not None and found.origin and Path(found.origin).is_file():
            files.append(Path(found.origin).resolve())
    return _unique(f for f in files if _is_project_file(f))


def settings_files() -> tuple[Path, ...]:
    """Without explicit consumers, settings and routing decide what is documented."""
    from django.conf import settings

    names = [getattr(settings, "SETTINGS_MODULE", None)]
    asgi = getattr(settings, "ASGI_APPLICATION", None)
    if isinstance(asgi, str):
        names.append(asgi.rpartition(".")[0])
    # Routes usually live in ``routing`` modules that the ASGI module imports.
    names += sorted(n for n in list(sys.modules) if n.rpartition(".")[2] == "routing")
    files = [_module_file(n) for n in names if n]
    return tuple(dict.fromkeys(f for f in files if f is not None and _is_project_file(f)))


def _module_file(name: str) -> Path | None:
    module = sys.modules.get(name)
    path = getattr(module, "__file__", None)
    return Path(path).resolve() if path else None


def _library_roots() -> tuple[Path, ...]:
    keys = ("stdlib", "platstdlib", "purelib", "platlib")
    paths = sysconfig.get_paths()
    return tuple(Path(paths[k]).resolve() for k in keys if k in paths)


def _is_project_file(path: Path) -> bool:
    return path.suffix == ".py" and not any(path.is_relative_to(r) for r in _library_roots())


def _unique(paths: Iterable[Path]) -> tuple[Path, ...]:
    return tuple(dict.fromkeys(paths))
