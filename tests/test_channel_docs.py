"""Channel-level docs, security schemes and WebSocket bindings."""

from __future__ import annotations

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator, document_channel
from channels_spectacular.diagnostics import GenerationError
from channels_spectacular.endpoints import Endpoint
from tests.consumers import QUERY, DocumentedConsumer, PlainConsumer

pytestmark = pytest.mark.minimum  # also on the lowest supported versions


class ChildConsumer(DocumentedConsumer):
    pass


SCHEMES = {"bearerQuery": {"type": "httpApiKey", "name": "token", "in": "query"}}


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"SECURITY_SCHEMES": SCHEMES})
def test_document_channel_fields(assert_valid):
    spec = AsyncAPIGenerator(DocumentedConsumer, channel_path="/ws/rides/").get_spec()
    assert_valid(spec)
    channel = spec["channels"]["rides"]
    assert channel["title"] == "Live rides"
    assert channel["summary"] == "Follow one ride."
    assert channel["description"] == "Everything about **one** ride."
    assert channel["tags"] == [{"name": "rides"}]
    assert channel["externalDocs"] == {"url": "https://example.com/rides", "description": "Guide"}
    assert channel["bindings"] == {"ws": {"method": "GET", "query": QUERY}}
    assert spec["operations"]["go"]["security"] == [
        {"$ref": "#/components/securitySchemes/bearerQuery"}
    ]
    assert spec["components"]["securitySchemes"] == SCHEMES


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"SECURITY_SCHEMES": SCHEMES})
def test_channel_docs_are_inherited():
    spec = AsyncAPIGenerator(ChildConsumer, channel_path="/ws/x/").get_spec()
    assert spec["channels"]["x"]["title"] == "Live rides"


def test_docstring_becomes_description(assert_valid):
    spec = AsyncAPIGenerator(PlainConsumer, channel_path="/ws/x/").get_spec()
    assert_valid(spec)
    assert spec["channels"]["x"]["description"] == "Uses the docstring as description."
    assert "security" not in spec["operations"]["go"]


def test_unknown_scheme_is_a_generation_error():
    with pytest.raises(GenerationError, match=r"DocumentedConsumer: security scheme 'bearerQuery'"):
        AsyncAPIGenerator(DocumentedConsumer).get_spec()


@override_settings(
    CHANNELS_SPECTACULAR_SETTINGS={"AUTH_QUERY_PARAM": "token", "AUTH_COOKIE_NAME": "jwt"}
)
def test_reference_package_auth_shortcuts(assert_valid):
    spec = AsyncAPIGenerator(PlainConsumer).get_spec()
    assert_valid(spec)
    schemes = spec["components"]["securitySchemes"]
    assert schemes["queryToken"]["in"] == "query" and schemes["queryToken"]["name"] == "token"
    assert schemes["cookieJWT"]["in"] == "cookie" and schemes["cookieJWT"]["name"] == "jwt"
    assert spec["operations"]["go"]["security"] == [
        {"$ref": "#/components/securitySchemes/queryToken"},
        {"$ref": "#/components/securitySchemes/cookieJWT"},
    ]


@override_settings(
    CHANNELS_SPECTACULAR_SETTINGS={
        "SECURITY_SCHEMES": SCHEMES,
        "SECURITY": ["bearerQuery"],
        "WS_BINDINGS": {"headers": {"type": "object", "properties": {"X-App": {"type": "string"}}}},
    }
)
def test_default_security_and_bindings_from_settings(assert_valid):
    spec = AsyncAPIGenerator(PlainConsumer).get_spec()
    assert_valid(spec)
    assert spec["operations"]["go"]["security"] == [
        {"$ref": "#/components/securitySchemes/bearerQuery"}
    ]
    assert spec["channels"]["ws"]["bindings"]["ws"]["headers"]["properties"] == {
        "X-App": {"type": "string"}
    }


