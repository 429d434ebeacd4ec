"""``/ws-docs/`` views: the AsyncAPI document (YAML/JSON) and the page hosting the viewer."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import resolve_url
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.utils.safestring import mark_safe
from django.views import View
from django.views.generic import TemplateView

from .adoption import PUBLIC_ERROR, may_see_details, undocumented_consumers
from .assets import asset_url
from .config import GenerationConfig, check_consumer_source, resolve_servers
from .endpoints import EndpointLike
from .generator import AsyncAPIGenerator
from .permissions import has_access
from .settings import on_reload, spectacular_settings
from .viewer import deep_merge, head_tags, render_embed, viewer_assets

logger = logging.getLogger("channels_spectacular")

FORMATS = {
    "yaml": ("application/yaml; charset=utf-8", "asyncapi.yaml"),
    "json": ("application/json; charset=utf-8", "asyncapi.json"),
}
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")
CACHE_SIZE = 64  # configurations x request hosts; bounded so odd Host headers cannot grow it


class AccessMixin:
    """403 unless ``SERVE_PUBLIC`` or every ``SERVE_PERMISSIONS`` check passes."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not has_access(request):
            raise PermissionDenied("You may not see the WebSocket API documentation.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class AsyncAPISpecView(AccessMixin, View):
    """The AsyncAPI 3.0 document: YAML by default, JSON by ``?format=json`` or ``Accept``."""

    consumer: ClassVar[type | str | None] = None
    consumers: ClassVar[Sequence[EndpointLike] | None] = None
    info: ClassVar[dict[str, Any] | None] = None
    servers: ClassVar[dict[str, Any] | None] = None
    channel_path: ClassVar[str | None] = None
    default_format: ClassVar[str] = "yaml"

    @classmethod
    def as_view(cls, **initkwargs: Any) -> Any:
        """Raise the reference's ValueError now when no consumer source can exist."""
        consumer = initkwargs.get("consumer", cls.consumer)
        consumers = initkwargs.get("consumers", cls.consumers)
        if consumer is not None and consumers is not None:
            raise ValueError(f"{cls.__name__}: set `consumer` or `consumers`, not both.")
        if consumer is None and consumers is None:
            check_consumer_source(cls.__name__)
        return super().as_view(**initkwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        fmt = self.negotiate_format(request)
        if fmt is None:
            return _text_response("Unknown format: use ?format=yaml or ?format=json.", 400)
        try:
            body, etag = _cache.get(self, self.effective_servers(request), fmt)
        except (ValueError, ImportError) as exc:
            # Nothing to document, a GenerationError, or an import failing: say so plainly.
            logger.error("AsyncAPI spec view failed: %s", exc, exc_info=True)
            detail = str(exc) if may_see_details(request) else PUBLIC_ERROR
            return _text_response(f"Cannot generate the AsyncAPI document.\n\n{detail}\n", 500)
        return self.spec_response(request, body, etag, fmt)

    def negotiate_format(self, request: HttpRequest) -> str | None:
        """``?format=`` wins; else the first of JSON or YAML the Accept header lists."""
        if "format" in request.GET:
            fmt = request.GET["format"].lower()
            return fmt if fmt in FORMATS else None
        for media in request.accepted_types:
            name = f"{media.main_type}/{media.sub_type}"
            if name == "application/json":
                return "json"
            if name in YAML_TYPES:
                return "yaml"
        return self.default_format

    def effective_servers(self, request: HttpRequest | None = None) -> dict[str, Any]:
        """The view's or the settings' servers; else one derived from the request."""
        return dict(resolve_servers(self.servers, request=request))

    def get_config(self, servers: dict[str, Any]) -> GenerationConfig:
        """This view's consumers, info and ``servers`` (ValueError when nothing resolves)."""
        return GenerationConfig.from_settings(
            consumer=self.consumer,
            consumers=self.consumers,
            channel_path=self.channel_path,
            info=self.info,
            servers=servers,
        )

    def get_generator(self, servers: dict[str, Any]) -> AsyncAPIGenerator:
        """The generator for this view's configuration (override to customise)."""
        return AsyncAPIGenerator(config=self.get_config(servers))

    def cache_key(self, servers: dict[str, Any]) -> str:
        """Identifies one configuration: same key, same document."""
        parts = (
            _name(self.consumer),
            [
                (_name(e[0]), e[1]) if isinstance(e, tuple) else repr(e)
                for e in self.consumers or ()
            ],
            self.info,
            servers,
            self.channel_path,
        )
        return repr(parts)

    def spec_response(self, request: HttpRequest, body: bytes, etag: str, fmt: str) -> HttpResponse:
        content_type, filename = FORMATS[fmt]
        not_modified = etag in parse_etags(request.headers.get("If-None-Match", ""))
        response = HttpResponse(status=304) if not_modified else HttpResponse(body, content_type)
        response["ETag"] = etag
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "no-cache"  # revalidate with the ETag: cheap 304s
        patch_vary_headers(response, ["Accept"])
        return response


class AsyncAPIDocView(AccessMixin, TemplateView):
    """The page hosting the AsyncAPI viewer (one spec, or a switcher over ``specs``)."""

    spec_url: ClassVar[str | None] = None
    specs: ClassVar[Sequence[tuple[str, str]] | None] = None
    template_name = "channels_spectacular/docs.html"
    title: ClassVar[str | None] = None
    viewer_config: ClassVar[dict[str, Any] | None] = None

    error_template_name = "channels_spectacular/error.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The viewer page, or a page saying why the spec cannot be generated."""
        problem = None if self.specs else spec_problem(request, self.get_spec_url(request))
        if problem is None:
            return super().get(request, *args, **kwargs)
        context = {
            "title": self.title or spectacular_settings.TITLE,
            "error": problem if may_see_details(request) else PUBLIC_ERROR,
            "undocumented": undocumented_consumers(),
        }
        return self.response_class(
            request, self.error_template_name, context, status=500, using=self.template_engine
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """Template context: the viewer head tags and markup, plus the inputs behind them."""
        viewer = spectacular_settings.VIEWER or {}
        title = self.title or spectacular_settings.TITLE
        specs = [(label, resolve_url(url)) for label, url in self.specs or ()]
        spec_url = None if specs else self.get_spec_url(self.request)
        config = deep_merge(viewer.get("CONFIG") or {}, self.viewer_config or {})
        embed = render_embed(
            spec_url=spec_url,
            switcher=specs or None,
            element_id="asyncapi",
            config=config,
            title=title,
            theme=viewer.get("THEME"),
        )
        assets = viewer_assets(viewer.get("ASSETS", "bundled"), asset_url)
        return {
            **super().get_context_data(**kwargs),
            "title": title,
            "spec_url": spec_url,
            "specs": specs,
            "viewer_head": mark_safe(head_tags(assets)),  # built and escaped by viewer.py
            "viewer": mark_safe(embed),
            "undocumented": undocumented_consumers(),
            "try_it_out_enabled": spectacular_settings.TRY_IT_OUT_ENABLED,
            "try_it_out_expanded": spectacular_settings.TRY_IT_OUT_EXPANDED,
        }

    def get_spec_url(self, request: HttpRequest) -> str:
        """``spec_url`` (a URL or URL name), else ``asyncapi.yaml`` next to this page."""
        if self.spec_url:
            return resolve_url(self.spec_url)
        return request.path.rstrip("/") + "/asyncapi.yaml"


@dataclass
class _Entry:
    """One configuration's document, rendered per format on first request."""

    generator: AsyncAPIGenerator
    bodies: dict[str, tuple[bytes, str]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)


class SpecCache:
    """Generated documents by configuration; concurrent cold requests generate once."""

    def __init__(self, size: int = CACHE_SIZE) -> None:
        self.size = size
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, view: AsyncAPISpecView, servers: dict[str, Any], fmt: str) -> tuple[bytes, str]:
        """``(body, etag)`` for the view's configuration in ``fmt``."""
        entry = self._entry(view, servers)
        with entry.lock:  # one thread renders; the others wait and reuse its result
            if fmt not in entry.bodies:
                entry.bodies[fmt] = self._render(entry, fmt)
            return entry.bodies[fmt]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def _entry(self, view: AsyncAPISpecView, servers: dict[str, Any]) -> _Entry:
        key = view.cache_key(servers)
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                # Resolving consumers is cheap next to generation and raises the ValueError.
                entry = self._entries[key] = _Entry(view.get_generator(servers))
            self._entries.move_to_end(key)
            while len(self._entries) > self.size:
                self._entries.popitem(last=False)
            return entry

    def _render(self, entry: _Entry, fmt: str) -> tuple[bytes, str]:
        try:
            text = entry.generator.get_json() if fmt == "json" else entry.generator.get_yaml()
        except ValueError:
            self._forget(entry)  # a fixed configuration must not stay broken
            raise
        body = text.encode("utf-8")
        return body, f'"{hashlib.sha256(body).hexdigest()[:32]}"'

    def _forget(self, entry: _Entry) -> None:
        with self._lock:
            for key, value in list(self._entries.items()):
                if value is entry:
                    del self._entries[key]


_cache = SpecCache()
on_reload(_cache.clear)


def clear_cache() -> None:
    """Drop every cached document (settings reloads do this too)."""
    _cache.clear()


def spec_problem(request: HttpRequest, spec_url: str) -> str | None:
    """Why the spec view routed at ``spec_url`` cannot generate its document, if it cannot.

    The viewer would otherwise fetch the 500 body and report a YAML parse error. The
    document goes into the views' cache, so the viewer's own request is then cheap.
    """
    from urllib.parse import urlsplit

    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(spec_url).path)
    except Resolver404:
        return None  # a spec served elsewhere: the viewer reports what it finds
    view_class = getattr(match.func, "view_class", None)
    if not (isinstance(view_class, type) and issubclass(view_class, AsyncAPISpecView)):
        return None
    view = view_class(**getattr(match.func, "view_initkwargs", {}))
    view.setup(request, *match.args, **match.kwargs)
    try:
        _cache.get(view, view.effective_servers(request), view.default_format)
    except (ValueError, ImportError) as exc:
        logger.error("AsyncAPI docs page: the spec cannot be generated: %s", exc, exc_info=True)
        return str(exc)
    return None


def _name(value: Any) -> str:
    if isinstance(value, type):
        return f"{value.__module__}.{value.__qualname__}"
    return repr(value)


def _text_response(text: str, status: int) -> HttpResponse:
    return HttpResponse(text, content_type="text/plain; charset=utf-8", status=status)
