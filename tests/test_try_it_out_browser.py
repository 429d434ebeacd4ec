"""The try-it-out console: rendered only when enabled, and working end to end in Chromium.

The browser tests run the rideshare example under daphne's ``runserver`` on 127.0.0.1
(with the strict CSP of the docs pages and a migrated SQLite file), open ``/ws-docs/``,
connect to the rides channel, send ``request_ride`` from its example and check that the
documented reply arrives marked valid.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import urllib.request
from typing import Any

import pytest
from django.test import override_settings

from tests.support.browser import STRICT_CSP, browser_page, django_server, ensure_assets
from tests.support.console import (
    EXAMPLE,
    ROOT,
    SETTINGS_MODULE,
    child_env,
    choose,
    needs_browser,
    open_console,
)

PACKAGE = ROOT / "src" / "channels_spectacular"
PARTIAL = "channels_spectacular/try_it_out.html"


def console_settings(**values: Any) -> Any:
    return override_settings(CHANNELS_SPECTACULAR_SETTINGS={"TITLE": "Test API", **values})


# -- the partial, without a browser ----------------------------------------------------------


def render_partial(**context: Any) -> str:
    from django.template.loader import render_to_string

    return render_to_string(PARTIAL, {"spec_url": "/ws-docs/asyncapi.yaml", **context})


def test_partial_is_configured_by_data_attributes_only():
    html = render_partial(try_it_out_expanded=False)
    assert 'data-spec-url="/ws-docs/asyncapi.yaml"' in html
    assert "<details" in html and " open>" not in html
    assert 'src="/static/channels_spectacular/try-it-out.js" defer' in html
    assert 'href="/static/channels_spectacular/try-it-out.css"' in html
    # CSP: no inline script, style or handler.
    assert "<script>" not in html and "<style" not in html and "style=" not in html
    assert not re.search(r"\son[a-z]+=", html)


def test_partial_expanded_and_switcher_and_escaping():
    specs = [("Riders", "/r.yaml"), ('"><script>', "/d.yaml?a=1&b=2")]
    html = render_partial(try_it_out_expanded=True, specs=specs, spec_url=None)
    assert " open>" in html
    assert '<li data-label="Riders" data-url="/r.yaml"></li>' in html
    assert 'data-label="&quot;&gt;&lt;script&gt;"' in html
    assert 'data-url="/d.yaml?a=1&amp;b=2"' in html


def test_partial_passes_an_auth_query_param_override():
    html = render_partial(try_it_out_auth_query_param="token")
    assert 'data-auth-query-param="token"' in html


def test_docs_page_includes_the_console_only_when_enabled(client):
    with console_settings(TRY_IT_OUT_ENABLED=False):
        assert "cs-try" not in client.get("/ws-docs/").content.decode()
    with console_settings(TRY_IT_OUT_ENABLED=True, TRY_IT_OUT_EXPANDED=True):
        html = client.get("/ws-docs/").content.decode()
    assert 'id="cs-try-it-out"' in html and " open>" in html
    assert 'data-spec-url="/ws-docs/asyncapi.yaml"' in html


def test_static_files_are_packaged():
    static = PACKAGE / "static" / "channels_spectacular"
    assert (static / "try-it-out.js").is_file() and (static / "try-it-out.css").is_file()


# -- in Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example_url(tmp_path_factory):
    """The rideshare example under daphne's runserver with the console enabled."""
    ensure_assets()
    folder = tmp_path_factory.mktemp("try_it_out")
    db = str(folder / "db.sqlite3")
    settings = SETTINGS_MODULE.format(db=db)
    (folder / "try_it_out_settings.py").write_text(textwrap.dedent(settings))
    migrate = [sys.executable, "-m", "django", "migrate", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=child_env(folder), check=True, timeout=120)
    with django_server("try_it_out_settings", pythonpath=[folder, EXAMPLE]) as base:
        yield base


def test_served_document_is_valid(example_url, assert_valid):
    with urllib.request.urlopen(example_url + "ws-docs/asyncapi.yaml?format=json") as response:
        assert_valid(json.load(response))


