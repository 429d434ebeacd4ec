"""pytest plugin (``pytest11`` entry point): the ``contract_communicator`` fixture.

Cheap to import on purpose: pytest loads it in every project that installs the package,
so nothing here imports Django, channels or jsonschema until the fixture is used.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .communicator import ContractCommunicator


@pytest.fixture
def contract_communicator() -> Iterator[Callable[..., ContractCommunicator]]:
    """A factory: ``contract_communicator(app, "/ws/path/", **options)``.

    Takes the arguments of ``channels_spectacular.testing.ContractCommunicator``. Any
    communicator still running when the test ends is stopped.
    """
    from .communicator import ContractCommunicator

    made: list[ContractCommunicator] = []

    def make(application: Any, path: str, *args: Any, **kwargs: Any) -> ContractCommunicator:
        communicator = ContractCommunicator(application, path, *args, **kwargs)
        made.append(communicator)
        return communicator

    yield make
    for communicator in made:
        # RuntimeError: the test's event loop is already closed, nothing left to stop.
        with contextlib.suppress(RuntimeError):
            communicator.stop(exceptions=False)
