from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_event,
)


# --8<-- [start:classes]
class BaseRoomConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Join the room")
    async def handle_join(self, content): ...

    @document_action(summary="Leave the room")
    async def handle_leave(self, content): ...

    @document_event("room.closed", summary="The room was closed")
    async def room_closed(self, event): ...


class ModeratedRoomConsumer(BaseRoomConsumer):
    async def handle_join(
        self, content
    ):  # not decorated: keeps the base documentation
        ...

    @document_action(
        summary="Leave, and tell the moderators why"
    )  # replaces it
    async def handle_leave(self, content): ...

    @document_action(
        summary="Report a message"
    )  # added after the inherited ones
    async def handle_report(self, content): ...


# --8<-- [end:classes]


generator = AsyncAPIGenerator(
    ModeratedRoomConsumer, channel_path="/ws/rooms/{room}/"
)
