"""The try-it-out console in Chromium: the example's settings and page steps both browser
test modules use."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.support.browser import ROOT, STRICT_CSP, chromium_available, wait_for_viewer

EXAMPLE = ROOT / "examples" / "rideshare"

needs_browser = pytest.mark.skipif(not chromium_available(), reason="needs Chromium + Playwright")

# The example with the console on, a migrated SQLite file and the docs pages' strict CSP.
SETTINGS_MODULE = """
from rideshare.settings import *  # noqa: F403

MIDDLEWARE = ["tests.support.browser.CSPMiddleware", *MIDDLEWARE]  # noqa: F405
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
CHANNELS_SPECTACULAR_SETTINGS = {{
    **CHANNELS_SPECTACULAR_SETTINGS,  # noqa: F405
    "TRY_IT_OUT_ENABLED": True,
}}
"""


def child_env(folder: Path) -> dict[str, str]:
    paths = [str(ROOT), str(folder), str(EXAMPLE), os.environ.get("PYTHONPATH", "")]
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "try_it_out_settings",
        "PYTHONPATH": os.pathsep.join(paths),
    }


def open_console(page: Any, base: str) -> None:
    response = page.goto(base + "ws-docs/")
    assert response.headers["content-security-policy"] == STRICT_CSP
    text = wait_for_viewer(page)  # the console must not break the viewer
    assert "Request a ride" in text
    page.click(".cs-try-summary")
    page.wait_for_selector("[data-cs-try-it-out][data-cs-ready]")


def choose(page: Any, select: str, text: str) -> None:
    value = page.locator(f"{select} option", has_text=text).first.get_attribute("value")
    page.select_option(select, value)
