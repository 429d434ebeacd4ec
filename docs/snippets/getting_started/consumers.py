# --8<-- [start:consumer]
from typing import Literal, TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_action, document_event


class PostMessage(TypedDict):
    text: str


class MessagePosted(TypedDict):
    author: str
    text: str
    mood: Literal["happy", "neutral", "sad"]


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """One chat room."""

    async def receive_json(self, content, **kwargs):
        # {"action": "post_message", ...} → handle_post_message()
        handler = getattr(
            self, f"handle_{content.get('action')}", None
        )
        if handler is not None:
            await handler(content)

    @document_action(
        summary="Post a message to the room",
        payload=PostMessage,
        responses={"message.posted": None},
        examples=[
            {
                "name": "Hello",
                "payload": {
                    "action": "post_message",
                    "text": "Hello!",
                },
            }
        ],
    )
    async def handle_post_message(self, content):
        await self.send_json(
            {
                "type": "message.posted",
                "author": "me",
                "text": content["text"],
                "mood": "happy",
            }
        )

    @document_event(
        "message.posted",
        summary="Someone posted a message",
        payload=MessagePosted,
    )
    async def message_posted(self, event):
        await self.send_json(event)


# --8<-- [end:consumer]

# --8<-- [start:generator]
from channels_spectacular import AsyncAPIGenerator  # noqa: E402

generator = AsyncAPIGenerator(
    ChatConsumer, channel_path="/ws/chat/{room}/"
)
# --8<-- [end:generator]
