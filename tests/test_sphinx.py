"""The Sphinx extension, end to end: real ``sphinx-build -W -j 2`` runs into temp dirs.

Builds are shared per module (fixtures): the example project (furo, the rideshare
consumers), a test-only site (small consumers, a spec file, an injection attempt), its
text/latex/man output, and one tiny project per warning case.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.support.asyncapi_parser import assert_valid_spec
from tests.support.browser import (
    browser_page,
    chromium_available,
    ensure_assets,
    static_server,
    wait_for_viewer,
)

ROOT = Path(__file__).resolve().parent.parent
SPHINX_BUILD = Path(sys.executable).with_name("sphinx-build")
EXAMPLE = ROOT / "examples" / "sphinx"
SITE = Path(__file__).resolve().parent / "sphinx_sites" / "basic"
# Pages Sphinx itself rewrites on every HTML build, even when nothing changed (it also
# rewrites its index files and templated static files, which pages() leaves out).
SPHINX_PAGES = {"genindex.html", "search.html"}

needs_browser = pytest.mark.skipif(not chromium_available(), reason="Chromium not installed")


def sphinx(src: Path, out: Path, builder: str = "html", quiet: bool = True, jobs: int = 2):
    """Run ``sphinx-build -W -j 2`` without the test run's Django settings leaking in.

    ``--keep-going``: Sphinx 7.2 stops at the first warning without it (7.3+ always goes on).
    """
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    command = [str(SPHINX_BUILD), "-W", "--keep-going", "-j", str(jobs), "-b", builder]
    command += [str(src), str(out)]
    if quiet:
        command.insert(1, "-q")
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)


def built(src: Path, out: Path, builder: str = "html") -> Path:
    """Build and fail with Sphinx's output unless it succeeded without any warning."""
    result = sphinx(src, out, builder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return out


def copy_site(tmp: Path) -> Path:
    return Path(shutil.copytree(SITE, tmp / "src", ignore=shutil.ignore_patterns("__pycache__")))


def inventory(path: Path) -> str:
    """objects.inv as text lines (``name domain:type priority uri dispname``)."""
    data = path.read_bytes()
    header_end = 0
    for _ in range(4):
        header_end = data.index(b"\n", header_end) + 1
    return zlib.decompress(data[header_end:]).decode()


def search_index(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1 : text.rindex(")")])


# -- shared builds --------------------------------------------------------------------


@pytest.fixture(scope="module", autouse=True)
def viewer_assets_present() -> None:
    ensure_assets()


@pytest.fixture(scope="module")
def example_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(EXAMPLE, tmp_path_factory.mktemp("example") / "html")


@pytest.fixture(scope="module")
def site_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    return built(copy_site(tmp), tmp / "html")


@pytest.fixture(scope="module")
def site_outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("site-native")
    src = copy_site(tmp)
    builders = ("text", "latex", "man")
    with ThreadPoolExecutor(max_workers=2) as pool:
        outs = pool.map(lambda b: built(src, tmp / b, b), builders)
    return dict(zip(builders, outs, strict=True))


# -- the example project --------------------------------------------------------------


def spec_script(path: Path) -> tuple[str, Any]:
    """The name and document an ``_asyncapi/*.js`` spec script registers for the viewer."""
    registry = "self.ChannelsSpectacularSpecs"
    head = re.escape(f"({registry}={registry}||{{}})[")
    found = re.fullmatch(head + r'("[^"]+")\]=(.*);\n', path.read_text(encoding="utf-8"), re.S)
    assert found, path.read_text(encoding="utf-8")[:200]
    return json.loads(found.group(1)), json.loads(found.group(2))


