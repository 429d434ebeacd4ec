"""dict → YAML / JSON text: block style, spec key order, unicode kept, no global state."""

from __future__ import annotations

import json
from collections.abc import Generator, Iterator
from itertools import islice
from sys import getrefcount
from typing import Any

# The options of every YAML dump; the fast path below produces byte-identical text.
YAML_OPTIONS: dict[str, Any] = {
    "sort_keys": False,
    "allow_unicode": True,
    "default_flow_style": False,
    "width": 100,
}
_STR, _MAP, _SEQ = ("tag:yaml.org,2002:" + t for t in ("str", "map", "seq"))
_FLAGS = {(plain, quoted): (plain, quoted) for plain in (True, False) for quoted in (True, False)}
_PLAIN_STR = _FLAGS[True, True]
_CONTAINERS = (dict, list)
_SCALARS = frozenset({str, int, float, bool, type(None)})


def written_out(data: Any) -> bool:
    """Scalars, two levels deep at most: written in full wherever it repeats, never anchored.

    A dict or list of scalars, or of scalars and such dicts and lists. The generator shares
    these (a field's ``{"type": "array", "items": {"type": "string"}}``, a ``required``
    list, a channel's ``$ref``) between the messages that repeat them, to keep big
    documents small; written out, the YAML is that of a document repeating separate ones.
    Two levels, not any depth: nothing here can contain itself.
    """
    kind = type(data)
    if kind is not dict and kind is not list:
        return False
    for value in data.values() if kind is dict else data:
        inner = type(value)
        if inner in _SCALARS:
            continue
        if inner is dict:
            if not all(type(v) in _SCALARS for v in value.values()):
                return False
        elif inner is not list or not all(type(v) in _SCALARS for v in value):
            return False
    return True


def _dumper() -> type:
    import yaml

    # libyaml's emitter is several times faster; the pure-Python one is the fallback.
    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(spec: dict[str, Any]) -> str:
    """YAML in the document's own key order (never sorted), unicode as is."""
    import yaml

    dumper = _dumper()
    if dumper is getattr(yaml, "CSafeDumper", None):
        text = _EventWriter(dumper).write(spec)
        if text is not None:
            return text
    return yaml.dump(spec, Dumper=_no_flat_aliases(dumper), **YAML_OPTIONS)


_ALIASING: dict[type, type] = {}


def _no_flat_aliases(dumper: type) -> type:
    """A subclass of ``dumper`` that writes out, not anchors, what ``written_out`` accepts."""
    found = _ALIASING.get(dumper)
    if found is None:
        base: Any = dumper  # PyYAML's class itself is left untouched

        def ignore_aliases(self: Any, data: Any) -> bool:
            return bool(written_out(data) or base.ignore_aliases(self, data))

        found = _ALIASING[dumper] = type(
            dumper.__name__, (dumper,), {"ignore_aliases": ignore_aliases}
        )
    return found


# Characters joined before each append to the text (see _Text). The first batches are small:
# CPython grows the string in place only once it has run the append a few times. A quarter
# of a megabyte measured fastest (the batch stays in cache); past 8 MB of text, 1/32 of
# it, so that appends that copy (see _Text) copy the text some 30 times, not thousands.
_FIRST_BATCH, _BATCH = 1 << 12, 1 << 18
_JSON_TOKENS = 1 << 13  # JSON tokens taken at a time


def _appended() -> Generator[None, str, str]:
    """Appends each batch sent to one string; an empty batch ends it with that string."""
    text = ""
    while batch := (yield):
        # `text` is this string's only reference, so CPython resizes it in place.
        text += batch
    return text


