"""Benchmarks: generation, serialization, serving and docs builds, checked against targets.

    .venv/bin/python benchmarks/run.py            # full run; rewrites docs/performance.md
    .venv/bin/python benchmarks/run.py --quick    # tiny workloads, one or two runs each

Every target is a ratio within this run (see docs/performance.md); nothing here is a test.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, NamedTuple

from measure import (
    PYTHON,
    ROOT,
    Sample,
    env_with,
    interleaved,
    interleaved_runs,
    many,
    probe,
    repeat,
    run,
)
from report import Row, Target, fmt_value, page, ratio
from workloads import DEFAULT_WORK_DIR, Workload, peer_variant, workloads, write_project

DOCS_PAGE = ROOT / "docs" / "performance.md"
FORBIDDEN = ("rest_framework", "pydantic", "yaml")  # never imported by the package itself
IMPORT_LIMIT = 0.030
YAML_LIMIT = 1.15
SCALE_LIMIT = 11.0
SPEC_SCALE_LIMIT = 10.5  # get_spec() W2000 / W200: building must stay linear
VIEW_LIMIT = 0.001
COLD_VIEW_LIMIT = 1.2  # cold spec view / get_yaml(): serving adds little to generating
PEER = "django-channels-spectacular==0.1.1"
PEER_SPEC_LIMIT = 2.0  # get_spec() W200 / the peer's get_spec() on the same consumers
PEER_VIEW_LIMIT = 500.0  # the peer's warm view median / ours
MEMORY_LIMIT = 4.0  # peak RSS generating W2000 YAML adds / the YAML's size
DOCS_LIMIT = 1.10
INFERENCE_LIMIT = 1.0
# render.to_yaml's options, written out here so a change there shows up as a difference.
DUMP_OPTIONS = {
    "sort_keys": False,
    "allow_unicode": True,
    "default_flow_style": False,
    "width": 100,
}


@dataclass(frozen=True)
class Config:
    """How much to measure, and where."""

    quick: bool
    work_dir: Path
    output: Path | None

    def n(self, full: int) -> int:
        """Repeats for a figure: ``full`` normally, one or two in quick mode."""
        return min(full, 2) if self.quick else full

    @property
    def requests(self) -> int:
        return 20 if self.quick else 500


@dataclass
class Results:
    """Rows for the table, targets, notes, and named samples the targets are computed from."""

    rows: list[Row] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    named: dict[str, Sample] = field(default_factory=dict)
    modules: dict[str, bool] = field(default_factory=dict)  # heavy libraries the import pulls
    counts: dict[str, int] = field(default_factory=dict)  # counted, not timed

    def add(
        self, key: str | None, figure: str, workload: str, s: Sample | None, note: str = ""
    ) -> None:
        self.rows.append(Row(figure, workload, s, note))
        if key and s is not None:
            self.named[key] = s
        print(f"  {figure:<42} {workload:<6} " + (fmt_value(s.best, s.unit) if s else "n/a"))


# -- in-process: generator ------------------------------------------------------------


def endpoints_of(load: Workload) -> list[tuple[type, str]]:
    """The workload's ``[(consumer, address)]``, importing (= building) it on first use."""
    endpoints: list[tuple[type, str]] = import_module(load.module).ENDPOINTS
    return endpoints


def generator_calls(load: Workload) -> dict[str, Callable[[], Any]]:
    """``get_spec``/``get_yaml``/``get_json`` on a fresh generator each call."""
    from channels_spectacular import AsyncAPIGenerator

    endpoints = endpoints_of(load)

    def call(method: str) -> Callable[[], Any]:
        return lambda: getattr(AsyncAPIGenerator(consumers=endpoints), method)()

    return {m: call(m) for m in ("get_spec", "get_yaml", "get_json")}


def bench_generator(cfg: Config, loads: dict[str, Workload], res: Results) -> None:
    """The three public calls per workload, interleaved within each workload."""
    for load in loads.values():
        endpoints_of(load)  # every project in memory first: all measured on the same heap
    for label, load in loads.items():
        calls = generator_calls(load)
        calls["get_spec"]()  # warm-up: first-use imports (yaml, converters) stay out
        n = cfg.n({"W200": 7, "W2000": 3}.get(label, 5))
        samples = interleaved(list(calls.values()), n)
        for (name, _), s in zip(calls.items(), samples, strict=True):
            res.add(f"{name}:{label}", f"`{name}()`", label, s)


def bench_inference(cfg: Config, load: Workload, res: Results) -> None:
    """Inference of W200-sized undecorated consumers: first generation minus a cached one.

    The cold call re-reads every source (parse included: caches cleared just before it,
    outside the timing, as freeing the last run's results is no part of inferring); the
    warm call builds the same document from cached inference, so the difference is
    inference alone. Rounds alternate cold and warm, as ``interleaved`` does.
    """
    from measure import timed

    from channels_spectacular import AsyncAPIGenerator
    from channels_spectacular.inference import clear_caches

    endpoints = import_module("benchproj.undecorated").ENDPOINTS

    def generate() -> Any:
        return AsyncAPIGenerator(consumers=endpoints).get_spec()

    generate()  # first-use imports stay out
    runs: list[list[tuple[float, float]]] = [[], []]
    for _ in range(cfg.n(5)):
        clear_caches()
        runs[0].append(timed(generate))  # nothing cached: every source parsed and read
        runs[1].append(timed(generate))  # inference cached
    c, w = (Sample(tuple(x for x, _ in r), cpu=tuple(y for _, y in r)) for r in runs)
    res.add("inference:cold", "`get_spec()` undecorated, nothing cached", load.label, c)
    res.add("inference:warm", "`get_spec()` undecorated, inference cached", load.label, w)


