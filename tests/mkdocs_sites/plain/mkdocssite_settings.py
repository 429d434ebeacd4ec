"""Django settings of the MkDocs test site."""

SECRET_KEY = "mkdocs-test-site-not-secret"
INSTALLED_APPS = ["django.contrib.contenttypes", "channels", "channels_spectacular"]
DATABASES = {}
USE_TZ = True
CHANNELS_SPECTACULAR_SETTINGS = {
    "TITLE": "MkDocs test API",
    "CONSUMERS": [
        ("mkdocssite_consumers.GreeterConsumer", "/ws/lobby/{lobby}/"),
        ("mkdocssite_consumers.EvilConsumer", "/ws/evil/"),
    ],
}
