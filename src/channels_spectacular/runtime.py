"""Runtime validation (public import path): see ``channels_spectacular.contract.runtime``."""

from __future__ import annotations

from .contract import runtime
from .contract.runtime import *  # noqa: F403

__all__ = list(runtime.__all__)
