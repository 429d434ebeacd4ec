"""``AsyncAPIGenerator``: endpoints → one AsyncAPI 3.0 document, cached per instance."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Mapping
from typing import Any

from .asyncapi import DocumentBuilder, Names, project_names
from .config import GenerationConfig
from .diagnostics import Diagnostics
from .endpoints import Endpoint, EndpointLike, as_endpoint, single_endpoint
from .hooks import run_postprocessing, run_preprocessing
from .inference.records import operation_collector
from .metadata import same_records
from .schema.jsonschema import copy_json
from .settings import on_reload, spectacular_settings

__all__ = ["AsyncAPIGenerator", "gc_paused"]


class AsyncAPIGenerator:
    """Generates the AsyncAPI 3.0 document for one consumer or several."""

    def __init__(
        self,
        consumer: type | str | None = None,
        info: dict[str, Any] | None = None,
        servers: dict[str, Any] | None = None,
        channel_path: str | None = None,
        *,
        consumers: Iterable[EndpointLike] | None = None,
        config: GenerationConfig | None = None,
    ) -> None:
        if consumer is not None and consumers is not None:
            raise ValueError(
                "Pass either `consumer` or `consumers` to AsyncAPIGenerator, not both."
            )
        if config is not None:
            if consumer is not None or consumers is not None:
                raise ValueError("Pass `config` to AsyncAPIGenerator without consumers.")
            self.config = config
        elif consumer is None and consumers is None:
            raise ValueError(
                "AsyncAPIGenerator needs `consumer` (one class) or `consumers` "
                "([(class, '/ws/path/'), ...]); AsyncAPIGenerator.from_settings() uses "
                "the CONSUMERS setting or discovery."
            )
        elif consumer is not None:
            endpoint = single_endpoint(consumer, channel_path)
            self.config = GenerationConfig((endpoint,), info, servers)
        else:
            endpoints = tuple(as_endpoint(item) for item in consumers or ())
            self.config = GenerationConfig(endpoints, info, servers)
        self.diagnostics = Diagnostics()
        self._spec: dict[str, Any] | None = None
        self._handed_over = False  # the first get_spec() kept no cache (see _hand_over)
        self._lock = threading.Lock()

    @classmethod
    def from_settings(
        cls, info: dict[str, Any] | None = None, servers: dict[str, Any] | None = None
    ) -> AsyncAPIGenerator:
        """A generator over settings ``CONSUMERS``, else the consumers discovered in routing."""
        return cls(config=GenerationConfig.from_settings(info=info, servers=servers))

    @property
    def endpoints(self) -> list[Endpoint]:
        """The consumers documented, at their addresses."""
        return list(self.config.endpoints)

    @property
    def info(self) -> Mapping[str, Any] | None:
        """The explicit ``info`` (over the settings' one)."""
        return self.config.info

    @property
    def servers(self) -> Mapping[str, Any] | None:
        """The explicit servers (None: from settings)."""
        return self.config.servers

    # Each call stays paused from building to its result: the collector, back on between
    # two steps, would at once scan the whole document just built (it is all young).

    def get_spec(self, *, copy: bool = True) -> dict[str, Any]:
        """The full AsyncAPI 3.0 document as a dict, the caller's own to change.

        ``copy=False`` returns the cached document itself, for callers that only read it
        (docs embeds): treat it as read-only.
        """
        with gc_paused():
            if not copy:
                return self._generate()
            handed = self._hand_over()
            return handed if handed is not None else copy_json(self._generate())

    def _hand_over(self) -> dict[str, Any] | None:
        """A first call with nothing cached: the build itself, built unshared, kept by no one.

        Most callers ask once (scripts, tests): copying a document nobody else holds would
        only double its cost and its memory. A second call builds the cached document and
        copies it from then on, so repeated calls cost a copy each, not a build.
        """
        with self._lock:
            if self._spec is not None or self._handed_over:
                return None
            self._handed_over = True
            return self._build(share=False)

    def get_yaml(self, *, servers: Mapping[str, Any] | None = None) -> str:
        """The document as YAML text (with ``servers`` in place of its own, if given)."""
        from .render import to_yaml

        with gc_paused():
            return to_yaml(self._with_servers(servers))

    def get_json(self, indent: int | None = 2, *, servers: Mapping[str, Any] | None = None) -> str:
        """The document as JSON text (with ``servers`` in place of its own, if given)."""
        from .render import to_json

        with gc_paused():
            return to_json(self._with_servers(servers), indent=indent)

    def _with_servers(self, servers: Mapping[str, Any] | None) -> dict[str, Any]:
        # One build serves every request host: only the top-level servers entry differs.
        spec = self._generate()
        return spec if servers is None else {**spec, "servers": dict(servers)}

    def _generate(self) -> dict[str, Any]:
        with self._lock:
            if self._spec is None:
                with gc_paused():
                    self._spec = self._build()
            return self._spec

    def _build(self, share: bool = True) -> dict[str, Any]:
        self.diagnostics = Diagnostics(
            disabled=frozenset(spectacular_settings.DISABLE_WARNINGS or ())
        )
        endpoints = run_preprocessing(
            spectacular_settings.PREPROCESSING_HOOKS,
            list(self.config.endpoints),
            lambda e: as_endpoint(e, "PREPROCESSING_HOOKS"),
        )
        config = self.config
        with same_records():
            spec = self._document(config, endpoints, share)
        self.diagnostics.raise_errors()
        return run_postprocessing(spectacular_settings.POSTPROCESSING_HOOKS, spec, self)

    def _document(
        self, config: GenerationConfig, endpoints: list[Endpoint], share: bool
    ) -> dict[str, Any]:
        builder = DocumentBuilder(
            diagnostics=self.diagnostics,
            predefined_schemas=spectacular_settings.COMPONENTS or {},
            security=config.get_security(),
            default_bindings=spectacular_settings.WS_BINDINGS,
            envelope_for=config.envelope_for,
            seed=project_seed(config) if config.project_names else None,
            collect=operation_collector(config.inference_mode(), self.diagnostics),
            # A hook, or the caller of a handed-over document, may change one shared dict
            # in place, and with it every message's.
            share=share and not spectacular_settings.POSTPROCESSING_HOOKS,
        )
        return builder.build(endpoints, config.get_info(), config.get_servers())


_SEEDS: dict[str, Names | None] = {}
# A settings change (override_settings, another CONSUMERS) decides the names again.
on_reload(_SEEDS.clear)


def project_seed(config: GenerationConfig) -> Names | None:
    """The project document's keys, decided once per settings state (None: no project)."""
    if "project" not in _SEEDS:
        try:
            endpoints = config.project_endpoints()
            # Named from the same records as a real build, inferred drafts included.
            collect = operation_collector(config.inference_mode(), Diagnostics())
            names = project_names(endpoints, envelope_for=config.envelope_for, collect=collect)
            _SEEDS["project"] = names if endpoints else None
        except Exception:  # naming is a nicety: a project that cannot be named is not
            _SEEDS["project"] = None
    return _SEEDS["project"]


class gc_paused:
    """Pause the cyclic garbage collector while a document is built, copied or rendered.

    Building allocates hundreds of thousands of small dicts and lists that all stay alive,
    so every collection scans a growing heap for nothing: on 2,000 consumers that made
    generation grow faster than linearly. The collector's previous state is restored.

    A class, not a ``@contextmanager`` generator: leaving one of those allocates (its
    StopIteration), which with a paused collector's counts set off a collection at once,
    scanning everything just built, even a document the caller is about to drop.
    """

    __slots__ = ("was_enabled",)

    def __enter__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was_enabled:
            gc.enable()