def test_example_specs_are_valid_and_named_by_content(example_html: Path) -> None:
    files = sorted((example_html / "_asyncapi").glob("*.*"))
    specs = [p for p in files if p.suffix != ".js"]
    assert len(specs) == 6
    # Generated documents are copied as the JSON the viewer renders; the :spec: file as written.
    assert [p.suffix for p in specs].count(".json") == 5
    notifications = [p for p in specs if p.suffix == ".yaml"]
    assert notifications[0].read_bytes() == (EXAMPLE / "specs" / "notifications.yaml").read_bytes()
    for path in specs:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        assert path.stem.endswith(f"-{digest}")
        assert_valid_spec(path.read_text(encoding="utf-8"))
    # The viewer reads each distinct document from a script named by its JSON's hash:
    # the same stem as a JSON download of it.
    scripts = [p for p in files if p.suffix == ".js"]
    assert len(scripts) == 5  # the two embeds of one consumer share theirs
    for path in scripts:
        name, spec = spec_script(path)
        text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
        assert name == path.stem
        assert path.stem.endswith(f"-{hashlib.sha256(text.encode()).hexdigest()[:12]}")
        download = path.with_suffix(".json")
        assert not download.exists() or json.loads(download.read_bytes()) == spec
        assert_valid_spec(text)


def test_example_links_each_spec_for_download(example_html: Path) -> None:
    for page in ("riders.html", "drivers.html", "notifications.html", "reference.html"):
        html = (example_html / page).read_text(encoding="utf-8")
        hrefs = re.findall(r'<a class="reference download" href="([^"]+)"', html)
        assert len(hrefs) == 1, page
        assert (example_html / hrefs[0]).is_file()
        kind = "YAML" if page == "notifications.html" else "JSON"
        assert f"(AsyncAPI {kind})</a>" in html, page


def test_assets_only_on_pages_with_a_viewer_once(example_html: Path) -> None:
    def count(page: str, name: str) -> int:
        return (example_html / page).read_text(encoding="utf-8").count(name)

    for page in ("riders.html", "side-by-side.html", "notifications.html"):
        assert count(page, "asyncapi-init.js") == 1, page
        assert count(page, "/index.js?") == 1, page
        assert count(page, "asyncapi-viewer.css") == 1, page
    for page in ("index.html", "reference.html", "search.html"):  # no embed / native only
        assert count(page, "asyncapi-init.js") == 0, page
        assert count(page, "cs-asyncapi-data") == 0, page


def test_native_rendering_hidden_unless_native(example_html: Path) -> None:
    riders = (example_html / "riders.html").read_text(encoding="utf-8")
    assert '<div class="asyncapi-native" hidden>' in riders
    assert "\nrequest_ride " in riders  # the hidden line naming the operation
    reference = (example_html / "reference.html").read_text(encoding="utf-8")
    assert '<div class="asyncapi-native">' in reference
    assert "update_location — Share the current position" in reference


def test_hidden_rendering_is_light(example_html: Path) -> None:
    # Behind the viewer the rendering only feeds search: one paragraph of names, no
    # sections, field tables or example blocks; a :native: embed keeps the full rendering.
    riders = (example_html / "riders.html").read_text(encoding="utf-8")
    hidden = riders.split('<div class="asyncapi-native" hidden>')[1].split("</div>")[0]
    assert "<section" not in hidden and hidden.count("<p>") == 1, hidden
    assert "asyncapi-fields" not in riders and "highlight-json" not in riders
    for word in ("pickup_lat", "request_ride", "ride.status", "Request", "ride"):
        assert word in hidden.split(), word  # names, summaries and field names, for search
    reference = (example_html / "reference.html").read_text(encoding="utf-8")
    assert "asyncapi-fields" in reference


def test_search_index_has_operations(example_html: Path) -> None:
    index = search_index(example_html / "searchindex.js")
    hits = {  # objects: {prefix: [(doc, objtype, priority, anchor, last name part)]}
        (f"{prefix}.{entry[4]}" if prefix else entry[4], index["objtypes"][str(entry[1])])
        for prefix, entries in index["objects"].items()
        for entry in entries
    }
    # Channels, operations and messages are search hits of their own, with their anchors...
    assert {
        ("rides.request_ride", "asyncapi:operation"),
        ("drivers.ride.offer", "asyncapi:operation"),
        ("notifications", "asyncapi:channel"),
        ("rides.pong", "asyncapi:message"),  # a reply message no operation is named after
    } <= hits
    # ...except a message named like its operation, which would list every name twice.
    assert ("rides.request_ride", "asyncapi:message") not in hits
    for term in ("pickup_lat", "request_rid", "request"):  # terms are stemmed
        assert term in index["terms"], term  # the hidden text is indexed too


