"""The docs pages in headless Chromium: rendered, offline, switchable, CSP-strict, inert.

The rideshare example runs under ``runserver`` (daphne's) on 127.0.0.1 with the strict
CSP added by a test-only middleware; Sphinx/MkDocs-style inline embeds are served from a
static directory with the same CSP header.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from channels_spectacular import viewer
from tests.support.browser import (
    STRICT_CSP,
    browser_page,
    chromium_available,
    django_server,
    ensure_assets,
    static_server,
    wait_for_viewer,
)

pytestmark = pytest.mark.skipif(not chromium_available(), reason="needs Chromium + Playwright")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rideshare"
INJECTION = "</script><script>window.__pwned=1</script>"

SETTINGS_MODULE = f"""
from rideshare.settings import *  # noqa: F403

MIDDLEWARE = ["tests.support.browser.CSPMiddleware", *MIDDLEWARE]  # noqa: F405
DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
CHANNELS_SPECTACULAR_SETTINGS = {{
    **CHANNELS_SPECTACULAR_SETTINGS,  # noqa: F405
    "DESCRIPTION": {INJECTION!r} + " Injected on purpose.",
}}
"""


@pytest.fixture(scope="module")
def example_url(tmp_path_factory):
    """The rideshare example under runserver, with the strict CSP and an injected description."""
    ensure_assets()
    folder = tmp_path_factory.mktemp("example_settings")
    (folder / "browser_example_settings.py").write_text(textwrap.dedent(SETTINGS_MODULE))
    with django_server("browser_example_settings", pythonpath=[folder, EXAMPLE]) as base:
        yield base


def test_example_docs_render_offline_under_strict_csp(example_url):
    with browser_page() as (page, log):
        response = page.goto(example_url + "ws-docs/")
        assert response.headers["content-security-policy"] == STRICT_CSP
        text = wait_for_viewer(page)
        for words in ("Rideshare WebSocket API", "Request a ride", "Accept a ride offer"):
            assert words in text
        assert "Injected on purpose." in text
        assert page.evaluate("window.__pwned") is None
        assert page.locator(".cs-asyncapi").get_attribute("data-cs-theme") == "light"
        log.assert_clean()


def test_example_switcher_changes_spec_and_survives_reload(example_url):
    with browser_page() as (page, log):
        page.goto(example_url + "ws-docs/by-role/")
        text = wait_for_viewer(page)
        assert "Request a ride" in text and "Accept a ride offer" not in text
        page.select_option(".cs-asyncapi-switcher", "drivers")
        page.wait_for_function(
            "() => document.querySelector('.aui-root')?.innerText.includes('Accept a ride offer')"
        )
        text = wait_for_viewer(page)
        assert "Request a ride" not in text
        assert page.url.endswith("ws-docs/by-role/?spec=drivers")
        page.reload()
        assert "Accept a ride offer" in wait_for_viewer(page)
        assert page.locator(".cs-asyncapi-switcher").input_value() == "drivers"
        log.assert_clean()


def _spec(title: str, description: str) -> dict:
    return {
        "asyncapi": "3.0.0",
        "info": {"title": title, "version": "1.0.0", "description": description},
        "channels": {"echo": {"address": "/ws/echo/", "messages": {"ping": {"payload": {}}}}},
        "operations": {
            "sendPing": {
                "action": "receive",
                "channel": {"$ref": "#/channels/echo"},
                "messages": [{"$ref": "#/channels/echo/messages/ping"}],
            }
        },
    }


def _site(folder: Path, body: str) -> None:
    for name, source in viewer.asset_files("bundled").items():
        target = folder / "_static" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    head = viewer.head_tags(viewer.viewer_assets("bundled", "_static/"))
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}</head>"
    (folder / "index.html").write_text(f"{page}<body data-theme='dark'>{body}</body></html>")


def test_hand_written_specs_are_valid(assert_valid):
    assert_valid(_spec("Any API", INJECTION))


def test_inline_embeds_several_per_page_escaped_and_themed(tmp_path):
    ensure_assets()
    first = viewer.render_embed(spec=_spec("First API", INJECTION), element_id="one")
    second = viewer.render_embed(
        switcher=[("Alpha", _spec("Alpha API", "a")), ("Beta", _spec("Beta API", "b"))],
        element_id="two",
        switcher_param="two",
        theme={"attributes": ["data-theme"]},
        height="700px",
    )
    _site(tmp_path, first + second)
    csp = {"Content-Security-Policy": STRICT_CSP}
    with static_server(tmp_path, csp) as base, browser_page() as (page, log):
        page.goto(base + "index.html?two=beta")
        assert "First API" in wait_for_viewer(page, "#one")
        assert "Beta API" in wait_for_viewer(page, "#two")
        assert page.evaluate("window.__pwned") is None
        assert page.locator("#two").get_attribute("data-cs-theme") == "dark"
        height = page.evaluate("getComputedStyle(document.querySelector('#two')).height")
        assert height == "700px"
        page.evaluate("document.body.setAttribute('data-theme', 'light')")
        page.wait_for_function("document.querySelector('#one').dataset.csTheme === 'light'")
        log.assert_clean()


def test_auto_theme_follows_prefers_color_scheme(tmp_path):
    ensure_assets()
    _site(tmp_path, viewer.render_embed(spec=_spec("Dark API", "d"), element_id="d"))
    (tmp_path / "index.html").write_text(
        (tmp_path / "index.html").read_text().replace(" data-theme='dark'", "")
    )
    with static_server(tmp_path) as base, browser_page() as (page, log):
        page.emulate_media(color_scheme="dark")
        page.goto(base + "index.html")
        wait_for_viewer(page)
        assert page.locator("#d").get_attribute("data-cs-theme") == "dark"
        page.emulate_media(color_scheme="light")
        page.wait_for_function("document.querySelector('#d').dataset.csTheme === 'light'")
        log.assert_clean()


def test_embed_title_is_the_heading_readers_see(tmp_path):
    from channels_spectacular.embed import resolve_embed

    ensure_assets()
    spec_file = tmp_path / "chat.yaml"
    spec_file.write_text(json.dumps(_spec("Chat API", "c")))
    result = resolve_embed({"spec": str(spec_file), "title": "Chat for riders"}, element_id="t")
    assert result.ok, result.problems
    assert result.spec_filename.startswith("chat-for-riders-")  # the download copy too
    _site(tmp_path, result.html)
    with static_server(tmp_path) as base, browser_page() as (page, log):
        page.goto(base + "index.html")
        wait_for_viewer(page, "#t")
        heading = page.locator("#t h1").first.inner_text()
        assert heading.startswith("Chat for riders") and "Chat API" not in heading
        log.assert_clean()
