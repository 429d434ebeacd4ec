from dataclasses import dataclass
from typing import Any

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import AsyncAPIGenerator, document_action
from channels_spectacular.schema import (
    SchemaContext,
    register_converter,
)


# --8<-- [start:converter]
class SelfDescribingConverter:
    """Classes with a json_schema() classmethod."""

    def matches(self, obj: Any) -> bool:
        return isinstance(obj, type) and callable(
            getattr(obj, "json_schema", None)
        )

    def convert(
        self, obj: Any, ctx: SchemaContext
    ) -> dict[str, Any]:
        # A component, built once per class; callers get a $ref.
        return ctx.components.named(
            obj, obj.__name__, obj.json_schema, ctx.location
        )

    def convert_root(
        self, obj: Any, ctx: SchemaContext
    ) -> dict[str, Any]:
        # Optional: as a message payload, written inline.
        return ctx.components.inline(
            obj, obj.__name__, obj.json_schema, ctx.location
        )


converter = register_converter(SelfDescribingConverter())
# --8<-- [end:converter]


# --8<-- [start:usage]
class Money:
    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {
                "amount": {
                    "type": "string",
                    "pattern": r"^\d+\.\d{2}$",
                },
                "currency": {
                    "type": "string",
                    "minLength": 3,
                    "maxLength": 3,
                },
            },
            "required": ["amount", "currency"],
        }


@dataclass
class Transfer:
    to: str
    # Nested: the dataclass converter asks ours for Money.
    amount: Money


class WalletConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Top up the wallet", payload=Money)
    async def handle_top_up(self, content): ...

    @document_action(
        summary="Send money to someone", payload=Transfer
    )
    async def handle_transfer(self, content): ...


# --8<-- [end:usage]


generator = AsyncAPIGenerator(
    WalletConsumer, channel_path="/ws/wallet/"
)
