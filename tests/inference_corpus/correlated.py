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
        ("receive", "heartbeat"),
        ("send", "joined"),
        ("send", "heartbeat_ack"),
    },
}


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
        elif "heartbeat" in content:
            await self.send_json({"type": "heartbeat_ack", "at": content["heartbeat"]})
