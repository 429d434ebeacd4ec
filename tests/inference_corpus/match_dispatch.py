"""Python 3.10 ``match`` dispatch: on a discriminator, and on the frame's shape."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPECTED = {
    "TickerConsumer": {
        ("receive", "subscribe"),
        ("receive", "unsubscribe"),
        ("receive", "snapshot"),
        ("send", "subscribed"),
        ("send", "unsubscribed"),
        ("send", "snapshot"),
        ("send", "tick"),
    },
    "BoardConsumer": {
        ("receive", "move"),
        ("receive", "resign"),
        ("send", "moved"),
        ("send", "game_over"),
    },
}


class TickerConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        match content["action"]:
            case "subscribe" | "unsubscribe":
                symbols = content.get("symbols", [])
                await self.toggle(content["action"], symbols)
            case "snapshot":
                await self.send_json(
                    {"action": "snapshot", "symbol": content["symbol"], "price": 0.0}
                )
            case _:
                await self.close()

    async def toggle(self, what, symbols):
        if what == "subscribe":
            await self.send_json({"action": "subscribed", "symbols": symbols})
        else:
            await self.send_json({"action": "unsubscribed", "symbols": symbols})

    async def price_tick(self, event):
        await self.send_json({"action": "tick", "symbol": event["symbol"], "price": event["price"]})


class BoardConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        match content:
            case {"kind": "move", "from": src, "to": dst}:
                await self.send_json({"kind": "moved", "from": src, "to": dst, "check": False})
            case {"kind": "resign"}:
                await self.send_json({"kind": "game_over", "winner": "opponent"})
