"""Measurements that need a fresh interpreter; each prints one JSON value on its last line.

probe.py modules                 what ``import channels_spectacular`` pulls in
probe.py coldgen WORKLOAD FMT    first-time generation in a new process (docs builds pay it)
probe.py idle                    nothing: the interpreter and probe start-up, for subtraction
probe.py memory WORKLOAD         peak memory of generating WORKLOAD
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
from importlib import import_module
from typing import Any

WATCHED = ("rest_framework", "pydantic", "yaml", "django", "channels")


def modules() -> dict[str, Any]:
    """Which heavy libraries ``import channels_spectacular`` imports."""
    before = set(sys.modules)
    import_module("channels_spectacular")
    new = set(sys.modules) - before
    return {name: any(m == name or m.startswith(name + ".") for m in new) for name in WATCHED}


def _setup() -> None:
    import django

    django.setup()


def _render(workload: str, fmt: str) -> str:
    from channels_spectacular import AsyncAPIGenerator

    endpoints = import_module(f"benchproj.{workload}").ENDPOINTS
    generator = AsyncAPIGenerator(consumers=endpoints)
    return generator.get_json() if fmt == "json" else generator.get_yaml()


def coldgen(workload: str, fmt: str) -> dict[str, float]:
    """Seconds of ``django.setup()``, then from importing the workload to the rendered text."""
    start = time.perf_counter()
    _setup()
    setup = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    _render(workload, fmt)
    return {
        "setup": setup,
        "seconds": time.perf_counter() - start,
        "cpu": time.process_time() - cpu,
    }


def idle() -> dict[str, float]:
    """Nothing: what starting and stopping this script costs on its own."""
    return {}


def _maxrss_bytes() -> int:
    """Peak resident memory of this process so far."""
    # VmHWM belongs to this program's own address space. ru_maxrss would do elsewhere, but
    # on Linux it keeps the peak from before exec(), i.e. the benchmark process that
    # spawned this one.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale


def memory(workload: str) -> dict[str, float]:
    """Peak bytes while generating: tracemalloc for get_spec and get_yaml, and RSS growth."""
    _setup()
    from channels_spectacular import AsyncAPIGenerator

    endpoints = import_module(f"benchproj.{workload}").ENDPOINTS
    import yaml  # noqa: F401  (imported up front so the RSS growth is the work, not code)

    rss_before = _maxrss_bytes()
    text = AsyncAPIGenerator(consumers=endpoints).get_yaml()
    out = {"rss_before": float(rss_before), "rss_after": float(_maxrss_bytes())}
    out["yaml_bytes"] = float(len(text.encode("utf-8")))
    del text
    for name in ("get_spec", "get_yaml"):
        tracemalloc.start()
        result = getattr(AsyncAPIGenerator(consumers=endpoints), name)()
        out[f"traced_{name}"] = float(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        del result
    return out


def main(argv: list[str]) -> None:
    """Dispatch to one probe and print its JSON result."""
    command, *args = argv
    probes = {"modules": modules, "coldgen": coldgen, "memory": memory, "idle": idle}
    print(json.dumps(probes[command](*args)))


if __name__ == "__main__":
    main(sys.argv[1:])
