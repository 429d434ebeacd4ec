"""The ``channels-spectacular`` MkDocs plugin: ```` ```asyncapi ```` blocks become viewers."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from channels_spectacular.embed import (
    DjangoConfig,
    EmbedResult,
    SpecSummary,
    element_id,
    open_embed,
    write_if_changed,
)

from . import markup, reload
from .assets import SiteAssets, insert_head
from .blocks import Block, find_blocks, parse_body, replace_blocks
from .config import PluginConfig, viewer_theme

__all__ = ["ChannelsSpectacularPlugin"]

# Under "mkdocs." so `mkdocs build --strict` counts these warnings.
log = logging.getLogger("mkdocs.plugins.channels_spectacular")

Kind = Literal["viewer", "native", "failed"]


@dataclass
class Embed:
    """One block of one page, resolved."""

    block: Block
    kind: Kind
    token: str
    html: str = ""  # the viewer markup
    summary: SpecSummary | None = None  # native blocks: what the Markdown is written from
    search: str = ""  # viewer blocks: the hidden search text
    spec_path: str = ""  # site path of the generated spec file, "" when none


@dataclass
class BuildState:
    """What one build learned: embeds per page, spec files, files to watch."""

    pages: dict[str, list[Embed]] = field(default_factory=dict)
    specs: dict[str, bytes] = field(default_factory=dict)
    sources: set[Path] = field(default_factory=set)

    @property
    def viewer_used(self) -> bool:
        return any(e.kind == "viewer" for embeds in self.pages.values() for e in embeds)


class ChannelsSpectacularPlugin(BasePlugin[PluginConfig]):
    """Embeds the AsyncAPI viewer for Django Channels consumers in MkDocs pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self._serving = False
        self._server: LiveReloadServer | None = None
        self._watched: set[Path] = set()
        self._stamps: reload.Stamps = {}
        self._state = BuildState()
        self._assets = SiteAssets("bundled", "assets", instant=False)

    # -- lifecycle --------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this instance across `mkdocs serve` rebuilds.
        self._serving = command == "serve"

    def on_shutdown(self) -> None:
        self._server = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._state = BuildState()
        self._assets = SiteAssets(
            self.config.viewer.assets, self.config.assets_dir, _material_instant(config)
        )
        return None

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._serving:
            edited = reload.changed(self._stamps)
            forgotten = reload.forget_modules(edited)
            if forgotten:
                log.info("channels-spectacular: re-importing %s", ", ".join(forgotten))

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer | None:
        self._server = server
        self._watch_sources(config)
        return server

    # -- pages ------------------------------------------------------------------------

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        blocks = find_blocks(markdown)
        if not blocks:
            return None
        embeds = [self._resolve(block, page, config) for block in blocks]
        self._state.pages[page.file.src_uri] = embeds
        by_block = {embed.block.index: embed for embed in embeds}
        return replace_blocks(markdown, blocks, lambda b: self._markdown(by_block[b.index]))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        for embed in self._state.pages.get(page.file.src_uri, ()):
            html = _replace_token(html, embed.token, self._content_html(embed, page))
        return html

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        embeds = [e for e in self._state.pages.get(page.file.src_uri, ()) if e.kind == "viewer"]
        for embed in embeds:
            output = _fill_slot(output, embed)
        tags = []
        if embeds:
            tags.append(self._assets.page_head(page.file.url))
        if self._assets.instant and self._state.viewer_used:
            tags.append(self._assets.loader_tag(page.file.url))
        return insert_head(output, "\n".join(tags)) if tags else output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_dir = Path(config.site_dir)
        for path, data in sorted(self._state.specs.items()):
            # Only changed bytes are written: no churn, no livereload loops.
            write_if_changed(site_dir / path, data)
        if self._state.viewer_used:
            try:
                self._assets.copy(site_dir)
            except (FileNotFoundError, OSError) as exc:
                log.warning("channels-spectacular: cannot copy the viewer assets: %s", exc)
        self._stamps = reload.stamp(self._state.sources)
        self._watch_sources(config)

    # -- one block --------------------------------------------------------------------

    def _resolve(self, block: Block, page: Page, config: MkDocsConfig) -> Embed:
        token = f"CHANNELSSPECTACULAR{block.index}EMBED"
        options, problem = parse_body(block.body)
        if problem:
            self._warn(page, block, problem)
            return Embed(block, "failed", token)
        # open_embed keeps the collector paused until the spec is dropped (only strings and
        # the summary are kept): re-enabled while it is alive, its next pass would scan it all.
        with self._open(block, page, options, config) as result:
            self._state.sources.update(result.sources)
            for message in result.problems:
                self._warn(page, block, message)
            embed = self._embed(block, page, token, result)
            del result
        return embed

    def _open(self, block: Block, page: Page, options: Any, config: MkDocsConfig) -> open_embed:
        return open_embed(
            options,
            element_id=element_id(page.file.src_uri, block.index),
            page_dir=_page_dir(page, config),
            docs_root=Path(config.docs_dir),
            django=self._django(config),
            site_config=self.config.config,
            theme=viewer_theme(self.config.viewer, config.theme.name),
            data_tag="div" if self._assets.instant else "script",
            download=self.config.download,
        )

    def _embed(self, block: Block, page: Page, token: str, result: EmbedResult) -> Embed:
        if not result.ok or (not result.html and not result.options.native):
            return Embed(block, "failed", token)
        kind: Kind = "viewer"
        if result.options.native:
            if result.spec is None:
                self._warn(page, block, "native: true needs a spec file or consumers, not a URL.")
            else:
                kind = "native"
        spec_path = ""
        if result.spec_filename:
            spec_path = f"{self.config.spec_dir}/{result.spec_filename}"
            self._state.specs[spec_path] = result.spec_bytes
        if kind == "native":
            return Embed(block, kind, token, result.html, result.summarize(), spec_path=spec_path)
        # The hidden text of a viewer only feeds search: the outline does, at a fraction of
        # a summary's cost.
        outline = result.search_outline()
        search = outline.text if outline else ""
        return Embed(block, kind, token, result.html, search=search, spec_path=spec_path)

    def _markdown(self, embed: Embed) -> str:
        # The viewer's HTML goes in after Markdown (on_page_content), out of its reach.
        token = f"\n{embed.token}\n"
        summary = embed.summary if embed.kind == "native" else None
        if summary is not None:
            level = embed.block.heading_level + 1
            return markup.native_markdown(summary, level) + "\n" + token
        return token

    def _content_html(self, embed: Embed, page: Page) -> str:
        if embed.kind == "failed":
            return markup.problem_html(f"The {embed.block.label}")
        link = ""
        if embed.spec_path:
            href = get_relative_url(embed.spec_path, page.file.url)
            link = markup.download_html(href, embed.spec_path.rsplit("/", 1)[-1])
        if embed.kind == "native":
            return link
        search = markup.search_html(embed.search) if embed.search else ""
        slot = markup.slot_html(_slot_id(embed))
        return f'<div class="cs-mkdocs-asyncapi">{slot}{link}{search}</div>'

    def _django(self, config: MkDocsConfig) -> DjangoConfig:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        return DjangoConfig(
            settings_module=self.config.django_settings,
            pythonpath=tuple(self.config.pythonpath),
            base_dir=base,
            setting_name="the channels-spectacular plugin's `django_settings` in mkdocs.yml",
        )

    def _warn(self, page: Page, block: Block, message: str) -> None:
        log.warning("channels-spectacular: %s, %s: %s", page.file.src_uri, block.label, message)

    def _watch_sources(self, config: MkDocsConfig) -> None:
        if self._server is None:
            return
        docs = Path(config.docs_dir).resolve()
        for path in sorted(self._state.sources - self._watched):
            self._watched.add(path)
            if not path.is_relative_to(docs):  # the docs directory is watched already
                self._server.watch(str(path), recursive=False)


def _material_instant(config: MkDocsConfig) -> bool:
    theme = config.theme
    return theme.name == "material" and "navigation.instant" in (theme.get("features") or [])


def _page_dir(page: Page, config: MkDocsConfig) -> Path:
    source = page.file.abs_src_path
    return Path(source).parent if source else Path(config.docs_dir)


def _slot_id(embed: Embed) -> str:
    return embed.token.lower()


def _replace_token(html: str, token: str, replacement: str) -> str:
    # A token alone in a paragraph becomes <p>TOKEN</p>; in a tight list item, bare text.
    pattern = re.compile(rf"<p>\s*{token}\s*</p>|{token}")
    return pattern.sub(lambda _: replacement, html, count=1)


def _fill_slot(output: str, embed: Embed) -> str:
    if not embed.html:
        return output
    viewer = embed.html
    # Tolerant of minifiers that drop attribute quotes.
    pattern = re.compile(
        rf"<div class=\"?cs-asyncapi-slot\"? data-cs-slot=\"?{_slot_id(embed)}\"?>\s*</div>"
    )
    return pattern.sub(lambda _: viewer, output, count=1)
