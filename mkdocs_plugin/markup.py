"""The HTML and Markdown the plugin writes around a viewer: links, search text, native view.

The viewer itself comes from ``channels_spectacular.viewer`` (via ``embed.resolve_embed``);
this module only writes what is MkDocs-specific, and escapes every value it interpolates.
"""

from __future__ import annotations

import html
import re

from channels_spectacular.embed import (
    ChannelSummary,
    MessageSummary,
    OperationSummary,
    SpecSummary,
    neutralize_markdown,
)

__all__ = ["download_html", "native_markdown", "problem_html", "search_html", "slot_html"]

# Characters Python-Markdown treats as syntax; a backslash makes each one literal.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~])")
_FENCE_LINE = re.compile(r"^[ \t]*(`{3,}|~{3,})")


def slot_html(slot_id: str) -> str:
    """An empty marker that ``on_post_page`` replaces with the viewer, after search indexing."""
    return f'<div class="cs-asyncapi-slot" data-cs-slot="{html.escape(slot_id)}"></div>'


def download_html(href: str, filename: str) -> str:
    """A download link for the generated spec file."""
    return (
        '<p class="cs-asyncapi-download">'
        f'<a href="{html.escape(href)}" download="{html.escape(filename)}">'
        "Download the AsyncAPI document</a> "
        f"<code>{html.escape(filename)}</code></p>"
    )


def search_html(text: str) -> str:
    """Hidden text naming channels, operations and messages, so search plugins index them."""
    lines = "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n"))
    return f'<div class="cs-asyncapi-search" hidden>{lines}</div>'


def problem_html(label: str) -> str:
    """What a page shows where a block failed (the details are in the build log)."""
    return (
        f'<p class="cs-asyncapi-problem">{html.escape(label)} could not be rendered; '
        "see the MkDocs build log.</p>"
    )


# -- native rendering -------------------------------------------------------------------


def native_markdown(summary: SpecSummary, level: int) -> str:
    """The document as Markdown: channels, operations, messages with fields and examples.

    ``level`` is the heading level of the channels (one below the enclosing section).
    """
    level = max(1, min(level, 4))
    title = f"**{text(summary.title)}**" if summary.title else ""
    if summary.version:
        title += f" · version {text(summary.version)}"
    parts = [title.strip(" ·"), _paragraph(summary.description)]
    for channel in summary.channels:
        parts += _channel(channel, level)
    return "\n\n".join(part for part in parts if part)


def _channel(channel: ChannelSummary, level: int) -> list[str]:
    name = channel.title or channel.key
    parts = [
        f"{'#' * level} {text(name)} {code(channel.address)}",
        _paragraph(channel.summary),
        _paragraph(channel.description),
    ]
    if channel.parameters:
        rows = [
            f"- {code(name)}" + (f": {text(desc)}" if desc else "")
            for name, desc in channel.parameters
        ]
        parts.append("**Parameters**\n\n" + "\n".join(rows))
    for op in channel.operations:
        parts += _operation(op, level + 1)
    return parts


def _operation(op: OperationSummary, level: int) -> list[str]:
    facts = [f"*{text(op.direction)}*", code(op.key)]
    facts += [f"tag {code(tag)}" for tag in op.tags if tag]
    if op.deprecated:
        facts.append("**deprecated**")
    if op.inferred:
        facts.append("**inferred draft**")
    parts = [
        f"{'#' * level} {text(op.title or op.summary or op.key)}",
        " · ".join(facts),
        _paragraph(op.summary if op.title else ""),
        _paragraph(op.description),
    ]
    said = {op.title, op.summary, op.description}
    parts += [_message(m, "Message", said) for m in op.messages]
    parts += [_message(m, "Reply", said) for m in op.replies]
    return parts


def _message(message: MessageSummary, kind: str, said: set[str]) -> str:
    head = f"**{kind}** {code(message.name or message.key)}"
    if message.title and message.title not in said:
        head += f" — {text(message.title)}"
    if message.deprecated:
        head += " (**deprecated**)"
    # Generated messages often repeat their operation's texts; say each thing once.
    texts = [t for t in (message.summary, message.description) if t not in said]
    parts = [head, *map(_paragraph, texts)]
    if message.fields:
        parts.append(_fields_table(message))
    for example in message.examples:
        label = text(example.name or "Example")
        if example.summary:
            label += f" — {text(example.summary)}"
        parts.append(f"*{label}*\n\n{fenced(example.json, 'json')}")
    return "\n\n".join(part for part in parts if part)


def _fields_table(message: MessageSummary) -> str:
    rows = ["| Field | Type | Required | Description |", "| --- | --- | --- | --- |"]
    for field in message.fields:
        cells = [
            code(field.name),
            code(field.type) if field.type else "",
            "yes" if field.required else "no",
            text(" ".join(field.description.split())),
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


# -- escaping ---------------------------------------------------------------------------


def text(value: str) -> str:
    """Plain text as Markdown: HTML and Markdown syntax both shown literally, one line."""
    value = " ".join(value.split())
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", value)


def code(value: str) -> str:
    """An inline code span holding ``value`` literally, whatever backticks it contains."""
    value = " ".join(value.split())
    if not value:
        return ""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") or longest else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def fenced(body: str, language: str = "") -> str:
    """A fenced code block longer than any fence inside ``body``."""
    runs = [len(m.group(1)) for m in map(_FENCE_LINE.match, body.split("\n")) if m]
    fence = "`" * max(3, *(n + 1 for n in runs)) if runs else "```"
    return f"{fence}{language}\n{body}\n{fence}"


def _paragraph(markdown: str) -> str:
    """Author-written Markdown (a description): kept as Markdown, with raw HTML neutralised."""
    if not markdown.strip():
        return ""
    lines = neutralize_markdown(markdown).split("\n")
    open_fence = ""
    for line in lines:
        match = _FENCE_LINE.match(line)
        if match and (not open_fence or match.group(1).startswith(open_fence)):
            open_fence = "" if open_fence else match.group(1)
    if open_fence:
        lines.append(open_fence)  # an unclosed fence would swallow the rest of the page
    return "\n".join(lines)
