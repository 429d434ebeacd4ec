"""Inference of undecorated consumers: the corpus, the generated drafts, and real frames."""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

import pytest
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.test import override_settings

import tests.inference_corpus as corpus
from channels_spectacular import (
    AsyncAPIGenerator,
    document_action,
    document_channel,
    document_event,
)
from channels_spectacular.discovery import discover_endpoints
from channels_spectacular.inference import infer
from channels_spectacular.testing import ContractCommunicator, ContractViolation
from tests.consumers import ChatConsumer as DecoratedChat
from tests.inference_corpus.chat_ifelif import ChatConsumer
from tests.inference_corpus.dcrf_rides import RideAPIConsumer
from tests.inference_corpus.no_discriminator import DebateConsumer
from tests.inference_corpus.text_frames import PingConsumer


def corpus_cases() -> list[tuple[str, type, set[tuple[str, str]]]]:
    cases = []
    for info in pkgutil.iter_modules(corpus.__path__):
        module = importlib.import_module(f"{corpus.__name__}.{info.name}")
        for name, expected in module.EXPECTED.items():
            cases.append((f"{info.name}.{name}", getattr(module, name), set(expected)))
    return cases


CASES = corpus_cases()


def known(attribute: str, name: str) -> set[tuple[str, str]]:
    """A corpus module's ``MISSED`` or ``LEFT_OUT`` messages of one consumer."""
    module_name, class_name = name.split(".")
    module = importlib.import_module(f"{corpus.__name__}.{module_name}")
    return set(getattr(module, attribute, {}).get(class_name, ()))


def found(consumer: type) -> set[tuple[str, str]]:
    return {(m.direction, m.name) for m in infer(consumer).messages}


def documented(spec: dict[str, Any], channel: str) -> set[tuple[str, str]]:
    """(direction, wire name) of every inferred operation's message on one channel."""
    out = set()
    for operation in spec["operations"].values():
        if operation["channel"]["$ref"] != f"#/channels/{channel}":
            continue
        assert operation["x-inferred"] is True
        direction = "receive" if operation["action"] == "receive" else "send"
        for item in operation["messages"]:
            key = spec["channels"][channel]["messages"][item["$ref"].rsplit("/", 1)[1]]
            message = spec["components"]["messages"][key["$ref"].rsplit("/", 1)[1]]
            out.add((direction, message["name"]))
    return out


@pytest.fixture(scope="module")
def corpus_spec() -> dict[str, Any]:
    """One document of the whole corpus, each consumer at /ws/<index>/ (channel c<index>)."""
    consumers = [(c, f"/ws/c{i}/") for i, (_, c, _) in enumerate(CASES)]
    return AsyncAPIGenerator(consumers=consumers).get_spec()


# -- the corpus -------------------------------------------------------------------------------


def test_corpus_covers_the_styles_real_projects_use():
    modules = {case[0].split(".")[0] for case in CASES}
    assert {"chat_ifelif", "match_dispatch", "tables", "no_discriminator", "text_frames"} <= modules
    assert {"handlers", "dcrf_rides", "raw_frames", "correlated"} <= modules
    assert sum(len(expected) for _, _, expected in CASES) >= 70


def test_inference_finds_at_least_80_percent_of_the_corpus_and_invents_none():
    expected = sum(len(e) for _, _, e in CASES)
    hits = sum(len(e & found(c)) for _, c, e in CASES)
    invented = {name: sorted(found(c) - e) for name, c, e in CASES if found(c) - e}
    assert invented == {}
    assert hits / expected >= 0.8, f"found {hits} of {expected}"


def test_the_documents_drafts_cover_80_percent_of_the_corpus_and_invent_none(
    corpus_spec, assert_valid
):
    """Measured on what reaches the document: messages inference finds but the envelope
    cannot carry count as misses."""
    assert_valid(corpus_spec)
    per_consumer = {name: documented(corpus_spec, f"c{i}") for i, (name, _, _) in enumerate(CASES)}
    invented = {n: sorted(per_consumer[n] - e) for n, _, e in CASES if per_consumer[n] - e}
    assert invented == {}
    expected = sum(len(e) for _, _, e in CASES)
    hits = sum(len(e & per_consumer[n]) for n, _, e in CASES)
    assert hits / expected >= 0.8, f"documented {hits} of {expected}"
    # Every style of the corpus reaches the document, not only the easy ones.
    assert all(per_consumer[n] for n, _, _ in CASES), [
        n for n, _, _ in CASES if not per_consumer[n]
    ]


