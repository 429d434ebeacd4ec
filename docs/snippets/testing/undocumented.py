from channels_spectacular.testing import assert_documented

from .consumers import ChatConsumer


class ModeratedChatConsumer(ChatConsumer):
    async def handle_delete(self, content): ...

    async def user_typing(self, event): ...


assert_documented(ModeratedChatConsumer)
