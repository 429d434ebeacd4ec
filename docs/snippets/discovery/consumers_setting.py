# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    "CONSUMERS": [
        (
            "rideshare.consumers.RideConsumer",
            "/ws/rides/{ride_id}/",
        ),
        (
            "rideshare.consumers.DriverConsumer",
            "/ws/drivers/{driver_id}/",
            {
                "driver_id": {
                    "description": "The driver's public handle.",
                    "examples": ["ada-7"],
                }
            },
        ),
    ],
}
# --8<-- [end:settings]

# --8<-- [start:generator]
from channels_spectacular import AsyncAPIGenerator  # noqa: E402

generator = AsyncAPIGenerator.from_settings()
# --8<-- [end:generator]
