from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_action, document_event
from channels_spectacular.runtime import ValidateMessagesMixin


class Post(TypedDict):
    text: str


class Posted(TypedDict):
    room: str
    text: str


class ChatConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.room = self.scope["url_route"]["kwargs"]["room"]
        await self.accept()

    async def receive_json(self, content, **kwargs):
        handler = getattr(
            self, f"handle_{content.get('action')}", None
        )
        if handler is not None:
            await handler(content)

    @document_action(
        summary="Post a message",
        payload=Post,
        responses={"message.posted": None},
        examples=[{"payload": {"action": "post", "text": "Hello"}}],
    )
    async def handle_post(self, content):
        await self.message_posted(
            {
                "type": "message.posted",
                "room": self.room,
                "text": content["text"],
            }
        )

    @document_event(
        "message.posted", summary="A message", payload=Posted
    )
    async def message_posted(self, event):
        await self.send_json(event)


# --8<-- [start:validated]
class ValidatedChatConsumer(ValidateMessagesMixin, ChatConsumer):
    """Checks every action against the spec before handling it."""


# --8<-- [end:validated]
