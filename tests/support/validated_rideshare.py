"""The rideshare example's routing with runtime validation on every consumer.

Served by daphne in ``tests/test_redis_example.py``: the same consumers as the example,
each behind ``ValidateMessagesMixin`` (``VALIDATE_MESSAGES`` is ``"error"`` there).
"""

import copy

from channels.auth import AuthMiddlewareStack
from channels.routing import ProtocolTypeRouter, URLRouter
from channels.security.websocket import AllowedHostsOriginValidator
from rideshare.asgi import django_asgi_app
from rideshare.routing import websocket_urlpatterns

from channels_spectacular.runtime import ValidateMessagesMixin


def validated(route):
    """The same route, its consumer subclassed with the validation mixin."""
    consumer = route.callback.consumer_class
    subclass = type(consumer.__name__, (ValidateMessagesMixin, consumer), {})
    route = copy.copy(route)
    route.callback = subclass.as_asgi()
    return route


application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter([validated(r) for r in websocket_urlpatterns]))
        ),
    }
)
