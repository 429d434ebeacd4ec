"""Documented consumers and their channel addresses, found by walking the ASGI routing.

From ``settings.ASGI_APPLICATION``: ``ProtocolTypeRouter["websocket"]``, through any
middleware (``.inner`` / ``.app`` / ``.application``), into nested ``URLRouter``s, down to
``Consumer.as_asgi()``. Each ``path()`` converter and ``re_path`` group becomes a
``{name}`` placeholder of a clean address, with an AsyncAPI Parameter object.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import Diagnostics
from .endpoints import Endpoint
from .inference.records import has_draft
from .metadata import is_documented

logger = logging.getLogger("channels_spectacular")

# Attributes through which ASGI middleware reach the application they wrap.
WRAPPED_ATTRS = ("inner", "app", "application")
# Django's own placeholder syntax in path() routes: <converter:name> or <name>.
PATH_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")
INLINE_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
MAX_DEPTH = 50

# Descriptions and examples of Django's built-in path converters, by converter name.
CONVERTERS: dict[str, tuple[str, list[str]]] = {
    "int": ("A non-negative integer (`int` path converter).", ["42"]),
    "str": ("A non-empty string without `/` (`str` path converter).", ["abc"]),
    "slug": ("Letters, digits, hyphens and underscores (`slug` path converter).", ["my-slug"]),
    "uuid": ("A UUID (`uuid` path converter).", ["123e4567-e89b-12d3-a456-426614174000"]),
    "path": ("A non-empty string, `/` included (`path` path converter).", ["a/b"]),
}
# Examples for regex groups people write most, so the viewer shows a usable address.
REGEX_EXAMPLES: dict[str, list[str]] = {
    r"\d+": ["42"],
    "[0-9]+": ["42"],
    r"\w+": ["abc"],
    r"[-\w]+": ["my-slug"],
    r"[\w-]+": ["my-slug"],
    "[-a-zA-Z0-9_]+": ["my-slug"],
    "[^/]+": ["abc"],
    "[0-9a-f-]+": ["123e4567-e89b-12d3-a456-426614174000"],
}


@dataclass(frozen=True)
class _Prefix:
    """What the walk has collected above the current application."""

    address: str = "/"
    parameters: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    middleware: tuple[type, ...] = ()

    def join(self, route: Any) -> _Prefix:
        segment, parameters = route_address(route.pattern)
        address = re.sub("/{2,}", "/", self.address + segment)
        return _Prefix(address, {**self.parameters, **parameters}, self.middleware)

    def wrap(self, app: Any) -> _Prefix:
        return _Prefix(self.address, self.parameters, (*self.middleware, type(app)))


def discover_endpoints(
    application: Any = None, diagnostics: Diagnostics | None = None
) -> list[Endpoint]:
    """Documented consumers reachable from ``application`` (default: ASGI_APPLICATION).

    Undecorated consumers count when inference drafts some of their messages (the
    ``INFERENCE`` setting); other undocumented consumers are skipped with an info note
    (in ``diagnostics`` when given, else in the ``channels_spectacular`` log).
    """
    documented, undocumented = discover_all(application)
    for endpoint in undocumented:
        _note(diagnostics, endpoint.consumer, endpoint.path)
    return documented


def discover_all(application: Any = None) -> tuple[list[Endpoint], list[Endpoint]]:
    """``(documented, undocumented)`` endpoints routed in ``application``, each once.

    A consumer routed twice at one address keeps one endpoint; its context says
    ``{"routed": n}`` so the generator can warn that the other routes are never reached.
    """
    app = load_application() if application is None else application
    if app is None:
        logger.info("channels_spectacular: no settings.ASGI_APPLICATION, nothing to discover")
        return [], []
    found: dict[tuple[type, str], Endpoint] = {}  # a dict: routings can be large
    routed: dict[tuple[type, str], int] = {}
    for consumer, prefix in _walk(app, _Prefix(), 0):
        key = (consumer, prefix.address)
        routed[key] = routed.get(key, 0) + 1
        if key not in found:
            # Names for the docs (e.g. session auth); the classes for the console's check.
            names = [kind.__name__ for kind in prefix.middleware]
            context = {"middleware": names, "wrappers": prefix.middleware}
            found[key] = Endpoint(consumer, prefix.address, prefix.parameters, context)
    for key, count in routed.items():
        if count > 1:
            found[key].context["routed"] = count  # type: ignore[index]
    documented: list[Endpoint] = []
    undocumented: list[Endpoint] = []
    for endpoint in found.values():
        drafted = is_documented(endpoint.consumer) or has_draft(endpoint.consumer)
        (documented if drafted else undocumented).append(endpoint)
    return documented, undocumented


def load_application() -> Any:
    """The object ``settings.ASGI_APPLICATION`` names, or None when it is not set."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    dotted = getattr(settings, "ASGI_APPLICATION", None)
    return import_string(dotted) if dotted else None


