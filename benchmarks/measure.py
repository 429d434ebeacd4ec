"""Best-of-N timing with the spread, and helpers to run probes in fresh interpreters."""

from __future__ import annotations

import gc
import json
import os
import resource
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
    """Repeated measurements of one figure: wall-clock seconds (or bytes, see ``unit``).

    ``cpu`` holds the CPU seconds of the same runs (user + system, children included for
    subprocesses). Other processes on a busy machine inflate wall time far more than CPU
    time, so the ratio targets are computed on CPU time.
    """

    values: tuple[float, ...]
    unit: str = "s"
    cpu: tuple[float, ...] = ()
    # The kernel's part of each run's CPU time (page faults on fresh memory, mostly).
    system: tuple[float, ...] = ()

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

    @property
    def best_cpu(self) -> float:
        """Best CPU time; the wall time when CPU time was not measured."""
        return min(self.cpu) if self.cpu else self.best

    @property
    def best_split(self) -> tuple[float, float] | None:
        """(user, system) seconds of the run with the best CPU time, when measured."""
        if not self.system:
            return None
        i = self.cpu.index(self.best_cpu)
        return self.cpu[i] - self.system[i], self.system[i]


def _sample(runs: Sequence[tuple[float, ...]]) -> Sample:
    """Wall and CPU seconds per run, and system seconds when each run has a third figure."""
    system = tuple(r[2] for r in runs) if all(len(r) > 2 for r in runs) else ()
    return Sample(tuple(r[0] for r in runs), cpu=tuple(r[1] for r in runs), system=system)


def timed(fn: Callable[[], Any]) -> tuple[float, float]:
    """Wall and CPU seconds of one call of ``fn``; earlier garbage is collected first."""
    gc.collect()  # so a collection owed by the previous run is not billed to this one
    return _clocked(fn)


def timed_split(fn: Callable[[], Any]) -> tuple[float, float, float]:
    """Wall, CPU and system seconds of one call of ``fn`` (see :func:`timed`)."""
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_stime  # os.times() counts in ticks
    wall, cpu = _clocked(fn)
    return wall, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_stime - before


def _clocked(fn: Callable[[], Any]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def repeat(fn: Callable[[], Any], n: int) -> Sample:
    """``n`` timings of ``fn``."""
    return _sample([timed(fn) for _ in range(n)])


def interleaved(fns: Sequence[Callable[[], Any]], n: int) -> list[Sample]:
    """``n`` rounds of each function in turn, so drifting machine load hits all of them."""
    runs: list[list[tuple[float, float, float]]] = [[] for _ in fns]
    for _ in range(n):
        for fn, out in zip(fns, runs, strict=True):
            out.append(timed_split(fn))
    return [_sample(r) for r in runs]


def many(fn: Callable[[], Any], n: int) -> Sample:
    """``n`` back-to-back timings of a fast call (no collection in between)."""
    runs = []
    for _ in range(n):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    return _sample(runs)


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


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(
    cmd: Sequence[str], env: dict[str, str], cwd: Path | None = None
) -> tuple[float, float, str]:
    """Wall-clock and CPU seconds of a whole subprocess, start-up included; its stdout."""
    wall, cpu = time.perf_counter(), _children_cpu()
    out = run(cmd, env, cwd)
    return time.perf_counter() - wall, _children_cpu() - cpu, out


def interleaved_runs(
    cmds: Sequence[Sequence[str]],
    env: dict[str, str],
    n: int,
    cwd: Path | None = None,
    outputs: list[list[str]] | None = None,
) -> list[Sample]:
    """``n`` rounds of each command in turn; ``outputs`` collects each command's stdouts."""
    runs: list[list[tuple[float, float]]] = [[] for _ in cmds]
    if outputs is not None:
        outputs[:] = [[] for _ in cmds]
    for _ in range(n):
        for i, cmd in enumerate(cmds):
            wall, cpu, out = run_timed(cmd, env, cwd)
            runs[i].append((wall, cpu))
            if outputs is not None:
                outputs[i].append(out)
    return [_sample(r) for r in runs]


def probe(work_dir: Path, *args: str, env_extra: dict[str, str] | None = None) -> Any:
    """Run ``probe.py`` in a fresh interpreter; it prints one JSON value."""
    script = Path(__file__).with_name("probe.py")
    out = run([PYTHON, str(script), *args], env_with(work_dir, **(env_extra or {})))
    return json.loads(out.strip().splitlines()[-1])
