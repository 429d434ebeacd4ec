"""Hypothesis strategies for random payload *types* (not values).

``payload_types()`` yields objects accepted by ``channels_spectacular.schema.is_supported``:
scalars, ``list``/``dict``/``tuple``/``set`` of anything, ``Optional``, ``Union``,
``Literal``, ``Annotated``, Enums, and dataclasses and TypedDicts built on the fly, some of
them recursive, their names drawn from a tiny pool so that different classes often share a
``__name__`` (exercising ``Name2`` components). Trees stay small so examples are quick.
"""

# Optional[...] / Union[...] on purpose: "None | None" raises, Union[None, None] does not.
# ruff: noqa: UP007, UP045

from __future__ import annotations

import dataclasses
import enum
import keyword
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal, Optional, TypedDict, Union
from uuid import UUID

from hypothesis import strategies as st

__all__ = ["payload_types"]

# Few names, so that two different generated classes often collide.
CLASS_NAMES = ("Item", "Point", "Node")
FIELD_NAMES = ("id", "name", "value", "items", "kind", "next")

SCALARS: tuple[Any, ...] = (int, str, float, bool, bytes, Decimal, UUID, datetime, date, Any)

_field_names = st.lists(st.sampled_from(FIELD_NAMES), min_size=1, max_size=3, unique=True)
_literal_values = st.lists(
    st.one_of(st.integers(-3, 3), st.sampled_from(["a", "b", "ride.offer"]), st.booleans()),
    min_size=1,
    max_size=3,
    unique_by=lambda v: (type(v), v),
)


def _literal(values: list[Any]) -> Any:
    return Literal[tuple(values)]  # type: ignore[valid-type]


def _enum(name: str, values: list[Any]) -> type[enum.Enum]:
    members = {f"M{i}": value for i, value in enumerate(values)}
    return enum.Enum(name, members)  # type: ignore[return-value]


def _dataclass(name: str, fields: list[tuple[str, Any, bool]]) -> type:
    spec = [
        (fname, hint, dataclasses.field(default=None)) if optional else (fname, hint)
        for fname, hint, optional in sorted(fields, key=lambda f: f[2])  # defaults last
    ]
    return dataclasses.make_dataclass(name, spec)


def _recursive_dataclass(name: str, hint: Any) -> type:
    """``name(value: hint, next: Optional[name] = None)``: refers to itself."""
    cls = dataclasses.make_dataclass(name, [("value", hint), ("next", Any, None)])
    own = Optional[cls]
    cls.__annotations__["next"] = own
    for f in dataclasses.fields(cls):
        if f.name == "next":
            f.type = own
    return cls


def _typeddict(name: str, fields: dict[str, Any], total: bool) -> type:
    return TypedDict(name, fields, total=total)  # type: ignore[operator]


def _fields(children: st.SearchStrategy[Any]) -> st.SearchStrategy[list[tuple[str, Any, bool]]]:
    return _field_names.flatmap(
        lambda names: st.tuples(
            *[st.tuples(st.just(n), children, st.booleans()) for n in names]
        ).map(list)
    )


def _extend(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    names = st.sampled_from(CLASS_NAMES)
    return st.one_of(
        children.map(lambda c: list[c]),  # type: ignore[valid-type]
        children.map(lambda c: dict[str, c]),  # type: ignore[valid-type]
        children.map(lambda c: Optional[c]),
        children.map(lambda c: Annotated[c, "described"]),
        st.tuples(children, children).map(lambda cs: Union[cs]),  # type: ignore[misc]
        st.tuples(children, children).map(lambda cs: tuple[cs]),  # type: ignore[misc]
        st.builds(_dataclass, names, _fields(children)),
        st.builds(_recursive_dataclass, names, children),
        st.builds(
            _typeddict,
            names,
            _fields(children).map(lambda fs: {n: h for n, h, _ in fs}),
            st.booleans(),
        ),
    )


def _leaves() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.sampled_from(SCALARS),
        st.just(None),
        _literal_values.map(_literal),
        st.builds(_enum, st.sampled_from(CLASS_NAMES), _literal_values),
        st.sampled_from([set[int], frozenset[str]]),
    )


def payload_types(max_leaves: int = 6) -> st.SearchStrategy[Any]:
    """Random payload types, at most ``max_leaves`` leaf types each."""
    assert not any(keyword.iskeyword(n) for n in FIELD_NAMES)
    # A bare None payload means "no payload" (envelope only), so it is left out at the root.
    return st.recursive(_leaves(), _extend, max_leaves=max_leaves).filter(lambda t: t is not None)
