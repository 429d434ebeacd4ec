"""Metadata + payload schemas → the AsyncAPI 3.0 document.

Small functions per spec object. Naming is decided here, once, for the whole document:
channel ids, message keys and operation ids are unique and stable, and names that
code generators would fold together (``ride_offer`` and ``ride.offer``) never collide.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .addresses import has_placeholder
from .adoption import check_endpoint
from .config import Envelope
from .diagnostics import Diagnostics
from .endpoints import Endpoint
from .metadata import (
    JSON,
    ChannelDoc,
    OperationDoc,
    collect_channel,
    collect_operations,
    is_json,
)
from .naming import (
    Namer,
    fold,
    humanize,
    message_model,
    model_title,
    name_nested_models,
    safe_key,
)
from .pointers import child, escape, last_token, pointer, ref
from .refkeys import drop_ref_properties, has_ref_key
from .schema import SchemaContext, payload_schema
from .schema.components import ComponentRegistry
from .schema.jsonschema import UnsharedLeaves
from .security import SecurityConfig, requirement, resolve
from .shapes import has_field, indistinguishable, shape_of

ASYNCAPI_VERSION = "3.0.0"
CONTENT_TYPE = JSON
MESSAGES = pointer("components", "messages")  # where every message is defined


@dataclass
class DocumentBuilder:
    """Builds one AsyncAPI 3.0 document from endpoints; use once."""

    envelope: Envelope = field(default_factory=Envelope)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)
    predefined_schemas: Mapping[str, Any] = field(default_factory=dict)
    security: SecurityConfig = field(default_factory=SecurityConfig)
    default_bindings: Mapping[str, Any] | None = None
    # The envelope of each consumer (GenerationConfig.envelope_for); None: ``envelope``.
    envelope_for: Callable[[type], Envelope] | None = None
    # Keys decided over the whole project (see project_names), so that a document of some
    # consumers names them as the project's document does.
    seed: Names | None = None
    names_only: bool = False  # only decide the keys (project_names): no schemas, no checks
    # Share small dicts of scalars that repeat (a channel's $ref, a discriminator, a field's
    # schema) between the operations and messages that hold them: off when postprocessing
    # hooks could change one of them in place and so, unseen, all the others.
    share: bool = True
    # How a consumer's records are collected under its envelope: the decorators' only, or
    # with inferred ones (inference.records.operation_collector).
    collect: Callable[[type, Envelope], list[OperationDoc]] = lambda consumer, envelope: (
        collect_operations(consumer)
    )

    def __post_init__(self) -> None:
        self.components = ComponentRegistry(self.diagnostics, self.predefined_schemas)
        self.channels: dict[str, Any] = {}
        self.operations: dict[str, Any] = {}
        self.messages: dict[str, Any] = {}
        self.channel_names = Namer()
        self.message_names = Namer()
        self.message_owners: dict[Any, str] = self.message_names.owners  # see add_endpoint
        # Message key -> Class.method that documents it, for the endpoint being added: only
        # its own messages are compared (check_distinguishable), and a table of the whole
        # document would be one more that every message of a big project has to reach into.
        self.owners: dict[str, str] = {}
        self.placed: set[tuple[type, str]] = set()  # seeded channels already documented
        self.schemes: dict[str, Any] = {}  # only the schemes some operation uses
        self.checked: set[str] = set()  # components searched for '$ref' properties
        # Operation keys of the endpoint being added, in the order first added: a channel's
        # messages are checked against each other without scanning every operation.
        self.endpoint_operations: list[str] = []
        # One string per channel pointer and per discriminator text, however many operations
        # and messages repeat it: the document keeps them all alive.
        self.channel_pointers: dict[str, str] = {}
        self.texts: dict[str, str] = {}
        self.channel_refs: dict[str, dict[str, str]] = {}
        self.discriminators: dict[str, dict[str, str]] = {}
        self.required_lists: dict[tuple[str, ...], list[str]] = {}
        self.channel_messages: dict[str, str] = {}  # channel id -> its messages' pointer
        self.frame_keys = _frame_keys(self.envelope)
        # Equal leaf subschemas are checked once either way; unshared, each use is a copy.
        self.components.leaves = {} if self.share else UnsharedLeaves()

    def build(
        self, endpoints: Sequence[Endpoint], info: Mapping[str, Any], servers: Mapping[str, Any]
    ) -> dict[str, Any]:
        if self.seed is not None:
            self.seed.reserve(endpoints, self.channel_names, self.message_names)
        for endpoint in endpoints:
            self.add_endpoint(endpoint)
        doc: dict[str, Any] = {
            "asyncapi": ASYNCAPI_VERSION,
            "info": copy.deepcopy(dict(info)),
            "defaultContentType": CONTENT_TYPE,
        }
        if servers:
            doc["servers"] = copy.deepcopy(dict(servers))
        doc["channels"] = self.channels
        doc["operations"] = self.operations
        components: dict[str, Any] = {}
        if self.messages:
            components["messages"] = by_key(self.messages)
        schemas = {k: v for k, v in self.components.schemas.items() if v is not None}
        for name, schema in schemas.items():
            name_nested_models(schema, name)
        if schemas:
            components["schemas"] = by_key(schemas)
        if self.schemes:
            components["securitySchemes"] = by_key(self.schemes)
        if components:
            doc["components"] = components
        return doc

    # -- channels ---------------------------------------------------------------------

    def add_endpoint(self, endpoint: Endpoint) -> None:
        consumer = endpoint.consumer.__name__
        if self.envelope_for is not None:
            self.envelope = self.envelope_for(endpoint.consumer)
        self.frame_keys = _frame_keys(self.envelope)
        self.owners = {}
        # A message's owner names its channel: only this endpoint asks for it again (a reply
        # reusing an event). Whole-document owners matter to project_names and to keys it
        # reserved (seed).
        local = self.seed is None and not self.names_only
        self.message_owners = {} if local else self.message_names.owners
        docs = self.collect(endpoint.consumer, self.envelope)
        check_endpoint(endpoint, bool(docs), self.diagnostics)
        channel_id = self.channel_id(endpoint)
        channel_doc = collect_channel(endpoint.consumer)
        channel = channel_object(endpoint, channel_doc, self.diagnostics)
        channel["messages"] = {}
        bindings = channel_doc.bindings if channel_doc and channel_doc.bindings else None
        if bindings is None and self.default_bindings:
            bindings = {"ws": self.default_bindings}
        if bindings:
            channel["bindings"] = copy.deepcopy(dict(bindings))
        self.channels[channel_id] = channel
        events = {d.name: d for d in docs if d.kind == "event"}
        self.check_duplicates(consumer, docs)
        names = requirement(self.security, channel_doc, endpoint) or ()
        security = resolve(self.security, names, self.schemes, self.diagnostics, consumer)
        self.endpoint_operations = []
        # Documented operations claim their message names before any reply does.
        keys = [self.add_message(channel_id, d, d.name, d.payload, _direction(d)) for d in docs]
        for doc, key in zip(docs, keys, strict=True):
            self.add_operation(channel_id, doc, key, events, security)
        if not self.names_only:
            self.check_distinguishable(channel_id)

    def channel_id(self, endpoint: Endpoint) -> str:
        """The path tail (``rides``), longer tails or a number when two paths share it."""
        place = _place(endpoint)
        static = [s for s in endpoint.path.strip("/").split("/") if s and not has_placeholder(s)]
        tails = ["_".join(static[-n:]) for n in range(1, len(static) + 1)] or ["root"]
        seeded = self.seed.channels.get(place) if self.seed else None
        if seeded is not None and place not in self.placed:
            self.placed.add(place)
            key, renamed = seeded, seeded != safe_key(tails[0])
            clash = self.seed.clash(tails[0]) if self.seed else None
        else:
            # The same consumer at the same address twice is documented twice.
            owner = place if place not in self.channel_names.owners else object()
            clash = self.channel_names.clashes_with(tails[0])
            key, renamed = self.channel_names.claim(owner, tails)
        if renamed:
            self.diagnostics.warn(
                endpoint.consumer.__name__,
                f"channel address {endpoint.path!r} has the same path tail as channel "
                f"{clash!r}; documented as channel {key!r}.",
                code="channel-name-collision",
            )
        return key

    def channel_ref(self, channel_id: str) -> dict[str, str]:
        """``{"$ref": "#/channels/<id>"}``: one object per channel when sharing, else new."""
        found = self.channel_refs.get(channel_id)
        if found is not None:
            return found
        target = self.channel_pointers.get(channel_id)
        if target is None:
            target = self.channel_pointers[channel_id] = pointer("channels", channel_id)
        made = {"$ref": target}
        if self.share:
            self.channel_refs[channel_id] = made
        return made

    def message_ref(self, channel_id: str, message_key: str) -> dict[str, str]:
        """``{"$ref": "#/channels/<id>/messages/<key>"}``, a new object each time."""
        parent = self.channel_messages.get(channel_id)
        if parent is None:
            parent = self.channel_messages[channel_id] = pointer("channels", channel_id, "messages")
        return {"$ref": child(parent, message_key)}

    def check_duplicates(self, consumer: str, docs: Sequence[OperationDoc]) -> None:
        seen: dict[tuple[str, str], OperationDoc] = {}
        for doc in docs:
            first = seen.setdefault((doc.kind, doc.name), doc)
            if first is doc:
                continue
            if doc.kind == "action":
                self.diagnostics.error(
                    doc.location,
                    f"action {doc.name!r} is also documented on {first.location}; a frame can "
                    "only dispatch to one handler. Rename one with action='...'.",
                    code="duplicate-action",
                )
            else:
                self.diagnostics.warn(
                    doc.location,
                    f"event {doc.name!r} is also documented on {first.location}; "
                    "both are documented, under different message names.",
                    code="duplicate-event",
                )

    # -- operations -------------------------------------------------------------------

    def add_operation(
        self,
        channel_id: str,
        doc: OperationDoc,
        message_key: str,
        events: Mapping[str, OperationDoc],
        security: list[dict[str, Any]],
    ) -> None:
        if self.names_only:
            if doc.responses:
                self.reply(channel_id, doc, events)  # replies claim message names too
            return
        operation: dict[str, Any] = {
            "action": "receive" if doc.kind == "action" else "send",
            "channel": self.channel_ref(channel_id),
        }
        operation.update(texts(doc.summary, doc.description, title=humanize(doc.name)))
        if security:
            operation["security"] = copy.deepcopy(security)
        if doc.tags:
            operation["tags"] = [{"name": t} for t in doc.tags]
        operation["messages"] = [self.message_ref(channel_id, message_key)]
        if doc.responses:
            operation["reply"] = self.reply(channel_id, doc, events)
        if doc.correlation_id:
            replies = (operation.get("reply") or {}).get("messages", [])
            for key in [message_key, *(last_token(r["$ref"]) for r in replies)]:
                self.correlate(key, doc)
        if doc.deprecated:
            operation["x-deprecated"] = True
        if doc.inferred:
            operation["x-inferred"] = True
        if message_key not in self.operations:
            self.endpoint_operations.append(message_key)
        self.operations[message_key] = operation

    def reply(
        self, channel_id: str, doc: OperationDoc, events: Mapping[str, OperationDoc]
    ) -> dict[str, Any]:
        keys = []
        for event_type, payload in doc.responses.items():
            event = events.get(event_type)
            if event is not None and _same_payload(payload, event.payload):
                # A bare response type points at the documented event of that type.
                key = self.add_message(channel_id, event, event.name, event.payload, "response")
            else:
                close = _close_event(event_type, events) if payload is None else None
                if event is None and close is not None:
                    # An envelope-only reply is fine; one named almost like an event is a typo.
                    self.diagnostics.warn(
                        doc.location,
                        f"response {event_type!r} matches no event documented on this "
                        f"consumer; did you mean {close!r}? It is documented as an "
                        "envelope-only message.",
                        code="reply-without-event",
                    )
                elif event is not None:
                    self.diagnostics.warn(
                        doc.location,
                        f"response {event_type!r} has a different payload than the event "
                        f"documented on {event.location}; both are documented. Pass None "
                        "(or the same payload) to reuse the event's message.",
                        code="reply-differs-from-event",
                    )
                key = self.add_message(channel_id, doc, event_type, payload, "response", True)
            keys.append(self.message_ref(channel_id, key))
        return {"channel": self.channel_ref(channel_id), "messages": keys}

    def correlate(self, message_key: str, doc: OperationDoc) -> None:
        """Put the action's correlation id on one message of its request/reply pair."""
        field = doc.correlation_id or ""
        path = field.split("/")
        location = "$message.payload#/" + "/".join(escape(p) for p in path)
        correlation = {
            "description": f"`{field}`: chosen by the client, echoed in the reply.",
            "location": location,
        }
        message = self.messages[message_key]
        present = message.get("correlationId")
        if present is not None and present["location"] != location:
            self.diagnostics.warn(
                doc.location,
                f"message {message_key!r} already echoes {present['location']!r} for another "
                f"action; correlation_id={field!r} is not added to it.",
                code="correlation-conflict",
            )
            return
        if not has_field(message["payload"], path, self.resolve):
            self.diagnostics.warn(
                doc.location,
                f"correlation_id={field!r} is not a field of message {message_key!r}; the "
                "client cannot match the reply to its request. Add the field to the payload.",
                code="correlation-id-missing",
            )
        # Before the payload, where readers look for it.
        head = {k: v for k, v in message.items() if k not in ("payload", "examples")}
        tail = {k: v for k, v in message.items() if k in ("payload", "examples")}
        self.messages[message_key] = {**head, "correlationId": correlation, **tail}

    def resolve(self, target: str) -> Any:
        """A schema behind a local ``$ref`` while the document is being built."""
        if target.startswith("#/components/schemas/"):
            return self.components.schemas.get(last_token(target))
        return None

    def check_distinguishable(self, channel_id: str) -> None:
        """Warn about messages of one direction that no frame property tells apart."""
        envelope = self.envelope
        if envelope.action_key is not None and envelope.event_key is not None:
            # JSON frames carry a discriminator in both directions: only the channel's
            # text and binary frames, if any, can look alike.
            messages = self.messages
            on_channel = self.channels[channel_id]["messages"]
            if all(is_json(messages[k]["contentType"]) for k in on_channel):
                return
        for direction, keys in self.directions(channel_id).items():
            if self.envelope.key("action" if direction == "client" else "event") is not None:
                keys = [k for k in keys if not is_json(self.messages[k]["contentType"])]
            shapes = {
                k: (self.frame_kind(k), shape_of(self.messages[k]["payload"], self.resolve))
                for k in keys
            }
            pairs = [(a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]]
            for a, b in pairs:
                if shapes[a][0] == shapes[b][0] == "binary" or (
                    shapes[a][0] == shapes[b][0] and indistinguishable(shapes[a][1], shapes[b][1])
                ):
                    self.diagnostics.warn(
                        self.owners.get(b, channel_id),
                        f"{direction} frames of messages {a!r} ({self.owners.get(a)}) and {b!r} "
                        f"({self.owners.get(b)}) cannot be told apart: same required fields and "
                        "no const or enum that differs. Give one a field of its own, or a "
                        "discriminator with @document_channel.",
                        code="indistinguishable-messages",
                    )

    def frame_kind(self, message_key: str) -> str:
        media = self.messages[message_key]["contentType"]
        return "json" if is_json(media) else "text" if media.startswith("text/") else "binary"

    def directions(self, channel_id: str) -> dict[str, list[str]]:
        """The message keys of one channel by sender: client (receive ops), server (the rest).

        Only the endpoint being added has operations on its channel (channel ids are unique),
        so its own operations are all there is to look at, in the document's order.
        """
        out: dict[str, list[str]] = {"client": [], "server": []}
        target = ref("channels", channel_id)
        for operation in [self.operations[k] for k in self.endpoint_operations]:
            if operation["channel"] != target:
                continue
            sender = "client" if operation["action"] == "receive" else "server"
            refs = [*operation["messages"], *(operation.get("reply") or {}).get("messages", [])]
            for i, item in enumerate(refs):
                key = last_token(item["$ref"])
                side = sender if i < len(operation["messages"]) else "server"
                if key not in out[side]:
                    out[side].append(key)
        return out

    # -- messages ---------------------------------------------------------------------

    def add_message(
        self,
        channel_id: str,
        doc: OperationDoc,
        wire_name: str,
        payload: Any,
        direction: str,
        is_reply: bool = False,
    ) -> str:
        kind = "action" if direction == "request" else "event"
        owner = (channel_id, kind, wire_name, id(payload) if payload is not None else None)
        key, renamed = self.message_names.claim(
            owner,
            [wire_name, f"{channel_id}.{wire_name}", f"{channel_id}.{wire_name}.{kind}"],
            self.message_owners,
        )
        if key in self.messages:
            return key
        if self.names_only:
            self.messages[key] = {}
            self.channels[channel_id]["messages"][key] = {"$ref": child(MESSAGES, key)}
            return key
        # An inferred draft reuses the wire's own names (djangochannelsrestframework answers
        # an action under the action's name): the rename is expected, not worth a warning.
        # Asked only now: the message that took the wire name before keeps it (a renamed
        # owner's key folds otherwise, so claiming never changes what clashes_with says).
        clash = self.message_names.clashes_with(wire_name) if renamed and not doc.inferred else None
        if clash is not None and self._same_channel(clash, channel_id):
            self.diagnostics.warn(
                doc.location,
                f"{kind} {wire_name!r} would have the same generated name as message "
                f"{clash!r} on this channel; documented as message {key!r}.",
                code="message-name-collision",
            )
        ctx = SchemaContext(self.components, doc.location, direction)  # type: ignore[arg-type]
        # Replies written inline in responses= are JSON; another kind is a documented event.
        media = JSON if is_reply else doc.content_type
        message: dict[str, Any] = {"name": wire_name, "title": humanize(wire_name)}
        if not is_reply:
            # texts(), unrolled: every message comes here.
            if doc.summary:
                message["summary"] = doc.summary
            if doc.description:
                message["description"] = doc.description
        message["contentType"] = media
        model = message_model(key)
        body = None
        if is_json(media):
            body = payload_schema(payload, ctx)
            discriminator, ref_free_keys = self.frame_keys[kind]
            frame = self.envelope_schema(discriminator, wire_name, body, doc, model)
            message["payload"] = frame
            # Nothing to title below the payload's root, and the root merged into the frame
            # (not held under the data key): naming has nothing to do.
            named = (
                body is not None
                and ctx.leaves_only is body
                and frame.get("properties", {}).get(self.envelope.data_key) is not body
            )
        else:
            message["payload"] = string_frame(payload, media, ctx, model)
            named = ref_free_keys = False
        if not named:
            name_nested_models(message["payload"], model)
        self.owners[key] = doc.location
        if doc.deprecated and not is_reply:
            message["payload"]["deprecated"] = True
            message["x-deprecated"] = True
        if not (ctx.ref_free is not None and ctx.ref_free is body and ref_free_keys):
            message["payload"] = self._drop_ref_keys(message["payload"], doc)
        if doc.examples and not is_reply:
            examples = [e for e in doc.examples if not has_ref_key(e)]
            if len(examples) < len(doc.examples):
                self.diagnostics.warn(
                    doc.location,
                    "an example has a key named '$ref', which AsyncAPI tools read as a "
                    "reference; the example is left out. Rename the key.",
                    code="ref-key",
                )
            if examples:
                message["examples"] = copy.deepcopy(examples)
        self.messages[key] = message
        self.channels[channel_id]["messages"][key] = {"$ref": child(MESSAGES, key)}
        return key

    def _drop_ref_keys(self, payload: dict[str, Any], doc: OperationDoc) -> dict[str, Any]:
        payload, owners = drop_ref_properties(payload, self.components.schemas, self.checked)
        for owner in owners:
            self.diagnostics.warn(
                doc.location,
                f"{owner} has a property named '$ref', which AsyncAPI tools read as a "
                "reference; it is left out of the document. Rename the field (an alias).",
                code="ref-key",
            )
        return payload

    def _same_channel(self, message_key: str, channel_id: str) -> bool:
        messages = self.channels.get(channel_id, {}).get("messages", {})
        return message_key in messages

    def envelope_schema(
        self,
        key: str | None,
        name: str,
        body: dict[str, Any] | None,
        doc: OperationDoc,
        model: str,
    ) -> dict[str, Any]:
        """The frame: the discriminator ``const`` plus the payload's fields.

        Without a discriminator key the frame is the payload itself, whatever its type.
        """
        title = model_title(model)
        if key is None:
            return self.bare_schema(title, body, doc)
        disc = self.discriminators.get(name)
        if disc is None:
            always = self.texts.get(name)
            if always is None:
                always = self.texts[name] = f"Always {name!r}."
            disc = {"type": "string", "const": name, "description": always}
            if self.share:
                self.discriminators[name] = disc
        if body is None:
            return {"title": title, "type": "object", "properties": {key: disc}, "required": [key]}
        if is_inline_object(body):
            return self.merge_object(title, key, disc, body, doc)
        if is_object_ref(body, self.components):
            head = {"type": "object", "properties": {key: disc}, "required": [key]}
            return {"title": title, "allOf": [head, body]}
        data = self.envelope.data_key
        return {
            "title": title,
            "type": "object",
            "properties": {key: disc, data: body},
            "required": [key, data],
        }

    def bare_schema(
        self, title: str, body: dict[str, Any] | None, doc: OperationDoc
    ) -> dict[str, Any]:
        """A frame without a discriminator: the payload's schema, titled for code generators."""
        if body is None:
            self.diagnostics.warn(
                doc.location,
                f"{doc.kind} {doc.name!r} has no payload and its frames carry no discriminator, "
                "so it is documented as an empty object. Pass payload= to describe the frame.",
                code="empty-frame",
            )
            return {"title": title, "type": "object", "additionalProperties": False}
        if "$ref" in body:
            return {"title": title, "allOf": [body]}
        return {"title": title, **{k: v for k, v in body.items() if k != "title"}}

    def merge_object(
        self,
        title: str,
        key: str,
        disc: dict[str, Any],
        body: dict[str, Any],
        doc: OperationDoc,
    ) -> dict[str, Any]:
        props = body.get("properties", {})
        if key in props:
            self.diagnostics.warn(
                doc.location,
                f"the payload has its own {key!r} field, which is the envelope's discriminator; "
                "the discriminator wins. Rename the field, or choose another key with "
                "@document_channel(action_key=..., event_key=...).",
                code="discriminator-shadowed",
            )
        # Built in place, in the order {"title": ..., "type": "object", **rest_of_body,
        # "properties": ...} gives: every message goes through here, and the intermediate
        # dicts were garbage.
        fields = {key: disc}
        if key in props:
            for name, value in props.items():
                if name != key:
                    fields[name] = value
        else:
            fields.update(props)
        out: dict[str, Any] = {"title": title, "type": "object"}
        for name, value in body.items():
            if name not in _MERGED:
                out[name] = value
        out["properties"] = fields
        own = body.get("required")
        if not own:
            required = [key]
        elif key in own:
            required = [key, *[r for r in own if r != key]]
        else:
            required = [key, *own]  # the usual case, without a comprehension's frame
        if self.share and _STRINGS.issuperset(map(type, required)):
            # One list per distinct content: most messages of a project require the same.
            required = self.required_lists.setdefault(tuple(required), required)
        out["required"] = required
        if _DESCRIBED.isdisjoint(body):  # free-form (it is an inline object)
            # The discriminator alone must not close a free-form payload: any field is fine.
            out["additionalProperties"] = True
        if body.get("description") and "description" not in out:
            out["description"] = body["description"]
        return out


