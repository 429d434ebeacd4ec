"""Static inference: what a plain Channels consumer receives and sends, read from its AST.

Nothing of the project runs here beyond the import that made the class: the source of the
consumer's own classes (and their modules, for ``group_send`` calls) is parsed and read.
"""

from __future__ import annotations

import ast
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from typing import Any

from .model import BINARY, JSON, TEXT, InferredConsumer, InferredMessage
from .source import (
    ConsumerSource,
    FunctionNode,
    Method,
    ModuleText,
    nested_bodies,
    read_consumer,
)
from .values import Schema, call_name, merge, merge_objects, value_schema

# Where frames arrive, in the order Channels' consumers call them.
RECEIVERS = ("receive_json", "receive", "websocket_receive")
# Fields that carry a request's id back in its replies.
CORRELATION_NAMES = ("request_id", "requestId", "correlation_id", "correlationId", "msg_id")
# When several keys carry literal strings in every frame, the usual discriminators win.
KEY_PREFERENCE = ("type", "action", "event", "kind", "command", "cmd", "op", "method")
HANDLER_PREFIX = "handle_"
CONTENT_TYPES = {"json": JSON, "text": TEXT, "binary": BINARY}
MAX_DEPTH = 4
_NAME = re.compile(r"[^A-Za-z0-9_.\-]+")
# Exact node classes, compared by identity in the hottest tests (trees come from ast.parse).
_Assign, _Call, _Subscript, _Compare = ast.Assign, ast.Call, ast.Subscript, ast.Compare
_Name, _Attribute, _Constant = ast.Name, ast.Attribute, ast.Constant
_Await = ast.Await
_SENDS = ("send_json", "send")
_UNREAD = object()  # a send not read yet (None: read, and no frame)


@dataclass
class Frame:
    """One frame the code sends: its shape and where."""

    kind: str  # "json", "text" or "binary"
    schema: Schema  # an object schema (json) or the whole frame's schema
    method: str
    where: str


@dataclass
class Facts:
    """What one branch of code reads from the frame and sends back to the sender."""

    reads: dict[str, Schema] = field(default_factory=dict)
    required: list[str] = field(default_factory=list)
    sends: list[Frame] = field(default_factory=list)

    def read(self, key: str, schema: Schema, required: bool) -> None:
        self.reads.setdefault(key, schema)
        if required and key not in self.required:
            self.required.append(key)

    def absorb(self, other: Facts) -> None:
        for key, schema in other.reads.items():
            self.read(key, schema, key in other.required)
        self.sends += other.sends


@dataclass
class Branch:
    """One client message the dispatch tells apart."""

    names: list[str]
    key: str | None  # the discriminator key, None for presence/undiscriminated dispatch
    facts: Facts
    method: str
    where: str
    kind: str = "json"


def infer_consumer(consumer: type, default_action_key: str = "action") -> InferredConsumer:
    """Everything the source of ``consumer`` says about its frames."""
    source = read_consumer(consumer)
    return Inference(consumer, source, default_action_key).run()


