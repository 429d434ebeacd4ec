"""MkDocs hooks for the channels-spectacular docs: generated content that cannot drift.

- ``<!-- settings-reference -->`` becomes the settings reference, read from the source of
  ``channels_spectacular/settings.py``: every ``DEFAULTS`` key, its default as written and
  the comment above it.
- ``<!-- spec: FILE POINTER... -->`` becomes a YAML block with the parts of the AsyncAPI
  document that the snippet ``docs/snippets/FILE`` generates (its module-level
  ``generator``), nested under their JSON pointers. ``<!-- schema: FILE POINTER... -->``
  shows each pointer's value as JSON, one titled block per pointer. A trailing
  ``warnings`` word adds the generator's warnings. ``<!-- raises: FILE -->`` shows the
  exception that importing the snippet raises. Snippets are imported as
  ``myproject.<folder>.<file>`` inside the example project's Django settings, with
  ``CHANNELS_SPECTACULAR_SETTINGS`` replaced by the snippet's own dict of that name (empty
  when it has none).
- ``docs/performance.md`` (written by ``make bench``) and ``docs/images/`` live next to
  the pages folder; they are added to the site from there.

Problems are logged as warnings, so ``mkdocs build --strict`` fails on them.
"""

from __future__ import annotations

import ast
import importlib
import json
import logging
import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
SNIPPETS = DOCS / "snippets"
IMAGES = DOCS / "images"
PERFORMANCE = DOCS / "performance.md"
SETTINGS_SOURCE = ROOT / "src" / "channels_spectacular" / "settings.py"
EXAMPLE = ROOT / "examples" / "rideshare"
DJANGO_SETTINGS = "rideshare.settings"  # the same project the live example page embeds
# A snippet's own settings: a module-level dict literal with this name, as in settings.py.
SETTINGS_NAME = "CHANNELS_SPECTACULAR_SETTINGS"

log = logging.getLogger("mkdocs.hooks.channels_spectacular_docs")

MARKER = re.compile(r"^<!--\s*(spec|schema|raises):\s*(.+?)\s*-->[ \t]*$", re.M)
SETTINGS_MARKER = re.compile(r"^<!--\s*settings-reference\s*-->[ \t]*$", re.M)

PERFORMANCE_PLACEHOLDER = """\
# Performance

No figures have been recorded in this checkout yet. `make bench` runs the benchmarks in
`benchmarks/` and writes its table to `docs/performance.md`, which this page then shows.
"""


# -- MkDocs events ------------------------------------------------------------------------


def on_files(files: Any, config: Any) -> Any:
    """Add ``performance.md`` and the images, which live outside the pages folder."""
    from mkdocs.structure.files import File

    def add(path: str, src_dir: Path) -> None:
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File(path, str(src_dir), config.site_dir, config.use_directory_urls))

    if PERFORMANCE.is_file():
        add("performance.md", DOCS)
    elif files.get_file_from_path("performance.md") is None:
        files.append(File.generated(config, "performance.md", content=PERFORMANCE_PLACEHOLDER))
    if IMAGES.is_dir():
        for image in sorted(IMAGES.iterdir()):
            if image.is_file() and not image.name.startswith("."):
                add(f"images/{image.name}", DOCS)
    return files


def on_pre_build(config: Any) -> None:
    forget_snippets()  # re-import snippets on every (re)build of `mkdocs serve`


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    where = page.file.src_uri
    markdown = SETTINGS_MARKER.sub(lambda m: _safely(settings_reference, where), markdown)
    return MARKER.sub(lambda m: _safely(lambda: render_marker(m[1], m[2]), where), markdown)


def on_serve(server: Any, config: Any, builder: Any) -> Any:
    for path in (SNIPPETS, IMAGES, PERFORMANCE, SETTINGS_SOURCE):
        if path.exists():
            server.watch(str(path))
    return server


def _safely(render: Any, where: str) -> str:
    try:
        return str(render())
    except Exception as exc:  # report at the page and keep building; --strict fails
        log.warning("%s: %s: %s", where, type(exc).__name__, exc)
        return f'\n!!! failure "Generated content failed"\n    {type(exc).__name__}: {exc}\n'


# -- settings reference -------------------------------------------------------------------


