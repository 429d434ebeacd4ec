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
from .metadata import ChannelDoc, OperationDoc, collect_channel, collect_operations
from .naming import Namer, humanize, message_model, name_nested_models, payload_title
from .pointers import last_token, ref
from .schema import SchemaContext, payload_schema
from .schema.components import ComponentRegistry
from .security import SecurityConfig, requirement, resolve

ASYNCAPI_VERSION = "3.0.0"
CONTENT_TYPE = "application/json"


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
        self.schemes: dict[str, Any] = {}  # only the schemes some operation uses

    def build(
        self, endpoints: Sequence[Endpoint], info: Mapping[str, Any], servers: Mapping[str, Any]
    ) -> dict[str, Any]:
        for endpoint in endpoints:
            self.add_endpoint(endpoint)
        doc: dict[str, Any] = {
            "asyncapi": ASYNCAPI_VERSION,
            "info": dict(info),
            "defaultContentType": CONTENT_TYPE,
        }
        if servers:
            doc["servers"] = copy.deepcopy(dict(servers))
        doc["channels"] = self.channels
        doc["operations"] = self.operations
        components: dict[str, Any] = {}
        if self.messages:
            components["messages"] = dict(sorted(self.messages.items()))
        schemas = {k: v for k, v in self.components.schemas.items() if v is not None}
        for name, schema in schemas.items():
            name_nested_models(schema, name)
        if schemas:
            components["schemas"] = dict(sorted(schemas.items()))
        if self.schemes:
            components["securitySchemes"] = dict(sorted(self.schemes.items()))
        if components:
            doc["components"] = components
        return doc

    # -- channels ---------------------------------------------------------------------

    def add_endpoint(self, endpoint: Endpoint) -> None:
        consumer = endpoint.consumer.__name__
        if self.envelope_for is not None:
            self.envelope = self.envelope_for(endpoint.consumer)
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
        # Documented operations claim their message names before any reply does.
        keys = [self.add_message(channel_id, d, d.name, d.payload, _direction(d)) for d in docs]
        for doc, key in zip(docs, keys, strict=True):
            self.add_operation(channel_id, doc, key, events, security)

    def channel_id(self, endpoint: Endpoint) -> str:
        """The path tail (``rides``), longer tails or a number when two paths share it."""
        static = [s for s in endpoint.path.strip("/").split("/") if s and not has_placeholder(s)]
        tails = ["_".join(static[-n:]) for n in range(1, len(static) + 1)] or ["root"]
        clash = self.channel_names.clashes_with(tails[0])
        key, renamed = self.channel_names.claim(object(), tails)  # every endpoint is new
        if renamed:
            self.diagnostics.warn(
                endpoint.consumer.__name__,
                f"channel address {endpoint.path!r} has the same path tail as channel "
                f"{clash!r}; documented as channel {key!r}.",
                code="channel-name-collision",
            )
        return key

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
        operation: dict[str, Any] = {
            "action": "receive" if doc.kind == "action" else "send",
            "channel": ref("channels", channel_id),
        }
        operation.update(texts(doc.summary, doc.description, title=humanize(doc.name)))
        if security:
            operation["security"] = copy.deepcopy(security)
        if doc.tags:
            operation["tags"] = [{"name": t} for t in doc.tags]
        operation["messages"] = [ref("channels", channel_id, "messages", message_key)]
        if doc.responses:
            operation["reply"] = self.reply(channel_id, doc, events)
        if doc.deprecated:
            operation["x-deprecated"] = True
        if doc.inferred:
            operation["x-inferred"] = True
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
            keys.append(ref("channels", channel_id, "messages", key))
        return {"channel": ref("channels", channel_id), "messages": keys}

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
        clash = self.message_names.clashes_with(wire_name)
        key, renamed = self.message_names.claim(
            owner,
            [wire_name, f"{channel_id}.{wire_name}", f"{channel_id}.{wire_name}.{kind}"],
        )
        if key in self.messages:
            return key
        # An inferred draft reuses the wire's own names (djangochannelsrestframework answers
        # an action under the action's name): the rename is expected, not worth a warning.
        quiet = doc.inferred
        if renamed and clash is not None and not quiet and self._same_channel(clash, channel_id):
            self.diagnostics.warn(
                doc.location,
                f"{kind} {wire_name!r} would have the same generated name as message "
                f"{clash!r} on this channel; documented as message {key!r}.",
                code="message-name-collision",
            )
        ctx = SchemaContext(self.components, doc.location, direction)  # type: ignore[arg-type]
        body = payload_schema(payload, ctx)
        discriminator = self.envelope.action_key if kind == "action" else self.envelope.event_key
        message: dict[str, Any] = {"name": wire_name, "title": humanize(wire_name)}
        if not is_reply:
            message.update(texts(doc.summary, doc.description))
        message["contentType"] = CONTENT_TYPE
        model = message_model(key)
        message["payload"] = self.envelope_schema(discriminator, wire_name, body, doc, model)
        name_nested_models(message["payload"], model)
        if doc.deprecated and not is_reply:
            message["payload"]["deprecated"] = True
            message["x-deprecated"] = True
        if doc.examples and not is_reply:
            message["examples"] = copy.deepcopy(list(doc.examples))
        self.messages[key] = message
        self.channels[channel_id]["messages"][key] = ref("components", "messages", key)
        return key

    def _same_channel(self, message_key: str, channel_id: str) -> bool:
        messages = self.channels.get(channel_id, {}).get("messages", {})
        return message_key in messages

    def envelope_schema(
        self, key: str, name: str, body: dict[str, Any] | None, doc: OperationDoc, model: str
    ) -> dict[str, Any]:
        """The frame: the discriminator ``const`` plus the payload's fields."""
        disc = {"type": "string", "const": name, "description": f"Always {name!r}."}
        title = payload_title(model)
        base: dict[str, Any] = {"title": title, "type": "object"}
        if body is None:
            return {**base, "properties": {key: disc}, "required": [key]}
        if is_inline_object(body):
            return self.merge_object(base, key, disc, body, doc)
        if is_object_ref(body, self.components):
            head = {"type": "object", "properties": {key: disc}, "required": [key]}
            return {"title": title, "allOf": [head, body]}
        data = self.envelope.data_key
        return {**base, "properties": {key: disc, data: body}, "required": [key, data]}

    def merge_object(
        self,
        base: dict[str, Any],
        key: str,
        disc: dict[str, Any],
        body: dict[str, Any],
        doc: OperationDoc,
    ) -> dict[str, Any]:
        props = dict(body.get("properties", {}))
        if key in props:
            self.diagnostics.warn(
                doc.location,
                f"the payload has its own {key!r} field, which is the envelope's discriminator; "
                "the discriminator wins. Rename the field or change the envelope key setting.",
                code="discriminator-shadowed",
            )
            props.pop(key)
        out = {k: v for k, v in body.items() if k not in ("title", "properties", "required")}
        out = {**base, **out, "properties": {key: disc, **props}}
        out["required"] = [key, *[r for r in body.get("required", []) if r != key]]
        if body.get("description") and "description" not in out:
            out["description"] = body["description"]
        return out


def _direction(doc: OperationDoc) -> str:
    return "request" if doc.kind == "action" else "response"


def is_inline_object(schema: Mapping[str, Any]) -> bool:
    """An object schema whose properties can sit next to the discriminator."""
    combinators = ("oneOf", "anyOf", "allOf", "not", "$ref", "if")
    if any(k in schema for k in combinators):
        return False
    return schema.get("type") == "object" or ("type" not in schema and "properties" in schema)


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
