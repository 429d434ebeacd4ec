from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action

# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    "COMPONENTS": {
        "Position": {
            "type": "object",
            "properties": {
                "x": {"type": "integer"},
                "y": {"type": "integer"},
            },
            "required": ["x", "y"],
        }
    }
}
# --8<-- [end:settings]


# --8<-- [start:example]
MOVE = {
    "type": "object",
    "properties": {
        "to": {"$ref": "#/components/schemas/Position"},
        "speed": {"type": "number", "minimum": 0, "default": 1},
    },
    "required": ["to"],
    "additionalProperties": False,
}


class GameConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Move the player", payload=MOVE)
    async def handle_move(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    GameConsumer, channel_path="/ws/game/"
)