@pytest.mark.parametrize(("name", "consumer", "expected"), CASES, ids=[c[0] for c in CASES])
def test_each_corpus_consumer_is_inferred_exactly_as_far_as_known(
    name, consumer, expected, corpus_spec
):
    """Nothing invented, nothing lost: any regression of one style fails here, even while
    the overall rate stays above 80%."""
    missed, left_out = known("MISSED", name), known("LEFT_OUT", name)
    assert found(consumer) == expected - missed
    channel = f"c{[c[0] for c in CASES].index(name)}"
    assert documented(corpus_spec, channel) == expected - missed - left_out


def test_discriminator_keys_are_the_ones_the_consumer_uses():
    keys = {name: (infer(c).action_key, infer(c).event_key) for name, c, _ in CASES}
    assert keys["chat_ifelif.ChatConsumer"] == ("type", "type")
    assert keys["match_dispatch.TickerConsumer"] == ("action", "action")
    assert keys["match_dispatch.BoardConsumer"] == ("kind", "kind")
    assert keys["tables.CartConsumer"] == ("op", "op")
    assert keys["tables.DocumentConsumer"] == ("event", "event")
    assert keys["tables.SyncTaskConsumer"] == ("command", "command")
    assert keys["handlers.RideConsumer"] == ("action", "type")
    assert keys["no_discriminator.DebateConsumer"] == (None, None)
    assert keys["text_frames.PingConsumer"] == (None, None)
    assert keys["correlated.SymbolsConsumer"] == (None, None)
    assert keys["correlated.LobbyConsumer"] == ("type", "type")


def test_properties_read_and_sent_become_the_payload():
    by_name = {(m.direction, m.name): m for m in infer(ChatConsumer).messages}
    join = by_name["receive", "join"]
    assert list(join.properties) == ["type", "room"]
    assert join.required == ("type", "room")
    assert join.replies == ("joined",)
    history = by_name["send", "history"]  # sent from connect()
    assert history.method == "connect"
    assert history.properties["count"] == {"type": "integer"}
    # A group event forwarded as it is: the frame is the group_send dict.
    forwarded = by_name["send", "chat.message"]
    assert set(forwarded.properties) == {"type", "text", "sender"}
    assert forwarded.method == "chat_message"
    # A handler building its own frame from the event: types come from the group_send dict.
    assert by_name["send", "typing"].properties["active"] == {"type": "boolean"}
    assert by_name["send", "error"].source == "tests.inference_corpus.chat_ifelif:64"


def test_frames_without_a_discriminator_and_text_frames():
    debate = {(m.direction, m.name): m for m in infer(DebateConsumer).messages}
    assert debate["receive", "importance"].discriminator is None
    assert debate["receive", "importance"].required == ("importance",)
    assert debate["send", "debates"].properties["debates"] == {"type": "array"}
    ping = {(m.direction, m.name): m for m in infer(PingConsumer).messages}
    assert ping["receive", "ping"].content_type == "text/plain"
    assert ping["receive", "ping"].schema == {"type": "string", "const": "ping"}
    assert ping["send", "pong"].schema == {"type": "string", "const": "pong!"}
    assert ping["receive", "ping"].replies == ("pong",)


def test_djangochannelsrestframework_actions_and_replies():
    model = infer(RideAPIConsumer)
    assert model.framework == "djangochannelsrestframework"
    assert (model.action_key, model.event_key) == ("action", "action")
    by_name = {(m.direction, m.name): m for m in model.messages}
    create = by_name["receive", "create"]
    assert create.correlation_id == "request_id"
    assert create.required == ("action", "data")
    assert by_name["receive", "retrieve"].required == ("action", "pk")
    assert by_name["receive", "estimate"].properties["distance_km"] == {"type": "number"}
    assert by_name["receive", "estimate"].required == ("action", "distance_km")
    reply = by_name["send", "list"]
    assert set(reply.properties) == {"action", "errors", "data", "response_status", "request_id"}


# -- generation -------------------------------------------------------------------------------


def spec_of(consumer: type, path: str = "/ws/x/") -> dict[str, Any]:
    return AsyncAPIGenerator(consumers=[(consumer, path)]).get_spec()


