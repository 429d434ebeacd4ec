"""djangochannelsrestframework consumers: their ``@action`` methods and model mixins.

Its wire format is fixed by the framework: the client sends ``{"action": <name>,
"request_id": <any>, ...arguments}`` and every answer is ``{"action", "request_id", "data",
"errors", "response_status"}``, echoing ``request_id``. The consumer's own class attributes
(``available_actions``, ``serializer_class``, ``lookup_field``) say the rest; they are read,
never called.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import InferredConsumer, InferredMessage
from .source import read_consumer
from .values import Schema, value_schema

if TYPE_CHECKING:
    from ..schema import SchemaContext

FRAMEWORK = "djangochannelsrestframework"
ACTION_KEY = "action"
CORRELATION = "request_id"
# The model mixins' actions: (takes the instance lookup, takes data, what the reply's data is).
MIXINS: dict[str, tuple[bool, bool, str]] = {
    "list": (False, False, "many"),
    "retrieve": (True, False, "one"),
    "create": (False, True, "one"),
    "update": (True, True, "one"),
    "patch": (True, True, "one"),
    "delete": (True, False, "none"),
    "subscribe_instance": (True, False, "none"),
    "unsubscribe_instance": (True, False, "none"),
}
# Arguments the framework itself passes to every action.
FRAMEWORK_ARGS = {"self", "request_id", "action"}
TYPES = {int: "integer", str: "string", bool: "boolean", float: "number", list: "array"}
TYPES_BY_NAME = {t.__name__: name for t, name in TYPES.items()} | {"dict": "object"}


@dataclass(frozen=True)
class Partial:
    """Some of a serializer's writable fields: the ``data`` of a partial update (``patch``)."""

    serializer: Any


class PartialConverter:
    """``Partial`` payloads: the serializer's request schema with no field required."""

    def matches(self, obj: Any) -> bool:
        return isinstance(obj, Partial)

    def convert(self, obj: Any, ctx: SchemaContext) -> dict[str, Any]:
        from ..pointers import last_token

        schema = ctx.schema_for(obj.serializer)
        target = schema.get("$ref", "")
        if target:  # a named serializer: its component, copied without "required"
            schema = ctx.components.schemas.get(last_token(target)) or {}
        name = getattr(obj.serializer, "__name__", type(obj.serializer).__name__)
        out = {k: v for k, v in schema.items() if k not in ("required", "title")}
        out["description"] = f"Any of the writable fields of `{name}` (a partial update)."
        return out


def _register() -> None:
    from ..schema import register_converter

    register_converter(PartialConverter())


_register()


def is_dcrf_consumer(consumer: type) -> bool:
    """True for subclasses of djangochannelsrestframework's ``AsyncAPIConsumer``."""
    return any(k.__module__.startswith(f"{FRAMEWORK}.") for k in inspect.getmro(consumer)) and (
        isinstance(getattr(consumer, "available_actions", None), dict)
    )


def infer_dcrf(consumer: type) -> InferredConsumer:
    """The actions and replies of a djangochannelsrestframework consumer."""
    source = read_consumer(consumer)
    serializer = getattr(consumer, "serializer_class", None)
    lookup = str(
        getattr(consumer, "lookup_url_kwarg", None) or getattr(consumer, "lookup_field", "pk")
    )
    available: dict[str, str] = getattr(consumer, "available_actions", {})
    messages: list[InferredMessage] = []
    for name, attr in available.items():
        func = inspect.unwrap(getattr(getattr(consumer, attr), "__func__", getattr(consumer, attr)))
        own = attr in source.methods
        where = _where(func)
        mixin = MIXINS.get(attr) if not own and _from_framework(func) else None
        if mixin is not None:
            request, data = _mixin(mixin, serializer, lookup, attr)
        else:
            node = source.methods[attr].node if own else None
            request, data = _custom(func, node)
        messages.append(_request(name, attr, request, where))
        messages.append(_reply(name, attr, data, where, serializer))
    if serializer is not None and "subscribe_instance" in available.values():
        for push, data in (("update", serializer), ("delete", {"type": "object"})):
            if not any(m.name == push and m.direction == "send" for m in messages):
                messages.append(_reply(push, "handle_observed_action", data, "", serializer))
    return InferredConsumer(
        consumer=consumer,
        action_key=ACTION_KEY,
        event_key=ACTION_KEY,
        messages=tuple(messages),
        framework=FRAMEWORK,
    )


