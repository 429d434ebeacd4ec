"""The documentation site: it builds with ``--strict``, and every code sample in it works.

The samples are real files under ``docs/snippets/``, included into the pages by
``pymdownx.snippets``; the AsyncAPI shown next to them is generated from them while the
docs build (``docs/hooks.py``). These tests run them: each sample that defines a
``generator`` must produce a document the official parser accepts, the settings samples
must pass the system checks, the URLconf, templates, tests, CI jobs, Sphinx and MkDocs
configurations and the TypeScript client are used for real. A sample that stops working
fails here.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import shlex
import shutil
import struct
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = DOCS / "pages"
SNIPPETS = DOCS / "snippets"
EXAMPLE = ROOT / "examples" / "rideshare"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
BUILD_TIMEOUT = 600  # seconds; CI machines are slow and shared


def load_hooks() -> ModuleType:
    """``docs/hooks.py``, the code that renders the generated parts of the pages."""
    spec = importlib.util.spec_from_file_location(
        "channels_spectacular_docs_hooks", DOCS / "hooks.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


hooks = load_hooks()


def snippet_settings(path: Path) -> dict[str, Any]:
    return dict(hooks._snippet_settings(path))


def defines(path: Path, name: str) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return any(
        isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets)
        for node in tree.body
    )


def relative(path: Path) -> str:
    return path.relative_to(SNIPPETS).as_posix()


SPEC_SNIPPETS = [relative(p) for p in hooks.snippet_files() if defines(p, "generator")]
SETTINGS_SNIPPETS = [relative(p) for p in hooks.snippet_files() if defines(p, hooks.SETTINGS_NAME)]
RAISING_SNIPPETS = {
    "decorators/mistake.py": "ValueError",
    "testing/violation.py": "ContractViolation",
    "testing/undocumented.py": "UndocumentedHandlers",
}


@pytest.fixture(autouse=True)
def fresh_snippets() -> Iterator[None]:
    """Each test imports the samples anew; what they registered or cached is dropped after."""
    from channels_spectacular.schema import unregister_converter
    from channels_spectacular.views import clear_cache

    hooks.forget_snippets()
    yield
    clear_cache()
    for name, module in list(sys.modules.items()):
        if name.startswith(hooks.PACKAGE + ".") and hasattr(module, "converter"):
            unregister_converter(module.converter)
    hooks.forget_snippets()


@pytest.fixture
def snippet():
    """``snippet("dir/file.py")``: the sample imported under its own settings."""

    def load(name: str) -> ModuleType:
        path = SNIPPETS / name
        with override_settings(CHANNELS_SPECTACULAR_SETTINGS=snippet_settings(path)):
            return hooks.load_snippet(path)

    return load


def test_snippets_are_found():
    assert len(SPEC_SNIPPETS) >= 25, SPEC_SNIPPETS
    assert "decorators/responses.py" in SPEC_SNIPPETS
    assert "getting_started/settings.py" in SETTINGS_SNIPPETS


# -- the pages ------------------------------------------------------------------------------


def used_snippets() -> set[str]:
    """Every file the pages include or generate from."""
    used: set[str] = set()
    for page in PAGES.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        used |= {m.split(":")[0] for m in re.findall(r'--8<-- "([^"]+)"', text)}
        used |= {m.split()[0] for m in re.findall(r"<!-- (?:spec|schema|raises): (.+?) -->", text)}
    return used


def test_every_snippet_is_shown_somewhere():
    used = used_snippets()
    files = {
        relative(p)
        for p in SNIPPETS.rglob("*")
        if p.is_file() and not any(part.startswith((".", "__")) for part in p.parts)
    }
    ignored = {"ruff.toml"}
    shown_by_imports = {"generator/consumers.py", "testing/consumers.py", "views/subclass.py"}
    unused = sorted(
        files - used - ignored - shown_by_imports - {f for f in files if "/specs/" in f}
    )
    assert not unused, f"snippets no page uses: {unused}"
    missing = sorted(u for u in used if not (SNIPPETS / u).is_file())
    assert not missing, f"pages include files that do not exist: {missing}"


def test_settings_reference_lists_every_default_with_its_comment():
    from channels_spectacular.settings import DEFAULTS

    entries = hooks.settings_entries()
    assert [key for key, _, _ in entries] == list(DEFAULTS)
    assert all(comment.strip() for _, _, comment in entries)
    text = hooks.settings_reference()
    for key in DEFAULTS:
        assert f"### `{key}` {{#{key.lower()}}}" in text


def test_settings_reference_fails_on_an_uncommented_key():
    source = 'DEFAULTS = {\n    # Documented.\n    "A": 1,\n    "B": 2,\n}\n'
    with pytest.raises(ValueError, match=r"\['B'\] has no comment"):
        hooks.settings_entries(source)


def test_warning_codes_table_matches_the_code():
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "channels_spectacular").rglob("*.py")
    )
    in_code = set(re.findall(r'code="([a-z-]+)"', source))
    page = (PAGES / "generator.md").read_text(encoding="utf-8")
    in_docs = set(re.findall(r"^\| `([a-z-]+)` \| (?:error|warning|info) \|", page, re.M))
    assert in_docs == in_code


def test_checks_table_matches_the_code():
    source = (ROOT / "src" / "channels_spectacular" / "checks.py").read_text(encoding="utf-8")
    in_code = {f"channels_spectacular.{n}" for n in re.findall(r'\b([EW]\d{3})"', source)}
    page = (PAGES / "generator.md").read_text(encoding="utf-8")
    in_docs = set(re.findall(r"`(channels_spectacular\.[EW]\d{3})`", page))
    assert in_docs == in_code


# -- samples that generate a document -------------------------------------------------------


@pytest.mark.parametrize("name", SPEC_SNIPPETS)
def test_sample_generates_a_valid_document(name, snippet, assert_valid):
    path = SNIPPETS / name
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=snippet_settings(path)):
        generator = snippet(name).generator
        spec = generator.get_spec()
        assert not generator.diagnostics.errors
    assert_valid(spec)


@pytest.mark.parametrize("name", sorted(RAISING_SNIPPETS))
def test_sample_raises_what_the_page_shows(name):
    text = hooks.snippet_error(name)
    assert text.startswith(RAISING_SNIPPETS[name] + ": ")


def test_page_markers_render():
    for page in sorted(PAGES.rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        for kind, arguments in hooks.MARKER.findall(text):
            rendered = hooks.render_marker(kind, arguments)
            assert rendered.strip().startswith("```"), (page.name, arguments)


@pytest.mark.parametrize("name", SETTINGS_SNIPPETS)
def test_settings_sample_passes_the_checks(name):
    from channels_spectacular.checks import check_settings
    from channels_spectacular.settings import DEFAULTS

    settings = snippet_settings(SNIPPETS / name)
    assert set(settings) <= set(DEFAULTS), set(settings) - set(DEFAULTS)
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=settings):
        hooks.load_snippet(SNIPPETS / name)  # dotted paths may point into the sample
        problems = check_settings()
    assert not problems, problems


def test_custom_converter_sample_names_its_component(snippet):
    spec = snippet("payloads/custom_converter.py").generator.get_spec()
    payload = spec["components"]["messages"]["transfer"]["payload"]
    assert payload["properties"]["amount"] == {"$ref": "#/components/schemas/Money"}


def test_wire_sample_keys_follow_the_settings(snippet):
    name = "wire/custom_keys.py"
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=snippet_settings(SNIPPETS / name)):
        spec = snippet(name).generator.get_spec()
    payload = spec["components"]["messages"]["board.tags"]["payload"]
    assert payload["required"] == ["event", "body"]


# -- Django samples -------------------------------------------------------------------------


def test_getting_started_urls(client, snippet):
    module = snippet("getting_started/urls.py")
    with override_settings(ROOT_URLCONF=module.__name__):
        assert client.get("/ws-docs/").status_code == 200
        response = client.get("/ws-docs/asyncapi.json")
    assert response.status_code == 200
    assert response.json()["asyncapi"] == "3.0.0"


def test_views_sample_urls(client, snippet):
    module = snippet("views/urls.py")
    with override_settings(ROOT_URLCONF=module.__name__):
        riders = yaml.safe_load(client.get("/ws-docs/riders.yaml").content)
        drivers = yaml.safe_load(client.get("/ws-docs/drivers.yaml").content)
        page = client.get("/ws-docs/by-role/")
    assert riders["info"]["title"] == "Rider API"
    assert list(riders["channels"]) == ["rides"]
    assert drivers["servers"] == {"production": {"host": "api.example.com", "protocol": "wss"}}
    assert page.status_code == 200
    html = page.content.decode()
    assert "/ws-docs/riders.yaml" in html and "/ws-docs/drivers.yaml" in html
    assert "<title>Rideshare APIs</title>" in html


def test_views_sample_template(rf, snippet):
    templates = [{**t, "DIRS": [SNIPPETS / "views" / "templates"]} for t in settings_templates()]
    view = snippet("views/subclass.py").TeamDocsView
    with override_settings(TEMPLATES=templates):
        response = view.as_view()(rf.get("/ws-docs/"))
        html = response.render().content.decode()
    assert "Acme developer portal" in html
    assert "<title>Rideshare WebSocket API · Acme developer portal</title>" in html
    assert "api-team@example.com" in html
    assert '"sidebar":false' in html  # viewer_config reached the viewer's data block


def settings_templates() -> list[dict[str, Any]]:
    from django.conf import settings

    return list(settings.TEMPLATES)


def test_export_template_sample(tmp_path, assert_valid):
    output = tmp_path / "asyncapi.yaml"
    call_command(
        "export_asyncapi",
        "--template",
        str(SNIPPETS / "export" / "asyncapi.template.yaml"),
        "--host",
        "api.example.com",
        "--protocol",
        "wss",
        "--validate",
        "-o",
        str(output),
    )
    spec = yaml.safe_load(output.read_text(encoding="utf-8"))
    assert spec["servers"]["default"] == {"host": "api.example.com", "protocol": "wss"}
    assert spec["channels"]["status"]["messages"]["status.changed"]["payload"]["title"]
    assert_valid(spec)


@pytest.mark.parametrize("name", ["export/github-actions.yml", "export/gitlab-ci.yml"])
def test_ci_samples_run_a_valid_export_command(name):
    from channels_spectacular.management.commands.export_asyncapi import Command

    commands = [c for c in shell_lines(yaml.safe_load((SNIPPETS / name).read_text())) if c]
    exports = [c for c in commands if "manage.py export_asyncapi" in c]
    assert exports, f"{name} runs no export_asyncapi"
    parser = Command().create_parser("manage.py", "export_asyncapi")
    for line in exports:
        words = shlex.split(line)
        options = parser.parse_args(words[words.index("export_asyncapi") + 1 :])
        assert options.check and options.output != "-"


def shell_lines(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("run", "script") and isinstance(value, str):
                yield value
            else:
                yield from shell_lines(value)
    elif isinstance(node, list):
        for item in node:
            yield from (item,) if isinstance(item, str) else shell_lines(item)


# -- testing samples ------------------------------------------------------------------------


async def test_testing_samples_pass(snippet):
    module = snippet("testing/test_chat.py")
    module.test_every_handler_is_documented()
    await module.test_post_a_message()
    await module.test_undocumented_fields_fail_the_test()


async def test_fixture_sample_passes(snippet, contract_communicator):
    await snippet("testing/test_fixture.py").test_post_a_message(contract_communicator)


async def test_runtime_validation_sample_rejects_a_bad_action(snippet):
    from channels.testing import WebsocketCommunicator

    from channels_spectacular.testing import with_url_route

    name = "testing/settings_validation.py"
    settings = snippet_settings(SNIPPETS / name)
    consumer = snippet("testing/consumers.py").ValidatedChatConsumer
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=settings):
        app = with_url_route(consumer.as_asgi(), {"room": "lobby"})
        chat = WebsocketCommunicator(app, "/ws/chat/lobby/")
        assert (await chat.connect())[0]
        await chat.send_json_to({"action": "post"})
        error = await chat.receive_json_from()
        await chat.disconnect()
    assert error["type"] == "validation.error"
    assert error["field"] == "$.text"


# -- the docs build and the docs-tool samples -----------------------------------------------


def subprocess_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    return env


def run(command: list[str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The real ``mkdocs build --strict -f docs/mkdocs.yml``, into a temporary folder."""
    out = tmp_path_factory.mktemp("docs-site")
    config = DOCS / "mkdocs.yml"
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(out)]
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out


