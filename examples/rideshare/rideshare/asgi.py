"""ASGI entry point: HTTP through Django, WebSockets through the Channels router."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rideshare.settings")
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from channels_spectacular.console import ConsoleMiddleware  # noqa: E402

from .routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # ConsoleMiddleware: the docs console can ask for a documented event (DEBUG or staff).
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(ConsoleMiddleware(URLRouter(websocket_urlpatterns)))
        ),
    }
)
