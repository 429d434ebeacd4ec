"""render.py: the libyaml fast path writes exactly what ``yaml.dump`` writes."""

from __future__ import annotations

import copy
import datetime
import json
import sys

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from channels_spectacular.render import _BATCH, YAML_OPTIONS, _Text, to_json, to_yaml
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


def big_document(tail: object) -> dict[str, object]:
    """Some 1.5 MB of YAML: many batches of the text stream, non-ASCII only near the end."""
    messages = {
        f"message{i}": {
            "title": f"Message {i}",
            "description": "An ASCII description of the message, long enough to wrap. " * 3,
            "payload": {"type": "object", "properties": {"id": {"type": "integer"}}},
            "examples": [{"id": i, "ok": i % 2 == 0, "note": None}],
        }
        for i in range(3000)
    }
    messages["message2990"]["summary"] = "Café ☕ and 𝄞 (two and four bytes wide)"
    return {"messages": messages, "tail": tail}


def test_big_documents_are_byte_identical_across_batches():
    # ASCII batches first, then text that widens the string; yaml.dump writes the same.
    data = big_document("naïve ☃")
    text = to_yaml(data)
    assert len(text.encode("utf-8")) > 1_000_000
    assert text == reference(data)
    assert "Café ☕ and " in text  # libyaml escapes what is past the BMP
    for indent in (2, 0, "\t", None):
        expected = json.dumps(data, indent=indent, ensure_ascii=False)
        assert to_json(data, indent=indent) == expected + ("\n" if indent else "")


def test_big_documents_fall_back_to_yaml_dump_midway():
    # The fast path has written batches of text when it meets the date, then yaml.dump writes.
    data = big_document(datetime.date(2026, 1, 2))
    text = to_yaml(data)
    assert text == reference(data)
    assert text.endswith("tail: 2026-01-02\n")


def test_text_stream_returns_every_chunk_once_in_order():
    # Batches past the largest, text widened twice midway, empty chunks anywhere.
    chunks = ["", "a"]
    for i in range(520):
        chunks.append(chr(ord("a") + i % 26) * (i * 97 % 60_000))
        chunks.append("" if i % 7 else "é")
        if i in (150, 400):
            chunks.append("☕𝄞" if i == 400 else "☕")
    stream = _Text()
    for chunk in chunks:
        stream.write(chunk)
    assert stream.getvalue() == "".join(chunks)
    assert len("".join(chunks)) > 32 * _BATCH  # the batches grew with the text
    empty = _Text()
    empty.write("")
    assert empty.getvalue() == ""


def test_text_is_the_same_where_appends_copy():
    # A tracer turns CPython's in-place append off: every batch then copies the text.
    data = big_document("naïve ☃")
    previous = sys.gettrace()
    sys.settrace(lambda *args: None)
    try:
        yaml_text, json_text = to_yaml(data), to_json(data)
    finally:
        sys.settrace(previous)
    assert yaml_text == reference(data)
    assert json_text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
