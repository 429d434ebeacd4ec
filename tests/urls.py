"""URLs of the test project: the packaged ``/ws-docs/`` plus views configured per test need."""

from django.urls import include, path

from channels_spectacular.views import AsyncAPIDocView, AsyncAPISpecView
from tests.asgi import ItemConsumer, RoomConsumer

ROOM = (RoomConsumer, "/ws/rooms/{room_id}/")
ITEM = (ItemConsumer, "/ws/items/{item_id}/")

urlpatterns = [
    path("ws-docs/", include("channels_spectacular.urls")),
    path(
        "api/room.yaml",
        AsyncAPISpecView.as_view(consumer=RoomConsumer, channel_path="/ws/rooms/{room_id}/"),
        name="room-schema",
    ),
    path("api/many.yaml", AsyncAPISpecView.as_view(consumers=[ROOM, ITEM]), name="many-schema"),
    path(
        "api/custom.yaml",
        AsyncAPISpecView.as_view(
            consumers=[ROOM],
            info={"title": "Custom title", "version": "9.9.9"},
            servers={"prod": {"host": "api.example.com", "protocol": "wss"}},
        ),
        name="custom-schema",
    ),
    path(
        "docs/switch/",
        AsyncAPIDocView.as_view(specs=[("Rooms", "room-schema"), ("Many", "/api/many.yaml")]),
        name="switch-docs",
    ),
    path(
        "docs/custom/",
        AsyncAPIDocView.as_view(
            spec_url="room-schema", title="Rooms", template_name="custom_docs.html"
        ),
        name="custom-docs",
    ),
]
