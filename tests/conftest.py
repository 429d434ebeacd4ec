"""Shared fixtures: the official AsyncAPI parser, run once per session."""

from __future__ import annotations

import pytest

from tests.support.asyncapi_parser import OfficialParser, assert_valid_spec, official_parser


@pytest.fixture(scope="session")
def asyncapi_parser() -> OfficialParser:
    """The official @asyncapi/parser in one Node process for the whole session."""
    return official_parser()


@pytest.fixture
def assert_valid():
    """``assert_valid(spec)``: fail unless the official parser reports 0 errors."""
    return assert_valid_spec
