"""Runs the rideshare example's own consumer tests, under the example's settings.

The example is a separate Django project (``rideshare.settings``), so its tests run in a
subprocess: one Django process cannot hold two settings modules. The pytest config is
written to a temporary ini so the example's run does not depend on this suite's config.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "rideshare"

INI = """\
[pytest]
DJANGO_SETTINGS_MODULE = rideshare.settings
asyncio_mode = auto
asyncio_default_fixture_loop_scope = function
addopts = -ra -p no:cacheprovider
filterwarnings = error::DeprecationWarning:channels_spectacular.*
"""


def test_example_consumer_tests_pass(tmp_path):
    ini = tmp_path / "pytest.ini"
    ini.write_text(INI)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "rideshare.settings"}
    env["PYTHONPATH"] = os.pathsep.join([str(EXAMPLE), env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-c", str(ini), "--rootdir", "."],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert " passed" in output and " failed" not in output, output
