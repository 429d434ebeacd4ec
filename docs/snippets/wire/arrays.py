from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
)


# --8<-- [start:example]
@document_channel(action_key=None, event_key=None)
class TrackConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        action="position",
        summary="[latitude, longitude]",
        payload=tuple[float, float],
        responses={"stops": list[str]},
    )
    async def receive_json(self, content):
        await self.send_json(["Market", "Harbour"])


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    TrackConsumer, channel_path="/ws/track/"
)
