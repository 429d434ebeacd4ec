# --8<-- [start:example]
from channels_spectacular import AsyncAPIGenerator

from .consumers import AlarmConsumer, ClockConsumer

generator = AsyncAPIGenerator(
    consumers=[
        (ClockConsumer, "/ws/clock/"),
        (
            "myproject.generator.consumers.AlarmConsumer",
            "/ws/alarms/{zone}/",
        ),
    ],
    info={"title": "Time API", "version": "1.0.0"},
)
# --8<-- [end:example]

assert AlarmConsumer  # the dotted path above names the same class
