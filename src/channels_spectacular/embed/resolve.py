"""The one resolver behind every docs embed (Sphinx directive, MkDocs block).

Adapters import it through the front door, ``channels_spectacular.embed``.

Both adapters hand the options they read (strings from reST, typed values from YAML) to
:func:`resolve_embed` and get back an :class:`EmbedResult`: the spec, its YAML bytes under a
content-hash file name, the viewer markup (from ``viewer.py``), a plain summary for search
and native rendering, the files to watch, and problems as messages instead of exceptions,
so a docs build warns and carries on. Nothing here imports Sphinx or MkDocs.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .options import (
    DOWNLOAD_FORMATS,
    OPTION_NAMES,
    SOURCE_OPTIONS,
    EmbedOptions,
    element_id,
    parse_options,
    source_conflict,
)
from .project import DjangoConfig, dotted_files, settings_files, setup_django, source_files
from .summary import SearchOutline, SpecSummary, filter_spec, search_outline, summarize

if TYPE_CHECKING:
    from ..viewer import SpecJSON

__all__ = [
    "DOWNLOAD_FORMATS",
    "OPTION_NAMES",
    "DjangoConfig",
    "EmbedOptions",
    "EmbedResult",
    "SearchOutline",
    "SpecSummary",
    "copy_viewer_assets",
    "element_id",
    "open_embed",
    "parse_options",
    "resolve_embed",
    "resolve_spec_path",
    "setup_django",
    "spec_filename",
    "write_if_changed",
]

_URL = re.compile(r"^https?://", re.I)

# Hand-written ``spec:`` files are always validated against the AsyncAPI JSON Schema.
# Generated specs are valid by construction (and by the test suite), and validating one
# costs several times its generation, so it is opt-in: set this, or the environment
# variable ``CHANNELS_SPECTACULAR_VALIDATE_EMBEDS=1``, to check them too.
VALIDATE_GENERATED = os.environ.get("CHANNELS_SPECTACULAR_VALIDATE_EMBEDS", "") not in ("", "0")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class EmbedResult:
    """Everything an adapter needs to render one embed."""

    options: EmbedOptions
    spec: dict[str, Any] | None = None
    spec_bytes: bytes = b""  # the download copy, in ``download_format``
    spec_filename: str = ""  # "<title-slug>-<sha256[:12]>.<json|yaml>"; "" for no copy
    download_format: str = ""  # "json" or "yaml" ("" without a download copy)
    spec_url: str | None = None  # a remote ``spec`` URL, passed through to the viewer
    html: str = ""  # the viewer container + data block, from viewer.render_embed
    # With ``spec_script=True``: the script the page must load before the viewer, which
    # carries the document instead of ``html`` ("<title-slug>-<sha256[:12]>.js").
    script_filename: str = ""
    script_bytes: bytes = b""
    title: str = ""  # the option, else the spec's info.title
    sources: tuple[Path, ...] = ()  # files whose change should rebuild the page
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is something to show."""
        return self.spec is not None or self.spec_url is not None

    def summarize(self) -> SpecSummary | None:
        """The spec's full summary, for native renderings (None for a remote spec)."""
        return None if self.spec is None else summarize(self.spec)

    def search_outline(self) -> SearchOutline | None:
        """Targets and search text only, for pages the viewer shows (None for a remote spec)."""
        return None if self.spec is None else search_outline(self.spec)


class _Viewer(NamedTuple):
    """How an adapter wants its viewer markup (the render_embed side of its options)."""

    site_config: Mapping[str, Any] | None
    theme: Mapping[str, Any] | None
    data_tag: str
    spec_script: bool  # the document in a separate script, not inline


def resolve_embed(
    options: Mapping[str, Any] | EmbedOptions,
    *,
    element_id: str,
    page_dir: Path | None = None,
    docs_root: Path | None = None,
    django: DjangoConfig | None = None,
    site_config: Mapping[str, Any] | None = None,
    theme: Mapping[str, Any] | None = None,
    data_tag: str = "script",
    download: str = "json",
    spec_script: bool = False,
) -> EmbedResult:
    """Resolve one embed's options into spec, viewer HTML, download copy, sources, problems.

    ``data_tag`` is passed to ``viewer.render_embed`` ("div" for instant-navigation sites);
    ``download`` is the site-wide download format ("json", "yaml" or "none"), which an
    embed's own ``download`` option overrides. ``spec_script=True`` puts the document in
    a separate script (``script_filename``/``script_bytes``) rather than in ``html``.
    """
    from ..generator import gc_paused

    if download not in DOWNLOAD_FORMATS:
        raise ValueError(
            f"download must be one of {', '.join(DOWNLOAD_FORMATS)}, not {download!r}."
        )
    # Like generation, serializing and rendering allocate many small objects that all stay
    # alive: collections would rescan the growing heap for nothing.
    with gc_paused():
        viewer = _Viewer(site_config, theme, data_tag, spec_script)
        return _resolve(options, element_id, page_dir, docs_root, django, viewer, download)