_MERGED = frozenset({"title", "properties", "required"})  # what merge_object writes itself
_STRINGS = frozenset({str})  # _STRINGS.issuperset(map(type, values)): all exact strings


@dataclass
class Names:
    """Channel and message keys decided for a whole project, reused by its other documents."""

    channels: dict[tuple[type, str], str] = field(default_factory=dict)  # place -> channel id
    messages: dict[str, list[tuple[Any, str]]] = field(default_factory=dict)  # channel -> owners

    def clash(self, tail: str) -> str | None:
        """The project's channel that took the short key ``tail``, if any."""
        folded = fold(safe_key(tail))
        return next((c for c in self.channels.values() if fold(c) == folded), None)

    def reserve(self, endpoints: Sequence[Endpoint], channels: Namer, messages: Namer) -> None:
        """Claim the project's keys of ``endpoints`` before any other name is decided."""
        for endpoint in endpoints:
            channel = self.channels.get(_place(endpoint))
            if channel is None:
                continue
            channels.reserve(_place(endpoint), channel)
            for owner, key in self.messages.get(channel, ()):
                messages.reserve(owner, key)


def project_names(endpoints: Sequence[Endpoint], **options: Any) -> Names:
    """The keys the project's own document gives its channels and messages (no schemas)."""
    builder = DocumentBuilder(names_only=True, **options)
    builder.build(endpoints, {}, {})
    names = Names()
    for place, channel in builder.channel_names.owners.items():
        if isinstance(place, tuple):
            names.channels[place] = channel
    for owner, key in builder.message_names.owners.items():
        names.messages.setdefault(owner[0], []).append((owner, key))
    return names