class Inference:
    """One pass over one consumer's source."""

    def __init__(self, consumer: type, source: ConsumerSource, default_action_key: str) -> None:
        self.consumer = consumer
        self.source = source
        self.default_action_key = default_action_key
        self.used_default_key = False
        self.notes: list[str] = [f"{name}: source not readable" for name in source.unreadable]
        self._frames: dict[ast.Call, Frame | None] = {}
        self._values: dict[tuple[ast.expr, str], Schema] = {}
        self._contexts: dict[str, tuple[dict[str, ast.expr], str | None, Any, Any]] = {}
        self.groups = self.group_messages()

    def run(self) -> InferredConsumer:
        frames = self.sent_frames()
        event_key = choose_event_key(frames)
        events = self.events(frames, event_key)
        branches, action_key = self.branches()
        actions = self.actions(branches, event_key, {e.name for e in events})
        return InferredConsumer(
            consumer=self.consumer,
            action_key=action_key,
            event_key=event_key,
            messages=tuple(actions + events),
            notes=tuple(self.notes),
            uses_default_key=self.used_default_key,
        )

    # -- channel-layer messages ---------------------------------------------------------

    def group_messages(self) -> dict[str, list[Schema]]:
        """``group_send``/``channel_layer.send`` dicts in the consumer's modules, by type."""
        found: dict[str, list[Schema]] = {}
        for module in self.source.modules:
            for kind, schemas in layer_messages(module).items():
                found.setdefault(kind, []).extend(schemas)
        return found

    def group_schema(self, handler: str) -> Schema | None:
        """The merged shape of the channel-layer messages that ``handler`` receives."""
        schemas = [s for t, ss in self.groups.items() if t.replace(".", "_") == handler for s in ss]
        if not schemas:
            return None
        out = schemas[0]
        for other in schemas[1:]:
            out = merge_objects(out, other)
        return out

    # -- server → client ----------------------------------------------------------------

    def sent_frames(self) -> list[Frame]:
        frames: list[Frame] = []
        for method in self.source.methods.values():
            frames += self.frames_of(method, calls_in(method.node))
        if not any(module.mentions_layer for module in self.source.modules):
            return frames  # no channel layer call in the source
        for method in self.source.methods.values():
            # {"type": "send_json", ...} to a group: Channels' own send_json gets the whole
            # message as the frame. Only the consumer's own calls: the module's other
            # consumers may never join that group.
            for node in calls_in(method.node):
                message = layer_message(node)
                if message is None:
                    continue
                schema = value_schema(resolve_name(message, local_values(method.node)))
                if schema.get("properties", {}).get("type", {}).get("const") == "send_json":
                    frames.append(Frame("json", schema, method.name, method.where(node)))
        return frames

    def sends_in(self, method: Method, body: list[ast.stmt]) -> list[Frame]:
        """Frames sent by ``self.send_json`` / ``self.send`` in these statements."""
        calls = [n for n in walk(method.node, body) if isinstance(n, ast.Call)]
        return self.frames_of(method, calls)

    def frames_of(self, method: Method, calls: Sequence[ast.Call]) -> list[Frame]:
        frames: list[Frame] = []
        known: dict[ast.Call, Any] = self._frames
        for call in calls:
            func: Any = call.func  # is_self_call(call, ("send_json", "send")), inlined
            if func.__class__ is not _Attribute or func.attr not in _SENDS:
                continue
            holder = func.value
            if holder.__class__ is not _Name or holder.id != "self":
                continue
            frame = known.get(call, _UNREAD)
            if frame is _UNREAD:  # a call is read once, whichever branch reaches it
                env, event_param, group, resolver = self.context(method)
                frame = known[call] = self.frame(call, method, env, event_param, group, resolver)
            if frame is not None:
                frames.append(frame)
        return frames

    def context(self, method: Method) -> tuple[dict[str, ast.expr], str | None, Any, Any]:
        """What a method's sends are read with: its locals and the layer message it gets."""
        found = self._contexts.get(method.name)
        if found is None:
            env = local_values(method.node)
            group = self.group_schema(method.name)
            event_param = method.params[0] if method.params and group is not None else None
            found = (env, event_param, group, make_resolver(env, event_param, group))
            self._contexts[method.name] = found
        return found

    def frame(
        self,
        call: ast.Call,
        method: Method,
        env: dict[str, ast.expr],
        event_param: str | None,
        group: Schema | None,
        resolver: Any,
    ) -> Frame | None:
        where = method.where(call)
        attr = call.func.attr  # type: ignore[attr-defined]
        if attr == "send_json":
            arg = first_arg(call, "content")
            kind = "json"
        else:
            arg = keyword(call, "text_data")
            kind = "text"
            if arg is None and call.args:
                arg = call.args[0]
            raw = raw_send(resolve_name(arg, env)) if arg is not None else None
            if raw is not None:  # AsyncConsumer.send({"type": "websocket.send", ...})
                arg = raw.get("text")
                if arg is None and "bytes" in raw:
                    return Frame(
                        "binary", {"type": "string", "format": "binary"}, method.name, where
                    )
            binary = keyword(call, "bytes_data")
            if arg is None and binary is not None:
                return Frame("binary", {"type": "string", "format": "binary"}, method.name, where)
            if arg is not None and call_name_is(arg, "dumps"):
                arg = arg.args[0] if isinstance(arg, ast.Call) and arg.args else None
                kind = "json"
        if arg is None:
            return None
        if isinstance(arg, ast.Name) and arg.id == event_param and group is not None:
            return Frame("json", group, method.name, where)  # forwards the layer message
        value = resolve_name(arg, env)
        schema = self._values.get((value, method.name))
        if schema is None:  # a value sent by several calls (one ``reply`` name) is read once
            schema = self._values[value, method.name] = value_schema(value, resolver)
        if kind == "text":
            if schema.get("type") == "string":
                return Frame("text", schema, method.name, where)
            return None
        if schema.get("type") == "array":
            return Frame("json", schema, method.name, where)  # send_json([...])
        if schema.get("type") != "object" or "properties" not in schema:
            self.notes.append(
                f"{self.consumer.__name__}.{method.name} sends a frame whose shape is not "
                f"in the source ({where}); document it with @document_event."
            )
            return None
        return Frame("json", schema, method.name, where)

    def events(self, frames: list[Frame], key: str | None) -> list[InferredMessage]:
        merged: dict[str, InferredMessage] = {}
        for frame in frames:
            name = frame_name(frame, key)
            if name is None:
                self.notes.append(
                    f"{self.consumer.__name__}.{frame.method} sends a frame whose "
                    f"{key!r} is not a literal ({frame.where}); left out."
                )
                continue
            message = frame_message(frame, name, key)
            if name in merged:
                message = merge_messages(merged[name], message)
            merged[name] = message
        return list(merged.values())

    # -- client → server ----------------------------------------------------------------

    def branches(self) -> tuple[list[Branch], str | None]:
        receiver = next(
            (self.source.methods[n] for n in RECEIVERS if n in self.source.methods), None
        )
        if receiver is None:
            return self.handler_methods(HANDLER_PREFIX, ""), None
        dispatch = Dispatch(self, receiver)
        branches = dispatch.run()
        keys = Counter(b.key for b in branches if b.key is not None and b.kind == "json")
        key = keys.most_common(1)[0][0] if keys else None
        if key is None and dispatch.prefix_dispatch:
            key = dispatch.prefix_key
        return branches, key

    def handler_methods(self, prefix: str, suffix: str, key: str | None = None) -> list[Branch]:
        """Methods named ``<prefix><action><suffix>``, each one client action."""
        branches = []
        for name, method in self.source.methods.items():
            if not (name.startswith(prefix) and name.endswith(suffix)) or not prefix + suffix:
                continue
            action = name[len(prefix) : len(name) - len(suffix)]
            if not action:
                continue
            content = method.params[:1]
            facts = self.follow(method, set(content), 0)
            branches.append(Branch([action], key, facts, name, method.where()))
        if branches and key is None and prefix == HANDLER_PREFIX:
            self.used_default_key = True
            for branch in branches:  # the project's own dispatcher, out of sight
                branch.key = self.default_action_key
        return branches

    def follow(self, method: Method, content: set[str], depth: int) -> Facts:
        """Reads and direct sends of ``method``, following calls to other methods of self."""
        facts = Facts()
        self.facts_in(method, method.node.body, content, depth, facts)
        return facts

    def facts_in(
        self, method: Method, body: list[ast.stmt], content: set[str], depth: int, facts: Facts
    ) -> None:
        calls: list[ast.Call] = []
        reads, required = facts.reads, facts.required
        copied = False  # the caller's set, copied before the first alias is added to it
        for node in walk(method.node, body):  # one pass: ``data = content`` comes first
            kind = node.__class__  # trees come from ast.parse: exact classes, no subclasses
            if kind is _Assign:  # never a read itself
                if is_alias(node, content):  # type: ignore[arg-type]
                    if not copied:
                        content, copied = set(content), True
                    content.add(node.targets[0].id)  # type: ignore[attr-defined]
                continue
            if kind is _Call:
                calls.append(node)  # type: ignore[arg-type]
            read = content_read(node, content)
            if read is not None:  # Facts.read, inlined: one call per read node
                key = read[0]
                if key not in reads:
                    reads[key] = read[1]
                if read[2] and key not in required:
                    required.append(key)
        facts.sends += self.frames_of(method, calls)
        if depth >= MAX_DEPTH:
            return
        methods = self.source.methods
        for node in calls:
            callee = self_method(node, methods)
            if callee is None or callee.name in RECEIVERS:
                continue
            passed = passed_content(node, callee, content)
            facts.absorb(self.follow(callee, passed, depth + 1))

    def actions(
        self, branches: list[Branch], event_key: str | None, events: set[str]
    ) -> list[InferredMessage]:
        merged: dict[str, InferredMessage] = {}
        for branch in branches:
            for name in branch.names:
                message = self.action(branch, name, event_key, events)
                if name in merged:
                    message = merge_messages(merged[name], message)
                merged[name] = message
        return list(merged.values())

    def action(
        self, branch: Branch, name: str, event_key: str | None, events: set[str]
    ) -> InferredMessage:
        if branch.kind != "json":
            schema = (
                {"type": "string", "const": name}
                if branch.kind == "text" and branch.key == "=text"
                else {"type": "string"}
            )
            if branch.kind == "binary":
                schema = {"type": "string", "format": "binary"}
            return InferredMessage(
                name=name,
                direction="receive",
                content_type=TEXT if branch.kind == "text" else BINARY,
                method=branch.method,
                source=branch.where,
                schema=schema,
                replies=replies(branch.facts.sends, event_key, events),
            )
        # The branch's own key: a frame told apart by a field's presence carries no
        # discriminator, even when the consumer's other frames do.
        disc = branch.key
        props = {k: v for k, v in branch.facts.reads.items() if k != disc}
        required = [r for r in branch.facts.required if r != disc]
        if disc is not None:
            props = {disc: {"type": "string", "const": name}, **props}
            required = [disc, *required]
        answers = replies(branch.facts.sends, event_key, events)
        return InferredMessage(
            name=name,
            direction="receive",
            properties=props,
            required=tuple(required),
            discriminator=disc,
            method=branch.method,
            source=branch.where,
            replies=answers,
            correlation_id=correlation(props, branch.facts.sends),
        )


