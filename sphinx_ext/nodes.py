"""The ``asyncapi_embed`` node: the viewer in web HTML, its native rendering elsewhere."""

from __future__ import annotations

import html
from typing import Any

from docutils import nodes
from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

SPEC_DIR = "_asyncapi"  # where spec files go in the HTML output
# HTML-based builders whose readers do not run the viewer: they get the native rendering.
NATIVE_HTML_BUILDERS = frozenset({"epub", "htmlhelp", "qthelp", "applehelp", "devhelp"})


class asyncapi_embed(nodes.General, nodes.Element):
    """One embed: ``html``, ``spec_file``, ``spec_format``, ``spec_script``, ``title``,
    ``native``; children are the native rendering."""


def uses_viewer(builder: Builder) -> bool:
    """True for the web HTML builders (html, dirhtml, singlehtml and their subclasses)."""
    return isinstance(builder, StandaloneHTMLBuilder) and builder.name not in NATIVE_HTML_BUILDERS


def shows_viewer(node: asyncapi_embed) -> bool:
    """True when the node shows the viewer (not ``:native:``) and has markup for it."""
    return bool(node.get("html")) and not node.get("native")


class UnwrapEmbeds(SphinxPostTransform):
    """For builders without the viewer, the native rendering is the whole output."""

    default_priority = 200

    def run(self, **kwargs: Any) -> None:
        if uses_viewer(self.app.builder):
            return
        for node in list(self.document.findall(asyncapi_embed)):
            node.replace_self(node.children[:])


def visit_embed_html(self: Any, node: asyncapi_embed) -> None:
    """Viewer, download link, then the native rendering (hidden unless ``:native:``)."""
    self.body.append(self.starttag(node, "div", CLASS="asyncapi-embed"))
    if shows_viewer(node):
        # Link targets of a hidden rendering cannot be scrolled to: anchor them on the embed.
        self.body.append("".join(f'<span id="{html.escape(i)}"></span>' for i in _take_ids(node)))
        if node.get("spec_script"):
            # Parser-blocking on purpose: it has run by the time the deferred viewer starts.
            src = _output_uri(self, node["spec_script"])
            self.body.append(f'<script src="{html.escape(src)}"></script>\n')
        self.body.append(node["html"])
    self.body.append(_download_link(self, node))
    hidden = " hidden" if shows_viewer(node) else ""
    self.body.append(f'<div class="asyncapi-native"{hidden}>\n')


def depart_embed_html(self: Any, node: asyncapi_embed) -> None:
    self.body.append("</div>\n</div>\n")


def _take_ids(node: asyncapi_embed) -> list[str]:
    # The resolved doctree is a per-write copy, so changing ids here changes no stored
    # state; sections keep a (renamed) id because the HTML writer needs one.
    ids = []
    for child in node.findall(nodes.Element, include_self=False):
        ids += child["ids"]
        child["ids"] = (
            [f"{i}-native" for i in child["ids"]] if isinstance(child, nodes.section) else []
        )
    return ids


def _output_uri(self: Any, name: str) -> str:
    """A file of ``SPEC_DIR`` as seen from the page being written."""
    builder = self.builder
    return relative_uri(builder.get_target_uri(builder.current_docname), f"{SPEC_DIR}/{name}")


def _download_link(self: Any, node: asyncapi_embed) -> str:
    if not node.get("spec_file"):
        return ""
    href = _output_uri(self, node["spec_file"])
    kind = str(node.get("spec_format") or "yaml").upper()
    label = (
        f"Download {node['title']} (AsyncAPI {kind})"
        if node.get("title")
        else f"Download the AsyncAPI specification ({kind})"
    )
    return (
        f'<p class="asyncapi-download"><a class="reference download" '
        f'href="{html.escape(href)}" download="{html.escape(node["spec_file"])}">'
        f"{html.escape(label)}</a></p>\n"
    )


def visit_passthrough(self: Any, node: asyncapi_embed) -> None:
    """Builders that did not unwrap the node still render its children."""


def depart_passthrough(self: Any, node: asyncapi_embed) -> None:
    pass


PASSTHROUGH = (visit_passthrough, depart_passthrough)
VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (visit_embed_html, depart_embed_html),
    "latex": PASSTHROUGH,
    "text": PASSTHROUGH,
    "man": PASSTHROUGH,
    "texinfo": PASSTHROUGH,
    "epub": PASSTHROUGH,
}
