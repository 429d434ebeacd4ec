"""No discriminator: the consumer tells frames apart by the keys present."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPECTED = {
    "DebateConsumer": {
        ("receive", "importance"),
        ("receive", "componentID"),
        ("send", "message"),
        ("send", "debates"),
    },
    "TelemetryConsumer": {
        ("receive", "message"),
        ("send", "ack"),
    },
}


class DebateConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()
        await self.send_json({"debates": [], "page": 1})

    async def receive_json(self, content):
        if "importance" in content:
            await self.save_importance(content["importance"])
        elif content.get("componentID") is not None:
            component = content["componentID"]
            await self.send_json({"message": {"id": component}, "componentID": component})

    async def save_importance(self, values):
        return None


class TelemetryConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        await self.store(content["device"], content["reading"], content.get("unit", "C"))
        await self.send_json({"ack": True})

    async def store(self, device, reading, unit):
        return None
