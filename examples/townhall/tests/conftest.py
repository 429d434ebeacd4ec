"""Fixtures for the townhall consumer tests.

Run from examples/townhall with ``pytest --ds=townhall.settings -o asyncio_mode=auto``
(the repository's tests/test_example_project.py does exactly that in a subprocess).
"""

from __future__ import annotations

import runpy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def connect(contract_communicator: Callable[..., Any]) -> Callable[..., Any]:
    """``await connect("/ws/chat/lobby/")``: a contract communicator on the project's ASGI app."""
    from townhall.asgi import application

    async def open_(path: str) -> Any:
        communicator = contract_communicator(application, path)
        assert (await communicator.connect())[0], f"{path} refused the connection"
        return communicator

    return open_


@pytest.fixture(scope="session")
def official_check() -> Callable[[dict[str, Any]], None]:
    """The official AsyncAPI parser, when run inside the channels-spectacular repository."""
    helper = REPO / "tests" / "support" / "asyncapi_parser.py"
    if not helper.is_file():
        pytest.skip("the official AsyncAPI parser helper lives in the channels-spectacular repo")
    # Run by path: this example's own "tests" package hides the repository's.
    check: Callable[[dict[str, Any]], None] = runpy.run_path(str(helper))["assert_valid_spec"]
    return check
