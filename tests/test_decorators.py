"""The decorators: recorded metadata, inheritance, and one test per misuse error."""

from __future__ import annotations

import asyncio
import functools
import inspect

import pytest

from channels_spectacular import document_action, document_channel, document_event
from channels_spectacular.metadata import collect_operations


class Unsupported:
    """Not a payload type any converter knows."""

    def __init__(self) -> None:
        self.x = 1


def test_action_name_strips_handle_prefix_and_can_be_overridden():
    class C:
        @document_action(summary="Go")
        def handle_request_ride(self, content):
            pass

        @document_action(action="zones")
        def set_zones(self, content):
            pass

    docs = collect_operations(C)
    assert [(d.kind, d.name, d.method) for d in docs] == [
        ("action", "request_ride", "handle_request_ride"),
        ("action", "zones", "set_zones"),
    ]
    assert docs[0].summary == "Go"
    assert docs[0].location == "C.handle_request_ride"


def test_event_wire_name_is_event_type():
    class C:
        @document_event("ride.offer", tags=["drivers"], deprecated=True)
        def ride_offer(self, event):
            pass

    (doc,) = collect_operations(C)
    assert (doc.kind, doc.name, doc.tags, doc.deprecated) == (
        "event",
        "ride.offer",
        ("drivers",),
        True,
    )


def test_inheritance_subclass_override_wins_and_order_is_kept():
    class Base:
        @document_action(summary="a")
        def handle_a(self, c):
            pass

        @document_action(summary="b")
        def handle_b(self, c):
            pass

    class Child(Base):
        @document_action(summary="b2")
        def handle_b(self, c):
            pass

        def handle_a(self, c):  # undecorated override keeps the base documentation
            pass

        @document_event("c.happened")
        def c_happened(self, e):
            pass

    docs = collect_operations(Child)
    assert [(d.name, d.summary) for d in docs] == [("a", "a"), ("b", "b2"), ("c.happened", "")]
    assert docs[0].location == "Child.handle_a"
    assert [d.summary for d in collect_operations(Base)] == ["a", "b"]


def test_unsupported_payload_names_method_and_fix():
    with pytest.raises(TypeError, match=r"Bad\.handle_x: unsupported payload.*register_converter"):

        class Bad:
            @document_action(payload=Unsupported())
            def handle_x(self, c):
                pass


def test_unsupported_event_payload():
    with pytest.raises(TypeError, match=r"Bad\.on_x: unsupported payload"):

        class Bad:
            @document_event("x", payload=object())
            def on_x(self, e):
                pass


@pytest.mark.parametrize(
    ("examples", "error", "message"),
    [
        ({"payload": {}}, TypeError, r"examples must be a list of dicts"),
        ([{"name": "no payload"}], ValueError, r"examples\[0\] must be a dict with a 'payload'"),
        (["text"], ValueError, r"examples\[0\] must be a dict with a 'payload'"),
        ([{"payload": {}, "value": 1}], ValueError, r"examples\[0\] has unknown key"),
    ],
)
def test_bad_examples(examples, error, message):
    with pytest.raises(error, match=r"Bad\.handle_x: " + message):

        class Bad:
            @document_action(examples=examples)
            def handle_x(self, c):
                pass


def test_empty_action_name():
    with pytest.raises(ValueError, match=r"Bad\.handle_: the action name is empty.*action="):

        class Bad:
            @document_action()
            def handle_(self, c):
                pass


@pytest.mark.parametrize("event_type", ["", "   ", None, 3])
def test_bad_event_type(event_type):
    with pytest.raises(ValueError, match=r"Bad\.on_x: event_type must be a non-empty string"):

        class Bad:
            @document_event(event_type)
            def on_x(self, e):
                pass


@pytest.mark.parametrize(
    ("decorator", "message"),
    [(document_event, r"needs an event type"), (document_action, r"needs parentheses")],
)
def test_decorator_without_arguments(decorator, message):
    with pytest.raises(TypeError, match=r"Bad\.on_x: @document_\w+ " + message):

        class Bad:
            @decorator
            def on_x(self, e):
                pass


@pytest.mark.parametrize(
    ("responses", "error", "message"),
    [
        (["ride.ok"], TypeError, r"responses must be a mapping of event type to payload"),
        ({"": None}, ValueError, r"responses keys must be non-empty event type strings"),
        ({"ok": Unsupported()}, TypeError, r"unsupported payload for response 'ok'"),
    ],
)
def test_bad_responses(responses, error, message):
    with pytest.raises(error, match=r"Bad\.handle_x: " + message):

        class Bad:
            @document_action(responses=responses)
            def handle_x(self, c):
                pass


