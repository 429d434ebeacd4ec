"""The ``asyncapi`` domain: cross-reference targets for channels, operations and messages.

Per-document state lives in the domain data (objects, spec files, pages with a viewer), so
parallel reads merge it back with :meth:`AsyncAPIDomain.merge_domaindata`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import Any, ClassVar, NamedTuple

from docutils import nodes
from docutils.nodes import Element
from sphinx.addnodes import pending_xref
from sphinx.builders import Builder
from sphinx.domains import Domain, ObjType
from sphinx.environment import BuildEnvironment
from sphinx.roles import XRefRole
from sphinx.util import logging
from sphinx.util.nodes import make_refnode

logger = logging.getLogger(__name__)

# role name → object type
ROLE_TYPES = {
    "channel": "channel",
    "op": "operation",
    "operation": "operation",
    "msg": "message",
    "message": "message",
}


class Target(NamedTuple):
    """Where an object is described."""

    docname: str
    node_id: str
    lineno: int


# Stored as plain (docname, node_id, lineno) tuples: a big embed records thousands, and
# plain tuples of strings pickle natively and drop out of the cyclic GC's scans, where
# named tuples do neither.
_Stored = tuple[str, str, int]


class AsyncAPIDomain(Domain):
    """Channels, operations and messages of embedded AsyncAPI documents."""

    name = "asyncapi"
    label = "AsyncAPI"
    object_types = {
        "channel": ObjType("channel", "channel"),
        "operation": ObjType("operation", "op", "operation"),
        "message": ObjType("message", "msg", "message"),
    }
    roles = {
        name: XRefRole(innernodeclass=nodes.literal, warn_dangling=True) for name in ROLE_TYPES
    }
    dangling_warnings = {
        name: f"AsyncAPI {kind} %(target)r is not documented by any asyncapi directive"
        for name, kind in ROLE_TYPES.items()
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "objects": {},
        "specs": {},
        "viewers": {},
        "light": {},
    }
    data_version = 3  # 2: spec files held as bytes; 3: objects as plain tuples
    # Set at builder-inited: whether this build's builder shows the viewer (web HTML).
    viewer_builder = False

    @property
    def objects(self) -> dict[tuple[str, str], _Stored]:
        """(object type, name) → (docname, node id, line)."""
        return self.data.setdefault("objects", {})

    @property
    def specs(self) -> dict[str, dict[str, bytes]]:
        """docname → {spec file name: its bytes}."""
        return self.data.setdefault("specs", {})

    @property
    def viewers(self) -> dict[str, bool]:
        """docnames whose HTML shows a viewer."""
        return self.data.setdefault("viewers", {})

    @property
    def light(self) -> dict[str, bool]:
        """docnames read with the light, search-only rendering (for a viewer builder)."""
        return self.data.setdefault("light", {})

    # -- recording ----------------------------------------------------------------------

    def note_object(self, objtype: str, name: str, node_id: str, lineno: int) -> None:
        """Record a target; a second description of the same name is a warning."""
        self.note_objects([(objtype, name, node_id)], lineno)

    def note_objects(self, targets: Iterable[tuple[str, str, str]], lineno: int) -> None:
        """Record ``(object type, name, node id)`` targets of one embed (thousands at once)."""
        objects, docname = self.objects, self.env.docname
        for objtype, name, node_id in targets:
            key, target = (objtype, name), (docname, node_id, lineno)
            if objects.setdefault(key, target) is not target and objects[key] != target:
                self._add(key, target)  # described before: warn, keep the first

    def note_spec(self, docname: str, filename: str, data: bytes, viewer: bool) -> None:
        self.specs.setdefault(docname, {})[filename] = data
        if viewer:
            self.viewers[docname] = True

    def note_light(self, docname: str) -> None:
        self.light[docname] = True

    def _add(self, key: tuple[str, str], target: _Stored) -> None:
        existing = self.objects.get(key)
        if existing is not None and existing != target:
            first, second = sorted((Target(*existing), Target(*target)), key=_where)
            logger.warning(
                "duplicate AsyncAPI %s %r, also described in %s (line %d); "
                "add :no-index: to one of the embeds",
                key[0],
                key[1],
                self.env.doc2path(first.docname),
                first.lineno,
                location=(second.docname, second.lineno),
                type="asyncapi",
                subtype="duplicate",
            )
            # The same winner whatever order parallel reads merge in.
            target = (first.docname, first.node_id, first.lineno)
        self.objects[key] = target

    def clear_doc(self, docname: str) -> None:
        for key, target in list(self.objects.items()):
            if target[0] == docname:
                del self.objects[key]
        self.specs.pop(docname, None)
        self.viewers.pop(docname, None)
        self.light.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for key, target in otherdata.get("objects", {}).items():
            if target[0] in docnames:
                self._add(key, target)
        for name in ("specs", "viewers", "light"):
            for docname, value in otherdata.get(name, {}).items():
                if docname in docnames:
                    self.data[name][docname] = value

    def spec_files(self) -> dict[str, bytes]:
        """Every spec file of the site: {file name: bytes}."""
        return {name: text for files in self.specs.values() for name, text in files.items()}

    # -- resolving ----------------------------------------------------------------------

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> nodes.reference | None:
        objtype = ROLE_TYPES.get(typ)
        found = self.find(objtype, target, node) if objtype else None
        if found is None:
            return None
        name, where = found
        return make_refnode(
            builder, fromdocname, where.docname, where.node_id, contnode, f"{objtype} {name}"
        )

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: pending_xref,
        contnode: Element,
    ) -> list[tuple[str, nodes.reference]]:
        results = []
        for objtype in self.object_types:
            found = self.find(objtype, target, node)
            if found is not None:
                name, where = found
                ref = make_refnode(
                    builder, fromdocname, where.docname, where.node_id, contnode, name
                )
                results.append((f"asyncapi:{self.role_for_objtype(objtype)}", ref))
        return results

    def find(self, objtype: str, target: str, node: Element) -> tuple[str, Target] | None:
        """An exact name, else the one name ending in ``.<target>`` (first of several, warned)."""
        exact = self.objects.get((objtype, target))
        if exact is not None:
            return target, Target(*exact)
        suffix = f".{target}"
        names = sorted(n for kind, n in self.objects if kind == objtype and n.endswith(suffix))
        if len(names) > 1:
            logger.warning(
                "AsyncAPI %s %r is ambiguous (%s); qualify it with its channel, e.g. %r",
                objtype,
                target,
                ", ".join(names),
                names[0],
                location=node,
                type="asyncapi",
                subtype="ambiguous",
            )
        return (names[0], Target(*self.objects[(objtype, names[0])])) if names else None

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        objects = self.objects
        for (objtype, name), (docname, node_id, _line) in sorted(objects.items()):
            # A message named like an operation of its channel (one per action or event,
            # the usual case) is found through that operation: listing both would show
            # every name twice in search. It stays in objects.inv and resolves as before.
            twin = objtype == "message" and ("operation", name) in objects
            yield name, name, objtype, docname, node_id, -1 if twin else 1

    def get_full_qualified_name(self, node: Element) -> str | None:
        return node.get("reftarget")


def _where(target: Target) -> tuple[str, int]:
    return target.docname, target.lineno