class _Text:
    """A write-only text stream that holds its text once, and returns it without a copy.

    ``io.StringIO.getvalue()`` copies what it accumulated while that is still alive, and
    ``"".join`` needs every chunk alive next to the result: either way a big document's
    text is in memory twice at the end, the peak of rendering it. Here the chunks are
    joined in batches and appended to one string that only a local name holds, which
    CPython grows in place. Where an append copies instead (an interpreter without that
    optimisation, or a tracer that turns it off), the text is the same, in memory twice
    at the end as with StringIO, and the growing batches bound the copying.
    """

    def __init__(self) -> None:
        self.chunks: list[str] = []
        self.waiting = 0  # characters in `chunks`
        self.written = 0  # characters appended to the text
        self.limit = _FIRST_BATCH
        self.sink = _appended()
        next(self.sink)

    def write(self, chunk: str) -> None:
        """Take one chunk of text."""
        self.chunks.append(chunk)
        self.waiting += len(chunk)
        if self.waiting >= self.limit:
            self.flush()

    def flush(self) -> None:
        """Append what is waiting to the text."""
        if self.waiting:  # an empty batch would end the text
            batch = "".join(self.chunks)
            self.chunks.clear()
            self.written += self.waiting
            self.waiting = 0
            self.limit = max(min(2 * self.limit, _BATCH), self.written >> 5)
            self.sink.send(batch)

    def getvalue(self) -> str:
        """The whole text; the stream is spent."""
        self.flush()
        try:
            self.sink.send("")
        except StopIteration as done:
            text: str = done.value
            return text
        raise AssertionError("unreachable: an empty batch ends the text")


class _Unusual(Exception):
    """The document needs PyYAML's own representer (anchors, or a type other than JSON's)."""


class _EventWriter:
    """Feeds a JSON-shaped document to libyaml's emitter as events, without a node tree.

    ``yaml.dump`` first builds a node per value in Python (most of its time, and garbage-
    collector work on big documents), then serializes the nodes in C. For plain dicts,
    lists, strings, numbers, booleans and None, the events are known directly: the same
    tags, implicit flags (from the dumper's own resolver) and styles, so libyaml writes the
    same bytes several times faster. Anything else, and any dict or list met twice (which
    ``yaml.dump`` writes as an anchor and alias), makes ``write`` return None so the caller
    uses ``yaml.dump``; a dict of scalars only (:func:`written_out`) is written in full
    wherever it repeats, by both.
    """

    def __init__(self, dumper: type) -> None:
        from yaml import events

        self.events = events
        self.stream = _Text()
        self.dumper = dumper(self.stream, **YAML_OPTIONS)
        self.emit = self.dumper.emit
        # Implicit flags per distinct scalar. Plain keys and shared flag tuples, no event
        # per scalar: objects that outlive the call would wake the garbage collector.
        self.str_flags: dict[str, tuple[bool, bool]] = {}
        self.other_flags: dict[tuple[str, str], tuple[bool, bool]] = {}
        self.seen: set[int] = set()
        self.repeated: set[int] = set()  # ids met again that written_out accepted
        # Strings starting with a character no implicit resolver looks at are plain strings
        # whatever follows: most of a document (refs, titles, texts) needs no lookup at all.
        resolvers = self.dumper.yaml_implicit_resolvers
        plain_ok = None not in resolvers and not getattr(self.dumper, "yaml_path_resolvers", None)
        self.resolved_first = frozenset(k for k in resolvers if k) if plain_ok else None
        self.in_dict, self.in_list = _unshared_refcounts()
        # The emitter copies an event's data when it is emitted, so these are reused.
        self.scalar_event = events.ScalarEvent(None, _STR, (True, True), "")
        self.map_start = events.MappingStartEvent(None, _MAP, True, flow_style=False)
        self.map_end = events.MappingEndEvent()
        self.seq_start = events.SequenceStartEvent(None, _SEQ, True, flow_style=False)
        self.seq_end = events.SequenceEndEvent()

    def write(self, spec: Any) -> str | None:
        """The YAML text, or None when ``yaml.dump`` has to write this document."""
        ev = self.events
        try:
            self.emit(ev.StreamStartEvent())
            self.emit(ev.DocumentStartEvent(explicit=False))
            if type(spec) in _CONTAINERS:
                self.enter(spec)
            self.node(spec)
            self.emit(ev.DocumentEndEvent(explicit=False))
            self.emit(ev.StreamEndEvent())
        except _Unusual:
            return None
        finally:
            self.dumper.dispose()
        return self.stream.getvalue()

    def node(self, data: Any) -> None:
        """Emit one value, as ``SafeRepresenter`` + the C serializer would."""
        kind = type(data)
        if kind is str:
            self.scalar(_STR, data)
        elif kind is dict:
            self.emit(self.map_start)
            shared = self.in_dict
            for key, value in data.items():
                self.node(key)
                # Held by one container only (the count a lone value has in this very loop):
                # it cannot be met twice, so it needs no place in `seen`.
                if type(value) in _CONTAINERS and getrefcount(value) > shared:
                    self.enter(value)
                self.node(value)
            self.emit(self.map_end)
        elif kind is list:
            self.emit(self.seq_start)
            shared = self.in_list
            for item in data:
                if type(item) in _CONTAINERS and getrefcount(item) > shared:
                    self.enter(item)
                self.node(item)
            self.emit(self.seq_end)
        elif kind in (bool, int, float, type(None)):
            # The representer's own text for these (".inf", "null", "1.0e+20"...).
            node = self.dumper.yaml_representers[kind](self.dumper, data)
            if node.style is not None:
                raise _Unusual
            self.scalar(node.tag, node.value)
        else:
            raise _Unusual

    def enter(self, container: Any) -> None:
        # yaml.dump writes a container met twice as &id001 / *id001: leave that to it.
        key = id(container)
        if key in self.seen:
            # The generator's shared dicts repeat thousands of times: checked once each.
            if key in self.repeated or written_out(container):
                self.repeated.add(key)
                return
            raise _Unusual
        self.seen.add(key)

    def scalar(self, tag: str, value: str) -> None:
        """Emit a scalar with the implicit flags the C serializer would compute."""
        first = self.resolved_first
        flags: tuple[bool, bool] | None
        if tag == _STR and value and first is not None and value[0] not in first:
            flags = _PLAIN_STR
        else:
            flags = self.str_flags.get(value) if tag == _STR else self.other_flags.get((tag, value))
        if flags is None:
            flags = self.implicit(tag, value)
            if tag == _STR:
                self.str_flags[value] = flags
            else:
                self.other_flags[(tag, value)] = flags
        event = self.scalar_event
        event.tag, event.implicit, event.value = tag, flags, value
        self.emit(event)

    def implicit(self, tag: str, value: str) -> tuple[bool, bool]:
        """Whether the tag may be left out when ``value`` is written plain / quoted."""
        from yaml.nodes import ScalarNode

        resolve = self.dumper.resolve
        plain = resolve(ScalarNode, value, (True, False)) == tag
        quoted = resolve(ScalarNode, value, (False, True)) == tag
        return _FLAGS[plain, quoted]


