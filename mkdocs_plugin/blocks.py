"""Finding ```` ```asyncapi ```` fenced blocks in a page's Markdown, without superfences."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["Block", "find_blocks", "parse_body", "replace_blocks"]

LANGUAGE = "asyncapi"

# An opening fence: up to 3 spaces more than the container's indent, 3+ backticks or
# tildes, then the info string (backtick fences may not have backticks in it).
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*?)[ \t]*$")
_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})(?:[ \t]|$)")


@dataclass(frozen=True)
class Block:
    """One ```` ```asyncapi ```` block: position (1-based lines), indent and YAML body."""

    index: int
    start: int  # line number of the opening fence
    end: int  # line number of the closing fence (or the last line when unclosed)
    indent: str
    body: str
    heading_level: int  # level of the closest heading above, 0 when none

    @property
    def label(self) -> str:
        """How warnings name the block."""
        return f"asyncapi block {self.index} (line {self.start})"


@dataclass
class _Open:
    fence: str
    indent: str
    start: int
    is_ours: bool
    body: list[str]


def find_blocks(markdown: str) -> list[Block]:
    """All ```` ```asyncapi ```` blocks, skipping those shown inside other code blocks."""
    blocks: list[Block] = []
    current: _Open | None = None
    heading = 0
    lines = markdown.split("\n")
    for number, line in enumerate(lines, start=1):
        if current is None:
            current = _opening(line, number)
            if current is None and (match := _HEADING.match(line)):
                heading = len(match.group(1))
        elif _closes(line, current.fence):
            if current.is_ours:
                blocks.append(_block(current, number, len(blocks) + 1, heading))
            current = None
        else:
            current.body.append(line)
    if current is not None and current.is_ours:
        # Like Markdown itself, an unclosed fence runs to the end of the page.
        blocks.append(_block(current, len(lines), len(blocks) + 1, heading))
    return blocks


def _opening(line: str, number: int) -> _Open | None:
    match = _FENCE.match(line)
    if not match:
        return None
    fence, info = match.group("fence"), match.group("info")
    if fence[0] == "`" and "`" in info:
        return None  # an inline code span such as ```x```, not a fence
    words = info.lstrip("{.").split()
    is_ours = bool(words) and words[0].rstrip("}") == LANGUAGE
    return _Open(fence, match.group("indent"), number, is_ours, [])


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) >= len(fence) and set(stripped) == {fence[0]} and stripped.startswith(fence)
    )


def _block(current: _Open, end: int, index: int, heading: int) -> Block:
    body = "\n".join(_dedent(line, current.indent) for line in current.body)
    return Block(index, current.start, end, current.indent, body, heading)


def _dedent(line: str, indent: str) -> str:
    return line[len(indent) :] if line.startswith(indent) else line.lstrip()


def parse_body(body: str) -> tuple[dict[str, Any], str | None]:
    """The block's YAML options (empty body: ``{}``) and a problem message, if any."""
    import yaml

    try:
        value = yaml.safe_load(body) if body.strip() else {}
    except yaml.YAMLError as exc:
        return {}, f"the block is not valid YAML: {_yaml_problem(exc)}"
    if value is None:
        return {}, None
    if not isinstance(value, dict):
        return {}, (
            "the block must be a YAML mapping of options such as "
            f"'consumer: myapp.consumers.ChatConsumer', not a {type(value).__name__}."
        )
    return value, None


def _yaml_problem(exc: Exception) -> str:
    return " ".join(str(exc).split())


def replace_blocks(markdown: str, blocks: Sequence[Block], render: Callable[[Block], str]) -> str:
    """``markdown`` with each block's lines replaced by ``render(block)``, indented alike."""
    lines = markdown.split("\n")
    for block in sorted(blocks, key=lambda b: b.start, reverse=True):
        text = render(block)
        new = [f"{block.indent}{line}" if line else "" for line in text.split("\n")]
        lines[block.start - 1 : block.end] = new
    return "\n".join(lines)
