"""The try-it-out console in Chromium, against the rideshare example served by daphne.

One daphne ``runserver`` for the module: the example plus one consumer per token scheme
(tests/support/console.py), the docs pages' strict CSP, a migrated SQLite file and one
superuser. Sphinx and MkDocs builds of the example's docs are pointed at it by URL.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import (
    STRICT_CSP,
    browser_page,
    chromium_available,
    django_server,
    ensure_assets,
    free_port,
    static_server,
    wait_for_viewer,
)
from tests.support.console import TOKEN

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rideshare"
USERNAME, PASSWORD = "ada", "console-test-password"
DEMO_URL = "ws://127.0.0.1:8000"  # what the example docs point at (make demo)

needs_browser = pytest.mark.skipif(not chromium_available(), reason="needs Chromium + Playwright")

SETTINGS_MODULE = """
from rideshare.settings import *  # noqa: F403

MIDDLEWARE = ["tests.support.browser.CSPMiddleware", *MIDDLEWARE]  # noqa: F405
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
ASGI_APPLICATION = "tests.support.console.application"
CHANNELS_SPECTACULAR_SETTINGS = {{
    **CHANNELS_SPECTACULAR_SETTINGS,  # noqa: F405
    "SECURITY_SCHEMES": {schemes!r},
}}
"""


def child_env(folder: Path, **extra: str) -> dict[str, str]:
    paths = [str(ROOT), str(folder), str(EXAMPLE), os.environ.get("PYTHONPATH", "")]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "console_settings",
        "PYTHONPATH": os.pathsep.join(paths),
        **extra,
    }


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The example (console on, as in the demo) under daphne, with a superuser."""
    from tests.support.console import SECURITY_SCHEMES

    ensure_assets()
    folder = tmp_path_factory.mktemp("console")
    settings = SETTINGS_MODULE.format(db=str(folder / "db.sqlite3"), schemes=SECURITY_SCHEMES)
    (folder / "console_settings.py").write_text(textwrap.dedent(settings))
    env = child_env(folder, DJANGO_SUPERUSER_PASSWORD=PASSWORD)
    manage = [sys.executable, "-m", "django"]
    for command in (
        ["migrate", "-v", "0"],
        ["createsuperuser", "--noinput", "--username", USERNAME, "--email", "ada@example.com"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=120)
    with django_server("console_settings", pythonpath=[folder, EXAMPLE]) as base:
        yield base


def open_docs(page: Any, base: str) -> None:
    response = page.goto(base + "ws-docs/")
    # The page's own default policy: STRICT_CSP plus what the console's sockets need.
    policy = response.headers["content-security-policy"]
    assert policy.startswith(STRICT_CSP) and "connect-src 'self' ws: wss:" in policy
    assert "Request a ride" in wait_for_viewer(page)  # the console must not break the viewer


def open_console(page: Any) -> None:
    if page.get_attribute(".cs-console-toggle", "aria-expanded") != "true":
        page.click(".cs-console-toggle")
    page.wait_for_selector("[data-cs-console][data-cs-ready]")


def choose(page: Any, select: str, text: str) -> None:
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.select_option(select, value)


def note_text(page: Any, text: str) -> str:
    """The full text of the console's last note containing ``text``, once it is there."""
    note = page.locator(".cs-try-note", has_text=text).last
    note.wait_for()
    return str(note.inner_text())


def entry(page: Any, direction: str, message: str) -> Any:
    found = page.locator(f".cs-try-entry[data-direction='{direction}'][data-message='{message}']")
    found.last.wait_for()
    return found.last


def test_served_document_is_valid(server, assert_valid):
    with urllib.request.urlopen(server + "ws-docs/asyncapi.yaml?format=json") as response:
        doc = json.load(response)
    assert_valid(doc)
    schemes = doc["components"]["securitySchemes"]
    assert {"sessionCookie", "queryToken", "jwtCookie", "protocolToken"} <= set(schemes)


@needs_browser
def test_try_it_prefills_sends_and_the_reply_is_valid(server):
    with browser_page() as (page, log):
        open_docs(page, server)
        # Offline, the viewer's text is sans-serif (it used to fall back to the serif default).
        font = page.evaluate("getComputedStyle(document.querySelector('.aui-root')).fontFamily")
        assert font.endswith("sans-serif")
        # The console is docked and closed; "Try it" opens and prefills it.
        assert page.get_attribute(".cs-console-toggle", "aria-expanded") == "false"
        page.click(".cs-try-op[data-operation='request_ride'] .cs-try-it")
        page.wait_for_selector("[data-cs-console][data-cs-ready]")
        assert page.get_attribute(".cs-console-toggle", "aria-expanded") == "true"
        assert "/ws/rides/{ride_id}/" in page.locator(".cs-try-channel option:checked").inner_text()
        assert "request_ride" in page.locator(".cs-try-action option:checked").inner_text()
        frame = json.loads(page.input_value(".cs-try-payload"))
        assert (frame["action"], frame["payment_method"]) == ("request_ride", "cash")

        page.click(".cs-try-send")  # connects, then sends
        sent = entry(page, "out", "request_ride")
        assert sent.get_attribute("data-valid") == "true"
        reply = entry(page, "in", "ride.requested")
        assert reply.locator(".cs-try-badge").inner_text() == "valid"
        reply_frame = json.loads(reply.locator(".cs-try-frame").inner_text())
        assert (reply_frame["fare"], reply_frame["status"]) == ("1500.00", "requested")
        page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
        reply.locator(".cs-try-copy").click()
        reply.locator(".cs-try-copy", has_text="Copied").wait_for()
        copied = page.evaluate("navigator.clipboard.readText()")
        assert json.loads(copied) == reply_frame
        # Server->client operations of this channel say what the console waits for.
        waiting = page.locator(".cs-try-op[data-operation='ride.status'] .cs-try-waiting")
        assert "waiting for ride.status" in waiting.inner_text()

        # Edit a sent frame and send it again: the edited copy is checked and logged.
        sent.locator(".cs-try-edit").click()
        edited = json.loads(page.input_value(".cs-try-payload"))
        del edited["payment_method"]
        page.fill(".cs-try-payload", json.dumps(edited))
        assert "$.payment_method: required field is missing" in page.inner_text(".cs-try-check")
        page.keyboard.press("Control+Enter")
        page.wait_for_function(
            "() => document.querySelectorAll('.cs-try-entry[data-direction=out]').length === 2"
        )
        assert entry(page, "out", "request_ride").get_attribute("data-valid") == "false"

        # Filter by message; export the session as JSON.
        page.select_option(".cs-try-filter", "ride.requested")
        assert page.locator(".cs-try-entry[data-direction='out']").first.is_hidden()
        assert entry(page, "in", "ride.requested").is_visible()
        with page.expect_download() as download:
            page.click(".cs-try-export")
        exported = json.loads(Path(download.value.path()).read_text())
        logged = [(e["direction"], e.get("message"), e.get("valid")) for e in exported["entries"]]
        assert ("in", "ride.requested", True) in logged
        assert ("out", "request_ride", False) in logged

        # Resizable from the keyboard, collapsible with Escape, and remembered.
        height = page.evaluate("document.querySelector('.cs-console-body').offsetHeight")
        page.focus(".cs-console-resize")
        page.keyboard.press("ArrowUp")
        grown = page.evaluate("document.querySelector('.cs-console-body').offsetHeight")
        assert grown == height + 20
        page.focus(".cs-try-payload")
        page.keyboard.press("Escape")
        assert page.get_attribute(".cs-console-toggle", "aria-expanded") == "false"
        page.click(".cs-console-toggle")
        page.reload()
        wait_for_viewer(page)
        page.wait_for_selector("[data-cs-console][data-cs-ready]")  # reopened on load
        assert page.evaluate("document.querySelector('.cs-console-body').offsetHeight") == grown
        log.assert_clean()


@needs_browser
def test_an_event_asked_from_the_console_runs_the_handler_and_is_valid(server):
    with browser_page() as (page, log):
        open_docs(page, server)
        open_console(page)
        choose(page, ".cs-try-channel", "/ws/rides/{ride_id}/")
        page.click(".cs-try-connect")
        page.wait_for_selector(".cs-try-status[data-state='open']")
        assert "cs_console=" in page.inner_text(".cs-try-url")
        # From the operation in the viewer (the console's Event list does the same).
        page.click(".cs-try-op[data-operation='ride.status'] .cs-try-ask")
        page.locator(".cs-try-note", has_text="to RideConsumer.ride_status").wait_for()
        arrived = entry(page, "in", "ride.status")
        assert arrived.get_attribute("data-valid") == "true"
        assert json.loads(arrived.locator(".cs-try-frame").inner_text())["driver_id"] == "drv-7"
        bar = page.locator(".cs-try-op[data-operation='ride.status']")
        assert bar.get_attribute("data-received") == "true"
        assert "Received ride.status" in bar.inner_text()
        # Reconnect: a new connection (with the same console id) that events still reach.
        page.click(".cs-try-reconnect")
        page.wait_for_function(
            "() => document.querySelectorAll('.cs-try-note').length && [...document"
            ".querySelectorAll('.cs-try-note')].filter(n => n.textContent.includes('Connected'))"
            ".length === 2"
        )
        choose(page, ".cs-try-event", "ride.status")
        page.click(".cs-try-trigger")
        page.wait_for_function(
            "() => document.querySelectorAll(\".cs-try-entry[data-message='ride.status']\")"
            ".length === 2"
        )
        # A channel routed around ConsoleMiddleware: the console says why nothing comes.
        page.click(".cs-try-disconnect")
        page.wait_for_selector(".cs-try-status[data-state='closed']")
        choose(page, ".cs-try-channel", "/ws/around/")
        page.click(".cs-try-connect")
        page.wait_for_selector(".cs-try-status[data-state='open']")
        page.click(".cs-try-op[data-operation='notice'] .cs-try-ask")
        why = note_text(page, "The event cannot arrive")
        assert "reaches AroundConsoleConsumer without" in why
        assert "channels_spectacular.console.ConsoleMiddleware" in why
        log.console_errors = [e for e in log.console_errors if "503" not in e]
        assert log.failed_requests == [server + "ws-docs/try-it-out/events/ (HTTP 503)"]
        log.failed_requests = []
        log.assert_clean()


@needs_browser
def test_text_and_binary_frames_are_sent_as_typed_and_their_replies_valid(server):
    with browser_page() as (page, log):
        open_docs(page, server)
        page.click(".cs-try-op[data-operation='marco'] .cs-try-it")
        page.wait_for_selector("[data-cs-console][data-cs-ready]")
        assert page.input_value(".cs-try-payload") == "marco"  # the example, not "\"marco\""
        assert "Sent as a text frame" in page.inner_text(".cs-try-compose")
        page.click(".cs-try-send")
        # The consumer answers "polo!" only to the bare text marco.
        sent = entry(page, "out", "marco")
        assert (sent.get_attribute("data-valid"), sent.locator(".cs-try-frame").inner_text()) == (
            "true",
            "marco",
        )
        reply = entry(page, "in", "polo")
        assert (reply.get_attribute("data-valid"), reply.locator(".cs-try-frame").inner_text()) == (
            "true",
            "polo!",
        )
        page.fill(".cs-try-payload", "polo")  # the raw text is checked against the schema
        assert page.get_attribute(".cs-try-check", "data-valid") == "false"

        choose(page, ".cs-try-action", "upload")
        assert "UTF-8 bytes" in page.inner_text(".cs-try-compose")
        page.fill(".cs-try-payload", "héllo")
        page.click(".cs-try-send")
        echo = entry(page, "in", "echo")
        assert echo.get_attribute("data-valid") == "true"
        assert echo.locator(".cs-try-frame").inner_text() == "(binary frame, 6 bytes)"
        log.assert_clean()


def connect_to(page: Any, address: str) -> None:
    choose(page, ".cs-try-channel", address)


def whoami(page: Any, reply: str) -> dict[str, Any]:
    """Once connected: send the whoami example; the reply's frame, checked valid."""
    page.wait_for_selector(".cs-try-status[data-state='open']")
    choose(page, ".cs-try-action", "whoami")
    page.click(".cs-try-send")
    found = entry(page, "in", reply)
    assert found.get_attribute("data-valid") == "true"
    frame: dict[str, Any] = json.loads(found.locator(".cs-try-frame").inner_text())
    page.click(".cs-try-disconnect")
    page.wait_for_selector(".cs-try-status[data-state='closed']")
    page.click(".cs-try-clear")
    return frame


# The consumer of each auth method: query token, cookie, subprotocol, session.
REQUIRING = ("/ws/auth/query/", "/ws/auth/cookie/", "/ws/auth/protocol/", "/ws/account/")
REFUSED = """(n) => [...document.querySelectorAll('.cs-try-note')]
  .filter(note => note.textContent.includes('code 4401')).length === n"""


@needs_browser
def test_each_auth_method_connects_to_a_consumer_requiring_it(server):
    with browser_page() as (page, log):
        open_docs(page, server)
        open_console(page)

        # Without its credential, each consumer closes with 4401, explained: each needs it.
        for number, address in enumerate(REQUIRING, start=1):
            connect_to(page, address)
            page.click(".cs-try-connect")
            page.wait_for_function(REFUSED, arg=number)
            page.wait_for_selector(".cs-try-status[data-state='closed']")
        assert "The consumer closed it with its own code 4401." in note_text(page, "code 4401")

        connect_to(page, "/ws/auth/query/")
        page.fill(".cs-try-token", TOKEN)
        assert f"?token={TOKEN}" in page.inner_text(".cs-try-url")
        page.click(".cs-try-connect")
        assert whoami(page, "authenticated")["scheme"] == "queryToken"

        connect_to(page, "/ws/auth/cookie/")
        page.fill(".cs-try-cookie", TOKEN)
        page.click(".cs-try-cookie-set")
        assert page.inner_text(".cs-try-cookie-state") == "jwt is set"
        page.click(".cs-try-connect")
        assert whoami(page, "authenticated")["scheme"] == "jwtCookie"
        page.click(".cs-try-cookie-clear")
        assert page.inner_text(".cs-try-cookie-state") == "jwt is not set"

        connect_to(page, "/ws/auth/protocol/")
        page.fill(".cs-try-protocol", TOKEN)
        page.click(".cs-try-connect")
        page.locator(".cs-try-note", has_text=f"subprotocol {TOKEN}").wait_for()
        assert whoami(page, "authenticated")["scheme"] == "protocolToken"

        # The session cookie: log in on the site, and the account channel answers.
        page.goto(server + "admin/login/?next=/ws-docs/")
        page.fill("#id_username", USERNAME)
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():
            page.click("input[type='submit']")
        wait_for_viewer(page)
        open_console(page)
        connect_to(page, "/ws/account/")
        assert "Log in on this site first" in page.inner_text(".cs-try-auth")
        page.click(".cs-try-connect")
        assert whoami(page, "account.profile")["username"] == USERNAME
        log.assert_clean()


# -- static docs sites -----------------------------------------------------------------------


def copy_site(source: str, folder: Path, url: str) -> Path:
    """The example docs ``source`` next to a link to the example project, pointed at ``url``."""
    (folder / "examples").mkdir(parents=True)
    (folder / "examples" / "rideshare").symlink_to(EXAMPLE)
    target = folder / "examples" / source
    shutil.copytree(ROOT / "examples" / source, target, ignore=shutil.ignore_patterns("_build"))
    for page in [*target.rglob("*.rst"), *target.rglob("*.md")]:
        text = page.read_text()
        if DEMO_URL in text:
            page.write_text(text.replace(DEMO_URL, url))
    return target


# The rendered height of the viewer's title: its own size, whatever the theme's root font.
TITLE_HEIGHT = "document.querySelector('.aui-root .text-4xl').getBoundingClientRect().height"


def check_static_console(page: Any, base: str, path: str, url: str) -> float:
    page.goto(base + path)
    wait_for_viewer(page)
    title_height: float = page.evaluate(TITLE_HEIGHT)
    # The page says where it will connect before connecting.
    assert page.inner_text(".cs-console-target") == f"Connects to {url}"
    open_console(page)
    # Dark like the page (furo and Material follow the system preference): the console too.
    assert page.get_attribute(".cs-console", "data-cs-theme") == "dark"
    background = "getComputedStyle(document.querySelector('.cs-console')).backgroundColor"
    assert page.evaluate(background) == "rgb(17, 24, 39)"
    assert page.inner_text(".cs-try-url").startswith(url + "/ws/rides/")
    page.click(".cs-try-op[data-operation='request_ride'] .cs-try-it")
    page.click(".cs-try-send")
    # This channel documents no example for its parameter: the console asks for it.
    page.locator(".cs-try-note", has_text="Fill in the address parameter ride_id").wait_for()
    page.fill(".cs-try-param[data-param='ride_id']", "7")
    page.click(".cs-try-send")
    assert entry(page, "in", "ride.requested").get_attribute("data-valid") == "true"
    return title_height


def build_site(source: str, folder: Path, url: str, theme: str | None = None) -> Path:
    """The example's Sphinx or MkDocs docs pointed at ``url``, built (in another theme)."""
    site = copy_site(source, folder, url)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(EXAMPLE)])}
    if source == "sphinx":
        command = [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(site), str(site / "out")]
        command += ["-D", f"html_theme={theme}"] if theme else []
    else:
        config = site / "mkdocs.yml"
        if theme:  # the example's config with another theme (no highlight.js from a CDN)
            config = site / "mkdocs-theme.yml"
            config.write_text(
                f"INHERIT: mkdocs.yml\ntheme:\n  name: {theme}\n  highlightjs: false\n"
            )
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)]
        command += ["-d", str(site / "out")]
    subprocess.run(command, env=env, check=True, timeout=300)
    return site / "out"


