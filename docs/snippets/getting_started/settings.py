# The parts of settings.py that channels-spectacular needs.

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",  # the viewer's JS and CSS
    "channels",
    "channels_spectacular",
    "chat",
]

ASGI_APPLICATION = (
    "mysite.asgi.application"  # where consumers are discovered
)

CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Chat WebSocket API",
    "VERSION": "1.0.0",
    "DESCRIPTION": "Join a room, post messages, read the others.",
}