class Dispatch:
    """The client messages a receive method tells apart, and how."""

    def __init__(self, inference: Inference, method: Method) -> None:
        self.inference = inference
        self.method = method
        self.content: set[str] = set()
        self.text: set[str] = set()
        self.binary: set[str] = set()
        self.disc: dict[str, str] = {}  # local name -> the content key it holds
        self.branches: list[Branch] = []
        self.prefix_dispatch = False
        self.prefix_key: str | None = None

    def run(self) -> list[Branch]:
        self.bind_parameters()
        body = self.method.node.body
        lookups: list[ast.AST] = []  # table lookups and getattr calls, read once names are known
        for node in walk(self.method.node, body):  # one pass: assignments before uses
            if node.__class__ is _Assign:
                self.bind(node)
            elif is_lookup(node):
                lookups.append(node)
        self.statements(body)
        self.tables(lookups)
        self.getattr_dispatch(lookups)
        if not self.branches:
            self.single_message(body)
        self.add_shared_reads(body)
        return self.branches

    def bind_parameters(self) -> None:
        params = self.method.params
        name = self.method.name
        if name == "receive_json" and params:
            self.content.add(params[0])
        elif name == "receive":
            self.text.add(params[0] if params else "text_data")
            self.binary.add(params[1] if len(params) > 1 else "bytes_data")
        elif name == "websocket_receive" and params:
            self.text.add(f"{params[0]}[text]")
            self.binary.add(f"{params[0]}[bytes]")

    def bind(self, node: ast.Assign) -> None:
        """What a local name holds: the frame, its text, or the value of a content key."""
        target = node.targets[0]
        if target.__class__ is not _Name or len(node.targets) != 1:
            return
        value: Any = node.value
        kind = value.__class__
        if kind is _Name and value.id in self.content:
            self.content.add(target.id)  # data = content
        elif kind is _Call and call_name(value) == "loads":
            self.content.add(target.id)
        elif self.text and self.text_expr(value):
            self.text.add(target.id)
        else:
            key = self.key_of(value)
            if key is not None:
                self.disc[target.id] = key

    def text_expr(self, node: ast.expr) -> bool:
        """``text_data``, or ``message["text"]`` / ``message.get("text")`` in websocket_receive."""
        if isinstance(node, ast.Name):
            return node.id in self.text
        if not self.text:
            return False  # receive_json: no text frame
        key = subscript_key(node) or get_key(node)
        holder = node.value if isinstance(node, ast.Subscript) else getattr(node, "func", None)
        if isinstance(holder, ast.Attribute):
            holder = holder.value
        return isinstance(holder, ast.Name) and f"{holder.id}[{key}]" in self.text

    def key_of(self, node: ast.expr) -> str | None:
        """The content key an expression reads (``content["type"]``, ``.get("type")``)."""
        if isinstance(node, ast.Name):
            return self.disc.get(node.id)
        read = content_read(node, self.content)
        return read[0] if read is not None else None

    # -- if/elif and match --------------------------------------------------------------

    def statements(self, body: list[ast.stmt]) -> None:
        for stmt in body:
            if isinstance(stmt, ast.If):
                self.if_chain(stmt)
            elif isinstance(stmt, ast.Match):
                self.match(stmt)
            else:
                for inner in nested_bodies(stmt):
                    self.statements(inner)

    def if_chain(self, stmt: ast.If) -> None:
        test = self.test(stmt.test)
        if test is None:
            self.statements(stmt.body)
        else:
            names, key, kind = test
            self.add(names, key, stmt.body, stmt, kind)
        orelse = stmt.orelse
        if len(orelse) == 1 and isinstance(orelse[0], ast.If):
            self.if_chain(orelse[0])
        else:
            self.statements(orelse)

    def test(self, node: ast.expr) -> tuple[list[str], str | None, str] | None:
        """(names, key, kind) when ``node`` tells one client message from the others."""
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            parts = [self.test(v) for v in node.values]
            if all(parts) and len({p[1] for p in parts if p}) == 1:
                names = [n for p in parts if p for n in p[0]]
                return names, parts[0][1], parts[0][2]  # type: ignore[index]
            return None
        if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
            return next((t for t in map(self.test, node.values) if t), None)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            return self.compare(node.left, node.ops[0], node.comparators[0])
        read = content_read(node, self.content)
        if read is not None:  # if content.get("importance"):
            return [read[0]], None, "json"
        if isinstance(node, ast.Name) and node.id in self.binary | self.text:
            return (["binary"], None, "binary") if node.id in self.binary else None
        return None

    def compare(
        self, left: ast.expr, op: ast.cmpop, right: ast.expr
    ) -> tuple[list[str], str | None, str] | None:
        if isinstance(op, ast.Eq):
            for a, b in ((left, right), (right, left)):
                value = string(b)
                if value is None:
                    continue
                key = self.key_of(a)
                if key is not None:
                    return [value], key, "json"
                if self.text_expr(a):
                    return [value], "=text", "text"
        if isinstance(op, ast.In):
            values = strings(right)
            key = self.key_of(left)
            if values and key is not None:
                return values, key, "json"
            if values and self.text_expr(left):
                return values, "=text", "text"
            name = string(left)
            if name is not None and isinstance(right, ast.Name) and right.id in self.content:
                return [name], None, "json"  # if "importance" in content:
        if isinstance(op, ast.IsNot) and isinstance(right, ast.Constant) and right.value is None:
            read = content_read(left, self.content)
            if read is not None:
                return [read[0]], None, "json"
        return None

    def match(self, stmt: ast.Match) -> None:
        key = self.key_of(stmt.subject)
        whole = isinstance(stmt.subject, ast.Name) and stmt.subject.id in self.content
        for case in stmt.cases:
            if key is not None:
                names = pattern_strings(case.pattern)
                if names:
                    self.add(names, key, case.body, case.pattern, "json")
            elif whole and isinstance(case.pattern, ast.MatchMapping):
                self.mapping_case(case)
            else:
                self.statements(case.body)

    def mapping_case(self, case: ast.match_case) -> None:
        pattern = case.pattern
        assert isinstance(pattern, ast.MatchMapping)
        key = name = None
        captured: dict[str, Schema] = {}
        for k, p in zip(pattern.keys, pattern.patterns, strict=True):
            field_name = string(k)
            if field_name is None:
                return
            values = pattern_strings(p)
            if values and key is None:
                key, name = field_name, values
            else:
                captured[field_name] = {}
        if key is None:  # case {"importance": x}: presence dispatch
            if not captured:
                return
            name = [next(iter(captured))]
        facts = Facts()
        for field_key, schema in captured.items():
            facts.read(field_key, schema, True)
        self.add(name or [], key, case.body, pattern, "json", facts)

    def add(
        self,
        names: list[str],
        key: str | None,
        body: list[ast.stmt],
        node: ast.AST,
        kind: str,
        facts: Facts | None = None,
    ) -> None:
        facts = facts or Facts()
        if kind == "json":
            if key is None:
                facts.read(names[0], {}, True)
            self.inference.facts_in(self.method, body, self.content, 0, facts)
        else:
            facts.sends += self.inference.sends_in(self.method, body)
            for node_ in walk(self.method.node, body):
                if isinstance(node_, ast.Call):
                    callee = self_method(node_, self.inference.source.methods)
                    if callee is not None:
                        facts.absorb(self.inference.follow(callee, set(), 1))
        self.branches.append(
            Branch(names, key, facts, self.method.name, self.method.where(node), kind)
        )

    # -- tables and getattr -------------------------------------------------------------

    def tables(self, nodes: list[ast.AST]) -> None:
        """``{"join": self.join, ...}[content["type"]]`` and ``handlers.get(action)``."""
        for node in nodes:
            table, key = self.table_lookup(node)
            if table is None or key is None:
                continue
            for name, target in table_entries(table, self.inference.source.methods):
                facts = self.inference.follow(target, set(target.params[:1]), 1)
                self.branches.append(Branch([name], key, facts, target.name, target.where()))

    def table_lookup(self, node: ast.AST) -> tuple[ast.Dict | None, str | None]:
        index: ast.expr | None = None
        holder: ast.expr | None = None
        if isinstance(node, ast.Subscript):
            holder, index = node.value, node.slice
        elif get_key(node) is not None or (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get"
            and node.args
        ):
            holder, index = node.func.value, node.args[0]  # type: ignore[attr-defined]
        if holder is None or index is None:
            return None, None
        key = self.key_of(index)
        return (self.table(holder), key) if key is not None else (None, None)

    def table(self, holder: ast.expr) -> ast.Dict | None:
        if isinstance(holder, ast.Dict):
            return holder
        name = holder.id if isinstance(holder, ast.Name) else None
        if isinstance(holder, ast.Attribute) and isinstance(holder.value, ast.Name):
            name = holder.attr if holder.value.id in ("self", "cls") else None
        if name is None:
            return None
        found = local_values(self.method.node).get(name)
        if found is None:
            found = self.inference.source.class_values.get(name)
        if found is None:
            found = self_attributes(self.inference.source).get(name)
        if found is None:
            found = module_values(self.inference.source).get(name)
        return found if isinstance(found, ast.Dict) else None

    def getattr_dispatch(self, nodes: list[ast.AST]) -> None:
        """``getattr(self, f"handle_{action}")``: every method with that prefix is an action."""
        for node in nodes:
            if not (isinstance(node, ast.Call) and call_name_is(node, "getattr")):
                continue
            if len(node.args) < 2 or not is_name(node.args[0], "self"):
                continue
            parts = self.name_parts(node.args[1])
            if parts is None:
                continue
            prefix, key, suffix = parts
            self.prefix_dispatch, self.prefix_key = True, key
            self.branches += self.inference.handler_methods(prefix, suffix, key)

    def name_parts(self, node: ast.expr) -> tuple[str, str, str] | None:
        """(prefix, key, suffix) of ``f"handle_{action}"`` or ``"handle_" + action``."""
        pieces: list[ast.expr] = []
        if isinstance(node, ast.JoinedStr):
            pieces = [v.value if isinstance(v, ast.FormattedValue) else v for v in node.values]
        elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            pieces = [node.left, node.right]
        consts = [string(p) for p in pieces]
        holes = [p for p, c in zip(pieces, consts, strict=True) if c is None]
        if len(holes) != 1:
            return None
        hole = holes[0]
        if isinstance(hole, ast.Call) and isinstance(hole.func, ast.Attribute):
            hole = hole.func.value  # action.replace(".", "_")
        key = self.key_of(hole)
        if key is None:
            return None
        at = pieces.index(holes[0])
        prefix = "".join(c or "" for c in consts[:at])
        suffix = "".join(c or "" for c in consts[at + 1 :])
        return prefix, key, suffix

    # -- one message, and reads shared by all ----------------------------------------------

    def single_message(self, body: list[ast.stmt]) -> None:
        facts = Facts()
        if self.content:
            self.inference.facts_in(self.method, body, self.content, 0, facts)
            if facts.reads:
                self.branches.append(
                    Branch(["message"], None, facts, self.method.name, self.method.where())
                )
            return
        uses = {n.id for stmt in body for n in ast.walk(stmt) if isinstance(n, ast.Name)}
        if uses & self.text:
            facts.sends += self.inference.sends_in(self.method, body)
            self.branches.append(
                Branch(["text"], None, facts, self.method.name, self.method.where(), "text")
            )

    def add_shared_reads(self, body: list[ast.stmt]) -> None:
        shared = Facts()
        for stmt in body:
            if isinstance(stmt, ast.Assign | ast.AnnAssign | ast.Expr):
                for node in walk(self.method.node, [stmt]):
                    read = content_read(node, self.content)
                    if read is not None:
                        shared.read(read[0], read[1], False)
        for branch in self.branches:
            if branch.kind != "json":
                continue
            for key, schema in shared.reads.items():
                if key != branch.key:
                    branch.facts.read(key, schema, False)


