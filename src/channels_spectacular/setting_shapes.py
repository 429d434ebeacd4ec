"""What ``manage.py check`` says about settings of the right type but the wrong shape.

The type rules in ``checks.py`` run first; each rule here looks inside a value of the right
type and names the key, the entry and the shape expected, instead of letting generation
fail later with "dictionary update sequence element #0 has length 1". ``SHAPE_RULES`` are
errors (generation or the page would break); ``DOCUMENT_RULES`` are warnings (the document
would not pass the official parser, as ``export_asyncapi --validate`` would say).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["DOCUMENT_RULES", "SHAPE_RULES"]

INFO_KEYS = ("contact", "license", "tags", "externalDocs", "termsOfService")


def _viewer(value: Any) -> str | None:
    from .viewer import viewer_assets

    if not isinstance(value, Mapping):
        return None
    try:
        viewer_assets(value.get("ASSETS", "bundled"), static_prefix="/static/")
    except ValueError as exc:
        return f"['ASSETS']: {exc}"
    except FileNotFoundError:
        return None  # the CDN hashes are built with the assets; the views say so
    return None


def _components(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    for name, schema in value.items():
        if not isinstance(name, str) or not isinstance(schema, Mapping):
            return (
                f"[{name!r}] must be a JSON Schema dict such as "
                f"{{'type': 'object', 'properties': {{...}}}}, not {schema!r:.80}."
            )
    return None


def _security_schemes(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    for name, scheme in value.items():
        if not isinstance(scheme, Mapping) or not isinstance(scheme.get("type"), str):
            return (
                f"[{name!r}] must be an AsyncAPI security scheme dict with a 'type', such as "
                f"{{'type': 'httpApiKey', 'name': 'token', 'in': 'query'}}, not {scheme!r:.80}."
            )
    return None


def _strings(what: str) -> Callable[[Any], str | None]:
    def rule(value: Any) -> str | None:
        if isinstance(value, list | tuple):
            bad = [item for item in value if not isinstance(item, str)]
            if bad:
                return f"must list {what} as strings; not strings: {bad!r:.80}."
        return None

    return rule


def _info(value: Any) -> str | None:
    if not isinstance(value, Mapping):
        return None
    contact, license_ = value.get("contact"), value.get("license")
    if contact is not None and not isinstance(contact, Mapping):
        return (
            "['contact'] must be a dict such as {'name': 'API team', 'email': "
            f"'api@example.com', 'url': 'https://example.com'}}, not {contact!r:.80}."
        )
    if license_ is not None and (
        not isinstance(license_, Mapping) or not isinstance(license_.get("name"), str)
    ):
        return (
            f"['license'] must be a dict with a 'name' (and optional 'url'), not {license_!r:.80}."
        )
    return _tags(value.get("tags")) or _external_docs(value.get("externalDocs"))


def _tags(tags: Any) -> str | None:
    if tags is None:
        return None
    if not isinstance(tags, list | tuple):
        return f"['tags'] must be a list of {{'name': ...}} dicts, not {tags!r:.80}."
    for tag in tags:
        if not isinstance(tag, Mapping) or not isinstance(tag.get("name"), str):
            return f"['tags'] entries must be dicts with a string 'name', not {tag!r:.80}."
    return None  # repeated tags: the JSON Schema check below, as strict as the parser


def _external_docs(docs: Any) -> str | None:
    if docs is None or (isinstance(docs, Mapping) and isinstance(docs.get("url"), str)):
        return None
    return f"['externalDocs'] must be a dict with a 'url', not {docs!r:.80}."


def _asyncapi(definition: str, wrap: Callable[[Any], Any] = lambda v: v) -> Callable[[Any], Any]:
    """The value checked against a definition of the official AsyncAPI 3.0 JSON Schema."""

    def rule(value: Any) -> str | None:
        if value is None:
            return None
        try:
            from .validation import fragment_problems

            problems = fragment_problems(wrap(value), definition)
        except (ImportError, RuntimeError):  # jsonschema is an optional extra
            return None
        if not problems:
            return None
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        return f"is not valid AsyncAPI 3.0 ({definition}): {problems[0]}{more}."

    return rule


def _then(*rules: Callable[[Any], str | None]) -> Callable[[Any], str | None]:
    return lambda value: next((p for rule in rules if (p := rule(value))), None)


def _info_document(value: Any) -> Any:
    from .config import settings_info

    return settings_info() if isinstance(value, Mapping) else value


def _each(definition: str) -> Callable[[Any], str | None]:
    check = _asyncapi(definition)

    def rule(value: Any) -> str | None:
        if not isinstance(value, Mapping):
            return None
        return next((f"[{k!r}] {p}" for k, v in value.items() if (p := check(v))), None)

    return rule


# Shapes that break generation or the page: errors, like a wrong type.
SHAPE_RULES: dict[str, Callable[[Any], str | None]] = {
    "VIEWER": _viewer,
    "COMPONENTS": _components,
    "SECURITY_SCHEMES": _security_schemes,
    "DISABLE_WARNINGS": _strings("warning codes"),
    "SECURITY": _strings("security scheme names"),
}

# Parts of the document written in settings that the official parser would reject: the
# views still work, so these are warnings (documentation problems never stop a project).
DOCUMENT_RULES: dict[str, Callable[[Any], str | None]] = {
    "INFO": _then(_info, _asyncapi("info.json", _info_document)),
    "SERVERS": _asyncapi("servers.json"),
    "SECURITY_SCHEMES": _each("SecurityScheme.json"),
    "WS_BINDINGS": _asyncapi("channelBindingsObject.json", lambda v: {"ws": v}),
}
