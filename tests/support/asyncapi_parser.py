"""The official ``@asyncapi/parser`` (pinned in package-lock.json) as a Python helper.

Node processes live for the whole test session, so every generated spec can be checked
cheaply; verdicts are cached by content, and batches are split over two processes (the
parser's ruleset is CPU-bound, and CI has two cores). ``assert_valid_spec`` is what tests
call on every spec they generate.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import subprocess
import threading
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(__file__).with_name("parser_server.mjs")
WORKERS = 2


class _Worker:
    """One parser_server.mjs process answering requests in order."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            ["node", str(SERVER)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def send(self, request: dict[str, Any]) -> None:
        assert self.proc.stdin
        self.proc.stdin.write(json.dumps(request) + "\n")
        self.proc.stdin.flush()

    def read(self) -> dict[str, Any]:
        assert self.proc.stdout
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the AsyncAPI parser process died")
        return json.loads(line)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class OfficialParser:
    """Thread-safe access to a small pool of parser processes."""

    def __init__(self) -> None:
        if not (ROOT / "node_modules" / "@asyncapi" / "parser").is_dir():
            raise RuntimeError("node_modules is missing: run `npm ci` (make test does).")
        self._workers = [_Worker() for _ in range(WORKERS)]
        self._lock = threading.Lock()
        self._cache: dict[str, dict[str, Any]] = {}
        atexit.register(self.close)

    def check(self, spec: dict[str, Any] | str, examples: bool = True) -> dict[str, Any]:
        """The parser's verdict: {"errors": [...], "warnings": [...]}."""
        return self.check_many([spec], examples=examples)[0]

    def check_many(
        self, specs: list[dict[str, Any] | str], examples: bool = True
    ) -> list[dict[str, Any]]:
        """Verdicts for many specs, sent to all workers before any answer is read."""
        docs = [s if isinstance(s, str) else json.dumps(s) for s in specs]
        keys = [hashlib.sha256(f"{examples}:{d}".encode()).hexdigest() for d in docs]
        with self._lock:
            todo = {k: d for k, d in zip(keys, docs, strict=True) if k not in self._cache}
            assigned: list[list[str]] = [[] for _ in self._workers]
            for n, (key, doc) in enumerate(todo.items()):
                worker = n % len(self._workers)
                assigned[worker].append(key)
                self._workers[worker].send({"id": key, "doc": doc, "examples": examples})
            for worker, wanted in zip(self._workers, assigned, strict=True):
                for key in wanted:
                    answer = worker.read()
                    assert answer["id"] == key, answer
                    self._cache[key] = answer
            return [self._cache[k] for k in keys]

    def close(self) -> None:
        for worker in self._workers:
            worker.close()


_parser: OfficialParser | None = None
_parser_lock = threading.Lock()


def official_parser() -> OfficialParser:
    """The session's parser pool, started on first use."""
    global _parser
    with _parser_lock:
        if _parser is None:
            _parser = OfficialParser()
        return _parser


def assert_valid_spec(spec: dict[str, Any] | str, examples: bool = True) -> None:
    """Fail unless the official parser reports 0 errors (and examples match payloads)."""
    verdict = official_parser().check(spec, examples=examples)
    assert not verdict["errors"], "AsyncAPI parser errors:\n" + "\n".join(verdict["errors"])
