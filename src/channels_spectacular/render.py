"""dict → YAML / JSON text: block style, spec key order, unicode kept, no global state."""

from __future__ import annotations

import json
from typing import Any


def _dumper() -> type:
    import yaml

    # libyaml's emitter is several times faster; the pure-Python one is the fallback.
    return getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def to_yaml(spec: dict[str, Any]) -> str:
    """YAML in the document's own key order (never sorted), unicode as is."""
    import yaml

    return yaml.dump(
        spec,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )


def to_json(spec: dict[str, Any], indent: int | None = 2) -> str:
    """JSON in the document's own key order, unicode as is."""
    return json.dumps(spec, indent=indent, ensure_ascii=False) + ("\n" if indent else "")