@needs_browser
def test_sphinx_and_mkdocs_pages_connect_to_the_server_given_by_url(server, tmp_path):
    url = "ws://" + server.split("//", 1)[1].rstrip("/")
    sphinx = build_site("sphinx", tmp_path / "s", url)
    mkdocs = build_site("mkdocs", tmp_path / "m", url)
    with browser_page() as (page, log):
        page.emulate_media(color_scheme="dark")
        with static_server(sphinx) as base:
            furo = check_static_console(page, base, "riders.html", url)
        with static_server(mkdocs) as base:
            material = check_static_console(page, base, "rides/", url)
        log.assert_clean()
    # Material's root font is 137.5% at this width; the viewer keeps its own size.
    assert abs(material / furo - 1) < 0.05, (material, furo)


# What a reader sees of the viewer in a theme's column: layout, overflow, fonts, markers.
LAYOUT = r"""() => {
  const root = document.querySelector('.aui-root');
  const embed = document.querySelector('.cs-asyncapi');
  const style = (e) => getComputedStyle(e);
  const shown = (selector) => [...root.querySelectorAll(selector)].some(e => e.offsetParent);
  return {
    oneColumn: root.querySelectorAll('.container\\:xl').length === 1,
    sidebar: shown('.burger-menu') || shown('.sidebar'),
    pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    embedOverflow: embed.scrollWidth - embed.clientWidth,
    fonts: [...new Set([...root.querySelectorAll('h1, h2, h3, h4, h5, h6')]
      .map(e => style(e).fontFamily))],
    markers: [...new Set([...root.querySelectorAll('li')].map(e => style(e).listStyleType))],
    indents: [...new Set([...root.querySelectorAll('li')].map(e => style(e).marginLeft))],
  };
}"""


