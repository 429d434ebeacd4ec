"""The decorators: recorded metadata, inheritance, and one test per misuse error."""

from __future__ import annotations

import pytest

from channels_spectacular import document_action, document_event
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


def test_event_decorator_without_arguments():
    with pytest.raises(TypeError, match=r"needs an event type"):

        class Bad:
            @document_event
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