def test_objects_inv_and_roles(example_html: Path) -> None:
    inv = inventory(example_html / "objects.inv")
    for line in (
        # "$" stands for the name at the end of the anchor.
        "rides asyncapi:channel 1 riders.html#asyncapi-channel-$ -",
        "rides.request_ride asyncapi:operation 1 riders.html#asyncapi-operation-$ -",
        # In the inventory (intersphinx) either way; -1 keeps a twin out of search.
        "rides.ride.status asyncapi:message -1 riders.html#asyncapi-message-$ -",
        "rides.pong asyncapi:message 1 riders.html#asyncapi-message-$ -",
        "notifications.promo_offered asyncapi:operation 1 notifications.html#",
    ):
        assert line in inv, inv
    index = (example_html / "index.html").read_text(encoding="utf-8")
    assert 'href="riders.html#asyncapi-operation-rides.request_ride"' in index
    assert 'href="drivers.html#asyncapi-message-drivers.ride.offer"' in index
    riders = (example_html / "riders.html").read_text(encoding="utf-8")
    assert '<span id="asyncapi-operation-rides.request_ride"></span>' in riders


@needs_browser
def test_example_viewer_renders_offline(example_html: Path) -> None:
    with static_server(example_html) as base, browser_page() as (page, log):
        page.goto(base + "riders.html")
        text = wait_for_viewer(page)
        for name in ("request_ride", "cancel_ride", "rate_driver", "ride.status"):
            assert name in text
        page.goto(base + "notifications.html")
        assert "promo_offered" in wait_for_viewer(page)
        log.assert_clean()


@needs_browser
def test_example_opens_from_disk(example_html: Path, tmp_path: Path) -> None:
    # file:// pages cannot fetch(): the document comes from a plain <script src>.
    with browser_page() as (page, log):
        page.goto((example_html / "riders.html").as_uri())
        assert "request_ride" in wait_for_viewer(page)
        log.assert_clean()
    # Without its spec script the embed says so instead of staying blank.
    site = Path(shutil.copytree(example_html, tmp_path / "html"))
    html = (site / "riders.html").read_text(encoding="utf-8")
    name = re.search(r'<script src="_asyncapi/([^"]+\.js)"></script>', html)
    assert name
    (site / "_asyncapi" / name.group(1)).unlink()
    with static_server(site) as base, browser_page() as (page, _log):
        page.goto(base + "riders.html")
        problem = page.wait_for_selector(".cs-asyncapi-problem", timeout=30_000)
        assert problem and f"did not load ({name.group(1)})" in problem.inner_text()


@needs_browser
def test_two_embeds_on_one_page(example_html: Path) -> None:
    with static_server(example_html) as base, browser_page() as (page, log):
        page.goto(base + "side-by-side.html")
        rides = wait_for_viewer(page, "#asyncapi-side-by-side-1")
        feedback = wait_for_viewer(page, "#asyncapi-side-by-side-2")
        assert "request_ride" in rides and "rate_driver" not in rides
        assert "rate_driver" in feedback and "request_ride" not in feedback
        log.assert_clean()


@needs_browser
def test_viewer_follows_furo_dark_mode(example_html: Path) -> None:
    theme = "document.querySelector('.cs-asyncapi').getAttribute('data-cs-theme')"
    with static_server(example_html) as base, browser_page() as (page, log):
        page.emulate_media(color_scheme="light")
        page.goto(base + "drivers.html")
        wait_for_viewer(page)
        assert page.evaluate(theme) == "light"
        page.evaluate("document.body.dataset.theme = 'dark'")  # furo's theme toggle
        page.wait_for_function(f"{theme} === 'dark'")
        page.evaluate("document.body.dataset.theme = 'auto'")  # auto: the OS preference
        page.emulate_media(color_scheme="dark")
        page.wait_for_function(f"{theme} === 'dark'")
        page.emulate_media(color_scheme="light")
        page.wait_for_function(f"{theme} === 'light'")
        log.assert_clean()