# -- small AST helpers ----------------------------------------------------------------------


def walk(func: FunctionNode, body: Sequence[ast.stmt]) -> Sequence[ast.AST]:
    """The nodes inference reads (assignments, calls, subscripts, comparisons) in these
    statements of ``func``, in source order, not entering nested functions or classes."""
    if not body:
        return ()
    index = func.__dict__.get(_INDEX) or _index(func)
    if index[1]:
        first, last = index[1].get(id(body[0])), index[1].get(id(body[-1]))
        if first is not None and last is not None:
            return index[0][first[0] : last[1]]
    out: list[ast.AST] = []
    for stmt in body:
        if (_INFO.get(stmt.__class__) or _class_info(stmt.__class__))[2]:
            out.append(stmt)
        out += below(stmt)
    return out


# (child fields, is a statement, is telling, is walked into, is a scope), per node class.
_NodeInfo = tuple[tuple[str, ...], bool, bool, bool, bool]


def _index(func: FunctionNode) -> tuple[tuple[ast.AST, ...], dict[int, tuple[int, int]]]:
    """The telling nodes of a whole function in one pass, and each statement's span in it.

    A body's walk is then one slice, whatever the body (a branch, one statement). Spans
    are keyed by the statement's id, never the statement itself: the function's entry would
    hold its own statements, a reference cycle. A function with a nested function or class
    (or nested too deep to visit recursively) gets no spans: its bodies are walked statement
    by statement, as they always were.
    """
    telling: list[ast.AST] = []
    spans: dict[int, tuple[int, int]] = {}
    nested = False
    try:
        for stmt in func.body:
            info = _NODES.get(stmt.__class__) or _node_info(stmt.__class__)
            nested = _visit(stmt, info, telling, spans) or nested or info[4]
    except RecursionError:
        nested = True
    index = (tuple(telling), {} if nested else spans)
    func.__dict__[_INDEX] = index
    return index


