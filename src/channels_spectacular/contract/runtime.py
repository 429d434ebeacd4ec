"""Optional runtime validation of incoming actions, driven by ``VALIDATE_MESSAGES``.

``off`` (the default) costs one cached settings lookup per frame: no document is generated
and jsonschema is never imported. ``log`` logs frames that do not match the spec and
dispatches them anyway. ``error`` answers with the documented error event (naming the
field) and does not dispatch.

The error event is always documented on consumers using a mixin, whatever the mode: the
document describes what the code can send, and the mode is a deployment setting.
"""

from __future__ import annotations

import logging
from typing import Any

from ..config import GenerationConfig, defined_envelope
from ..decorators import document_event
from ..settings import DEFAULTS, SETTINGS_NAME, on_reload, spectacular_settings

__all__ = [
    "ERROR_EVENT",
    "ERROR_PAYLOAD",
    "SyncValidateMessagesMixin",
    "ValidateMessagesMixin",
    "check_action",
    "validation_mode",
]

logger = logging.getLogger("channels_spectacular.runtime")

MODES = ("off", "log", "error")


def _defined_setting(key: str) -> str:
    # Read when consumers are defined, straight from Django settings: going through
    # spectacular_settings here could cache an empty config before Django is set up.
    from django.conf import settings

    user = getattr(settings, SETTINGS_NAME, None) if settings.configured else None
    return str((user or {}).get(key) or DEFAULTS[key])


# The documented event type; VALIDATION_ERROR_EVENT is read once, when this module loads.
ERROR_EVENT = _defined_setting("VALIDATION_ERROR_EVENT")

ERROR_PAYLOAD: dict[str, Any] = {
    "type": "object",
    "description": "Why the last action was rejected; it was not processed.",
    "properties": {
        "action": {
            "type": ["string", "null"],
            "description": "The action of the rejected frame, null when it named none.",
        },
        "field": {
            "type": "string",
            "description": "JSON path of the offending value, e.g. `$.fare` (`$`: the frame).",
        },
        "detail": {"type": "string", "description": "What is wrong with it."},
    },
    "required": ["action", "field", "detail"],
    "additionalProperties": False,
}

ERROR_SUMMARY = "An action was rejected"
ERROR_DESCRIPTION = (
    "Sent instead of processing an action that does not match its documented payload "
    "(only when the server runs with `VALIDATE_MESSAGES = 'error'`)."
)
ERROR_EXAMPLES = [
    {
        "name": "Missing field",
        "payload": {
            # Recorded with the mixin, so with the project-wide key: the frames themselves
            # use the checked consumer's envelope (check_action).
            defined_envelope().event_key: ERROR_EVENT,
            "action": "request_ride",
            "field": "$.fare",
            "detail": "required field 'fare' is missing.",
        },
    }
]


def document_error_event() -> Any:
    """The ``@document_event`` both mixins put on their ``validation_error``."""
    return document_event(
        ERROR_EVENT,
        summary=ERROR_SUMMARY,
        description=ERROR_DESCRIPTION,
        payload=ERROR_PAYLOAD,
        examples=ERROR_EXAMPLES,
        tags=["validation"],
    )


def validation_mode() -> str:
    """The ``VALIDATE_MESSAGES`` setting, checked."""
    mode = spectacular_settings.VALIDATE_MESSAGES
    if mode in MODES:
        return str(mode)
    if mode in (None, False):
        return "off"
    raise ValueError(f"{SETTINGS_NAME}['VALIDATE_MESSAGES'] must be one of {MODES}, not {mode!r}.")


_CONTRACTS: dict[type, Any] = {}
on_reload(_CONTRACTS.clear)


def contract(consumer: type) -> Any:
    """The ``ChannelContract`` of a consumer's own document, generated on first use."""
    if consumer not in _CONTRACTS:
        from ..generator import AsyncAPIGenerator
        from .frames import ChannelContract, require_jsonschema

        require_jsonschema()
        config = GenerationConfig.from_settings(consumer=consumer)
        spec = AsyncAPIGenerator(config=config).get_spec(copy=False)
        envelope = config.envelope_for(consumer)
        # Schema semantics only: the server must accept what its published spec allows.
        _CONTRACTS[consumer] = ChannelContract(
            spec,
            next(iter(spec["channels"])),
            action_key=envelope.action_key,
            event_key=envelope.event_key,
            strict=False,
        )
    return _CONTRACTS[consumer]


def check_action(consumer: type, content: Any) -> dict[str, Any] | None:
    """None when ``content`` is a documented action of ``consumer``, else the error event."""
    checked = contract(consumer)
    problem = checked.check(content, "client")
    if problem is None:
        return None
    action = content.get(checked.keys["client"]) if isinstance(content, dict) else None
    return {
        checked.keys["server"]: ERROR_EVENT,
        "action": action if isinstance(action, str) else None,
        "field": problem.path,
        "detail": problem.reason,
    }


def _rejection(consumer: Any, content: Any) -> dict[str, Any] | None:
    """The error event to send instead of dispatching, or None to dispatch."""
    mode = validation_mode()
    if mode == "off":
        return None
    error = check_action(type(consumer), content)
    if error is None:
        return None
    logger.warning(
        "%s received an undocumented frame at %s: %s (%s)",
        type(consumer).__name__,
        error["field"],
        error["detail"],
        "rejected" if mode == "error" else "dispatched anyway",
    )
    return error if mode == "error" else None


class ValidateMessagesMixin:
    """For ``AsyncJsonWebsocketConsumer``s: check actions against the spec before dispatch."""

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        error = _rejection(self, content)
        if error is not None:
            await self.validation_error(error)
            return
        await super().receive_json(content, **kwargs)  # type: ignore[misc]

    @document_error_event()
    async def validation_error(self, event: dict[str, Any]) -> None:
        """Send the error event (also reachable as a channel-layer event)."""
        await self.send_json(event)  # type: ignore[attr-defined]


class SyncValidateMessagesMixin:
    """For ``JsonWebsocketConsumer``s: check actions against the spec before dispatch."""

    def receive_json(self, content: Any, **kwargs: Any) -> None:
        error = _rejection(self, content)
        if error is not None:
            self.validation_error(error)
            return
        super().receive_json(content, **kwargs)  # type: ignore[misc]

    @document_error_event()
    def validation_error(self, event: dict[str, Any]) -> None:
        """Send the error event (also reachable as a channel-layer event)."""
        self.send_json(event)  # type: ignore[attr-defined]