def bench_gc_off(cfg: Config, loads: dict[str, Workload], res: Results) -> None:
    """Diagnostic: ``get_yaml()`` with the cyclic garbage collector paused, and its share.

    Separates the algorithm's scaling (call counts grow exactly with the project) from
    the collector's, whose full collections scan every live object, so they cost more
    the bigger the heap already is.
    """
    for label in ("W200", "W2000"):
        call = generator_calls(loads[label])["get_yaml"]
        n = cfg.n(3 if label == "W2000" else 5)
        sample = repeat(lambda call=call: _without_gc(call), n)
        res.add(f"gc-off:{label}", "`get_yaml()`, cyclic GC paused (diagnostic)", label, sample)
        spent = Sample(tuple(_gc_seconds(call) for _ in range(n)))
        res.add(None, "time in cyclic GC during `get_yaml()`", label, spent, "gc.callbacks")


def _gc_seconds(fn: Callable[[], Any]) -> float:
    """Seconds the cyclic garbage collector ran during one call of ``fn``."""
    spent, started = [0.0], [0.0]

    def track(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            spent[0] += time.perf_counter() - started[0]

    gc.collect()
    gc.callbacks.append(track)
    try:
        fn()
    finally:
        gc.callbacks.remove(track)
    return spent[0]


def _without_gc(fn: Callable[[], Any]) -> Any:
    gc.disable()
    try:
        return fn()
    finally:
        gc.enable()


def stock_yaml(spec: dict[str, Any]) -> str:
    """``yaml.dump`` with libyaml and the options ``render.to_yaml`` documents."""
    import yaml

    return str(yaml.dump(spec, Dumper=yaml.CSafeDumper, **DUMP_OPTIONS))


def check_render(loads: dict[str, Workload], res: Results) -> None:
    """``get_yaml()`` must be byte-identical to ``yaml.dump`` of ``get_spec()`` everywhere."""
    from channels_spectacular import AsyncAPIGenerator

    same = []
    for label, load in loads.items():
        generator = AsyncAPIGenerator(consumers=endpoints_of(load))
        same.append(
            f"{label} {'yes' if generator.get_yaml() == stock_yaml(generator.get_spec()) else 'NO'}"
        )
    res.notes.append(
        "`get_yaml()` byte-identical to `yaml.dump(get_spec(), Dumper=CSafeDumper)` with the "
        f"same options: {', '.join(same)}."
    )


def bench_yaml_baseline(cfg: Config, load: Workload, res: Results) -> None:
    """``get_yaml`` against ``yaml.dump`` of its own dict, interleaved."""
    import yaml

    from channels_spectacular import AsyncAPIGenerator

    endpoints = endpoints_of(load)
    spec = AsyncAPIGenerator(consumers=endpoints).get_spec()

    def plain() -> str:
        return str(yaml.dump(spec, Dumper=yaml.CSafeDumper))

    def matched() -> str:
        return stock_yaml(spec)

    def fresh() -> str:
        return AsyncAPIGenerator(consumers=endpoints).get_yaml()

    def build() -> Any:
        return AsyncAPIGenerator(consumers=endpoints).get_spec(copy=False)

    gy, dm, dp, bd = interleaved([fresh, matched, plain, build], cfg.n(9))
    res.add("yaml:get_yaml", "`get_yaml()` (paired with the dumps)", load.label, gy)
    res.add(
        "yaml:matched",
        "`yaml.dump(spec, CSafeDumper)`, same options",
        load.label,
        dm,
        "sort_keys=False, width=100, as render.to_yaml",
    )
    res.add(
        "yaml:plain",
        "`yaml.dump(spec, Dumper=CSafeDumper)`",
        load.label,
        dp,
        "PyYAML defaults (sorts keys)",
    )
    res.add(
        "yaml:build",
        "build only (`get_spec(copy=False)`, no render)",
        load.label,
        bd,
        "internal: what get_yaml adds over the dump",
    )
    size = len(fresh().encode("utf-8"))
    res.notes.append(f"{load.label} YAML document: {size / 2**20:.2f} MiB.")


# -- in-process: spec view ------------------------------------------------------------


def bench_view(cfg: Config, load: Workload, res: Results) -> None:
    """Cold (cache cleared) and warm requests to /ws-docs/asyncapi.yaml via the test client."""
    from django.test import Client

    from channels_spectacular.views import clear_cache

    urls = import_module("benchproj.urls")
    res.notes.append(f"Spec view routed through {urls.VIA}.")
    client, url = Client(), "/ws-docs/asyncapi.yaml"

    def cold() -> None:
        clear_cache()
        _ok(client.get(url), 200)

    fresh = generator_calls(load)["get_yaml"]
    cold_sample, yaml_sample = interleaved([cold, fresh], cfg.n(7))
    res.add("view:cold", "spec view, cold (cache cleared)", load.label, cold_sample)
    res.add("view:get_yaml", "`get_yaml()` (paired with the cold view)", load.label, yaml_sample)
    first = client.get(url)
    etag = first["ETag"]
    _ok(first, 200)
    warm = many(lambda: _ok(client.get(url), 200), cfg.requests)
    res.add(
        "view:warm",
        "spec view, warm (200, full body)",
        load.label,
        warm,
        f"{cfg.requests} requests; target on the median",
    )
    revalidate = many(lambda: _ok(client.get(url, HTTP_IF_NONE_MATCH=etag), 304), cfg.requests)
    res.add(
        "view:304",
        "spec view, warm (304, If-None-Match)",
        load.label,
        revalidate,
        f"{cfg.requests} requests",
    )


HOSTS = 10


def bench_hosts(cfg: Config, load: Workload, res: Results) -> None:
    """Cold requests from 10 Host headers (servers derived from each): builds counted."""
    from django.test import Client

    from channels_spectacular import generator as generator_module
    from channels_spectacular.views import clear_cache

    client, url = Client(), "/ws-docs/asyncapi.yaml"
    builds: list[int] = []
    original = generator_module.AsyncAPIGenerator._build

    def counting(self: Any) -> Any:
        builds.append(1)
        return original(self)

    def cold_hosts() -> None:
        clear_cache()
        for i in range(HOSTS):
            _ok(client.get(url, HTTP_HOST=f"host{i}.example.com"), 200)

    generator_module.AsyncAPIGenerator._build = counting  # type: ignore[method-assign]
    try:
        sample = repeat(cold_hosts, cfg.n(3))
    finally:
        generator_module.AsyncAPIGenerator._build = original  # type: ignore[method-assign]
    per_run = len(builds) // max(1, cfg.n(3))
    res.counts["hosts:builds"] = per_run
    res.add(
        "view:hosts",
        f"spec view, {HOSTS} request hosts, cold",
        load.label,
        sample,
        f"{per_run} build(s) for {HOSTS} hosts (servers substituted per host)",
    )


def _ok(response: Any, status: int) -> None:
    if response.status_code != status:
        raise RuntimeError(f"spec view answered {response.status_code}, expected {status}")


# -- subprocesses: export command, import time, memory --------------------------------


def bench_export(cfg: Config, load: Workload, res: Results) -> None:
    """``manage.py export_asyncapi`` end to end, against a bare ``django.setup()`` process."""
    if not _command_exists("export_asyncapi"):
        res.add(None, "`export_asyncapi` end to end", load.label, None)
        return
    env = env_with(cfg.work_dir, BENCH_WORKLOAD=load.key)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "asyncapi.yaml"
        export = [PYTHON, "-m", "django", "export_asyncapi", "-o", str(out)]
        bare = [PYTHON, "-c", "import django; django.setup()"]
        samples = interleaved_runs([export, bare], env, cfg.n(5))
    res.add(
        "export",
        "`export_asyncapi` end to end",
        load.label,
        samples[0],
        "fresh interpreter, writes the YAML file",
    )
    res.add(
        "export:bare",
        "interpreter + `django.setup()` only",
        load.label,
        samples[1],
        "baseline for the row above",
    )


def _command_exists(name: str) -> bool:
    return (ROOT / "src/channels_spectacular/management/commands" / f"{name}.py").is_file()


_IMPORT_LINE = re.compile(r"import time:\s+(\d+)\s+\|\s+(\d+)\s+\|\s+(\S.*)$")


def import_time() -> float:
    """Cumulative seconds ``-X importtime`` reports for ``channels_spectacular``."""
    proc = subprocess.run(
        [PYTHON, "-X", "importtime", "-c", "import channels_spectacular"],
        capture_output=True,
        text=True,
        check=True,
        env=_clean_env(),
    )
    for line in proc.stderr.splitlines():
        match = _IMPORT_LINE.match(line)
        if match and match.group(3).strip() == "channels_spectacular":
            return int(match.group(2)) / 1e6
    raise RuntimeError(f"channels_spectacular not found in -X importtime output:\n{proc.stderr}")


def _clean_env() -> dict[str, str]:
    # No DJANGO_SETTINGS_MODULE: a bare import must not need a configured project.
    env = dict(os.environ)
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def bench_import(cfg: Config, res: Results) -> None:
    """``import channels_spectacular``: time and which heavy libraries come with it."""
    sample = Sample(tuple(import_time() for _ in range(cfg.n(9))))
    res.add(
        "import",
        "`import channels_spectacular` (cumulative)",
        "—",
        sample,
        "`python -X importtime`",
    )
    script = Path(__file__).with_name("probe.py")
    out = run([PYTHON, str(script), "modules"], _clean_env())
    res.modules = json.loads(out.strip().splitlines()[-1])
    listed = ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in res.modules.items())
    res.notes.append(f"`import channels_spectacular` imports: {listed}.")