def by_key(table: Mapping[str, Any]) -> dict[str, Any]:
    """``table`` in key order.

    The keys sorted alone, not ``(key, value)`` pairs: strings compare at C speed without a
    tuple per entry, about twice as fast on the tens of thousands of messages of big projects.
    """
    return {key: table[key] for key in sorted(table)}


def _place(endpoint: Endpoint) -> tuple[type, str]:
    """What makes a channel the same one in two documents: its consumer and address."""
    return (endpoint.consumer, endpoint.path)


def _frame_keys(envelope: Envelope) -> dict[str, tuple[str | None, bool]]:
    """Per kind of message: the discriminator key, and whether no envelope key is '$ref'.

    A payload without '$ref' keys stays so in its frame unless the envelope's own keys are
    named '$ref'. Worked out once per consumer, asked for every message.
    """
    keys = {kind: envelope.key(kind) for kind in ("action", "event")}
    return {k: (key, "$ref" not in (key, envelope.data_key)) for k, key in keys.items()}


def _direction(doc: OperationDoc) -> str:
    return "request" if doc.kind == "action" else "response"


def is_inline_object(schema: Mapping[str, Any]) -> bool:
    """An object schema whose properties can sit next to the discriminator."""
    if not _COMBINED.isdisjoint(schema):
        return False
    return schema.get("type") == "object" or ("type" not in schema and "properties" in schema)


