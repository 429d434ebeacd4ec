"""Settings of the rideshare example: Django + Channels, SQLite, channels_redis or in memory."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "rideshare-example-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "channels",
    "channels_spectacular",
    "rideshare",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
]

ROOT_URLCONF = "rideshare.urls"
ASGI_APPLICATION = "rideshare.asgi.application"
# As production Channels runs: channels_redis when REDIS_URL is set (several processes
# share groups), else in memory (one process).
REDIS_URL = os.environ.get("REDIS_URL")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
STATIC_URL = "/static/"

CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Rideshare WebSocket API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Riders request rides and follow them live; drivers share their position and "
        "accept ride offers. Every frame is a JSON object: clients name an `action`, "
        "the server names the event `type`."
    ),
    "INFO": {
        "contact": {"name": "Rideshare platform team", "email": "platform@example.com"},
        "license": {"name": "BSD-3-Clause"},
    },
    # The try-it-out console on /ws-docs/ (make demo).
    "TRY_IT_OUT_ENABLED": True,
}
