from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_action


class RoomConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        summary="Say something",
        examples=[{"action": "say", "text": "Hi"}],
    )
    async def handle_say(self, content): ...
