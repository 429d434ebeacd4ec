"""The built wheel: extension packages mapped into channels_spectacular, assets shipped."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("channels_spectacular-*.whl")
    return built


def test_wheel_ships_extensions_templates_and_offline_assets(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "channels_spectacular/py.typed",
        "channels_spectacular/sphinx/__init__.py",
        "channels_spectacular/mkdocs/__init__.py",
        "channels_spectacular/mkdocs/static/channels_spectacular/mkdocs.css",
        "channels_spectacular/templates/channels_spectacular/docs.html",
        "channels_spectacular/static/channels_spectacular/asyncapi-init.js",
        "channels_spectacular/static/channels_spectacular/try-it-out.js",
        "channels_spectacular/schemas/asyncapi-3.0.0.json",
        "channels_spectacular/management/commands/export_asyncapi.py",
        "channels_spectacular/management/commands/asyncapi_scaffold.py",
    ):
        assert expected in names, expected
    vendor = [n for n in names if "/vendor/asyncapi-react-3.2.1/" in n]
    assert any(n.endswith("/index.js") for n in vendor)
    assert any(n.endswith("/default.min.css") for n in vendor)
    assert not [n for n in names if n.startswith(("sphinx_ext/", "mkdocs_plugin/", "tests/"))]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "channels-spectacular = channels_spectacular.mkdocs:ChannelsSpectacularPlugin" in text


def test_wheel_ships_every_module_of_the_package(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    source = ROOT / "src" / "channels_spectacular"
    modules = [
        f"channels_spectacular/{path.relative_to(source).as_posix()}"
        for path in sorted(source.rglob("*.py"))
        if path.relative_to(source).parts[0] not in ("static", "templates")
    ]
    missing = [m for m in modules if m not in names]
    assert not missing, f"not in the wheel (list the package in pyproject.toml): {missing}"


def test_unpacked_wheel_imports_the_mapped_packages(wheel: Path, tmp_path: Path):
    zipfile.ZipFile(wheel).extractall(tmp_path)
    code = (
        "import channels_spectacular, channels_spectacular.sphinx, channels_spectacular.mkdocs;"
        "print(channels_spectacular.sphinx.__file__); print(channels_spectacular.mkdocs.__file__)"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    sphinx_file, mkdocs_file = result.stdout.split()
    assert sphinx_file.startswith(str(tmp_path)) and mkdocs_file.startswith(str(tmp_path))