# Sets, not tuples: every message asks these questions of its payload (a C-speed test).
_COMBINED = frozenset({"oneOf", "anyOf", "allOf", "not", "$ref", "if"})
# An inline object with none of these says nothing about its fields (``dict``,
# ``{"type": "object"}``): free-form.
_DESCRIBED = frozenset({"properties", "patternProperties", "additionalProperties"})


def string_frame(payload: Any, media: str, ctx: SchemaContext, model: str) -> dict[str, Any]:
    """The schema of a text or binary frame: one string, the whole frame."""
    binary = not media.startswith("text/")
    if payload is None or payload in (bytes, bytearray, str):
        schema: dict[str, Any] = {"type": "string"}
        if binary and payload is not str:
            schema["format"] = "binary"
    else:
        schema = {"type": "string", **(payload_schema(payload, ctx) or {})}
    return {"title": model_title(model), **schema}


def is_object_ref(schema: Mapping[str, Any], components: ComponentRegistry) -> bool:
    """A ``$ref`` to a component that is an object, so ``allOf`` can extend it."""
    target = schema.get("$ref", "")
    if len(schema) != 1 or not target.startswith("#/components/schemas/"):
        return False
    found = components.schemas.get(last_token(target))
    return isinstance(found, Mapping) and is_inline_object(found)


