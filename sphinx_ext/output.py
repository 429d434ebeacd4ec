"""Build events: Django once before reading, spec files and assets once before writing,
and viewer tags only on the pages that show a viewer."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.util import logging

from channels_spectacular.embed import (
    DOWNLOAD_FORMATS,
    DjangoConfig,
    copy_viewer_assets,
    setup_django,
    write_if_changed,
)

from .domain import AsyncAPIDomain
from .nodes import SPEC_DIR, asyncapi_embed, shows_viewer, uses_viewer

logger = logging.getLogger(__name__)
URL = re.compile(r"^https?://", re.I)


def viewer_mode(config: Config) -> str:
    """``channels_spectacular_viewer``: "bundled", "cdn", a URL, or ``{"assets": ...}``."""
    value = config.channels_spectacular_viewer
    if isinstance(value, Mapping):
        value = value.get("assets", "bundled")
    return value.strip() if isinstance(value, str) else "bundled"


def _mode_problem(mode: str) -> str | None:
    if mode in ("bundled", "cdn") or URL.match(mode):
        return None
    # Sphinx resolves scheme-less asset paths against _static/, so only full URLs work.
    return (
        f"must be 'bundled', 'cdn' or a URL prefix such as 'https://example.com/asyncapi/' "
        f"holding index.js and default.min.css, not {mode!r}; using 'bundled'."
    )


def check_config(app: Sphinx, config: Config) -> None:
    """Make python paths absolute (from conf.py's folder); warn once about unusable values."""
    from channels_spectacular.viewer import viewer_assets

    config.channels_spectacular_pythonpath = [
        str((Path(app.confdir) / entry).resolve())
        for entry in config.channels_spectacular_pythonpath
    ]
    problem = _mode_problem(viewer_mode(config))
    if problem:
        logger.warning("channels_spectacular_viewer %s", problem, type="asyncapi", subtype="config")
        config.channels_spectacular_viewer = "bundled"
    try:
        viewer_assets(viewer_mode(config), static_prefix="")
    except (ValueError, FileNotFoundError) as exc:
        logger.warning("channels_spectacular_viewer: %s", exc, type="asyncapi", subtype="config")
    if not isinstance(config.channels_spectacular_viewer_config, Mapping):
        logger.warning(
            "channels_spectacular_viewer_config must be a dict, not %s; ignored.",
            type(config.channels_spectacular_viewer_config).__name__,
            type="asyncapi",
            subtype="config",
        )
        config.channels_spectacular_viewer_config = {}
    config.channels_spectacular_download = _download_setting(config.channels_spectacular_download)


def _download_setting(value: Any) -> str:
    from channels_spectacular.embed import site_download_format

    try:
        return site_download_format(value)
    except ValueError:
        logger.warning(
            "channels_spectacular_download must be one of %s, not %r; using 'json'.",
            ", ".join(DOWNLOAD_FORMATS),
            value,
            type="asyncapi",
            subtype="config",
        )
        return "json"


def setup_django_early(app: Sphinx, env: Any, docnames: list[str]) -> None:
    """Parallel reads: set Django up in the main process, so the readers inherit it.

    A serial build leaves it to the first embed that needs Django, so builds that read no
    such page (a spec-file embed, an edit elsewhere in the site) never pay for it. A
    failure is reported by each directive that needs Django, at its own file and line.
    """
    if app.config.channels_spectacular_django_settings and app.parallel > 1 and docnames:
        setup_django(django_config(app.config))


def note_builder(app: Sphinx) -> None:
    """Tell the domain whether this builder shows the viewer (light hidden renderings)."""
    domain = app.env.get_domain("asyncapi")
    assert isinstance(domain, AsyncAPIDomain)
    domain.viewer_builder = uses_viewer(app.builder)


def reread_light(
    app: Sphinx, env: Any, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages read for a viewer builder carry only a light rendering: a builder without the
    viewer (latex, text, epub…) sharing their doctrees reads them again for the full one."""
    domain = env.get_domain("asyncapi")
    assert isinstance(domain, AsyncAPIDomain)
    if domain.viewer_builder:
        return []
    return sorted(d for d in domain.light if d not in removed)


def django_config(config: Config) -> DjangoConfig:
    """The Django set-up the conf.py values describe (paths made absolute by check_config)."""
    return DjangoConfig(
        settings_module=config.channels_spectacular_django_settings,
        pythonpath=config.channels_spectacular_pythonpath,
        setting_name="channels_spectacular_django_settings in conf.py",
    )


def write_files(app: Sphinx, builder: Builder) -> None:
    """Spec files and viewer assets, before any page is written; unchanged files stay."""
    if not uses_viewer(builder):
        return
    domain = app.env.get_domain("asyncapi")
    assert isinstance(domain, AsyncAPIDomain)
    outdir = Path(builder.outdir)
    for name, data in sorted(domain.spec_files().items()):
        if name:
            write_if_changed(outdir / SPEC_DIR / name, data)
    if domain.viewers:
        try:
            copy_viewer_assets(outdir / "_static", viewer_mode(app.config))
        except (FileNotFoundError, ValueError) as exc:
            logger.warning("asyncapi: %s", exc, type="asyncapi", subtype="assets")


def write_files_after_read(app: Sphinx, env: Any) -> None:
    """:func:`write_files` on Sphinx 7.2, from env-updated (no write-started there)."""
    write_files(app, app.builder)


def add_page_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The viewer's tags, once, on pages with a viewer embed only."""
    if not isinstance(doctree, nodes.Node):
        return
    if not any(shows_viewer(n) for n in doctree.findall(asyncapi_embed)):
        return
    from channels_spectacular.viewer import viewer_assets

    try:
        assets = viewer_assets(viewer_mode(app.config), static_prefix="")
    except (ValueError, FileNotFoundError):
        return  # already reported by check_config
    app.add_css_file(assets.css.url, priority=500, **_sri(assets.css.integrity))
    app.add_css_file(assets.init_css.url, priority=501)
    app.add_js_file(assets.script.url, priority=500, defer="defer", **_sri(assets.script.integrity))
    app.add_js_file(assets.init_script.url, priority=501, defer="defer")


def _sri(integrity: str | None) -> dict[str, str]:
    return {"integrity": integrity, "crossorigin": "anonymous"} if integrity else {}