@needs_browser
def test_request_ride_round_trip_is_marked_valid(example_url):
    with browser_page() as (page, log):
        open_console(page, example_url)
        choose(page, ".cs-try-channel", "/ws/rides/{ride_id}/")
        page.fill(".cs-try-param[data-param='ride_id']", "1")
        port = example_url.rstrip("/").rsplit(":", 1)[1]
        assert page.inner_text(".cs-try-url") == f"ws://127.0.0.1:{port}/ws/rides/1/"
        page.click(".cs-try-connect")
        page.wait_for_selector(".cs-try-status[data-state='open']")

        choose(page, ".cs-try-action", "request_ride")
        assert page.input_value(".cs-try-example") == "0"
        assert page.locator(".cs-try-example option").first.inner_text() == "Cash payment"
        sent = json.loads(page.input_value(".cs-try-payload"))
        assert sent == {
            "action": "request_ride",
            "pickup_lat": 6.5244,
            "pickup_lng": 3.3792,
            "fare": "1500.00",
            "payment_method": "cash",
        }
        assert page.get_attribute(".cs-try-check", "data-valid") == "true"
        page.click(".cs-try-send")

        out = page.locator(".cs-try-entry[data-direction='out']").last
        assert out.get_attribute("data-message") == "request_ride"
        assert out.get_attribute("data-valid") == "true"
        reply = page.locator(".cs-try-entry[data-direction='in'][data-message='ride.requested']")
        reply.wait_for()
        assert reply.get_attribute("data-valid") == "true"
        assert reply.locator(".cs-try-badge").inner_text() == "valid"
        frame = json.loads(reply.locator(".cs-try-frame").inner_text())
        assert (frame["type"], frame["fare"], frame["status"]) == (
            "ride.requested",
            "1500.00",
            "requested",
        )

        page.click(".cs-try-disconnect")
        page.wait_for_selector(".cs-try-status[data-state='closed']")
        assert page.is_disabled(".cs-try-send")
        log.assert_clean()


@needs_browser
def test_an_edited_invalid_action_is_marked_and_still_sent(example_url):
    with browser_page() as (page, log):
        open_console(page, example_url)
        choose(page, ".cs-try-channel", "/ws/rides/{ride_id}/")
        page.click(".cs-try-connect")
        page.wait_for_selector(".cs-try-status[data-state='open']")
        choose(page, ".cs-try-action", "request_ride")
        frame = json.loads(page.input_value(".cs-try-payload"))
        del frame["payment_method"]
        page.fill(".cs-try-payload", json.dumps(frame))
        assert page.get_attribute(".cs-try-check", "data-valid") == "false"
        assert "$.payment_method: required field is missing" in page.inner_text(".cs-try-check")
        page.click(".cs-try-send")
        out = page.locator(".cs-try-entry[data-direction='out']").last
        assert out.get_attribute("data-valid") == "false"
        page.locator(".cs-try-entry[data-direction='in']").first.wait_for()
        page.click(".cs-try-disconnect")
        log.assert_clean()


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
def test_js_checker_agrees_with_jsonschema(example_url):
    with browser_page() as (page, log):
        page.set_content("<p>checker</p>")
        page.add_script_tag(url=example_url + "static/channels_spectacular/try-it-out.js")
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


# -- the console on a stubbed site: servers, auth token, skeletons, several specs -----------

