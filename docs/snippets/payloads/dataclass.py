from __future__ import annotations

from dataclasses import dataclass, field

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_event


# --8<-- [start:example]
@dataclass
class Comment:
    """A comment and its replies."""

    text: str
    replies: list[Comment] = field(default_factory=list)
    author: str = field(
        default="anonymous",
        metadata={"description": "Who wrote it."},
    )


@dataclass
class Thread:
    title: str
    first: Comment


class ForumConsumer(AsyncJsonWebsocketConsumer):
    @document_event(
        "thread.created",
        summary="A thread was started",
        payload=Thread,
    )
    async def thread_created(self, event): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    ForumConsumer, channel_path="/ws/forum/"
)