def settings_entries(source: str | None = None) -> list[tuple[str, str, str]]:
    """``(key, default as written, comment)`` for every ``DEFAULTS`` key, in source order."""
    text = source if source is not None else SETTINGS_SOURCE.read_text(encoding="utf-8")
    lines = text.splitlines()
    node = _defaults_node(ast.parse(text))
    entries = []
    previous_end = node.lineno  # the line of `DEFAULTS = {`
    for key, value in zip(node.keys, node.values, strict=True):
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
            raise ValueError("DEFAULTS keys must be string literals")
        comment = _comment_above(lines, previous_end, key.lineno - 1)
        if not comment:
            raise ValueError(f"DEFAULTS[{key.value!r}] has no comment above it in settings.py")
        default = ast.get_source_segment(text, value) or ""
        entries.append((key.value, " ".join(default.split()), comment))
        previous_end = value.end_lineno or key.lineno
    return entries


def _defaults_node(tree: ast.Module) -> ast.Dict:
    for stmt in tree.body:
        target = getattr(stmt, "target", None) or (getattr(stmt, "targets", None) or [None])[0]
        if isinstance(target, ast.Name) and target.id == "DEFAULTS":
            value = getattr(stmt, "value", None)
            if isinstance(value, ast.Dict):
                return value
    raise ValueError("no `DEFAULTS = {...}` dict literal in settings.py")


def _comment_above(lines: list[str], start: int, stop: int) -> str:
    """The ``#`` lines between two keys (0-based ``stop`` is the key's line), as Markdown."""
    raw = [line.strip() for line in lines[start:stop]]
    comments = [line[1:] for line in raw if line.startswith("#")]
    return comment_markdown(comments)


def comment_markdown(comments: list[str]) -> str:
    """Comment lines as Markdown: prose joined; ``  NAME: text`` lines become a list."""
    prose: list[str] = []
    items: list[list[str]] = []
    for line in comments:
        body = line[1:] if line.startswith(" ") else line
        item = re.match(r"^\s{2}(\S[^:]*):\s*(.*)$", body)
        if item and not body.startswith("   "):
            items.append([f"`{item[1]}`: {item[2]}"])
        elif body.startswith("  ") and items:
            items[-1].append(body.strip())
        else:
            prose.append(body.strip())
    text = _escape(" ".join(p for p in prose if p))
    if items:
        text += "\n\n" + "\n".join("- " + _escape(" ".join(parts)) for parts in items)
    return text


def _escape(text: str) -> str:
    """Comments are plain text: keep ``*`` and ``<`` literal outside code spans."""
    parts = re.split(r"(`[^`]*`)", text)
    return "".join(
        p if p.startswith("`") else p.replace("*", "\\*").replace("<", "&lt;") for p in parts
    )


def settings_reference() -> str:
    """The Markdown reference: a summary table, then one section per key."""
    entries = settings_entries()
    _check_against_module(entries)
    out = ["| Setting | Default |", "| --- | --- |"]
    for key, default, _ in entries:
        out.append(f"| [`{key}`](#{key.lower()}) | `{_cell(default)}` |")
    for key, default, comment in entries:
        out += ["", f"### `{key}` {{#{key.lower()}}}", "", f"Default: `{_cell(default)}`", ""]
        out.append(comment)
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def _check_against_module(entries: list[tuple[str, str, str]]) -> None:
    from channels_spectacular.settings import DEFAULTS

    keys = [key for key, _, _ in entries]
    if keys != list(DEFAULTS):
        raise ValueError(f"settings.py source and DEFAULTS disagree: {keys} != {list(DEFAULTS)}")


# -- generated AsyncAPI fragments -------------------------------------------------------------

PACKAGE = "myproject"  # snippets import as myproject.<folder>.<file>, like an app


def render_marker(kind: str, arguments: str) -> str:
    """The Markdown for one ``spec:`` / ``schema:`` marker."""
    words = shlex.split(arguments)
    show_warnings = "warnings" in words
    words = [w for w in words if w != "warnings"]
    if not words:
        raise ValueError(f"the {kind}: marker needs a snippet file")
    if kind == "raises":
        return fence("text", snippet_error(words[0]) + "\n")
    spec, warnings = snippet_spec(words[0])
    pointers = words[1:] or [""]
    if kind == "spec":
        blocks = [fence("yaml", _to_yaml(select(spec, pointers)))]
    else:
        blocks = [fence("json", _to_json(pick(spec, p)), title=p) for p in pointers]
    if show_warnings:
        text = "\n".join(warnings) or "(no warnings)"
        blocks.append(fence("text", text + "\n", title="Generation warnings"))
    return "\n".join(blocks)


def fence(language: str, body: str, title: str = "") -> str:
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
    head = f'{ticks}{language} title="{title}"' if title else f"{ticks}{language}"
    return f"\n{head}\n{body.rstrip()}\n{ticks}\n"


