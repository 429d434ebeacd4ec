"""Hardening (issue 15): hostile input on every surface gives a valid result or a clear error.

One test (or a few) per numbered finding; each failed before its fix.
"""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from channels.generic.websocket import AsyncJsonWebsocketConsumer, JsonWebsocketConsumer

from channels_spectacular import document_action
from channels_spectacular.runtime import SyncValidateMessagesMixin, ValidateMessagesMixin
from channels_spectacular.testing import ContractCommunicator
from tests.support.sites import mkdocs_site, sphinx_site

PYTHON = sys.executable
SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"

HOSTILE_DESCRIPTION = (
    'Look ![p](x.png){: onerror="window.__pwn=1" } and [click](javascript:window.__pwn=2) '
    "and [d](data:text/html,x) and <img src=x onerror=window.__pwn=3> "
    "<style>body{display:none}</style>\n\n"
    'Paragraph {: onclick="window.__pwn=4" style="color:red" }\n\n'
    "Keep `code <b>` and a [safe link](https://example.com/)."
)


def hostile_spec(description: str = HOSTILE_DESCRIPTION) -> dict[str, Any]:
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "Hostile", "version": "1.0.0", "description": description},
        "channels": {
            "room": {
                "address": "/ws/room/",
                "description": description,
                "messages": {"hello": {"name": "hello", "description": description}},
            }
        },
        "operations": {
            "sayHello": {
                "action": "send",
                "channel": {"$ref": "#/channels/room"},
                "description": description,
                "messages": [{"$ref": "#/channels/room/messages/hello"}],
            }
        },
    }


# -- 1. native renderings carry no script -------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def _assert_inert(html: str) -> None:
    """No element with an event handler, a style, or a script/data URL; no style element."""
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in ("style", "iframe", "object"), (tag, attrs)
        assert not [k for k in attrs if k.startswith("on") or k == "style"], (tag, attrs)
        for key in ("href", "src"):
            value = attrs.get(key, "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), (tag, attrs)


def test_mkdocs_native_rendering_passes_no_attributes_or_script_links(tmp_path: Path) -> None:
    spec = yaml.safe_dump(hostile_spec())
    page = "# Ref\n\n```asyncapi\nspec: hostile.yaml\nnative: true\n```\n"
    result = mkdocs_site(
        tmp_path,
        {"ref.md": page},
        {"hostile.yaml": spec},
        extensions=["attr_list", "md_in_html", "tables"],
    )
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "ref" / "index.html").read_text()
    body = html.split('<h1 id="ref">', 1)[1].split("cs-asyncapi-download", 1)[0]
    assert "Look" in body and "hello" in body
    _assert_inert(body)
    assert '<a href="https://example.com/">safe link</a>' in body
    assert "<code>code &lt;b&gt;</code>" in body


def test_sphinx_native_rendering_is_plain_text(tmp_path: Path) -> None:
    spec = yaml.safe_dump(hostile_spec())
    index = "Ref\n===\n\n.. asyncapi::\n   :spec: hostile.yaml\n   :native:\n"
    result = sphinx_site(tmp_path, index, {"hostile.yaml": spec})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text()
    native = html.split('<div class="asyncapi-native"', 1)[1]
    native = native.split('<div class="sphinxsidebar', 1)[0]
    assert "Look" in native
    _assert_inert(native)


# -- 2. raw HTML in descriptions: CSP on /ws-docs/, neutralised in static embeds ------------


