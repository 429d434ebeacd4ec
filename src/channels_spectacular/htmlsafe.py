"""Keeping author-written text harmless where no Content-Security-Policy can help.

Two tools, both stdlib only: :func:`sanitize_html` keeps an allowlist of the tags and
attributes Markdown produces (no event handlers, styles or script URLs), and
:func:`neutralize_markdown` shows raw HTML in a Markdown text literally instead of letting a
Markdown renderer pass it through. :func:`neutralize_spec` applies the second to every
description and summary of a document (a copy: the downloadable spec keeps the original).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from html.parser import HTMLParser
from typing import Any

__all__ = ["neutralize_markdown", "neutralize_spec", "safe_url", "sanitize_html"]

# What Markdown (with the usual extensions: tables, admonitions, highlighting, toc) writes.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "img",
        "ins",
        "kbd",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "u",
        "ul",
    ]
)
VOID_TAGS = frozenset({"br", "hr", "img"})
# Dropped with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    [
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "textarea",
        "title",
        "svg",
        "math",
        "frame",
        "frameset",
        "applet",
        "xmp",
        "noembed",
        "noframes",
        "select",
    ]
)
ALLOWED_ATTRIBUTES = frozenset(
    [
        "href",
        "src",
        "alt",
        "title",
        "class",
        "id",
        "align",
        "colspan",
        "rowspan",
        "start",
        "open",
        "lang",
        "scope",
    ]
)
URL_ATTRIBUTES = frozenset({"href", "src"})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(value: str) -> bool:
    """True for relative URLs and http(s)/mailto ones; never ``javascript:`` or ``data:``."""
    compact = _CONTROL.sub("", value)  # browsers ignore these inside a scheme
    match = _SCHEME.match(compact)
    return match is None or match.group(1).lower() in SAFE_SCHEMES


class _Sanitizer(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.dropping: list[str] = []  # open elements whose content is discarded

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.dropping or tag in DROPPED_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self.dropping.append(tag)
            return
        if tag not in ALLOWED_TAGS:
            return
        kept = []
        for name, value in attrs:
            value = value or ""
            if name not in ALLOWED_ATTRIBUTES or (name in URL_ATTRIBUTES and not safe_url(value)):
                continue
            kept.append(f' {name}="{html.escape(value)}"')
        self.out.append(f"<{tag}{''.join(kept)}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.dropping and self.dropping[-1] == tag:
            self.dropping.pop()

    def handle_endtag(self, tag: str) -> None:
        if self.dropping:
            if tag in self.dropping:
                while self.dropping and self.dropping.pop() != tag:
                    pass
            return
        if tag in ALLOWED_TAGS and tag not in VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))


def sanitize_html(markup: str) -> str:
    """``markup`` with only allowlisted tags and attributes; comments and scripts removed."""
    parser = _Sanitizer()
    parser.feed(markup)
    parser.close()
    return "".join(parser.out)


# -- Markdown ---------------------------------------------------------------------------

_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
_TICKS = re.compile(r"`+")


def neutralize_markdown(text: str) -> str:
    """``text`` with ``<`` outside code written as ``&lt;``: raw HTML shows as text.

    Code spans and fenced blocks are left alone (their ``<`` is literal already).
    """
    if "<" not in text:
        return text
    out = _neutralize_outside_fences(text)
    return text if out == text else out


def _neutralize_outside_fences(text: str) -> str:
    pieces: list[str] = []
    fence = ""
    chunk: list[str] = []
    for line in text.split("\n"):
        match = _FENCE_LINE.match(line)
        if fence:
            pieces.append(line)
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            if chunk:
                pieces.append(_outside_code_spans("\n".join(chunk)))
                chunk = []
            fence = match.group(1)
            pieces.append(line)
            continue
        chunk.append(line)
    if chunk:
        pieces.append(_outside_code_spans("\n".join(chunk)))
    return "\n".join(pieces)


def _outside_code_spans(text: str) -> str:
    out: list[str] = []
    pos = 0
    while pos < len(text):
        match = _TICKS.search(text, pos)
        if match is None:
            out.append(text[pos:].replace("<", "&lt;"))
            break
        out.append(text[pos : match.start()].replace("<", "&lt;"))
        closing = re.compile(rf"(?<!`){match.group(0)}(?!`)").search(text, match.end())
        if closing is None:  # an unmatched run of backticks is literal text
            out.append(match.group(0))
            pos = match.end()
            continue
        out.append(text[match.start() : closing.end()])
        pos = closing.end()
    return "".join(out)


MARKDOWN_KEYS = frozenset({"description", "summary"})
_PLAIN = frozenset({str, int, float, bool, type(None)})  # returned as they are


def neutralize_spec(spec: Any) -> Any:
    """``spec`` with every ``description``/``summary`` string neutralised.

    Parts without raw HTML are shared, not copied; ``spec`` itself is never modified.
    """
    # Exact types first: this walks every value of an embedded document, and an isinstance
    # check against Mapping is slow for the strings and numbers that are most of them.
    kind = type(spec)
    if kind is dict or (kind not in _PLAIN and isinstance(spec, Mapping)):
        changed = False
        out = {}
        for key, value in spec.items():
            if key in MARKDOWN_KEYS and isinstance(value, str):
                new = neutralize_markdown(value)
            else:
                new = value if type(value) in _PLAIN else neutralize_spec(value)
            changed = changed or new is not value
            out[key] = new
        return out if changed else spec
    if kind is list or isinstance(spec, list):
        items = [item if type(item) in _PLAIN else neutralize_spec(item) for item in spec]
        return items if any(a is not b for a, b in zip(items, spec, strict=True)) else spec
    return spec
