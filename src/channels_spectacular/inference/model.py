"""The plain result of inference: what an undecorated consumer receives and sends."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

Direction = Literal["receive", "send"]  # as the consumer sees it: receive = client action

JSON = "application/json"
TEXT = "text/plain"
BINARY = "application/octet-stream"


# Not frozen: a frozen dataclass sets each field through object.__setattr__, which made
# building thousands of messages a visible share of inference. Treat instances as read-only
# all the same (they are cached and shared).
@dataclass(slots=True)
class InferredMessage:
    """One frame type found in the source, with the facts a decorator would carry."""

    name: str  # the discriminator value, or a name made from the frame's keys
    direction: Direction
    properties: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    content_type: str = JSON
    # The key whose constant value is ``name`` in the frame; None: no discriminator.
    discriminator: str | None = None
    method: str = ""  # the method whose code handles or sends the frame
    source: str = ""  # "app/consumers.py:42"
    replies: tuple[str, ...] = ()  # events sent back to the sender while handling an action
    correlation_id: str | None = None  # the payload field echoed in the replies
    # A whole-frame schema for non-object frames (text, binary); None: an object frame.
    schema: Mapping[str, Any] | None = None
    # The serializer the frame's ``data`` follows (djangochannelsrestframework), if known.
    serializer: Any = None
    description: str = ""

    @property
    def is_object(self) -> bool:
        """True when the frame is a JSON object of ``properties``."""
        return self.schema is None

    def payload_schema(self) -> dict[str, Any]:
        """The frame's fields without the discriminator, as a JSON Schema object.

        The field schemas are the message's own, not copies: the record's ``Composite``
        payload is converted into new dicts, and nothing writes to either.
        """
        if self.schema is not None:
            return dict(self.schema)
        discriminator = self.discriminator
        props = {k: v for k, v in self.properties.items() if k != discriminator}
        out: dict[str, Any] = {"type": "object", "properties": props}
        required = [r for r in self.required if r in props]
        if required:
            out["required"] = required
        return out


@dataclass(slots=True)
class InferredConsumer:
    """Everything inference found on one consumer class."""

    consumer: type
    action_key: str | None = None  # the key naming client actions; None: no discriminator
    event_key: str | None = None  # the key naming server events; None: no discriminator
    messages: tuple[InferredMessage, ...] = ()
    framework: str = ""  # "" (plain Channels) or "djangochannelsrestframework"
    notes: tuple[str, ...] = ()  # what inference could not read, for diagnostics
    # True when the project-wide action key was assumed (handle_* methods, dispatcher unseen).
    uses_default_key: bool = False

    def json_keys(self) -> dict[str, str | None]:
        """The discriminator key (None: none) of each direction that has JSON frames.

        A direction without JSON frames has no key to decide: the settings' applies.
        """
        keys: dict[str, str | None] = {}
        for direction, key, messages in (
            ("receive", self.action_key, self.actions),
            ("send", self.event_key, self.events),
        ):
            if any(m.content_type == JSON for m in messages):
                keys[direction] = key
        return keys

    @property
    def actions(self) -> tuple[InferredMessage, ...]:
        return tuple(m for m in self.messages if m.direction == "receive")

    @property
    def events(self) -> tuple[InferredMessage, ...]:
        return tuple(m for m in self.messages if m.direction == "send")
