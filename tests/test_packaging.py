"""The built wheel: extension packages mapped into channels_spectacular, assets shipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
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
        "channels_spectacular/templates/channels_spectacular/error.html",
        "channels_spectacular/templatetags/channels_spectacular.py",
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


# -- installing without Node.js -----------------------------------------------------------


def _without_node(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has Python but neither node nor npm."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python").symlink_to(sys.executable)
    return {**os.environ, "PATH": str(bin_dir)}


def _pip_wheel(source: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-w", str(out)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


def test_sdist_carries_the_built_assets_and_installs_without_node(tmp_path: Path):
    dist = tmp_path / "dist"
    build = [sys.executable, "-m", "build", "--sdist", "-o", str(dist), str(ROOT)]
    subprocess.run(build, check=True, capture_output=True, timeout=600)
    (sdist,) = dist.glob("channels_spectacular-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("/vendor/asyncapi-react-3.2.1/index.js") for n in names)
    assert any(n.endswith("/schemas/asyncapi-3.0.0.json") for n in names)
    result = _pip_wheel(sdist, tmp_path / "wheel", _without_node(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    (built,) = (tmp_path / "wheel").glob("*.whl")
    wheel_names = zipfile.ZipFile(built).namelist()
    assert any(n.endswith("/vendor/asyncapi-react-3.2.1/index.js") for n in wheel_names)


def test_git_checkout_without_npm_fails_in_one_line(tmp_path: Path):
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    checkout = tmp_path / "checkout"
    for name in listed:
        if (ROOT / name).is_file():
            (checkout / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, checkout / name)
    result = _pip_wheel(checkout, tmp_path / "wheel", _without_node(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode != 0
    line = "building channels-spectacular from a git checkout needs npm (Node.js)"
    assert line in output and "Traceback" not in output, output


def test_documented_install_brings_validation_and_channels_testing(wheel: Path):
    """`pip install channels-spectacular` alone: --validate, contract tests, channels.testing."""
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith("METADATA")))
    requires = [
        line.split(":", 1)[1].strip()
        for line in metadata.decode().splitlines()
        if line.startswith("Requires-Dist:") and "extra ==" not in line
    ]
    names = {r.split(";")[0].replace(" ", "").split(">")[0].split("<")[0] for r in requires}
    assert "jsonschema" in names  # export_asyncapi --validate, runtime validation
    assert "channels[daphne]" in names  # channels.testing imports daphne
