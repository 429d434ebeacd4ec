"""The ``/ws-docs/`` views through Django's test client, and the viewer markup they embed."""

from __future__ import annotations

import json
import re
import threading
from html.parser import HTMLParser

import pytest
import yaml
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth.models import User
from django.template import engines
from django.test import Client, override_settings

from channels_spectacular import document_action, viewer
from channels_spectacular.views import AsyncAPIDocView, AsyncAPISpecView, clear_cache
from tests.support.browser import ensure_assets

pytestmark = pytest.mark.minimum  # also on the lowest supported versions

SETTINGS = "CHANNELS_SPECTACULAR_SETTINGS"
PRIVATE = {SETTINGS: {"SERVE_PUBLIC": False}}
INJECTION = "</script><script>window.__pwned=1</script><!--"


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture(scope="module", autouse=True)
def assets():
    ensure_assets()


def embed_data(html: str) -> dict:
    """The JSON data block of the (first) viewer embed on a page."""
    match = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert match, html
    return json.loads(match.group(1))


# -- the spec view ---------------------------------------------------------------------


def test_yaml_by_default(client, assert_valid):
    response = client.get("/ws-docs/asyncapi.yaml")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="asyncapi.yaml"'
    spec = yaml.safe_load(response.content)
    assert spec["asyncapi"] == "3.0.0"
    assert spec["info"]["title"] == "Test API"
    assert_valid(spec)


