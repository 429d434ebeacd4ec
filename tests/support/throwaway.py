"""A throwaway Django project written by a test, the way a new user starts one.

``make_project(tmp_path)`` writes ``manage.py``, a settings module, an URLconf that
includes ``channels_spectacular.urls``, an ``asgi.py`` with ``ProtocolTypeRouter`` and an
app with an undecorated consumer. ``manage(...)`` runs ``manage.py`` as a subprocess and
``daphne(...)`` serves the project with daphne itself (no runserver, no staticfiles).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.support.browser import free_port, serve_process

ROOT = Path(__file__).resolve().parents[2]

SETTINGS = """\
import os

SECRET_KEY = "throwaway"
DEBUG = os.environ.get("DEBUG") == "1"
ALLOWED_HOSTS = ["*"]
INSTALLED_APPS = [
    "daphne",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "channels",
    "channels_spectacular",
    "chat",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = os.environ.get("DJANGO_ROOT_URLCONF", "mysite.urls")
ASGI_APPLICATION = "mysite.asgi.application"
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.path.join(
        os.path.dirname(os.path.dirname(__file__)), "db.sqlite3")}
}
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
"""

URLS = """\
from django.urls import include, path

urlpatterns = [path("ws-docs/", include("channels_spectacular.urls"))]
"""

ASGI = """\
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

from chat.consumers import ChatConsumer  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": URLRouter([path("ws/chat/<str:room>/", ChatConsumer.as_asgi())]),
    }
)
"""

CONSUMER = """\
from channels.generic.websocket import AsyncJsonWebsocketConsumer


class ChatConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        await self.accept()

    async def receive_json(self, content):
        await self.send_json({"type": "echo", "text": content.get("text", "")})
"""

MANAGE = """\
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
"""


@dataclass
class Project:
    """A project directory and how to run it."""

    path: Path

    def env(self, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "mysite.settings", **(extra or {})}
        env["PYTHONPATH"] = os.pathsep.join([str(self.path), str(ROOT)])
        return env

    def manage(self, *args: str, env: Mapping[str, str] | None = None) -> tuple[int, str]:
        """``python manage.py <args>``: exit code and stdout + stderr."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=self.path,
            env=self.env(env),
            capture_output=True,
            text=True,
            timeout=120,
        )
        return result.returncode, result.stdout + result.stderr

    def write(self, relative: str, text: str) -> None:
        target = self.path / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text), encoding="utf-8")

    @contextmanager
    def daphne(self, env: Mapping[str, str] | None = None) -> Iterator[str]:
        """The project under ``daphne mysite.asgi:application``; yields the base URL."""
        yield from _serve(self, env)


def make_project(directory: Path, settings_extra: str = "") -> Project:
    """Write the throwaway project into ``directory`` and return it."""
    project = Project(directory)
    project.write("manage.py", MANAGE)
    project.write("mysite/__init__.py", "")
    project.write("mysite/settings.py", SETTINGS + settings_extra)
    project.write("mysite/urls.py", URLS)
    project.write("mysite/asgi.py", ASGI)
    project.write("chat/__init__.py", "")
    project.write("chat/consumers.py", CONSUMER)
    return project


def _serve(project: Project, env: Mapping[str, str] | None) -> Iterator[str]:
    port = free_port()
    command = [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port)]
    command.append("mysite.asgi:application")
    with serve_process(command, port, cwd=project.path, env=project.env(env)) as url:
        yield url


def fetch(url: str, headers: Mapping[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """``(status, headers, body)`` of a GET, errors included."""
    request = urllib.request.Request(url, headers=dict(headers or {}))
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, dict(exc.headers), exc.read()
        except urllib.error.URLError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
