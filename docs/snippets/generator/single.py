# --8<-- [start:example]
from channels_spectacular import AsyncAPIGenerator

from .consumers import ClockConsumer

generator = AsyncAPIGenerator(
    ClockConsumer,
    channel_path="/ws/clock/",
    info={"title": "Clock API", "version": "1.2.0"},
    servers={
        "production": {
            "host": "clock.example.com",
            "protocol": "wss",
        }
    },
)

spec = generator.get_spec()  # a dict (a fresh copy on every call)
text = generator.get_yaml()  # YAML text
data = (
    generator.get_json()
)  # JSON text; get_json(indent=None) for one line
# --8<-- [end:example]
