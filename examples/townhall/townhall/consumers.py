"""Four consumers with four frame formats, each documented as its frames really are.

- ``DebateConsumer``: no field says what a frame is; one big ``receive_json`` tells the
  frames apart by the keys they have. A welcome frame is sent from ``connect()``.
- ``ChatConsumer``: ``type`` names client frames as well as server frames; one method
  handles two actions; chat lines reach Channels' own ``send_json`` through the group.
- ``NotificationsConsumer``: the project-wide ``action``/``type`` keys; an id the client
  chooses comes back in the reply.
- ``LiveConsumer``: a plain ``WebsocketConsumer``: text ``ping``/``pong!``, binary uploads
  and JSON arrays as whole frames.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer, AsyncWebsocketConsumer

from channels_spectacular import document_action, document_channel, document_event
from channels_spectacular.runtime import ValidateMessagesMixin

from .schemas import (
    PING,
    PONG,
    UPLOAD,
    Argument,
    ArgumentPosted,
    ChatLine,
    DebateError,
    DebateState,
    Marked,
    MarkRead,
    Nick,
    Notification,
    Position,
    Presence,
    Ranked,
    Ranking,
    Received,
    Say,
    Unread,
)

# In-memory data: the example has no database.
DEBATES = {1: "Should the library open on Sundays?", 2: "A bike lane on Main Street?"}
ARGUMENTS: dict[int, int] = {}
ROOMS: dict[str, list[str]] = {}
UNREAD = {"count": 3}
STOPS = ["Market", "Harbour", "Library"]


def debate_group(debate_id: int) -> str:
    return f"debate-{debate_id}"


# -- 1. no discriminator ------------------------------------------------------------------


@document_channel(
    summary="Rank and argue in one debate",
    action_key=None,
    event_key=None,
)
@document_action(
    action="rank",
    summary="Rank the parts of the debate",
    payload=Ranking,
    correlation_id="componentID",
    responses={"ranked": Ranked},
    examples=[{"name": "Ranking", "payload": {"importance": [3, 1, 2], "componentID": 12}}],
)
@document_action(
    action="argue",
    summary="Post an argument",
    description="Everyone in the debate, the author included, receives `argument.posted`.",
    payload=Argument,
    examples=[{"payload": {"argument": "Families need it", "side": "for"}}],
)
@document_event(
    "state",
    summary="Welcome and open debates",
    description="Sent once, right after the connection is accepted.",
    payload=DebateState,
)
@document_event(
    "error",
    summary="A frame was not understood",
    payload=DebateError,
    examples=[{"payload": {"error": "expected 'importance' or 'argument'"}}],
)
class DebateConsumer(ValidateMessagesMixin, AsyncJsonWebsocketConsumer):
    """One debate. Frames carry no ``type``: the server tells them apart by their keys."""

    async def connect(self) -> None:
        self.debate_id = int(self.scope["url_route"]["kwargs"]["debate_id"])
        self.group = debate_group(self.debate_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        debates = [
            {"id": id_, "title": title, "arguments": ARGUMENTS.get(id_, 0)}
            for id_, title in DEBATES.items()
        ]
        await self.send_json(
            {"message": {"level": "info", "text": "Welcome to the debate"}, "debates": debates}
        )

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and "importance" in content:
            # A real project would store the ranking; the reply echoes the componentID.
            await self.send_json({"componentID": content["componentID"], "saved": True})
        elif isinstance(content, dict) and "argument" in content:
            ARGUMENTS[self.debate_id] = ARGUMENTS.get(self.debate_id, 0) + 1
            posted = {"text": content["argument"], "side": content["side"], "author": "guest"}
            await self.channel_layer.group_send(
                self.group,
                {
                    "type": "argument.posted",
                    "argument": posted,
                    "arguments": ARGUMENTS[self.debate_id],
                },
            )
        else:
            await self.send_json({"error": "expected 'importance' or 'argument'"})

    @document_event(
        "argument.posted",
        summary="An argument was posted",
        description="Sent to everyone in the debate (the author too) after `argue`.",
        payload=ArgumentPosted,
    )
    async def argument_posted(self, event: dict[str, Any]) -> None:
        # "type" only routes the event through the channel layer; the client never sees it.
        await self.send_json({k: v for k, v in event.items() if k != "type"})


# -- 2. ``type`` in both directions; an inherited handler ------------------------------------


@document_channel(summary="A chat room", action_key="type", event_key="type")
class ChatConsumer(AsyncJsonWebsocketConsumer):
    """A chat room: join with a nick, say things, leave."""

    # group_send(..., {"type": "send_json", ...}) dispatches to Channels' own send_json, so
    # a chat line reaches the client with "type": "send_json". Documented for this class only.
    send_json = document_event(
        "send_json",
        summary="A chat line",
        description="Sent to everyone in the room, the speaker included, after `say`.",
        payload=ChatLine,
        examples=[{"payload": {"type": "send_json", "nick": "ann", "text": "hello"}}],
    )(AsyncJsonWebsocketConsumer.send_json)

    async def connect(self) -> None:
        self.room = self.scope["url_route"]["kwargs"]["room"]
        self.nick: str | None = None
        await self.channel_layer.group_add(self.room, self.channel_name)
        await self.accept()
        await self.send_json({"type": "presence", "users": ROOMS.get(self.room, [])})

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(self.room, self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        handlers = {"join": self.membership, "leave": self.membership, "say": self.say}
        handler = handlers.get(content.get("type")) if isinstance(content, dict) else None
        if handler is not None:
            await handler(content)

    @document_action(action="join", summary="Join the room", payload=Nick)
    @document_action(action="leave", summary="Leave the room")
    async def membership(self, content: dict[str, Any]) -> None:
        users = ROOMS.setdefault(self.room, [])
        if content["type"] == "join":
            self.nick = content["nick"]
            users.append(content["nick"])
        elif self.nick in users:
            users.remove(self.nick)
        await self.channel_layer.group_send(self.room, {"type": "presence", "users": users})

    @document_action(action="say", summary="Say something to the room", payload=Say)
    async def say(self, content: dict[str, Any]) -> None:
        line = {"nick": self.nick or "guest", "text": content["text"]}
        await self.channel_layer.group_send(self.room, {"type": "send_json", **line})

    @document_event(
        "presence",
        summary="Who is in the room",
        description="Sent on connect, and to the whole room when someone joins or leaves.",
        payload=Presence,
    )
    async def presence(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


# -- 3. project-wide keys; a correlation id ------------------------------------------------------


@document_action(
    action="mark_read",
    summary="Mark notifications as read",
    payload=MarkRead,
    correlation_id="request_id",
    responses={"marked": Marked},
    examples=[{"payload": {"action": "mark_read", "request_id": "r-1", "ids": [4, 5]}}],
)
@document_event("unread", summary="How many notifications are unread", payload=Unread)
class NotificationsConsumer(AsyncJsonWebsocketConsumer):
    """The user's notifications: an unread count on connect, new ones as they happen."""

    async def connect(self) -> None:
        await self.channel_layer.group_add("notifications", self.channel_name)
        await self.accept()
        await self.send_json({"type": "unread", **UNREAD})

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard("notifications", self.channel_name)

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        if isinstance(content, dict) and content.get("action") == "mark_read":
            request = MarkRead.model_validate(content)
            UNREAD["count"] = max(0, UNREAD["count"] - len(request.ids))
            reply = {"type": "marked", "request_id": request.request_id, "count": len(request.ids)}
            await self.send_json(reply)

    @document_event("notification", summary="A new notification", payload=Notification)
    async def notification(self, event: dict[str, Any]) -> None:
        await self.send_json(event)


