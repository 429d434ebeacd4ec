"""A chat room: one big receive_json with if/elif, group events, history sent on connect."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPECTED = {
    "ChatConsumer": {
        ("receive", "join"),
        ("receive", "leave"),
        ("receive", "message"),
        ("receive", "typing"),
        ("receive", "stop_typing"),
        ("send", "history"),
        ("send", "joined"),
        ("send", "left"),
        ("send", "chat.message"),
        ("send", "typing"),
        ("send", "error"),
    },
}


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """Rooms with typing indicators."""

    async def connect(self):
        self.room = None
        await self.accept()
        messages = await self.recent_messages()
        await self.send_json({"type": "history", "messages": messages, "count": len(messages)})

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        if kind == "join":
            self.room = content["room"]
            await self.channel_layer.group_add(self.room, self.channel_name)
            await self.send_json({"type": "joined", "room": self.room})
        elif content["type"] == "leave":
            await self.channel_layer.group_discard(self.room, self.channel_name)
            await self.send_json({"type": "left", "room": self.room})
        elif kind == "message":
            await self.channel_layer.group_send(
                self.room,
                {
                    "type": "chat.message",
                    "text": content["text"],
                    "sender": self.scope["user"].username,
                },
            )
        elif kind in ("typing", "stop_typing"):
            await self.channel_layer.group_send(
                self.room, {"type": "typing.update", "active": kind == "typing"}
            )
        else:
            await self.send_error(f"unknown message type {kind}")

    async def chat_message(self, event):
        await self.send_json(event)

    async def typing_update(self, event):
        await self.send_json({"type": "typing", "active": event["active"]})

    async def send_error(self, message):
        await self.send_json({"type": "error", "message": message})

    @database_sync_to_async
    def recent_messages(self):
        return []
