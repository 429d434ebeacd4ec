"""Plain-text frames: a ping answered by pong, and a sync JSON consumer over text_data."""

import json

from channels.generic.websocket import AsyncWebsocketConsumer, WebsocketConsumer

EXPECTED = {
    "PingConsumer": {
        ("receive", "ping"),
        ("send", "pong"),
        ("send", "welcome"),
    },
    "EchoConsumer": {
        ("receive", "text"),
        ("send", "text"),
    },
    "NotifyConsumer": {
        ("receive", "mark_read"),
        ("send", "unread"),
        ("send", "notification"),
    },
}


class PingConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send(text_data="welcome")

    async def receive(self, text_data=None, bytes_data=None):
        if text_data == "ping":
            await self.send(text_data="pong!")


class EchoConsumer(WebsocketConsumer):
    def receive(self, text_data=None, bytes_data=None):
        self.send(text_data=text_data.upper())


class NotifyConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send(text_data=json.dumps({"type": "unread", "count": 0}))

    async def receive(self, text_data=None, bytes_data=None):
        payload = json.loads(text_data)
        if payload["type"] == "mark_read":
            ids = payload.get("ids", [])
            await self.mark(ids)

    async def mark(self, ids):
        await self.send(text_data=json.dumps({"type": "unread", "count": len(ids)}))

    async def notify(self, event):
        await self.send(text_data=json.dumps(event))

    async def notification_new(self, event):
        await self.send(
            text_data=json.dumps({"type": "notification", "title": event["title"], "url": ""})
        )