def test_session_middleware_infers_the_session_cookie(assert_valid):
    endpoint = Endpoint(PlainConsumer, "/ws/x/", context={"middleware": ["SessionMiddleware"]})
    spec = AsyncAPIGenerator(consumers=[endpoint]).get_spec()
    assert_valid(spec)
    assert spec["components"]["securitySchemes"]["sessionCookie"] == {
        "type": "httpApiKey",
        "name": "sessionid",
        "in": "cookie",
        "description": "Django session cookie.",
    }
    assert spec["operations"]["go"]["security"] == [
        {"$ref": "#/components/securitySchemes/sessionCookie"}
    ]


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"tags": "x"}, TypeError, "tags must be a list of strings"),
        ({"security": "session"}, TypeError, "security must be a list"),
        ({"security": [{"name": "x"}]}, ValueError, "need a 'type'"),
        ({"bindings": {"ws": {"verb": "GET"}}}, ValueError, r"bindings\['ws'\] takes only"),
        ({"bindings": {"ws": {"method": "PUT"}}}, ValueError, "must be 'GET' or 'POST'"),
        ({"bindings": {"ws": {"query": {"type": "string"}}}}, ValueError, "object schema"),
        ({"external_docs": {"description": "x"}}, TypeError, "external_docs must be a dict"),
    ],
)
def test_document_channel_misuse(kwargs, error, message):
    with pytest.raises(error, match=r"Bad: .*" + message):

        @document_channel(**kwargs)
        class Bad(AsyncJsonWebsocketConsumer):
            pass


def test_document_channel_without_parentheses():
    with pytest.raises(TypeError, match="needs parentheses"):

        @document_channel
        class Bad(AsyncJsonWebsocketConsumer):
            pass


def test_discovered_auth_middleware_stack_documents_the_session_cookie(assert_valid):
    from channels_spectacular.discovery import discover_endpoints
    from tests.asgi import application

    spec = AsyncAPIGenerator(consumers=discover_endpoints(application)).get_spec()
    assert_valid(spec)
    assert spec["components"]["securitySchemes"] == {
        "sessionCookie": {
            "type": "httpApiKey",
            "name": "sessionid",
            "in": "cookie",
            "description": "Django session cookie.",
        }
    }
    for operation in spec["operations"].values():
        assert operation["security"] == [{"$ref": "#/components/securitySchemes/sessionCookie"}]


@override_settings(SESSION_COOKIE_NAME="sid")
def test_inferred_cookie_uses_the_session_cookie_name():
    from channels_spectacular.discovery import discover_endpoints
    from tests.asgi import application

    spec = AsyncAPIGenerator(consumers=discover_endpoints(application)).get_spec()
    assert spec["components"]["securitySchemes"]["sessionCookie"]["name"] == "sid"


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"SECURITY": []})
def test_settings_can_switch_the_inference_off():
    from channels_spectacular.discovery import discover_endpoints
    from tests.asgi import application

    spec = AsyncAPIGenerator(consumers=discover_endpoints(application)).get_spec()
    assert "securitySchemes" not in spec.get("components", {})
    assert all("security" not in op for op in spec["operations"].values())


def test_example_documents_exactly_which_channels_need_the_session(assert_valid):
    from rideshare.asgi import application

    from channels_spectacular.discovery import discover_endpoints

    spec = AsyncAPIGenerator(consumers=discover_endpoints(application)).get_spec()
    assert_valid(spec)
    secured = {k for k, op in spec["operations"].items() if op.get("security")}
    # The undecorated support chat (an inferred draft) cannot opt out: the session
    # middleware in front of it decides, as for any consumer without security=.
    support = {
        k for k, op in spec["operations"].items() if op["channel"]["$ref"] == "#/channels/support"
    }
    assert support and all(spec["operations"][k].get("x-inferred") for k in support)
    # every operation of the account channel
    assert secured == {"whoami", "account.error"} | support
