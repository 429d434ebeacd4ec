from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import (
    AsyncAPIGenerator,
    document_event,
)


class ChatLine(TypedDict):
    nick: str
    text: str


# --8<-- [start:example]
class ChatConsumer(AsyncJsonWebsocketConsumer):
    # group_send(room, {"type": "send_json", ...}) lands in
    # Channels' own send_json: document it for this class.
    send_json = document_event(
        "send_json", summary="A chat line", payload=ChatLine
    )(AsyncJsonWebsocketConsumer.send_json)


class BoardConsumer(AsyncJsonWebsocketConsumer):
    pass  # documents no send_json event


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    consumers=[
        (ChatConsumer, "/ws/chat/"),
        (BoardConsumer, "/ws/board/"),
    ]
)
