"""Requests answered with the id the client chose, a bare JSON array sent on connect, and a
consumer whose frames mostly carry a discriminator but one is told apart by a key's presence."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPECTED = {
    "QuoteConsumer": {
        ("receive", "quote"),
        ("receive", "cancel"),
        ("send", "quote"),
        ("send", "cancelled"),
    },
    "SymbolsConsumer": {
        ("receive", "message"),
        ("send", "array"),
        ("send", "price"),
    },
    "LobbyConsumer": {
        ("receive", "join"),
        ("receive", "leave"),
        ("receive", "heartbeat"),
        ("send", "joined"),
        ("send", "left"),
        ("send", "heartbeat_ack"),
    },
}
# What inference does not find: "left" is built by a helper from its arguments
# (``{"type": kind, **fields}``), so its shape is not in the source.
MISSED = {"LobbyConsumer": {("send", "left")}}
# Found, but not in the document: "heartbeat" is told apart by a field's presence while the
# consumer's other frames carry a "type"; one channel's frames either all carry it or none.
LEFT_OUT = {"LobbyConsumer": {("receive", "heartbeat")}}


class QuoteConsumer(AsyncJsonWebsocketConsumer):
    """Every answer echoes the ``request_id`` of its request."""

    async def receive_json(self, content):
        request_id = content.get("request_id")
        if content["type"] == "quote":
            symbol = content["symbol"]
            await self.send_json(
                {"type": "quote", "request_id": request_id, "symbol": symbol, "price": 1.5}
            )
        elif content["type"] == "cancel":
            await self.send_json({"type": "cancelled", "request_id": request_id})


class SymbolsConsumer(AsyncJsonWebsocketConsumer):
    """No discriminator: the list of symbols first, then prices for the symbol asked for."""

    async def connect(self):
        await self.accept()
        await self.send_json(["EUR", "USD"])

    async def receive_json(self, content):
        symbol = content["symbol"]
        await self.send_json({"price": 1.5, "symbol": symbol})


class LobbyConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        if content.get("type") == "join":
            await self.send_json({"type": "joined", "name": content["name"]})
        elif content.get("type") == "leave":
            await self.reply("left", name=content["name"])
        elif "heartbeat" in content:
            await self.send_json({"type": "heartbeat_ack", "at": content["heartbeat"]})

    async def reply(self, kind, **fields):
        await self.send_json({"type": kind, **fields})