async def notify(channel_layer: Any, id_: int, text: str) -> None:
    """Called from anywhere in the project (a view, a task): reaches every open connection."""
    await channel_layer.group_send(
        "notifications", {"type": "notification", "id": id_, "text": text}
    )


# -- 4. text, binary and array frames ----------------------------------------------------------


@document_channel(summary="Keep-alive, uploads and positions", action_key=None, event_key=None)
class LiveConsumer(AsyncWebsocketConsumer):
    """A plain (not JSON) consumer: each frame is told apart by its kind and shape."""

    @document_action(
        action="ping",
        summary="Are you there?",
        content_type="text/plain",
        payload=PING,
        responses={"pong": None},
        examples=[{"payload": "ping"}],
    )
    @document_event("pong", summary="Yes", content_type="text/plain", payload=PONG)
    @document_action(
        action="upload",
        summary="Upload a file",
        content_type="application/octet-stream",
        payload=UPLOAD,
        responses={"received": Received},
    )
    @document_action(
        action="position",
        summary="Where I am, as [latitude, longitude]",
        payload=Position,
        responses={"stops": list[str]},
        examples=[{"payload": [51.5072, -0.1276]}],
    )
    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        if bytes_data is not None:
            digest = hashlib.sha256(bytes_data).hexdigest()
            await self.send(text_data=json.dumps({"received": len(bytes_data), "sha256": digest}))
        elif text_data == "ping":
            await self.send(text_data="pong!")
        else:
            lat, _lng = json.loads(text_data or "null")
            nearest = STOPS[: 2 if lat > 0 else 1]
            await self.send(text_data=json.dumps(nearest))
