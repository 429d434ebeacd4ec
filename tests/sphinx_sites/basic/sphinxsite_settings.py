"""Django settings of the Sphinx test site."""

SECRET_KEY = "sphinx-test-site-not-secret"
INSTALLED_APPS = ["django.contrib.contenttypes", "channels", "channels_spectacular"]
DATABASES = {}
USE_TZ = True
CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "Sphinx test API",
    "CONSUMERS": [
        ("sphinxsite_consumers.ChatConsumer", "/ws/chat/{room}/"),
        ("sphinxsite_consumers.EvilConsumer", "/ws/evil/"),
    ],
}
