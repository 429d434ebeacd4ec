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
    "`get_spec(W200)` / the peer's `get_spec()`, same consumers",
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