def _visit(
    node: ast.AST, info: _NodeInfo, telling: list[ast.AST], spans: dict[int, tuple[int, int]]
) -> bool:
    """Adds the telling nodes of ``node`` and under it; True when a nested scope was met."""
    fields, statement, reads, _, _ = info
    nested = False
    start = len(telling) if statement else 0
    if reads:
        telling.append(node)
    for name in fields:  # ast.iter_child_nodes, without its generator and scalar fields
        value = getattr(node, name, None)
        if value is None:
            continue
        for child in value if value.__class__ is list else (value,):
            kind = child.__class__
            if kind is _Await:  # ``await x``: nothing of its own, straight to ``x``
                child = child.value
                kind = child.__class__
            # Names, constants and ``self.x`` (half the nodes) hold nothing telling.
            if kind is _Name or kind is _Constant:
                continue
            if kind is _Attribute and child.value.__class__ is _Name:
                continue
            child_info = _NODES.get(kind) or _node_info(kind)
            if child_info[3]:
                nested = _visit(child, child_info, telling, spans) or nested
            elif child_info[4]:
                nested = True
    if statement:
        spans[id(node)] = (start, len(telling))
    return nested


def _node_info(cls: type) -> _NodeInfo:
    """(child fields, is a statement, is telling, is walked into, is a scope) of a class."""
    fields, statement, reads = _INFO.get(cls) or _class_info(cls)
    _NODES[cls] = info = (fields, statement, reads, _PUSHED[cls], cls in _SCOPE_CLASSES)
    return info


_NODES: dict[type, _NodeInfo] = {}


_TELLING = (ast.Assign, ast.Call, ast.Subscript, ast.Compare)
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
_LEAVES = (ast.Name, ast.Constant)  # never telling, never holding anything


