"""The documents the snapshot, render and client tests share, as generator factories."""

from __future__ import annotations

from channels_spectacular import AsyncAPIGenerator
from tests.consumers import ChatConsumer, CollidingConsumer, TagsConsumer


def rideshare() -> AsyncAPIGenerator:
    from rideshare.consumers import AccountConsumer, DriverConsumer, RideConsumer

    return AsyncAPIGenerator(
        consumers=[
            (RideConsumer, "/ws/rides/{ride_id}/"),
            (DriverConsumer, "/ws/drivers/{driver_id}/"),
            (AccountConsumer, "/ws/account/"),
        ]
    )


def kitchen_sink() -> AsyncAPIGenerator:
    return AsyncAPIGenerator(
        consumers=[
            (ChatConsumer, "/ws/chat/{room}/"),
            (CollidingConsumer, "/ws/rides/"),
            (TagsConsumer, "/ws/tags/"),
        ]
    )


def channel_security() -> AsyncAPIGenerator:
    """``@document_channel``, schemes from settings, shortcuts, bindings, inferred cookie."""
    from channels_spectacular.endpoints import Endpoint
    from tests.consumers import DocumentedConsumer, PlainConsumer

    return AsyncAPIGenerator(
        consumers=[
            (DocumentedConsumer, "/ws/rides/{ride_id}/"),
            (PlainConsumer, "/ws/plain/"),
            Endpoint(PlainConsumer, "/ws/session/", context={"middleware": ["SessionMiddleware"]}),
        ]
    )


def room_spec() -> dict:
    """The document of one parametrized room channel (tests.asgi.RoomConsumer)."""
    from tests.asgi import RoomConsumer

    return AsyncAPIGenerator(RoomConsumer, channel_path="/ws/rooms/{room_id}/").get_spec()


def scribble(document: object) -> list[object]:
    """Write into every dict (a key) and list (an item) of ``document``; return them all.

    A container met twice is returned twice: a document sharing parts shows it by ids.
    """
    containers: list[object] = []
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            containers.append(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            containers.append(item)
            stack.extend(item)
    for container in containers:
        if isinstance(container, dict):
            container["x-scribbled"] = True
        elif isinstance(container, list):
            container.append("scribbled")
    return containers