def test_docs_page_sends_a_content_security_policy(client: Any) -> None:
    from django.test import override_settings

    policy = client.get("/ws-docs/")["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "style-src 'self';" in policy
    assert "script-src 'self' 'unsafe-eval';" in policy and "connect-src 'self' ws: wss:" in policy
    with override_settings(**{SETTINGS: {"CONTENT_SECURITY_POLICY": "default-src 'none'"}}):
        assert client.get("/ws-docs/")["Content-Security-Policy"] == "default-src 'none'"
    with override_settings(**{SETTINGS: {"CONTENT_SECURITY_POLICY": ""}}):
        assert "Content-Security-Policy" not in client.get("/ws-docs/")
    with override_settings(**{SETTINGS: {"VIEWER": {"ASSETS": "cdn"}}}):
        policy = client.get("/ws-docs/")["Content-Security-Policy"]
        assert "script-src 'self' 'unsafe-eval' https://cdn.jsdelivr.net;" in policy


def test_static_embeds_show_raw_html_as_text_unless_the_site_opts_in(tmp_path: Path) -> None:
    from channels_spectacular.embed import resolve_embed

    (tmp_path / "hostile.yaml").write_text(yaml.safe_dump(hostile_spec()))
    for raw_html in (False, True):
        result = resolve_embed(
            {"spec": "hostile.yaml"},
            element_id="x",
            page_dir=tmp_path,
            docs_root=tmp_path,
            raw_html=raw_html,
        )
        assert not result.problems, result.problems
        assert b"<style>" in result.spec_bytes  # the download copy is the file as written
        shown = result.html.replace("\\u003c", "<").replace("\\u003e", ">")
        assert ("<style>" in shown) is raw_html
        assert ("<img src=x onerror" in shown) is raw_html
        assert "`code <b>`" in shown  # code spans keep their text either way


# -- 3. docs builds read only regular files under the docs tree ----------------------------


def test_spec_files_outside_the_docs_tree_or_special_are_refused(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text(yaml.safe_dump(hostile_spec("TOPSECRET")))
    root = tmp_path / "site"
    docs = root / "docs"
    docs.mkdir(parents=True)
    (docs / "link.yaml").symlink_to(secret)
    os.mkfifo(docs / "fifo.yaml")
    (docs / "other.yaml").write_text("openapi: 3.1.0\ninfo: {title: TOPSECRET}\n")
    cases = {
        "absolute.md": str(secret),
        "dotdot.md": "../../secret.yaml",
        "symlink.md": "link.yaml",
        "zero.md": "/dev/zero",
        "fifo.md": "fifo.yaml",
        "other.md": "other.yaml",
    }
    pages = {name: f"# P\n\n```asyncapi\nspec: {spec}\n```\n" for name, spec in cases.items()}
    result = mkdocs_site(root, pages)
    assert result.returncode == 0, result.stderr
    for name in cases:
        assert f"{name}, asyncapi block 1" in result.stderr, (name, result.stderr)
    assert "outside the folders spec files may come from" in result.stderr
    assert "is not a regular file" in result.stderr
    assert "not an AsyncAPI 3 document" in result.stderr
    published = [p for p in (root / "site").rglob("*") if p.is_file()]
    assert not [p for p in published if b"TOPSECRET" in p.read_bytes()]


def test_spec_roots_allow_a_folder_outside_the_docs(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "api.yaml").write_text(yaml.safe_dump(hostile_spec("Shared")))
    root = tmp_path / "site"
    page = "# P\n\n```asyncapi\nspec: ../../shared/api.yaml\n```\n"
    result = mkdocs_site(root, {"p.md": page}, plugin={"spec_roots": ["docs", "../shared"]})
    assert result.returncode == 0 and "WARNING" not in result.stderr, result.stderr
    assert list((root / "site" / "asyncapi").glob("hostile-*.yaml"))


# -- 4. a failing spec view tells anonymous users nothing about the code -------------------


@pytest.mark.django_db
def test_500_details_only_for_staff_or_debug(client: Any, monkeypatch: Any) -> None:
    from django.contrib.auth.models import User
    from django.test import override_settings

    from channels_spectacular import generator as generator_module
    from channels_spectacular.diagnostics import GenerationError
    from channels_spectacular.views import clear_cache

    def broken(self: Any) -> Any:
        raise GenerationError("AsyncAPI generation failed:\n  ERROR: Dangling.handle_x: no")

    monkeypatch.setattr(generator_module.AsyncAPIGenerator, "_build", broken)
    clear_cache()
    anonymous = client.get("/ws-docs/asyncapi.yaml")
    assert anonymous.status_code == 500
    assert b"Dangling" not in anonymous.content and b"server log" in anonymous.content
    with override_settings(DEBUG=True):
        assert b"Dangling.handle_x" in client.get("/ws-docs/asyncapi.yaml").content
    staff = User.objects.create_user("staff", password="pw", is_staff=True)
    client.force_login(staff)
    assert b"Dangling.handle_x" in client.get("/ws-docs/asyncapi.yaml").content


# -- 5. export -o follows symlinks, writes special files, never replaces them --------------


def export(*args: str) -> tuple[str, str]:
    from io import StringIO

    from django.core.management import call_command

    out, err = StringIO(), StringIO()
    call_command("export_asyncapi", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_export_writes_through_symlinks_and_into_special_files(tmp_path: Path) -> None:
    import threading

    real = tmp_path / "real.yaml"
    real.write_text("old\n")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    export("-o", str(link))
    assert link.is_symlink() and real.read_text().startswith("asyncapi: 3.0.0")

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    export("-o", str(fifo))
    reader.join(10)
    assert fifo.is_fifo() and received[0].startswith(b"asyncapi: 3.0.0")


def test_export_cleans_temp_files_of_a_killed_run(tmp_path: Path) -> None:
    dead = subprocess.run([PYTHON, "-c", "import os; print(os.getpid())"], capture_output=True)
    pid = int(dead.stdout)
    stale = tmp_path / f".asyncapi.yaml.{pid}.k1ll3d.tmp"
    stale.write_text("half a docu")
    other = tmp_path / f".asyncapi.yaml.{os.getpid()}.alive0.tmp"  # a live writer's file
    other.write_text("in progress")
    export("-o", str(tmp_path / "asyncapi.yaml"))
    assert not stale.exists() and other.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == [other.name]


# -- 16. If-None-Match: * and weak validators -------------------------------------------


@pytest.mark.parametrize("form", ["*", "W/{etag}", '"other", W/{etag}', "{etag}"])
def test_if_none_match_star_and_weak_validators_get_304(client: Any, form: str) -> None:
    etag = client.get("/ws-docs/asyncapi.yaml")["ETag"]
    response = client.get("/ws-docs/asyncapi.yaml", HTTP_IF_NONE_MATCH=form.format(etag=etag))
    assert response.status_code == 304 and response["ETag"] == etag
    other = client.get("/ws-docs/asyncapi.yaml", HTTP_IF_NONE_MATCH='W/"other"')
    assert other.status_code == 200


# -- 14. decorator arguments: no silent drop, no truthy strings, no AttributeError ----------


def test_decorator_arguments_are_checked_clearly() -> None:
    from channels_spectacular import document_action, document_event

    with pytest.raises(TypeError, match=r"handle_x: tags must be a list of strings.*generator"):

        class A:
            @document_action(tags=(t for t in ["rides"]))
            def handle_x(self) -> None: ...

    with pytest.raises(TypeError, match=r"handle_x: deprecated must be True or False, not 'no'"):

        class B:
            @document_event("x.y", deprecated="no")  # type: ignore[arg-type]
            def handle_x(self) -> None: ...

    with pytest.raises(TypeError, match=r"@document_action: the documentation decorators apply"):
        document_action()(5)  # type: ignore[type-var]


# -- 8. non-JSON example values are errors naming Class.method ---------------------------


@pytest.mark.parametrize(
    "value, reason",
    [
        ({"at": __import__("datetime").datetime(2024, 1, 1)}, "datetime"),
        ({"ids": {1, 2}}, "set"),
        ({"raw": b"x"}, "bytes"),
        ({"n": float("nan")}, "nan"),
        ({"n": float("inf")}, "inf"),
        ({1: "one"}, "JSON keys are strings"),
    ],
)
def test_non_json_example_values_are_errors_at_decoration(value: Any, reason: str) -> None:
    from channels_spectacular import document_action

    with pytest.raises(ValueError, match=rf"C\.handle_x: examples\[0\]\['payload'\].*{reason}"):

        class C:
            @document_action(examples=[{"payload": value}])
            def handle_x(self) -> None: ...


# -- 15. a new Host header does not rebuild the document ----------------------------------


def test_request_hosts_share_one_build(client: Any, monkeypatch: Any) -> None:
    from channels_spectacular import generator as generator_module
    from channels_spectacular.views import clear_cache

    builds = []
    original = generator_module.AsyncAPIGenerator._build

    def counting(self: Any) -> Any:
        builds.append(1)
        return original(self)

    monkeypatch.setattr(generator_module.AsyncAPIGenerator, "_build", counting)
    clear_cache()
    bodies = {}
    for i in range(10):
        host = f"h{i}.example.com"
        for fmt in ("yaml", "json"):
            response = client.get(f"/ws-docs/asyncapi.yaml?format={fmt}", HTTP_HOST=host)
            spec = yaml.safe_load(response.content)
            assert spec["servers"] == {"default": {"host": host, "protocol": "ws"}}
            bodies[host, fmt] = response.content
    secure = client.get("/ws-docs/asyncapi.yaml", secure=True, HTTP_HOST="h0.example.com")
    assert yaml.safe_load(secure.content)["servers"]["default"]["protocol"] == "wss"
    assert len(builds) == 1
    # Byte for byte what a build for that host gives.
    clear_cache()
    monkeypatch.undo()
    from channels_spectacular.config import default_servers
    from channels_spectacular.generator import AsyncAPIGenerator

    own = AsyncAPIGenerator.from_settings(servers=default_servers("h3.example.com", "ws"))
    assert bodies["h3.example.com", "yaml"] == own.get_yaml().encode()


# -- 6. unions of overlapping types accept every value of the type ------------------------

UNION_FIELDS: dict[str, Any] = {}


def _union_payload() -> type:
    import dataclasses
    import datetime
    import decimal
    import uuid
    from typing import Annotated, Literal

    from annotated_types import Gt

    fields = {
        "uuid_or_str": uuid.UUID | str,
        "datetime_or_str": datetime.datetime | str,
        "date_or_datetime": datetime.date | datetime.datetime,
        "decimal_or_str": decimal.Decimal | str,
        "positive_or_float": Annotated[int, Gt(0)] | float,
        "literal_or_str": Literal["a", 1] | str,
        "optional_uuid_or_str": uuid.UUID | str | None,
    }
    UNION_FIELDS.update(fields)
    return dataclasses.make_dataclass("Unions", list(fields.items()))


def test_every_value_of_a_union_type_validates(assert_valid: Any) -> None:
    import json

    from channels.generic.websocket import AsyncJsonWebsocketConsumer
    from django.core.serializers.json import DjangoJSONEncoder
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from channels_spectacular import AsyncAPIGenerator, document_action
    from channels_spectacular.contract import ChannelContract

    payload = _union_payload()

    class UnionConsumer(AsyncJsonWebsocketConsumer):
        @document_action(payload=payload)
        async def handle_send(self, content: Any) -> None: ...

    spec = AsyncAPIGenerator(consumers=[(UnionConsumer, "/ws/u/")]).get_spec()
    assert_valid(spec)
    contract = ChannelContract(spec, next(iter(spec["channels"])))
    fields = {name: st.from_type(hint) for name, hint in UNION_FIELDS.items()}
    values = st.fixed_dictionaries(fields)

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(values)
    def check(value: dict[str, Any]) -> None:
        frame = json.loads(json.dumps({"action": "send", **value}, cls=DjangoJSONEncoder))
        assert contract.check(frame, "client") is None, (frame, contract.check(frame, "client"))

    check()


# -- 7. keys named $ref ------------------------------------------------------------------


def test_ref_named_properties_and_example_keys_are_left_out_with_a_warning(
    assert_valid: Any,
) -> None:
    import pydantic
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from channels_spectacular import AsyncAPIGenerator, document_action, document_event

    class Linked(pydantic.BaseModel):
        ref: str = pydantic.Field(alias="$ref")
        name: str

    user_schema = {
        "type": "object",
        "properties": {"$ref": {"type": "string"}, "x": {"type": "integer"}},
        "required": ["$ref", "x"],
    }

    class RefConsumer(AsyncJsonWebsocketConsumer):
        @document_action(
            payload=user_schema, examples=[{"payload": {"action": "link", "$ref": "a", "x": 1}}]
        )
        async def handle_link(self, content: Any) -> None: ...

        @document_event(
            "linked", payload=Linked, examples=[{"payload": {"type": "linked", "name": "n"}}]
        )
        async def linked(self, event: Any) -> None: ...

    generator = AsyncAPIGenerator(consumers=[(RefConsumer, "/ws/ref/")])
    spec = generator.get_spec()
    assert_valid(spec)
    warnings = [str(w) for w in generator.diagnostics.warnings]
    assert any("RefConsumer.handle_link" in w and "example" in w for w in warnings), warnings
    assert any("RefConsumer.handle_link" in w and "property named '$ref'" in w for w in warnings)
    assert any("RefConsumer.linked" in w and "has a property" in w for w in warnings), warnings
    assert "$ref" in user_schema["properties"]  # the user's dict is left alone
    assert spec["components"]["messages"]["linked"]["examples"] == [
        {"payload": {"type": "linked", "name": "n"}}
    ]


# -- 12. export failures: one line, documented exit codes ---------------------------------


def _export_error(*args: str) -> Any:
    from django.core.management import CommandError

    with pytest.raises(CommandError) as info:
        export(*args)
    message = str(info.value)
    assert "\n" not in message.strip() and "Traceback" not in message, message
    return info.value


def _datetime_hook(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    import datetime

    result["info"]["x-built"] = datetime.datetime(2024, 1, 1)
    return result


def test_export_failures_are_one_line_errors_with_exit_codes(tmp_path: Path) -> None:
    from django.test import override_settings

    with override_settings(**{SETTINGS: {"POSTPROCESSING_HOOKS": [_datetime_hook]}}):
        error = _export_error("-o", str(tmp_path / "a.json"))
    assert error.returncode == 3 and "JSON" in str(error)
    assert not (tmp_path / "a.json").exists()

    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"caf\xe9\n")
    error = _export_error("--check", "-o", str(latin))
    assert error.returncode == 3 and "UTF-8" in str(error)

    template = tmp_path / "t.yaml"
    template.write_text("asyncapi: 3.0.0\ninfo: {title: T, version: '1'}\nchannels: [a, b]\n")
    export("--template", str(template), "-o", str(tmp_path / "t-out.yaml"))  # no crash
    error = _export_error("--template", str(template), "--validate", "-o", "-")
    assert error.returncode == 4


# -- 11. runtime validation: bounded error events, non-JSON frames, deep frames -------------


ORDER = {
    "type": "object",
    "properties": {"item": {"type": "string"}, "quantity": {"type": "integer"}},
    "required": ["item", "quantity"],
}


class Dispatching(AsyncJsonWebsocketConsumer):
    """Dispatches ``{"action": x}`` to ``handle_x``, recording what it dispatched."""

    handled: list[Any] = []

    async def receive_json(self, content: Any, **kwargs: Any) -> None:
        type(self).handled.append(content)
        handler = getattr(self, f"handle_{content.get('action')}", None)
        if handler is not None:
            await handler(content)


class Shop(ValidateMessagesMixin, Dispatching):
    @document_action(payload=ORDER, responses={"order.placed": {"type": "object"}})
    async def handle_order(self, content: dict[str, Any]) -> None:
        await self.send_json({"type": "order.placed"})


class SyncShop(SyncValidateMessagesMixin, JsonWebsocketConsumer):
    @document_action(payload=ORDER, responses={"order.placed": {"type": "object"}})
    def handle_order(self, content: dict[str, Any]) -> None:
        self.send_json({"type": "order.placed"})

    def receive_json(self, content: Any, **kwargs: Any) -> None:
        self.handle_order(content)


def validating(mode: str, **extra: Any) -> Any:
    from django.test import override_settings

    return override_settings(**{SETTINGS: {"VALIDATE_MESSAGES": mode, **extra}})


async def connected(consumer: type, path: str = "/ws/shop/") -> ContractCommunicator:
    communicator = ContractCommunicator(consumer, path)
    assert (await communicator.connect())[0]
    return communicator


async def test_runtime_error_events_are_bounded_and_non_json_frames_answered() -> None:
    Dispatching.handled = []
    with validating("error"):
        communicator = await connected(Shop)
        await communicator.send_json_to({"action": "x" * 1_000_000}, check=False)
        event = await communicator.receive_json_from()
        assert event["type"] == "validation.error"
        assert len(event["action"]) <= 200 and len(event["detail"]) <= 1000
        await communicator.send_to(text_data="{not json", check=False)
        event = await communicator.receive_json_from()
        assert (event["field"], event["action"]) == ("$", None)
        assert "not JSON" in event["detail"]
        await communicator.send_to(bytes_data=b"\x00\x01", check=False)
        assert "binary" in (await communicator.receive_json_from())["detail"]
        # The connection survived all of it.
        await communicator.send_json_to({"action": "order", "item": "tea", "quantity": 1})
        assert (await communicator.receive_json_from())["type"] == "order.placed"
        await communicator.disconnect()
        sync = await connected(SyncShop)
        await sync.send_to(text_data="[1,", check=False)
        assert "not JSON" in (await sync.receive_json_from())["detail"]
        await sync.disconnect()
    assert Dispatching.handled == [{"action": "order", "item": "tea", "quantity": 1}]


async def test_runtime_validation_of_a_deep_recursive_frame_never_raises() -> None:
    tree = {
        "type": "object",
        "properties": {"child": {"$ref": "#/components/schemas/Tree"}},
    }
    root = {"type": "object", "properties": {"root": {"$ref": "#/components/schemas/Tree"}}}

    class TreeConsumer(ValidateMessagesMixin, Dispatching):
        @document_action(payload=root, responses={"done": {"type": "object"}})
        async def handle_tree(self, content: Any) -> None:
            await self.send_json({"type": "done"})

    node: dict[str, Any] = {}
    for _ in range(400):
        node = {"child": node}
    with validating("error", COMPONENTS={"Tree": tree}):
        communicator = await connected(TreeConsumer, "/ws/tree/")
        await communicator.send_json_to({"action": "tree", "root": node}, check=False)
        event = await communicator.receive_json_from()
        assert event["type"] == "validation.error" and "too deeply" in event["detail"]
        await communicator.send_json_to({"action": "tree", "root": {"child": {}}}, check=False)
        assert (await communicator.receive_json_from())["type"] == "done"
        await communicator.disconnect()


# -- 10. deep nesting: a clear error, never RecursionError --------------------------------


def _deep(kind: str, levels: int) -> Any:
    import dataclasses

    hint: Any = int
    for i in range(levels):
        if kind == "list":
            hint = list[hint]
        elif kind == "optional":
            hint = hint | None if i % 2 else dict[str, hint]
        elif kind == "dataclass":
            hint = dataclasses.make_dataclass(f"Level{i}", [("inner", hint)])
        else:
            hint = {"type": "object", "properties": {"inner": hint if i else {"type": "integer"}}}
    return hint


@pytest.mark.parametrize(
    "kind, levels",
    [("list", 200), ("optional", 160), ("dataclass", 150), ("dict", 300)],
)
def test_deep_payload_types_are_a_clear_generation_error(kind: str, levels: int) -> None:
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from channels_spectacular import AsyncAPIGenerator, document_action
    from channels_spectacular.diagnostics import GenerationError

    payload = _deep(kind, levels)

    class Deep(AsyncJsonWebsocketConsumer):  # decorating must not raise either
        @document_action(payload=payload)
        async def handle_deep(self, content: Any) -> None: ...

    with pytest.raises(GenerationError, match=r"Deep\.handle_deep: the payload .* levels deep"):
        AsyncAPIGenerator(consumers=[(Deep, "/ws/deep/")]).get_yaml()


def test_moderately_deep_payloads_still_generate_valid_documents(assert_valid: Any) -> None:
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from channels_spectacular import AsyncAPIGenerator, document_action

    class Fine(AsyncJsonWebsocketConsumer):
        @document_action(payload=_deep("list", 40))
        async def handle_a(self, content: Any) -> None: ...

        @document_action(payload=_deep("dataclass", 40))
        async def handle_b(self, content: Any) -> None: ...

        @document_action(payload=_deep("dict", 45))
        async def handle_c(self, content: Any) -> None: ...

    assert_valid(AsyncAPIGenerator(consumers=[(Fine, "/ws/fine/")]).get_spec())


DEEP_EXPORT_CONSUMER: Any = None


def test_export_of_a_deep_dataclass_is_one_line(tmp_path: Path) -> None:
    from channels.generic.websocket import AsyncJsonWebsocketConsumer

    from channels_spectacular import document_action

    global DEEP_EXPORT_CONSUMER

    class DeepExport(AsyncJsonWebsocketConsumer):
        @document_action(payload=_deep("dataclass", 150))
        async def handle_deep(self, content: Any) -> None: ...

    DEEP_EXPORT_CONSUMER = DeepExport
    dotted = f"{__name__}.DEEP_EXPORT_CONSUMER:/ws/deep/"
    error = _export_error("--consumer", dotted, "-o", str(tmp_path / "x.yaml"))
    assert error.returncode == 3 and "generation failed" in str(error)


# -- 13. settings of the wrong shape: a check message naming the key and the shape ---------


def _raising_hook(*args: Any, **kwargs: Any) -> Any:
    raise RuntimeError("hook exploded")


def _none_hook(*args: Any, **kwargs: Any) -> Any:
    return None


@pytest.mark.parametrize(
    "settings, expected",
    [
        ({"VIEWER": {"ASSETS": "bundeld"}}, "['VIEWER'] ['ASSETS']: Viewer ASSETS must be"),
        ({"PREPROCESSING_HOOKS": [_raising_hook]}, "['PREPROCESSING_HOOKS'][0] (tests."),
        ({"POSTPROCESSING_HOOKS": [_raising_hook]}, "raised RuntimeError: hook exploded"),
        ({"PREPROCESSING_HOOKS": [_none_hook]}, "must return the list of (consumer, path)"),
        ({"POSTPROCESSING_HOOKS": [_none_hook]}, "must return the document dict"),
        ({"COMPONENTS": {"X": ["a"]}}, "['COMPONENTS'] ['X'] must be a JSON Schema dict"),
        ({"SECURITY_SCHEMES": {"x": "y"}}, "['SECURITY_SCHEMES'] ['x'] must be an AsyncAPI"),
        ({"DISABLE_WARNINGS": [1]}, "['DISABLE_WARNINGS'] must list warning codes as strings"),
    ],
)
def test_settings_of_the_wrong_shape_are_check_errors(settings: Any, expected: str) -> None:
    from django.core.checks import Error, run_checks
    from django.test import override_settings

    with override_settings(**{SETTINGS: settings}):
        messages = run_checks(tags=["channels_spectacular"])
    # Hooks fail generation: a W005 warning (documentation never stops the project).
    hook = any(key.endswith("_HOOKS") for key in settings)
    found = [m.msg for m in messages if hook or isinstance(m, Error)]
    assert any(expected in msg for msg in found), [m.msg for m in messages]


# -- 9. --validate, manage.py check and the official parser agree -------------------------


def test_validate_agrees_with_the_official_parser_on_a_corpus(
    asyncapi_parser: Any, tmp_path: Path
) -> None:
    import json

    from channels_spectacular.validation import validate_spec
    from tests.support.invalid_corpus import INVALID, VALID

    corpus = {**VALID, **INVALID}
    verdicts = asyncapi_parser.check_many(list(corpus.values()))
    for (name, doc), verdict in zip(corpus.items(), verdicts, strict=True):
        assert bool(validate_spec(doc)) == bool(verdict["errors"]), (name, verdict)
        assert bool(verdict["errors"]) is (name in INVALID), (name, verdict)
    for name, doc in INVALID.items():
        template = tmp_path / "t.json"
        template.write_text(json.dumps(doc))
        error = _export_error("--template", str(template), "--validate", "-o", "-")
        assert error.returncode == 4, name


@pytest.mark.parametrize(
    "settings, expected",
    [
        ({"SECURITY_SCHEMES": {"s": {"type": "magic"}}}, "['SECURITY_SCHEMES'] ['s'] is not valid"),
        ({"WS_BINDINGS": {"method": "PUT"}}, "['WS_BINDINGS'] is not valid AsyncAPI 3.0"),
        ({"WS_BINDINGS": {"method": "GET", "flavour": 1}}, "['WS_BINDINGS'] is not valid"),
        ({"SERVERS": {"a": {"host": 8000, "protocol": "ws"}}}, "['SERVERS'] is not valid"),
        ({"INFO": {"termsOfService": 5}}, "['INFO'] is not valid AsyncAPI 3.0 (info.json)"),
        ({"INFO": {"contact": "me"}}, "['INFO'] ['contact'] must be a dict"),
        ({"INFO": {"license": {"url": "x"}}}, "['INFO'] ['license'] must be a dict with a 'name'"),
        ({"INFO": {"tags": [{"name": "a"}, {"name": "a"}]}}, "has non-unique elements"),
        ({"INFO": {"tags": ["a"]}}, "['INFO'] ['tags'] entries must be dicts"),
    ],
)
def test_check_reports_settings_the_parser_would_reject(settings: Any, expected: str) -> None:
    from django.core.checks import Warning, run_checks
    from django.test import override_settings

    with override_settings(**{SETTINGS: settings}):
        messages = run_checks(tags=["channels_spectacular"])
    # A documentation problem: a warning (W007), never an error that stops the project.
    warnings = [m.msg for m in messages if isinstance(m, Warning) and m.id.endswith("W007")]
    assert any(expected in msg for msg in warnings), [m.msg for m in messages]
