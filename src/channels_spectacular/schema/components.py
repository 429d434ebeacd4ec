"""Component registry: one name per Python type (by identity), safe ``$ref`` building."""

from __future__ import annotations

import copy
from collections.abc import Callable, Hashable, Mapping
from typing import Any

from ..diagnostics import Diagnostics
from ..naming import safe_key
from ..pointers import ref

SCHEMAS_POINTER = "#/components/schemas/"


def safe_name(name: str) -> str:
    """A component key allowed by AsyncAPI 3.0, derived from any type name."""
    return safe_key(name, "Schema")


def describe(key: Hashable) -> str:
    """``module.Qualname`` of the class a registry key stands for, else the key's repr."""
    parts = key if isinstance(key, tuple) else (key,)
    cls = next((p for p in parts if isinstance(p, type)), None)
    return f"{cls.__module__}.{cls.__qualname__}" if cls is not None else repr(key)


class ComponentRegistry:
    """Schemas under ``components/schemas``, keyed by the Python object they came from.

    The same object always gets the same name; a different object that wants a taken
    name gets ``Name2``, ``Name3``… (deterministic: first come, first served) and a
    warning, so two types are never merged or overwritten.
    """

    def __init__(
        self,
        diagnostics: Diagnostics | None = None,
        predefined: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.diagnostics = diagnostics if diagnostics is not None else Diagnostics()
        self.schemas: dict[str, Any] = {}
        self._names: dict[Hashable, str] = {}
        self._owners: dict[str, str] = {}  # name -> location that claimed it
        self._refcount: dict[str, int] = {}
        self.depth = 0  # how many schema_for calls are open: types nest, the stack must not
        # Copied subschemas of scalars only, by content (marshal bytes: 1 and True, 0.0 and
        # -0.0 differ), so equal ones are checked once and are one object (None: every copy
        # its own, checked each time; jsonschema.UnsharedLeaves: checked once, each use a
        # copy; see DocumentBuilder.share).
        self.leaves: dict[bytes, dict[str, Any]] | None = None
        for name, schema in (predefined or {}).items():
            # Its own copy: titles are added to nested models, and the document is handed out.
            self.schemas[name] = copy.deepcopy(dict(schema))
            self._owners[name] = "the COMPONENTS setting"

    def ref(self, name: str) -> dict[str, str]:
        self._refcount[name] = self._refcount.get(name, 0) + 1
        return ref("components", "schemas", name)

    def has(self, name: str) -> bool:
        return name in self.schemas

    def name_of(self, key: Hashable) -> str | None:
        return self._names.get(key)

    def named(
        self,
        key: Hashable,
        name: str,
        build: Callable[[], dict[str, Any]],
        location: str = "",
    ) -> dict[str, str]:
        """A ``$ref`` to the component for ``key``, building it on first use.

        The name is reserved before ``build`` runs, so recursive types end in a ``$ref``
        instead of expanding forever.
        """
        if key in self._names:
            return self.ref(self._names[key])
        final = self._claim(key, name, location)
        self.schemas[final] = self._build(key, final, build)
        return self.ref(final)

    def inline(
        self,
        key: Hashable,
        name: str,
        build: Callable[[], dict[str, Any]],
        location: str = "",
    ) -> dict[str, Any]:
        """The schema for ``key`` inline, unless it is already a component or refers to itself."""
        if key in self._names:
            return self.ref(self._names[key])
        final = self._claim(key, name, location)
        schema = self._build(key, final, build)
        if self._refcount.get(final):
            self.schemas[final] = schema  # recursive: it has to stay a component
            return self.ref(final)
        del self.schemas[final], self._names[key], self._owners[final]
        return schema

    def _build(self, key: Hashable, final: str, build: Callable[[], dict[str, Any]]) -> Any:
        """Run ``build``; if it fails, give the reserved name back so no ``None`` is left."""
        try:
            return build()
        except BaseException:
            del self.schemas[final], self._names[key], self._owners[final]
            raise

    def _claim(self, key: Hashable, name: str, location: str) -> str:
        base = safe_name(name)
        final, n = base, 1
        while final in self.schemas:
            n += 1
            final = f"{base}{n}"
        owner = f"{describe(key)} (at {location})" if location else describe(key)
        if final != base:
            self.diagnostics.warn(
                location,
                f"{owner} wants the component name {base!r}, already taken by "
                f"{self._owners[base]}; it is documented as {final!r}. Rename one of the two "
                "types to keep stable component names.",
                code="component-name-collision",
            )
        self._names[key] = final
        self._owners[final] = owner
        self.schemas[final] = None  # reserved while building
        return final
