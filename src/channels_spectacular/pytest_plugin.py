"""pytest plugin (the ``pytest11`` entry point); it lives in ``contract/pytest_plugin.py``.

Cheap to import on purpose: nothing here imports Django, channels or jsonschema.
"""

from __future__ import annotations

from .contract.pytest_plugin import contract_communicator

__all__ = ["contract_communicator"]