def bench_memory(cfg: Config, load: Workload, res: Results) -> None:
    """Peak memory of generating ``load`` in a fresh process."""
    found = probe(cfg.work_dir, "memory", load.key, env_extra={"BENCH_WORKLOAD": load.key})
    res.add(
        "mem:spec",
        "peak traced memory, `get_spec()`",
        load.label,
        Sample((found["traced_get_spec"],), "B"),
        "tracemalloc",
    )
    res.add(
        "mem:yaml",
        "peak traced memory, `get_yaml()`",
        load.label,
        Sample((found["traced_get_yaml"],), "B"),
        "tracemalloc",
    )
    before, after = found["rss_before"], found["rss_after"]
    res.add(
        "mem:rss",
        "peak RSS of the process, after `get_yaml()`",
        load.label,
        Sample((after,), "B"),
        f"VmHWM, no tracing; {fmt_value(before, 'B')} with the project imported, "
        f"so generation adds {fmt_value(after - before, 'B')}",
    )
    res.add(
        "mem:added",
        "peak RSS `get_yaml()` adds to the process",
        load.label,
        Sample((after - before,), "B"),
        "VmHWM after minus VmHWM with the project imported",
    )
    res.add(
        "mem:yaml-size",
        "size of the YAML document",
        load.label,
        Sample((found["yaml_bytes"],), "B"),
        "UTF-8 bytes",
    )
    built, held, size = found["rss_built"] - before, found["traced_document"], found["yaml_bytes"]
    res.add(
        None,
        "peak RSS the build alone adds",
        load.label,
        Sample((built,), "B"),
        "VmHWM after `get_spec(copy=False)`, before rendering",
    )
    res.add(
        None,
        "the cached document, held after the build",
        load.label,
        Sample((held,), "B"),
        "tracemalloc, current after the build",
    )
    res.notes.append(
        f"Memory of `get_yaml({load.label})`: the build peaks at {built / size:.2f}x the YAML's "
        f"size (RSS), and the cached document it keeps holds {held / size:.2f}x (traced). "
        "Rendering then adds the text once (libyaml's chunks are appended in place to one "
        "string, see `render._Text`), so with the document cached (one build serves every "
        f"request host) the floor is about {held / size + 1:.1f}x, plus what the allocator "
        "keeps of the build's freed temporaries."
    )


