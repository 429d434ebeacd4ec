"""The parsed source of a consumer's own classes: methods, class attributes, module."""

from __future__ import annotations

import ast
import inspect
import sys
import textwrap
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from weakref import WeakKeyDictionary

# Classes from these packages are the framework, not the project: never read as source.
FRAMEWORK_MODULES = ("channels.", "django.", "djangochannelsrestframework.", "builtins")

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Method:
    """One method of a project class, with where it lives."""

    name: str
    node: FunctionNode
    owner: str  # the class that defines it
    module: str  # dotted module name, for source locations

    @property
    def params(self) -> list[str]:
        """Positional parameter names after ``self``."""
        args = self.node.args
        names = [a.arg for a in [*args.posonlyargs, *args.args]]
        return names[1:] if names and names[0] in ("self", "cls") else names

    def where(self, node: ast.AST | None = None) -> str:
        """``module:line`` of ``node`` (or of the method)."""
        return f"{self.module}:{getattr(node or self.node, 'lineno', 0)}"


@dataclass
class ConsumerSource:
    """The methods (a subclass wins) and class-level values of a consumer's project classes."""

    methods: dict[str, Method] = field(default_factory=dict)
    class_values: dict[str, ast.expr] = field(default_factory=dict)
    modules: list[tuple[ast.Module, str]] = field(default_factory=list)  # tree, source
    unreadable: list[str] = field(default_factory=list)


def read_consumer(consumer: type) -> ConsumerSource:
    """The project part of ``consumer``'s MRO, parsed; framework classes are skipped."""
    found = ConsumerSource()
    seen_modules: set[str] = set()
    for klass in reversed(inspect.getmro(consumer)):
        if is_framework(klass):
            continue
        module = sys.modules.get(klass.__module__)
        text = _module_source(module) if module is not None else None
        tree = _parse(text) if text is not None else None
        node = _find_class(tree, klass.__qualname__) if tree is not None else None
        if node is None:
            node = _class_alone(klass)  # e.g. a class made inside a function
        if tree is None or node is None:
            found.unreadable.append(klass.__qualname__)
            continue
        if klass.__module__ not in seen_modules:
            seen_modules.add(klass.__module__)
            found.modules.append((tree, text or ""))
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                found.methods[item.name] = Method(item.name, item, klass.__name__, klass.__module__)
            elif isinstance(item, ast.Assign):
                for target in item.targets:
                    if isinstance(target, ast.Name):
                        found.class_values[target.id] = item.value
    return found


def is_framework(klass: type) -> bool:
    """True for classes of Channels, Django, djangochannelsrestframework and builtins."""
    module = klass.__module__ or ""
    return klass is object or module == "builtins" or module.startswith(FRAMEWORK_MODULES)


# A module's text, read once: every consumer of a big module would join it again.
_sources: WeakKeyDictionary[ModuleType, str | None] = WeakKeyDictionary()


def _module_source(module: ModuleType) -> str | None:
    if module not in _sources:
        try:
            _sources[module] = inspect.getsource(module)
        except (OSError, TypeError):
            _sources[module] = None
    return _sources[module]


@lru_cache(maxsize=256)
def _parse(source: str) -> ast.Module | None:
    # Cached by text: many consumers share a module, and parsing is most of the cost.
    try:
        return ast.parse(source)
    except SyntaxError:
        return None


def _class_alone(klass: type) -> ast.ClassDef | None:
    try:
        lines, start = inspect.getsourcelines(klass)
    except (OSError, TypeError):
        return None
    try:  # not the cached parse: the line numbers are shifted in place below
        tree = ast.parse(textwrap.dedent("".join(lines)))
    except SyntaxError:
        return None
    if not tree.body or not isinstance(tree.body[0], ast.ClassDef):
        return None
    ast.increment_lineno(tree, start - 1)
    return tree.body[0]


def _find_class(tree: ast.Module, qualname: str) -> ast.ClassDef | None:
    if "<locals>" in qualname:
        return None  # a class made inside a function: its source is not addressable
    return _classes(tree).get(qualname)


@lru_cache(maxsize=256)
def _classes(tree: ast.Module) -> dict[str, ast.ClassDef]:
    """The classes of a module by qualified name (the last definition wins, as at runtime)."""
    found: dict[str, ast.ClassDef] = {}
    stack: list[tuple[str, list[ast.stmt]]] = [("", tree.body)]
    while stack:
        prefix, body = stack.pop()
        for node in body:
            if isinstance(node, ast.ClassDef):
                found[prefix + node.name] = node
                stack.append((f"{prefix}{node.name}.", node.body))
    return found