def test_bad_tags_and_texts():
    with pytest.raises(TypeError, match=r"Bad\.handle_x: tags must be a list of strings"):

        class Bad:
            @document_action(tags="rides")
            def handle_x(self, c):
                pass

    with pytest.raises(TypeError, match=r"Bad2\.handle_x: summary must be a string"):

        class Bad2:
            @document_action(summary=3)
            def handle_x(self, c):
                pass


# -- messages without a handler method, stacked decorators, per-class records ----------------


def test_decorators_on_a_class_document_messages_without_handler_methods():
    @document_action(action="rank", summary="Rank the components")
    @document_event("state", summary="Sent on connect")
    class Debate:
        @document_action()
        def handle_vote(self, content):
            pass

    docs = collect_operations(Debate)
    assert [(d.kind, d.name, d.method, d.location) for d in docs] == [
        ("action", "rank", None, "Debate"),
        ("event", "state", None, "Debate"),
        ("action", "vote", "handle_vote", "Debate.handle_vote"),
    ]
    assert docs[0].on_class and not docs[2].on_class


def test_action_on_a_class_needs_its_name():
    with pytest.raises(ValueError, match=r"Bad: @document_action on a class .*action='<name>'"):

        @document_action(summary="no name")
        class Bad:
            pass


def test_stacked_decorators_are_all_recorded_in_written_order():
    class Room:
        @document_action(action="join")
        @document_action(action="leave")
        @document_event("presence")
        async def membership(self, content):
            return content

    docs = collect_operations(Room)
    assert [(d.kind, d.name, d.method) for d in docs] == [
        ("action", "join", "membership"),
        ("action", "leave", "membership"),
        ("event", "presence", "membership"),
    ]
    # The class holds the plain coroutine function again: Channels dispatches it as before.
    assert inspect.iscoroutinefunction(Room.membership)

    async def handle_x(self, content):
        pass

    # Before its class exists, a decorator stacked above still sees a coroutine function.
    assert asyncio.iscoroutinefunction(document_action()(handle_x))
    assert asyncio.run(Room().membership({"x": 1})) == {"x": 1}


def test_the_same_message_stacked_twice_is_an_error():
    with pytest.raises(ValueError, match=r"Bad\.membership: action 'join' is documented twice"):

        class Bad:
            @document_action(action="join")
            @document_action(action="join")
            def membership(self, content):
                pass

    with pytest.raises(ValueError, match=r"Bad2: action 'join' is documented twice.*Bad2\.on_join"):

        @document_action(action="join")
        class Bad2:
            @document_action(action="join")
            def on_join(self, content):
                pass

    with pytest.raises(ValueError, match=r"Bad3: event 'tick' is documented twice .*class"):

        @document_event("tick")
        @document_event("tick")
        class Bad3:
            pass


def test_a_shared_inherited_method_is_documented_only_where_declared():
    """Regression: documenting Channels' own send_json leaked into every consumer."""
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    shared = AsyncJsonWebsocketConsumer.send_json

    class Chat(AsyncJsonWebsocketConsumer):
        send_json = document_event("send_json", summary="A chat line")(shared)

    class Board(AsyncJsonWebsocketConsumer):
        send_json = document_event("send_json", summary="A board change")(shared)

    class Plain(AsyncJsonWebsocketConsumer):
        pass

    class ChatChild(Chat):
        pass

    assert [d.summary for d in collect_operations(Chat)] == ["A chat line"]
    assert [d.summary for d in collect_operations(Board)] == ["A board change"]
    assert [d.location for d in collect_operations(ChatChild)] == ["ChatChild.send_json"]
    assert collect_operations(Plain) == []
    assert collect_operations(AsyncJsonWebsocketConsumer) == []
    assert Chat.send_json is shared and vars(shared).get("_channels_spectacular") is None


def test_class_level_messages_are_inherited_and_can_be_redeclared():
    @document_action(action="rank", summary="base")
    @document_event("state")
    class Base:
        pass

    @document_action(action="rank", summary="child")
    class Child(Base):
        pass

    assert [(d.name, d.summary, d.location) for d in collect_operations(Child)] == [
        ("rank", "child", "Child"),
        ("state", "", "Child"),
    ]
    assert [d.summary for d in collect_operations(Base)] == ["base", ""]


def test_late_assignment_and_wrapping_decorators_keep_the_records():
    def handle_late(self, content):
        return "late"

    def logged(func):
        @functools.wraps(func)
        def inner(*args, **kwargs):
            return func(*args, **kwargs)

        return inner

    class C:
        @logged
        @document_action(summary="wrapped")
        def handle_wrapped(self, content):
            return "wrapped"

    C.handle_late = document_action(summary="late")(handle_late)
    assert [(d.name, d.method) for d in collect_operations(C)] == [
        ("wrapped", "handle_wrapped"),
        ("late", "handle_late"),
    ]
    assert C().handle_late({}) == "late" and C().handle_wrapped({}) == "wrapped"


