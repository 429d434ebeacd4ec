"""Timings of one implementation in a fresh process: this package, or the peer under the same name.

django-channels-spectacular 0.1.1 (the peer) is imported as ``channels_spectacular`` too, so
it can only run in a process of its own: ``run.py`` starts this script with the peer's
install directory first on ``PYTHONPATH`` and ``--peer``, which also takes this package's
editable-install finder off ``sys.meta_path`` (it would otherwise serve submodules such
as ``channels_spectacular.apps`` from ``src``). The same script without ``--peer`` times
this package, so both sides are measured the same way, on the same generated consumers.

peer.py [--peer] spec WORKLOAD N     best-of-N ``get_spec()`` on a fresh generator each time
peer.py [--peer] view WORKLOAD N     N warm requests to the YAML spec view (Django test client)

The last line printed is JSON: ``{"wall": [...], "cpu": [...], "version": ..., "counts": ...}``;
``counts`` (``spec`` only) holds how many channels, operations and messages the document has,
so the report can show that both sides documented every consumer; ``aliased`` (1: a caller
writing into a returned document changes later ones) and ``copy_cpu`` (a C-speed
``marshal`` round trip of the document: what any document the caller owns costs at least).
"""

from __future__ import annotations

import gc
import json
import marshal
import sys
import time
from importlib import import_module
from typing import Any

urlpatterns: list[Any] = []  # this module is the URLconf of ``view`` (filled in there)


def _drop_editable_finder() -> None:
    sys.meta_path[:] = [
        f for f in sys.meta_path if not getattr(f, "__module__", "").startswith("__editable__")
    ]


def _timed(fn: Any) -> tuple[float, float]:
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def spec(workload: str, n: int, counts: dict[str, int]) -> list[tuple[float, float]]:
    """``get_spec()`` of the workload, a fresh generator each run (as ``run.py`` does)."""
    from channels_spectacular import AsyncAPIGenerator

    endpoints = import_module(f"benchproj.{workload}").ENDPOINTS
    document = AsyncAPIGenerator(consumers=endpoints).get_spec()  # first-use imports stay out
    counts["channels"] = len(document.get("channels", {}))
    counts["operations"] = len(document.get("operations", {}))
    counts["messages"] = len(document.get("components", {}).get("messages", {}))
    counts["aliased"] = aliased(lambda: AsyncAPIGenerator(consumers=endpoints).get_spec())
    # The least any independent document costs: a copy of this one at C speed.
    counts["copy_cpu"] = min(
        _timed(lambda: marshal.loads(marshal.dumps(document)))[1] for _ in range(n)
    )
    return [_timed(lambda: AsyncAPIGenerator(consumers=endpoints).get_spec()) for _ in range(n)]


def _dicts(data: Any) -> list[dict[str, Any]]:
    found, stack = [], [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def aliased(get_spec: Any) -> int:
    """1 when writing into one ``get_spec()`` result shows up in the next one (shared objects).

    A mark goes into every dict of a first document; a second generator's document is
    searched for it; the marks are taken out again so the timed runs see clean objects.
    """
    first = _dicts(get_spec())
    for item in first:
        item[MARK] = True
    try:
        return int(any(MARK in item for item in _dicts(get_spec())))
    finally:
        for item in first:
            item.pop(MARK, None)


MARK = "x-benchmark-mark"


def view(workload: str, n: int, counts: dict[str, int]) -> list[tuple[float, float]]:
    """Warm requests to the YAML spec view over the workload's consumers."""
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import path

    from channels_spectacular.views import AsyncAPISpecView

    endpoints = import_module(f"benchproj.{workload}").ENDPOINTS
    urlpatterns.append(path("ws-docs/asyncapi.yaml", AsyncAPISpecView.as_view(consumers=endpoints)))
    client, url = Client(), "/ws-docs/asyncapi.yaml"

    def get() -> None:
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"spec view answered {response.status_code}")

    with override_settings(ROOT_URLCONF=__name__):
        get()  # the first request: whatever either side builds or caches once
        runs = []
        for _ in range(n):
            wall, cpu = time.perf_counter(), time.process_time()
            get()
            runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return runs


def main(argv: list[str]) -> None:
    """Set Django up with the benchmark settings, run one measurement, print it as JSON."""
    if argv and argv[0] == "--peer":
        _drop_editable_finder()
        argv = argv[1:]
    command, workload, n = argv
    import django

    django.setup()
    import channels_spectacular

    counts: dict[str, int] = {}
    runs = {"spec": spec, "view": view}[command](workload, int(n), counts)
    print(
        json.dumps(
            {
                "wall": [w for w, _ in runs],
                "cpu": [c for _, c in runs],
                "version": getattr(channels_spectacular, "__version__", "?"),
                "file": channels_spectacular.__file__,
                "counts": counts,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
