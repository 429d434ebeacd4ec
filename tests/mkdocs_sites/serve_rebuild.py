"""Acts like ``mkdocs serve``: builds in one process, editing a consumer between builds.

Usage: ``python serve_rebuild.py SITE OUT`` where SITE is a throwaway copy of the plain
test site. Prints JSON: the paths the plugin asked the server to watch, and whether each
build's page shows the consumer's summary before and after the edit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config

OLD, NEW = "Send a greeting", "Send a cheerful greeting"


class RecordingServer:
    """Stands in for mkdocs' LiveReloadServer; records watch() calls."""

    def __init__(self) -> None:
        self.watched: list[str] = []

    def watch(self, path: str, func: Any = None, *, recursive: bool = True) -> None:
        self.watched.append(path)


def main(site: Path, out: Path) -> dict[str, Any]:
    def config() -> Any:  # `mkdocs serve` loads the config afresh for every build
        return load_config(str(site / "mkdocs.yml"), site_dir=str(out))

    first_config = config()
    first_config.plugins.on_startup(command="serve", dirty=False)
    build(first_config)
    server = RecordingServer()
    first_config.plugins.on_serve(server, config=first_config, builder=None)
    before = (out / "greeter.html").read_text(encoding="utf-8")

    consumers = site / "mkdocssite_consumers.py"
    consumers.write_text(consumers.read_text(encoding="utf-8").replace(OLD, NEW), "utf-8")
    build(config())
    after = (out / "greeter.html").read_text(encoding="utf-8")
    return {
        "watched": server.watched,
        "before": [OLD in before, NEW in before],
        "after": [OLD in after, NEW in after],
    }


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]), Path(sys.argv[2]))))
