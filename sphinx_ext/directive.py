"""The ``.. asyncapi::`` directive: shared resolver in, embed node + native rendering out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from channels_spectacular.embed import (
    OPTION_NAMES,
    EmbedResult,
    element_id,
    open_embed,
)

from .domain import AsyncAPIDomain
from .native import render_search, render_summary
from .nodes import asyncapi_embed, shows_viewer
from .output import django_config

logger = logging.getLogger(__name__)

NO_INDEX = ("no-index", "noindex")
# Sphinx's built-in themes and Read the Docs' have no dark mode: the page stays light under
# a dark system preference, so the viewer and its console stay light with it.
LIGHT_ONLY_THEMES = frozenset(
    {
        "agogo",
        "alabaster",
        "basic",
        "bizstyle",
        "classic",
        "default",
        "haiku",
        "nature",
        "pyramid",
        "scrolls",
        "sphinx_rtd_theme",
        "sphinxdoc",
        "traditional",
    }
)
# Names that are already valid ids (nearly all): make_id would return "<prefix>-<name>".
_PLAIN_NAME = re.compile(r"[A-Za-z0-9._]+(?:-[A-Za-z0-9._]+)*")


class _OptionSpec(dict[str, Callable[[str], Any]]):
    """Known options as text; unknown ones pass too, so the resolver can name and warn.

    docutils would drop the whole directive with a bare "unknown option" error; the
    resolver's message lists the vocabulary and suggests the closest name instead.
    """

    def __missing__(self, key: str) -> Callable[[str], Any]:
        return directives.unchanged


def _option_spec() -> _OptionSpec:
    spec = _OptionSpec({name.replace("_", "-"): directives.unchanged for name in OPTION_NAMES})
    spec.update({name: directives.flag for name in NO_INDEX})
    return spec


class AsyncAPIDirective(SphinxDirective):
    """Embed the AsyncAPI viewer for consumers, all consumers, or a spec file."""

    has_content = False
    option_spec: ClassVar[dict[str, Callable[[str], Any]]] = _option_spec()

    def run(self) -> list[nodes.Node]:
        options = {k: v for k, v in self.options.items() if k not in NO_INDEX}
        # open_embed keeps the collector paused until the spec is gone (see its docs).
        with self._open(options) as result:
            for path in result.sources:
                self.env.note_dependency(str(path))
            for problem in result.problems:
                logger.warning(
                    "asyncapi: %s", problem, location=self.get_location(), type="asyncapi"
                )
            out: list[nodes.Node] = [self._embed(result)] if result.ok else []
            del result
        return out

    def _open(self, options: dict[str, Any]) -> open_embed:
        config = self.config
        return open_embed(
            options,
            element_id=element_id(self.env.docname, self.env.new_serialno("asyncapi") + 1),
            page_dir=Path(self.env.doc2path(self.env.docname)).parent,  # a str on Sphinx 7.2
            docs_root=Path(self.env.srcdir),
            django=django_config(config),
            site_config=config.channels_spectacular_viewer_config,
            theme=viewer_theme(config),
            download=config.channels_spectacular_download,
            spec_script=True,  # the document in _asyncapi/*.js, not inline in the page
            raw_html=bool(config.channels_spectacular_raw_html),
            spec_roots=[Path(root) for root in config.channels_spectacular_spec_roots],
        )

    def _embed(self, result: EmbedResult) -> asyncapi_embed:
        node = asyncapi_embed(
            html=result.html,
            spec_file=result.spec_filename,
            spec_format=result.download_format,
            spec_script=result.script_filename,
            title=result.title,
            native=result.options.native,
        )
        self.set_source_info(node)
        domain = self.env.get_domain("asyncapi")
        assert isinstance(domain, AsyncAPIDomain)
        docname, viewer = self.env.docname, shows_viewer(node)
        if result.spec_filename:
            domain.note_spec(docname, result.spec_filename, result.spec_bytes, viewer)
        if viewer:
            domain.note_spec(docname, result.script_filename, result.script_bytes, True)
        # Web HTML hides the rendering behind the viewer: there it only feeds search and
        # anchors link targets, so a light one does; elsewhere it is the page content.
        if result.spec is not None:
            self._render(node, result, domain)
        elif result.spec_url:
            link = nodes.reference(result.spec_url, result.spec_url, refuri=result.spec_url)
            node += nodes.paragraph("", "AsyncAPI specification: ", link)
        source, line = node.source, node.line
        for element in node.findall(nodes.Element):
            if element.source is None:
                # Sphinx otherwise patches (and debug-logs) every title without a source.
                element.source, element.line = source, line
            for node_id in element["ids"]:
                self.state.document.ids[node_id] = element  # replaces the reservation
        return node

    def _render(self, node: asyncapi_embed, result: EmbedResult, domain: AsyncAPIDomain) -> None:
        outline = result.search_outline() if domain.viewer_builder and shows_viewer(node) else None
        if outline is not None:
            domain.note_light(self.env.docname)
            node += render_search(outline, self._node_ids(outline.targets, domain))
            return
        summary = result.summarize()
        if summary is not None:
            node += render_summary(summary, result.title, self._register(domain))

    @property
    def _indexed(self) -> bool:
        return not any(name in self.options for name in NO_INDEX)

    def _node_ids(self, targets: Sequence[tuple[str, str]], domain: AsyncAPIDomain) -> list[str]:
        """Node ids for distinct targets, recorded in the domain in one call."""
        reserved = nodes.Element()
        ids = [self._new_id(objtype, name, reserved) for objtype, name in targets]
        if self._indexed:
            domain.note_objects(
                ((objtype, name, i) for (objtype, name), i in zip(targets, ids, strict=True)),
                self.lineno,
            )
        return ids

    def _register(self, domain: AsyncAPIDomain) -> Callable[[str, str], str]:
        placed: set[tuple[str, str]] = set()
        index = self._indexed
        reserved = nodes.Element()  # one placeholder for every reserved id

        def register(objtype: str, name: str) -> str:
            node_id = self._new_id(objtype, name, reserved)
            if index and (objtype, name) not in placed:
                # A message shared by two operations of one embed is a target once.
                domain.note_object(objtype, name, node_id, self.lineno)
            placed.add((objtype, name))
            return node_id

        return register

    def _new_id(self, objtype: str, name: str, reserved: nodes.Element) -> str:
        """A unique node id for a target, reserved on the document at once.

        Reserved now so that names folding to one id (a.b, a_b) still get unique ids.
        Sphinx's make_id normalizes Unicode and punctuation, slow for the thousands of
        targets of a big document; a plain name gives the same id without it.
        """
        ids = self.state.document.ids
        node_id = f"asyncapi-{objtype}-{name}"
        if node_id in ids or not _PLAIN_NAME.fullmatch(name):
            node_id = make_id(self.env, self.state.document, f"asyncapi-{objtype}", name)
        ids[node_id] = reserved
        return node_id


def viewer_theme(config: Any) -> dict[str, Any] | None:
    """``channels_spectacular_viewer_theme``, else light for a theme without a dark mode."""
    configured: dict[str, Any] | None = config.channels_spectacular_viewer_theme
    if configured is None and config.html_theme in LIGHT_ONLY_THEMES:
        return {"mode": "light"}
    return configured
