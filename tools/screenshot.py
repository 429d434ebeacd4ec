#!/usr/bin/env python3
"""Take the README screenshots: the example project's docs on every surface, light and dark.

    .venv/bin/python tools/screenshot.py [-o docs/images]

Serves ``examples/rideshare`` with ``runserver`` (daphne's, which the example installs) on
127.0.0.1 at a free port, after migrating a temporary SQLite database, so the example's
own ``db.sqlite3`` is never touched. Builds the example's Sphinx (furo) and MkDocs
(Material) docs into a temporary folder, pointed at that server. Then, with Python
Playwright and Debian's Chromium:

* ``ws-docs.png``: ``/ws-docs/`` at 1600x1000, once the viewer has rendered;
* ``console-{django,sphinx,mkdocs}-{light,dark}.png``: each surface after "Try it" on
  ``request_ride`` and a round trip in the docked console (at 0.6 scale, to stay small).

Any request that leaves 127.0.0.1 is blocked and makes the script fail, as does a console
error or a viewer error: the pictures must show the offline pages as users get them.

Exit status 0 on success, 1 with one line on stderr otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rideshare"
OUTPUT = ROOT / "docs" / "images"
DEMO_PORT = 8000
DEMO_URL = f"ws://127.0.0.1:{DEMO_PORT}"  # what the example docs point their console at
SURFACES = ("django", "sphinx", "mkdocs")
MODES = ("light", "dark")
CONSOLE_SCALE = 0.6
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 1000}
TIMEOUT = 60.0  # seconds, for the server and for the viewer

SETTINGS = """\
from rideshare.settings import *  # noqa: F403

DEBUG = True  # runserver serves the viewer's static files
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
"""

# The viewer is done when its content panel exists; its error box means it failed.
VIEWER_STATE = """() => {
  const root = document.querySelector('.cs-asyncapi .aui-root');
  if (!root) return null;
  const error = root.querySelector('.border-red-500');
  if (error) return {error: error.innerText.trim()};
  return root.querySelector('.panel--center') ? {ok: true} : null;
}"""


class ScreenshotError(Exception):
    """Something that stops the screenshot; reported as one line."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT, help=f"default {OUTPUT}")
    args = parser.parse_args(argv)
    try:
        with tempfile.TemporaryDirectory(prefix="cs-screenshot-") as tmp:
            env = project_env(Path(tmp))
            migrate(env)
            with serve(env) as base_url:
                sites = build_sites(Path(tmp), base_url)
                sys.path.insert(0, str(ROOT))
                from tests.support.browser import static_server

                with (
                    static_server(sites["sphinx"]) as sphinx,
                    static_server(sites["mkdocs"]) as mkdocs,
                ):
                    pages = {
                        "django": f"{base_url}/ws-docs/",
                        "sphinx": f"{sphinx}riders.html",
                        "mkdocs": f"{mkdocs}rides/",
                    }
                    take(pages["django"], args.output / "ws-docs.png")
                    for surface in SURFACES:
                        for mode in MODES:
                            output = args.output / f"console-{surface}-{mode}.png"
                            take(pages[surface], output, mode=mode, console=True)
    except ScreenshotError as exc:
        print(f"screenshot: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote the screenshots to {args.output}")
    return 0


def build_sites(tmp: Path, base_url: str) -> dict[str, Path]:
    """The example's Sphinx and MkDocs sites, their consoles pointed at ``base_url``."""
    (tmp / "examples").mkdir()
    (tmp / "examples" / "rideshare").symlink_to(EXAMPLE)
    url = "ws://" + base_url.split("//", 1)[1]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(EXAMPLE)])}
    out = {}
    for name in ("sphinx", "mkdocs"):
        source = tmp / "examples" / name
        shutil.copytree(ROOT / "examples" / name, source, ignore=shutil.ignore_patterns("_build"))
        for page in [*source.rglob("*.rst"), *source.rglob("*.md")]:
            page.write_text(page.read_text().replace(DEMO_URL, url))
        out[name] = tmp / f"{name}-site"
        if name == "sphinx":
            command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(source)]
            command.append(str(out[name]))
        else:
            command = [sys.executable, "-m", "mkdocs", "build", "-q"]
            command += ["-f", str(source / "mkdocs.yml"), "-d", str(out[name])]
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise ScreenshotError(f"{name} build failed: {last_line(result.stderr)}")
    return out


