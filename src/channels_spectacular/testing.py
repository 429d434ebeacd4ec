"""Contract testing (public import path): see ``channels_spectacular.contract.communicator``."""

from __future__ import annotations

from .contract import communicator
from .contract.communicator import *  # noqa: F403

__all__ = list(communicator.__all__)
