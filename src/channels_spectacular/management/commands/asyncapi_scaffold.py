"""``manage.py asyncapi_scaffold app.consumers.Chat``: print decorator code for a consumer.

The messages inference finds in the consumer's source, as ``TypedDict`` payloads and the
decorators to paste above the class: a first draft to check and refine.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Print draft documentation decorators for a consumer, inferred from its source."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("consumers", nargs="+", help="dotted paths of consumer classes")

    def handle(self, *args: Any, **options: Any) -> None:
        from channels_spectacular.config import envelope_for
        from channels_spectacular.endpoints import import_consumer
        from channels_spectacular.inference import infer
        from channels_spectacular.inference.scaffold import scaffold

        blocks = []
        for dotted in options["consumers"]:
            try:
                consumer = import_consumer(dotted, "asyncapi_scaffold")
            except ValueError as exc:
                raise CommandError(str(exc)) from exc
            model = infer(consumer, envelope_for(consumer).action_key)
            if not model.messages:
                raise CommandError(
                    f"{dotted}: inference found no frames in its source (no receive_json, "
                    "receive or send calls it can read); document it by hand."
                )
            blocks.append(scaffold(model))
            for note in model.notes:
                self.stderr.write(f"note: {note}")
        self.stdout.write("\n\n".join(blocks), ending="")
