"""The real frames of the corpus consumers against their inferred drafts.

Each consumer runs under ``ContractCommunicator`` with no spec given: the document is the
one generated for it (inference on), so every frame sent and received is checked against
the draft: JSON with and without a discriminator, text, binary, bare arrays, group events
and replies echoing a request id.
"""

from __future__ import annotations

import pytest
from channels.layers import get_channel_layer

from channels_spectacular.testing import ContractCommunicator, ContractViolation
from tests.inference_corpus import (
    chat_ifelif,
    correlated,
    handlers,
    match_dispatch,
    no_discriminator,
    raw_frames,
    tables,
    text_frames,
)


async def connected(consumer: type, path: str = "/ws/x/") -> ContractCommunicator:
    communicator = ContractCommunicator(consumer, path)
    ok, _ = await communicator.connect()
    assert ok
    return communicator


async def test_text_frames():
    communicator = await connected(text_frames.PingConsumer)
    assert await communicator.receive_from() == "welcome"
    await communicator.send_to(text_data="ping")
    assert await communicator.receive_from() == "pong!"
    with pytest.raises(ContractViolation, match="pang"):
        await communicator.send_to(text_data="pang")
    await communicator.disconnect()


async def test_json_in_text_frames_and_a_sync_consumer():
    communicator = await connected(text_frames.NotifyConsumer)
    assert await communicator.receive_json_from() == {"type": "unread", "count": 0}
    await communicator.send_json_to({"type": "mark_read", "ids": [1, 2]})
    assert await communicator.receive_json_from() == {"type": "unread", "count": 2}
    await communicator.disconnect()
    communicator = await connected(tables.SyncTaskConsumer)
    await communicator.send_json_to({"command": "start", "task": "t1"})
    assert await communicator.receive_json_from() == {"command": "started", "task": "t1"}
    await communicator.disconnect()


async def test_frames_without_a_discriminator():
    communicator = await connected(no_discriminator.DebateConsumer)
    assert await communicator.receive_json_from() == {"debates": [], "page": 1}
    await communicator.send_json_to({"componentID": 5})
    reply = await communicator.receive_json_from()
    assert reply == {"message": {"id": 5}, "componentID": 5}
    await communicator.send_json_to({"importance": [3, 1]})
    assert await communicator.receive_nothing()
    with pytest.raises(ContractViolation):
        await communicator.send_json_to({"volume": 3})  # no documented shape has it
    await communicator.disconnect()


async def test_a_bare_array_and_the_frame_that_answers_it():
    communicator = await connected(correlated.SymbolsConsumer)
    assert await communicator.receive_json_from() == ["EUR", "USD"]
    await communicator.send_json_to({"symbol": "EUR"})
    assert await communicator.receive_json_from() == {"price": 1.5, "symbol": "EUR"}
    await communicator.disconnect()


async def test_binary_frames():
    communicator = await connected(raw_frames.UploadConsumer)
    await communicator.send_to(bytes_data=b"\x00\x01\x02")
    assert await communicator.receive_json_from() == {"stored": True, "size": 3}
    await communicator.disconnect()


async def test_replies_echo_the_request_id():
    communicator = await connected(correlated.QuoteConsumer)
    await communicator.send_json_to({"type": "quote", "request_id": "r1", "symbol": "EUR"})
    quote = await communicator.receive_json_from()
    assert quote == {"type": "quote", "request_id": "r1", "symbol": "EUR", "price": 1.5}
    await communicator.send_json_to({"type": "cancel", "request_id": "r2"})
    assert await communicator.receive_json_from() == {"type": "cancelled", "request_id": "r2"}
    await communicator.disconnect()


async def test_match_tables_and_getattr_dispatch():
    communicator = await connected(match_dispatch.TickerConsumer)
    await communicator.send_json_to({"action": "subscribe", "symbols": ["EUR"]})
    assert await communicator.receive_json_from() == {"action": "subscribed", "symbols": ["EUR"]}
    await communicator.send_json_to({"action": "snapshot", "symbol": "EUR"})
    snapshot = await communicator.receive_json_from()
    assert snapshot == {"action": "snapshot", "symbol": "EUR", "price": 0.0}
    await communicator.disconnect()
    communicator = await connected(match_dispatch.BoardConsumer)
    await communicator.send_json_to({"kind": "move", "from": "e2", "to": "e4"})
    moved = await communicator.receive_json_from()
    assert moved == {"kind": "moved", "from": "e2", "to": "e4", "check": False}
    await communicator.disconnect()
    communicator = await connected(tables.CartConsumer)
    await communicator.send_json_to({"op": "add_item", "sku": "A1", "quantity": 2})
    assert await communicator.receive_json_from() == {"op": "cart", "sku": "A1", "quantity": 2}
    await communicator.disconnect()
    communicator = await connected(tables.DocumentConsumer)
    await communicator.send_json_to({"event": "cursor", "line": 1, "col": 2})
    cursor = await communicator.receive_json_from()
    assert cursor == {"event": "cursor", "line": 1, "col": 2}
    await communicator.disconnect()


async def test_group_events_reach_the_client_as_documented():
    communicator = await connected(chat_ifelif.ChatConsumer)
    await communicator.receive_json_from()  # history, from connect()
    await communicator.send_json_to({"type": "join", "room": "lobby"})
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "typing"})
    assert await communicator.receive_json_from() == {"type": "typing", "active": True}
    await communicator.disconnect()
    # A group message sent from elsewhere in the project, forwarded as it is.
    communicator = await connected(handlers.RideConsumer)
    await get_channel_layer().group_send(
        "drivers", {"type": "driver.location", "lat": 1.5, "lng": 2.5}
    )
    location = await communicator.receive_json_from()
    assert location == {"type": "driver.location", "lat": 1.5, "lng": 2.5}
    await communicator.send_json_to({"action": "request_ride", "pickup": "A"})
    requested = await communicator.receive_json_from()
    assert requested == {"type": "ride.requested", "ride_id": 7, "pickup": "A"}
    await communicator.disconnect()


async def test_websocket_receive_on_the_raw_message():
    communicator = await connected(raw_frames.RawConsumer)
    await communicator.send_json_to({"op": "subscribe", "topic": "news"})
    assert await communicator.receive_json_from() == {"op": "subscribed", "topic": "news"}
    await communicator.disconnect()
