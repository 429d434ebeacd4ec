"""Optional runtime validation of incoming frames, driven by ``VALIDATE_MESSAGES``.

``off`` (the default) costs one cached settings lookup per frame: no document is generated
and jsonschema is never imported. ``log`` logs frames that do not match the spec and
dispatches them anyway. ``error`` answers with the documented error event (naming the
field) and does not dispatch.

The error event is always documented on consumers using a mixin, whatever the mode: the
document describes what the code can send, and the mode is a deployment setting.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ..config import GenerationConfig
from ..decorators import document_event
from ..settings import DEFAULTS, SETTINGS_NAME, on_reload, spectacular_settings

__all__ = [
    "ERROR_EVENT",
    "ERROR_PAYLOAD",
    "SyncValidateMessagesMixin",
    "ValidateMessagesMixin",
    "check_action",
    "check_frame",
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
            "description": "The action of the rejected frame (the closest documented action "
            "when frames carry no discriminator), null when it names none.",
            "examples": ["request_ride"],
        },
        "field": {
            "type": "string",
            "description": "JSON path of the offending value, e.g. `$.fare` (`$`: the frame).",
            "examples": ["$.fare"],
        },
        "detail": {
            "type": "string",
            "description": "What is wrong with it.",
            "examples": ["required field 'fare' is missing."],
        },
    },
    "required": ["action", "field", "detail"],
    "additionalProperties": False,
}

ERROR_SUMMARY = "An action was rejected"
ERROR_DESCRIPTION = (
    "Sent instead of processing an action that does not match its documented payload "
    "(only when the server runs with `VALIDATE_MESSAGES = 'error'`). It carries the "
    "channel's event key, if the channel's frames have one."
)


def document_error_event() -> Any:
    """The ``@document_event`` both mixins put on their ``validation_error``."""
    return document_event(
        ERROR_EVENT,
        summary=ERROR_SUMMARY,
        description=ERROR_DESCRIPTION,
        payload=ERROR_PAYLOAD,
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


# Error events echo what the client sent: bounded, so a huge action name cannot make the
# answer bigger than the frame limit (which closes the connection with 1011).
MAX_ECHO = 200
MAX_DETAIL = 1000


def check_action(consumer: type, content: Any) -> dict[str, Any] | None:
    """None when ``content`` (decoded JSON) is a documented action, else the error event."""
    checked = contract(consumer)
    try:
        problem = checked.check(content, "client")
    except RecursionError:
        problem = _too_deep()
    return _error_event(checked, problem, content)


def check_frame(consumer: type, text: str | None, data: bytes | None) -> dict[str, Any] | None:
    """None when a raw frame (text or bytes) is a documented action, else the error event."""
    checked = contract(consumer)
    if data is not None:
        return _error_event(checked, checked.check_bytes(data, "client"), None)
    try:
        problem = checked.check_text(text or "", "client")
        content = json.loads(text or "")
    except RecursionError:
        return _error_event(checked, _too_deep(), None)
    except ValueError:
        content = None
    return _error_event(checked, problem, content)


def _too_deep() -> Any:
    from .frames import Problem

    return Problem(path="$", reason="the frame nests too deeply to be checked.")


def _error_event(checked: Any, problem: Any, content: Any) -> dict[str, Any] | None:
    """The error frame for ``problem``, in the consumer's own envelope, echoes bounded."""
    if problem is None:
        return None
    key = checked.keys["client"]
    action = content.get(key) if key is not None and isinstance(content, dict) else problem.name
    error = {
        "action": _bounded(action, MAX_ECHO) if isinstance(action, str) else None,
        "field": _bounded(problem.path, MAX_ECHO),
        "detail": _bounded(problem.reason, MAX_DETAIL),
    }
    event_key = checked.keys["server"]
    return error if event_key is None else {event_key: ERROR_EVENT, **error}


def _bounded(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _rejection(consumer: Any, message: dict[str, Any]) -> dict[str, Any] | None:
    """The error event to send instead of dispatching, or None to dispatch."""
    mode = validation_mode()
    if mode == "off":
        return None
    error = check_frame(type(consumer), message.get("text"), message.get("bytes"))
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


def _send(consumer: Any, event: dict[str, Any]) -> Any:
    """Send the error frame: through ``send_json`` on JSON consumers, as text otherwise."""
    send_json = getattr(consumer, "send_json", None)
    if send_json is not None:
        return send_json(event)
    return consumer.send(text_data=json.dumps(event))


class ValidateMessagesMixin:
    """For async consumers: check every incoming frame against the spec before dispatch.

    It hooks ``websocket_receive``, which Channels calls before ``receive`` and
    ``receive_json``, so it works wherever those are defined (list it first in the bases).
    """

    async def websocket_receive(self, message: dict[str, Any]) -> None:
        error = _rejection(self, message)
        if error is not None:
            await self.validation_error(error)
            return
        await super().websocket_receive(message)  # type: ignore[misc]

    @document_error_event()
    async def validation_error(self, event: dict[str, Any]) -> None:
        """Send the error event (also reachable as a channel-layer event)."""
        await _send(self, event)


class SyncValidateMessagesMixin:
    """For sync consumers: check every incoming frame against the spec before dispatch."""

    def websocket_receive(self, message: dict[str, Any]) -> None:
        error = _rejection(self, message)
        if error is not None:
            self.validation_error(error)
            return
        super().websocket_receive(message)  # type: ignore[misc]

    @document_error_event()
    def validation_error(self, event: dict[str, Any]) -> None:
        """Send the error event (also reachable as a channel-layer event)."""
        _send(self, event)
