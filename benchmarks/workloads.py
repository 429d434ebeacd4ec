"""Writes the synthetic project (W200, W2000, Mixed, Django settings, docs sites) to a scratch dir.

Everything is generated as importable modules under ``<work>/benchproj`` so the export
command, Sphinx and MkDocs load the consumers by dotted path, as a real project would.
"""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass, replace
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_WORK_DIR = HERE / "_work"


@dataclass(frozen=True)
class Workload:
    """One synthetic project: ``count`` consumers with ``actions`` + ``events`` each."""

    key: str  # module name under benchproj, e.g. "w200"
    label: str  # name in the table, e.g. "W200"
    count: int
    actions: int
    events: int
    payloads: str = "dict"  # "dict" (small JSON Schema dicts) or "mixed" (DRF/Pydantic/dc)
    distinct_tail: bool = False  # addresses /ws/{room}/c<i>/ (see factory.channel_path)

    @property
    def module(self) -> str:
        return f"benchproj.{self.key}"

    @property
    def shape(self) -> str:
        kind = "dict" if self.payloads == "dict" else "DRF+Pydantic+dataclass"
        tail = ", addresses /ws/{room}/c<i>/" if self.distinct_tail else ""
        return f"{self.count}x({self.actions}a+{self.events}e) {kind}{tail}"


def workloads(quick: bool) -> dict[str, Workload]:
    """The three workloads; ``quick`` shrinks them to a smoke-test size."""
    count, per = (4, 3) if quick else (200, 10)
    return {
        "W200": Workload("w200", "W200", count, per, per),
        "W2000": Workload("w2000", "W2000", count * 10, per, per),
        "Mixed": Workload("mixed", "Mixed", count, per, per, payloads="mixed"),
    }


def peer_variant(load: Workload) -> Workload:
    """``load``'s consumers at addresses the peer tells apart (only the peer rows use it)."""
    return replace(load, key=f"{load.key}peer", label=f"{load.label}-peer", distinct_tail=True)


def write_project(work_dir: Path, loads: dict[str, Workload]) -> None:
    """(Re)write the scratch project: package, workload modules, settings, urls, docs sites."""
    package = work_dir / "benchproj"
    if package.exists():
        shutil.rmtree(package)  # stale modules of another size must not linger
    package.mkdir(parents=True)
    (package / "__init__.py").write_text('"""Generated benchmark project."""\n')
    shutil.copy(HERE / "factory.py", package / "factory.py")
    shutil.copy(HERE / "mixed_types.py", package / "mixed_types.py")
    every = [*loads.values(), peer_variant(loads["W200"])]
    for load in every:
        (package / f"{load.key}.py").write_text(workload_module(load))
    w200 = loads["W200"]
    (package / "undecorated.py").write_text(undecorated_module(w200.count, w200.actions))
    (package / "settings.py").write_text(settings_module(every))
    (package / "urls.py").write_text(URLS)
    write_sites(work_dir, loads["W200"])


def workload_module(load: Workload) -> str:
    """Source of one workload module: it defines ``Consumer{i}`` classes and ``ENDPOINTS``."""
    imports = "from benchproj.factory import populate\n"
    extra = ""
    if load.payloads == "mixed":
        imports += "from benchproj.mixed_types import payload_for\n"
        extra = ", payload_for"
    if load.distinct_tail:
        extra += ", distinct_tail=True"
    return (
        f'"""Generated: {load.label}, {load.shape}."""\n\n{imports}\n'
        f"ENDPOINTS = populate(globals(), {load.count}, {load.actions}, {load.events}{extra})\n"
    )


def undecorated_module(count: int, actions: int) -> str:
    """Source of ``count`` consumers without decorators, for inference to read.

    Written out as plain code (an if/elif dispatch reading fields, a reply per action, a
    frame from ``connect()``), the way projects that never decorated look.
    """
    lines = [
        '"""Generated: undecorated consumers for inference."""',
        "",
        "from channels.generic.websocket import AsyncJsonWebsocketConsumer",
        "",
    ]
    for i in range(count):
        lines += [
            "",
            f"class Plain{i}(AsyncJsonWebsocketConsumer):",
            "    async def connect(self):",
            "        await self.accept()",
            f'        await self.send_json({{"type": "hello", "consumer": {i}, "items": []}})',
            "",
            "    async def receive_json(self, content):",
            '        action = content.get("action")',
        ]
        for a in range(actions):
            lines += [
                f'        {"if" if a == 0 else "elif"} action == "do_{a}":',
                f'            value = content["field_{a}"]',
                f'            extra = content.get("extra_{a}", 0)',
                f'            reply = {{"type": "done_{a}", "value": value, "extra": extra}}',
                "            await self.send_json(reply)",
            ]
    lines += [
        "",
        "",
        f'ENDPOINTS = [(globals()[f"Plain{{i}}"], f"/ws/plain{{i}}/") for i in range({count})]',
    ]
    return "\n".join(lines) + "\n"