def _unshared_refcounts() -> tuple[int, int]:
    """What ``sys.getrefcount`` says of a container held once, in ``node``'s two loops.

    Measured with the same loops (the dict items iterator keeps its last pair alive, so the
    counts differ); checked against a container held twice, and where that check fails (an
    interpreter counting otherwise), -1: every container is tracked, as ``yaml.dump`` does.
    """

    def in_dict(data: dict[str, Any]) -> int:
        for _key, value in data.items():
            return getrefcount(value)
        return -1

    def in_list(data: list[Any]) -> int:
        for item in data:
            return getrefcount(item)
        return -1

    def held_twice(kind: type) -> Any:
        twice: list[Any] = []  # no name holds it once this returns: only its two slots
        return {"a": twice, "b": twice} if kind is dict else [twice, twice]

    lone_dict, lone_list = in_dict({"k": []}), in_list([[]])
    shared_dict, shared_list = in_dict(held_twice(dict)), in_list(held_twice(list))
    ok = lone_dict > 0 and lone_list > 0 and shared_dict > lone_dict and shared_list > lone_list
    return (lone_dict, lone_list) if ok else (-1, -1)


def to_json(spec: dict[str, Any], indent: int | None = 2) -> str:
    """JSON in the document's own key order, unicode as is."""
    if indent is None:
        # json.dumps runs the C encoder only when not indenting: several times faster.
        return json.dumps(spec, ensure_ascii=False)
    # The same text as json.dumps, which holds every token of the document in a list
    # before joining them: several times the text's size on a big document.
    tokens: Iterator[str] = json.JSONEncoder(indent=indent, ensure_ascii=False).iterencode(spec)
    text = _Text()
    while batch := list(islice(tokens, _JSON_TOKENS)):
        text.write("".join(batch))
    if indent:
        text.write("\n")
    return text.getvalue()
