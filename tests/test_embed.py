"""The shared docs-embed resolver (``channels_spectacular.embed``), without any docs tool."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
import yaml

from channels_spectacular.embed import (
    DjangoConfig,
    EmbedOptions,
    copy_viewer_assets,
    element_id,
    filter_spec,
    parse_options,
    resolve_embed,
    search_outline,
    setup_django,
    spec_filename,
    summarize,
    write_if_changed,
)

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ROOT = Path(__file__).resolve().parent.parent
HELLO = Path(__file__).resolve().parent / "sphinx_sites" / "basic" / "specs" / "hello.yaml"
NOTIFICATIONS = ROOT / "examples" / "sphinx" / "specs" / "notifications.yaml"


# -- options --------------------------------------------------------------------------


def test_rest_strings_and_yaml_values_parse_alike() -> None:
    rest, rest_problems = parse_options(
        {
            "consumers": "app.consumers.A /ws/a/\n  app.consumers.B /ws/b/{id}/\n",
            "height": "600",
            "config": '{"show": {"sidebar": false}}',
            "native": "",
            "tags": "rides, drivers",
        }
    )
    typed, typed_problems = parse_options(
        {
            "consumers": [["app.consumers.A", "/ws/a/"], "app.consumers.B /ws/b/{id}/"],
            "height": 600,
            "config": {"show": {"sidebar": False}},
            "native": True,
            "tags": ["rides", "drivers"],
        }
    )
    assert rest == typed
    assert not rest_problems and not typed_problems
    assert rest.consumers == (("app.consumers.A", "/ws/a/"), ("app.consumers.B", "/ws/b/{id}/"))
    assert rest.height == "600px"


def test_hyphen_and_underscore_names_are_the_same_option() -> None:
    options, problems = parse_options({"consumer": "a.B", "channel-path": "/ws/x/"})
    assert options.channel_path == "/ws/x/" and not problems
    assert parse_options({"consumer": "a.B", "channel_path": "/ws/x/"})[0] == options


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"consumr": "a.B"}, "unknown option 'consumr'; expected one of consumer, consumers"),
        ({"consumr": "a.B"}, "Did you mean 'consumer'?"),
        ({"config": "[1]"}, "option 'config': must be a JSON object"),
        ({"config": "{nope"}, "option 'config': not valid JSON"),
        ({"height": "tall"}, "option 'height': 'tall' is not a CSS length"),
        ({"native": "maybe"}, "option 'native': expected true or false"),
        ({"consumer": "a b"}, "is not a dotted path"),
        ({"consumers": "a.B"}, "must be 'dotted.Path /ws/path/'"),
        ({"consumer": "a.B", "spec": "x.yaml"}, "give only one of consumer, consumers or spec"),
        ({"channel_path": "/ws/"}, "'channel_path' only applies together with 'consumer'"),
    ],
)
def test_option_problems_are_messages(raw: dict, expected: str) -> None:
    _, problems = parse_options(raw)
    assert any(expected in p for p in problems), problems


def test_native_flag_values() -> None:
    for value in ("", "true", "Yes", "on", "1", None, True):
        assert parse_options({"native": value})[0].native is True
    for value in ("false", "no", "off", "0", False):
        assert parse_options({"native": value})[0].native is False


def test_element_ids_are_deterministic() -> None:
    assert element_id("api/Rides v2", 3) == "asyncapi-api-rides-v2-3"


# -- resolving ------------------------------------------------------------------------


def test_spec_file_result(tmp_path: Path) -> None:
    result = resolve_embed(
        {"spec": "hello.yaml", "config": {"expand": {"messageExamples": True}}},
        element_id="asyncapi-page-1",
        page_dir=HELLO.parent,
        site_config={"show": {"sidebar": False}},
    )
    assert result.ok and not result.problems
    assert result.sources == (HELLO,)
    assert result.title == "Hello file"
    # A spec file is copied as written, in its own format.
    assert result.spec_bytes == HELLO.read_bytes() and result.download_format == "yaml"
    assert result.spec_filename == spec_filename(HELLO.read_bytes(), "Hello file", "yaml")
    assert result.spec_filename.startswith("hello-file-") and result.spec_filename.endswith(".yaml")
    data = json.loads(result.html.split('class="cs-asyncapi-data">')[1].split("</script>")[0])
    assert data["config"]["show"]["sidebar"] is False  # site default
    assert data["config"]["expand"]["messageExamples"] is True  # the embed's own
    assert 'id="asyncapi-page-1"' in result.html
    summary = result.summarize()
    assert summary is not None and summary.channels[0].operations[0].key == "greet"


def test_spec_path_rooted_at_docs_root() -> None:
    result = resolve_embed(
        {"spec": "/specs/hello.yaml"},
        element_id="a-1",
        page_dir=ROOT,
        docs_root=HELLO.parent.parent,
    )
    assert result.ok and result.sources == (HELLO,)


def test_remote_spec_is_passed_through() -> None:
    result = resolve_embed({"spec": "https://example.com/asyncapi.yaml"}, element_id="a-1")
    assert result.ok and result.spec is None and not result.problems
    assert result.spec_url == "https://example.com/asyncapi.yaml"
    assert '"url":"https://example.com/asyncapi.yaml"' in result.html


def test_bad_spec_files_are_problems(tmp_path: Path) -> None:
    (tmp_path / "cycle.yaml").write_text(HELLO.read_text() + "x-loop: &a [*a]\n")
    (tmp_path / "list.yaml").write_text("- 1\n")
    (tmp_path / "invalid.yaml").write_text("asyncapi: 3.0.0\n")
    for name, expected in (
        ("missing.yaml", "cannot read spec file"),
        ("list.yaml", "expected a mapping at the top level"),
        ("cycle.yaml", "refers to itself through YAML anchors"),
        ("invalid.yaml", "invalid spec file"),
    ):
        result = resolve_embed({"spec": name}, element_id="a-1", page_dir=tmp_path)
        assert any(expected in p for p in result.problems), (name, result.problems)


def _deepest_stack(spec: Path) -> int:
    """How many frames deep ``resolve_embed`` goes for one spec file."""
    depth = deepest = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal depth, deepest
        if event in ("call", "c_call"):
            depth += 1
            deepest = max(deepest, depth)
        elif event in ("return", "c_return", "c_exception"):
            depth -= 1

    sys.setprofile(profile)
    try:
        resolve_embed({"spec": spec.name}, element_id="a-1", page_dir=spec.parent)
    finally:
        sys.setprofile(None)
    return deepest


def test_self_referencing_spec_file_is_found_without_deep_recursion(tmp_path: Path) -> None:
    # Hitting the recursion limit inside the validator can leave CPython 3.11 unable to
    # compile code later ("AST constructor recursion depth mismatch").
    (tmp_path / "hello.yaml").write_text(HELLO.read_text())
    (tmp_path / "cycle.yaml").write_text(HELLO.read_text() + "x-loop: &a [*a]\n")
    assert _deepest_stack(tmp_path / "cycle.yaml") <= _deepest_stack(tmp_path / "hello.yaml")


def test_consumer_result(assert_valid) -> None:
    result = resolve_embed(
        {"consumer": "tests.consumers.ChatConsumer", "channel_path": "/ws/chat/{room}/"},
        element_id="a-1",
        django=DjangoConfig(settings_module="tests.settings"),
    )
    assert result.ok, result.problems
    assert_valid(result.spec)
    assert ROOT / "tests" / "consumers.py" in result.sources
    summary = result.summarize()
    assert summary is not None
    assert [op.key for op in summary.channels[0].operations][:2] == ["say", "message.posted"]
    # Generated: the download copy is the very JSON the viewer inlines (one serialization).
    assert result.download_format == "json" and result.spec_filename.endswith(".json")
    assert json.loads(result.spec_bytes) == result.spec
    data = result.html.split('class="cs-asyncapi-data">')[1].split("</script>")[0]
    assert json.loads(data)["specs"][0]["spec"] == result.spec
    assert result.spec_bytes.decode() in data  # no < > & in this spec: escaping is a no-op


CHAT = {"consumer": "tests.consumers.ChatConsumer", "channel_path": "/ws/chat/{room}/"}


@pytest.mark.parametrize(
    ("site", "option", "fmt"),
    [
        ("yaml", None, "yaml"),
        ("json", "yaml", "yaml"),
        ("yaml", "json", "json"),
        ("json", "none", ""),
        ("none", None, ""),
        ("none", True, "json"),  # "true" means the default format, not the site's "none"
        ("yaml", False, ""),
    ],
)
def test_download_format(site: str, option: object, fmt: str) -> None:
    options = {**CHAT} if option is None else {**CHAT, "download": option}
    django = DjangoConfig(settings_module="tests.settings")
    result = resolve_embed(options, element_id="a-1", django=django, download=site)
    assert result.ok and not [p for p in result.problems if "download" in p], result.problems
    assert result.download_format == fmt
    if not fmt:
        assert result.spec_filename == "" and result.spec_bytes == b""
        return
    assert result.spec_filename.endswith(f".{fmt}")
    assert yaml.safe_load(result.spec_bytes) == result.spec  # JSON is YAML too
    if fmt == "yaml":
        assert not result.spec_bytes.startswith(b"{")


@pytest.mark.parametrize("download", ["json", "yaml", "none"])
@pytest.mark.parametrize("source", ["generated", "file"])
def test_spec_script_carries_the_document(download: str, source: str) -> None:
    options = {**CHAT} if source == "generated" else {"spec": str(HELLO)}
    django = DjangoConfig(settings_module="tests.settings")
    result = resolve_embed(
        options, element_id="a-1", django=django, download=download, spec_script=True
    )
    assert result.ok and not [p for p in result.problems if "generation" not in p]
    text = result.script_bytes.decode("utf-8")
    name = result.script_filename.removesuffix(".js")
    registry = "self.ChannelsSpectacularSpecs"
    head = f'({registry}={registry}||{{}})["{name}"]='
    assert text.startswith(head) and text.endswith(";\n")
    assert json.loads(text[len(head) : -2]) == result.spec
    compact = json.dumps(result.spec, ensure_ascii=False, separators=(",", ":")).encode()
    assert name.endswith(f"-{hashlib.sha256(compact).hexdigest()[:12]}")  # by content
    if result.download_format == "json" and source == "generated":
        assert result.spec_filename == f"{name}.json"  # the same text: the same name
    # The page only names the script: the document is not inline.
    assert f'"script":"{name}"' in result.html and '"spec":' not in result.html
    assert len(result.html) < 2_000


def test_inline_spec_without_spec_script() -> None:
    result = resolve_embed({"spec": str(HELLO)}, element_id="a-1")
    assert result.script_filename == "" and result.script_bytes == b""
    assert '"spec":{' in result.html


def test_filtered_spec_file_is_serialized_not_copied() -> None:
    result = resolve_embed(
        {"spec": str(NOTIFICATIONS), "tags": "marketing"}, element_id="a-1", download="json"
    )
    assert result.ok, result.problems
    assert result.download_format == "json" and json.loads(result.spec_bytes) == result.spec


@pytest.mark.parametrize("bad", ["xml", "2", ["json"]])
def test_bad_download_option_is_a_problem(bad: object) -> None:
    result = resolve_embed({"spec": str(HELLO), "download": bad}, element_id="a-1")
    assert any("option 'download'" in p and "json, yaml, none" in p for p in result.problems)


def test_bad_site_download_format_raises() -> None:
    with pytest.raises(ValueError, match="download must be one of json, yaml, none"):
        resolve_embed({"spec": str(HELLO)}, element_id="a-1", download="xml")


def test_consumer_problems_never_raise() -> None:
    django = DjangoConfig(settings_module="tests.settings")
    result = resolve_embed({"consumer": "tests.consumers.Nope"}, element_id="a-1", django=django)
    assert not result.ok
    assert "cannot import consumer 'tests.consumers.Nope'" in result.problems[0]
    assert ROOT / "tests" / "consumers.py" in result.sources  # watched: fixing it rebuilds
    result = resolve_embed({"consumer": "not a path"}, element_id="a-1", django=django)
    assert not result.ok  # an unusable source never falls back to "all consumers"


def test_django_cannot_switch_settings_in_one_process() -> None:
    problem = setup_django(DjangoConfig(settings_module="other.settings"))
    assert problem and "already set up with settings 'tests.settings'" in problem


def test_options_object_is_accepted() -> None:
    result = resolve_embed(EmbedOptions(spec=str(HELLO)), element_id="a-1")
    assert result.ok and not result.problems


# -- summary and filter ---------------------------------------------------------------


def test_summary_flattens_fields_and_examples() -> None:
    summary = summarize(yaml.safe_load(NOTIFICATIONS.read_text()))
    channel = summary.channels[0]
    assert channel.parameters == (("user_id", "The user the notifications are for."),)
    promo = channel.operations[0]
    assert promo.direction == "server → client" and promo.tags == ("marketing",)
    message = promo.messages[0]
    fields = {f.name: f for f in message.fields}
    assert fields["type"].type == '"promo.offered"' and fields["type"].required
    assert fields["expires_at"].type == "string (date-time)" and not fields["expires_at"].required
    assert json.loads(message.examples[0].json)["code"] == "WEEKEND10"


def test_search_outline_names_targets_and_words() -> None:
    spec = yaml.safe_load(NOTIFICATIONS.read_text())
    outline = search_outline(spec)
    channel = summarize(spec).channels[0]
    expected = [("channel", channel.key)]
    for op in channel.operations:
        expected.append(("operation", f"{channel.key}.{op.key}"))
        expected += [("message", f"{channel.key}.{m.key}") for m in (*op.messages, *op.replies)]
    assert list(outline.targets) == list(dict.fromkeys(expected))  # render_summary's targets
    words = outline.text.split()
    assert len(words) == len(set(words))  # each word once
    for word in ("promo_offered", "marketing", "user_id", "expires_at", "code"):
        assert word in words, word
    assert search_outline({}) == ((), "")
    assert search_outline({"operations": [1], "channels": {"x": None}}) == ((), "")


def test_summary_never_raises_on_odd_documents() -> None:
    odd = {"channels": {"x": {"messages": {"m": {"$ref": "#/nowhere"}}}}, "operations": [1]}
    assert summarize(odd).channels[0].key == "x"
    assert summarize({}).channels == ()


def test_filter_keeps_a_valid_document(assert_valid) -> None:
    spec = yaml.safe_load(NOTIFICATIONS.read_text())
    filtered, problems = filter_spec(spec, tags=["rides"])
    assert not problems
    assert list(filtered["operations"]) == ["receipt_ready"]
    assert list(filtered["channels"]["notifications"]["messages"]) == ["receipt.ready"]
    assert list(filtered["components"]["messages"]) == ["receipt.ready"]
    assert_valid(filtered)
    assert spec["operations"].keys() == {"promo_offered", "receipt_ready"}  # input untouched


def test_filter_names_what_it_cannot_find() -> None:
    spec = yaml.safe_load(NOTIFICATIONS.read_text())
    _, problems = filter_spec(spec, operations=["nope"], channels=["/ws/notifications/{user_id}/"])
    assert problems == [
        "filter: no operation named 'nope' in the spec.",
        "the tags/operations/channels filters match no operation.",
    ]


# -- files ----------------------------------------------------------------------------


def test_write_if_changed_keeps_unchanged_files(tmp_path: Path) -> None:
    path = tmp_path / "a" / "spec.yaml"
    assert write_if_changed(path, b"one")
    mtime = path.stat().st_mtime_ns
    assert not write_if_changed(path, b"one")
    assert path.stat().st_mtime_ns == mtime
    assert write_if_changed(path, b"two") and path.read_bytes() == b"two"
    assert [p.name for p in path.parent.iterdir()] == ["spec.yaml"]  # no temp files left


def test_copy_viewer_assets_once(tmp_path: Path) -> None:
    from tests.support.browser import ensure_assets

    ensure_assets()
    copied = copy_viewer_assets(tmp_path, "bundled")
    assert any(p.name == "asyncapi-init.js" for p in copied)
    assert copy_viewer_assets(tmp_path, "bundled") == []
    assert {p.name for p in copy_viewer_assets(tmp_path / "cdn", "cdn")} == {
        "asyncapi-init.js",
        "asyncapi-viewer.css",
    }
