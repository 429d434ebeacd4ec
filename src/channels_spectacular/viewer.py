"""The one source of AsyncAPI viewer markup, for the docs view, Sphinx and MkDocs.

Everything here is plain Python (no request, no template engine), so every HTML surface
renders the same markup. Nothing is inline but data: the page loads the pinned viewer
bundle plus ``asyncapi-init.js``, which reads each embed's JSON data block (a
``<script type="application/json">``, or a hidden ``<div>``) and renders it, so pages work
under a CSP without ``'unsafe-inline'``.
"""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "CDN_BASE",
    "DEFAULT_CONFIG",
    "DEFAULT_THEME",
    "VIEWER_VERSION",
    "Asset",
    "SpecJSON",
    "ViewerAssets",
    "asset_files",
    "console_data",
    "deep_merge",
    "head_tags",
    "json_script_text",
    "render_embed",
    "spec_json",
    "viewer_assets",
]

# The pinned @asyncapi/react-component release; tools/build_assets.py checks node_modules
# against it, and the CDN mode uses it in every URL (never @latest).
VIEWER_VERSION = "3.2.1"
CDN_BASE = f"https://cdn.jsdelivr.net/npm/@asyncapi/react-component@{VIEWER_VERSION}"

STATIC_ROOT = Path(__file__).resolve().parent / "static"
# Static paths, relative to the static root (STATIC_URL, a Sphinx _static/, ...).
VENDOR_DIR = f"channels_spectacular/vendor/asyncapi-react-{VIEWER_VERSION}"
VIEWER_JS = f"{VENDOR_DIR}/index.js"
VIEWER_CSS = f"{VENDOR_DIR}/default.min.css"
VENDOR_LICENSES = (f"{VENDOR_DIR}/LICENSE", f"{VENDOR_DIR}/index.js.LICENSE.txt")
INTEGRITY_FILE = f"{VENDOR_DIR}/integrity.json"
INIT_JS = "channels_spectacular/asyncapi-init.js"
INIT_CSS = "channels_spectacular/asyncapi-viewer.css"
# The try-it-out console; inert on pages whose embeds do not ask for it.
CONSOLE_JS = "channels_spectacular/try-it-out.js"
CONSOLE_CSS = "channels_spectacular/try-it-out.css"

ASSET_MODES = ("bundled", "cdn")

# The viewer's own config (its key names: show.*, expand.*, sidebar.*); callers deep-merge
# their options over it.
DEFAULT_CONFIG: dict[str, Any] = {
    "show": {
        "sidebar": True,
        "info": True,
        "servers": True,
        "operations": True,
        "messages": True,
        "messageExamples": True,
        "schemas": True,
        "errors": True,
    },
    "expand": {"messageExamples": False},
    "sidebar": {"showServers": "byDefault", "showOperations": "byDefault"},
}

# Light/dark: "auto" follows the first page attribute holding a known value (furo puts
# data-theme on <body>, Material data-md-color-scheme), else prefers-color-scheme.
DEFAULT_THEME: dict[str, Any] = {
    "mode": "auto",
    "attributes": ["data-theme", "data-md-color-scheme"],
    "dark": ["dark", "slate"],
    "light": ["light", "default"],
}


class SpecJSON(str):
    """A spec already serialized by :func:`spec_json`, inlined as is (no second dump)."""


def spec_json(spec: Mapping[str, Any], *, acyclic: bool = False) -> SpecJSON:
    """A spec as the compact JSON text the data block inlines (escaping comes later).

    ``acyclic=True`` skips the encoder's cycle check, for generated documents (trees by
    construction); a loaded file may hold YAML-anchor cycles and keeps the check.
    """
    text = json.dumps(
        spec, ensure_ascii=False, separators=(",", ":"), default=str, check_circular=not acyclic
    )
    return SpecJSON(text)


# Global the spec scripts fill (see spec_script_text) and asyncapi-init.js reads.
SPEC_SCRIPTS_GLOBAL = "ChannelsSpectacularSpecs"


def spec_script_text(name: str, spec: SpecJSON) -> str:
    """A script that hands ``spec`` to the viewer under ``name`` (see ``spec_script``).

    Static sites load it with a plain ``<script src>`` instead of inlining the document:
    it works from ``file://`` like the inline block, and keeps a big document out of the
    page's HTML (which the site generator would otherwise carry, copy and write).
    """
    registry = f"self.{SPEC_SCRIPTS_GLOBAL}"
    key = json.dumps(name)
    return f"({registry}={registry}||{{}})[{key}]={_escaped(spec)};\n"