# -- the peer: django-channels-spectacular 0.1.1, same consumers, its own process -----------


def install_peer(work_dir: Path) -> tuple[Path | None, str]:
    """The peer's install directory (pip, cached under the work dir), or None and why not."""
    target = work_dir / "peer"
    init = target / "channels_spectacular" / "__init__.py"
    if init.is_file() and '"0.1.1"' in init.read_text(encoding="utf-8"):
        return target, ""
    command = [PYTHON, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), PEER]
    proc = subprocess.run(command, capture_output=True, text=True, check=False)
    if proc.returncode != 0 or not init.is_file():
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return None, f"`pip install {PEER}` failed ({last})"
    return target, ""


def _peer_probe(
    cfg: Config,
    peer_dir: Path,
    command: str,
    load: Workload,
    n_ours: int,
    n_peer: int,
    counts: dict[str, dict[str, int]] | None = None,
) -> tuple[Sample, Sample]:
    """The same probe in two fresh processes, rounds interleaved: this package, the peer.

    ``counts`` receives each side's document counts (``spec`` probes report them).
    """
    script = str(Path(__file__).with_name("peer.py"))
    ours_env = env_with(cfg.work_dir, BENCH_WORKLOAD=load.key)
    peer_env = env_with(cfg.work_dir, BENCH_WORKLOAD=load.key)
    peer_env["PYTHONPATH"] = os.pathsep.join([str(peer_dir), peer_env["PYTHONPATH"]])
    runs: dict[str, list[dict[str, Any]]] = {"ours": [], "peer": []}
    for _ in range(cfg.n(3)):
        for side, env, extra, n in (
            ("ours", ours_env, [], n_ours),
            ("peer", peer_env, ["--peer"], n_peer),
        ):
            out = run([PYTHON, script, *extra, command, load.key, str(n)], env)
            found = json.loads(out.strip().splitlines()[-1])
            if side == "peer" and found["version"] != "0.1.1":
                raise RuntimeError(f"the peer process imported {found['file']}, not the peer")
            runs[side].append(found)
            if counts is not None:
                counts[side] = found["counts"]
    ours, peer = (
        Sample(
            tuple(w for r in runs[side] for w in r["wall"]),
            cpu=tuple(c for r in runs[side] for c in r["cpu"]),
        )
        for side in ("ours", "peer")
    )
    return ours, peer


