"""Consumers used by the core tests: every feature of the decorators, small and explicit."""

from __future__ import annotations

from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer

from channels_spectacular import document_action, document_channel, document_event

POINT = {
    "type": "object",
    "properties": {"x": {"type": "number"}, "y": {"type": "number"}},
    "required": ["x", "y"],
}


class ChatConsumer(AsyncJsonWebsocketConsumer):
    """A chat room."""

    @document_action(
        summary="Say something",
        description="Posts a message to the room.",
        payload={"type": "object", "properties": {"text": {"type": "string"}}},
        responses={"message.posted": {"type": "object", "properties": {"id": {"type": "integer"}}}},
        tags=["chat"],
        examples=[{"name": "Hello", "payload": {"action": "say", "text": "héllo ☕"}}],
    )
    async def handle_say(self, content):
        pass

    @document_event("message.posted", summary="A message was posted", payload=POINT)
    async def message_posted(self, event):
        pass

    @document_action(summary="Old ping", deprecated=True)
    async def handle_ping(self, content):
        pass


class CollidingConsumer(JsonWebsocketConsumer):
    """An action and an event that fold to the same identifier."""

    @document_action(payload=POINT)
    def handle_ride_offer(self, content):
        pass

    @document_event("ride.offer", payload=POINT)
    def ride_offer(self, event):
        pass


class TagsConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Set tags", payload=list[str])
    async def handle_set_tags(self, content):
        pass


class EmptyConsumer(AsyncJsonWebsocketConsumer):
    async def receive_json(self, content):
        pass


# -- channel docs, security and bindings (test_channel_docs, the channel_security snapshot)

QUERY = {"type": "object", "properties": {"token": {"type": "string"}}, "required": ["token"]}


@document_channel(
    title="Live rides",
    summary="Follow one ride.",
    description="Everything about **one** ride.",
    tags=["rides"],
    external_docs={"url": "https://example.com/rides", "description": "Guide"},
    security=["bearerQuery"],
    bindings={"ws": {"method": "GET", "query": QUERY}},
)
class DocumentedConsumer(AsyncJsonWebsocketConsumer):
    """Ignored: the decorator's description wins."""

    @document_action(summary="Go")
    async def handle_go(self, content):
        pass


class PlainConsumer(AsyncJsonWebsocketConsumer):
    """Uses the docstring as description."""

    @document_action()
    async def handle_go(self, content):
        pass
