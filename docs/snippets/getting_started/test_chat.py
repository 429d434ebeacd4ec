import pytest
from chat.consumers import ChatConsumer
from mysite.asgi import application

from channels_spectacular.testing import (
    ContractCommunicator,
    assert_documented,
)


def test_every_handler_is_documented():
    assert_documented(ChatConsumer)


@pytest.mark.asyncio
async def test_post_a_message():
    # The real routing: the frames are checked against the
    # spec of the channel at /ws/chat/{room}/.
    chat = ContractCommunicator(application, "/ws/chat/lobby/")
    connected, _ = await chat.connect()
    assert connected
    await chat.send_json_to(
        {"action": "post_message", "text": "Hello!"}
    )
    reply = await chat.receive_json_from()
    assert reply["type"] == "message.posted"
    await chat.disconnect()
