"""render.py: the libyaml fast path writes exactly what ``yaml.dump`` writes."""

from __future__ import annotations

import copy
import datetime
import json

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from channels_spectacular.render import YAML_OPTIONS, to_json, to_yaml
from tests.support.documents import kitchen_sink, rideshare

# Strings YAML would otherwise read as something else, or has to quote or fold.
TRICKY = [
    "",
    " ",
    "yes",
    "No",
    "on",
    "null",
    "~",
    "true",
    "1",
    "1.0",
    "0x1F",
    "1e3",
    ".inf",
    "2026-11-25",
    "12:30",
    "- item",
    "a: b",
    "#note",
    "&anchor",
    "*alias",
    "!tag",
    "%x",
    "@x",
    "`x",
    "'",
    '"',
    "multi\nline",
    "trailing\n",
    " lead",
    "tab\there",
    "é☕",
    "\u2028",
    "x" * 150,
    "a " * 80,
    "{a}",
    "[1]",
    "?",
    "|",
    ">",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False),
    st.sampled_from(TRICKY),
    st.text(max_size=30),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(TRICKY), st.text(max_size=10)), inner, max_size=4
        ),
    ),
    max_leaves=25,
)


def reference(data: object) -> str:
    return yaml.dump(data, Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper), **YAML_OPTIONS)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(documents)
def test_fast_path_is_byte_identical_to_yaml_dump(data):
    assert to_yaml(data) == reference(data)


def test_real_specs_are_byte_identical_and_round_trip():
    for gen in (rideshare(), kitchen_sink()):
        spec = gen.get_spec()
        assert to_yaml(spec) == reference(spec)
        assert yaml.safe_load(to_yaml(spec)) == spec == json.loads(to_json(spec))


def test_shared_containers_fall_back_to_yaml_dump_anchors():
    shared = {"a": {"b": [1]}}  # three levels: more than the generator ever shares
    data = {"x": shared, "y": shared}
    assert to_yaml(data) == reference(data)
    assert "&id001" in to_yaml(data)


def test_shared_dicts_of_scalars_are_written_out_like_separate_ones():
    # The generator shares these between messages: the text is that of a tree, no anchors.
    flat = {"type": "integer", "minimum": 0}
    data = {"x": flat, "y": [flat, {"z": flat}]}
    tree = {"x": dict(flat), "y": [dict(flat), {"z": dict(flat)}]}
    assert to_yaml(data) == reference(tree)
    assert "&id" not in to_yaml(data)
    # The same when yaml.dump writes the document (a type the fast path leaves to it).
    data["when"], tree["when"] = datetime.date(2026, 1, 2), datetime.date(2026, 1, 2)
    assert to_yaml(data) == reference(tree)
    assert "&id" not in to_yaml(data)
    # PyYAML's own dumper is untouched: it still anchors them.
    assert "&id001" in reference(data)


def test_shared_two_level_scalars_are_written_out_deeper_ones_anchored():
    tags = {"type": "array", "items": {"type": "string"}}
    required = ["action", "id"]
    data = {"a": {"tags": tags, "required": required}, "b": {"tags": tags, "required": required}}
    tree = {k: {"tags": copy.deepcopy(tags), "required": list(required)} for k in "ab"}
    assert to_yaml(data) == reference(tree)
    assert "&id" not in to_yaml(data)
    deeper = {"x": {"y": {"z": 1}}}  # three levels: yaml.dump's anchors, as before
    assert "&id001" in to_yaml([deeper, deeper])
    assert to_yaml([deeper, deeper]) == reference([deeper, deeper])


def test_shared_containers_anywhere_still_become_anchors():
    # Containers held once are not tracked (reference counts): every other one still is.
    item, inner = {"k": [[1]]}, [{"x": [None]}]  # three levels (see written_out)
    for data in (
        [item, item],
        {"a": [item], "b": {"c": item}},
        {"a": inner, "b": [inner]},
        [[inner], {"z": inner}],
    ):
        assert to_yaml(data) == reference(data)
        assert "&id001" in to_yaml(data)


def test_nan_and_infinities():
    data = {"nan": float("nan"), "inf": float("inf"), "ninf": float("-inf")}
    assert to_yaml(data) == reference(data)