def test_decorators_apply_to_a_method_or_class():
    with pytest.raises(TypeError, match=r"apply to consumer methods and consumer classes"):
        document_event("x")(property(lambda self: 1))


# -- envelope keys per consumer ------------------------------------------------------------------


def test_document_channel_sets_the_envelope_keys_per_consumer():
    from channels_spectacular.metadata import FROM_SETTINGS, envelope_keys

    @document_channel(action_key=None, event_key="kind")
    class Keyed:
        pass

    @document_channel(title="Child keeps the keys it does not set", event_key=None)
    class Child(Keyed):
        pass

    class Plain:
        pass

    assert envelope_keys(Keyed) == (None, "kind")
    assert envelope_keys(Child) == (None, None)
    assert envelope_keys(Plain) == (FROM_SETTINGS, FROM_SETTINGS)


@pytest.mark.parametrize("key", ["", " type", 3, ["type"]])
def test_bad_envelope_key(key):
    with pytest.raises(ValueError, match=r"Bad: action_key must be the name of the frame field"):

        @document_channel(action_key=key)
        class Bad:
            pass


# -- content types ------------------------------------------------------------------------------


def test_content_type_defaults_to_json_and_takes_text_and_binary():
    class Live:
        @document_action(
            action="ping",
            content_type="text/plain",
            payload={"type": "string", "const": "ping"},
            examples=[{"payload": "ping"}],
        )
        @document_action(action="upload", content_type="application/octet-stream", payload=bytes)
        @document_action(action="track", payload=list[float])
        def receive(self, text_data=None, bytes_data=None):
            pass

    docs = collect_operations(Live)
    assert [(d.name, d.content_type, d.is_json) for d in docs] == [
        ("ping", "text/plain", False),
        ("upload", "application/octet-stream", False),
        ("track", "application/json", True),
    ]


@pytest.mark.parametrize(
    ("options", "error", "message"),
    [
        ({"content_type": "json"}, ValueError, r"content_type must be a media type"),
        ({"content_type": None}, ValueError, r"content_type must be a media type"),
        (
            {"content_type": "text/plain", "payload": {"type": "object"}},
            TypeError,
            r"content_type=.text/plain. describes plain-text frames, so the payload must be",
        ),
        (
            {"content_type": "application/octet-stream", "payload": dict[str, int]},
            TypeError,
            r"content_type=.application/octet-stream. describes binary frames",
        ),
        (
            {"content_type": "text/plain", "examples": [{"payload": {"text": "hi"}}]},
            ValueError,
            r"examples\[0\]\['payload'\] must be the frame as a string",
        ),
    ],
)
def test_bad_content_type_or_payload_for_it(options, error, message):
    with pytest.raises(error, match=r"Bad\.handle_x: " + message):

        class Bad:
            @document_action(**options)
            def handle_x(self, c):
                pass


def test_string_payloads_for_text_frames():
    from typing import Literal

    class Ok:
        @document_event("pong", content_type="text/plain", payload=Literal["pong!"])
        @document_event("hello", content_type="text/plain", payload={"enum": ["hi", "hello"]})
        @document_event("line", content_type="text/plain; charset=utf-8", payload=str)
        def receive(self, text_data=None, bytes_data=None):
            pass

    assert [d.content_type for d in collect_operations(Ok)][-1] == "text/plain; charset=utf-8"


# -- correlation ids ----------------------------------------------------------------------------

PAYLOAD = {"type": "object", "properties": {"request_id": {"type": "string"}, "ids": {}}}


def test_correlation_id_is_recorded():
    class C:
        @document_action(payload=PAYLOAD, correlation_id="request_id", responses={"ok": None})
        def handle_mark(self, content):
            pass

    (doc,) = collect_operations(C)
    assert doc.correlation_id == "request_id"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"payload": PAYLOAD, "correlation_id": ""}, r"correlation_id must name the payload field"),
        (
            {"payload": PAYLOAD, "correlation_id": "requestId"},
            r"correlation_id='requestId' is not a field of the payload \(fields: ids, request_id\)",
        ),
        ({"correlation_id": "request_id"}, r".* is not a field of the payload \(fields: none\)"),
        (
            {"content_type": "text/plain", "correlation_id": "request_id"},
            r"correlation_id='request_id' needs JSON frames",
        ),
    ],
)
def test_bad_correlation_id(options, message):
    with pytest.raises(ValueError, match=r"Bad\.handle_x: " + message):

        class Bad:
            @document_action(**options)
            def handle_x(self, c):
                pass
