"""GenerationConfig: which consumers, servers, info and envelope one document uses."""

from __future__ import annotations

import pytest
from django.test import RequestFactory, override_settings

from channels_spectacular.config import (
    Envelope,
    GenerationConfig,
    check_consumer_source,
    envelope_for,
    resolve_servers,
)
from channels_spectacular.endpoints import Endpoint
from tests.asgi import RoomConsumer

SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"
SERVERS = {"prod": {"host": "api.example.com", "protocol": "wss"}}


def test_servers_precedence():
    explicit = {"x": {"host": "x", "protocol": "ws"}}
    secure = RequestFactory().get("/", secure=True, HTTP_HOST="docs.example.com")
    with override_settings(**{SETTINGS: {"SERVERS": SERVERS}}):
        assert resolve_servers(explicit, host="h", request=secure) is explicit
        assert resolve_servers(host="h")["default"] == {"host": "h", "protocol": "ws"}
        assert resolve_servers(request=secure) == SERVERS
    with override_settings(**{SETTINGS: {"WS_PROTOCOL": "ws"}}):
        assert resolve_servers(request=secure)["default"] == {
            "host": "docs.example.com",
            "protocol": "ws",  # the setting wins over the request's scheme
        }
        assert resolve_servers()["default"] == {"host": "localhost:8000", "protocol": "ws"}


def test_from_settings_resolves_endpoints_and_settles_servers_for_a_request():
    request = RequestFactory().get("/", HTTP_HOST="docs.example.com")
    config = GenerationConfig.from_settings(consumer=RoomConsumer, request=request)
    assert config.endpoints == (Endpoint(RoomConsumer, "/ws/"),)
    assert config.servers == {"default": {"host": "docs.example.com", "protocol": "ws"}}
    later = GenerationConfig.from_settings(consumers=[(RoomConsumer, "/ws/rooms/{id}/")])
    assert later.servers is None  # read from settings when generating
    with override_settings(**{SETTINGS: {"SERVERS": SERVERS}}):
        assert later.get_servers() == SERVERS


def test_info_is_read_when_asked_with_explicit_fields_over_it():
    config = GenerationConfig((), info={"version": "9"})
    with override_settings(**{SETTINGS: {"TITLE": "Rides", "INFO": {"x-team": "a"}}}):
        assert config.get_info() == {"title": "Rides", "version": "9", "x-team": "a"}


def test_envelope_keys_are_read_at_use_time():
    config = GenerationConfig((Endpoint(RoomConsumer, "/ws/"),))
    assert config.envelope_for(RoomConsumer) == Envelope("action", "type", "data")
    with override_settings(**{SETTINGS: {"ACTION_KEY": "op", "EVENT_KEY": "event"}}):
        assert config.envelope_for(RoomConsumer) == Envelope("op", "event", "data")
        assert envelope_for() == Envelope("op", "event", "data")


def test_for_path_finds_the_routed_consumer_or_names_what_to_pass():
    from tests.asgi import application

    config = GenerationConfig.for_path(application, "/ws/rooms/42/")
    (endpoint,) = config.endpoints
    assert endpoint.consumer is RoomConsumer and endpoint.path == "/ws/rooms/{room_id}/"
    with pytest.raises(ValueError, match="consumer=YourConsumer"):
        GenerationConfig.for_path(object(), "/ws/nowhere/")


def test_nothing_to_document_is_the_references_value_error():
    with override_settings(**{SETTINGS: {"DISCOVER_CONSUMERS": False}}):
        with pytest.raises(ValueError, match="nothing to document"):
            check_consumer_source("MyView")
        with pytest.raises(ValueError, match="No consumers to document"):
            GenerationConfig.from_settings()
