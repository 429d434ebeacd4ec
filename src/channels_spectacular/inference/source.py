"""The parsed source of a consumer's own classes: methods, class attributes, module.

Only the parts inference reads are parsed, each on its own: a consumer's classes and, in
modules that use a channel layer, the functions that call it. No syntax tree outlives the
inference of a consumer (project base classes excepted), so a big project's trees neither
stay in memory nor give the garbage collector work.
"""

from __future__ import annotations

import ast
import inspect
import re
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from types import ModuleType
from typing import Any
from weakref import WeakKeyDictionary

# Classes from these packages are the framework, not the project: never read as source.
FRAMEWORK_MODULES = ("channels.", "django.", "djangochannelsrestframework.", "builtins")

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef

# Searched as a literal (fast), then kept only at a line's start: a ``^`` anchor would make
# the search try every position of a big module.
_CLASS_WORD = re.compile(r"class[ \t]+(\w+)")
_DEF_LINE = re.compile(r"(async[ \t]+)?def[ \t]")
# A line starting with one of these never starts a statement: a block does not end there.
_NOT_A_STATEMENT = "#)]}"


@lru_cache(maxsize=32)
def _block_end(indent: int) -> re.Pattern[str]:
    """The newline before the next line indented at most ``indent`` that starts a statement
    (a newline, not a ``^`` anchor: the search then skips from newline to newline)."""
    return re.compile(rf"\n[ \t]{{0,{indent}}}(?=[^ \t\r\n#)\]}}])")


@dataclass(frozen=True)
class Method:
    """One method of a project class, with where it lives."""

    name: str
    node: FunctionNode
    owner: str  # the class that defines it
    module: str  # dotted module name, for source locations
    line_offset: int = 0  # the class was parsed alone: its line 1 is this line + 1

    @property
    def params(self) -> list[str]:
        """Positional parameter names after ``self``."""
        args = self.node.args
        names = [a.arg for a in [*args.posonlyargs, *args.args]]
        return names[1:] if names and names[0] in ("self", "cls") else names

    def where(self, node: ast.AST | None = None) -> str:
        """``module:line`` of ``node`` (or of the method)."""
        return f"{self.module}:{getattr(node or self.node, 'lineno', 0) + self.line_offset}"