def nav_pages() -> list[str]:
    config = yaml.load((DOCS / "mkdocs.yml").read_text(), Loader=_IgnoreTags)

    def walk(node: Any) -> Iterator[str]:
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for item in node:
                yield from walk(item)

    return list(walk(config["nav"]))


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml uses MkDocs' own tags (!relative); their values do not matter here."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def test_docs_build_strict(site):
    for page in nav_pages():
        html = site / ("index.html" if page == "index.md" else page.replace(".md", "/index.html"))
        assert html.is_file(), page
        text = html.read_text(encoding="utf-8")
        assert "--8&lt;--" not in text and "--8<--" not in text, (
            f"{page}: a snippet was not included"
        )
        assert not re.search(r"<!--\s*(spec|schema|raises|settings-reference)", text), page
        assert "Generated content failed" not in text, page
    assert (site / "images" / "ws-docs.png").is_file()
    assert (site / "performance" / "index.html").is_file()


def test_docs_site_is_self_contained(site):
    external = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        found = [m.group(0) for m in external.finditer(text)]
        assert not found, f"{html.relative_to(site)} loads from another host: {found}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_docs_settings_page_lists_every_setting(site):
    from channels_spectacular.settings import DEFAULTS

    text = (site / "settings" / "index.html").read_text(encoding="utf-8")
    for key in DEFAULTS:
        assert f'id="{key.lower()}"' in text, key