def bench_peer(cfg: Config, w200: Workload, res: Results) -> None:
    """``get_spec()`` and the warm spec view, this package against the peer, same consumers.

    Both sides run on W200's consumers at ``/ws/{room}/c<i>/`` (``peer_variant``): the peer
    names messages and operations after an address's last segment, so on W200's own
    addresses it keeps one consumer's and compares a document 200 times smaller. The
    counts each side reports go into the notes, and a peer document that does not hold
    every consumer's messages fails the target instead of flattering it.
    """
    load = peer_variant(w200)
    figures = [
        ("peer:spec:ours", "`get_spec()`, this package (fresh process)"),
        ("peer:spec", f"`get_spec()`, peer {PEER.split('==')[1]}"),
        ("peer:view:ours", "spec view, warm, this package (fresh process)"),
        ("peer:view", f"spec view, warm, peer {PEER.split('==')[1]}"),
    ]
    peer_dir, why = install_peer(cfg.work_dir)
    if peer_dir is None:
        for _, figure in figures:
            res.add(None, figure, load.label, None)
        res.notes.append(f"Peer rows skipped: {why}.")
        return
    counts: dict[str, dict[str, int]] = {}
    spec = _peer_probe(cfg, peer_dir, "spec", load, cfg.n(5), cfg.n(5), counts)
    view = _peer_probe(cfg, peer_dir, "view", load, cfg.requests, cfg.n(5))
    notes = [
        "fresh generator per run, CPU",
        "fresh generator per run (it caches nothing), CPU",
        f"{cfg.requests} requests per process; median",
        "it generates and dumps (pure-Python PyYAML) on every request; median",
    ]
    for (key, figure), sample, note in zip(figures, (*spec, *view), notes, strict=True):
        res.add(key, figure, load.label, sample, note)
    expected = load.count * (load.actions + load.events)
    for side, found in counts.items():
        res.counts[f"peer:{side}:messages"] = found["messages"]
        res.counts[f"peer:{side}:aliased"] = found["aliased"]
        copy_cpu = found["copy_cpu"]
        res.add(
            f"peer:copy:{side}",
            f"C-speed copy of the document (`marshal` round trip), {side_name(side)}",
            load.label,
            Sample((copy_cpu,), cpu=(copy_cpu,)),
            "the least a document the caller owns costs beyond its build; CPU",
        )
    res.counts["peer:expected"] = expected
    shown = "; ".join(
        f"{side}: {c['channels']} channels, {c['operations']} operations, {c['messages']} messages"
        for side, c in counts.items()
    )
    res.notes.append(
        f"Peer: {PEER} from PyPI, installed with `pip install --target` into the work "
        "directory and run in processes of its own (it is imported as `channels_spectacular` "
        f"too), both sides on the same generated consumers ({load.label}: {load.shape}). It "
        "names messages and operations after the address's last segment, so on W200's "
        "`/ws/c<i>/{room}/` it would keep one consumer's 20 and drop the rest; at "
        f"`/ws/{{room}}/c<i>/` both documents hold every consumer ({shown}; "
        f"{load.count} consumers x {load.actions + load.events} = {expected} expected)."
    )


def side_name(side: str) -> str:
    return "this package" if side == "ours" else f"peer {PEER.split('==')[1]}"


# -- docs builds ----------------------------------------------------------------------


def bench_coldgen(cfg: Config, load: Workload, res: Results) -> None:
    """First-time generation in a fresh process: what one docs embed inevitably pays.

    Timed inside the process (import + ``get_yaml()``, and ``django.setup()``), and as
    whole processes, like the docs builds: a process that sets Django up and generates,
    against one that does nothing. Only the second includes what any process that
    imported the project pays at exit (tearing it down), as a docs build with an embed does.
    """
    script = str(Path(__file__).with_name("probe.py"))
    env = env_with(cfg.work_dir, BENCH_WORKLOAD=load.key)
    gen_cmd = [PYTHON, script, "coldgen", load.key, "yaml"]
    outputs: list[list[str]] = []
    cmds = [gen_cmd, [PYTHON, script, "idle"]]
    whole, idle = interleaved_runs(cmds, env, cfg.n(5), outputs=outputs)
    # The same runs' own timers: the probe prints them as JSON on its last line.
    found = [json.loads(out.strip().splitlines()[-1]) for out in outputs[0]]
    gen = Sample(tuple(f["seconds"] for f in found), cpu=tuple(f["cpu"] for f in found))
    res.add(
        "coldgen",
        "generation in a fresh process (import + `get_yaml()`)",
        load.label,
        gen,
        "timed inside the process",
    )
    setup = Sample(tuple(f["setup"] for f in found))
    res.add("django-setup", "`django.setup()` in a fresh process", "—", setup)
    res.add(
        "coldgen-process",
        "process: `django.setup()`, import, `get_yaml()`",
        load.label,
        whole,
        "whole process, exit included",
    )
    res.add("idle-process", "process: start and exit only", "—", idle, "`probe.py idle`")


EMBED_MARKER = 'id="asyncapi-index'  # the viewer element of the page's first embed


def bench_sphinx(cfg: Config, load: Workload, res: Results) -> None:
    """``sphinx-build`` of the same page with and without one W200 embed."""
    builds = {}
    for site in ("embed", "plain"):
        src, out = cfg.work_dir / "sphinx" / site, cfg.work_dir / "sphinx" / f"_build_{site}"
        command = [PYTHON, "-m", "sphinx", "-E", "-a", "-q", "-b", "html", str(src), str(out)]
        builds[site] = (command, out / "index.html")
    bench_docs(cfg, load, res, "Sphinx", builds, _sphinx_available())


