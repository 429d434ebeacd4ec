"""The ``.. asyncapi::`` directive: shared resolver in, embed node + native rendering out."""

from __future__ import annotations

from collections.abc import Callable
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
    resolve_embed,
)
from channels_spectacular.generator import gc_paused

from .domain import AsyncAPIDomain
from .native import render_search, render_summary
from .nodes import asyncapi_embed, shows_viewer
from .output import django_config

logger = logging.getLogger(__name__)

NO_INDEX = ("no-index", "noindex")


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
        result = self._resolve(options)
        for path in result.sources:
            self.env.note_dependency(str(path))
        for problem in result.problems:
            logger.warning("asyncapi: %s", problem, location=self.get_location(), type="asyncapi")
        if not result.ok:
            return []
        with gc_paused():  # thousands of nodes that all stay alive
            return [self._embed(result)]

    def _resolve(self, options: dict[str, Any]) -> EmbedResult:
        config = self.config
        return resolve_embed(
            options,
            element_id=element_id(self.env.docname, self.env.new_serialno("asyncapi") + 1),
            page_dir=self.env.doc2path(self.env.docname).parent,
            docs_root=Path(self.env.srcdir),
            django=django_config(config),
            site_config=config.channels_spectacular_viewer_config,
            theme=config.channels_spectacular_viewer_theme,
        )

    def _embed(self, result: EmbedResult) -> asyncapi_embed:
        node = asyncapi_embed(
            html=result.html,
            spec_file=result.spec_filename,
            title=result.title,
            native=result.options.native,
        )
        self.set_source_info(node)
        domain = self.env.get_domain("asyncapi")
        assert isinstance(domain, AsyncAPIDomain)
        if result.spec_filename:
            text = result.spec_yaml.decode("utf-8")
            domain.note_spec(self.env.docname, result.spec_filename, text, not node["native"])
        elif result.html and not node["native"]:
            domain.note_spec(self.env.docname, "", "", True)
        if result.summary is not None:
            # Web HTML hides the rendering behind the viewer: there it only feeds search and
            # anchors link targets, so a light one does; elsewhere it is the page content.
            light = domain.viewer_builder and shows_viewer(node)
            render = render_search if light else render_summary
            if light:
                domain.note_light(self.env.docname)
            node += render(result.summary, result.title, self._register(domain))
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

    def _register(self, domain: AsyncAPIDomain) -> Callable[[str, str], str]:
        placed: set[tuple[str, str]] = set()
        index = not any(name in self.options for name in NO_INDEX)

        def register(objtype: str, name: str) -> str:
            node_id = make_id(self.env, self.state.document, f"asyncapi-{objtype}", name)
            # Reserved now so that names folding to one id (a.b, a_b) still get unique ids.
            self.state.document.ids[node_id] = nodes.Element()
            if index and (objtype, name) not in placed:
                # A message shared by two operations of one embed is a target once.
                domain.note_object(objtype, name, node_id, self.lineno)
            placed.add((objtype, name))
            return node_id

        return register