@pytest.mark.parametrize(
    ("url", "headers", "fmt"),
    [
        ("/ws-docs/asyncapi.yaml?format=json", {}, "json"),
        ("/ws-docs/asyncapi.yaml", {"HTTP_ACCEPT": "application/json"}, "json"),
        ("/ws-docs/asyncapi.yaml", {"HTTP_ACCEPT": "application/yaml, application/json"}, "yaml"),
        ("/ws-docs/asyncapi.yaml", {"HTTP_ACCEPT": "text/html,*/*;q=0.8"}, "yaml"),
        ("/ws-docs/asyncapi.json", {}, "json"),
        ("/ws-docs/asyncapi.json?format=yaml", {}, "yaml"),
    ],
)
def test_format_negotiation(client, url, headers, fmt):
    response = client.get(url, **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith(f"application/{fmt}")
    assert response["Content-Disposition"] == f'inline; filename="asyncapi.{fmt}"'
    assert "Accept" in response["Vary"]
    if fmt == "json":
        assert json.loads(response.content)["asyncapi"] == "3.0.0"


def test_unknown_format_is_a_400(client):
    response = client.get("/ws-docs/asyncapi.yaml?format=xml")
    assert response.status_code == 400
    assert b"format=json" in response.content


def test_etag_and_304(client):
    first = client.get("/ws-docs/asyncapi.yaml")
    etag = first["ETag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)
    again = client.get("/ws-docs/asyncapi.yaml", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again["ETag"] == etag and again.content == b""
    other = client.get("/ws-docs/asyncapi.yaml", HTTP_IF_NONE_MATCH='"nope"')
    assert other.status_code == 200
    json_etag = client.get("/ws-docs/asyncapi.yaml?format=json")["ETag"]
    assert json_etag != etag  # one ETag per representation


def test_servers_derived_from_the_request(client):
    response = client.get("/ws-docs/asyncapi.yaml", HTTP_HOST="docs.example.com")
    spec = yaml.safe_load(response.content)
    assert spec["servers"] == {"default": {"host": "docs.example.com", "protocol": "ws"}}
    secure = client.get("/ws-docs/asyncapi.yaml", secure=True, HTTP_HOST="docs.example.com:8443")
    assert yaml.safe_load(secure.content)["servers"]["default"] == {
        "host": "docs.example.com:8443",
        "protocol": "wss",
    }


def test_ws_host_and_protocol_settings_override_the_request(client):
    with override_settings(**{SETTINGS: {"WS_HOST": "ws.example.com", "WS_PROTOCOL": "wss"}}):
        spec = yaml.safe_load(client.get("/ws-docs/asyncapi.yaml").content)
    assert spec["servers"]["default"] == {"host": "ws.example.com", "protocol": "wss"}


def test_servers_setting_wins(client):
    servers = {"prod": {"host": "api.example.com", "protocol": "wss", "pathname": "/"}}
    with override_settings(**{SETTINGS: {"SERVERS": servers}}):
        spec = yaml.safe_load(client.get("/ws-docs/asyncapi.yaml").content)
    assert spec["servers"] == servers


def test_consumer_and_channel_path_attributes(client, assert_valid):
    spec = yaml.safe_load(client.get("/api/room.yaml").content)
    assert [c["address"] for c in spec["channels"].values()] == ["/ws/rooms/{room_id}/"]
    assert_valid(spec)


def test_consumers_attribute(client, assert_valid):
    spec = yaml.safe_load(client.get("/api/many.yaml").content)
    addresses = sorted(c["address"] for c in spec["channels"].values())
    assert addresses == ["/ws/items/{item_id}/", "/ws/rooms/{room_id}/"]
    assert_valid(spec)


def test_info_and_servers_attributes(client, assert_valid):
    spec = yaml.safe_load(client.get("/api/custom.yaml").content)
    assert spec["info"]["title"] == "Custom title" and spec["info"]["version"] == "9.9.9"
    assert spec["servers"] == {"prod": {"host": "api.example.com", "protocol": "wss"}}
    assert_valid(spec)


def test_settings_consumers_are_used(client):
    consumers = [("tests.asgi.ItemConsumer", "/ws/only/{item_id}/")]
    with override_settings(**{SETTINGS: {"CONSUMERS": consumers}}):
        spec = yaml.safe_load(client.get("/ws-docs/asyncapi.yaml").content)
    assert [c["address"] for c in spec["channels"].values()] == ["/ws/only/{item_id}/"]


# -- the ValueError rule ---------------------------------------------------------------


def test_neither_consumer_nor_consumers_raises_value_error_at_configuration():
    no_discovery = override_settings(**{SETTINGS: {"DISCOVER_CONSUMERS": False}})
    with no_discovery, pytest.raises(ValueError) as info:
        AsyncAPISpecView.as_view()
    assert "`consumer`" in str(info.value) and "`consumers`" in str(info.value)


def test_both_consumer_and_consumers_is_a_value_error():
    from tests.asgi import RoomConsumer

    with pytest.raises(ValueError, match="not both"):
        AsyncAPISpecView.as_view(consumer=RoomConsumer, consumers=[(RoomConsumer, "/ws/")])


@pytest.mark.parametrize("debug", [False, True])
def test_nothing_resolving_at_request_time_is_a_readable_error_not_a_traceback(client, debug):
    empty = "tests.test_discovery.NOTHING_ROUTED"
    with override_settings(DEBUG=debug, ASGI_APPLICATION=empty):
        response = client.get("/ws-docs/asyncapi.yaml")
    assert response.status_code == 500
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    # The details (which name code) under DEBUG or for staff; a short message otherwise.
    assert ("`consumer`" in text and "`consumers`" in text) is debug
    assert "Cannot generate the AsyncAPI document" in text and "Traceback" not in text


# A payload whose $ref points at no component: a generation error at BrokenConsumer.handle_x.
BROKEN = {"type": "object", "properties": {"m": {"$ref": "#/components/schemas/Missing"}}}


class BrokenConsumer(AsyncJsonWebsocketConsumer):
    @document_action(payload=BROKEN)
    async def handle_x(self, content: dict) -> None:
        pass


def test_generation_error_is_a_readable_error_and_not_cached(client, monkeypatch):
    broken = {"TITLE": "Test API", "CONSUMERS": [(BrokenConsumer, "/ws/broken/")]}
    with override_settings(**{SETTINGS: broken}, DEBUG=True):  # details: DEBUG or staff
        response = client.get("/ws-docs/asyncapi.yaml")
        assert response.status_code == 500
        assert b"BrokenConsumer.handle_x" in response.content and b"Missing" in response.content
        assert b"Traceback" not in response.content
        monkeypatch.setitem(BROKEN["properties"], "m", {"type": "string"})  # the fix
        assert client.get("/ws-docs/asyncapi.yaml").status_code == 200  # the failure was not kept


# -- caching ---------------------------------------------------------------------------

GENERATED: list[int] = []


def count_generation(result: dict, generator: object, **kwargs: object) -> dict:
    """A postprocessing hook: runs once per generated document."""
    GENERATED.append(1)
    return result


def test_fifty_concurrent_cold_requests_generate_once():
    GENERATED.clear()
    barrier = threading.Barrier(50)
    results: list[tuple[int, bytes]] = []

    def fetch():
        client = Client()
        barrier.wait()
        response = client.get("/ws-docs/asyncapi.yaml")
        results.append((response.status_code, response.content))

    counting = {"TITLE": "Test API", "POSTPROCESSING_HOOKS": [count_generation]}
    with override_settings(**{SETTINGS: counting}):
        threads = [threading.Thread(target=fetch) for _ in range(50)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(results) == 50
    assert {status for status, _ in results} == {200}
    assert len({body for _, body in results}) == 1
    assert len(GENERATED) == 1


def test_cache_is_dropped_when_settings_change(client):
    assert b"Test API" in client.get("/ws-docs/asyncapi.yaml").content
    with override_settings(**{SETTINGS: {"TITLE": "Renamed API"}}):
        assert b"Renamed API" in client.get("/ws-docs/asyncapi.yaml").content
    assert b"Test API" in client.get("/ws-docs/asyncapi.yaml").content


# -- access ----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/ws-docs/", "/ws-docs/asyncapi.yaml", "/api/room.yaml"])
def test_not_public_is_staff_only(client, url):
    with override_settings(**PRIVATE):
        assert client.get(url).status_code == 403
        client.force_login(User.objects.create_user("user", password="x"))
        assert client.get(url).status_code == 403
        client.force_login(User.objects.create_user("staff", password="x", is_staff=True))
        assert client.get(url).status_code == 200


def allow_header(request):
    return request.headers.get("X-Docs") == "yes"


@pytest.mark.parametrize(
    "permissions", [["tests.test_views.allow_header"], [allow_header], allow_header]
)
def test_custom_serve_permissions(client, permissions):
    with override_settings(**{SETTINGS: {"SERVE_PUBLIC": False, "SERVE_PERMISSIONS": permissions}}):
        assert client.get("/ws-docs/").status_code == 403
        assert client.get("/ws-docs/", HTTP_X_DOCS="yes").status_code == 200
        assert client.get("/ws-docs/asyncapi.yaml", HTTP_X_DOCS="yes").status_code == 200


def test_drf_permission_classes_work_too(client):
    settings = {"SERVE_PUBLIC": False, "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"]}
    with override_settings(**{SETTINGS: settings}):
        assert client.get("/ws-docs/").status_code == 200


def test_not_public_without_permissions_denies_everyone(client):
    with override_settings(**{SETTINGS: {"SERVE_PUBLIC": False, "SERVE_PERMISSIONS": []}}):
        assert client.get("/ws-docs/").status_code == 403


# -- the docs page ---------------------------------------------------------------------


class _Inline(HTMLParser):
    """Collects what a strict CSP would block: inline scripts, styles and handlers."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._script_is_data = False

    def handle_starttag(self, tag, attrs):
        names = dict(attrs)
        if tag == "style":
            self.problems.append("<style>")
        self.problems += [f"{tag}[{a}]" for a in names if a == "style" or a.startswith("on")]
        if tag == "script":
            self._script_is_data = names.get("type") == "application/json"
            if "src" not in names and not self._script_is_data:
                self.problems.append("inline <script>")


def test_docs_page(client):
    response = client.get("/ws-docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Test API</title>" in html
    assert f'src="/static/{viewer.VIEWER_JS}"' in html
    assert f'href="/static/{viewer.VIEWER_CSS}"' in html
    assert 'src="/static/channels_spectacular/asyncapi-init.js"' in html
    data = embed_data(html)
    assert data["specs"] == [{"key": "spec", "label": "", "url": "/ws-docs/asyncapi.yaml"}]
    assert data["config"]["show"]["sidebar"] is True
    assert "cs-asyncapi-switcher" not in html
    parser = _Inline()
    parser.feed(html)
    assert parser.problems == []


def test_docs_page_switcher_resolves_url_names(client):
    html = client.get("/docs/switch/").content.decode()
    data = embed_data(html)
    assert [(s["key"], s["label"], s["url"]) for s in data["specs"]] == [
        ("rooms", "Rooms", "/api/room.yaml"),
        ("many", "Many", "/api/many.yaml"),
    ]
    assert data["param"] == "spec"
    assert '<option value="rooms">Rooms</option>' in html


def test_docs_page_injection_is_escaped(client):
    with override_settings(**{SETTINGS: {"TITLE": INJECTION}}):
        html = client.get("/ws-docs/").content.decode()
    assert "<script>window.__pwned" not in html
    assert html.count("</script>") == html.count("<script")  # no tag closed early
    assert "<!--" not in html.split("<body", 1)[1]
    assert embed_data(html)["specs"][0]["url"] == "/ws-docs/asyncapi.yaml"


def test_viewer_settings_are_deep_merged(client):
    viewer_settings = {"CONFIG": {"show": {"sidebar": False}}, "THEME": {"mode": "dark"}}
    with override_settings(**{SETTINGS: {"VIEWER": viewer_settings}}):
        data = embed_data(client.get("/ws-docs/").content.decode())
    assert data["config"]["show"]["sidebar"] is False
    assert data["config"]["show"]["operations"] is True
    assert data["theme"]["mode"] == "dark"
    assert "data-md-color-scheme" in data["theme"]["attributes"]


def test_cdn_mode_pins_the_version_with_sri(client):
    with override_settings(**{SETTINGS: {"VIEWER": {"ASSETS": "cdn"}}}):
        html = client.get("/ws-docs/").content.decode()
    assert f"{viewer.CDN_BASE}/browser/standalone/index.js" in html
    assert "@3.2.1/" in html and "@latest" not in html
    assert re.search(r'index\.js" defer integrity="sha384-[A-Za-z0-9+/=]{64}" crossorigin', html)
    assert re.search(r'default\.min\.css" rel="stylesheet" integrity="sha384-', html)


def test_url_prefix_mode(client):
    with override_settings(**{SETTINGS: {"VIEWER": {"ASSETS": "https://assets.example.com/v/"}}}):
        html = client.get("/ws-docs/").content.decode()
    assert 'src="https://assets.example.com/v/index.js"' in html
    assert 'href="https://assets.example.com/v/default.min.css"' in html


CUSTOM = """{% extends "channels_spectacular/docs.html" %}
{% block extra_head %}<meta name="custom" content="head">{% endblock %}
{% block header %}<h1>Header</h1>{% endblock %}
{% block try_it_out %}<section id="try">Try</section>{% endblock %}
{% block extra_body %}<footer>Body end</footer>{% endblock %}"""


def test_template_name_and_documented_blocks(client):
    templates = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": False,
            "OPTIONS": {
                "loaders": [
                    ("django.template.loaders.locmem.Loader", {"custom_docs.html": CUSTOM}),
                    "django.template.loaders.app_directories.Loader",
                ]
            },
        }
    ]
    with override_settings(TEMPLATES=templates):  # Django resets its template engines
        html = client.get("/docs/custom/").content.decode()
    assert '<meta name="custom" content="head">' in html
    assert "<h1>Header</h1>" in html and '<section id="try">' in html and "Body end" in html
    assert "<title>Rooms</title>" in html
    assert embed_data(html)["specs"][0]["url"] == "/api/room.yaml"


def test_try_it_out_block_is_empty_unless_enabled(client):
    source = engines["django"].engine.get_template("channels_spectacular/docs.html").source
    for block in ("try_it_out", "extra_head", "extra_body", "viewer", "viewer_head", "title"):
        assert f"{{% block {block} %}}" in source
    assert b"data-cs-try-it-out" not in client.get("/ws-docs/").content
    with override_settings(**{SETTINGS: {"TRY_IT_OUT_ENABLED": True}}):
        assert b"data-cs-try-it-out" in client.get("/ws-docs/").content


def test_doc_view_spec_url_default_follows_the_path(rf):
    request = rf.get("/somewhere/docs/")
    request.user = None
    view = AsyncAPIDocView(request=request)
    assert view.get_spec_url(request) == "/somewhere/docs/asyncapi.yaml"
    assert view.get_spec_url(rf.get("/x")) == "/x/asyncapi.yaml"


# -- viewer.py -------------------------------------------------------------------------


def test_render_embed_is_deterministic_and_escapes_everything():
    spec = {"asyncapi": "3.0.0", "info": {"title": "T", "version": "1", "description": INJECTION}}
    kwargs = dict(spec=spec, element_id="e1", title='A "title" <b>', height="600px")
    html = viewer.render_embed(**kwargs)
    assert html == viewer.render_embed(**kwargs)
    assert "</script><script>" not in html and "<!--" not in html
    assert 'aria-label="A &quot;title&quot; &lt;b&gt;"' in html
    data = embed_data(html)
    assert data["specs"][0]["spec"]["info"]["description"] == INJECTION
    assert data["height"] == "600px"


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"spec": {}, "spec_url": "/x.yaml"},
        {"spec_url": "/x.yaml", "spec_script": "x"},
        {"spec_url": "/x", "element_id": 'x" onload="1'},
        {"spec_url": "/x", "height": "1px;color:red"},
        {"switcher": []},
    ],
)
def test_render_embed_rejects_bad_arguments(kwargs):
    with pytest.raises(ValueError):
        viewer.render_embed(**kwargs)


def test_switcher_keys_are_unique_and_readable():
    html = viewer.render_embed(
        switcher=[("Riders v1", "/a.yaml"), ("Riders v1", "/b.yaml"), ("", {"asyncapi": "3.0.0"})],
        element_id="s",
        switcher_param="version",
    )
    data = embed_data(html)
    assert [s["key"] for s in data["specs"]] == ["riders-v1", "riders-v1-2", "spec"]
    assert data["param"] == "version"
    assert 'for="s-switcher"' in html


def test_head_tags_and_asset_modes():
    tags = viewer.head_tags(viewer.viewer_assets("bundled", "_static/"))
    assert tags.index("default.min.css") < tags.index("asyncapi-viewer.css")
    assert tags.index("index.js") < tags.index("asyncapi-init.js")
    assert f'<script src="_static/{viewer.VIEWER_JS}" defer></script>' in tags
    assets = viewer.viewer_assets("cdn", lambda p: f"/hashed/{p}")
    assert assets.script.url.startswith(viewer.CDN_BASE) and assets.script.integrity
    assert assets.init_script.url == "/hashed/channels_spectacular/asyncapi-init.js"
    with pytest.raises(ValueError):
        viewer.viewer_assets("")


def test_asset_files_are_packaged():
    files = viewer.asset_files("bundled")
    assert set(files) >= {viewer.VIEWER_JS, viewer.VIEWER_CSS, viewer.INIT_JS, viewer.INIT_CSS}
    assert all(path.is_file() for path in files.values())
    assert set(viewer.asset_files("cdn")) == {viewer.INIT_JS, viewer.INIT_CSS}


def test_deep_merge_leaves_inputs_alone():
    base = {"show": {"sidebar": True, "info": True}, "x": [1]}
    merged = viewer.deep_merge(base, {"show": {"sidebar": False}, "y": 2})
    assert merged == {"show": {"sidebar": False, "info": True}, "x": [1], "y": 2}
    assert base == {"show": {"sidebar": True, "info": True}, "x": [1]}


def test_a_mistyped_asset_mode_is_an_error_not_a_url():
    with pytest.raises(ValueError, match="'bundeld'"):
        viewer.viewer_assets("bundeld")
    assert viewer.viewer_assets("/vendor/asyncapi/").script.url == "/vendor/asyncapi/index.js"


def test_data_block_can_be_a_hidden_div_with_the_same_escaped_json():
    spec = {"asyncapi": "3.0.0", "info": {"title": "</script><b>", "version": "1"}}
    as_script = viewer.render_embed(spec=spec, element_id="a")
    as_div = viewer.render_embed(spec=spec, element_id="a", data_tag="div")
    json_text = as_script.split('class="cs-asyncapi-data">')[1].split("</script>")[0]
    assert f'<div hidden id="a-data" class="cs-asyncapi-data">{json_text}</div>' in as_div
    assert "<script" not in as_div and "</script><b>" not in as_div
    with pytest.raises(ValueError, match="data_tag"):
        viewer.render_embed(spec=spec, element_id="a", data_tag="span")


def test_spec_script_keeps_the_document_out_of_the_page():
    spec = {"asyncapi": "3.0.0", "info": {"title": "T", "version": "1", "description": INJECTION}}
    html = viewer.render_embed(spec_script="t-0123456789ab", element_id="a")
    assert embed_data(html)["specs"] == [{"key": "spec", "label": "", "script": "t-0123456789ab"}]
    assert INJECTION not in html
    script = viewer.spec_script_text("t-0123456789ab", viewer.spec_json(spec))
    registry = f"self.{viewer.SPEC_SCRIPTS_GLOBAL}"
    head = f'({registry}={registry}||{{}})["t-0123456789ab"]='
    assert script.startswith(head) and script.endswith(";\n")
    assert "<" not in script and ">" not in script  # inert even if pasted into a page
    assert json.loads(script[len(head) : -2]) == spec
