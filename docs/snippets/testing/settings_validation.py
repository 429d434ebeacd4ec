# --8<-- [start:settings]
CHANNELS_SPECTACULAR_SETTINGS = {
    # "off" (default), "log" (log, handle anyway) or "error"
    "VALIDATE_MESSAGES": "error",
}
# --8<-- [end:settings]

# --8<-- [start:generator]
from channels_spectacular import AsyncAPIGenerator  # noqa: E402

from .consumers import ValidatedChatConsumer  # noqa: E402

generator = AsyncAPIGenerator(
    ValidatedChatConsumer, channel_path="/ws/chat/{room}/"
)
# --8<-- [end:generator]
