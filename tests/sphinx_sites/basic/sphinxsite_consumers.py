"""Consumers of the Sphinx test site; EvilConsumer tries to break out of every context."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_action, document_event

# If the img tag survived with its handler, the broken data: image would fire it.
EVIL = '</script><script>window.__pwned = 1</script><img src="data:," onerror="window.__pwned = 2">'

POSTED = {
    "type": "object",
    "properties": {
        "id": {"type": "integer", "description": "Message id."},
        "author": {
            "type": "object",
            "properties": {"name": {"type": "string"}, "avatar": {"type": "string"}},
            "required": ["name"],
        },
    },
    "required": ["id"],
}


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """A chat room."""

    @document_action(
        summary="Say something",
        description="Posts a message to the room.",
        payload={
            "type": "object",
            "properties": {"text": {"type": "string", "description": "What to say."}},
            "required": ["text"],
        },
        responses={"message.posted": POSTED},
        tags=["chat"],
        examples=[{"name": "Hello", "payload": {"action": "say", "text": "hello"}}],
    )
    async def handle_say(self, content):
        pass

    @document_event("member.joined", summary="Someone joined", tags=["presence"])
    async def member_joined(self, event):
        pass


class EvilConsumer(AsyncJsonWebsocketConsumer):
    """Docstring </script><script>window.__pwned = 3</script>."""

    @document_action(
        summary="Inject " + EVIL,
        description=EVIL,
        payload={
            "type": "object",
            "properties": {"note": {"type": "string", "description": EVIL}},
        },
        examples=[{"name": EVIL, "payload": {"action": "inject", "note": EVIL}}],
    )
    async def handle_inject(self, content):
        pass
