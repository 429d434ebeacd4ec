"""A project written for django-channels-spectacular 0.1.1 works by changing the requirement."""

from __future__ import annotations

import gzip
import re

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import override_settings
from pydantic import v1

from channels_spectacular import AsyncAPIGenerator, document_action, document_event
from tests.support.browser import browser_page, chromium_available, ensure_assets, wait_for_viewer
from tests.support.throwaway import fetch, make_project


# The reference package's README style: payloads as {field: type name}.
class RideConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        summary="Request a ride",
        payload={"pickup_lat": "float", "fare": "decimal", "rider_id": "uuid"},
        responses={"ride.requested": {"ride_id": "uuid", "fare": "decimal"}},
    )
    async def handle_request_ride(self, content):
        pass

    @document_event("ride.offer", payload={"ride_id": "uuid", "eta": "timedelta"})
    async def ride_offer(self, event):
        pass


def test_shorthand_payload_dicts_become_object_schemas(assert_valid):
    generator = AsyncAPIGenerator(RideConsumer, channel_path="/ws/rides/")
    spec = generator.get_spec()
    assert_valid(spec)
    messages = spec["components"]["messages"]
    props = messages["request_ride"]["payload"]["properties"]
    assert props["fare"] == {"type": "string", "format": "decimal"}
    assert props["rider_id"] == {"type": "string", "format": "uuid"}
    assert props["pickup_lat"] == {"type": "number"}
    reply = messages["ride.requested"]["payload"]["properties"]
    assert reply["ride_id"] == {"type": "string", "format": "uuid"}
    offer = messages["ride.offer"]["payload"]["properties"]
    assert offer["eta"] == {}  # unknown type name: any value, and a warning
    (warning,) = generator.diagnostics.warnings
    assert warning.code == "unknown-shorthand-type"
    assert warning.location == "RideConsumer.ride_offer" and "'timedelta'" in warning.message
    # Real JSON Schema dicts made only of strings are still JSON Schema.
    from channels_spectacular.schema.shorthand import is_shorthand

    assert not is_shorthand({"type": "string", "format": "uuid"})


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"AUTH_COOKIE_NAME": "jwt"})
def test_auth_cookie_name_is_the_cookie_jwt_scheme(assert_valid):
    spec = AsyncAPIGenerator(RideConsumer).get_spec()
    assert_valid(spec)
    assert spec["components"]["securitySchemes"]["cookieJWT"] == {
        "type": "httpApiKey",
        "name": "jwt",
        "in": "cookie",
        "description": "JWT in a cookie.",
    }


class Point(v1.BaseModel):
    lat: float
    lng: float = v1.Field(..., description="Longitude")


class Pickup(v1.BaseModel):
    where: Point
    note: str | None = None


class PickupConsumer(AsyncJsonWebsocketConsumer):
    @document_action(payload=Pickup)
    async def handle_pickup(self, content):
        pass


def test_pydantic_v1_models_are_payloads(assert_valid):
    spec = AsyncAPIGenerator(PickupConsumer, channel_path="/ws/p/").get_spec()
    assert_valid(spec)
    payload = spec["components"]["messages"]["pickup"]["payload"]
    assert payload["properties"]["where"] == {"$ref": "#/components/schemas/Point"}
    point = spec["components"]["schemas"]["Point"]
    assert point["properties"]["lng"]["description"] == "Longitude"
    assert point["required"] == ["lat", "lng"]


# -- the viewer page without django.contrib.staticfiles, served by daphne --------------

ASSET = re.compile(r'(?:src|href)="(/ws-docs/assets/[^"]+)"')


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    ensure_assets()
    settings = '\nCHANNELS_SPECTACULAR_SETTINGS = {"TRY_IT_OUT_ENABLED": True}\n'
    return make_project(tmp_path_factory.mktemp("dropin"), settings)


def test_docs_page_works_under_daphne_without_staticfiles(project):
    code, out = project.manage("check")
    assert code == 0 and "W004" not in out, out
    with project.daphne() as base:
        _, _, page = fetch(base + "ws-docs/")
        urls = ASSET.findall(page.decode())
        assert len(urls) == 6, page  # viewer js/css, ours, the console's
        for url in urls:
            assert re.search(r"\.[0-9a-f]{16}\.(js|css)$", url)
            status, headers, body = fetch(base + url.lstrip("/"), {"Accept-Encoding": "gzip"})
            assert status == 200
            assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
            assert headers["Content-Encoding"] == "gzip" and gzip.decompress(body)
        status, _, _ = fetch(base + "ws-docs/assets/index.0000000000000000.js")
        assert status == 404
        if chromium_available():
            with browser_page() as (browser, log):
                browser.goto(base + "ws-docs/")
                assert "No channels" not in wait_for_viewer(browser)
                assert browser.is_visible("#cs-try-it-out")
            log.assert_clean()


def test_check_warns_when_nothing_can_serve_the_viewer_files(project):
    project.write("mysite/urls_bare.py", "urlpatterns = []\n")
    code, out = project.manage("check", env={"DJANGO_ROOT_URLCONF": "mysite.urls_bare"})
    assert code == 0
    assert "channels_spectacular.W004" in out and "include('channels_spectacular.urls')" in out
