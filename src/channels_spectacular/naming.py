"""Naming rules for the document: unique keys, folding, titles code generators turn into types.

Names that code generators would fold together (``ride_offer`` and ``ride.offer``) never
share a namespace; message payloads and their nested models get ``PascalCase`` titles.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Namer",
    "fold",
    "humanize",
    "message_model",
    "model_title",
    "name_nested_models",
    "pascal",
    "pascal_case",
    "payload_title",
    "safe_key",
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SEPARATORS = re.compile(r"[^A-Za-z0-9]+")  # between the words of a PascalCase name
# AsyncAPI 3.0 component keys must match ^[a-zA-Z0-9.\-_]+$.
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_key(name: str, fallback: str = "x") -> str:
    """A key AsyncAPI 3.0 allows in components, derived from any name."""
    if _is_plain(name):
        return name.strip("_") or fallback  # nothing to replace (every message key asks)
    return _UNSAFE.sub("_", name).strip("_") or fallback


def fold(name: str) -> str:
    """The identifier a code generator would make of a name: ``ride.offer`` → ``rideoffer``."""
    lowered = name.lower()
    if lowered.isascii():
        # What the regex keeps of lowercase ASCII, without it when only separators go.
        kept = _without_separators(lowered)
        if kept.isalnum():
            return kept
    return _NON_ALNUM.sub("", lowered)


def _without_separators(name: str) -> str:
    # str methods at C speed; on ASCII, isalnum() of what is left means only [A-Za-z0-9].
    return name.replace(".", "").replace("_", "").replace("-", "")


def _is_plain(name: str) -> bool:
    """Only ASCII letters, digits and ``._-``: a name safe_key and fold need no regex for."""
    return name.isascii() and _without_separators(name).isalnum()


@dataclass
class Namer:
    """Unique keys in one namespace; names that fold to the same identifier also clash."""

    taken: dict[str, str] = field(default_factory=dict)  # folded -> key
    owners: dict[Any, str] = field(default_factory=dict)  # owner -> key
    # name -> (its key, folded): every channel offers the same wire names again. Per Namer,
    # i.e. per document, so it grows with the document and never outlives it.
    seen: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)

    def _key(self, name: str) -> tuple[str, str]:
        found = self.seen.get(name)
        if found is None:
            found = self.seen[name] = _key_and_fold(name)
        return found

    def claim(
        self, owner: Any, candidates: Sequence[str], owners: dict[Any, str] | None = None
    ) -> tuple[str, bool]:
        """The key for ``owner``: the first free candidate, else one with a number.

        ``owners`` (default: the Namer's own) is where owners and their keys are kept: a
        caller whose owners are never asked about again once it moves on keeps its own.
        """
        if owners is None:
            owners = self.owners
        known = owners.get(owner)
        if known is not None:
            return known, False
        if not candidates:
            raise ValueError("Namer.claim needs at least one candidate name.")
        taken, seen = self.taken, self.seen
        chosen, first, key, folded = None, "", "", ""
        # Candidates are made keys one at a time: most owners get the first or second.
        for i, candidate in enumerate(candidates):
            if i:
                # Later candidates (``<channel>.<name>``) are asked once: remembering them
                # would only grow a table that every later message has to reach past.
                key, folded = _key_and_fold(candidate)
            else:
                pair = seen.get(candidate)
                key, folded = pair if pair is not None else self._key(candidate)
                first = key
            if folded not in taken:
                chosen = key
                break
        n = 2
        while chosen is None:
            numbered = f"{key}_{n}"  # key: the last candidate's
            folded = fold(numbered)
            chosen = numbered if folded not in taken else None
            n += 1
        taken[folded] = chosen
        owners[owner] = chosen
        return chosen, chosen != first

    def reserve(self, owner: Any, key: str) -> None:
        """Give ``owner`` a key decided elsewhere (the project's naming): others avoid it."""
        self.taken[fold(key)] = key
        self.owners[owner] = key

    def clashes_with(self, name: str) -> str | None:
        return self.taken.get(self._key(name)[1])


def _key_and_fold(name: str) -> tuple[str, str]:
    """``(safe_key(name), fold(safe_key(name)))``."""
    if name.isascii():
        kept = _without_separators(name)
        if kept.isalnum():  # plain (see _is_plain)
            # The key is the name (less edge underscores), its folded form the letters and
            # digits, lowered.
            return name.strip("_"), kept.lower()
    key = safe_key(name)
    return key, fold(key)


# The naming helpers are pure and see the same few names thousands of times on big
# projects (every property of every payload goes through pascal()), so they are memoized.
@functools.lru_cache(maxsize=4096)
def humanize(name: str) -> str:
    """``request_ride`` / ``ride.offer`` → ``Request ride`` / ``Ride offer``."""
    words = re.sub(r"[._\-\s]+", " ", name).strip()
    return words[:1].upper() + words[1:]


def pascal_case(name: str) -> str:
    """``ride.offer`` → ``RideOffer``, for titles that code generators turn into types."""
    if name.isascii():
        if name.isalnum():
            return name[:1].upper() + name[1:]  # one part: what the split below would give
        if name.replace(".", "").isalnum():
            # Dotted names (``ride.offer``, every event type): str.split, not the regex;
            # empty parts (``a..b``) add nothing, as in the regex's split.
            if name.islower():
                # No capital to keep after a part's first letter: capitalize() is the same
                # thing, all of it at C speed (every message key comes here).
                return "".join(map(str.capitalize, name.split(".")))
            return "".join([part[:1].upper() + part[1:] for part in name.split(".")])
    return "".join([part[:1].upper() + part[1:] for part in _SEPARATORS.split(name)])


# For names that repeat (property names). Message keys are unique per document, so they
# call pascal_case() directly: through the cache they would only evict the names that do.
pascal = functools.lru_cache(maxsize=4096)(pascal_case)


def message_model(message_key: str) -> str:
    """The type name of a message: its key in PascalCase (``ride.offer`` → ``RideOffer``)."""
    return pascal_case(message_key)


def payload_title(message_key: str) -> str:
    """The ``title`` of a message's payload: ``ride.offer`` → ``RideOfferMessage``.

    Takes the key or its model name alike (PascalCase of a PascalCase name is the same).
    """
    return model_title(message_model(message_key))


def model_title(model: str) -> str:
    """The payload ``title`` of a message whose model name (:func:`message_model`) is known."""
    return f"{model}Message"


def name_nested_models(schema: Any, prefix: str) -> None:
    """Give a ``title`` to every nested enum or object schema that has none.

    Code generators (modelina, quicktype) turn untitled enums and objects into
    ``AnonymousSchema_N`` types; ``RequestRidePaymentMethod`` is what a client wants.
    """
    if not isinstance(schema, dict):
        return
    # Runs on every payload of the document: one lookup per keyword, no work for leaves.
    get = schema.get
    props = get("properties")
    if props:
        for prop, sub in props.items():
            # Most fields are leaves (no model, nothing nested): a set operation in C says so.
            if type(sub) is not dict or not _ACTIVE.isdisjoint(sub):
                _title_and_descend(sub, prefix + pascal(prop))
    items = get("items")
    if items is not None:
        if isinstance(items, dict):
            if not _ACTIVE.isdisjoint(items):
                _title_and_descend(items, prefix + "Item")
        elif isinstance(items, list):
            for n, sub in enumerate(items, start=1):
                _title_and_descend(sub, f"{prefix}Item{n}")
    extra = get("additionalProperties")
    if extra is not None and isinstance(extra, dict):
        _title_and_descend(extra, prefix + "Value")
    for combinator in _COMBINATORS:
        subs = get(combinator)
        if subs:
            for n, sub in enumerate(subs, start=1):
                _title_and_descend(sub, prefix if combinator == "allOf" else f"{prefix}Option{n}")


_COMBINATORS = ("oneOf", "anyOf", "allOf")
# Keywords name_nested_models looks into: a schema with none of them has nothing to name.
_NESTING = ("properties", "items", "additionalProperties", *_COMBINATORS)
# A dict schema with none of these keys is neither titled nor looked into.
_ACTIVE = frozenset({"enum", *_NESTING})


def _title_and_descend(schema: Any, name: str) -> None:
    if not isinstance(schema, dict) or "$ref" in schema:
        return
    # Enums, objects and allOf wrappers (a $ref with a default) become types of their own.
    is_model = "enum" in schema or "allOf" in schema or "properties" in schema
    if is_model and "title" not in schema:
        schema["title"] = name
    for key in _NESTING:
        if key in schema:
            name_nested_models(schema, schema.get("title", name) if is_model else name)
            return
