"""``export_asyncapi`` through ``call_command`` (and once as a real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command
from django.test import override_settings

from channels_spectacular import AsyncAPIGenerator
from tests.asgi import RoomConsumer
from tests.support.browser import ensure_assets

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

ROOT = Path(__file__).resolve().parents[1]
SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"
ROOM = "tests.asgi.RoomConsumer:/ws/rooms/{room_id}/"
ITEM = "tests.asgi.ItemConsumer:/ws/items/{item_id}/"


@pytest.fixture(scope="module", autouse=True)
def assets():
    ensure_assets()  # the packaged JSON Schema for --validate


@pytest.fixture(autouse=True)
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def export(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("export_asyncapi", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def failing(*args: str) -> CommandError:
    with pytest.raises(CommandError) as info:
        export(*args)
    assert "\n" not in str(info.value)  # one clear line
    return info.value


def test_default_output_from_discovery(in_tmp, assert_valid):
    _, err = export()
    spec = yaml.safe_load((in_tmp / "asyncapi.yaml").read_text())
    assert "/ws/rooms/{room_id}/" in [c["address"] for c in spec["channels"].values()]
    assert spec["servers"]["default"] == {"host": "localhost:8000", "protocol": "ws"}
    assert "Wrote asyncapi.yaml" in err
    assert_valid(spec)


def test_consumer_is_repeatable_and_falls_back_to_channel_path(in_tmp, assert_valid):
    export("--consumer", ROOM, "--consumer", "tests.asgi.ItemConsumer", "-o", "x.yaml")
    spec = yaml.safe_load((in_tmp / "x.yaml").read_text())
    addresses = sorted(c["address"] for c in spec["channels"].values())
    assert addresses == ["/ws/", "/ws/rooms/{room_id}/"]
    assert_valid(spec)
    with override_settings(**{SETTINGS: {"CHANNEL_PATH": "/live/"}}):
        export("--consumer", "tests.asgi.ItemConsumer", "-o", "y.yaml")
    spec = yaml.safe_load((in_tmp / "y.yaml").read_text())
    assert [c["address"] for c in spec["channels"].values()] == ["/live/"]


def test_output_file_alias_parents_and_stdout(in_tmp):
    export("--consumer", ROOM, "--file", "deep/er/spec.yaml")
    assert (in_tmp / "deep/er/spec.yaml").is_file()
    out, _ = export("--consumer", ROOM, "-o", "-")
    assert yaml.safe_load(out) == yaml.safe_load((in_tmp / "deep/er/spec.yaml").read_text())
    assert not (in_tmp / "asyncapi.yaml").exists()


def test_host_and_protocol(in_tmp):
    out, _ = export(
        "--consumer", ROOM, "--host", "api.example.com:443", "--protocol", "wss", "-o", "-"
    )
    assert yaml.safe_load(out)["servers"] == {
        "default": {"host": "api.example.com:443", "protocol": "wss"}
    }
    with override_settings(**{SETTINGS: {"WS_HOST": "set.example.com", "WS_PROTOCOL": "wss"}}):
        out, _ = export("--consumer", ROOM, "-o", "-")
    assert yaml.safe_load(out)["servers"]["default"]["host"] == "set.example.com"


def test_format_json_by_option_or_suffix(in_tmp, assert_valid):
    out, _ = export("--consumer", ROOM, "--format", "json", "-o", "-")
    assert json.loads(out)["asyncapi"] == "3.0.0"
    assert_valid(out)
    export("--consumer", ROOM, "--output", "spec.json")
    assert json.loads((in_tmp / "spec.json").read_text())["asyncapi"] == "3.0.0"
    export("--consumer", ROOM, "--format", "yaml", "-o", "forced.json")
    assert (in_tmp / "forced.json").read_text().startswith("asyncapi:")


def test_output_matches_the_generator_byte_for_byte(in_tmp):
    out, _ = export("--consumer", ROOM, "-o", "-")
    assert out == AsyncAPIGenerator(RoomConsumer, channel_path="/ws/rooms/{room_id}/").get_yaml()


TEMPLATE = """asyncapi: 3.0.0
info: {title: From a template, version: 1.0.0}
servers:
  default: {host: "{{ WS_HOST }}", protocol: "{{WS_PROTOCOL}}"}
channels:
  chat:
    address: /ws/chat/
    messages:
      say: {$ref: '#/components/messages/say'}
operations:
  say:
    action: receive
    channel: {$ref: '#/channels/chat'}
    messages: [{$ref: '#/channels/chat/messages/say'}]
components:
  messages:
    say:
      name: SayMessage
      payload: {type: object, properties: {text: {type: string}}}
      examples:
        - payload: {text: hi}
    titled:
      payload: {type: object, title: Kept}
    request_ride:
      name: request_ride
      payload: {type: object}