_ELEMENT_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")
_CSS_LENGTH = re.compile(r"^\d+(\.\d+)?(px|em|rem|vh|vw|%)$")
_WS_URL = re.compile(r"^wss?://[^\s/?#]+(/[^\s?#]*)?$")
_JSON_ESCAPES: dict[str, str] = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


@dataclass(frozen=True)
class Asset:
    """One script or stylesheet URL; ``integrity`` is set for cross-origin (CDN) files."""

    url: str
    integrity: str | None = None


@dataclass(frozen=True)
class ViewerAssets:
    """The files a page with embeds loads: the viewer bundle, ours and the console's."""

    script: Asset
    css: Asset
    init_script: Asset
    init_css: Asset
    console_script: Asset | None = None
    console_css: Asset | None = None


def viewer_assets(
    mode: str = "bundled", static_prefix: str | Callable[[str], str] = "/static/"
) -> ViewerAssets:
    """Asset URLs for ``mode``: "bundled", "cdn", or a URL prefix holding the viewer files.

    ``static_prefix`` is a URL prefix or a function mapping a static path to its URL
    (Django's ``static``, so hashed file names keep working).
    """
    static = _static_url(static_prefix)
    if mode == "bundled":
        script, css = Asset(static(VIEWER_JS)), Asset(static(VIEWER_CSS))
    elif mode == "cdn":
        integrity = _integrity()
        script = Asset(f"{CDN_BASE}/browser/standalone/index.js", integrity["index.js"])
        css = Asset(f"{CDN_BASE}/styles/default.min.css", integrity["default.min.css"])
    elif isinstance(mode, str) and _is_url_prefix(mode):
        prefix = mode.rstrip("/")
        script, css = Asset(f"{prefix}/index.js"), Asset(f"{prefix}/default.min.css")
    else:
        raise ValueError(
            f"Viewer ASSETS must be 'bundled', 'cdn' or a URL prefix holding index.js and "
            f"default.min.css, not {mode!r}."
        )
    return ViewerAssets(
        script,
        css,
        Asset(static(INIT_JS)),
        Asset(static(INIT_CSS)),
        Asset(static(CONSOLE_JS)),
        Asset(static(CONSOLE_CSS)),
    )


def _is_url_prefix(value: str) -> bool:
    # A typo such as "bundeld" must be an error, not a relative URL that 404s.
    return "/" in value or value == "."


def head_tags(assets: ViewerAssets) -> str:
    """The ``<link>`` and deferred ``<script>`` tags for ``<head>``, viewer before ours."""
    styles = [assets.css, assets.init_css, assets.console_css]
    scripts = [assets.script, assets.init_script, assets.console_script]
    tags = [_tag("link", a, rel="stylesheet") for a in styles if a is not None]
    tags += [_tag("script", a, defer=True) for a in scripts if a is not None]
    return "\n".join(tags)