def snippet_spec(name: str) -> tuple[dict[str, Any], list[str]]:
    """The document generated by snippet ``name`` and its warnings, under its own settings."""
    setup_django()
    from django.test.utils import override_settings

    path = snippet_path(name)
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=_snippet_settings(path)):
        module = load_snippet(path)
        generator = getattr(module, "generator", None)
        if generator is None or not hasattr(generator, "get_spec"):
            raise ValueError(f"snippet {name!r} defines no module-level `generator`")
        spec = generator.get_spec()
        warnings = [str(d) for d in generator.diagnostics.warnings]
    return spec, warnings


def snippet_error(name: str) -> str:
    """``Type: message`` of the exception that importing snippet ``name`` raises."""
    setup_django()
    from django.test.utils import override_settings

    path = snippet_path(name)
    with override_settings(CHANNELS_SPECTACULAR_SETTINGS=_snippet_settings(path)):
        try:
            load_snippet(path)
        except Exception as exc:
            return f"{type(exc).__name__}: {exc}"
    raise AssertionError(f"snippet {name!r} was expected to raise, and did not")


def snippet_path(name: str) -> Path:
    path = (SNIPPETS / name).resolve()
    if not path.is_relative_to(SNIPPETS) or not path.is_file():
        raise FileNotFoundError(f"no snippet {name!r} in {SNIPPETS}")
    return path


def _snippet_settings(path: Path) -> dict[str, Any]:
    # Read from the source, so the module is imported only under its own settings.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == SETTINGS_NAME for t in stmt.targets
        ):
            value = ast.literal_eval(stmt.value)
            if not isinstance(value, dict):
                raise ValueError(f"{path.name}: {SETTINGS_NAME} must be a dict literal")
            return value
    return {}


def load_snippet(path: Path) -> ModuleType:
    """Import a snippet file as module ``myproject.<folder>.<name>``.

    Each folder is a package, so a snippet can import its neighbours relatively
    (``from .consumers import ChatConsumer``), as in a real Django app.
    """
    path = path.resolve()
    relative = path.relative_to(SNIPPETS).with_suffix("")
    name = ".".join([PACKAGE, *relative.parts])
    folder = SNIPPETS
    _package(PACKAGE, folder)
    for part in relative.parts[:-1]:
        folder = folder / part
        _package(f"{_package_name(folder)}", folder)
    return importlib.import_module(name)


def _package_name(folder: Path) -> str:
    return ".".join([PACKAGE, *folder.relative_to(SNIPPETS).parts])


def _package(name: str, folder: Path) -> None:
    if name not in sys.modules:
        package = ModuleType(name)
        package.__path__ = [str(folder)]
        sys.modules[name] = package


def forget_snippets() -> None:
    """Drop every imported snippet module, so the next build imports fresh code."""
    for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
        del sys.modules[name]


def snippet_files() -> Iterator[Path]:
    """Every Python snippet."""
    yield from sorted(SNIPPETS.rglob("*.py"))


def setup_django() -> None:
    """Set Django up with the example project's settings, unless something already did."""
    from django.apps import apps

    if apps.ready:
        return
    if str(EXAMPLE) not in sys.path:
        sys.path.insert(0, str(EXAMPLE))
    os.environ["DJANGO_SETTINGS_MODULE"] = DJANGO_SETTINGS
    import django

    django.setup()


def select(spec: dict[str, Any], pointers: list[str]) -> dict[str, Any]:
    """The parts of ``spec`` at ``pointers``, nested under their paths, in pointer order."""
    out: dict[str, Any] = {}
    for pointer in pointers:
        tokens = _tokens(pointer)
        value = pick(spec, pointer)
        if not tokens:
            return value if isinstance(value, dict) else {"value": value}
        node = out
        for token in tokens[:-1]:
            node = node.setdefault(token, {})
        node[tokens[-1]] = value
    return out


def pick(spec: Any, pointer: str) -> Any:
    node = spec
    for token in _tokens(pointer):
        if not isinstance(node, dict) or token not in node:
            available = ", ".join(node) if isinstance(node, dict) else type(node).__name__
            raise KeyError(f"{pointer!r}: no {token!r} (there is: {available})")
        node = node[token]
    return node


def _tokens(pointer: str) -> list[str]:
    parts = [p for p in pointer.strip("/").split("/") if p]
    return [p.replace("~1", "/").replace("~0", "~") for p in parts]


def _to_yaml(value: Any) -> str:
    from channels_spectacular.render import to_yaml

    return to_yaml(value)


def _to_json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