def project_env(tmp: Path) -> dict[str, str]:
    """Environment for the example project with a temporary database."""
    (tmp / "screenshot_settings.py").write_text(SETTINGS.format(db=str(tmp / "db.sqlite3")))
    paths = [str(tmp), str(EXAMPLE), os.environ.get("PYTHONPATH", "")]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "screenshot_settings",
        "PYTHONPATH": os.pathsep.join(p for p in paths if p),
    }


def migrate(env: dict[str, str]) -> None:
    command = [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"]
    result = subprocess.run(command, cwd=EXAMPLE, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise ScreenshotError(f"migrate failed: {last_line(result.stderr or result.stdout)}")


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def serve(env: dict[str, str]) -> Iterator[str]:
    """Run the example on 127.0.0.1; yields its base URL and stops it afterwards.

    On port 8000 when it is free, so the pictures show the server `make demo` serves.
    """
    port = DEMO_PORT if port_is_free(DEMO_PORT) else free_port()
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=EXAMPLE, env=env, stdout=log, stderr=log)
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base_url}/ws-docs/asyncapi.yaml", process, log)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise ScreenshotError(f"the server exited: {last_line(output)}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    raise ScreenshotError(f"{url} did not answer within {TIMEOUT:.0f}s")


def take(url: str, output: Path, mode: str = "light", console: bool = False) -> None:
    """Open ``url`` in headless Chromium and save the viewport once the viewer is ready.

    With ``console``: "Try it" on ``request_ride``, send it, and wait for the valid reply.
    """
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    errors: list[str] = []

    def route(request_route: Any) -> None:
        url = request_route.request.url
        if url.startswith(("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(
                    viewport=VIEWPORT,
                    color_scheme=mode,
                    device_scale_factor=CONSOLE_SCALE if console else 1,
                )
                page.route("**/*", route)
                page.on("console", lambda m: m.type == "error" and errors.append(m.text))
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto(url, wait_until="networkidle")
                state = page.wait_for_function(VIEWER_STATE, timeout=TIMEOUT * 1000).json_value()
                if "error" in state:
                    raise ScreenshotError(f"the viewer shows an error: {state['error']}")
                if console:
                    round_trip(page)
                page.wait_for_timeout(500)  # let fonts and layout settle
                if blocked:
                    raise ScreenshotError(f"the page requested other hosts: {', '.join(blocked)}")
                if errors:
                    raise ScreenshotError(f"console errors: {'; '.join(errors)}")
                output.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(output))
            finally:
                browser.close()
    except PlaywrightError as exc:
        raise ScreenshotError(f"Chromium: {last_line(str(exc))}") from exc


def round_trip(page: Any) -> None:
    """Try it on request_ride, send the example, wait for the valid reply."""
    button = page.locator(".cs-try-op[data-operation='request_ride'] .cs-try-it")
    button.scroll_into_view_if_needed(timeout=TIMEOUT * 1000)
    button.click()
    page.wait_for_selector("[data-cs-console][data-cs-ready]", timeout=TIMEOUT * 1000)
    param = page.locator(".cs-try-param[data-param='ride_id']")
    if param.count() and not param.input_value():
        param.fill("42")
    page.click(".cs-try-send")
    reply = ".cs-try-entry[data-direction='in'][data-message='ride.requested'][data-valid='true']"
    page.wait_for_selector(reply, timeout=TIMEOUT * 1000)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


if __name__ == "__main__":
    sys.exit(main())
