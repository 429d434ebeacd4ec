"""``benchmarks/run.py --quick`` runs end to end and reports every figure (no timings checked)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "run.py"

FIGURES = [
    "`get_spec()`",
    "`get_spec()` undecorated, nothing cached",
    "`get_spec()` undecorated, inference cached",
    "`get_yaml()`",
    "`get_json()`",
    "`yaml.dump(spec, CSafeDumper)`, same options",
    "build only (`get_spec(copy=False)`, no render)",
    "`get_yaml()`, cyclic GC paused (diagnostic)",
    "time in cyclic GC during `get_yaml()`",
    "spec view, cold (cache cleared)",
    "spec view, warm (200, full body)",
    "spec view, warm (304, If-None-Match)",
    "spec view, 10 request hosts, cold",
    "`export_asyncapi` end to end",
    "interpreter + `django.setup()` only",
    "`import channels_spectacular` (cumulative)",
    "peak traced memory, `get_spec()`",
    "peak traced memory, `get_yaml()`",
    "peak RSS of the process, after `get_yaml()`",
    "peak RSS `get_yaml()` adds to the process",
    "size of the YAML document",
    "peak RSS the build alone adds",
    "the cached document, held after the build",
    "`get_yaml()` (paired with the cold view)",
    "generation in a fresh process",
    "`django.setup()` in a fresh process",
    "Sphinx build, page with W200 embed",
    "Sphinx build, same page without embed",
    "MkDocs build, page with W200 embed",
    "MkDocs build, same page without embed",
]
TARGETS = [
    "`get_yaml(W200)` / `yaml.dump` of its own dict",
    "warm spec view, median",
    "documents built for 10 request hosts",
    "inference of W200 undecorated / their generation",
    "`get_yaml()` W2000 / W200 time",
    "`import channels_spectacular`",
    "`get_spec()` W2000 / W200 time",
    "cold spec view / `get_yaml()` (W200)",
    "peak RSS `get_yaml(W2000)` adds / YAML size",
    "`get_spec(W200-peer)` / the peer's `get_spec()`, same consumers",
    "warm spec view: the peer's median / ours",
    "Sphinx build: one W200 embed",
    "MkDocs build: one W200 embed",
]


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """Stdout of one quick run in a scratch dir, and the page it wrote."""
    tmp = tmp_path_factory.mktemp("bench")
    page = tmp / "performance.md"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    proc = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--quick",
            "--work-dir",
            str(tmp / "work"),
            "--output",
            str(page),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stdout, page.read_text(encoding="utf-8")


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ")]


def test_prints_the_figures_table_with_every_row(quick_run: tuple[str, str]) -> None:
    stdout, _ = quick_run
    assert "| Figure | Workload | Best | Median | Spread | Best CPU | N | Note |" in stdout
    rows = table_rows(stdout)
    for figure in FIGURES:
        assert any(row.startswith(f"| {figure}") for row in rows), figure
    for workload in ("W200", "W2000", "Mixed"):
        assert any(row.startswith("| `get_yaml()` |") and f"| {workload} |" in row for row in rows)


def test_prints_every_target_with_a_verdict(quick_run: tuple[str, str]) -> None:
    stdout, _ = quick_run
    assert "| Target | Measured | Limit | Result | Note |" in stdout
    rows = table_rows(stdout)
    for target in TARGETS:
        row = next((r for r in rows if r.startswith(f"| {target}")), None)
        assert row is not None, target
        assert any(v in row for v in ("**PASS**", "**FAIL**", "**n/a**")), row


def test_writes_the_same_page_it_prints(quick_run: tuple[str, str]) -> None:
    stdout, page = quick_run
    assert page.startswith("# Performance")
    assert page.strip() in stdout
    for heading in ("## Targets", "## Figures", "## Machine", "## Reproduce"):
        assert heading in page
    assert "make bench" in page


def test_scaling_notes_split_the_process_time_from_the_kernels() -> None:
    """The best run of each side is split into user and system time; none measured: no note."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from measure import Sample, _sample
        from run import split_note
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    small = _sample([(0.08, 0.070, 0.004), (0.08, 0.069, 0.005)])
    big = _sample([(0.8, 0.720, 0.060), (0.8, 0.700, 0.050)])
    assert small.best_split == pytest.approx((0.064, 0.005))
    note = split_note(big, small)
    assert "user 10.16x, system 10.00x" in note
    assert "50.0 ms vs 5.0 ms" in note
    assert split_note(Sample((0.8,), cpu=(0.7,)), small) == ""
    assert split_note(_sample([(0.8, 0.7, 0.0)]), small) == ""
