from channels_spectacular.testing import ContractCommunicator

from .consumers import ChatConsumer

chat = ContractCommunicator(
    ChatConsumer, "/ws/chat/lobby/", url_kwargs={"room": "lobby"}
)
# What send_json_to() checks before sending:
chat.check(
    {"action": "post", "text": "Hi", "colour": "red"}, "client"
)