"""


def test_template_substitution_and_payload_titles(in_tmp, assert_valid):
    (in_tmp / "t.yaml").write_text(TEMPLATE)
    export("--template", "t.yaml", "--host", "h.example.com", "--protocol", "wss", "--validate")
    spec = yaml.safe_load((in_tmp / "asyncapi.yaml").read_text())
    assert spec["servers"]["default"] == {"host": "h.example.com", "protocol": "wss"}
    assert spec["components"]["messages"]["say"]["payload"]["title"] == "SayMessage"
    assert spec["components"]["messages"]["titled"]["payload"]["title"] == "Kept"
    assert_valid(spec)
    out, _ = export("--template", "t.yaml", "-o", "-")
    assert yaml.safe_load(out)["servers"]["default"] == {"host": "localhost:8000", "protocol": "ws"}


def test_template_lowercase_placeholders_and_titlecase_titles(in_tmp, assert_valid):
    # django-channels-spectacular's templates use {{ ws_host }} / {{ ws_protocol }}.
    lower = TEMPLATE.replace("WS_HOST", "ws_host").replace("WS_PROTOCOL", "ws_protocol")
    (in_tmp / "t.yaml").write_text(lower)
    out, _ = export("--template", "t.yaml", "--host", "h.example.com", "-o", "-")
    spec = yaml.safe_load(out)
    assert spec["servers"]["default"] == {"host": "h.example.com", "protocol": "ws"}
    assert spec["components"]["messages"]["request_ride"]["payload"]["title"] == "RequestRide"
    assert_valid(spec)


def test_template_and_consumer_are_mutually_exclusive(in_tmp):
    (in_tmp / "t.yaml").write_text(TEMPLATE)
    error = failing("--template", "t.yaml", "--consumer", ROOM)
    assert "not allowed with" in str(error)


def test_validate_passes_on_generated_specs(in_tmp):
    _, err = export("--consumer", ROOM, "--consumer", ITEM, "--validate")
    assert "Validation passed" in err


def test_validate_failure_writes_nothing(in_tmp):
    (in_tmp / "t.yaml").write_text(TEMPLATE.replace("{text: hi}", "{text: 42}"))
    error = failing("--template", "t.yaml", "--validate")
    assert error.returncode == 4
    assert not (in_tmp / "asyncapi.yaml").exists()


def test_fail_on_warn(in_tmp):
    # Two paths with the same tail: the generator renames one channel, with a warning.
    args = [
        "--consumer",
        "tests.asgi.RoomConsumer:/a/chat/",
        "--consumer",
        ITEM.replace("/ws/items/{item_id}/", "/b/chat/"),
    ]
    _, err = export(*args, "-o", "ok.yaml")
    assert "WARNING" in err and (in_tmp / "ok.yaml").exists()
    error = failing(*args, "--fail-on-warn", "-o", "strict.yaml")
    assert error.returncode == 4
    assert not (in_tmp / "strict.yaml").exists()


def test_check_up_to_date_stale_and_missing(in_tmp):
    export("--consumer", ROOM)
    _, err = export("--consumer", ROOM, "--check")
    assert "up to date" in err
    out = StringIO()
    with pytest.raises(CommandError) as info:
        call_command(
            "export_asyncapi",
            "--consumer",
            ROOM,
            ITEM.join(["--consumer=", ""]),
            "--check",
            stdout=out,
            stderr=StringIO(),
        )
    assert info.value.returncode == 1 and "is stale" in str(info.value)
    assert out.getvalue().startswith("--- asyncapi.yaml (current)\n+++ asyncapi.yaml (generated)")
    assert "+    address: /ws/items/{item_id}/" in out.getvalue()
    assert "--check" not in (in_tmp / "asyncapi.yaml").read_text()
    error = failing("--consumer", ROOM, "--check", "-o", "missing.yaml")
    assert error.returncode == 1 and "does not exist" in str(error)
    assert failing("--consumer", ROOM, "--check", "-o", "-").returncode == 2


def test_write_failure_leaves_the_old_file_intact(in_tmp, monkeypatch):
    target = in_tmp / "asyncapi.yaml"
    target.write_text("old content\n")
    os.chmod(target, 0o640)

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", broken_replace)
        error = failing("--consumer", ROOM)
    assert error.returncode == 3 and "No space left" in str(error)
    assert target.read_text() == "old content\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["asyncapi.yaml"]  # no temp file left
    export("--consumer", ROOM)
    assert target.read_text().startswith("asyncapi: 3.0.0")
    assert target.stat().st_mode & 0o777 == 0o640  # the old mode is kept


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--consumer", "tests.nowhere.Consumer"], "cannot import consumer"),
        (["--template", "missing.yaml"], "Cannot read template"),
    ],
)
def test_errors_are_one_line_with_exit_code_3(args, words):
    error = failing(*args)
    assert error.returncode == 3 and words in str(error)


def test_nothing_to_document(in_tmp):
    settings = {SETTINGS: {"DISCOVER_CONSUMERS": False}}
    with override_settings(**settings):
        error = failing()
    assert error.returncode == 3 and "`consumer`" in str(error) and "`consumers`" in str(error)


def test_generation_errors_list_their_locations(in_tmp):
    error = failing("--consumer", "tests.test_checks.DuplicateConsumer:/ws/dup/")
    assert error.returncode == 3 and "generation failed" in str(error)


def test_real_process_prints_one_line_and_no_traceback(in_tmp):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "django", "export_asyncapi", "--consumer", "tests.nowhere.X"],
        env=env,
        capture_output=True,
        text=True,
        cwd=in_tmp,
    )
    assert result.returncode == 3
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and result.stderr.startswith("CommandError:")


def test_help_documents_exit_codes():
    from channels_spectacular.management.commands.export_asyncapi import Command

    text = Command().create_parser("manage.py", "export_asyncapi").format_help()
    assert "Exit codes" in text and "--fail-on-warn" in text and "--file" in text
