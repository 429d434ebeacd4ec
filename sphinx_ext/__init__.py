"""Sphinx extension ``channels_spectacular.sphinx``: the ``.. asyncapi::`` directive.

``extensions = ["channels_spectacular.sphinx"]`` in conf.py; see :func:`setup` for the
configuration values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx import version_info as sphinx_version

from channels_spectacular import __version__

from .directive import AsyncAPIDirective
from .domain import AsyncAPIDomain
from .nodes import VISITORS, UnwrapEmbeds, asyncapi_embed
from .output import (
    add_page_assets,
    check_config,
    note_builder,
    reread_light,
    setup_django_early,
    write_files,
    write_files_after_read,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = ["AsyncAPIDirective", "AsyncAPIDomain", "setup"]

CONFIG_VALUES: tuple[tuple[str, Any, Any], ...] = (
    # Django settings module; None: the DJANGO_SETTINGS_MODULE environment variable.
    ("channels_spectacular_django_settings", None, frozenset({str, type(None)})),
    # Paths put on sys.path before Django is set up, relative to conf.py's folder.
    ("channels_spectacular_pythonpath", [], frozenset({list, tuple})),
    # Viewer assets: "bundled" (packaged, offline), "cdn" (pinned, with SRI), or a URL prefix.
    ("channels_spectacular_viewer", "bundled", frozenset({str, dict})),
    # The viewer's own config (show.*, expand.*, sidebar.*); each :config: deep-merges over it.
    ("channels_spectacular_viewer_config", {}, frozenset({dict})),
    # Light/dark detection overrides (page attributes and their values); None: the defaults.
    ("channels_spectacular_viewer_theme", None, frozenset({dict, type(None)})),
    # Download copy of each embedded document: "json" (the text the viewer renders, no
    # extra cost), "yaml" (one more serialization per embed) or "none"; :download: overrides.
    ("channels_spectacular_download", "json", frozenset({str, bool, type(None)})),
)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the config values, the directive, the ``asyncapi`` domain and build hooks."""
    for name, default, types in CONFIG_VALUES:
        app.add_config_value(name, default, "env", types=types)
    app.add_node(asyncapi_embed, override=False, **VISITORS)
    app.add_domain(AsyncAPIDomain)
    app.add_directive("asyncapi", AsyncAPIDirective)
    app.add_post_transform(UnwrapEmbeds)
    app.connect("config-inited", check_config)
    app.connect("env-before-read-docs", setup_django_early)
    app.connect("builder-inited", note_builder)
    app.connect("env-get-outdated", reread_light)
    if sphinx_version >= (7, 3):
        app.connect("write-started", write_files)
    else:
        # Sphinx 7.2 has no write-started; env-updated ends every read that leads to a write.
        app.connect("env-updated", write_files_after_read)
    app.connect("html-page-context", add_page_assets)
    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
