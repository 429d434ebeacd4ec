"""The MkDocs plugin, end to end: real ``mkdocs build --strict`` runs into temp dirs.

Builds are shared per module (fixtures): the Material example (twice, to compare bytes),
the test-only site with the mkdocs and readthedocs themes, small generated sites for the
asset modes, and one site per group of warning cases.
"""

from __future__ import annotations

import functools
import hashlib
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.asyncapi_parser import assert_valid_spec
from tests.support.browser import (
    browser_page,
    chromium_available,
    ensure_assets,
    free_port,
    static_server,
    wait_for_viewer,
)

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")
EXAMPLE = ROOT / "examples" / "mkdocs"
SITES = Path(__file__).resolve().parent / "mkdocs_sites"
SITE = SITES / "plain"
VIEWER_JS = "vendor/asyncapi-react-3.2.1/index.js"
THEME = "document.querySelector('{}').getAttribute('data-cs-theme')"

needs_browser = pytest.mark.skipif(not chromium_available(), reason="Chromium not installed")


def mkdocs(config: Path, site: Path, *args: str, strict: bool = True) -> Any:
    """``mkdocs build`` in a clean environment: no test settings, no bytecode, fixed date."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1", SOURCE_DATE_EPOCH="0")
    command = [str(MKDOCS), "build", "-f", str(config), "-d", str(site), *args]
    if strict:
        command.append("--strict")
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def built(config: Path, site: Path, *args: str) -> Path:
    """Build and fail with MkDocs' output unless it succeeded without any warning."""
    result = mkdocs(config, site, *args)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def in_parallel(jobs: Iterable[Callable[[], Any]]) -> list[Any]:
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(lambda job: job(), jobs))


def copy_site(tmp: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "serve_rebuild.py")
    return Path(shutil.copytree(SITE, tmp / "src", ignore=ignore))