def render_embed(
    *,
    spec: Mapping[str, Any] | SpecJSON | None = None,
    spec_url: str | None = None,
    spec_script: str | None = None,
    element_id: str = "asyncapi",
    config: Mapping[str, Any] | None = None,
    title: str = "",
    height: str | None = None,
    switcher: Sequence[tuple[str, str | Mapping[str, Any]]] | None = None,
    switcher_param: str = "spec",
    theme: Mapping[str, Any] | None = None,
    data_tag: str = "script",
    try_it_out: Mapping[str, Any] | None = None,
) -> str:
    """One viewer: a container plus its JSON data block, every value escaped; deterministic.

    Give one source: ``spec`` (inlined; a dict, or its :func:`spec_json` text when the
    caller needs that text too), ``spec_url`` (fetched by the viewer), ``spec_script``
    (the name a :func:`spec_script_text` script, loaded by the page before the viewer's
    own script, registers the document under) or
    ``switcher``, a list of ``(label, url or spec dict)`` shown as a dropdown whose choice
    is kept in the page URL as ``?<switcher_param>=<key>``. ``data_tag="div"`` puts the
    JSON in a hidden ``<div>`` instead of a ``<script>``: Material's instant navigation
    re-creates every ``<script>`` it swaps in, attributes dropped, and would run the JSON.
    ``try_it_out`` turns the try-it-out console on for this viewer (see
    :func:`console_data`); None leaves it off.
    """
    if data_tag not in ("script", "div"):
        raise ValueError(f"data_tag must be 'script' or 'div', not {data_tag!r}.")
    if not _ELEMENT_ID.match(element_id):
        raise ValueError(f"element_id must look like 'asyncapi-1', not {element_id!r}.")
    if height is not None and not _CSS_LENGTH.match(height):
        raise ValueError(f"height must be a CSS length such as '600px' or '80vh', not {height!r}.")
    entries = _entries(spec, spec_url, spec_script, switcher)
    data = {
        "config": deep_merge(DEFAULT_CONFIG, config or {}),
        "theme": deep_merge(DEFAULT_THEME, theme or {}),
        "height": height,
        "param": switcher_param,
    }
    if try_it_out is not None:
        data["console"] = console_data(**try_it_out)
    data_id = f"{element_id}-data"
    label = html.escape(title or "AsyncAPI documentation")
    parts = [
        f'<div class="cs-asyncapi" id="{element_id}" data-cs-asyncapi="{data_id}" '
        f'role="region" aria-label="{label}">',
        _switcher_html(element_id, entries) if switcher else "",
        '<div class="cs-asyncapi-viewer"></div>',
        _noscript_html(entries),
        "</div>",
        _data_block(data_id, _data_text(data, entries), data_tag),
    ]
    return "\n".join(part for part in parts if part)


def console_data(
    *,
    url: str | None = None,
    events: str | None = None,
    csrf_token: str | None = None,
    expanded: bool = False,
) -> dict[str, Any]:
    """What the console of one viewer reads: its options, checked.

    ``url`` is the WebSocket server to connect to (``ws://`` or ``wss://``, no path),
    instead of the document's servers; ``events`` the URL of the view that sends a
    documented event to the console's connection, with ``csrf_token`` for it; ``expanded``
    opens the console on a reader's first visit.
    """
    if url is not None and not _WS_URL.match(url):
        raise ValueError(
            f"try_it_out url must be a WebSocket server such as 'wss://staging.example.com' "
            f"or 'ws://127.0.0.1:8000', not {url!r}."
        )
    data: dict[str, Any] = {"expanded": bool(expanded)}
    if url:
        data["url"] = url.rstrip("/")
    if events:
        data["events"] = events
        data["csrfToken"] = csrf_token or ""
    return data


def asset_files(mode: str = "bundled") -> dict[str, Path]:
    """Packaged files a static site must copy, by static path (the key is the target path)."""
    names = [INIT_JS, INIT_CSS, CONSOLE_JS, CONSOLE_CSS]
    if mode == "bundled":
        names += [VIEWER_JS, VIEWER_CSS, *VENDOR_LICENSES]
    files = {name: STATIC_ROOT / name for name in names}
    missing = [str(path) for path in files.values() if not path.is_file()]
    if missing:
        raise FileNotFoundError(
            f"Viewer assets are missing ({', '.join(missing)}). Build them with "
            "`python tools/build_assets.py` after `npm ci`, or install a built wheel."
        )
    return files


def deep_merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``override`` merged in, recursing into nested mappings; inputs untouched."""
    out = copy.deepcopy(dict(base))
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def _data_block(data_id: str, text: str, tag: str) -> str:
    # The JSON has no <, > or &, so it is inert as <div> text as well as <script> content.
    kind = ' type="application/json"' if tag == "script" else " hidden"
    return f'<{tag}{kind} id="{data_id}" class="cs-asyncapi-data">{text}</{tag}>'


def json_script_text(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>`` or ``<!--``."""
    return _escaped(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str))


def _escaped(text: str) -> str:
    # str.replace scans at memchr speed; translate() goes character by character, which
    # shows on the megabytes of a big inline document.
    for char, escape in _JSON_ESCAPES.items():
        if char in text:
            text = text.replace(char, escape)
    return text


def _data_text(data: dict[str, Any], entries: list[dict[str, Any]]) -> str:
    """``data`` plus ``"specs": entries`` as escaped JSON; a ``SpecJSON`` goes in verbatim."""
    specs = ",".join(_entry_text(entry) for entry in entries)
    head = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return _escaped(f'{head[:-1]},"specs":[{specs}]}}')


