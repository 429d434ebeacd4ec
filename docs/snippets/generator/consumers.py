from typing import TypedDict

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from channels_spectacular import document_action, document_event


class Ping(TypedDict):
    sent_at: float


class ClockConsumer(AsyncJsonWebsocketConsumer):
    """Server time, on demand."""

    @document_action(
        summary="Ask for the time",
        payload=Ping,
        responses={"clock.time": None},
    )
    async def handle_ask(self, content): ...

    @document_event(
        "clock.time", summary="The server time", payload=Ping
    )
    async def clock_time(self, event): ...


class AlarmConsumer(AsyncJsonWebsocketConsumer):
    """Alarms."""

    @document_event("alarm.rang", summary="An alarm rang")
    async def alarm_rang(self, event): ...
