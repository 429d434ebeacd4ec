"""Small Sphinx and MkDocs sites built with the real tools into temp dirs (for the tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

MKDOCS = Path(sys.executable).with_name("mkdocs")
SPHINX = Path(sys.executable).with_name("sphinx-build")


def clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SOURCE_DATE_EPOCH="0")
    return env


def mkdocs_site(
    root: Path,
    pages: dict[str, str],
    files: dict[str, str] | None = None,
    plugin: dict[str, Any] | None = None,
    extensions: list[str] | None = None,
) -> subprocess.CompletedProcess[str]:
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n")
    for name, text in {**pages, **(files or {})}.items():
        (docs / name).write_text(text)
    config: dict[str, Any] = {
        "site_name": "Hardening",
        "theme": {"name": "mkdocs", "highlightjs": False},
        "plugins": [{"channels-spectacular": plugin or {}}],
        "markdown_extensions": extensions or [],
        # MkDocs itself would copy these (or fail on the FIFO); the plugin must not read them.
        "exclude_docs": "link.yaml\nfifo.yaml\nother.yaml\n",
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    command = [str(MKDOCS), "build", "-f", str(root / "mkdocs.yml"), "-d", str(root / "site")]
    return subprocess.run(command, capture_output=True, text=True, env=clean_env(), timeout=300)


def sphinx_site(
    root: Path, index: str, files: dict[str, str] | None = None, conf: str = ""
) -> subprocess.CompletedProcess[str]:
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text(
        f'project = "Hardening"\nextensions = ["channels_spectacular.sphinx"]\n{conf}'
    )
    (src / "index.rst").write_text(index)
    for name, text in (files or {}).items():
        (src / name).write_text(text)
    command = [str(SPHINX), "-b", "html", "-q", str(src), str(root / "out")]
    return subprocess.run(command, capture_output=True, text=True, env=clean_env(), timeout=300)