def below(node: ast.AST) -> tuple[ast.AST, ...]:
    """The telling nodes under ``node`` (not itself), in source order.

    Cached on the node, so the cache goes with the tree: each body is read often. Never
    the node itself: a node holding itself would be a reference cycle, and its tree would
    wait for the garbage collector instead of going when inference is done with it.
    Nested statements come from their own cached entry, so a long ``if``/``elif`` chain
    (each ``elif`` nested in the previous ``else``) is traversed once, not once per level.
    """
    cached: tuple[ast.AST, ...] | None = node.__dict__.get(_BELOW)
    if cached is not None:
        return cached
    telling: list[ast.AST] = []
    stack = [node]
    while stack:
        current = stack.pop()
        fields, statement, reads = _INFO.get(current.__class__) or _class_info(current.__class__)
        if reads and current is not node:
            telling.append(current)
        if statement and current is not node:
            telling += below(current)
            continue
        children: list[Any] = []
        for name in fields:  # ast.iter_child_nodes, without its generator and scalar fields
            value = getattr(current, name, None)
            if value.__class__ is list:
                children += value
            elif value is not None:
                children.append(value)
        for child in reversed(children):
            push = _PUSHED.get(child.__class__)
            if push or (push is None and _pushed(child)):
                stack.append(child)
    found = node.__dict__[_BELOW] = tuple(telling)
    return found


# Per-node caches live in the node's own attributes, never in a module-level cache that
# would keep every tree (and give the garbage collector all of them to scan).
_BELOW, _CALLS, _LOCALS = "_spectacular_below", "_spectacular_calls", "_spectacular_locals"
_INDEX = "_spectacular_index"


# Fields that never hold a node inference reads (names, operators, Load/Store contexts):
# about half of all nodes are leaves, and skipping their fields makes the walk cheap.
_SCALAR_FIELDS = frozenset(
    {"ctx", "id", "arg", "attr", "name", "names", "module", "level", "kind", "op", "ops"}
    | {"type_comment", "type_ignores", "is_async", "conversion", "simple", "rest", "tag"}
)
_KEPT: tuple[type[ast.AST], ...] = (ast.expr, ast.stmt, ast.keyword, ast.comprehension)
_KEPT += (ast.arguments, ast.arg, ast.match_case, ast.pattern, ast.withitem, ast.excepthandler)
_SKIPPED = (*_SCOPES, *_LEAVES)
_SCOPE_CLASSES = frozenset(_SCOPES)
# Per node class, decided once (a dict lookup beats isinstance against tuples of classes):
# (fields holding children, is a statement, is telling); and the classes walked into.
_INFO: dict[type, tuple[tuple[str, ...], bool, bool]] = {}
_PUSHED: dict[type, bool] = {}


def _pushed(node: Any) -> bool:
    """True when the walk goes into ``node`` (its class seen for the first time here)."""
    _class_info(node.__class__)
    return _PUSHED[node.__class__]


def _class_info(cls: type) -> tuple[tuple[str, ...], bool, bool]:
    info = _INFO.get(cls)
    if info is None:
        fields: tuple[str, ...] = ()
        if cls is not ast.Constant:
            fields = tuple(f for f in getattr(cls, "_fields", ()) if f not in _SCALAR_FIELDS)
        info = _INFO[cls] = (fields, issubclass(cls, ast.stmt), issubclass(cls, _TELLING))
        _PUSHED[cls] = issubclass(cls, _KEPT) and not issubclass(cls, _SKIPPED)
    return info


def layer_messages(module: ModuleText) -> dict[str, list[Schema]]:
    """The channel-layer messages a module sends, by type (kept: modules are shared)."""
    if module.layer is None:
        module.layer = _layer_messages(module)
    found: dict[str, list[Schema]] = module.layer
    return found


def _layer_messages(module: ModuleText) -> dict[str, list[Schema]]:
    found: dict[str, list[Schema]] = {}
    if not module.mentions_layer:  # no channel layer call anywhere: nothing to parse
        return found
    for func in module.layer_functions():
        for node in calls_in(func):
            message = layer_message(node)
            if message is None:
                continue
            schema = value_schema(resolve_name(message, local_values(func)))
            kind = schema.get("properties", {}).get("type", {}).get("const")
            if isinstance(kind, str):
                found.setdefault(kind, []).append(schema)
    return found


def calls_in(func: ast.FunctionDef | ast.AsyncFunctionDef) -> tuple[ast.Call, ...]:
    """The calls in a function's body, in source order (cached: read by several passes)."""
    found: tuple[ast.Call, ...] | None = func.__dict__.get(_CALLS)
    if found is None:
        found = _read_function(func)[0]
    return found


_POSITION = itemgetter(0)  # of a Locals history entry: (line, column)


class Locals(dict[str, ast.expr]):
    """A function's ``name = <expr>`` assignments: the first per name, and every one in order."""

    def __init__(self) -> None:
        super().__init__()
        self.history: dict[str, list[tuple[tuple[int, int], ast.expr]]] = {}

    def at(self, use: ast.Name) -> ast.expr | None:
        """What ``use`` reads: the last assignment before it, as in one branch of a dispatch."""
        history = self.history.get(use.id)
        if history is None or len(history) == 1:
            return self.get(use.id)
        # By bisection: a dispatch assigns its reply name once per branch, each branch reads it.
        before = bisect_left(history, (use.lineno, use.col_offset), key=_POSITION)
        return history[before - 1 if before else 0][1]  # read before any (a loop): the first


def local_values(func: ast.FunctionDef | ast.AsyncFunctionDef) -> Locals:
    """``name = <expr>`` assignments in a function."""
    env: Locals | None = func.__dict__.get(_LOCALS)
    if env is None:
        env = _read_function(func)[1]
    return env


def _read_function(func: FunctionNode) -> tuple[tuple[ast.Call, ...], Locals]:
    """A function's calls and local assignments, found in one pass (both cached)."""
    calls: list[ast.Call] = []
    env = Locals()
    history = env.history
    for node in walk(func, func.body):
        kind = node.__class__
        if kind is _Call:
            calls.append(node)  # type: ignore[arg-type]
        elif kind is _Assign:
            targets = node.targets  # type: ignore[attr-defined]
            if len(targets) == 1 and targets[0].__class__ is _Name:
                name, value = targets[0].id, node.value  # type: ignore[attr-defined]
                env.setdefault(name, value)  # the first wins
                entry = ((node.lineno, node.col_offset), value)  # type: ignore[attr-defined]
                history.setdefault(name, []).append(entry)
    for entries in history.values():
        if len(entries) > 1:
            entries.sort(key=_POSITION)  # source order, whatever the walk's order
    found = (tuple(calls), env)
    func.__dict__[_CALLS], func.__dict__[_LOCALS] = found
    return found