def test_docs_live_example_embeds_the_viewer(site):
    text = (site / "live-example" / "index.html").read_text(encoding="utf-8")
    assert text.count('class="cs-asyncapi"') == 2
    specs = sorted((site / "asyncapi").glob("*.json"))  # the default download copy
    assert specs, "the plugin wrote no spec file"
    spec = json.loads(specs[0].read_text(encoding="utf-8"))
    assert spec["asyncapi"] == "3.0.0"
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any("request_ride" in doc["text"] for doc in index["docs"])


def test_docs_show_generated_output(site):
    text = (site / "decorators" / "index.html").read_text(encoding="utf-8")
    assert "x-deprecated" in text  # generated from decorators/deprecated.py
    assert "RoomJoinedMessage" in text  # generated from decorators/event.py
    text = (site / "testing" / "index.html").read_text(encoding="utf-8")
    assert "undocumented field &#39;colour&#39;" in text or "undocumented field 'colour'" in text


def test_mkdocs_sample_site_builds(tmp_path):
    config = yaml.safe_load((SNIPPETS / "mkdocs" / "mkdocs.yml").read_text())
    plugin = next(p for p in config["plugins"] if isinstance(p, dict))["channels-spectacular"]
    plugin["pythonpath"] = [str(EXAMPLE)]
    docs = tmp_path / "docs"
    shutil.copytree(SNIPPETS / "mkdocs", docs, ignore=shutil.ignore_patterns("mkdocs.yml"))
    (docs / "index.md").write_text("# Rideshare API\n")
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    result = run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    riders = (tmp_path / "site" / "riders" / "index.html").read_text(encoding="utf-8")
    assert 'class="cs-asyncapi"' in riders


