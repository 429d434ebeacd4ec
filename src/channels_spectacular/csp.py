"""The Content-Security-Policy of ``/ws-docs/``: raw HTML in a description cannot run or restyle."""

from __future__ import annotations

from urllib.parse import urlsplit

from .viewer import ViewerAssets

__all__ = ["DEFAULT_POLICY", "docs_policy"]

# The page and the viewer need nothing inline: scripts and styles come from files. The viewer
# compiles schemas at run time ('unsafe-eval'); the console opens WebSockets (ws:, wss:).
# "{assets}" becomes the origin of the viewer's files when they are not on this site.
DEFAULT_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'{assets}; style-src 'self'{assets}; "
    "img-src 'self' data:; font-src 'self' data:{assets}; connect-src 'self' ws: wss:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)


def docs_policy(setting: str | bool | None, assets: ViewerAssets) -> str | None:
    """The header value for ``CONTENT_SECURITY_POLICY``; None sends no header."""
    if setting is None or setting is True:
        origins = sorted({_origin(a.url) for a in (assets.script, assets.css)} - {""})
        return DEFAULT_POLICY.format(assets="".join(f" {o}" for o in origins))
    if not setting:
        return None
    return str(setting)


def _origin(url: str) -> str:
    parts = urlsplit(url if not url.startswith("//") else f"https:{url}")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
