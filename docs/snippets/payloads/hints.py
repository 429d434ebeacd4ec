import enum
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Annotated, Any, Literal, TypedDict
from uuid import UUID

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import models

from channels_spectacular import AsyncAPIGenerator, document_action


# --8<-- [start:example]
class Priority(enum.IntEnum):
    LOW = 1
    HIGH = 2


class Status(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class TaskChange(TypedDict):
    id: UUID
    title: Annotated[str, "Shown in lists."]
    due: datetime | None
    budget: Decimal
    estimate: timedelta
    status: Status
    priority: Priority
    size: Literal["S", "M", "L"]
    labels: set[str]
    position: tuple[float, float]
    votes: dict[str, int]
    extra: Any


class TaskConsumer(AsyncJsonWebsocketConsumer):
    @document_action(summary="Change a task", payload=TaskChange)
    async def handle_change(self, content): ...

    @document_action(summary="Set the labels", payload=list[str])
    async def handle_set_labels(self, content): ...


# --8<-- [end:example]


generator = AsyncAPIGenerator(
    TaskConsumer, channel_path="/ws/tasks/"
)