def test_sphinx_sample_builds(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    conf = (SNIPPETS / "sphinx" / "conf.py").read_text(encoding="utf-8")
    conf += f"\nchannels_spectacular_pythonpath = [{str(EXAMPLE)!r}]\n"
    (source / "conf.py").write_text(conf, encoding="utf-8")
    shutil.copy(SNIPPETS / "sphinx" / "index.rst", source / "index.rst")
    out = tmp_path / "html"
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out)]
    result = run(command, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (out / "index.html").read_text(encoding="utf-8")
    assert 'class="cs-asyncapi"' in html
    assert "cancel_ride" in html


@pytest.mark.skipif(not TSC.is_file(), reason="node_modules is missing: run `npm ci`")
def test_client_sample_compiles_against_generated_models(tmp_path):
    spec_file = tmp_path / "asyncapi.json"
    call_command(
        "export_asyncapi",
        "--consumer",
        "rideshare.consumers.RideConsumer:/ws/rides/{ride_id}/",
        "--consumer",
        "rideshare.consumers.DriverConsumer:/ws/drivers/{driver_id}/",
        "--format",
        "json",
        "-o",
        str(spec_file),
    )
    client = tmp_path / "src"
    client.mkdir()
    script = SNIPPETS / "clients" / "generate-models.mjs"
    result = run(["node", str(script), str(spec_file), str(client / "models")])
    assert result.returncode == 0, result.stderr
    assert "RequestRideMessage" in result.stdout.split()
    shown = (SNIPPETS / "clients" / "RequestRideMessage.ts").read_text(encoding="utf-8")
    generated = (client / "models" / "RequestRideMessage.ts").read_text(encoding="utf-8")
    assert generated == shown, "the model shown in clients.md differs from Modelina's output"
    shutil.copy(SNIPPETS / "clients" / "rider-client.ts", client / "rider-client.ts")
    models = sorted(str(p) for p in (client / "models").glob("*.ts"))
    options = [
        "--noEmit",
        "--strict",
        "--target",
        "es2020",
        "--lib",
        "es2020,dom",
        "--skipLibCheck",
    ]
    result = run([str(TSC), *options, str(client / "rider-client.ts"), *models])
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_screenshot_is_a_1600x1000_png():
    data = (DOCS / "images" / "ws-docs.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1600, 1000)
