"""The one home of JSON pointers and address placeholders."""

from __future__ import annotations

import pytest

from channels_spectacular.addresses import matches, placeholders, template_path
from channels_spectacular.pointers import (
    MISSING,
    escape,
    follow,
    last_token,
    pointer,
    ref,
    resolve,
    unescape,
)

DOC = {
    "components": {
        "messages": {
            "a/b~c": {"name": "slash"},
            "alias": {"$ref": "#/components/messages/a~1b~0c"},
        },
        "loop": {"$ref": "#/components/loop"},
        "remote": {"$ref": "https://example.com/x.json"},
        "dangling": {"$ref": "#/nowhere"},
    },
    "list": [{"x": 1}],
}


def test_escaping_round_trips():
    assert escape("a/b~c") == "a~1b~0c"
    assert unescape("a~1b~0c") == "a/b~c"
    assert unescape("~01") == "~1"  # ~0 is undone last: "~01" is the token for "~1"
    assert pointer("components", "schemas", "a/b") == "#/components/schemas/a~1b"
    assert ref("channels", "x") == {"$ref": "#/channels/x"}
    assert last_token("#/components/messages/a~1b~0c") == "a/b~c"


def test_resolve_maps_lists_and_missing():
    assert resolve(DOC, "#/components/messages/a~1b~0c") == {"name": "slash"}
    assert resolve(DOC, "/list/0/x") == 1
    assert resolve(DOC, "#") is DOC
    assert resolve(DOC, "#/list/1") is MISSING
    assert resolve(DOC, "#/components/nope", None) is None


def test_follow_ends_at_the_target_or_the_ref_it_cannot_follow():
    target = DOC["components"]["messages"]["a/b~c"]
    assert follow(DOC, {"$ref": "#/components/messages/alias"}) == (
        target,
        "#/components/messages/a~1b~0c",
    )
    assert follow(DOC, target) == (target, "")
    node, at = follow(DOC, {"$ref": "#/components/loop"})
    assert node == {"$ref": "#/components/loop"} and at == "#/components/loop"
    assert follow(DOC, DOC["components"]["remote"]) == (DOC["components"]["remote"], "")
    assert follow(DOC, DOC["components"]["dangling"]) == (None, "#/nowhere")


@pytest.mark.parametrize(
    ("address", "path", "expected"),
    [
        ("/ws/rides/{ride_id}/", "/ws/rides/42/?token=x", True),
        ("/ws/rides/{ride_id}/", "/ws/rides/42/extra/", False),
        ("/ws/a.b/", "/ws/aXb/", False),  # literal text is escaped
        ("/ws/{a}/{b}/", "/ws/1/2/", True),
        (None, "/ws/", False),
    ],
)
def test_address_matching(address, path, expected):
    assert matches(address, path) is expected


def test_a_placeholder_is_one_segment():
    assert placeholders("/ws/{room}/{user_id}/") == ["room", "user_id"]
    assert placeholders("/ws/{a/b}/") == []  # "/" never sits inside a placeholder
    assert template_path("/ws/rooms/7/?t=1", {"room_id": 7}) == "/ws/rooms/{room_id}/"
    assert template_path("/ws/x/", None) == "/ws/x/"
