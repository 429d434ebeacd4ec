"""Support chat: a consumer written without a single decorator.

channels-spectacular infers a first draft of its documentation from this code (see
docs/pages/inference.md); ``manage.py asyncapi_scaffold rideshare.support.SupportConsumer``
prints the decorators to make the draft a real document.
"""

from __future__ import annotations

from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer


class SupportConsumer(AsyncJsonWebsocketConsumer):
    """Chat with a support agent about a ride."""

    group = "support"

    async def connect(self) -> None:
        await self.accept()
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.send_json({"type": "agent.status", "online": True, "queue": 0})

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: dict[str, Any], **kwargs: Any) -> None:
        action = content.get("action")
        if action == "ask":
            await self.channel_layer.group_send(
                self.group,
                {
                    "type": "support.message",
                    "text": content["text"],
                    "ride_id": content.get("ride_id"),
                },
            )
            await self.send_json({"type": "ticket.opened", "ticket": 1})
        elif action == "rate":
            await self.send_json({"type": "thanks", "stars": content["stars"]})
        else:
            await self.send_json({"type": "error", "detail": "unknown action"})

    async def support_message(self, event: dict[str, Any]) -> None:
        await self.send_json(event)
