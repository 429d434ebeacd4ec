import pytest

from .consumers import ChatConsumer


@pytest.mark.asyncio
async def test_post_a_message(contract_communicator):
    chat = contract_communicator(
        ChatConsumer,
        "/ws/chat/lobby/",
        url_kwargs={"room": "lobby"},
    )
    await chat.connect()
    await chat.send_json_to({"action": "post", "text": "Hello"})
    assert (await chat.receive_json_from())[
        "type"
    ] == "message.posted"
    # No disconnect needed: the fixture stops what is still running.
