"""The official ``@asyncapi/parser`` (pinned in package-lock.json) as a Python helper.

One Node process serves the whole test session, so every generated spec can be checked
cheaply. ``assert_valid_spec`` is what tests call on every spec they generate.
"""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).with_name("parser_server.mjs")


class OfficialParser:
    """A running parser_server.mjs; thread-safe, one request at a time."""

    def __init__(self) -> None:
        if not (ROOT / "node_modules" / "@asyncapi" / "parser").is_dir():
            raise RuntimeError("node_modules is missing: run `npm ci` (make test does).")
        self._proc = subprocess.Popen(
            ["node", str(SERVER)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )
        self._lock = threading.Lock()
        self._next = 0
        atexit.register(self.close)

    def check(self, spec: dict[str, Any] | str, examples: bool = True) -> dict[str, Any]:
        """The parser's verdict: {"errors": [...], "warnings": [...]}."""
        doc = spec if isinstance(spec, str) else json.dumps(spec)
        with self._lock:
            self._next += 1
            assert self._proc.stdin and self._proc.stdout
            request = {"id": self._next, "doc": doc, "examples": examples}
            self._proc.stdin.write(json.dumps(request) + "\n")
            self._proc.stdin.flush()
            answer = json.loads(self._proc.stdout.readline())
        assert answer["id"] == self._next, answer
        return answer

    def check_many(self, specs: list[dict[str, Any] | str]) -> list[dict[str, Any]]:
        """Send a batch before reading answers: one round trip for many specs."""
        with self._lock:
            assert self._proc.stdin and self._proc.stdout
            first = self._next + 1
            for spec in specs:
                self._next += 1
                doc = spec if isinstance(spec, str) else json.dumps(spec)
                self._proc.stdin.write(json.dumps({"id": self._next, "doc": doc}) + "\n")
            self._proc.stdin.flush()
            answers = [json.loads(self._proc.stdout.readline()) for _ in specs]
        assert [a["id"] for a in answers] == list(range(first, self._next + 1))
        return answers

    def close(self) -> None:
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()


_parser: OfficialParser | None = None
_parser_lock = threading.Lock()


def official_parser() -> OfficialParser:
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = OfficialParser()
        return _parser


def assert_valid_spec(spec: dict[str, Any] | str, examples: bool = True) -> None:
    """Fail unless the official parser reports 0 errors (and examples match payloads)."""
    verdict = official_parser().check(spec, examples=examples)
    assert not verdict["errors"], "AsyncAPI parser errors:\n" + "\n".join(verdict["errors"])
