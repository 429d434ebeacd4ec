"""The import graph keeps the architecture: data flows one way, each idea has one home.

Plain Python reading imports with ``ast`` (no import-linter dependency): every module of the
package and of the two docs adapters, with relative imports resolved, lazy ones included.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from channels_spectacular.settings import DEFAULTS, IMPORT_STRINGS, import_string_value

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "channels_spectacular"
TREES = {
    PACKAGE: ROOT / "src" / PACKAGE,
    f"{PACKAGE}.sphinx": ROOT / "sphinx_ext",
    f"{PACKAGE}.mkdocs": ROOT / "mkdocs_plugin",
}


def modules() -> dict[str, Path]:
    """Dotted module name → file, for every module of the distribution."""
    found = {}
    for prefix, tree in TREES.items():
        for path in sorted(tree.rglob("*.py")):
            parts = list(path.relative_to(tree).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            name = ".".join([prefix, *parts])
            if prefix == PACKAGE and name.startswith((f"{PACKAGE}.sphinx", f"{PACKAGE}.mkdocs")):
                continue
            found[name] = path
    return found


MODULES = modules()


def imports(name: str) -> Iterator[tuple[str, str]]:
    """``(module, imported name or "")`` for every import in a module, relative ones resolved."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ""
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                yield base, alias.name


def targets(name: str) -> set[str]:
    """The modules ``name`` imports (``from pkg import sub`` counts as ``pkg.sub``)."""
    out = set()
    for module, item in imports(name):
        out.add(module)
        if item and f"{module}.{item}" in MODULES:
            out.add(f"{module}.{item}")
    return out


def within(name: str, *prefixes: str) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def pkg(*names: str) -> tuple[str, ...]:
    return tuple(f"{PACKAGE}.{n}" for n in names)


SURFACES = pkg(
    "views",
    "urls",
    "checks",
    "permissions",
    "management",
    "embed",
    "contract",
    "testing",
    "runtime",
    "pytest_plugin",
    "viewer",
    "sphinx",
    "mkdocs",
    "generator",
)
CORE = pkg("schema", "asyncapi", "render", "pointers", "addresses", "naming", "shapes", "config")


def test_the_module_list_is_complete():
    assert {*pkg("asyncapi", "config", "embed", "contract.frames", "sphinx", "mkdocs")} <= set(
        MODULES
    )


@pytest.mark.parametrize("name", sorted(n for n in MODULES if within(n, *CORE)))
def test_conversion_and_building_never_reach_a_surface(name):
    bad = {t for t in targets(name) if within(t, *SURFACES) or within(t, "sphinx", "mkdocs")}
    assert not bad, f"{name} imports {sorted(bad)}: data flows one way, toward the surfaces"


@pytest.mark.parametrize("name", sorted(pkg("pointers", "addresses", "naming", "shapes")))
def test_the_homes_of_shared_ideas_are_leaves(name):
    inside = {t for t in targets(name) if within(t, PACKAGE)}
    assert not inside, f"{name} imports {sorted(inside)}"


ADAPTER_MAY_USE = (*pkg("embed", "viewer"), PACKAGE)


@pytest.mark.parametrize("name", sorted(n for n in MODULES if within(n, *pkg("sphinx", "mkdocs"))))
def test_docs_adapters_use_only_the_embed_front_door(name):
    own = name.split(".")[:2]  # channels_spectacular.sphinx / .mkdocs
    used = {t for t in targets(name) if within(t, PACKAGE) and not within(t, ".".join(own))}
    assert used <= set(ADAPTER_MAY_USE), f"{name} imports {sorted(used - set(ADAPTER_MAY_USE))}"


def importers_of(item: str) -> set[str]:
    return {name for name in MODULES if any(i == item for _, i in imports(name))}


def test_only_the_generator_assembles_documents():
    assert importers_of("DocumentBuilder") == {f"{PACKAGE}.generator"}


def test_the_gc_pause_stays_inside_the_generator_and_the_embed_resolver():
    assert importers_of("gc_paused") <= {f"{PACKAGE}.embed.resolve"}


def attribute_readers(attribute: str) -> set[str]:
    """Modules that read ``<something>.<attribute>``."""
    readers = set()
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr == attribute:
                readers.add(name)
    return readers


def test_surfaces_get_documents_through_the_public_accessors():
    assert attribute_readers("_generate") <= {f"{PACKAGE}.generator"}


def test_the_package_uses_its_own_homes_not_the_public_re_exports():
    reexports = pkg("testing", "runtime", "pytest_plugin")
    for name in MODULES:
        if name in reexports:
            continue
        used = {t for t in targets(name) if t in reexports}
        assert not used, f"{name} imports {sorted(used)}; use channels_spectacular.contract.*"


# Settings the configuration object owns: no other module reads them.
CONFIG_KEYS = {
    "ACTION_KEY": pkg("config"),
    "EVENT_KEY": pkg("config"),
    "DATA_KEY": pkg("config"),
    "SERVERS": pkg("config"),
    "WS_HOST": pkg("config"),
    "WS_PROTOCOL": pkg("config"),
    "INFO": pkg("config"),
    "CONSUMERS": pkg("config", "endpoints"),
    "DISCOVER_CONSUMERS": pkg("config", "endpoints"),
    "CHANNEL_PATH": pkg("config", "endpoints"),
    "INFERENCE": pkg("config"),
}


@pytest.mark.parametrize("key", sorted(CONFIG_KEYS))
def test_which_consumers_servers_and_envelope_are_read_in_one_place(key):
    readers = attribute_readers(key)
    assert readers <= set(CONFIG_KEYS[key]), f"{key} read in {sorted(readers)}"


def test_every_setting_has_a_check_rule_that_its_default_passes():
    from channels_spectacular.checks import RULES

    assert set(RULES) == set(DEFAULTS), "declare each setting in DEFAULTS and checks.RULES"
    for key, default in DEFAULTS.items():
        value = import_string_value(default, key) if key in IMPORT_STRINGS else default
        assert RULES[key](value) is None, f"the default of {key} fails its own check"