class ModuleText:
    """A module's source text, and what inference reads from it as a whole (read lazily).

    Everything is found by offsets in the one text (no list of lines): reading a class
    touches only its own part of a big module.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.mentions_layer = "layer" in text  # else no channel layer call to read
        self._headers: dict[str, list[tuple[int, int, int]]] | None = None
        self._values: dict[str, ast.expr] | None = None
        self.layer: Any = None  # static.layer_messages' result, kept with the text

    def class_headers(self, name: str) -> list[tuple[int, int, int]]:
        """(offset, 0-based line, indent) of every ``class <name>`` line, in source order."""
        if self._headers is None:
            self._headers = {}
            text, line, counted = self.text, 0, 0
            for match in _CLASS_WORD.finditer(text):
                start = text.rfind("\n", 0, match.start()) + 1
                if text[start : match.start()].strip(" \t"):
                    continue  # not at the start of its line: ``subclass X``, ``x.class y``
                line += text.count("\n", counted, start)
                counted = start
                entry = (start, line, match.start() - start)
                self._headers.setdefault(match.group(1), []).append(entry)
        return self._headers.get(name, [])

    def block(self, start: int) -> str:
        """The statement whose line starts at offset ``start``, its body included: up to
        the next line indented no deeper that starts a statement. A cut in the wrong place
        fails to parse, which callers check."""
        text = self.text
        header_end = text.find("\n", start)
        header = text[start : header_end if header_end >= 0 else len(text)]
        indent = len(header) - len(header.lstrip())
        found = _block_end(indent).search(text, header_end) if header_end >= 0 else None
        block = text[start : found.start() + 1 if found is not None else len(text)]
        return textwrap.dedent(block) if indent else block

    def parse_block(self, start: int) -> ast.stmt | None:
        """The one statement whose line starts at ``start``, parsed alone (None if not)."""
        tree = parse(self.block(start))
        if tree is None or len(tree.body) != 1:
            return None
        return tree.body[0]

    def enclosing_function(self, offset: int) -> int | None:
        """The offset of the innermost ``def`` line whose block holds ``offset``, if any."""
        text = self.text
        start = first = text.rfind("\n", 0, offset) + 1
        indent = -1
        while True:
            end = text.find("\n", start)
            line = text[start : end if end >= 0 else len(text)]
            body = line.lstrip()
            if indent < 0:
                indent = len(line) - len(body)
            if body and body[0] not in _NOT_A_STATEMENT:
                depth = len(line) - len(body)
                if start == first or depth < indent:
                    if _DEF_LINE.match(body):
                        return start
                    if depth == 0:
                        return None  # module level: in no function
                    indent = depth
            if start == 0:
                return None
            start = text.rfind("\n", 0, start - 1) + 1

    def layer_functions(self) -> list[FunctionNode]:
        """The functions whose text mentions a channel layer, in source order."""
        found = {self.enclosing_function(m.start()) for m in re.finditer("layer", self.text)}
        functions = []
        for start in sorted(s for s in found if s is not None):
            node = self.parse_block(start)
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return self._layer_functions_in_tree()  # not found on its own lines
            functions.append(node)
        return functions

    def _layer_functions_in_tree(self) -> list[FunctionNode]:
        tree = self.tree()
        lines = self.text.splitlines(keepends=True)
        return [
            func
            for func in (functions(tree.body) if tree is not None else [])
            if "layer" in "".join(lines[func.lineno - 1 : func.end_lineno])
        ]

    def tree(self) -> ast.Module | None:
        """The whole module, parsed (not kept: the few readers keep what they need)."""
        return parse(self.text)

    def values(self) -> dict[str, ast.expr]:
        """Module-level ``name = <expr>`` assignments (the first one wins)."""
        if self._values is None:
            self._values = {}
            tree = self.tree()
            for stmt in tree.body if tree is not None else []:
                if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
                    target = stmt.targets[0]
                    if isinstance(target, ast.Name):
                        self._values.setdefault(target.id, stmt.value)
        return self._values


@dataclass
class ConsumerSource:
    """The methods (a subclass wins) and class-level values of a consumer's project classes."""

    methods: dict[str, Method] = field(default_factory=dict)
    class_values: dict[str, ast.expr] = field(default_factory=dict)
    modules: list[ModuleText] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def read_consumer(consumer: type) -> ConsumerSource:
    """The project part of ``consumer``'s MRO, parsed; framework classes are skipped."""
    found = ConsumerSource()
    seen_modules: set[str] = set()
    for klass in reversed(inspect.getmro(consumer)):
        if is_framework(klass):
            continue
        module = sys.modules.get(klass.__module__)
        text = module_text(module) if module is not None else None
        node, offset = class_node(klass, text, keep=klass is not consumer)
        if text is None or node is None:
            found.unreadable.append(klass.__qualname__)
            continue
        if klass.__module__ not in seen_modules:
            seen_modules.add(klass.__module__)
            found.modules.append(text)
        for item in node.body:
            if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                method = Method(item.name, item, klass.__name__, klass.__module__, offset)
                found.methods[item.name] = method
            elif isinstance(item, ast.Assign):
                for target in item.targets:
                    if isinstance(target, ast.Name):
                        found.class_values[target.id] = item.value
    return found


def is_framework(klass: type) -> bool:
    """True for classes of Channels, Django, djangochannelsrestframework and builtins."""
    module = klass.__module__ or ""
    return klass is object or module == "builtins" or module.startswith(FRAMEWORK_MODULES)


