"""The plugin's ``mkdocs.yml`` options, validated by MkDocs (``--strict`` fails on mistakes)."""

from __future__ import annotations

import difflib
import posixpath
import re
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from channels_spectacular.embed import DOWNLOAD_FORMATS, site_download_format
from channels_spectacular.viewer import DEFAULT_THEME

__all__ = ["AssetsOption", "DownloadOption", "PluginConfig", "SitePath", "ViewerConfig"]

_URL = re.compile(r"^(https?:)?//", re.I)


class AssetsOption(c.Type[str]):
    """``bundled`` (packaged, offline), ``cdn`` (pinned, with SRI) or a URL / site path."""

    def __init__(self, default: str = "bundled") -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip()
        if text in ("bundled", "cdn"):
            return text
        if not text or text.startswith(("javascript:", "data:")):
            raise base.ValidationError(
                "must be 'bundled', 'cdn', or a URL (or site path) holding the viewer's "
                f"index.js and default.min.css, not {value!r}."
            )
        return text


class SitePath(c.Type[str]):
    """A relative directory inside the built site, such as ``assets``."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        normal = posixpath.normpath(text) if text else ""
        if not normal or normal == "." or normal.startswith("..") or "\\" in text:
            raise base.ValidationError(
                f"must be a directory inside the site such as 'assets', not {value!r}."
            )
        return normal


class DownloadOption(c.BaseConfigOption[str]):
    """``json`` (the default; ``true`` too), ``yaml``, or ``none`` (``false``)."""

    def __init__(self, default: str = "json") -> None:
        super().__init__()
        self.default = default

    def run_validation(self, value: object) -> str:
        try:
            return site_download_format(value)
        except ValueError:
            raise base.ValidationError(
                f"must be one of {', '.join(DOWNLOAD_FORMATS)} (or true/false), not {value!r}."
            ) from None


class _HintingConfig(base.Config):
    """A config whose unknown-key warnings suggest the closest option and list them all."""

    def validate(self) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        failed, warnings = super().validate()
        names = [name for name, _ in base.get_schema(type(self))]
        return failed, [(key, _hint(key, message, names)) for key, message in warnings]


def _hint(key: str, message: str, names: list[str]) -> str:
    if not message.startswith("Unrecognised configuration name"):
        return message
    close = difflib.get_close_matches(key, names, n=1)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    return f"{message}.{hint} Known options: {', '.join(names)}."


class ViewerConfig(_HintingConfig):
    """``viewer:`` — where the viewer's files come from and which colour scheme it uses."""

    assets = AssetsOption()
    theme = c.Choice(("auto", "light", "dark"), default="auto")


class PluginConfig(_HintingConfig):
    """``plugins: - channels-spectacular:`` options."""

    # Django settings module; None falls back to the DJANGO_SETTINGS_MODULE variable.
    django_settings = c.Optional(c.Type(str))
    # Directories prepended to sys.path, relative to mkdocs.yml.
    pythonpath = c.ListOfItems(c.Type(str), default=[])
    viewer = c.SubConfig(ViewerConfig)
    # The viewer's own config (show.sidebar, expand.messageExamples, ...); each block's
    # `config` is deep-merged over it.
    config = c.Type(dict, default={})
    # Site directory for the generated spec files.
    spec_dir = SitePath("asyncapi")
    # Site directory for the viewer's static files (under channels_spectacular/).
    assets_dir = SitePath("assets")
    # Download copy of each embedded document: json (the text the viewer renders, no extra
    # cost), yaml (one more serialization per embed) or none; a block's `download` overrides.
    download = DownloadOption()


def is_absolute_url(value: str) -> bool:
    """True for ``https://...`` and ``//host/...``: used as is on every page."""
    return bool(_URL.match(value))


def viewer_theme(config: ViewerConfig, mkdocs_theme: str | None) -> dict[str, Any]:
    """The ``theme`` mapping for ``render_embed``: the configured mode, else the theme's way."""
    if config.theme != "auto":
        return {"mode": config.theme}
    if mkdocs_theme == "mkdocs":
        # The mkdocs theme marks its colour mode as data-bs-theme on <html>.
        return {"attributes": [*DEFAULT_THEME["attributes"], "data-bs-theme"]}
    if mkdocs_theme == "readthedocs":
        return {"mode": "light"}  # no dark mode: a dark viewer would clash with the page
    return {}