class open_embed:
    """``with open_embed(options, **kwargs) as result:``, :func:`resolve_embed` for adapters.

    The garbage collector stays paused until the block ends: re-enabled while the spec is
    alive, its first pass would scan every object generation allocated. Drop the result
    (``del result``) inside the block. A class, not a generator function, for the reason
    ``gc_paused`` gives.
    """

    __slots__ = ("kwargs", "options", "pause")

    def __init__(self, options: Mapping[str, Any] | EmbedOptions, **kwargs: Any) -> None:
        self.options = options
        self.kwargs = kwargs
        from ..generator import gc_paused  # on first use: importing the generator is not free

        self.pause = gc_paused()

    def __enter__(self) -> EmbedResult:
        self.pause.__enter__()
        try:
            return resolve_embed(self.options, **self.kwargs)
        except BaseException:
            self.pause.__exit__()
            raise

    def __exit__(self, *exc: object) -> None:
        self.pause.__exit__(*exc)


def _resolve(
    options: Mapping[str, Any] | EmbedOptions,
    element_id: str,
    page_dir: Path | None,
    docs_root: Path | None,
    django: DjangoConfig | None,
    viewer: _Viewer,
    download: str,
) -> EmbedResult:
    opts, problems = _parsed(options)
    if source_conflict(opts) or opts.rejected & {*SOURCE_OPTIONS, "channel_path"}:
        # Never fall back to "all consumers" because the given source was unusable.
        return EmbedResult(opts, problems=tuple(problems))
    if opts.spec and _URL.match(opts.spec):
        return _remote(opts, element_id, viewer, problems)
    spec, sources, original = _load(opts, page_dir, docs_root, django or DjangoConfig(), problems)
    if spec is None:
        return EmbedResult(opts, sources=sources, problems=tuple(problems))
    filtered = _titled(_filtered(spec, opts, problems), opts.title)
    fmt = _download_format(opts.download, download)
    copy = _download(filtered, fmt, None if filtered is not spec else original, not opts.spec)
    return _finish(opts, filtered, sources, problems, element_id, viewer, copy)


def _titled(spec: dict[str, Any], title: str) -> dict[str, Any]:
    """The spec with ``title`` as ``info.title``: the viewer's heading is what readers see."""
    info = spec.get("info")
    if not title or not isinstance(info, dict) or info.get("title") == title:
        return spec
    return {**spec, "info": {**info, "title": title}}


def _parsed(options: Mapping[str, Any] | EmbedOptions) -> tuple[EmbedOptions, list[str]]:
    if not isinstance(options, EmbedOptions):
        return parse_options(options)
    conflict = source_conflict(options)
    return options, [conflict] if conflict else []


def _load(
    opts: EmbedOptions,
    page_dir: Path | None,
    docs_root: Path | None,
    django: DjangoConfig,
    problems: list[str],
) -> tuple[dict[str, Any] | None, tuple[Path, ...], bytes | None]:
    """The spec, the files to watch, and a spec file's own bytes (None when generated)."""
    if opts.spec:
        path = resolve_spec_path(opts.spec, page_dir, docs_root)
        spec, raw = _load_spec_file(path, problems)
        return spec, (path,), raw
    return (*_generate(opts, django, problems), None)


class _Download(NamedTuple):
    """The download copy: its format, bytes, and the JSON text shared with the viewer."""

    format: str  # "json", "yaml" or "" (no copy)
    data: bytes
    json_text: SpecJSON
    is_json_text: bool = False  # ``data`` is ``json_text`` encoded (a JSON copy we wrote)


def _download_format(option: str, site: str) -> str:
    """The embed's own format, else the site's; ``on`` asks for a copy even if the site has none."""
    if option in DOWNLOAD_FORMATS:
        return option
    return "json" if option == "on" and site == "none" else site