def route_address(pattern: Any) -> tuple[str, dict[str, dict[str, Any]]]:
    """A ``path()``/``re_path()`` pattern as an address segment with ``{name}`` placeholders."""
    from django.urls.resolvers import RegexPattern, RoutePattern

    if isinstance(pattern, RoutePattern):  # str() is the route / regex as written
        return _route_segment(str(pattern), pattern.converters)
    if isinstance(pattern, RegexPattern):
        return _regex_segment(str(pattern))
    raise TypeError(f"Unsupported URL pattern {pattern!r}.")


def _walk(app: Any, prefix: _Prefix, depth: int) -> Iterator[tuple[type, _Prefix]]:
    if depth > MAX_DEPTH:  # a middleware that wraps itself: stop rather than recurse forever
        return
    consumer = _consumer_of(app)
    if consumer is not None:
        yield consumer, prefix
        return
    mapping = getattr(app, "application_mapping", None)
    if isinstance(mapping, Mapping):  # ProtocolTypeRouter: only WebSockets are channels
        if "websocket" in mapping:
            yield from _walk(mapping["websocket"], prefix, depth + 1)
        return
    routes = getattr(app, "routes", None)
    if isinstance(routes, list | tuple):  # URLRouter
        for route in routes:
            yield from _walk(route.callback, prefix.join(route), depth + 1)
        return
    for attr in WRAPPED_ATTRS:
        inner = getattr(app, attr, None)
        if inner is not None and inner is not app:
            yield from _walk(inner, prefix.wrap(app), depth + 1)
            return
    logger.debug("channels_spectacular: not walking into %r (unknown ASGI application)", app)


def _consumer_of(app: Any) -> type | None:
    # Consumer.as_asgi() returns a function carrying consumer_class.
    consumer = getattr(app, "consumer_class", None)
    if isinstance(consumer, type):
        return consumer
    if isinstance(app, type) and hasattr(app, "as_asgi"):
        return app
    return None


def _route_segment(route: str, converters: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    parameters = {}
    for match in PATH_PARAMETER.finditer(route):
        name = match.group("name")
        kind = match.group("converter") or "str"
        parameters[name] = _converter_parameter(kind, converters.get(name))
    return PATH_PARAMETER.sub(lambda m: "{" + m.group("name") + "}", route), parameters


def _converter_parameter(kind: str, converter: Any) -> dict[str, Any]:
    if kind in CONVERTERS:
        description, examples = CONVERTERS[kind]
        return {"description": description, "examples": list(examples)}
    regex = getattr(converter, "regex", "")
    matching = f", matching `{regex}`" if regex else ""
    return {"description": f"A value for the `{kind}` path converter{matching}."}


def _regex_segment(regex: str) -> tuple[str, dict[str, dict[str, Any]]]:
    from django.utils.regex_helper import normalize

    # normalize() (what reverse() uses) gives every concrete form, optional groups in or
    # out; keep the one with the most parameters, the most informative address.
    try:
        forms = normalize(INLINE_FLAGS.sub("", regex)) or [("", [])]
    except ValueError as exc:
        raise ValueError(
            f"Cannot turn the route regex {regex!r} into a channel address ({exc}); list the "
            "consumer with its address in CHANNELS_SPECTACULAR_SETTINGS['CONSUMERS']."
        ) from exc
    template, names = max(forms, key=lambda form: len(form[1]))
    groups = _group_patterns(regex)
    address = re.sub(r"%\((\w+)\)s", r"{\1}", template).replace("%%", "%")
    return address, {name: _regex_parameter(name, groups.get(name)) for name in names}


def _regex_parameter(name: str, pattern: str | None) -> dict[str, Any]:
    if pattern is None:
        return {"description": "A positional value of the route's regular expression."}
    parameter: dict[str, Any] = {"description": f"A value matching the regex `{pattern}`."}
    if pattern in REGEX_EXAMPLES:
        parameter["examples"] = list(REGEX_EXAMPLES[pattern])
    return parameter


def _group_patterns(regex: str) -> dict[str, str]:
    """The sub-pattern of each named group, e.g. ``{"room": r"\\w+"}``."""
    out = {}
    for match in NAMED_GROUP.finditer(regex):
        start = match.end()
        end = _closing_paren(regex, start)
        out[match.group("name")] = regex[start:end]
    return out


def _closing_paren(regex: str, start: int) -> int:
    depth, i, in_class = 1, start, False
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return len(regex)


def _note(diagnostics: Diagnostics | None, consumer: type, address: str) -> None:
    message = f"no documented methods; {address} is left out of the spec."
    if diagnostics is not None:
        diagnostics.info(consumer.__name__, message, code="undocumented-consumer")
    else:
        logger.info("%s: %s", consumer.__name__, message)
