from channels.generic.websocket import AsyncJsonWebsocketConsumer
from pydantic import BaseModel, Field

from channels_spectacular import AsyncAPIGenerator, document_action


# --8<-- [start:example]
class Position(BaseModel):
    x: int = Field(ge=0, le=99)
    y: int = Field(ge=0, le=99)


class Move(BaseModel):
    """Move a piece."""

    piece_id: int = Field(alias="pieceId")
    to: Position
    promote: bool = False


class GameConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Move a piece", payload=Move)
    async def handle_move(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    GameConsumer, channel_path="/ws/game/"
)
