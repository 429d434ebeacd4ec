"""One reply variable reassigned in every branch of the dispatch, as many real consumers do."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPECTED = {
    "CounterConsumer": {
        ("receive", "increment"),
        ("receive", "reset"),
        ("receive", "read"),
        ("send", "counted"),
        ("send", "cleared"),
        ("send", "value"),
    },
}


class CounterConsumer(AsyncJsonWebsocketConsumer):
    """A shared counter; each branch builds its reply in the same local name."""

    async def connect(self):
        self.count = 0
        await self.accept()

    async def receive_json(self, content, **kwargs):
        action = content.get("action")
        if action == "increment":
            step = content.get("by", 1)
            self.count += step
            reply = {"action": "counted", "by": step, "total": self.count}
            await self.send_json(reply)
        elif action == "reset":
            self.count = 0
            reply = {"action": "cleared", "reason": content["reason"]}
            await self.send_json(reply)
        elif action == "read":
            reply = {"action": "value", "total": self.count, "exact": True}
            await self.send_json(reply)
