"""``manage.py export_asyncapi``: write the AsyncAPI 3.0 document to a file or stdout.

Exit codes:
  0  written (or, with --check, already up to date)
  1  --check: the output file is missing or stale (a unified diff is printed)
  2  invalid options
  3  the document cannot be produced (imports, consumers, generation) or written
  4  --validate found problems, or --fail-on-warn saw warnings; nothing is written
"""

from __future__ import annotations

import difflib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

EXIT_STALE, EXIT_USAGE, EXIT_FAILED, EXIT_INVALID = 1, 2, 3, 4
# {{ WS_HOST }} / {{ ws_host }}: django-channels-spectacular templates use the lowercase form.
TEMPLATE_VAR = re.compile(r"\{\{\s*(WS_HOST|WS_PROTOCOL)\s*\}\}", re.IGNORECASE)


class Command(BaseCommand):
    help = "Export the AsyncAPI 3.0 document of your Channels consumers."
    # The command reports its own problems; the system checks would generate a second time.
    requires_system_checks: list[str] = []
    epilog = (
        "Exit codes: 0 written or up to date; 1 --check found the file stale; 2 invalid "
        "options; 3 generation or writing failed; 4 --validate problems or --fail-on-warn."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.epilog = self.epilog
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        source = parser.add_mutually_exclusive_group()
        source.add_argument(
            "--consumer",
            action="append",
            metavar="DOTTED.PATH[:/ws/path/]",
            help="consumer to document (repeatable); without a path, CHANNEL_PATH is used",
        )
        source.add_argument(
            "--template",
            metavar="FILE",
            help="an AsyncAPI file with {{ WS_HOST }} / {{ WS_PROTOCOL }} placeholders (any case)",
        )
        parser.add_argument(
            "-o",
            "--output",
            "--file",
            dest="output",
            default="asyncapi.yaml",
            help="output file (default asyncapi.yaml; '-' for stdout)",
        )
        parser.add_argument("--host", help="server host[:port] (default from settings)")
        parser.add_argument("--protocol", choices=("ws", "wss"), help="server protocol")
        parser.add_argument(
            "--format", choices=("yaml", "json"), help="default: from the output suffix, else yaml"
        )
        parser.add_argument(
            "--validate",
            action="store_true",
            help="check against the AsyncAPI 3.0 JSON Schema, refs, parameters and examples",
        )
        parser.add_argument("--fail-on-warn", action="store_true", help="exit 4 on any warning")
        parser.add_argument(
            "--check",
            action="store_true",
            help="write nothing; exit 1 with a diff when the output file is stale",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["check"] and options["output"] == "-":
            raise CommandError("--check compares with a file: give -o FILE.", returncode=EXIT_USAGE)
        fmt = options["format"] or _format_for(options["output"])
        spec, warnings = self.produce(options)
        self.report(warnings, options["fail_on_warn"])
        if options["validate"]:
            self.validate(spec)
        text = _render(spec, fmt)
        output = options["output"]
        if options["check"]:
            self.compare(Path(output), text)
        elif output == "-":
            self.stdout.write(text, ending="")
        else:
            write_atomic(Path(output), text)
            self.stderr.write(f"Wrote {output}")

    def produce(self, options: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
        """The document and its warnings, from a template or from the consumers."""
        if options["template"]:
            return self.from_template(options), []
        from channels_spectacular.diagnostics import GenerationError

        try:
            generator = self.generator(options)
            spec = generator.get_spec()
        except GenerationError as exc:
            # The first line sums up; each following line names a Class.method at fault.
            summary, *details = str(exc).splitlines()
            for line in details:
                self.stderr.write(line.strip())
            raise CommandError(summary, returncode=EXIT_FAILED) from exc
        except (ValueError, ImportError, TypeError) as exc:
            raise CommandError(_one_line(exc), returncode=EXIT_FAILED) from exc
        return spec, [str(d) for d in generator.diagnostics.warnings]

    def generator(self, options: dict[str, Any]) -> Any:
        from channels_spectacular.config import GenerationConfig
        from channels_spectacular.endpoints import single_endpoint
        from channels_spectacular.generator import AsyncAPIGenerator

        endpoints = [
            single_endpoint(dotted, path or None, "--consumer")
            for dotted, _, path in (value.partition(":") for value in options["consumer"] or ())
        ]
        config = GenerationConfig.from_settings(
            consumers=endpoints or None, host=options["host"], protocol=options["protocol"]
        )
        return AsyncAPIGenerator(config=config)

    def from_template(self, options: dict[str, Any]) -> dict[str, Any]:
        """The template with its placeholders filled and every payload titled."""
        import yaml

        from channels_spectacular.config import default_servers

        server = default_servers(options["host"], options["protocol"])["default"]
        values = {"WS_HOST": server["host"], "WS_PROTOCOL": server["protocol"]}
        try:
            source = Path(options["template"]).read_text(encoding="utf-8")
            spec = yaml.safe_load(TEMPLATE_VAR.sub(lambda m: values[m.group(1).upper()], source))
        except (OSError, yaml.YAMLError) as exc:
            raise CommandError(
                f"Cannot read template {options['template']}: {_one_line(exc)}",
                returncode=EXIT_FAILED,
            ) from exc
        if not isinstance(spec, dict):
            raise CommandError(
                f"Template {options['template']} is not an AsyncAPI mapping.",
                returncode=EXIT_FAILED,
            )
        title_payloads(spec)
        return spec

    def report(self, warnings: list[str], fail: bool) -> None:
        for line in warnings:
            self.stderr.write(line)
        if warnings and fail:
            raise CommandError(
                f"{len(warnings)} warning(s) and --fail-on-warn; nothing written.",
                returncode=EXIT_INVALID,
            )

    def validate(self, spec: dict[str, Any]) -> None:
        from channels_spectacular.validation import validate_spec

        try:
            problems = validate_spec(spec)
        except RuntimeError as exc:  # the JSON Schema or jsonschema is missing
            raise CommandError(str(exc), returncode=EXIT_FAILED) from exc
        for problem in problems:
            self.stderr.write(f"INVALID: {problem}")
        if problems:
            raise CommandError(
                f"--validate found {len(problems)} problem(s); nothing written.",
                returncode=EXIT_INVALID,
            )
        self.stderr.write("Validation passed: AsyncAPI 3.0 JSON Schema and semantic checks.")

    def compare(self, path: Path, text: str) -> None:
        """``--check``: nothing to do when equal, else a unified diff and exit 1."""
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if current == text:
            self.stderr.write(f"{path} is up to date.")
            return
        diff = difflib.unified_diff(
            current.splitlines(keepends=True),
            text.splitlines(keepends=True),
            fromfile=f"{path} (current)",
            tofile=f"{path} (generated)",
        )
        self.stdout.write("".join(diff), ending="")
        state = "is stale" if path.is_file() else "does not exist"
        raise CommandError(
            f"{path} {state}: run export_asyncapi to update it.", returncode=EXIT_STALE
        )


def title_payloads(spec: dict[str, Any]) -> None:
    """Title each untitled inline payload as the generator does, so code generators name types."""
    components = spec.get("components") or {}
    for key, message in (components.get("messages") or {}).items():
        _title(message, key)
    for channel in (spec.get("channels") or {}).values():
        for key, message in ((channel or {}).get("messages") or {}).items():
            _title(message, key)


def _title(message: Any, key: str) -> None:
    if not isinstance(message, dict):
        return
    payload = message.get("payload")
    from channels_spectacular.naming import message_model

    if isinstance(payload, dict) and "title" not in payload and "$ref" not in payload:
        # The message's name in TitleCase (request_ride → RequestRide), as templates written
        # for django-channels-spectacular expect, so code generators name the type well.
        payload["title"] = message_model(str(message.get("name") or key))


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a failure leaves the old file intact."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, _mode(path))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise CommandError(f"Cannot write {path}: {exc}", returncode=EXIT_FAILED) from exc


def _mode(path: Path) -> int:
    # Keep the old file's mode; new files get the usual umask-based mode, not mkstemp's 0600.
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _render(spec: dict[str, Any], fmt: str) -> str:
    from channels_spectacular.render import to_json, to_yaml

    return to_json(spec) if fmt == "json" else to_yaml(spec)


def _format_for(output: str) -> str:
    return "json" if output.lower().endswith(".json") else "yaml"


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