def read(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def tree(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def mtimes(paths: Iterable[Path]) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in paths}


def search_docs(site: Path) -> str:
    return json.dumps(json.loads(read(site, "search/search_index.json"))["docs"])


def asset_refs(html: str, name: str) -> list[str]:
    """The ``src``/``href`` attributes loading ``name``."""
    return re.findall(f'(?:src|href)="[^"]*{re.escape(name)}"', html)


def viewer_ids(page: Any) -> list[str]:
    return page.evaluate("[...document.querySelectorAll('.cs-asyncapi')].map(e => e.id)")


# -- shared builds --------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def viewer_assets_present() -> None:
    ensure_assets()


def instant_config(tmp: Path, port: int) -> Path:
    """The example with ``site_url`` on ``port``: Material's instant navigation needs it."""
    config = {
        "INHERIT": str(EXAMPLE / "mkdocs.yml"),
        "site_url": f"http://127.0.0.1:{port}/",
        "docs_dir": str(EXAMPLE / "docs"),  # relative paths would start at this file
        "plugins": [
            "search",
            {
                "channels-spectacular": {
                    "django_settings": "rideshare.settings",
                    "pythonpath": [str(ROOT / "examples" / "rideshare")],
                }
            },
        ],
    }
    path = tmp / "mkdocs-instant.yml"
    path.write_text(yaml.safe_dump(config))
    return path


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Every full site, built in parallel: the example (also on a fixed port for instant
    navigation) and the test site with both themes, the mkdocs one twice."""
    tmp = tmp_path_factory.mktemp("sites")
    src = copy_site(tmp)
    port = free_port()
    jobs = {
        "example": (EXAMPLE / "mkdocs.yml", tmp / "example"),
        "instant": (instant_config(tmp, port), tmp / "instant"),
        "mkdocs": (src / "mkdocs.yml", tmp / "mkdocs"),
        "mkdocs again": (src / "mkdocs.yml", tmp / "mkdocs-again"),
        "readthedocs": (src / "mkdocs-readthedocs.yml", tmp / "readthedocs"),
    }
    results = in_parallel(lambda job=job: built(*job) for job in jobs.values())
    return {**dict(zip(jobs, results, strict=True)), "port": port}


@pytest.fixture(scope="module")
def example(sites: dict[str, Any]) -> Path:
    return sites["example"]


@pytest.fixture(scope="module")
def plain_sites(sites: dict[str, Any]) -> dict[str, Path]:
    return {theme: sites[theme] for theme in ("mkdocs", "readthedocs")}


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test site with the mkdocs theme, built on its own: it needs no Material, so the
    lowest-versions run (make pytest-min) builds it too."""
    tmp = tmp_path_factory.mktemp("plain")
    return built(copy_site(tmp) / "mkdocs.yml", tmp / "site")


@contextmanager
def serve_on(port: int, directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a given port (instant navigation matches the sitemap's)."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    handler = functools.partial(Handler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


# -- the Material example -------------------------------------------------------------


def test_example_specs_are_valid_and_named_by_content(example: Path) -> None:
    specs = sorted((example / "asyncapi").glob("*.*"))
    assert len(specs) == 3  # riders, drivers, all consumers (the api and reference pages)
    for path in specs:
        # The default download copy is the JSON the viewer inlines.
        assert path.suffix == ".json" and json.loads(path.read_bytes())["asyncapi"] == "3.0.0"
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        assert path.stem.endswith(f"-{digest}")
        assert_valid_spec(path.read_text(encoding="utf-8"))


def test_example_links_each_spec_for_download(example: Path) -> None:
    for page in (
        "rides/index.html",
        "drivers/index.html",
        "api/index.html",
        "reference/index.html",
    ):
        hrefs = re.findall(
            r'<p class="cs-asyncapi-download"><a href="([^"]+)"', read(example, page)
        )
        assert len(hrefs) == 1, page
        assert (example / Path(page).parent / hrefs[0]).resolve().is_file(), hrefs


def test_example_assets_only_on_pages_with_a_viewer_once(example: Path) -> None:
    for page in ("rides/index.html", "drivers/index.html", "api/index.html"):
        html = read(example, page)
        for name in ("asyncapi-init.js", VIEWER_JS, "asyncapi-viewer.css", "mkdocs.css"):
            assert len(asset_refs(html, name)) == 1, (page, name)
    for page in ("index.html", "reference/index.html"):  # no embed / native only
        html = read(example, page)
        assert not asset_refs(html, "asyncapi-init.js") and "cs-asyncapi-data" not in html, page
        # Material's instant navigation may still bring a viewer page in: the small loader.
        assert html.count("mkdocs-instant.js") == 1, page


def test_example_search_index_has_operations_not_data(example: Path) -> None:
    docs = search_docs(example)
    for name in ("request_ride", "accept_ride", "ride.offer", "update_location"):
        assert name in docs
    assert '\\"config\\"' not in docs  # the viewer's JSON stays out of the index


def test_example_native_reference_is_markdown(example: Path) -> None:
    html = read(example, "reference/index.html")
    assert "cs-asyncapi-data" not in html
    assert re.search(r'<h3 id="[^"]+">RideConsumer <code>/ws/rides/\{ride_id\}/</code></h3>', html)
    assert '<h4 id="request-ride">Request ride</h4>' in html
    assert "<td><code>pickup_lat</code></td>" in html
    assert 'href="#request-ride"' in html  # in Material's table of contents


def test_two_builds_are_byte_identical(sites: dict[str, Any]) -> None:
    first, second = tree(sites["mkdocs"]), tree(sites["mkdocs again"])
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@needs_browser
@pytest.mark.parametrize(("scheme", "palette"), [("light", "default"), ("dark", "slate")])
def test_example_renders_in_light_and_dark(example: Path, scheme: str, palette: str) -> None:
    with static_server(example) as base, browser_page() as (page, log):
        page.emulate_media(color_scheme=scheme)
        page.goto(base + "rides/")
        text = wait_for_viewer(page)
        for name in ("request_ride", "cancel_ride", "rate_driver", "ride.status"):
            assert name in text
        assert page.evaluate("document.body.dataset.mdColorScheme") == palette
        assert page.evaluate(THEME.format(".cs-asyncapi")) == scheme
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.cs-asyncapi')).backgroundColor"
        )
        assert (background == "rgb(17, 24, 39)") == (scheme == "dark")
        box = page.evaluate(
            "(() => { const e = document.querySelector('.cs-asyncapi').getBoundingClientRect();"
            " const c = document.querySelector('.md-content__inner').getBoundingClientRect();"
            " return [e.left - c.left, c.right - e.right,"
            " getComputedStyle(document.querySelector('.cs-asyncapi')).contain]; })()"
        )
        assert box[0] >= 0 and box[1] >= 0 and "layout" in box[2], box  # inside the content
        log.assert_clean()


@needs_browser
def test_example_survives_instant_navigation_and_palette_toggle(sites: dict[str, Any]) -> None:
    theme = THEME.format(".cs-asyncapi")
    with serve_on(sites["port"], sites["instant"]) as base, browser_page() as (page, log):
        page.emulate_media(color_scheme="light")
        page.goto(base)  # no viewer here: only the loader
        page.evaluate("window.__sameDocument = true")
        page.click(".md-nav__link:has-text('Riders')")
        assert "request_ride" in wait_for_viewer(page)
        page.click(".md-nav__link:has-text('Drivers')")  # viewer page to viewer page
        page.wait_for_url("**/drivers/")
        assert "accept_ride" in wait_for_viewer(page, "#asyncapi-drivers-md-1")
        page.click("label[for='__palette_1']")  # Material's light/dark toggle
        page.wait_for_function(f"{theme} === 'dark'")
        page.click(".md-nav__link:has-text('Overview')")
        page.wait_for_url(base)
        page.click(".md-nav__link:has-text('Whole API')")
        text = wait_for_viewer(page, "#asyncapi-api-md-1")
        assert "request_ride" in text and "accept_ride" in text
        assert page.evaluate(theme) == "dark"
        assert page.evaluate("window.__sameDocument") is True  # never a full page load
        log.assert_clean()


# -- the test-only site ---------------------------------------------------------------


@pytest.mark.minimum
def test_site_specs_are_valid(plain: Path) -> None:
    specs = sorted((plain / "asyncapi").glob("*.*"))
    # greeter, all consumers, and the chat file and evil consumer twice each: once as
    # written, once under the page's `title`, which is the heading readers see.
    assert len(specs) == 6
    for path in specs:
        assert path.suffix == ".yaml" and not path.read_text().startswith("{")  # download: yaml
        assert_valid_spec(path.read_text(encoding="utf-8"))


@pytest.mark.minimum
def test_site_without_embeds_loads_no_viewer(plain: Path) -> None:
    html = read(plain, "index.html")
    assert "channels_spectacular" not in html and "cs-asyncapi" not in html
    assert "consumer: this.is.only.Shown" in html  # a block inside another code block is text
    assert not (plain / "assets" / "channels_spectacular" / "mkdocs-instant.js").exists()


@pytest.mark.minimum
def test_site_embeds_and_links(plain: Path) -> None:
    greeter = read(plain, "greeter.html")
    assert greeter.count('class="cs-asyncapi"') == 2
    assert greeter.count("asyncapi-init.js") == 1  # once per page, however many embeds
    nested = read(plain, "guide/nested.html")
    assert '<div class="admonition note">' in nested and 'id="asyncapi-guide-nested-md-1"' in nested
    assert 'src="../assets/channels_spectacular/asyncapi-init.js"' in nested
    assert 'href="../asyncapi/chat-api-' in nested  # a docs-root spec, relative links
    assert '<h4 id="send-greeting">Send greeting</h4>' in nested  # native: real headings


def test_site_search_index_has_operations(plain_sites: dict[str, Path]) -> None:
    for site in plain_sites.values():
        docs = search_docs(site)
        for name in ("send_greeting", "lobby.closed", "postChatMessage", "message.posted"):
            assert name in docs
        assert "cs-asyncapi-data" not in docs and '\\"specs\\"' not in docs


@pytest.mark.minimum
def test_injection_is_escaped_in_markup(plain: Path) -> None:
    html = read(plain, "evil.html")
    assert "<script>window.__csPwned" not in html and "<img" not in html
    data = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert data, html
    spec = json.loads(data.group(1))["specs"][0]["spec"]
    assert "window.__csPwned = 1" in spec["operations"]["inject"]["description"]
    for wrapper in re.findall(r'<div class="cs-mkdocs-asyncapi">.*?</script>', html, re.S):
        scripts = re.findall(r"<script[^>]*>", wrapper)
        assert scripts == [s for s in scripts if 'type="application/json"' in s]  # CSP-safe


@needs_browser
@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_site_renders_in_both_themes(plain_sites: dict[str, Path], theme: str) -> None:
    with static_server(plain_sites[theme]) as base, browser_page() as (page, log):
        page.emulate_media(color_scheme="dark")  # the page decides: both themes are light
        page.goto(base + "greeter.html")
        greeter, chat = (wait_for_viewer(page, f"#{i}") for i in viewer_ids(page))
        assert "send_greeting" in greeter and "lobby.closed" in greeter
        assert "postChatMessage" in chat and "send_greeting" not in chat
        assert page.evaluate(THEME.format("#asyncapi-greeter-md-1")) == "light"
        if theme == "mkdocs":  # its colour-mode switch sets data-bs-theme on <html>
            page.evaluate("document.documentElement.dataset.bsTheme = 'dark'")
            page.wait_for_function(f"{THEME.format('#asyncapi-greeter-md-2')} === 'dark'")
        if theme == "mkdocs":
            page.goto(base + "evil.html")
            assert "inject" in wait_for_viewer(page)
            pwned = page.evaluate("[typeof window.__csPwned, typeof window.__csInjected]")
            assert pwned == ["undefined", "undefined"]
        log.assert_clean()


# -- asset modes ----------------------------------------------------------------------

SPEC_PAGE = "# API\n\n```asyncapi\nspec: chat.yaml\n```\n"
NATIVE_PAGE = "# Reference\n\n```asyncapi\nspec: chat.yaml\nnative: true\n```\n"


def write_site(root: Path, pages: dict[str, str], plugin: dict[str, Any] | None = None) -> Path:
    """A small site: mkdocs theme, the given pages, the test modules and spec files."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name in ("mkdocssite_settings.py", "mkdocssite_consumers.py"):
        shutil.copy(SITE / name, root / name)
    shutil.copy(SITE / "docs" / "specs" / "chat.yaml", docs / "chat.yaml")
    (docs / "broken.yaml").write_text("asyncapi: 3.0.0\nchannels: {}\n")
    (docs / "garbage.yaml").write_text("asyncapi: [unclosed\n")
    (docs / "index.md").write_text("# Home\n\nNothing embedded here.\n")
    for name, text in pages.items():
        (docs / name).write_text(text)
    config = {
        "site_name": "Case",
        "theme": {"name": "mkdocs", "highlightjs": False},
        "plugins": [{"channels-spectacular": plugin or {}}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return root / "mkdocs.yml"


@pytest.fixture(scope="module")
def mode_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("modes")
    cases = {  # no Django settings anywhere: spec files need none
        "cdn": ({"api.md": SPEC_PAGE}, {"viewer": {"assets": "cdn"}}),
        "url": ({"api.md": SPEC_PAGE}, {"viewer": {"assets": "/vendor/asyncapi"}}),
        "native": ({"reference.md": NATIVE_PAGE}, {}),
    }

    def job(name: str) -> Callable[[], Path]:
        pages, plugin = cases[name]
        return lambda: built(write_site(tmp / name, pages, plugin), tmp / name / "site")

    return dict(zip(cases, in_parallel(job(name) for name in cases), strict=True))


def test_cdn_mode_pins_the_viewer_with_sri(mode_sites: dict[str, Path]) -> None:
    site = mode_sites["cdn"]
    html = read(site, "api/index.html")
    cdn = "https://cdn.jsdelivr.net/npm/@asyncapi/react-component@3.2.1/"
    assert f'src="{cdn}browser/standalone/index.js" defer integrity="sha' in html
    assert "@latest" not in html
    assert 'src="../assets/channels_spectacular/asyncapi-init.js"' in html
    assert not (site / "assets" / "channels_spectacular" / "vendor").exists()
    assert (site / "assets" / "channels_spectacular" / "asyncapi-init.js").is_file()


def test_url_mode_is_relative_to_each_page(mode_sites: dict[str, Path]) -> None:
    html = read(mode_sites["url"], "api/index.html")
    assert 'src="../vendor/asyncapi/index.js"' in html
    assert 'href="../vendor/asyncapi/default.min.css"' in html


def test_native_only_site_copies_no_viewer(mode_sites: dict[str, Path]) -> None:
    site = mode_sites["native"]
    assert not (site / "assets" / "channels_spectacular").exists()
    html = read(site, "reference/index.html")
    assert "asyncapi-init.js" not in html and "Post a chat message" in html
    assert len(list((site / "asyncapi").glob("chat-api-*.yaml"))) == 1


# -- warnings -------------------------------------------------------------------------

GREETER = "consumer: mkdocssite_consumers.GreeterConsumer\n"
BLOCK_CASES = {  # case: (block body, expected message)
    "unknown option": (
        "consumr: mkdocssite_consumers.GreeterConsumer\n",
        "unknown option 'consumr'",
    ),
    "bad dotted path": (
        "consumer: mkdocssite_consumers.NoSuchConsumer\n",
        "cannot import consumer 'mkdocssite_consumers.NoSuchConsumer'",
    ),
    "not a dotted path": ("consumer: not a path\n", "is not a dotted path"),
    "invalid YAML": ("consumer: [unclosed\n", "the block is not valid YAML"),
    "not a mapping": ("- consumer\n- spec\n", "must be a YAML mapping"),
    "missing spec file": ("spec: missing.yaml\n", "cannot read spec file"),
    "invalid spec file": ("spec: broken.yaml\n", "invalid spec file"),
    "spec file not YAML": ("spec: garbage.yaml\n", "not valid YAML or JSON"),
    "config not a mapping": (GREETER + "config: 3\n", "must be a JSON object"),
    "bad height": (GREETER + "height: tall\n", "is not a CSS length"),
    "two sources": (GREETER + "spec: chat.yaml\n", "give only one of"),
    "filter matches nothing": (GREETER + "tags: [nope]\n", "no tag named 'nope'"),
    "native with a URL": (
        "spec: https://example.com/asyncapi.yaml\nnative: true\n",
        "native: true needs a spec file or consumers",
    ),
}
SETTINGS_CASES = {  # case: (django_settings, expected message)
    "missing Django settings": (None, "Django settings are not configured"),
    "unimportable Django settings": ("nope_settings", "cannot import Django settings module"),
}
CONFIG_CASES = {  # case: (plugin config, expected message)
    "unknown key": ({"viewr": {}}, "Unrecognised configuration name: viewr. Did you mean 'viewer'"),
    "unknown viewer key": ({"viewer": {"asets": "cdn"}}, "Sub-option 'asets': Unrecognised"),
    "pythonpath not a list": ({"pythonpath": 3}, "option 'pythonpath': Expected a list"),
    "config not a mapping": ({"config": [1]}, "option 'config': Expected type: <class 'dict'>"),
    "empty assets": ({"viewer": {"assets": ""}}, "Sub-option 'assets': must be 'bundled', 'cdn'"),
    "bad theme": ({"viewer": {"theme": "purple"}}, "Sub-option 'theme': Expected one of"),
    "spec_dir outside": ({"spec_dir": "../out"}, "option 'spec_dir': must be a directory"),
    "download not a format": ({"download": "xml"}, "must be one of json, yaml, none"),
}
SITE_PLUGIN = {"django_settings": "mkdocssite_settings", "pythonpath": ["."]}


def slug(case: str) -> str:
    return re.sub(r"\W+", "-", case)


def block_page(body: str) -> str:
    return f"# Case\n\nAn embed that cannot work:\n\n```asyncapi\n{body}```\n"


@pytest.fixture(scope="module")
def warning_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("warnings")
    blocks = {f"{slug(c)}.md": block_page(body) for c, (body, _) in BLOCK_CASES.items()}
    blocks_config = write_site(tmp / "blocks", blocks, SITE_PLUGIN)
    jobs: dict[str, Callable[[], Any]] = {
        "blocks": lambda: mkdocs(blocks_config, tmp / "blocks" / "strict"),
        "blocks lenient": lambda: mkdocs(blocks_config, tmp / "blocks" / "site", strict=False),
    }
    for case, (module, _) in SETTINGS_CASES.items():
        plugin = {"pythonpath": ["."], **({"django_settings": module} if module else {})}
        config = write_site(tmp / slug(case), {"api.md": block_page(GREETER)}, plugin)
        jobs[case] = lambda c=config: mkdocs(c, c.parent / "site")
    for case, (plugin, _) in CONFIG_CASES.items():
        config = write_site(tmp / slug(case), {}, plugin)
        jobs[case] = lambda c=config: mkdocs(c, c.parent / "site")
    results = dict(zip(jobs, in_parallel(jobs.values()), strict=True))
    results["blocks site"] = tmp / "blocks" / "site"
    return results


def assert_no_crash(result: Any) -> None:
    assert "Traceback" not in result.stderr, result.stderr


@pytest.mark.parametrize("case", sorted(BLOCK_CASES))
def test_each_block_problem_is_a_warning_naming_page_and_block(
    warning_builds: dict[str, Any], case: str
) -> None:
    result = warning_builds["blocks"]
    assert result.returncode != 0
    assert_no_crash(result)
    expected = f"channels-spectacular: {slug(case)}.md, asyncapi block 1 (line 5): "
    lines = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert any(expected in line and BLOCK_CASES[case][1] in line for line in lines), lines


def test_block_problems_never_crash_the_site(warning_builds: dict[str, Any]) -> None:
    result = warning_builds["blocks lenient"]
    assert result.returncode == 0, result.stderr
    assert_no_crash(result)
    site = warning_builds["blocks site"]
    filtered = read(site, "filter-matches-nothing/index.html")  # generated, then filtered
    href = re.search(r'class="cs-asyncapi-download"><a href="([^"]+)"', filtered)
    assert href, filtered
    assert_valid_spec((site / "filter-matches-nothing" / href.group(1)).read_text("utf-8"))
    for case in ("bad dotted path", "invalid YAML", "missing spec file", "two sources"):
        html = read(site, f"{slug(case)}/index.html")
        assert "asyncapi block 1 (line 5) could not be rendered" in html, case
        assert "asyncapi-init.js" not in html, case


@pytest.mark.parametrize("case", sorted(SETTINGS_CASES))
def test_django_settings_problems_are_warnings(warning_builds: dict[str, Any], case: str) -> None:
    result = warning_builds[case]
    assert result.returncode != 0
    assert_no_crash(result)
    assert "api.md, asyncapi block 1 (line 5): " in result.stderr
    assert SETTINGS_CASES[case][1] in result.stderr


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_bad_plugin_config_fails_strict(warning_builds: dict[str, Any], case: str) -> None:
    result = warning_builds[case]
    assert result.returncode != 0
    assert_no_crash(result)
    assert "Plugin 'channels-spectacular'" in result.stderr
    assert CONFIG_CASES[case][1] in result.stderr, result.stderr


# -- mkdocs serve ---------------------------------------------------------------------


def test_serve_watches_and_reimports_edited_consumers(tmp_path: Path) -> None:
    src = copy_site(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    script = SITES / "serve_rebuild.py"
    result = subprocess.run(
        [sys.executable, str(script), str(src), str(tmp_path / "site")],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    watched = {Path(p).name for p in report["watched"]}
    assert "mkdocssite_consumers.py" in watched  # consumers outside docs/ are watched
    assert not any(Path(p).is_relative_to(src / "docs") for p in report["watched"])
    assert report["before"] == [True, False]
    assert report["after"] == [False, True], result.stderr  # the edit shows in the rebuild


def test_unchanged_specs_and_assets_are_not_rewritten(tmp_path: Path) -> None:
    src = copy_site(tmp_path)
    site = tmp_path / "site"
    dirty = lambda: mkdocs(src / "mkdocs.yml", site, "--dirty", strict=False)  # noqa: E731
    assert dirty().returncode == 0  # (--dirty itself logs a warning, so no --strict)
    ours = [*(site / "asyncapi").glob("*.yaml"), *(site / "assets").rglob("*.*")]
    before = mtimes([*ours, site / "greeter.html"])
    page = src / "docs" / "greeter.md"
    future = time.time() + 5  # newer than the output, whatever the filesystem's resolution
    os.utime(page, (future, future))
    assert dirty().returncode == 0
    after = mtimes(before)
    assert after[site / "greeter.html"] != before[site / "greeter.html"]  # the page rebuilt
    assert [p for p in ours if after[p] != before[p]] == []  # its spec and assets: untouched


# -- units: block finding and escaping --------------------------------------------------


def test_find_blocks_skips_examples_and_keeps_indentation() -> None:
    from channels_spectacular.mkdocs.blocks import find_blocks, replace_blocks

    markdown = (
        "# Title\n\n````markdown\n```asyncapi\nconsumer: shown.Only\n```\n````\n\n"
        "## Section\n\n!!! note\n\n    ~~~asyncapi\n    spec: a.yaml\n    ~~~\n\n"
        "```{.asyncapi}\n```\n\n```asyncapi\nunclosed: true\n"
    )
    blocks = find_blocks(markdown)
    assert [(b.start, b.end, b.indent, b.body, b.heading_level) for b in blocks] == [
        (13, 15, "    ", "spec: a.yaml", 2),
        (17, 18, "", "", 2),
        (20, 22, "", "unclosed: true\n", 2),
    ]
    assert blocks[0].label == "asyncapi block 1 (line 13)"
    out = replace_blocks(markdown, blocks, lambda b: f"X{b.index}\n\nY")
    assert "    X1\n\n    Y\n" in out and "consumer: shown.Only" in out


def test_markdown_escaping() -> None:
    from channels_spectacular.mkdocs.markup import code, fenced, text

    assert text("a <b> & *c* | [d](e)") == r"a &lt;b&gt; &amp; \*c\* \| \[d\]\(e\)"
    assert code("plain") == "`plain`"
    assert code("a`b") == "`` a`b ``"
    assert fenced("x\n```\ny", "json") == "````json\nx\n```\ny\n````"
