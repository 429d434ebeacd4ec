"""``CHANNELS_SPECTACULAR_SETTINGS``: defaults, lazy reads, reloads, imports, reference keys."""

from __future__ import annotations

import pytest
import yaml
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator
from channels_spectacular.permissions import is_staff
from channels_spectacular.settings import DEFAULTS, spectacular_settings
from channels_spectacular.views import clear_cache
from tests.asgi import RoomConsumer

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"
REFERENCE_KEYS = (
    "TITLE",
    "VERSION",
    "DESCRIPTION",
    "CHANNEL_PATH",
    "SERVERS",
    "WS_HOST",
    "WS_PROTOCOL",
    "AUTH_QUERY_PARAM",
    "AUTH_COOKIE_NAME",
    "TRY_IT_OUT_ENABLED",
    "TRY_IT_OUT_EXPANDED",
)


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


def test_every_default_key_has_a_comment():
    import inspect

    from channels_spectacular import settings as module

    source = inspect.getsource(module).split("DEFAULTS", 1)[1].split("}\n", 1)[0]
    lines = source.splitlines()
    for key in DEFAULTS:
        index = next(i for i, line in enumerate(lines) if line.strip().startswith(f'"{key}"'))
        assert lines[index - 1].strip().startswith("#"), key


def test_user_value_over_default():
    assert spectacular_settings.TITLE == "Test API"  # tests.settings
    assert spectacular_settings.VERSION == "1.0.0"  # the default


def test_reloaded_on_setting_changed():
    with override_settings(**{SETTINGS: {"TITLE": "Changed"}}):
        assert spectacular_settings.TITLE == "Changed"
    assert spectacular_settings.TITLE == "Test API"


def test_dotted_paths_are_imported():
    with override_settings(**{SETTINGS: {"SERVE_PERMISSIONS": ["tests.test_views.allow_header"]}}):
        (permission,) = spectacular_settings.SERVE_PERMISSIONS
        assert callable(permission) and permission.__name__ == "allow_header"
    (default,) = spectacular_settings.SERVE_PERMISSIONS
    assert default is is_staff  # the default dotted path, imported


def test_unknown_keys_get_a_hint():
    with override_settings(**{SETTINGS: {"WS_HOTS": "x", "TITLE": "ok"}}):
        assert spectacular_settings.unknown_keys() == [("WS_HOTS", "WS_HOST")]


def test_invalid_key_access_is_an_attribute_error():
    with pytest.raises(AttributeError):
        spectacular_settings.NOPE  # noqa: B018


def test_reference_keys_exist():
    assert set(REFERENCE_KEYS) <= set(DEFAULTS)


def test_reference_keys_have_the_same_meaning(client, assert_valid):
    reference = {
        "TITLE": "Reference API",
        "VERSION": "2.1.0",
        "DESCRIPTION": "From the reference package.",
        "CHANNEL_PATH": "/ws/reference/",
        "WS_HOST": "ref.example.com",
        "WS_PROTOCOL": "wss",
        "TRY_IT_OUT_ENABLED": True,
        "TRY_IT_OUT_EXPANDED": True,
    }
    with override_settings(**{SETTINGS: reference}):
        spec = AsyncAPIGenerator(RoomConsumer).get_spec()
        served = yaml.safe_load(client.get("/ws-docs/asyncapi.yaml").content)
        context = client.get("/ws-docs/").context
    assert spec["info"] == {
        "title": "Reference API",
        "version": "2.1.0",
        "description": "From the reference package.",
    }
    assert [c["address"] for c in spec["channels"].values()] == ["/ws/reference/"]
    assert spec["servers"] == {"default": {"host": "ref.example.com", "protocol": "wss"}}
    assert served["servers"] == spec["servers"]
    assert_valid(spec)
    assert_valid(served)
    assert context["try_it_out_enabled"] is True and context["try_it_out_expanded"] is True


def test_servers_setting_is_used_verbatim(assert_valid):
    servers = {"prod": {"host": "api.example.com", "protocol": "wss", "description": "Prod"}}
    with override_settings(**{SETTINGS: {"SERVERS": servers}}):
        spec = AsyncAPIGenerator(RoomConsumer).get_spec()
    assert spec["servers"] == servers
    assert_valid(spec)


def test_info_extras_are_merged(assert_valid):
    info = {"contact": {"name": "Team"}, "license": {"name": "MIT"}}
    with override_settings(**{SETTINGS: {"INFO": info}}):
        spec = AsyncAPIGenerator(RoomConsumer).get_spec()
    assert spec["info"]["contact"] == {"name": "Team"} and spec["info"]["title"] == "WebSocket API"
    assert_valid(spec)


def test_viewer_defaults_work_offline():
    assert DEFAULTS["VIEWER"]["ASSETS"] == "bundled"
