# The parts of settings.py that channels-spectacular needs.

INSTALLED_APPS = [
    "daphne",  # first: `runserver` serves HTTP and WebSockets
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.staticfiles",
    "channels",
    "channels_spectacular",
    "chat",
]

# Where daphne finds the ASGI application, and where
# channels-spectacular discovers the routed consumers.
ASGI_APPLICATION = "mysite.asgi.application"

# One process: in memory. Several: channels_redis.
CHANNEL_LAYERS = {
    "default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}
}

CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Chat WebSocket API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Join a room, post messages, read the others.",
}