def _entry_text(entry: dict[str, Any]) -> str:
    spec = entry.get("spec")
    if not isinstance(spec, SpecJSON):
        return json.dumps(entry, ensure_ascii=False, separators=(",", ":"), default=str)
    rest = json.dumps(
        {k: v for k, v in entry.items() if k != "spec"}, ensure_ascii=False, separators=(",", ":")
    )
    return f'{rest[:-1]},"spec":{spec}}}'


def _entries(
    spec: Mapping[str, Any] | SpecJSON | None,
    spec_url: str | None,
    spec_script: str | None,
    switcher: Sequence[tuple[str, str | Mapping[str, Any]]] | None,
) -> list[dict[str, Any]]:
    sources = [s for s in (spec, spec_url, spec_script, switcher) if s is not None]
    if len(sources) != 1:
        raise ValueError(
            "render_embed() needs exactly one of spec, spec_url, spec_script or switcher."
        )
    if spec_script is not None:
        return [{"key": "spec", "label": "", "script": spec_script}]
    if switcher is not None:
        if not switcher:
            raise ValueError("switcher needs at least one (label, url or spec) entry.")
        items = list(switcher)
    else:
        items = [("", spec if spec is not None else spec_url)]  # type: ignore[list-item]
    keys: set[str] = set()
    return [_entry(label, source, keys) for label, source in items]


def _entry(label: str, source: Any, keys: set[str]) -> dict[str, Any]:
    key = _unique_key(label, keys)
    if isinstance(source, SpecJSON):
        return {"key": key, "label": label, "spec": source}
    if isinstance(source, str):
        return {"key": key, "label": label, "url": source}
    if isinstance(source, Mapping):
        return {"key": key, "label": label, "spec": source}
    raise ValueError(f"spec source for {label!r} must be a URL or a spec dict, not {source!r}.")


def _unique_key(label: str, taken: set[str]) -> str:
    # Readable URL values (?spec=drivers) that stay unique even when labels collide.
    base = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "spec"
    key, n = base, 2
    while key in taken:
        key, n = f"{base}-{n}", n + 1
    taken.add(key)
    return key


def _switcher_html(element_id: str, entries: list[dict[str, Any]]) -> str:
    options = "".join(
        f'<option value="{html.escape(e["key"])}">{html.escape(e["label"])}</option>'
        for e in entries
    )
    select_id = f"{element_id}-switcher"
    return (
        '<div class="cs-asyncapi-bar">'
        f'<label class="cs-asyncapi-switcher-label" for="{select_id}">Specification</label>'
        f'<select class="cs-asyncapi-switcher" id="{select_id}">{options}</select>'
        "</div>"
    )


def _noscript_html(entries: list[dict[str, Any]]) -> str:
    links = ", ".join(
        f'<a href="{html.escape(e["url"])}">{html.escape(e["label"] or e["url"])}</a>'
        for e in entries
        if "url" in e
    )
    download = f" Download the specification: {links}." if links else ""
    return (
        '<noscript><p class="cs-asyncapi-noscript">'
        f"The AsyncAPI viewer needs JavaScript.{download}</p></noscript>"
    )


def _tag(name: str, asset: Asset, **attrs: Any) -> str:
    url_attr = "href" if name == "link" else "src"
    out = [name, f'{url_attr}="{html.escape(asset.url)}"']
    for key, value in attrs.items():
        out.append(key if value is True else f'{key}="{html.escape(str(value))}"')
    if asset.integrity:
        out += [f'integrity="{html.escape(asset.integrity)}"', 'crossorigin="anonymous"']
    return f"<{' '.join(out)}></script>" if name == "script" else f"<{' '.join(out)}>"


def _static_url(prefix: str | Callable[[str], str]) -> Callable[[str], str]:
    if callable(prefix):
        return prefix
    return lambda path: f"{prefix.rstrip('/')}/{path}" if prefix else path


@lru_cache(maxsize=1)
def _integrity() -> dict[str, str]:
    path = STATIC_ROOT / INTEGRITY_FILE
    try:
        data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))["integrity"]
    except FileNotFoundError:
        raise FileNotFoundError(
            f"{path} is missing: the CDN mode needs the SRI hashes that "
            "`python tools/build_assets.py` computes."
        ) from None
    return data
