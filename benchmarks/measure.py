"""Best-of-N timing with the spread, and helpers to run probes in fresh interpreters."""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


@dataclass(frozen=True)
class Sample:
    """Repeated measurements of one figure, in seconds (or any unit, see ``unit``)."""

    values: tuple[float, ...]
    unit: str = "s"

    @property
    def best(self) -> float:
        return min(self.values)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> float:
        """Worst over best, minus one: how noisy this figure was in this run."""
        return max(self.values) / self.best - 1 if self.best > 0 else 0.0

    @property
    def n(self) -> int:
        return len(self.values)


def timed(fn: Callable[[], Any]) -> float:
    """Seconds one call of ``fn`` takes; garbage from earlier calls is collected first."""
    gc.collect()  # so a collection owed by the previous run is not billed to this one
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def repeat(fn: Callable[[], Any], n: int) -> Sample:
    """``n`` timings of ``fn``."""
    return Sample(tuple(timed(fn) for _ in range(n)))


def interleaved(fns: Sequence[Callable[[], Any]], n: int) -> list[Sample]:
    """``n`` rounds of each function in turn, so drifting machine load hits all of them."""
    runs: list[list[float]] = [[] for _ in fns]
    for _ in range(n):
        for fn, out in zip(fns, runs, strict=True):
            out.append(timed(fn))
    return [Sample(tuple(r)) for r in runs]


def many(fn: Callable[[], Any], n: int) -> Sample:
    """``n`` back-to-back timings of a fast call (no collection in between)."""
    values = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        values.append(time.perf_counter() - start)
    return Sample(tuple(values))


def env_with(work_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for a subprocess that imports the scratch project."""
    env = dict(os.environ)
    paths = [str(work_dir), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    env["DJANGO_SETTINGS_MODULE"] = "benchproj.settings"
    env.pop("PYTHONSTARTUP", None)
    env.update(extra)
    return env


def run(cmd: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> str:
    """Run a command, fail loudly with its output, return its stdout."""
    proc = subprocess.run(list(cmd), env=env, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(
            f"{' '.join(cmd)} exited with {proc.returncode}:\n{proc.stdout}\n{proc.stderr}"
        )
    return proc.stdout


def run_timed(cmd: Sequence[str], env: dict[str, str], cwd: Path | None = None) -> float:
    """Wall-clock seconds of a whole subprocess, start-up included."""
    start = time.perf_counter()
    run(cmd, env, cwd)
    return time.perf_counter() - start


def probe(work_dir: Path, *args: str, env_extra: dict[str, str] | None = None) -> Any:
    """Run ``probe.py`` in a fresh interpreter; it prints one JSON value."""
    script = Path(__file__).with_name("probe.py")
    out = run([PYTHON, str(script), *args], env_with(work_dir, **(env_extra or {})))
    return json.loads(out.strip().splitlines()[-1])
