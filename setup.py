"""Build hook: put the pinned viewer bundle and AsyncAPI JSON Schema into the package.

Metadata lives in pyproject.toml; this file only makes ``build_py`` and ``sdist`` run
``tools/build_assets.py`` first (with ``npm ci`` when node_modules is missing), so every
built wheel and sdist ships the assets as package data: installing either needs no Node.js.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
BUILD_ASSETS = ROOT / "tools" / "build_assets.py"


def build_assets() -> None:
    """Run tools/build_assets.py; on failure stop with its one-line reason, no traceback."""
    # An sdist carries the built assets (the script then has nothing to do) and may lack tools/.
    if not BUILD_ASSETS.is_file():
        return
    result = subprocess.run(
        [sys.executable, str(BUILD_ASSETS), "--npm"], cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        lines = (result.stderr or result.stdout).strip().splitlines() or ["build_assets failed"]
        raise SystemExit(lines[-1])


class BuildPyWithAssets(build_py):
    """``build_py`` that builds the third-party assets before collecting package data."""

    def run(self) -> None:
        build_assets()
        super().run()


class SdistWithAssets(sdist):
    """``sdist`` that carries the built assets, so installing it needs no Node.js."""

    def run(self) -> None:
        build_assets()
        super().run()


setup(cmdclass={"build_py": BuildPyWithAssets, "sdist": SdistWithAssets})