def texts(summary: str, description: str, title: str = "") -> dict[str, str]:
    """Only the non-empty human texts, in spec order."""
    out = {}
    if title:
        out["title"] = title
    if summary:
        out["summary"] = summary
    if description:
        out["description"] = description
    return out


def channel_object(
    endpoint: Endpoint, doc: ChannelDoc | None, diagnostics: Diagnostics
) -> dict[str, Any]:
    """Address, texts (``@document_channel`` or the docstring) and ``{name}`` parameters."""
    channel: dict[str, Any] = {"address": endpoint.path}
    docstring = _dedent((endpoint.consumer.__doc__ or "").strip())
    if doc is None:
        channel.update(texts("", docstring, title=endpoint.consumer.__name__))
    else:
        title = doc.title or endpoint.consumer.__name__
        channel.update(texts(doc.summary, doc.description or docstring, title=title))
        if doc.tags:
            channel["tags"] = [{"name": t} for t in doc.tags]
        if doc.external_docs:
            channel["externalDocs"] = dict(doc.external_docs)
    names = endpoint.placeholders
    extra = sorted(set(endpoint.parameters) - set(names))
    if extra:
        diagnostics.warn(
            endpoint.consumer.__name__,
            f"parameters {extra} are not placeholders of {endpoint.path!r}; left out.",
            code="unknown-parameter",
        )
    if names:
        channel["parameters"] = {n: parameter_object(n, endpoint.parameters.get(n)) for n in names}
    return channel


def parameter_object(name: str, given: Mapping[str, Any] | None) -> dict[str, Any]:
    """An AsyncAPI 3.0 Parameter object (string-valued: no schema in 3.0)."""
    if given:
        return copy.deepcopy(dict(given))
    return {"description": f"The {humanize(name).lower()} in the address."}


def _dedent(text: str) -> str:
    import inspect

    return inspect.cleandoc(text)


def _same_payload(reply: Any, event: Any) -> bool:
    """A reply payload that is None, the event's own object, or an equal JSON Schema dict."""
    if reply is None or reply is event:
        return True
    return isinstance(reply, Mapping) and isinstance(event, Mapping) and reply == event


def _close_event(name: str, events: Mapping[str, Any]) -> str | None:
    """The documented event type ``name`` is most likely a typo of, if any."""
    import difflib

    close = difflib.get_close_matches(name, sorted(events), n=1, cutoff=0.8)
    return close[0] if close else None
