#!/usr/bin/env python3
"""Copy the pinned third-party files from node_modules into the package (never committed).

- the AsyncAPI viewer (``@asyncapi/react-component`` standalone bundle, CSS, licences)
  into ``static/channels_spectacular/vendor/asyncapi-react-<version>/``, plus
  ``integrity.json`` with the SRI hashes the CDN mode needs;
- the AsyncAPI 3.0.0 JSON Schema (``@asyncapi/specs``) into ``schemas/`` for ``--validate``.

Run after ``npm ci`` (``make`` does); ``setup.py`` runs it before building a wheel. Files
are rewritten only when their content changed. ``--npm`` runs ``npm ci`` first when
node_modules is missing. Exit 1 with one line on stderr when something is wrong.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "channels_spectacular"
VIEWER_PKG = Path("node_modules/@asyncapi/react-component")
SPECS_PKG = Path("node_modules/@asyncapi/specs")
SCHEMA_FILE = "asyncapi-3.0.0.json"
NO_NPM = (
    "building channels-spectacular from a git checkout needs npm (Node.js) to fetch the "
    "pinned viewer assets: install Node.js, or pip install a release or sdist, which carries them"
)
NO_NODE_MODULES = "node_modules is missing: run `npm ci` first (make does)."


class BuildError(Exception):
    """A problem a developer can fix; reported as one line."""


def pinned_version(root: Path) -> str:
    """``VIEWER_VERSION`` from viewer.py, read as text so no import (or Django) is needed."""
    source = (root / "src/channels_spectacular/viewer.py").read_text(encoding="utf-8")
    match = re.search(r'^VIEWER_VERSION = "([^"]+)"', source, re.M)
    if not match:
        raise BuildError("VIEWER_VERSION not found in src/channels_spectacular/viewer.py")
    return match.group(1)


def sri(data: bytes) -> str:
    """A Subresource Integrity value (sha384) for ``data``."""
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def vendor_dir(root: Path, version: str) -> Path:
    """Where the viewer files go (viewer.VENDOR_DIR under the package static root)."""
    return (
        root
        / "src/channels_spectacular/static/channels_spectacular/vendor"
        / (f"asyncapi-react-{version}")
    )


def copies(root: Path, version: str) -> dict[Path, Path]:
    """Source file → package destination."""
    target = vendor_dir(root, version)
    viewer, specs = root / VIEWER_PKG, root / SPECS_PKG
    schemas = root / "src/channels_spectacular/schemas"
    return {
        viewer / "browser/standalone/index.js": target / "index.js",
        viewer / "browser/standalone/index.js.LICENSE.txt": target / "index.js.LICENSE.txt",
        viewer / "styles/default.min.css": target / "default.min.css",
        viewer / "LICENSE": target / "LICENSE",
        specs / "schemas/3.0.0.json": schemas / SCHEMA_FILE,
        specs / "LICENSE": schemas / "LICENSE",
    }


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds it (no mtime churn, no reload loops)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def check_installed(root: Path, version: str) -> None:
    package_json = root / VIEWER_PKG / "package.json"
    found = json.loads(package_json.read_text(encoding="utf-8"))["version"]
    if found != version:
        raise BuildError(
            f"node_modules has @asyncapi/react-component {found}, viewer.py pins {version}: "
            "update package.json/package-lock.json and run `npm ci`."
        )


def build(root: Path = ROOT) -> list[Path]:
    """Copy every asset and write the SRI file; returns the files that changed."""
    version = pinned_version(root)
    check_installed(root, version)
    changed = []
    integrity = {}
    for source, target in copies(root, version).items():
        data = source.read_bytes()
        if target.name in ("index.js", "default.min.css"):
            integrity[target.name] = sri(data)
        if write_if_changed(target, data):
            changed.append(target)
    manifest = {"version": version, "integrity": integrity}
    manifest_path = vendor_dir(root, version) / "integrity.json"
    text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
    if write_if_changed(manifest_path, text.encode()):
        changed.append(manifest_path)
    return changed


def built(root: Path) -> bool:
    """True when every asset is already in the package (e.g. building from an sdist)."""
    version = pinned_version(root)
    return all(target.is_file() for target in copies(root, version).values())


def ensure_node_modules(root: Path) -> None:
    if (root / VIEWER_PKG).is_dir():
        return
    if not (root / "package-lock.json").is_file():
        raise BuildError("node_modules and package-lock.json are missing: cannot fetch assets.")
    if shutil.which("npm") is None:
        raise BuildError(NO_NPM)
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=root, check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="project root")
    parser.add_argument("--npm", action="store_true", help="`npm ci` if node_modules is absent")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        if not (root / VIEWER_PKG).is_dir() and built(root):
            print("build_assets: node_modules absent, packaged assets already present")
            return 0
        if args.npm:
            ensure_node_modules(root)
        if not (root / VIEWER_PKG).is_dir():
            raise BuildError(NO_NPM if shutil.which("npm") is None else NO_NODE_MODULES)
        changed = build(root)
    except (BuildError, OSError, subprocess.CalledProcessError) as exc:
        print(f"build_assets: error: {exc}", file=sys.stderr)
        return 1
    print(f"build_assets: {len(changed)} file(s) updated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
