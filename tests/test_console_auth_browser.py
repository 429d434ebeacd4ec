"""The try-it-out console authenticates with the session cookie, against the real example.

The rideshare example runs under daphne's ``runserver`` with the console on, the strict CSP
of the docs pages and a migrated SQLite file holding one user. Chromium logs in through the
real ``/admin/login/`` form, so it holds a real session cookie; the console then talks to the
account channel (``sessionCookie`` in the spec), which only answers logged-in users. Without
logging in, the same channel is closed with code 4401.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import urllib.request
from typing import Any

import pytest

from tests.support.browser import browser_page, django_server, ensure_assets
from tests.support.console import (
    EXAMPLE,
    ROOT,
    SETTINGS_MODULE,
    child_env,
    choose,
    needs_browser,
    open_console,
)

USERNAME = "ada"
PASSWORD = "console-auth-test-password"
ACCOUNT = "/ws/account/"


@pytest.fixture(scope="module")
def example_url(tmp_path_factory):
    """The example with the console on and a superuser in its (temporary) database."""
    ensure_assets()
    folder = tmp_path_factory.mktemp("console_auth")
    settings = SETTINGS_MODULE.format(db=str(folder / "db.sqlite3"))
    (folder / "try_it_out_settings.py").write_text(textwrap.dedent(settings))
    env = {**child_env(folder), "DJANGO_SUPERUSER_PASSWORD": PASSWORD}
    manage = [sys.executable, "-m", "django"]
    for command in (
        ["migrate", "-v", "0"],
        ["createsuperuser", "--noinput", "--username", USERNAME, "--email", "ada@example.com"],
    ):
        subprocess.run([*manage, *command], cwd=ROOT, env=env, check=True, timeout=120)
    with django_server("try_it_out_settings", pythonpath=[folder, EXAMPLE]) as base:
        yield base


def log_in(page: Any, base: str) -> None:
    """Log in through the admin's login form: the browser gets a real session cookie."""
    page.goto(base + "admin/login/?next=/ws-docs/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type='submit']")
    assert page.url == base + "ws-docs/", "the login did not succeed"
    cookies = {c["name"] for c in page.context.cookies(base)}
    assert "sessionid" in cookies


def connect_to_account(page: Any, base: str) -> None:
    open_console(page, base)
    choose(page, ".cs-try-channel", ACCOUNT)
    port = base.rstrip("/").rsplit(":", 1)[1]
    assert page.inner_text(".cs-try-url") == f"ws://127.0.0.1:{port}{ACCOUNT}"
    assert page.is_hidden(".cs-try-token")  # a cookie scheme: no token to type
    page.click(".cs-try-connect")


def test_served_document_requires_the_session_cookie(example_url, assert_valid):
    with urllib.request.urlopen(example_url + "ws-docs/asyncapi.yaml?format=json") as response:
        doc = json.load(response)
    assert_valid(doc)
    assert doc["components"]["securitySchemes"]["sessionCookie"] == {
        "type": "httpApiKey",
        "name": "sessionid",
        "in": "cookie",
        "description": "Django session cookie.",
    }
    whoami = doc["operations"]["whoami"]
    assert whoami["security"] == [{"$ref": "#/components/securitySchemes/sessionCookie"}]
    assert "session cookie" in doc["channels"]["account"]["description"]


@needs_browser
def test_logged_in_console_gets_the_account_profile(example_url):
    with browser_page() as (page, log):
        log_in(page, example_url)
        connect_to_account(page, example_url)
        page.wait_for_selector(".cs-try-status[data-state='open']")

        choose(page, ".cs-try-action", "whoami")
        assert json.loads(page.input_value(".cs-try-payload")) == {"action": "whoami"}
        assert page.get_attribute(".cs-try-check", "data-valid") == "true"
        page.click(".cs-try-send")

        out = page.locator(".cs-try-entry[data-direction='out']").last
        assert (out.get_attribute("data-message"), out.get_attribute("data-valid")) == (
            "whoami",
            "true",
        )
        reply = page.locator(".cs-try-entry[data-direction='in'][data-message='account.profile']")
        reply.wait_for()
        assert reply.get_attribute("data-valid") == "true"
        assert reply.locator(".cs-try-badge").inner_text() == "valid"
        frame = json.loads(reply.locator(".cs-try-frame").inner_text())
        assert frame == {"type": "account.profile", "username": USERNAME}

        page.click(".cs-try-disconnect")
        page.wait_for_selector(".cs-try-status[data-state='closed']")
        log.assert_clean()


@needs_browser
def test_anonymous_console_is_closed_with_4401(example_url):
    with browser_page() as (page, log):
        assert not page.context.cookies(example_url)
        connect_to_account(page, example_url)
        page.locator(".cs-try-note", has_text="Connection closed (code 4401)").wait_for()
        assert page.get_attribute(".cs-try-status", "data-state") == "closed"
        assert page.is_disabled(".cs-try-send")
        assert not page.locator(".cs-try-entry[data-direction='in']").count()
        log.assert_clean()