def test_undecorated_consumer_gets_an_inferred_draft(assert_valid):
    spec = spec_of(ChatConsumer)
    assert_valid(spec)
    operations = spec["operations"]
    assert {op["x-inferred"] for op in operations.values()} == {True}
    sent = {"history", "joined", "left", "chat.message", "x.typing", "error"}
    assert set(operations) == {"join", "leave", "message", "typing", "stop_typing", *sent}
    assert (
        "Inferred from the source of `ChatConsumer.connect`" in operations["history"]["description"]
    )
    payload = spec["components"]["messages"]["history"]["payload"]
    assert payload["properties"]["type"]["const"] == "history"
    assert payload["required"] == ["type", "messages", "count"]
    join = operations["join"]
    assert join["action"] == "receive"
    assert join["reply"]["messages"] == [{"$ref": "#/channels/x/messages/joined"}]


def test_each_undecorated_consumer_is_documented_with_its_own_keys(assert_valid):
    from tests.inference_corpus.match_dispatch import BoardConsumer, TickerConsumer
    from tests.inference_corpus.tables import CartConsumer

    consumers = {"chat": ChatConsumer, "ticker": TickerConsumer, "board": BoardConsumer}
    consumers["cart"] = CartConsumer
    generator = AsyncAPIGenerator(consumers=[(c, f"/ws/{n}/") for n, c in consumers.items()])
    spec = generator.get_spec()
    assert_valid(spec)
    messages = spec["components"]["messages"]
    # The project-wide keys are "action" and "type"; each consumer's frames carry its own.
    assert messages["join"]["payload"]["required"][0] == "type"
    assert messages["subscribe"]["payload"]["required"][0] == "action"
    assert messages["tick"]["payload"]["required"][0] == "action"
    assert messages["move"]["payload"]["required"][:3] == ["kind", "from", "to"]
    assert messages["add_item"]["payload"]["required"][0] == "op"
    assert "action" not in messages["move"]["payload"]["properties"]
    assert generator.diagnostics.items == [] or all(
        d.level == "info" for d in generator.diagnostics.items
    )


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": False})
def test_the_setting_turns_inference_off():
    spec = spec_of(ChatConsumer)
    assert spec["operations"] == {}


@pytest.mark.parametrize("mode", [True, "merge"])
def test_decorated_consumers_are_unchanged_by_default(mode):
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": False}):
        before = AsyncAPIGenerator(consumers=[(DecoratedChat, "/ws/chat/")]).get_yaml()
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": mode}):
        after = AsyncAPIGenerator(consumers=[(DecoratedChat, "/ws/chat/")]).get_yaml()
    if mode is True:
        assert after == before
    assert "x-inferred" not in before


class HalfDecorated(AsyncJsonWebsocketConsumer):
    """Decorated for one action; the rest of its frames are only in the code."""

    async def receive_json(self, content):
        if content["action"] == "say":
            await self.handle_say(content)
        elif content["action"] == "shout":
            await self.send_json({"type": "shouted", "text": content["text"].upper()})

    @document_action(summary="Say it", payload={"type": "object", "properties": {}})
    async def handle_say(self, content):
        await self.send_json({"type": "said", "text": content["text"]})

    @document_event("said", summary="What was said")
    async def said(self, event):
        pass


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": "merge"})
def test_merge_mode_fills_gaps_and_decorators_win(assert_valid):
    spec = spec_of(HalfDecorated)
    assert_valid(spec)
    operations = spec["operations"]
    assert operations["say"]["summary"] == "Say it" and "x-inferred" not in operations["say"]
    assert operations["said"]["summary"] == "What was said"
    assert "x-inferred" not in operations["said"]
    assert operations["shout"]["x-inferred"] is True
    assert operations["shouted"]["x-inferred"] is True


@document_channel(action_key=None, event_key=None)
@document_action(action="ping", payload={"type": "object", "properties": {"ping": {}}})
class BareHalf(AsyncJsonWebsocketConsumer):
    """Declared without discriminators; one action documented, the rest only in the code."""

    async def receive_json(self, content):
        if "ping" in content:
            await self.send_json({"pong": content["ping"]})
        elif "echo" in content:
            await self.send_json({"echoed": content["echo"]})
        elif content.get("kind") == "hello":
            await self.send_json({"welcome": True})


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": "merge"})
def test_merge_mode_under_declared_keys_of_none(assert_valid):
    """Gaps are filled with frames told apart by their fields, as the consumer declares;
    a frame with a discriminator of its own does not fit that envelope and is left out."""
    generator = AsyncAPIGenerator(consumers=[(BareHalf, "/ws/bare/")])
    spec = generator.get_spec()
    assert_valid(spec)
    operations = spec["operations"]
    assert "x-inferred" not in operations["ping"]
    assert {k for k, op in operations.items() if op.get("x-inferred")} == {
        "echo",
        "pong",
        "echoed",
        "welcome",
    }
    echo = spec["components"]["messages"]["echo"]["payload"]
    assert echo["required"] == ["echo"] and "kind" not in echo["required"]
    (note,) = [d for d in generator.diagnostics.items if d.code == "inferred-left-out"]
    assert "['hello']" in note.message


