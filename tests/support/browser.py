"""Browser-test helpers: headless Debian Chromium, local servers, the AsyncAPI viewer.

For every test that loads a page (``/ws-docs/``, Sphinx and MkDocs sites, try-it-out)::

    with static_server(site_dir) as base, browser_page() as (page, log):
        page.goto(base + "index.html")
        text = wait_for_viewer(page)
        log.assert_clean()

Requests that leave 127.0.0.1/localhost are aborted and recorded, so a page that works
in a test works offline.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)
VIEWPORT = {"width": 1600, "height": 1000}  # the viewer shows its sidebar from 1600 px
# The policy the docs pages must work under: 'unsafe-eval' only for the viewer's parser.
STRICT_CSP = "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self'"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
LOCAL_SCHEMES = ("file", "data", "blob", "about")

# Waits until the viewer inside ``root`` shows either the document layout or its error.
_VIEWER_STATE = """(selector) => {
  const host = document.querySelector(selector);
  const root = host && host.querySelector('.aui-root');
  if (!root) return null;
  const error = root.querySelector('.border-red-500');
  if (error) return {error: error.innerText.trim()};
  if (root.querySelector('.panel--center')) return {text: root.innerText};
  return null;
}"""


@dataclass
class BrowserLog:
    """What a page did that a test may object to."""

    console_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Fail on console errors, requests outside localhost or failed requests."""
        assert not self.console_errors, f"console errors: {self.console_errors}"
        assert not self.external_requests, f"requests outside 127.0.0.1: {self.external_requests}"
        assert not self.failed_requests, f"failed requests: {self.failed_requests}"


def chromium_available() -> bool:
    """True when Chromium and Python Playwright are installed (``make test`` installs both)."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return False
    return Path(CHROMIUM).is_file()


def is_local(url: str) -> bool:
    """True for URLs on 127.0.0.1/localhost and for file:, data:, blob: and about: URLs."""
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOCAL_HOSTS


@contextmanager
def browser_page(viewport: Mapping[str, int] | None = None) -> Iterator[tuple[Any, BrowserLog]]:
    """A fresh headless Chromium page and the log of its console errors and requests."""
    from playwright.sync_api import sync_playwright

    log = BrowserLog()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS)
        )
        try:
            context = browser.new_context(viewport=dict(viewport or VIEWPORT))
            context.route("**/*", functools.partial(_route, log))
            page = context.new_page()
            _listen(page, log)
            yield page, log
        finally:
            browser.close()


def wait_for_viewer(page: Any, selector: str = ".cs-asyncapi", timeout: float = 30_000) -> str:
    """Wait until the viewer in ``selector`` rendered a document; its text (fails on errors)."""
    handle = page.wait_for_function(_VIEWER_STATE, arg=selector, timeout=timeout)
    state = handle.json_value()
    assert "error" not in state, f"the AsyncAPI viewer shows an error: {state['error']}"
    return str(state["text"])


@contextmanager
def static_server(directory: Path | str, headers: Mapping[str, str] | None = None) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (optionally with extra headers); yields the base URL."""
    handler = functools.partial(_StaticHandler, directory=str(directory), extra=dict(headers or {}))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def django_server(
    settings_module: str,
    *,
    pythonpath: Sequence[Path | str] = (),
    cwd: Path | str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 60,
) -> Iterator[str]:
    """``runserver`` (daphne's when installed) on a free port, serving static files too.

    ``cwd`` (default: the project root) comes first on the child's ``sys.path``.

    Yields the base URL, e.g. ``http://127.0.0.1:38123/``; the server stops afterwards.
    """
    port = free_port()
    # The project root first, so `tests.support` is ours even next to an example's `tests`.
    paths = [str(ROOT), *(str(p) for p in pythonpath)]
    child_env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings_module,
        "PYTHONPATH": os.pathsep.join([*paths, os.environ.get("PYTHONPATH", "")]),
        **(env or {}),
    }
    command = [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}"]
    command += ["--noreload", "--insecure"]
    with serve_process(command, port, cwd=cwd or ROOT, env=child_env, timeout=timeout) as url:
        yield url


@contextmanager
def serve_process(
    command: Sequence[str],
    port: int,
    *,
    cwd: Path | str,
    env: Mapping[str, str],
    timeout: float = 60,
) -> Iterator[str]:
    """Run a server ``command`` until it listens on ``port``; stop it afterwards."""
    with tempfile.TemporaryFile() as output:
        process = subprocess.Popen(
            list(command), cwd=cwd, env=dict(env), stdout=output, stderr=subprocess.STDOUT
        )
        try:
            _wait_for_port(port, process, output, timeout)
            yield f"http://127.0.0.1:{port}/"
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


class CSPMiddleware:
    """Test-only Django middleware: sends ``STRICT_CSP`` with every response."""

    def __init__(self, get_response: Callable[[Any], Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", STRICT_CSP)
        return response


def ensure_assets() -> None:
    """Build the packaged viewer assets from node_modules if they are missing."""
    from channels_spectacular.viewer import asset_files

    try:
        asset_files("bundled")
    except FileNotFoundError:
        subprocess.run([sys.executable, str(ROOT / "tools" / "build_assets.py")], check=True)


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class _StaticHandler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, *args: Any, extra: dict[str, str], **kwargs: Any) -> None:
        self.extra = extra
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        for name, value in self.extra.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


def _route(log: BrowserLog, route: Any) -> None:
    url = route.request.url
    if is_local(url):
        route.continue_()
    else:  # never touch the network: record it and fail fast
        log.external_requests.append(url)
        route.abort()


def _listen(page: Any, log: BrowserLog) -> None:
    def on_console(message: Any) -> None:
        if message.type == "error" and not _favicon(message.location.get("url", "")):
            log.console_errors.append(message.text)

    def on_response(response: Any) -> None:
        if response.status >= 400 and not _favicon(response.url):
            log.failed_requests.append(f"{response.url} (HTTP {response.status})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: log.console_errors.append(f"uncaught: {error}"))
    page.on("response", on_response)


def _favicon(url: str) -> bool:
    return url.endswith("/favicon.ico")


def _wait_for_port(port: int, process: Any, output: Any, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output.seek(0)
            raise RuntimeError(f"runserver exited early:\n{output.read().decode(errors='replace')}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"runserver did not listen on 127.0.0.1:{port} within {timeout}s")
