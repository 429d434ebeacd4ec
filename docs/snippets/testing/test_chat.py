import pytest

from channels_spectacular.testing import (
    ContractCommunicator,
    ContractViolation,
    assert_documented,
)

from .consumers import ChatConsumer


def test_every_handler_is_documented():
    assert_documented(ChatConsumer)


@pytest.mark.asyncio
async def test_post_a_message():
    chat = ContractCommunicator(
        ChatConsumer,
        "/ws/chat/lobby/",
        url_kwargs={"room": "lobby"},
    )
    connected, _ = await chat.connect()
    assert connected
    await chat.send_json_to({"action": "post", "text": "Hello"})
    assert await chat.receive_json_from() == {
        "type": "message.posted",
        "room": "lobby",
        "text": "Hello",
    }
    await chat.disconnect()


@pytest.mark.asyncio
async def test_undocumented_fields_fail_the_test():
    chat = ContractCommunicator(
        ChatConsumer,
        "/ws/chat/lobby/",
        url_kwargs={"room": "lobby"},
    )
    await chat.connect()
    with pytest.raises(
        ContractViolation, match="undocumented field 'colour'"
    ):
        await chat.send_json_to(
            {"action": "post", "text": "Hi", "colour": "red"}
        )
    await chat.disconnect()