def test_without_merge_decorated_consumers_get_nothing_inferred():
    assert set(spec_of(HalfDecorated)["operations"]) == {"say", "said"}


@override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": "yes"})
def test_a_wrong_setting_is_named():
    with pytest.raises(ValueError, match=r"\['INFERENCE'\] must be True, False or 'merge'"):
        spec_of(ChatConsumer)


def test_frames_without_a_discriminator_are_documented_as_the_decorators_would(assert_valid):
    from tests.inference_corpus.correlated import SymbolsConsumer

    generator = AsyncAPIGenerator(consumers=[(DebateConsumer, "/ws/debate/")])
    spec = generator.get_spec()
    assert_valid(spec)
    assert generator.diagnostics.items == []
    messages = spec["components"]["messages"]
    # As @document_channel(action_key=None, event_key=None): the frame is the payload.
    assert messages["importance"]["payload"]["required"] == ["importance"]
    assert messages["debates"]["payload"]["properties"] == {
        "debates": {"type": "array"},
        "page": {"type": "integer"},
    }
    assert {op["x-inferred"] for op in spec["operations"].values()} == {True}
    arrays = spec_of(SymbolsConsumer)["components"]["messages"]["array"]
    assert arrays["contentType"] == "application/json"
    assert arrays["payload"]["type"] == "array"


def test_text_and_binary_frames_are_documented_with_their_content_type(assert_valid):
    from tests.inference_corpus.raw_frames import UploadConsumer

    spec = spec_of(PingConsumer)
    assert_valid(spec)
    messages = spec["components"]["messages"]
    assert messages["ping"]["contentType"] == "text/plain"
    assert messages["ping"]["payload"] == {
        "title": "PingMessage",
        "type": "string",
        "const": "ping",
    }
    assert messages["pong"]["payload"]["const"] == "pong!"
    assert spec["operations"]["ping"]["reply"]["messages"] == [
        {"$ref": "#/channels/x/messages/pong"}
    ]
    upload = spec_of(UploadConsumer)["components"]["messages"]
    assert upload["binary"]["contentType"] == "application/octet-stream"
    assert upload["binary"]["payload"]["format"] == "binary"


def test_an_echoed_request_id_becomes_the_correlation_id(assert_valid):
    from tests.inference_corpus.correlated import QuoteConsumer

    generator = AsyncAPIGenerator(consumers=[(QuoteConsumer, "/ws/quotes/")])
    spec = generator.get_spec()
    assert_valid(spec)
    assert [d for d in generator.diagnostics.items if d.level != "info"] == []
    messages = spec["components"]["messages"]
    for key in ("quote", "quotes.quote", "cancel", "cancelled"):
        assert messages[key]["correlationId"]["location"] == "$message.payload#/request_id"


def test_frames_the_envelope_cannot_express_are_left_out_with_a_note():
    """One channel's frames either all carry the discriminator or none do: a frame told
    apart by a field's presence, next to frames with a ``type``, has no place in it."""
    from tests.inference_corpus.correlated import LobbyConsumer

    model = {m.name: m for m in infer(LobbyConsumer).actions}
    assert model["heartbeat"].discriminator is None  # never given the others' "type"
    assert "type" not in model["heartbeat"].properties
    generator = AsyncAPIGenerator(consumers=[(LobbyConsumer, "/ws/lobby/")])
    assert set(generator.get_spec()["operations"]) == {"join", "leave", "joined", "heartbeat_ack"}
    notes = [d for d in generator.diagnostics.items if d.code == "inferred-left-out"]
    assert len(notes) == 1 and notes[0].level == "info"
    assert "['heartbeat']" in notes[0].message
    assert "without the discriminator the consumer's other frames carry" in notes[0].message
    assert "asyncapi_scaffold tests.inference_corpus.correlated.LobbyConsumer" in str(notes[0])