SITE = "http://localhost:9/"
STUB_DOC = {
    "asyncapi": "3.0.0",
    "info": {"title": "Stub", "version": "1.0.0"},
    "servers": {"prod": {"host": "localhost:9", "protocol": "wss", "pathname": "/live"}},
    "channels": {
        "items": {
            "address": "/ws/items/{item_id}/",
            "parameters": {"item_id": {"description": "The item.", "examples": ["abc"]}},
            "messages": {"watch": {"$ref": "#/components/messages/watch"}},
        }
    },
    "operations": {
        "watch": {
            "action": "receive",
            "channel": {"$ref": "#/channels/items"},
            "messages": [{"$ref": "#/channels/items/messages/watch"}],
        }
    },
    "components": {
        "messages": {
            "watch": {
                "name": "watch",
                "payload": {
                    "type": "object",
                    "properties": {
                        "op": {"type": "string", "const": "watch"},
                        "depth": {"type": "integer"},
                        "mode": {"enum": ["live", "replay"]},
                        "note": {"type": "string"},
                    },
                    "required": ["op", "depth", "mode"],
                },
            }
        },
        "securitySchemes": {
            "queryToken": {"type": "httpApiKey", "in": "query", "name": "token"},
        },
    },
}
OTHER_DOC = {**STUB_DOC, "info": {"title": "Other", "version": "1.0.0"}, "servers": {}}
OTHER_DOC["channels"] = {"feed": {"address": "/ws/feed/", "messages": {}}}
OTHER_DOC["operations"] = {}


def test_stub_documents_are_valid(assert_valid):
    assert_valid(STUB_DOC)
    assert_valid(OTHER_DOC)


def stub_site(page: Any, html: str) -> None:
    """Serve the console page, two documents and the packaged static files at SITE."""
    static = PACKAGE / "static"
    docs = {"/one.yaml": STUB_DOC, "/two.yaml": OTHER_DOC}

    def fulfill(route: Any) -> None:
        url = route.request.url
        path = url[len(SITE) - 1 :].split("?", 1)[0]
        if path == "/docs/":
            route.fulfill(
                body=html, content_type="text/html", headers={"Content-Security-Policy": STRICT_CSP}
            )
        elif path in docs:
            assert "format=json" in url
            route.fulfill(body=json.dumps(docs[path]), content_type="application/json")
        elif path.startswith("/static/"):
            file = static / path[len("/static/") :]
            kind = "text/css" if file.suffix == ".css" else "application/javascript"
            route.fulfill(body=file.read_text(encoding="utf-8"), content_type=kind)
        else:
            route.fulfill(status=404, body="")

    page.route(SITE + "**", fulfill)


@needs_browser
def test_console_uses_servers_query_token_skeletons_and_several_specs():
    partial = render_partial(
        spec_url=None, specs=[("One", "/one.yaml"), ("Two", "/two.yaml")], try_it_out_expanded=True
    )
    html = f"<!DOCTYPE html><html><head><title>t</title></head><body>{partial}</body></html>"
    with browser_page() as (page, log):
        stub_site(page, html)
        page.goto(SITE + "docs/")
        page.wait_for_selector("[data-cs-try-it-out][data-cs-ready]")  # open on load
        assert page.is_visible(".cs-try-spec")
        assert page.input_value(".cs-try-param[data-param='item_id']") == "abc"
        assert page.inner_text(".cs-try-url") == "wss://localhost:9/live/ws/items/abc/"
        assert page.is_visible(".cs-try-token")
        page.fill(".cs-try-token", "s3cr3t &x")
        page.fill(".cs-try-param[data-param='item_id']", "a/b")
        expected = "wss://localhost:9/live/ws/items/a%2Fb/?token=s3cr3t%20%26x"
        assert page.inner_text(".cs-try-url") == expected
        # No example: a skeleton of the required fields, valid against the schema.
        assert page.locator(".cs-try-example option").all_inner_texts() == [
            "Skeleton from the schema"
        ]
        assert json.loads(page.input_value(".cs-try-payload")) == {
            "op": "watch",
            "depth": 0,
            "mode": "live",
        }
        assert page.get_attribute(".cs-try-check", "data-valid") == "true"
        page.select_option(".cs-try-spec", "1")
        page.wait_for_function(
            "() => document.querySelector('.cs-try-channel').textContent.includes('/ws/feed/')"
        )
        # No servers in this document: this site, the token kept.
        assert page.inner_text(".cs-try-url") == "ws://localhost:9/ws/feed/?token=s3cr3t%20%26x"
        log.assert_clean()
