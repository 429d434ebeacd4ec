"""Every surface in Chromium with an injection corpus in every user-controlled string.

``/ws-docs/`` (with its own Content-Security-Policy), a Sphinx page and MkDocs pages (viewer
and native) are loaded with hostile titles, descriptions, summaries, tags, names and
examples. Nothing may execute (no marker set, no dialog), no style may leak into the page,
and no remote URL may be fetched.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.browser import (
    browser_page,
    chromium_available,
    django_server,
    ensure_assets,
    static_server,
    wait_for_viewer,
)
from tests.support.sites import mkdocs_site, sphinx_site

pytestmark = pytest.mark.skipif(not chromium_available(), reason="needs Chromium + Playwright")

# Each entry tries a different way in; each sets its own marker if it ever runs.
CORPUS = [
    "</script><script>window.__pwn1=1</script>",
    '<img src="https://evil.example/x.png" onerror="window.__pwn2=1">',
    "<style>body{display:none !important;background:rgb(255,0,0) !important}</style>",
    '<svg onload="window.__pwn3=1"></svg><iframe src="javascript:parent.__pwn4=1"></iframe>',
    '![p](x.png){: onerror="window.__pwn5=1" } [c](javascript:window.__pwn6=1)',
    "\"'><b onmouseover=window.__pwn7=1>x</b>{{7*7}}${7*7}",
]
TEXT = " ".join(CORPUS)
MARKERS = [f"__pwn{i}" for i in range(1, 8)]

# After the page settled: which markers are set, and whether any style escaped.
PROBE = (
    "() => ({set: "
    + json.dumps(MARKERS)
    + ".filter(name => window[name] !== undefined || (parent && parent[name] !== undefined)),"
    " display: getComputedStyle(document.body).display,"
    " background: getComputedStyle(document.body).backgroundColor})"
)


def hostile_spec() -> dict[str, Any]:
    message = {
        "name": "hello",
        "title": TEXT,
        "summary": TEXT,
        "description": TEXT,
        "payload": {
            "type": "object",
            "description": TEXT,
            "properties": {"note": {"type": "string", "description": TEXT, "example": TEXT}},
        },
        "examples": [{"name": TEXT, "summary": TEXT, "payload": {"note": TEXT}}],
    }
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Hostile", "version": "1.0.0", "description": TEXT},
        "channels": {
            "room": {
                "address": "/ws/room/",
                "title": TEXT,
                "description": TEXT,
                "messages": {"hello": message},
            }
        },
        "operations": {
            "sayHello": {
                "action": "send",
                "title": TEXT,
                "summary": TEXT,
                "description": TEXT,
                "channel": {"$ref": "#/channels/room"},
                "messages": [{"$ref": "#/channels/room/messages/hello"}],
                "tags": [{"name": "t", "description": TEXT}],
            }
        },
    }


def assert_inert(page: Any, log: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.mouse.move(300, 300)
    page.wait_for_timeout(500)
    state = page.evaluate(PROBE)
    assert state["set"] == [] and dialogs == [], (state, dialogs)
    assert state["display"] != "none" and state["background"] != "rgb(255, 0, 0)", state
    assert not log.external_requests, log.external_requests


CONSUMERS = f'''
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from channels_spectacular import document_action, document_channel, document_event

TEXT = {TEXT!r}


@document_channel(title=TEXT, summary=TEXT, description=TEXT, tags=[TEXT])
class Hostile(AsyncJsonWebsocketConsumer):
    """{{}}""".format(TEXT)

    @document_action(
        summary=TEXT,
        description=TEXT,
        tags=[TEXT],
        payload={{
            "type": "object",
            "properties": {{"note": {{"type": "string", "description": TEXT}}}},
        }},
        examples=[{{"name": TEXT, "summary": TEXT, "payload": {{"action": "say", "note": TEXT}}}}],
    )
    async def handle_say(self, content):
        ...

    @document_event("said", summary=TEXT, description=TEXT)
    async def said(self, event):
        ...
'''

SETTINGS = """
from tests.settings import *  # noqa: F403

CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": TITLE,
    "DESCRIPTION": TITLE,
    "CONSUMERS": [("hostile_consumers.Hostile", "/ws/hostile/")],
    "TRY_IT_OUT_ENABLED": True,
}
"""


def test_ws_docs_page_runs_nothing_injected(tmp_path: Path) -> None:
    ensure_assets()
    (tmp_path / "hostile_consumers.py").write_text(CONSUMERS)
    settings = f"TITLE = {TEXT!r}\n" + textwrap.dedent(SETTINGS)
    (tmp_path / "hostile_settings.py").write_text(settings)
    server = django_server("hostile_settings", pythonpath=[tmp_path])
    with server as base, browser_page() as (page, log):
        response = page.goto(base + "ws-docs/")
        assert "default-src 'self'" in response.headers["content-security-policy"]
        wait_for_viewer(page)
        if page.get_attribute(".cs-console-toggle", "aria-expanded") != "true":
            page.click(".cs-console-toggle")  # open the console: its strings are injected too
        page.wait_for_selector("[data-cs-console][data-cs-ready]")
        assert_inert(page, log)


def test_sphinx_and_mkdocs_pages_run_nothing_injected(tmp_path: Path) -> None:
    ensure_assets()
    spec = yaml.safe_dump(hostile_spec())
    index = "Ref\n===\n\n.. asyncapi::\n   :spec: hostile.yaml\n\nNative\n------\n\n"
    index += ".. asyncapi::\n   :spec: hostile.yaml\n   :native:\n"
    result = sphinx_site(tmp_path / "sphinx", index, {"hostile.yaml": spec})
    assert result.returncode == 0, result.stderr
    viewer = "# Viewer\n\n```asyncapi\nspec: hostile.yaml\n```\n"
    native = "# Native\n\n```asyncapi\nspec: hostile.yaml\nnative: true\n```\n"
    result = mkdocs_site(
        tmp_path / "mkdocs",
        {"viewer.md": viewer, "native.md": native},
        {"hostile.yaml": spec},
        extensions=["attr_list", "md_in_html", "tables"],
    )
    assert result.returncode == 0, result.stderr
    pages = [
        (tmp_path / "sphinx" / "out", "index.html", True),
        (tmp_path / "mkdocs" / "site", "viewer/index.html", True),
        (tmp_path / "mkdocs" / "site", "native/index.html", False),
    ]
    for root, page_path, has_viewer in pages:
        with static_server(root) as base, browser_page() as (page, log):
            page.goto(base + page_path)
            if has_viewer:
                text = wait_for_viewer(page)
                assert "Hostile" in text
            assert_inert(page, log)
