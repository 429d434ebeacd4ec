"""Snapshot tests: generated YAML against committed references, each reference validated.

Refresh the references after an intended change with ``UPDATE_SNAPSHOTS=1 make test``
(or ``UPDATE_SNAPSHOTS=1 .venv/bin/pytest tests/test_snapshots.py``) and review the diff.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator
from tests.support.documents import channel_security, kitchen_sink, rideshare, scribble

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

SNAPSHOTS = Path(__file__).with_name("snapshots")


CHANNEL_SECURITY_SETTINGS = {
    "SECURITY_SCHEMES": {
        "bearerQuery": {"type": "httpApiKey", "name": "token", "in": "query"},
    },
    "WS_BINDINGS": {"method": "GET", "headers": {"type": "object", "properties": {}}},
}


def townhall(consumer: str, path: str) -> Callable[[], AsyncAPIGenerator]:
    """One consumer of the townhall example: the wire patterns of real projects."""

    def build() -> AsyncAPIGenerator:
        from townhall import consumers

        return AsyncAPIGenerator(getattr(consumers, consumer), channel_path=path)

    return build


CASES: dict[str, Callable[[], AsyncAPIGenerator]] = {
    "rideshare": rideshare,
    "kitchen_sink": kitchen_sink,
    "channel_security": channel_security,
    "auth_shortcuts": kitchen_sink,
    # No discriminator, class-level messages, correlation id, a reply to the whole group.
    "wire_debate": townhall("DebateConsumer", "/ws/debates/{debate_id}/"),
    # ``type`` for client frames, stacked decorators, an inherited send_json.
    "wire_chat": townhall("ChatConsumer", "/ws/chat/{room}/"),
    # Project-wide keys, an event sent from connect(), a correlation id with a discriminator.
    "wire_notifications": townhall("NotificationsConsumer", "/ws/notifications/"),
    # Text, binary and array frames.
    "wire_live": townhall("LiveConsumer", "/ws/live/"),
}
SETTINGS = {
    "channel_security": CHANNEL_SECURITY_SETTINGS,
    # The reference package's shortcuts: a query token and a cookie, either one accepted.
    "auth_shortcuts": {"AUTH_QUERY_PARAM": "token", "AUTH_COOKIE_NAME": "jwt"},
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_snapshot(name, assert_valid):
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=SETTINGS.get(name, {"TITLE": "Test API"})):
        generated = CASES[name]().get_yaml()
    reference = SNAPSHOTS / f"{name}.yaml"
    if os.environ.get("UPDATE_SNAPSHOTS") or not reference.exists():
        reference.write_text(generated, encoding="utf-8")
    expected = reference.read_text(encoding="utf-8")
    assert_valid(expected)
    if generated != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(True), generated.splitlines(True), str(reference), "generated"
            )
        )
        pytest.fail(f"{name}: generated spec differs from the snapshot:\n{diff}")


@pytest.mark.parametrize("name", sorted(CASES))
def test_first_get_spec_hands_over_a_document_sharing_nothing(name):
    """The first ``get_spec()`` returns its build uncopied: it must be the caller's alone.

    Nothing in it may be shared with another place in it, with the settings or with the
    consumers' declarations: writing into every dict and list of it must change neither
    a later document of the same consumers nor any other part of itself.
    """
    reference = (SNAPSHOTS / f"{name}.yaml").read_text(encoding="utf-8")
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=SETTINGS.get(name, {"TITLE": "Test API"})):
        generator = CASES[name]()
        handed = generator.get_spec()
        assert handed == yaml.safe_load(reference)
        containers = scribble(handed)
        assert len({id(c) for c in containers}) == len(containers), "shared inside itself"
        assert generator.get_yaml() == reference  # the same generator builds again
        assert generator.get_spec() == generator.get_spec() == yaml.safe_load(reference)
        assert CASES[name]().get_yaml() == reference
