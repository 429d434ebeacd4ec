"""Fixtures for the rideshare consumer tests.

Run from examples/rideshare with ``pytest --ds=rideshare.settings -o asyncio_mode=auto``
(the repository's tests/test_example_project.py does exactly that in a subprocess).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ORIGIN = [(b"origin", b"http://127.0.0.1")]  # AllowedHostsOriginValidator wants one
PARSER = Path(__file__).resolve().parents[3] / "tests" / "support" / "asyncapi_parser.py"


@pytest.fixture
def application() -> Any:
    """The project's real ASGI application: origin check, auth middleware, URL routing."""
    from rideshare.asgi import application

    return application


@pytest.fixture
def connect(application: Any, contract_communicator: Callable[..., Any]) -> Callable[..., Any]:
    """``await connect("/ws/rides/1/")``: a connected contract communicator."""

    async def open_(path: str) -> Any:
        communicator = contract_communicator(application, path, headers=ORIGIN)
        connected, _ = await communicator.connect()
        assert connected, f"{path} refused the connection"
        return communicator

    return open_


@pytest.fixture(scope="session")
def assert_valid_spec() -> Callable[[dict[str, Any]], None]:
    """The official AsyncAPI parser check, when run inside the channels-spectacular repo."""
    if not PARSER.is_file():
        pytest.skip("the official AsyncAPI parser helper lives in the channels-spectacular repo")
    spec = importlib.util.spec_from_file_location("_asyncapi_parser", PARSER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    check: Callable[[dict[str, Any]], None] = module.assert_valid_spec
    return check
