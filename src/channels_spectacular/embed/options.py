"""The option vocabulary shared by the Sphinx directive and the MkDocs block, validated.

Values arrive as reST strings (``:native:`` with no value, JSON text for ``:config:``) or as
YAML values (booleans, mappings, lists); both parse to the same :class:`EmbedOptions`.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DOWNLOAD_FORMATS",
    "OPTION_NAMES",
    "EmbedOptions",
    "download_format",
    "element_id",
    "parse_options",
    "site_download_format",
    "source_conflict",
]

# The shared option vocabulary; "-" and "_" are interchangeable (``channel-path`` in reST).
OPTION_NAMES = (
    "consumer",
    "consumers",
    "channel_path",
    "spec",
    "title",
    "height",
    "config",
    "native",
    "tags",
    "operations",
    "channels",
    "download",
)
# The download copy's format: "json" is the very text the viewer renders (no second
# serialization), "yaml" costs one more; "none" links nothing.
DOWNLOAD_FORMATS = ("json", "yaml", "none")
SOURCE_OPTIONS = ("consumer", "consumers", "spec")
_TRUE = {"", "true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|em|rem|vh|vw|%)$")
_DOTTED = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class EmbedOptions:
    """One embed's options, validated; no source option means all consumers."""

    consumer: str | None = None
    consumers: tuple[tuple[str, str], ...] = ()
    channel_path: str | None = None
    spec: str | None = None
    title: str = ""
    height: str | None = None
    config: Mapping[str, Any] = field(default_factory=dict)
    native: bool = False
    tags: tuple[str, ...] = ()
    operations: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    # "json", "yaml", "none"; "on" (true): the site's format, json if it is "none";
    # "": not given, the site's format.
    download: str = ""
    rejected: frozenset[str] = frozenset()  # given, but invalid (reported as problems)

    @property
    def needs_django(self) -> bool:
        return self.spec is None


def parse_options(raw: Mapping[str, Any]) -> tuple[EmbedOptions, list[str]]:
    """Validate raw options (reST strings or YAML values) into ``EmbedOptions`` + problems."""
    problems: list[str] = []
    values: dict[str, Any] = {}
    rejected = []
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in OPTION_NAMES:
            problems.append(_unknown_option(str(key)))
            continue
        try:
            values[name] = _PARSERS[name](value)
        except ValueError as exc:
            problems.append(f"option {key!r}: {exc}")
            rejected.append(name)
    options = EmbedOptions(**values, rejected=frozenset(rejected))
    conflict = source_conflict(options)
    if conflict:
        problems.append(conflict)
    if options.channel_path and not options.consumer:
        problems.append("option 'channel_path' only applies together with 'consumer'.")
    return options, problems


def _unknown_option(key: str) -> str:
    close = difflib.get_close_matches(key.replace("-", "_"), OPTION_NAMES, n=1)
    hint = f" Did you mean {close[0]!r}?" if close else ""
    return f"unknown option {key!r}; expected one of {', '.join(OPTION_NAMES)}.{hint}"


def source_conflict(options: EmbedOptions) -> str | None:
    """The problem when more than one source option is given, else None."""
    given = [n for n in SOURCE_OPTIONS if getattr(options, n)]
    if len(given) > 1:
        return f"give only one of consumer, consumers or spec, not {' and '.join(given)}."
    return None


def _text(value: Any) -> str:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError(f"expected text, got {type(value).__name__}.")
    return str(value).strip()


def _dotted(value: Any) -> str:
    text = _text(value)
    if not _DOTTED.match(text):
        raise ValueError(f"{text!r} is not a dotted path such as 'myapp.consumers.ChatConsumer'.")
    return text


def _path(value: Any) -> str:
    text = _text(value)
    if not text:
        raise ValueError("expected a value.")
    return text


def _consumers(value: Any) -> tuple[tuple[str, str], ...]:
    """Lines / list items ``dotted.Path /ws/path/``, pairs, or a ``{dotted: path}`` mapping."""
    if isinstance(value, Mapping):
        items: list[Any] = [[k, v] for k, v in value.items()]
    elif isinstance(value, str):
        items = [line for line in value.splitlines() if line.strip()]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        raise ValueError("expected lines of 'dotted.Path /ws/path/'.")
    pairs = [_consumer_pair(item) for item in items]
    if not pairs:
        raise ValueError("expected at least one line 'dotted.Path /ws/path/'.")
    return tuple(pairs)


def _consumer_pair(item: Any) -> tuple[str, str]:
    parts = item.split() if isinstance(item, str) else list(item)
    if len(parts) != 2 or not all(isinstance(p, str) for p in parts):
        raise ValueError(f"{item!r} must be 'dotted.Path /ws/path/' (a class and its address).")
    return _dotted(parts[0]), parts[1]


def _height(value: Any) -> str:
    text = _text(value)
    if re.fullmatch(r"\d+(\.\d+)?", text):
        text += "px"  # a bare number means pixels, as in HTML attributes
    if not _CSS_LENGTH.match(text):
        raise ValueError(f"{text!r} is not a CSS length such as '600px' or '80vh'.")
    return text


def _config(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        try:
            value = json.loads(value) if value.strip() else {}
        except json.JSONDecodeError as exc:
            raise ValueError(f"not valid JSON ({exc}).") from None
    if not isinstance(value, Mapping):
        raise ValueError(
            f'must be a JSON object such as {{"show": {{"sidebar": false}}}}, '
            f"not {type(value).__name__}."
        )
    return dict(value)


def _bool(value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return value is not False
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"expected true or false, not {value!r}.")


_DOWNLOAD_WORDS = {"yml": "yaml", **dict.fromkeys(_TRUE, "on"), **dict.fromkeys(_FALSE, "none")}


def download_format(value: Any) -> str:
    """``json``, ``yaml`` or ``none``; ``on`` for true (the site's format, else json)."""
    if value is None or isinstance(value, bool):
        return "on" if value is not False else "none"
    text = str(value).strip().lower()
    text = _DOWNLOAD_WORDS.get(text, text)
    if text != "on" and text not in DOWNLOAD_FORMATS:
        raise ValueError(f"expected one of {', '.join(DOWNLOAD_FORMATS)}, not {value!r}.")
    return text


def site_download_format(value: Any) -> str:
    """A site-wide ``download`` setting: ``json`` (also true/None), ``yaml`` or ``none``."""
    fmt = download_format(value)
    return "json" if fmt == "on" else fmt


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list | tuple) else re.split(r"[\s,]+", _text(value))
    names = tuple(str(item).strip() for item in items if str(item).strip())
    if not names:
        raise ValueError("expected one or more names.")
    return names


_PARSERS: dict[str, Any] = {
    "consumer": _dotted,
    "consumers": _consumers,
    "channel_path": _path,
    "spec": _path,
    "title": _text,
    "height": _height,
    "config": _config,
    "native": _bool,
    "tags": _names,
    "operations": _names,
    "channels": _names,
    "download": download_format,
}


def element_id(page: str, index: int) -> str:
    """A deterministic, page-unique viewer id: ``asyncapi-<page-slug>-<n>``."""
    slug = _SLUG.sub("-", page.lower()).strip("-") or "page"
    return f"asyncapi-{slug}-{index}"