def bench_mkdocs(cfg: Config, load: Workload, res: Results) -> None:
    """``mkdocs build`` of the same page with and without one W200 embed."""
    builds = {}
    for site in ("embed", "plain"):
        root = cfg.work_dir / "mkdocs" / site
        command = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")]
        builds[site] = (command, root / "_site" / "index.html")
    bench_docs(cfg, load, res, "MkDocs", builds, _mkdocs_available())


def bench_docs(
    cfg: Config,
    load: Workload,
    res: Results,
    tool: str,
    builds: dict[str, tuple[list[str], Path]],
    available: bool,
) -> None:
    """Interleaved builds of both sites; checks the embed really rendered (and only there)."""
    figures = {
        "embed": f"{tool} build, page with W200 embed",
        "plain": f"{tool} build, same page without embed",
    }
    if not available:
        for figure in figures.values():
            res.add(None, figure, load.label, None)
        return
    env = env_with(cfg.work_dir, BENCH_WORKLOAD=load.key)
    samples = interleaved_runs([cmd for cmd, _ in builds.values()], env, cfg.n(5))
    for (site, (_, html)), sample in zip(builds.items(), samples, strict=True):
        rendered = EMBED_MARKER in html.read_text(encoding="utf-8")
        measured: Sample | None = sample
        if rendered != (site == "embed"):
            res.notes.append(
                f"{tool} {site} build: the viewer was {'' if rendered else 'NOT '}"
                "rendered, so its figures do not measure an embed."
            )
            measured = None
        note = "`-E -a`: fresh environment" if tool == "Sphinx" else ""
        res.add(f"{tool.lower()}:{site}", figures[site], load.label, measured, note)


def _sphinx_available() -> bool:
    try:
        return hasattr(import_module("channels_spectacular.sphinx"), "setup")
    except ImportError:
        return False


def _mkdocs_available() -> bool:
    try:
        module = import_module("channels_spectacular.mkdocs")
    except ImportError:
        return False
    return hasattr(module, "ChannelsSpectacularPlugin")


# -- targets --------------------------------------------------------------------------


def evaluate(res: Results, loads: dict[str, Workload]) -> None:
    """Turn the named samples into PASS / FAIL / n/a targets."""
    s = res.named
    gy, dump = s.get("yaml:get_yaml"), s.get("yaml:matched")
    if gy and dump:
        r = gy.best_cpu / dump.best_cpu
        res.targets.append(
            Target(
                "`get_yaml(W200)` / `yaml.dump` of its own dict (CSafeDumper)",
                f"{r:.2f}x",
                f"≤ {YAML_LIMIT}x",
                r <= YAML_LIMIT,
                f"CPU {fmt_value(gy.best_cpu, 's')} vs {fmt_value(dump.best_cpu, 's')}, "
                "same dump options",
            )
        )
    warm = s.get("view:warm")
    res.targets.append(
        Target(
            "warm spec view, median",
            fmt_value(warm.median, "s") if warm else "n/a",
            "< 1 ms",
            warm.median < VIEW_LIMIT if warm else None,
            "Django test client, W200",
        )
    )
    builds = res.counts.get("hosts:builds")
    res.targets.append(
        Target(
            f"documents built for {HOSTS} request hosts",
            str(builds) if builds is not None else "n/a",
            "1",
            builds == 1 if builds is not None else None,
            "no SERVERS / WS_HOST, ALLOWED_HOSTS ['*']: servers come from each request",
        )
    )
    for method in ("get_yaml", "get_spec", "get_json"):
        big, small = s.get(f"{method}:W2000"), s.get(f"{method}:W200")
        if big and small:
            r = big.best_cpu / small.best_cpu
            limit = SPEC_SCALE_LIMIT if method == "get_spec" else SCALE_LIMIT
            size = loads["W2000"].count / loads["W200"].count
            note = f"{size:g}x the consumers; CPU"
            off_big, off_small = s.get("gc-off:W2000"), s.get("gc-off:W200")
            if method == "get_yaml" and off_big and off_small:
                note += f"; {off_big.best_cpu / off_small.best_cpu:.2f}x with the GC paused"
            note += split_note(big, small)
            res.targets.append(at_most(f"`{method}()` W2000 / W200 time", r, limit, note))
    res.targets += peer_targets(s, res.counts)
    res.targets.append(cold_view_target(s))
    res.targets.append(memory_target(s))
    cold, warm = s.get("inference:cold"), s.get("inference:warm")
    if cold and warm:
        r = (cold.best_cpu - warm.best_cpu) / warm.best_cpu
        note = (
            f"CPU: {fmt_value(cold.best_cpu, 's')} without caches minus "
            f"{fmt_value(warm.best_cpu, 's')} with inference cached; parsing included"
        )
        name = "inference of W200 undecorated / their generation"
        res.targets.append(at_most(name, r, INFERENCE_LIMIT, note))
    imp = s.get("import")
    leaked = [m for m in FORBIDDEN if res.modules.get(m)]
    if imp:
        ok = imp.best < IMPORT_LIMIT and not leaked
        note = f"imports {', '.join(leaked)}" if leaked else "no DRF, pydantic or yaml imported"
        res.targets.append(
            Target(
                "`import channels_spectacular`",
                fmt_value(imp.best, "s"),
                "< 30 ms, no DRF/pydantic/yaml",
                ok,
                note,
            )
        )
    reference = docs_reference(s)
    for tool in ("sphinx", "mkdocs"):
        res.targets.append(
            docs_target(tool, s.get(f"{tool}:embed"), s.get(f"{tool}:plain"), reference)
        )


