"""HTTP routes: the admin and the WebSocket API docs.

``/ws-docs/`` documents every consumer discovered in the ASGI routing;
``/ws-docs/by-role/`` switches between one spec per consumer (the choice stays in the URL).
"""

from django.contrib import admin
from django.urls import include, path

from channels_spectacular.views import AsyncAPIDocView, AsyncAPISpecView

from .consumers import DriverConsumer, RideConsumer

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ws-docs/", include("channels_spectacular.urls")),
    path(
        "ws-docs/riders.yaml",
        AsyncAPISpecView.as_view(consumers=[(RideConsumer, "/ws/rides/{ride_id}/")]),
        name="riders-schema",
    ),
    path(
        "ws-docs/drivers.yaml",
        AsyncAPISpecView.as_view(consumers=[(DriverConsumer, "/ws/drivers/{driver_id}/")]),
        name="drivers-schema",
    ),
    path(
        "ws-docs/by-role/",
        AsyncAPIDocView.as_view(specs=[("Riders", "riders-schema"), ("Drivers", "drivers-schema")]),
        name="docs-by-role",
    ),
]