# -- the test site --------------------------------------------------------------------


@pytest.mark.minimum
def test_site_specs_are_valid(site_html: Path) -> None:
    specs = sorted(p for p in (site_html / "_asyncapi").glob("*.*") if p.suffix != ".js")
    assert len(specs) == 5  # chat, evil, the file, all consumers, all filtered by tag
    for path in specs:
        # channels_spectacular_download = "yaml" in this site's conf.py
        assert path.suffix == ".yaml" and not path.read_text().startswith("{")
        assert_valid_spec(path.read_text(encoding="utf-8"))


@pytest.mark.minimum
def test_injection_is_escaped_in_markup(site_html: Path) -> None:
    html = (site_html / "evil.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in html
    assert "<img" not in html
    data = re.search(r'<script type="application/json"[^>]*>(.*?)</script>', html, re.S)
    assert data
    name = json.loads(data.group(1))["specs"][0]["script"]
    assert f'<script src="_asyncapi/{name}.js"></script>' in html
    script = site_html / "_asyncapi" / f"{name}.js"
    assert "window.__pwned = 1" in spec_script(script)[1]["operations"]["inject"]["description"]
    text = script.read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text  # escaped: inert wherever it is pasted


@pytest.mark.minimum
def test_site_pages_with_a_viewer_load_its_assets(site_html: Path) -> None:
    # Sphinx 7.2.0 dropped files added from html-page-context: no viewer on any page.
    html = (site_html / "all.html").read_text(encoding="utf-8")
    scripts = re.findall(r'<script [^>]*src="([^"]+)"', html)
    # The viewer bundle, asyncapi-init.js and the (inert unless asked for) console.
    assert sum("channels_spectacular/" in src for src in scripts) == 3, scripts
    assert "channels_spectacular/" not in (site_html / "index.html").read_text(encoding="utf-8")


@needs_browser
def test_injection_does_not_execute(site_html: Path) -> None:
    # No CSP here: escaping alone must stop the payloads (the viewer drops the handler).
    with static_server(site_html) as base, browser_page() as (page, log):
        page.goto(base + "evil.html")
        assert "inject" in wait_for_viewer(page)
        page.wait_for_timeout(500)  # give a surviving onerror handler time to run
        assert page.evaluate("typeof window.__pwned") == "undefined"
        log.assert_clean()


@needs_browser
def test_all_consumers_page_renders_two_embeds(site_html: Path) -> None:
    with static_server(site_html) as base, browser_page() as (page, log):
        page.goto(base + "all.html")
        everything = wait_for_viewer(page, "#asyncapi-all-1")
        presence = wait_for_viewer(page, "#asyncapi-all-2")
        assert "inject" in everything and "say" in everything
        assert "member.joined" in presence and "inject" not in presence
        log.assert_clean()


def test_text_man_and_latex_show_the_operations(site_outputs: dict[str, Path]) -> None:
    text = (site_outputs["text"] / "chat.txt").read_text(encoding="utf-8")
    for expected in ("say — Say something", "Message say", "Reply message.posted"):
        assert expected in text
    assert "author.name" in text and '"text": "hello"' in text  # field table, example
    spec_page = (site_outputs["text"] / "spec.txt").read_text(encoding="utf-8")
    assert "greet — Greets the client" in spec_page
    latex = next(site_outputs["latex"].glob("*.tex")).read_text(encoding="utf-8")
    assert r"say — Say something" in latex
    assert r"member.joined" in latex and r"author.name" in latex
    man = next(site_outputs["man"].rglob("*.1")).read_text(encoding="utf-8")
    assert "Say something" in man


def test_incremental_rebuild(tmp_path: Path, site_html: Path) -> None:
    src = copy_site(tmp_path)
    out = built(src, tmp_path / "html")
    before = _mtimes(out)
    for name in before:  # two clean builds in different places: the same bytes
        assert (out / name).read_bytes() == (site_html / name).read_bytes(), name

    result = sphinx(src, out, quiet=False)  # nothing changed
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no targets are out of date" in result.stdout
    assert not _changed(before, _mtimes(out))

    # Sphinx also rewrites index.html, whose toctree lists the re-read pages.
    _touch(src / "sphinxsite_consumers.py")  # chat, evil and all use its consumers
    before = _mtimes(out)
    assert sphinx(src, out).returncode == 0
    assert _changed(before, _mtimes(out)) - {"index.html"} == {"chat.html", "evil.html", "all.html"}

    _touch(src / "specs" / "hello.yaml")
    before = _mtimes(out)
    assert sphinx(src, out).returncode == 0
    assert _changed(before, _mtimes(out)) - {"index.html"} == {"spec.html"}


def _mtimes(out: Path) -> dict[str, int]:
    """Modification times of the pages, spec files and viewer assets of a build."""
    ours = ("_asyncapi/", "_static/channels_spectacular/")
    files = (str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    return {
        name: (out / name).stat().st_mtime_ns
        for name in files
        if name.startswith(ours) or ("/" not in name and name.endswith(".html"))
        if name not in SPHINX_PAGES
    }


def _changed(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {name for name, mtime in after.items() if before.get(name) != mtime}


def _touch(path: Path) -> None:
    # Now, which is after the last build read its documents and before the next one does.
    time.sleep(0.05)
    path.touch()


# -- warnings -------------------------------------------------------------------------
# One project holds a page per case; -W fails on any warning, so each case is shown to be
# a Sphinx warning at its page and the directive's line (4). Cases about the Django
# settings themselves need their own conf.py, hence their own projects.

CONSUMER = "   :consumer: sphinxsite_consumers.ChatConsumer\n"
WARNING_CASES = {
    "bad-dotted-path": (
        "   :consumer: sphinxsite_consumers.NoSuchConsumer\n",
        "cannot import consumer 'sphinxsite_consumers.NoSuchConsumer'",
    ),
    "not-a-dotted-path": ("   :consumer: not a path\n", "is not a dotted path"),
    "missing-module": ("   :consumer: no_such_module.Consumer\n", "cannot import consumer"),
    "invalid-spec-file": ("   :spec: broken.yaml\n", "invalid spec file"),
    "spec-file-not-yaml": ("   :spec: garbage.yaml\n", "not valid YAML or JSON"),
    "missing-spec-file": ("   :spec: missing.yaml\n", "cannot read spec file"),
    "unknown-option": (CONSUMER + "   :colour: red\n", "unknown option 'colour'"),
    "config-not-an-object": (CONSUMER + "   :config: [1, 2]\n", "must be a JSON object"),
    "config-not-json": (CONSUMER + "   :config: {show: 1}\n", "not valid JSON"),
    "bad-height": (CONSUMER + "   :height: tall\n", "is not a CSS length"),
    "two-sources": (CONSUMER + "   :spec: hello.yaml\n", "give only one of"),
    "filter-matches-nothing": (CONSUMER + "   :tags: nope\n", "no tag named 'nope'"),
}
SETTINGS_CASES = {  # case: (Django settings in conf.py, expected problem)
    "missing-django-settings": (None, "Django settings are not configured"),
    "unimportable-django-settings": ("nope", "cannot import Django settings module 'nope'"),
}
ROLE_PAGE = "Roles\n=====\n\nSee :asyncapi:op:`nope` and :asyncapi:op:`say`.\n"


def _project(root: Path, settings: str | None, pages: dict[str, str], extra: str = "") -> Path:
    root.mkdir(parents=True)
    conf = 'extensions = ["channels_spectacular.sphinx"]\nchannels_spectacular_pythonpath = ["."]\n'
    if settings:
        conf += f"channels_spectacular_django_settings = {settings!r}\n"
    conf += extra
    (root / "conf.py").write_text(conf)
    for name in ("sphinxsite_settings.py", "sphinxsite_consumers.py"):
        shutil.copy(SITE / name, root / name)
    shutil.copy(SITE / "specs" / "hello.yaml", root / "hello.yaml")
    (root / "broken.yaml").write_text("asyncapi: 3.0.0\nchannels: {}\n")
    (root / "garbage.yaml").write_text("asyncapi: [unclosed\n")
    toctree = "".join(f"   {name}\n" for name in pages if name != "index")
    pages = {"index": f"Index\n=====\n\n.. toctree::\n\n{toctree}", **pages}
    for name, text in pages.items():
        (root / f"{name}.rst").write_text(text)
    return root


def _case_page(case: str, body: str) -> str:
    return f"{case}\n{'=' * len(case)}\n\n.. asyncapi::\n{body}"


@pytest.fixture(scope="module")
def small_builds(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess]:
    tmp = tmp_path_factory.mktemp("warnings")
    cases = {name: _case_page(name, body) for name, (body, _) in WARNING_CASES.items()}
    spec_page = {"spec": _case_page("spec", "   :spec: hello.yaml\n")}
    projects = {
        "options": ("sphinxsite_settings", {**cases, "roles": ROLE_PAGE}, ""),
        "ok": (None, spec_page, ""),
        "cdn": (None, spec_page, 'channels_spectacular_viewer = "cdn"\n'),
        "bad-viewer": (None, spec_page, 'channels_spectacular_viewer = "bundeld"\n'),
    }
    for case, (settings, _) in SETTINGS_CASES.items():
        projects[case] = (settings, {case: _case_page(case, CONSUMER)}, "")

    def run(name: str) -> tuple[str, subprocess.CompletedProcess]:
        settings, pages, extra = projects[name]
        src = _project(tmp / name / "src", settings, pages, extra)
        return name, sphinx(src, tmp / name / "html")

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(run, projects))


@pytest.mark.parametrize("case", sorted(WARNING_CASES) + sorted(SETTINGS_CASES))
def test_each_problem_is_a_warning_at_the_directive(small_builds, case: str) -> None:
    if case in SETTINGS_CASES:
        result, expected = small_builds[case], SETTINGS_CASES[case][1]
    else:
        result, expected = small_builds["options"], WARNING_CASES[case][1]
    assert result.returncode != 0, f"-W did not fail:\n{result.stderr}"
    assert "Traceback" not in result.stderr and "Exception occurred" not in result.stderr
    location = f"{case}.rst:4: WARNING: asyncapi: "
    lines = [line for line in result.stderr.splitlines() if location in line]
    assert any(expected in line for line in lines), result.stderr


def test_unknown_role_target_is_a_warning(small_builds) -> None:
    stderr = small_builds["options"].stderr
    assert "roles.rst:4: WARNING: AsyncAPI operation 'nope' is not documented" in stderr
    assert "'say'" not in stderr  # the short name resolves to chat.say


def test_bad_viewer_setting_is_a_warning(small_builds) -> None:
    result = small_builds["bad-viewer"]
    assert result.returncode != 0
    assert "channels_spectacular_viewer must be 'bundled', 'cdn' or a URL" in result.stderr


def test_spec_file_needs_no_django(small_builds) -> None:
    result = small_builds["ok"]  # a spec file, and no Django settings anywhere
    assert result.returncode == 0, result.stderr


MARKER_SETTINGS = """\
from pathlib import Path

from sphinxsite_settings import *  # noqa: F403

with open(Path(__file__).with_name("imported.log"), "a") as log:
    log.write("x")
"""


def test_django_is_set_up_only_when_a_page_needs_it(tmp_path: Path) -> None:
    spec_page = {"spec": _case_page("spec", "   :spec: hello.yaml\n")}
    src = _project(tmp_path / "src", "marker_settings", spec_page)
    (src / "marker_settings.py").write_text(MARKER_SETTINGS)
    log = src / "imported.log"
    # A serial build whose pages need no Django never imports the settings.
    result = sphinx(src, tmp_path / "serial", jobs=1)
    assert result.returncode == 0, result.stderr
    assert not log.exists()
    # The first generated embed sets it up, once.
    (src / "chat.rst").write_text(_case_page("chat", CONSUMER))
    (src / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   spec\n   chat\n")
    result = sphinx(src, tmp_path / "serial-chat", jobs=1)
    assert result.returncode == 0, result.stderr
    assert log.read_text() == "x"
    # Parallel reads: set up once in the main process; the readers inherit it.
    more = ("a", "b", "c", "d", "e", "f")  # Sphinx reads in parallel from six pages on
    for name in more:  # generated embeds in every reader's share of the pages
        (src / f"{name}.rst").write_text(_case_page(name, f"{CONSUMER}   :no-index:\n"))
    toctree = "".join(f"   {name}\n" for name in ("spec", "chat", *more))
    (src / "index.rst").write_text(f"Index\n=====\n\n.. toctree::\n\n{toctree}")
    log.unlink()
    result = sphinx(src, tmp_path / "parallel", jobs=2)
    assert result.returncode == 0, result.stderr
    assert log.read_text() == "x"


@pytest.mark.parametrize("builder", ["html", "dirhtml", "singlehtml"])
def test_nested_pages_find_their_files(tmp_path: Path, builder: str) -> None:
    src = _project(tmp_path / "src", None, {})
    (src / "guide").mkdir()
    (src / "guide" / "api.rst").write_text(_case_page("api", "   :spec: ../hello.yaml\n"))
    (src / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   guide/api\n")
    out = tmp_path / builder
    result = sphinx(src, out, builder)
    assert result.returncode == 0, result.stderr
    page = {
        "html": out / "guide" / "api.html",
        "dirhtml": out / "guide" / "api" / "index.html",
        "singlehtml": out / "index.html",
    }[builder]
    html = page.read_text(encoding="utf-8")
    script = re.search(r'<script src="([^"]+\.js)"></script>', html)
    download = re.search(r'<a class="reference download" href="([^"]+)"', html)
    assert script and download, html[:2000]
    for url in (script.group(1), download.group(1)):
        assert (page.parent / url).resolve().is_file(), url  # relative to the page


def test_cdn_mode_is_pinned_with_integrity(small_builds) -> None:
    result = small_builds["cdn"]
    assert result.returncode == 0, result.stderr
    out = Path(result.args[-1])
    html = (out / "spec.html").read_text(encoding="utf-8")
    script = re.search(r'<script [^>]*src="(https://cdn[^"]+)"[^>]*>', html)
    assert script and "@asyncapi/react-component@3.2.1/" in script.group(1)
    assert 'integrity="sha384-' in script.group(0) and "@latest" not in html
    assert (out / "_static/channels_spectacular/asyncapi-init.js").is_file()
    assert not (out / "_static/channels_spectacular/vendor").exists()  # nothing bundled


def test_duplicate_targets_warn_and_keep_the_first_page(small_builds) -> None:
    result = small_builds["options"]  # several case pages still embed ChatConsumer at /ws/
    assert "duplicate AsyncAPI operation 'ws.say', also described in" in result.stderr
    assert "add :no-index: to one of the embeds" in result.stderr
    inv = inventory(Path(result.args[-1]) / "objects.inv")
    # Parallel reads merge in any order; the winner is always the first page by name.
    assert "ws.say asyncapi:operation 1 bad-height.html#" in inv


def test_small_build_specs_are_valid(small_builds) -> None:
    outs = [Path(r.args[-1]) for r in small_builds.values()]
    # broken.yaml is invalid on purpose (and, having no info.title, named asyncapi-<hash>).
    specs = [
        p
        for out in outs
        for p in out.glob("_asyncapi/*.*")
        if p.stem[:9] != "asyncapi-" and p.suffix != ".js"
    ]
    assert specs
    for path in specs:
        assert_valid_spec(path.read_text(encoding="utf-8"))
