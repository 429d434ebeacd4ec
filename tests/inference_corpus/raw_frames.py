"""Lower-level styles: ``websocket_receive`` on the raw ASGI message, binary uploads, and a
group event handled by Channels' own ``send_json`` (the group message is the frame)."""

import json

from channels.consumer import AsyncConsumer
from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer

EXPECTED = {
    "RawConsumer": {
        ("receive", "subscribe"),
        ("receive", "ping"),
        ("send", "subscribed"),
    },
    "UploadConsumer": {
        ("receive", "binary"),
        ("send", "stored"),
    },
    "PresenceConsumer": {
        ("receive", "here"),
        ("send", "send_json"),
        ("send", "presence"),
    },
}


class RawConsumer(AsyncConsumer):
    async def websocket_connect(self, message):
        await self.send({"type": "websocket.accept"})

    async def websocket_receive(self, message):
        data = json.loads(message["text"])
        if data.get("op") == "subscribe":
            topic = data["topic"]
            await self.send(
                {"type": "websocket.send", "text": json.dumps({"op": "subscribed", "topic": topic})}
            )
        elif data.get("op") == "ping":
            return

    async def websocket_disconnect(self, message):
        return None


class UploadConsumer(AsyncWebsocketConsumer):
    async def receive(self, text_data=None, bytes_data=None):
        if bytes_data:
            size = len(bytes_data)
            await self.send(text_data=json.dumps({"stored": True, "size": size}))


class PresenceConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send_json({"type": "presence", "users": []})

    async def receive_json(self, content):
        if content["type"] == "here":
            await self.channel_layer.group_send(
                "presence", {"type": "send_json", "user": content["user"], "online": True}
            )
