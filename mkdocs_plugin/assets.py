"""Which viewer files a page loads, and copying them into the site only when used."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_relative_url

from channels_spectacular.embed import copy_viewer_assets, write_if_changed
from channels_spectacular.viewer import ViewerAssets, head_tags, viewer_assets

from .config import is_absolute_url

__all__ = ["SiteAssets", "insert_head"]

STATIC_ROOT = Path(__file__).resolve().parent / "static"
MKDOCS_CSS = "channels_spectacular/mkdocs.css"
# Material's instant navigation does not run the <head> scripts of the page it swaps in;
# this loader (on every page of such a site) loads the viewer when an embed shows up.
INSTANT_JS = "channels_spectacular/mkdocs-instant.js"

_HEAD_END = re.compile(r"</head\s*>", re.I)


@dataclass(frozen=True)
class SiteAssets:
    """The viewer files of one site: ``mode`` (bundled, cdn or a URL) under ``assets_dir``."""

    mode: str
    assets_dir: str
    instant: bool  # Material with navigation.instant

    def viewer(self, page_url: str) -> ViewerAssets:
        """The viewer's asset URLs, relative to the page at ``page_url``."""
        return viewer_assets(self._mode(page_url), static_prefix=self._static(page_url))

    def page_head(self, page_url: str) -> str:
        """The tags a page with a viewer adds to ``<head>``."""
        css = self._static(page_url)(MKDOCS_CSS)
        return head_tags(self.viewer(page_url)) + f'\n<link rel="stylesheet" href="{css}">'

    def loader_tag(self, page_url: str) -> str:
        """The instant-navigation loader, with the viewer scripts relative to the asset root."""
        root = f"{self.assets_dir}/"
        assets = viewer_assets(self._mode(root), static_prefix=self._static(root))
        order = (assets.script, assets.init_script, assets.console_script)
        scripts = [{"url": a.url, "integrity": a.integrity} for a in order if a is not None]
        src = self._static(page_url)(INSTANT_JS)
        data = html.escape(json.dumps(scripts, separators=(",", ":")))
        return f'<script src="{src}" data-cs-scripts="{data}" defer></script>'

    def copy(self, site_dir: Path) -> list[Path]:
        """Write the viewer files into the site, skipping those already identical."""
        target = site_dir / self.assets_dir
        changed = copy_viewer_assets(target, self._copy_mode())
        names = [MKDOCS_CSS, *([INSTANT_JS] if self.instant else [])]
        for name in names:
            if write_if_changed(target / name, (STATIC_ROOT / name).read_bytes()):
                changed.append(target / name)
        return changed

    def _copy_mode(self) -> str:
        # Only the bundled mode ships the viewer itself; the others need just our files.
        return self.mode if self.mode in ("bundled", "cdn") else "cdn"

    def _mode(self, page_url: str) -> str:
        if self.mode in ("bundled", "cdn") or is_absolute_url(self.mode):
            return self.mode
        # A site path such as /vendor/asyncapi/: relative to each page, so sub-path hosting works.
        return get_relative_url(self.mode.strip("/") + "/", page_url).rstrip("/") or "."

    def _static(self, page_url: str) -> Callable[[str], str]:
        return lambda path: get_relative_url(f"{self.assets_dir}/{path}", page_url)


def insert_head(output: str, tags: str) -> str:
    """``output`` with ``tags`` added at the end of ``<head>``."""
    match = _HEAD_END.search(output)
    if match is None:
        return output
    return f"{output[: match.start()]}{tags}\n{output[match.start() :]}"
