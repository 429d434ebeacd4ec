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
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator
from tests.consumers import ChatConsumer, CollidingConsumer, TagsConsumer

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

SNAPSHOTS = Path(__file__).with_name("snapshots")


def rideshare() -> AsyncAPIGenerator:
    from rideshare.consumers import AccountConsumer, DriverConsumer, RideConsumer

    return AsyncAPIGenerator(
        consumers=[
            (RideConsumer, "/ws/rides/{ride_id}/"),
            (DriverConsumer, "/ws/drivers/{driver_id}/"),
            (AccountConsumer, "/ws/account/"),
        ]
    )


def kitchen_sink() -> AsyncAPIGenerator:
    return AsyncAPIGenerator(
        consumers=[
            (ChatConsumer, "/ws/chat/{room}/"),
            (CollidingConsumer, "/ws/rides/"),
            (TagsConsumer, "/ws/tags/"),
        ]
    )


def channel_security() -> AsyncAPIGenerator:
    """``@document_channel``, schemes from settings, shortcuts, bindings, inferred cookie."""
    from channels_spectacular.endpoints import Endpoint
    from tests.test_channel_docs import DocumentedConsumer, PlainConsumer

    return AsyncAPIGenerator(
        consumers=[
            (DocumentedConsumer, "/ws/rides/{ride_id}/"),
            (PlainConsumer, "/ws/plain/"),
            Endpoint(PlainConsumer, "/ws/session/", context={"middleware": ["SessionMiddleware"]}),
        ]
    )


CHANNEL_SECURITY_SETTINGS = {
    "SECURITY_SCHEMES": {
        "bearerQuery": {"type": "httpApiKey", "name": "token", "in": "query"},
    },
    "WS_BINDINGS": {"method": "GET", "headers": {"type": "object", "properties": {}}},
}

CASES: dict[str, Callable[[], AsyncAPIGenerator]] = {
    "rideshare": rideshare,
    "kitchen_sink": kitchen_sink,
    "channel_security": channel_security,
    "auth_shortcuts": kitchen_sink,
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