def self_attributes(source: ConsumerSource) -> dict[str, ast.expr]:
    """``self.name = <expr>`` assignments in any method."""
    env: dict[str, ast.expr] = {}
    for method in source.methods.values():
        for node in walk(method.node, method.node.body):
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target = node.targets[0]
                if isinstance(target, ast.Attribute) and is_name(target.value, "self"):
                    env.setdefault(target.attr, node.value)
    return env


def module_values(source: ConsumerSource) -> dict[str, ast.expr]:
    env: dict[str, ast.expr] = {}
    for module in source.modules:
        for name, value in module.values().items():
            env.setdefault(name, value)
    return env


def resolve_name(node: ast.expr, env: dict[str, ast.expr]) -> ast.expr:
    """A local name's assigned value (one step), else the node itself."""
    if node.__class__ is _Name and node.id in env:
        found = env.at(node) if env.__class__ is Locals else env[node.id]
        return node if found is None else found
    return node


def make_resolver(env: dict[str, ast.expr], event_param: str | None, group: Schema | None) -> Any:
    """Types for ``event["text"]`` (from the layer message) and for local literal names."""
    props = (group or {}).get("properties", {})

    def resolve(node: ast.expr) -> Schema | None:
        if event_param is not None:
            key = subscript_key(node) if isinstance(node, ast.Subscript) else get_key(node)
            holder = node.value if isinstance(node, ast.Subscript) else None
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                holder = node.func.value
            if key is not None and is_name(holder, event_param):
                found = dict(props.get(key, {}))
                found.pop("const", None)  # another sender may send another value
                return found
        if node.__class__ is _Name and node.id in env:
            value = resolve_name(node, env)
            if value.__class__ in _LITERALS:
                return value_schema(value)
        return None

    return resolve


_LITERALS = frozenset({ast.Constant, ast.JoinedStr, ast.Dict, ast.List})


def is_alias(node: ast.Assign, content: set[str]) -> bool:
    """``data = content``: a second name for the frame."""
    value = node.value
    return (
        value.__class__ is _Name
        and value.id in content
        and len(node.targets) == 1
        and node.targets[0].__class__ is _Name
    )


def content_read(node: ast.AST, content: set[str]) -> tuple[str, Schema, bool] | None:
    """(key, schema, required) for ``content["k"]``, ``content.get("k", d)``, ``"k" in content``."""
    # Read for every node of a body: the cheapest test that rules a node out comes first.
    kind = node.__class__
    if kind is _Subscript:
        holder = node.value  # type: ignore[attr-defined]
        if holder.__class__ is _Name and holder.id in content:
            key = string(node.slice)  # type: ignore[attr-defined]
            if key is not None:
                return key, {}, True
        return None
    if kind is _Call:
        func = node.func  # type: ignore[attr-defined]
        args = node.args  # type: ignore[attr-defined]
        if not (func.__class__ is _Attribute and func.attr == "get" and args):
            return None
        holder = func.value
        if holder.__class__ is not _Name or holder.id not in content:
            return None
        key = string(args[0])
        if key is not None:
            schema = value_schema(args[1]) if len(args) > 1 else {}
            schema.pop("const", None)
            if schema.get("type") == "null":
                schema = {}
            return key, schema, False
        return None
    if kind is _Compare and len(node.ops) == 1 and node.ops[0].__class__ is ast.In:  # type: ignore[attr-defined]
        key = string(node.left)  # type: ignore[attr-defined]
        right = node.comparators[0]  # type: ignore[attr-defined]
        if key is not None and right.__class__ is _Name and right.id in content:
            return key, {}, False
    return None


def is_lookup(node: ast.AST) -> bool:
    """``table[name]``, ``table.get(name)`` (by a name, not a literal) or ``getattr(...)``."""
    kind = node.__class__
    if kind is _Subscript:
        # table["join"]: no dispatch
        return node.slice.__class__ is not _Constant  # type: ignore[attr-defined]
    if kind is not _Call:
        return False
    func = node.func  # type: ignore[attr-defined]
    if func.__class__ is _Name:
        return func.id == "getattr"
    if func.__class__ is not _Attribute:
        return False
    if func.attr == "getattr":
        return True
    args = node.args  # type: ignore[attr-defined]
    return func.attr == "get" and bool(args) and args[0].__class__ is not _Constant


def subscript_key(node: ast.AST) -> str | None:
    return string(node.slice) if isinstance(node, ast.Subscript) else None


def get_key(node: ast.AST) -> str | None:
    is_get = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    if is_get and node.func.attr == "get" and node.args:  # type: ignore[attr-defined]
        return string(node.args[0])  # type: ignore[attr-defined]
    return None


def string(node: ast.AST | None) -> str | None:
    if node.__class__ is _Constant and node.value.__class__ is str:
        return node.value
    return None


def strings(node: ast.AST) -> list[str]:
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        values = [string(e) for e in node.elts]
        return [v for v in values if v is not None] if all(values) else []
    return []


def pattern_strings(pattern: ast.pattern) -> list[str]:
    if isinstance(pattern, ast.MatchValue):
        value = string(pattern.value)
        return [value] if value is not None else []
    if isinstance(pattern, ast.MatchOr):
        return [v for p in pattern.patterns for v in pattern_strings(p)]
    if isinstance(pattern, ast.MatchAs) and pattern.pattern is not None:
        return pattern_strings(pattern.pattern)
    return []


def is_name(node: ast.AST | None, name: str) -> bool:
    return node.__class__ is _Name and node.id == name


def call_name_is(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Call) and call_name(node) == name


def is_self_call(node: ast.Call, names: tuple[str, ...]) -> bool:
    func = node.func
    if func.__class__ is not _Attribute or func.attr not in names:
        return False
    holder = func.value
    return holder.__class__ is _Name and holder.id == "self"


def first_arg(call: ast.Call, name: str) -> ast.expr | None:
    return call.args[0] if call.args else keyword(call, name)


def keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def self_method(node: ast.Call, methods: dict[str, Method]) -> Method | None:
    func = node.func
    if func.__class__ is _Attribute:
        holder = func.value
        if holder.__class__ is _Name and holder.id == "self":
            return methods.get(func.attr)
    return None


def passed_content(call: ast.Call, callee: Method, content: set[str]) -> set[str]:
    """The callee's parameters that receive the frame."""
    passed = set()
    params = callee.params
    for i, arg in enumerate(call.args):
        if isinstance(arg, ast.Name) and arg.id in content and i < len(params):
            passed.add(params[i])
    for kw in call.keywords:
        if isinstance(kw.value, ast.Name) and kw.value.id in content and kw.arg:
            passed.add(kw.arg)
    return passed


def layer_message(node: ast.AST) -> ast.expr | None:
    """The message of ``channel_layer.group_send(group, {...})`` (also via async_to_sync)."""
    if not isinstance(node, ast.Call):
        return None
    func: ast.expr = node.func
    if isinstance(func, ast.Call) and call_name_is(func, "async_to_sync") and func.args:
        func = func.args[0]
    if not (isinstance(func, ast.Attribute) and func.attr in ("group_send", "send")):
        return None
    holder = func.value
    layer = (isinstance(holder, ast.Attribute) and holder.attr == "channel_layer") or (
        isinstance(holder, ast.Name) and "layer" in holder.id
    )
    if not layer or len(node.args) < 2:
        return None
    return node.args[1]


def raw_send(node: ast.expr) -> dict[str, ast.expr] | None:
    """The fields of a raw ASGI ``{"type": "websocket.send", "text": ...}`` message."""
    if not isinstance(node, ast.Dict):
        return None
    fields = {string(k): v for k, v in zip(node.keys, node.values, strict=True) if k is not None}
    if string(fields.get("type")) != "websocket.send":
        return None
    return {k: v for k, v in fields.items() if k is not None}


def table_entries(table: ast.Dict, methods: dict[str, Method]) -> list[tuple[str, Method]]:
    out = []
    for key, value in zip(table.keys, table.values, strict=True):
        name = string(key)
        target: str | None = None
        if isinstance(value, ast.Attribute) and is_name(value.value, "self"):
            target = value.attr
        elif isinstance(value, ast.Name):
            target = value.id
        elif string(value) is not None:
            target = string(value)
        if name is not None and target in methods:
            out.append((name, methods[target]))
    return out


# -- frames → messages --------------------------------------------------------------------


def choose_event_key(frames: list[Frame]) -> str | None:
    """The key that names most sent JSON objects with a literal string, if most have one."""
    objects = [f for f in frames if f.kind == "json" and f.schema.get("type") == "object"]
    counts: Counter[str] = Counter()
    for frame in objects:
        for key, schema in frame.schema.get("properties", {}).items():
            if isinstance(schema.get("const"), str):
                counts[key] += 1
    if not counts:
        return None
    best = max(counts.values())
    if best * 2 < len(objects):  # on fewer than half the frames: not a discriminator
        return None
    tied = [k for k, n in counts.items() if n == best]
    preferred = [k for k in KEY_PREFERENCE if k in tied]
    return preferred[0] if preferred else sorted(tied)[0]


def frame_name(frame: Frame, key: str | None) -> str | None:
    if frame.kind == "binary":
        return "binary"
    if frame.kind == "text":
        value = frame.schema.get("const")
        return clean_name(value) if isinstance(value, str) else "text"
    if frame.schema.get("type") == "array":
        return "array"
    props = frame.schema.get("properties", {})
    if key is not None and key in props:
        value = props[key].get("const")
        return value if isinstance(value, str) else None
    return next(iter(props), None)


def clean_name(text: str) -> str:
    return _NAME.sub("", text.strip()).strip("._-") or "text"


def frame_message(frame: Frame, name: str, key: str | None) -> InferredMessage:
    if frame.kind != "json" or frame.schema.get("type") != "object":
        return InferredMessage(
            name=name,
            direction="send",
            content_type=CONTENT_TYPES[frame.kind],
            method=frame.method,
            source=frame.where,
            schema=frame.schema,
        )
    props = dict(frame.schema.get("properties", {}))
    disc = key if key in props else None
    if disc is not None:
        props[disc] = {"type": "string", "const": name}
    return InferredMessage(
        name=name,
        direction="send",
        properties=props,
        required=tuple(frame.schema.get("required", [])),
        discriminator=disc,
        method=frame.method,
        source=frame.where,
    )


def merge_messages(a: InferredMessage, b: InferredMessage) -> InferredMessage:
    """One message seen twice: every field, required where both require it."""
    if not (a.is_object and b.is_object):
        schema = merge(a.schema or {}, b.schema or {}) if a.schema != b.schema else a.schema
        return replace(a, schema=schema or {"type": "string"}, replies=_union(a.replies, b.replies))
    if (
        a.properties == b.properties
        and a.required == b.required
        and all(r in a.replies for r in b.replies)
        and (a.correlation_id or b.correlation_id) == a.correlation_id
    ):
        return a  # the same frame sent again (a common reply): merging changes nothing
    merged = merge_objects(
        {"properties": a.properties, "required": list(a.required)},
        {"properties": b.properties, "required": list(b.required)},
    )
    return replace(
        a,
        properties=merged["properties"],
        required=tuple(merged.get("required", [])),
        replies=_union(a.replies, b.replies),
        correlation_id=a.correlation_id or b.correlation_id,
    )


def _union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    return (*a, *(x for x in b if x not in a))


def replies(sends: list[Frame], key: str | None, events: set[str]) -> tuple[str, ...]:
    names: list[str] = []
    for frame in sends:
        name = frame_name(frame, key)
        if name is not None and name in events and name not in names:
            names.append(name)
    return tuple(names)


def correlation(props: dict[str, Schema], sends: list[Frame]) -> str | None:
    """The field the action reads and every JSON object it sends back echoes."""
    answers = [f for f in sends if f.kind == "json" and f.schema.get("type") == "object"]
    for name in CORRELATION_NAMES:
        if name in props and answers and all(name in f.schema["properties"] for f in answers):
            return name
    return None
