"""Rider and driver flows over the real ASGI application, checked against the AsyncAPI spec.

Every frame these tests send or receive goes through ``ContractCommunicator``: a field or
an event the consumers do not document fails the test, so the published spec cannot drift
from what the consumers actually do.
"""

from __future__ import annotations

from typing import Any

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from rideshare.consumers import AccountConsumer, DriverConsumer, RideConsumer

from channels_spectacular.testing import ContractViolation, assert_documented, contract_for

pytestmark = pytest.mark.django_db(transaction=True)

CASH_RIDE = {
    "action": "request_ride",
    "pickup_lat": 6.5244,
    "pickup_lng": 3.3792,
    "fare": "1500.00",
    "payment_method": "cash",
}


async def request_ride(connect: Any) -> tuple[Any, dict[str, Any]]:
    rider = await connect("/ws/rides/1/")
    await rider.send_json_to(CASH_RIDE)
    return rider, await rider.receive_json_from()


@pytest.mark.asyncio
async def test_request_ride_replies_ride_requested(connect):
    rider, reply = await request_ride(connect)
    assert reply["type"] == "ride.requested"
    assert reply["fare"] == "1500.00"
    assert (reply["status"], reply["payment_method"]) == ("requested", "cash")
    await rider.disconnect()


@pytest.mark.asyncio
async def test_drivers_receive_the_ride_offer(connect):
    driver = await connect("/ws/drivers/drv-7/")
    rider, reply = await request_ride(connect)
    offer = await driver.receive_json_from()
    assert offer == {
        "type": "ride.offer",
        "ride_id": reply["id"],
        "pickup_lat": 6.5244,
        "pickup_lng": 3.3792,
        "fare": "1500.00",
    }
    await rider.disconnect()
    await driver.disconnect()


@pytest.mark.asyncio
async def test_accepting_a_ride_updates_driver_and_followers(connect):
    driver = await connect("/ws/drivers/drv-7/")
    rider, reply = await request_ride(connect)
    await driver.receive_json_from()  # the ride.offer
    follower = await connect(f"/ws/rides/{reply['id']}/")
    await driver.send_json_to({"action": "accept_ride", "ride_id": reply["id"]})
    expected = {
        "type": "ride.status",
        "ride_id": reply["id"],
        "status": "accepted",
        "driver_id": "drv-7",
    }
    assert await driver.receive_json_from() == expected
    assert await follower.receive_json_from() == expected
    for communicator in (rider, follower, driver):
        await communicator.disconnect()


@pytest.mark.asyncio
async def test_cancel_ride_tells_everyone_following_it(connect):
    rider = await connect("/ws/rides/5/")
    await rider.send_json_to({"action": "cancel_ride", "reason": {"code": "changed_mind"}})
    assert await rider.receive_json_from() == {
        "type": "ride.status",
        "ride_id": 5,
        "status": "cancelled",
    }
    await rider.disconnect()


@pytest.mark.asyncio
async def test_deprecated_ping_still_answers_pong(connect):
    rider = await connect("/ws/rides/1/")
    await rider.send_json_to({"action": "ping"})
    assert await rider.receive_json_from() == {"type": "pong"}
    await rider.disconnect()


@pytest.mark.asyncio
async def test_set_zones_takes_a_list_and_answers_nothing(connect):
    driver = await connect("/ws/drivers/drv-7/")
    await driver.send_json_to({"action": "set_zones", "data": ["ikeja", "lekki"]})
    assert await driver.receive_nothing()
    await driver.disconnect()


@pytest.mark.asyncio
async def test_the_tests_cannot_send_what_is_not_documented(connect):
    rider = await connect("/ws/rides/1/")
    with pytest.raises(ContractViolation, match=r"\$\.payment_method"):
        await rider.send_json_to({**CASH_RIDE, "payment_method": "bitcoin"})
    with pytest.raises(ContractViolation, match="'fly_me' is not a documented action"):
        await rider.send_json_to({"action": "fly_me"})
    await rider.disconnect()


@pytest.mark.asyncio
async def test_update_location_is_acknowledged(connect):
    driver = await connect("/ws/drivers/drv-7/")
    try:
        await driver.send_json_to(
            {"action": "update_location", "position": {"lat": 6.5, "lng": 3.4}, "vehicle": "car"}
        )
        assert (await driver.receive_json_from())["type"] == "location.ack"
    finally:
        await driver.disconnect()


@pytest.mark.asyncio
async def test_rating_the_driver_is_confirmed(connect):
    rider = await connect("/ws/rides/1/")
    try:
        await rider.send_json_to({"action": "rate_driver", "stars": 5})
        assert (await rider.receive_json_from())["type"] == "rating.saved"
    finally:
        await rider.disconnect()


@pytest.mark.asyncio
async def test_an_invalid_request_gets_an_error_event(connect):
    rider = await connect("/ws/rides/1/")
    try:
        # check=False: send input the spec forbids on purpose, to see how the server answers.
        await rider.send_json_to({**CASH_RIDE, "pickup_lat": 95}, check=False)
        assert (await rider.receive_json_from())["type"] == "error"
    finally:
        await rider.disconnect()


@database_sync_to_async
def session_cookie(username: str) -> bytes:
    """A ``Cookie`` header with the session of a freshly logged-in ``username``."""
    user = get_user_model().objects.create_user(username, password="not-used")
    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    return f"{name}={client.cookies[name].value}".encode()


@pytest.mark.asyncio
async def test_account_closes_anonymous_connections_with_4401(connect):
    account = await connect("/ws/account/")
    assert await account.receive_output() == {"type": "websocket.close", "code": 4401}


@pytest.mark.asyncio
async def test_whoami_answers_with_the_session_users_profile(application, contract_communicator):
    # Through AuthMiddlewareStack with a real session cookie, as a logged-in browser does.
    cookie = await session_cookie("ada")
    headers = [(b"origin", b"http://127.0.0.1"), (b"cookie", cookie)]
    account = contract_communicator(application, "/ws/account/", headers=headers)
    connected, _ = await account.connect()
    assert connected
    try:
        await account.send_json_to({"action": "whoami"})
        assert await account.receive_json_from() == {"type": "account.profile", "username": "ada"}
    finally:
        await account.disconnect()


def test_every_handler_is_documented():
    assert_documented(RideConsumer)
    assert_documented(DriverConsumer)
    assert_documented(AccountConsumer)


@pytest.mark.parametrize("path", ["/ws/rides/1/", "/ws/drivers/drv-7/", "/ws/account/"])
def test_the_checked_documents_are_valid_asyncapi(application, assert_valid_spec, path):
    assert_valid_spec(dict(contract_for(application, path).spec))
