"""The contract family: frames checked against the published document.

``frames.py`` judges one frame by a channel of a generated document; ``communicator.py``
is the contract-testing ``WebsocketCommunicator`` (public path ``channels_spectacular.testing``);
``runtime.py`` the validation mixins (``channels_spectacular.runtime``); ``pytest_plugin.py``
the ``contract_communicator`` fixture. Importing this package stays cheap (no Django,
channels or jsonschema): pytest loads the plugin in every project.
"""

from __future__ import annotations

from .frames import ChannelContract, Direction, Problem, find_channel, require_jsonschema

__all__ = ["ChannelContract", "Direction", "Problem", "find_channel", "require_jsonschema"]