# A module's text, read once: every consumer of a big module would split it again.
_modules: WeakKeyDictionary[ModuleType, ModuleText | None] = WeakKeyDictionary()
# A project base class's tree, kept: each of its subclasses reads it again.
_bases: WeakKeyDictionary[type, tuple[ast.ClassDef | None, int]] = WeakKeyDictionary()


def module_text(module: ModuleType) -> ModuleText | None:
    """The source of ``module`` (None when it has none)."""
    if module not in _modules:
        try:
            _modules[module] = ModuleText(inspect.getsource(module))
        except (OSError, TypeError):
            _modules[module] = None
    return _modules[module]


def class_node(
    klass: type, text: ModuleText | None, keep: bool = False
) -> tuple[ast.ClassDef | None, int]:
    """The class statement of ``klass`` and the line offset of its line numbers."""
    if keep and klass in _bases:
        return _bases[klass]
    found: tuple[ast.ClassDef | None, int] = (None, 0)
    if text is not None and "<locals>" not in klass.__qualname__:
        found = _class_alone_in(klass, text) or (_find_class(text, klass.__qualname__), 0)
    if found[0] is None:
        found = (_class_alone(klass), 0)  # e.g. a class made inside a function
    if keep:
        _bases[klass] = found
    return found


def _class_alone_in(klass: type, text: ModuleText) -> tuple[ast.ClassDef, int] | None:
    """The class parsed from its own lines of the module (None: not found that way)."""
    if "." in klass.__qualname__:
        return None  # a nested class: read from the whole module
    headers = text.class_headers(klass.__name__)
    first = _first_method_line(klass)
    if first is not None:  # the definition that made this class holds its methods
        headers = [h for h in headers if h[1] < first]
    elif any(indent == 0 for _, _, indent in headers):
        headers = [h for h in headers if h[2] == 0]  # at runtime, the last one wins
    if not headers:
        return None
    start, line, _ = headers[-1]
    node = text.parse_block(start)
    if not isinstance(node, ast.ClassDef) or node.name != klass.__name__:
        return None
    if first is not None and not line + node.end_lineno > first:  # type: ignore[operator]
        return None
    return node, line


def _first_method_line(klass: type) -> int | None:
    """The 0-based first line of the class's own functions (decorators included)."""
    file = getattr(sys.modules.get(klass.__module__), "__file__", None)
    lines = []
    for name, value in vars(klass).items():
        code = getattr(value, "__code__", None)
        if code is None or getattr(value, "__qualname__", "") != f"{klass.__qualname__}.{name}":
            continue
        if code.co_filename == file:
            lines.append(code.co_firstlineno - 1)
    return min(lines) if lines else None


def parse(source: str) -> ast.Module | None:
    """``source`` parsed, or None when it is not valid Python."""
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


def _find_class(text: ModuleText, qualname: str) -> ast.ClassDef | None:
    tree = _parse_module(text.text)
    return _classes(tree).get(qualname) if tree is not None else None


@lru_cache(maxsize=16)
def _parse_module(source: str) -> ast.Module | None:
    # Only for classes not found on their own lines (nested ones): kept for their siblings.
    return parse(source)


@lru_cache(maxsize=16)
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


def functions(body: list[ast.stmt]) -> Iterator[FunctionNode]:
    """Functions and methods defined in these statements, nested ones included."""
    for stmt in body:
        if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef):
            yield stmt
            yield from functions(stmt.body)
        elif isinstance(stmt, ast.ClassDef):
            yield from functions(stmt.body)
        else:
            for inner in nested_bodies(stmt):
                yield from functions(inner)


def nested_bodies(stmt: ast.stmt) -> list[list[ast.stmt]]:
    """The statement lists directly inside ``stmt`` (if/else, loops, try/except, with)."""
    out = []
    for name in ("body", "orelse", "finalbody"):
        value = getattr(stmt, name, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            out.append(value)
    for handler in getattr(stmt, "handlers", []):
        out.append(handler.body)
    return out