def _from_framework(func: Any) -> bool:
    return (getattr(func, "__module__", "") or "").startswith(f"{FRAMEWORK}.")


def _where(func: Any) -> str:
    try:
        line = inspect.getsourcelines(func)[1]
    except (OSError, TypeError):
        line = 0
    return f"{getattr(func, '__module__', '?')}:{line}"


def _mixin(
    mixin: tuple[bool, bool, str], serializer: Any, lookup: str, attr: str
) -> tuple[tuple[dict[str, Any], list[str]], Any]:
    takes_lookup, takes_data, returns = mixin
    props: dict[str, Any] = {}
    required: list[str] = []
    if takes_lookup:
        props[lookup] = {"description": f"The `{lookup}` of the instance."}
        required.append(lookup)
    if takes_data:
        props["data"] = {"type": "object"}
        if serializer is not None:
            # patch updates some fields: the framework validates with partial=True.
            props["data"] = Partial(serializer) if attr == "patch" else serializer
        required.append("data")
    if attr == "subscribe_instance":
        required.append(CORRELATION)  # the framework refuses a subscription without one
    data: Any = {"type": "null"}
    if returns != "none" and serializer is not None:
        data = {"type": "array", "items": serializer} if returns == "many" else serializer
    elif returns != "none":
        data = {}
    return (props, required), data


def _custom(
    func: Any, node: ast.FunctionDef | ast.AsyncFunctionDef | None
) -> tuple[tuple[dict[str, Any], list[str]], Any]:
    props: dict[str, Any] = {}
    required: list[str] = []
    try:
        params = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        params = []  # type: ignore[assignment]
    for param in params:
        if param.name in FRAMEWORK_ARGS or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
            continue
        props[param.name] = _annotation(param.annotation)
        if param.default is param.empty:
            required.append(param.name)
    return (props, required), _returned(node)


def _annotation(annotation: Any) -> Schema:
    if isinstance(annotation, str):
        name = TYPES_BY_NAME.get(annotation)
    else:
        name = TYPES.get(annotation) or ("object" if annotation is dict else None)
    return {"type": name} if name else {}


def _returned(node: ast.FunctionDef | ast.AsyncFunctionDef | None) -> Schema:
    """The reply's ``data`` from ``return <data>, <status>`` when it is a literal."""
    if node is None:
        return {}
    for child in ast.walk(node):
        if isinstance(child, ast.Return) and isinstance(child.value, ast.Tuple):
            elts = child.value.elts
            if len(elts) == 2:
                return value_schema(elts[0])
    return {}


def _request(
    name: str, method: str, request: tuple[dict[str, Any], list[str]], where: str
) -> InferredMessage:
    props, required = request
    properties = {
        ACTION_KEY: {"type": "string", "const": name},
        CORRELATION: {"description": "Any value; echoed as `request_id` in the reply."},
        **props,
    }
    return InferredMessage(
        name=name,
        direction="receive",
        properties=properties,
        required=(ACTION_KEY, *required),
        discriminator=ACTION_KEY,
        method=method,
        source=where,
        replies=(name,),
        correlation_id=CORRELATION,
    )


def _reply(name: str, method: str, data: Any, where: str, serializer: Any) -> InferredMessage:
    if data != {"type": "null"} and data != {}:
        data = {"anyOf": [data, {"type": "null"}]}  # null when the action failed
    properties = {
        ACTION_KEY: {"type": "string", "const": name},
        "errors": {"type": "array", "description": "Error messages; empty on success."},
        "data": data,
        "response_status": {"type": "integer", "description": "An HTTP-like status code."},
        CORRELATION: {"description": "The `request_id` of the request."},
    }
    return InferredMessage(
        name=name,
        direction="send",
        properties=properties,
        required=(ACTION_KEY, "errors", "data", "response_status", CORRELATION),
        discriminator=ACTION_KEY,
        method=method,
        source=where,
        correlation_id=CORRELATION,
        serializer=serializer,
    )
