"""Discovery from the ASGI routing: middleware, nested routers, converters, re_path."""

from __future__ import annotations

import logging

import pytest
from channels.routing import ProtocolTypeRouter, URLRouter
from django.test import override_settings
from django.urls import path, re_path

from channels_spectacular import AsyncAPIGenerator
from channels_spectacular.diagnostics import Diagnostics
from channels_spectacular.discovery import discover_endpoints, route_address
from channels_spectacular.endpoints import resolve_endpoints
from tests.asgi import (
    AppWrapper,
    ArchiveConsumer,
    FileConsumer,
    ItemConsumer,
    LegacyConsumer,
    RoomConsumer,
    SilentConsumer,
)

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

EXPECTED = {
    RoomConsumer: "/ws/rooms/{room_id}/",
    ItemConsumer: "/ws/items/{item_id}/{slug}/",
    FileConsumer: "/ws/users/{username}/files/{file_path}",
    LegacyConsumer: "/ws/legacy/{room}/{page}/",
    ArchiveConsumer: "/ws/archive/{year}/{tag}/",
}


@pytest.fixture(scope="module")
def endpoints():
    return discover_endpoints()


def test_walks_middleware_and_nested_routers_to_every_documented_consumer(endpoints):
    assert {e.consumer: e.path for e in endpoints} == EXPECTED


def test_addresses_are_clean(endpoints):
    for endpoint in endpoints:
        assert not set(endpoint.path) & set("^$\\()?<>[]+*"), endpoint.path
        assert endpoint.path.startswith("/")
        assert "//" not in endpoint.path


def test_every_placeholder_has_a_parameter(endpoints):
    for endpoint in endpoints:
        assert sorted(endpoint.parameters) == sorted(endpoint.placeholders)
        for parameter in endpoint.parameters.values():
            assert parameter["description"]


@pytest.mark.parametrize(
    ("consumer", "name", "words", "examples"),
    [
        (RoomConsumer, "room_id", "integer", ["42"]),
        (ItemConsumer, "item_id", "UUID", ["123e4567-e89b-12d3-a456-426614174000"]),
        (ItemConsumer, "slug", "slug", ["my-slug"]),
        (FileConsumer, "username", "`str`", ["abc"]),  # a bare <name> is a str converter
        (FileConsumer, "file_path", "`path`", ["a/b"]),
        (LegacyConsumer, "room", r"`[-\w]+`", ["my-slug"]),
        (LegacyConsumer, "page", r"`\d+`", ["42"]),
        (ArchiveConsumer, "year", "`yyyy` path converter, matching `[0-9]{4}`", None),
    ],
)
def test_parameters_describe_the_converter_or_pattern(endpoints, consumer, name, words, examples):
    parameter = next(e for e in endpoints if e.consumer is consumer).parameters[name]
    assert words in parameter["description"]
    assert parameter.get("examples") == examples


def test_middleware_is_recorded(endpoints):
    room = next(e for e in endpoints if e.consumer is RoomConsumer)
    archive = next(e for e in endpoints if e.consumer is ArchiveConsumer)
    assert room.context["middleware"][:2] == ["OriginValidator", "CookieMiddleware"]
    assert "AuthMiddleware" in room.context["middleware"]
    assert archive.context["middleware"][-1] == "AppWrapper"  # wrapped inside its route


def test_undocumented_consumer_is_skipped_with_an_info_note(caplog):
    diagnostics = Diagnostics()
    endpoints = discover_endpoints(diagnostics=diagnostics)
    assert SilentConsumer not in {e.consumer for e in endpoints}
    (note,) = [d for d in diagnostics.items if d.location == "SilentConsumer"]
    assert note.level == "info" and "/ws/silent/" in note.message
    with caplog.at_level(logging.INFO, logger="channels_spectacular"):
        discover_endpoints()
    assert "SilentConsumer" in caplog.text


def test_discovered_spec_passes_the_official_parser(endpoints, assert_valid):
    generator = AsyncAPIGenerator(consumers=endpoints)
    spec = generator.get_spec()
    assert_valid(spec)
    rooms = next(c for c in spec["channels"].values() if c["address"] == EXPECTED[RoomConsumer])
    assert rooms["parameters"]["room_id"]["examples"] == ["42"]


def test_resolve_endpoints_falls_back_to_discovery():
    assert [e.path for e in resolve_endpoints()] == [e.path for e in discover_endpoints()]


def test_explicit_application_and_protocols_other_than_websocket():
    app = ProtocolTypeRouter(
        {
            "http": object(),
            "websocket": URLRouter([re_path(r"^x/(?P<n>\d+)$", RoomConsumer.as_asgi())]),
        }
    )
    (endpoint,) = discover_endpoints(app)
    assert endpoint.path == "/x/{n}"


def test_same_consumer_on_two_paths_gives_two_endpoints_and_duplicates_collapse():
    app = URLRouter(
        [
            path("a/", RoomConsumer.as_asgi()),
            path("b/", RoomConsumer.as_asgi()),
            path("a/", RoomConsumer.as_asgi()),
        ]
    )
    assert [e.path for e in discover_endpoints(app)] == ["/a/", "/b/"]


async def plain_asgi_app(scope, receive, send):
    pass


def test_unknown_applications_and_self_wrapping_middleware_do_not_crash():
    loop = AppWrapper(None)
    loop.app = loop
    routes = URLRouter([path("x/", loop), path("y/", plain_asgi_app)])
    assert discover_endpoints(routes) == []


@pytest.mark.parametrize(
    ("regex", "address", "names"),
    [
        (r"^ws/chat/(?P<room_name>\w+)/$", "ws/chat/{room_name}/", ["room_name"]),
        (r"\Aws/(?P<a>[0-9]+)\.json\Z", "ws/{a}.json", ["a"]),
        (r"^ws/(?P<k>a|b)/(?P<opt>\d+)?$", "ws/{k}/{opt}", ["k", "opt"]),
        (r"^(?i)ws/(?P<x>[^/]+)/$", "ws/{x}/", ["x"]),
        (r"^ws/(\d+)/$", "ws/{_0}/", ["_0"]),
    ],
)
def test_regex_routes_become_clean_addresses(regex, address, names):
    from django.urls.resolvers import RegexPattern

    segment, parameters = route_address(RegexPattern(regex))
    assert segment == address
    assert list(parameters) == names


def test_nothing_to_discover_raises_the_reference_value_error():
    empty = override_settings(ASGI_APPLICATION="tests.test_discovery.NOTHING_ROUTED")
    with empty, pytest.raises(ValueError) as info:
        resolve_endpoints()
    assert "`consumer`" in str(info.value) and "`consumers`" in str(info.value)


def test_only_undocumented_consumers_are_documented_as_bare_channels():
    with override_settings(ASGI_APPLICATION="tests.test_discovery.EMPTY_APP"):
        (endpoint,) = resolve_endpoints()
    assert endpoint.consumer is SilentConsumer and endpoint.path == "/s/"


EMPTY_APP = ProtocolTypeRouter({"websocket": URLRouter([path("s/", SilentConsumer.as_asgi())])})
NOTHING_ROUTED = ProtocolTypeRouter({})


def test_no_asgi_application_means_nothing_discovered():
    with override_settings(ASGI_APPLICATION=None):
        assert discover_endpoints() == []
