"""A ``SpecSummary`` as docutils nodes: a section per channel and per operation, messages
with a field table and their examples as JSON literal blocks.

It is what search indexes, and the whole output for latex/text/man/epub builders.
:func:`render_search` is the light variant for web HTML pages that show the viewer, where
the rendering is hidden and only feeds the search index and anchors the link targets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from docutils import nodes

from channels_spectacular.embed import (
    ChannelSummary,
    MessageSummary,
    OperationSummary,
    SearchOutline,
    SpecSummary,
)

# (object type, name) → a new node id; the first one per name becomes the target.
# Operations and messages are named ``<channel key>.<key>``: unique across embeds of
# different consumers that share an event name.
Register = Callable[[str, str], str]


def render_summary(summary: SpecSummary, title: str, register: Register) -> list[nodes.Node]:
    """The native rendering of a whole document."""
    head = nodes.paragraph()
    head += nodes.strong(text=title or summary.title or "AsyncAPI")
    if summary.version:
        head += nodes.Text(f" (version {summary.version})")
    out: list[nodes.Node] = [head, *_paragraphs(summary.description)]
    out += [_channel(channel, register) for channel in summary.channels]
    return out


def render_search(outline: SearchOutline, ids: list[str]) -> list[nodes.Node]:
    """A light rendering for search: one paragraph of text carrying every cross-reference
    target of :func:`render_summary` (``ids``: the node ids of ``outline.targets``).

    The page shows the viewer, so this is hidden and only feeds the search index: the text
    finds the page, and the channels, operations and messages, being ``asyncapi`` domain
    objects, are search hits of their own with their anchors (which the HTML writer puts on
    the embed). A handful of nodes instead of thousands of sections keeps big documents
    cheap to build.
    """
    para = nodes.paragraph(text=outline.text)
    para["ids"] = ids
    return [para]


def _channel(channel: ChannelSummary, register: Register) -> nodes.section:
    section = _section(channel.title or channel.key, register("channel", channel.key))
    address = nodes.paragraph(text="Address: ")
    address += nodes.literal(text=channel.address)
    section += address
    section += _paragraphs(channel.summary, channel.description)
    if channel.parameters:
        items = nodes.bullet_list()
        for name, description in channel.parameters:
            item = nodes.paragraph()
            item += nodes.literal(text=name)
            item += nodes.Text(f" — {description}" if description else "")
            items += nodes.list_item("", item)
        section += nodes.paragraph(text="Parameters:")
        section += items
    section += [_operation(channel.key, op, register) for op in channel.operations]
    return section


def _operation(channel: str, op: OperationSummary, register: Register) -> nodes.section:
    heading = f"{op.key} — {op.summary}" if op.summary else op.key
    section = _section(heading, register("operation", f"{channel}.{op.key}"))
    facts = nodes.paragraph()
    facts += nodes.strong(text=op.title or op.key)
    facts += nodes.Text(f": {op.direction} ({op.action})")
    if op.tags:
        facts += nodes.Text(f"; tags: {', '.join(op.tags)}")
    section += facts
    if op.deprecated:
        section += nodes.paragraph("", "", nodes.emphasis(text="Deprecated."))
    if op.inferred:
        section += nodes.paragraph("", "", nodes.emphasis(text="Inferred draft."))
    section += _paragraphs(op.description)
    seen = {op.title, op.summary, op.description}
    for message in op.messages:
        section += _message(channel, "Message", message, register, seen)
    for message in op.replies:
        section += _message(channel, "Reply", message, register, seen)
    return section


def _message(
    channel: str, kind: str, message: MessageSummary, register: Register, seen: set[str]
) -> list[nodes.Node]:
    rubric = nodes.rubric(text=f"{kind} {message.name or message.key}")
    rubric["ids"].append(register("message", f"{channel}.{message.key}"))
    out: list[nodes.Node] = [rubric]
    if message.deprecated:
        out.append(nodes.paragraph("", "", nodes.emphasis(text="Deprecated.")))
    # The operation's texts are usually the message's too: say them once.
    texts = (message.title, message.summary, message.description)
    out += _paragraphs(*(t for t in texts if t not in seen and t != message.name))
    if message.fields:
        out.append(_field_table(message))
    for example in message.examples:
        label = " — ".join(t for t in (example.name, example.summary) if t)
        out.append(nodes.paragraph(text=f"Example: {label}" if label else "Example:"))
        block = nodes.literal_block(example.json, example.json, language="json")
        out.append(block)
    return out


def _field_table(message: MessageSummary) -> nodes.table:
    rows = [[f.name, f.type, "yes" if f.required else "no", f.description] for f in message.fields]
    return _table(["Field", "Type", "Required", "Description"], rows, [25, 20, 10, 45])


def _table(header: list[str], rows: list[list[str]], widths: list[int]) -> nodes.table:
    table = nodes.table(classes=["asyncapi-fields"])
    group = nodes.tgroup(cols=len(header))
    table += group
    group += [nodes.colspec(colwidth=w) for w in widths]
    group += nodes.thead("", _row(header))
    body = nodes.tbody()
    body += [_row(r, literal_first=True) for r in rows]
    group += body
    return table


def _row(cells: list[str], literal_first: bool = False) -> nodes.row:
    row = nodes.row()
    for i, text in enumerate(cells):
        para = nodes.paragraph()
        para += nodes.literal(text=text) if literal_first and i < 2 and text else nodes.Text(text)
        row += nodes.entry("", para)
    return row


def _section(title: str, node_id: str) -> nodes.section:
    section = nodes.section(ids=[node_id], classes=["asyncapi-section"])
    section += nodes.title(text=title)
    return section


def _paragraphs(*texts: str) -> list[nodes.Node]:
    """Markdown descriptions as plain paragraphs (one per blank-line block), `code` kept."""
    blocks: Iterable[str] = (b.strip() for t in texts if t for b in t.split("\n\n"))
    return [_inline(" ".join(b.split())) for b in blocks if b]


def _inline(text: str) -> nodes.paragraph:
    para = nodes.paragraph()
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unmatched backtick: no code spans at all
        parts = [text]
    for i, part in enumerate(parts):
        if part:
            para += nodes.literal(text=part) if i % 2 else nodes.Text(part)
    return para