def split_note(big: Sample, small: Sample) -> str:
    """How the two sides' best runs divide into the process's own time and the kernel's."""
    big_split, small_split = big.best_split, small.best_split
    if not (big_split and small_split and big_split[1] > 0 and small_split[1] > 0):
        return ""  # no kernel time on a side (tiny --quick workloads): nothing to compare
    user, system = (b / s for b, s in zip(big_split, small_split, strict=True))
    return (
        f"; user {user:.2f}x, system {system:.2f}x (the kernel's time: page faults on the "
        f"memory a run takes fresh, {fmt_value(big_split[1], 's')} vs "
        f"{fmt_value(small_split[1], 's')})"
    )


def peer_targets(s: dict[str, Sample], counts: dict[str, int]) -> list[Target]:
    """``get_spec()`` and the warm view against django-channels-spectacular 0.1.1."""
    ours, peer = s.get("peer:spec:ours"), s.get("peer:spec")
    expected = counts.get("peer:expected")
    both = (counts.get("peer:ours:messages"), counts.get("peer:peer:messages"))
    documented = expected is not None and both == (expected, expected)
    held = (
        f"both documents hold all {expected} messages"
        if documented
        else (f"NOT the same document: messages ours/peer {both[0]}/{both[1]}, expected {expected}")
    )
    spec = no_peer(
        "`get_spec(W200-peer)` / the peer's `get_spec()`, same consumers",
        f"≤ {PEER_SPEC_LIMIT:g}x",
    )
    if ours and peer:
        r = ours.best_cpu / peer.best_cpu
        spec = Target(
            spec.name,
            f"{r:.2f}x",
            spec.limit,
            r <= PEER_SPEC_LIMIT and documented,
            f"CPU {fmt_value(ours.best_cpu, 's')} vs {fmt_value(peer.best_cpu, 's')}, "
            f"each in a fresh process, same run; {held}{aliasing(s, counts, ours)}",
        )
    ours, peer = s.get("peer:view:ours"), s.get("peer:view")
    view = no_peer("warm spec view: the peer's median / ours", f"≥ {PEER_VIEW_LIMIT:g}x")
    if ours and peer:
        r = peer.median / ours.median
        view = Target(
            view.name,
            f"{r:.0f}x",
            view.limit,
            r >= PEER_VIEW_LIMIT,
            f"median {fmt_value(peer.median, 's')} vs {fmt_value(ours.median, 's')}, "
            "W200-peer, Django test client",
        )
    return [spec, view]


def no_peer(name: str, limit: str) -> Target:
    """A peer target before (or without) the peer's figures."""
    return Target(name, "n/a", limit, None, "peer not available (see the notes)")


def aliasing(s: dict[str, Sample], counts: dict[str, int], ours: Sample) -> str:
    """What the peer's time buys: whether its documents are shared with its declarations."""
    found = [counts.get(f"peer:{side}:aliased") for side in ("ours", "peer")]
    if None in found:
        return ""
    said = {0: "no", 1: "yes"}
    note = (
        f"; writing into a returned document changes the next one: ours {said[found[0]]}, "
        f"peer {said[found[1]]}"
    )
    peer, copy = s.get("peer:spec"), s.get("peer:copy:peer")
    if found[1] and peer and copy:
        # The peer's document shares its declarations' dicts; one the caller owns costs a copy.
        owned = peer.best_cpu + copy.best_cpu
        note += (
            f" (its documents share its decorators' payload dicts); against the peer's "
            f"`get_spec()` plus a C-speed copy of its document ({fmt_value(owned, 's')}): "
            f"{ours.best_cpu / owned:.2f}x"
        )
    return note


def at_most(name: str, r: float | None, limit: float, note: str) -> Target:
    """A ratio that must stay at or under ``limit``; n/a when a side was not measured."""
    if r is None:
        return Target(name, "n/a", f"≤ {limit:g}x", None)
    return Target(name, f"{r:.2f}x", f"≤ {limit:g}x", r <= limit, note)


def cold_view_target(s: dict[str, Sample]) -> Target:
    """The first request after the cache is cleared against ``get_yaml()`` alone."""
    cold, gy = s.get("view:cold"), s.get("view:get_yaml")
    name = "cold spec view / `get_yaml()` (W200)"
    if not (cold and gy):
        return at_most(name, None, COLD_VIEW_LIMIT, "")
    note = f"CPU {fmt_value(cold.best_cpu, 's')} vs {fmt_value(gy.best_cpu, 's')}"
    return at_most(name, cold.best_cpu / gy.best_cpu, COLD_VIEW_LIMIT, note)