def test_djangochannelsrestframework_spec_uses_the_serializer(assert_valid):
    generator = AsyncAPIGenerator(consumers=[(RideAPIConsumer, "/ws/x/")])
    spec = generator.get_spec()
    assert_valid(spec)
    # Replies share their action's name by design: no renaming warning for each of them.
    assert [str(d) for d in generator.diagnostics.items if d.level != "info"] == []
    messages = spec["components"]["messages"]
    data = messages["create"]["payload"]["properties"]["data"]
    assert data == {"$ref": "#/components/schemas/RideRequest"}  # writable fields only
    reply = messages["x.create"]  # the reply shares the action's wire name
    assert reply["payload"]["properties"]["data"]["anyOf"][0] == {
        "$ref": "#/components/schemas/Ride"
    }
    assert spec["operations"]["estimate"]["reply"]["messages"]


# -- the real wire ----------------------------------------------------------------------------


async def test_real_frames_satisfy_the_inferred_contract():
    communicator = ContractCommunicator(ChatConsumer, "/ws/chat/")
    connected, _ = await communicator.connect()
    assert connected
    history = await communicator.receive_json_from()  # checked against the draft
    assert history == {"type": "history", "messages": [], "count": 0}
    await communicator.send_json_to({"type": "join", "room": "lobby"})
    assert await communicator.receive_json_from() == {"type": "joined", "room": "lobby"}
    with pytest.raises(ContractViolation, match="room"):
        await communicator.send_json_to({"type": "join"})
    await communicator.disconnect()


async def test_djangochannelsrestframework_reply_satisfies_the_inferred_contract():
    communicator = ContractCommunicator(RideAPIConsumer, "/ws/rides/")
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"action": "estimate", "request_id": 7, "distance_km": 3})
    reply = await communicator.receive_json_from()
    assert reply == {
        "errors": [],
        "data": {"fare": 12.5, "currency": "EUR"},
        "action": "estimate",
        "response_status": 200,
        "request_id": 7,
    }
    await communicator.disconnect()


def test_discovery_includes_undecorated_consumers_with_a_draft():
    from channels.routing import URLRouter
    from django.urls import path

    from tests.consumers import EmptyConsumer as Empty
    from tests.inference_corpus.chat_ifelif import ChatConsumer as Chat
    from tests.inference_corpus.text_frames import PingConsumer as Ping

    routes = [path("chat/", Chat.as_asgi()), path("ping/", Ping.as_asgi())]
    app = URLRouter([*routes, path("empty/", Empty.as_asgi())])
    assert [e.consumer for e in discover_endpoints(app)] == [Chat, Ping]
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS={"INFERENCE": False}):
        assert discover_endpoints(app) == []


# -- scaffold ---------------------------------------------------------------------------------


def scaffold_output(*dotted: str) -> str:
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("asyncapi_scaffold", *dotted, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_scaffold_prints_decorators_and_typed_dicts_ready_to_paste():
    import ast

    text = scaffold_output("tests.inference_corpus.chat_ifelif.ChatConsumer")
    ast.parse(text)  # valid Python
    assert '@document_channel(action_key="type", event_key="type")' in text
    assert '@document_action(action="join", payload=JoinRequest, responses={"joined": None})' in (
        text
    )
    assert '@document_event("history", payload=HistoryPayload)' in text
    assert "class HistoryPayload(TypedDict):\n    messages: Any\n    count: int\n" in text
    assert '@document_action(action="leave", payload=None, responses={"left": None})' in text


def test_scaffold_of_text_frames_dcrf_and_keys_that_are_not_identifiers():
    import ast

    text = scaffold_output(
        "tests.inference_corpus.text_frames.PingConsumer",
        "tests.inference_corpus.match_dispatch.BoardConsumer",
        "tests.inference_corpus.dcrf_rides.RideAPIConsumer",
    )
    ast.parse(text)
    # Text frames carry no envelope: the keys stay the settings'.
    assert "@document_channel(" not in text.split("class PingConsumer")[0]
    ping = '@document_action(action="ping", payload=Literal["ping"], content_type="text/plain"'
    assert ping in text
    assert 'MoveRequest = TypedDict(\n    "MoveRequest",\n    {\n        "from": Any,' in text
    assert "from rideshare.serializers import RideSerializer" in text
    assert 'correlation_id="request_id"' in text


def test_scaffold_names_a_consumer_it_cannot_read():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match=r"tests\.consumers\.EmptyConsumer: inference found no"):
        scaffold_output("tests.consumers.EmptyConsumer")
    with pytest.raises(CommandError, match=r"cannot import consumer 'nope\.Missing'"):
        scaffold_output("nope.Missing")