@needs_browser
@pytest.mark.parametrize(
    ("source", "theme", "path"),
    [
        ("sphinx", "alabaster", "riders.html"),
        ("sphinx", "sphinx_rtd_theme", "riders.html"),
        ("mkdocs", "readthedocs", "rides/"),
    ],
)
def test_narrow_theme_columns_get_the_one_column_viewer_and_a_1006_explained(
    tmp_path, source, theme, path
):
    """The example's docs in a narrow theme column, the console pointed at nothing."""
    dead = f"ws://127.0.0.1:{free_port()}"
    site = build_site(source, tmp_path, dead, theme)
    # (No strict CSP here: these themes run inline scripts of their own.)
    with static_server(site) as base, browser_page() as (page, log):
        page.emulate_media(color_scheme="dark")
        page.goto(base + path)
        wait_for_viewer(page)
        # In the theme's column (alabaster's body is 660px, readthedocs' 800px at most) on a
        # wide screen, the viewer is in its one-column layout, without the burger sidebar it
        # would otherwise fix to the bottom of the tall embed, and nothing overflows.
        layout = page.evaluate(LAYOUT)
        assert layout["oneColumn"] and not layout["sidebar"], layout
        assert layout["pageOverflow"] <= 0 and layout["embedOverflow"] <= 0, layout
        # The theme's heading and list rules stay out: the viewer's own sans-serif
        # headings (not Georgia, not Roboto Slab), no bullets or indents on its items.
        # (Each of the viewer's stacks, its sans and mono utilities and ours, starts "ui-".)
        assert all(f.startswith(("ui-sans-serif,", "ui-monospace,")) for f in layout["fonts"])
        assert layout["markers"] == ["none"] and layout["indents"] == ["0px"], layout
        # These themes have no dark mode: viewer and console stay light with the page.
        assert page.get_attribute(".cs-asyncapi", "data-cs-theme") == "light"
        open_console(page)
        assert page.get_attribute(".cs-console", "data-cs-theme") == "light"
        page.fill(".cs-try-param[data-param='ride_id']", "7")
        page.click(".cs-try-connect")
        explained = note_text(page, "code 1006")
        assert "No WebSocket route here" in explained
        assert "is the server running under an ASGI server such as daphne?" in explained
        log.console_errors = [e for e in log.console_errors if "WebSocket" not in e]
        log.assert_clean()


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_browser
def test_the_screenshot_script_shows_each_surface_light_and_dark_as_the_readme_does(tmp_path):
    """tools/screenshot.py makes every picture the README shows, from the running example."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "screenshot.py"), "-o", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    readme = (ROOT / "README.md").read_text()
    assert png_size(tmp_path / "ws-docs.png") == (1600, 1000)
    for surface in ("django", "sphinx", "mkdocs"):
        for mode in ("light", "dark"):
            name = f"console-{surface}-{mode}.png"
            assert png_size(tmp_path / name) == (960, 600), name  # the viewport at 0.6
            assert f"(docs/images/{name})" in readme, name
            assert png_size(ROOT / "docs" / "images" / name) == (960, 600), name


# The console's JS checker against Python's jsonschema (Draft 7) on the same cases.
DOC = {
    "components": {
        "schemas": {
            "Point": {
                "type": "object",
                "properties": {"x": {"type": "number"}, "y": {"type": "number"}},
                "required": ["x", "y"],
                "additionalProperties": False,
            }
        }
    }
}
POINT = {"$ref": "#/components/schemas/Point"}
CASES: list[tuple[dict[str, Any], Any]] = [
    ({"type": "integer"}, 1),
    ({"type": "integer"}, 1.5),
    ({"type": "number"}, 2),
    ({"type": ["string", "null"]}, None),
    ({"type": "string"}, 3),
    ({"const": "ride.offer"}, "ride.offer"),
    ({"const": "ride.offer"}, "ride.status"),
    ({"enum": ["cash", "card"]}, "card"),
    ({"enum": ["cash", "card"]}, "bitcoin"),
    ({"type": "number", "minimum": -90, "maximum": 90}, 95),
    ({"type": "number", "exclusiveMinimum": 0}, 0),
    ({"type": "number", "multipleOf": 0.5}, 1.5),
    ({"type": "integer", "multipleOf": 2}, 3),
    ({"type": "string", "minLength": 2, "maxLength": 3}, "abcd"),
    ({"type": "string", "pattern": r"^-?\d{1,6}(\.\d{1,2})?$"}, "1500.00"),
    ({"type": "string", "pattern": r"^-?\d{1,6}(\.\d{1,2})?$"}, "15.001"),
    ({"type": "array", "items": {"type": "string"}, "minItems": 1}, []),
    ({"type": "array", "items": {"type": "string"}}, ["a", 1]),
    ({"type": "array", "uniqueItems": True}, [1, 2, 1]),
    ({"type": "array", "items": [{"type": "string"}, {"type": "integer"}]}, ["a", 1]),
    ({"type": "object", "required": ["a"]}, {}),
    ({"type": "object", "properties": {"a": POINT}}, {"a": {"x": 1, "y": 2}}),
    ({"type": "object", "properties": {"a": POINT}}, {"a": {"x": 1, "y": 2, "z": 3}}),
    ({"type": "object", "additionalProperties": {"type": "integer"}}, {"a": 1, "b": "2"}),
    ({"allOf": [{"required": ["a"]}, {"required": ["b"]}]}, {"a": 1}),
    ({"anyOf": [{"type": "string"}, POINT]}, {"x": 1, "y": 1}),
    ({"anyOf": [{"type": "string"}, POINT]}, {"x": 1}),
    ({"oneOf": [{"type": "number"}, {"type": "integer"}]}, 1),
    ({"oneOf": [{"type": "number"}, {"type": "string"}]}, 1),
    ({"not": {"type": "null"}}, None),
    ({"$ref": "#/components/schemas/Missing"}, 1),
]


def python_verdict(schema: dict[str, Any], value: Any) -> bool:
    from jsonschema import Draft7Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    wrapped = {**DOC, "x": schema}
    registry = Registry().with_resource("urn:doc", Resource.from_contents(wrapped, DRAFT7))
    validator = Draft7Validator({"$ref": "urn:doc#/x"}, registry=registry)
    try:
        return validator.is_valid(value)
    except Exception:  # an unresolvable $ref: invalid for the console too
        return False


@needs_browser
def test_js_checker_agrees_with_jsonschema(server):
    with browser_page() as (page, log):
        page.set_content("<p>checker</p>")
        page.add_script_tag(url=server + "static/channels_spectacular/try-it-out.js")
        results = page.evaluate(
            """([doc, cases]) => cases.map(([schema, value]) =>
                window.ChannelsSpectacularTryItOut.validate(doc, schema, value))""",
            [DOC, [list(case) for case in CASES]],
        )
        for (schema, value), errors in zip(CASES, results, strict=True):
            expected = python_verdict(schema, value)
            assert (not errors) == expected, (schema, value, errors)
            for error in errors:
                assert error["path"].startswith("$") and error["message"]
        log.assert_clean()
