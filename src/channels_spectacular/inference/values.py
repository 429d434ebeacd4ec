"""JSON Schema fragments for the values a consumer puts in the frames it sends."""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from typing import Any

Schema = dict[str, Any]
# Look up what a name or an ``event["key"]`` stands for in the current function.
Resolver = Callable[[ast.expr], Schema | None]

CALL_TYPES = {
    "str": "string",
    "repr": "string",
    "format": "string",
    "isoformat": "string",
    "strftime": "string",
    "join": "string",
    "upper": "string",
    "lower": "string",
    "strip": "string",
    "int": "integer",
    "len": "integer",
    "count": "integer",
    "float": "number",
    "round": "number",
    "bool": "boolean",
    "list": "array",
    "sorted": "array",
    "tuple": "array",
    "dict": "object",
}

# Expressions whose type the source does not say (a name, a lookup, an attribute).
_UNTYPED = frozenset({ast.Name, ast.Subscript, ast.Attribute, ast.Await})


def value_schema(node: ast.expr, resolve: Resolver | None = None, depth: int = 0) -> Schema:
    """What a literal-ish expression sends: types, ``const`` for literal strings, else ``{}``."""
    if depth > 6:
        return {}
    # Exact classes (trees come from ast.parse): identity tests are the cheapest.
    kind = node.__class__
    expr: Any = node  # read by the attributes of the class just tested
    if kind is ast.Constant:  # most values; a resolver reads names and lookups only
        return constant_schema(expr.value)
    if resolve is not None:
        found = resolve(expr)
        if found is not None:
            return found
    if kind in _UNTYPED:  # the common rest, ruled out before the type tests
        return {}
    if kind is ast.JoinedStr:
        return {"type": "string"}
    if kind is ast.Dict:
        return dict_schema(expr, resolve, depth + 1) or {"type": "object"}
    if kind is ast.DictComp:
        return {"type": "object"}
    if kind in _SEQUENCES:
        return array_schema(expr.elts, resolve, depth)
    if kind in _COMPREHENSIONS:
        return {"type": "array"}
    if kind is ast.Compare or (kind is ast.UnaryOp and isinstance(expr.op, ast.Not)):
        return {"type": "boolean"}
    if kind is ast.BinOp and isinstance(expr.op, ast.Mod | ast.Add):
        sides = [value_schema(expr.left, resolve, depth + 1), value_schema(expr.right, resolve)]
        if any(s.get("type") == "string" for s in sides):
            return {"type": "string"}
    if kind is ast.Call:
        name = call_name(expr)
        if name in CALL_TYPES:
            return {"type": CALL_TYPES[name]}
        if name == "get" and len(expr.args) == 2:  # x.get("text", ""): typed by its default
            default = value_schema(expr.args[1], None, depth + 1)
            default.pop("const", None)
            return default if default.get("type") != "null" else {}
    return {}


_SEQUENCES = frozenset({ast.List, ast.Tuple, ast.Set})
_COMPREHENSIONS = frozenset({ast.ListComp, ast.SetComp, ast.GeneratorExp})


def constant_schema(value: Any) -> Schema:
    """The schema of one literal value."""
    kind = value.__class__  # the exact classes first: a parsed literal is one of them
    if kind is str:
        return {"type": "string", "const": value}
    if kind is int:
        return {"type": "integer"}
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, str):
        return {"type": "string", "const": value}
    if value is None:
        return {"type": "null"}
    return {}


def array_schema(items: list[ast.expr], resolve: Resolver | None, depth: int) -> Schema:
    out: Schema = {"type": "array"}
    kinds = [value_schema(i, resolve, depth + 1) for i in items]
    types = {k.get("type") for k in kinds}
    if kinds and len(types) == 1 and None not in types:
        out["items"] = {"type": types.pop()}
    return out


def dict_schema(node: ast.Dict, resolve: Resolver | None = None, depth: int = 0) -> Schema:
    """An object schema of a dict literal with string keys; ``{}`` when keys are not literal."""
    props: dict[str, Schema] = {}
    for key, value in zip(node.keys, node.values, strict=True):
        if key.__class__ is not ast.Constant or key.value.__class__ is not str:
            return {}  # ``**other`` or computed keys: the shape is not in the source
        props[key.value] = value_schema(value, resolve, depth + 1)
    return {"type": "object", "properties": props, "required": list(props)}


def call_name(node: ast.Call) -> str:
    """``foo`` for ``foo(...)`` and ``x.foo(...)``."""
    func = node.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def merge(a: Mapping[str, Any], b: Mapping[str, Any]) -> Schema:
    """One schema for a field seen with two values: same type kept, literals become an enum."""
    if a == b:
        return dict(a)
    if not a or not b:
        return {}
    literals = [_literals(s) for s in (a, b)]
    if a.get("type") == b.get("type") == "string" and all(literals):
        values = sorted({*literals[0], *literals[1]})  # type: ignore[misc]
        return {"type": "string", "enum": values}
    if a.get("type") == b.get("type") and a.get("type") is not None:
        if a["type"] == "object":
            return merge_objects(a, b)
        return {"type": a["type"]}
    return {}


def _literals(schema: Mapping[str, Any]) -> list[str] | None:
    if "const" in schema:
        return [schema["const"]]
    if "enum" in schema:
        return list(schema["enum"])
    return None


def merge_objects(a: Mapping[str, Any], b: Mapping[str, Any]) -> Schema:
    """Two object shapes of one message: every field, required where both require it."""
    pa, pb = a.get("properties", {}), b.get("properties", {})
    props = {
        k: merge(pa[k], pb[k]) if k in pa and k in pb else dict(pa.get(k) or pb[k])
        for k in [*pa, *(k for k in pb if k not in pa)]
    }
    required = [r for r in a.get("required", []) if r in b.get("required", [])]
    out: Schema = {"type": "object", "properties": props}
    if required:
        out["required"] = required
    return out