def settings_module(loads: list[Workload]) -> str:
    """Django settings; ``BENCH_WORKLOAD`` (default w200) picks what CONSUMERS lists."""
    counts = {load.key: load.count for load in loads}
    tails = sorted(load.key for load in loads if load.distinct_tail)
    return textwrap.dedent(
        f'''\
        """Generated Django settings for the benchmarks."""

        import os

        from benchproj.factory import endpoint_paths

        COUNTS = {counts!r}
        DISTINCT_TAILS = {tails!r}
        WORKLOAD = os.environ.get("BENCH_WORKLOAD", "w200")

        SECRET_KEY = "benchmarks-only"
        DEBUG = False
        ALLOWED_HOSTS = ["*"]
        USE_TZ = True
        INSTALLED_APPS = [
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.staticfiles",
            "rest_framework",
            "channels_spectacular",
        ]
        MIDDLEWARE = []
        DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}}}
        ROOT_URLCONF = "benchproj.urls"
        STATIC_URL = "/static/"
        TEMPLATES = [
            {{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}}
        ]
        DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
        CHANNELS_SPECTACULAR_SETTINGS = {{
            "TITLE": "Benchmark API",
            "CONSUMERS": endpoint_paths(
                f"benchproj.{{WORKLOAD}}", COUNTS[WORKLOAD], WORKLOAD in DISTINCT_TAILS
            ),
            "DISCOVER_CONSUMERS": False,
        }}
        '''
    )


URLS = '''\
"""Generated URLconf: the package's own /ws-docs/ URLs when they exist."""

from django.urls import include, path

try:
    urlpatterns = [path("ws-docs/", include("channels_spectacular.urls"))]
    VIA = "channels_spectacular.urls"
except ImportError:  # urls.py not written yet: route the spec view directly
    from channels_spectacular.views import AsyncAPISpecView

    urlpatterns = [path("ws-docs/asyncapi.yaml", AsyncAPISpecView.as_view())]
    VIA = "AsyncAPISpecView (no channels_spectacular.urls yet)"
'''


PROSE = """\
The synthetic project documents {count} consumers. This paragraph and the next are
here so both variants of the page have the same ordinary content around the embed.

Everything below the heading is what a project page would say about its WebSocket API.
"""


def write_sites(work_dir: Path, load: Workload) -> None:
    """Sphinx and MkDocs sites: the same page with and without one embed of ``load``.

    Both variants enable and configure the extension; only the embed differs, so the
    difference between the two builds is what one embed costs (Django set-up included:
    the extensions do it only for a page that needs it).
    """
    for embed in (True, False):
        variant = "embed" if embed else "plain"
        write_sphinx_site(work_dir / "sphinx" / variant, work_dir, load, embed)
        write_mkdocs_site(work_dir / "mkdocs" / variant, work_dir, load, embed)


def _fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def write_sphinx_site(site: Path, work_dir: Path, load: Workload, embed: bool) -> None:
    """conf.py + index.rst; the embed uses every consumer of the settings (the workload)."""
    _fresh_dir(site)
    (site / "conf.py").write_text(
        textwrap.dedent(
            f"""\
            project = "Benchmark"
            extensions = ["channels_spectacular.sphinx"]
            channels_spectacular_django_settings = "benchproj.settings"
            channels_spectacular_pythonpath = [{str(work_dir)!r}]
            html_theme = "alabaster"
            """
        )
    )
    directive = f".. asyncapi::\n   :title: {load.label}\n" if embed else ""
    title = f"{load.label} WebSocket API"
    (site / "index.rst").write_text(
        f"{title}\n{'=' * len(title)}\n\n{PROSE.format(count=load.count)}\n{directive}"
    )


def write_mkdocs_site(site: Path, work_dir: Path, load: Workload, embed: bool) -> None:
    """mkdocs.yml + docs/index.md; the fenced block uses every consumer of the settings."""
    _fresh_dir(site / "docs")
    (site / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: Benchmark
            site_dir: {str(site / "_site")!r}
            theme: mkdocs
            plugins:
              - channels-spectacular:
                  django_settings: benchproj.settings
                  pythonpath: [{str(work_dir)!r}]
            """
        )
    )
    block = f"```asyncapi\ntitle: {load.label}\n```\n" if embed else ""
    (site / "docs" / "index.md").write_text(
        f"# {load.label} WebSocket API\n\n{PROSE.format(count=load.count)}\n{block}"
    )
