from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action


# --8<-- [start:example]
class GameConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Start the game")  # payload=None
    async def handle_start(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    GameConsumer, channel_path="/ws/game/"
)
