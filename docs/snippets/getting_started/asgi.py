import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mysite.settings")
# Set Django up before importing consumers (they may use models).
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import (  # noqa: E402
    ProtocolTypeRouter,
    URLRouter,
)
from chat.routing import websocket_urlpatterns  # noqa: E402

from channels_spectacular.console import (  # noqa: E402
    ConsoleMiddleware,
)

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AuthMiddlewareStack(
            ConsoleMiddleware(URLRouter(websocket_urlpatterns))
        ),
    }
)
