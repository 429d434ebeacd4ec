"""``manage.py asyncapi_scaffold``: the printed code runs, and documents what the draft does.

The command's output is executed as a fresh module against the real package: its
``TypedDict`` payloads and decorators apply to a class of the consumer's own bases. The
document of that decorated class must hold the same messages, with the same frame shapes,
as the inferred draft of the consumer it was printed for, and nothing marked inferred.
"""

from __future__ import annotations

import io
import sys
import types
from typing import Any

import pytest
from django.core.management import call_command

from channels_spectacular import AsyncAPIGenerator
from tests.test_inference import CASES

CONSUMERS = [f"tests.inference_corpus.{name}" for name, _, _ in CASES]
CONSUMERS.append("rideshare.support.SupportConsumer")


def scaffold_of(dotted: str) -> str:
    out = io.StringIO()
    call_command("asyncapi_scaffold", dotted, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def run_scaffold(dotted: str, text: str, monkeypatch: pytest.MonkeyPatch) -> type:
    """Execute the printed code as module ``scaffolded.<consumer>``; its decorated class."""
    name = "scaffolded." + dotted.replace(".", "_")
    module = types.ModuleType(name)
    # TypedDict hints are resolved in their module while the test generates.
    monkeypatch.setitem(sys.modules, name, module)
    exec(compile(text, f"<scaffold of {dotted}>", "exec"), module.__dict__)
    return getattr(module, dotted.rsplit(".", 1)[1])


def import_consumer(dotted: str) -> type:
    module, _, name = dotted.rpartition(".")
    return getattr(__import__(module, fromlist=[name]), name)


def shapes(spec: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (direction, wire name): the frame's media type, fields, discriminator, replies."""
    messages = spec["components"]["messages"]

    def message(ref: dict[str, str]) -> dict[str, Any]:
        channel, key = ref["$ref"].split("/")[2], ref["$ref"].rsplit("/", 1)[1]
        target = spec["channels"][channel]["messages"][key]["$ref"]
        return messages[target.rsplit("/", 1)[1]]

    out = {}
    for operation in spec["operations"].values():
        (found,) = [message(r) for r in operation["messages"]]
        payload = found["payload"]
        props = payload.get("properties", {})
        out[operation["action"], found["name"]] = {
            "contentType": found["contentType"],
            "type": payload.get("type"),
            "fields": sorted(props),
            "required": sorted(payload.get("required", [])),
            "consts": {k: v["const"] for k, v in props.items() if "const" in v},
            "const": payload.get("const"),
            "correlationId": found.get("correlationId", {}).get("location"),
            "replies": sorted(
                message(r)["name"] for r in (operation.get("reply") or {}).get("messages", [])
            ),
        }
    return out


@pytest.mark.parametrize(
    "dotted", CONSUMERS, ids=[".".join(c.rsplit(".", 2)[-2:]) for c in CONSUMERS]
)
def test_the_scaffold_runs_and_documents_what_the_draft_documents(dotted, monkeypatch):
    consumer = import_consumer(dotted)
    text = scaffold_of(dotted)
    decorated = run_scaffold(dotted, text, monkeypatch)
    assert decorated is not consumer and decorated.__bases__ == consumer.__bases__
    draft = AsyncAPIGenerator(consumers=[(consumer, "/ws/x/")]).get_spec()
    generator = AsyncAPIGenerator(consumers=[(decorated, "/ws/x/")])
    spec = generator.get_spec()
    assert "x-inferred" not in str(spec)
    # An action and an event of one name get two message keys: the one expected warning.
    problems = [d for d in generator.diagnostics.items if d.level != "info"]
    assert [str(d) for d in problems if d.code != "message-name-collision"] == []
    assert shapes(draft) and shapes(spec) == shapes(draft)


def test_the_scaffolded_documents_are_valid(assert_valid, monkeypatch):
    consumers = [
        (run_scaffold(d, scaffold_of(d), monkeypatch), f"/ws/s{i}/")
        for i, d in enumerate(CONSUMERS)
    ]
    assert_valid(AsyncAPIGenerator(consumers=consumers).get_spec())


def test_a_message_the_draft_leaves_out_is_printed_as_a_comment_saying_why():
    text = scaffold_of("tests.inference_corpus.correlated.LobbyConsumer")
    assert "# Not documented: action 'heartbeat' (heartbeat; " in text
    assert "carries no 'type' while the other frames do" in text
    assert 'action="heartbeat"' not in text
