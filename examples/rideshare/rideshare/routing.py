"""WebSocket routes."""

from django.urls import path, re_path

from . import consumers, support

websocket_urlpatterns = [
    path("ws/rides/<int:ride_id>/", consumers.RideConsumer.as_asgi()),
    re_path(r"^ws/drivers/(?P<driver_id>[-\w]+)/$", consumers.DriverConsumer.as_asgi()),
    path("ws/account/", consumers.AccountConsumer.as_asgi()),
    # Undecorated: documented by inference, as a draft (docs/pages/inference.md).
    path("ws/support/", support.SupportConsumer.as_asgi()),
]
