"""The Getting started page, followed to the letter in a fresh project.

``django-admin startproject`` and ``startapp`` make the project; every code block of the
page that has a ``title`` is written to that file (the settings block is appended, as the
page says it holds "the parts of settings.py" the package needs); then every command of
its ``sh`` blocks runs, in order: ``pip install`` lines must name real extras, the
``manage.py`` commands must succeed (``runserver`` serves the docs page under daphne),
and ``pytest`` must pass the page's contract test.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from tests.support.browser import free_port, serve_process
from tests.support.throwaway import Project, fetch

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "pages" / "getting-started.md"
SNIPPETS = ROOT / "docs" / "snippets"
BLOCK = re.compile(r'^```(\w+)(?: title="([^"]+)")?\n(.*?)^```', re.M | re.S)
INCLUDE = re.compile(r'^--8<-- "([^"]+)"$', re.M)


def snippet_text(reference: str) -> str:
    """A snippet file, or one ``--8<-- [start:name]`` section of it."""
    name, _, section = reference.partition(":")
    text = (SNIPPETS / name).read_text(encoding="utf-8")
    if not section:
        return text
    start = text.index(f"# --8<-- [start:{section}]\n") + len(f"# --8<-- [start:{section}]\n")
    return text[start : text.index(f"# --8<-- [end:{section}]")]


def page_blocks() -> list[tuple[str, str | None, str]]:
    """``(language, title, text)`` of each fenced block, includes resolved."""
    blocks = []
    for language, title, body in BLOCK.findall(PAGE.read_text(encoding="utf-8")):
        include = INCLUDE.search(body)
        blocks.append((language, title or None, snippet_text(include[1]) if include else body))
    return blocks


def extras() -> set[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(pyproject["project"]["optional-dependencies"])


def start_project(directory: Path) -> Project:
    env = Project(directory).env()
    env.pop("DJANGO_SETTINGS_MODULE")
    directory.mkdir(parents=True, exist_ok=True)
    admin = [sys.executable, "-m", "django"]
    subprocess.run([*admin, "startproject", "mysite", str(directory)], env=env, check=True)
    subprocess.run([*admin, "startapp", "chat"], cwd=directory, env=env, check=True)
    (directory / "chat" / "tests.py").unlink()  # the page's test lives in chat/tests/
    (directory / "chat" / "tests").mkdir()
    (directory / "chat" / "tests" / "__init__.py").write_text("")
    return Project(directory)


def run_command(project: Project, line: str) -> None:
    words = shlex.split(line)
    if words[:2] == ["pip", "install"]:
        for requirement in words[2:]:
            named = re.fullmatch(r"channels-spectacular(?:\[([\w,]+)\])?", requirement)
            if named and named[1]:
                assert set(named[1].split(",")) <= extras(), requirement
        return
    if words[:3] == ["python", "manage.py", "runserver"]:
        serve_docs(project)
        return
    if words[:2] == ["python", "manage.py"]:
        code, out = project.manage(*words[2:])
        assert code == 0, f"{line}\n{out}"
        assert "WARNINGS" not in out and "ERRORS" not in out, f"{line}\n{out}"
        return
    assert words[0] == "pytest", f"a command the test does not know how to run: {line}"
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *words[1:]],
        cwd=project.path,
        env=project.env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0 and " passed" in result.stdout, result.stdout + result.stderr


def serve_docs(project: Project) -> None:
    port = free_port()
    command = [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]
    with serve_process(command, port, cwd=project.path, env=project.env()) as base:
        status, _, page = fetch(base + "ws-docs/")
        assert status == 200 and b"Chat WebSocket API" in page
        assert b"Consumers without documentation" not in page
        for url in re.findall(rb'(?:src|href)="(/[^"]+\.(?:js|css))"', page):
            assert fetch(base + url.decode().lstrip("/"))[0] == 200, url
        status, _, body = fetch(base + "ws-docs/asyncapi.yaml")
    assert status == 200
    spec = yaml.safe_load(body)
    assert spec["channels"]["chat"]["address"] == "/ws/chat/{room}/"
    assert set(spec["operations"]) == {"post_message", "message.posted"}


def test_getting_started_page_works_in_a_fresh_project(tmp_path, assert_valid):
    project = start_project(tmp_path / "site")
    commands = []
    for language, title, text in page_blocks():
        if language == "sh":
            commands += [line for line in text.splitlines() if line.strip()]
        elif title:
            target = project.path / title
            target.parent.mkdir(parents=True, exist_ok=True)
            mode = "a" if title.endswith("settings.py") else "w"
            with target.open(mode, encoding="utf-8") as handle:
                handle.write("\n" + text)
    ran = []
    for line in commands:
        run_command(project, line)
        ran.append(line.split()[0:3])
    assert ["pytest"] in ran and ["python", "manage.py", "runserver"] in ran
    assert_valid(yaml.safe_load((project.path / "asyncapi.yaml").read_text()))


# Theme names in the samples → the distribution that provides them (None: built in).
THEMES = {"furo": "furo", "material": "mkdocs-material", "alabaster": None, "mkdocs": None}


def test_themes_in_samples_come_with_the_extra_their_page_names():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    optional = pyproject["project"]["optional-dependencies"]
    for page, sample, pattern in (
        ("sphinx.md", "sphinx/conf.py", r'html_theme = "([\w-]+)"'),
        ("mkdocs.md", "mkdocs/mkdocs.yml", r"theme:\n  name: ([\w-]+)"),
    ):
        text = (ROOT / "docs" / "pages" / page).read_text(encoding="utf-8")
        extra = re.search(r"Install the `(\w+)` extra", text)[1]
        theme = re.search(pattern, (SNIPPETS / sample).read_text(encoding="utf-8"))[1]
        distribution = THEMES[theme]
        requirements = [re.split(r"[<>=\[ ]", r)[0].lower() for r in optional[extra]]
        assert distribution is None or distribution in requirements, (page, theme, extra)
