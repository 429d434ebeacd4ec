"""Consumers of the MkDocs test site; EvilConsumer tries to break out of every context."""

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_action, document_event

EVIL = (
    "</script><script>window.__csPwned = 1</script>"
    '<img src="data:," onerror="window.__csPwned = 2">'
)


class GreeterConsumer(AsyncJsonWebsocketConsumer):
    """Greets everyone in a lobby."""

    @document_action(
        summary="Send a greeting",
        description="Greets every member of the lobby.",
        payload={
            "type": "object",
            "properties": {"text": {"type": "string", "description": "The greeting."}},
            "required": ["text"],
        },
        responses={"greeting.sent": {"type": "object", "properties": {"id": {"type": "integer"}}}},
        tags=["greetings"],
        examples=[{"name": "Hello", "payload": {"action": "send_greeting", "text": "hello"}}],
    )
    async def handle_send_greeting(self, content):
        pass

    @document_event("lobby.closed", summary="The lobby closed", tags=["lobby"])
    async def lobby_closed(self, event):
        pass


class EvilConsumer(AsyncJsonWebsocketConsumer):
    """Docstring </script><script>window.__csPwned = 3</script>."""

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
