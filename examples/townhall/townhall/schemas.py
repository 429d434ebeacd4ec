"""Payload types of the townhall consumers: TypedDicts, a dataclass, Pydantic, JSON Schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict

from pydantic import BaseModel, Field

# -- debates: frames without a discriminator ------------------------------------------------


class Ranking(TypedDict):
    """The client's order of importance for the parts of a debate."""

    importance: list[int]
    componentID: int  # the wire name is camelCase


class Ranked(TypedDict):
    """The ranking is saved; ``componentID`` echoes the request's."""

    componentID: int
    saved: bool


class Argument(TypedDict):
    """An argument for or against the motion."""

    argument: str
    side: Literal["for", "against"]


class PostedArgument(TypedDict):
    text: str
    side: Literal["for", "against"]
    author: str


class ArgumentPosted(TypedDict):
    """An argument someone posted, with the debate's new count."""

    argument: PostedArgument
    arguments: int


class Notice(TypedDict):
    level: Literal["info", "warning"]
    text: str


class DebateSummary(TypedDict):
    id: int
    title: str
    arguments: int


class DebateState(TypedDict):
    """A welcome notice and every open debate."""

    message: Notice
    debates: list[DebateSummary]


class DebateError(TypedDict):
    """Why a frame was not understood."""

    error: str


# -- chat: ``type`` names client frames too --------------------------------------------------


class Nick(TypedDict):
    nick: str


class Say(TypedDict):
    text: str


class ChatLine(TypedDict):
    """One chat line, as every member of the room receives it."""

    nick: str
    text: str


class Presence(TypedDict):
    """Who is in the room now."""

    users: list[str]


# -- notifications: the project-wide ``action``/``type`` keys ---------------------------------


class MarkRead(BaseModel):
    """Mark notifications as read; ``request_id`` comes back in the reply."""

    request_id: str = Field(description="Chosen by the client; echoed in `marked`.")
    ids: list[int] = Field(min_length=1)


class Marked(TypedDict):
    request_id: str
    count: int


class Unread(TypedDict):
    count: int


@dataclass
class Notification:
    """Something happened that the user should know about."""

    id: int
    text: str


# -- live feed: text, binary and top-level array frames ---------------------------------------

PING = {"type": "string", "const": "ping", "description": "The literal text `ping`."}
PONG = {"type": "string", "const": "pong!", "description": "The literal text `pong!`."}
UPLOAD = {"type": "string", "format": "binary", "description": "The file's bytes."}

# [latitude, longitude]: a JSON array as the whole frame.
Position = tuple[float, float]


class Received(TypedDict):
    """The upload arrived."""

    received: int
    sha256: str
