"""Declared ranges are tested ranges: pyproject.toml, constraints/minimum.txt and the table
of supported versions in the docs say the same thing, and .venv-min really has the floors."""

from __future__ import annotations

import os
import sys
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.version import Version

pytestmark = pytest.mark.minimum

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
MINIMUM = ROOT / "constraints" / "minimum.txt"
TABLE_PAGE = ROOT / "docs" / "pages" / "versions.md"
# Set by `make pytest-min`: this run is on the lowest versions.
ON_MINIMUM = os.environ.get("CHANNELS_SPECTACULAR_TEST_VERSIONS") == "minimum"


def declared() -> dict[str, SpecifierSet]:
    """Every requirement users get (dependencies and extras; not the dev tools), by name."""
    extras = PYPROJECT["optional-dependencies"]
    lines = PYPROJECT["dependencies"] + [
        line for extra, group in extras.items() if extra != "dev" for line in group
    ]
    requirements = [Requirement(line) for line in lines]
    return {r.name: r.specifier for r in requirements}


def floor(specifier: SpecifierSet) -> str:
    (lowest,) = [s.version for s in specifier if s.operator == ">="]
    return lowest


def pins() -> dict[str, str]:
    """``name==version`` lines of constraints/minimum.txt."""
    found = {}
    for line in MINIMUM.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, pinned = line.split("==")
            found[name.strip()] = pinned.strip()
    return found


def table() -> dict[str, list[str]]:
    """Rows of the supported-versions table, by package: its cells without backticks."""
    rows = {}
    for line in TABLE_PAGE.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 5 and not set(cells[0]) <= {"-"}:
            rows[cells[0]] = cells
    rows.pop("Package")
    return rows


def test_every_declared_floor_is_pinned_in_the_minimum_file() -> None:
    requirements = declared()
    assert set(pins()) == set(requirements)
    for name, pinned in pins().items():
        assert Version(pinned) == Version(floor(requirements[name])), name


def test_the_docs_table_matches_pyproject_and_the_minimum_file() -> None:
    rows = table()
    requirements = declared()
    assert set(rows) == {"Python", *requirements}
    python = SpecifierSet(PYPROJECT["requires-python"])
    assert SpecifierSet(rows["Python"][2]) == python
    assert rows["Python"][3] == floor(python)
    for name, spec in requirements.items():
        assert SpecifierSet(rows[name][2]) == spec, name
        assert Version(rows[name][3]) == Version(pins()[name]), name


def test_django_six_is_allowed_classified_and_marked_untested() -> None:
    django = declared()["Django"]
    prefix = "Framework :: Django :: "
    classified = {c.removeprefix(prefix) for c in PYPROJECT["classifiers"] if c.startswith(prefix)}
    assert all(django.contains(f"{v}.0") for v in classified), classified
    assert {floor(django), "5.2", "6.0"} <= classified
    assert django.contains("6.0") and not django.contains("7.0")
    assert "6.x is allowed but not tested here" in table()["Django"][4]


@pytest.mark.skipif(not ON_MINIMUM, reason="only in the lowest-versions run (make pytest-min)")
def test_this_environment_has_the_lowest_versions() -> None:
    installed = {name: Version(version(name)) for name in pins()}
    assert installed == {name: Version(pinned) for name, pinned in pins().items()}
    python = floor(SpecifierSet(PYPROJECT["requires-python"]))
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == python
