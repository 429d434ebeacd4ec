from channels.generic.websocket import AsyncJsonWebsocketConsumer
from rest_framework import serializers

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)


# --8<-- [start:example]
class PlayerSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(
        max_length=30, help_text="Shown to others."
    )
    team = serializers.ChoiceField(
        choices=["red", "blue"], allow_null=True
    )
    password = serializers.CharField(
        write_only=True, required=False
    )
    score = serializers.SerializerMethodField()

    def get_score(self, player) -> int:
        return 0


class GameConsumer(AsyncJsonWebsocketConsumer):
    @document_action(
        summary="Join the game", payload=PlayerSerializer
    )
    async def handle_join(self, content): ...

    @document_event(
        "game.players",
        summary="Who is playing",
        payload=PlayerSerializer(many=True),
    )
    async def game_players(self, event): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    GameConsumer, channel_path="/ws/game/"
)
