"""Runs the example projects' own consumer tests, each under its own settings.

Each example is a separate Django project (``rideshare.settings``, ``townhall.settings``),
so its tests run in a subprocess: one Django process cannot hold two settings modules. The
pytest config is written to a temporary ini so the example's run does not depend on this
suite's config.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

INI = """\
[pytest]
DJANGO_SETTINGS_MODULE = {project}.settings
asyncio_mode = auto
asyncio_default_fixture_loop_scope = function
addopts = -ra -p no:cacheprovider
filterwarnings = error::DeprecationWarning:channels_spectacular.*
"""


@pytest.mark.parametrize("project", ["rideshare", "townhall"])
def test_example_consumer_tests_pass(tmp_path, project):
    example = EXAMPLES / project
    ini = tmp_path / "pytest.ini"
    ini.write_text(INI.format(project=project))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": f"{project}.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(example), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-c", str(ini), "--rootdir", "."],
        cwd=example,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert " passed" in output and " failed" not in output, output
