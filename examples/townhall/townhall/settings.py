"""Settings of the townhall example: Django + Channels, no database, in-memory channel layer."""

SECRET_KEY = "townhall-example-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.staticfiles",
    "channels",
    "channels_spectacular",
    "townhall",
]

ROOT_URLCONF = "townhall.urls"
ASGI_APPLICATION = "townhall.asgi.application"
CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES: dict[str, dict[str, str]] = {}
USE_TZ = True
STATIC_URL = "/static/"

CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Townhall WebSocket API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Debates, chat rooms, notifications and a live feed. Each consumer has its own "
        "frame format: some frames name what they are in a field, some do not, some are "
        "plain text or binary."
    ),
    # The project-wide defaults; ChatConsumer and DebateConsumer choose their own keys.
    "ACTION_KEY": "action",
    "EVENT_KEY": "type",
}
