from django.urls import include, path
from rideshare.consumers import DriverConsumer, RideConsumer

from channels_spectacular.views import (
    AsyncAPIDocView,
    AsyncAPISpecView,
)

urlpatterns = [
    # The defaults: every consumer, from settings or discovery.
    path("ws-docs/", include("channels_spectacular.urls")),
    # One document per consumer...
    path(
        "ws-docs/riders.yaml",
        AsyncAPISpecView.as_view(
            consumer=RideConsumer,
            channel_path="/ws/rides/{ride_id}/",
            info={"title": "Rider API", "version": "2.1.0"},
        ),
        name="riders-schema",
    ),
    path(
        "ws-docs/drivers.yaml",
        AsyncAPISpecView.as_view(
            consumers=[
                (DriverConsumer, "/ws/drivers/{driver_id}/")
            ],
            servers={
                "production": {
                    "host": "api.example.com",
                    "protocol": "wss",
                }
            },
        ),
        name="drivers-schema",
    ),
    # ...and a page that switches between them.
    path(
        "ws-docs/by-role/",
        AsyncAPIDocView.as_view(
            specs=[
                ("Riders", "riders-schema"),
                ("Drivers", "drivers-schema"),
            ],
            title="Rideshare APIs",
        ),
    ),
]