def _download(spec: dict[str, Any], fmt: str, original: bytes | None, generated: bool) -> _Download:
    """The spec as compact JSON for the viewer, and the download copy in ``fmt``.

    A spec file is copied as written (its own format); a generated or filtered one is
    serialized: JSON is the viewer's own text, YAML one more serialization.
    """
    from ..viewer import spec_json

    text = spec_json(spec, acyclic=generated)
    if fmt == "none":
        return _Download("", b"", text)
    if original is not None:
        return _Download(_file_format(original), original, text)
    if fmt == "yaml":
        from ..render import to_yaml

        return _Download("yaml", to_yaml(spec).encode("utf-8"), text)
    return _Download("json", text.encode("utf-8"), text, is_json_text=True)


def _file_format(data: bytes) -> str:
    # JSON documents start with "{"; anything else that loaded as a mapping is YAML.
    return "json" if data.lstrip()[:1] == b"{" else "yaml"


def _finish(
    opts: EmbedOptions,
    spec: dict[str, Any],
    sources: tuple[Path, ...],
    problems: list[str],
    element: str,
    viewer: _Viewer,
    download: _Download,
) -> EmbedResult:
    info_title = str((spec.get("info") or {}).get("title") or "")
    title = opts.title or info_title
    name = spec_filename(download.data, info_title, download.format) if download.format else ""
    script_name, script = "", b""
    if viewer.spec_script:
        stem, script = _spec_script(download, info_title, name)
        script_name = f"{stem}.js"
        source: dict[str, Any] = {"spec_script": stem}
    else:
        source = {"spec": download.json_text}
    html = _viewer_html(opts, element, viewer, problems, title=title, **source)
    return EmbedResult(
        opts,
        spec=spec,
        spec_bytes=download.data,
        spec_filename=name,
        download_format=download.format,
        html=html,
        script_filename=script_name,
        script_bytes=script,
        title=title,
        sources=sources,
        problems=tuple(problems),
    )


def _spec_script(download: _Download, title: str, download_name: str) -> tuple[str, bytes]:
    """The spec script's name without ``.js`` (its JSON's content hash) and its bytes."""
    from ..viewer import spec_script_text

    if download.is_json_text:  # the same JSON, already hashed: the same name
        stem = download_name.removesuffix(".json")
    else:
        stem = spec_filename(download.json_text.encode("utf-8"), title, "js").removesuffix(".js")
    return stem, spec_script_text(stem, download.json_text).encode("utf-8")


def _remote(
    opts: EmbedOptions,
    element: str,
    viewer: _Viewer,
    problems: list[str],
) -> EmbedResult:
    # A remote spec is the viewer's to fetch: no download copy, summary or watching.
    html = _viewer_html(opts, element, viewer, problems, spec_url=opts.spec)
    return EmbedResult(
        opts, spec_url=opts.spec, html=html, title=opts.title, problems=tuple(problems)
    )


def _viewer_html(
    opts: EmbedOptions,
    element: str,
    viewer: _Viewer,
    problems: list[str],
    **source: Any,
) -> str:
    from ..viewer import deep_merge, render_embed

    config = deep_merge(viewer.site_config or {}, opts.config)
    try:
        return render_embed(
            element_id=element,
            config=config,
            title=source.pop("title", opts.title),
            height=opts.height,
            theme=viewer.theme,
            data_tag=viewer.data_tag,
            **source,
        )
    except ValueError as exc:
        problems.append(f"cannot render the viewer: {exc}")
        return ""


def spec_filename(data: bytes, title: str = "", fmt: str = "yaml") -> str:
    """``<title-slug>-<sha256[:12]>.<fmt>``: same content, same name, across builds."""
    slug = _SLUG.sub("-", title.lower()).strip("-")[:40].strip("-") or "asyncapi"
    return f"{slug}-{hashlib.sha256(data).hexdigest()[:12]}.{fmt}"


def _filtered(spec: dict[str, Any], opts: EmbedOptions, problems: list[str]) -> dict[str, Any]:
    if not (opts.tags or opts.operations or opts.channels):
        return spec
    filtered, filter_problems = filter_spec(
        spec, tags=opts.tags, operations=opts.operations, channels=opts.channels
    )
    problems += filter_problems
    return filtered


# -- spec files -----------------------------------------------------------------------


def resolve_spec_path(value: str, page_dir: Path | None, docs_root: Path | None) -> Path:
    """``/x.yaml`` from the docs root (else the filesystem root), else relative to the page."""
    if value.startswith("/"):
        rooted = (docs_root or Path("/")) / value.lstrip("/")
        if docs_root is None or rooted.exists() or not Path(value).exists():
            return rooted.resolve()
        return Path(value).resolve()
    return ((page_dir or Path.cwd()) / value).resolve()


