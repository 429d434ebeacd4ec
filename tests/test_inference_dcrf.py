"""djangochannelsrestframework (the real package from PyPI) documented with no decorators.

A model consumer of the corpus runs over ``ContractCommunicator`` against its inferred
draft: every mixin action, the custom ``@action``, an error reply and the observer's push
after ``subscribe_instance`` are checked frame by frame against the generated document.
"""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import async_to_sync

from channels_spectacular import AsyncAPIGenerator
from channels_spectacular.testing import ContractCommunicator, ContractViolation
from tests.inference_corpus.dcrf_rides import RideAPIConsumer

NEW_RIDE = {"pickup_lat": 52.5, "pickup_lng": 13.4, "fare": "12.50", "payment_method": "cash"}
ENVELOPE = {"action", "request_id", "data", "errors", "response_status"}


def test_every_mixin_and_action_is_an_action_with_a_correlated_reply(assert_valid):
    generator = AsyncAPIGenerator(consumers=[(RideAPIConsumer, "/ws/rides/")])
    spec = generator.get_spec()
    assert_valid(spec)
    operations = spec["operations"]
    actions = {k for k, op in operations.items() if op["action"] == "receive"}
    mixins = {"list", "retrieve", "create", "update", "patch", "delete"}
    assert actions == mixins | {"subscribe_instance", "unsubscribe_instance", "estimate"}
    messages = spec["components"]["messages"]
    for action in actions:
        (reply,) = operations[action]["reply"]["messages"]
        key = reply["$ref"].rsplit("/", 1)[1]
        assert set(messages[key]["payload"]["properties"]) == ENVELOPE
        assert messages[key]["payload"]["properties"]["action"]["const"] == action
        for message in (messages[action], messages[key]):
            assert message["correlationId"]["location"] == "$message.payload#/request_id"
        assert operations[action]["x-inferred"] is True
    # Arguments: the lookup field, the serializer's writable fields, the @action signature.
    assert messages["retrieve"]["payload"]["required"] == ["action", "pk"]
    data = messages["update"]["payload"]["properties"]["data"]
    assert data == {"$ref": "#/components/schemas/RideRequest"}
    assert set(spec["components"]["schemas"]["RideRequest"]["properties"]) == {
        "pickup_lat",
        "pickup_lng",
        "fare",
        "payment_method",
    }
    patch = messages["patch"]["payload"]["properties"]["data"]  # partial=True: none required
    assert "required" not in patch and set(patch["properties"]) == set(NEW_RIDE)
    assert "partial update" in patch["description"]
    listed = messages["rides.list"]["payload"]["properties"]["data"]["anyOf"][0]
    assert listed == {"type": "array", "items": {"$ref": "#/components/schemas/Ride"}}


async def ask(communicator: ContractCommunicator, frame: dict[str, Any]) -> dict[str, Any]:
    await communicator.send_json_to(frame)
    reply: dict[str, Any] = await communicator.receive_json_from(timeout=3)
    assert reply["request_id"] == frame["request_id"] and reply["action"] == frame["action"]
    return reply


@pytest.mark.django_db(transaction=True)
def test_real_frames_of_every_action_satisfy_the_draft():
    # Run from a sync test: the consumer's queries then use this thread's connection, which
    # pytest-django closes (an async test would leave one open in asgiref's thread).
    async_to_sync(exchange_every_action)()


async def exchange_every_action() -> None:
    communicator = ContractCommunicator(RideAPIConsumer, "/ws/rides/")
    assert (await communicator.connect())[0]
    created = await ask(communicator, {"action": "create", "request_id": "c", "data": NEW_RIDE})
    assert created["response_status"] == 201 and created["errors"] == []
    pk = created["data"]["id"]
    listed = await ask(communicator, {"action": "list", "request_id": 1})
    assert [r["id"] for r in listed["data"]] == [pk]
    got = await ask(communicator, {"action": "retrieve", "request_id": 2, "pk": pk})
    assert got["data"]["payment_method"] == "cash"
    missing = await ask(communicator, {"action": "retrieve", "request_id": 3, "pk": 999})
    assert missing["response_status"] == 404 and missing["data"] is None
    subscribed = await ask(
        communicator, {"action": "subscribe_instance", "request_id": 4, "pk": pk}
    )
    assert subscribed["response_status"] == 201
    frame = {"action": "patch", "request_id": 5, "pk": pk, "data": {"fare": "14.00"}}
    await communicator.send_json_to(frame)
    # The reply and the observer's push (echoing the subscription's request_id), any order.
    frames = [await communicator.receive_json_from(timeout=3) for _ in range(2)]
    by_id = {f["request_id"]: f for f in frames}
    assert by_id[5]["action"] == "patch" and by_id[5]["data"]["fare"] == "14.00"
    assert by_id[4]["action"] == "update" and by_id[4]["data"]["id"] == pk
    updated = await ask(
        communicator, {"action": "update", "request_id": 6, "pk": pk, "data": NEW_RIDE}
    )
    assert updated["data"]["fare"] == "12.50"
    await communicator.receive_json_from(timeout=3)  # the observer's push again
    estimate = await ask(communicator, {"action": "estimate", "request_id": 7, "distance_km": 3})
    assert estimate["data"] == {"fare": 12.5, "currency": "EUR"}
    with pytest.raises(ContractViolation, match="distance_km"):
        await communicator.send_json_to({"action": "estimate", "request_id": 8})
    await ask(communicator, {"action": "unsubscribe_instance", "request_id": 9, "pk": pk})
    deleted = await ask(communicator, {"action": "delete", "request_id": 10, "pk": pk})
    assert deleted["response_status"] == 204
    await communicator.disconnect()
