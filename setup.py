"""Build hook: put the pinned viewer bundle and AsyncAPI JSON Schema into the package.

Metadata lives in pyproject.toml; this file only makes ``build_py`` run
``tools/build_assets.py`` first (with ``npm ci`` when node_modules is missing), so every
built wheel ships the assets as package data and works offline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUILD_ASSETS = ROOT / "tools" / "build_assets.py"


class BuildPyWithAssets(build_py):
    """``build_py`` that builds the third-party assets before collecting package data."""

    def run(self) -> None:
        # An sdist built after the assets already carries them and may lack tools/.
        if BUILD_ASSETS.is_file():
            subprocess.run([sys.executable, str(BUILD_ASSETS), "--npm"], cwd=ROOT, check=True)
        super().run()


setup(cmdclass={"build_py": BuildPyWithAssets})
