"""The ``/ws-docs/`` page's own files, served from this app's URLs when staticfiles cannot.

In production (``DEBUG`` off) with ``django.contrib.staticfiles`` installed, pages use
``static()``: ``collectstatic`` and ``STATIC_URL`` stay the production path. Otherwise
(development under plain daphne, or no staticfiles at all) the page loads each file from
``<docs URL>/assets/<name>.<hash>.<ext>``: content-hashed names, cached for a year,
gzip-compressed for clients that accept it.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_vary_headers

from .viewer import INIT_CSS, INIT_JS, STATIC_ROOT, VIEWER_CSS, VIEWER_JS

URL_NAME = "channels_spectacular:asset"
TRY_IT_OUT_JS = "channels_spectacular/try-it-out.js"
TRY_IT_OUT_CSS = "channels_spectacular/try-it-out.css"
# Every static path the docs page (and its console) loads.
PAGE_FILES = (VIEWER_JS, VIEWER_CSS, INIT_JS, INIT_CSS, TRY_IT_OUT_JS, TRY_IT_OUT_CSS)
CONTENT_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
# A content-hashed name never changes meaning: browsers and proxies may keep it for a year.
CACHE_CONTROL = "public, max-age=31536000, immutable"


@dataclass(frozen=True)
class _File:
    """One served file, read once: its bytes, their gzip form and its hashed name."""

    path: str
    mtime: float
    body: bytes
    gzipped: bytes
    name: str


_files: dict[str, _File] = {}
_lock = threading.Lock()


def _load(path: str) -> _File:
    """The file at static ``path``, re-read when it changed on disk (edits in development)."""
    source = STATIC_ROOT / path
    mtime = source.stat().st_mtime  # FileNotFoundError: the assets are not built
    with _lock:
        cached = _files.get(path)
        if cached is not None and cached.mtime == mtime:
            return cached
        body = source.read_bytes()
        digest = hashlib.sha256(body).hexdigest()[:16]
        name = f"{Path(path).stem}.{digest}{Path(path).suffix}"
        loaded = _File(path, mtime, body, gzip.compress(body, mtime=0), name)
        _files[path] = loaded
        return loaded


def staticfiles_installed() -> bool:
    from django.apps import apps

    return apps.is_installed("django.contrib.staticfiles")


def app_url(path: str) -> str | None:
    """The URL of ``path`` under this app's own asset route, if that route is included."""
    try:
        return reverse(URL_NAME, kwargs={"name": _load(path).name})
    except (NoReverseMatch, FileNotFoundError):
        return None


def asset_url(path: str) -> str:
    """Where a page loads static ``path``: this app's URL, or STATIC_URL in production.

    In production (``DEBUG`` off) with staticfiles installed, ``collectstatic`` and
    ``STATIC_URL`` serve the files, as for every app. Otherwise (development under plain
    daphne, or no staticfiles at all) this app serves them itself when its URLs are included.
    """
    from django.conf import settings

    if staticfiles_installed() and not settings.DEBUG:
        return static(path)
    return app_url(path) or static(path)


def serve_problem() -> str | None:
    """Why the page's files cannot be loaded, if neither this app nor staticfiles serves them."""
    if staticfiles_installed():
        return None
    try:
        for path in PAGE_FILES:
            _load(path)
    except FileNotFoundError as exc:
        return (
            f"the viewer files are missing ({exc.filename}): build them with "
            "`python tools/build_assets.py` after `npm ci`, or install a built release."
        )
    try:
        reverse(URL_NAME, kwargs={"name": "x.js"})
    except NoReverseMatch:
        return (
            "django.contrib.staticfiles is not installed and channels_spectacular.urls is not "
            "included, so nothing serves the /ws-docs/ viewer files. Include it, e.g. "
            "path('ws-docs/', include('channels_spectacular.urls')), or add "
            "'django.contrib.staticfiles' to INSTALLED_APPS and run collectstatic."
        )
    return None


def asset_view(request: HttpRequest, name: str) -> HttpResponse:
    """``GET <docs>/assets/<name>``: one page file by its content-hashed name."""
    found = None
    for path in PAGE_FILES:
        try:
            loaded = _load(path)
        except FileNotFoundError:
            continue
        if loaded.name == name:
            found = loaded
            break
    if found is None:
        raise Http404("No such channels_spectacular asset.")
    compress = "gzip" in request.headers.get("Accept-Encoding", "")
    body = found.gzipped if compress else found.body
    response = HttpResponse(body, content_type=CONTENT_TYPES[Path(found.path).suffix])
    if compress:
        response["Content-Encoding"] = "gzip"
    response["Cache-Control"] = CACHE_CONTROL
    response["ETag"] = f'"{name}"'
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
