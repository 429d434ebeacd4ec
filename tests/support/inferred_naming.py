"""Two consumers that send an ``echo`` event: one documented, one left to inference."""

from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_event

ECHO = {"type": "object", "properties": {"text": {"type": "string"}}}


class DocumentedEcho(AsyncJsonWebsocketConsumer):
    @document_event("echo", payload=ECHO)
    async def echo(self, event: dict[str, Any]) -> None:
        await self.send_json({"type": "echo", "text": event["text"]})


class DraftEcho(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        await self.send_json({"type": "echo", "text": content.get("text", "")})
