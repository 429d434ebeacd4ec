"""Dispatch through a dict of handlers and through ``getattr(self, f"handle_{action}")``."""

import json

from asgiref.sync import async_to_sync
from channels.generic.websocket import AsyncJsonWebsocketConsumer, WebsocketConsumer

EXPECTED = {
    "CartConsumer": {
        ("receive", "add_item"),
        ("receive", "remove_item"),
        ("receive", "checkout"),
        ("send", "cart"),
        ("send", "order"),
    },
    "DocumentConsumer": {
        ("receive", "edit"),
        ("receive", "cursor"),
        ("receive", "save"),
        ("send", "edited"),
        ("send", "cursor"),
        ("send", "saved"),
    },
    "SyncTaskConsumer": {
        ("receive", "start"),
        ("receive", "cancel"),
        ("send", "progress"),
        ("send", "started"),
    },
}


class CartConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        self.handlers = {
            "add_item": self.add_item,
            "remove_item": self.remove_item,
            "checkout": self.checkout,
        }
        await self.accept()

    async def receive_json(self, content):
        handler = self.handlers.get(content.get("op"))
        if handler is not None:
            await handler(content)

    async def add_item(self, data):
        sku, quantity = data["sku"], data.get("quantity", 1)
        await self.send_cart(sku, quantity)

    async def remove_item(self, data):
        await self.send_cart(data["sku"], 0)

    async def checkout(self, data):
        await self.send_json({"op": "order", "order_id": 1, "total": 9.5})

    async def send_cart(self, sku, quantity):
        await self.send_json({"op": "cart", "sku": sku, "quantity": quantity})


class DocumentConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        method = getattr(self, f"handle_{content['event']}", None)
        if method:
            await method(content)

    async def handle_edit(self, content):
        await self.channel_layer.group_send(
            "doc", {"type": "doc.edited", "ops": content["ops"], "version": content["version"]}
        )

    async def handle_cursor(self, content):
        await self.send_json({"event": "cursor", "line": content["line"], "col": content["col"]})

    async def handle_save(self, content):
        await self.send_json({"event": "saved", "version": 3})

    async def doc_edited(self, event):
        await self.send_json({"event": "edited", "ops": event["ops"], "version": event["version"]})


class SyncTaskConsumer(WebsocketConsumer):
    HANDLERS = {"start": "start_task", "cancel": "cancel_task"}

    def receive(self, text_data=None, bytes_data=None):
        data = json.loads(text_data)
        name = self.HANDLERS[data["command"]]
        getattr(self, name)(data)

    def start_task(self, data):
        async_to_sync(self.channel_layer.group_send)(
            "tasks", {"type": "task.progress", "task": data["task"], "percent": 0}
        )
        self.send(text_data=json.dumps({"command": "started", "task": data["task"]}))

    def cancel_task(self, data):
        self.close()

    def task_progress(self, event):
        self.send(text_data=json.dumps({"command": "progress", "percent": event["percent"]}))
