"""Warnings and errors collected during generation, each with its source location."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Literal

logger = logging.getLogger("channels_spectacular")

Level = Literal["error", "warning", "info"]


class GenerationError(ValueError):
    """Raised when a spec cannot be generated; the message names the location and the fix."""


@dataclass(frozen=True)
class Diagnostic:
    """One problem found while generating, e.g. at ``RideConsumer.handle_request_ride``."""

    level: Level
    location: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{self.level.upper()}: {where}{self.message}"


@dataclass
class Diagnostics:
    """Collects diagnostics for one generation run, without duplicates."""

    items: list[Diagnostic] = field(default_factory=list)
    disabled: frozenset[str] = frozenset()
    _seen: set[Diagnostic] = field(default_factory=set, repr=False, compare=False)

    def add(self, level: Level, location: str, message: str, code: str = "") -> None:
        item = Diagnostic(level, location, message, code)
        if (level != "error" and code in self.disabled) or item in self._seen:
            return
        self._seen.add(item)
        self.items.append(item)

    def warn(self, location: str, message: str, code: str = "") -> None:
        self.add("warning", location, message, code)

    def info(self, location: str, message: str, code: str = "") -> None:
        self.add("info", location, message, code)

    def error(self, location: str, message: str, code: str = "") -> None:
        self.add("error", location, message, code)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "error"]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level == "warning"]

    def summary(self) -> str:
        """A one-line count, like drf-spectacular's ``Schema generation summary``."""
        return f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"

    def raise_errors(self) -> None:
        """Raise one ``GenerationError`` listing every error, if there are any."""
        if self.errors:
            lines = "\n".join(f"  {d}" for d in self.errors)
            raise GenerationError(f"AsyncAPI generation failed ({self.summary()}):\n{lines}")

    def log(self) -> None:
        for d in self.items:
            {"error": logger.error, "warning": logger.warning, "info": logger.info}[d.level](
                "%s", d
            )
