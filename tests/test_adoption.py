"""Adopting the package on an existing project never stops it, and says what to do next."""

from __future__ import annotations

import pytest
import yaml
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import Client, override_settings

from channels_spectacular import AsyncAPIGenerator, document_action, document_event
from channels_spectacular.views import clear_cache
from tests.support.throwaway import fetch, make_project

SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    # The path of consumers nothing documents: with inference on (the default) this one
    # gets an inferred draft instead, tested end to end in test_inference.py.
    off = f"{SETTINGS} = {{'INFERENCE': False}}\n"
    return make_project(tmp_path_factory.mktemp("adopt"), off)


def test_check_and_migrate_pass_on_an_undecorated_project(project):
    code, out = project.manage("check")
    assert code == 0, out
    assert "channels_spectacular.W002" in out and "ChatConsumer" in out
    assert "@document_action" in out  # the pointer says how to document it
    assert "route documented consumers" not in out and "ERROR" not in out
    code, out = project.manage("migrate", "-v", "0")
    assert code == 0, out
    # The strict gate stays where CI wants it.
    code, out = project.manage("export_asyncapi", "--fail-on-warn", "-o", "spec.yaml")
    assert code != 0 and "ChatConsumer" in out


def test_undecorated_project_gets_a_useful_docs_page_under_daphne(project, assert_valid):
    with project.daphne() as base:
        status, _, body = fetch(base + "ws-docs/asyncapi.yaml")
        assert status == 200, body
        spec = yaml.safe_load(body)
        status, _, page = fetch(base + "ws-docs/")
    assert status == 200, page
    assert_valid(spec)
    (channel,) = spec["channels"].values()
    assert channel["address"] == "/ws/chat/{room}/" and channel["messages"] == {}
    html = page.decode()
    assert "Consumers without documentation" in html
    assert "<code>chat.consumers.ChatConsumer</code> at <code>/ws/chat/{room}/</code>" in html
    assert "@document_action" in html and "Getting started" in html


class BrokenConsumer(AsyncJsonWebsocketConsumer):
    @document_action(payload={"$ref": "#/components/schemas/NowhereToBeFound"})
    async def handle_go(self, content):
        pass


BROKEN = {"TITLE": "Broken", "CONSUMERS": [("tests.test_adoption.BrokenConsumer", "/ws/b/")]}


@pytest.fixture
def broken():
    clear_cache()
    with override_settings(**{SETTINGS: BROKEN}):
        yield
    clear_cache()


@pytest.mark.django_db
def test_generation_failure_page_is_short_for_anonymous_users(broken):
    response = Client().get("/ws-docs/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "The AsyncAPI document cannot be generated" in html
    assert "NowhereToBeFound" not in html and "BrokenConsumer" not in html
    assert "cs-asyncapi" not in html  # no viewer left to report a YAML parse error
    spec = Client().get("/ws-docs/asyncapi.yaml")
    assert spec.status_code == 500 and b"NowhereToBeFound" not in spec.content


@pytest.mark.django_db
def test_generation_failure_details_for_staff_and_debug(broken, django_user_model):
    staff = django_user_model.objects.create_user("ada", password="x", is_staff=True)
    client = Client()
    client.force_login(staff)
    html = client.get("/ws-docs/").content.decode()
    assert "BrokenConsumer.handle_go" in html and "NowhereToBeFound" in html
    with override_settings(DEBUG=True):
        response = Client().get("/ws-docs/asyncapi.yaml")
    assert b"NowhereToBeFound" in response.content


class RideConsumer(AsyncJsonWebsocketConsumer):
    @document_event("ride.offer", payload={"type": "object", "properties": {"id": {}}})
    async def ride_offer(self, event):
        pass

    @document_action(
        payload={"type": "object"},
        # An equal dict, not the same object: the event's message is reused.
        responses={"ride.offer": {"type": "object", "properties": {"id": {}}}},
    )
    async def handle_request(self, content):
        pass

    @document_action(responses={"ride.ofer": None})
    async def handle_typo(self, content):
        pass

    @document_action()
    @staticmethod
    async def handle_static(content):
        pass


def test_equal_reply_dict_reuses_the_event_and_problems_name_the_method(assert_valid):
    generator = AsyncAPIGenerator(RideConsumer, channel_path="/ws/rides/")
    spec = generator.get_spec()
    assert_valid(spec)
    assert "ride.offer_2" not in spec["components"]["messages"]
    reply = spec["operations"]["request"]["reply"]["messages"]
    assert reply == [{"$ref": "#/channels/rides/messages/ride.offer"}]
    warnings = {(d.code, d.location): d.message for d in generator.diagnostics.warnings}
    assert ("reply-differs-from-event", "RideConsumer.handle_request") not in warnings
    typo = warnings[("reply-without-event", "RideConsumer.handle_typo")]
    assert "'ride.ofer'" in typo and "did you mean 'ride.offer'?" in typo
    static = warnings[("decorated-non-method", "RideConsumer.handle_static")]
    assert "staticmethod" in static


def test_a_consumer_routed_twice_warns():
    from channels.routing import ProtocolTypeRouter, URLRouter
    from django.urls import path

    from channels_spectacular.discovery import discover_endpoints

    route = path("ws/rides/", RideConsumer.as_asgi())
    app = ProtocolTypeRouter({"websocket": URLRouter([route, route])})
    (endpoint,) = discover_endpoints(app)
    generator = AsyncAPIGenerator(consumers=[endpoint])
    generator.get_spec()
    (warning,) = [d for d in generator.diagnostics.warnings if d.code == "routed-twice"]
    assert warning.location == "RideConsumer" and "2 times at '/ws/rides/'" in warning.message
