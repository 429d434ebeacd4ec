"""``manage.py check``: settings, consumer imports, duplicates and generation diagnostics."""

from __future__ import annotations

from io import StringIO

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.checks import Error, Warning, run_checks
from django.core.management import call_command
from django.test import override_settings

from channels_spectacular import document_action
from channels_spectacular.checks import check_consumers, check_generation, check_settings

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"


class DuplicateConsumer(AsyncJsonWebsocketConsumer):
    """Two handlers claim one action name."""

    @document_action(summary="Join")
    async def handle_join(self, content):
        pass

    @document_action(summary="Join again", action="join")
    async def handle_join_again(self, content):
        pass


def ids(messages) -> list[str]:
    return [m.id for m in messages]


def checks_with(**settings):
    with override_settings(**{SETTINGS: settings}):
        return run_checks(tags=["channels_spectacular"])


def test_clean_project_has_no_errors():
    messages = run_checks(tags=["channels_spectacular"])
    assert [m for m in messages if m.level >= Error.level] == []


def test_unknown_key_with_did_you_mean():
    (message,) = checks_with(TITEL="x")
    assert message.id == "channels_spectacular.W001" and isinstance(message, Warning)
    assert "'TITEL'" in message.msg and message.hint == "Did you mean 'TITLE'?"


def test_unknown_key_without_a_close_match_lists_valid_keys():
    (message,) = checks_with(ZZZZZZZZ=1)
    assert "Valid keys:" in message.hint and "SERVE_PUBLIC" in message.hint


def test_reference_keys_are_all_accepted():
    reference = {
        "TITLE": "T",
        "VERSION": "2.0.0",
        "DESCRIPTION": "D",
        "CHANNEL_PATH": "/ws/",
        "SERVERS": {"prod": {"host": "api.example.com", "protocol": "wss"}},
        "WS_HOST": "api.example.com",
        "WS_PROTOCOL": "wss",
        "AUTH_QUERY_PARAM": "token",
        "AUTH_COOKIE_NAME": "sessionid",
        "TRY_IT_OUT_ENABLED": True,
        "TRY_IT_OUT_EXPANDED": False,
    }
    with override_settings(**{SETTINGS: reference}):
        assert check_settings() == []


@pytest.mark.parametrize(
    ("settings", "words"),
    [
        ({"WS_PROTOCOL": "http"}, "['WS_PROTOCOL'] must be one of"),
        ({"WS_HOST": "wss://api.example.com"}, "without a scheme"),
        ({"CHANNEL_PATH": "ws/"}, "starting with '/'"),
        ({"SERVERS": {"prod": {"url": "x"}}}, "needs 'host' and 'protocol'"),
        ({"SERVERS": ["x"]}, "servers mapping"),
        ({"CONSUMERS": "tests.asgi.RoomConsumer"}, "list of (consumer"),
        ({"VIEWER": {"ASSET": "cdn"}}, "unknown keys ['ASSET']"),
        ({"VIEWER": {"CONFIG": []}}, "['CONFIG'] must be a dict"),
        ({"SERVE_PUBLIC": "no"}, "must be bool"),
        ({"SERVE_PERMISSIONS": ["tests.nowhere.allow"]}, "cannot be imported"),
        ({"POSTPROCESSING_HOOKS": [42]}, "not callable"),
        ({"VALIDATE_MESSAGES": "loud"}, "must be one of ['off', 'log', 'error']"),
    ],
)
def test_misconfigured_settings(settings, words):
    messages = checks_with(**settings)
    assert ids(messages) == ["channels_spectacular.E001"], messages
    assert words in messages[0].msg


def test_consumers_that_fail_to_import():
    consumers = [("tests.nowhere.Consumer", "/ws/a/"), ("tests.asgi.RoomConsumer", "/ws/b/")]
    with override_settings(**{SETTINGS: {"CONSUMERS": consumers}}):
        (message,) = check_consumers()
        assert message.id == "channels_spectacular.E002"
        assert "CONSUMERS'][0]" in message.msg and "tests.nowhere.Consumer" in message.msg
        assert check_generation() == []  # settings errors first, no cascade


def test_duplicate_action_names_on_one_channel():
    consumers = [("tests.test_checks.DuplicateConsumer", "/ws/dup/")]
    messages = checks_with(CONSUMERS=consumers)
    (duplicate,) = [m for m in messages if m.id == "channels_spectacular.W006"]
    assert duplicate.obj == "DuplicateConsumer.handle_join_again"
    assert "'join'" in duplicate.msg and "DuplicateConsumer.handle_join" in duplicate.msg


def test_generation_warnings_carry_their_location():
    consumers = [("tests.asgi.RoomConsumer", "/a/chat/"), ("tests.asgi.ItemConsumer", "/b/chat/")]
    messages = checks_with(CONSUMERS=consumers)
    (warning,) = [m for m in messages if m.id == "channels_spectacular.W002"]
    assert warning.obj == "ItemConsumer" and "chat" in warning.msg


def test_nothing_to_document_is_a_warning_never_an_error():
    with override_settings(ASGI_APPLICATION="tests.test_discovery.NOTHING_ROUTED"):
        messages = run_checks(tags=["channels_spectacular"])
    assert {m.id for m in messages} == {"channels_spectacular.W003"}
    assert all("`consumer`" in m.msg and "`consumers`" in m.msg for m in messages)
    assert not any(isinstance(m, Error) for m in messages)


def test_undocumented_routed_consumers_are_warnings_with_a_pointer():
    with override_settings(ASGI_APPLICATION="tests.test_discovery.EMPTY_APP"):
        messages = run_checks(tags=["channels_spectacular"])
    assert messages and {m.id for m in messages} == {"channels_spectacular.W002"}
    assert all(m.obj == "SilentConsumer" and "@document_action" in m.msg for m in messages)


def test_each_routed_spec_view_is_checked():
    from channels_spectacular.checks import _spec_views

    where = [w for w, _ in _spec_views()]
    assert "view at '/ws-docs/asyncapi.yaml'" in where and "view at '/api/room.yaml'" in where
    assert "view at '/api/custom.yaml'" in where


def test_manage_py_check_output():
    out, err = StringIO(), StringIO()
    with override_settings(**{SETTINGS: {"TITEL": "x"}}):
        call_command("check", stdout=out, stderr=err)
    text = out.getvalue() + err.getvalue()
    assert "channels_spectacular.W001" in text and "Did you mean 'TITLE'?" in text


def test_a_spec_view_refusing_its_configuration_is_reported():
    nothing = {"TITLE": "Test API", "DISCOVER_CONSUMERS": False}
    with override_settings(ROOT_URLCONF="tests.refusing_urls", **{SETTINGS: nothing}):
        (error,) = check_generation()
    assert error.id == "channels_spectacular.E004" and "`consumers`" in error.msg
    assert error.msg.startswith("URLconf: AsyncAPISpecView:")


def test_without_routed_spec_views_the_settings_configuration_is_checked():
    with override_settings(ROOT_URLCONF="tests.test_checks"):
        assert run_checks(tags=["channels_spectacular"]) == []  # discovery finds consumers
        empty = override_settings(ASGI_APPLICATION="tests.test_discovery.NOTHING_ROUTED")
        with empty:
            (warning,) = run_checks(tags=["channels_spectacular"])
    assert warning.id == "channels_spectacular.W003" and "`consumers`" in warning.msg


urlpatterns: list = []  # this module doubles as an URLconf without spec views