def test_native_docs_text_says_inferred():
    from channels_spectacular.mkdocs.markup import native_markdown

    from channels_spectacular.embed.summary import summarize

    summary = summarize(spec_of(ChatConsumer))
    operations = summary.channels[0].operations
    assert operations and all(op.inferred for op in operations)
    text = native_markdown(summary, 2)
    assert text.count("**inferred draft**") == len(operations)
    decorated = summarize(spec_of(DecoratedChat))
    assert not any(op.inferred for ch in decorated.channels for op in ch.operations)


def test_a_class_without_source_is_read_as_nothing():
    made = type("MadeAtRuntime", (AsyncJsonWebsocketConsumer,), {"__module__": "nowhere.at.all"})
    model = infer(made)
    assert model.messages == ()
    assert spec_of(made)["operations"] == {}


def test_inference_failing_never_stops_generation(monkeypatch):
    from channels_spectacular.inference import static

    class Odd(AsyncJsonWebsocketConsumer):
        async def receive_json(self, content):
            if content["action"] == "go":
                await self.send_json({"type": "went"})

    def broken(consumer, key):
        raise RecursionError("too deep")

    monkeypatch.setattr(static, "infer_consumer", broken)
    generator = AsyncAPIGenerator(consumers=[(Odd, "/ws/odd/")])
    assert generator.get_spec()["operations"] == {}
    failed = [d for d in generator.diagnostics.items if d.code == "inference-failed"]
    assert "Odd" in str(failed[0]) and "RecursionError: too deep" in str(failed[0])


def test_an_undecorated_project_gets_a_draft_end_to_end(tmp_path):
    import yaml

    from tests.support.throwaway import make_project

    project = make_project(tmp_path)
    code, out = project.manage("check")
    assert code == 0, out
    assert "ChatConsumer" not in out  # documented (as a draft): nothing to warn about
    code, out = project.manage("export_asyncapi", "--fail-on-warn", "-o", "spec.yaml")
    assert code == 0, out
    spec = yaml.safe_load((project.path / "spec.yaml").read_text(encoding="utf-8"))
    operations = spec["operations"]
    assert {k: (op["action"], op["x-inferred"]) for k, op in operations.items()} == {
        "message": ("receive", True),  # no discriminator: the frame is {"text": ...}
        "echo": ("send", True),
    }
    echo = spec["components"]["messages"]["echo"]["payload"]
    assert echo["properties"]["type"]["const"] == "echo"
    code, out = project.manage("asyncapi_scaffold", "chat.consumers.ChatConsumer")
    assert code == 0, out
    assert '@document_event("echo", payload=EchoPayload)' in out
    assert "class EchoPayload(TypedDict):\n    text: str\n" in out


def test_an_inferred_draft_is_named_as_the_project_document_names_it(settings, client):
    """Regression: inferred payloads were new objects on every collection, so the project's
    naming pass could not reserve their keys; a one-consumer embed called the draft's event
    'echo' while the project document called it 'echo_draft.echo'."""
    import yaml

    from channels_spectacular.embed import DjangoConfig, resolve_embed

    consumers = [
        ("tests.support.inferred_naming.DocumentedEcho", "/ws/echo/"),
        ("tests.support.inferred_naming.DraftEcho", "/ws/echo_draft/"),
    ]
    settings.CHANNELS_SPECTACULAR_SETTINGS = {"CONSUMERS": consumers}
    project = yaml.safe_load(client.get("/ws-docs/asyncapi.yaml").content)
    embed = resolve_embed(
        {"consumer": consumers[1][0], "channel_path": consumers[1][1]},
        element_id="a-1",
        django=DjangoConfig(settings_module="tests.settings"),
    )
    assert embed.ok, embed.problems
    drafts = project["channels"]["echo_draft"]["messages"]
    assert list(drafts) != ["echo"]  # the documented consumer's event keeps the plain name
    assert embed.spec["channels"]["echo_draft"]["messages"] == drafts


def test_handed_over_document_shares_nothing_with_cached_drafts():
    """Inferred drafts are cached across generators; the first ``get_spec()`` hands its
    build over uncopied: writing into it must not reach the drafts of later documents."""
    from tests.support.documents import scribble

    consumers = [(c, f"/ws/c{i}/") for i, (_, c, _) in enumerate(CASES)]
    reference = AsyncAPIGenerator(consumers=consumers).get_yaml()
    scribble(AsyncAPIGenerator(consumers=consumers).get_spec())
    assert AsyncAPIGenerator(consumers=consumers).get_yaml() == reference
