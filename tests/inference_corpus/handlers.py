"""Undecorated ``handle_*`` methods under a project base class that dispatches by name."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

EXPECTED = {
    "RideConsumer": {
        ("receive", "request_ride"),
        ("receive", "cancel_ride"),
        ("send", "ride.requested"),
        ("send", "ride.cancelled"),
        ("send", "driver.location"),
        ("send", "error"),
    },
}


class BaseActionConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        action = content.get("action", "")
        handler = getattr(self, "handle_" + action.replace(".", "_"), None)
        if handler is None:
            await self.send_json({"type": "error", "detail": "unknown action"})
            return
        await handler(content)


class RideConsumer(BaseActionConsumer):
    async def connect(self):
        await self.accept()
        await self.channel_layer.group_add("drivers", self.channel_name)

    async def handle_request_ride(self, content):
        pickup = content["pickup"]
        await self.send_json({"type": "ride.requested", "ride_id": 7, "pickup": pickup})

    async def handle_cancel_ride(self, content):
        await self.send_json({"type": "ride.cancelled", "ride_id": content["ride_id"]})

    async def driver_location(self, event):
        await self.send_json(event)

    async def notify_drivers(self, lat, lng):
        await self.channel_layer.group_send(
            "drivers", {"type": "driver.location", "lat": lat, "lng": lng}
        )
