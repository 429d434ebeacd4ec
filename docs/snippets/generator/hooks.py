# --8<-- [start:hooks]
def skip_internal(endpoints):
    """PREPROCESSING_HOOKS: leave out /ws/internal/ consumers."""
    return [
        e
        for e in endpoints
        if not e.path.startswith("/ws/internal/")
    ]


def add_terms(result, generator, **kwargs):
    """POSTPROCESSING_HOOKS: edit the finished document."""
    result["info"]["termsOfService"] = "https://example.com/terms"
    return result


# --8<-- [end:hooks]


# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    "PREPROCESSING_HOOKS": [
        "myproject.generator.hooks.skip_internal"
    ],
    "POSTPROCESSING_HOOKS": ["myproject.generator.hooks.add_terms"],
}
# --8<-- [end:settings]

from channels_spectacular import AsyncAPIGenerator  # noqa: E402

from .consumers import AlarmConsumer, ClockConsumer  # noqa: E402

generator = AsyncAPIGenerator(
    consumers=[
        (ClockConsumer, "/ws/clock/"),
        (AlarmConsumer, "/ws/internal/alarms/"),
    ]
)
