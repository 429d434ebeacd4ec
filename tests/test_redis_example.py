"""The rideshare example as production Channels runs it: two daphne processes, one Redis.

A real ``redis-server`` (Debian package, from ``make system-deps``) on a free port, the
example with ``REDIS_URL`` pointing at it (so ``channels_redis``), two daphne processes
sharing one migrated SQLite file, and runtime validation on in both. A ride requested on
one process reaches, as a ``ride.offer`` group event, a driver connected to the other.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.support.browser import free_port, serve_process
from tests.support.throwaway import fetch

websockets = pytest.importorskip("websockets")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "rideshare"
SETTINGS = """\
from rideshare.settings import *  # noqa: F403

DATABASES = {{"default": {{"ENGINE": "django.db.backends.sqlite3", "NAME": {db!r}}}}}
CHANNELS_SPECTACULAR_SETTINGS = {{
    **CHANNELS_SPECTACULAR_SETTINGS,  # noqa: F405
    "VALIDATE_MESSAGES": "error",
}}
"""
REQUEST = {
    "action": "request_ride",
    "pickup_lat": 6.5244,
    "pickup_lng": 3.3792,
    "fare": "1500.00",
    "payment_method": "cash",
}

needs_redis = pytest.mark.skipif(
    shutil.which("redis-server") is None, reason="needs redis-server (make system-deps)"
)


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    command += ["--appendonly", "no", "--dir", str(tmp_path_factory.mktemp("redis"))]
    with serve_process(command, port, cwd=ROOT, env=os.environ):
        yield f"redis://127.0.0.1:{port}/0"


@pytest.fixture(scope="module")
def env(tmp_path_factory, redis_url):
    folder = tmp_path_factory.mktemp("redis_example")
    settings = SETTINGS.format(db=str(folder / "db.sqlite3"))
    (folder / "redis_example_settings.py").write_text(textwrap.dedent(settings))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "redis_example_settings",
        "PYTHONPATH": os.pathsep.join([str(folder), str(ROOT), str(EXAMPLE)]),
        "REDIS_URL": redis_url,
    }
    migrate = [sys.executable, "-m", "django", "migrate", "-v", "0"]
    subprocess.run(migrate, cwd=ROOT, env=env, check=True, timeout=120)
    return env


def daphne(env, port):
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
    command.append("tests.support.validated_rideshare:application")
    return serve_process(command, port, cwd=ROOT, env=env)


async def receive(socket, event_type):
    """The next frame of ``event_type`` (other frames are skipped)."""
    while True:
        frame = json.loads(await asyncio.wait_for(socket.recv(), timeout=20))
        if frame["type"] == event_type:
            return frame


async def scenario(base_a: str, base_b: str) -> None:
    def url(base, path):
        return base.replace("http://", "ws://") + path

    connect = websockets.connect
    async with (
        connect(url(base_b, "ws/drivers/d1/"), origin=base_b.rstrip("/")) as driver,
        connect(url(base_a, "ws/rides/1/"), origin=base_a.rstrip("/")) as rider,
    ):
        await rider.send(json.dumps(REQUEST))
        requested = await receive(rider, "ride.requested")
        offer = await receive(driver, "ride.offer")  # sent by process A, delivered by B
        assert offer["ride_id"] == requested["id"] and offer["fare"] == "1500.00"
        # Runtime validation answers on both processes.
        await rider.send(json.dumps({**REQUEST, "fare": 12}))
        rejected = await receive(rider, "validation.error")
        assert rejected["action"] == "request_ride" and rejected["field"] == "$.fare"
        await driver.send(json.dumps({"action": "update_location", "heading": "north"}))
        rejected = await receive(driver, "validation.error")
        assert rejected["action"] == "update_location" and rejected["detail"]


@needs_redis
def test_group_event_crosses_daphne_processes_through_redis(env):
    with daphne(env, free_port()) as base_a, daphne(env, free_port()) as base_b:
        asyncio.run(scenario(base_a, base_b))
        # What `make demo` serves: the docs page under daphne alone, console on, every
        # file from the app's own URLs (no runserver static handling).
        status, _, page = fetch(base_a + "ws-docs/")
        assert status == 200 and b'id="cs-try-it-out"' in page
        files = re.findall(rb'(?:src|href)="(/ws-docs/assets/[^"]+)"', page)
        assert len(files) == 6
        for file in files:
            assert fetch(base_a + file.decode().lstrip("/"))[0] == 200, file


def test_make_demo_needs_neither_root_nor_chromium():
    dry_run = subprocess.run(
        ["make", "-n", "-B", "demo"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "apt-get" not in dry_run and "chromium" not in dry_run
    assert "-m daphne" in dry_run and "rideshare.asgi:application" in dry_run
