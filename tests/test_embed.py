"""The shared docs-embed resolver (``channels_spectacular.embed``), without any docs tool."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from channels_spectacular.embed import (
    DjangoConfig,
    EmbedOptions,
    copy_viewer_assets,
    element_id,
    parse_options,
    resolve_embed,
    setup_django,
    spec_filename,
    write_if_changed,
)
from channels_spectacular.embed_spec import filter_spec, summarize

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
    assert result.spec_filename == spec_filename(result.spec_yaml, "Hello file")
    assert result.spec_filename.startswith("hello-file-")
    assert yaml.safe_load(result.spec_yaml) == result.spec
    data = json.loads(result.html.split('class="cs-asyncapi-data">')[1].split("</script>")[0])
    assert data["config"]["show"]["sidebar"] is False  # site default
    assert data["config"]["expand"]["messageExamples"] is True  # the embed's own
    assert 'id="asyncapi-page-1"' in result.html
    assert result.summary is not None
    assert result.summary.channels[0].operations[0].key == "greet"


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
    (tmp_path / "list.yaml").write_text("- 1\n")
    (tmp_path / "invalid.yaml").write_text("asyncapi: 3.0.0\n")
    for name, expected in (
        ("missing.yaml", "cannot read spec file"),
        ("list.yaml", "expected a mapping at the top level"),
        ("invalid.yaml", "invalid spec file"),
    ):
        result = resolve_embed({"spec": name}, element_id="a-1", page_dir=tmp_path)
        assert any(expected in p for p in result.problems), (name, result.problems)


def test_consumer_result(assert_valid) -> None:
    result = resolve_embed(
        {"consumer": "tests.consumers.ChatConsumer", "channel_path": "/ws/chat/{room}/"},
        element_id="a-1",
        django=DjangoConfig(settings_module="tests.settings"),
    )
    assert result.ok, result.problems
    assert_valid(result.spec)
    assert ROOT / "tests" / "consumers.py" in result.sources
    operations = [op.key for op in result.summary.channels[0].operations]
    assert operations[:2] == ["say", "message.posted"]


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
    assert "promo_offered" in summary.search_text()


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