def _load_spec_file(path: Path, problems: list[str]) -> tuple[dict[str, Any] | None, bytes]:
    import yaml

    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"cannot read spec file {str(path)!r}: {exc}")
        return None, b""
    try:
        spec = yaml.safe_load(text)  # JSON is YAML too
    except yaml.YAMLError as exc:
        problems.append(f"invalid spec file {str(path)!r}: not valid YAML or JSON ({exc}).")
        return None, b""
    if not isinstance(spec, dict):
        problems.append(f"invalid spec file {str(path)!r}: expected a mapping at the top level.")
        return None, b""
    # Cycles are found before validating: hitting the recursion limit deep inside the
    # validator can leave CPython 3.11 unable to compile code afterwards.
    errors = None if _refers_to_itself(spec) else _errors_unless_too_deep(spec)
    if errors is None:
        problems.append(
            f"invalid spec file {str(path)!r}: it refers to itself through YAML anchors "
            "(or nests too deeply); write the repeated part out, or use a $ref."
        )
        return None, b""
    problems += [f"invalid spec file {str(path)!r}: {e}" for e in errors]
    return spec, raw


def _refers_to_itself(root: Any) -> bool:
    """True when a dict or list contains itself (YAML anchors can build that); no recursion."""
    on_path, done = {id(root)}, set()
    stack = [(root, iter(_children(root)))]
    while stack:
        node, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            on_path.discard(id(node))
            done.add(id(node))
        elif id(child) in on_path:
            return True
        elif id(child) not in done:
            on_path.add(id(child))
            stack.append((child, iter(_children(child))))
    return False


def _children(node: Any) -> list[Any]:
    values = node.values() if isinstance(node, dict) else node
    return [v for v in values if isinstance(v, dict | list)]


def _errors_unless_too_deep(spec: dict[str, Any]) -> list[str] | None:
    """The validation errors, or None when the document nests too deeply to validate."""
    try:
        return _validate(spec)
    except RecursionError:
        return None


def _validate(spec: dict[str, Any]) -> list[str]:
    from ..validation import validate_spec

    return validate_spec(spec)


# -- generation -----------------------------------------------------------------------


def _generate(
    opts: EmbedOptions, django: DjangoConfig, problems: list[str]
) -> tuple[dict[str, Any] | None, tuple[Path, ...]]:
    watched = dotted_files([opts.consumer] if opts.consumer else [c for c, _ in opts.consumers])
    problem = setup_django(django)
    if problem:
        problems.append(problem)
        return None, watched
    try:
        return _build(opts, problems)
    except Exception as exc:
        # A docs build must never crash on a project's error: report it at the embed.
        problems.append(_generation_problem(exc))
        return None, watched


def _build(
    opts: EmbedOptions, problems: list[str]
) -> tuple[dict[str, Any] | None, tuple[Path, ...]]:
    from ..config import GenerationConfig
    from ..generator import AsyncAPIGenerator

    config = GenerationConfig.from_settings(
        consumer=opts.consumer,
        consumers=list(opts.consumers) or None,
        channel_path=opts.channel_path,
    )
    endpoints = config.endpoints
    generator = AsyncAPIGenerator(config=config)
    # The generator is this embed's own, so its document needs no defensive copy.
    spec = generator.get_spec(copy=False)
    problems += [f"AsyncAPI generation: {d}" for d in generator.diagnostics.warnings]
    if VALIDATE_GENERATED:
        problems += [f"generated spec is invalid: {e}" for e in _validate(spec)]
    extra = () if opts.consumer or opts.consumers else settings_files()
    return spec, tuple(dict.fromkeys(source_files(e.consumer for e in endpoints) + extra))


def _generation_problem(exc: Exception) -> str:
    from ..diagnostics import GenerationError

    if isinstance(exc, GenerationError | ValueError | ImportError):
        return str(exc)
    return f"cannot generate the spec: {type(exc).__name__}: {exc}"


# -- output files ---------------------------------------------------------------------


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless ``path`` already holds it (no mtime churn, no reload loops)."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    # Unique temp name: parallel writers of the same content-hash file never clash.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def copy_viewer_assets(static_dir: Path, mode: str = "bundled") -> list[Path]:
    """Copy the packaged viewer files for ``mode`` under ``static_dir``; the changed ones."""
    from ..viewer import asset_files

    changed = []
    for name, source in sorted(asset_files(mode).items()):
        target = static_dir / name
        if write_if_changed(target, source.read_bytes()):
            changed.append(target)
    return changed
