"""Inference reads each class from its own lines of the module, and keeps no syntax tree."""

from __future__ import annotations

import gc
import importlib
import textwrap
import uuid
from pathlib import Path
from types import ModuleType

from channels_spectacular.inference import InferredConsumer, infer

HEAD = "from channels.generic.websocket import AsyncJsonWebsocketConsumer\n"


def module_from(tmp_path, monkeypatch, code: str) -> ModuleType:
    """A real module file with ``code``, imported under a name no other test uses."""
    name = f"inferred_source_{uuid.uuid4().hex}"
    (tmp_path / f"{name}.py").write_text(HEAD + textwrap.dedent(code), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return importlib.import_module(name)


def names(consumer: type) -> set[tuple[str, str]]:
    return {(m.direction, m.name) for m in infer(consumer).messages}


def line_of(model: InferredConsumer, name: str, folder: Path) -> str:
    """The source line a message was inferred from (``module:line``)."""
    module, line = next(m.source for m in model.messages if m.name == name).rsplit(":", 1)
    return (folder / f"{module}.py").read_text(encoding="utf-8").splitlines()[int(line) - 1]


def test_the_class_read_is_the_one_python_made_with_the_modules_line_numbers(tmp_path, monkeypatch):
    module = module_from(
        tmp_path,
        monkeypatch,
        '''
        class Chat(AsyncJsonWebsocketConsumer):  # replaced below, as Python does
            async def receive_json(self, content):
                if content["type"] == "old":
                    await self.send_json({"type": "stale"})


        EXAMPLE = """
        class Chat:
            pass
        """


        class Chat(  # a header over several lines, as formatters write it
            AsyncJsonWebsocketConsumer,
        ):
            greeting = "hi"
        # a comment at the first column, inside the class

            async def receive_json(self, content):
                if content["type"] == "join":
                    await self.send_json({"type": "joined", "room": content["room"]})
        ''',
    )
    assert names(module.Chat) == {("receive", "join"), ("send", "joined")}
    assert 'content["type"] == "join"' in line_of(infer(module.Chat), "join", tmp_path)


def test_a_class_whose_lines_cannot_be_read_alone_is_read_from_the_whole_module(
    tmp_path, monkeypatch
):
    module = module_from(
        tmp_path,
        monkeypatch,
        '''
        class Outer:
            class Nested(AsyncJsonWebsocketConsumer):
                async def receive_json(self, content):
                    if content["type"] == "a":
                        await self.send_json({"type": "b"})


        class Docs(AsyncJsonWebsocketConsumer):
            """A docstring whose lines reach
        the first column."""

            async def receive_json(self, content):
                if content["type"] == "c":
                    await self.send_json({"type": "d"})
        ''',
    )
    assert names(module.Outer.Nested) == {("receive", "a"), ("send", "b")}
    assert names(module.Docs) == {("receive", "c"), ("send", "d")}
    assert 'content["type"] == "c"' in line_of(infer(module.Docs), "c", tmp_path)


def test_layer_messages_from_functions_anywhere_in_the_module(tmp_path, monkeypatch):
    module = module_from(
        tmp_path,
        monkeypatch,
        """
        from channels.layers import get_channel_layer


        async def announce(room):
            layer = get_channel_layer()

            def unrelated():
                return 1

            await layer.group_send(room, {"type": "room.note", "text": "hello", "n": 1})


        class Room(AsyncJsonWebsocketConsumer):
            async def room_note(self, event):
                await self.send_json({"type": "note", "text": event["text"], "n": event["n"]})
        """,
    )
    (note,) = infer(module.Room).messages
    assert note.name == "note"
    assert note.properties["text"] == {"type": "string"}
    assert note.properties["n"] == {"type": "integer"}


def test_inference_keeps_no_syntax_tree_of_the_consumer(tmp_path, monkeypatch):
    """Regression: every parsed module stayed in memory (and in every garbage collection),
    and a cached walk that held its own node kept a tree until the collector ran."""
    module = module_from(
        tmp_path,
        monkeypatch,
        """
        class Remembered(AsyncJsonWebsocketConsumer):
            async def receive_json(self, content):
                if content["type"] == "ping":
                    await self.send_json({"type": "pong"})
        """,
    )
    gc.disable()  # gone as soon as inference is done, not when the collector next runs
    try:
        before = syntax_nodes()
        assert names(module.Remembered) == {("receive", "ping"), ("send", "pong")}
        after = syntax_nodes()
    finally:
        gc.enable()
    assert after == before


def syntax_nodes() -> int:
    """How many syntax tree nodes exist (the type alone: no lazy object is woken)."""
    return sum(1 for o in gc.get_objects() if type(o).__module__ == "ast")


def test_nested_functions_and_deep_expressions_are_read_as_before(tmp_path, monkeypatch):
    deep = " + ".join(['"x"'] * 1500)  # deeper than Python's recursion limit
    module = module_from(
        tmp_path,
        monkeypatch,
        f"""
        class Helper(AsyncJsonWebsocketConsumer):
            async def receive_json(self, content):
                async def reply(text):
                    await self.send_json({{"type": "reply", "text": text}})

                if content["type"] == "ask":
                    await reply(content["question"])

            async def connect(self):
                banner = {deep}
                await self.send_json({{"type": "hello", "banner": banner}})
        """,
    )
    model = infer(module.Helper)
    assert names(module.Helper) == {("receive", "ask"), ("send", "reply"), ("send", "hello")}
    hello = next(m for m in model.messages if m.name == "hello")
    assert "banner" in hello.properties