def memory_target(s: dict[str, Sample]) -> Target:
    """Peak RSS that generating W2000's YAML adds, against the YAML's own size."""
    added, size = s.get("mem:added"), s.get("mem:yaml-size")
    name = "peak RSS `get_yaml(W2000)` adds / YAML size"
    if not (added and size):
        return at_most(name, None, MEMORY_LIMIT, "")
    note = f"{fmt_value(added.best, 'B')} for {fmt_value(size.best, 'B')} of YAML"
    return at_most(name, added.best / size.best, MEMORY_LIMIT, note)


class DocsReference(NamedTuple):
    """What the docs targets compare an embed's cost with (CPU seconds)."""

    seconds: float  # a fresh process that sets Django up and generates, minus an idle one
    in_process: float  # the same, timed inside the process: exit and start-up left out


def docs_reference(s: dict[str, Sample]) -> DocsReference | None:
    """Both docs builds are timed as whole processes, so the generation they are held to is.

    The extensions set Django up only when a page needs it, so the page without the embed
    never does: ``django.setup()`` is part of what the embed pays, and so is tearing the
    imported project down at exit. A whole process that sets Django up and generates,
    minus one that does nothing, holds exactly that; the in-process timers leave the exit
    out (reported next to it).
    """
    whole, idle = s.get("coldgen-process"), s.get("idle-process")
    gen, setup = s.get("coldgen"), s.get("django-setup")
    if not (whole and idle and gen and setup):
        return None
    return DocsReference(whole.best_cpu - idle.best_cpu, gen.best_cpu + setup.best)


def docs_target(
    tool: str, embed: Sample | None, plain: Sample | None, reference: DocsReference | None
) -> Target:
    """Extra CPU of the build with the embed against 1.1x the fresh-process generation."""
    name = f"{'Sphinx' if tool == 'sphinx' else 'MkDocs'} build: one W200 embed - none"
    if not (embed and plain and reference):
        return Target(name, "n/a", "≤ 1.1 x generation", None, "surface not available")
    budget = reference.seconds
    extra = embed.best_cpu - plain.best_cpu
    return Target(
        name,
        fmt_value(extra, "s"),
        f"≤ {fmt_value(budget * DOCS_LIMIT, 's')}",
        extra <= budget * DOCS_LIMIT,
        f"{ratio(extra, budget)} a fresh process setting Django up and generating "
        f"({fmt_value(budget, 's')}), whole-process CPU on both sides; "
        f"{ratio(extra, reference.in_process)} the in-process timers "
        f"({fmt_value(reference.in_process, 's')}), which leave process exit out",
    )


# -- main -----------------------------------------------------------------------------


def setup_django(work_dir: Path) -> None:
    """Configure this process with the scratch project's settings (W200 as CONSUMERS)."""
    sys.path.insert(0, str(work_dir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchproj.settings"
    os.environ["BENCH_WORKLOAD"] = "w200"
    import django

    django.setup()


def parse_args(argv: list[str] | None) -> Config:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny workloads, 1-2 runs each")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=DEFAULT_WORK_DIR,
        help="scratch directory for the generated project (default: %(default)s)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="Markdown page to write (default: docs/performance.md; "
        "--quick writes none unless given)",
    )
    args = parser.parse_args(argv)
    output = args.output if args.output or args.quick else DOCS_PAGE
    return Config(quick=args.quick, work_dir=args.work_dir.resolve(), output=output)


def main(argv: list[str] | None = None) -> int:
    """Run every benchmark, print the tables, write the page."""
    cfg = parse_args(argv)
    loads = workloads(cfg.quick)
    write_project(cfg.work_dir, loads)
    setup_django(cfg.work_dir)
    res = Results()
    shapes = "; ".join(f"{load.label} = {load.shape}" for load in loads.values())
    res.notes.append(f"Workload shapes in this run: {shapes}.")
    w200 = loads["W200"]
    steps: list[tuple[str, Callable[[], None]]] = [
        ("generator", lambda: bench_generator(cfg, loads, res)),
        ("inference", lambda: bench_inference(cfg, w200, res)),
        ("yaml baseline", lambda: bench_yaml_baseline(cfg, w200, res)),
        ("scaling without GC", lambda: bench_gc_off(cfg, loads, res)),
        ("render check", lambda: check_render(loads, res)),
        ("spec view", lambda: bench_view(cfg, w200, res)),
        ("request hosts", lambda: bench_hosts(cfg, w200, res)),
        ("export command", lambda: bench_export(cfg, w200, res)),
        ("import", lambda: bench_import(cfg, res)),
        ("memory", lambda: bench_memory(cfg, loads["W2000"], res)),
        ("fresh-process generation", lambda: bench_coldgen(cfg, w200, res)),
        ("peer", lambda: bench_peer(cfg, w200, res)),
        ("sphinx", lambda: bench_sphinx(cfg, w200, res)),
        ("mkdocs", lambda: bench_mkdocs(cfg, w200, res)),
    ]
    for name, step in steps:
        print(f"[{name}]", flush=True)
        step()
    evaluate(res, loads)
    text = page(res.rows, res.targets, cfg.quick, res.notes)
    print()
    print(text)
    if cfg.output:
        cfg.output.parent.mkdir(parents=True, exist_ok=True)
        cfg.output.write_text(text, encoding="utf-8")
        print(f"Wrote {cfg.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
