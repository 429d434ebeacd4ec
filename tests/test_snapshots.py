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
from tests.support.documents import channel_security, kitchen_sink, rideshare

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

SNAPSHOTS = Path(__file__).with_name("snapshots")


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
