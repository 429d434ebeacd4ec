"""Clients from the spec: @asyncapi/modelina makes TypeScript models that tsc compiles."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from tests.support.documents import rideshare

ROOT = Path(__file__).resolve().parent.parent
MODELINA = ROOT / "tests" / "support" / "modelina_generate.mjs"
TSC = ROOT / "node_modules" / ".bin" / "tsc"


def test_modelina_models_have_real_names_and_compile(tmp_path):
    spec_file = tmp_path / "asyncapi.json"
    spec_file.write_text(json.dumps(rideshare().get_spec()))
    out = tmp_path / "models"
    result = subprocess.run(
        ["node", str(MODELINA), str(spec_file), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    names = result.stdout.split()
    assert "RequestRideMessage" in names
    assert "RideOfferMessage" in names
    assert not [n for n in names if "Anonymous" in n], names
    files = sorted(str(p) for p in out.glob("*.ts"))
    assert len(files) == len(set(names))
    tsc = subprocess.run(
        [str(TSC), "--noEmit", "--strict", "--target", "es2020", "--skipLibCheck", *files],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert tsc.returncode == 0, tsc.stdout + tsc.stderr
